//! Kommunen, Werkstätten and their phase.

use werkstatt_core::event::{Event, EventKind};
use werkstatt_core::kommune::{KommuneInput, NeueKommune};
use werkstatt_core::werkstatt::{NeueWerkstatt, Phase, WerkstattInput};
use werkstatt_store::kommunen::Kommune;
use werkstatt_store::werkstaetten::Werkstatt;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::services::Access;
use crate::state::AppState;

/// Only accounts (admins, facilitators) create Kommunen and Werkstätten.
pub async fn create_kommune(state: &AppState, ctx: &Ctx, input: KommuneInput) -> AppResult<Kommune> {
    ctx.require_user()?;
    let k = NeueKommune::try_from(input)?;
    Ok(state.db.create_kommune(&k).await?)
}

pub async fn create_werkstatt(state: &AppState, ctx: &Ctx, input: WerkstattInput) -> AppResult<Werkstatt> {
    let user = ctx.require_user()?;
    let w = NeueWerkstatt::try_from(input)?;
    Ok(state.db.create_werkstatt(&w, Some(&user.id)).await?)
}

/// The Werkstätten an account may see.
pub async fn list(state: &AppState, ctx: &Ctx) -> AppResult<Vec<Werkstatt>> {
    let user = ctx.require_user()?;
    Ok(if user.is_admin() {
        state.db.werkstaetten().await?
    } else {
        state.db.werkstaetten_of(&user.id).await?
    })
}

/// Moves the Werkstatt one phase forward or back.
pub async fn set_phase(state: &AppState, access: &Access, to: &str) -> AppResult<Werkstatt> {
    access.require_moderator()?;
    let to = Phase::parse("phase", to)?;
    let from = access.werkstatt.phase();
    if !from.can_move_to(to) {
        return Err(werkstatt_core::FieldError::new("phase", "err-phase-step").into());
    }
    let w = state
        .db
        .set_phase(access.id(), from, to)
        .await
        .map_err(|e| match e {
            werkstatt_store::StoreError::VersionConflict { current } => AppError::Conflict {
                code: "err-phase-moved",
                current: Some(current),
            },
            e => e.into(),
        })?;
    state.bus.publish(Event::new(access.id(), EventKind::Phase));
    Ok(w)
}
