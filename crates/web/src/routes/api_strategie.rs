//! JSON API v1 for the Digitalstrategie: read the editable parts, change free texts, roles
//! and next steps, store versions, compare them, and download the document in any format.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use werkstatt_core::strategie::organigramm::{RolleDaten, RolleInput};
use werkstatt_core::strategie::schritte::{SchrittDaten, SchrittInput};
use werkstatt_core::strategie::texte::Freitext;
use werkstatt_export::Format;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::http::Body;
use crate::http::datei;
use crate::http::query::{ExportQuery, VergleichQuery};
use crate::services::Access;
use crate::services::strategie as svc;
use crate::state::AppState;

const BASIS: &str = "/api/v1/werkstaetten/{id}/strategie";

pub fn router() -> Router<AppState> {
    let r = |s: &str| format!("{BASIS}{s}");
    Router::new()
        .route(BASIS, get(lesen))
        .route(&r("/texte/{art}"), put(text).delete(text_zuruecksetzen))
        .route(&r("/rollen"), post(rolle_neu).delete(organigramm_zuruecksetzen))
        .route(&r("/rollen/{rid}"), put(rolle).delete(rolle_entfernen))
        .route(&r("/schritte"), post(schritt_neu).delete(schritte_zuruecksetzen))
        .route(&r("/schritte/{sid}"), put(schritt).delete(schritt_entfernen))
        .route(&r("/versionen"), post(version_neu))
        .route(&r("/versionen/{nummer}"), put(version_status))
        .route(&r("/vergleich"), get(vergleich))
        .route(&r("/dokument"), get(dokument))
        .route(&r("/{datei}"), get(export))
}

async fn zugang(st: &AppState, ctx: &Ctx, id: &str) -> AppResult<Access> {
    Access::load(st, ctx, id).await
}

async fn lesen(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    let s = svc::sicht(&st, &a).await?;
    let texte: serde_json::Map<String, Value> = Freitext::ALL
        .iter()
        .map(|f| {
            (
                f.slug().to_owned(),
                json!({"text": s.text(*f), "eigen": s.daten.texte.get(*f).is_some()}),
            )
        })
        .collect();
    Ok(Json(json!({
        "version": s.daten.version,
        "texte": texte,
        "organigramm": s.organigramm,
        "organigramm_eigen": s.daten.organigramm.is_some(),
        "schritte": s.schritte,
        "schritte_eigen": s.daten.schritte.is_some(),
        "versionen": s.versionen,
        "formate": ["pdf", "docx", "odt", "md", "html"],
    }))
    .into_response())
}

fn ok() -> AppResult<Response> {
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize)]
struct TextBody {
    #[serde(default)]
    text: String,
    #[serde(default)]
    version: i64,
}

fn freitext(slug: &str) -> AppResult<Freitext> {
    Freitext::parse("art", slug).map_err(|_| AppError::NotFound)
}

async fn text(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, art)): Path<(String, String)>,
    Body(b): Body<TextBody>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    svc::text_speichern(&st, &a, freitext(&art)?, &b.text, b.version).await?;
    ok()
}

async fn text_zuruecksetzen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, art)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    svc::text_zuruecksetzen(&st, &a, freitext(&art)?).await?;
    ok()
}

async fn rolle_neu(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(b): Body<RolleInput>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    svc::rolle_hinzufuegen(&st, &a, &RolleDaten::try_from(&b)?).await?;
    Ok(StatusCode::CREATED.into_response())
}

async fn rolle(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(String, String)>,
    Body(b): Body<RolleInput>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    svc::rolle_aendern(&st, &a, &rid, &RolleDaten::try_from(&b)?).await?;
    ok()
}

async fn rolle_entfernen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    svc::rolle_entfernen(&st, &a, &rid).await?;
    ok()
}

async fn organigramm_zuruecksetzen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    svc::organigramm_zuruecksetzen(&st, &a).await?;
    ok()
}

async fn schritt_neu(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(b): Body<SchrittInput>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    svc::schritt_hinzufuegen(&st, &a, &SchrittDaten::try_from(&b)?).await?;
    Ok(StatusCode::CREATED.into_response())
}

async fn schritt(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, sid)): Path<(String, String)>,
    Body(b): Body<SchrittInput>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    svc::schritt_aendern(&st, &a, &sid, &SchrittDaten::try_from(&b)?).await?;
    ok()
}

async fn schritt_entfernen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, sid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    svc::schritt_entfernen(&st, &a, &sid).await?;
    ok()
}

async fn schritte_zuruecksetzen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    svc::schritte_zuruecksetzen(&st, &a).await?;
    ok()
}

#[derive(Deserialize)]
struct VersionBody {
    #[serde(default)]
    status: String,
    #[serde(default)]
    beschlossen_am: String,
    #[serde(default)]
    notiz: String,
}

async fn version_neu(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(b): Body<VersionBody>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    let status = if b.status.is_empty() { "entwurf" } else { &b.status };
    let k = svc::version_erzeugen(&st, &a, status, &b.beschlossen_am, &b.notiz).await?;
    Ok((StatusCode::CREATED, Json(k)).into_response())
}

async fn version_status(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, nummer)): Path<(String, i64)>,
    Body(b): Body<VersionBody>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    svc::version_status(&st, &a, nummer, &b.status, &b.beschlossen_am).await?;
    ok()
}

async fn vergleich(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VergleichQuery>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    let zahl = |s: &str| s.trim().parse::<i64>().ok().filter(|n| *n >= 0);
    let (Some(alt), Some(neu)) = (zahl(&q.alt), zahl(&q.neu)) else {
        return Err(AppError::BadRequest("err-vergleich-auswahl"));
    };
    Ok(Json(svc::vergleichen(&st, &a, alt, neu).await?).into_response())
}

/// The document model as JSON (what every format is rendered from).
async fn dokument(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    let d = svc::dokument_db(&st.db, &a.werkstatt, q.version).await?;
    Ok(Json(d).into_response())
}

async fn export(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, datei_name)): Path<(String, String)>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let a = zugang(&st, &ctx, &id).await?;
    let format = datei_name
        .strip_prefix("export.")
        .and_then(Format::parse)
        .ok_or(AppError::BadRequest("err-format"))?;
    let (bytes, name) = svc::export(&st, &a, format, q.version).await?;
    Ok(datei(bytes, &name, format))
}
