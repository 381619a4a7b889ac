//! The Digitalstrategie page: downloads, the free-text chapters, the Organigramm, the next
//! steps and the versions, and the comparison of two versions.

use askama::Template;
use axum::Form as AxForm;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use werkstatt_core::strategie::organigramm::{RolleDaten, RolleInput, RollenArt};
use werkstatt_core::strategie::schritte::{SchrittDaten, SchrittInput};
use werkstatt_core::strategie::texte::Freitext;
use werkstatt_core::strategie::vergleich::{AbschnittVergleich, Art, Zeile};
use werkstatt_core::strategie::version::VersionStatus;
use werkstatt_export::Format;

use crate::charts::organigramm::organigramm;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::http::datei;
use crate::http::query::{ExportQuery, VergleichQuery};
use crate::http::{invalid, page, see_other};
use crate::i18n::Tr;
use crate::services::Access;
use crate::services::strategie::{self as svc, StrategieSicht};
use crate::state::AppState;
use crate::view::format::{datum_iso_text, erstellt_text};
use crate::view::{Form, Nav};

type Pairs = Vec<(String, String)>;

/// A form that failed, shown again at its place: `bereich` names the form
/// ("text-vorwort", "rolle-r3", "rolle-neu", "schritt-s2", "schritt-neu", "version-neu", "version-2").
struct Eingabe {
    bereich: String,
    form: Form,
}

pub struct TextZeile {
    pub slug: &'static str,
    pub titel: &'static str,
    pub text: String,
    /// The text as HTML for readers (escaped; only the Markdown subset becomes markup).
    pub html: String,
    pub eigen: bool,
    pub optional: bool,
}

pub struct RolleZeile {
    pub id: String,
    pub titel: String,
    pub art: &'static str,
    pub art_name: String,
    pub besetzung: String,
    pub aufgabe: String,
    pub berichtet_an: String,
    pub berichtet_an_titel: String,
}

pub struct SchrittZeile {
    pub id: String,
    pub titel: String,
    pub beschreibung: String,
    pub datum: String,
    pub datum_text: String,
    pub verantwortlich: String,
    pub erledigt: bool,
}

pub struct VersionZeile {
    pub nummer: i64,
    pub status: &'static str,
    pub status_text: String,
    pub beschlossen_am: String,
    pub beschlossen_text: String,
    pub notiz: String,
    pub erstellt: String,
}

#[derive(Template)]
#[template(path = "strategie.html")]
struct StrategiePage {
    t: Tr,
    nav: Nav,
    w: werkstatt_store::werkstaetten::Werkstatt,
    moderator: bool,
    version: i64,
    texte: Vec<TextZeile>,
    organigramm_svg: Option<String>,
    rollen: Vec<RolleZeile>,
    rollen_eigen: bool,
    arten: Vec<(&'static str, String)>,
    schritte: Vec<SchrittZeile>,
    schritte_eigen: bool,
    versionen: Vec<VersionZeile>,
    stati: Vec<(&'static str, String)>,
    formate: Vec<(&'static str, &'static str)>,
    eingabe: Option<Eingabe>,
    leer: Form,
}

impl StrategiePage {
    /// The form to show for `bereich`: the failed one with its errors, or an empty one.
    fn f(&self, bereich: &str) -> &Form {
        match &self.eingabe {
            Some(e) if e.bereich == bereich => &e.form,
            _ => &self.leer,
        }
    }

    /// A field's value: what was submitted (after an error) or the stored value.
    fn wert<'a>(&'a self, bereich: &str, name: &str, gespeichert: &'a str) -> &'a str {
        match &self.eingabe {
            Some(e) if e.bereich == bereich => e.form.v(name),
            _ => gespeichert,
        }
    }
}

pub const FORMATE: [(&str, &str); 5] = [
    ("pdf", "PDF"),
    ("docx", "Word (DOCX)"),
    ("odt", "OpenDocument (ODT)"),
    ("md", "Markdown"),
    ("html", "HTML"),
];

async fn strategie_page(
    st: &AppState,
    ctx: &Ctx,
    a: &Access,
    eingabe: Option<Eingabe>,
) -> AppResult<StrategiePage> {
    let tr = ctx.tr;
    let s: StrategieSicht = svc::sicht(st, a).await?;
    let texte = Freitext::ALL
        .iter()
        .map(|f| TextZeile {
            slug: f.slug(),
            titel: tr.s(&format!("strategie-text-{}", f.slug())),
            text: s.text(*f),
            html: crate::view::markdown::html(&s.text(*f)),
            eigen: s.daten.texte.get(*f).is_some(),
            optional: f.optional(),
        })
        .collect();
    let titel_von = |id: &str| {
        s.organigramm
            .rolle(id)
            .map_or_else(String::new, |r| r.titel.clone())
    };
    let rollen = s
        .organigramm
        .rollen
        .iter()
        .map(|r| RolleZeile {
            id: r.id.clone(),
            titel: r.titel.clone(),
            art: r.art.slug(),
            art_name: tr.s(&format!("rollenart-{}", r.art.slug())).to_owned(),
            besetzung: r.besetzung.clone(),
            aufgabe: r.aufgabe.clone(),
            berichtet_an: r.berichtet_an.clone().unwrap_or_default(),
            berichtet_an_titel: r.berichtet_an.as_deref().map(titel_von).unwrap_or_default(),
        })
        .collect();
    let schritte = s
        .schritte
        .iter()
        .map(|x| {
            let iso = x
                .datum
                .map(|d| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()))
                .unwrap_or_default();
            SchrittZeile {
                id: x.id.clone(),
                titel: x.titel.clone(),
                beschreibung: x.beschreibung.clone(),
                datum_text: datum_iso_text(&iso),
                datum: iso,
                verantwortlich: x.verantwortlich.clone(),
                erledigt: x.erledigt,
            }
        })
        .collect();
    let versionen = s
        .versionen
        .iter()
        .map(|v| VersionZeile {
            nummer: v.nummer,
            status: v.status.slug(),
            status_text: tr.s(&format!("version-status-{}", v.status.slug())).to_owned(),
            beschlossen_am: v.beschlossen_am.clone().unwrap_or_default(),
            beschlossen_text: v
                .beschlossen_am
                .as_deref()
                .map(datum_iso_text)
                .unwrap_or_default(),
            notiz: v.notiz.clone(),
            erstellt: erstellt_text(v.created_at),
        })
        .collect();
    Ok(StrategiePage {
        t: tr,
        nav: Nav::fuer(ctx, &a.werkstatt, format!("/w/{}/strategie", a.id())),
        w: a.werkstatt.clone(),
        moderator: a.moderator,
        version: s.daten.version,
        texte,
        organigramm_svg: organigramm(&s.organigramm, tr.s("strategie-organigramm")),
        rollen,
        rollen_eigen: s.daten.organigramm.is_some(),
        arten: RollenArt::ALL
            .iter()
            .map(|r| (r.slug(), tr.s(&format!("rollenart-{}", r.slug())).to_owned()))
            .collect(),
        schritte,
        schritte_eigen: s.daten.schritte.is_some(),
        versionen,
        stati: VersionStatus::ALL
            .iter()
            .map(|v| (v.slug(), tr.s(&format!("version-status-{}", v.slug())).to_owned()))
            .collect(),
        formate: FORMATE.to_vec(),
        eingabe,
        leer: Form::default(),
    })
}

pub async fn show(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    page(strategie_page(&st, &ctx, &a, None).await?)
}

/// Runs a change; on invalid input or a conflict shows the page again with the form filled in.
async fn ausfuehren<F>(
    st: &AppState,
    ctx: &Ctx,
    a: &Access,
    bereich: String,
    f: Form,
    anker: &str,
    r: F,
) -> AppResult<Response>
where
    F: Future<Output = AppResult<()>>,
{
    match r.await {
        Ok(()) => Ok(see_other(&format!("/w/{}/strategie#{anker}", a.id()))),
        Err(AppError::Invalid(e)) => {
            let form = f.errors(ctx.tr, &e);
            invalid(strategie_page(st, ctx, a, Some(Eingabe { bereich, form })).await?)
        }
        Err(AppError::Conflict {
            code: "err-strategie-konflikt",
            ..
        }) => {
            let e = werkstatt_core::FieldErrors(vec![werkstatt_core::FieldError::new(
                "text",
                "err-strategie-konflikt",
            )]);
            let form = f.errors(ctx.tr, &e);
            let mut r = invalid(strategie_page(st, ctx, a, Some(Eingabe { bereich, form })).await?)?;
            *r.status_mut() = axum::http::StatusCode::CONFLICT;
            Ok(r)
        }
        Err(e) => Err(e),
    }
}

pub async fn text(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, slug)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let art = Freitext::parse("text", &slug).map_err(|_| AppError::NotFound)?;
    let bereich = format!("text-{slug}");
    if f.v("aktion") == "zuruecksetzen" {
        return ausfuehren(
            &st,
            &ctx,
            &a,
            bereich,
            f,
            "texte",
            svc::text_zuruecksetzen(&st, &a, art),
        )
        .await;
    }
    let version: i64 = f.v("version").trim().parse().unwrap_or(-1);
    let text = f.v("text").to_owned();
    ausfuehren(
        &st,
        &ctx,
        &a,
        bereich,
        f,
        &format!("text-{slug}"),
        svc::text_speichern(&st, &a, art, &text, version),
    )
    .await
}

fn rolle_input(f: &Form) -> RolleInput {
    RolleInput {
        titel: f.v("titel").to_owned(),
        art: f.v("art").to_owned(),
        besetzung: f.v("besetzung").to_owned(),
        aufgabe: f.v("aufgabe").to_owned(),
        berichtet_an: f.v("berichtet_an").to_owned(),
    }
}

pub async fn rolle_neu(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    if f.v("aktion") == "zuruecksetzen" {
        return ausfuehren(
            &st,
            &ctx,
            &a,
            "rolle-neu".into(),
            f,
            "organigramm",
            svc::organigramm_zuruecksetzen(&st, &a),
        )
        .await;
    }
    let r = RolleDaten::try_from(&rolle_input(&f));
    ausfuehren(&st, &ctx, &a, "rolle-neu".into(), f, "organigramm", async {
        svc::rolle_hinzufuegen(&st, &a, &r?).await
    })
    .await
}

pub async fn rolle(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, rid)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let bereich = format!("rolle-{rid}");
    if f.v("aktion") == "entfernen" {
        return ausfuehren(
            &st,
            &ctx,
            &a,
            bereich,
            f,
            "organigramm",
            svc::rolle_entfernen(&st, &a, &rid),
        )
        .await;
    }
    let r = RolleDaten::try_from(&rolle_input(&f));
    ausfuehren(&st, &ctx, &a, bereich, f, "organigramm", async {
        svc::rolle_aendern(&st, &a, &rid, &r?).await
    })
    .await
}

fn schritt_input(f: &Form) -> SchrittInput {
    SchrittInput {
        titel: f.v("titel").to_owned(),
        beschreibung: f.v("beschreibung").to_owned(),
        datum: f.v("datum").to_owned(),
        verantwortlich: f.v("verantwortlich").to_owned(),
        erledigt: Some(serde_json::Value::String(f.v("erledigt").to_owned())),
    }
}

pub async fn schritt_neu(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    if f.v("aktion") == "zuruecksetzen" {
        return ausfuehren(
            &st,
            &ctx,
            &a,
            "schritt-neu".into(),
            f,
            "schritte",
            svc::schritte_zuruecksetzen(&st, &a),
        )
        .await;
    }
    let s = SchrittDaten::try_from(&schritt_input(&f));
    ausfuehren(&st, &ctx, &a, "schritt-neu".into(), f, "schritte", async {
        svc::schritt_hinzufuegen(&st, &a, &s?).await
    })
    .await
}

pub async fn schritt(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, sid)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let bereich = format!("schritt-{sid}");
    if f.v("aktion") == "entfernen" {
        return ausfuehren(
            &st,
            &ctx,
            &a,
            bereich,
            f,
            "schritte",
            svc::schritt_entfernen(&st, &a, &sid),
        )
        .await;
    }
    let s = SchrittDaten::try_from(&schritt_input(&f));
    ausfuehren(&st, &ctx, &a, bereich, f, "schritte", async {
        svc::schritt_aendern(&st, &a, &sid, &s?).await
    })
    .await
}

pub async fn version_neu(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let (status, datum, notiz) = (
        f.v("status").to_owned(),
        f.v("beschlossen_am").to_owned(),
        f.v("notiz").to_owned(),
    );
    ausfuehren(&st, &ctx, &a, "version-neu".into(), f, "versionen", async {
        svc::version_erzeugen(&st, &a, &status, &datum, &notiz)
            .await
            .map(|_| ())
    })
    .await
}

pub async fn version_status(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, nummer)): Path<(String, i64)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    let (status, datum) = (f.v("status").to_owned(), f.v("beschlossen_am").to_owned());
    ausfuehren(
        &st,
        &ctx,
        &a,
        format!("version-{nummer}"),
        f,
        "versionen",
        svc::version_status(&st, &a, nummer, &status, &datum),
    )
    .await
}

/// `GET /w/{id}/strategie/export.{format}`; `?version=N` for a stored version.
pub async fn export(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, datei_name)): Path<(String, String)>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let format = datei_name
        .strip_prefix("export.")
        .and_then(Format::parse)
        .ok_or(AppError::NotFound)?;
    let (bytes, name) = svc::export(&st, &a, format, q.version).await?;
    Ok(datei(bytes, &name, format))
}

pub struct VergleichZeile {
    pub art: &'static str,
    pub text: String,
}

pub struct VergleichAbschnitt {
    pub titel: String,
    pub art: &'static str,
    pub art_text: String,
    pub zeilen: Vec<VergleichZeile>,
}

#[derive(Template)]
#[template(path = "strategie_vergleich.html")]
struct VergleichPage {
    t: Tr,
    nav: Nav,
    w: werkstatt_store::werkstaetten::Werkstatt,
    alt: i64,
    neu: i64,
    abschnitte: Vec<VergleichAbschnitt>,
    unveraendert: usize,
}

fn art_slug(a: Art) -> &'static str {
    match a {
        Art::Gleich => "gleich",
        Art::Hinzugefuegt => "hinzugefuegt",
        Art::Entfernt => "entfernt",
        Art::Geaendert => "geaendert",
    }
}

/// `GET /w/{id}/strategie/vergleich?alt=1&neu=2` (0 = the current state).
pub async fn vergleich(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<VergleichQuery>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let zahl = |s: &str| s.trim().parse::<i64>().ok().filter(|n| *n >= 0);
    let (Some(alt), Some(neu)) = (zahl(&q.alt), zahl(&q.neu)) else {
        return Err(AppError::BadRequest("err-vergleich-auswahl"));
    };
    let v: Vec<AbschnittVergleich> = svc::vergleichen(&st, &a, alt, neu).await?;
    let unveraendert = v.iter().filter(|x| x.art == Art::Gleich).count();
    let abschnitte = v
        .into_iter()
        .filter(|x| x.art != Art::Gleich)
        .map(|x| VergleichAbschnitt {
            art: art_slug(x.art),
            art_text: ctx.tr.s(&format!("vergleich-{}", art_slug(x.art))).to_owned(),
            titel: x.titel,
            zeilen: x
                .zeilen
                .into_iter()
                .map(|z| match z {
                    Zeile::Gleich(t) => VergleichZeile {
                        art: "gleich",
                        text: t,
                    },
                    Zeile::Neu(t) => VergleichZeile { art: "neu", text: t },
                    Zeile::Weg(t) => VergleichZeile { art: "weg", text: t },
                })
                .collect(),
        })
        .collect();
    page(VergleichPage {
        t: ctx.tr,
        nav: Nav::fuer(&ctx, &a.werkstatt, format!("/w/{id}/strategie/vergleich")),
        w: a.werkstatt.clone(),
        alt,
        neu,
        abschnitte,
        unveraendert,
    })
}
