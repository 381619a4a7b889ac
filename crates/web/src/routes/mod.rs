//! The router: pages, JSON API, event streams, static assets, health and OpenAPI.

pub mod api;
pub mod api_plan;
pub mod api_runden;
pub mod api_strategie;
mod assets;
pub mod openapi;
pub mod pages;
mod teile;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderValue, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::services::Access;
use crate::state::AppState;

pub fn router(state: AppState) -> Router {
    let limit = state.config.body_limit;
    let app = Router::new()
        .merge(pages::router())
        .merge(api::router())
        .merge(api_plan::router())
        .merge(api_strategie::router())
        .merge(api_runden::router())
        .route("/w/{id}/events", get(events))
        .route("/w/{id}/teile/{teil}", get(teile::teil))
        .route("/api/v1/werkstaetten/{id}/events", get(events))
        .route("/metrics", get(metrics))
        .fallback(|| async { AppError::NotFound })
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::ctx::middleware,
        ));
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/api/openapi.json", get(openapi::document))
        .route("/static/{*path}", get(assets::serve))
        .merge(app)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn_with_state(state.clone(), messen))
        .with_state(state)
}

/// Counts every answer and its latency for `GET /metrics`; event streams, which last as
/// long as their page, are counted as open streams instead.
async fn messen(State(st): State<AppState>, req: axum::extract::Request, next: middleware::Next) -> Response {
    let strom = req.uri().path().ends_with("/events");
    let start = std::time::Instant::now();
    let r = next.run(req).await;
    if !strom {
        st.metriken.anfrage(r.status().as_u16(), start.elapsed());
    }
    r
}

/// The figures of `crate::metrik` for a scraper on the same host or an administrator;
/// others get 404. A request that came through a proxy (`X-Forwarded-For`) is not local,
/// even when the proxy runs on the same host and is not configured as trusted.
async fn metrics(
    State(st): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    let lokal = ctx.ip.is_loopback() && !headers.contains_key("x-forwarded-for");
    if !lokal && !ctx.user().is_some_and(|u| u.is_admin()) {
        return Err(AppError::NotFound);
    }
    let mut r = st.metriken.text(st.presence.offen()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    Ok(r)
}

/// The live event stream of one Werkstatt, for pages and API alike.
pub async fn events(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let a = Access::load(&st, &ctx, &id).await?;
    let who = match (&a.teilnehmende, ctx.user()) {
        (Some(t), _) => t.id.clone(),
        (None, Some(u)) => format!("konto:{}", u.id),
        _ => format!(
            "gast:{}",
            ctx.sid.as_deref().map_or("?", |s| s.get(..12).unwrap_or(s))
        ),
    };
    let guard = st
        .presence
        .try_enter(&id, &who, werkstatt_core::grenzen::STROEME_JE_SITZUNG)
        .ok_or(AppError::TooMany)?;
    let mut r = crate::events::stream(&st.bus, id, st.shutdown.clone(), Some(guard)).into_response();
    r.headers_mut()
        .insert("x-accel-buffering", HeaderValue::from_static("no"));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// Same-origin everything: no outside requests are possible even if markup slipped through.
async fn security_headers(req: axum::extract::Request, next: middleware::Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}
