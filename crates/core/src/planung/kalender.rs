//! Arbeitskalender: turns the working-day offsets of a [`Netzplan`] into dates.
//!
//! Working days are Monday to Friday, minus the holidays the caller passes in (core knows
//! no holiday rules: they differ between the Länder). Day 0 is the first working day on or
//! after the start date. An Aufgabe with `dauer > 0` runs from the date of its earliest
//! start to the date of its last working day (inclusive); an Aufgabe with duration 0 falls
//! on the working day before its earliest start (the day its predecessors finish), or on
//! day 0 when it starts the project.
//!
//! Meilensteine have either a fixed date or follow an Aufgabe ("nach Aufgabe X": the end
//! date of X). [`pruefe_meilensteine`] warns when a Meilenstein is dated before the
//! Aufgaben it depends on can finish.

use std::collections::{BTreeSet, HashMap};
use std::ops::Bound;

use time::{Date, Weekday};

use super::netzplan::Netzplan;
use crate::error::{FieldError, FieldErrors};

/// A working-day calendar from a start date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arbeitskalender {
    start: Date,
    /// Only the holidays that fall on a weekday matter.
    feiertage: BTreeSet<Date>,
}

fn ist_wochenende(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

fn plus_tage(d: Date, tage: i64) -> Option<Date> {
    let jd = i64::from(d.to_julian_day()).checked_add(tage)?;
    Date::from_julian_day(i32::try_from(jd).ok()?).ok()
}

/// `n` weekdays (Monday to Friday) after the weekday `d`.
fn plus_wochentage(d: Date, n: i64) -> Option<Date> {
    let w = i64::from(d.weekday().number_days_from_monday());
    let gesamt = w.checked_add(n)?;
    let tage = (gesamt / 5).checked_mul(7)? + gesamt % 5 - w;
    plus_tage(d, tage)
}

impl Arbeitskalender {
    /// A calendar without holidays.
    pub fn new(start: Date) -> Self {
        Self::mit_feiertagen(start, [])
    }

    /// A calendar that also skips the given holidays.
    pub fn mit_feiertagen(start: Date, feiertage: impl IntoIterator<Item = Date>) -> Self {
        Self {
            start,
            feiertage: feiertage.into_iter().filter(|d| !ist_wochenende(*d)).collect(),
        }
    }

    /// The start date as given (it may fall on a weekend).
    pub fn start(&self) -> Date {
        self.start
    }

    pub fn ist_arbeitstag(&self, d: Date) -> bool {
        !ist_wochenende(d) && !self.feiertage.contains(&d)
    }

    /// `d` itself when it is a working day, else the next working day.
    pub fn naechster_arbeitstag(&self, d: Date) -> Option<Date> {
        let mut d = d;
        while !self.ist_arbeitstag(d) {
            d = d.next_day()?;
        }
        Some(d)
    }

    /// The date of the working day with this offset (day 0 is the first working day on or
    /// after the start). `None` for negative offsets and beyond the supported dates.
    pub fn tag(&self, offset: i64) -> Option<Date> {
        if offset < 0 {
            return None;
        }
        let mut tag = self.naechster_arbeitstag(self.start)?;
        let mut rest = offset;
        // Jump over weekdays in closed form, then make up for the holidays jumped over.
        while rest > 0 {
            let ziel = plus_wochentage(tag, rest)?;
            rest = self
                .feiertage
                .range((Bound::Excluded(tag), Bound::Included(ziel)))
                .count() as i64;
            tag = ziel;
        }
        Some(tag)
    }

    /// The last working day before the exclusive end offset `ende`: the date on which
    /// something that ends at `ende` is finished; day 0 for `ende <= 1`.
    pub fn letzter_tag(&self, ende: i64) -> Option<Date> {
        self.tag(ende.saturating_sub(1).max(0))
    }

    /// Start and end date (inclusive) of something that starts at offset `anfang` and
    /// lasts `dauer` working days; a duration of 0 is dated like a milestone.
    pub fn zeitraum(&self, anfang: i64, dauer: i64) -> Option<(Date, Date)> {
        if dauer <= 0 {
            let d = self.letzter_tag(anfang)?;
            Some((d, d))
        } else {
            Some((self.tag(anfang)?, self.tag(anfang.checked_add(dauer)? - 1)?))
        }
    }
}

/// The dates of one Aufgabe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AufgabenTermin {
    pub id: String,
    pub titel: String,
    pub dauer: i64,
    /// First working day (at the earliest start).
    pub anfang: Date,
    /// Last working day, inclusive (at the earliest finish).
    pub ende: Date,
    pub gesamtpuffer: i64,
    pub kritisch: bool,
}

/// The dates of every Aufgabe of the plan (earliest schedule), in the order of the plan.
///
/// Fails with `aufgaben` / `err-date-range` when the plan runs beyond the supported dates.
pub fn termine(plan: &Netzplan, kalender: &Arbeitskalender) -> Result<Vec<AufgabenTermin>, FieldError> {
    plan.aufgaben
        .iter()
        .map(|a| {
            let (anfang, ende) = kalender
                .zeitraum(a.fruehester_anfang, a.dauer)
                .ok_or_else(|| FieldError::new("aufgaben", "err-date-range"))?;
            Ok(AufgabenTermin {
                id: a.id.clone(),
                titel: a.titel.clone(),
                dauer: a.dauer,
                anfang,
                ende,
                gesamtpuffer: a.gesamtpuffer,
                kritisch: a.kritisch,
            })
        })
        .collect()
}

/// The date of the project end: the last working day of the plan.
pub fn projektende(plan: &Netzplan, kalender: &Arbeitskalender) -> Option<Date> {
    kalender.letzter_tag(plan.gesamtdauer)
}

/// When a Meilenstein is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Festlegung {
    /// A fixed date.
    Datum(Date),
    /// The end date of the Aufgabe with this id.
    NachAufgabe(String),
}

/// A Meilenstein (milestone) of a Projektplan, as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meilenstein {
    pub id: String,
    pub titel: String,
    pub termin: Festlegung,
    /// Ids of further Aufgaben that must be finished by the Meilenstein.
    pub abhaengig_von: Vec<String>,
}

/// A Meilenstein with its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatierterMeilenstein {
    pub id: String,
    pub titel: String,
    pub datum: Date,
    /// All Aufgaben it depends on: the one it follows (if any) and `abhaengig_von`.
    pub abhaengig_von: Vec<String>,
}

/// Dates the Meilensteine (in their input order).
///
/// Errors: `meilensteine[i].termin` and `meilensteine[i].abhaengig_von[j]` with
/// `err-aufgabe-unbekannt` (arg `id`) for ids that are not Aufgaben of the plan.
pub fn meilensteine_datieren(
    meilensteine: &[Meilenstein],
    termine: &[AufgabenTermin],
) -> Result<Vec<DatierterMeilenstein>, FieldErrors> {
    let nach_id: HashMap<&str, &AufgabenTermin> = termine.iter().map(|t| (t.id.as_str(), t)).collect();
    let mut e = FieldErrors::default();
    let mut out = Vec::with_capacity(meilensteine.len());
    for (i, m) in meilensteine.iter().enumerate() {
        let mut abhaengig_von: Vec<String> = Vec::new();
        let datum = match &m.termin {
            Festlegung::Datum(d) => Some(*d),
            Festlegung::NachAufgabe(id) => match nach_id.get(id.as_str()) {
                Some(t) => {
                    abhaengig_von.push(id.clone());
                    Some(t.ende)
                }
                None => {
                    e.push(
                        FieldError::new(format!("meilensteine[{i}].termin"), "err-aufgabe-unbekannt")
                            .arg("id", id),
                    );
                    None
                }
            },
        };
        for (j, id) in m.abhaengig_von.iter().enumerate() {
            if !nach_id.contains_key(id.as_str()) {
                e.push(
                    FieldError::new(
                        format!("meilensteine[{i}].abhaengig_von[{j}]"),
                        "err-aufgabe-unbekannt",
                    )
                    .arg("id", id),
                );
            } else if !abhaengig_von.contains(id) {
                abhaengig_von.push(id.clone());
            }
        }
        if let Some(datum) = datum {
            out.push(DatierterMeilenstein {
                id: m.id.clone(),
                titel: m.titel.clone(),
                datum,
                abhaengig_von,
            });
        }
    }
    if e.is_empty() { Ok(out) } else { Err(e) }
}

/// A Meilenstein dated before an Aufgabe it depends on can finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeilensteinWarnung {
    /// `meilensteine[i]`, the index in the checked list.
    pub feld: String,
    /// Id and title of the Meilenstein.
    pub meilenstein: String,
    pub titel: String,
    pub datum: Date,
    /// Id and title of the Aufgabe that finishes last among those it depends on.
    pub aufgabe: String,
    pub aufgabe_titel: String,
    /// The earliest date the Meilenstein can be reached: the end date of that Aufgabe.
    pub fruehestens: Date,
}

impl MeilensteinWarnung {
    /// The i18n key of the warning.
    pub const CODE: &'static str = "warn-meilenstein-zu-frueh";
}

/// Warns about every Meilenstein dated before the Aufgaben it depends on can finish
/// (one warning per Meilenstein, naming the Aufgabe that finishes last; ties by id).
/// Unknown ids are ignored here; [`meilensteine_datieren`] reports them.
pub fn pruefe_meilensteine(
    meilensteine: &[DatierterMeilenstein],
    termine: &[AufgabenTermin],
) -> Vec<MeilensteinWarnung> {
    let nach_id: HashMap<&str, &AufgabenTermin> = termine.iter().map(|t| (t.id.as_str(), t)).collect();
    meilensteine
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let spaeteste = m
                .abhaengig_von
                .iter()
                .filter_map(|id| nach_id.get(id.as_str()))
                .max_by(|a, b| a.ende.cmp(&b.ende).then_with(|| b.id.cmp(&a.id)))?;
            (m.datum < spaeteste.ende).then(|| MeilensteinWarnung {
                feld: format!("meilensteine[{i}]"),
                meilenstein: m.id.clone(),
                titel: m.titel.clone(),
                datum: m.datum,
                aufgabe: spaeteste.id.clone(),
                aufgabe_titel: spaeteste.titel.clone(),
                fruehestens: spaeteste.ende,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planung::netzplan::{Aufgabe, berechne};
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn skips_weekends() {
        // 2026-03-13 is a Friday.
        let k = Arbeitskalender::new(date!(2026 - 03 - 13));
        assert_eq!(k.tag(0), Some(date!(2026 - 03 - 13)));
        assert_eq!(k.tag(1), Some(date!(2026 - 03 - 16)));
        assert_eq!(k.tag(5), Some(date!(2026 - 03 - 20)));
        assert_eq!(k.tag(6), Some(date!(2026 - 03 - 23)));
        assert_eq!(k.tag(-1), None);
        // A start on Saturday begins on Monday.
        let k = Arbeitskalender::new(date!(2026 - 03 - 14));
        assert_eq!(k.tag(0), Some(date!(2026 - 03 - 16)));
        assert_eq!(k.tag(4), Some(date!(2026 - 03 - 20)));
    }

    #[test]
    fn skips_holidays() {
        // Easter 2026: Good Friday 3 April, Easter Monday 6 April; 5 April is a Sunday.
        let k = Arbeitskalender::mit_feiertagen(
            date!(2026 - 04 - 01),
            [
                date!(2026 - 04 - 03),
                date!(2026 - 04 - 05),
                date!(2026 - 04 - 06),
            ],
        );
        assert_eq!(k.tag(0), Some(date!(2026 - 04 - 01)));
        assert_eq!(k.tag(1), Some(date!(2026 - 04 - 02)));
        assert_eq!(k.tag(2), Some(date!(2026 - 04 - 07)));
        assert!(!k.ist_arbeitstag(date!(2026 - 04 - 06)));
        // Starting on a holiday begins on the next working day.
        let k = Arbeitskalender::mit_feiertagen(
            date!(2026 - 04 - 03),
            [date!(2026 - 04 - 03), date!(2026 - 04 - 06)],
        );
        assert_eq!(k.tag(0), Some(date!(2026 - 04 - 07)));
    }

    #[test]
    fn dates_tasks_and_milestone_like_tasks() {
        let plan = berechne(&[
            Aufgabe::new("a", "Konzept", 3),
            Aufgabe::new("m", "Konzept fertig", 0).nach("a"),
            Aufgabe::new("b", "Umsetzung", 4).nach("m"),
            Aufgabe::new("s", "Start", 0),
        ])
        .unwrap();
        // Monday 2026-03-02.
        let k = Arbeitskalender::new(date!(2026 - 03 - 02));
        let t = termine(&plan, &k).unwrap();
        let finde = |id: &str| t.iter().find(|x| x.id == id).unwrap().clone();
        assert_eq!(
            (finde("s").anfang, finde("s").ende),
            (date!(2026 - 03 - 02), date!(2026 - 03 - 02))
        );
        assert_eq!(
            (finde("a").anfang, finde("a").ende),
            (date!(2026 - 03 - 02), date!(2026 - 03 - 04))
        );
        assert_eq!(
            (finde("m").anfang, finde("m").ende),
            (date!(2026 - 03 - 04), date!(2026 - 03 - 04))
        );
        assert_eq!(
            (finde("b").anfang, finde("b").ende),
            (date!(2026 - 03 - 05), date!(2026 - 03 - 10))
        );
        assert_eq!(projektende(&plan, &k), Some(date!(2026 - 03 - 10)));
        assert!(finde("b").kritisch);
    }

    #[test]
    fn reports_dates_beyond_the_range() {
        let plan = berechne(&[Aufgabe::new("a", "A", 10)]).unwrap();
        let k = Arbeitskalender::new(date!(9999 - 12 - 27));
        assert_eq!(termine(&plan, &k).unwrap_err().code, "err-date-range");
    }

    fn beispiel() -> Vec<AufgabenTermin> {
        let plan = berechne(&[
            Aufgabe::new("a", "Konzept", 3),
            Aufgabe::new("b", "Beschaffung", 5).nach("a"),
            Aufgabe::new("c", "Schulung", 2).nach("a"),
        ])
        .unwrap();
        termine(&plan, &Arbeitskalender::new(date!(2026 - 03 - 02))).unwrap()
    }

    #[test]
    fn dates_milestones_and_warns_when_too_early() {
        let t = beispiel();
        let m = vec![
            Meilenstein {
                id: "m1".into(),
                titel: "Konzept abgenommen".into(),
                termin: Festlegung::NachAufgabe("a".into()),
                abhaengig_von: vec![],
            },
            Meilenstein {
                id: "m2".into(),
                titel: "Go-live".into(),
                termin: Festlegung::Datum(date!(2026 - 03 - 09)),
                abhaengig_von: vec!["c".into(), "b".into()],
            },
            Meilenstein {
                id: "m3".into(),
                titel: "Schulung fertig".into(),
                termin: Festlegung::Datum(date!(2026 - 03 - 09)),
                abhaengig_von: vec!["c".into()],
            },
        ];
        let d = meilensteine_datieren(&m, &t).unwrap();
        assert_eq!(d[0].datum, date!(2026 - 03 - 04));
        assert_eq!(d[0].abhaengig_von, ["a"]);
        let w = pruefe_meilensteine(&d, &t);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].feld, "meilensteine[1]");
        assert_eq!(w[0].titel, "Go-live");
        assert_eq!(w[0].aufgabe, "b");
        // b runs Thursday 5 to Wednesday 11 March.
        assert_eq!(w[0].fruehestens, date!(2026 - 03 - 11));
    }

    #[test]
    fn rejects_unknown_tasks_in_milestones() {
        let t = beispiel();
        let m = vec![Meilenstein {
            id: "m".into(),
            titel: "M".into(),
            termin: Festlegung::NachAufgabe("x".into()),
            abhaengig_von: vec!["a".into(), "y".into()],
        }];
        let e = meilensteine_datieren(&m, &t).unwrap_err();
        let felder: Vec<&str> = e.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            felder,
            ["meilensteine[0].termin", "meilensteine[0].abhaengig_von[1]"]
        );
        assert!(e.0.iter().all(|e| e.code == "err-aufgabe-unbekannt"));
    }

    proptest! {
        #[test]
        fn offsets_match_counting_day_by_day(
            start in 0i32..3000,
            feiertage in proptest::collection::vec(0i32..400, 0..30),
            offset in 0i64..300,
        ) {
            let basis = date!(2024 - 01 - 01);
            let start = plus_tage(basis, i64::from(start)).unwrap();
            let feiertage: Vec<Date> =
                feiertage.iter().map(|&f| plus_tage(start, i64::from(f)).unwrap()).collect();
            let k = Arbeitskalender::mit_feiertagen(start, feiertage);
            let mut d = start;
            let mut n = -1;
            loop {
                if k.ist_arbeitstag(d) {
                    n += 1;
                    if n == offset {
                        break;
                    }
                }
                d = d.next_day().unwrap();
            }
            prop_assert_eq!(k.tag(offset), Some(d));
            prop_assert!(k.tag(offset + 1).unwrap() > d);
        }
    }
}
