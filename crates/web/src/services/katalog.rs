//! The catalogue: loading the shipped version at start, search, own entries, adoption.

use werkstatt_core::event::{Event, EventKind};
use werkstatt_core::katalog::{BestPractice, Katalog, Steckbrief, fingerprint};
use werkstatt_core::massnahme::{MassnahmeDaten, MassnahmeInput};
use werkstatt_core::{FieldError, FieldErrors};
use werkstatt_store::katalog::{EIGEN, Eintrag, Suche, SyncBericht};
use werkstatt_store::massnahmen::{Herkunft, Massnahme};
use werkstatt_store::{Db, StoreError};

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::services::Access;
use crate::state::AppState;

/// The version of the shipped catalogue: a fingerprint of its files.
pub fn mitgelieferte_version() -> String {
    let parts: Vec<&str> = werkstatt_core::katalog::eingebettet()
        .iter()
        .flat_map(|(p, t)| [*p, *t])
        .collect();
    fingerprint(&parts)
}

/// Steckbriefe matching a search, from the in-memory index of the catalogue.
pub async fn suchen(state: &AppState, s: &Suche) -> AppResult<Vec<Eintrag>> {
    let stand = state.cache.versionen.stand("").katalog;
    let index = state
        .cache
        .katalog_index
        .holen((), stand, || async {
            Ok(std::sync::Arc::new(state.db.steckbrief_index().await?))
        })
        .await?;
    let counts = state.db.uebernahmen().await?;
    Ok(s.filtern(&index, &counts))
}

/// Loads the shipped catalogue into the database (at start and by `werkstatt migrate`).
pub async fn laden(db: &Db) -> Result<SyncBericht, StoreError> {
    let k = Katalog::mitgeliefert().map_err(StoreError::from)?;
    db.sync_katalog(&k, &mitgelieferte_version()).await
}

/// Only accounts write catalogue entries.
fn darf_schreiben(ctx: &Ctx) -> AppResult<()> {
    ctx.require_user().map(|_| ())
}

/// Whether the viewer may change an existing entry of origin `herkunft`.
pub fn darf_aendern(ctx: &Ctx, herkunft: &str) -> bool {
    ctx.user()
        .is_some_and(|u| werkstatt_core::katalog::darf_aendern(u.is_admin(), herkunft))
}

/// Checks a Steckbrief in the context of the whole catalogue (references, duplicate titles).
async fn pruefen(state: &AppState, s: &Steckbrief) -> AppResult<()> {
    let mut k = state.db.katalog().await?;
    k.steckbriefe.retain(|x| x.id != s.id);
    k.steckbriefe.push(s.clone());
    k.check().map_err(|e| {
        // Only what concerns this entry is reported, with paths relative to it.
        let prefix = format!("steckbriefe/{}.", s.id);
        let own: Vec<FieldError> =
            e.0.into_iter()
                .filter_map(|mut x| {
                    x.field = x.field.strip_prefix(&prefix)?.to_owned();
                    Some(x)
                })
                .collect();
        AppError::Invalid(FieldErrors(own))
    })
}

/// Saves an own or changed Steckbrief. `neu` refuses an id that exists.
pub async fn save_steckbrief(state: &AppState, ctx: &Ctx, s: &Steckbrief, neu: bool) -> AppResult<()> {
    darf_schreiben(ctx)?;
    let exists = match state.db.steckbrief(&s.id).await {
        Ok(e) => Some(e),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    if neu && exists.is_some() {
        return Err(FieldError::new("id", "err-duplicate").into());
    }
    if !neu && exists.is_none() {
        return Err(AppError::NotFound);
    }
    if exists.as_ref().is_some_and(|e| !darf_aendern(ctx, &e.herkunft)) {
        return Err(AppError::Forbidden);
    }
    pruefen(state, s).await?;
    let herkunft = exists.map_or_else(|| EIGEN.to_owned(), |e| e.herkunft);
    Ok(state.db.save_steckbrief(s, &herkunft).await?)
}

pub async fn save_best_practice(state: &AppState, ctx: &Ctx, b: &BestPractice) -> AppResult<()> {
    darf_schreiben(ctx)?;
    let herkunft = state
        .db
        .best_practices()
        .await?
        .into_iter()
        .find(|x| x.best_practice.id == b.id)
        .map_or_else(|| EIGEN.to_owned(), |x| x.herkunft);
    if !darf_aendern(ctx, &herkunft) {
        return Err(AppError::Forbidden);
    }
    let mut k = state.db.katalog().await?;
    k.best_practices.retain(|x| x.id != b.id);
    k.best_practices.push(b.clone());
    k.check().map_err(|e| {
        let prefix = format!("best-practices/{}.", b.id);
        AppError::Invalid(FieldErrors(
            e.0.into_iter()
                .filter_map(|mut x| {
                    x.field = x.field.strip_prefix(&prefix)?.to_owned();
                    Some(x)
                })
                .collect(),
        ))
    })?;
    Ok(state.db.save_best_practice(b, &herkunft).await?)
}

/// The fields of a new Maßnahme taken from a Steckbrief: what the caller left empty is filled.
pub fn vorbelegen(input: &mut MassnahmeInput, s: &Steckbrief) {
    if input.titel.trim().is_empty() {
        input.titel = s.titel.chars().take(120).collect();
    }
    if input.beschreibung.trim().is_empty() {
        input.beschreibung = format!("{}\n\n{}", s.nutzen_kurz, s.was_ist_das);
    }
    if input.umsetzung.trim().is_empty() {
        input.umsetzung = s.umsetzungszeit.clone();
        if input.monate.is_null() || input.monate.as_str().is_some_and(|m| m.trim().is_empty()) {
            input.monate = s.umsetzungszeit_monate.into();
        }
    }
    if input.aufwand.is_null() || input.aufwand.as_str().is_some_and(|m| m.trim().is_empty()) {
        input.aufwand = s.aufwand.into();
    }
}

/// Adopts a Steckbrief as a Maßnahme of a group, prefilled and linked to its source.
pub async fn uebernehmen(
    state: &AppState,
    ctx: &Ctx,
    access: &Access,
    feld_id: &str,
    steckbrief_id: &str,
) -> AppResult<Massnahme> {
    access.require_group_edit()?;
    let s = match state.db.steckbrief(steckbrief_id).await {
        Ok(e) => e.steckbrief,
        Err(StoreError::NotFound) => {
            return Err(FieldError::new("steckbrief_id", "err-unknown-choice").into());
        }
        Err(e) => return Err(e.into()),
    };
    let feld = state.db.feld(access.id(), feld_id).await?;
    if !feld.gewaehlt && !access.moderator {
        return Err(FieldError::new("feld_id", "err-feld-not-chosen").into());
    }
    let mut input = MassnahmeInput::default();
    vorbelegen(&mut input, &s);
    let daten = MassnahmeDaten::try_from(&input)?;
    let herkunft = Herkunft {
        created_by: access.author(ctx),
        proxy: false,
        steckbrief_id: Some(s.id.clone()),
        teilnehmende: access.teilnehmende.is_some(),
    };
    let m = state
        .db
        .create_massnahme(access.id(), feld_id, &daten, &herkunft)
        .await?;
    state.bus.publish(
        Event::new(access.id(), EventKind::Massnahme)
            .with_id(&m.id)
            .with_feld(&m.feld_id),
    );
    Ok(m)
}
