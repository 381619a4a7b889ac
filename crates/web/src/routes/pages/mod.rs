//! The HTML pages: server-rendered, usable without JavaScript, enhanced by htmx and the
//! live script. Their shared pieces live in `crate::view` and `crate::http`.

mod admin;
mod gruppe;
mod katalog;
mod moderation;
mod plan;
mod priorisierung;
mod rechtliches;
mod start;
mod strategie;
mod werkstatt;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(rechtliches::router())
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
        .merge(plan::router())
}
