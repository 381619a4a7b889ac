//! JSON API v1 for the Projektpläne of the Vertiefung: list, select a Maßnahme, read,
//! replace (`PUT`) or partly change (`PATCH`) a plan, remove it, and the calendars.
//!
//! A plan answers with `{massnahme_id, werkstatt_id, massnahme, version, created_at,
//! updated_at, plan, auswertung, staende}`; `auswertung` holds the schedule (earliest and
//! latest start and finish, slack, critical paths, overall duration), the milestone dates
//! and warnings, the stakeholder strategies and the resource totals.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Map, Value};
use werkstatt_core::massnahme::parse_version;

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::http::Body;
use crate::http::ics_antwort;
use crate::services::Access;
use crate::services::plan as svc;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/werkstaetten/{id}/plaene", get(liste).post(auswaehlen))
        .route(
            "/api/v1/werkstaetten/{id}/plaene/kalender.ics",
            get(kalender_alle),
        )
        .route(
            "/api/v1/werkstaetten/{id}/plaene/{mid}",
            get(lesen).put(ersetzen).patch(aendern).delete(entfernen),
        )
        .route(
            "/api/v1/werkstaetten/{id}/plaene/{mid}/kalender.ics",
            get(kalender_einer),
        )
}

async fn liste(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let v: Vec<Value> = svc::liste(&st, &a)
        .await?
        .iter()
        .map(svc::PlanSicht::json)
        .collect();
    Ok(Json(v).into_response())
}

#[derive(Deserialize)]
struct AuswahlBody {
    #[serde(default)]
    massnahme_id: String,
}

async fn auswaehlen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(b): Body<AuswahlBody>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let s = svc::auswaehlen(&st, &a, &b.massnahme_id).await?;
    Ok((StatusCode::CREATED, Json(s.json())).into_response())
}

async fn lesen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(Json(svc::laden(&st, &a, &mid).await?.json()).into_response())
}

/// Splits the optional `version` off a request body.
fn version_und_rest(body: Map<String, Value>) -> AppResult<(Option<i64>, Map<String, Value>)> {
    let mut body = body;
    let version = parse_version(&body.remove("version"))?;
    Ok((version, body))
}

async fn ersetzen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
    Body(b): Body<Map<String, Value>>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let (version, rest) = version_und_rest(b)?;
    let eingabe = svc::eingabe_aus(Value::Object(rest))?;
    Ok(Json(svc::ersetzen(&st, &a, &mid, &eingabe, version).await?.json()).into_response())
}

async fn aendern(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
    Body(b): Body<Map<String, Value>>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let (version, rest) = version_und_rest(b)?;
    Ok(Json(svc::aendern(&st, &a, &mid, rest, version).await?.json()).into_response())
}

async fn entfernen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    svc::abwaehlen(&st, &a, &mid).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn kalender_einer(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(ics_antwort(
        svc::kalender_einer_text(&st, ctx.tr, &a, &mid).await?,
        "projektplan.ics",
    ))
}

async fn kalender_alle(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(ics_antwort(
        svc::kalender_alle_text(&st, ctx.tr, &a).await?,
        "projektplaene.ics",
    ))
}
