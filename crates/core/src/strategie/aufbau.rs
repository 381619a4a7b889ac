//! Assembles the strategy document from a Werkstatt: its bundle (fields, goals, measures,
//! rounds, plans), the free texts, the Organigramm, the next steps and the adopted
//! Steckbriefe. Pure: charts come from a `Diagramme` implementation the caller provides.

use std::collections::{BTreeMap, HashMap};

use time::Date;

use crate::abstimmung::{Ergebnis, endgueltige_reihenfolge};
use crate::bundle::{Bundle, BundleMassnahme};
use crate::handlungsfeld;
use crate::katalog::steckbrief::Steckbrief;
use crate::katalog::textbaustein::{Werte, rendern};
use crate::kommune::KommuneArt;
use crate::massnahme::Umsetzungszeit;
use crate::planung::projektplan::{Auswertung, Projektplan, Stakeholder};
use crate::strategie::dokument::{Abschnitt, Block, Dokument, Grafik, Inline, Tabelle, link_erlaubt};
use crate::strategie::markdown;
use crate::strategie::organigramm::{Organigramm, Projektteam};
use crate::strategie::schritte::Schritt;
use crate::strategie::texte::{
    Freitext, Freitexte, KommuneName, Kontext, aufzaehlung, dokumenttitel, tausender,
};

/// The charts of the document, drawn by the caller (the web crate owns the SVG code).
pub trait Diagramme {
    /// Points per Handlungsfeld in the Feldwahl.
    fn feldwahl(&self, punkte: &[(String, u32)]) -> Option<Grafik>;
    /// A closed prioritisation round: its chart and a table with the same numbers.
    fn runde(&self, ergebnis: &Ergebnis, namen: &HashMap<String, String>) -> Option<(Grafik, Tabelle)>;
    fn gantt(&self, a: &Auswertung) -> Option<Grafik>;
    fn raster(&self, s: &[Stakeholder]) -> Option<Grafik>;
    fn organigramm(&self, o: &Organigramm) -> Option<Grafik>;
}

/// Charts left out (tests, text-only previews).
pub struct KeineDiagramme;

impl Diagramme for KeineDiagramme {
    fn feldwahl(&self, _: &[(String, u32)]) -> Option<Grafik> {
        None
    }
    fn runde(&self, _: &Ergebnis, _: &HashMap<String, String>) -> Option<(Grafik, Tabelle)> {
        None
    }
    fn gantt(&self, _: &Auswertung) -> Option<Grafik> {
        None
    }
    fn raster(&self, _: &[Stakeholder]) -> Option<Grafik> {
        None
    }
    fn organigramm(&self, _: &Organigramm) -> Option<Grafik> {
        None
    }
}

/// Everything the document is built from.
pub struct Quelle<'a> {
    pub bundle: &'a Bundle,
    pub texte: &'a Freitexte,
    /// The chart in effect (the stored one or the proposal).
    pub organigramm: &'a Organigramm,
    pub schritte: &'a [Schritt],
    /// Catalogue entries by id; those the measures refer to are used.
    pub steckbriefe: &'a BTreeMap<String, Steckbrief>,
    /// Title-page status ("Entwurf") and version line ("Stand: 26.11.2026").
    pub status: String,
    pub stand: String,
}

const MONATE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// "14. März 2026".
pub fn datum_lang(d: Date) -> String {
    format!(
        "{}. {} {}",
        d.day(),
        MONATE[usize::from(u8::from(d.month())) - 1],
        d.year()
    )
}

/// "14.03.2026".
pub fn datum_kurz(d: Date) -> String {
    format!("{:02}.{:02}.{}", d.day(), u8::from(d.month()), d.year())
}

fn werkstatt_datum(b: &Bundle) -> Option<Date> {
    crate::werkstatt::parse_datum("datum", &b.werkstatt.datum).ok()
}

fn sektor_name(slug: &str) -> &str {
    match slug {
        "verwaltung" => "Verwaltung",
        "politik" => "Politik und Rat",
        "wirtschaft" => "Wirtschaft",
        "bildung" => "Schulen und Bildung",
        "vereine" => "Vereine und Ehrenamt",
        "buergerschaft" => "Bürgerschaft",
        _ => "Sonstige",
    }
}

fn umsetzung_name(u: Option<Umsetzungszeit>) -> &'static str {
    match u {
        Some(Umsetzungszeit::Kurzfristig) => "kurzfristig (bis 1 Jahr)",
        Some(Umsetzungszeit::Mittelfristig) => "mittelfristig (1 bis 2 Jahre)",
        Some(Umsetzungszeit::Langfristig) => "langfristig (über 2 Jahre)",
        None => "offen",
    }
}

fn umsetzung(m: &BundleMassnahme) -> Option<Umsetzungszeit> {
    Umsetzungszeit::parse("u", &m.umsetzung).ok()
}

fn umsetzung_text(m: &BundleMassnahme) -> String {
    match m.monate {
        Some(n) => format!(
            "{} ({n} Monate)",
            umsetzung_name(umsetzung(m)).split(" (").next().unwrap_or("")
        ),
        None => umsetzung_name(umsetzung(m)).to_owned(),
    }
}

/// The Kontext for default texts, from the bundle.
pub fn kontext(b: &Bundle) -> Kontext {
    let kommunen = b
        .werkstatt
        .kommunen
        .iter()
        .filter_map(|id| b.kommunen.iter().find(|k| &k.id == id))
        .map(|k| KommuneName {
            name: k.name.clone(),
            art: KommuneArt::parse("art", &k.art).ok(),
            einwohner: k.einwohner,
        })
        .collect();
    Kontext {
        kommunen,
        datum: werkstatt_datum(b).map_or_else(|| b.werkstatt.datum.clone(), datum_lang),
        ort: b.werkstatt.ort.clone(),
        teilnehmende: b.teilnehmende.len(),
        felder: b.felder.iter().filter(|f| f.gewaehlt).map(feld_name).collect(),
    }
}

fn feld_name(f: &crate::bundle::BundleFeld) -> String {
    if f.name.trim().is_empty() {
        f.slug
            .as_deref()
            .and_then(handlungsfeld::standard)
            .map_or_else(String::new, |s| s.name.to_owned())
    } else {
        f.name.clone()
    }
}

/// Keeps `[a-z0-9-]` so keys work as anchors in every format.
pub fn schluessel(prefix: &str, id: &str) -> String {
    let rest: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}-{rest}")
}

/// The final order of the measures and the measures chosen for in-depth planning.
struct Rangfolge {
    platz: HashMap<String, usize>,
    ergebnis: Option<Ergebnis>,
}

fn rangfolge(b: &Bundle) -> Rangfolge {
    let mut platz = HashMap::new();
    let mut ergebnis = None;
    if let Some(r) = &b.rangfolge
        && let Some(rid) = &r.runde_id
        && let Some(runde) = b.runden.iter().find(|x| &x.id == rid)
        && let Ok(e) = runde.auswerten()
    {
        for (i, id) in endgueltige_reihenfolge(&e.rang, &r.korrekturen)
            .into_iter()
            .enumerate()
        {
            platz.insert(id, i + 1);
        }
        ergebnis = Some(e);
    }
    Rangfolge { platz, ergebnis }
}

fn absaetze(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Block::absatz(t.replace('\n', " ")))
        .collect()
}

fn tabelle(
    beschriftung: impl Into<String>,
    kopf: &[&str],
    zeilen: Vec<Vec<String>>,
    breiten: &[u8],
) -> Block {
    Block::Tabelle(Tabelle {
        beschriftung: beschriftung.into(),
        kopf: kopf.iter().map(|s| (*s).to_owned()).collect(),
        zeilen,
        breiten: breiten.to_vec(),
    })
}

fn fett_absatz(label: &str, text: &str) -> Block {
    let label = if label.ends_with('?') {
        label.to_owned()
    } else {
        format!("{label}:")
    };
    Block::Absatz {
        inhalt: vec![Inline::fett(label), Inline::text(format!(" {text}"))],
    }
}

/// Builds the whole document.
pub fn dokument(q: &Quelle<'_>, d: &dyn Diagramme) -> Dokument {
    let b = q.bundle;
    let k = kontext(b);
    let datum = werkstatt_datum(b);
    let rf = rangfolge(b);
    let namen: HashMap<String, String> = b
        .massnahmen
        .iter()
        .map(|m| (m.id.clone(), m.titel.clone()))
        .collect();
    let felder: HashMap<&str, String> = b.felder.iter().map(|f| (f.id.as_str(), feld_name(f))).collect();
    let mut ab: Vec<Abschnitt> = Vec::new();

    for f in [Freitext::Vorwort, Freitext::Anlass, Freitext::Ausgangslage] {
        let text = q.texte.wirksam(f, &k);
        if text.trim().is_empty() {
            continue;
        }
        let mut a = Abschnitt::neu(f.slug(), 1, f.titel());
        a.bloecke = markdown::bloecke(&text);
        if f == Freitext::Ausgangslage && !b.kommunen.is_empty() {
            let zeilen = k
                .kommunen
                .iter()
                .map(|x| vec![x.voll(), tausender(x.einwohner)])
                .collect();
            a.bloecke.push(tabelle(
                "Beteiligte Kommunen",
                &["Kommune", "Einwohner"],
                zeilen,
                &[3, 1],
            ));
        }
        ab.push(a);
    }

    ab.push(vorgehen(b, &k, &felder, d));

    let leitbild = q.texte.wirksam(Freitext::Leitbild, &k);
    if !leitbild.trim().is_empty() {
        let mut a = Abschnitt::neu("leitbild", 1, Freitext::Leitbild.titel());
        a.bloecke = markdown::bloecke(&leitbild);
        ab.push(a);
    }

    handlungsfelder(q, &k, &rf, &mut ab);
    projekte(b, &rf, &felder, d, &mut ab);
    fahrplan(b, &rf, &felder, &namen, &mut ab);
    organisation(q.organigramm, d, &mut ab);
    weiteres_vorgehen(q.schritte, &mut ab);
    anhang(q, &rf, &namen, d, &mut ab);

    let _ = datum;
    Dokument {
        titel: dokumenttitel(&k),
        kommunen: k.kommunen.iter().map(KommuneName::voll).collect(),
        status: q.status.clone(),
        stand: q.stand.clone(),
        hinweis: if k.ort.trim().is_empty() {
            format!("Erarbeitet in der Digital-Werkstatt am {}", k.datum)
        } else {
            format!("Erarbeitet in der Digital-Werkstatt am {} in {}", k.datum, k.ort)
        },
        sprache: "de".into(),
        abschnitte: ab,
    }
}

fn vorgehen(b: &Bundle, k: &Kontext, felder: &HashMap<&str, String>, d: &dyn Diagramme) -> Abschnitt {
    let mut a = Abschnitt::neu("vorgehen", 1, "Vorgehen");
    let ort = if k.ort.trim().is_empty() {
        String::new()
    } else {
        format!(" in {}", k.ort)
    };
    a.bloecke.push(Block::absatz(format!(
        "Die Strategie wurde am {}{ort} in einer eintägigen Digital-Werkstatt erarbeitet. \
         {} Personen aus Verwaltung, Politik, Wirtschaft, Schulen, Vereinen und Bürgerschaft \
         haben mitgewirkt.",
        k.datum, k.teilnehmende
    )));
    let mut sektoren: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &b.teilnehmende {
        *sektoren.entry(t.sektor.as_str()).or_default() += 1;
    }
    if !sektoren.is_empty() {
        let reihenfolge = [
            "verwaltung",
            "politik",
            "wirtschaft",
            "bildung",
            "vereine",
            "buergerschaft",
            "sonstige",
        ];
        let zeilen = reihenfolge
            .iter()
            .filter_map(|s| {
                sektoren
                    .get(s)
                    .map(|n| vec![sektor_name(s).to_owned(), n.to_string()])
            })
            .collect();
        a.bloecke.push(tabelle(
            "Teilnehmende nach Bereichen",
            &["Bereich", "Personen"],
            zeilen,
            &[3, 1],
        ));
    }
    a.bloecke.push(Block::absatz("Der Tag folgte fünf Schritten:"));
    a.bloecke.push(Block::Liste {
        nummeriert: true,
        punkte: [
            "Info-Stationen: Steckbriefe mit Beispielmaßnahmen aus anderen Kommunen gaben Anregungen.",
            "Feldwahl: Mit Klebepunkten wählten die Teilnehmenden die Handlungsfelder, die ihnen am wichtigsten sind.",
            "Gruppenarbeit: Je Handlungsfeld formulierte eine Gruppe ein Ziel und Maßnahmen mit ihrer Umsetzungszeit.",
            "Priorisierung: Alle Maßnahmen wurden gemeinsam bewertet und in eine Rangfolge gebracht.",
            "Vertiefte Planung: Die wichtigsten Maßnahmen wurden entlang von sieben Fragen zu Projektplänen ausgearbeitet.",
        ]
        .iter()
        .map(|s| vec![Inline::text(*s)])
        .collect(),
    });
    let mut punkte: BTreeMap<&str, u32> = BTreeMap::new();
    for s in &b.feldstimmen {
        *punkte.entry(s.feld_id.as_str()).or_default() += s.punkte;
    }
    if !punkte.is_empty() {
        let mut liste: Vec<(String, u32)> = b
            .felder
            .iter()
            .map(|f| {
                (
                    felder.get(f.id.as_str()).cloned().unwrap_or_default(),
                    punkte.get(f.id.as_str()).copied().unwrap_or(0),
                )
            })
            .collect();
        liste.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        if let Some(g) = d.feldwahl(&liste) {
            a.bloecke.push(Block::Grafik(g));
        }
        let zeilen = liste
            .iter()
            .map(|(n, p)| vec![n.clone(), p.to_string()])
            .collect();
        a.bloecke.push(tabelle(
            "Punkte je Handlungsfeld in der Feldwahl",
            &["Handlungsfeld", "Punkte"],
            zeilen,
            &[3, 1],
        ));
    }
    a
}

/// Stands for `{kommune}` while a Textbaustein is filled in (a private-use character).
const MARKE: &str = "\u{E000}";

/// The Kommune as the subject of a Textbaustein sentence, in the singular the templates
/// are written for: "die Verbandsgemeinde Eichelbachtal", or for several Kommunen
/// "die Kooperation Eichelbachtal und Steinhöhe".
pub fn kommune_subjekt(k: &Kontext) -> String {
    match k.kommunen.as_slice() {
        [] => "die Kommune".into(),
        [x] => match x.art {
            Some(KommuneArt::Landkreis) => format!("der {}", x.voll()),
            Some(_) => format!("die {}", x.voll()),
            None => x.name.clone(),
        },
        alle => format!(
            "die Kooperation {}",
            aufzaehlung(&alle.iter().map(|x| x.name.clone()).collect::<Vec<_>>())
        ),
    }
}

/// Puts the subject in at each marker, capitalised at the start of a sentence.
pub fn kommune_einsetzen(text: &str, subjekt: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for (i, teil) in text.split(MARKE).enumerate() {
        if i > 0 {
            let satzanfang = out
                .trim_end()
                .chars()
                .last()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':'));
            if satzanfang {
                let mut c = subjekt.chars();
                if let Some(f) = c.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(c.as_str());
                }
            } else {
                out.push_str(subjekt);
            }
        }
        out.push_str(teil);
    }
    out
}

fn massnahme_absatz(m: &BundleMassnahme, q: &Quelle<'_>, k: &Kontext, jahr0: i32) -> Vec<Block> {
    if let Some(sid) = &m.steckbrief_id
        && let Some(s) = q.steckbriefe.get(sid)
    {
        let jahre = match umsetzung(m) {
            Some(Umsetzungszeit::Kurzfristig) | None => 1,
            Some(Umsetzungszeit::Mittelfristig) => 2,
            Some(Umsetzungszeit::Langfristig) => 3,
        };
        let werte = Werte {
            kommune: Some(MARKE.to_owned()),
            jahr: Some(jahr0 + jahre),
            federfuehrung: Some(if m.federfuehrung.trim().is_empty() {
                "die Verwaltung".to_owned()
            } else {
                m.federfuehrung.trim().to_owned()
            }),
        };
        if let Ok(text) = rendern(&s.textbaustein.text, &werte) {
            let text = kommune_einsetzen(&text, &kommune_subjekt(k));
            let mut bl = absaetze(&m.beschreibung);
            let mut inhalt = vec![Inline::text(text)];
            inhalt.extend(s.textbaustein.fussnoten.iter().map(Inline::fussnote));
            bl.push(Block::Absatz { inhalt });
            return bl;
        }
    }
    let bl = absaetze(&m.beschreibung);
    if bl.is_empty() {
        vec![Block::absatz(
            "Diese Maßnahme wird im weiteren Verfahren genauer beschrieben.",
        )]
    } else {
        bl
    }
}

fn handlungsfelder(q: &Quelle<'_>, k: &Kontext, rf: &Rangfolge, ab: &mut Vec<Abschnitt>) {
    let b = q.bundle;
    let jahr0 = werkstatt_datum(b).map_or(2026, Date::year);
    let mut a = Abschnitt::neu("handlungsfelder", 1, "Handlungsfelder");
    let gewaehlt: Vec<_> = b.felder.iter().filter(|f| f.gewaehlt).collect();
    a.bloecke.push(Block::absatz(format!(
        "In der Werkstatt wurden {} Handlungsfelder ausgewählt. Für jedes Feld hat eine Gruppe ein Ziel \
         formuliert und Maßnahmen vorgeschlagen. Der Rang gibt die Position in der gemeinsamen \
         Priorisierung an.",
        gewaehlt.len()
    )));
    let nicht: Vec<String> = b.felder.iter().filter(|f| !f.gewaehlt).map(feld_name).collect();
    if !nicht.is_empty() {
        a.bloecke.push(Block::Absatz {
            inhalt: vec![
                Inline::fett("Nicht ausgewählte Handlungsfelder:"),
                Inline::text(format!(
                    " {}. Sie bleiben für eine spätere Fortschreibung offen.",
                    aufzaehlung(&nicht)
                )),
            ],
        });
    }
    ab.push(a);
    for f in gewaehlt {
        let name = feld_name(f);
        let mut s = Abschnitt::neu(
            schluessel("feld", f.slug.as_deref().unwrap_or(&f.id)),
            2,
            name.clone(),
        );
        if let Some(z) = b
            .ziele
            .iter()
            .find(|z| z.feld_id == f.id)
            .filter(|z| !z.text.trim().is_empty())
        {
            s.bloecke.push(fett_absatz("Ziel", z.text.trim()));
        } else {
            s.bloecke
                .push(fett_absatz("Ziel", "Das Ziel wird noch formuliert."));
        }
        let mut ms: Vec<&BundleMassnahme> = b.massnahmen.iter().filter(|m| m.feld_id == f.id).collect();
        ms.sort_by_key(|m| {
            (
                rf.platz.get(&m.id).copied().unwrap_or(usize::MAX),
                m.titel.clone(),
            )
        });
        if ms.is_empty() {
            s.bloecke.push(Block::absatz(
                "Für dieses Handlungsfeld wurden noch keine Maßnahmen festgehalten.",
            ));
            ab.push(s);
            continue;
        }
        let zeilen = ms
            .iter()
            .map(|m| {
                vec![
                    m.titel.clone(),
                    umsetzung_text(m),
                    rf.platz
                        .get(&m.id)
                        .map_or_else(|| "–".into(), ToString::to_string),
                    if m.federfuehrung.trim().is_empty() {
                        "offen".into()
                    } else {
                        m.federfuehrung.clone()
                    },
                ]
            })
            .collect();
        s.bloecke.push(tabelle(
            format!("Maßnahmen im Handlungsfeld {name}"),
            &["Maßnahme", "Umsetzungszeit", "Rang", "Federführung"],
            zeilen,
            &[4, 3, 1, 3],
        ));
        ab.push(s);
        for m in ms {
            let mut x = Abschnitt::neu(schluessel("massnahme", &m.id), 3, m.titel.clone());
            x.bloecke = massnahme_absatz(m, q, k, jahr0);
            ab.push(x);
        }
    }
}

fn geld(d: crate::planung::projektplan::Dezimal) -> String {
    format!("{} €", d.deutsch(true))
}

fn datum_opt(d: Option<Date>) -> String {
    d.map_or_else(|| "–".into(), datum_kurz)
}

fn projekte(
    b: &Bundle,
    rf: &Rangfolge,
    felder: &HashMap<&str, String>,
    d: &dyn Diagramme,
    ab: &mut Vec<Abschnitt>,
) {
    let mut a = Abschnitt::neu("projekte", 1, "Prioritäre Projekte");
    let reihenfolge: Vec<&String> = match &b.rangfolge {
        Some(r) if !r.vertiefung.is_empty() => r.vertiefung.iter().collect(),
        _ => b.projektplaene.iter().map(|p| &p.massnahme_id).collect(),
    };
    let plaene: Vec<(&BundleMassnahme, &Projektplan)> = reihenfolge
        .iter()
        .filter_map(|id| {
            let m = b.massnahmen.iter().find(|m| &&m.id == id)?;
            let p = b.projektplaene.iter().find(|p| &&p.massnahme_id == id)?;
            Some((m, &p.plan))
        })
        .collect();
    a.bloecke.push(Block::absatz(if plaene.is_empty() {
        "Für die wichtigsten Maßnahmen werden Projektpläne noch erarbeitet.".to_owned()
    } else {
        format!(
            "Die {} wichtigsten Maßnahmen wurden in der Werkstatt vertieft geplant. Die folgenden \
             Projektsteckbriefe beantworten für jede die sieben Kernfragen: Ergebnis, Zielgruppe, \
             Beteiligte, Projektorganisation, Ressourcen, Aufgaben und Meilensteine.",
            plaene.len()
        )
    }));
    ab.push(a);
    for (m, p) in plaene {
        let aw = p.auswerten().ok();
        let mut s = Abschnitt::neu(
            schluessel("projekt", &m.id),
            2,
            format!("Projektsteckbrief: {}", m.titel),
        );
        let anfang = aw.as_ref().and_then(|a| a.anfang).or(p.start);
        let ende = aw.as_ref().and_then(|a| a.ende);
        s.bloecke.push(tabelle(
            "Eckdaten",
            &["Merkmal", "Angabe"],
            vec![
                vec![
                    "Handlungsfeld".into(),
                    felder.get(m.feld_id.as_str()).cloned().unwrap_or_default(),
                ],
                vec![
                    "Rang".into(),
                    rf.platz
                        .get(&m.id)
                        .map_or_else(|| "–".into(), ToString::to_string),
                ],
                vec!["Umsetzungszeit".into(), umsetzung_text(m)],
                vec!["Auftraggeber".into(), p.organisation.auftraggeber.clone()],
                vec!["Projektleitung".into(), p.organisation.projektleitung.clone()],
                vec!["Beginn".into(), datum_opt(anfang)],
                vec!["Ende (geplant)".into(), datum_opt(ende)],
            ],
            &[1, 2],
        ));
        // 1 Ergebnis
        s.bloecke.push(fett_absatz(
            "1. Ergebnis",
            if p.ergebnis.text.trim().is_empty() {
                "noch offen"
            } else {
                p.ergebnis.text.trim()
            },
        ));
        if !p.ergebnis.kriterien.is_empty() {
            let z = p
                .ergebnis
                .kriterien
                .iter()
                .map(|c| vec![c.indikator.clone(), c.zielwert.clone(), datum_opt(c.datum)])
                .collect();
            s.bloecke.push(tabelle(
                "Erfolgskriterien",
                &["Indikator", "Zielwert", "bis"],
                z,
                &[3, 2, 1],
            ));
        }
        // 2 Zielgruppe
        if p.zielgruppen.is_empty() {
            s.bloecke.push(fett_absatz("2. Zielgruppe", "noch offen"));
        } else {
            s.bloecke.push(Block::Absatz {
                inhalt: vec![Inline::fett("2. Zielgruppe")],
            });
            let z = p
                .zielgruppen
                .iter()
                .map(|g| vec![g.name.clone(), g.groesse.clone(), g.bedarf.clone()])
                .collect();
            s.bloecke.push(tabelle(
                "Zielgruppen",
                &["Zielgruppe", "Größe", "Bedarf"],
                z,
                &[2, 1, 3],
            ));
        }
        // 3 Beteiligte
        if p.stakeholder.is_empty() {
            s.bloecke.push(fett_absatz("3. Beteiligte", "noch offen"));
        } else {
            s.bloecke.push(Block::Absatz {
                inhalt: vec![Inline::fett("3. Beteiligte (Stakeholder-Analyse)")],
            });
            if let Some(g) = d.raster(&p.stakeholder) {
                s.bloecke.push(Block::Grafik(g));
            }
            let z = p
                .stakeholder
                .iter()
                .map(|x| {
                    let st = x.strategie.unwrap_or_else(|| {
                        crate::planung::projektplan::Strategie::vorschlag(x.einfluss, x.interesse)
                    });
                    vec![
                        x.name.clone(),
                        if x.art.slug() == "intern" {
                            "intern".into()
                        } else {
                            "extern".into()
                        },
                        x.einfluss.to_string(),
                        x.interesse.to_string(),
                        x.haltung.zeichen().into(),
                        strategie_name(st.slug()).into(),
                    ]
                })
                .collect();
            s.bloecke.push(tabelle(
                "Beteiligte mit Einfluss und Interesse (1 gering bis 3 hoch)",
                &["Beteiligte", "Art", "Einfluss", "Interesse", "Haltung", "Umgang"],
                z,
                &[3, 1, 1, 1, 1, 2],
            ));
        }
        // 4 Projektorganisation
        let o = &p.organisation;
        let mut team: Vec<String> = o.team.iter().filter_map(mitglied).collect();
        if team.is_empty() {
            team.push("noch offen".into());
        }
        s.bloecke.push(fett_absatz(
            "4. Projektorganisation",
            &format!(
                "Auftraggeber: {}. Projektleitung: {}. Team: {}.",
                leer_offen(&o.auftraggeber),
                leer_offen(&o.projektleitung),
                team.join(", ")
            ),
        ));
        if !o.raci.is_empty() {
            let z = o
                .raci
                .iter()
                .map(|r| {
                    vec![
                        r.aufgabe.clone(),
                        r.r.clone(),
                        r.a.clone(),
                        r.c.clone(),
                        r.i.clone(),
                    ]
                })
                .collect();
            s.bloecke.push(tabelle(
                "Zuständigkeiten (R verantwortlich, A rechenschaftspflichtig, C beratend, I informiert)",
                &["Aufgabe", "R", "A", "C", "I"],
                z,
                &[3, 1, 1, 1, 1],
            ));
        }
        // 5 Ressourcen
        let r = &p.ressourcen;
        s.bloecke.push(Block::Absatz {
            inhalt: vec![Inline::fett("5. Ressourcen")],
        });
        if !r.finanziell.is_empty() {
            let z = r
                .finanziell
                .iter()
                .map(|f| {
                    vec![
                        f.bezeichnung.clone(),
                        geld(f.einmalig),
                        geld(f.laufend),
                        quelle_name(f.quelle.slug(), &f.programm),
                        f.jahr.to_string(),
                    ]
                })
                .collect();
            s.bloecke.push(tabelle(
                "Finanzielle und sachliche Ressourcen",
                &["Posten", "einmalig", "laufend je Jahr", "Finanzierung", "Jahr"],
                z,
                &[3, 2, 2, 2, 1],
            ));
        }
        if !r.personal.is_empty() {
            let z = r
                .personal
                .iter()
                .map(|x| {
                    let einheit = if x.einheit.slug() == "vzae" {
                        "Vollzeitstellen"
                    } else {
                        "Personentage"
                    };
                    vec![
                        x.rolle.clone(),
                        format!("{} {einheit}", x.umfang.deutsch(false)),
                        x.jahr.to_string(),
                    ]
                })
                .collect();
            s.bloecke.push(tabelle(
                "Personelle Ressourcen",
                &["Rolle", "Umfang", "Jahr"],
                z,
                &[3, 2, 1],
            ));
        }
        if let Some(a) = &aw
            && (!r.finanziell.is_empty() || !r.personal.is_empty())
        {
            s.bloecke.push(Block::absatz(format!(
                "Summe: {} einmalig, {} laufend je Jahr, {} Personentage und {} Vollzeitstellen.",
                geld(a.summen.einmalig),
                geld(a.summen.laufend),
                a.summen.personentage.deutsch(false),
                a.summen.vzae.deutsch(false)
            )));
        }
        if !r.organisatorisch.trim().is_empty() {
            s.bloecke
                .push(fett_absatz("Organisatorisch", r.organisatorisch.trim()));
        }
        if r.finanziell.is_empty() && r.personal.is_empty() && r.organisatorisch.trim().is_empty() {
            s.bloecke
                .push(Block::absatz("Die Ressourcen werden noch ermittelt."));
        }
        // 6 Aufgaben
        s.bloecke.push(Block::Absatz {
            inhalt: vec![Inline::fett("6. Aufgaben und Reihenfolge")],
        });
        match &aw {
            Some(a) if !a.aufgaben.is_empty() => {
                if let Some(g) = d.gantt(a) {
                    s.bloecke.push(Block::Grafik(g));
                }
                let z = a
                    .aufgaben
                    .iter()
                    .map(|t| {
                        vec![
                            t.id.clone(),
                            t.titel.clone(),
                            t.verantwortlich.clone(),
                            format!("{} Tage", t.dauer),
                            t.vorgaenger
                                .iter()
                                .map(|v| v.id.clone())
                                .collect::<Vec<_>>()
                                .join(", "),
                            datum_opt(t.anfang),
                            if t.kritisch { "ja".into() } else { "nein".into() },
                        ]
                    })
                    .collect();
                s.bloecke.push(tabelle(
                    "Aufgaben mit Dauer in Arbeitstagen und kritischem Pfad",
                    &[
                        "Nr.",
                        "Aufgabe",
                        "Verantwortlich",
                        "Dauer",
                        "nach",
                        "Beginn",
                        "kritisch",
                    ],
                    z,
                    &[1, 4, 3, 2, 1, 2, 1],
                ));
            }
            _ => s.bloecke.push(Block::absatz("Die Aufgaben werden noch geplant.")),
        }
        // 7 Meilensteine
        s.bloecke.push(Block::Absatz {
            inhalt: vec![Inline::fett("7. Meilensteine")],
        });
        match &aw {
            Some(a) if !a.meilensteine.is_empty() => {
                let z = a
                    .meilensteine
                    .iter()
                    .map(|m| {
                        vec![
                            m.titel.clone(),
                            datum_opt(m.datum),
                            if m.erreicht {
                                "erreicht".into()
                            } else {
                                "offen".into()
                            },
                        ]
                    })
                    .collect();
                s.bloecke.push(tabelle(
                    "Meilensteine",
                    &["Meilenstein", "Termin", "Stand"],
                    z,
                    &[4, 2, 1],
                ));
            }
            _ => s
                .bloecke
                .push(Block::absatz("Die Meilensteine werden noch festgelegt.")),
        }
        ab.push(s);
    }
}

fn leer_offen(s: &str) -> &str {
    if s.trim().is_empty() { "offen" } else { s.trim() }
}

fn strategie_name(slug: &str) -> &'static str {
    match slug {
        "informieren" => "informieren",
        "konsultieren" => "konsultieren",
        "beteiligen" => "beteiligen",
        _ => "eng einbinden",
    }
}

fn quelle_name(slug: &str, programm: &str) -> String {
    match slug {
        "foerdermittel" if !programm.trim().is_empty() => format!("Fördermittel ({})", programm.trim()),
        "foerdermittel" => "Fördermittel".into(),
        "dritte" => "Dritte".into(),
        _ => "Haushalt".into(),
    }
}

fn fahrplan(
    b: &Bundle,
    rf: &Rangfolge,
    felder: &HashMap<&str, String>,
    namen: &HashMap<String, String>,
    ab: &mut Vec<Abschnitt>,
) {
    let mut a = Abschnitt::neu("fahrplan", 1, "Umsetzungsfahrplan");
    a.bloecke.push(Block::absatz(
        "Der Fahrplan ordnet alle Maßnahmen nach ihrer geschätzten Umsetzungszeit. Innerhalb jedes \
         Zeitraums stehen die Maßnahmen in der Reihenfolge der Priorisierung.",
    ));
    ab.push(a);
    let mut offen: Vec<&BundleMassnahme> = Vec::new();
    for (u, titel) in [
        (Umsetzungszeit::Kurzfristig, "Kurzfristig (bis 1 Jahr)"),
        (Umsetzungszeit::Mittelfristig, "Mittelfristig (1 bis 2 Jahre)"),
        (Umsetzungszeit::Langfristig, "Langfristig (über 2 Jahre)"),
    ] {
        let mut ms: Vec<&BundleMassnahme> = b.massnahmen.iter().filter(|m| umsetzung(m) == Some(u)).collect();
        ms.sort_by_key(|m| {
            (
                rf.platz.get(&m.id).copied().unwrap_or(usize::MAX),
                m.titel.clone(),
            )
        });
        let mut s = Abschnitt::neu(format!("fahrplan-{}", u.slug()), 2, titel);
        if ms.is_empty() {
            s.bloecke
                .push(Block::absatz("Keine Maßnahmen in diesem Zeitraum."));
        } else {
            let z = ms
                .iter()
                .map(|m| {
                    vec![
                        m.titel.clone(),
                        felder.get(m.feld_id.as_str()).cloned().unwrap_or_default(),
                        rf.platz
                            .get(&m.id)
                            .map_or_else(|| "–".into(), ToString::to_string),
                        leer_offen(&m.federfuehrung).to_owned(),
                    ]
                })
                .collect();
            s.bloecke.push(tabelle(
                format!("Maßnahmen {}", titel.to_lowercase()),
                &["Maßnahme", "Handlungsfeld", "Rang", "Federführung"],
                z,
                &[4, 3, 1, 3],
            ));
        }
        ab.push(s);
    }
    offen.extend(b.massnahmen.iter().filter(|m| umsetzung(m).is_none()));
    let mut meilensteine: Vec<(Option<Date>, String, String)> = Vec::new();
    for p in &b.projektplaene {
        if let Ok(a) = p.plan.auswerten() {
            for m in a.meilensteine {
                meilensteine.push((
                    m.datum,
                    m.titel,
                    namen.get(&p.massnahme_id).cloned().unwrap_or_default(),
                ));
            }
        }
    }
    if !meilensteine.is_empty() {
        meilensteine.sort_by_key(|m| (m.0.is_none(), m.0));
        let mut s = Abschnitt::neu(
            "fahrplan-meilensteine",
            2,
            "Meilensteine der prioritären Projekte",
        );
        let z = meilensteine
            .into_iter()
            .map(|(d, t, p)| vec![datum_opt(d), t, p])
            .collect();
        s.bloecke.push(tabelle(
            "Meilensteine nach Termin",
            &["Termin", "Meilenstein", "Projekt"],
            z,
            &[1, 3, 3],
        ));
        ab.push(s);
    }
}

fn organisation(o: &Organigramm, d: &dyn Diagramme, ab: &mut Vec<Abschnitt>) {
    let mut a = Abschnitt::neu("organisation", 1, "Organisation der Umsetzung");
    a.bloecke.push(Block::absatz(
        "Damit die Strategie umgesetzt wird, braucht sie feste Zuständigkeiten. Das folgende \
         Organigramm ist ein Vorschlag, wie die Verwaltung den digitalen Wandel organisiert. \
         Die Linien zeigen, wer wem berichtet.",
    ));
    if let Some(g) = d.organigramm(o) {
        a.bloecke.push(Block::Grafik(g));
    }
    let titel: HashMap<&str, &str> = o
        .rollen
        .iter()
        .map(|r| (r.id.as_str(), r.titel.as_str()))
        .collect();
    let z = o
        .rollen
        .iter()
        .map(|r| {
            vec![
                r.titel.clone(),
                r.art.name().to_owned(),
                r.besetzung.clone(),
                r.berichtet_an
                    .as_deref()
                    .and_then(|x| titel.get(x))
                    .map_or_else(|| "–".into(), |t| (*t).to_owned()),
                r.aufgabe.clone(),
            ]
        })
        .collect();
    a.bloecke.push(tabelle(
        "Rollen und Berichtswege",
        &["Rolle", "Art", "Besetzung", "berichtet an", "Aufgabe"],
        z,
        &[3, 2, 3, 3, 4],
    ));
    ab.push(a);
}

fn weiteres_vorgehen(schritte: &[Schritt], ab: &mut Vec<Abschnitt>) {
    let mut a = Abschnitt::neu("weiteres-vorgehen", 1, "Weiteres Vorgehen");
    a.bloecke.push(Block::absatz(
        "Die folgenden Schritte führen vom Entwurf zur Umsetzung. Die Termine sind Vorschläge \
         und werden mit dem Beschluss verbindlich festgelegt.",
    ));
    if !schritte.is_empty() {
        let z = schritte
            .iter()
            .map(|s| {
                vec![
                    datum_opt(s.datum),
                    s.titel.clone(),
                    s.beschreibung.clone(),
                    leer_offen(&s.verantwortlich).to_owned(),
                    if s.erledigt {
                        "erledigt".into()
                    } else {
                        "offen".into()
                    },
                ]
            })
            .collect();
        a.bloecke.push(tabelle(
            "Nächste Schritte",
            &["bis", "Schritt", "Beschreibung", "verantwortlich", "Stand"],
            z,
            &[2, 3, 5, 3, 1],
        ));
    }
    ab.push(a);
}

fn anhang(
    q: &Quelle<'_>,
    rf: &Rangfolge,
    namen: &HashMap<String, String>,
    d: &dyn Diagramme,
    ab: &mut Vec<Abschnitt>,
) {
    let b = q.bundle;
    ab.push(Abschnitt::neu("anhang", 1, "Anhang"));
    let mut p = Abschnitt::neu("anhang-priorisierung", 2, "Ergebnisse der Priorisierung");
    let geschlossen: Vec<_> = b.runden.iter().filter(|r| r.status == "geschlossen").collect();
    if geschlossen.is_empty() {
        p.bloecke.push(Block::absatz(
            "Es liegt noch keine abgeschlossene Abstimmungsrunde vor.",
        ));
    }
    for r in geschlossen {
        let Ok(e) = r.auswerten() else { continue };
        p.bloecke.push(Block::Absatz {
            inhalt: vec![
                Inline::fett(r.titel.clone()),
                Inline::text(format!(
                    " ({} Stimmzettel{})",
                    e.stimmzettel,
                    if e.proxy > 0 {
                        format!(", davon {} auf Papier", e.proxy)
                    } else {
                        String::new()
                    }
                )),
            ],
        });
        if let Some((g, t)) = d.runde(&e, namen) {
            p.bloecke.push(Block::Grafik(g));
            p.bloecke.push(Block::Tabelle(t));
        } else {
            let z = e
                .rang
                .iter()
                .enumerate()
                .flat_map(|(i, g)| g.iter().map(move |id| (i, id)))
                .map(|(i, id)| vec![(i + 1).to_string(), namen.get(id).cloned().unwrap_or_default()])
                .collect();
            p.bloecke.push(tabelle(
                format!("Rangfolge: {}", r.titel),
                &["Platz", "Maßnahme"],
                z,
                &[1, 5],
            ));
        }
    }
    if let Some(r) = &b.rangfolge
        && rf.ergebnis.is_some()
    {
        let mut liste: Vec<(&String, &usize)> = rf.platz.iter().collect();
        liste.sort_by_key(|x| *x.1);
        let z = liste
            .into_iter()
            .map(|(id, platz)| {
                let grund = r
                    .korrekturen
                    .iter()
                    .find(|k| &k.massnahme_id == id)
                    .map(|k| k.grund.clone())
                    .unwrap_or_default();
                vec![
                    platz.to_string(),
                    namen.get(id).cloned().unwrap_or_default(),
                    if r.vertiefung.contains(id) {
                        "ja".into()
                    } else {
                        "nein".into()
                    },
                    grund,
                ]
            })
            .collect();
        p.bloecke.push(tabelle(
            "Endgültige Rangfolge mit Korrekturen",
            &["Rang", "Maßnahme", "vertieft geplant", "Grund einer Korrektur"],
            z,
            &[1, 4, 2, 4],
        ));
    }
    ab.push(p);

    let mut genutzt: Vec<&Steckbrief> = Vec::new();
    for m in &b.massnahmen {
        if let Some(sid) = &m.steckbrief_id
            && let Some(s) = q.steckbriefe.get(sid)
            && !genutzt.iter().any(|x| x.id == s.id)
        {
            genutzt.push(s);
        }
    }
    let mut sb = Abschnitt::neu("anhang-steckbriefe", 2, "Übernommene Steckbriefe");
    if genutzt.is_empty() {
        sb.bloecke.push(Block::absatz(
            "Keine Maßnahme wurde aus einem Steckbrief übernommen.",
        ));
    }
    ab.push(sb);
    let mut quellen: Vec<(String, String)> = Vec::new();
    for s in &genutzt {
        let mut x = Abschnitt::neu(schluessel("steckbrief", &s.id), 3, s.titel.clone());
        x.bloecke.push(Block::Absatz {
            inhalt: vec![Inline::kursiv(s.nutzen_kurz.clone())],
        });
        x.bloecke.push(fett_absatz("Was ist das?", &s.was_ist_das));
        x.bloecke
            .push(fett_absatz("Was haben Sie davon?", &s.was_haben_sie_davon));
        if !s.wie_geht_das.is_empty() {
            x.bloecke.push(Block::Absatz {
                inhalt: vec![Inline::fett("Wie geht das?")],
            });
            x.bloecke.push(Block::Liste {
                nummeriert: true,
                punkte: s
                    .wie_geht_das
                    .iter()
                    .map(|t| vec![Inline::text(t.clone())])
                    .collect(),
            });
        }
        x.bloecke.push(fett_absatz("Umsetzungszeit", &s.umsetzungszeit));
        let kosten: Vec<String> = s
            .kosten
            .iter()
            .map(|k| format!("{} (Stand {})", k.text, k.jahr))
            .collect();
        if !kosten.is_empty() {
            x.bloecke.push(fett_absatz("Kosten", &kosten.join("; ")));
        } else if !s.kosten_hinweis.trim().is_empty() {
            x.bloecke.push(fett_absatz("Kosten", &s.kosten_hinweis));
        }
        if !s.foerderung.is_empty() {
            let f: Vec<String> = s
                .foerderung
                .iter()
                .map(|f| format!("{} ({}, Stand {})", f.programm, f.traeger, f.stand))
                .collect();
            x.bloecke.push(fett_absatz("Förderung", &f.join("; ")));
        }
        for q in &s.quellen {
            if !quellen.iter().any(|x| x.1 == q.url) {
                quellen.push((q.titel.clone(), q.url.clone()));
            }
        }
        ab.push(x);
    }
    let mut qa = Abschnitt::neu("anhang-quellen", 2, "Quellen");
    if quellen.is_empty() {
        qa.bloecke.push(Block::absatz("Keine Quellen angegeben."));
    } else {
        qa.bloecke.push(Block::Liste {
            nummeriert: false,
            punkte: quellen
                .into_iter()
                .map(|(t, u)| {
                    if link_erlaubt(&u) {
                        vec![
                            Inline::text(format!("{t}: ")),
                            Inline::Link {
                                text: u.clone(),
                                ziel: u,
                            },
                        ]
                    } else {
                        vec![Inline::text(format!("{t}: {u}"))]
                    }
                })
                .collect(),
        });
    }
    ab.push(qa);
}

/// A team member as "Name (Rolle)", or just one of them when the other is empty.
fn mitglied(t: &crate::planung::projektplan::Teammitglied) -> Option<String> {
    match (t.name.trim(), t.rolle.trim()) {
        ("", "") => None,
        (n, "") => Some(n.to_owned()),
        ("", r) => Some(r.to_owned()),
        (n, r) => Some(format!("{n} ({r})")),
    }
}

/// The project teams for the default Organigramm, from the in-depth plans.
pub fn projektteams(b: &Bundle) -> Vec<Projektteam> {
    b.projektplaene
        .iter()
        .filter_map(|p| {
            let m = b.massnahmen.iter().find(|m| m.id == p.massnahme_id)?;
            Some(Projektteam {
                massnahme: m.titel.clone(),
                projektleitung: p.plan.organisation.projektleitung.clone(),
                team: p.plan.organisation.team.iter().filter_map(mitglied).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategie::texte::KommuneName;

    fn kontext(n: usize) -> Kontext {
        let k = |name: &str| KommuneName {
            name: name.into(),
            art: Some(KommuneArt::Verbandsgemeinde),
            einwohner: 1,
        };
        Kontext {
            kommunen: [k("Eichelbachtal"), k("Steinhöhe")][..n].to_vec(),
            datum: String::new(),
            ort: String::new(),
            teilnehmende: 0,
            felder: vec![],
        }
    }

    #[test]
    fn kommune_am_satzanfang_gross_sonst_klein() {
        let t = format!("{MARKE} stellt Räume bereit. Danach prüft {MARKE} den Betrieb.");
        assert_eq!(
            kommune_einsetzen(&t, &kommune_subjekt(&kontext(1))),
            "Die Verbandsgemeinde Eichelbachtal stellt Räume bereit. Danach prüft die Verbandsgemeinde Eichelbachtal den Betrieb."
        );
        assert_eq!(
            kommune_einsetzen(&format!("{MARKE} beginnt."), &kommune_subjekt(&kontext(2))),
            "Die Kooperation Eichelbachtal und Steinhöhe beginnt."
        );
    }

    #[test]
    fn datum_deutsch() {
        let d = time::macros::date!(2026 - 03 - 14);
        assert_eq!(datum_lang(d), "14. März 2026");
        assert_eq!(datum_kurz(d), "14.03.2026");
    }
}
