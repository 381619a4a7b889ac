//! The nine Handlungsfelder of the Digital-Werkstatt, and fields a Werkstatt adds itself.

use serde::Deserialize;

use crate::error::{FieldError, FieldErrors};
use crate::text;

/// One of the nine standard fields shipped with Werkstatt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandardFeld {
    pub slug: &'static str,
    pub name: &'static str,
    pub beschreibung: &'static str,
}

/// The nine fields, in the order of the original Digital-Werkstatt.
pub const STANDARD_FELDER: [StandardFeld; 9] = [
    StandardFeld {
        slug: "digitale-infrastruktur",
        name: "Digitale Infrastruktur",
        beschreibung: "Breitband, Mobilfunk, öffentliches WLAN und Sensornetze: die Grundlage, auf der alle anderen digitalen Angebote aufbauen.",
    },
    StandardFeld {
        slug: "bildung-und-jugend",
        name: "Bildung und Jugend",
        beschreibung: "Digitale Ausstattung von Schulen und Kitas, Medienkompetenz und Angebote, die junge Menschen an den Ort binden.",
    },
    StandardFeld {
        slug: "kommunale-wirtschaft",
        name: "Kommunale Wirtschaft",
        beschreibung: "Handel, Handwerk und Gewerbe vor Ort sichtbar machen, Gründungen unterstützen und Arbeitsorte wie Coworking schaffen.",
    },
    StandardFeld {
        slug: "tourismus",
        name: "Tourismus",
        beschreibung: "Gäste digital informieren, buchen lassen und durch die Region führen, von der Wander-App bis zum Gastgeberverzeichnis.",
    },
    StandardFeld {
        slug: "silberne-gesellschaft",
        name: "Silberne Gesellschaft",
        beschreibung: "Menschen ab 60 beim Umgang mit digitalen Angeboten begleiten und Technik für ein selbstbestimmtes Leben im Alter nutzen.",
    },
    StandardFeld {
        slug: "arbeit-und-soziales",
        name: "Arbeit und Soziales",
        beschreibung: "Beratung, Hilfe und Ehrenamt digital vernetzen, Arbeitsplätze vor Ort sichern und soziale Teilhabe stärken.",
    },
    StandardFeld {
        slug: "kommunale-verwaltung",
        name: "Kommunale Verwaltung",
        beschreibung: "Online-Dienste für Bürgerinnen und Bürger, digitale Abläufe im Rathaus und papierlose Gremienarbeit.",
    },
    StandardFeld {
        slug: "dorf-und-stadtentwicklung",
        name: "Dorf- und Stadtentwicklung",
        beschreibung: "Ortskerne beleben, Beteiligung online ermöglichen, Mobilität und Leerstand mit digitalen Werkzeugen angehen.",
    },
    StandardFeld {
        slug: "alltagsleben",
        name: "Alltagsleben",
        beschreibung: "Nachbarschaft, Vereinsleben, Einkaufen und Mobilität im Alltag mit digitalen Angeboten leichter machen.",
    },
];

pub fn standard(slug: &str) -> Option<&'static StandardFeld> {
    STANDARD_FELDER.iter().find(|f| f.slug == slug)
}

/// The raw input for a field a Werkstatt adds itself.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FeldInput {
    pub name: String,
    #[serde(default)]
    pub beschreibung: String,
}

/// A validated own field.
#[derive(Debug, Clone, PartialEq)]
pub struct NeuesFeld {
    pub name: String,
    pub beschreibung: String,
}

impl TryFrom<FeldInput> for NeuesFeld {
    type Error = FieldErrors;

    fn try_from(i: FeldInput) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = e.take(text::line("name", &i.name, 3, 80));
        let beschreibung = e.take(text::bounded("beschreibung", &i.beschreibung, 0, 400));
        if let Some(n) = &name
            && STANDARD_FELDER.iter().any(|f| f.name.eq_ignore_ascii_case(n))
        {
            e.push(FieldError::new("name", "err-feld-exists"));
        }
        match (name, beschreibung) {
            (Some(name), Some(beschreibung)) if e.is_empty() => Ok(Self { name, beschreibung }),
            _ => Err(e),
        }
    }
}

/// The raw input of a Ziel.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ZielInput {
    pub text: String,
    /// The version the writer saw; used to refuse silent overwrites.
    #[serde(default)]
    pub version: Option<i64>,
}

/// Parses the text of the one Ziel of a field.
pub fn parse_ziel(raw: &str) -> Result<String, FieldError> {
    text::bounded("text", raw, 5, 600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_unique_fields() {
        let mut slugs: Vec<_> = STANDARD_FELDER.iter().map(|f| f.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), 9);
        assert_eq!(standard("tourismus").unwrap().name, "Tourismus");
    }

    #[test]
    fn own_field_may_not_repeat_a_standard_field() {
        let e = NeuesFeld::try_from(FeldInput {
            name: "tourismus".into(),
            beschreibung: String::new(),
        })
        .unwrap_err();
        assert_eq!(e.0[0].code, "err-feld-exists");
        assert!(
            NeuesFeld::try_from(FeldInput {
                name: "Landwirtschaft".into(),
                beschreibung: "Digitale Hofläden".into(),
            })
            .is_ok()
        );
    }

    #[test]
    fn ziel_bounds() {
        assert_eq!(parse_ziel("kurz").unwrap_err().code, "err-too-short");
        assert!(parse_ziel("Alle Ortsteile sind bis 2028 mit Glasfaser versorgt.").is_ok());
    }
}
