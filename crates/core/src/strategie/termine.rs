//! One base date for every year and status in the document.
//!
//! Target years count from the later of the Werkstatt date and the document's "Stand":
//! a strategy adopted months after the Werkstatt does not promise years that have
//! already begun to run out. Whether a dated step or milestone is overdue is judged on
//! the "Stand" (or, without it, the Werkstatt date).

use time::Date;

use crate::massnahme::Umsetzungszeit;

/// The date target years count from.
pub fn basis(werkstatt: Option<Date>, stand: Option<Date>) -> Option<Date> {
    match (werkstatt, stand) {
        (Some(w), Some(s)) => Some(w.max(s)),
        (w, s) => w.or(s),
    }
}

/// The months an implementation time stands for when no estimate is given: the upper
/// end of "bis 1 Jahr" and "1 bis 2 Jahre", and three years for "über 2 Jahre".
fn monate_fuer(u: Umsetzungszeit) -> i64 {
    match u {
        Umsetzungszeit::Kurzfristig => 12,
        Umsetzungszeit::Mittelfristig => 24,
        Umsetzungszeit::Langfristig => 36,
    }
}

/// The year a measure is to be done by: the base date plus its estimated months, or the
/// upper end of its implementation time. `None` when neither is known.
pub fn zieljahr(u: Option<Umsetzungszeit>, monate: Option<i64>, basis: Date) -> Option<i32> {
    let n = monate.filter(|n| *n > 0).or_else(|| u.map(monate_fuer))?;
    let ab = i64::from(basis.year()) * 12 + i64::from(u8::from(basis.month())) - 1;
    i32::try_from((ab + n) / 12).ok()
}

/// The state of a dated step or milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zustand {
    Erledigt,
    Offen,
    /// Not done and its date lies before the reference day.
    Ueberfaellig,
}

impl Zustand {
    pub fn von(datum: Option<Date>, erledigt: bool, stichtag: Option<Date>) -> Self {
        match (erledigt, datum, stichtag) {
            (true, _, _) => Self::Erledigt,
            (false, Some(d), Some(s)) if d < s => Self::Ueberfaellig,
            _ => Self::Offen,
        }
    }

    /// The word in the table; `erledigt` is "erledigt" for steps, "erreicht" for milestones.
    pub fn wort(self, erledigt: &'static str) -> &'static str {
        match self {
            Self::Erledigt => erledigt,
            Self::Offen => "offen",
            Self::Ueberfaellig => "überfällig",
        }
    }
}

/// The years (2000–2099) a text names as whole numbers: "bis 2028" → 2028.
pub fn jahre_im_text(text: &str) -> Vec<i32> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let vor_ok = start == 0 || !(b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'.');
            if i - start == 4
                && vor_ok
                && let Ok(j) = text[start..i].parse::<i32>()
                && (2000..2100).contains(&j)
            {
                out.push(j);
            }
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn basis_ist_das_spaetere_datum() {
        let w = date!(2026 - 03 - 14);
        let s = date!(2026 - 12 - 04);
        assert_eq!(basis(Some(w), Some(s)), Some(s));
        assert_eq!(basis(Some(s), Some(w)), Some(s));
        assert_eq!(basis(None, Some(w)), Some(w));
        assert_eq!(basis(None, None), None);
    }

    #[test]
    fn zieljahr_aus_monaten_oder_umsetzungszeit() {
        let b = date!(2026 - 03 - 14);
        assert_eq!(
            zieljahr(Some(Umsetzungszeit::Kurzfristig), Some(6), b),
            Some(2026)
        );
        assert_eq!(
            zieljahr(Some(Umsetzungszeit::Kurzfristig), Some(10), b),
            Some(2027)
        );
        assert_eq!(zieljahr(Some(Umsetzungszeit::Kurzfristig), None, b), Some(2027));
        assert_eq!(zieljahr(Some(Umsetzungszeit::Mittelfristig), None, b), Some(2028));
        assert_eq!(zieljahr(Some(Umsetzungszeit::Langfristig), None, b), Some(2029));
        assert_eq!(zieljahr(None, None, b), None);
        assert_eq!(zieljahr(None, Some(30), date!(2026 - 12 - 01)), Some(2029));
    }

    #[test]
    fn ueberfaellig_nur_wenn_offen_und_vor_dem_stichtag() {
        let s = Some(date!(2026 - 12 - 04));
        assert_eq!(
            Zustand::von(Some(date!(2026 - 06 - 12)), false, s),
            Zustand::Ueberfaellig
        );
        assert_eq!(
            Zustand::von(Some(date!(2026 - 06 - 12)), true, s),
            Zustand::Erledigt
        );
        assert_eq!(
            Zustand::von(Some(date!(2026 - 12 - 04)), false, s),
            Zustand::Offen
        );
        assert_eq!(Zustand::von(None, false, s), Zustand::Offen);
        assert_eq!(
            Zustand::von(Some(date!(2020 - 01 - 01)), false, None),
            Zustand::Offen
        );
        assert_eq!(Zustand::Ueberfaellig.wort("erledigt"), "überfällig");
    }

    #[test]
    fn jahre_werden_gefunden() {
        assert_eq!(
            jahre_im_text("Bis 2028 sind 80 % online, ab 2030 alle."),
            [2028, 2030]
        );
        assert!(jahre_im_text("12026 Einwohner, 1999, Raum 2.2030, 20280").is_empty());
    }

    proptest! {
        #[test]
        fn zieljahr_liegt_nie_vor_der_basis(tage in 0i64..20_000, monate in 1i64..120) {
            let b = date!(2000 - 01 - 01) + time::Duration::days(tage);
            let j = zieljahr(Some(Umsetzungszeit::Kurzfristig), Some(monate), b).unwrap();
            prop_assert!(j >= b.year());
            prop_assert!(j <= b.year() + 10);
        }
    }
}
