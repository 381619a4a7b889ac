//! Answers of page handlers: a rendered page, a form shown again, Post/Redirect/Get, downloads.

use std::future::Future;

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use werkstatt_core::FieldErrors;
use werkstatt_export::Format;

use crate::error::{AppError, AppResult};

/// Renders a page with status 200.
pub fn page(t: impl Template) -> AppResult<Response> {
    Ok(Html(t.render()?).into_response())
}

/// Renders a page with a form that had errors (422).
pub fn invalid(t: impl Template) -> AppResult<Response> {
    Ok(not_pushed(StatusCode::UNPROCESSABLE_ENTITY, t.render()?))
}

/// A page answering a failed POST: htmx must not put the POST address into the history,
/// where a reload or bookmark would find no page.
pub fn not_pushed(status: StatusCode, html: String) -> Response {
    let mut r = (status, Html(html)).into_response();
    r.headers_mut()
        .insert("hx-push-url", HeaderValue::from_static("false"));
    r
}

/// `to` where it is a path on this server, otherwise `/`. Browsers read `/\host` and
/// `/<tab>/host` as `//host`, another site, so a backslash or control character anywhere
/// makes the address foreign, as does a second slash at the start.
pub fn lokaler_pfad(to: &str) -> &str {
    let fremd = !to.starts_with('/')
        || to[1..].starts_with(['/', '\\'])
        || to
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    if fremd { "/" } else { to }
}

/// After a successful POST: see the result (Post/Redirect/Get).
pub fn see_other(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// The answer to a form POST: success sees the next page (303), invalid input shows the
/// form again with its errors (422), every other error passes on.
pub async fn nach_post<T, P, F>(
    ergebnis: AppResult<T>,
    weiter: impl FnOnce(T) -> String,
    erneut: impl FnOnce(FieldErrors) -> F,
) -> AppResult<Response>
where
    P: Template,
    F: Future<Output = AppResult<P>>,
{
    match ergebnis {
        Ok(v) => Ok(see_other(&weiter(v))),
        Err(AppError::Invalid(e)) => invalid(erneut(e).await?),
        Err(e) => Err(e),
    }
}

/// Sends an exported document as a download.
pub fn datei(bytes: Vec<u8>, name: &str, format: Format) -> Response {
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.mime()));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// An iCalendar file as a download.
pub fn ics_antwort(body: String, dateiname: &str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{dateiname}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

#[cfg(test)]
mod tests {
    use super::lokaler_pfad;

    #[test]
    fn only_paths_of_this_server_are_redirect_targets() {
        for eigen in [
            "/",
            "/w/abc/massnahmen",
            "/katalog?q=wlan&feld=tourismus",
            "/w/a#m-1",
        ] {
            assert_eq!(lokaler_pfad(eigen), eigen);
        }
        for fremd in [
            "//evil.example",
            "/\\evil.example",
            "/\\/evil.example",
            "/\t/evil.example",
            "/w/\\..\\evil",
            "https://evil.example",
            "evil.example",
            "",
            " /w",
        ] {
            assert_eq!(lokaler_pfad(fremd), "/", "{fremd:?}");
        }
    }
}
