//! Assembles the strategy document from a Werkstatt: its bundle (fields, goals, measures,
//! rounds, plans), the free texts, the Organigramm, the next steps and the adopted
//! Steckbriefe. Pure: charts come from a `Diagramme` implementation the caller provides.

mod anhang;
mod fahrplan;
mod felder;
mod projekte;
mod umsetzung;
mod vorgehen;

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
use crate::sprache::{self, Fall, Gebiet, Nominal, Numerus, anzahl};
use crate::strategie::dokument::{Abschnitt, Block, Dokument, Grafik, Inline, Tabelle, link_erlaubt};
use crate::strategie::markdown;
use crate::strategie::organigramm::{Organigramm, Projektteam};
use crate::strategie::schritte::Schritt;
use crate::strategie::termine::{Zustand, zieljahr};
use crate::strategie::texte::{
    Freitext, Freitexte, KommuneName, Kontext, aufzaehlung, dokumenttitel, tausender,
};
use crate::strategie::wortlaut;
pub use crate::strategie::wortlaut::{datum_kurz, datum_lang};
use crate::strategie::wortlaut::{quelle_name, sektor_name, strategie_name, umsetzung_name};

use anhang::anhang;
use fahrplan::fahrplan;
use felder::handlungsfelder;
pub(crate) use felder::massnahme_jahr;
use projekte::projekte;
use umsetzung::{organisation, weiteres_vorgehen};
use vorgehen::vorgehen;

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
    /// The day of the "Stand": target years count from it (or from the Werkstatt, if
    /// later), and steps dated before it that are not done read "überfällig".
    pub stand_datum: Option<Date>,
}

/// The one base date of the document (see `strategie::termine`).
pub(crate) fn basisdatum(q: &Quelle<'_>) -> Option<Date> {
    crate::strategie::termine::basis(werkstatt_datum(q.bundle), q.stand_datum)
}

/// The day steps and milestones are judged on: the "Stand", else the Werkstatt date.
pub(crate) fn stichtag(q: &Quelle<'_>) -> Option<Date> {
    q.stand_datum.or_else(|| werkstatt_datum(q.bundle))
}

/// The Kommunen and their councils as phrases, built once per document.
pub(crate) struct Satzbau {
    pub kommunen: Nominal,
    pub rat: Nominal,
    /// The council(s) without article, for table cells.
    pub rat_name: String,
}

pub(crate) fn satzbau(k: &Kontext) -> Satzbau {
    let gebiete: Vec<Gebiet<'_>> = k
        .kommunen
        .iter()
        .map(|x| Gebiet {
            name: &x.name,
            art: x.art,
        })
        .collect();
    Satzbau {
        kommunen: sprache::kommunen(&gebiete).unwrap_or_else(|| {
            Nominal::neu(
                ["die Kommune", "der Kommune", "der Kommune", "die Kommune"].map(String::from),
                Numerus::Singular,
            )
        }),
        rat: sprache::rat(&gebiete),
        rat_name: sprache::rat_bezeichnung(&gebiete),
    }
}

/// "am 14. März 2026 im Bürgerhaus …"; a place without a sure preposition in brackets.
fn datum_und_ort(k: &Kontext) -> String {
    let ort = k.ort.trim();
    if ort.is_empty() {
        format!("am {}", k.datum)
    } else {
        match sprache::ort_mit_praeposition(ort) {
            Some(o) => format!("am {} {o}", k.datum),
            None => format!("am {} (Ort: {ort})", k.datum),
        }
    }
}

fn werkstatt_datum(b: &Bundle) -> Option<Date> {
    crate::werkstatt::parse_datum("datum", &b.werkstatt.datum).ok()
}

fn umsetzung(m: &BundleMassnahme) -> Option<Umsetzungszeit> {
    Umsetzungszeit::parse("u", &m.umsetzung).ok()
}

fn umsetzung_text(m: &BundleMassnahme) -> String {
    match m.monate {
        Some(n) => format!(
            "{} ({})",
            umsetzung_name(umsetzung(m)).split(" (").next().unwrap_or(""),
            anzahl(n, "Monat", "Monate")
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
    let sb = satzbau(&k);
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

    handlungsfelder(q, &sb, &rf, &mut ab);
    projekte(q, &rf, &felder, d, &mut ab);
    fahrplan(q, &rf, &felder, &namen, &mut ab);
    organisation(q.organigramm, &sb, d, &mut ab);
    weiteres_vorgehen(q, &sb, &mut ab);
    anhang(q, &rf, &namen, d, &mut ab);

    Dokument {
        titel: dokumenttitel(&k),
        kommunen: k.kommunen.iter().map(KommuneName::voll).collect(),
        status: q.status.clone(),
        stand: q.stand.clone(),
        hinweis: format!("Erarbeitet in der Digital-Werkstatt {}", datum_und_ort(&k)),
        sprache: "de".into(),
        abschnitte: ab,
    }
}

fn geld(d: crate::planung::projektplan::Dezimal) -> String {
    format!("{} €", d.deutsch(true))
}

fn datum_opt(d: Option<Date>) -> String {
    d.map_or_else(|| "–".into(), datum_kurz)
}

fn leer_offen(s: &str) -> &str {
    if s.trim().is_empty() { "offen" } else { s.trim() }
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
