//! Priorisierung: methods to rank the Maßnahmen of a Werkstatt.
//!
//! Each method is a pure function from ballots (Stimmzettel) to a result:
//!
//! - [`punkte`]: dot vote (Punktabfrage) totals, ranking and participation.
//! - [`matrix`]: Nutzen-Aufwand matrix with means, spread and quadrant per option.
//! - [`nutzwert`]: weighted scoring (Nutzwertanalyse) over criteria.
//! - [`paarvergleich`]: pairwise comparison with a Bradley–Terry fit, and the choice of
//!   the next pairs to show.
//! - [`rangfolge`]: ranked ballots, counted by Borda and by Schulze.
//! - [`einigkeit`]: agreement (Kendall's W) and disputed options.
//!
//! Conventions shared by all methods:
//!
//! - Options are identified by any `Ord + Clone` id (in practice the Maßnahme id). Every
//!   method takes the list of options; duplicates in that list are ignored, and a ballot
//!   that names an option not in it is rejected with `err-unknown-choice`.
//! - Results do not depend on the order of the ballots or of the options: per-option
//!   results are maps ordered by id, and tied options share one group of a [`Rang`],
//!   sorted by id.
//! - Nothing is random. Where chance helps (the pairs to show next) the caller passes a seed.
//! - Standard deviations are population standard deviations (divided by `n`, not `n − 1`):
//!   they describe the spread of opinion within the group that voted, and are 0 for a
//!   single ballot.
//! - Field errors name the ballot by its position, e.g. `stimmzettel[3]`.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;

pub mod einigkeit;
pub mod matrix;
pub mod nutzwert;
pub mod paarvergleich;
pub mod paarzettel;
pub mod punkte;
pub mod rangfolge;

pub use einigkeit::{kendall_w, streuung_der_raenge, streuung_der_werte, umstritten};
pub use matrix::{Bewertung, MatrixErgebnis, MatrixWert, Quadrant};
pub use nutzwert::{Gewichte, NutzwertErgebnis, NutzwertWert};
pub use paarvergleich::{Ausgang, PaarErgebnis, PaarWert, Vergleich, naechste_paare};
pub use punkte::{PunkteErgebnis, PunkteWert};
pub use rangfolge::{BordaErgebnis, SchulzeErgebnis, borda, schulze};

/// A ranking with ties: groups of options, best group first; the options within a group
/// are tied and sorted by id.
///
/// The same type is the ballot of [`rangfolge`] and [`einigkeit`]: a participant's order,
/// where a group with several options means "equally good". Options a ballot leaves out
/// count as tied below all options it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Rang<Id>(pub Vec<Vec<Id>>);

impl<Id> Default for Rang<Id> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<Id: Ord + Clone> Rang<Id> {
    /// A strict order without ties, best first.
    pub fn aus_reihenfolge(ids: impl IntoIterator<Item = Id>) -> Self {
        Self(ids.into_iter().map(|id| vec![id]).collect())
    }

    /// Ranks by a key, highest key first; equal keys are tied.
    pub fn nach_schluessel<K: Ord>(werte: impl IntoIterator<Item = (Id, K)>) -> Self {
        let mut v: Vec<(Id, K)> = werte.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut gruppen: Vec<Vec<Id>> = Vec::new();
        let mut letzter: Option<K> = None;
        for (id, k) in v {
            match (&letzter, gruppen.last_mut()) {
                (Some(l), Some(g)) if *l == k => g.push(id),
                _ => {
                    gruppen.push(vec![id]);
                    letzter = Some(k);
                }
            }
        }
        Self(gruppen)
    }

    /// Ranks by a real value, highest first. An option is tied with the first option of
    /// the current group when its value is at most `toleranz` below that option's value
    /// (so ties do not chain beyond `toleranz`). With `toleranz == 0.0` only equal values tie.
    pub fn nach_werten(werte: impl IntoIterator<Item = (Id, f64)>, toleranz: f64) -> Self {
        let mut v: Vec<(Id, f64)> = werte.into_iter().collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut gruppen: Vec<Vec<Id>> = Vec::new();
        let mut fuehrend = f64::NAN;
        for (id, x) in v {
            match gruppen.last_mut() {
                Some(g) if fuehrend - x <= toleranz => g.push(id),
                _ => {
                    gruppen.push(vec![id]);
                    fuehrend = x;
                }
            }
        }
        for g in &mut gruppen {
            g.sort();
        }
        Self(gruppen)
    }

    /// The groups, best first.
    pub fn gruppen(&self) -> &[Vec<Id>] {
        &self.0
    }

    /// The options on the first place (several when tied; empty for an empty ranking).
    pub fn erste(&self) -> &[Id] {
        self.0.first().map(Vec::as_slice).unwrap_or(&[])
    }

    /// The place of an option, counted from 1 as in sports: two options tied for first
    /// are both on place 1 and the next option is on place 3.
    pub fn platz(&self, id: &Id) -> Option<usize> {
        let mut davor = 0;
        for g in &self.0 {
            if g.contains(id) {
                return Some(davor + 1);
            }
            davor += g.len();
        }
        None
    }

    /// The number of options in the ranking.
    pub fn anzahl(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    /// All options, best first.
    pub fn optionen(&self) -> impl Iterator<Item = &Id> {
        self.0.iter().flatten()
    }
}

/// Mean and spread of the values one option received.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Kennwerte {
    /// The number of values.
    pub anzahl: usize,
    pub mittel: f64,
    /// Population standard deviation (divided by `anzahl`).
    pub standardabweichung: f64,
}

impl Kennwerte {
    /// From real values; `None` when there are none.
    pub fn aus_werten(werte: impl IntoIterator<Item = f64>) -> Option<Self> {
        // Welford's update: one pass, numerically stable.
        let mut n = 0usize;
        let mut mittel = 0.0;
        let mut m2 = 0.0;
        for x in werte {
            n += 1;
            let d = x - mittel;
            mittel += d / n as f64;
            m2 += d * (x - mittel);
        }
        (n > 0).then(|| Self {
            anzahl: n,
            mittel,
            standardabweichung: (m2.max(0.0) / n as f64).sqrt(),
        })
    }

    /// From integer values `x / skala`, given their count, sum and sum of squares. Exact
    /// up to the final division, so equal data give bit-identical results.
    fn aus_summen(anzahl: u64, summe: u64, quadratsumme: u64, skala: u64) -> Option<Self> {
        if anzahl == 0 {
            return None;
        }
        let nenner = anzahl as f64 * skala as f64;
        // n² · Var · skala² = n · Σx² − (Σx)² ≥ 0 (Cauchy–Schwarz).
        let streu = (u128::from(anzahl) * u128::from(quadratsumme))
            .saturating_sub(u128::from(summe) * u128::from(summe));
        Some(Self {
            anzahl: usize::try_from(anzahl).unwrap_or(usize::MAX),
            mittel: summe as f64 / nenner,
            standardabweichung: (streu as f64).sqrt() / nenner,
        })
    }
}

/// Running integer sums for [`Kennwerte::aus_summen`].
#[derive(Debug, Clone, Copy, Default)]
struct Summen {
    anzahl: u64,
    summe: u64,
    quadratsumme: u64,
}

impl Summen {
    fn add(&mut self, x: u64) {
        self.anzahl += 1;
        self.summe += x;
        self.quadratsumme += x * x;
    }

    fn kennwerte(&self, skala: u64) -> Option<Kennwerte> {
        Kennwerte::aus_summen(self.anzahl, self.summe, self.quadratsumme, skala)
    }
}

/// The options of one evaluation, sorted and without duplicates; an option's position
/// is its index in the per-option arrays of the methods.
#[derive(Debug, Clone)]
struct Optionen<Id> {
    ids: Vec<Id>,
}

impl<Id: Ord + Clone> Optionen<Id> {
    fn neu(ids: &[Id]) -> Self {
        let mut ids = ids.to_vec();
        ids.sort();
        ids.dedup();
        Self { ids }
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    fn index(&self, id: &Id) -> Option<usize> {
        self.ids.binary_search(id).ok()
    }

    fn index_in(&self, id: &Id, feld: impl FnOnce() -> String) -> Result<usize, FieldError> {
        self.index(id)
            .ok_or_else(|| FieldError::new(feld(), "err-unknown-choice"))
    }

    /// Like [`Self::index_in`] for ids that come in ascending order (the keys of a
    /// `BTreeMap` ballot): searches only from `ab` on and checks the next option first,
    /// so a ballot that names every option costs one comparison per option.
    fn index_ab(&self, id: &Id, ab: &mut usize, feld: impl FnOnce() -> String) -> Result<usize, FieldError> {
        let rest = self.ids.get(*ab..).unwrap_or(&[]);
        let i = match rest.first() {
            Some(erstes) if erstes == id => Some(0),
            _ => rest.binary_search(id).ok(),
        };
        match i {
            Some(i) => {
                *ab += i + 1;
                Ok(*ab - 1)
            }
            None => Err(FieldError::new(feld(), "err-unknown-choice")),
        }
    }

    /// Reads a ranked ballot: the group of every option, with the options the ballot
    /// leaves out in one last group.
    fn stufen(&self, zettel: &Rang<Id>, feld: &str) -> Result<Stufen, FieldError> {
        let offen = u32::MAX;
        let mut stufe = vec![offen; self.len()];
        let mut groessen: Vec<usize> = Vec::new();
        let mut eintraege: Vec<(&Id, u32)> = Vec::new();
        for gruppe in zettel.0.iter().filter(|g| !g.is_empty()) {
            let g = u32::try_from(groessen.len()).unwrap_or(u32::MAX - 1);
            eintraege.extend(gruppe.iter().map(|id| (id, g)));
            groessen.push(gruppe.len());
        }
        // Sorted, the ids are found by one walk through the options.
        eintraege.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut ab = 0;
        for (k, (id, g)) in eintraege.iter().enumerate() {
            if k > 0 && eintraege[k - 1].0 == *id {
                return Err(FieldError::new(feld, "err-duplicate-choice"));
            }
            let i = self.index_ab(id, &mut ab, || feld.to_owned())?;
            stufe[i] = *g;
        }
        let letzte = u32::try_from(groessen.len()).unwrap_or(u32::MAX - 1);
        let mut rest = 0;
        for s in stufe.iter_mut().filter(|s| **s == offen) {
            *s = letzte;
            rest += 1;
        }
        groessen.push(rest);
        Ok(Stufen { stufe, groessen })
    }
}

/// One ranked ballot over all options: `stufe[i]` is the group of option `i` (0 = best),
/// `groessen[g]` the size of group `g`; the last group holds the unranked options and
/// may be empty.
#[derive(Debug, Clone)]
struct Stufen {
    stufe: Vec<u32>,
    groessen: Vec<usize>,
}

impl Stufen {
    /// For every group, the number of options in better groups.
    fn davor(&self) -> Vec<usize> {
        let mut v = Vec::with_capacity(self.groessen.len());
        let mut s = 0;
        for g in &self.groessen {
            v.push(s);
            s += g;
        }
        v
    }

    /// Twice the mid-rank of every option (ranks from 1; tied options share the mean of
    /// their ranks, so doubling keeps it an integer).
    fn doppelte_raenge(&self) -> Vec<u64> {
        let davor = self.davor();
        self.stufe
            .iter()
            .map(|&g| {
                let g = g as usize;
                (2 * davor[g] + self.groessen[g] + 1) as u64
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn rang_by_key_groups_equal_keys_and_sorts_ids() {
        let r = Rang::nach_schluessel([("c", 2), ("a", 5), ("b", 2), ("d", 0)]);
        assert_eq!(r.0, vec![vec!["a"], vec!["b", "c"], vec!["d"]]);
        assert_eq!(r.erste(), ["a"]);
        assert_eq!(r.platz(&"c"), Some(2));
        assert_eq!(r.platz(&"d"), Some(4));
        assert_eq!(r.platz(&"x"), None);
        assert_eq!(r.anzahl(), 4);
        assert_eq!(r.optionen().copied().collect::<Vec<_>>(), ["a", "b", "c", "d"]);
    }

    #[test]
    fn rang_by_value_ties_within_tolerance_without_chaining() {
        let r = Rang::nach_werten([("a", 1.0), ("b", 0.9995), ("c", 0.999), ("d", 0.5)], 0.0007);
        // b is within 0.0007 of a; c is 0.001 below a, so it starts a new group.
        assert_eq!(r.0, vec![vec!["a", "b"], vec!["c"], vec!["d"]]);
        let exakt = Rang::nach_werten([("x", 0.5), ("y", 0.5)], 0.0);
        assert_eq!(exakt.0, vec![vec!["x", "y"]]);
        assert!(Rang::<&str>::default().erste().is_empty());
    }

    #[test]
    fn kennwerte_from_values_and_from_sums_agree() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population sd 2.
        let v = [2u64, 4, 4, 4, 5, 5, 7, 9];
        let a = Kennwerte::aus_werten(v.iter().map(|x| *x as f64)).unwrap();
        let mut s = Summen::default();
        v.iter().for_each(|x| s.add(*x));
        let b = s.kennwerte(1).unwrap();
        assert_eq!(b.anzahl, 8);
        assert_eq!(b.mittel, 5.0);
        assert_eq!(b.standardabweichung, 2.0);
        assert!((a.mittel - 5.0).abs() < 1e-12 && (a.standardabweichung - 2.0).abs() < 1e-12);
        assert!(Kennwerte::aus_werten([]).is_none());
        assert!(Summen::default().kennwerte(1).is_none());
    }

    #[test]
    fn ballot_levels_put_unranked_options_last() {
        let o = Optionen::neu(&s(&["d", "a", "c", "b", "a"]));
        assert_eq!(o.len(), 4);
        let st = o
            .stufen(&Rang(vec![s(&["c"]), vec![], s(&["a", "d"])]), "z")
            .unwrap();
        // index: a=0, b=1, c=2, d=3
        assert_eq!(st.stufe, [1, 2, 0, 1]);
        assert_eq!(st.groessen, [1, 2, 1]);
        // ranks: c 1, a/d 2.5, b 4
        assert_eq!(st.doppelte_raenge(), [5, 8, 2, 5]);
        let e = o.stufen(&Rang(vec![s(&["a"]), s(&["a"])]), "z").unwrap_err();
        assert_eq!(e.code, "err-duplicate-choice");
        let e = o.stufen(&Rang(vec![s(&["x"])]), "z").unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("z", "err-unknown-choice"));
    }

    #[test]
    fn ascending_lookup_walks_the_options_once() {
        let o = Optionen::neu(&s(&["a", "b", "c", "d", "e"]));
        let mut ab = 0;
        let f = || "z".to_owned();
        assert_eq!(o.index_ab(&"a".to_owned(), &mut ab, f), Ok(0));
        assert_eq!(o.index_ab(&"b".to_owned(), &mut ab, f), Ok(1));
        assert_eq!(o.index_ab(&"d".to_owned(), &mut ab, f), Ok(3));
        assert_eq!(
            o.index_ab(&"dd".to_owned(), &mut ab, f).unwrap_err().code,
            "err-unknown-choice"
        );
        assert_eq!(o.index_ab(&"e".to_owned(), &mut ab, f), Ok(4));
        assert!(o.index_ab(&"f".to_owned(), &mut ab, f).is_err());
    }

    /// Every method on 30 participants × 200 options (the size of the performance target;
    /// timings are left to the benchmarks).
    #[test]
    fn all_methods_on_thirty_participants_and_two_hundred_options() {
        let mut z = paarvergleich::Zufall::neu(7);
        let ids: Vec<String> = (0..200).map(|i| format!("m{i:03}")).collect();
        let n = 30;
        let gemischt = |z: &mut paarvergleich::Zufall| {
            let mut v = ids.clone();
            for i in (1..v.len()).rev() {
                v.swap(i, (z.next() % (i as u64 + 1)) as usize);
            }
            v
        };

        let regeln = crate::punktabfrage::Regeln::standard(ids.len());
        let punktzettel: Vec<BTreeMap<String, u32>> = (0..n)
            .map(|_| {
                let v = gemischt(&mut z);
                v.into_iter().take(33).map(|id| (id, 3)).collect()
            })
            .collect();
        for p in &punktzettel {
            punkte::pruefen(&regeln, p).unwrap();
        }
        let p = punkte::auswerten(&ids, &punktzettel).unwrap();
        assert_eq!(p.teilnehmende, n);

        let matrixzettel: Vec<BTreeMap<String, Bewertung>> = (0..n)
            .map(|_| {
                ids.iter()
                    .map(|id| {
                        let b = Bewertung {
                            nutzen: (z.next() % 5 + 1) as u8,
                            aufwand: (z.next() % 5 + 1) as u8,
                        };
                        (id.clone(), b)
                    })
                    .collect()
            })
            .collect();
        let m = matrix::auswerten(&ids, &matrixzettel).unwrap();
        assert_eq!(m.optionen.len(), 200);

        let gewichte = Gewichte::new(vec![40, 35, 25]).unwrap();
        let nutzwertzettel: Vec<BTreeMap<String, Vec<u8>>> = (0..n)
            .map(|_| {
                ids.iter()
                    .map(|id| (id.clone(), (0..3).map(|_| (z.next() % 11) as u8).collect()))
                    .collect()
            })
            .collect();
        let nw = nutzwert::auswerten(&gewichte, &ids, &nutzwertzettel).unwrap();
        assert_eq!(nw.rang.anzahl(), 200);

        let mut vergleiche = Vec::new();
        for t in 0..n {
            let paare = naechste_paare(&ids, &vergleiche, &[], 50, t as u64);
            assert_eq!(paare.len(), 50);
            for (a, b) in paare {
                let ia: usize = a[1..].parse().unwrap();
                let ib: usize = b[1..].parse().unwrap();
                // Lower numbers are better, with some noise.
                let ausgang = match (ia as i64 - ib as i64 + (z.next() % 61) as i64 - 30).signum() {
                    -1 => Ausgang::A,
                    1 => Ausgang::B,
                    _ => Ausgang::Gleich,
                };
                vergleiche.push(Vergleich { a, b, ausgang });
            }
        }
        let pv = paarvergleich::auswerten(&ids, &vergleiche).unwrap();
        assert!(pv.konvergiert);
        assert_eq!(pv.rang.anzahl(), 200);

        let rangzettel: Vec<Rang<String>> = (0..n).map(|_| Rang::aus_reihenfolge(gemischt(&mut z))).collect();
        let b = borda(&ids, &rangzettel).unwrap();
        assert_eq!(b.punkte.values().sum::<f64>(), (n * 200 * 199 / 2) as f64);
        let sch = schulze(&ids, &rangzettel).unwrap();
        assert_eq!(sch.rang.anzahl(), 200);
        let w = kendall_w(&ids, &rangzettel).unwrap().unwrap();
        assert!((0.0..0.1).contains(&w), "random rankings hardly agree: {w}");
        let st = streuung_der_raenge(&ids, &rangzettel).unwrap();
        assert_eq!(st.len(), 200);
    }
}
