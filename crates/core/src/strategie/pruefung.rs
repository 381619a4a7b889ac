//! Dokumentprüfung: findings about a strategy document that the facilitator should look
//! at before it goes to the council: next steps and milestones past their date, a Ziel
//! whose year comes before its measures' years or before the document's base date,
//! measures without time frame or lead, and text left with a placeholder brace.
//!
//! Each finding names the section it concerns (`ziel_anker`, the section key), so a page
//! can link to it.

use serde::Serialize;

use crate::bundle::BundleMassnahme;
use crate::strategie::aufbau::{Quelle, basisdatum, massnahme_jahr, schluessel, stichtag};
use crate::strategie::dokument::Dokument;
use crate::strategie::termine::{Zustand, jahre_im_text};
use crate::strategie::vergleich::zeilen;
use crate::strategie::wortlaut::datum_kurz;

/// The kind of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BefundArt {
    /// A next step dated before the "Stand" and not done.
    SchrittUeberfaellig,
    /// A milestone of a priority project dated before the "Stand" and not reached.
    MeilensteinUeberfaellig,
    /// A Ziel names a year before the target year of one of its measures.
    ZieljahrVorMassnahme,
    /// A Ziel names a year before the document's base date.
    ZieljahrVergangen,
    /// A measure without an implementation time (so without a target year).
    OhneZeitrahmen,
    /// A measure without a lead.
    OhneFederfuehrung,
    /// A brace left in the text, probably an unfilled placeholder.
    Platzhalter,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Befund {
    pub art: BefundArt,
    /// One German sentence for the facilitator.
    pub text: String,
    /// The key of the document section the finding concerns.
    pub ziel_anker: Option<String>,
}

fn befund(art: BefundArt, text: String, anker: impl Into<String>) -> Befund {
    Befund {
        art,
        text,
        ziel_anker: Some(anker.into()),
    }
}

/// Checks the document built from `q` (as `aufbau::dokument` returns it).
pub fn pruefen(q: &Quelle<'_>, d: &Dokument) -> Vec<Befund> {
    let mut out = Vec::new();
    let tag = stichtag(q);
    for s in q.schritte {
        if Zustand::von(s.datum, s.erledigt, tag) == Zustand::Ueberfaellig
            && let Some(datum) = s.datum
        {
            out.push(befund(
                BefundArt::SchrittUeberfaellig,
                format!(
                    "Der Schritt „{}“ war bis {} geplant und ist nicht als erledigt markiert.",
                    s.titel,
                    datum_kurz(datum)
                ),
                "weiteres-vorgehen",
            ));
        }
    }
    let b = q.bundle;
    for p in &b.projektplaene {
        let Ok(a) = p.plan.auswerten() else { continue };
        for m in &a.meilensteine {
            if Zustand::von(m.datum, m.erreicht, tag) == Zustand::Ueberfaellig
                && let Some(datum) = m.datum
            {
                out.push(befund(
                    BefundArt::MeilensteinUeberfaellig,
                    format!(
                        "Der Meilenstein „{}“ war für den {} geplant und ist nicht als erreicht markiert.",
                        m.titel,
                        datum_kurz(datum)
                    ),
                    schluessel("projekt", &p.massnahme_id),
                ));
            }
        }
    }
    let basis = basisdatum(q);
    for f in b.felder.iter().filter(|f| f.gewaehlt) {
        let anker = schluessel("feld", f.slug.as_deref().unwrap_or(&f.id));
        let ms: Vec<&BundleMassnahme> = b.massnahmen.iter().filter(|m| m.feld_id == f.id).collect();
        let Some(ziel) = b.ziele.iter().find(|z| z.feld_id == f.id) else {
            continue;
        };
        let Some(zieljahr) = jahre_im_text(&ziel.text).into_iter().max() else {
            continue;
        };
        if let Some(basis) = basis
            && zieljahr < basis.year()
        {
            out.push(befund(
                BefundArt::ZieljahrVergangen,
                format!(
                    "Das Ziel im Handlungsfeld „{}“ nennt {zieljahr}; gerechnet wird ab {}.",
                    f.name,
                    datum_kurz(basis)
                ),
                anker.clone(),
            ));
        }
        for m in &ms {
            let sb = m.steckbrief_id.as_ref().and_then(|id| q.steckbriefe.get(id));
            if let Some(j) = basis.and_then(|d| massnahme_jahr(m, sb, d))
                && j > zieljahr
            {
                out.push(befund(
                    BefundArt::ZieljahrVorMassnahme,
                    format!(
                        "Das Ziel im Handlungsfeld „{}“ nennt {zieljahr}, die Maßnahme „{}“ ist aber erst bis {j} geplant.",
                        f.name, m.titel
                    ),
                    anker.clone(),
                ));
            }
        }
    }
    for m in &b.massnahmen {
        if !b.felder.iter().any(|f| f.gewaehlt && f.id == m.feld_id) {
            continue;
        }
        let anker = schluessel("massnahme", &m.id);
        if crate::massnahme::Umsetzungszeit::parse("u", &m.umsetzung).is_err() && m.monate.is_none() {
            out.push(befund(
                BefundArt::OhneZeitrahmen,
                format!(
                    "Die Maßnahme „{}“ hat noch keine Umsetzungszeit und damit kein Zieljahr.",
                    m.titel
                ),
                anker.clone(),
            ));
        }
        if m.federfuehrung.trim().is_empty() {
            out.push(befund(
                BefundArt::OhneFederfuehrung,
                format!(
                    "Für die Maßnahme „{}“ ist noch keine Federführung festgelegt.",
                    m.titel
                ),
                anker,
            ));
        }
    }
    for a in &d.abschnitte {
        if zeilen(a).iter().any(|z| z.contains(['{', '}'])) {
            out.push(befund(
                BefundArt::Platzhalter,
                format!("Im Abschnitt „{}“ steht eine geschweifte Klammer, vermutlich ein nicht gefüllter Platzhalter.", a.titel),
                a.schluessel.clone(),
            ));
        }
    }
    out
}
