//! Stored versions of the strategy: a snapshot of the document with a status.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VersionStatus {
    Entwurf,
    InBeratung,
    Beschlossen,
}

impl VersionStatus {
    pub const ALL: [VersionStatus; 3] = [Self::Entwurf, Self::InBeratung, Self::Beschlossen];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Entwurf => "entwurf",
            Self::InBeratung => "in-beratung",
            Self::Beschlossen => "beschlossen",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|a| a.slug() == raw.trim())
            .ok_or_else(|| FieldError::new(field, "err-unknown-choice"))
    }

    /// The status line of the title page ("Beschlossen am 12.03.2027").
    pub fn text(self, beschlossen_am: Option<&str>) -> String {
        match (self, beschlossen_am) {
            (Self::Entwurf, _) => "Entwurf".into(),
            (Self::InBeratung, _) => "In Beratung".into(),
            (Self::Beschlossen, Some(d)) => format!("Beschlossen am {d}"),
            (Self::Beschlossen, None) => "Beschlossen".into(),
        }
    }
}
