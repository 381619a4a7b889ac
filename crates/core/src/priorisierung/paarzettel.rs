//! One participant's answers in a Paarvergleich: each participant speaks once per pair.
//!
//! A participant may see a pair again (the next pairs are drawn at random) or change
//! their mind; their last answer for a pair replaces the earlier ones, in whichever
//! order the two options were shown. Without this, one person answering the same pair
//! many times would outweigh the room, and a ballot would grow without bound.

use std::collections::HashMap;

use super::Vergleich;

/// The answers of `alt` followed by `neu`, keeping per unordered pair only the last
/// answer, at the place of the pair's first answer.
pub fn letzte_je_paar<Id: Ord + Clone + std::hash::Hash>(
    alt: impl IntoIterator<Item = Vergleich<Id>>,
    neu: impl IntoIterator<Item = Vergleich<Id>>,
) -> Vec<Vergleich<Id>> {
    let mut out: Vec<Vergleich<Id>> = Vec::new();
    let mut stelle: HashMap<(Id, Id), usize> = HashMap::new();
    for v in alt.into_iter().chain(neu) {
        let paar = if v.a <= v.b {
            (v.a.clone(), v.b.clone())
        } else {
            (v.b.clone(), v.a.clone())
        };
        match stelle.get(&paar) {
            Some(&i) => out[i] = v,
            None => {
                stelle.insert(paar, out.len());
                out.push(v);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::priorisierung::Ausgang;

    fn v(a: &str, b: &str, ausgang: Ausgang) -> Vergleich<String> {
        Vergleich {
            a: a.into(),
            b: b.into(),
            ausgang,
        }
    }

    #[test]
    fn the_last_answer_per_pair_counts_in_either_order() {
        let alt = vec![v("x", "y", Ausgang::A), v("x", "z", Ausgang::Gleich)];
        let neu = vec![v("y", "x", Ausgang::A), v("y", "z", Ausgang::B)];
        let z = letzte_je_paar(alt, neu);
        assert_eq!(
            z,
            vec![
                v("y", "x", Ausgang::A),
                v("x", "z", Ausgang::Gleich),
                v("y", "z", Ausgang::B)
            ]
        );
    }

    #[test]
    fn repeating_one_pair_leaves_one_answer() {
        let viele: Vec<_> = (0..1999).map(|_| v("a", "b", Ausgang::A)).collect();
        let z = letzte_je_paar(Vec::new(), viele);
        assert_eq!(z, vec![v("a", "b", Ausgang::A)]);
    }

    /// Never more answers than distinct pairs, and every pair keeps the answer given last.
    #[test]
    fn bounded_by_the_pairs_and_keeps_the_last_answer() {
        let ids = ["a", "b", "c", "d"];
        let ausgaenge = [Ausgang::A, Ausgang::B, Ausgang::Gleich];
        let mut alle = Vec::new();
        for n in 0..60usize {
            let (i, j) = (n % 4, (n * 7 + 1) % 4);
            if i != j {
                alle.push(v(ids[i], ids[j], ausgaenge[n % 3]));
            }
        }
        let z = letzte_je_paar(Vec::new(), alle.clone());
        assert!(z.len() <= 6);
        for x in &z {
            let letzte = alle
                .iter()
                .rev()
                .find(|y| (y.a == x.a && y.b == x.b) || (y.a == x.b && y.b == x.a))
                .unwrap();
            assert_eq!(x, letzte);
        }
    }
}
