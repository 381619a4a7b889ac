//! JSON API v1: the same actions as the pages, for scripts and other tools.
//! Authentication by bearer token (accounts) or by the session cookie (participants).

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};
use werkstatt_core::handlungsfeld::{FeldInput, ZielInput};
use werkstatt_core::kommune::KommuneInput;
use werkstatt_core::massnahme::MassnahmeInput;
use werkstatt_core::teilnehmende::JoinInput;
use werkstatt_core::werkstatt::WerkstattInput;
use werkstatt_store::sessions::PARTICIPANT_TTL_MS;

use crate::ctx::{Ctx, Viewer, session_cookie};
use crate::error::{AppError, AppResult};
use crate::http::Body;
use crate::services::{Access, accounts, feldwahl, gruppen, katalog, werkstatt as svc};
use crate::state::AppState;

/// The largest bundle accepted for import.
pub const BUNDLE_LIMIT: usize = werkstatt_core::bundle::HOECHSTENS_BYTES;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/me", get(me))
        .route("/api/v1/join", post(join))
        .route("/api/v1/kommunen", get(kommunen).post(create_kommune))
        .route("/api/v1/werkstaetten", get(werkstaetten).post(create_werkstatt))
        .route("/api/v1/werkstaetten/{id}", get(werkstatt))
        .route("/api/v1/werkstaetten/{id}/phase", put(phase))
        .route("/api/v1/werkstaetten/{id}/teilnehmende", get(teilnehmende))
        .route("/api/v1/werkstaetten/{id}/felder", get(felder).post(create_feld))
        .route("/api/v1/werkstaetten/{id}/felder/{feld}/auswahl", put(auswahl))
        .route("/api/v1/werkstaetten/{id}/felder/{feld}/punkte", put(punkte))
        .route("/api/v1/werkstaetten/{id}/felder/{feld}/gruppe", post(gruppe))
        .route(
            "/api/v1/werkstaetten/{id}/felder/{feld}/ziel",
            get(ziel).put(set_ziel),
        )
        .route(
            "/api/v1/werkstaetten/{id}/massnahmen",
            get(massnahmen).post(create_massnahme),
        )
        .route(
            "/api/v1/werkstaetten/{id}/massnahmen/{mid}",
            get(massnahme).put(update_massnahme).delete(delete_massnahme),
        )
        .route("/api/v1/werkstaetten/{id}/bundle", get(export_bundle))
        // A bundle carries whole strategy versions (with their charts): larger than forms.
        .route(
            "/api/v1/bundles",
            post(import_bundle).layer(axum::extract::DefaultBodyLimit::max(BUNDLE_LIMIT)),
        )
        .route("/api/v1/katalog", get(katalog_export))
        .route(
            "/api/v1/katalog/steckbriefe",
            get(steckbriefe).post(steckbrief_neu),
        )
        .route(
            "/api/v1/katalog/steckbriefe/{sid}",
            get(steckbrief).put(steckbrief_aendern),
        )
        .route(
            "/api/v1/katalog/best-practices",
            get(best_practices).post(best_practice_neu),
        )
        .route("/api/v1/katalog/best-practices/{bid}", put(best_practice_aendern))
        .route(
            "/api/v1/werkstaetten/{id}/felder/{feld}/uebernehmen",
            post(uebernehmen),
        )
}

fn created(v: impl serde::Serialize) -> Response {
    (StatusCode::CREATED, Json(v)).into_response()
}

async fn me(ctx: Ctx) -> AppResult<Json<Value>> {
    Ok(Json(match &ctx.viewer {
        Viewer::User(u) => json!({"role": u.role, "id": u.id, "name": u.name, "email": u.email}),
        Viewer::Participant(t) => {
            json!({"role": "participant", "id": t.id, "name": t.name, "werkstatt_id": t.werkstatt_id})
        }
        Viewer::Observer { werkstatt_id } => json!({"role": "observer", "werkstatt_id": werkstatt_id}),
        Viewer::Anonymous => return Err(AppError::Unauthorized),
    }))
}

async fn join(State(st): State<AppState>, ctx: Ctx, Body(input): Body<JoinInput>) -> AppResult<Response> {
    let (t, secret) = accounts::join(&st, &ctx, &input).await?;
    let mut r = created(&t);
    r.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(&secret, PARTICIPANT_TTL_MS / 1000, st.config.secure_cookies),
    );
    Ok(r)
}

async fn kommunen(State(st): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    Ok(Json(st.db.kommunen().await?).into_response())
}

async fn create_kommune(
    State(st): State<AppState>,
    ctx: Ctx,
    Body(input): Body<KommuneInput>,
) -> AppResult<Response> {
    Ok(created(svc::create_kommune(&st, &ctx, input).await?))
}

async fn werkstaetten(State(st): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    Ok(Json(svc::list(&st, &ctx).await?).into_response())
}

async fn create_werkstatt(
    State(st): State<AppState>,
    ctx: Ctx,
    Body(input): Body<WerkstattInput>,
) -> AppResult<Response> {
    Ok(created(svc::create_werkstatt(&st, &ctx, input).await?))
}

async fn werkstatt(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let mut v = serde_json::to_value(&a.werkstatt).map_err(|e| AppError::Internal(e.to_string()))?;
    v["kommunen"] = serde_json::to_value(st.db.werkstatt_kommunen(&id).await?).unwrap_or_default();
    if a.moderator {
        v["observer_code"] = a.werkstatt.observer_code.clone().into();
    } else {
        v.as_object_mut().map(|o| o.remove("join_code"));
    }
    Ok(Json(v).into_response())
}

#[derive(Deserialize)]
struct PhaseBody {
    phase: String,
}

async fn phase(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(b): Body<PhaseBody>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(Json(svc::set_phase(&st, &a, &b.phase).await?).into_response())
}

async fn teilnehmende(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    if a.observer {
        return Err(AppError::Forbidden);
    }
    Ok(Json(st.db.teilnehmende(&id).await?).into_response())
}

async fn felder(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(Json(feldwahl::stand(&st, &a).await?).into_response())
}

async fn create_feld(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<FeldInput>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(created(feldwahl::create_feld(&st, &a, input).await?))
}

#[derive(Deserialize)]
struct AuswahlBody {
    gewaehlt: bool,
}

async fn auswahl(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
    Body(b): Body<AuswahlBody>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(Json(feldwahl::set_gewaehlt(&st, &a, &feld, b.gewaehlt).await?).into_response())
}

#[derive(Deserialize)]
struct PunkteBody {
    punkte: u32,
}

async fn punkte(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
    Body(b): Body<PunkteBody>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    feldwahl::vote(&st, &a, &feld, b.punkte).await?;
    let meine = match &a.teilnehmende {
        Some(t) => st.db.meine_feldstimmen(&t.id).await?,
        None => Default::default(),
    };
    Ok(
        Json(json!({"feld_id": feld, "punkte": b.punkte, "verbraucht": meine.values().sum::<u32>()}))
            .into_response(),
    )
}

async fn gruppe(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    feldwahl::join_gruppe(&st, &a, &feld).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn ziel(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
) -> AppResult<Response> {
    Access::load(&st, &ctx, &id).await?;
    st.db.feld(&id, &feld).await?;
    match st.db.ziel(&id, &feld).await? {
        Some(z) => Ok(Json(z).into_response()),
        None => Err(AppError::NotFound),
    }
}

async fn set_ziel(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
    Body(input): Body<ZielInput>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(Json(gruppen::set_ziel(&st, &a, &feld, &input).await?).into_response())
}

async fn massnahmen(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    Access::load(&st, &ctx, &id).await?;
    Ok(Json(st.db.massnahmen(&id).await?).into_response())
}

async fn create_massnahme(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Body(input): Body<MassnahmeInput>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(created(
        gruppen::create_massnahme(&st, &ctx, &a, &input, input.proxy).await?,
    ))
}

async fn massnahme(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
) -> AppResult<Response> {
    Access::load(&st, &ctx, &id).await?;
    Ok(Json(st.db.massnahme(&id, &mid).await?).into_response())
}

async fn update_massnahme(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
    Body(input): Body<MassnahmeInput>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(Json(gruppen::update_massnahme(&st, &a, &mid, &input).await?).into_response())
}

async fn delete_massnahme(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    gruppen::delete_massnahme(&st, &a, &mid).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn export_bundle(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    a.require_moderator()?;
    Ok(Json(st.db.export_bundle_komplett(&id).await?).into_response())
}

async fn import_bundle(State(st): State<AppState>, ctx: Ctx, body: String) -> AppResult<Response> {
    let user = ctx.require_user()?;
    let b = werkstatt_core::bundle::parse_json(&body)?;
    let id = st.db.import_bundle(&b, Some(&user.id)).await?;
    Ok(created(json!({"werkstatt_id": id})))
}

async fn katalog_export(State(st): State<AppState>) -> AppResult<Response> {
    Ok(Json(st.db.katalog().await?).into_response())
}

async fn steckbriefe(
    State(st): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<crate::http::query::SucheQuery>,
) -> AppResult<Response> {
    Ok(Json(crate::services::katalog::suchen(&st, &q.suche()).await?).into_response())
}

async fn steckbrief(State(st): State<AppState>, Path(sid): Path<String>) -> AppResult<Response> {
    Ok(Json(st.db.steckbrief(&sid).await?).into_response())
}

async fn steckbrief_neu(
    State(st): State<AppState>,
    ctx: Ctx,
    Body(s): Body<werkstatt_core::katalog::Steckbrief>,
) -> AppResult<Response> {
    katalog::save_steckbrief(&st, &ctx, &s, true).await?;
    Ok(created(st.db.steckbrief(&s.id).await?))
}

async fn steckbrief_aendern(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(sid): Path<String>,
    Body(s): Body<werkstatt_core::katalog::Steckbrief>,
) -> AppResult<Response> {
    if s.id != sid {
        return Err(werkstatt_core::FieldError::new("id", "err-invalid").into());
    }
    katalog::save_steckbrief(&st, &ctx, &s, false).await?;
    Ok(Json(st.db.steckbrief(&sid).await?).into_response())
}

async fn best_practices(State(st): State<AppState>) -> AppResult<Response> {
    Ok(Json(st.db.best_practices().await?).into_response())
}

async fn best_practice_neu(
    State(st): State<AppState>,
    ctx: Ctx,
    Body(b): Body<werkstatt_core::katalog::BestPractice>,
) -> AppResult<Response> {
    katalog::save_best_practice(&st, &ctx, &b).await?;
    Ok(created(&b))
}

#[derive(Deserialize)]
struct UebernehmenBody {
    steckbrief_id: String,
}

async fn uebernehmen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
    Body(b): Body<UebernehmenBody>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(created(
        katalog::uebernehmen(&st, &ctx, &a, &feld, &b.steckbrief_id).await?,
    ))
}

async fn best_practice_aendern(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(bid): Path<String>,
    Body(b): Body<werkstatt_core::katalog::BestPractice>,
) -> AppResult<Response> {
    if b.id != bid {
        return Err(werkstatt_core::FieldError::new("id", "err-invalid").into());
    }
    if !st
        .db
        .best_practices()
        .await?
        .iter()
        .any(|x| x.best_practice.id == bid)
    {
        return Err(AppError::NotFound);
    }
    katalog::save_best_practice(&st, &ctx, &b).await?;
    Ok(Json(&b).into_response())
}
