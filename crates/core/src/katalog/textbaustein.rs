//! Textbausteine: sentences in the committing voice of a strategy, with a closed set of
//! named placeholders. Rendering with a missing value is an error, never an empty gap.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// The placeholders a Textbaustein may use (see `catalog/FORMAT.md`).
pub const PLATZHALTER: [&str; 3] = ["kommune", "jahr", "federfuehrung"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Textbaustein {
    pub text: String,
    #[serde(default)]
    pub fussnoten: Vec<String>,
}

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Teil<'a> {
    Text(&'a str),
    Platzhalter(&'a str),
}

fn zerlegen<'a>(field: &str, text: &'a str) -> Result<Vec<Teil<'a>>, FieldError> {
    let mut teile = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(FieldError::new(field, "err-platzhalter-klammer"));
        }
        let (vor, nach) = rest.split_at(open);
        if !vor.is_empty() {
            teile.push(Teil::Text(vor));
        }
        let close = nach
            .find('}')
            .ok_or_else(|| FieldError::new(field, "err-platzhalter-klammer"))?;
        let name = &nach[1..close];
        if !PLATZHALTER.contains(&name) {
            return Err(FieldError::new(field, "err-platzhalter-unbekannt").arg("name", name));
        }
        teile.push(Teil::Platzhalter(name));
        rest = &nach[close + 1..];
    }
    if !rest.is_empty() {
        teile.push(Teil::Text(rest));
    }
    Ok(teile)
}

/// Checks that a text uses only known placeholders and balanced braces.
pub fn pruefen(field: &str, text: &str) -> Result<Vec<&'static str>, FieldError> {
    let teile = zerlegen(field, text)?;
    let mut namen: Vec<&'static str> = Vec::new();
    for t in teile {
        if let Teil::Platzhalter(n) = t
            && let Some(p) = PLATZHALTER.iter().find(|p| **p == n)
            && !namen.contains(p)
        {
            namen.push(p);
        }
    }
    Ok(namen)
}

/// The values to fill in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Werte {
    pub kommune: Option<String>,
    pub jahr: Option<i32>,
    pub federfuehrung: Option<String>,
}

/// Fills in the placeholders; a placeholder without a value is an error naming it.
pub fn rendern(text: &str, werte: &Werte) -> Result<String, FieldError> {
    let mut out = String::with_capacity(text.len() + 32);
    for t in zerlegen("text", text)? {
        match t {
            Teil::Text(s) => out.push_str(s),
            Teil::Platzhalter(name) => {
                let v = match name {
                    "kommune" => werte.kommune.clone(),
                    "jahr" => werte.jahr.map(|j| j.to_string()),
                    _ => werte.federfuehrung.clone(),
                };
                match v.filter(|v| !v.trim().is_empty()) {
                    Some(v) => out.push_str(&v),
                    None => return Err(FieldError::new(name, "err-platzhalter-fehlt").arg("name", name)),
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn werte() -> Werte {
        Werte {
            kommune: Some("Verbandsgemeinde Altenwald".into()),
            jahr: Some(2028),
            federfuehrung: Some("Fachbereich 1".into()),
        }
    }

    #[test]
    fn renders_all_placeholders() {
        let t = "{kommune} richtet bis {jahr} ein Bürgerportal ein; {federfuehrung} leitet, {kommune} zahlt.";
        assert_eq!(
            rendern(t, &werte()).unwrap(),
            "Verbandsgemeinde Altenwald richtet bis 2028 ein Bürgerportal ein; Fachbereich 1 leitet, Verbandsgemeinde Altenwald zahlt."
        );
        assert_eq!(pruefen("t", t).unwrap(), ["kommune", "jahr", "federfuehrung"]);
    }

    #[test]
    fn a_missing_value_is_an_error_not_a_gap() {
        let mut w = werte();
        w.federfuehrung = None;
        let e = rendern("Es leitet {federfuehrung}.", &w).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_str()),
            ("err-platzhalter-fehlt", "federfuehrung")
        );
        w.kommune = Some("  ".into());
        assert!(rendern("{kommune}", &w).is_err());
    }

    #[test]
    fn unknown_placeholders_and_stray_braces_are_rejected() {
        assert_eq!(
            pruefen("t", "{gemeinde} macht").unwrap_err().code,
            "err-platzhalter-unbekannt"
        );
        assert_eq!(
            pruefen("t", "offen { ohne Ende").unwrap_err().code,
            "err-platzhalter-klammer"
        );
        assert_eq!(
            pruefen("t", "nur } zu").unwrap_err().code,
            "err-platzhalter-klammer"
        );
        assert!(pruefen("t", "ganz ohne").unwrap().is_empty());
    }
}
