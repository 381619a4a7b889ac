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
        .with_state(state)
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
    let guard = st.presence.enter(&id, &who);
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
