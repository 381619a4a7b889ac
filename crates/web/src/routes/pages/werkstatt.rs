//! The overview of a Werkstatt, its phase control, the Feldwahl and the list of all Maßnahmen.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form as AxForm;
use axum::extract::{Path, State};
use axum::response::Response;
use werkstatt_core::handlungsfeld::FeldInput;
use werkstatt_core::werkstatt::{Phase, format_datum_de, parse_datum};
use werkstatt_store::kommunen::Kommune;
use werkstatt_store::massnahmen::Massnahme;
use werkstatt_store::werkstaetten::Werkstatt;

use super::{Form, Nav, invalid, page, see_other};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::services::feldwahl::{self, Feldwahl};
use crate::services::{Access, werkstatt as svc};
use crate::state::AppState;

type Pairs = Vec<(String, String)>;

struct FeldKarte {
    id: String,
    name: String,
    ziel: Option<String>,
    massnahmen: i64,
    gruppe: i64,
}

#[derive(Template)]
#[template(path = "werkstatt.html")]
struct OverviewPage {
    t: Tr,
    nav: Nav,
    w: Werkstatt,
    datum: String,
    kommunen: Vec<Kommune>,
    phasen: Vec<(&'static str, &'static str, &'static str)>,
    hint_key: String,
    prev: Option<&'static str>,
    next: Option<&'static str>,
    moderator: bool,
    join_code: String,
    me: Option<String>,
    felder: Vec<FeldKarte>,
    teilnehmende: usize,
    sektoren: Vec<(&'static str, usize)>,
}

pub async fn overview(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let w = a.werkstatt.clone();
    let phase = w.phase();
    let felder = st.db.felder(&id).await?;
    let ziele = st.db.ziele(&id).await?;
    let je_feld = st.db.massnahmen_je_feld(&id).await?;
    let gruppen = st.db.gruppen_groessen(&id).await?;
    let teilnehmende = st.db.teilnehmende(&id).await?;
    let mut by_sector: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &teilnehmende {
        *by_sector.entry(t.sektor.as_str()).or_default() += 1;
    }
    let tr = ctx.tr;
    let sektoren = werkstatt_core::teilnehmende::Sektor::ALL
        .iter()
        .filter_map(|s| by_sector.get(s.slug()).map(|n| (tr.sektor(s.slug()), *n)))
        .collect();
    let karten = felder
        .iter()
        .filter(|f| f.gewaehlt)
        .map(|f| FeldKarte {
            id: f.id.clone(),
            name: tr.feld_name(&f.slug, &f.name),
            ziel: ziele.iter().find(|z| z.feld_id == f.id).map(|z| z.text.clone()),
            massnahmen: je_feld.get(&f.id).copied().unwrap_or(0),
            gruppe: gruppen.get(&f.id).copied().unwrap_or(0),
        })
        .collect();
    let phasen = Phase::ALL
        .iter()
        .map(|p| {
            let state = match p.cmp(&phase) {
                std::cmp::Ordering::Less => "done",
                std::cmp::Ordering::Equal => "current",
                std::cmp::Ordering::Greater => "todo",
            };
            (p.slug(), tr.phase(p.slug()), state)
        })
        .collect();
    page(OverviewPage {
        t: tr,
        nav: Nav::fuer(&ctx, &a.werkstatt, format!("/w/{id}")),
        datum: parse_datum("datum", &w.datum)
            .map(format_datum_de)
            .unwrap_or_else(|_| w.datum.clone()),
        kommunen: st.db.werkstatt_kommunen(&id).await?,
        phasen,
        hint_key: format!("phase-hint-{}", phase.slug()),
        prev: phase.prev().map(Phase::slug),
        next: phase.next().map(Phase::slug),
        moderator: a.moderator,
        join_code: w.join_code_display(),
        me: a.teilnehmende.as_ref().map(|t| t.name.clone()),
        felder: karten,
        teilnehmende: teilnehmende.len(),
        sektoren,
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
    match feldwahl::create_feld(&st, &a, input).await {
        Ok(_) => Ok(see_other(&format!("/w/{id}/feldwahl"))),
        Err(AppError::Invalid(e)) => invalid(feldwahl_page(&st, &ctx, &a, f.errors(ctx.tr, &e), None).await?),
        Err(e) => Err(e),
    }
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
    gruppen: Vec<(String, String, Option<String>, Vec<Massnahme>)>,
}

pub async fn massnahmen(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let felder = st.db.felder(&id).await?;
    let ziele = st.db.ziele(&id).await?;
    let mut alle = st.db.massnahmen(&id).await?;
    let mut gruppen = Vec::new();
    for f in felder {
        let list: Vec<Massnahme> = alle.iter().filter(|m| m.feld_id == f.id).cloned().collect();
        alle.retain(|m| m.feld_id != f.id);
        if f.gewaehlt || !list.is_empty() {
            let ziel = ziele.iter().find(|z| z.feld_id == f.id).map(|z| z.text.clone());
            gruppen.push((f.id.clone(), ctx.tr.feld_name(&f.slug, &f.name), ziel, list));
        }
    }
    page(MassnahmenPage {
        t: ctx.tr,
        nav: Nav::fuer(&ctx, &a.werkstatt, format!("/w/{id}/massnahmen")),
        w: a.werkstatt,
        gruppen,
    })
}
