//! Compares two versions of the strategy document section by section: every section is
//! flattened to text lines and the lines are compared by their longest common subsequence.

use std::collections::{HashMap, VecDeque};

use serde::Serialize;

use crate::strategie::dokument::{Abschnitt, Block, Dokument, Inline};

/// Above this many cells (lines old × lines new) a section is shown as replaced as a whole.
const MAX_ZELLEN: usize = 4_000_000;

/// One section in the comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AbschnittVergleich {
    pub schluessel: String,
    /// The title in the new version (the old one for removed sections).
    pub titel: String,
    pub art: Art,
    pub zeilen: Vec<Zeile>,
}

/// What happened to a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Art {
    Gleich,
    Hinzugefuegt,
    Entfernt,
    Geaendert,
}

/// One line of a section: unchanged, only in the new version, only in the old one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "art", content = "text", rename_all = "snake_case")]
pub enum Zeile {
    Gleich(String),
    Neu(String),
    Weg(String),
}

/// Compares `alt` with `neu`. Sections are matched by `schluessel`; the result follows the
/// order of `neu`, with each removed section placed after the section it followed in `alt`.
pub fn vergleichen(alt: &Dokument, neu: &Dokument) -> Vec<AbschnittVergleich> {
    // Each key may in theory occur more than once: the n-th occurrence in `neu` is paired
    // with the n-th in `alt`.
    let mut offen: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, a) in alt.abschnitte.iter().enumerate() {
        offen.entry(a.schluessel.as_str()).or_default().push_back(i);
    }
    let partner: Vec<Option<usize>> = neu
        .abschnitte
        .iter()
        .map(|n| offen.get_mut(n.schluessel.as_str()).and_then(VecDeque::pop_front))
        .collect();
    let mut behalten = vec![false; alt.abschnitte.len()];
    for &p in partner.iter().flatten() {
        behalten[p] = true;
    }
    // Removed sections, by the old section they followed (`None`: at the very start).
    let mut nach: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    let mut anker = None;
    for (i, &b) in behalten.iter().enumerate() {
        if b {
            anker = Some(i);
        } else {
            nach.entry(anker).or_default().push(i);
        }
    }

    let entfernt = |i: usize| {
        let a = &alt.abschnitte[i];
        AbschnittVergleich {
            schluessel: a.schluessel.clone(),
            titel: a.titel.clone(),
            art: Art::Entfernt,
            zeilen: zeilen(a).into_iter().map(Zeile::Weg).collect(),
        }
    };
    let mut out: Vec<AbschnittVergleich> = nach
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .map(entfernt)
        .collect();
    for (n, p) in neu.abschnitte.iter().zip(&partner) {
        let v = match p {
            None => AbschnittVergleich {
                schluessel: n.schluessel.clone(),
                titel: n.titel.clone(),
                art: Art::Hinzugefuegt,
                zeilen: zeilen(n).into_iter().map(Zeile::Neu).collect(),
            },
            Some(i) => {
                let z = zeilen_vergleichen(&zeilen(&alt.abschnitte[*i]), &zeilen(n));
                let art = if z.iter().all(|z| matches!(z, Zeile::Gleich(_))) {
                    Art::Gleich
                } else {
                    Art::Geaendert
                };
                AbschnittVergleich {
                    schluessel: n.schluessel.clone(),
                    titel: n.titel.clone(),
                    art,
                    zeilen: z,
                }
            }
        };
        out.push(v);
        if let Some(i) = p {
            out.extend(
                nach.remove(&Some(*i))
                    .unwrap_or_default()
                    .into_iter()
                    .map(entfernt),
            );
        }
    }
    out
}

/// A section as text lines: its title, one line per paragraph (visible text, footnotes in
/// brackets, link targets in parentheses), one per list item, the caption and one line per
/// row of a table, and one per chart.
pub fn zeilen(a: &Abschnitt) -> Vec<String> {
    let mut z = vec![einzeilig(&a.titel)];
    for b in &a.bloecke {
        match b {
            Block::Absatz { inhalt } => z.push(inline_text(inhalt)),
            Block::Liste { nummeriert, punkte } => {
                for (i, p) in punkte.iter().enumerate() {
                    let marke = if *nummeriert {
                        format!("{}. ", i + 1)
                    } else {
                        "• ".to_string()
                    };
                    z.push(marke + &inline_text(p));
                }
            }
            Block::Tabelle(t) => {
                z.push(format!("Tabelle: {}", einzeilig(&t.beschriftung)));
                for zeile in std::iter::once(&t.kopf).chain(&t.zeilen) {
                    z.push(zeile.iter().map(|c| einzeilig(c)).collect::<Vec<_>>().join(" | "));
                }
            }
            Block::Grafik(g) => z.push(format!("Grafik: {}", einzeilig(&g.beschriftung))),
        }
    }
    z
}

fn inline_text(inhalt: &[Inline]) -> String {
    let mut s = String::new();
    for i in inhalt {
        match i {
            Inline::Text { text } | Inline::Fett { text } | Inline::Kursiv { text } => s.push_str(text),
            Inline::Fussnote { text } => {
                s.push_str(" [");
                s.push_str(text);
                s.push(']');
            }
            Inline::Link { text, ziel } => {
                s.push_str(text);
                if text != ziel {
                    s.push_str(" (");
                    s.push_str(ziel);
                    s.push(')');
                }
            }
        }
    }
    einzeilig(&s)
}

/// The text on one line (line breaks become spaces).
fn einzeilig(s: &str) -> String {
    s.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

/// The lines of `alt` and `neu` merged: common lines once, removed lines before added ones.
pub fn zeilen_vergleichen(alt: &[String], neu: &[String]) -> Vec<Zeile> {
    let vorne = alt.iter().zip(neu).take_while(|(a, b)| a == b).count();
    let (a, b) = (&alt[vorne..], &neu[vorne..]);
    let hinten = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - hinten], &b[..b.len() - hinten]);

    let mut out: Vec<Zeile> = alt[..vorne].iter().cloned().map(Zeile::Gleich).collect();
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > MAX_ZELLEN {
        out.extend(a.iter().cloned().map(Zeile::Weg));
        out.extend(b.iter().cloned().map(Zeile::Neu));
    } else {
        // l[i * (m + 1) + j]: length of the longest common subsequence of a[i..] and b[j..].
        let w = m + 1;
        let mut l = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                l[i * w + j] = if a[i] == b[j] {
                    l[(i + 1) * w + j + 1] + 1
                } else {
                    l[(i + 1) * w + j].max(l[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] {
                out.push(Zeile::Gleich(a[i].clone()));
                i += 1;
                j += 1;
            } else if i < n && (j == m || l[(i + 1) * w + j] >= l[i * w + j + 1]) {
                out.push(Zeile::Weg(a[i].clone()));
                i += 1;
            } else {
                out.push(Zeile::Neu(b[j].clone()));
                j += 1;
            }
        }
    }
    out.extend(neu[neu.len() - hinten..].iter().cloned().map(Zeile::Gleich));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategie::dokument::{Grafik, Tabelle, beispiel};
    use proptest::prelude::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn zeilen_eines_abschnitts() {
        let d = beispiel();
        assert_eq!(
            zeilen(&d.abschnitte[0]),
            s(&[
                "Anlass und Zielsetzung",
                "Die Verbandsgemeinde Musterland will die Digitalisierung gestalten. [Beschluss des Rates vom \
                 12.03.2026.] Mehr unter rlp.de (https://www.rlp.de).",
                "• Erster Punkt",
                "• Zweiter Punkt",
            ])
        );
        assert_eq!(
            zeilen(&d.abschnitte[2]),
            s(&[
                "Bildung und Jugend",
                "Tabelle: Maßnahmen im Handlungsfeld Bildung und Jugend",
                "Maßnahme | Umsetzungszeit | Rang",
                "WLAN in Schulen | 12 Monate | 1",
                "1. Antrag stellen",
                "2. Umsetzen",
                "Grafik: Punkte je Maßnahme",
            ])
        );
    }

    #[test]
    fn gleiche_dokumente() {
        let d = beispiel();
        let v = vergleichen(&d, &d);
        assert_eq!(v.len(), 3);
        assert!(v.iter().all(|a| a.art == Art::Gleich));
        assert!(
            v.iter()
                .flat_map(|a| &a.zeilen)
                .all(|z| matches!(z, Zeile::Gleich(_)))
        );
    }

    #[test]
    fn geaendert_hinzugefuegt_entfernt() {
        let alt = beispiel();
        let mut neu = beispiel();
        // "anlass" changes, "handlungsfelder" goes, "leitbild" comes at the front.
        neu.abschnitte[0].bloecke[1] = Block::Liste {
            nummeriert: false,
            punkte: vec![
                vec![Inline::text("Erster Punkt")],
                vec![Inline::text("Neuer Punkt")],
            ],
        };
        neu.abschnitte.remove(1);
        let mut l = Abschnitt::neu("leitbild", 1, "Leitbild");
        l.bloecke.push(Block::absatz("Digital und bürgernah."));
        neu.abschnitte.insert(0, l);

        let v = vergleichen(&alt, &neu);
        let kurz: Vec<(&str, Art)> = v.iter().map(|a| (a.schluessel.as_str(), a.art)).collect();
        assert_eq!(
            kurz,
            vec![
                ("leitbild", Art::Hinzugefuegt),
                ("anlass", Art::Geaendert),
                ("handlungsfelder", Art::Entfernt),
                ("feld-bildung", Art::Gleich),
            ]
        );
        assert_eq!(
            v[0].zeilen,
            vec![
                Zeile::Neu("Leitbild".into()),
                Zeile::Neu("Digital und bürgernah.".into())
            ]
        );
        assert_eq!(
            &v[1].zeilen[2..],
            &[
                Zeile::Gleich("• Erster Punkt".into()),
                Zeile::Weg("• Zweiter Punkt".into()),
                Zeile::Neu("• Neuer Punkt".into())
            ]
        );
        assert_eq!(v[2].zeilen, vec![Zeile::Weg("Handlungsfelder".into())]);
    }

    #[test]
    fn entfernte_am_anfang_und_umbenannte() {
        let alt = beispiel();
        let mut neu = beispiel();
        neu.abschnitte.remove(0);
        neu.abschnitte[0].titel = "Felder".into();
        let v = vergleichen(&alt, &neu);
        assert_eq!(v[0].schluessel, "anlass");
        assert_eq!(v[0].art, Art::Entfernt);
        assert_eq!(v[1].titel, "Felder");
        assert_eq!(
            v[1].zeilen,
            vec![Zeile::Weg("Handlungsfelder".into()), Zeile::Neu("Felder".into())]
        );
        assert_eq!(v.len(), 3);
    }

    #[test]
    fn tabellen_und_grafiken_zeilenweise() {
        let mut a = Abschnitt::neu("x", 2, "X");
        a.bloecke.push(Block::Tabelle(Tabelle {
            beschriftung: "T".into(),
            kopf: s(&["A", "B"]),
            zeilen: vec![s(&["1", "2"]), s(&["3", "4"])],
            breiten: vec![],
        }));
        let mut b = a.clone();
        if let Block::Tabelle(t) = &mut b.bloecke[0] {
            t.zeilen[1][1] = "5".into();
        }
        b.bloecke.push(Block::Grafik(Grafik {
            beschriftung: "Balken".into(),
            alt: String::new(),
            svg: String::new(),
            breite: 1.0,
            hoehe: 1.0,
        }));
        let z = zeilen_vergleichen(&zeilen(&a), &zeilen(&b));
        assert_eq!(
            z,
            vec![
                Zeile::Gleich("X".into()),
                Zeile::Gleich("Tabelle: T".into()),
                Zeile::Gleich("A | B".into()),
                Zeile::Gleich("1 | 2".into()),
                Zeile::Weg("3 | 4".into()),
                Zeile::Neu("3 | 5".into()),
                Zeile::Neu("Grafik: Balken".into()),
            ]
        );
    }

    #[test]
    fn grosse_abschnitte_ganz_ersetzt() {
        let alt: Vec<String> = (0..2_100).map(|i| format!("a{i}")).collect();
        let neu: Vec<String> = (0..2_100).map(|i| format!("b{i}")).collect();
        let z = zeilen_vergleichen(&alt, &neu);
        assert_eq!(z.len(), 4_200);
        assert!(z[..2_100].iter().all(|z| matches!(z, Zeile::Weg(_))));
        assert!(z[2_100..].iter().all(|z| matches!(z, Zeile::Neu(_))));
    }

    #[test]
    fn als_json() {
        let j = serde_json::to_value(Zeile::Neu("x".into())).unwrap();
        assert_eq!(j, serde_json::json!({"art": "neu", "text": "x"}));
        assert_eq!(
            serde_json::to_value(Art::Hinzugefuegt).unwrap(),
            serde_json::json!("hinzugefuegt")
        );
    }

    /// Length of the longest common subsequence, computed independently.
    fn lcs(a: &[String], b: &[String]) -> usize {
        let mut l = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in 0..a.len() {
            for j in 0..b.len() {
                l[i + 1][j + 1] = if a[i] == b[j] {
                    l[i][j] + 1
                } else {
                    l[i][j + 1].max(l[i + 1][j])
                };
            }
        }
        l[a.len()][b.len()]
    }

    proptest! {
        #[test]
        fn diff_ergibt_beide_fassungen(
            alt in prop::collection::vec("[abc]{1,2}", 0..30),
            neu in prop::collection::vec("[abc]{1,2}", 0..30),
        ) {
            let z = zeilen_vergleichen(&alt, &neu);
            let wieder_alt: Vec<String> = z.iter().filter_map(|z| match z {
                Zeile::Gleich(s) | Zeile::Weg(s) => Some(s.clone()),
                Zeile::Neu(_) => None,
            }).collect();
            let wieder_neu: Vec<String> = z.iter().filter_map(|z| match z {
                Zeile::Gleich(s) | Zeile::Neu(s) => Some(s.clone()),
                Zeile::Weg(_) => None,
            }).collect();
            prop_assert_eq!(wieder_alt, alt.clone());
            prop_assert_eq!(wieder_neu, neu.clone());
            let gleich = z.iter().filter(|z| matches!(z, Zeile::Gleich(_))).count();
            prop_assert_eq!(gleich, lcs(&alt, &neu));
        }

        #[test]
        fn dokumente_vollstaendig(
            alt in prop::collection::vec(("[a-e]", "[xy]{0,3}"), 0..8),
            neu in prop::collection::vec(("[a-e]", "[xy]{0,3}"), 0..8),
        ) {
            let dok = |v: &[(String, String)]| {
                let mut d = beispiel();
                d.abschnitte = v.iter().map(|(k, t)| {
                    let mut a = Abschnitt::neu(k.clone(), 1, k.clone());
                    a.bloecke = t.chars().map(|c| Block::absatz(c.to_string())).collect();
                    a
                }).collect();
                d
            };
            let (da, dn) = (dok(&alt), dok(&neu));
            let v = vergleichen(&da, &dn);
            // Without the removed sections: exactly the new document, in order.
            let ohne_entfernte: Vec<&str> =
                v.iter().filter(|a| a.art != Art::Entfernt).map(|a| a.schluessel.as_str()).collect();
            let neu_schluessel: Vec<&str> = dn.abschnitte.iter().map(|a| a.schluessel.as_str()).collect();
            prop_assert_eq!(ohne_entfernte, neu_schluessel);
            // Without the added ones: the old sections; in the old order unless kept ones moved.
            let mut ohne_neue: Vec<&str> =
                v.iter().filter(|a| a.art != Art::Hinzugefuegt).map(|a| a.schluessel.as_str()).collect();
            let mut alt_schluessel: Vec<&str> = da.abschnitte.iter().map(|a| a.schluessel.as_str()).collect();
            let behalten = |v: &[&str], andere: &[(String, String)]| -> Vec<String> {
                v.iter().filter(|k| andere.iter().any(|(a, _)| a == *k)).map(|k| k.to_string()).collect()
            };
            if behalten(&alt_schluessel, &neu) != behalten(&ohne_neue, &alt) {
                ohne_neue.sort_unstable();
                alt_schluessel.sort_unstable();
            }
            prop_assert_eq!(ohne_neue, alt_schluessel);
            // Every line of the old version and of the new one is in the result.
            for a in &v {
                let gesamt = a.zeilen.len();
                let gleich = a.zeilen.iter().filter(|z| matches!(z, Zeile::Gleich(_))).count();
                prop_assert_eq!(a.art == Art::Gleich, gleich == gesamt);
            }
        }
    }
}
