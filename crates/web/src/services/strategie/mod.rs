//! The Digitalstrategie of a Werkstatt: editing its free texts, Organigramm and next steps,
//! generating and comparing versions, and exporting the document in every format.
//!
//! Who may do what: facilitators edit and generate versions at any phase (the strategy lives
//! on after the Werkstatt is closed); everyone with read access (participants, observers)
//! reads and downloads it.

mod diagramme;

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use crate::cache::dokumente::{DateiSchluessel, DokSchluessel};

use time::OffsetDateTime;
use werkstatt_core::FieldError;
use werkstatt_core::event::{Event, EventKind};
use werkstatt_core::strategie::Dokument;
use werkstatt_core::strategie::aufbau::{self, Quelle};
use werkstatt_core::strategie::organigramm::{self, Organigramm, RolleDaten};
use werkstatt_core::strategie::schritte::{self, Schritt, SchrittDaten};
use werkstatt_core::strategie::texte::{Freitext, Kontext};
use werkstatt_core::strategie::vergleich::{self, AbschnittVergleich};
use werkstatt_core::strategie::version::VersionStatus;
use werkstatt_core::werkstatt::parse_datum;
use werkstatt_export::Format;
use werkstatt_store::strategie::{StrategieDaten, VersionKopf};
use werkstatt_store::werkstaetten::Werkstatt;
use werkstatt_store::{Db, StoreError};

pub use diagramme::WebDiagramme;

use crate::error::{AppError, AppResult};
use crate::services::Access;
use crate::state::AppState;

/// Renders run on blocking threads, at most this many at once (typesetting a PDF takes a
/// core for a moment; the rest of the server must stay responsive).
static RENDER: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

/// Everything the strategy page shows.
pub struct StrategieSicht {
    pub daten: StrategieDaten,
    pub kontext: Kontext,
    pub organigramm: Organigramm,
    pub schritte: Vec<Schritt>,
    pub versionen: Vec<VersionKopf>,
}

impl StrategieSicht {
    /// The text in effect for a chapter (own or default).
    pub fn text(&self, f: Freitext) -> String {
        self.daten.texte.wirksam(f, &self.kontext)
    }
}

fn publish(st: &AppState, a: &Access) {
    st.bus.publish(Event::new(a.id(), EventKind::Strategie));
}

/// The Organigramm in effect: the stored one or the proposal built from the current plans.
async fn organigramm_wirksam(st: &AppState, a: &Access, d: &StrategieDaten) -> AppResult<Organigramm> {
    if let Some(o) = &d.organigramm {
        return Ok(o.clone());
    }
    let b = st.db.export_bundle(a.id()).await?;
    Ok(organigramm::vorschlag(&aufbau::projektteams(&b)))
}

fn schritte_wirksam(w: &Werkstatt, d: &StrategieDaten) -> Vec<Schritt> {
    d.schritte
        .clone()
        .unwrap_or_else(|| parse_datum("datum", &w.datum).map_or_else(|_| Vec::new(), schritte::vorschlag))
}

pub async fn sicht(st: &AppState, a: &Access) -> AppResult<StrategieSicht> {
    sicht_db(&st.db, &a.werkstatt).await
}

async fn sicht_db(db: &Db, w: &Werkstatt) -> AppResult<StrategieSicht> {
    let daten = db.strategie(&w.id).await?;
    let b = db.export_bundle(&w.id).await?;
    let organigramm = match &daten.organigramm {
        Some(o) => o.clone(),
        None => organigramm::vorschlag(&aufbau::projektteams(&b)),
    };
    Ok(StrategieSicht {
        kontext: aufbau::kontext(&b),
        schritte: schritte_wirksam(w, &daten),
        organigramm,
        versionen: db.strategie_versionen(&w.id).await?,
        daten,
    })
}

/// Saves a free text. `version` is the strategy version the form was shown with.
pub async fn text_speichern(
    st: &AppState,
    a: &Access,
    f: Freitext,
    text: &str,
    version: i64,
) -> AppResult<()> {
    a.require_moderator()?;
    let text = werkstatt_core::strategie::texte::parse_text(f, text)?;
    let mut d = st.db.strategie(a.id()).await?;
    if d.version != version {
        return Err(AppError::Conflict {
            code: "err-strategie-konflikt",
            current: Some(d.version),
        });
    }
    d.texte.set(f, Some(text));
    st.db.save_strategie(a.id(), &d).await?;
    publish(st, a);
    Ok(())
}

/// Restores the default text of a chapter.
pub async fn text_zuruecksetzen(st: &AppState, a: &Access, f: Freitext) -> AppResult<()> {
    aendern(st, a, |_, d| {
        d.texte.set(f, None);
        Ok(())
    })
    .await
}

/// Applies a change to the latest state, retrying when someone saved in between (the
/// changes are small operations that apply to any state).
async fn aendern<F>(st: &AppState, a: &Access, mut f: F) -> AppResult<()>
where
    F: FnMut(&Access, &mut StrategieDaten) -> Result<(), werkstatt_core::FieldErrors>,
{
    a.require_moderator()?;
    for _ in 0..5 {
        let mut d = st.db.strategie(a.id()).await?;
        if d.organigramm.is_none() {
            d.organigramm = Some(organigramm_wirksam(st, a, &d).await?);
        }
        if d.schritte.is_none() {
            d.schritte = Some(schritte_wirksam(&a.werkstatt, &d));
        }
        f(a, &mut d)?;
        match st.db.save_strategie(a.id(), &d).await {
            Ok(_) => {
                publish(st, a);
                return Ok(());
            }
            Err(StoreError::VersionConflict { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::Conflict {
        code: "err-strategie-konflikt",
        current: None,
    })
}

fn fe(e: FieldError) -> werkstatt_core::FieldErrors {
    werkstatt_core::FieldErrors(vec![e])
}

pub async fn rolle_hinzufuegen(st: &AppState, a: &Access, r: &RolleDaten) -> AppResult<()> {
    aendern(st, a, |_, d| {
        d.organigramm
            .get_or_insert_default()
            .hinzufuegen(r.clone())
            .map(|_| ())
            .map_err(fe)
    })
    .await
}

pub async fn rolle_aendern(st: &AppState, a: &Access, id: &str, r: &RolleDaten) -> AppResult<()> {
    aendern(st, a, |_, d| {
        d.organigramm
            .get_or_insert_default()
            .aendern(id, r.clone())
            .map_err(fe)
    })
    .await
}

pub async fn rolle_entfernen(st: &AppState, a: &Access, id: &str) -> AppResult<()> {
    aendern(st, a, |_, d| {
        d.organigramm.get_or_insert_default().entfernen(id).map_err(fe)
    })
    .await
}

/// Back to the proposal (which follows the current plans).
pub async fn organigramm_zuruecksetzen(st: &AppState, a: &Access) -> AppResult<()> {
    aendern(st, a, |_, d| {
        d.organigramm = None;
        Ok(())
    })
    .await
}

pub async fn schritt_hinzufuegen(st: &AppState, a: &Access, s: &SchrittDaten) -> AppResult<()> {
    aendern(st, a, |_, d| {
        schritte::hinzufuegen(d.schritte.get_or_insert_default(), s.clone())
            .map(|_| ())
            .map_err(fe)
    })
    .await
}

pub async fn schritt_aendern(st: &AppState, a: &Access, id: &str, s: &SchrittDaten) -> AppResult<()> {
    aendern(st, a, |_, d| {
        schritte::aendern(d.schritte.get_or_insert_default(), id, s.clone()).map_err(fe)
    })
    .await
}

pub async fn schritt_entfernen(st: &AppState, a: &Access, id: &str) -> AppResult<()> {
    aendern(st, a, |_, d| {
        schritte::entfernen(d.schritte.get_or_insert_default(), id).map_err(fe)
    })
    .await
}

pub async fn schritte_zuruecksetzen(st: &AppState, a: &Access) -> AppResult<()> {
    aendern(st, a, |_, d| {
        d.schritte = None;
        Ok(())
    })
    .await
}

fn heute() -> String {
    aufbau::datum_kurz(OffsetDateTime::now_utc().date())
}

/// The document as it is now (status "Entwurf"), built from the current data.
pub async fn dokument_aktuell(st: &AppState, a: &Access) -> AppResult<Dokument> {
    Ok(dokument_geteilt(st, a, None).await?.as_ref().clone())
}

fn dok_schluessel(a: &Access, version: Option<i64>) -> DokSchluessel {
    DokSchluessel {
        werkstatt: a.id().to_owned(),
        version,
        tag: heute(),
    }
}

/// The document (current or a stored version), assembled once per `Stand` and day.
async fn dokument_geteilt(st: &AppState, a: &Access, version: Option<i64>) -> AppResult<Arc<Dokument>> {
    st.cache
        .dokumente
        .dokumente
        .holen(dok_schluessel(a, version), a.stand(), || async {
            dokument_db(&st.db, &a.werkstatt, version).await.map(Arc::new)
        })
        .await
}

/// The current document (`version` None) or a stored version, straight from the store;
/// the command line uses this without a server.
pub async fn dokument_db(db: &Db, w: &Werkstatt, version: Option<i64>) -> AppResult<Dokument> {
    if let Some(n) = version {
        let (k, mut d) = db.strategie_version(&w.id, n).await?;
        d.status = k
            .status
            .text(k.beschlossen_am.as_deref().map(datum_de).as_deref());
        return Ok(d);
    }
    let s = sicht_db(db, w).await?;
    let b = db.export_bundle(&w.id).await?;
    let mut steckbriefe = BTreeMap::new();
    for m in &b.massnahmen {
        if let Some(id) = &m.steckbrief_id
            && !steckbriefe.contains_key(id)
        {
            match db.steckbrief(id).await {
                Ok(e) => {
                    steckbriefe.insert(id.clone(), e.steckbrief);
                }
                // A database whose catalogue was never loaded (a bare `werkstatt export`)
                // still finds the shipped Steckbriefe.
                Err(StoreError::NotFound) => {
                    if let Some(sb) = werkstatt_core::katalog::Katalog::mitgeliefert()
                        .ok()
                        .and_then(|k| k.steckbriefe.into_iter().find(|x| &x.id == id))
                    {
                        steckbriefe.insert(id.clone(), sb);
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    let stand = match s.versionen.first() {
        Some(v) => format!("Stand: {}, nach Version {}", heute(), v.nummer),
        None => format!("Stand: {}", heute()),
    };
    let q = Quelle {
        bundle: &b,
        texte: &s.daten.texte,
        organigramm: &s.organigramm,
        schritte: &s.schritte,
        steckbriefe: &steckbriefe,
        status: VersionStatus::Entwurf.text(None),
        stand,
        stand_datum: Some(OffsetDateTime::now_utc().date()),
    };
    Ok(aufbau::dokument(&q, &WebDiagramme::deutsch()))
}

/// A stored version's document, with the title page showing its current status.
pub async fn dokument_version(st: &AppState, a: &Access, nummer: i64) -> AppResult<Dokument> {
    Ok(dokument_geteilt(st, a, Some(nummer)).await?.as_ref().clone())
}

fn datum_de(iso: &str) -> String {
    parse_datum("d", iso).map_or_else(|_| iso.to_owned(), aufbau::datum_kurz)
}

/// Checks status and adoption date of a version form.
pub fn parse_status(status: &str, beschlossen_am: &str) -> AppResult<(VersionStatus, Option<String>)> {
    let mut e = werkstatt_core::FieldErrors::default();
    let s = e.take(VersionStatus::parse("status", status));
    let datum = if beschlossen_am.trim().is_empty() {
        if s == Some(VersionStatus::Beschlossen) {
            e.push(FieldError::new("beschlossen_am", "err-required"));
        }
        None
    } else {
        e.take(parse_datum("beschlossen_am", beschlossen_am))
            .map(|_| beschlossen_am.trim().to_owned())
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    Ok((s.unwrap_or(VersionStatus::Entwurf), datum))
}

/// Stores the current document as a new version.
pub async fn version_erzeugen(
    st: &AppState,
    a: &Access,
    status: &str,
    beschlossen_am: &str,
    notiz: &str,
) -> AppResult<VersionKopf> {
    a.require_moderator()?;
    let (status, datum) = parse_status(status, beschlossen_am)?;
    let notiz = werkstatt_core::text::line("notiz", notiz, 0, 200).map_err(fe)?;
    let mut d = dokument_aktuell(st, a).await?;
    let naechste = st
        .db
        .strategie_versionen(a.id())
        .await?
        .first()
        .map_or(1, |v| v.nummer + 1);
    d.stand = format!("Stand: {}, Version {naechste}", heute());
    let k = st
        .db
        .create_strategie_version(a.id(), status, datum.as_deref(), &notiz, &d)
        .await?;
    publish(st, a);
    Ok(k)
}

pub async fn version_status(
    st: &AppState,
    a: &Access,
    nummer: i64,
    status: &str,
    beschlossen_am: &str,
) -> AppResult<()> {
    a.require_moderator()?;
    let (status, datum) = parse_status(status, beschlossen_am)?;
    st.db
        .set_strategie_version_status(a.id(), nummer, status, datum.as_deref())
        .await?;
    publish(st, a);
    Ok(())
}

/// Compares two versions (`0` stands for the current state).
pub async fn vergleichen(
    st: &AppState,
    a: &Access,
    alt: i64,
    neu: i64,
) -> AppResult<Vec<AbschnittVergleich>> {
    let laden = |n: i64| async move {
        if n == 0 {
            dokument_aktuell(st, a).await
        } else {
            dokument_version(st, a, n).await
        }
    };
    let x = laden(alt).await?;
    let y = laden(neu).await?;
    Ok(vergleich::vergleichen(&x, &y))
}

/// Renders a document off the async runtime with bounded parallelism.
pub async fn rendern(doc: Dokument, format: Format) -> AppResult<Vec<u8>> {
    let wartend = crate::metrik::Zaehler::neu(&crate::metrik::RENDER_WARTEND);
    let _permit = RENDER
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    drop(wartend);
    let _laufend = crate::metrik::Zaehler::neu(&crate::metrik::RENDER_LAUFEND);
    tokio::task::spawn_blocking(move || werkstatt_export::render(&doc, format))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// The file name of an export ("digitalstrategie-eichelbachtal-v2.pdf").
pub fn dateiname(w: &Werkstatt, version: Option<i64>, format: Format) -> String {
    let mut name: String = w
        .titel
        .to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    while name.contains("--") {
        name = name.replace("--", "-");
    }
    let name = name.trim_matches('-');
    let v = version.map_or_else(String::new, |n| format!("-v{n}"));
    format!(
        "digitalstrategie-{}{v}.{}",
        if name.is_empty() { "werkstatt" } else { name },
        format.endung()
    )
}

/// Exports the current document or a stored version.
pub async fn export(
    st: &AppState,
    a: &Access,
    format: Format,
    version: Option<i64>,
) -> AppResult<(Vec<u8>, String)> {
    let key = DateiSchluessel {
        dokument: dok_schluessel(a, version),
        format: format.endung(),
    };
    let bytes = st
        .cache
        .dokumente
        .dateien
        .holen(key, a.stand(), || async {
            let doc = dokument_geteilt(st, a, version).await?;
            rendern(Dokument::clone(&doc), format).await.map(Arc::new)
        })
        .await?;
    Ok((Vec::clone(&bytes), dateiname(&a.werkstatt, version, format)))
}
