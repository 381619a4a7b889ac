//! Prioritisation pages: the rounds, a ballot per method, paper ballots, results with
//! charts and tables, and the facilitator's final ranking.

use std::collections::HashMap;

use askama::Template;
use axum::Form as AxForm;
use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::{Value, json};
use werkstatt_core::abstimmung::{Korrektur, Methode, RundeInput};
use werkstatt_core::priorisierung::Vergleich;
use werkstatt_store::runden::Runde;
use werkstatt_store::werkstaetten::Werkstatt;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::http::{invalid, nach_post, page, see_other};
use crate::i18n::Tr;
use crate::services::Access;
use crate::services::priorisierung::{self as svc, EntscheidungInput, RundeDaten};
use crate::state::AppState;
use crate::view::ergebnis::{ErgZeile, ergebnis_zeilen};
use crate::view::{Form, Nav};

type Pairs = Vec<(String, String)>;

#[derive(Template)]
#[template(path = "priorisierung.html")]
struct UebersichtPage {
    t: Tr,
    nav: Nav,
    w: Werkstatt,
    runden: Vec<(Runde, usize)>,
    teilnehmende: usize,
    moderator: bool,
    methoden: Vec<(&'static str, &'static str)>,
    geschlossene: Vec<(String, String)>,
    endstand: Option<Vec<(String, String, bool)>>,
    korrekturen: Vec<(String, usize, String)>,
    f: Form,
    ef: Form,
}

async fn titel_map(st: &AppState, werkstatt_id: &str) -> AppResult<HashMap<String, String>> {
    Ok(st
        .db
        .massnahmen(werkstatt_id)
        .await?
        .into_iter()
        .map(|m| (m.id, m.titel))
        .collect())
}

async fn uebersicht_page(
    st: &AppState,
    ctx: &Ctx,
    a: &Access,
    f: Form,
    ef: Option<Form>,
) -> AppResult<UebersichtPage> {
    let id = a.id();
    let mut runden = Vec::new();
    for r in st.db.runden(id).await? {
        let n = st
            .db
            .stimmzettel(&r.id)
            .await?
            .iter()
            .filter(|z| !z.proxy)
            .count();
        runden.push((r, n));
    }
    let titel = titel_map(st, id).await?;
    let end = svc::endstand(st, a).await?;
    let (endstand, korrekturen, version) = match &end {
        Some(e) => (
            Some(
                e.reihenfolge
                    .iter()
                    .map(|m| {
                        (
                            m.clone(),
                            titel.get(m).cloned().unwrap_or_default(),
                            e.vertiefung.contains(m),
                        )
                    })
                    .collect(),
            ),
            e.korrekturen
                .iter()
                .map(|k| {
                    (
                        titel.get(&k.massnahme_id).cloned().unwrap_or_default(),
                        k.position,
                        k.grund.clone(),
                    )
                })
                .collect(),
            e.entscheidung.version,
        ),
        None => (None, Vec::new(), 0),
    };
    let geschlossene = runden
        .iter()
        .filter(|(r, _)| !r.offen())
        .map(|(r, _)| (r.id.clone(), r.titel.clone()))
        .collect();
    let ef = ef
        .unwrap_or_else(|| Form::default().with("top_n", "3"))
        .with("version", version.to_string());
    Ok(UebersichtPage {
        t: ctx.tr,
        nav: Nav::fuer(ctx, &a.werkstatt, format!("/w/{id}/priorisierung")),
        w: a.werkstatt.clone(),
        teilnehmende: st.db.teilnehmende(id).await?.len(),
        moderator: a.moderator && !a.werkstatt.phase().is_closed(),
        methoden: Methode::ALL
            .iter()
            .map(|m| (m.slug(), ctx.tr.methode(m.slug())))
            .collect(),
        geschlossene,
        endstand,
        korrekturen,
        runden,
        f,
        ef,
    })
}

pub async fn uebersicht(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    page(
        uebersicht_page(
            &st,
            &ctx,
            &a,
            Form::default()
                .with("methode", "punkte")
                .with("verborgen", "true"),
            None,
        )
        .await?,
    )
}

pub async fn neue_runde(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let input = RundeInput {
        methode: f.v("methode").to_owned(),
        titel: f.v("titel").to_owned(),
        budget: Value::String(f.v("budget").to_owned()),
        stapeln: Some(true),
        max_pro_option: Value::String(f.v("max_pro_option").to_owned()),
        kriterien: f.v("kriterien").to_owned(),
        verborgen: Some(f.v("verborgen") == "true"),
    };
    nach_post(
        svc::create(&st, &a, &input).await,
        |r| format!("/w/{id}/runden/{}", r.id),
        |e| uebersicht_page(&st, &ctx, &a, f.errors(ctx.tr, &e), None),
    )
    .await
}

/// Parses override lines "7 -> 1: Grund" (number in the result, new place, reason).
fn korrekturen_aus(text: &str, reihenfolge: &[String]) -> Result<Vec<Korrektur>, werkstatt_core::FieldError> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let fehler = || werkstatt_core::FieldError::new("korrekturen", "err-korrektur-zeile");
        let (zahlen, grund) = line.split_once(':').ok_or_else(fehler)?;
        let (von, nach) = zahlen.split_once("->").ok_or_else(fehler)?;
        let von: usize = von.trim().parse().map_err(|_| fehler())?;
        let nach: usize = nach.trim().parse().map_err(|_| fehler())?;
        let id = reihenfolge.get(von.wrapping_sub(1)).ok_or_else(fehler)?;
        out.push(Korrektur {
            massnahme_id: id.clone(),
            position: nach,
            grund: grund.trim().to_owned(),
        });
    }
    Ok(out)
}

pub async fn entscheiden(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let reihenfolge = match st.db.runde(&id, f.v("runde_id")).await {
        Ok(r) => svc::ergebnis(&st, &svc::daten(r)?)
            .await?
            .rang
            .into_iter()
            .flatten()
            .collect(),
        Err(_) => Vec::new(),
    };
    let result = match korrekturen_aus(f.v("korrekturen"), &reihenfolge) {
        Ok(korrekturen) => {
            let input = EntscheidungInput {
                runde_id: f.v("runde_id").to_owned(),
                korrekturen,
                top_n: Value::String(f.v("top_n").to_owned()),
                version: f.v("version").parse().ok(),
            };
            svc::entscheiden(&st, &a, &input).await.map(|_| ())
        }
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/w/{id}/priorisierung"))),
        Err(AppError::Invalid(e)) => {
            let mapped = werkstatt_core::FieldErrors(
                e.0.into_iter()
                    .map(|mut x| {
                        if x.field.starts_with("korrekturen") {
                            x.field = "korrekturen".into();
                        }
                        x
                    })
                    .collect(),
            );
            let ef = f.errors(ctx.tr, &mapped);
            invalid(
                uebersicht_page(&st, &ctx, &a, Form::default().with("methode", "punkte"), Some(ef)).await?,
            )
        }
        Err(e) => Err(e),
    }
}

/// One row of the ballot form.
pub struct Zeile {
    id: String,
    nr: usize,
    titel: String,
    feld: String,
    wert: String,
    wert2: String,
    werte: Vec<String>,
}

impl Zeile {
    fn wert_k(&self, i: &usize) -> &str {
        self.werte.get(*i).map_or("", String::as_str)
    }
}

#[derive(Template)]
#[template(path = "runde.html")]
struct RundePage {
    t: Tr,
    nav: Nav,
    w: Werkstatt,
    r: Runde,
    methode: &'static str,
    proxy: bool,
    moderator: bool,
    formular: bool,
    hinweis: &'static str,
    abgegeben: usize,
    papier: usize,
    teilnehmende: usize,
    budget: u32,
    max_pro: u32,
    zeilen: Vec<Zeile>,
    kriterien: Vec<String>,
    paare: Vec<(String, String, String, String)>,
    einigkeit: Option<String>,
    chart: String,
    spalten: (String, String),
    ergebnis: Vec<ErgZeile>,
    zettel_fehler: Option<String>,
    f: Form,
}

fn seed_von(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

async fn runde_page(
    st: &AppState,
    ctx: &Ctx,
    a: &Access,
    rid: &str,
    proxy: bool,
    f: Form,
    fehler: Option<String>,
) -> AppResult<RundePage> {
    let stand = svc::stand(st, a, rid).await?;
    let r: &RundeDaten = &stand.runde;
    let titel = titel_map(st, a.id()).await?;
    let felder: HashMap<String, String> = st
        .db
        .felder(a.id())
        .await?
        .into_iter()
        .map(|f| (f.id, ctx.tr.feld_name(&f.slug, &f.name)))
        .collect();
    let massnahmen: HashMap<String, String> = st
        .db
        .massnahmen(a.id())
        .await?
        .into_iter()
        .map(|m| (m.id, m.feld_id))
        .collect();
    let mein = if proxy { None } else { stand.mein.clone() };
    let zeilen: Vec<Zeile> = r
        .optionen
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let m = mein.as_ref();
            let (wert, wert2, werte) = match r.methode {
                Methode::Punkte => (
                    m.and_then(|m| m[id].as_u64()).unwrap_or(0).to_string(),
                    String::new(),
                    vec![],
                ),
                Methode::Matrix => (
                    m.and_then(|m| m[id]["nutzen"].as_u64())
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                    m.and_then(|m| m[id]["aufwand"].as_u64())
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                    vec![],
                ),
                Methode::Nutzwert => (
                    String::new(),
                    String::new(),
                    m.and_then(|m| m[id].as_array())
                        .map(|a| {
                            a.iter()
                                .map(|v| v.as_u64().map(|x| x.to_string()).unwrap_or_default())
                                .collect()
                        })
                        .unwrap_or_default(),
                ),
                Methode::Rangfolge => {
                    let platz = m.and_then(|m| m.as_array()).and_then(|gruppen| {
                        gruppen
                            .iter()
                            .position(|g| g.as_array().is_some_and(|g| g.iter().any(|x| x == id)))
                    });
                    (
                        platz.map(|p| (p + 1).to_string()).unwrap_or_default(),
                        String::new(),
                        vec![],
                    )
                }
                Methode::Paarvergleich => (String::new(), String::new(), vec![]),
            };
            Zeile {
                id: id.clone(),
                nr: i + 1,
                titel: titel.get(id).cloned().unwrap_or_default(),
                feld: massnahmen
                    .get(id)
                    .and_then(|f| felder.get(f))
                    .cloned()
                    .unwrap_or_default(),
                wert,
                wert2,
                werte,
            }
        })
        .collect();
    let paare = if r.methode == Methode::Paarvergleich && r.runde.offen() {
        let alle = svc::alle_vergleiche(st, rid).await?;
        let wer = a.teilnehmende.as_ref().map_or("papier", |t| t.id.as_str());
        let seed = seed_von(&format!("{wer}{}", alle.len()));
        svc::paare_fuer(r, mein.as_ref(), &alle, seed)
            .into_iter()
            .map(|(x, y)| {
                let (tx, ty) = (
                    titel.get(&x).cloned().unwrap_or_default(),
                    titel.get(&y).cloned().unwrap_or_default(),
                );
                (x, tx, y, ty)
            })
            .collect()
    } else {
        Vec::new()
    };
    let (ergebnis, spalten, chart) = match &stand.ergebnis {
        Some(e) => ergebnis_zeilen(ctx.tr, e, &titel),
        None => (Vec::new(), (String::new(), String::new()), String::new()),
    };
    let kann = r.runde.offen()
        && if proxy {
            a.moderator
        } else {
            a.teilnehmende.is_some() && a.werkstatt.phase().allows_ranking() && !a.werkstatt.gesperrt
        };
    let papier = st.db.stimmzettel(rid).await?.iter().filter(|z| z.proxy).count();
    Ok(RundePage {
        t: ctx.tr,
        nav: Nav::fuer(ctx, &a.werkstatt, format!("/w/{}/runden/{rid}", a.id())),
        w: a.werkstatt.clone(),
        methode: r.methode.slug(),
        proxy,
        moderator: a.moderator,
        formular: kann,
        hinweis: match r.methode {
            Methode::Punkte => "prio-hinweis-punkte",
            Methode::Matrix => "prio-hinweis-matrix",
            Methode::Nutzwert => "prio-hinweis-nutzwert",
            Methode::Paarvergleich => "prio-hinweis-paar",
            Methode::Rangfolge => "prio-hinweis-rang",
        },
        abgegeben: stand.abgegeben,
        papier,
        teilnehmende: stand.teilnehmende,
        budget: r.einstellungen.budget,
        max_pro: r.einstellungen.max_pro_option.unwrap_or(r.einstellungen.budget),
        zeilen,
        kriterien: r
            .einstellungen
            .kriterien
            .iter()
            .map(|k| format!("{} ({} %)", k.name, k.gewicht))
            .collect(),
        paare,
        einigkeit: stand
            .ergebnis
            .as_ref()
            .and_then(|e| e.einigkeit)
            .map(|w| format!("{w:.2}").replace('.', ",")),
        chart,
        spalten,
        ergebnis,
        zettel_fehler: fehler,
        f,
        r: stand.runde.runde.clone(),
    })
}

pub async fn runde(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    page(runde_page(&st, &ctx, &a, &rid, false, Form::default(), None).await?)
}

pub async fn papier_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    a.require_moderator()?;
    page(runde_page(&st, &ctx, &a, &rid, true, Form::default(), None).await?)
}

/// Turns the ballot form into the JSON ballot of the method.
fn zettel_aus_form(r: &RundeDaten, f: &Form) -> Value {
    let get = |k: String| f.v(&k).trim().to_owned();
    match r.methode {
        Methode::Punkte => Value::Object(
            r.optionen
                .iter()
                .filter_map(|id| {
                    get(format!("p.{id}"))
                        .parse::<u32>()
                        .ok()
                        .filter(|n| *n > 0)
                        .map(|n| (id.clone(), json!(n)))
                })
                .collect(),
        ),
        Methode::Matrix => Value::Object(
            r.optionen
                .iter()
                .filter_map(|id| {
                    let (n, a) = (get(format!("n.{id}")), get(format!("a.{id}")));
                    match (n.parse::<u8>(), a.parse::<u8>()) {
                        (Ok(n), Ok(a)) => Some((id.clone(), json!({"nutzen": n, "aufwand": a}))),
                        _ => None,
                    }
                })
                .collect(),
        ),
        Methode::Nutzwert => {
            let k = r.einstellungen.kriterien.len();
            Value::Object(
                r.optionen
                    .iter()
                    .filter_map(|id| {
                        let werte: Vec<Option<u8>> = (0..k)
                            .map(|i| get(format!("k{i}.{id}")).parse::<u8>().ok())
                            .collect();
                        if werte.iter().all(Option::is_none) {
                            None
                        } else {
                            // A criterion left empty counts as 0.
                            Some((
                                id.clone(),
                                json!(werte.into_iter().map(|w| w.unwrap_or(0)).collect::<Vec<_>>()),
                            ))
                        }
                    })
                    .collect(),
            )
        }
        Methode::Paarvergleich => {
            let mut v: Vec<Vergleich<String>> = Vec::new();
            for (k, wert) in &f.values {
                let Some(rest) = k.strip_prefix("v.") else {
                    continue;
                };
                let Some((x, y)) = rest.split_once('.') else {
                    continue;
                };
                let ausgang = match wert.as_str() {
                    "a" => werkstatt_core::priorisierung::Ausgang::A,
                    "b" => werkstatt_core::priorisierung::Ausgang::B,
                    "gleich" => werkstatt_core::priorisierung::Ausgang::Gleich,
                    _ => continue,
                };
                v.push(Vergleich {
                    a: x.to_owned(),
                    b: y.to_owned(),
                    ausgang,
                });
            }
            json!(v)
        }
        Methode::Rangfolge => {
            let mut plaetze: Vec<(u32, String)> = r
                .optionen
                .iter()
                .filter_map(|id| {
                    get(format!("r.{id}"))
                        .parse::<u32>()
                        .ok()
                        .filter(|p| *p > 0)
                        .map(|p| (p, id.clone()))
                })
                .collect();
            plaetze.sort();
            let mut gruppen: Vec<Vec<String>> = Vec::new();
            let mut letzter = 0;
            for (p, id) in plaetze {
                match gruppen.last_mut() {
                    Some(g) if p == letzter => g.push(id),
                    _ => gruppen.push(vec![id]),
                }
                letzter = p;
            }
            json!(gruppen)
        }
    }
}

async fn abgeben(
    st: AppState,
    ctx: Ctx,
    id: String,
    rid: String,
    pairs: Pairs,
    proxy: bool,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let r = svc::laden(&st, &a, &rid).await?;
    let inhalt = zettel_aus_form(&r, &f);
    match svc::abstimmen(&st, &a, &rid, &inhalt, proxy).await {
        Ok(()) => Ok(see_other(&format!(
            "/w/{id}/runden/{rid}{}",
            if proxy { "/papier" } else { "" }
        ))),
        Err(AppError::Invalid(e)) => {
            let msg =
                e.0.iter()
                    .map(|x| ctx.tr.field_error(x))
                    .collect::<Vec<_>>()
                    .join(" ");
            invalid(runde_page(&st, &ctx, &a, &rid, proxy, f, Some(msg)).await?)
        }
        Err(e) => Err(e),
    }
}

pub async fn stimme(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    abgeben(st, ctx, id, rid, pairs, false).await
}

pub async fn papier(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    abgeben(st, ctx, id, rid, pairs, true).await
}

pub async fn status(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    svc::set_status(&st, &a, &rid, Form::new(pairs).v("status")).await?;
    Ok(see_other(&format!("/w/{id}/runden/{rid}")))
}
