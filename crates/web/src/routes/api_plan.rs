//! JSON API v1 for Projektpläne (in progress).

use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
}
