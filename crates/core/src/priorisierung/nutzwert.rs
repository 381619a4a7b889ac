//! Nutzwertanalyse (weighted scoring): criteria with weights in percent, and scores from
//! 0 to 10 per option and criterion.
//!
//! The Nutzwert of one ballot for one option is Σ weight · score / 100 (0..10); the
//! Nutzwert of an option is the mean over the ballots that scored it. That equals the
//! weighted sum of the per-criterion means. Criteria are identified by their position;
//! their names belong to the caller.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Kennwerte, Optionen, Rang, Summen};
use crate::error::FieldError;

/// The highest score of a criterion (the lowest is 0).
pub const MAX_WERT: u8 = 10;

/// The weights of the criteria, in whole percent, summing to 100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gewichte(Vec<u32>);

impl Gewichte {
    /// Accepts weights that sum to exactly 100; otherwise `err-weights-sum` on `gewichte`
    /// with the actual sum. A weight of 0 is allowed (the criterion is shown but not counted).
    pub fn new(prozent: Vec<u32>) -> Result<Self, FieldError> {
        let summe: u64 = prozent.iter().map(|w| u64::from(*w)).sum();
        if summe != 100 {
            return Err(FieldError::new("gewichte", "err-weights-sum").arg("summe", summe));
        }
        Ok(Self(prozent))
    }

    pub fn prozent(&self) -> &[u32] {
        &self.0
    }

    /// The number of criteria.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: valid weights have at least one criterion.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One participant's scores: option → one score per criterion, in the order of the
/// weights. Options a participant skipped are absent.
pub type NutzwertZettel<Id> = BTreeMap<Id, Vec<u8>>;

/// The result for one option.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NutzwertWert {
    /// The weighted score (0..10): mean and spread over the ballots, and their number.
    pub nutzwert: Kennwerte,
    /// The scores per criterion, in the order of the weights.
    pub kriterien: Vec<Kennwerte>,
}

/// The result of a Nutzwertanalyse.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NutzwertErgebnis<Id> {
    /// The options scored at least once.
    pub optionen: BTreeMap<Id, NutzwertWert>,
    /// The scored options by mean Nutzwert, highest first; equal means are tied.
    pub rang: Rang<Id>,
    /// The options nobody scored, sorted by id.
    pub ohne_bewertung: Vec<Id>,
}

/// Weighted means per option and criterion, and the ranking.
///
/// Errors: `err-unknown-choice` on `stimmzettel[i]` for an unknown option, `err-invalid`
/// on `stimmzettel[i]` when an option does not have one score per criterion, `err-range`
/// on `stimmzettel[i].werte[k]` for a score above 10.
pub fn auswerten<Id: Ord + Clone>(
    gewichte: &Gewichte,
    optionen: &[Id],
    zettel: &[NutzwertZettel<Id>],
) -> Result<NutzwertErgebnis<Id>, FieldError> {
    let opt = Optionen::neu(optionen);
    let k = gewichte.len();
    let mut gesamt = vec![Summen::default(); opt.len()];
    let mut je_kriterium = vec![Summen::default(); opt.len() * k];
    for (z, zettel) in zettel.iter().enumerate() {
        let mut ab = 0;
        for (id, werte) in zettel {
            let i = opt.index_ab(id, &mut ab, || format!("stimmzettel[{z}]"))?;
            if werte.len() != k {
                return Err(FieldError::new(format!("stimmzettel[{z}]"), "err-invalid"));
            }
            let mut gewichtet = 0u64;
            for (j, (&wert, &gewicht)) in werte.iter().zip(gewichte.prozent()).enumerate() {
                if wert > MAX_WERT {
                    return Err(
                        FieldError::new(format!("stimmzettel[{z}].werte[{j}]"), "err-range")
                            .arg("min", 0)
                            .arg("max", MAX_WERT),
                    );
                }
                je_kriterium[i * k + j].add(u64::from(wert));
                gewichtet += u64::from(gewicht) * u64::from(wert);
            }
            // In hundredths, so the mean is exact up to one division.
            gesamt[i].add(gewichtet);
        }
    }
    let mut optionen = BTreeMap::new();
    let mut ohne_bewertung = Vec::new();
    for (i, id) in opt.ids.iter().enumerate() {
        match gesamt[i].kennwerte(100) {
            Some(nutzwert) => {
                let kriterien = je_kriterium[i * k..(i + 1) * k]
                    .iter()
                    .map(|s| s.kennwerte(1))
                    .collect::<Option<Vec<_>>>()
                    .unwrap_or_default();
                optionen.insert(id.clone(), NutzwertWert { nutzwert, kriterien });
            }
            None => ohne_bewertung.push(id.clone()),
        }
    }
    // Equal sums over equal counts give bit-identical means, so exact ties are found
    // with tolerance 0.
    let rang = Rang::nach_werten(
        optionen
            .iter()
            .map(|(id, w): (&Id, &NutzwertWert)| (id.clone(), w.nutzwert.mittel)),
        0.0,
    );
    Ok(NutzwertErgebnis {
        optionen,
        rang,
        ohne_bewertung,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn zettel(v: &[(&str, &[u8])]) -> NutzwertZettel<String> {
        v.iter().map(|(o, w)| ((*o).to_owned(), w.to_vec())).collect()
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn weights_must_sum_to_one_hundred() {
        assert!(Gewichte::new(vec![50, 30, 20]).is_ok());
        assert!(Gewichte::new(vec![100]).is_ok());
        assert!(Gewichte::new(vec![0, 100]).is_ok());
        for falsch in [vec![50, 30, 10], vec![60, 50], vec![], vec![u32::MAX, 101]] {
            let e = Gewichte::new(falsch.clone()).unwrap_err();
            assert_eq!((e.field.as_str(), e.code), ("gewichte", "err-weights-sum"));
            let summe: u64 = falsch.iter().map(|w| u64::from(*w)).sum();
            assert_eq!(e.args, vec![("summe", summe.to_string())]);
        }
    }

    #[test]
    fn hand_example() {
        // Weights 50 / 30 / 20.
        //   a: ballot 1 (8, 6, 4) → 4 + 1.8 + 0.8 = 6.6; ballot 2 (6, 6, 10) → 3 + 1.8 + 2 = 6.8
        //      → Nutzwert 6.7, sd 0.1; criterion means 7, 6, 7
        //   b: ballot 1 (10, 2, 0) → 5 + 0.6 + 0 = 5.6; ballot 2 (4, 10, 10) → 2 + 3 + 2 = 7.0
        //      → Nutzwert 6.3
        //   c: ballot 2 only (7, 7, 3) → 3.5 + 2.1 + 0.6 = 6.2
        //   d: ballot 1 only (7, 3, 9) → 3.5 + 0.9 + 1.8 = 6.2 (tied with c)
        let g = Gewichte::new(vec![50, 30, 20]).unwrap();
        let z = [
            zettel(&[("a", &[8, 6, 4]), ("b", &[10, 2, 0]), ("d", &[7, 3, 9])]),
            zettel(&[("a", &[6, 6, 10]), ("b", &[4, 10, 10]), ("c", &[7, 7, 3])]),
        ];
        let e = auswerten(&g, &ids(&["a", "b", "c", "d", "e"]), &z).unwrap();
        let a = &e.optionen["a"];
        assert!((a.nutzwert.mittel - 6.7).abs() < 1e-12);
        assert!((a.nutzwert.standardabweichung - 0.1).abs() < 1e-12);
        assert_eq!(a.nutzwert.anzahl, 2);
        let mittel: Vec<f64> = a.kriterien.iter().map(|k| k.mittel).collect();
        assert_eq!(mittel, [7.0, 6.0, 7.0]);
        assert!((e.optionen["b"].nutzwert.mittel - 6.3).abs() < 1e-12);
        assert_eq!(e.optionen["c"].nutzwert.mittel, e.optionen["d"].nutzwert.mittel);
        assert_eq!(e.rang.0, vec![ids(&["a"]), ids(&["b"]), ids(&["c", "d"])]);
        assert_eq!(e.ohne_bewertung, ids(&["e"]));
    }

    #[test]
    fn invalid_ballots_are_rejected() {
        let g = Gewichte::new(vec![60, 40]).unwrap();
        let o = ids(&["a"]);
        let e = auswerten(&g, &o, &[zettel(&[("a", &[5, 11])])]).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.code),
            ("stimmzettel[0].werte[1]", "err-range")
        );
        let e = auswerten(&g, &o, &[zettel(&[("a", &[5])])]).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("stimmzettel[0]", "err-invalid"));
        let e = auswerten(&g, &o, &[zettel(&[("b", &[5, 5])])]).unwrap_err();
        assert_eq!(e.code, "err-unknown-choice");
    }

    proptest! {
        #[test]
        fn nutzwert_is_the_weighted_sum_of_criterion_means_and_ignores_order(
            w in 0u32..=100,
            v in proptest::collection::vec(
                proptest::collection::btree_map(0usize..4, (0u8..=10, 0u8..=10), 0..4), 0..10),
        ) {
            let g = Gewichte::new(vec![w, 100 - w]).unwrap();
            let o: Vec<String> = (0..4).map(|i| format!("o{i}")).collect();
            let mut z: Vec<NutzwertZettel<String>> = v
                .iter()
                .map(|m| m.iter().map(|(i, (x, y))| (o[*i].clone(), vec![*x, *y])).collect())
                .collect();
            let e = auswerten(&g, &o, &z).unwrap();
            for r in e.optionen.values() {
                let erwartet = (f64::from(w) * r.kriterien[0].mittel
                    + f64::from(100 - w) * r.kriterien[1].mittel) / 100.0;
                prop_assert!((r.nutzwert.mittel - erwartet).abs() < 1e-9);
                prop_assert!((0.0..=10.0).contains(&r.nutzwert.mittel));
            }
            prop_assert_eq!(e.rang.anzahl(), e.optionen.len());
            z.reverse();
            prop_assert_eq!(e, auswerten(&g, &o, &z).unwrap());
        }
    }
}
