//! Group work: the Ziel of a field and its Maßnahmen.

use werkstatt_core::event::{Event, EventKind};
use werkstatt_core::handlungsfeld::{ZielInput, parse_ziel};
use werkstatt_core::massnahme::{MassnahmeDaten, MassnahmeInput, parse_version};
use werkstatt_store::massnahmen::{Herkunft, Massnahme};
use werkstatt_store::ziele::Ziel;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::services::Access;
use crate::state::AppState;

/// A Ziel belongs to a chosen field.
async fn chosen_feld(state: &AppState, access: &Access, feld_id: &str) -> AppResult<()> {
    let f = state.db.feld(access.id(), feld_id).await?;
    if f.gewaehlt || access.moderator {
        Ok(())
    } else {
        Err(werkstatt_core::FieldError::new("feld_id", "err-feld-not-chosen").into())
    }
}

pub async fn set_ziel(
    state: &AppState,
    access: &Access,
    feld_id: &str,
    input: &ZielInput,
) -> AppResult<Ziel> {
    access.require_group_edit()?;
    let text = parse_ziel(&input.text)?;
    chosen_feld(state, access, feld_id).await?;
    let z = state
        .db
        .set_ziel(access.id(), feld_id, &text, input.version)
        .await?;
    state
        .bus
        .publish(Event::new(access.id(), EventKind::Ziel).with_feld(feld_id));
    Ok(z)
}

pub async fn create_massnahme(
    state: &AppState,
    ctx: &Ctx,
    access: &Access,
    input: &MassnahmeInput,
    proxy: bool,
) -> AppResult<Massnahme> {
    access.require_group_edit()?;
    if proxy {
        access.require_moderator()?;
    }
    let mut input = input.clone();
    let steckbrief_id = match input
        .steckbrief_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(id) => match state.db.steckbrief(id).await {
            Ok(e) => {
                crate::services::katalog::vorbelegen(&mut input, &e.steckbrief);
                Some(e.steckbrief.id)
            }
            Err(werkstatt_store::StoreError::NotFound) => {
                return Err(werkstatt_core::FieldError::new("steckbrief_id", "err-unknown-choice").into());
            }
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let input = &input;
    let daten = MassnahmeDaten::try_from(input)?;
    if input.feld_id.trim().is_empty() {
        return Err(werkstatt_core::FieldError::new("feld_id", "err-required").into());
    }
    chosen_feld(state, access, input.feld_id.trim())
        .await
        .map_err(|e| match e {
            AppError::NotFound => werkstatt_core::FieldError::new("feld_id", "err-unknown-choice").into(),
            e => e,
        })?;
    let herkunft = Herkunft {
        created_by: access.author(ctx),
        proxy,
        steckbrief_id,
        teilnehmende: access.teilnehmende.is_some() && !proxy,
    };
    let m = state
        .db
        .create_massnahme(access.id(), input.feld_id.trim(), &daten, &herkunft)
        .await?;
    state.bus.publish(
        Event::new(access.id(), EventKind::Massnahme)
            .with_id(&m.id)
            .with_feld(&m.feld_id),
    );
    Ok(m)
}

pub async fn update_massnahme(
    state: &AppState,
    access: &Access,
    id: &str,
    input: &MassnahmeInput,
) -> AppResult<Massnahme> {
    access.require_group_edit()?;
    let daten = MassnahmeDaten::try_from(input)?;
    let version = parse_version(&input.version)?;
    let m = state
        .db
        .update_massnahme(access.id(), id, &daten, version)
        .await?;
    state.bus.publish(
        Event::new(access.id(), EventKind::Massnahme)
            .with_id(&m.id)
            .with_feld(&m.feld_id),
    );
    Ok(m)
}

pub async fn delete_massnahme(state: &AppState, access: &Access, id: &str) -> AppResult<()> {
    access.require_group_edit()?;
    let m = state.db.massnahme(access.id(), id).await?;
    state.db.delete_massnahme(access.id(), id).await?;
    state.bus.publish(
        Event::new(access.id(), EventKind::Massnahme)
            .with_id(id)
            .with_feld(&m.feld_id),
    );
    Ok(())
}
