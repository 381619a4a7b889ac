//! Teilnehmende: the people in the room, with as little personal data as possible.

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrors};
use crate::text;

/// The sector a participant speaks for; used only in aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sektor {
    Verwaltung,
    Politik,
    Wirtschaft,
    Bildung,
    Vereine,
    Buergerschaft,
    Sonstige,
}

impl Sektor {
    pub const ALL: [Sektor; 7] = [
        Self::Verwaltung,
        Self::Politik,
        Self::Wirtschaft,
        Self::Bildung,
        Self::Vereine,
        Self::Buergerschaft,
        Self::Sonstige,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Verwaltung => "verwaltung",
            Self::Politik => "politik",
            Self::Wirtschaft => "wirtschaft",
            Self::Bildung => "bildung",
            Self::Vereine => "vereine",
            Self::Buergerschaft => "buergerschaft",
            Self::Sonstige => "sonstige",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(Self::Sonstige);
        }
        Self::ALL
            .into_iter()
            .find(|s| s.slug() == raw)
            .ok_or_else(|| FieldError::new(field, "err-unknown-choice"))
    }
}

/// The raw input of someone joining a Werkstatt.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct JoinInput {
    #[serde(default)]
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub sektor: String,
    #[serde(default)]
    pub kommune_id: Option<String>,
}

/// A validated participant.
#[derive(Debug, Clone, PartialEq)]
pub struct NeueTeilnehmende {
    pub name: String,
    pub sektor: Sektor,
    pub kommune_id: Option<String>,
}

impl NeueTeilnehmende {
    pub fn parse(name: &str, sektor: &str, kommune_id: Option<&str>) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = e.take(text::name("name", name, 2, 60));
        let sektor = e.take(Sektor::parse("sektor", sektor));
        let kommune_id = kommune_id
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned);
        match (name, sektor) {
            (Some(name), Some(sektor)) if e.is_empty() => Ok(Self {
                name,
                sektor,
                kommune_id,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_name_is_required() {
        let t = NeueTeilnehmende::parse(" Jana ", "", None).unwrap();
        assert_eq!(t.name, "Jana");
        assert_eq!(t.sektor, Sektor::Sonstige);
        assert_eq!(
            NeueTeilnehmende::parse("J", "bildung", None).unwrap_err().0[0].code,
            "err-too-short"
        );
        assert_eq!(
            NeueTeilnehmende::parse("Jana", "militaer", None).unwrap_err().0[0].field,
            "sektor"
        );
    }
}
