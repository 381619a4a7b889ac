//! The legal pages (Impressum, Datenschutz, Barrierefreiheit): public, linked from every
//! page's footer, written by the administrator on the page itself.

use askama::Template;
use axum::Form as AxForm;
use axum::extract::State;
use axum::response::Response;
use werkstatt_core::rechtstexte::Rechtstext;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::http::{invalid, page, see_other};
use crate::i18n::Tr;
use crate::services::rechtstexte as svc;
use crate::state::AppState;
use crate::view::{Form, Nav};

type Pairs = Vec<(String, String)>;

#[derive(Template)]
#[template(path = "rechtstext.html")]
struct RechtstextPage {
    t: Tr,
    nav: Nav,
    slug: &'static str,
    titel: String,
    html: String,
    /// The administrator's own text (not the template).
    eigen: bool,
    /// The form for an administrator, with the text in effect.
    form: Option<Form>,
}

async fn seite(st: &AppState, ctx: &Ctx, art: Rechtstext, form: Option<Form>) -> AppResult<RechtstextPage> {
    let (text, eigen) = svc::lesen(st, art).await?;
    let form = form.or_else(|| svc::darf_aendern(ctx).then(|| Form::default().with("text", text.clone())));
    Ok(RechtstextPage {
        t: ctx.tr,
        nav: Nav::new(ctx, None, format!("/{}", art.slug())),
        slug: art.slug(),
        titel: ctx.tr.s(&format!("recht-{}", art.slug())).to_owned(),
        html: crate::view::markdown::html(&text),
        eigen,
        form,
    })
}

pub async fn zeigen(st: &AppState, ctx: &Ctx, art: Rechtstext) -> AppResult<Response> {
    page(seite(st, ctx, art, None).await?)
}

pub async fn speichern(st: &AppState, ctx: &Ctx, art: Rechtstext, pairs: Pairs) -> AppResult<Response> {
    let f = Form::new(pairs);
    match svc::speichern(st, ctx, art, f.v("text")).await {
        Ok(()) => Ok(see_other(&format!("/{}", art.slug()))),
        Err(AppError::Invalid(e)) => {
            let f = f.errors(ctx.tr, &e);
            invalid(seite(st, ctx, art, Some(f)).await?)
        }
        Err(e) => Err(e),
    }
}

/// The routes of the three pages.
pub fn router() -> axum::Router<AppState> {
    let mut r = axum::Router::new();
    for art in Rechtstext::ALL {
        r = r.route(
            &format!("/{}", art.slug()),
            axum::routing::get(move |State(st): State<AppState>, ctx: Ctx| async move {
                zeigen(&st, &ctx, art).await
            })
            .post(
                move |State(st): State<AppState>, ctx: Ctx, AxForm(p): AxForm<Pairs>| async move {
                    speichern(&st, &ctx, art, p).await
                },
            ),
        );
    }
    r
}
