//! Punktabfrage results: the dots of all ballots, counted per option.
//!
//! The rules of a dot vote (budget, stacking, cap per option) live in
//! [`crate::punktabfrage::Regeln`]; [`pruefen`] applies them to a whole ballot, and
//! [`auswerten`] counts ballots that were accepted under them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Optionen, Rang};
use crate::error::FieldError;
use crate::punktabfrage::Regeln;

/// One person's dots: option → number of dots (0 is the same as no entry).
pub type Punktzettel<Id> = BTreeMap<Id, u32>;

/// The count of one option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PunkteWert {
    /// All dots on the option.
    pub punkte: u64,
    /// The number of ballots with at least one dot on the option.
    pub unterstuetzende: usize,
}

/// The result of a dot vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PunkteErgebnis<Id> {
    /// Every option, also those without dots.
    pub optionen: BTreeMap<Id, PunkteWert>,
    /// By dots, most first; options with equal dots are tied.
    pub rang: Rang<Id>,
    /// The number of ballots with at least one dot (participation).
    pub teilnehmende: usize,
    /// All dots on all options.
    pub punkte_gesamt: u64,
}

/// Checks a whole ballot against the rules, by applying [`Regeln::pruefe`] to one option
/// after the other (so the errors are those of a single dot that breaks the rules).
pub fn pruefen<Id: Ord + AsRef<str>>(regeln: &Regeln, zettel: &Punktzettel<Id>) -> Result<(), FieldError> {
    let mut bisher: BTreeMap<String, u32> = BTreeMap::new();
    for (option, &punkte) in zettel {
        regeln.pruefe(&bisher, option.as_ref(), punkte)?;
        bisher.insert(option.as_ref().to_owned(), punkte);
    }
    Ok(())
}

/// Counts the dots of all ballots. The ballots are taken as they are; check them with
/// [`pruefen`] (or dot by dot with [`Regeln::pruefe`]) when they are cast.
pub fn auswerten<Id: Ord + Clone>(
    optionen: &[Id],
    zettel: &[Punktzettel<Id>],
) -> Result<PunkteErgebnis<Id>, FieldError> {
    let opt = Optionen::neu(optionen);
    let mut punkte = vec![0u64; opt.len()];
    let mut unterstuetzende = vec![0usize; opt.len()];
    let mut teilnehmende = 0;
    for (z, zettel) in zettel.iter().enumerate() {
        let mut dabei = false;
        let mut ab = 0;
        for (id, &p) in zettel {
            let i = opt.index_ab(id, &mut ab, || format!("stimmzettel[{z}]"))?;
            if p > 0 {
                punkte[i] += u64::from(p);
                unterstuetzende[i] += 1;
                dabei = true;
            }
        }
        if dabei {
            teilnehmende += 1;
        }
    }
    let werte: BTreeMap<Id, PunkteWert> = opt
        .ids
        .iter()
        .zip(punkte.iter().zip(&unterstuetzende))
        .map(|(id, (&punkte, &unterstuetzende))| {
            (
                id.clone(),
                PunkteWert {
                    punkte,
                    unterstuetzende,
                },
            )
        })
        .collect();
    Ok(PunkteErgebnis {
        rang: Rang::nach_schluessel(werte.iter().map(|(id, w)| (id.clone(), w.punkte))),
        optionen: werte,
        teilnehmende,
        punkte_gesamt: punkte.iter().sum(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn zettel(v: &[(&str, u32)]) -> Punktzettel<String> {
        v.iter().map(|(o, p)| ((*o).to_owned(), *p)).collect()
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn counts_ranks_and_participation() {
        let o = ids(&["a", "b", "c", "d"]);
        let z = [
            zettel(&[("a", 3), ("b", 2)]),
            zettel(&[("b", 3), ("c", 2)]),
            zettel(&[("a", 2), ("d", 0)]),
            zettel(&[]),
        ];
        let e = auswerten(&o, &z).unwrap();
        assert_eq!(
            e.optionen["a"],
            PunkteWert {
                punkte: 5,
                unterstuetzende: 2
            }
        );
        assert_eq!(
            e.optionen["b"],
            PunkteWert {
                punkte: 5,
                unterstuetzende: 2
            }
        );
        assert_eq!(
            e.optionen["c"],
            PunkteWert {
                punkte: 2,
                unterstuetzende: 1
            }
        );
        assert_eq!(
            e.optionen["d"],
            PunkteWert {
                punkte: 0,
                unterstuetzende: 0
            }
        );
        assert_eq!(e.rang.0, vec![ids(&["a", "b"]), ids(&["c"]), ids(&["d"])]);
        assert_eq!(e.teilnehmende, 3);
        assert_eq!(e.punkte_gesamt, 12);
    }

    #[test]
    fn unknown_options_are_rejected() {
        let e = auswerten(&ids(&["a"]), &[zettel(&[("a", 1)]), zettel(&[("x", 1)])]).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.code),
            ("stimmzettel[1]", "err-unknown-choice")
        );
    }

    #[test]
    fn whole_ballots_are_checked_with_the_rules() {
        let r = Regeln::standard(9); // budget 5, at most 3 per option
        assert!(pruefen(&r, &zettel(&[("a", 3), ("b", 2)])).is_ok());
        assert_eq!(
            pruefen(&r, &zettel(&[("a", 3), ("b", 3)])).unwrap_err().code,
            "err-dots-budget"
        );
        assert_eq!(
            pruefen(&r, &zettel(&[("a", 4)])).unwrap_err().code,
            "err-dots-cap"
        );
    }

    fn regeln() -> impl Strategy<Value = Regeln> {
        (1u32..8, any::<bool>(), proptest::option::of(1u32..4)).prop_map(
            |(budget, stapeln, max_pro_option)| Regeln {
                budget,
                stapeln,
                max_pro_option,
            },
        )
    }

    proptest! {
        #[test]
        fn totals_never_exceed_the_budgets_of_accepted_ballots(
            r in regeln(),
            versuche in proptest::collection::vec(
                proptest::collection::vec((0usize..6, 0u32..5), 0..20), 0..12),
        ) {
            let o: Vec<String> = (0..6).map(|i| format!("o{i}")).collect();
            // Every ballot is built dot by dot, keeping only what the rules accept.
            let zettel: Vec<Punktzettel<String>> = versuche
                .iter()
                .map(|v| {
                    let mut b = BTreeMap::new();
                    for (i, p) in v {
                        if r.pruefe(&b, &o[*i], *p).is_ok() {
                            b.insert(o[*i].clone(), *p);
                        }
                    }
                    b
                })
                .collect();
            for z in &zettel {
                prop_assert!(pruefen(&r, z).is_ok());
            }
            let e = auswerten(&o, &zettel).unwrap();
            let n = zettel.len() as u64;
            let cap = if r.stapeln { r.max_pro_option.unwrap_or(r.budget) } else { 1 };
            prop_assert!(e.punkte_gesamt <= n * u64::from(r.budget));
            prop_assert_eq!(e.punkte_gesamt, e.optionen.values().map(|w| w.punkte).sum::<u64>());
            for w in e.optionen.values() {
                prop_assert!(w.punkte <= n * u64::from(cap));
                prop_assert!(w.unterstuetzende <= e.teilnehmende);
            }
            prop_assert!(e.teilnehmende <= zettel.len());
        }

        #[test]
        fn result_does_not_depend_on_ballot_order(
            v in proptest::collection::vec(proptest::collection::btree_map(0usize..5, 0u32..4, 0..5), 0..15),
        ) {
            let o: Vec<String> = (0..5).map(|i| format!("o{i}")).collect();
            let mut zettel: Vec<Punktzettel<String>> = v
                .iter()
                .map(|m| m.iter().map(|(i, p)| (o[*i].clone(), *p)).collect())
                .collect();
            let a = auswerten(&o, &zettel).unwrap();
            zettel.reverse();
            let mut o2 = o.clone();
            o2.reverse();
            prop_assert_eq!(a, auswerten(&o2, &zettel).unwrap());
        }
    }
}
