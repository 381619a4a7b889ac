//! The Nutzen-Aufwand matrix: every participant scores benefit and effort of each
//! Maßnahme from 1 (low) to 5 (high); the means place each Maßnahme in one of four
//! quadrants.
//!
//! The midpoint of the scale is 3. A mean of **exactly 3 counts as high on both axes**:
//! benefit 3 is "high benefit" (a Maßnahme of middling benefit is not dismissed), effort
//! 3 is "high effort" (a Maßnahme is only a quick win when its effort is clearly low).
//! So the means (3, 3) give [`Quadrant::StrategischesProjekt`]. The comparison is exact:
//! means are sums divided by counts, and "mean ≥ 3" is the same as "sum ≥ 3 · count".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Kennwerte, Optionen, Summen};
use crate::error::FieldError;

/// The lowest score.
pub const MIN: u8 = 1;
/// The highest score.
pub const MAX: u8 = 5;
/// The midpoint: a mean at or above it counts as high.
pub const MITTE: u8 = 3;

/// One participant's scores for one option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bewertung {
    /// Benefit, 1 (low) to 5 (high).
    pub nutzen: u8,
    /// Effort, 1 (low) to 5 (high).
    pub aufwand: u8,
}

/// One participant's scores: option → scores. Options a participant skipped are absent.
pub type MatrixZettel<Id> = BTreeMap<Id, Bewertung>;

/// The four fields of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quadrant {
    /// High benefit, low effort: do first.
    QuickWin,
    /// High benefit, high effort: plan carefully.
    StrategischesProjekt,
    /// Low benefit, low effort: do when there is time.
    Fuellmassnahme,
    /// Low benefit, high effort.
    EherVermeiden,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Self::QuickWin,
        Self::StrategischesProjekt,
        Self::Fuellmassnahme,
        Self::EherVermeiden,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::QuickWin => "quick-win",
            Self::StrategischesProjekt => "strategisches-projekt",
            Self::Fuellmassnahme => "fuellmassnahme",
            Self::EherVermeiden => "eher-vermeiden",
        }
    }

    /// The quadrant of mean scores; a mean of exactly 3 counts as high (see module docs).
    pub fn fuer(nutzen: f64, aufwand: f64) -> Self {
        let mitte = f64::from(MITTE);
        match (nutzen >= mitte, aufwand >= mitte) {
            (true, false) => Self::QuickWin,
            (true, true) => Self::StrategischesProjekt,
            (false, false) => Self::Fuellmassnahme,
            (false, true) => Self::EherVermeiden,
        }
    }
}

/// The result for one option.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MatrixWert {
    pub nutzen: Kennwerte,
    pub aufwand: Kennwerte,
    pub quadrant: Quadrant,
}

impl MatrixWert {
    /// The number of participants who scored the option.
    pub fn anzahl(&self) -> usize {
        self.nutzen.anzahl
    }
}

/// The result of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixErgebnis<Id> {
    /// The options scored at least once.
    pub optionen: BTreeMap<Id, MatrixWert>,
    /// The options nobody scored, sorted by id.
    pub ohne_bewertung: Vec<Id>,
}

/// Means, spread and quadrant per option. Scores outside 1..=5 are rejected with
/// `err-range` on `stimmzettel[i].nutzen` or `stimmzettel[i].aufwand`.
pub fn auswerten<Id: Ord + Clone>(
    optionen: &[Id],
    zettel: &[MatrixZettel<Id>],
) -> Result<MatrixErgebnis<Id>, FieldError> {
    let opt = Optionen::neu(optionen);
    let mut nutzen = vec![Summen::default(); opt.len()];
    let mut aufwand = vec![Summen::default(); opt.len()];
    for (z, zettel) in zettel.iter().enumerate() {
        let mut ab = 0;
        for (id, b) in zettel {
            let i = opt.index_ab(id, &mut ab, || format!("stimmzettel[{z}]"))?;
            for (wert, name) in [(b.nutzen, "nutzen"), (b.aufwand, "aufwand")] {
                if !(MIN..=MAX).contains(&wert) {
                    return Err(FieldError::new(format!("stimmzettel[{z}].{name}"), "err-range")
                        .arg("min", MIN)
                        .arg("max", MAX));
                }
            }
            nutzen[i].add(u64::from(b.nutzen));
            aufwand[i].add(u64::from(b.aufwand));
        }
    }
    let mut ergebnis = MatrixErgebnis {
        optionen: BTreeMap::new(),
        ohne_bewertung: Vec::new(),
    };
    for ((id, n), a) in opt.ids.iter().zip(&nutzen).zip(&aufwand) {
        match (n.kennwerte(1), a.kennwerte(1)) {
            (Some(nutzen), Some(aufwand)) => {
                let quadrant = Quadrant::fuer(nutzen.mittel, aufwand.mittel);
                ergebnis.optionen.insert(
                    id.clone(),
                    MatrixWert {
                        nutzen,
                        aufwand,
                        quadrant,
                    },
                );
            }
            _ => ergebnis.ohne_bewertung.push(id.clone()),
        }
    }
    Ok(ergebnis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn b(nutzen: u8, aufwand: u8) -> Bewertung {
        Bewertung { nutzen, aufwand }
    }

    fn zettel(v: &[(&str, Bewertung)]) -> MatrixZettel<String> {
        v.iter().map(|(o, b)| ((*o).to_owned(), *b)).collect()
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn hand_example() {
        // Three participants:
        //   a: nutzen 5, 4, 3 → mean 4, sd √(2/3) ≈ 0.8165; aufwand 1, 2, 3 → mean 2  → quick win
        //   b: nutzen 4, 4, 4 → mean 4, sd 0;             aufwand 5, 4, 3 → mean 4  → strategic
        //   c: nutzen 1, 2    → mean 1.5, sd 0.5;          aufwand 1, 1    → mean 1  → filler
        //   d: nutzen 2, 2, 1 → mean 5/3;                  aufwand 5, 5, 5 → mean 5  → avoid
        //   e: not scored.
        let z = [
            zettel(&[("a", b(5, 1)), ("b", b(4, 5)), ("c", b(1, 1)), ("d", b(2, 5))]),
            zettel(&[("a", b(4, 2)), ("b", b(4, 4)), ("c", b(2, 1)), ("d", b(2, 5))]),
            zettel(&[("a", b(3, 3)), ("b", b(4, 3)), ("d", b(1, 5))]),
        ];
        let e = auswerten(&ids(&["a", "b", "c", "d", "e"]), &z).unwrap();
        let a = e.optionen["a"];
        assert_eq!(a.anzahl(), 3);
        assert_eq!(a.nutzen.mittel, 4.0);
        assert!((a.nutzen.standardabweichung - (2.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert_eq!(a.aufwand.mittel, 2.0);
        assert_eq!(a.quadrant, Quadrant::QuickWin);
        let bb = e.optionen["b"];
        assert_eq!((bb.nutzen.mittel, bb.nutzen.standardabweichung), (4.0, 0.0));
        assert_eq!(bb.aufwand.mittel, 4.0);
        assert_eq!(bb.quadrant, Quadrant::StrategischesProjekt);
        let c = e.optionen["c"];
        assert_eq!(
            (c.anzahl(), c.nutzen.mittel, c.nutzen.standardabweichung),
            (2, 1.5, 0.5)
        );
        assert_eq!(c.quadrant, Quadrant::Fuellmassnahme);
        let d = e.optionen["d"];
        assert!((d.nutzen.mittel - 5.0 / 3.0).abs() < 1e-12);
        assert_eq!(d.quadrant, Quadrant::EherVermeiden);
        assert_eq!(e.ohne_bewertung, ids(&["e"]));
    }

    #[test]
    fn a_mean_of_exactly_three_counts_as_high() {
        assert_eq!(Quadrant::fuer(3.0, 3.0), Quadrant::StrategischesProjekt);
        assert_eq!(Quadrant::fuer(3.0, 2.99), Quadrant::QuickWin);
        assert_eq!(Quadrant::fuer(2.99, 3.0), Quadrant::EherVermeiden);
        assert_eq!(Quadrant::fuer(2.99, 2.99), Quadrant::Fuellmassnahme);
        // Means 3 from scores 2 and 4.
        let z = [zettel(&[("a", b(2, 4))]), zettel(&[("a", b(4, 2))])];
        let e = auswerten(&ids(&["a"]), &z).unwrap();
        assert_eq!(e.optionen["a"].quadrant, Quadrant::StrategischesProjekt);
    }

    #[test]
    fn scores_outside_one_to_five_are_rejected() {
        let o = ids(&["a"]);
        let e = auswerten(&o, &[zettel(&[("a", b(3, 3))]), zettel(&[("a", b(0, 3))])]).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("stimmzettel[1].nutzen", "err-range"));
        assert_eq!(e.args, vec![("min", "1".to_owned()), ("max", "5".to_owned())]);
        let e = auswerten(&o, &[zettel(&[("a", b(3, 6))])]).unwrap_err();
        assert_eq!(e.field, "stimmzettel[0].aufwand");
        let e = auswerten(&o, &[zettel(&[("x", b(3, 3))])]).unwrap_err();
        assert_eq!(e.code, "err-unknown-choice");
    }

    #[test]
    fn slugs_are_distinct() {
        let mut s: Vec<_> = Quadrant::ALL.iter().map(|q| q.slug()).collect();
        s.dedup();
        assert_eq!(s.len(), 4);
    }

    proptest! {
        #[test]
        fn means_stay_on_the_scale_and_ignore_ballot_order(
            v in proptest::collection::vec(
                proptest::collection::btree_map(0usize..4, (1u8..=5, 1u8..=5), 0..4), 0..12),
        ) {
            let o: Vec<String> = (0..4).map(|i| format!("o{i}")).collect();
            let mut z: Vec<MatrixZettel<String>> = v
                .iter()
                .map(|m| m.iter().map(|(i, (n, a))| (o[*i].clone(), b(*n, *a))).collect())
                .collect();
            let e = auswerten(&o, &z).unwrap();
            for w in e.optionen.values() {
                prop_assert!((1.0..=5.0).contains(&w.nutzen.mittel));
                prop_assert!((0.0..=2.0).contains(&w.aufwand.standardabweichung));
                prop_assert_eq!(w.nutzen.anzahl, w.aufwand.anzahl);
            }
            prop_assert_eq!(e.optionen.len() + e.ohne_bewertung.len(), 4);
            z.reverse();
            prop_assert_eq!(e, auswerten(&o, &z).unwrap());
        }
    }
}
