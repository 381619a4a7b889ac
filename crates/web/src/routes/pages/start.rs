//! Start page, joining by code, observer links, login, logout and the language switch.

use askama::Template;
use axum::Form as AxForm;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use werkstatt_core::teilnehmende::JoinInput;
use werkstatt_store::kommunen::Kommune;
use werkstatt_store::sessions::{ACCOUNT_TTL_MS, PARTICIPANT_TTL_MS, Session};
use werkstatt_store::werkstaetten::Werkstatt;

use crate::ctx::{Ctx, clear_cookie, session_cookie};
use crate::error::{AppError, AppResult};
use crate::http::{invalid, page, see_other};
use crate::i18n::Tr;
use crate::services::accounts;
use crate::state::AppState;
use crate::view::{Form, Nav, sektoren};

type Pairs = Vec<(String, String)>;

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    t: Tr,
    nav: Nav,
    f: Form,
}

pub async fn index(ctx: Ctx) -> AppResult<Response> {
    page(IndexPage {
        t: ctx.tr,
        nav: Nav::new(&ctx, None, "/"),
        f: Form::default(),
    })
}

#[derive(serde::Deserialize)]
pub struct CodeQuery {
    #[serde(default)]
    code: String,
}

/// The start page's code form lands here; a bad code shows the start page again.
pub async fn join_lookup(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CodeQuery>,
) -> AppResult<Response> {
    match accounts::werkstatt_for_code(&st, &ctx, &q.code).await {
        Ok(w) => Ok(see_other(&format!("/j/{}", w.join_code))),
        Err(AppError::Invalid(e)) => invalid(IndexPage {
            t: ctx.tr,
            nav: Nav::new(&ctx, None, "/"),
            f: Form::new(vec![("code".into(), q.code)]).errors(ctx.tr, &e),
        }),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "join.html")]
struct JoinPage {
    t: Tr,
    nav: Nav,
    f: Form,
    werkstatt: Werkstatt,
    kommunen: Vec<Kommune>,
    sektoren: Vec<(&'static str, &'static str)>,
}

async fn join_page(st: &AppState, ctx: &Ctx, w: Werkstatt, f: Form) -> AppResult<JoinPage> {
    let kommunen = st.db.werkstatt_kommunen(&w.id).await?;
    Ok(JoinPage {
        t: ctx.tr,
        nav: Nav::new(ctx, None, format!("/j/{}", w.join_code)),
        f,
        werkstatt: w,
        kommunen,
        sektoren: sektoren(ctx.tr),
    })
}

pub async fn join_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let w = match accounts::werkstatt_for_code(&st, &ctx, &code).await {
        Ok(w) => w,
        Err(AppError::Invalid(_)) => return Err(AppError::NotFound),
        Err(e) => return Err(e),
    };
    page(join_page(&st, &ctx, w, Form::default()).await?)
}

pub async fn join_submit(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let f = Form::new(pairs);
    let input = JoinInput {
        code: code.clone(),
        name: f.v("name").to_owned(),
        sektor: f.v("sektor").to_owned(),
        kommune_id: Some(f.v("kommune_id").to_owned()),
    };
    match accounts::join(&st, &ctx, &input).await {
        Ok((t, secret)) => {
            let mut r = see_other(&format!("/w/{}", t.werkstatt_id));
            r.headers_mut().insert(
                header::SET_COOKIE,
                session_cookie(&secret, PARTICIPANT_TTL_MS / 1000, st.config.secure_cookies),
            );
            Ok(r)
        }
        Err(AppError::Invalid(e)) => {
            let w = accounts::werkstatt_for_code(&st, &ctx, &code).await?;
            invalid(join_page(&st, &ctx, w, f.errors(ctx.tr, &e)).await?)
        }
        Err(e) => Err(e),
    }
}

pub async fn observe(State(st): State<AppState>, ctx: Ctx, Path(code): Path<String>) -> AppResult<Response> {
    let (werkstatt_id, secret) = accounts::observe(&st, &ctx, &code).await?;
    let mut r = see_other(&format!("/w/{werkstatt_id}"));
    if let Some(secret) = secret {
        r.headers_mut().insert(
            header::SET_COOKIE,
            session_cookie(&secret, PARTICIPANT_TTL_MS / 1000, st.config.secure_cookies),
        );
    }
    Ok(r)
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    t: Tr,
    nav: Nav,
    f: Form,
}

pub async fn login_form(ctx: Ctx) -> AppResult<Response> {
    page(LoginPage {
        t: ctx.tr,
        nav: Nav::new(&ctx, None, "/login"),
        f: Form::default(),
    })
}

pub async fn login_submit(
    State(st): State<AppState>,
    ctx: Ctx,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let f = Form::new(pairs);
    match accounts::login(&st, &ctx, f.v("email"), f.v("password")).await {
        Ok((_, secret)) => {
            if let Some(old) = &ctx.sid {
                st.db.delete_session(old).await?;
            }
            let mut r = see_other("/werkstaetten");
            r.headers_mut().insert(
                header::SET_COOKIE,
                session_cookie(&secret, ACCOUNT_TTL_MS / 1000, st.config.secure_cookies),
            );
            Ok(r)
        }
        Err(AppError::Invalid(e)) => {
            let f = Form::new(vec![("email".into(), f.v("email").to_owned())]).errors(ctx.tr, &e);
            invalid(LoginPage {
                t: ctx.tr,
                nav: Nav::new(&ctx, None, "/login"),
                f,
            })
        }
        Err(e) => Err(e),
    }
}

pub async fn logout(State(st): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if let Some(sid) = &ctx.sid {
        st.db.delete_session(sid).await?;
    }
    let mut r = see_other("/");
    r.headers_mut()
        .insert(header::SET_COOKIE, clear_cookie(st.config.secure_cookies));
    Ok(r)
}

/// Switches the language: stored in the session, or in a new anonymous session.
pub async fn sprache(
    State(st): State<AppState>,
    ctx: Ctx,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let f = Form::new(pairs);
    let lang = crate::i18n::Lang::parse(f.v("lang")).ok_or(AppError::BadRequest("err-invalid"))?;
    let mut r = see_other(crate::http::lokaler_pfad(f.v("back")));
    match &ctx.sid {
        Some(sid) => st.db.set_session_lang(sid, lang.code()).await?,
        None => {
            let secret = st
                .db
                .create_session(&Session {
                    role: "anonymous".into(),
                    user_id: None,
                    werkstatt_id: None,
                    teilnehmende_id: None,
                    lang: Some(lang.code().into()),
                    expires_at: werkstatt_store::ids::now_ms() + PARTICIPANT_TTL_MS,
                })
                .await?;
            r.headers_mut().insert(
                header::SET_COOKIE,
                session_cookie(&secret, PARTICIPANT_TTL_MS / 1000, st.config.secure_cookies),
            );
        }
    }
    Ok(r.into_response())
}
