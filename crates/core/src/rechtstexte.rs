//! The legal pages a German public instance publishes: Impressum (§ 5 DDG), the
//! Datenschutzerklärung (Art. 13 DSGVO) and the Erklärung zur Barrierefreiheit. The
//! administrator writes them in the safe Markdown subset of the strategy's free chapters;
//! until then a default text with placeholders is shown.

use crate::error::FieldError;
use crate::strategie::markdown;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rechtstext {
    Impressum,
    Datenschutz,
    Barrierefreiheit,
}

impl Rechtstext {
    pub const ALL: [Self; 3] = [Self::Impressum, Self::Datenschutz, Self::Barrierefreiheit];

    /// The page's address below `/` and its key in the database.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Impressum => "impressum",
            Self::Datenschutz => "datenschutz",
            Self::Barrierefreiheit => "barrierefreiheit",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.slug() == slug)
    }
}

/// An administrator's text for a legal page; empty means "show the default again".
pub fn parse(raw: &str) -> Result<Option<String>, FieldError> {
    let t = text::bounded("text", raw, 0, markdown::MAX_ZEICHEN)?;
    Ok((!t.is_empty()).then_some(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_texts_are_bounded() {
        for r in Rechtstext::ALL {
            assert_eq!(Rechtstext::from_slug(r.slug()), Some(r));
        }
        assert_eq!(Rechtstext::from_slug("agb"), None);
        assert_eq!(parse("  ").unwrap(), None);
        assert_eq!(
            parse(" **Betreiber** ").unwrap().as_deref(),
            Some("**Betreiber**")
        );
        let lang = "x".repeat(markdown::MAX_ZEICHEN + 1);
        assert_eq!(parse(&lang).unwrap_err().code, "err-too-long");
    }
}
