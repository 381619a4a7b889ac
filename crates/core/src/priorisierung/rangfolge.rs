//! Rangfolge (ranked ballots): every participant orders some or all Maßnahmen, with ties
//! allowed (a [`Rang`] with several options in a group). Options a ballot leaves out
//! count as tied below all options it names.
//!
//! Two counts:
//!
//! - [`borda`]: every option gets one point for each option ranked below it on a ballot
//!   and half a point for each other option tied with it, unranked options included.
//!   So a complete strict ballot over `m` options gives `m−1, m−2, …, 0` points, and
//!   every ballot, complete or partial, hands out `m·(m−1)/2` points: each pair of
//!   options shares one point. A partial ballot ranking `k` options gives them
//!   `m−1, …, m−k` points and each unranked option `(m−k−1)/2`.
//! - [`schulze`]: the Schulze method. `d[a][b]` is the number of ballots that rank `a`
//!   above `b`; a link `a → b` has strength `d[a][b]` when `d[a][b] > d[b][a]` (winning
//!   votes), else 0; `p[a][b]` is the strength of the strongest path (the widest path by
//!   its weakest link), computed Floyd–Warshall style in O(m³). `a` beats `b` when
//!   `p[a][b] > p[b][a]`; this relation is transitive (Schulze 2011). The ranking takes,
//!   again and again, all remaining options that no remaining option beats, as one group.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Optionen, Rang};
use crate::error::FieldError;

/// The Borda count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BordaErgebnis<Id> {
    /// Points per option (multiples of ½), every option included.
    pub punkte: BTreeMap<Id, f64>,
    /// By points, most first; equal points are tied.
    pub rang: Rang<Id>,
}

/// The Schulze count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchulzeErgebnis<Id> {
    /// The Schulze ranking; options neither of which beats the other may share a group.
    pub rang: Rang<Id>,
    #[serde(skip)]
    ids: Vec<Id>,
    #[serde(skip)]
    d: Vec<u32>,
    #[serde(skip)]
    p: Vec<u32>,
}

impl<Id: Ord> SchulzeErgebnis<Id> {
    fn paar(&self, a: &Id, b: &Id) -> Option<usize> {
        let i = self.ids.binary_search(a).ok()?;
        let j = self.ids.binary_search(b).ok()?;
        (i != j).then_some(i * self.ids.len() + j)
    }

    /// `d[a][b]`: the number of ballots that rank `a` above `b`.
    pub fn praeferenz(&self, a: &Id, b: &Id) -> Option<u32> {
        self.paar(a, b).map(|k| self.d[k])
    }

    /// `p[a][b]`: the strength of the strongest path from `a` to `b`.
    pub fn staerkster_pfad(&self, a: &Id, b: &Id) -> Option<u32> {
        self.paar(a, b).map(|k| self.p[k])
    }

    /// Whether `a` beats `b` (`p[a][b] > p[b][a]`).
    pub fn schlaegt(&self, a: &Id, b: &Id) -> bool {
        match (self.staerkster_pfad(a, b), self.staerkster_pfad(b, a)) {
            (Some(ab), Some(ba)) => ab > ba,
            _ => false,
        }
    }
}

/// The Borda count (see module docs for partial ballots and ties). Errors on
/// `stimmzettel[i]`: `err-unknown-choice`, and `err-duplicate-choice` for an option
/// named twice.
pub fn borda<Id: Ord + Clone>(optionen: &[Id], zettel: &[Rang<Id>]) -> Result<BordaErgebnis<Id>, FieldError> {
    let opt = Optionen::neu(optionen);
    let m = opt.len();
    let mut halbe = vec![0u64; m];
    for (z, zettel) in zettel.iter().enumerate() {
        let st = opt.stufen(zettel, &format!("stimmzettel[{z}]"))?;
        let davor = st.davor();
        for (h, &g) in halbe.iter_mut().zip(&st.stufe) {
            let g = g as usize;
            let groesse = st.groessen[g];
            let darunter = m - davor[g] - groesse;
            *h += (2 * darunter + groesse - 1) as u64;
        }
    }
    Ok(BordaErgebnis {
        punkte: opt
            .ids
            .iter()
            .zip(&halbe)
            .map(|(id, h)| (id.clone(), *h as f64 / 2.0))
            .collect(),
        rang: Rang::nach_schluessel(opt.ids.iter().cloned().zip(halbe)),
    })
}

/// The Schulze method (see module docs). Same errors as [`borda`].
pub fn schulze<Id: Ord + Clone>(
    optionen: &[Id],
    zettel: &[Rang<Id>],
) -> Result<SchulzeErgebnis<Id>, FieldError> {
    let opt = Optionen::neu(optionen);
    let m = opt.len();
    let mut d = vec![0u32; m * m];
    for (z, zettel) in zettel.iter().enumerate() {
        let st = opt.stufen(zettel, &format!("stimmzettel[{z}]"))?;
        for (i, &si) in st.stufe.iter().enumerate() {
            for (dij, &sj) in d[i * m..(i + 1) * m].iter_mut().zip(&st.stufe) {
                *dij += u32::from(si < sj);
            }
        }
    }

    // Links by winning votes.
    let mut p = vec![0u32; m * m];
    for i in 0..m {
        for j in 0..m {
            if d[i * m + j] > d[j * m + i] {
                p[i * m + j] = d[i * m + j];
            }
        }
    }
    // Strengths are at most the number of ballots. In 16 bits the inner loop of the
    // widest paths runs on eight lanes even on baseline x86-64 (SSE2 has min/max for
    // 16-bit but not for 32-bit integers): about four times faster for 200 options.
    if let Ok(n) = i16::try_from(zettel.len()) {
        let mut q: Vec<i16> = p.iter().map(|&x| i16::try_from(x).unwrap_or(n)).collect();
        staerkste_pfade(&mut q, m);
        p = q.into_iter().map(|x| u32::try_from(x).unwrap_or(0)).collect();
    } else {
        staerkste_pfade(&mut p, m);
    }

    // Ranking: peel off the options no remaining option beats.
    let schlaegt = |a: usize, b: usize| p[a * m + b] > p[b * m + a];
    let mut geschlagen_von: Vec<usize> = (0..m)
        .map(|b| (0..m).filter(|&a| schlaegt(a, b)).count())
        .collect();
    let mut offen: Vec<usize> = (0..m).collect();
    let mut gruppen: Vec<Vec<Id>> = Vec::new();
    while !offen.is_empty() {
        let (oben, rest): (Vec<usize>, Vec<usize>) = offen.iter().partition(|&&b| geschlagen_von[b] == 0);
        // `oben` is never empty for a transitive relation; keep the rest together if it were.
        let (oben, rest) = if oben.is_empty() {
            (rest, Vec::new())
        } else {
            (oben, rest)
        };
        for &a in &oben {
            for (b, n) in geschlagen_von.iter_mut().enumerate() {
                if schlaegt(a, b) {
                    *n = n.saturating_sub(1);
                }
            }
        }
        gruppen.push(oben.iter().map(|&i| opt.ids[i].clone()).collect());
        offen = rest;
    }
    Ok(SchulzeErgebnis {
        rang: Rang(gruppen),
        ids: opt.ids,
        d,
        p,
    })
}

/// Turns link strengths (`m × m`, row-major, 0 = no link) into strongest-path strengths,
/// Floyd–Warshall style: `p[j][k] = max(p[j][k], min(p[j][i], p[i][k]))` for every
/// intermediate `i`. Row `i` does not change while `i` is the intermediate option; the
/// diagonal may collect meaningless values but never feeds an off-diagonal entry
/// (`min(p[j][i], p[i][i]) ≤ p[j][i]`), and it is cleared at the end.
fn staerkste_pfade<T: Copy + Ord + Default>(p: &mut [T], m: usize) {
    let mut zeile = vec![T::default(); m];
    for i in 0..m {
        zeile.copy_from_slice(&p[i * m..(i + 1) * m]);
        for j in (0..m).filter(|j| *j != i) {
            let pji = p[j * m + i];
            if pji == T::default() {
                continue;
            }
            for (pjk, pik) in p[j * m..(j + 1) * m].iter_mut().zip(&zeile) {
                *pjk = (*pjk).max(pji.min(*pik));
            }
        }
    }
    for i in 0..m {
        p[i * m + i] = T::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    /// A strict ballot from a string such as "ACBED".
    fn folge(s: &str) -> Rang<String> {
        Rang::aus_reihenfolge(s.chars().map(String::from))
    }

    fn mal(n: usize, s: &str) -> Vec<Rang<String>> {
        vec![folge(s); n]
    }

    #[test]
    fn borda_by_hand_with_partial_ballots_and_ties() {
        // Options a, b, c, d (m = 4, 6 points per ballot).
        //   a > b > c > d        → a 3, b 2, c 1, d 0
        //   b > a, rest unranked → b 3, a 2, c ½, d ½
        //   (c = d) > a, b unranked → c 2.5, d 2.5, a 1, b 0
        let z = [
            folge("abcd"),
            folge("ba"),
            Rang(vec![ids(&["c", "d"]), ids(&["a"])]),
        ];
        let e = borda(&ids(&["a", "b", "c", "d"]), &z).unwrap();
        assert_eq!(e.punkte["a"], 6.0);
        assert_eq!(e.punkte["b"], 5.0);
        assert_eq!(e.punkte["c"], 4.0);
        assert_eq!(e.punkte["d"], 3.0);
        assert_eq!(e.punkte.values().sum::<f64>(), 18.0);
        assert_eq!(e.rang.0, vec![ids(&["a"]), ids(&["b"]), ids(&["c"]), ids(&["d"])]);
    }

    #[test]
    fn schulze_example_from_the_literature() {
        // The 45-voter example of Schulze's paper and of Wikipedia: E > A > C > B > D.
        let mut z = Vec::new();
        for (n, s) in [
            (5, "ACBED"),
            (5, "ADECB"),
            (8, "BEDAC"),
            (3, "CABED"),
            (7, "CAEBD"),
            (2, "CBADE"),
            (7, "DCEBA"),
            (8, "EBADC"),
        ] {
            z.extend(mal(n, s));
        }
        let e = schulze(&ids(&["A", "B", "C", "D", "E"]), &z).unwrap();
        assert_eq!(
            e.rang.0,
            vec![ids(&["E"]), ids(&["A"]), ids(&["C"]), ids(&["B"]), ids(&["D"])]
        );
        let (a, b, c, d, ee) = (
            "A".to_owned(),
            "B".to_owned(),
            "C".to_owned(),
            "D".to_owned(),
            "E".to_owned(),
        );
        assert_eq!(e.praeferenz(&a, &b), Some(20));
        assert_eq!(e.praeferenz(&b, &a), Some(25));
        assert_eq!(e.staerkster_pfad(&a, &b), Some(28));
        assert_eq!(e.staerkster_pfad(&ee, &d), Some(31));
        assert_eq!(e.staerkster_pfad(&c, &b), Some(29));
        assert_eq!(e.staerkster_pfad(&d, &c), Some(28));
        assert!(e.schlaegt(&ee, &a) && !e.schlaegt(&a, &ee));
        assert_eq!(e.praeferenz(&a, &a), None);
    }

    #[test]
    fn a_perfect_cycle_is_a_tie() {
        let z = [folge("abc"), folge("bca"), folge("cab")];
        let o = ids(&["a", "b", "c"]);
        assert_eq!(schulze(&o, &z).unwrap().rang.0, vec![o.clone()]);
        assert_eq!(borda(&o, &z).unwrap().rang.0, vec![o]);
    }

    #[test]
    fn invalid_ballots_are_rejected() {
        let o = ids(&["a", "b"]);
        let e = schulze(&o, &[folge("ab"), folge("aa")]).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.code),
            ("stimmzettel[1]", "err-duplicate-choice")
        );
        let e = borda(&o, &[folge("x")]).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.code),
            ("stimmzettel[0]", "err-unknown-choice")
        );
    }

    /// Ballots over `m` options: a shuffled prefix, with random ties between neighbours.
    fn zettel(m: usize) -> impl Strategy<Value = Vec<Rang<String>>> {
        let ballot = (
            Just((0..m).collect::<Vec<_>>()).prop_shuffle(),
            0..=m,
            proptest::collection::vec(proptest::bool::weighted(0.2), m),
        )
            .prop_map(|(perm, len, gleich)| {
                let mut gruppen: Vec<Vec<String>> = Vec::new();
                for (k, i) in perm.into_iter().take(len).enumerate() {
                    let id = format!("o{i}");
                    match gruppen.last_mut() {
                        Some(g) if gleich[k] => g.push(id),
                        _ => gruppen.push(vec![id]),
                    }
                }
                Rang(gruppen)
            });
        proptest::collection::vec(ballot, 0..15)
    }

    fn optionen(m: usize) -> Vec<String> {
        (0..m).map(|i| format!("o{i}")).collect()
    }

    /// Brute force: `d[a][b]` from the places on every ballot (unranked last).
    fn praeferenzen(m: usize, z: &[Rang<String>]) -> Vec<Vec<u32>> {
        let mut d = vec![vec![0u32; m]; m];
        for r in z {
            let platz = |i: usize| {
                r.0.iter()
                    .position(|g| g.contains(&format!("o{i}")))
                    .unwrap_or(usize::MAX)
            };
            for (a, zeile) in d.iter_mut().enumerate() {
                for (b, x) in zeile.iter_mut().enumerate() {
                    if platz(a) < platz(b) {
                        *x += 1;
                    }
                }
            }
        }
        d
    }

    proptest! {
        #[test]
        fn schulze_elects_the_condorcet_winner((m, z) in (2usize..6).prop_flat_map(|m| (Just(m), zettel(m)))) {
            let d = praeferenzen(m, &z);
            let e = schulze(&optionen(m), &z).unwrap();
            for (a, zeile) in d.iter().enumerate() {
                for (b, &x) in zeile.iter().enumerate() {
                    let erwartet = (a != b).then_some(x);
                    prop_assert_eq!(e.praeferenz(&format!("o{a}"), &format!("o{b}")), erwartet);
                }
            }
            let sieger = (0..m).find(|&c| (0..m).all(|x| x == c || d[c][x] > d[x][c]));
            if let Some(c) = sieger {
                prop_assert_eq!(e.rang.erste().to_vec(), vec![format!("o{c}")]);
            }
            prop_assert_eq!(e.rang.anzahl(), m);
        }

        #[test]
        fn schulze_ignores_ballot_order(
            (m, mut z) in (2usize..7).prop_flat_map(|m| (Just(m), zettel(m))),
            k in 0usize..15,
        ) {
            let a = schulze(&optionen(m), &z).unwrap();
            if !z.is_empty() {
                let k = k % z.len();
                z.rotate_left(k);
            }
            z.reverse();
            prop_assert_eq!(a, schulze(&optionen(m), &z).unwrap());
        }

        #[test]
        fn borda_hands_out_m_choose_two_points_per_ballot(
            (m, z) in (1usize..7).prop_flat_map(|m| (Just(m), zettel(m))),
        ) {
            let erwartet = (z.len() * m * (m - 1) / 2) as f64;
            let e = borda(&optionen(m), &z).unwrap();
            prop_assert_eq!(e.punkte.values().sum::<f64>(), erwartet);
            // Complete strict ballots, as the classic statement has it.
            let voll: Vec<Rang<String>> = z
                .iter()
                .map(|r| Rang::aus_reihenfolge(
                    r.optionen().cloned().chain(optionen(m).into_iter().filter(|o| !r.optionen().any(|x| x == o)))))
                .collect();
            let e = borda(&optionen(m), &voll).unwrap();
            prop_assert_eq!(e.punkte.values().sum::<f64>(), erwartet);
        }

        #[test]
        fn borda_ignores_ballot_order(
            (m, mut z) in (1usize..7).prop_flat_map(|m| (Just(m), zettel(m))),
        ) {
            let a = borda(&optionen(m), &z).unwrap();
            z.reverse();
            prop_assert_eq!(a, borda(&optionen(m), &z).unwrap());
        }
    }
}
