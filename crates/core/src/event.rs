//! Events: what changed in a Werkstatt, sent to every open page (and between instances).

use serde::{Deserialize, Serialize};

/// The kind of change; pages decide from it which parts to fetch again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Phase,
    Feld,
    Feldwahl,
    Ziel,
    Massnahme,
    Teilnehmende,
    /// A prioritisation round or its ballots changed.
    Runde,
    /// A Projektplan changed.
    Plan,
    /// The facilitator changed the timer, the agenda or the lock.
    Moderation,
    /// The strategy (texts, Organigramm, next steps, versions) changed.
    Strategie,
    /// Something may have been missed: fetch everything.
    Resync,
}

impl EventKind {
    /// Every kind, in a fixed order (the live script listens to all of them).
    pub const ALL: [Self; 11] = [
        Self::Phase,
        Self::Feld,
        Self::Feldwahl,
        Self::Ziel,
        Self::Massnahme,
        Self::Teilnehmende,
        Self::Runde,
        Self::Plan,
        Self::Moderation,
        Self::Strategie,
        Self::Resync,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Phase => "phase",
            Self::Feld => "feld",
            Self::Feldwahl => "feldwahl",
            Self::Ziel => "ziel",
            Self::Massnahme => "massnahme",
            Self::Teilnehmende => "teilnehmende",
            Self::Runde => "runde",
            Self::Plan => "plan",
            Self::Moderation => "moderation",
            Self::Strategie => "strategie",
            Self::Resync => "resync",
        }
    }
}

/// One change. Carries ids only, never content, so that it fits any transport and
/// cannot leak data to a page that may not see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub werkstatt_id: String,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feld_id: Option<String>,
}

impl Event {
    pub fn new(werkstatt_id: &str, kind: EventKind) -> Self {
        Self {
            werkstatt_id: werkstatt_id.to_owned(),
            kind,
            id: None,
            feld_id: None,
        }
    }

    pub fn with_id(mut self, id: &str) -> Self {
        self.id = Some(id.to_owned());
        self
    }

    pub fn with_feld(mut self, feld_id: &str) -> Self {
        self.feld_id = Some(feld_id.to_owned());
        self
    }
}

#[cfg(test)]
mod all_tests {
    use super::*;

    #[test]
    fn all_kinds_have_distinct_slugs_matching_serde() {
        for (i, a) in EventKind::ALL.iter().enumerate() {
            let json = serde_json::to_string(a).expect("serialise");
            assert_eq!(json, format!("\"{}\"", a.slug()));
            for b in &EventKind::ALL[i + 1..] {
                assert_ne!(a.slug(), b.slug());
            }
        }
    }
}
