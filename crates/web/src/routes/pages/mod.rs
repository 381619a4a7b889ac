//! The HTML pages: server-rendered, usable without JavaScript, enhanced by htmx and the
//! live script. Every page shares [`Nav`] and the form helper [`Form`].

mod admin;
mod gruppe;
pub mod katalog;
mod moderation;
pub mod plan;
pub(crate) mod priorisierung;
mod start;
pub mod strategie;
mod werkstatt;

use askama::Template;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use werkstatt_core::FieldErrors;

use crate::ctx::{Ctx, Viewer};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(start::index))
        .route("/j", get(start::join_lookup))
        .route("/j/{code}", get(start::join_form).post(start::join_submit))
        .route("/o/{code}", get(start::observe))
        .route("/login", get(start::login_form).post(start::login_submit))
        .route("/logout", post(start::logout))
        .route("/sprache", post(start::sprache))
        .route(
            "/werkstaetten",
            get(admin::werkstaetten).post(admin::create_werkstatt),
        )
        .route("/kommunen", get(admin::kommunen).post(admin::create_kommune))
        .route("/w/{id}", get(werkstatt::overview))
        .route("/w/{id}/phase", post(werkstatt::phase))
        .route("/w/{id}/feldwahl", get(werkstatt::feldwahl))
        .route("/w/{id}/felder", post(werkstatt::create_feld))
        .route("/w/{id}/felder/{feld}/punkte", post(werkstatt::vote))
        .route("/w/{id}/felder/{feld}/auswahl", post(werkstatt::auswahl))
        .route("/w/{id}/massnahmen", get(werkstatt::massnahmen))
        .route("/w/{id}/felder/{feld}", get(gruppe::show))
        .route("/w/{id}/felder/{feld}/gruppe", post(gruppe::join))
        .route("/w/{id}/felder/{feld}/ziel", post(gruppe::ziel))
        .route("/w/{id}/felder/{feld}/massnahmen", post(gruppe::create))
        .route("/w/{id}/massnahmen/{mid}/bearbeiten", get(gruppe::edit_form))
        .route("/w/{id}/massnahmen/{mid}", post(gruppe::update))
        .route("/w/{id}/massnahmen/{mid}/loeschen", post(gruppe::delete))
        .route("/w/{id}/felder/{feld}/katalog", get(katalog::fuer_gruppe))
        .route("/w/{id}/felder/{feld}/uebernehmen", post(katalog::uebernehmen))
        .route("/w/{id}/moderation", get(moderation::console))
        .route("/w/{id}/moderation/sperre", post(moderation::sperre))
        .route("/w/{id}/moderation/timer", post(moderation::timer))
        .route("/w/{id}/moderation/agenda", post(moderation::agenda))
        .route("/w/{id}/projektor", get(moderation::projektor))
        .route("/w/{id}/priorisierung", get(priorisierung::uebersicht))
        .route("/w/{id}/runden", post(priorisierung::neue_runde))
        .route("/w/{id}/runden/{rid}", get(priorisierung::runde))
        .route("/w/{id}/runden/{rid}/stimme", post(priorisierung::stimme))
        .route(
            "/w/{id}/runden/{rid}/papier",
            get(priorisierung::papier_form).post(priorisierung::papier),
        )
        .route("/w/{id}/runden/{rid}/status", post(priorisierung::status))
        .route("/w/{id}/rangfolge", post(priorisierung::entscheiden))
        .route("/w/{id}/strategie", get(strategie::show))
        .route("/w/{id}/strategie/texte/{art}", post(strategie::text))
        .route("/w/{id}/strategie/rollen", post(strategie::rolle_neu))
        .route("/w/{id}/strategie/rollen/{rid}", post(strategie::rolle))
        .route("/w/{id}/strategie/schritte", post(strategie::schritt_neu))
        .route("/w/{id}/strategie/schritte/{sid}", post(strategie::schritt))
        .route("/w/{id}/strategie/versionen", post(strategie::version_neu))
        .route(
            "/w/{id}/strategie/versionen/{nummer}",
            post(strategie::version_status),
        )
        .route("/w/{id}/strategie/vergleich", get(strategie::vergleich))
        .route("/w/{id}/strategie/{datei}", get(strategie::export))
        .route("/katalog", get(katalog::index))
        .route("/katalog/neu", get(katalog::neu_form).post(katalog::neu))
        .route(
            "/katalog/steckbrief/{id}",
            get(katalog::steckbrief).post(katalog::bearbeiten),
        )
        .route(
            "/katalog/steckbrief/{id}/bearbeiten",
            get(katalog::bearbeiten_form),
        )
        .route("/katalog/steckbrief/{id}/druck", get(katalog::steckbrief_druck))
        .route("/katalog/felder/{slug}", get(katalog::station))
        .route("/katalog/felder/{slug}/druck", get(katalog::station_druck))
        .route(
            "/katalog/best-practices",
            get(katalog::best_practices).post(katalog::best_practice_neu),
        )
}

/// The header navigation, from the viewer.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    pub user: Option<String>,
    pub who: Option<String>,
    pub session: bool,
    pub werkstatt_id: Option<String>,
    pub path: String,
    /// The Werkstatt's timer, shown on every page of it.
    pub timer: Option<crate::services::moderation::TimerAnzeige>,
}

impl Nav {
    /// The navigation of a page of a Werkstatt, with its timer.
    pub fn fuer(ctx: &Ctx, w: &werkstatt_store::werkstaetten::Werkstatt, path: impl Into<String>) -> Self {
        let mut n = Self::new(ctx, Some(&w.id), path);
        n.timer = crate::services::moderation::timer_anzeige(w);
        n
    }

    pub fn new(ctx: &Ctx, werkstatt_id: Option<&str>, path: impl Into<String>) -> Self {
        let (user, who, wid) = match &ctx.viewer {
            Viewer::User(u) => (
                Some(u.name.clone()),
                Some(u.name.clone()),
                werkstatt_id.map(str::to_owned),
            ),
            Viewer::Participant(t) => (None, Some(t.name.clone()), Some(t.werkstatt_id.clone())),
            Viewer::Observer { werkstatt_id } => (
                None,
                Some(ctx.tr.s("observer").to_owned()),
                Some(werkstatt_id.clone()),
            ),
            Viewer::Anonymous => (None, None, None),
        };
        Self {
            user,
            who,
            session: !matches!(ctx.viewer, Viewer::Anonymous),
            werkstatt_id: wid,
            path: path.into(),
            timer: None,
        }
    }
}

/// Submitted values and their errors, to show a form again.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
}

impl Form {
    pub fn new(values: Vec<(String, String)>) -> Self {
        Self {
            values,
            errors: Vec::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        self.values.retain(|(k, _)| k != name);
        self.values.push((name.to_owned(), value.into()));
        self
    }

    pub fn errors(mut self, tr: Tr, e: &FieldErrors) -> Self {
        for fe in &e.0 {
            self.errors.push((fe.field.clone(), tr.field_error(fe)));
        }
        self
    }

    pub fn v(&self, name: &str) -> &str {
        self.values
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn checked(&self, name: &str, value: &str) -> bool {
        self.values.iter().any(|(k, v)| k == name && v == value)
    }

    pub fn e(&self, name: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub t: Tr,
    pub nav: Nav,
    pub status: u16,
    pub message: String,
    pub fields: Vec<String>,
}

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

/// After a successful POST: see the result (Post/Redirect/Get).
pub fn see_other(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

pub fn sektoren(tr: Tr) -> Vec<(&'static str, &'static str)> {
    werkstatt_core::teilnehmende::Sektor::ALL
        .iter()
        .map(|s| (s.slug(), tr.sektor(s.slug())))
        .collect()
}

pub fn umsetzungen(tr: Tr) -> Vec<(&'static str, &'static str)> {
    werkstatt_core::massnahme::Umsetzungszeit::ALL
        .iter()
        .map(|s| (s.slug(), tr.umsetzung(s.slug())))
        .collect()
}

pub fn arten(tr: Tr) -> Vec<(&'static str, &'static str)> {
    werkstatt_core::kommune::KommuneArt::ALL
        .iter()
        .map(|s| (s.slug(), tr.art(s.slug())))
        .collect()
}
