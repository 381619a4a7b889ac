//! A small German grammar for generated text: noun phrases in the four cases and both
//! numbers (`Nominal`), the Kommunen and their councils (`kommunen`), leads and roles with
//! their article where the noun is known (`rollen`), places with their preposition
//! (`ort`), and numbers that agree with their noun (`anzahl`).
//!
//! Where a phrase cannot be built with certainty the functions say so (`None`), and the
//! caller writes a construction that needs no agreement ("Federführung: …").

pub mod kommunen;
pub mod ort;
pub mod rollen;

pub use kommunen::{Gebiet, kommunen, rat, rat_bezeichnung};
pub use ort::ort_mit_praeposition;
pub use rollen::rolle;

/// The grammatical case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fall {
    Nominativ,
    Genitiv,
    Dativ,
    Akkusativ,
}

impl Fall {
    pub const ALL: [Fall; 4] = [Self::Nominativ, Self::Genitiv, Self::Dativ, Self::Akkusativ];

    fn index(self) -> usize {
        match self {
            Self::Nominativ => 0,
            Self::Genitiv => 1,
            Self::Dativ => 2,
            Self::Akkusativ => 3,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Genus {
    Maskulinum,
    Femininum,
    Neutrum,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Numerus {
    Singular,
    Plural,
}

impl Numerus {
    /// Plural for more than one; a list of phrases joined by "und" is plural.
    pub fn von(n: usize) -> Self {
        if n > 1 { Self::Plural } else { Self::Singular }
    }

    /// Picks the singular or the plural form ("baut" / "bauen").
    pub fn waehle<'a>(self, einzahl: &'a str, mehrzahl: &'a str) -> &'a str {
        match self {
            Self::Singular => einzahl,
            Self::Plural => mehrzahl,
        }
    }
}

/// The definite article.
pub fn artikel(g: Genus, n: Numerus, f: Fall) -> &'static str {
    let reihe = match (n, g) {
        (Numerus::Plural, _) => ["die", "der", "den", "die"],
        (Numerus::Singular, Genus::Maskulinum) => ["der", "des", "dem", "den"],
        (Numerus::Singular, Genus::Femininum) => ["die", "der", "der", "die"],
        (Numerus::Singular, Genus::Neutrum) => ["das", "des", "dem", "das"],
    };
    reihe[f.index()]
}

/// A noun phrase with its article, in all four cases, and its number (which the verb
/// follows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nominal {
    formen: [String; 4],
    pub numerus: Numerus,
}

impl Nominal {
    pub fn neu(formen: [String; 4], numerus: Numerus) -> Self {
        Self { formen, numerus }
    }

    /// The phrase in a case: "der Verbandsgemeinde Eichelbachtal".
    pub fn im(&self, f: Fall) -> &str {
        &self.formen[f.index()]
    }

    /// The phrase at the start of a sentence: "Die Verbandsgemeinde Eichelbachtal".
    pub fn gross(&self, f: Fall) -> String {
        gross(self.im(f))
    }

    /// Several phrases joined by "und" ("die Stadt A und die Verbandsgemeinde B"): plural.
    pub fn reihe(teile: &[Nominal]) -> Option<Nominal> {
        match teile {
            [] => None,
            [x] => Some(x.clone()),
            _ => Some(Nominal {
                formen: Fall::ALL
                    .map(|f| aufzaehlung(&teile.iter().map(|t| t.im(f).to_owned()).collect::<Vec<_>>())),
                numerus: Numerus::Plural,
            }),
        }
    }

    /// Two phrases joined by "oder"; the verb follows the nearer one, the last.
    pub fn oder(a: &Nominal, b: &Nominal) -> Nominal {
        Nominal {
            formen: Fall::ALL.map(|f| format!("{} oder {}", a.im(f), b.im(f))),
            numerus: b.numerus,
        }
    }
}

/// "A", "A und B", "A, B und C".
pub fn aufzaehlung(teile: &[String]) -> String {
    match teile {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., letzt] => format!("{} und {letzt}", rest.join(", ")),
    }
}

/// The first letter in upper case.
pub fn gross(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().collect::<String>() + c.as_str())
}

/// The first letter in lower case.
pub fn klein(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_lowercase().collect::<String>() + c.as_str())
}

/// A count with its noun in the right number: `anzahl(1, "Punkt", "Punkte")` is
/// "1 Punkt", every other count takes the plural ("0 Punkte", "2 Punkte").
pub fn anzahl(n: impl Into<i64>, einzahl: &str, mehrzahl: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { einzahl } else { mehrzahl })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn artikel_nach_genus_numerus_und_fall() {
        use Fall::*;
        use Genus::*;
        let sg = |g| Fall::ALL.map(|f| artikel(g, Numerus::Singular, f));
        assert_eq!(sg(Maskulinum), ["der", "des", "dem", "den"]);
        assert_eq!(sg(Femininum), ["die", "der", "der", "die"]);
        assert_eq!(sg(Neutrum), ["das", "des", "dem", "das"]);
        for g in [Maskulinum, Femininum, Neutrum] {
            assert_eq!(artikel(g, Numerus::Plural, Dativ), "den");
            assert_eq!(artikel(g, Numerus::Plural, Nominativ), "die");
        }
        assert_eq!(artikel(Femininum, Numerus::Plural, Genitiv), "der");
        assert_eq!(artikel(Maskulinum, Numerus::Singular, Akkusativ), "den");
    }

    #[test]
    fn reihe_und_oder() {
        let a = Nominal::neu(
            ["die Stadt A", "der Stadt A", "der Stadt A", "die Stadt A"].map(String::from),
            Numerus::Singular,
        );
        let b = Nominal::neu(
            [
                "der Landkreis B",
                "des Landkreises B",
                "dem Landkreis B",
                "den Landkreis B",
            ]
            .map(String::from),
            Numerus::Singular,
        );
        let r = Nominal::reihe(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(r.im(Fall::Dativ), "der Stadt A und dem Landkreis B");
        assert_eq!(r.numerus, Numerus::Plural);
        assert_eq!(Nominal::reihe(std::slice::from_ref(&a)), Some(a.clone()));
        assert_eq!(Nominal::reihe(&[]), None);
        let o = Nominal::oder(&a, &b);
        assert_eq!(o.gross(Fall::Genitiv), "Der Stadt A oder des Landkreises B");
        assert_eq!(o.numerus, Numerus::Singular);
    }

    proptest! {
        #[test]
        fn anzahl_stimmt_mit_der_zahl_ueberein(n in -5i64..10_000) {
            let s = anzahl(n, "Punkt", "Punkte");
            let anfang = format!("{} ", n);
            prop_assert!(s.starts_with(&anfang));
            prop_assert_eq!(s.ends_with("Punkt"), n == 1);
            prop_assert_eq!(s.ends_with("Punkte"), n != 1);
        }

        #[test]
        fn numerus_folgt_der_anzahl(n in 0usize..50) {
            prop_assert_eq!(Numerus::von(n).waehle("baut", "bauen") == "bauen", n > 1);
        }
    }
}
