//! Kommunen: the municipalities that hold a Werkstatt, with their official keys.

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrors};
use crate::text;

/// The kind of a Kommune, as used in German local government law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KommuneArt {
    Ortsgemeinde,
    Verbandsgemeinde,
    VerbandsfreieGemeinde,
    Stadt,
    GrosseKreisangehoerigeStadt,
    KreisfreieStadt,
    Landkreis,
}

impl KommuneArt {
    pub const ALL: [KommuneArt; 7] = [
        Self::Ortsgemeinde,
        Self::Verbandsgemeinde,
        Self::VerbandsfreieGemeinde,
        Self::Stadt,
        Self::GrosseKreisangehoerigeStadt,
        Self::KreisfreieStadt,
        Self::Landkreis,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Ortsgemeinde => "ortsgemeinde",
            Self::Verbandsgemeinde => "verbandsgemeinde",
            Self::VerbandsfreieGemeinde => "verbandsfreie-gemeinde",
            Self::Stadt => "stadt",
            Self::GrosseKreisangehoerigeStadt => "grosse-kreisangehoerige-stadt",
            Self::KreisfreieStadt => "kreisfreie-stadt",
            Self::Landkreis => "landkreis",
        }
    }

    /// The German designation placed before the name ("Verbandsgemeinde Altenwald").
    pub fn bezeichnung(self) -> &'static str {
        match self {
            Self::Ortsgemeinde => "Ortsgemeinde",
            Self::Verbandsgemeinde => "Verbandsgemeinde",
            Self::VerbandsfreieGemeinde => "Gemeinde",
            Self::Stadt => "Stadt",
            Self::GrosseKreisangehoerigeStadt => "Stadt",
            Self::KreisfreieStadt => "Stadt",
            Self::Landkreis => "Landkreis",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|a| a.slug() == raw.trim())
            .ok_or_else(|| FieldError::new(field, "err-unknown-choice"))
    }
}

/// Amtlicher Gemeindeschlüssel: 8 digits, Land (01–16), Regierungsbezirk, Kreis, Gemeinde.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Ags(String);

impl Ags {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::new(field, "err-ags-format"));
        }
        land_ok(field, &s)?;
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Regionalschlüssel: 12 digits; the first five and the last three agree with the AGS.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Ars(String);

impl Ars {
    pub fn parse(field: &str, raw: &str, ags: Option<&Ags>) -> Result<Self, FieldError> {
        let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::new(field, "err-ars-format"));
        }
        land_ok(field, &s)?;
        if let Some(ags) = ags {
            let a = ags.as_str();
            // A Gemeindeverband (e.g. a Verbandsgemeinde) ends in 000.
            if s[..5] != a[..5] || (s[9..] != a[5..] && &s[9..] != "000") {
                return Err(FieldError::new(field, "err-ars-mismatch"));
            }
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn land_ok(field: &str, digits: &str) -> Result<(), FieldError> {
    let land: u8 = digits[..2].parse().unwrap_or(0);
    if (1..=16).contains(&land) {
        Ok(())
    } else {
        Err(FieldError::new(field, "err-ags-land"))
    }
}

/// The raw input for a new Kommune, as it comes from a form or JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct KommuneInput {
    pub name: String,
    pub art: String,
    pub ags: String,
    #[serde(default)]
    pub ars: Option<String>,
    pub einwohner: serde_json::Value,
    #[serde(default)]
    pub parent_id: Option<String>,
}

/// A validated new Kommune.
#[derive(Debug, Clone, PartialEq)]
pub struct NeueKommune {
    pub name: String,
    pub art: KommuneArt,
    pub ags: Ags,
    pub ars: Option<Ars>,
    pub einwohner: i64,
    pub parent_id: Option<String>,
}

/// The largest German municipality has under 4 million inhabitants; a Landkreis under 2.5 million.
pub const MAX_EINWOHNER: i64 = 5_000_000;

impl TryFrom<KommuneInput> for NeueKommune {
    type Error = FieldErrors;

    fn try_from(i: KommuneInput) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = e.take(text::line("name", &i.name, 2, 120));
        let art = e.take(KommuneArt::parse("art", &i.art));
        let ags = e.take(Ags::parse("ags", &i.ags));
        let ars = match i.ars.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(raw) => e.take(Ars::parse("ars", raw, ags.as_ref()).map(Some)),
        };
        let einwohner = e.take(int_value("einwohner", &i.einwohner, 0, MAX_EINWOHNER));
        let parent_id = i.parent_id.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty());
        match (name, art, ags, ars, einwohner) {
            (Some(name), Some(art), Some(ags), Some(ars), Some(einwohner)) if e.is_empty() => Ok(Self {
                name,
                art,
                ags,
                ars,
                einwohner,
                parent_id,
            }),
            _ => Err(e),
        }
    }
}

/// Reads an integer that may arrive as a JSON number or as form text.
pub fn int_value(field: &str, v: &serde_json::Value, min: i64, max: i64) -> Result<i64, FieldError> {
    let n = match v {
        serde_json::Value::Number(n) => n
            .as_i64()
            .ok_or_else(|| FieldError::new(field, "err-not-a-number"))?,
        serde_json::Value::String(s) => {
            let s: String = s.chars().filter(|c| *c != '.' && !c.is_whitespace()).collect();
            if s.is_empty() {
                return Err(FieldError::new(field, "err-required"));
            }
            s.parse()
                .map_err(|_| FieldError::new(field, "err-not-a-number"))?
        }
        serde_json::Value::Null => return Err(FieldError::new(field, "err-required")),
        _ => return Err(FieldError::new(field, "err-not-a-number")),
    };
    text::range(field, n, min, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> KommuneInput {
        KommuneInput {
            name: "Altenwald".into(),
            art: "verbandsgemeinde".into(),
            ags: "07140501".into(),
            ars: Some("071405001501".into()),
            einwohner: serde_json::json!("14.300"),
            parent_id: None,
        }
    }

    #[test]
    fn parses_a_valid_kommune() {
        let k = NeueKommune::try_from(input()).unwrap();
        assert_eq!(k.art, KommuneArt::Verbandsgemeinde);
        assert_eq!(k.einwohner, 14_300);
        assert_eq!(k.ars.unwrap().as_str(), "071405001501");
    }

    #[test]
    fn ags_must_have_eight_digits_and_a_land() {
        assert_eq!(Ags::parse("ags", "0714050").unwrap_err().code, "err-ags-format");
        assert_eq!(Ags::parse("ags", "0714050a").unwrap_err().code, "err-ags-format");
        assert_eq!(Ags::parse("ags", "17140501").unwrap_err().code, "err-ags-land");
        assert_eq!(Ags::parse("ags", "00140501").unwrap_err().code, "err-ags-land");
        assert!(Ags::parse("ags", "0714 0501").is_ok());
    }

    #[test]
    fn ars_must_agree_with_ags() {
        let ags = Ags::parse("ags", "07140501").unwrap();
        assert!(Ars::parse("ars", "071405001501", Some(&ags)).is_ok());
        assert_eq!(
            Ars::parse("ars", "071405001502", Some(&ags)).unwrap_err().code,
            "err-ars-mismatch"
        );
        assert_eq!(
            Ars::parse("ars", "0714050015", None).unwrap_err().code,
            "err-ars-format"
        );
        assert!(Ars::parse("ars", "071405001000", Some(&ags)).is_ok());
        assert_eq!(
            Ars::parse("ars", "071415001501", Some(&ags)).unwrap_err().code,
            "err-ars-mismatch"
        );
    }

    #[test]
    fn collects_every_bad_field() {
        let mut i = input();
        i.name = " ".into();
        i.art = "dorf".into();
        i.einwohner = serde_json::json!("viele");
        let errs = NeueKommune::try_from(i).unwrap_err();
        let fields: Vec<_> = errs.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "art", "einwohner"]);
    }
}
