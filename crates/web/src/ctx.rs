//! The request context: who is asking (from a bearer token or the session cookie), in
//! which language, from which address. Resolved once per request by [`middleware`],
//! which also refuses cross-site writes and renders errors.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use werkstatt_store::sessions::Session;
use werkstatt_store::teilnehmende::Teilnehmende;
use werkstatt_store::users::User;

use crate::cache::sitzungen::Eintrag;
use crate::error::{AppError, ErrorInfo};
use crate::i18n::{Lang, Tr};
use crate::state::AppState;

pub const COOKIE: &str = "werkstatt_sid";
/// The name over HTTPS: browsers accept a `__Host-` cookie only with `Secure`, `Path=/`
/// and no `Domain`, so no other host or path (a sibling subdomain) can set or shadow it.
pub const COOKIE_HTTPS: &str = "__Host-werkstatt_sid";

/// The session cookie's name for a server that does (`secure`) or does not serve HTTPS.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure { COOKIE_HTTPS } else { COOKIE }
}

/// Who is asking.
#[derive(Debug, Clone)]
pub enum Viewer {
    Anonymous,
    User(User),
    Participant(Teilnehmende),
    Observer { werkstatt_id: String },
}

#[derive(Debug, Clone)]
pub struct Ctx {
    pub viewer: Viewer,
    pub tr: Tr,
    /// The session secret from the cookie, if a live session exists.
    pub sid: Option<String>,
    pub ip: IpAddr,
    /// The request is JSON API (`/api/…`).
    pub api: bool,
}

impl Ctx {
    pub fn user(&self) -> Option<&User> {
        match &self.viewer {
            Viewer::User(u) => Some(u),
            _ => None,
        }
    }

    pub fn require_user(&self) -> Result<&User, AppError> {
        self.user().ok_or(AppError::Unauthorized)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::Internal("context middleware missing".into()))
    }
}

pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The `Set-Cookie` value of a session.
pub fn session_cookie(secret: &str, max_age_s: i64, secure: bool) -> HeaderValue {
    let s = format!(
        "{}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_s}{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn clear_cookie(secure: bool) -> HeaderValue {
    if secure {
        HeaderValue::from_static("__Host-werkstatt_sid=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure")
    } else {
        HeaderValue::from_static("werkstatt_sid=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
    }
}

/// The bearer token of a request, if it carries one.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

/// Rejects state-changing requests a browser sent from another site. Modern browsers send
/// `Sec-Fetch-Site`; others send `Origin`, which must name this host. Requests with a
/// bearer token carry no ambient credentials and need no check; any other
/// `Authorization` header is ignored by [`resolve`], which then uses the cookie, so it is
/// checked like a request without one.
fn cross_site(req: &Request) -> bool {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let h = req.headers();
    if bearer(h).is_some() {
        return false;
    }
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    if let Some(origin) = h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = h.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
        let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
        return origin == "null" || origin_host != host;
    }
    false
}

async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(Viewer, Option<Session>, Option<String>), AppError> {
    if let Some(token) = bearer(headers) {
        let schluessel = format!("bearer:{token}");
        if let Some(e) = state.cache.sitzungen.holen(&schluessel) {
            return Ok((e.viewer, None, None));
        }
        return match state.db.user_by_token(token).await {
            Ok(u) => {
                let viewer = Viewer::User(u);
                state.cache.sitzungen.merken(
                    &schluessel,
                    Eintrag {
                        viewer: viewer.clone(),
                        session: None,
                    },
                );
                Ok((viewer, None, None))
            }
            Err(werkstatt_store::StoreError::NotFound) => Err(AppError::Unauthorized),
            Err(e) => Err(e.into()),
        };
    }
    let Some(secret) = cookie_value(headers, cookie_name(state.config.secure_cookies)) else {
        return Ok((Viewer::Anonymous, None, None));
    };
    if let Some(e) = state.cache.sitzungen.holen(secret) {
        return Ok(match e.session {
            Some(s) => (e.viewer, Some(s), Some(secret.to_owned())),
            None => (Viewer::Anonymous, None, None),
        });
    }
    let Some(s) = state.db.session(secret).await? else {
        state.cache.sitzungen.merken(
            secret,
            Eintrag {
                viewer: Viewer::Anonymous,
                session: None,
            },
        );
        return Ok((Viewer::Anonymous, None, None));
    };
    let viewer = match (s.role.as_str(), &s.user_id, &s.werkstatt_id, &s.teilnehmende_id) {
        ("user", Some(u), _, _) => state
            .db
            .user(u)
            .await
            .map(Viewer::User)
            .unwrap_or(Viewer::Anonymous),
        ("participant", _, Some(w), Some(t)) => state
            .db
            .teilnehmende_one(w, t)
            .await
            .map(Viewer::Participant)
            .unwrap_or(Viewer::Anonymous),
        ("observer", _, Some(w), _) => Viewer::Observer {
            werkstatt_id: w.clone(),
        },
        _ => Viewer::Anonymous,
    };
    state.cache.sitzungen.merken(
        secret,
        Eintrag {
            viewer: viewer.clone(),
            session: Some(s.clone()),
        },
    );
    Ok((viewer, Some(s), Some(secret.to_owned())))
}

/// The Werkstatt a writing request may change, from its path, or the catalogue.
enum Betroffen {
    Werkstatt(String),
    Katalog,
}

fn betroffen(method: &Method, path: &str) -> Option<Betroffen> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    let id = path
        .strip_prefix("/w/")
        .or_else(|| path.strip_prefix("/api/v1/werkstaetten/"))
        .and_then(|rest| rest.split('/').next())
        .filter(|id| !id.is_empty());
    if let Some(id) = id {
        return Some(Betroffen::Werkstatt(id.to_owned()));
    }
    // The catalogue and the Kommunen are shown in every Werkstatt (a bundle brings both).
    [
        "/katalog",
        "/api/v1/katalog",
        "/kommunen",
        "/api/v1/kommunen",
        "/api/v1/bundles",
    ]
    .iter()
    .any(|p| path.starts_with(p))
    .then_some(Betroffen::Katalog)
}

pub async fn middleware(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let headers = req.headers().clone();
    let query_lang = req
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("lang=")))
        .and_then(Lang::parse);
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default();
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |c| c.0.ip());
    let ip = crate::http::adresse::client(peer, &headers, &state.config.trusted_proxies);

    let fallback = Tr::new(query_lang.unwrap_or(accept));
    if cross_site(&req) {
        return render_error(fallback, api, &AppError::Forbidden.info());
    }
    let (viewer, session, sid) = match resolve(&state, &headers).await {
        Ok(v) => v,
        Err(e) => return render_error(fallback, api, &e.info()),
    };
    let lang = query_lang
        .or_else(|| {
            session
                .as_ref()
                .and_then(|s| s.lang.as_deref())
                .and_then(Lang::parse)
        })
        .unwrap_or(accept);
    let ctx = Ctx {
        viewer,
        tr: Tr::new(lang),
        sid,
        ip,
        api,
    };
    req.extensions_mut().insert(ctx.clone());
    let betroffen = betroffen(req.method(), req.uri().path());
    let schreibend = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut resp = next.run(req).await;
    // Logging in or out, joining, switching the language: a session that a request may
    // have changed is read afresh next time.
    if let Some(sid) = &ctx.sid
        && (schreibend || resp.headers().contains_key(header::SET_COOKIE))
    {
        state.cache.sitzungen.vergessen(sid);
    }
    // A writing request may have changed its Werkstatt even where no event names it: the
    // caches forget it before the answer leaves, so the next page shows the change.
    match betroffen {
        Some(Betroffen::Werkstatt(w)) => state.cache.geaendert(&w),
        Some(Betroffen::Katalog) => state.bus.publish(werkstatt_core::event::Event::new(
            crate::events::KATALOG,
            werkstatt_core::event::EventKind::Resync,
        )),
        None => {}
    }
    let mut resp = match resp.extensions_mut().remove::<ErrorInfo>() {
        Some(info) => render_error(ctx.tr, api, &info),
        None => resp,
    };
    // What a signed-in person sees is theirs: no shared or disk cache keeps it. Answers
    // that chose their own caching (static files, fragments revalidated by ETag) keep it.
    if !matches!(ctx.viewer, Viewer::Anonymous) && !resp.headers().contains_key(header::CACHE_CONTROL) {
        resp.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// Renders an error as JSON (API) or as a page.
pub fn render_error(tr: Tr, api: bool, info: &ErrorInfo) -> Response {
    if api {
        let fields: Vec<_> = info
            .fields
            .0
            .iter()
            .map(|f| serde_json::json!({"field": f.field, "code": f.code, "message": tr.field_error(f)}))
            .collect();
        let mut body = serde_json::json!({
            "error": info.code,
            "message": tr.s(info.code),
            "fields": fields,
        });
        if let Some(v) = info.current_version {
            body["current_version"] = v.into();
        }
        return (info.status, axum::Json(body)).into_response();
    }
    let page = crate::view::ErrorPage {
        t: tr,
        nav: crate::view::Nav::default(),
        status: info.status.as_u16(),
        message: tr.s(info.code).to_owned(),
        fields: info.fields.0.iter().map(|f| tr.field_error(f)).collect(),
    };
    match askama::Template::render(&page) {
        Ok(html) => (info.status, axum::response::Html(html)).into_response(),
        Err(_) => (info.status, tr.s(info.code)).into_response(),
    }
}
