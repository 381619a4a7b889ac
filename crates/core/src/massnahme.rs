//! Maßnahmen: the measures a group proposes to reach its Ziel.

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrors};
use crate::kommune::int_value;
use crate::text;

/// The estimated implementation time, in the three bands of the Digital-Werkstatt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Umsetzungszeit {
    /// Up to one year.
    Kurzfristig,
    /// One to two years.
    Mittelfristig,
    /// More than two years.
    Langfristig,
}

impl Umsetzungszeit {
    pub const ALL: [Umsetzungszeit; 3] = [Self::Kurzfristig, Self::Mittelfristig, Self::Langfristig];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Kurzfristig => "kurzfristig",
            Self::Mittelfristig => "mittelfristig",
            Self::Langfristig => "langfristig",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(FieldError::new(field, "err-required"));
        }
        Self::ALL
            .into_iter()
            .find(|u| u.slug() == raw)
            .ok_or_else(|| FieldError::new(field, "err-unknown-choice"))
    }

    /// The band a duration in months falls into.
    pub fn for_months(m: i64) -> Self {
        match m {
            ..=12 => Self::Kurzfristig,
            13..=24 => Self::Mittelfristig,
            _ => Self::Langfristig,
        }
    }
}

/// The state of a Maßnahme after the Werkstatt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Offen,
    InUmsetzung,
    Umgesetzt,
    Zurueckgestellt,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Self::Offen,
        Self::InUmsetzung,
        Self::Umgesetzt,
        Self::Zurueckgestellt,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Offen => "offen",
            Self::InUmsetzung => "in-umsetzung",
            Self::Umgesetzt => "umgesetzt",
            Self::Zurueckgestellt => "zurueckgestellt",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(Self::Offen);
        }
        Self::ALL
            .into_iter()
            .find(|s| s.slug() == raw)
            .ok_or_else(|| FieldError::new(field, "err-unknown-choice"))
    }
}

/// The raw input of a Maßnahme, from a form (all text) or from JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MassnahmeInput {
    #[serde(default)]
    pub feld_id: String,
    #[serde(default)]
    pub titel: String,
    #[serde(default)]
    pub beschreibung: String,
    #[serde(default)]
    pub umsetzung: String,
    #[serde(default)]
    pub monate: serde_json::Value,
    #[serde(default)]
    pub aufwand: serde_json::Value,
    #[serde(default)]
    pub nutzen: serde_json::Value,
    #[serde(default)]
    pub federfuehrung: String,
    #[serde(default)]
    pub status: String,
    /// The version the writer saw (updates only).
    #[serde(default)]
    pub version: Option<serde_json::Value>,
    /// Entered by a facilitator from a paper card (creation only; facilitators only).
    #[serde(default)]
    pub proxy: bool,
    /// The Steckbrief this Maßnahme is adopted from (creation only); empty fields are
    /// filled from it.
    #[serde(default)]
    pub steckbrief_id: Option<String>,
}

/// A validated Maßnahme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MassnahmeDaten {
    pub titel: String,
    pub beschreibung: String,
    pub umsetzung: Umsetzungszeit,
    pub monate: Option<i64>,
    pub aufwand: Option<i64>,
    pub nutzen: Option<i64>,
    pub federfuehrung: String,
    pub status: Status,
}

fn opt_value(field: &str, v: &serde_json::Value, min: i64, max: i64) -> Result<Option<i64>, FieldError> {
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) if s.trim().is_empty() => Ok(None),
        other => int_value(field, other, min, max).map(Some),
    }
}

/// Reads the optional `version` of an update.
pub fn parse_version(v: &Option<serde_json::Value>) -> Result<Option<i64>, FieldError> {
    match v {
        None => Ok(None),
        Some(v) => opt_value("version", v, 0, i64::MAX),
    }
}

pub const MAX_BESCHREIBUNG: usize = 10_000;

impl TryFrom<&MassnahmeInput> for MassnahmeDaten {
    type Error = FieldErrors;

    fn try_from(i: &MassnahmeInput) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        let titel = e.take(text::line("titel", &i.titel, 3, 120));
        let beschreibung = e.take(text::bounded(
            "beschreibung",
            &i.beschreibung,
            0,
            MAX_BESCHREIBUNG,
        ));
        let monate = e.take(opt_value("monate", &i.monate, 1, 120));
        let umsetzung = match (i.umsetzung.trim(), monate) {
            // The months decide the band when only they are given.
            ("", Some(Some(m))) => Some(Umsetzungszeit::for_months(m)),
            (raw, _) => e.take(Umsetzungszeit::parse("umsetzung", raw)),
        };
        if let (Some(u), Some(Some(m))) = (umsetzung, monate)
            && Umsetzungszeit::for_months(m) != u
        {
            e.push(FieldError::new("monate", "err-monate-band"));
        }
        let aufwand = e.take(opt_value("aufwand", &i.aufwand, 1, 5));
        let nutzen = e.take(opt_value("nutzen", &i.nutzen, 1, 5));
        let federfuehrung = e.take(text::line("federfuehrung", &i.federfuehrung, 0, 120));
        let status = e.take(Status::parse("status", &i.status));
        match (
            titel,
            beschreibung,
            umsetzung,
            monate,
            aufwand,
            nutzen,
            federfuehrung,
            status,
        ) {
            (
                Some(titel),
                Some(beschreibung),
                Some(umsetzung),
                Some(monate),
                Some(aufwand),
                Some(nutzen),
                Some(federfuehrung),
                Some(status),
            ) if e.is_empty() => Ok(Self {
                titel,
                beschreibung,
                umsetzung,
                monate,
                aufwand,
                nutzen,
                federfuehrung,
                status,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn input() -> MassnahmeInput {
        MassnahmeInput {
            titel: "Online-Terminvergabe".into(),
            umsetzung: "kurzfristig".into(),
            monate: json!("6"),
            aufwand: json!(2),
            nutzen: json!("4"),
            ..Default::default()
        }
    }

    #[test]
    fn parses_form_and_json_numbers() {
        let m = MassnahmeDaten::try_from(&input()).unwrap();
        assert_eq!((m.monate, m.aufwand, m.nutzen), (Some(6), Some(2), Some(4)));
        assert_eq!(m.status, Status::Offen);
    }

    #[test]
    fn months_must_fit_the_band() {
        let mut i = input();
        i.monate = json!(30);
        assert_eq!(MassnahmeDaten::try_from(&i).unwrap_err().0[0].field, "monate");
        i.umsetzung = String::new();
        assert_eq!(
            MassnahmeDaten::try_from(&i).unwrap().umsetzung,
            Umsetzungszeit::Langfristig
        );
    }

    #[test]
    fn scales_are_one_to_five() {
        let mut i = input();
        i.aufwand = json!(0);
        i.nutzen = json!("sehr");
        let e = MassnahmeDaten::try_from(&i).unwrap_err();
        let codes: Vec<_> = e.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(codes, [("aufwand", "err-range"), ("nutzen", "err-not-a-number")]);
    }

    #[test]
    fn bands() {
        assert_eq!(Umsetzungszeit::for_months(12), Umsetzungszeit::Kurzfristig);
        assert_eq!(Umsetzungszeit::for_months(13), Umsetzungszeit::Mittelfristig);
        assert_eq!(Umsetzungszeit::for_months(25), Umsetzungszeit::Langfristig);
    }
}
