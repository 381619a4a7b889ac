//! The legal pages: the administrator's text, or the shipped default with placeholders.

use werkstatt_core::rechtstexte::{self, Rechtstext};

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The shipped default of a legal page (German; the administrator adapts it).
pub fn standard(art: Rechtstext) -> &'static str {
    match art {
        Rechtstext::Impressum => include_str!("../../rechtstexte/impressum.md"),
        Rechtstext::Datenschutz => include_str!("../../rechtstexte/datenschutz.md"),
        Rechtstext::Barrierefreiheit => include_str!("../../rechtstexte/barrierefreiheit.md"),
    }
}

/// The text in effect, and whether the administrator wrote it.
pub async fn lesen(state: &AppState, art: Rechtstext) -> AppResult<(String, bool)> {
    Ok(match state.db.rechtstext(art).await? {
        Some(t) => (t, true),
        None => (standard(art).to_owned(), false),
    })
}

/// Only administrators write the instance's legal pages.
pub fn darf_aendern(ctx: &Ctx) -> bool {
    ctx.user().is_some_and(|u| u.is_admin())
}

/// Stores an administrator's text; an empty text brings the default back.
pub async fn speichern(state: &AppState, ctx: &Ctx, art: Rechtstext, roh: &str) -> AppResult<()> {
    ctx.require_user()?;
    if !darf_aendern(ctx) {
        return Err(AppError::Forbidden);
    }
    let text = rechtstexte::parse(roh)?;
    Ok(state.db.set_rechtstext(art, text.as_deref()).await?)
}
