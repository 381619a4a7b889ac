//! The facilitator's console and the projector view.

use askama::Template;
use axum::Form as AxForm;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use werkstatt_core::werkstatt::Phase;
use werkstatt_store::katalog::Suche;
use werkstatt_store::werkstaetten::Werkstatt;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::http::{invalid, nach_post, page, see_other};
use crate::i18n::Tr;
use crate::services::Access;
use crate::services::moderation::{self as svc, TimerAktion, TimerAnzeige};
use crate::state::AppState;
use crate::view::{Form, Nav};

type Pairs = Vec<(String, String)>;

/// The address people type or scan to join: this server as the browser reached it.
fn join_url(st: &AppState, headers: &HeaderMap, w: &Werkstatt) -> String {
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080");
    let scheme = if st.config.secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}/j/{}", w.join_code)
}

#[derive(Template)]
#[template(path = "moderation.html")]
struct ModerationPage {
    t: Tr,
    nav: Nav,
    w: Werkstatt,
    prev: Option<&'static str>,
    next: Option<&'static str>,
    verbunden: usize,
    teilnehmende: usize,
    gruppen: Vec<(String, i64, usize)>,
    tf: Form,
    af: Form,
    qr: String,
    join_code: String,
    join_url: String,
}

async fn moderation_page(
    st: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    a: &Access,
    tf: Form,
    af: Option<Form>,
) -> AppResult<ModerationPage> {
    a.require_moderator()?;
    let w = a.werkstatt.clone();
    let id = w.id.clone();
    let connected = st.presence.connected(&id);
    let teilnehmende = st.db.teilnehmende(&id).await?;
    let verbunden = teilnehmende.iter().filter(|t| connected.contains(&t.id)).count();
    let groessen = st.db.gruppen_groessen(&id).await?;
    let mut gruppen = Vec::new();
    for f in st.db.felder(&id).await?.into_iter().filter(|f| f.gewaehlt) {
        let mitglieder = st.db.gruppe_mitglieder(&f.id).await?;
        let online = mitglieder.iter().filter(|m| connected.contains(m)).count();
        gruppen.push((
            ctx.tr.feld_name(&f.slug, &f.name),
            groessen.get(&f.id).copied().unwrap_or(0),
            online,
        ));
    }
    let agenda_text: String = svc::agenda_von(&w)
        .iter()
        .map(|p| format!("{} {}\n", p.zeit, p.titel))
        .collect();
    let url = join_url(st, headers, &w);
    let phase = w.phase();
    Ok(ModerationPage {
        t: ctx.tr,
        nav: Nav::fuer(ctx, &w, format!("/w/{id}/moderation")),
        prev: phase.prev().map(Phase::slug),
        next: phase.next().map(Phase::slug),
        verbunden,
        teilnehmende: teilnehmende.len(),
        gruppen,
        tf,
        af: af.unwrap_or_else(|| Form::default().with("agenda", agenda_text)),
        qr: crate::charts::qr::svg(&url, ctx.tr.s("pj-qr-label")),
        join_code: w.join_code_display(),
        join_url: url,
        w,
    })
}

pub async fn console(
    State(st): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    page(
        moderation_page(
            &st,
            &ctx,
            &headers,
            &a,
            Form::default().with("minuten", "20"),
            None,
        )
        .await?,
    )
}

pub async fn sperre(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    svc::sperren(&st, &a, Form::new(pairs).v("gesperrt") == "true").await?;
    Ok(see_other(&format!("/w/{id}/moderation")))
}

pub async fn timer(
    State(st): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let aktion = match f.v("aktion") {
        "start" => TimerAktion::Start {
            titel: f.v("titel").to_owned(),
            minuten: f.v("minuten").trim().parse().unwrap_or(-1),
        },
        "pause" => TimerAktion::Pause,
        "weiter" => TimerAktion::Weiter,
        "stop" => TimerAktion::Stop,
        _ => return Err(AppError::BadRequest("err-invalid")),
    };
    nach_post(
        svc::timer(&st, &a, aktion).await,
        |_| format!("/w/{id}/moderation"),
        |e| moderation_page(&st, &ctx, &headers, &a, f.errors(ctx.tr, &e), None),
    )
    .await
}

pub async fn agenda(
    State(st): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    match svc::agenda(&st, &a, f.v("agenda")).await {
        Ok(_) => Ok(see_other(&format!("/w/{id}/moderation"))),
        Err(AppError::Invalid(e)) => {
            let af = f.errors(ctx.tr, &e);
            invalid(
                moderation_page(
                    &st,
                    &ctx,
                    &headers,
                    &a,
                    Form::default().with("minuten", "20"),
                    Some(af),
                )
                .await?,
            )
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "projektor.html")]
struct ProjektorPage {
    t: Tr,
    w: Werkstatt,
    timer: Option<TimerAnzeige>,
    /// QR code, join code and address; `None` for observers, who read but must not be
    /// able to join (the observer link may have travelled beyond the room).
    beitritt: Option<Beitritt>,
    feldwahl: bool,
    beteiligung: i64,
    teilnehmende: usize,
    punkte: Vec<(String, i64)>,
    felder: Vec<(String, Option<String>, Vec<String>)>,
    stationen: bool,
    stationen_felder: Vec<(String, Vec<(String, String)>)>,
    /// In the Priorisierung: each round with its progress and, once visible, its top ten.
    runden: Vec<(String, usize, Vec<String>)>,
}

struct Beitritt {
    qr: String,
    code: String,
    url: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ProjektorQuery {
    #[serde(default)]
    modus: String,
}

/// The projector: large type, the join QR code, then what the room is working on. It needs
/// no interaction and survives a reload. In an observer's session it shows no way to join.
pub async fn projektor(
    State(st): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<ProjektorQuery>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let w = a.werkstatt.clone();
    let tr = ctx.tr;
    let felder = st.db.felder(&id).await?;
    let ziele = st.db.ziele(&id).await?;
    let massnahmen = st.db.massnahmen(&id).await?;
    let ergebnis = st.db.feldwahl_ergebnis(&id).await?;
    let mut punkte: Vec<(String, i64)> = felder
        .iter()
        .map(|f| {
            let p = ergebnis
                .iter()
                .find(|e| e.feld_id == f.id)
                .map_or(0, |e| e.punkte);
            (tr.feld_name(&f.slug, &f.name), p)
        })
        .collect();
    punkte.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    let gewaehlt = felder
        .iter()
        .filter(|f| f.gewaehlt)
        .map(|f| {
            (
                tr.feld_name(&f.slug, &f.name),
                ziele.iter().find(|z| z.feld_id == f.id).map(|z| z.text.clone()),
                massnahmen
                    .iter()
                    .filter(|m| m.feld_id == f.id)
                    .map(|m| m.titel.clone())
                    .collect(),
            )
        })
        .collect();
    let stationen = q.modus == "stationen";
    let mut stationen_felder = Vec::new();
    if stationen {
        for f in werkstatt_core::handlungsfeld::STANDARD_FELDER {
            let liste = crate::services::katalog::suchen(
                &st,
                &Suche {
                    feld: Some(f.slug.to_owned()),
                    ..Default::default()
                },
            )
            .await?
            .into_iter()
            .map(|e| (e.steckbrief.titel, e.steckbrief.nutzen_kurz))
            .collect();
            stationen_felder.push((tr.feld(f.slug).to_owned(), liste));
        }
    }
    let mut runden = Vec::new();
    if w.phase() == Phase::Priorisierung {
        let titel: std::collections::HashMap<&str, &str> = massnahmen
            .iter()
            .map(|m| (m.id.as_str(), m.titel.as_str()))
            .collect();
        for r in st.db.runden(&id).await? {
            let abgegeben = st
                .db
                .stimmzettel(&r.id)
                .await?
                .iter()
                .filter(|z| !z.proxy)
                .count();
            let d = crate::services::priorisierung::daten(r.clone())?;
            let top = if !r.offen() || !d.einstellungen.verborgen {
                let e = crate::services::priorisierung::ergebnis(&st, &d).await?;
                e.rang
                    .iter()
                    .flatten()
                    .take(10)
                    .map(|m| titel.get(m.as_str()).copied().unwrap_or("").to_owned())
                    .collect()
            } else {
                Vec::new()
            };
            runden.push((r.titel, abgegeben, top));
        }
    }
    let beitritt = (!a.observer).then(|| {
        let url = join_url(&st, &headers, &w);
        Beitritt {
            qr: crate::charts::qr::svg(&url, tr.s("pj-qr-label")),
            code: w.join_code_display(),
            url,
        }
    });
    page(ProjektorPage {
        runden,
        t: tr,
        timer: svc::timer_anzeige(&w),
        beitritt,
        feldwahl: w.phase() == Phase::Feldwahl,
        beteiligung: st.db.feldwahl_beteiligung(&id).await?,
        teilnehmende: st.db.teilnehmende(&id).await?.len(),
        punkte,
        felder: gewaehlt,
        stationen,
        stationen_felder,
        w,
    })
}
