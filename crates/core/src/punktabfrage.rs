//! Punktabfrage (dot voting): each person distributes a budget of dots over options.
//!
//! The Feldwahl uses it to choose the Handlungsfelder; the prioritisation of Maßnahmen
//! builds on the same rules.

use std::collections::BTreeMap;

use crate::error::FieldError;

/// The rules of one dot vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regeln {
    /// Dots per person.
    pub budget: u32,
    /// Whether a person may put more than one dot on an option.
    pub stapeln: bool,
    /// The most dots one person may put on one option (when stacking).
    pub max_pro_option: Option<u32>,
}

impl Regeln {
    /// The usual rule of thumb: half the number of options plus one, stacking allowed up to 3.
    pub fn standard(optionen: usize) -> Self {
        Self {
            budget: u32::try_from(optionen / 2 + 1).unwrap_or(u32::MAX),
            stapeln: true,
            max_pro_option: Some(3),
        }
    }

    /// The rules of the Feldwahl, from the fields' slugs: the budget follows the standard
    /// fields the Werkstatt offers (`Some` slug). Fields proposed in the room do not raise
    /// it, or every proposal would give everyone more dots.
    pub fn feldwahl<'a>(slugs: impl IntoIterator<Item = Option<&'a str>>) -> Self {
        Self::standard(slugs.into_iter().filter(Option::is_some).count().max(1))
    }

    fn cap(&self) -> u32 {
        if self.stapeln {
            self.max_pro_option.unwrap_or(self.budget)
        } else {
            1
        }
    }

    /// Checks that one person may set `punkte` dots on `option`, given the dots
    /// that person has now (`bisher`, option → dots). Setting replaces, it does not add.
    pub fn pruefe(
        &self,
        bisher: &BTreeMap<String, u32>,
        option: &str,
        punkte: u32,
    ) -> Result<(), FieldError> {
        if punkte > self.cap() {
            return Err(FieldError::new("punkte", "err-dots-cap").arg("max", self.cap()));
        }
        let andere: u32 = bisher
            .iter()
            .filter(|(o, _)| o.as_str() != option)
            .map(|(_, p)| *p)
            .sum();
        if andere.saturating_add(punkte) > self.budget {
            return Err(FieldError::new("punkte", "err-dots-budget")
                .arg("budget", self.budget)
                .arg("rest", self.budget.saturating_sub(andere)));
        }
        Ok(())
    }
}

/// Sums dots per option; the result is sorted by dots (descending), then by option.
pub fn auszaehlen<'a>(stimmen: impl IntoIterator<Item = (&'a str, u32)>) -> Vec<(String, u32)> {
    let mut sum: BTreeMap<&str, u32> = BTreeMap::new();
    for (o, p) in stimmen {
        *sum.entry(o).or_default() += p;
    }
    let mut v: Vec<(String, u32)> = sum.into_iter().map(|(o, p)| (o.to_owned(), p)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn standard_budget_for_nine_fields_is_five() {
        assert_eq!(Regeln::standard(9).budget, 5);
        // Proposals in the room leave the Feldwahl's budget where it was.
        let mut slugs: Vec<Option<&str>> = vec![Some("feld"); 9];
        assert_eq!(Regeln::feldwahl(slugs.iter().copied()).budget, 5);
        slugs.extend([None; 9]);
        assert_eq!(Regeln::feldwahl(slugs.iter().copied()).budget, 5);
    }

    #[test]
    fn replaces_rather_than_adds() {
        let r = Regeln::standard(9);
        let mut b = BTreeMap::new();
        b.insert("a".to_owned(), 3);
        b.insert("b".to_owned(), 2);
        assert!(r.pruefe(&b, "a", 1).is_ok());
        assert_eq!(r.pruefe(&b, "c", 1).unwrap_err().code, "err-dots-budget");
        assert_eq!(r.pruefe(&b, "a", 4).unwrap_err().code, "err-dots-cap");
    }

    #[test]
    fn without_stacking_one_dot_per_option() {
        let r = Regeln {
            budget: 3,
            stapeln: false,
            max_pro_option: None,
        };
        assert_eq!(
            r.pruefe(&BTreeMap::new(), "a", 2).unwrap_err().code,
            "err-dots-cap"
        );
    }

    proptest! {
        #[test]
        fn accepted_allocations_never_exceed_the_budget(
            ops in proptest::collection::vec((0usize..6, 0u32..5), 0..60),
            budget in 1u32..8,
        ) {
            let r = Regeln { budget, stapeln: true, max_pro_option: Some(3) };
            let mut b: BTreeMap<String, u32> = BTreeMap::new();
            for (o, p) in ops {
                let o = format!("o{o}");
                if r.pruefe(&b, &o, p).is_ok() {
                    b.insert(o, p);
                }
                prop_assert!(b.values().sum::<u32>() <= budget);
                prop_assert!(b.values().all(|p| *p <= 3));
            }
        }

        #[test]
        fn tally_does_not_depend_on_order(mut v in proptest::collection::vec((0usize..5, 0u32..4), 0..40)) {
            let a = auszaehlen(v.iter().map(|(o, p)| (["a","b","c","d","e"][*o], *p)));
            v.reverse();
            let b = auszaehlen(v.iter().map(|(o, p)| (["a","b","c","d","e"][*o], *p)));
            prop_assert_eq!(a, b);
        }
    }
}
