//! Pages for accounts: the list of Werkstätten and Kommunen, and creating them.

use askama::Template;
use axum::Form as AxForm;
use axum::extract::State;
use axum::response::Response;
use werkstatt_core::kommune::KommuneInput;
use werkstatt_core::werkstatt::WerkstattInput;
use werkstatt_store::kommunen::Kommune;
use werkstatt_store::werkstaetten::Werkstatt;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::http::{invalid, page, see_other};
use crate::i18n::Tr;
use crate::services::werkstatt as svc;
use crate::state::AppState;
use crate::view::{Form, Nav, arten};

type Pairs = Vec<(String, String)>;

#[derive(Template)]
#[template(path = "werkstaetten.html")]
struct WerkstaettenPage {
    t: Tr,
    nav: Nav,
    f: Form,
    werkstaetten: Vec<Werkstatt>,
    kommunen: Vec<Kommune>,
}

async fn werkstaetten_page(st: &AppState, ctx: &Ctx, f: Form) -> AppResult<WerkstaettenPage> {
    Ok(WerkstaettenPage {
        t: ctx.tr,
        nav: Nav::new(ctx, None, "/werkstaetten"),
        f,
        werkstaetten: svc::list(st, ctx).await?,
        kommunen: st.db.kommunen().await?,
    })
}

pub async fn werkstaetten(State(st): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    page(werkstaetten_page(&st, &ctx, Form::default()).await?)
}

pub async fn create_werkstatt(
    State(st): State<AppState>,
    ctx: Ctx,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let f = Form::new(pairs);
    let input = WerkstattInput {
        titel: f.v("titel").to_owned(),
        datum: f.v("datum").to_owned(),
        ort: f.v("ort").to_owned(),
        kommunen: f.all("kommunen"),
    };
    match svc::create_werkstatt(&st, &ctx, input).await {
        Ok(w) => Ok(see_other(&format!("/w/{}", w.id))),
        Err(AppError::Invalid(e)) => invalid(werkstaetten_page(&st, &ctx, f.errors(ctx.tr, &e)).await?),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "kommunen.html")]
struct KommunenPage {
    t: Tr,
    nav: Nav,
    f: Form,
    kommunen: Vec<Kommune>,
    arten: Vec<(&'static str, &'static str)>,
}

async fn kommunen_page(st: &AppState, ctx: &Ctx, f: Form) -> AppResult<KommunenPage> {
    Ok(KommunenPage {
        t: ctx.tr,
        nav: Nav::new(ctx, None, "/kommunen"),
        f,
        kommunen: st.db.kommunen().await?,
        arten: arten(ctx.tr),
    })
}

pub async fn kommunen(State(st): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    page(kommunen_page(&st, &ctx, Form::default().with("art", "verbandsgemeinde")).await?)
}

pub async fn create_kommune(
    State(st): State<AppState>,
    ctx: Ctx,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let f = Form::new(pairs);
    let input = KommuneInput {
        name: f.v("name").to_owned(),
        art: f.v("art").to_owned(),
        ags: f.v("ags").to_owned(),
        ars: Some(f.v("ars").to_owned()),
        einwohner: serde_json::Value::String(f.v("einwohner").to_owned()),
        parent_id: Some(f.v("parent_id").to_owned()),
    };
    match svc::create_kommune(&st, &ctx, input).await {
        Ok(_) => Ok(see_other("/kommunen")),
        Err(AppError::Invalid(e)) => invalid(kommunen_page(&st, &ctx, f.errors(ctx.tr, &e)).await?),
        Err(e) => Err(e),
    }
}
