//! Limits on what one participant or one Werkstatt can create. Every page, live fragment
//! and export reads all Maßnahmen of a Werkstatt, so their number and text bound the work
//! of the server; without limits one participant could make the PDF take half a minute
//! and the server hold gigabytes (measured in the audit of issue 14).
//!
//! The numbers leave room for a full day: 30 participants writing ten Maßnahmen each, with
//! descriptions of two pages. A limit that is reached is answered at the form with the
//! limit named, and nothing is written.

use crate::error::FieldError;

/// Maßnahmen in one Werkstatt.
pub const MASSNAHMEN_JE_WERKSTATT: i64 = 300;
/// Maßnahmen one participant writes. A facilitator's entries (paper cards) count only
/// towards the Werkstatt.
pub const MASSNAHMEN_JE_TEILNEHMENDE: i64 = 30;
/// Characters in the titles and descriptions of all Maßnahmen of one Werkstatt (about
/// 300 printed pages).
pub const ZEICHEN_JE_WERKSTATT: i64 = 600_000;

/// Fields proposed in the room (beside the nine standard fields) in one Werkstatt.
pub const EIGENE_FELDER_JE_WERKSTATT: i64 = 9;
/// Fields one participant proposes.
pub const EIGENE_FELDER_JE_TEILNEHMENDE: i64 = 2;

/// Whether one more own field fits, given the Werkstatt's own fields and, for a
/// participant, the ones they proposed.
pub fn neues_feld(eigene_felder: i64, von_person: Option<i64>) -> Result<(), FieldError> {
    if eigene_felder >= EIGENE_FELDER_JE_WERKSTATT {
        return Err(
            FieldError::new("name", "err-grenze-felder-werkstatt").arg("max", EIGENE_FELDER_JE_WERKSTATT)
        );
    }
    if von_person.is_some_and(|n| n >= EIGENE_FELDER_JE_TEILNEHMENDE) {
        return Err(
            FieldError::new("name", "err-grenze-felder-person").arg("max", EIGENE_FELDER_JE_TEILNEHMENDE)
        );
    }
    Ok(())
}

/// Event streams one session holds open to one Werkstatt at a time: a phone, a laptop and
/// the projector with a few tabs each. Every stream holds a connection and a task.
pub const STROEME_JE_SITZUNG: u32 = 8;

/// What a Werkstatt holds before a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MassnahmenBestand {
    pub anzahl: i64,
    /// Maßnahmen the writing participant wrote; `None` for a facilitator.
    pub eigene: Option<i64>,
    /// Characters of the Maßnahmen, without the one being changed.
    pub zeichen: i64,
}

/// The characters a Maßnahme counts with.
pub fn zeichen(titel: &str, beschreibung: &str) -> i64 {
    i64::try_from(titel.chars().count() + beschreibung.chars().count()).unwrap_or(i64::MAX)
}

/// Whether a new Maßnahme of `neu` characters fits.
pub fn neue_massnahme(b: MassnahmenBestand, neu: i64) -> Result<(), FieldError> {
    if b.anzahl >= MASSNAHMEN_JE_WERKSTATT {
        return Err(
            FieldError::new("titel", "err-grenze-massnahmen-werkstatt").arg("max", MASSNAHMEN_JE_WERKSTATT)
        );
    }
    if b.eigene.is_some_and(|n| n >= MASSNAHMEN_JE_TEILNEHMENDE) {
        return Err(
            FieldError::new("titel", "err-grenze-massnahmen-person").arg("max", MASSNAHMEN_JE_TEILNEHMENDE)
        );
    }
    geaenderte_massnahme(b, neu)
}

/// Whether a Maßnahme changed to `neu` characters fits beside the others.
pub fn geaenderte_massnahme(b: MassnahmenBestand, neu: i64) -> Result<(), FieldError> {
    if b.zeichen.saturating_add(neu) > ZEICHEN_JE_WERKSTATT {
        return Err(FieldError::new("beschreibung", "err-grenze-zeichen").arg("max", ZEICHEN_JE_WERKSTATT));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bestand(anzahl: i64, eigene: Option<i64>, zeichen: i64) -> MassnahmenBestand {
        MassnahmenBestand {
            anzahl,
            eigene,
            zeichen,
        }
    }

    #[test]
    fn each_limit_is_reached_exactly_at_its_number() {
        assert!(neue_massnahme(bestand(MASSNAHMEN_JE_WERKSTATT - 1, Some(0), 0), 10).is_ok());
        let e = neue_massnahme(bestand(MASSNAHMEN_JE_WERKSTATT, Some(0), 0), 10).unwrap_err();
        assert_eq!(e.code, "err-grenze-massnahmen-werkstatt");
        assert!(neue_massnahme(bestand(0, Some(MASSNAHMEN_JE_TEILNEHMENDE - 1), 0), 10).is_ok());
        let e = neue_massnahme(bestand(0, Some(MASSNAHMEN_JE_TEILNEHMENDE), 0), 10).unwrap_err();
        assert_eq!(e.code, "err-grenze-massnahmen-person");
        // A facilitator has no personal limit.
        assert!(neue_massnahme(bestand(0, None, 0), 10).is_ok());
        assert!(neue_massnahme(bestand(0, None, ZEICHEN_JE_WERKSTATT - 10), 10).is_ok());
        let e = neue_massnahme(bestand(0, None, ZEICHEN_JE_WERKSTATT - 10), 11).unwrap_err();
        assert_eq!(e.code, "err-grenze-zeichen");
    }

    #[test]
    fn own_fields_are_limited_per_werkstatt_and_per_participant() {
        assert!(neues_feld(EIGENE_FELDER_JE_WERKSTATT - 1, Some(0)).is_ok());
        assert_eq!(
            neues_feld(EIGENE_FELDER_JE_WERKSTATT, None).unwrap_err().code,
            "err-grenze-felder-werkstatt"
        );
        assert!(neues_feld(0, Some(EIGENE_FELDER_JE_TEILNEHMENDE - 1)).is_ok());
        assert_eq!(
            neues_feld(0, Some(EIGENE_FELDER_JE_TEILNEHMENDE))
                .unwrap_err()
                .code,
            "err-grenze-felder-person"
        );
    }

    #[test]
    fn characters_not_bytes_are_counted() {
        assert_eq!(zeichen("Übergänge", "äöü"), 12);
    }
}
