//! The overview of a Werkstatt, its phase control, the Feldwahl and the list of all Maßnahmen.

use askama::Template;
use axum::Form as AxForm;
use axum::extract::{Path, State};
use axum::response::Response;
use werkstatt_core::handlungsfeld::FeldInput;
use werkstatt_core::werkstatt::{format_datum_de, parse_datum};
use werkstatt_store::kommunen::Kommune;
use werkstatt_store::werkstaetten::Werkstatt;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::http::{invalid, nach_post, page, see_other};
use crate::i18n::Tr;
use crate::services::feldwahl::{self, Feldwahl};
use crate::services::{Access, werkstatt as svc};
use crate::state::AppState;
use crate::teile::{self, Gerendert, Teil};
use crate::view::{Form, Nav};

type Pairs = Vec<(String, String)>;

#[derive(Template)]
#[template(path = "werkstatt.html")]
struct OverviewPage {
    t: Tr,
    nav: Nav,
    w: Werkstatt,
    datum: String,
    kommunen: Vec<Kommune>,
    moderator: bool,
    join_code: String,
    me: Option<String>,
    phase_teil: Gerendert,
    felder: Gerendert,
    teilnehmende: Gerendert,
}

pub async fn overview(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let w = a.werkstatt.clone();
    let phase_teil = teile::rendern(&st, &ctx, &a, Teil::Phase, "").await?;
    let felder = teile::rendern(&st, &ctx, &a, Teil::Felder, "").await?;
    let teilnehmende = teile::rendern(&st, &ctx, &a, Teil::Teilnehmende, "").await?;
    page(OverviewPage {
        t: ctx.tr,
        nav: Nav::fuer(&ctx, &a.werkstatt, format!("/w/{id}")),
        datum: parse_datum("datum", &w.datum)
            .map(format_datum_de)
            .unwrap_or_else(|_| w.datum.clone()),
        kommunen: teile::kommunen(&st, &a).await?.as_ref().clone(),
        moderator: a.moderator,
        join_code: w.join_code_display(),
        me: a.teilnehmende.as_ref().map(|t| t.name.clone()),
        phase_teil,
        felder,
        teilnehmende,
        w,
    })
}

pub async fn phase(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    svc::set_phase(&st, &a, f.v("phase")).await?;
    Ok(see_other(&format!("/w/{id}")))
}

#[derive(Template)]
#[template(path = "feldwahl.html")]
struct FeldwahlPage {
    t: Tr,
    nav: Nav,
    w: Werkstatt,
    stand: Feldwahl,
    voter: bool,
    voting_open: bool,
    moderator: bool,
    can_propose: bool,
    vote_error: Option<String>,
    f: Form,
}

async fn feldwahl_page(
    st: &AppState,
    ctx: &Ctx,
    a: &Access,
    f: Form,
    vote_error: Option<String>,
) -> AppResult<FeldwahlPage> {
    let phase = a.werkstatt.phase();
    Ok(FeldwahlPage {
        t: ctx.tr,
        nav: Nav::fuer(ctx, &a.werkstatt, format!("/w/{}/feldwahl", a.id())),
        w: a.werkstatt.clone(),
        stand: feldwahl::stand(st, a).await?,
        voter: a.teilnehmende.is_some() && phase.allows_field_votes(),
        voting_open: phase.allows_field_votes(),
        moderator: a.moderator && !phase.is_closed(),
        can_propose: a.require_field_proposal().is_ok(),
        vote_error,
        f,
    })
}

pub async fn feldwahl(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    page(feldwahl_page(&st, &ctx, &a, Form::default(), None).await?)
}

pub async fn create_feld(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let input = FeldInput {
        name: f.v("name").to_owned(),
        beschreibung: f.v("beschreibung").to_owned(),
    };
    nach_post(
        feldwahl::create_feld(&st, &a, input).await,
        |_| format!("/w/{id}/feldwahl"),
        |e| feldwahl_page(&st, &ctx, &a, f.errors(ctx.tr, &e), None),
    )
    .await
}

pub async fn vote(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let punkte = werkstatt_core::text::range(
        "punkte",
        f.v("punkte").trim().parse::<i64>().unwrap_or(-1),
        0,
        100,
    )
    .map_err(AppError::from)?;
    match feldwahl::vote(&st, &a, &feld, u32::try_from(punkte).unwrap_or(0)).await {
        Ok(()) => Ok(see_other(&format!("/w/{id}/feldwahl"))),
        Err(AppError::Invalid(e)) => {
            let msg = e.0.first().map(|fe| ctx.tr.field_error(fe));
            invalid(feldwahl_page(&st, &ctx, &a, Form::default(), msg).await?)
        }
        Err(e) => Err(e),
    }
}

pub async fn auswahl(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    feldwahl::set_gewaehlt(&st, &a, &feld, f.v("gewaehlt") == "true").await?;
    Ok(see_other(&format!("/w/{id}/feldwahl")))
}

#[derive(Template)]
#[template(path = "massnahmen.html")]
struct MassnahmenPage {
    t: Tr,
    nav: Nav,
    w: Werkstatt,
    alle: Gerendert,
}

pub async fn massnahmen(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let alle = teile::rendern(&st, &ctx, &a, Teil::Massnahmen, "").await?;
    page(MassnahmenPage {
        t: ctx.tr,
        nav: Nav::fuer(&ctx, &a.werkstatt, format!("/w/{id}/massnahmen")),
        w: a.werkstatt,
        alle,
    })
}
