//! The Werkstatt itself: its data, its phases and what each phase allows.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::{FieldError, FieldErrors};
use crate::text;

/// The phases of a Digital-Werkstatt, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Vorbereitung,
    Feldwahl,
    Gruppenarbeit,
    Priorisierung,
    Vertiefung,
    Strategie,
    Abgeschlossen,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Self::Vorbereitung,
        Self::Feldwahl,
        Self::Gruppenarbeit,
        Self::Priorisierung,
        Self::Vertiefung,
        Self::Strategie,
        Self::Abgeschlossen,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Vorbereitung => "vorbereitung",
            Self::Feldwahl => "feldwahl",
            Self::Gruppenarbeit => "gruppenarbeit",
            Self::Priorisierung => "priorisierung",
            Self::Vertiefung => "vertiefung",
            Self::Strategie => "strategie",
            Self::Abgeschlossen => "abgeschlossen",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|p| p.slug() == raw.trim())
            .ok_or_else(|| FieldError::new(field, "err-unknown-choice"))
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<Self> {
        Self::ALL.get(self.index() + 1).copied()
    }

    pub fn prev(self) -> Option<Self> {
        self.index()
            .checked_sub(1)
            .and_then(|i| Self::ALL.get(i).copied())
    }

    /// The facilitator moves one step at a time, forward or back.
    pub fn can_move_to(self, to: Self) -> bool {
        self.next() == Some(to) || self.prev() == Some(to)
    }

    /// Participants may join until the Werkstatt is closed.
    pub fn allows_join(self) -> bool {
        self != Self::Abgeschlossen
    }

    /// Participants cast their dots for fields only in the Feldwahl.
    pub fn allows_field_votes(self) -> bool {
        self == Self::Feldwahl
    }

    /// Participants propose their own fields while fields are chosen.
    pub fn allows_participant_fields(self) -> bool {
        self == Self::Feldwahl
    }

    /// Participants write Ziele and Maßnahmen only during the group work.
    pub fn allows_group_edits(self) -> bool {
        self == Self::Gruppenarbeit
    }

    /// Participants join a field's group while the groups form and work: from the
    /// Feldwahl through the group work to the in-depth planning. Before, there are no
    /// groups; after, membership no longer changes what anyone may do.
    pub fn allows_group_join(self) -> bool {
        matches!(self, Self::Feldwahl | Self::Gruppenarbeit | Self::Vertiefung)
    }

    /// Participants cast their ballots on the Maßnahmen only in the Priorisierung.
    pub fn allows_ranking(self) -> bool {
        self == Self::Priorisierung
    }

    /// Nothing changes any more once the Werkstatt is closed, not even by facilitators.
    pub fn is_closed(self) -> bool {
        self == Self::Abgeschlossen
    }
}

/// The raw input for a new Werkstatt.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WerkstattInput {
    pub titel: String,
    pub datum: String,
    #[serde(default)]
    pub ort: String,
    #[serde(default)]
    pub kommunen: Vec<String>,
}

/// A validated new Werkstatt.
#[derive(Debug, Clone, PartialEq)]
pub struct NeueWerkstatt {
    pub titel: String,
    pub datum: Date,
    pub ort: String,
    pub kommunen: Vec<String>,
}

pub const MAX_KOMMUNEN: usize = 3;

pub fn parse_datum(field: &str, raw: &str) -> Result<Date, FieldError> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let d = Date::parse(raw.trim(), &fmt).map_err(|_| {
        if raw.trim().is_empty() {
            FieldError::new(field, "err-required")
        } else {
            FieldError::new(field, "err-date-format")
        }
    })?;
    if !(2000..=2100).contains(&d.year()) {
        return Err(FieldError::new(field, "err-date-range"));
    }
    Ok(d)
}

pub fn format_datum(d: Date) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    d.format(&fmt).unwrap_or_default()
}

/// German display form, e.g. `14.03.2026`.
pub fn format_datum_de(d: Date) -> String {
    let fmt = time::macros::format_description!("[day].[month].[year]");
    d.format(&fmt).unwrap_or_default()
}

impl TryFrom<WerkstattInput> for NeueWerkstatt {
    type Error = FieldErrors;

    fn try_from(i: WerkstattInput) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        let titel = e.take(text::line("titel", &i.titel, 3, 160));
        let datum = e.take(parse_datum("datum", &i.datum));
        let ort = e.take(text::line("ort", &i.ort, 0, 160));
        let mut kommunen: Vec<String> = Vec::new();
        for k in i.kommunen.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
            if !kommunen.iter().any(|x| x == k) {
                kommunen.push(k.to_owned());
            }
        }
        if kommunen.is_empty() {
            e.push(FieldError::new("kommunen", "err-kommunen-none"));
        } else if kommunen.len() > MAX_KOMMUNEN {
            e.push(FieldError::new("kommunen", "err-kommunen-max").arg("max", MAX_KOMMUNEN));
        }
        match (titel, datum, ort) {
            (Some(titel), Some(datum), Some(ort)) if e.is_empty() => Ok(Self {
                titel,
                datum,
                ort,
                kommunen,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_move_one_step() {
        assert_eq!(Phase::Vorbereitung.next(), Some(Phase::Feldwahl));
        assert_eq!(Phase::Vorbereitung.prev(), None);
        assert_eq!(Phase::Abgeschlossen.next(), None);
        assert!(Phase::Feldwahl.can_move_to(Phase::Gruppenarbeit));
        assert!(Phase::Feldwahl.can_move_to(Phase::Vorbereitung));
        assert!(!Phase::Feldwahl.can_move_to(Phase::Vertiefung));
        for p in Phase::ALL {
            assert_eq!(Phase::parse("phase", p.slug()).unwrap(), p);
        }
    }

    #[test]
    fn each_phase_decides_what_participants_change() {
        assert!(Phase::Feldwahl.allows_field_votes());
        assert!(!Phase::Gruppenarbeit.allows_field_votes());
        assert!(Phase::Gruppenarbeit.allows_group_edits());
        assert!(!Phase::Priorisierung.allows_group_edits());
        assert!(!Phase::Abgeschlossen.allows_join());
        let beitritt: Vec<Phase> = Phase::ALL.into_iter().filter(|p| p.allows_group_join()).collect();
        assert_eq!(
            beitritt,
            [Phase::Feldwahl, Phase::Gruppenarbeit, Phase::Vertiefung]
        );
    }

    #[test]
    fn werkstatt_needs_one_to_three_kommunen() {
        let mut i = WerkstattInput {
            titel: "Digital-Werkstatt".into(),
            datum: "2026-03-14".into(),
            ort: "Bürgerhaus".into(),
            kommunen: vec!["a".into(), "a".into(), "b".into()],
        };
        let w = NeueWerkstatt::try_from(i.clone()).unwrap();
        assert_eq!(w.kommunen, ["a", "b"]);
        i.kommunen = vec!["a".into(), "b".into(), "c".into(), "d".into()];
        assert_eq!(
            NeueWerkstatt::try_from(i.clone()).unwrap_err().0[0].code,
            "err-kommunen-max"
        );
        i.kommunen = vec![];
        assert_eq!(
            NeueWerkstatt::try_from(i).unwrap_err().0[0].code,
            "err-kommunen-none"
        );
    }

    #[test]
    fn dates_are_checked() {
        assert!(parse_datum("d", "2026-02-30").is_err());
        assert_eq!(parse_datum("d", "1999-01-01").unwrap_err().code, "err-date-range");
        assert_eq!(
            format_datum_de(parse_datum("d", "2026-03-04").unwrap()),
            "04.03.2026"
        );
    }
}

/// One item of the agenda of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaPunkt {
    /// `HH:MM`.
    pub zeit: String,
    pub titel: String,
}

/// Reads an agenda written one item per line as `HH:MM Titel`.
pub fn parse_agenda(field: &str, text: &str) -> Result<Vec<AgendaPunkt>, FieldError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let (zeit, titel) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let ok = zeit.len() == 5
            && zeit.as_bytes().get(2) == Some(&b':')
            && zeit[..2].parse::<u8>().is_ok_and(|h| h < 24)
            && zeit[3..].parse::<u8>().is_ok_and(|m| m < 60);
        if !ok {
            return Err(FieldError::new(field, "err-agenda-zeit").arg("zeile", i + 1));
        }
        let titel = text::line(field, titel, 1, 120)?;
        out.push(AgendaPunkt {
            zeit: zeit.to_owned(),
            titel,
        });
    }
    if out.len() > 40 {
        return Err(FieldError::new(field, "err-too-long").arg("max", 40));
    }
    Ok(out)
}

#[cfg(test)]
mod agenda_tests {
    use super::*;

    #[test]
    fn agenda_lines() {
        let a = parse_agenda("agenda", "09:00 Begrüßung\n\n 10:30  Info-Stationen ").unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(
            (a[1].zeit.as_str(), a[1].titel.as_str()),
            ("10:30", "Info-Stationen")
        );
        assert_eq!(
            parse_agenda("agenda", "9 Uhr Start").unwrap_err().code,
            "err-agenda-zeit"
        );
        assert_eq!(
            parse_agenda("agenda", "25:00 Nacht").unwrap_err().code,
            "err-agenda-zeit"
        );
        assert_eq!(parse_agenda("agenda", "12:00").unwrap_err().code, "err-required");
    }
}
