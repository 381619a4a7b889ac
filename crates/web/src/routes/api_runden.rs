//! JSON API v1 for the prioritisation: rounds, ballots (also paper ones), results, ranking.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use werkstatt_core::abstimmung::RundeInput;

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::http::Body;
use crate::services::Access;
use crate::services::priorisierung::{self as svc, EntscheidungInput};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/werkstaetten/{id}/runden", get(runden).post(neue_runde))
        .route("/api/v1/werkstaetten/{id}/runden/{rid}", get(runde))
        .route("/api/v1/werkstaetten/{id}/runden/{rid}/status", put(status))
        .route(
            "/api/v1/werkstaetten/{id}/runden/{rid}/stimmzettel",
            put(stimmzettel),
        )
        .route("/api/v1/werkstaetten/{id}/runden/{rid}/papier", post(papier))
        .route(
            "/api/v1/werkstaetten/{id}/rangfolge",
            get(rangfolge).put(entscheiden),
        )
}

async fn runden(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let mut out = Vec::new();
    for r in st.db.runden(&id).await? {
        out.push(svc::stand(&st, &a, &r.id).await?);
    }
    Ok(Json(out).into_response())
}

async fn neue_runde(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<RundeInput>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let r = svc::create(&st, &a, &input).await?;
    let a = Access::load(&st, &ctx, &id).await?;
    Ok((StatusCode::CREATED, Json(svc::stand(&st, &a, &r.id).await?)).into_response())
}

async fn runde(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(Json(svc::stand(&st, &a, &rid).await?).into_response())
}

#[derive(Deserialize)]
struct StatusBody {
    status: String,
}

async fn status(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(String, String)>,
    Body(b): Body<StatusBody>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    svc::set_status(&st, &a, &rid, &b.status).await?;
    Ok(Json(svc::stand(&st, &a, &rid).await?).into_response())
}

#[derive(Deserialize)]
struct ZettelBody {
    inhalt: serde_json::Value,
}

async fn stimmzettel(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(String, String)>,
    Body(b): Body<ZettelBody>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    svc::abstimmen(&st, &a, &rid, &b.inhalt, false).await?;
    Ok(Json(svc::stand(&st, &a, &rid).await?).into_response())
}

async fn papier(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(String, String)>,
    Body(b): Body<ZettelBody>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    svc::abstimmen(&st, &a, &rid, &b.inhalt, true).await?;
    Ok((StatusCode::CREATED, Json(svc::stand(&st, &a, &rid).await?)).into_response())
}

async fn rangfolge(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(Json(svc::endstand(&st, &a).await?).into_response())
}

async fn entscheiden(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(b): Body<EntscheidungInput>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(Json(svc::entscheiden(&st, &a, &b).await?).into_response())
}
