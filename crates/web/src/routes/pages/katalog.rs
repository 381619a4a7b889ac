//! The catalogue pages: search, Steckbrief, Info-Stationen, print views, best practices,
//! own entries, and adopting a Steckbrief into a group's Maßnahmen.

use askama::Template;
use axum::Form as AxForm;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use werkstatt_core::handlungsfeld::{STANDARD_FELDER, standard};
use werkstatt_core::katalog::steckbrief::Quelle;
use werkstatt_core::katalog::textbaustein::Textbaustein;
use werkstatt_core::katalog::{BestPractice, Steckbrief};
use werkstatt_store::katalog::{BestPracticeEintrag, Eintrag, Suche};

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::http::query::SucheQuery;
use crate::http::{invalid, nach_post, page, see_other};
use crate::i18n::Tr;
use crate::services::{Access, katalog as svc};
use crate::state::AppState;
use crate::view::{Form, Nav, umsetzungen};

type Pairs = Vec<(String, String)>;

fn felder(tr: Tr) -> Vec<(&'static str, &'static str)> {
    STANDARD_FELDER
        .iter()
        .map(|f| (f.slug, tr.feld(f.slug)))
        .collect()
}

/// Where adopted Steckbriefe go, when the catalogue is opened from a group.
pub struct Ziel {
    werkstatt_id: String,
    feld_id: String,
    feld_name: String,
    can_edit: bool,
}

#[derive(Template)]
#[template(path = "katalog.html")]
struct KatalogPage {
    t: Tr,
    nav: Nav,
    action: String,
    q: String,
    feld: String,
    aufwand: String,
    umsetzung: String,
    felder: Vec<(&'static str, &'static str)>,
    umsetzungen: Vec<(&'static str, &'static str)>,
    treffer: Vec<Eintrag>,
    adopt: Option<Ziel>,
    can_write: bool,
}

async fn katalog_page(
    st: &AppState,
    ctx: &Ctx,
    q: SucheQuery,
    action: String,
    adopt: Option<Ziel>,
    wid: Option<&str>,
) -> AppResult<KatalogPage> {
    let treffer = crate::services::katalog::suchen(st, &q.suche()).await?;
    Ok(KatalogPage {
        t: ctx.tr,
        nav: Nav::new(ctx, wid, action.clone()),
        felder: felder(ctx.tr),
        umsetzungen: umsetzungen(ctx.tr),
        can_write: ctx.user().is_some(),
        action,
        q: q.q,
        feld: q.feld,
        aufwand: q.aufwand,
        umsetzung: q.umsetzung,
        treffer,
        adopt,
    })
}

pub async fn index(State(st): State<AppState>, ctx: Ctx, Query(q): Query<SucheQuery>) -> AppResult<Response> {
    page(katalog_page(&st, &ctx, q, "/katalog".into(), None, None).await?)
}

/// The catalogue opened from a group: filtered to the group's field, with adopt buttons.
pub async fn fuer_gruppe(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld_id)): Path<(String, String)>,
    Query(mut q): Query<SucheQuery>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let feld = st.db.feld(&id, &feld_id).await?;
    if q.feld.is_empty() && q.q.is_empty() {
        q.feld = feld.slug.clone().unwrap_or_default();
    }
    let ziel = Ziel {
        werkstatt_id: id.clone(),
        feld_name: ctx.tr.feld_name(&feld.slug, &feld.name),
        can_edit: a.require_group_edit().is_ok() && (feld.gewaehlt || a.moderator),
        feld_id,
    };
    let action = format!("/w/{id}/felder/{}/katalog", ziel.feld_id);
    page(katalog_page(&st, &ctx, q, action, Some(ziel), Some(&id)).await?)
}

pub async fn uebernehmen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, feld)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let m = svc::uebernehmen(&st, &ctx, &a, &feld, f.v("steckbrief")).await?;
    // Straight to the edit form: the group adapts the prefilled text to its Kommune.
    Ok(see_other(&format!("/w/{id}/massnahmen/{}/bearbeiten", m.id)))
}

#[derive(Template)]
#[template(path = "steckbrief.html")]
struct SteckbriefPage {
    t: Tr,
    nav: Nav,
    s: Steckbrief,
    herkunft: String,
    geaendert: bool,
    uebernahmen: i64,
    best_practices: Vec<BestPractice>,
    verwandte: Vec<(String, String)>,
    can_write: bool,
}

pub async fn steckbrief(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let e = st.db.steckbrief(&id).await?;
    let best_practices = st
        .db
        .best_practices()
        .await?
        .into_iter()
        .map(|b| b.best_practice)
        .filter(|b| b.steckbriefe.contains(&id))
        .collect();
    let mut verwandte = Vec::new();
    for v in &e.steckbrief.verwandte {
        if let Ok(x) = st.db.steckbrief(v).await {
            verwandte.push((x.steckbrief.id, x.steckbrief.titel));
        }
    }
    let herkunft = e.herkunft;
    page(SteckbriefPage {
        t: ctx.tr,
        nav: Nav::new(&ctx, None, format!("/katalog/steckbrief/{id}")),
        s: e.steckbrief,
        herkunft: herkunft.clone(),
        geaendert: e.geaendert,
        uebernahmen: e.uebernahmen,
        best_practices,
        verwandte,
        can_write: svc::darf_aendern(&ctx, &herkunft),
    })
}

#[derive(Template)]
#[template(path = "info_station.html")]
struct StationPage {
    t: Tr,
    nav: Nav,
    slug: String,
    feld_name: String,
    beschreibung: String,
    steckbriefe: Vec<Eintrag>,
}

async fn feld_eintraege(st: &AppState, slug: &str) -> AppResult<Vec<Eintrag>> {
    standard(slug).ok_or(AppError::NotFound)?;
    crate::services::katalog::suchen(
        st,
        &Suche {
            feld: Some(slug.to_owned()),
            ..Default::default()
        },
    )
    .await
}

pub async fn station(State(st): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> AppResult<Response> {
    let steckbriefe = feld_eintraege(&st, &slug).await?;
    let f = standard(&slug).ok_or(AppError::NotFound)?;
    page(StationPage {
        t: ctx.tr,
        nav: Nav::new(&ctx, None, format!("/katalog/felder/{slug}")),
        feld_name: ctx.tr.feld(&slug).to_owned(),
        beschreibung: f.beschreibung.to_owned(),
        slug,
        steckbriefe,
    })
}

#[derive(Template)]
#[template(path = "katalog_druck.html")]
struct DruckPage {
    t: Tr,
    titel: String,
    format: &'static str,
    zurueck: String,
    steckbriefe: Vec<Steckbrief>,
}

#[derive(Debug, Default, Deserialize)]
pub struct DruckQuery {
    #[serde(default)]
    format: String,
}

fn format_of(q: &DruckQuery) -> &'static str {
    if q.format == "a3" { "a3" } else { "a4" }
}

/// One Steckbrief per page, for A4 handouts or A3 posters at the Info-Stationen.
pub async fn station_druck(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<DruckQuery>,
) -> AppResult<Response> {
    let steckbriefe = feld_eintraege(&st, &slug)
        .await?
        .into_iter()
        .map(|e| e.steckbrief)
        .collect();
    page(DruckPage {
        t: ctx.tr,
        titel: ctx.tr.feld(&slug).to_owned(),
        format: format_of(&q),
        zurueck: format!("/katalog/felder/{slug}"),
        steckbriefe,
    })
}

pub async fn steckbrief_druck(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<DruckQuery>,
) -> AppResult<Response> {
    let e = st.db.steckbrief(&id).await?;
    page(DruckPage {
        t: ctx.tr,
        titel: e.steckbrief.titel.clone(),
        format: format_of(&q),
        zurueck: format!("/katalog/steckbrief/{id}"),
        steckbriefe: vec![e.steckbrief],
    })
}

// --- Own and changed Steckbriefe -------------------------------------------------------

const TEXTE: [(&str, &str, u8); 12] = [
    ("nutzen_kurz", "sbf-nutzen-kurz", 2),
    ("was_ist_das", "sb-was", 4),
    ("was_haben_sie_davon", "sb-nutzen", 4),
    ("wie_geht_das", "sbf-wie", 5),
    ("fuer_wen", "sb-fuer-wen", 3),
    ("stakeholder", "sbf-stakeholder", 3),
    ("voraussetzungen", "sbf-voraussetzungen", 3),
    ("verwandte", "sbf-verwandte", 2),
    ("quellen", "sbf-quellen", 3),
    ("kosten_hinweis", "sbf-kosten-hinweis", 2),
    ("foerderung_hinweis", "sbf-foerderung-hinweis", 2),
    ("textbaustein", "sbf-textbaustein", 4),
];

#[derive(Template)]
#[template(path = "steckbrief_form.html")]
struct SteckbriefForm {
    t: Tr,
    nav: Nav,
    heading: &'static str,
    action: String,
    neu: bool,
    f: Form,
    felder: Vec<(&'static str, &'static str)>,
    umsetzungen: Vec<(&'static str, &'static str)>,
    texte: Vec<(&'static str, &'static str, u8)>,
}

fn form_page(ctx: &Ctx, neu: bool, action: String, f: Form) -> SteckbriefForm {
    SteckbriefForm {
        t: ctx.tr,
        nav: Nav::new(ctx, None, action.clone()),
        heading: if neu { "katalog-neu" } else { "katalog-bearbeiten" },
        action,
        neu,
        f,
        felder: felder(ctx.tr),
        umsetzungen: umsetzungen(ctx.tr),
        texte: TEXTE.to_vec(),
    }
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Form fields of a Steckbrief; lists are one item per line, sources "Titel | Adresse".
fn to_form(s: &Steckbrief) -> Form {
    let quellen: Vec<String> = s
        .quellen
        .iter()
        .map(|q| format!("{} | {}", q.titel, q.url))
        .collect();
    Form::new(vec![
        ("id".into(), s.id.clone()),
        ("titel".into(), s.titel.clone()),
        ("handlungsfeld".into(), s.handlungsfeld.clone()),
        ("nutzen_kurz".into(), s.nutzen_kurz.clone()),
        ("was_ist_das".into(), s.was_ist_das.clone()),
        ("was_haben_sie_davon".into(), s.was_haben_sie_davon.clone()),
        ("wie_geht_das".into(), s.wie_geht_das.join("\n")),
        ("fuer_wen".into(), s.fuer_wen.clone()),
        ("stakeholder".into(), s.stakeholder.join("\n")),
        ("voraussetzungen".into(), s.voraussetzungen.join("\n")),
        ("verwandte".into(), s.verwandte.join("\n")),
        ("quellen".into(), quellen.join("\n")),
        ("kosten_hinweis".into(), s.kosten_hinweis.clone()),
        ("foerderung_hinweis".into(), s.foerderung_hinweis.clone()),
        ("textbaustein".into(), s.textbaustein.text.clone()),
        ("umsetzungszeit".into(), s.umsetzungszeit.clone()),
        (
            "umsetzungszeit_monate".into(),
            s.umsetzungszeit_monate.to_string(),
        ),
        ("aufwand".into(), s.aufwand.to_string()),
        ("stand".into(), s.stand.clone()),
    ])
}

/// Builds a Steckbrief from the form, keeping what the form does not edit (costs,
/// funding, footnotes) from `alt`.
fn from_form(f: &Form, id: String, alt: Option<&Steckbrief>) -> Steckbrief {
    let quellen = lines(f.v("quellen"))
        .into_iter()
        .map(|l| match l.rsplit_once('|') {
            Some((t, u)) => Quelle {
                titel: t.trim().to_owned(),
                url: u.trim().to_owned(),
            },
            None => Quelle {
                titel: l.clone(),
                url: l,
            },
        })
        .collect();
    Steckbrief {
        id,
        handlungsfeld: f.v("handlungsfeld").to_owned(),
        titel: f.v("titel").trim().to_owned(),
        nutzen_kurz: f.v("nutzen_kurz").trim().to_owned(),
        was_ist_das: f.v("was_ist_das").trim().to_owned(),
        was_haben_sie_davon: f.v("was_haben_sie_davon").trim().to_owned(),
        wie_geht_das: lines(f.v("wie_geht_das")),
        fuer_wen: f.v("fuer_wen").trim().to_owned(),
        umsetzungszeit: f.v("umsetzungszeit").to_owned(),
        umsetzungszeit_monate: f.v("umsetzungszeit_monate").trim().parse().unwrap_or(0),
        aufwand: f.v("aufwand").trim().parse().unwrap_or(0),
        stakeholder: lines(f.v("stakeholder")),
        voraussetzungen: lines(f.v("voraussetzungen")),
        verwandte: lines(f.v("verwandte")),
        stand: f.v("stand").to_owned(),
        kosten: alt.map(|a| a.kosten.clone()).unwrap_or_default(),
        kosten_hinweis: f.v("kosten_hinweis").trim().to_owned(),
        foerderung: alt.map(|a| a.foerderung.clone()).unwrap_or_default(),
        foerderprogramme: alt.map(|a| a.foerderprogramme.clone()).unwrap_or_default(),
        foerderung_hinweis: f.v("foerderung_hinweis").trim().to_owned(),
        quellen,
        textbaustein: Textbaustein {
            text: f.v("textbaustein").trim().to_owned(),
            fussnoten: alt.map(|a| a.textbaustein.fussnoten.clone()).unwrap_or_default(),
        },
    }
}

/// Error fields like `quellen[0].url` belong to the form field `quellen`.
fn form_errors(tr: Tr, f: Form, e: &werkstatt_core::FieldErrors) -> Form {
    let mapped = werkstatt_core::FieldErrors(
        e.0.iter()
            .map(|x| {
                let mut x = x.clone();
                let base = x.field.split(['[', '.']).next().unwrap_or("").to_owned();
                x.field = if base.is_empty() { "titel".into() } else { base };
                x
            })
            .collect(),
    );
    f.errors(tr, &mapped)
}

pub async fn neu_form(ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    let today = werkstatt_core::werkstatt::format_datum(time::OffsetDateTime::now_utc().date());
    let f = Form::default()
        .with("stand", today)
        .with("umsetzungszeit", "kurzfristig")
        .with("handlungsfeld", "digitale-infrastruktur");
    page(form_page(&ctx, true, "/katalog/neu".into(), f))
}

pub async fn neu(State(st): State<AppState>, ctx: Ctx, AxForm(pairs): AxForm<Pairs>) -> AppResult<Response> {
    ctx.require_user()?;
    let f = Form::new(pairs);
    let id = if f.v("id").trim().is_empty() {
        slug(f.v("titel"))
    } else {
        f.v("id").trim().to_owned()
    };
    let s = from_form(&f, id, None);
    match svc::save_steckbrief(&st, &ctx, &s, true).await {
        Ok(()) => Ok(see_other(&format!("/katalog/steckbrief/{}", s.id))),
        Err(AppError::Invalid(e)) => invalid(form_page(
            &ctx,
            true,
            "/katalog/neu".into(),
            form_errors(ctx.tr, f, &e),
        )),
        Err(e) => Err(e),
    }
}

/// An id from a title: folded, dashes for spaces, at most 60 characters.
fn slug(titel: &str) -> String {
    let s = werkstatt_core::katalog::suche::falten(titel).replace(' ', "-");
    let s: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(60)
        .collect();
    s.trim_matches('-').to_owned()
}

pub async fn bearbeiten_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    ctx.require_user()?;
    let e = st.db.steckbrief(&id).await?;
    if !svc::darf_aendern(&ctx, &e.herkunft) {
        return Err(AppError::Forbidden);
    }
    page(form_page(
        &ctx,
        false,
        format!("/katalog/steckbrief/{id}"),
        to_form(&e.steckbrief),
    ))
}

pub async fn bearbeiten(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    ctx.require_user()?;
    let alt = st.db.steckbrief(&id).await?;
    let f = Form::new(pairs);
    let s = from_form(&f, id.clone(), Some(&alt.steckbrief));
    match svc::save_steckbrief(&st, &ctx, &s, false).await {
        Ok(()) => Ok(see_other(&format!("/katalog/steckbrief/{id}"))),
        Err(AppError::Invalid(e)) => invalid(form_page(
            &ctx,
            false,
            format!("/katalog/steckbrief/{id}"),
            form_errors(ctx.tr, f, &e),
        )),
        Err(e) => Err(e),
    }
}

// --- Best practices --------------------------------------------------------------------

const BP_FELDER: [(&str, &str, u8); 7] = [
    ("titel", "massnahme-titel", 1),
    ("kommune", "bp-kommune", 1),
    ("bundesland", "bp-bundesland", 1),
    ("jahr", "bp-jahr", 1),
    ("was", "bp-was", 4),
    ("steckbriefe", "bp-steckbriefe-ids", 2),
    ("quellen", "sbf-quellen", 2),
];

#[derive(Template)]
#[template(path = "best_practices.html")]
struct BestPracticesPage {
    t: Tr,
    nav: Nav,
    /// Every entry, and whether the viewer may change it.
    liste: Vec<(BestPracticeEintrag, bool)>,
    can_write: bool,
    felder: Vec<(&'static str, &'static str, u8)>,
    f: Form,
}

async fn bp_page(st: &AppState, ctx: &Ctx, f: Form) -> AppResult<BestPracticesPage> {
    let liste = st.db.best_practices().await?;
    Ok(BestPracticesPage {
        t: ctx.tr,
        nav: Nav::new(ctx, None, "/katalog/best-practices"),
        liste: liste
            .into_iter()
            .map(|b| {
                let aenderbar = svc::darf_aendern(ctx, &b.herkunft);
                (b, aenderbar)
            })
            .collect(),
        can_write: ctx.user().is_some(),
        felder: BP_FELDER.to_vec(),
        f,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct BpQuery {
    #[serde(default)]
    bearbeiten: String,
}

/// The list; with `?bearbeiten=ID` an account gets the form filled with that entry.
pub async fn best_practices(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BpQuery>,
) -> AppResult<Response> {
    let mut f = Form::default();
    if !q.bearbeiten.is_empty() && ctx.user().is_some() {
        let b = st
            .db
            .best_practices()
            .await?
            .into_iter()
            .find(|b| b.best_practice.id == q.bearbeiten)
            .ok_or(AppError::NotFound)?;
        if !svc::darf_aendern(&ctx, &b.herkunft) {
            return Err(AppError::Forbidden);
        }
        let b = b.best_practice;
        let quellen: Vec<String> = b
            .quellen
            .iter()
            .map(|q| format!("{} | {}", q.titel, q.url))
            .collect();
        f = Form::new(vec![
            ("id".into(), b.id.clone()),
            ("titel".into(), b.titel.clone()),
            ("kommune".into(), b.kommune.clone()),
            ("bundesland".into(), b.bundesland.clone()),
            ("jahr".into(), b.jahr.to_string()),
            ("was".into(), b.was.clone()),
            ("steckbriefe".into(), b.steckbriefe.join("\n")),
            ("quellen".into(), quellen.join("\n")),
        ]);
    }
    page(bp_page(&st, &ctx, f).await?)
}

pub async fn best_practice_neu(
    State(st): State<AppState>,
    ctx: Ctx,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    ctx.require_user()?;
    let f = Form::new(pairs);
    // An id in the form means: change that entry; otherwise a new one is made from the title.
    let id = if f.v("id").trim().is_empty() {
        slug(&format!("{} {}", f.v("kommune"), f.v("titel")))
    } else {
        f.v("id").trim().to_owned()
    };
    let b = BestPractice {
        id,
        titel: f.v("titel").trim().to_owned(),
        kommune: f.v("kommune").trim().to_owned(),
        bundesland: f.v("bundesland").trim().to_owned(),
        jahr: f.v("jahr").trim().parse().unwrap_or(0),
        was: f.v("was").trim().to_owned(),
        steckbriefe: lines(f.v("steckbriefe")),
        quellen: lines(f.v("quellen"))
            .into_iter()
            .map(|l| match l.rsplit_once('|') {
                Some((t, u)) => Quelle {
                    titel: t.trim().to_owned(),
                    url: u.trim().to_owned(),
                },
                None => Quelle {
                    titel: l.clone(),
                    url: l,
                },
            })
            .collect(),
    };
    nach_post(
        svc::save_best_practice(&st, &ctx, &b).await,
        |()| format!("/katalog/best-practices#bp-{}", b.id),
        |e| bp_page(&st, &ctx, form_errors(ctx.tr, f, &e)),
    )
    .await
}
