//! `GET /w/{id}/teile/{teil}`: one live fragment alone, for the live script. Answers
//! `304 Not Modified` when the client already has the same bytes (`If-None-Match`).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::services::Access;
use crate::state::AppState;
use crate::teile::{self, Teil};

#[derive(Debug, Deserialize)]
pub struct TeilQuery {
    #[serde(default)]
    feld: String,
}

pub async fn teil(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, teil)): Path<(String, String)>,
    Query(q): Query<TeilQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let teil = Teil::parse(&teil).ok_or(AppError::NotFound)?;
    let a = Access::load(&st, &ctx, &id).await?;
    let g = teile::rendern(&st, &ctx, &a, teil, &q.feld).await?;
    let etag = teile::etag(&g.html);
    let bekannt = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim() == etag));
    let mut r = if bekannt {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Html(g.html.to_string()).into_response()
    };
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    // Private data of one Werkstatt: kept by no shared cache, revalidated every time.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    h.insert(header::VARY, HeaderValue::from_static("Cookie, Accept-Language"));
    Ok(r)
}
