//! Assembles the demo strategy for one, two and three Kommunen of different kinds and
//! reads the plain text of the document: no unfilled slot, no invented "Kooperation",
//! the verb agreeing with the Kommunen, the councils named per kind, counts agreeing
//! with their noun, no past-due step left "offen", and a paragraph for every measure.

use std::collections::BTreeMap;

use time::Date;
use time::macros::date;

use crate::bundle::{
    Bundle, BundleFeld, BundleFeldstimme, BundleKommune, BundleMassnahme, BundleProjektplan,
    BundleTeilnehmende, BundleWerkstatt, BundleZiel,
};
use crate::katalog::Katalog;
use crate::katalog::steckbrief::Steckbrief;
use crate::strategie::aufbau::{self, KeineDiagramme, Quelle, schluessel};
use crate::strategie::dokument::{Block, Dokument};
use crate::strategie::organigramm;
use crate::strategie::pruefung::{BefundArt, pruefen};
use crate::strategie::schritte::{self, Schritt};
use crate::strategie::termine::jahre_im_text;
use crate::strategie::texte::Freitexte;
use crate::strategie::vergleich::zeilen;

const STAND: Date = date!(2026 - 12 - 04);

/// The demo Werkstatt as a bundle, with the given Kommunen (name, kind slug). The first
/// measure gets an estimate of one month, and the first of them a small plan with a one-day
/// and a two-day task and a milestone that has passed.
fn bundle(kommunen: &[(&str, &str)]) -> Bundle {
    let d = crate::demo::demo().unwrap();
    let mut b = Bundle {
        format: crate::bundle::FORMAT.into(),
        version: crate::bundle::VERSION,
        werkstatt: BundleWerkstatt {
            id: "w".into(),
            titel: d.werkstatt.titel.clone(),
            datum: d.werkstatt.datum.clone(),
            ort: d.werkstatt.ort.clone(),
            phase: "gruppenarbeit".into(),
            kommunen: (0..kommunen.len()).map(|i| format!("k{i}")).collect(),
        },
        kommunen: kommunen
            .iter()
            .enumerate()
            .map(|(i, (name, art))| BundleKommune {
                id: format!("k{i}"),
                name: (*name).into(),
                art: (*art).into(),
                ags: format!("0714059{i}"),
                ars: None,
                einwohner: 10_000 + i as i64,
                parent_id: None,
            })
            .collect(),
        felder: Vec::new(),
        teilnehmende: d
            .teilnehmende
            .iter()
            .enumerate()
            .map(|(i, t)| BundleTeilnehmende {
                id: format!("t{i}"),
                name: t.name.clone(),
                sektor: t.sektor.clone(),
                kommune_id: None,
            })
            .collect(),
        feldstimmen: Vec::new(),
        ziele: Vec::new(),
        massnahmen: Vec::new(),
        runden: Vec::new(),
        rangfolge: None,
        projektplaene: Vec::new(),
        strategie: None,
    };
    for f in &d.felder {
        let id = format!("f-{}", f.slug);
        b.felder.push(BundleFeld {
            id: id.clone(),
            slug: Some(f.slug.clone()),
            name: String::new(),
            beschreibung: String::new(),
            gewaehlt: f.ziel.is_some(),
        });
        b.feldstimmen.push(BundleFeldstimme {
            feld_id: id.clone(),
            teilnehmende_id: "t0".into(),
            punkte: f.stimmen,
        });
        if let Some(z) = &f.ziel {
            b.ziele.push(BundleZiel {
                feld_id: id.clone(),
                text: z.clone(),
            });
        }
        for m in &f.massnahmen {
            b.massnahmen.push(BundleMassnahme {
                id: format!("m{}", b.massnahmen.len()),
                feld_id: id.clone(),
                titel: m.titel.clone(),
                beschreibung: m.beschreibung.clone(),
                umsetzung: m.umsetzung.clone(),
                monate: if b.massnahmen.is_empty() {
                    Some(1)
                } else {
                    m.monate
                },
                aufwand: m.aufwand,
                nutzen: m.nutzen,
                federfuehrung: m.federfuehrung.clone(),
                status: m.status.clone(),
                steckbrief_id: m.steckbrief.clone(),
                proxy: false,
            });
        }
    }
    let plan = serde_json::json!({
        "start": "2026-04-01",
        "organisation": {"auftraggeber": "Bürgermeisterin", "projektleitung": "Hauptamt", "team": []},
        "aufgaben": [
            {"id": "A1", "titel": "Bedarf erheben", "verantwortlich": "Hauptamt", "dauer": 1, "vorgaenger": []},
            {"id": "A2", "titel": "Angebot einholen", "verantwortlich": "Hauptamt", "dauer": 2,
             "vorgaenger": [{"id": "A1"}]}
        ],
        "meilensteine": [
            {"id": "M1", "titel": "Auftrag vergeben", "datum": "2026-05-04", "erreicht": false}
        ]
    });
    b.projektplaene.push(BundleProjektplan {
        massnahme_id: "m0".into(),
        plan: serde_json::from_value(plan).unwrap(),
    });
    b
}

struct Fall {
    bundle: Bundle,
    schritte: Vec<Schritt>,
    steckbriefe: BTreeMap<String, Steckbrief>,
}

impl Fall {
    fn neu(kommunen: &[(&str, &str)]) -> Self {
        let bundle = bundle(kommunen);
        let datum = crate::werkstatt::parse_datum("d", &bundle.werkstatt.datum).unwrap();
        let mut schritte = schritte::vorschlag(datum);
        schritte[0].erledigt = true;
        let steckbriefe = Katalog::mitgeliefert()
            .unwrap()
            .steckbriefe
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect();
        Self {
            bundle,
            schritte,
            steckbriefe,
        }
    }

    fn dokument(&self) -> (Dokument, Vec<crate::strategie::pruefung::Befund>) {
        let o = organigramm::vorschlag(&aufbau::projektteams(&self.bundle));
        let texte = Freitexte::default();
        let q = Quelle {
            bundle: &self.bundle,
            texte: &texte,
            organigramm: &o,
            schritte: &self.schritte,
            steckbriefe: &self.steckbriefe,
            status: "Entwurf".into(),
            stand: format!("Stand: {}", aufbau::datum_kurz(STAND)),
            stand_datum: Some(STAND),
        };
        let d = aufbau::dokument(&q, &KeineDiagramme);
        let b = pruefen(&q, &d);
        (d, b)
    }
}

fn klartext(d: &Dokument) -> String {
    let mut s = vec![d.titel.clone(), d.hinweis.clone()];
    for a in &d.abschnitte {
        s.extend(zeilen(a));
    }
    s.join("\n")
}

fn woerter(t: &str) -> Vec<&str> {
    t.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The expected phrases, from the inputs, with the grammar written out here rather than
/// taken from the code under test.
fn bezeichnung(art: &str) -> (&'static str, &'static str, &'static str, &'static str) {
    // (article, designation, plural, council)
    match art {
        "verbandsgemeinde" => (
            "die",
            "Verbandsgemeinde",
            "Verbandsgemeinden",
            "Verbandsgemeinderat",
        ),
        "ortsgemeinde" => ("die", "Ortsgemeinde", "Ortsgemeinden", "Ortsgemeinderat"),
        "verbandsfreie-gemeinde" => ("die", "Gemeinde", "Gemeinden", "Gemeinderat"),
        "landkreis" => ("der", "Landkreis", "Landkreise", "Kreistag"),
        _ => ("die", "Stadt", "Städte", "Stadtrat"),
    }
}

fn subjekt(kommunen: &[(&str, &str)]) -> String {
    let alle_gleich = kommunen
        .iter()
        .all(|k| bezeichnung(k.1).1 == bezeichnung(kommunen[0].1).1);
    let s = match kommunen {
        [(n, a)] => format!("{} {} {n}", bezeichnung(a).0, bezeichnung(a).1),
        [(n1, a), (n2, _)] if alle_gleich => format!("die {} {n1} und {n2}", bezeichnung(a).2),
        alle => {
            let teile: Vec<String> = alle
                .iter()
                .map(|(n, a)| format!("{} {} {n}", bezeichnung(a).0, bezeichnung(a).1))
                .collect();
            format!(
                "{} und {}",
                teile[..teile.len() - 1].join(", "),
                teile[teile.len() - 1]
            )
        }
    };
    crate::sprache::gross(&s)
}

const EINE: &[(&str, &str)] = &[("Eichelbachtal", "verbandsgemeinde")];
const ZWEI: &[(&str, &str)] = &[
    ("Eichelbachtal", "verbandsgemeinde"),
    ("Steinhöhe", "verbandsgemeinde"),
];
const DREI: &[(&str, &str)] = &[
    ("Lindenau", "stadt"),
    ("Birkweiler", "ortsgemeinde"),
    ("Hohenwald", "landkreis"),
];

#[test]
fn kein_platzhalter_und_keine_kooperation() {
    for k in [EINE, ZWEI, DREI] {
        let (d, befunde) = Fall::neu(k).dokument();
        let t = klartext(&d);
        assert!(
            !t.contains(['{', '}']),
            "{k:?}: {}",
            t.lines().find(|l| l.contains('{')).unwrap_or("")
        );
        for (name, _) in k {
            assert!(!t.contains(&format!("Kooperation {name}")), "{k:?}");
        }
        assert!(
            !befunde.iter().any(|b| b.art == BefundArt::Platzhalter),
            "{befunde:?}"
        );
    }
}

#[test]
fn raete_nach_art_und_je_kommune() {
    for k in [EINE, ZWEI, DREI] {
        let (d, _) = Fall::neu(k).dokument();
        let t = klartext(&d);
        let w = woerter(&t);
        if let [(_, art)] = k {
            assert!(w.contains(&bezeichnung(art).3), "{k:?}");
        } else {
            for (name, art) in k {
                let rat = format!("{} {name}", bezeichnung(art).3);
                assert!(t.contains(&rat), "{k:?}: {rat}");
            }
        }
        // No council of a kind that is not there: "Gemeinderat" only for a verbandsfreie
        // Gemeinde, and the generic "Rat" of the proposals is replaced.
        for rat in [
            "Gemeinderat",
            "Stadtrat",
            "Verbandsgemeinderat",
            "Ortsgemeinderat",
            "Kreistag",
        ] {
            let da = k.iter().any(|(_, a)| bezeichnung(a).3 == rat);
            assert_eq!(w.contains(&rat), da, "{k:?}: {rat}");
        }
        assert!(!t.contains("Beschluss im Rat"), "{k:?}");
        assert!(
            !t.lines()
                .any(|l| l.ends_with("| Rat | offen") || l.contains("| Rat |")),
            "{k:?}"
        );
    }
}

#[test]
fn zahlen_stimmen_mit_dem_nomen_ueberein() {
    let (d, _) = Fall::neu(ZWEI).dokument();
    let t = klartext(&d);
    for falsch in [
        "1 Punkte",
        "1 Tage",
        "1 Monate",
        "1 Personen",
        "1 Jahre",
        "1 jahr",
        "von 1 Personen",
    ] {
        for (i, _) in t.match_indices(falsch) {
            let vor = t[..i].chars().last();
            assert!(
                vor.is_some_and(char::is_numeric),
                "„{falsch}“ in: {}",
                &t[i.saturating_sub(40)..i + 20]
            );
        }
    }
    assert!(t.contains("(1 Monat)"), "one month");
    assert!(
        t.contains("| 1 Tag |") && t.contains("| 2 Tage |"),
        "task durations"
    );
    assert!(t.contains("bis 1 Jahr"), "period heading keeps its capital");
    assert!(!t.contains("in Bürgerhaus"));
    assert!(
        d.hinweis
            .ends_with("am 14. März 2026 im Bürgerhaus Alte Schule, Eichelbach"),
        "{}",
        d.hinweis
    );
    assert!(t.contains("im Bürgerhaus Alte Schule, Eichelbach, in einer eintägigen"));
}

#[test]
fn kein_vergangener_schritt_bleibt_offen() {
    for k in [EINE, DREI] {
        let f = Fall::neu(k);
        let (d, befunde) = f.dokument();
        let a = d
            .abschnitte
            .iter()
            .find(|a| a.schluessel == "weiteres-vorgehen")
            .unwrap();
        let Some(Block::Tabelle(tab)) = a.bloecke.iter().find(|b| matches!(b, Block::Tabelle(_))) else {
            panic!("no table of steps")
        };
        let mut ueberfaellig = 0;
        for (s, zeile) in f.schritte.iter().zip(&tab.zeilen) {
            let stand = zeile.last().unwrap();
            let erwartet = match (s.erledigt, s.datum) {
                (true, _) => "erledigt",
                (false, Some(x)) if x < STAND => "überfällig",
                _ => "offen",
            };
            ueberfaellig += usize::from(erwartet == "überfällig");
            assert_eq!(stand, erwartet, "{}", s.titel);
        }
        assert!(ueberfaellig > 0, "the demo has steps before the Stand");
        assert_eq!(
            befunde
                .iter()
                .filter(|b| b.art == BefundArt::SchrittUeberfaellig)
                .count(),
            ueberfaellig
        );
        // The milestone of 4 May 2026 was not reached.
        let m = befunde
            .iter()
            .find(|b| b.art == BefundArt::MeilensteinUeberfaellig)
            .unwrap();
        assert_eq!(
            m.ziel_anker.as_deref(),
            Some(schluessel("projekt", "m0").as_str())
        );
        assert!(klartext(&d).contains("Auftrag vergeben | 04.05.2026 | überfällig"));
    }
}

#[test]
fn jede_massnahme_hat_ihren_verbindlichen_absatz() {
    for k in [EINE, ZWEI, DREI] {
        let f = Fall::neu(k);
        let (d, _) = f.dokument();
        let wer = subjekt(k);
        let mehrzahl = k.len() > 1;
        let gewaehlt: Vec<&str> = f
            .bundle
            .felder
            .iter()
            .filter(|x| x.gewaehlt)
            .map(|x| x.id.as_str())
            .collect();
        let mut n = 0;
        for m in f
            .bundle
            .massnahmen
            .iter()
            .filter(|m| gewaehlt.contains(&m.feld_id.as_str()))
        {
            let a = d
                .abschnitte
                .iter()
                .find(|a| a.schluessel == schluessel("massnahme", &m.id))
                .unwrap_or_else(|| panic!("{}", m.titel));
            let z = zeilen(a);
            let satz = z.last().unwrap();
            assert!(satz.starts_with(&wer), "{k:?} {}: {satz}", m.titel);
            let verb = satz[wer.len()..].split_whitespace().next().unwrap();
            if mehrzahl {
                assert!(verb.ends_with('n'), "{k:?} {}: {satz}", m.titel);
            } else {
                assert!(verb.ends_with('t'), "{k:?} {}: {satz}", m.titel);
            }
            // The target year counts from the Stand, never before it.
            let ohne_fussnoten = satz.split(" [").next().unwrap_or(satz);
            let jahre = jahre_im_text(ohne_fussnoten);
            assert!(jahre.iter().all(|j| *j >= STAND.year()), "{satz}");
            assert!(!jahre.is_empty() || satz.contains("Zeitrahmen"), "{satz}");
            n += 1;
        }
        assert!(n >= 30, "{n}");
    }
}

#[test]
fn ein_ziel_vor_seinen_massnahmen_wird_gemeldet() {
    let (_, befunde) = Fall::neu(ZWEI).dokument();
    let b = befunde
        .iter()
        .find(|b| b.art == BefundArt::ZieljahrVorMassnahme)
        .unwrap();
    assert!(b.text.contains("2027"), "{}", b.text);
    assert!(b.ziel_anker.as_deref().unwrap().starts_with("feld-"));
}

#[test]
fn ein_vergangenes_zieljahr_wird_gemeldet() {
    let mut f = Fall::neu(EINE);
    let vorher = STAND.year() - 1;
    f.bundle.ziele[0].text = format!("Bis {vorher} ist alles online.");
    let (_, befunde) = f.dokument();
    let b = befunde
        .iter()
        .find(|b| b.art == BefundArt::ZieljahrVergangen)
        .unwrap();
    assert!(b.text.contains(&vorher.to_string()), "{}", b.text);
    assert_eq!(
        b.ziel_anker.as_deref(),
        Some(schluessel("feld", f.bundle.ziele[0].feld_id.trim_start_matches("f-")).as_str())
    );
}
