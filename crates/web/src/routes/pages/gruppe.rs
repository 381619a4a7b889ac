//! The page of one Arbeitsgruppe: its Ziel and its Maßnahmen, and editing them.

use askama::Template;
use axum::Form as AxForm;
use axum::extract::{Path, State};
use axum::response::Response;
use werkstatt_core::handlungsfeld::ZielInput;
use werkstatt_core::massnahme::MassnahmeInput;
use werkstatt_store::felder::Feld;
use werkstatt_store::massnahmen::Massnahme;
use werkstatt_store::werkstaetten::Werkstatt;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::http::{invalid, nach_post, page, see_other};
use crate::i18n::Tr;
use crate::services::{Access, feldwahl, gruppen};
use crate::state::AppState;
use crate::teile::{self, Gerendert, Teil};
use crate::view::{Form, Nav, umsetzungen};

type Pairs = Vec<(String, String)>;

#[derive(Template)]
#[template(path = "gruppe.html")]
struct GruppePage {
    t: Tr,
    nav: Nav,
    w: Werkstatt,
    feld: Feld,
    feld_name: String,
    ziel_version: i64,
    ziel_teil: Gerendert,
    massnahmen_teil: Gerendert,
    can_edit: bool,
    can_join: bool,
    moderator: bool,
    readonly_key: &'static str,
    umsetzungen: Vec<(&'static str, &'static str)>,
    f: Form,
    zf: Form,
}

async fn gruppe_page(
    st: &AppState,
    ctx: &Ctx,
    a: &Access,
    feld_id: &str,
    f: Form,
    zf: Option<Form>,
) -> AppResult<GruppePage> {
    let sicht = st.db.gruppen_sicht(a.id(), feld_id).await?;
    let (feld, ziel) = (sicht.feld, sicht.ziel);
    let zf = zf.unwrap_or_else(|| {
        Form::default().with("text", ziel.as_ref().map(|z| z.text.clone()).unwrap_or_default())
    });
    let can_edit = teile::kann_bearbeiten(a, feld.gewaehlt);
    Ok(GruppePage {
        t: ctx.tr,
        nav: Nav::fuer(ctx, &a.werkstatt, format!("/w/{}/felder/{feld_id}", a.id())),
        w: a.werkstatt.clone(),
        feld_name: ctx.tr.feld_name(&feld.slug, &feld.name),
        ziel_version: ziel.as_ref().map_or(0, |z| z.version),
        ziel_teil: teile::rendern(st, ctx, a, Teil::GruppeZiel, feld_id).await?,
        massnahmen_teil: teile::rendern(st, ctx, a, Teil::GruppeMassnahmen, feld_id).await?,
        can_edit,
        can_join: a.require_group_join().is_ok(),
        moderator: a.moderator,
        readonly_key: if a.observer {
            "readonly-observer"
        } else {
            "readonly-phase"
        },
        umsetzungen: umsetzungen(ctx.tr),
        f,
        zf,
        feld,
    })
}

pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    page(
        gruppe_page(
            &st,
            &ctx,
            &a,
            &feld,
            Form::default().with("umsetzung", "kurzfristig"),
            None,
        )
        .await?,
    )
}

pub async fn join(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    feldwahl::join_gruppe(&st, &a, &feld).await?;
    Ok(see_other(&format!("/w/{id}/felder/{feld}")))
}

pub async fn ziel(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let zf = Form::new(pairs);
    let input = ZielInput {
        text: zf.v("text").to_owned(),
        version: zf.v("version").trim().parse().ok(),
    };
    match gruppen::set_ziel(&st, &a, &feld, &input).await {
        Ok(_) => Ok(see_other(&format!("/w/{id}/felder/{feld}"))),
        Err(AppError::Invalid(e)) => {
            let zf = zf.errors(ctx.tr, &e);
            invalid(gruppe_page(&st, &ctx, &a, &feld, Form::default(), Some(zf)).await?)
        }
        Err(AppError::Conflict { .. }) => {
            // Show the other person's Ziel and keep ours in the form, so nothing is lost.
            let e = werkstatt_core::FieldError::new("text", "err-ziel-conflict");
            let zf = zf.errors(ctx.tr, &e.into());
            // The page reads the current Ziel, so its version is the one to overwrite.
            let p = gruppe_page(&st, &ctx, &a, &feld, Form::default(), Some(zf)).await?;
            Ok(crate::http::not_pushed(
                axum::http::StatusCode::CONFLICT,
                p.render()?,
            ))
        }
        Err(e) => Err(e),
    }
}

fn massnahme_input(f: &Form, feld_id: &str) -> MassnahmeInput {
    let v = |k: &str| serde_json::Value::String(f.v(k).to_owned());
    MassnahmeInput {
        feld_id: feld_id.to_owned(),
        titel: f.v("titel").to_owned(),
        beschreibung: f.v("beschreibung").to_owned(),
        umsetzung: f.v("umsetzung").to_owned(),
        monate: v("monate"),
        aufwand: v("aufwand"),
        nutzen: v("nutzen"),
        federfuehrung: f.v("federfuehrung").to_owned(),
        status: f.v("status").to_owned(),
        version: Some(v("version")).filter(|_| !f.v("version").is_empty()),
        proxy: f.v("proxy") == "true",
        steckbrief_id: None,
    }
}

pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let input = massnahme_input(&f, &feld);
    nach_post(
        gruppen::create_massnahme(&st, &ctx, &a, &input, input.proxy).await,
        |m| format!("/w/{id}/felder/{feld}#m-{}", m.id),
        |e| gruppe_page(&st, &ctx, &a, &feld, f.errors(ctx.tr, &e), None),
    )
    .await
}

#[derive(Template)]
#[template(path = "massnahme_edit.html")]
struct EditPage {
    t: Tr,
    nav: Nav,
    w: Werkstatt,
    m: Massnahme,
    conflict: Option<Massnahme>,
    umsetzungen: Vec<(&'static str, &'static str)>,
    stati: Vec<(&'static str, &'static str)>,
    f: Form,
}

fn form_of(m: &Massnahme) -> Form {
    let o = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    Form::new(vec![
        ("titel".into(), m.titel.clone()),
        ("beschreibung".into(), m.beschreibung.clone()),
        ("umsetzung".into(), m.umsetzung.clone()),
        ("monate".into(), o(m.monate)),
        ("aufwand".into(), o(m.aufwand)),
        ("nutzen".into(), o(m.nutzen)),
        ("federfuehrung".into(), m.federfuehrung.clone()),
        ("status".into(), m.status.clone()),
    ])
}

fn edit_page(ctx: &Ctx, a: &Access, m: Massnahme, f: Form, conflict: Option<Massnahme>) -> EditPage {
    EditPage {
        t: ctx.tr,
        nav: Nav::new(
            ctx,
            Some(a.id()),
            format!("/w/{}/massnahmen/{}/bearbeiten", a.id(), m.id),
        ),
        w: a.werkstatt.clone(),
        m,
        conflict,
        umsetzungen: umsetzungen(ctx.tr),
        stati: werkstatt_core::massnahme::Status::ALL
            .iter()
            .map(|s| (s.slug(), ctx.tr.status(s.slug())))
            .collect(),
        f,
    }
}

pub async fn edit_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    a.require_group_edit()?;
    let m = st.db.massnahme(&id, &mid).await?;
    let f = form_of(&m);
    page(edit_page(&ctx, &a, m, f, None))
}

pub async fn update(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let current = st.db.massnahme(&id, &mid).await?;
    let input = massnahme_input(&f, &current.feld_id);
    match gruppen::update_massnahme(&st, &a, &mid, &input).await {
        Ok(m) => Ok(see_other(&format!("/w/{id}/felder/{}#m-{}", m.feld_id, m.id))),
        Err(AppError::Invalid(e)) => invalid(edit_page(&ctx, &a, current, f.errors(ctx.tr, &e), None)),
        Err(AppError::Conflict { .. }) => {
            // Both versions on one page: theirs above, ours in the form with the new
            // version number, so saving again deliberately overwrites.
            let theirs = st.db.massnahme(&id, &mid).await?;
            let p = edit_page(&ctx, &a, theirs.clone(), f, Some(theirs));
            Ok(crate::http::not_pushed(
                axum::http::StatusCode::CONFLICT,
                p.render()?,
            ))
        }
        Err(e) => Err(e),
    }
}

pub async fn delete(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let m = st.db.massnahme(&id, &mid).await?;
    gruppen::delete_massnahme(&st, &a, &mid).await?;
    Ok(see_other(&format!("/w/{id}/felder/{}", m.feld_id)))
}
