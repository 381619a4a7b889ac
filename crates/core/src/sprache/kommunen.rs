//! The Kommunen of a strategy and their councils as noun phrases.
//!
//! One Kommune: "die Verbandsgemeinde Eichelbachtal" (genitive "der Verbandsgemeinde …",
//! "des Landkreises …"). Several of the same kind share the plural designation: "die
//! Verbandsgemeinden Eichelbachtal und Steinhöhe". Several of different kinds are each
//! named: "die Stadt A und die Verbandsgemeinde B". Either way the verb is plural.
//!
//! The councils follow the Gemeindeordnung Rheinland-Pfalz, whose kinds of Kommune the
//! application uses: the Gemeinderat is called Stadtrat in towns (§ 28 Abs. 2 GemO), the
//! council of a Verbandsgemeinde is the Verbandsgemeinderat (§ 64 GemO), that of an
//! Ortsgemeinde the Ortsgemeinderat; a Landkreis has its Kreistag (Landkreisordnung).
//! Source: https://landesrecht.rlp.de (GemO), checked 2026-12-04.

use super::{Fall, Genus, Nominal, Numerus, artikel, aufzaehlung};
use crate::kommune::KommuneArt;

/// A Kommune as grammar needs it: its name and, if known, its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gebiet<'a> {
    pub name: &'a str,
    pub art: Option<KommuneArt>,
}

/// The designation of a kind of Kommune: singular, genitive singular, plural, dative
/// plural, and its gender.
struct Bezeichnung {
    einzahl: &'static str,
    genitiv: &'static str,
    mehrzahl: &'static str,
    dativ_mehrzahl: &'static str,
    genus: Genus,
}

fn bezeichnung(art: Option<KommuneArt>) -> Bezeichnung {
    let f = |einzahl, mehrzahl| Bezeichnung {
        einzahl,
        genitiv: einzahl,
        mehrzahl,
        dativ_mehrzahl: mehrzahl,
        genus: Genus::Femininum,
    };
    match art {
        Some(KommuneArt::Ortsgemeinde) => f("Ortsgemeinde", "Ortsgemeinden"),
        Some(KommuneArt::Verbandsgemeinde) => f("Verbandsgemeinde", "Verbandsgemeinden"),
        Some(KommuneArt::VerbandsfreieGemeinde) => f("Gemeinde", "Gemeinden"),
        Some(KommuneArt::Stadt | KommuneArt::GrosseKreisangehoerigeStadt | KommuneArt::KreisfreieStadt) => {
            Bezeichnung {
                dativ_mehrzahl: "Städten",
                ..f("Stadt", "Städte")
            }
        }
        Some(KommuneArt::Landkreis) => Bezeichnung {
            einzahl: "Landkreis",
            genitiv: "Landkreises",
            mehrzahl: "Landkreise",
            dativ_mehrzahl: "Landkreisen",
            genus: Genus::Maskulinum,
        },
        // Without a known kind the neutral word keeps every sentence grammatical.
        None => f("Kommune", "Kommunen"),
    }
}

fn einzeln(g: &Gebiet<'_>) -> Nominal {
    let b = bezeichnung(g.art);
    Nominal::neu(
        Fall::ALL.map(|f| {
            let wort = if f == Fall::Genitiv { b.genitiv } else { b.einzahl };
            format!("{} {wort} {}", artikel(b.genus, Numerus::Singular, f), g.name)
        }),
        Numerus::Singular,
    )
}

/// The Kommunen as one noun phrase; `None` when there are none.
pub fn kommunen(gebiete: &[Gebiet<'_>]) -> Option<Nominal> {
    let erste = gebiete.first()?;
    let b = bezeichnung(erste.art);
    let gleich = gebiete.iter().all(|g| bezeichnung(g.art).einzahl == b.einzahl);
    if gebiete.len() > 1 && gleich {
        let namen = aufzaehlung(&gebiete.iter().map(|g| g.name.to_owned()).collect::<Vec<_>>());
        return Some(Nominal::neu(
            Fall::ALL.map(|f| {
                let wort = if f == Fall::Dativ {
                    b.dativ_mehrzahl
                } else {
                    b.mehrzahl
                };
                format!("{} {wort} {namen}", artikel(b.genus, Numerus::Plural, f))
            }),
            Numerus::Plural,
        ));
    }
    Nominal::reihe(&gebiete.iter().map(einzeln).collect::<Vec<_>>())
}

/// The council of a kind of Kommune (all are masculine): nominative and genitive.
fn ratsname(art: Option<KommuneArt>) -> (&'static str, &'static str) {
    match art {
        Some(KommuneArt::Ortsgemeinde) => ("Ortsgemeinderat", "Ortsgemeinderats"),
        Some(KommuneArt::Verbandsgemeinde) => ("Verbandsgemeinderat", "Verbandsgemeinderats"),
        Some(KommuneArt::VerbandsfreieGemeinde) => ("Gemeinderat", "Gemeinderats"),
        Some(KommuneArt::Stadt | KommuneArt::GrosseKreisangehoerigeStadt | KommuneArt::KreisfreieStadt) => {
            ("Stadtrat", "Stadtrats")
        }
        Some(KommuneArt::Landkreis) => ("Kreistag", "Kreistags"),
        None => ("Rat", "Rates"),
    }
}

/// The council or councils that adopt the strategy: "der Verbandsgemeinderat" for one
/// Kommune, "der Verbandsgemeinderat Eichelbachtal und der Verbandsgemeinderat Steinhöhe"
/// for several (each Kommune adopts it in its own council).
pub fn rat(gebiete: &[Gebiet<'_>]) -> Nominal {
    let teil = |g: &Gebiet<'_>, mit_name: bool| {
        let (nom, genitiv) = ratsname(g.art);
        let name = if mit_name {
            format!(" {}", g.name)
        } else {
            String::new()
        };
        Nominal::neu(
            Fall::ALL.map(|f| {
                let wort = if f == Fall::Genitiv { genitiv } else { nom };
                format!(
                    "{} {wort}{name}",
                    artikel(Genus::Maskulinum, Numerus::Singular, f)
                )
            }),
            Numerus::Singular,
        )
    };
    match gebiete {
        [] => teil(&Gebiet { name: "", art: None }, false),
        [g] => teil(g, false),
        alle => Nominal::reihe(&alle.iter().map(|g| teil(g, true)).collect::<Vec<_>>())
            .unwrap_or_else(|| teil(&alle[0], false)),
    }
}

/// The council(s) without article, for a table cell: "Verbandsgemeinderat" or
/// "Stadtrat A und Verbandsgemeinderat B".
pub fn rat_bezeichnung(gebiete: &[Gebiet<'_>]) -> String {
    match gebiete {
        [] => "Rat".into(),
        [g] => ratsname(g.art).0.into(),
        alle => aufzaehlung(
            &alle
                .iter()
                .map(|g| format!("{} {}", ratsname(g.art).0, g.name))
                .collect::<Vec<_>>(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const fn g(name: &'static str, art: KommuneArt) -> Gebiet<'static> {
        Gebiet { name, art: Some(art) }
    }

    #[test]
    fn eine_kommune_in_jedem_fall() {
        let k = kommunen(&[g("Eichelbachtal", KommuneArt::Verbandsgemeinde)]).unwrap();
        assert_eq!(
            Fall::ALL.map(|f| k.im(f).to_owned()),
            [
                "die Verbandsgemeinde Eichelbachtal",
                "der Verbandsgemeinde Eichelbachtal",
                "der Verbandsgemeinde Eichelbachtal",
                "die Verbandsgemeinde Eichelbachtal"
            ]
        );
        assert_eq!(k.numerus, Numerus::Singular);
        let l = kommunen(&[g("Cochem-Zell", KommuneArt::Landkreis)]).unwrap();
        assert_eq!(l.im(Fall::Genitiv), "des Landkreises Cochem-Zell");
        assert_eq!(l.im(Fall::Dativ), "dem Landkreis Cochem-Zell");
        assert_eq!(l.gross(Fall::Akkusativ), "Den Landkreis Cochem-Zell");
        let v = kommunen(&[g("Grafschaft", KommuneArt::VerbandsfreieGemeinde)]).unwrap();
        assert_eq!(v.im(Fall::Nominativ), "die Gemeinde Grafschaft");
        let o = kommunen(&[Gebiet {
            name: "Irgendwo",
            art: None,
        }])
        .unwrap();
        assert_eq!(o.im(Fall::Dativ), "der Kommune Irgendwo");
        assert_eq!(kommunen(&[]), None);
    }

    #[test]
    fn mehrere_gleicher_art_teilen_die_mehrzahl() {
        let k = kommunen(&[
            g("Eichelbachtal", KommuneArt::Verbandsgemeinde),
            g("Steinhöhe", KommuneArt::Verbandsgemeinde),
        ])
        .unwrap();
        assert_eq!(
            k.im(Fall::Nominativ),
            "die Verbandsgemeinden Eichelbachtal und Steinhöhe"
        );
        assert_eq!(
            k.im(Fall::Dativ),
            "den Verbandsgemeinden Eichelbachtal und Steinhöhe"
        );
        assert_eq!(
            k.im(Fall::Genitiv),
            "der Verbandsgemeinden Eichelbachtal und Steinhöhe"
        );
        assert_eq!(k.numerus, Numerus::Plural);
        let s = kommunen(&[
            g("A", KommuneArt::Stadt),
            g("B", KommuneArt::KreisfreieStadt),
            g("C", KommuneArt::GrosseKreisangehoerigeStadt),
        ])
        .unwrap();
        assert_eq!(s.im(Fall::Dativ), "den Städten A, B und C");
        let l = kommunen(&[g("A", KommuneArt::Landkreis), g("B", KommuneArt::Landkreis)]).unwrap();
        assert_eq!(l.im(Fall::Dativ), "den Landkreisen A und B");
        assert_eq!(l.im(Fall::Akkusativ), "die Landkreise A und B");
    }

    #[test]
    fn mehrere_verschiedener_art_einzeln_benannt() {
        let k = kommunen(&[
            g("Kastellaun", KommuneArt::Stadt),
            g("Steinhöhe", KommuneArt::Verbandsgemeinde),
            g("Rhein-Hunsrück", KommuneArt::Landkreis),
        ])
        .unwrap();
        assert_eq!(
            k.im(Fall::Nominativ),
            "die Stadt Kastellaun, die Verbandsgemeinde Steinhöhe und der Landkreis Rhein-Hunsrück"
        );
        assert_eq!(
            k.im(Fall::Genitiv),
            "der Stadt Kastellaun, der Verbandsgemeinde Steinhöhe und des Landkreises Rhein-Hunsrück"
        );
        assert_eq!(k.numerus, Numerus::Plural);
    }

    #[test]
    fn der_rat_nach_art_und_je_kommune() {
        let eine = [g("Eichelbachtal", KommuneArt::Verbandsgemeinde)];
        assert_eq!(rat(&eine).im(Fall::Nominativ), "der Verbandsgemeinderat");
        assert_eq!(rat(&eine).im(Fall::Genitiv), "des Verbandsgemeinderats");
        assert_eq!(rat_bezeichnung(&eine), "Verbandsgemeinderat");
        let zwei = [
            g("Eichelbachtal", KommuneArt::Verbandsgemeinde),
            g("Steinhöhe", KommuneArt::Verbandsgemeinde),
        ];
        let r = rat(&zwei);
        assert_eq!(
            r.im(Fall::Nominativ),
            "der Verbandsgemeinderat Eichelbachtal und der Verbandsgemeinderat Steinhöhe"
        );
        assert_eq!(
            r.im(Fall::Dativ),
            "dem Verbandsgemeinderat Eichelbachtal und dem Verbandsgemeinderat Steinhöhe"
        );
        assert_eq!(r.numerus, Numerus::Plural);
        let gemischt = [
            g("A", KommuneArt::Stadt),
            g("B", KommuneArt::Ortsgemeinde),
            g("C", KommuneArt::Landkreis),
            g("D", KommuneArt::VerbandsfreieGemeinde),
        ];
        assert_eq!(
            rat_bezeichnung(&gemischt),
            "Stadtrat A, Ortsgemeinderat B, Kreistag C und Gemeinderat D"
        );
        assert_eq!(rat(&[]).im(Fall::Nominativ), "der Rat");
    }

    fn art() -> impl Strategy<Value = KommuneArt> {
        proptest::sample::select(KommuneArt::ALL.to_vec())
    }

    proptest! {
        /// Every name appears in every case, and the number follows the count.
        #[test]
        fn jede_kommune_wird_genannt(arten in proptest::collection::vec(art(), 1..4)) {
            let namen = ["Alpha", "Beta", "Gamma"];
            let gebiete: Vec<Gebiet<'_>> =
                arten.iter().zip(namen).map(|(a, n)| Gebiet { name: n, art: Some(*a) }).collect();
            let k = kommunen(&gebiete).unwrap();
            prop_assert_eq!(k.numerus, Numerus::von(gebiete.len()));
            let r = rat(&gebiete);
            prop_assert_eq!(r.numerus, Numerus::von(gebiete.len()));
            for f in Fall::ALL {
                for g in &gebiete {
                    prop_assert!(k.im(f).contains(g.name), "{}", k.im(f));
                    if gebiete.len() > 1 {
                        prop_assert!(r.im(f).contains(g.name), "{}", r.im(f));
                    }
                }
                prop_assert!(!k.im(f).contains("  "));
            }
        }
    }
}
