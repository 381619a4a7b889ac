//! Der Projektplan: the in-depth plan of one Maßnahme in the Vertiefung, in seven sections.
//!
//! 1. Ergebnis: what exists when the project is done, and success criteria.
//! 2. Zielgruppen: who benefits, how many, what they need.
//! 3. Stakeholder: influence and interest on a 3×3 grid; an engagement strategy is
//!    proposed from the grid position ([`Strategie::vorschlag`]) and may be overridden.
//! 4. Projektorganisation: Auftraggeber, Projektleitung, team roles, optional RACI per task.
//! 5. Ressourcen: money (one-off and running, by source and year), personnel (person-days
//!    or FTE share, by role and year) and organisational needs; totals per kind and year.
//! 6. Aufgaben: tasks with duration and finish-to-start predecessors; the schedule comes
//!    from [`super::netzplan::berechne`] and is dated from the plan's `start`.
//! 7. Meilensteine: a fixed date or "after task X"; dated too early is flagged
//!    ([`super::kalender::pruefe_meilensteine`]).
//!
//! [`ProjektplanEingabe`] is the raw input (JSON or forms: numbers may come as text such as
//! "12.500,50"); its [`ProjektplanEingabe::check`] returns the validated [`Projektplan`] or
//! every field error with its path (`aufgaben[2].dauer`, `ressourcen.finanziell[0].einmalig`).
//! [`Projektplan`] is the stored document; [`Projektplan::auswerten`] computes the schedule,
//! milestone dates and warnings, the stakeholder strategies and the resource totals.
//!
//! Working days are Monday to Friday without the nationwide public holidays
//! ([`bundesweite_feiertage`]); holidays of single Länder are not skipped.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::{Date, Month};

use super::kalender::{
    Arbeitskalender, Festlegung, Meilenstein, meilensteine_datieren, pruefe_meilensteine, termine,
};
use super::netzplan::{Aufgabe, MAX_ABSTAND, MAX_DAUER, Vorgaenger, berechne};
use crate::error::{FieldError, FieldErrors};
use crate::kommune::int_value;
use crate::text;
use crate::werkstatt::{format_datum, parse_datum};

/// At most this many rows in each list of a plan (except the Aufgaben).
pub const MAX_ZEILEN: usize = 100;
/// At most this many Aufgaben.
pub const MAX_AUFGABEN: usize = 200;
/// Longer free texts (Ergebnis, Bedarf, organisational needs), in characters.
pub const MAX_TEXT: usize = 5_000;
/// Single-line names and titles.
pub const MAX_ZEILE: usize = 160;
/// Task ids (Kürzel), e.g. `A1`.
pub const MAX_KUERZEL: usize = 20;
/// The largest amount: one billion euros, in cents.
pub const MAX_BETRAG: i64 = 100_000_000_000;
/// The largest personnel amount (person-days or FTE), in hundredths.
pub const MAX_UMFANG: i64 = 10_000_000;
/// The last date a plan may reach.
pub const LETZTES_JAHR: i32 = 2100;

// ---------------------------------------------------------------------------------------
// Decimal numbers with two places (euros, person-days, FTE)
// ---------------------------------------------------------------------------------------

/// A non-negative number with two decimal places, held in hundredths (cents for euros).
/// In JSON it is a number (`12500.5`); input may also be German text (`"12.500,50"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dezimal(pub i64);

impl Dezimal {
    pub fn hundertstel(self) -> i64 {
        self.0
    }

    pub fn als_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    pub fn ist_null(self) -> bool {
        self.0 == 0
    }

    /// German notation with thousands separators: `12.500,50`; whole numbers without
    /// decimals unless `immer_nachkomma` (amounts of money: `12.500,00`).
    pub fn deutsch(self, immer_nachkomma: bool) -> String {
        let neg = self.0 < 0;
        let v = self.0.unsigned_abs();
        let ganz = (v / 100).to_string();
        let mut gruppiert = String::with_capacity(ganz.len() + ganz.len() / 3);
        for (i, c) in ganz.chars().enumerate() {
            if i > 0 && (ganz.len() - i).is_multiple_of(3) {
                gruppiert.push('.');
            }
            gruppiert.push(c);
        }
        let rest = v % 100;
        let mut s = String::new();
        if neg {
            s.push('-');
        }
        s.push_str(&gruppiert);
        if rest != 0 || immer_nachkomma {
            if rest.is_multiple_of(10) && !immer_nachkomma {
                s.push_str(&format!(",{}", rest / 10));
            } else {
                s.push_str(&format!(",{rest:02}"));
            }
        }
        s
    }

    /// English notation: `12,500.50`.
    pub fn englisch(self, immer_nachkomma: bool) -> String {
        self.deutsch(immer_nachkomma)
            .chars()
            .map(|c| match c {
                '.' => ',',
                ',' => '.',
                c => c,
            })
            .collect()
    }

    pub fn plus(self, other: Self) -> Self {
        Self(self.0.saturating_add(other.0))
    }
}

impl Serialize for Dezimal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            s.serialize_i64(self.0 / 100)
        } else {
            s.serialize_f64(self.als_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Dezimal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        parse_dezimal("", &v, i64::MAX / 1000, "err-dezimal")
            .map_err(|_| serde::de::Error::custom("expected a decimal number"))
    }
}

/// Reads German decimal text in hundredths: `12.500,50`, `12500,5`, `12500.50`, `1.000`,
/// `12,-`, with optional `€`/`EUR` and spaces. Empty text is 0. `None`: not a number.
fn dezimal_text(raw: &str) -> Option<i64> {
    let mut s: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '\'').collect();
    for w in ["euro", "eur", "€"] {
        let n = s.len();
        if n >= w.len() && s.is_char_boundary(n - w.len()) && s[n - w.len()..].to_lowercase() == w {
            s.truncate(n - w.len());
            break;
        }
        if s.is_char_boundary(w.len().min(n)) && s[..w.len().min(n)].to_lowercase() == w {
            s.drain(..w.len());
            break;
        }
    }
    if s.is_empty() {
        return Some(0);
    }
    // With both separators the later one is the decimal separator: "12,500.50" is read
    // as "12.500,50".
    if let (Some(k), Some(p)) = (s.rfind(','), s.rfind('.'))
        && p > k
    {
        s = s
            .chars()
            .map(|c| match c {
                ',' => '.',
                '.' => ',',
                c => c,
            })
            .collect();
    }
    let (neg, s) = match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (ganz, bruch) = if let Some((g, b)) = s.split_once(',') {
        let b = if b == "-" || b == "--" { "" } else { b };
        if b.is_empty() && !s.ends_with('-') {
            return None;
        }
        (g, b)
    } else {
        match s.split_once('.') {
            // A single point with one or two digits after it is a decimal point.
            Some((g, b)) if !b.contains('.') && (1..=2).contains(&b.len()) => (g, b),
            _ => (s, ""),
        }
    };
    if bruch.len() > 2 || !bruch.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if ganz.is_empty() && bruch.is_empty() {
        return None;
    }
    let teile: Vec<&str> = ganz.split('.').collect();
    let gruppen_ok = teile.len() == 1
        || (!teile[0].is_empty() && teile[0].len() <= 3 && teile[1..].iter().all(|t| t.len() == 3));
    if !gruppen_ok || !teile.iter().all(|t| t.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let mut wert: i64 = 0;
    for c in teile.concat().chars() {
        wert = wert.checked_mul(10)?.checked_add(i64::from(c.to_digit(10)?))?;
    }
    let mut hundertstel: i64 = 0;
    for (i, c) in bruch.chars().enumerate() {
        hundertstel += i64::from(c.to_digit(10)?) * if i == 0 { 10 } else { 1 };
    }
    let v = wert.checked_mul(100)?.checked_add(hundertstel)?;
    Some(if neg { -v } else { v })
}

/// Parses a decimal from JSON (number or text). Null and empty text are 0. Errors: `code`
/// when it is not a number, `err-range` (0 to `max`) when it is negative or too large.
pub fn parse_dezimal(field: &str, v: &Value, max: i64, code: &'static str) -> Result<Dezimal, FieldError> {
    let nan = || FieldError::new(field, code);
    let bereich = || {
        FieldError::new(field, "err-range")
            .arg("min", "0")
            .arg("max", Dezimal(max).deutsch(false))
    };
    let wert = match v {
        Value::Null => 0,
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.checked_mul(100).ok_or_else(bereich)?,
            None => {
                let f = n.as_f64().filter(|f| f.is_finite()).ok_or_else(nan)?;
                let c = (f * 100.0).round();
                if c.abs() > 9.0e15 {
                    return Err(bereich());
                }
                c as i64
            }
        },
        Value::String(s) => dezimal_text(s).ok_or_else(nan)?,
        _ => return Err(nan()),
    };
    if !(0..=max).contains(&wert) {
        return Err(bereich());
    }
    Ok(Dezimal(wert))
}

// ---------------------------------------------------------------------------------------
// Choices
// ---------------------------------------------------------------------------------------

macro_rules! auswahl {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident => $slug:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            #[default]
            $($(#[$vm])* $v),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            pub fn slug(self) -> &'static str {
                match self { $($name::$v => $slug),+ }
            }

            /// Accepts the slug (and short forms); empty is `err-required`.
            pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
                let r = raw.trim().to_lowercase();
                if r.is_empty() {
                    return Err(FieldError::new(field, "err-required"));
                }
                $(if r == $slug $(|| r == $alias)* { return Ok($name::$v); })+
                Err(FieldError::new(field, "err-unknown-choice"))
            }
        }
    };
}

auswahl!(
    /// Inside or outside the administration.
    StakeholderArt { Intern => "intern", Extern => "extern" }
);
auswahl!(
    /// The stance towards the project: `+`, `0`, `−`.
    Haltung { Positiv => "positiv" | "+", Neutral => "neutral" | "0" | "o", Negativ => "negativ" | "-" | "−" | "–" }
);
auswahl!(
    /// How a stakeholder is engaged.
    Strategie {
        Informieren => "informieren",
        Konsultieren => "konsultieren",
        Beteiligen => "beteiligen",
        EngEinbinden => "eng-einbinden",
    }
);
auswahl!(
    /// Where the money comes from.
    Quelle { Haushalt => "haushalt", Foerdermittel => "foerdermittel" | "fördermittel", Dritte => "dritte" }
);
auswahl!(
    /// Personnel in person-days or as a share of a full-time post (FTE, VZÄ).
    Einheit { Personentage => "personentage" | "pt", Vzae => "vzae" | "vzä" | "fte" }
);

impl Haltung {
    pub fn zeichen(self) -> &'static str {
        match self {
            Self::Positiv => "+",
            Self::Neutral => "0",
            Self::Negativ => "−",
        }
    }
}

impl Strategie {
    /// The proposal from the position on the influence/interest grid (Einfluss and
    /// Interesse from 1 = gering to 3 = hoch). A value counts as high only at 3; a medium 2
    /// counts as low:
    ///
    /// | Einfluss | Interesse | Vorschlag |
    /// |---|---|---|
    /// | hoch (3) | hoch (3) | eng einbinden (manage closely) |
    /// | hoch (3) | 1–2 | beteiligen (keep satisfied) |
    /// | 1–2 | hoch (3) | konsultieren (keep informed) |
    /// | 1–2 | 1–2 | informieren (monitor) |
    pub fn vorschlag(einfluss: u8, interesse: u8) -> Self {
        match (einfluss >= 3, interesse >= 3) {
            (true, true) => Self::EngEinbinden,
            (true, false) => Self::Beteiligen,
            (false, true) => Self::Konsultieren,
            (false, false) => Self::Informieren,
        }
    }
}

// ---------------------------------------------------------------------------------------
// The stored document
// ---------------------------------------------------------------------------------------

mod datum_opt {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&crate::werkstatt::format_datum(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        match s.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(s) => crate::werkstatt::parse_datum("", s)
                .map(Some)
                .map_err(|_| serde::de::Error::custom("expected a date YYYY-MM-DD")),
        }
    }
}

/// A validated Projektplan, as stored (JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Projektplan {
    /// The planned start: day 0 is the first working day on or after it.
    #[serde(with = "datum_opt")]
    pub start: Option<Date>,
    pub ergebnis: Ergebnis,
    pub zielgruppen: Vec<Zielgruppe>,
    pub stakeholder: Vec<Stakeholder>,
    pub organisation: Organisation,
    pub ressourcen: Ressourcen,
    pub aufgaben: Vec<PlanAufgabe>,
    pub meilensteine: Vec<PlanMeilenstein>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ergebnis {
    /// What exists when the project is done.
    pub text: String,
    pub kriterien: Vec<Erfolgskriterium>,
}

/// A success criterion: an indicator, its target value and by when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Erfolgskriterium {
    pub indikator: String,
    pub zielwert: String,
    #[serde(with = "datum_opt")]
    pub datum: Option<Date>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Zielgruppe {
    pub name: String,
    /// An estimate in words or numbers, e.g. "ca. 2.000 Haushalte".
    pub groesse: String,
    pub bedarf: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stakeholder {
    /// A person's name or a group.
    pub name: String,
    pub art: StakeholderArt,
    /// 1 (gering) to 3 (hoch).
    pub einfluss: u8,
    /// 1 (gering) to 3 (hoch).
    pub interesse: u8,
    pub haltung: Haltung,
    /// Chosen by the group; `None`: the proposal from the grid applies.
    pub strategie: Option<Strategie>,
}

impl Default for Stakeholder {
    fn default() -> Self {
        Self {
            name: String::new(),
            art: StakeholderArt::Intern,
            einfluss: 2,
            interesse: 2,
            haltung: Haltung::Neutral,
            strategie: None,
        }
    }
}

impl Stakeholder {
    pub fn vorschlag(&self) -> Strategie {
        Strategie::vorschlag(self.einfluss, self.interesse)
    }

    /// The chosen strategy, or the proposal.
    pub fn strategie(&self) -> Strategie {
        self.strategie.unwrap_or_else(|| self.vorschlag())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Organisation {
    pub auftraggeber: String,
    pub projektleitung: String,
    pub team: Vec<Teammitglied>,
    /// Optional: who is Responsible, Accountable, Consulted, Informed per task.
    pub raci: Vec<Raci>,
}

/// A team member: a name or only a role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Teammitglied {
    pub name: String,
    pub rolle: String,
}

/// The RACI row of one task (roles or names as text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Raci {
    /// The id of an Aufgabe.
    pub aufgabe: String,
    /// Responsible: does the work.
    pub r: String,
    /// Accountable: answers for the result.
    pub a: String,
    /// Consulted.
    pub c: String,
    /// Informed.
    pub i: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ressourcen {
    pub finanziell: Vec<Finanzposten>,
    pub personal: Vec<Personalposten>,
    /// Organisational needs in words.
    pub organisatorisch: String,
}

/// Money or material: one-off and running (per year) amounts in euros.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Finanzposten {
    pub bezeichnung: String,
    pub einmalig: Dezimal,
    /// Running costs per year.
    pub laufend: Dezimal,
    pub quelle: Quelle,
    /// The funding programme (required for Fördermittel).
    pub programm: String,
    pub jahr: i32,
}

impl Default for Finanzposten {
    fn default() -> Self {
        Self {
            bezeichnung: String::new(),
            einmalig: Dezimal(0),
            laufend: Dezimal(0),
            quelle: Quelle::Haushalt,
            programm: String::new(),
            jahr: 2026,
        }
    }
}

/// Personnel of one role in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Personalposten {
    pub rolle: String,
    pub umfang: Dezimal,
    pub einheit: Einheit,
    pub jahr: i32,
}

impl Default for Personalposten {
    fn default() -> Self {
        Self {
            rolle: String::new(),
            umfang: Dezimal(0),
            einheit: Einheit::Personentage,
            jahr: 2026,
        }
    }
}

/// A task of the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanAufgabe {
    /// A short id (Kürzel) such as `A1`, unique within the plan.
    pub id: String,
    pub titel: String,
    /// The responsible role.
    pub verantwortlich: String,
    /// Working days.
    pub dauer: i64,
    /// Finish-to-start predecessors with an optional lag in working days.
    pub vorgaenger: Vec<Vorgaenger>,
}

/// A milestone: a fixed date or the end of a task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanMeilenstein {
    pub id: String,
    pub titel: String,
    #[serde(with = "datum_opt")]
    pub datum: Option<Date>,
    /// "Nach Aufgabe X": the id of the task it follows.
    pub nach_aufgabe: Option<String>,
    /// Further tasks that must be finished by the milestone.
    pub abhaengig_von: Vec<String>,
    pub erreicht: bool,
}

// ---------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------

/// The raw input of a whole plan. Numbers and dates may be JSON numbers or text.
/// A [`Projektplan`] serialised to JSON reads back as this input unchanged.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProjektplanEingabe {
    pub start: Value,
    pub ergebnis: ErgebnisEingabe,
    pub zielgruppen: Vec<ZielgruppeEingabe>,
    pub stakeholder: Vec<StakeholderEingabe>,
    pub organisation: OrganisationEingabe,
    pub ressourcen: RessourcenEingabe,
    pub aufgaben: Vec<AufgabeEingabe>,
    pub meilensteine: Vec<MeilensteinEingabe>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ErgebnisEingabe {
    pub text: String,
    pub kriterien: Vec<KriteriumEingabe>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct KriteriumEingabe {
    pub indikator: String,
    pub zielwert: Value,
    pub datum: Value,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ZielgruppeEingabe {
    pub name: String,
    pub groesse: Value,
    pub bedarf: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StakeholderEingabe {
    pub name: String,
    pub art: String,
    pub einfluss: Value,
    pub interesse: Value,
    pub haltung: String,
    /// Empty or null: the proposal from the grid.
    pub strategie: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OrganisationEingabe {
    pub auftraggeber: String,
    pub projektleitung: String,
    pub team: Vec<TeammitgliedEingabe>,
    pub raci: Vec<RaciEingabe>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TeammitgliedEingabe {
    pub name: String,
    pub rolle: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RaciEingabe {
    pub aufgabe: String,
    pub r: String,
    pub a: String,
    pub c: String,
    pub i: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RessourcenEingabe {
    pub finanziell: Vec<FinanzpostenEingabe>,
    pub personal: Vec<PersonalpostenEingabe>,
    pub organisatorisch: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FinanzpostenEingabe {
    pub bezeichnung: String,
    pub einmalig: Value,
    pub laufend: Value,
    pub quelle: String,
    pub programm: String,
    pub jahr: Value,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PersonalpostenEingabe {
    pub rolle: String,
    pub umfang: Value,
    pub einheit: String,
    pub jahr: Value,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AufgabeEingabe {
    pub id: String,
    pub titel: String,
    pub verantwortlich: String,
    pub dauer: Value,
    /// A list of ids, `"A2+3"` texts or `{"id", "abstand"}` objects, or one text such as
    /// `"A1, A2+3"` (a lag of 3 working days after A2).
    pub vorgaenger: Value,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeilensteinEingabe {
    /// Empty: a free id `M1`, `M2`, … is assigned.
    pub id: String,
    pub titel: String,
    pub datum: Value,
    pub nach_aufgabe: Option<String>,
    /// A list of task ids or one comma-separated text.
    pub abhaengig_von: Value,
    /// `true`, or form text such as `"true"`, `"on"`, `"ja"`.
    pub erreicht: Value,
}

/// Text of a JSON value that may be a string or a number.
fn wert_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn opt_datum(e: &mut FieldErrors, field: &str, v: &Value) -> Option<Date> {
    let s = wert_text(v);
    if s.trim().is_empty() {
        return None;
    }
    e.take(parse_datum(field, &s))
}

fn ja(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_i64().is_some_and(|n| n != 0),
        Value::String(s) => matches!(
            s.trim().to_lowercase().as_str(),
            "true" | "on" | "ja" | "yes" | "1" | "x"
        ),
        _ => false,
    }
}

/// Is a task id well-formed: letters, digits, `-`, `_`, `.`, up to [`MAX_KUERZEL`].
fn kuerzel_ok(id: &str) -> bool {
    let n = id.chars().count();
    (1..=MAX_KUERZEL).contains(&n)
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Splits `"A1, A2+3; B"` into `("A1", "")`, `("A2", "3")`, `("B", "")`.
fn vorgaenger_teile(s: &str) -> Vec<(String, String)> {
    s.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| match t.split_once('+') {
            Some((id, lag)) => (id.trim().to_owned(), lag.trim().to_owned()),
            None => (t.to_owned(), String::new()),
        })
        .collect()
}

/// Reads the predecessors of task `i`; errors at `aufgaben[i].vorgaenger[j]`.
fn vorgaenger_lesen(e: &mut FieldErrors, i: usize, v: &Value) -> Vec<Vorgaenger> {
    let roh: Vec<(String, Value)> = match v {
        Value::Null => Vec::new(),
        Value::String(s) => vorgaenger_teile(s)
            .into_iter()
            .map(|(id, lag)| (id, Value::String(lag)))
            .collect(),
        Value::Array(a) => a
            .iter()
            .flat_map(|x| match x {
                Value::String(s) => vorgaenger_teile(s)
                    .into_iter()
                    .map(|(id, lag)| (id, Value::String(lag)))
                    .collect::<Vec<_>>(),
                Value::Object(o) => vec![(
                    o.get("id").map(wert_text).unwrap_or_default(),
                    o.get("abstand").cloned().unwrap_or(Value::Null),
                )],
                other => vec![(wert_text(other), Value::Null)],
            })
            .collect(),
        _ => {
            e.push(FieldError::new(
                format!("aufgaben[{i}].vorgaenger"),
                "err-json-field",
            ));
            return Vec::new();
        }
    };
    roh.into_iter()
        .enumerate()
        .map(|(j, (id, lag))| {
            let abstand = match &lag {
                Value::Null => 0,
                Value::String(s) if s.trim().is_empty() => 0,
                lag => e
                    .take(int_value(
                        &format!("aufgaben[{i}].vorgaenger[{j}].abstand"),
                        lag,
                        0,
                        MAX_ABSTAND,
                    ))
                    .unwrap_or(0),
            };
            Vorgaenger::mit_abstand(id.trim(), abstand)
        })
        .collect()
}

/// A list of ids from an array or one comma-separated text.
fn id_liste(v: &Value) -> Vec<String> {
    let teile: Vec<String> = match v {
        Value::Array(a) => a.iter().map(wert_text).collect(),
        Value::Null => Vec::new(),
        other => wert_text(other)
            .split([',', ';', '\n'])
            .map(str::to_owned)
            .collect(),
    };
    teile
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Limits a list and reports when it is too long.
fn begrenzt<'a, T>(e: &mut FieldErrors, field: &str, v: &'a [T], max: usize) -> &'a [T] {
    if v.len() > max {
        e.push(FieldError::new(field, "err-plan-zu-viele").arg("max", max));
        &v[..max]
    } else {
        v
    }
}

fn zahl_u8(e: &mut FieldErrors, field: &str, v: &Value) -> u8 {
    e.take(int_value(field, v, 1, 3))
        .and_then(|n| u8::try_from(n).ok())
        .unwrap_or(2)
}

fn jahr(e: &mut FieldErrors, field: &str, v: &Value) -> i32 {
    e.take(int_value(field, v, 2000, i64::from(LETZTES_JAHR)))
        .and_then(|n| i32::try_from(n).ok())
        .unwrap_or(2000)
}

impl ProjektplanEingabe {
    /// Validates the whole plan: every field, the references between sections, the schedule
    /// (a dependency cycle is `err-zyklus` naming its tasks) and the dates. Returns every
    /// error at once, each with its path.
    pub fn check(&self) -> Result<Projektplan, FieldErrors> {
        let mut e = FieldErrors::default();
        let line = |e: &mut FieldErrors, f: String, raw: &str, min: usize, max: usize| {
            e.take(text::line(&f, raw, min, max)).unwrap_or_default()
        };
        let bounded = |e: &mut FieldErrors, f: String, raw: &str, min: usize, max: usize| {
            e.take(text::bounded(&f, raw, min, max)).unwrap_or_default()
        };

        let start = opt_datum(&mut e, "start", &self.start);

        let ergebnis = Ergebnis {
            text: bounded(&mut e, "ergebnis.text".into(), &self.ergebnis.text, 0, MAX_TEXT),
            kriterien: begrenzt(&mut e, "ergebnis.kriterien", &self.ergebnis.kriterien, MAX_ZEILEN)
                .iter()
                .enumerate()
                .map(|(i, k)| {
                    let p = format!("ergebnis.kriterien[{i}]");
                    Erfolgskriterium {
                        indikator: line(&mut e, format!("{p}.indikator"), &k.indikator, 1, MAX_ZEILE),
                        zielwert: line(
                            &mut e,
                            format!("{p}.zielwert"),
                            &wert_text(&k.zielwert),
                            0,
                            MAX_ZEILE,
                        ),
                        datum: opt_datum(&mut e, &format!("{p}.datum"), &k.datum),
                    }
                })
                .collect(),
        };

        let zielgruppen = begrenzt(&mut e, "zielgruppen", &self.zielgruppen, MAX_ZEILEN)
            .iter()
            .enumerate()
            .map(|(i, z)| {
                let p = format!("zielgruppen[{i}]");
                Zielgruppe {
                    name: line(&mut e, format!("{p}.name"), &z.name, 1, MAX_ZEILE),
                    groesse: line(
                        &mut e,
                        format!("{p}.groesse"),
                        &wert_text(&z.groesse),
                        0,
                        MAX_ZEILE,
                    ),
                    bedarf: bounded(&mut e, format!("{p}.bedarf"), &z.bedarf, 0, MAX_TEXT),
                }
            })
            .collect();

        let stakeholder = begrenzt(&mut e, "stakeholder", &self.stakeholder, MAX_ZEILEN)
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let p = format!("stakeholder[{i}]");
                let strategie = match s.strategie.as_deref().map(str::trim) {
                    None | Some("") | Some("vorschlag") => None,
                    Some(raw) => e.take(Strategie::parse(&format!("{p}.strategie"), raw)),
                };
                Stakeholder {
                    name: line(&mut e, format!("{p}.name"), &s.name, 1, MAX_ZEILE),
                    art: e
                        .take(StakeholderArt::parse(&format!("{p}.art"), &s.art))
                        .unwrap_or_default(),
                    einfluss: zahl_u8(&mut e, &format!("{p}.einfluss"), &s.einfluss),
                    interesse: zahl_u8(&mut e, &format!("{p}.interesse"), &s.interesse),
                    haltung: e
                        .take(Haltung::parse(&format!("{p}.haltung"), &s.haltung))
                        .unwrap_or(Haltung::Neutral),
                    strategie,
                }
            })
            .collect();

        let o = &self.organisation;
        let organisation = Organisation {
            auftraggeber: line(
                &mut e,
                "organisation.auftraggeber".into(),
                &o.auftraggeber,
                0,
                MAX_ZEILE,
            ),
            projektleitung: line(
                &mut e,
                "organisation.projektleitung".into(),
                &o.projektleitung,
                0,
                MAX_ZEILE,
            ),
            team: begrenzt(&mut e, "organisation.team", &o.team, MAX_ZEILEN)
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let p = format!("organisation.team[{i}]");
                    let name = line(&mut e, format!("{p}.name"), &t.name, 0, MAX_ZEILE);
                    let rolle = line(&mut e, format!("{p}.rolle"), &t.rolle, 0, MAX_ZEILE);
                    if t.name.trim().is_empty() && t.rolle.trim().is_empty() {
                        e.push(FieldError::new(format!("{p}.rolle"), "err-plan-name-oder-rolle"));
                    }
                    Teammitglied { name, rolle }
                })
                .collect(),
            raci: begrenzt(&mut e, "organisation.raci", &o.raci, MAX_AUFGABEN)
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let p = format!("organisation.raci[{i}]");
                    Raci {
                        aufgabe: line(&mut e, format!("{p}.aufgabe"), &r.aufgabe, 1, MAX_KUERZEL),
                        r: line(&mut e, format!("{p}.r"), &r.r, 0, MAX_ZEILE),
                        a: line(&mut e, format!("{p}.a"), &r.a, 0, MAX_ZEILE),
                        c: line(&mut e, format!("{p}.c"), &r.c, 0, MAX_ZEILE),
                        i: line(&mut e, format!("{p}.i"), &r.i, 0, MAX_ZEILE),
                    }
                })
                .collect(),
        };

        let r = &self.ressourcen;
        let ressourcen = Ressourcen {
            finanziell: begrenzt(&mut e, "ressourcen.finanziell", &r.finanziell, MAX_ZEILEN)
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let p = format!("ressourcen.finanziell[{i}]");
                    let quelle = e
                        .take(Quelle::parse(&format!("{p}.quelle"), &f.quelle))
                        .unwrap_or_default();
                    let programm = line(&mut e, format!("{p}.programm"), &f.programm, 0, MAX_ZEILE);
                    if quelle == Quelle::Foerdermittel && f.programm.trim().is_empty() {
                        e.push(FieldError::new(format!("{p}.programm"), "err-plan-programm"));
                    }
                    Finanzposten {
                        bezeichnung: line(&mut e, format!("{p}.bezeichnung"), &f.bezeichnung, 1, MAX_ZEILE),
                        einmalig: e
                            .take(parse_dezimal(
                                &format!("{p}.einmalig"),
                                &f.einmalig,
                                MAX_BETRAG,
                                "err-betrag",
                            ))
                            .unwrap_or_default(),
                        laufend: e
                            .take(parse_dezimal(
                                &format!("{p}.laufend"),
                                &f.laufend,
                                MAX_BETRAG,
                                "err-betrag",
                            ))
                            .unwrap_or_default(),
                        quelle,
                        programm,
                        jahr: jahr(&mut e, &format!("{p}.jahr"), &f.jahr),
                    }
                })
                .collect(),
            personal: begrenzt(&mut e, "ressourcen.personal", &r.personal, MAX_ZEILEN)
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    let p = format!("ressourcen.personal[{i}]");
                    let umfang = e
                        .take(parse_dezimal(
                            &format!("{p}.umfang"),
                            &x.umfang,
                            MAX_UMFANG,
                            "err-dezimal",
                        ))
                        .unwrap_or_default();
                    if umfang.ist_null() && e.0.iter().all(|f| f.field != format!("{p}.umfang")) {
                        e.push(FieldError::new(format!("{p}.umfang"), "err-required"));
                    }
                    Personalposten {
                        rolle: line(&mut e, format!("{p}.rolle"), &x.rolle, 1, MAX_ZEILE),
                        umfang,
                        einheit: e
                            .take(Einheit::parse(&format!("{p}.einheit"), &x.einheit))
                            .unwrap_or_default(),
                        jahr: jahr(&mut e, &format!("{p}.jahr"), &x.jahr),
                    }
                })
                .collect(),
            organisatorisch: bounded(
                &mut e,
                "ressourcen.organisatorisch".into(),
                &r.organisatorisch,
                0,
                MAX_TEXT,
            ),
        };

        let aufgaben: Vec<PlanAufgabe> = begrenzt(&mut e, "aufgaben", &self.aufgaben, MAX_AUFGABEN)
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let p = format!("aufgaben[{i}]");
                let id = a.id.trim().to_owned();
                if !id.is_empty() && !kuerzel_ok(&id) {
                    e.push(FieldError::new(format!("{p}.id"), "err-kuerzel").arg("max", MAX_KUERZEL));
                }
                PlanAufgabe {
                    id,
                    titel: line(&mut e, format!("{p}.titel"), &a.titel, 1, MAX_ZEILE),
                    verantwortlich: line(
                        &mut e,
                        format!("{p}.verantwortlich"),
                        &a.verantwortlich,
                        0,
                        MAX_ZEILE,
                    ),
                    dauer: e
                        .take(int_value(&format!("{p}.dauer"), &a.dauer, 0, MAX_DAUER))
                        .unwrap_or(0),
                    vorgaenger: vorgaenger_lesen(&mut e, i, &a.vorgaenger),
                }
            })
            .collect();

        let mut vergeben: HashSet<String> = self
            .meilensteine
            .iter()
            .map(|m| m.id.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let mut naechste = 1;
        let meilensteine = begrenzt(&mut e, "meilensteine", &self.meilensteine, MAX_ZEILEN)
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let p = format!("meilensteine[{i}]");
                let mut id = m.id.trim().to_owned();
                if id.is_empty() {
                    while vergeben.contains(&format!("M{naechste}")) {
                        naechste += 1;
                    }
                    id = format!("M{naechste}");
                    vergeben.insert(id.clone());
                } else if !kuerzel_ok(&id) {
                    e.push(FieldError::new(format!("{p}.id"), "err-kuerzel").arg("max", MAX_KUERZEL));
                }
                let datum = opt_datum(&mut e, &format!("{p}.datum"), &m.datum);
                let nach_aufgabe = m
                    .nach_aufgabe
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned);
                let termin_leer = wert_text(&m.datum).trim().is_empty() && nach_aufgabe.is_none();
                if termin_leer || (datum.is_some() && nach_aufgabe.is_some()) {
                    e.push(FieldError::new(
                        format!("{p}.datum"),
                        "err-plan-meilenstein-termin",
                    ));
                }
                PlanMeilenstein {
                    id,
                    titel: line(&mut e, format!("{p}.titel"), &m.titel, 1, MAX_ZEILE),
                    datum,
                    nach_aufgabe,
                    abhaengig_von: id_liste(&m.abhaengig_von),
                    erreicht: ja(&m.erreicht),
                }
            })
            .collect();

        let plan = Projektplan {
            start,
            ergebnis,
            zielgruppen,
            stakeholder,
            organisation,
            ressourcen,
            aufgaben,
            meilensteine,
        };
        let schon: HashSet<String> = e.0.iter().map(|f| f.field.clone()).collect();
        let mut weitere = plan.referenzen();
        if let Err(x) = plan.auswerten() {
            weitere.0.extend(x.0);
        }
        let mut neu: HashSet<String> = HashSet::new();
        for f in weitere.0 {
            // One message per field: the first, more specific one wins.
            if !schon.contains(&f.field) && neu.insert(f.field.clone()) {
                e.push(f);
            }
        }
        if e.is_empty() { Ok(plan) } else { Err(e) }
    }
}

// ---------------------------------------------------------------------------------------
// The evaluation
// ---------------------------------------------------------------------------------------

mod datum_ser {
    use serde::Serializer;
    use time::Date;

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        super::datum_opt::serialize(d, s)
    }

    pub fn one<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::werkstatt::format_datum(*d))
    }
}

/// The computed schedule of one task: working-day offsets from the start and, when the plan
/// has a start date, calendar dates (last day inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Termin {
    pub id: String,
    pub titel: String,
    pub verantwortlich: String,
    pub dauer: i64,
    pub vorgaenger: Vec<Vorgaenger>,
    pub fruehester_anfang: i64,
    pub fruehestes_ende: i64,
    pub spaetester_anfang: i64,
    pub spaetestes_ende: i64,
    pub gesamtpuffer: i64,
    pub freier_puffer: i64,
    pub kritisch: bool,
    #[serde(with = "datum_ser")]
    pub anfang: Option<Date>,
    #[serde(with = "datum_ser")]
    pub ende: Option<Date>,
    #[serde(with = "datum_ser")]
    pub spaetester_anfang_datum: Option<Date>,
    #[serde(with = "datum_ser")]
    pub spaetestes_ende_datum: Option<Date>,
}

/// A milestone dated too early: the task that finishes last among those it depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ZuFrueh {
    pub aufgabe: String,
    pub aufgabe_titel: String,
    #[serde(serialize_with = "datum_ser::one")]
    pub fruehestens: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeilensteinTermin {
    pub id: String,
    pub titel: String,
    /// The fixed date, or the end of the task it follows (needs a start date).
    #[serde(with = "datum_ser")]
    pub datum: Option<Date>,
    pub nach_aufgabe: Option<String>,
    pub abhaengig_von: Vec<String>,
    pub erreicht: bool,
    pub zu_frueh: Option<ZuFrueh>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StakeholderWertung {
    pub name: String,
    pub vorschlag: Strategie,
    /// The chosen strategy, or the proposal.
    pub strategie: Strategie,
    /// The group chose a strategy other than the proposal.
    pub abweichend: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JahresSumme {
    pub jahr: i32,
    pub einmalig: Dezimal,
    pub laufend: Dezimal,
    pub personentage: Dezimal,
    pub vzae: Dezimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuellenSumme {
    pub quelle: Quelle,
    pub einmalig: Dezimal,
    pub laufend: Dezimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RollenSumme {
    pub rolle: String,
    pub personentage: Dezimal,
    pub vzae: Dezimal,
}

/// Totals of the Ressourcen: overall, per year, per source of money, per role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summen {
    pub einmalig: Dezimal,
    pub laufend: Dezimal,
    pub personentage: Dezimal,
    pub vzae: Dezimal,
    /// Ascending years.
    pub nach_jahr: Vec<JahresSumme>,
    /// Only sources that occur, in the order Haushalt, Fördermittel, Dritte.
    pub nach_quelle: Vec<QuellenSumme>,
    /// Roles in order of first appearance.
    pub nach_rolle: Vec<RollenSumme>,
}

/// Everything computed from a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Auswertung {
    /// The first working day (day 0), when the plan has a start date.
    #[serde(with = "datum_ser")]
    pub anfang: Option<Date>,
    /// The last working day of the plan.
    #[serde(with = "datum_ser")]
    pub ende: Option<Date>,
    /// Working days.
    pub gesamtdauer: i64,
    /// Each a chain of task ids (at most 16 paths).
    pub kritische_pfade: Vec<Vec<String>>,
    /// The tasks in schedule order (earliest start, then id).
    pub aufgaben: Vec<Termin>,
    /// In the order of the plan.
    pub meilensteine: Vec<MeilensteinTermin>,
    /// `warn-meilenstein-zu-frueh` at `meilensteine[i]` with the args `titel`, `datum`,
    /// `aufgabe` and `fruehestens`.
    pub warnungen: Vec<FieldError>,
    pub stakeholder: Vec<StakeholderWertung>,
    pub summen: Summen,
}

/// Easter Sunday (Gregorian calendar; anonymous algorithm).
pub fn ostersonntag(jahr: i32) -> Option<Date> {
    let a = jahr.rem_euclid(19);
    let b = jahr.div_euclid(100);
    let c = jahr.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let monat = (h + l - 7 * m + 114) / 31;
    let tag = (h + l - 7 * m + 114) % 31 + 1;
    Date::from_calendar_date(
        jahr,
        Month::try_from(u8::try_from(monat).ok()?).ok()?,
        u8::try_from(tag).ok()?,
    )
    .ok()
}

/// The public holidays of every Land: Neujahr, Karfreitag, Ostermontag, 1. Mai, Christi
/// Himmelfahrt, Pfingstmontag, Tag der Deutschen Einheit and both Christmas days.
pub fn bundesweite_feiertage(jahr: i32) -> Vec<Date> {
    let mut v = Vec::with_capacity(9);
    let fest = |m: Month, d: u8| Date::from_calendar_date(jahr, m, d).ok();
    let ostern = ostersonntag(jahr);
    let relativ = |tage: i64| {
        ostern.and_then(|o| Date::from_julian_day(o.to_julian_day() + i32::try_from(tage).ok()?).ok())
    };
    for d in [
        fest(Month::January, 1),
        relativ(-2),
        relativ(1),
        fest(Month::May, 1),
        relativ(39),
        relativ(50),
        fest(Month::October, 3),
        fest(Month::December, 25),
        fest(Month::December, 26),
    ]
    .into_iter()
    .flatten()
    {
        v.push(d);
    }
    v.sort();
    v
}

/// The working-day calendar of a plan from `start`: weekends and nationwide holidays off.
pub fn arbeitskalender(start: Date, gesamtdauer: i64) -> Arbeitskalender {
    // About 250 working days a year; two years more for safety, bounded for huge plans.
    let jahre = (gesamtdauer / 240 + 2).clamp(2, 200) as i32;
    let feiertage = (start.year()..=start.year().saturating_add(jahre)).flat_map(bundesweite_feiertage);
    Arbeitskalender::mit_feiertagen(start, feiertage)
}

impl Projektplan {
    /// Validates a stored or imported plan with the same rules as the input.
    pub fn check(&self) -> Result<(), FieldErrors> {
        let v = serde_json::to_value(self).unwrap_or(Value::Null);
        let eingabe: ProjektplanEingabe = serde_json::from_value(v).unwrap_or_default();
        eingabe.check().map(|_| ())
    }

    /// References between sections: RACI rows and milestones name existing tasks;
    /// milestone ids are unique.
    fn referenzen(&self) -> FieldErrors {
        let mut e = FieldErrors::default();
        let ids: HashSet<&str> = self.aufgaben.iter().map(|a| a.id.as_str()).collect();
        for (i, r) in self.organisation.raci.iter().enumerate() {
            if !r.aufgabe.is_empty() && !ids.contains(r.aufgabe.as_str()) {
                e.push(
                    FieldError::new(format!("organisation.raci[{i}].aufgabe"), "err-aufgabe-unbekannt")
                        .arg("id", &r.aufgabe),
                );
            }
        }
        let mut gesehen: HashSet<&str> = HashSet::new();
        for (i, m) in self.meilensteine.iter().enumerate() {
            if !gesehen.insert(m.id.as_str()) {
                e.push(FieldError::new(format!("meilensteine[{i}].id"), "err-id-doppelt").arg("id", &m.id));
            }
            if let Some(n) = &m.nach_aufgabe
                && !ids.contains(n.as_str())
            {
                e.push(
                    FieldError::new(format!("meilensteine[{i}].nach_aufgabe"), "err-aufgabe-unbekannt")
                        .arg("id", n),
                );
            }
            if let Some(x) = m.abhaengig_von.iter().find(|x| !ids.contains(x.as_str())) {
                e.push(
                    FieldError::new(
                        format!("meilensteine[{i}].abhaengig_von"),
                        "err-aufgabe-unbekannt",
                    )
                    .arg("id", x),
                );
            }
        }
        e
    }

    /// Computes the schedule (critical path method, dated when `start` is set), the
    /// milestone dates and warnings, the stakeholder strategies and the resource totals.
    ///
    /// Errors: those of [`berechne`] (`aufgaben[i]…`, including `err-zyklus`), and
    /// `aufgaben` / `err-plan-ende` when the plan runs beyond 2100.
    pub fn auswerten(&self) -> Result<Auswertung, FieldErrors> {
        let eingabe: Vec<Aufgabe> = self
            .aufgaben
            .iter()
            .map(|a| Aufgabe {
                id: a.id.clone(),
                titel: a.titel.clone(),
                dauer: a.dauer,
                vorgaenger: a.vorgaenger.clone(),
            })
            .collect();
        let netz = berechne(&eingabe)?;
        let kalender = self.start.map(|s| arbeitskalender(s, netz.gesamtdauer));
        let mut e = FieldErrors::default();

        let daten = match &kalender {
            Some(k) => match termine(&netz, k) {
                Ok(t) => Some(t),
                Err(_) => {
                    return Err(FieldError::new("aufgaben", "err-plan-ende")
                        .arg("jahr", LETZTES_JAHR)
                        .into());
                }
            },
            None => None,
        };
        let grenze = Date::from_calendar_date(LETZTES_JAHR, Month::December, 31).ok();
        let ende = match (&kalender, netz.aufgaben.is_empty()) {
            (Some(k), false) => k.letzter_tag(netz.gesamtdauer),
            _ => None,
        };
        if let (Some(ende), Some(g)) = (ende, grenze)
            && ende > g
        {
            e.push(FieldError::new("aufgaben", "err-plan-ende").arg("jahr", LETZTES_JAHR));
            return Err(e);
        }

        let verantwortlich = |id: &str| {
            self.aufgaben
                .iter()
                .find(|a| a.id == id)
                .map(|a| (a.verantwortlich.clone(), a.vorgaenger.clone()))
                .unwrap_or_default()
        };
        let aufgaben: Vec<Termin> = netz
            .aufgaben
            .iter()
            .map(|g| {
                let (wer, vorgaenger) = verantwortlich(&g.id);
                let datum = daten.as_ref().and_then(|d| d.iter().find(|t| t.id == g.id));
                let spaet = kalender
                    .as_ref()
                    .and_then(|k| k.zeitraum(g.spaetester_anfang, g.dauer));
                Termin {
                    id: g.id.clone(),
                    titel: g.titel.clone(),
                    verantwortlich: wer,
                    dauer: g.dauer,
                    vorgaenger,
                    fruehester_anfang: g.fruehester_anfang,
                    fruehestes_ende: g.fruehestes_ende,
                    spaetester_anfang: g.spaetester_anfang,
                    spaetestes_ende: g.spaetestes_ende,
                    gesamtpuffer: g.gesamtpuffer,
                    freier_puffer: g.freier_puffer,
                    kritisch: g.kritisch,
                    anfang: datum.map(|t| t.anfang),
                    ende: datum.map(|t| t.ende),
                    spaetester_anfang_datum: spaet.map(|s| s.0),
                    spaetestes_ende_datum: spaet.map(|s| s.1),
                }
            })
            .collect();

        // Milestones: with a start date every one is dated; without, only fixed dates.
        let mut meilensteine: Vec<MeilensteinTermin> = self
            .meilensteine
            .iter()
            .map(|m| MeilensteinTermin {
                id: m.id.clone(),
                titel: m.titel.clone(),
                datum: m.datum,
                nach_aufgabe: m.nach_aufgabe.clone(),
                abhaengig_von: m.abhaengig_von.clone(),
                erreicht: m.erreicht,
                zu_frueh: None,
            })
            .collect();
        let mut warnungen = Vec::new();
        if let Some(t) = &daten {
            let eingabe: Vec<Meilenstein> = self
                .meilensteine
                .iter()
                .map(|m| Meilenstein {
                    id: m.id.clone(),
                    titel: m.titel.clone(),
                    termin: match (&m.nach_aufgabe, m.datum) {
                        (Some(a), _) => Festlegung::NachAufgabe(a.clone()),
                        (None, Some(d)) => Festlegung::Datum(d),
                        // Unreachable for a checked plan; dated at the start.
                        (None, None) => Festlegung::Datum(self.start.unwrap_or(Date::MIN)),
                    },
                    abhaengig_von: m.abhaengig_von.clone(),
                })
                .collect();
            let datiert = meilensteine_datieren(&eingabe, t).map_err(|x| {
                // Report at the input field names of this document.
                FieldErrors(
                    x.0.into_iter()
                        .map(|mut f| {
                            if let Some(p) = f.field.strip_suffix(".termin") {
                                f.field = format!("{p}.nach_aufgabe");
                            } else if let Some((p, _)) = f.field.split_once(".abhaengig_von[") {
                                f.field = format!("{p}.abhaengig_von");
                            }
                            f
                        })
                        .collect(),
                )
            })?;
            for (m, d) in meilensteine.iter_mut().zip(&datiert) {
                m.datum = Some(d.datum);
            }
            for w in pruefe_meilensteine(&datiert, t) {
                if let Some(m) = meilensteine.iter_mut().find(|m| m.id == w.meilenstein) {
                    m.zu_frueh = Some(ZuFrueh {
                        aufgabe: w.aufgabe.clone(),
                        aufgabe_titel: w.aufgabe_titel.clone(),
                        fruehestens: w.fruehestens,
                    });
                }
                warnungen.push(
                    FieldError::new(w.feld, super::kalender::MeilensteinWarnung::CODE)
                        .arg("titel", &w.titel)
                        .arg("datum", format_datum(w.datum))
                        .arg("aufgabe", &w.aufgabe_titel)
                        .arg("fruehestens", format_datum(w.fruehestens)),
                );
            }
        } else {
            // Without a start only fixed-date milestones have a date; no warnings.
            for m in &mut meilensteine {
                if m.nach_aufgabe.is_some() {
                    m.datum = None;
                }
            }
        }

        let stakeholder = self
            .stakeholder
            .iter()
            .map(|s| StakeholderWertung {
                name: s.name.clone(),
                vorschlag: s.vorschlag(),
                strategie: s.strategie(),
                abweichend: s.strategie.is_some_and(|x| x != s.vorschlag()),
            })
            .collect();

        Ok(Auswertung {
            anfang: kalender.as_ref().and_then(|k| k.tag(0)),
            ende,
            gesamtdauer: netz.gesamtdauer,
            kritische_pfade: netz.kritische_pfade.clone(),
            aufgaben,
            meilensteine,
            warnungen,
            stakeholder,
            summen: self.ressourcen.summen(),
        })
    }
}

impl Ressourcen {
    /// Totals per kind (money one-off and running, person-days, FTE), per year, per source
    /// and per role.
    pub fn summen(&self) -> Summen {
        let mut s = Summen::default();
        let mut jahre: BTreeMap<i32, JahresSumme> = BTreeMap::new();
        let mut quellen: BTreeMap<Quelle, (Dezimal, Dezimal)> = BTreeMap::new();
        for f in &self.finanziell {
            s.einmalig = s.einmalig.plus(f.einmalig);
            s.laufend = s.laufend.plus(f.laufend);
            let j = jahre.entry(f.jahr).or_insert_with(|| JahresSumme {
                jahr: f.jahr,
                ..Default::default()
            });
            j.einmalig = j.einmalig.plus(f.einmalig);
            j.laufend = j.laufend.plus(f.laufend);
            let q = quellen.entry(f.quelle).or_default();
            q.0 = q.0.plus(f.einmalig);
            q.1 = q.1.plus(f.laufend);
        }
        for p in &self.personal {
            let j = jahre.entry(p.jahr).or_insert_with(|| JahresSumme {
                jahr: p.jahr,
                ..Default::default()
            });
            let rolle = match s.nach_rolle.iter().position(|r| r.rolle == p.rolle) {
                Some(i) => i,
                None => {
                    s.nach_rolle.push(RollenSumme {
                        rolle: p.rolle.clone(),
                        personentage: Dezimal(0),
                        vzae: Dezimal(0),
                    });
                    s.nach_rolle.len() - 1
                }
            };
            let r = &mut s.nach_rolle[rolle];
            match p.einheit {
                Einheit::Personentage => {
                    s.personentage = s.personentage.plus(p.umfang);
                    j.personentage = j.personentage.plus(p.umfang);
                    r.personentage = r.personentage.plus(p.umfang);
                }
                Einheit::Vzae => {
                    s.vzae = s.vzae.plus(p.umfang);
                    j.vzae = j.vzae.plus(p.umfang);
                    r.vzae = r.vzae.plus(p.umfang);
                }
            }
        }
        s.nach_jahr = jahre.into_values().collect();
        s.nach_quelle = quellen
            .into_iter()
            .map(|(quelle, (einmalig, laufend))| QuellenSumme {
                quelle,
                einmalig,
                laufend,
            })
            .collect();
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::date;

    fn fehler(r: Result<Projektplan, FieldErrors>) -> Vec<(String, &'static str)> {
        let mut v: Vec<(String, &'static str)> =
            r.unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        v.sort();
        v
    }

    fn eingabe(v: Value) -> ProjektplanEingabe {
        serde_json::from_value(v).unwrap()
    }

    fn voll() -> Value {
        json!({
            "start": "2026-03-02",
            "ergebnis": {
                "text": "Alle Anträge der Verwaltung sind online.",
                "kriterien": [{"indikator": "Online-Anträge pro Monat", "zielwert": 500, "datum": "2027-06-30"}]
            },
            "zielgruppen": [{"name": "Familien", "groesse": "ca. 2.000", "bedarf": "Anträge am Abend"}],
            "stakeholder": [
                {"name": "Bürgermeisterin", "art": "intern", "einfluss": 3, "interesse": 3, "haltung": "+"},
                {"name": "Gemeinderat", "art": "intern", "einfluss": "3", "interesse": "1", "haltung": "0"},
                {"name": "Vereine", "art": "extern", "einfluss": 1, "interesse": 3, "haltung": "-", "strategie": "beteiligen"},
                {"name": "Presse", "art": "extern", "einfluss": 2, "interesse": 2, "haltung": "neutral", "strategie": ""}
            ],
            "organisation": {
                "auftraggeber": "Bürgermeisterin",
                "projektleitung": "Digitallotsin",
                "team": [{"name": "", "rolle": "IT"}, {"name": "Herr Weber", "rolle": "Bürgerbüro"}],
                "raci": [{"aufgabe": "A1", "r": "IT", "a": "Projektleitung", "c": "", "i": "Rat"}]
            },
            "ressourcen": {
                "finanziell": [
                    {"bezeichnung": "Software", "einmalig": "12.500,50", "laufend": "1.200", "quelle": "haushalt", "jahr": 2026},
                    {"bezeichnung": "Tablets", "einmalig": 3000, "laufend": 0, "quelle": "foerdermittel", "programm": "LEADER", "jahr": "2026"},
                    {"bezeichnung": "Wartung", "einmalig": "", "laufend": "450,5", "quelle": "dritte", "jahr": 2027}
                ],
                "personal": [
                    {"rolle": "IT", "umfang": "12,5", "einheit": "personentage", "jahr": 2026},
                    {"rolle": "Bürgerbüro", "umfang": 0.25, "einheit": "vzae", "jahr": 2027},
                    {"rolle": "IT", "umfang": 3, "einheit": "pt", "jahr": 2027}
                ],
                "organisatorisch": "Dienstanweisung anpassen"
            },
            "aufgaben": [
                {"id": "A1", "titel": "Bedarfsanalyse", "verantwortlich": "Projektleitung", "dauer": 5},
                {"id": "A2", "titel": "Ausschreibung", "dauer": "10", "vorgaenger": "A1"},
                {"id": "A3", "titel": "Schulung", "dauer": 2, "vorgaenger": [{"id": "A1", "abstand": 3}]},
                {"id": "A4", "titel": "Start", "dauer": 1, "vorgaenger": ["A2", "A3"]}
            ],
            "meilensteine": [
                {"titel": "Vergabe", "nach_aufgabe": "A2"},
                {"id": "M9", "titel": "Go-live", "datum": "2026-03-10", "abhaengig_von": "A4", "erreicht": "on"}
            ]
        })
    }

    #[test]
    fn parses_german_amounts() {
        let p = |s: &str| dezimal_text(s);
        assert_eq!(p("12.500,50"), Some(1_250_050));
        assert_eq!(p("12500,5"), Some(1_250_050));
        assert_eq!(p("12500.50"), Some(1_250_050));
        assert_eq!(p("12,500.50"), Some(1_250_050));
        assert_eq!(p("1,234,567.8"), Some(123_456_780));
        assert_eq!(p("1.000"), Some(100_000));
        assert_eq!(p("1.234.567"), Some(123_456_700));
        assert_eq!(p("12,- €"), Some(1_200));
        assert_eq!(p("€ 7"), Some(700));
        assert_eq!(p("3 000 EUR"), Some(300_000));
        assert_eq!(p(",5"), Some(50));
        assert_eq!(p(""), Some(0));
        assert_eq!(p("-5"), Some(-500));
        for bad in [
            "zwölf", "12,505", "1.2.3", "1,23.4", "12.50.0", "1,2,3", "12a", "12,", ".", "1..0", "12.5000",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
        let f = |v: Value| parse_dezimal("x", &v, MAX_BETRAG, "err-betrag");
        assert_eq!(f(json!(12.5)).unwrap(), Dezimal(1250));
        assert_eq!(f(json!(null)).unwrap(), Dezimal(0));
        assert_eq!(f(json!("viel")).unwrap_err().code, "err-betrag");
        assert_eq!(f(json!(true)).unwrap_err().code, "err-betrag");
        assert_eq!(f(json!(-1)).unwrap_err().code, "err-range");
        assert_eq!(f(json!("2.000.000.000")).unwrap_err().code, "err-range");
        assert_eq!(f(json!(1e300)).unwrap_err().code, "err-range");
    }

    #[test]
    fn formats_decimals() {
        assert_eq!(Dezimal(1_250_050).deutsch(true), "12.500,50");
        assert_eq!(Dezimal(1_250_000).deutsch(false), "12.500");
        assert_eq!(Dezimal(1_250_000).deutsch(true), "12.500,00");
        assert_eq!(Dezimal(25).deutsch(false), "0,25");
        assert_eq!(Dezimal(1250).deutsch(false), "12,5");
        assert_eq!(Dezimal(12_345_678_900).deutsch(false), "123.456.789");
        assert_eq!(Dezimal(1_250_050).englisch(true), "12,500.50");
        assert_eq!(serde_json::to_string(&Dezimal(1_250_050)).unwrap(), "12500.5");
        assert_eq!(serde_json::to_string(&Dezimal(300)).unwrap(), "3");
        let d: Dezimal = serde_json::from_str("\"1.000,5\"").unwrap();
        assert_eq!(d, Dezimal(100_050));
    }

    #[test]
    fn checks_a_full_plan_and_computes_everything() {
        let plan = eingabe(voll()).check().unwrap();
        assert_eq!(plan.start, Some(date!(2026 - 03 - 02)));
        assert_eq!(plan.ressourcen.finanziell[0].einmalig, Dezimal(1_250_050));
        assert_eq!(plan.ressourcen.finanziell[0].laufend, Dezimal(120_000));
        assert_eq!(plan.aufgaben[2].vorgaenger, [Vorgaenger::mit_abstand("A1", 3)]);
        assert_eq!(plan.meilensteine[0].id, "M1");
        assert!(plan.meilensteine[1].erreicht);
        assert_eq!(plan.stakeholder[3].strategie, None);
        assert_eq!(plan.ergebnis.kriterien[0].zielwert, "500");

        let a = plan.auswerten().unwrap();
        // A1 5 days, A2 10 days → A4 1 day: 16 working days; A3 has slack.
        assert_eq!(a.gesamtdauer, 16);
        assert_eq!(a.kritische_pfade, [["A1", "A2", "A4"]]);
        let a3 = a.aufgaben.iter().find(|t| t.id == "A3").unwrap();
        assert_eq!(
            (a3.fruehester_anfang, a3.gesamtpuffer, a3.kritisch),
            (8, 5, false)
        );
        assert_eq!(a.anfang, Some(date!(2026 - 03 - 02)));
        // 16 working days from Monday 2 March: Monday 23 March.
        assert_eq!(a.ende, Some(date!(2026 - 03 - 23)));
        let a1 = &a.aufgaben[0];
        assert_eq!(
            (a1.anfang, a1.ende),
            (Some(date!(2026 - 03 - 02)), Some(date!(2026 - 03 - 06)))
        );
        assert_eq!(a1.verantwortlich, "Projektleitung");
        // Milestones: Vergabe at the end of A2; Go-live dated before A4 can finish.
        assert_eq!(a.meilensteine[0].datum, Some(date!(2026 - 03 - 20)));
        assert!(a.meilensteine[0].zu_frueh.is_none());
        let z = a.meilensteine[1].zu_frueh.as_ref().unwrap();
        assert_eq!((z.aufgabe.as_str(), z.fruehestens), ("A4", date!(2026 - 03 - 23)));
        assert_eq!(a.warnungen.len(), 1);
        assert_eq!(a.warnungen[0].field, "meilensteine[1]");
        assert_eq!(a.warnungen[0].code, "warn-meilenstein-zu-frueh");
        // Strategies.
        let s: Vec<(Strategie, Strategie, bool)> = a
            .stakeholder
            .iter()
            .map(|s| (s.vorschlag, s.strategie, s.abweichend))
            .collect();
        assert_eq!(
            s,
            [
                (Strategie::EngEinbinden, Strategie::EngEinbinden, false),
                (Strategie::Beteiligen, Strategie::Beteiligen, false),
                (Strategie::Konsultieren, Strategie::Beteiligen, true),
                (Strategie::Informieren, Strategie::Informieren, false),
            ]
        );
        // Totals.
        let t = &a.summen;
        assert_eq!(t.einmalig, Dezimal(1_550_050));
        assert_eq!(t.laufend, Dezimal(165_050));
        assert_eq!((t.personentage, t.vzae), (Dezimal(1550), Dezimal(25)));
        assert_eq!(t.nach_jahr.len(), 2);
        assert_eq!(
            t.nach_jahr[0],
            JahresSumme {
                jahr: 2026,
                einmalig: Dezimal(1_550_050),
                laufend: Dezimal(120_000),
                personentage: Dezimal(1250),
                vzae: Dezimal(0)
            }
        );
        assert_eq!(t.nach_jahr[1].laufend, Dezimal(45_050));
        assert_eq!(t.nach_quelle.len(), 3);
        assert_eq!(t.nach_quelle[1].quelle, Quelle::Foerdermittel);
        assert_eq!(t.nach_rolle[0].rolle, "IT");
        assert_eq!(t.nach_rolle[0].personentage, Dezimal(1550));
    }

    #[test]
    fn the_stored_form_reads_back_as_input() {
        let plan = eingabe(voll()).check().unwrap();
        let json = serde_json::to_value(&plan).unwrap();
        let wieder = eingabe(json.clone()).check().unwrap();
        assert_eq!(wieder, plan);
        let direkt: Projektplan = serde_json::from_value(json).unwrap();
        assert_eq!(direkt, plan);
        assert!(plan.check().is_ok());
        assert_eq!(Projektplan::default().check(), Ok(()));
        let leer = Projektplan::default().auswerten().unwrap();
        assert_eq!((leer.gesamtdauer, leer.ende), (0, None));
    }

    #[test]
    fn names_every_invalid_field() {
        let mut v = voll();
        v["start"] = json!("1999-12-31");
        v["aufgaben"][1]["dauer"] = json!(-3);
        v["aufgaben"][2]["vorgaenger"] = json!("A1, X9+2, A1+zwei");
        v["aufgaben"][3]["id"] = json!("A 4");
        v["ressourcen"]["finanziell"][0]["einmalig"] = json!("zwölftausend");
        v["ressourcen"]["finanziell"][1]["programm"] = json!("");
        v["ressourcen"]["finanziell"][2]["jahr"] = json!(2101);
        v["ressourcen"]["personal"][0]["einheit"] = json!("stunden");
        v["ergebnis"]["kriterien"][0]["datum"] = json!("2027-02-30");
        v["stakeholder"][0]["einfluss"] = json!(4);
        v["stakeholder"][1]["haltung"] = json!("");
        v["meilensteine"][0]["nach_aufgabe"] = json!("A7");
        v["meilensteine"][1]["datum"] = json!(null);
        v["meilensteine"][1]["nach_aufgabe"] = json!(null);
        v["organisation"]["raci"][0]["aufgabe"] = json!("Z1");
        v["organisation"]["team"][0]["rolle"] = json!("");
        assert_eq!(
            fehler(eingabe(v).check()),
            [
                ("aufgaben[1].dauer".to_owned(), "err-range"),
                ("aufgaben[2].vorgaenger[1]".to_owned(), "err-vorgaenger-unbekannt"),
                ("aufgaben[2].vorgaenger[2]".to_owned(), "err-vorgaenger-doppelt"),
                ("aufgaben[2].vorgaenger[2].abstand".to_owned(), "err-not-a-number"),
                ("aufgaben[3].id".to_owned(), "err-kuerzel"),
                ("ergebnis.kriterien[0].datum".to_owned(), "err-date-format"),
                ("meilensteine[0].nach_aufgabe".to_owned(), "err-aufgabe-unbekannt"),
                (
                    "meilensteine[1].abhaengig_von".to_owned(),
                    "err-aufgabe-unbekannt"
                ),
                ("meilensteine[1].datum".to_owned(), "err-plan-meilenstein-termin"),
                ("organisation.raci[0].aufgabe".to_owned(), "err-aufgabe-unbekannt"),
                (
                    "organisation.team[0].rolle".to_owned(),
                    "err-plan-name-oder-rolle"
                ),
                ("ressourcen.finanziell[0].einmalig".to_owned(), "err-betrag"),
                (
                    "ressourcen.finanziell[1].programm".to_owned(),
                    "err-plan-programm"
                ),
                ("ressourcen.finanziell[2].jahr".to_owned(), "err-range"),
                ("ressourcen.personal[0].einheit".to_owned(), "err-unknown-choice"),
                ("stakeholder[0].einfluss".to_owned(), "err-range"),
                ("stakeholder[1].haltung".to_owned(), "err-required"),
                ("start".to_owned(), "err-date-range"),
            ]
        );
    }

    #[test]
    fn rejects_a_cycle_naming_the_tasks() {
        let v = json!({"aufgaben": [
            {"id": "A", "titel": "Konzept", "dauer": 2, "vorgaenger": "C"},
            {"id": "B", "titel": "Vergabe", "dauer": 2, "vorgaenger": "A"},
            {"id": "C", "titel": "Abnahme", "dauer": 2, "vorgaenger": "B"}
        ]});
        let e = eingabe(v).check().unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].code, "err-zyklus");
        assert_eq!(e.0[0].field, "aufgaben[0].vorgaenger[0]");
        assert_eq!(e.0[0].args[0].1, "Konzept → Vergabe → Abnahme → Konzept");
    }

    #[test]
    fn duplicate_and_missing_ids() {
        let v = json!({"aufgaben": [
            {"id": "A", "titel": "Eins", "dauer": 1},
            {"id": "A", "titel": "Zwei", "dauer": 1},
            {"id": "", "titel": "Drei", "dauer": ""}
        ], "meilensteine": [
            {"id": "M1", "titel": "x", "datum": "2026-01-01"},
            {"id": "M1", "titel": "y", "datum": "2026-01-02"}
        ]});
        assert_eq!(
            fehler(eingabe(v).check()),
            [
                ("aufgaben[1].id".to_owned(), "err-id-doppelt"),
                ("aufgaben[2].dauer".to_owned(), "err-required"),
                ("aufgaben[2].id".to_owned(), "err-required"),
                ("meilensteine[1].id".to_owned(), "err-id-doppelt"),
            ]
        );
    }

    #[test]
    fn a_plan_beyond_2100_is_refused() {
        let v = json!({"start": "2100-06-01", "aufgaben": [{"id": "A", "titel": "Lang", "dauer": 400}]});
        assert_eq!(
            fehler(eingabe(v).check()),
            [("aufgaben".to_owned(), "err-plan-ende")]
        );
    }

    #[test]
    fn without_a_start_only_offsets_and_fixed_dates() {
        let mut v = voll();
        v["start"] = json!("");
        let a = eingabe(v).check().unwrap().auswerten().unwrap();
        assert_eq!(a.gesamtdauer, 16);
        assert!(a.aufgaben.iter().all(|t| t.anfang.is_none()));
        assert_eq!(a.meilensteine[0].datum, None);
        assert_eq!(a.meilensteine[1].datum, Some(date!(2026 - 03 - 10)));
        assert!(a.warnungen.is_empty());
    }

    #[test]
    fn proposes_strategies_from_the_grid() {
        use Strategie::*;
        let mut raster = Vec::new();
        for e in 1..=3 {
            for i in 1..=3 {
                raster.push(Strategie::vorschlag(e, i));
            }
        }
        assert_eq!(
            raster,
            [
                Informieren,
                Informieren,
                Konsultieren,
                Informieren,
                Informieren,
                Konsultieren,
                Beteiligen,
                Beteiligen,
                EngEinbinden
            ]
        );
        assert_eq!(Haltung::parse("h", "−").unwrap(), Haltung::Negativ);
        assert_eq!(Strategie::parse("s", "eng-einbinden").unwrap(), EngEinbinden);
        assert_eq!(Quelle::parse("q", "Fördermittel").unwrap(), Quelle::Foerdermittel);
    }

    #[test]
    fn nationwide_holidays_are_skipped() {
        assert_eq!(ostersonntag(2026), Some(date!(2026 - 04 - 05)));
        assert_eq!(ostersonntag(2027), Some(date!(2027 - 03 - 28)));
        assert_eq!(ostersonntag(2000), Some(date!(2000 - 04 - 23)));
        let f = bundesweite_feiertage(2026);
        assert_eq!(f.len(), 9);
        assert!(f.contains(&date!(2026 - 04 - 03)));
        assert!(f.contains(&date!(2026 - 05 - 14)));
        assert!(f.contains(&date!(2026 - 05 - 25)));
        // Wednesday 1 April + 3 working days: Thursday 2, (Good Friday, Easter Monday off)
        // Tuesday 7, Wednesday 8.
        let k = arbeitskalender(date!(2026 - 04 - 01), 10);
        assert_eq!(k.tag(3), Some(date!(2026 - 04 - 08)));
    }

    #[test]
    fn too_many_rows_are_reported() {
        let zeilen: Vec<Value> = (0..=MAX_ZEILEN)
            .map(|i| json!({"name": format!("Gruppe {i}")}))
            .collect();
        let v = json!({"zielgruppen": zeilen});
        assert_eq!(
            fehler(eingabe(v).check()),
            [("zielgruppen".to_owned(), "err-plan-zu-viele")]
        );
    }
}
