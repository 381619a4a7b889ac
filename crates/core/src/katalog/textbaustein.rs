//! Textbausteine: sentences in the committing voice of a strategy, with a closed set of
//! grammatical slots (see `catalog/FORMAT.md`), so that one text reads right for one
//! Kommune and for several:
//!
//! - `{kommune}`, `{kommune_gen}`, `{kommune_dat}`, `{kommune_akk}`: the Kommune(n) with
//!   article in a case ("die Verbandsgemeinde A", "den Verbandsgemeinden A und B");
//! - `{rat}`, `{rat_gen}`, `{rat_dat}`, `{rat_akk}`: the council(s), per Kommune where
//!   there are several;
//! - a capital first letter (`{Kommune}`, `{Rat_dat}`) for the start of a sentence;
//! - `{jahr}`: the target year;
//! - `{federfuehrung}`: the lead as entered, only after a colon ("Federführung:
//!   {federfuehrung}."), because a free text cannot agree with anything;
//! - `{einzahl|mehrzahl}`: the singular or plural form, by the number of Kommunen
//!   ("{Kommune} {richtet|richten} … ein").
//!
//! Rendering with a missing value is an error, never an empty gap.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::sprache::{Fall, Nominal, Numerus, gross};

/// The named slots a Textbaustein may use, in lower case.
pub const PLATZHALTER: [&str; 10] = [
    "kommune",
    "kommune_gen",
    "kommune_dat",
    "kommune_akk",
    "rat",
    "rat_gen",
    "rat_dat",
    "rat_akk",
    "jahr",
    "federfuehrung",
];

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
    /// A named slot (lower case) and whether its value starts with a capital.
    Platzhalter(&'static str, bool),
    /// Singular and plural form.
    Wahl(&'a str, &'a str),
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
        let inhalt = &nach[1..close];
        if inhalt.contains('{') {
            return Err(FieldError::new(field, "err-platzhalter-klammer"));
        }
        teile.push(teil(field, inhalt)?);
        rest = &nach[close + 1..];
    }
    if !rest.is_empty() {
        teile.push(Teil::Text(rest));
    }
    Ok(teile)
}

fn teil<'a>(field: &str, inhalt: &'a str) -> Result<Teil<'a>, FieldError> {
    if let Some((einzahl, mehrzahl)) = inhalt.split_once('|') {
        if mehrzahl.contains('|') || (einzahl.trim().is_empty() && mehrzahl.trim().is_empty()) {
            return Err(FieldError::new(field, "err-platzhalter-unbekannt").arg("name", inhalt));
        }
        return Ok(Teil::Wahl(einzahl, mehrzahl));
    }
    let gross = inhalt.chars().next().is_some_and(char::is_uppercase);
    let klein = if gross {
        crate::sprache::klein(inhalt)
    } else {
        inhalt.to_owned()
    };
    PLATZHALTER
        .iter()
        .find(|p| **p == klein)
        .map(|p| Teil::Platzhalter(p, gross))
        .ok_or_else(|| FieldError::new(field, "err-platzhalter-unbekannt").arg("name", inhalt))
}

/// Checks a text: known slots, balanced braces, and `{federfuehrung}` only after a
/// colon. Returns the named slots used (lower case, each once).
pub fn pruefen(field: &str, text: &str) -> Result<Vec<&'static str>, FieldError> {
    let teile = zerlegen(field, text)?;
    let mut namen: Vec<&'static str> = Vec::new();
    let mut davor = "";
    for t in teile {
        match t {
            Teil::Platzhalter(n, _) => {
                if n == "federfuehrung" && !davor.trim_end().ends_with(':') {
                    return Err(FieldError::new(field, "err-platzhalter-federfuehrung"));
                }
                if !namen.contains(&n) {
                    namen.push(n);
                }
                davor = "";
            }
            Teil::Text(s) => davor = s,
            Teil::Wahl(..) => davor = "",
        }
    }
    Ok(namen)
}

/// The values to fill in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Werte {
    /// The Kommune(n); their number also picks `{einzahl|mehrzahl}`.
    pub kommune: Option<Nominal>,
    pub rat: Option<Nominal>,
    pub jahr: Option<i32>,
    pub federfuehrung: Option<String>,
}

fn fall(name: &str) -> Fall {
    match name.rsplit_once('_').map(|x| x.1) {
        Some("gen") => Fall::Genitiv,
        Some("dat") => Fall::Dativ,
        Some("akk") => Fall::Akkusativ,
        _ => Fall::Nominativ,
    }
}

/// Fills in the slots; a slot without a value is an error naming it. The text starts
/// with a capital letter whatever fills its first slot.
pub fn rendern(text: &str, werte: &Werte) -> Result<String, FieldError> {
    let numerus = werte.kommune.as_ref().map_or(Numerus::Singular, |k| k.numerus);
    let mut out = String::with_capacity(text.len() + 64);
    for t in zerlegen("text", text)? {
        match t {
            Teil::Text(s) => out.push_str(s),
            Teil::Wahl(einzahl, mehrzahl) => out.push_str(numerus.waehle(einzahl, mehrzahl)),
            Teil::Platzhalter(name, gross_anfang) => {
                let v = match name.split('_').next() {
                    Some("kommune") => werte.kommune.as_ref().map(|k| k.im(fall(name)).to_owned()),
                    Some("rat") => werte.rat.as_ref().map(|r| r.im(fall(name)).to_owned()),
                    Some("jahr") => werte.jahr.map(|j| j.to_string()),
                    _ => werte.federfuehrung.clone(),
                };
                match v.filter(|v| !v.trim().is_empty()) {
                    Some(v) if gross_anfang => out.push_str(&gross(&v)),
                    Some(v) => out.push_str(&v),
                    None => return Err(FieldError::new(name, "err-platzhalter-fehlt").arg("name", name)),
                }
            }
        }
    }
    Ok(gross(&out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kommune::KommuneArt;
    use crate::sprache::{Gebiet, kommunen, rat};

    fn werte(gebiete: &[Gebiet<'_>]) -> Werte {
        Werte {
            kommune: kommunen(gebiete),
            rat: Some(rat(gebiete)),
            jahr: Some(2028),
            federfuehrung: Some("Fachbereich 1".into()),
        }
    }

    const A: Gebiet<'static> = Gebiet {
        name: "Altenwald",
        art: Some(KommuneArt::Verbandsgemeinde),
    };
    const B: Gebiet<'static> = Gebiet {
        name: "Birkenau",
        art: Some(KommuneArt::Verbandsgemeinde),
    };
    const C: Gebiet<'static> = Gebiet {
        name: "Cochem-Zell",
        art: Some(KommuneArt::Landkreis),
    };

    const TEXT: &str = "{Kommune} {richtet|richten} bis {jahr} ein Bürgerportal ein. Federführung: \
                        {federfuehrung}. In {kommune_dat} {wird|werden} {rat} jährlich berichtet.";

    #[test]
    fn eine_kommune() {
        assert_eq!(
            rendern(TEXT, &werte(&[A])).unwrap(),
            "Die Verbandsgemeinde Altenwald richtet bis 2028 ein Bürgerportal ein. Federführung: \
             Fachbereich 1. In der Verbandsgemeinde Altenwald wird der Verbandsgemeinderat jährlich berichtet."
        );
        assert_eq!(
            pruefen("t", TEXT).unwrap(),
            ["kommune", "jahr", "federfuehrung", "kommune_dat", "rat"]
        );
    }

    #[test]
    fn mehrere_kommunen_in_der_mehrzahl() {
        assert_eq!(
            rendern(TEXT, &werte(&[A, B])).unwrap(),
            "Die Verbandsgemeinden Altenwald und Birkenau richten bis 2028 ein Bürgerportal ein. \
             Federführung: Fachbereich 1. In den Verbandsgemeinden Altenwald und Birkenau werden der \
             Verbandsgemeinderat Altenwald und der Verbandsgemeinderat Birkenau jährlich berichtet."
        );
        let t = rendern(
            "{Rat_dat} legt {kommune} vor, {kommune_gen} Ziel.",
            &werte(&[A, C]),
        )
        .unwrap();
        assert_eq!(
            t,
            "Dem Verbandsgemeinderat Altenwald und dem Kreistag Cochem-Zell legt die Verbandsgemeinde \
             Altenwald und der Landkreis Cochem-Zell vor, der Verbandsgemeinde Altenwald und des \
             Landkreises Cochem-Zell Ziel."
        );
    }

    #[test]
    fn der_text_beginnt_gross() {
        assert_eq!(
            rendern("{kommune} beginnt.", &werte(&[C])).unwrap(),
            "Der Landkreis Cochem-Zell beginnt."
        );
    }

    #[test]
    fn a_missing_value_is_an_error_not_a_gap() {
        let mut w = werte(&[A]);
        w.federfuehrung = None;
        let e = rendern("Federführung: {federfuehrung}.", &w).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_str()),
            ("err-platzhalter-fehlt", "federfuehrung")
        );
        w.rat = None;
        assert_eq!(rendern("{Rat}", &w).unwrap_err().field, "rat");
        w.kommune = None;
        assert!(rendern("{kommune_dat}", &w).is_err());
    }

    #[test]
    fn unknown_slots_and_stray_braces_are_rejected() {
        for (t, code) in [
            ("{gemeinde} macht", "err-platzhalter-unbekannt"),
            ("{kommune_nom} macht", "err-platzhalter-unbekannt"),
            ("{KOMMUNE} macht", "err-platzhalter-unbekannt"),
            ("{a|b|c}", "err-platzhalter-unbekannt"),
            ("{|}", "err-platzhalter-unbekannt"),
            ("offen { ohne Ende", "err-platzhalter-klammer"),
            ("{a{b}", "err-platzhalter-klammer"),
            ("nur } zu", "err-platzhalter-klammer"),
            ("Zuständig ist {federfuehrung}.", "err-platzhalter-federfuehrung"),
        ] {
            assert_eq!(pruefen("t", t).unwrap_err().code, code, "{t}");
        }
        assert!(pruefen("t", "ganz ohne").unwrap().is_empty());
        assert!(pruefen("t", "(federführend: {federfuehrung})").is_ok());
    }

    /// Every shipped Textbaustein reads without a gap for one, two and three Kommunen.
    #[test]
    fn every_shipped_textbaustein_fills_for_one_to_three_kommunen() {
        let k = crate::katalog::Katalog::mitgeliefert().unwrap();
        for gebiete in [&[A][..], &[A, B], &[A, B, C]] {
            let w = werte(gebiete);
            for s in &k.steckbriefe {
                let t = rendern(&s.textbaustein.text, &w).unwrap_or_else(|e| panic!("{}: {e:?}", s.id));
                assert!(!t.contains(['{', '}', '|']), "{}: {t}", s.id);
                assert!(!t.contains("Kooperation Altenwald"), "{}: {t}", s.id);
                assert!(t.contains("Altenwald"), "{}: {t}", s.id);
                assert!(!t.contains("  "), "{}: {t}", s.id);
            }
        }
    }
}
