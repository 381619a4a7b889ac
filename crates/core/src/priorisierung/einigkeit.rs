//! Einigkeit (agreement): how far the participants agree, overall and per option.
//!
//! - [`kendall_w`]: Kendall's coefficient of concordance W for rankings, from 0 (no
//!   agreement) to 1 (everybody ranks alike), with the correction for ties.
//! - [`streuung_der_raenge`] and [`streuung_der_werte`]: the spread (population standard
//!   deviation) of the ranks or scores one option received; a large spread marks a
//!   disputed option, and [`umstritten`] lists those above a threshold.
//!
//! Ranks are mid-ranks: options tied on a ballot share the mean of their places, and the
//! options a ballot leaves out are tied below all the options it names (as in
//! [`super::rangfolge`]). A partial ballot is thus a complete ranking with one large tie
//! at the bottom.

use std::collections::BTreeMap;

use super::{Kennwerte, Optionen, Rang, Summen};
use crate::error::FieldError;

/// Kendall's W of `n` rankings of `m` options:
///
/// `W = 12 S / (n² (m³ − m) − n Σ T)`, where `S = Σᵢ (Rᵢ − n(m+1)/2)²` with `Rᵢ` the rank
/// sum of option `i`, and `T = Σ (t³ − t)` over the groups of `t` tied options of one
/// ranking. `None` when W is undefined: fewer than two options, no rankings, or every
/// ranking ties all options. Errors as for ranked ballots on `stimmzettel[i]`.
pub fn kendall_w<Id: Ord + Clone>(
    optionen: &[Id],
    rangfolgen: &[Rang<Id>],
) -> Result<Option<f64>, FieldError> {
    let opt = Optionen::neu(optionen);
    let m = opt.len() as i128;
    let n = rangfolgen.len() as i128;
    let mut doppelte_summen = vec![0i128; opt.len()];
    let mut bindungen: i128 = 0;
    for (z, r) in rangfolgen.iter().enumerate() {
        let st = opt.stufen(r, &format!("stimmzettel[{z}]"))?;
        for (s, r2) in doppelte_summen.iter_mut().zip(st.doppelte_raenge()) {
            *s += i128::from(r2);
        }
        bindungen += st
            .groessen
            .iter()
            .map(|&t| {
                let t = t as i128;
                t * t * t - t
            })
            .sum::<i128>();
    }
    // With doubled ranks, Dᵢ = 2Rᵢ − n(m+1) and 12 S = 3 Σ Dᵢ².
    let zaehler: i128 = doppelte_summen
        .iter()
        .map(|s| {
            let d = s - n * (m + 1);
            d * d
        })
        .sum::<i128>()
        * 3;
    let nenner = n * n * (m * m * m - m) - n * bindungen;
    if m < 2 || n == 0 || nenner <= 0 {
        return Ok(None);
    }
    Ok(Some(zaehler as f64 / nenner as f64))
}

/// Mean and spread of the (mid-)ranks of every option over the rankings, rank 1 best.
/// Empty when there are no rankings. Errors as for ranked ballots on `stimmzettel[i]`.
pub fn streuung_der_raenge<Id: Ord + Clone>(
    optionen: &[Id],
    rangfolgen: &[Rang<Id>],
) -> Result<BTreeMap<Id, Kennwerte>, FieldError> {
    let opt = Optionen::neu(optionen);
    let mut summen = vec![Summen::default(); opt.len()];
    for (z, r) in rangfolgen.iter().enumerate() {
        let st = opt.stufen(r, &format!("stimmzettel[{z}]"))?;
        for (s, r2) in summen.iter_mut().zip(st.doppelte_raenge()) {
            s.add(r2);
        }
    }
    Ok(opt
        .ids
        .iter()
        .zip(&summen)
        .filter_map(|(id, s)| Some((id.clone(), s.kennwerte(2)?)))
        .collect())
}

/// Mean and spread of the scores of every option, e.g. its dots or its Nutzen scores per
/// ballot. An option missing from a ballot is skipped, not counted as 0; fill in zeros
/// first where missing means zero (as with dots). Options without any score are absent.
pub fn streuung_der_werte<Id: Ord + Clone, V: Copy + Into<f64>>(
    werte: &[BTreeMap<Id, V>],
) -> BTreeMap<Id, Kennwerte> {
    let mut je_option: BTreeMap<Id, Vec<f64>> = BTreeMap::new();
    for zettel in werte {
        for (id, w) in zettel {
            je_option.entry(id.clone()).or_default().push((*w).into());
        }
    }
    je_option
        .into_iter()
        .filter_map(|(id, v)| Some((id, Kennwerte::aus_werten(v)?)))
        .collect()
}

/// The options whose standard deviation exceeds `schwelle`, most disputed first (equal
/// spreads by id).
pub fn umstritten<Id: Ord + Clone>(streuung: &BTreeMap<Id, Kennwerte>, schwelle: f64) -> Vec<Id> {
    let mut v: Vec<(&Id, f64)> = streuung
        .iter()
        .map(|(id, k)| (id, k.standardabweichung))
        .filter(|(_, s)| *s > schwelle)
        .collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().map(|(id, _)| id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    fn folge(s: &str) -> Rang<String> {
        Rang::aus_reihenfolge(s.chars().map(String::from))
    }

    fn w(o: &[&str], z: &[Rang<String>]) -> Option<f64> {
        kendall_w(&ids(o), z).unwrap()
    }

    #[test]
    fn identical_rankings_agree_fully() {
        // n = 3, m = 3: R = 3, 6, 9; mean rank sum n(m+1)/2 = 6; S = 9 + 0 + 9 = 18;
        // W = 12·18 / (9·24) = 216/216 = 1.
        assert_eq!(
            w(&["a", "b", "c"], &[folge("abc"), folge("abc"), folge("abc")]),
            Some(1.0)
        );
        // A single ranking agrees with itself.
        assert_eq!(w(&["a", "b", "c", "d"], &[folge("dbca")]), Some(1.0));
    }

    #[test]
    fn reversed_pairs_do_not_agree() {
        // Two raters a>b>c>d, two d>c>b>a: every rank sum is 1+4+1+4 = 10 = n(m+1)/2,
        // so S = 0 and W = 0.
        let z = [folge("abcd"), folge("dcba"), folge("abcd"), folge("dcba")];
        assert_eq!(w(&["a", "b", "c", "d"], &z), Some(0.0));
        // One swapped pair: a>b>c and b>a>c. R = 3, 3, 6; mean 4; S = 1 + 1 + 4 = 6;
        // W = 12·6 / (4·24) = 72/96 = 0.75.
        assert_eq!(w(&["a", "b", "c"], &[folge("abc"), folge("bac")]), Some(0.75));
    }

    #[test]
    fn ties_are_corrected() {
        // a>b>c and a>(b=c): ranks 1, 2, 3 and 1, 2.5, 2.5; R = 2, 4.5, 5.5; mean 4;
        // S = 4 + 0.25 + 2.25 = 6.5; T = 0 + (2³ − 2) = 6;
        // W = 12·6.5 / (4·24 − 2·6) = 78/84 ≈ 0.92857.
        let z = [folge("abc"), Rang(vec![ids(&["a"]), ids(&["b", "c"])])];
        let got = w(&["a", "b", "c"], &z).unwrap();
        assert!((got - 78.0 / 84.0).abs() < 1e-12);
        // The same with c left out of the second ballot (unranked = tied last).
        assert_eq!(
            w(&["a", "b", "c"], &[folge("abc"), folge("a"),]).map(|x| x < 1.0),
            Some(true)
        );
        let partial = w(&["a", "b", "c"], &[folge("abc"), folge("a")]).unwrap();
        assert!((partial - 78.0 / 84.0).abs() < 1e-12);
    }

    #[test]
    fn undefined_cases() {
        assert_eq!(w(&["a"], &[folge("a")]), None);
        assert_eq!(w(&["a", "b"], &[]), None);
        // Everything tied: no information.
        assert_eq!(
            w(&["a", "b"], &[Rang(vec![ids(&["a", "b"])]), Rang(vec![])]),
            None
        );
        let e = kendall_w(&ids(&["a"]), &[folge("b")]).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.code),
            ("stimmzettel[0]", "err-unknown-choice")
        );
    }

    #[test]
    fn disputed_options_by_rank() {
        // a>b>c and c>b>a: a has ranks 1 and 3 (mean 2, sd 1), b 2 and 2 (sd 0), c as a.
        let s = streuung_der_raenge(&ids(&["a", "b", "c"]), &[folge("abc"), folge("cba")]).unwrap();
        assert_eq!((s["a"].mittel, s["a"].standardabweichung), (2.0, 1.0));
        assert_eq!(
            (s["b"].mittel, s["b"].standardabweichung, s["b"].anzahl),
            (2.0, 0.0, 2)
        );
        assert_eq!(umstritten(&s, 0.5), ids(&["a", "c"]));
        assert!(umstritten(&s, 1.0).is_empty());
        assert!(streuung_der_raenge(&ids(&["a"]), &[]).unwrap().is_empty());
    }

    #[test]
    fn disputed_options_by_score() {
        // Dots: x gets 0, 6 (sd 3); y gets 2, 2, 2 (sd 0); z only once (sd 0).
        let zettel: Vec<BTreeMap<&str, u32>> = vec![
            [("x", 0), ("y", 2)].into(),
            [("x", 6), ("y", 2), ("z", 5)].into(),
            [("y", 2)].into(),
        ];
        let s = streuung_der_werte(&zettel);
        assert!((s["x"].standardabweichung - 3.0).abs() < 1e-12);
        assert_eq!(s["y"].anzahl, 3);
        assert_eq!(umstritten(&s, 1.0), vec!["x"]);
    }

    proptest! {
        #[test]
        fn w_lies_between_zero_and_one_and_ignores_order(
            perms in proptest::collection::vec(
                (Just((0..5).collect::<Vec<usize>>()).prop_shuffle(), 0usize..=5), 1..10),
        ) {
            let o: Vec<String> = (0..5).map(|i| format!("o{i}")).collect();
            let mut z: Vec<Rang<String>> = perms
                .iter()
                .map(|(p, k)| Rang::aus_reihenfolge(p.iter().take(*k).map(|i| o[*i].clone())))
                .collect();
            let a = kendall_w(&o, &z).unwrap();
            if let Some(x) = a {
                prop_assert!((-1e-12..=1.0 + 1e-12).contains(&x));
            }
            z.reverse();
            prop_assert_eq!(a, kendall_w(&o, &z).unwrap());
            let s = streuung_der_raenge(&o, &z).unwrap();
            for k in s.values() {
                prop_assert!((1.0..=5.0).contains(&k.mittel));
                prop_assert!(k.standardabweichung <= 2.0 + 1e-12);
            }
        }
    }
}
