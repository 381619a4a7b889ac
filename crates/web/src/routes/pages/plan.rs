//! Projektplan pages: the plans of a Werkstatt with the selection of Maßnahmen for the
//! Vertiefung, and the plan page with its seven sections.
//!
//! Each section is its own form (POST, 303 on success, 422 with the messages at the fields,
//! 409 when someone changed the same section meanwhile). List rows are repeated inputs
//! named like the paths of the plan document (`aufgaben[2].dauer`), so the checks' field
//! errors land next to their inputs; blank rows are left out and a row can be removed with
//! its checkbox. Displays of the plan are `data-live` regions; the forms are not, so what
//! someone is typing stays while others save.

use std::collections::{BTreeSet, HashMap};

use askama::Template;
use axum::Form as AxForm;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::{Map, Value};
use time::Date;
use werkstatt_core::FieldErrors;
use werkstatt_core::planung::Vorgaenger;
use werkstatt_core::planung::projektplan::{
    Einheit, Haltung, Projektplan, Quelle, StakeholderArt, Strategie,
};
use werkstatt_core::werkstatt::{format_datum, parse_datum};
use werkstatt_store::werkstaetten::Werkstatt;

use crate::charts::{gantt, raster};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::http::{ics_antwort, invalid, nach_post, page, see_other};
use crate::i18n::Tr;
use crate::services::Access;
use crate::services::plan::{self as svc, Abschnitt, PlanSicht};
use crate::state::AppState;
use crate::view::format::{datum_text, euro, form_dezimal, zahl};
use crate::view::{Form, Nav};

type Pairs = Vec<(String, String)>;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/w/{id}/plaene", get(liste).post(auswaehlen))
        .route("/w/{id}/plaene/kalender.ics", get(kalender_alle))
        .route("/w/{id}/plaene/{mid}", get(zeigen))
        .route("/w/{id}/plaene/{mid}/kalender.ics", get(kalender_einer))
        .route("/w/{id}/plaene/{mid}/entfernen", post(entfernen))
        .route("/w/{id}/plaene/{mid}/{abschnitt}", post(abschnitt))
}

// ---------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------

fn vorgaenger_text(v: &[Vorgaenger]) -> String {
    v.iter()
        .map(|p| {
            if p.abstand > 0 {
                format!("{}+{}", p.id, p.abstand)
            } else {
                p.id.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn strategie(tr: Tr, s: Strategie) -> &'static str {
    tr.s(&raster::strategie_key(s))
}

fn haltung(tr: Tr, h: Haltung) -> String {
    format!("{} {}", h.zeichen(), tr.s(&format!("plan-haltung-{}", h.slug())))
}

fn stufe(tr: Tr, n: u8) -> String {
    format!("{n} – {}", tr.s(&format!("plan-stufe-{}", n.clamp(1, 3))))
}

// ---------------------------------------------------------------------------------------
// Section forms
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum Optionen {
    Art,
    Stufe,
    Haltung,
    Strategie,
    Quelle,
    Einheit,
    Aufgaben,
}

#[derive(Clone, Copy)]
enum Art {
    Text,
    Zahl,
    Dezimal,
    Datum,
    Textarea,
    Auswahl(Optionen),
    Haken,
    Versteckt,
}

/// One input of a row or of the whole form.
struct Spalte {
    name: &'static str,
    label: &'static str,
    art: Art,
    /// Counts when deciding whether a row is blank.
    inhalt: bool,
    max: usize,
    hinweis: &'static str,
}

const fn sp(name: &'static str, label: &'static str, art: Art, inhalt: bool, max: usize) -> Spalte {
    Spalte {
        name,
        label,
        art,
        inhalt,
        max,
        hinweis: "",
    }
}

const fn sph(
    name: &'static str,
    label: &'static str,
    art: Art,
    inhalt: bool,
    max: usize,
    hinweis: &'static str,
) -> Spalte {
    Spalte {
        name,
        label,
        art,
        inhalt,
        max,
        hinweis,
    }
}

struct ListeSpec {
    pfad: &'static str,
    titel: &'static str,
    hinweis: &'static str,
    /// The legend of one row, with `{ $n }`.
    zeile: &'static str,
    spalten: &'static [Spalte],
    /// Blank rows offered below the filled ones.
    leer: usize,
}

const KRITERIEN: ListeSpec = ListeSpec {
    pfad: "ergebnis.kriterien",
    titel: "plan-kriterien",
    hinweis: "plan-kriterien-hinweis",
    zeile: "plan-zeile-kriterium",
    spalten: &[
        sp("indikator", "plan-indikator", Art::Text, true, 160),
        sp("zielwert", "plan-zielwert", Art::Text, true, 160),
        sp("datum", "plan-kriterium-datum", Art::Datum, true, 10),
    ],
    leer: 2,
};

const ZIELGRUPPEN: ListeSpec = ListeSpec {
    pfad: "zielgruppen",
    titel: "plan-zielgruppen",
    hinweis: "plan-zielgruppen-hinweis",
    zeile: "plan-zeile-zielgruppe",
    spalten: &[
        sp("name", "plan-zielgruppe-name", Art::Text, true, 160),
        sp("groesse", "plan-zielgruppe-groesse", Art::Text, true, 160),
        sp("bedarf", "plan-zielgruppe-bedarf", Art::Textarea, true, 5000),
    ],
    leer: 2,
};

const STAKEHOLDER: ListeSpec = ListeSpec {
    pfad: "stakeholder",
    titel: "plan-stakeholder",
    hinweis: "plan-stakeholder-hinweis",
    zeile: "plan-zeile-stakeholder",
    spalten: &[
        sp("name", "plan-stakeholder-name", Art::Text, true, 160),
        sp(
            "art",
            "plan-stakeholder-art",
            Art::Auswahl(Optionen::Art),
            false,
            0,
        ),
        sp(
            "einfluss",
            "plan-einfluss",
            Art::Auswahl(Optionen::Stufe),
            false,
            0,
        ),
        sp(
            "interesse",
            "plan-interesse",
            Art::Auswahl(Optionen::Stufe),
            false,
            0,
        ),
        sp(
            "haltung",
            "plan-haltung",
            Art::Auswahl(Optionen::Haltung),
            false,
            0,
        ),
        sp(
            "strategie",
            "plan-strategie",
            Art::Auswahl(Optionen::Strategie),
            false,
            0,
        ),
    ],
    leer: 3,
};

const TEAM: ListeSpec = ListeSpec {
    pfad: "organisation.team",
    titel: "plan-team",
    hinweis: "plan-team-hinweis",
    zeile: "plan-zeile-team",
    spalten: &[
        sp("rolle", "plan-team-rolle", Art::Text, true, 160),
        sp("name", "plan-team-name", Art::Text, true, 160),
    ],
    leer: 3,
};

const RACI: ListeSpec = ListeSpec {
    pfad: "organisation.raci",
    titel: "plan-raci",
    hinweis: "plan-raci-hinweis",
    zeile: "plan-zeile-raci",
    spalten: &[
        sp(
            "aufgabe",
            "plan-raci-aufgabe",
            Art::Auswahl(Optionen::Aufgaben),
            true,
            0,
        ),
        sp("r", "plan-raci-r", Art::Text, true, 160),
        sp("a", "plan-raci-a", Art::Text, true, 160),
        sp("c", "plan-raci-c", Art::Text, true, 160),
        sp("i", "plan-raci-i", Art::Text, true, 160),
    ],
    leer: 2,
};

const FINANZIELL: ListeSpec = ListeSpec {
    pfad: "ressourcen.finanziell",
    titel: "plan-finanziell",
    hinweis: "plan-finanziell-hinweis",
    zeile: "plan-zeile-posten",
    spalten: &[
        sp("bezeichnung", "plan-bezeichnung", Art::Text, true, 160),
        sph(
            "einmalig",
            "plan-einmalig",
            Art::Dezimal,
            true,
            40,
            "plan-betrag-hinweis",
        ),
        sph(
            "laufend",
            "plan-laufend",
            Art::Dezimal,
            true,
            40,
            "plan-betrag-hinweis",
        ),
        sp("quelle", "plan-quelle", Art::Auswahl(Optionen::Quelle), false, 0),
        sph(
            "programm",
            "plan-programm",
            Art::Text,
            true,
            160,
            "plan-programm-hinweis",
        ),
        sp("jahr", "plan-jahr", Art::Zahl, false, 4),
    ],
    leer: 2,
};

const PERSONAL: ListeSpec = ListeSpec {
    pfad: "ressourcen.personal",
    titel: "plan-personal",
    hinweis: "plan-personal-hinweis",
    zeile: "plan-zeile-personal",
    spalten: &[
        sp("rolle", "plan-team-rolle", Art::Text, true, 160),
        sp("umfang", "plan-umfang", Art::Dezimal, true, 20),
        sp(
            "einheit",
            "plan-einheit",
            Art::Auswahl(Optionen::Einheit),
            false,
            0,
        ),
        sp("jahr", "plan-jahr", Art::Zahl, false, 4),
    ],
    leer: 2,
};

const AUFGABEN: ListeSpec = ListeSpec {
    pfad: "aufgaben",
    titel: "plan-aufgaben-liste",
    hinweis: "plan-aufgaben-hinweis",
    zeile: "plan-zeile-aufgabe",
    spalten: &[
        sph("id", "plan-kuerzel", Art::Text, false, 20, "plan-kuerzel-hinweis"),
        sp("titel", "plan-aufgabe-titel", Art::Text, true, 160),
        sp("verantwortlich", "plan-verantwortlich", Art::Text, true, 160),
        sp("dauer", "plan-dauer", Art::Zahl, true, 6),
        sph(
            "vorgaenger",
            "plan-vorgaenger",
            Art::Text,
            true,
            400,
            "plan-vorgaenger-hinweis",
        ),
    ],
    leer: 3,
};

const MEILENSTEINE: ListeSpec = ListeSpec {
    pfad: "meilensteine",
    titel: "plan-meilensteine-liste",
    hinweis: "plan-meilensteine-hinweis",
    zeile: "plan-zeile-meilenstein",
    spalten: &[
        sp("id", "plan-kuerzel", Art::Versteckt, false, 20),
        sp("titel", "plan-meilenstein-titel", Art::Text, true, 160),
        sp("datum", "plan-meilenstein-datum", Art::Datum, true, 10),
        sp(
            "nach_aufgabe",
            "plan-nach-aufgabe",
            Art::Auswahl(Optionen::Aufgaben),
            true,
            0,
        ),
        sph(
            "abhaengig_von",
            "plan-abhaengig-von",
            Art::Text,
            true,
            400,
            "plan-abhaengig-hinweis",
        ),
        sp("erreicht", "plan-erreicht", Art::Haken, false, 0),
    ],
    leer: 2,
};

const E_ERGEBNIS: &[Spalte] = &[sph(
    "ergebnis.text",
    "plan-ergebnis-text",
    Art::Textarea,
    true,
    5000,
    "plan-ergebnis-hinweis",
)];
const E_ORGANISATION: &[Spalte] = &[
    sp(
        "organisation.auftraggeber",
        "plan-auftraggeber",
        Art::Text,
        true,
        160,
    ),
    sp(
        "organisation.projektleitung",
        "plan-projektleitung",
        Art::Text,
        true,
        160,
    ),
];
const E_RESSOURCEN: &[Spalte] = &[sph(
    "ressourcen.organisatorisch",
    "plan-organisatorisch",
    Art::Textarea,
    true,
    5000,
    "plan-organisatorisch-hinweis",
)];
const E_AUFGABEN: &[Spalte] = &[sph(
    "start",
    "plan-start",
    Art::Datum,
    true,
    10,
    "plan-start-hinweis",
)];

/// The single inputs before the lists, the lists, and the single inputs after them.
fn aufbau(ab: Abschnitt) -> (&'static [Spalte], Vec<&'static ListeSpec>, &'static [Spalte]) {
    match ab {
        Abschnitt::Ergebnis => (E_ERGEBNIS, vec![&KRITERIEN], &[]),
        Abschnitt::Zielgruppen => (&[], vec![&ZIELGRUPPEN], &[]),
        Abschnitt::Stakeholder => (&[], vec![&STAKEHOLDER], &[]),
        Abschnitt::Organisation => (E_ORGANISATION, vec![&TEAM, &RACI], &[]),
        Abschnitt::Ressourcen => (&[], vec![&FINANZIELL, &PERSONAL], E_RESSOURCEN),
        Abschnitt::Aufgaben => (E_AUFGABEN, vec![&AUFGABEN], &[]),
        Abschnitt::Meilensteine => (&[], vec![&MEILENSTEINE], &[]),
    }
}

fn optionen(tr: Tr, o: Optionen, plan: &Projektplan) -> Vec<(String, String)> {
    let v = |slug: &str, label: String| (slug.to_owned(), label);
    match o {
        Optionen::Art => StakeholderArt::ALL
            .iter()
            .map(|a| v(a.slug(), tr.s(&format!("plan-art-{}", a.slug())).to_owned()))
            .collect(),
        Optionen::Stufe => (1..=3u8).map(|n| (n.to_string(), stufe(tr, n))).collect(),
        Optionen::Haltung => Haltung::ALL
            .iter()
            .map(|h| v(h.slug(), haltung(tr, *h)))
            .collect(),
        Optionen::Strategie => std::iter::once(v("", tr.s("plan-strategie-vorschlag").to_owned()))
            .chain(
                Strategie::ALL
                    .iter()
                    .map(|s| v(s.slug(), strategie(tr, *s).to_owned())),
            )
            .collect(),
        Optionen::Quelle => Quelle::ALL
            .iter()
            .map(|q| v(q.slug(), tr.s(&format!("plan-quelle-{}", q.slug())).to_owned()))
            .collect(),
        Optionen::Einheit => Einheit::ALL
            .iter()
            .map(|e| v(e.slug(), tr.s(&format!("plan-einheit-{}", e.slug())).to_owned()))
            .collect(),
        Optionen::Aufgaben => std::iter::once(v("", "–".to_owned()))
            .chain(
                plan.aufgaben
                    .iter()
                    .map(|a| v(&a.id, format!("{} · {}", a.id, a.titel))),
            )
            .collect(),
    }
}

/// One input as the template renders it.
pub struct FeldView {
    pub name: String,
    pub label: String,
    pub wert: String,
    pub fehler: Option<String>,
    /// `text`, `date`, `textarea`, `select`, `checkbox`, `hidden`.
    pub art: &'static str,
    pub inputmode: &'static str,
    pub max: usize,
    pub hinweis: String,
    pub optionen: Vec<(String, String)>,
    /// The ids for `aria-describedby` (hint and error), blank for none.
    pub beschrieben: String,
}

pub struct ZeileView {
    pub legend: String,
    pub felder: Vec<FeldView>,
    /// The name of the remove checkbox, for rows with content.
    pub entfernen: Option<String>,
}

pub struct ListeView {
    pub id: String,
    pub titel: &'static str,
    pub hinweis: &'static str,
    pub fehler: Option<String>,
    pub zeilen: Vec<ZeileView>,
}

/// The form of one section.
pub struct AbschnittForm {
    pub slug: &'static str,
    pub titel: &'static str,
    pub stand: String,
    pub form: Form,
    pub vor: Vec<FeldView>,
    pub listen: Vec<ListeView>,
    pub nach: Vec<FeldView>,
    pub offen: bool,
    pub konflikt: bool,
}

fn feld_view(tr: Tr, s: &Spalte, name: String, f: &Form, plan: &Projektplan) -> FeldView {
    let (art, inputmode, optionen) = match s.art {
        Art::Text => ("text", "", Vec::new()),
        Art::Zahl => ("text", "numeric", Vec::new()),
        Art::Dezimal => ("text", "decimal", Vec::new()),
        Art::Datum => ("date", "", Vec::new()),
        Art::Textarea => ("textarea", "", Vec::new()),
        Art::Auswahl(o) => ("select", "", optionen(tr, o, plan)),
        Art::Haken => ("checkbox", "", Vec::new()),
        Art::Versteckt => ("hidden", "", Vec::new()),
    };
    let fehler = f.e(&name).map(str::to_owned);
    let hinweis = if s.hinweis.is_empty() {
        String::new()
    } else {
        tr.s(s.hinweis).to_owned()
    };
    let mut ids = Vec::new();
    if !hinweis.is_empty() {
        ids.push(format!("{name}-hint"));
    }
    if fehler.is_some() {
        ids.push(format!("{name}-err"));
    }
    let mut optionen = optionen;
    let wert = f.v(&name).to_owned();
    // A value no longer offered (e.g. a removed task) stays visible and selected.
    if art == "select" && !optionen.iter().any(|(v, _)| *v == wert) {
        optionen.push((wert.clone(), wert.clone()));
    }
    FeldView {
        label: tr.s(s.label).to_owned(),
        wert,
        fehler,
        art,
        inputmode,
        max: s.max,
        hinweis,
        optionen,
        beschrieben: ids.join(" "),
        name,
    }
}

/// The row indices a form holds for a list, ascending.
fn indizes(f: &Form, pfad: &str) -> Vec<usize> {
    let praefix = format!("{pfad}[");
    let mut s: BTreeSet<usize> = BTreeSet::new();
    for (k, _) in &f.values {
        if let Some(rest) = k.strip_prefix(&praefix)
            && let Some((n, _)) = rest.split_once(']')
            && let Ok(n) = n.parse::<usize>()
            && n < 1000
        {
            s.insert(n);
        }
    }
    s.into_iter().collect()
}

fn formular(
    tr: Tr,
    ab: Abschnitt,
    f: Form,
    plan: &Projektplan,
    leer: bool,
    offen: bool,
    konflikt: bool,
) -> AbschnittForm {
    let (vor, listen, nach) = aufbau(ab);
    let einzel = |v: &[Spalte]| -> Vec<FeldView> {
        v.iter()
            .map(|s| feld_view(tr, s, s.name.to_owned(), &f, plan))
            .collect()
    };
    let listen = listen
        .into_iter()
        .map(|l| {
            let n = indizes(&f, l.pfad).last().map_or(0, |m| m + 1) + if leer { l.leer } else { 0 };
            let zeilen = (0..n)
                .map(|i| {
                    let felder: Vec<FeldView> = l
                        .spalten
                        .iter()
                        .map(|s| feld_view(tr, s, format!("{}[{i}].{}", l.pfad, s.name), &f, plan))
                        .collect();
                    let gefuellt = l
                        .spalten
                        .iter()
                        .zip(&felder)
                        .any(|(s, x)| s.inhalt && !x.wert.trim().is_empty());
                    ZeileView {
                        legend: tr.a1(l.zeile, "n", i + 1),
                        felder,
                        entfernen: gefuellt.then(|| format!("{}[{i}].entfernen", l.pfad)),
                    }
                })
                .collect();
            ListeView {
                id: l.pfad.to_owned(),
                titel: l.titel,
                hinweis: l.hinweis,
                fehler: f.e(l.pfad).map(str::to_owned),
                zeilen,
            }
        })
        .collect();
    AbschnittForm {
        slug: ab.slug(),
        titel: titel_key(ab),
        stand: f.v("stand").to_owned(),
        vor: einzel(vor),
        listen,
        nach: einzel(nach),
        offen,
        konflikt,
        form: f,
    }
}

fn titel_key(ab: Abschnitt) -> &'static str {
    match ab {
        Abschnitt::Ergebnis => "plan-abschnitt-ergebnis",
        Abschnitt::Zielgruppen => "plan-abschnitt-zielgruppen",
        Abschnitt::Stakeholder => "plan-abschnitt-stakeholder",
        Abschnitt::Organisation => "plan-abschnitt-organisation",
        Abschnitt::Ressourcen => "plan-abschnitt-ressourcen",
        Abschnitt::Aufgaben => "plan-abschnitt-aufgaben",
        Abschnitt::Meilensteine => "plan-abschnitt-meilensteine",
    }
}

/// The form values of a section as stored, plus defaults for the blank rows.
fn werte_aus_plan(tr: Tr, plan: &Projektplan, ab: Abschnitt, jahr: i32) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = Vec::new();
    let mut p = |k: String, w: String| v.push((k, w));
    let d = |x: Option<Date>| x.map(format_datum).unwrap_or_default();
    match ab {
        Abschnitt::Ergebnis => {
            p("ergebnis.text".into(), plan.ergebnis.text.clone());
            for (i, k) in plan.ergebnis.kriterien.iter().enumerate() {
                let q = format!("ergebnis.kriterien[{i}]");
                p(format!("{q}.indikator"), k.indikator.clone());
                p(format!("{q}.zielwert"), k.zielwert.clone());
                p(format!("{q}.datum"), d(k.datum));
            }
        }
        Abschnitt::Zielgruppen => {
            for (i, z) in plan.zielgruppen.iter().enumerate() {
                let q = format!("zielgruppen[{i}]");
                p(format!("{q}.name"), z.name.clone());
                p(format!("{q}.groesse"), z.groesse.clone());
                p(format!("{q}.bedarf"), z.bedarf.clone());
            }
        }
        Abschnitt::Stakeholder => {
            let n = plan.stakeholder.len();
            for (i, s) in plan.stakeholder.iter().enumerate() {
                let q = format!("stakeholder[{i}]");
                p(format!("{q}.name"), s.name.clone());
                p(format!("{q}.art"), s.art.slug().into());
                p(format!("{q}.einfluss"), s.einfluss.to_string());
                p(format!("{q}.interesse"), s.interesse.to_string());
                p(format!("{q}.haltung"), s.haltung.slug().into());
                p(
                    format!("{q}.strategie"),
                    s.strategie.map(|x| x.slug().to_owned()).unwrap_or_default(),
                );
            }
            for i in n..n + STAKEHOLDER.leer {
                let q = format!("stakeholder[{i}]");
                p(format!("{q}.art"), "intern".into());
                p(format!("{q}.einfluss"), "2".into());
                p(format!("{q}.interesse"), "2".into());
                p(format!("{q}.haltung"), "neutral".into());
            }
        }
        Abschnitt::Organisation => {
            let o = &plan.organisation;
            p("organisation.auftraggeber".into(), o.auftraggeber.clone());
            p("organisation.projektleitung".into(), o.projektleitung.clone());
            for (i, t) in o.team.iter().enumerate() {
                p(format!("organisation.team[{i}].name"), t.name.clone());
                p(format!("organisation.team[{i}].rolle"), t.rolle.clone());
            }
            for (i, r) in o.raci.iter().enumerate() {
                let q = format!("organisation.raci[{i}]");
                p(format!("{q}.aufgabe"), r.aufgabe.clone());
                p(format!("{q}.r"), r.r.clone());
                p(format!("{q}.a"), r.a.clone());
                p(format!("{q}.c"), r.c.clone());
                p(format!("{q}.i"), r.i.clone());
            }
        }
        Abschnitt::Ressourcen => {
            let r = &plan.ressourcen;
            for (i, x) in r.finanziell.iter().enumerate() {
                let q = format!("ressourcen.finanziell[{i}]");
                p(format!("{q}.bezeichnung"), x.bezeichnung.clone());
                p(format!("{q}.einmalig"), form_dezimal(tr, x.einmalig));
                p(format!("{q}.laufend"), form_dezimal(tr, x.laufend));
                p(format!("{q}.quelle"), x.quelle.slug().into());
                p(format!("{q}.programm"), x.programm.clone());
                p(format!("{q}.jahr"), x.jahr.to_string());
            }
            let n = r.finanziell.len();
            for i in n..n + FINANZIELL.leer {
                p(format!("ressourcen.finanziell[{i}].quelle"), "haushalt".into());
                p(format!("ressourcen.finanziell[{i}].jahr"), jahr.to_string());
            }
            for (i, x) in r.personal.iter().enumerate() {
                let q = format!("ressourcen.personal[{i}]");
                p(format!("{q}.rolle"), x.rolle.clone());
                p(format!("{q}.umfang"), form_dezimal(tr, x.umfang));
                p(format!("{q}.einheit"), x.einheit.slug().into());
                p(format!("{q}.jahr"), x.jahr.to_string());
            }
            let n = r.personal.len();
            for i in n..n + PERSONAL.leer {
                p(format!("ressourcen.personal[{i}].einheit"), "personentage".into());
                p(format!("ressourcen.personal[{i}].jahr"), jahr.to_string());
            }
            p("ressourcen.organisatorisch".into(), r.organisatorisch.clone());
        }
        Abschnitt::Aufgaben => {
            p("start".into(), d(plan.start));
            for (i, a) in plan.aufgaben.iter().enumerate() {
                let q = format!("aufgaben[{i}]");
                p(format!("{q}.id"), a.id.clone());
                p(format!("{q}.titel"), a.titel.clone());
                p(format!("{q}.verantwortlich"), a.verantwortlich.clone());
                p(format!("{q}.dauer"), a.dauer.to_string());
                p(format!("{q}.vorgaenger"), vorgaenger_text(&a.vorgaenger));
            }
            // Free ids for the blank rows: A1, A2, … not yet taken.
            let mut naechste = 1;
            let n = plan.aufgaben.len();
            for i in n..n + AUFGABEN.leer {
                while plan.aufgaben.iter().any(|a| a.id == format!("A{naechste}")) {
                    naechste += 1;
                }
                p(format!("aufgaben[{i}].id"), format!("A{naechste}"));
                naechste += 1;
            }
        }
        Abschnitt::Meilensteine => {
            for (i, m) in plan.meilensteine.iter().enumerate() {
                let q = format!("meilensteine[{i}]");
                p(format!("{q}.id"), m.id.clone());
                p(format!("{q}.titel"), m.titel.clone());
                p(
                    format!("{q}.datum"),
                    if m.nach_aufgabe.is_some() {
                        String::new()
                    } else {
                        d(m.datum)
                    },
                );
                p(
                    format!("{q}.nach_aufgabe"),
                    m.nach_aufgabe.clone().unwrap_or_default(),
                );
                p(format!("{q}.abhaengig_von"), m.abhaengig_von.join(", "));
                p(
                    format!("{q}.erreicht"),
                    if m.erreicht { "true".into() } else { String::new() },
                );
            }
        }
    }
    v
}

/// Reads the rows of a list from a form: blank and removed rows are left out. Returns the
/// rows and, for each, its index in the form.
fn liste_lesen(f: &Form, l: &ListeSpec) -> (Vec<Value>, Vec<usize>) {
    let mut zeilen = Vec::new();
    let mut idx = Vec::new();
    for i in indizes(f, l.pfad) {
        let k = |name: &str| format!("{}[{i}].{name}", l.pfad);
        if f.v(&k("entfernen")) == "true" {
            continue;
        }
        if l.spalten
            .iter()
            .filter(|s| s.inhalt)
            .all(|s| f.v(&k(s.name)).trim().is_empty())
        {
            continue;
        }
        let mut o = Map::new();
        for s in l.spalten {
            o.insert(s.name.to_owned(), Value::String(f.v(&k(s.name)).to_owned()));
        }
        zeilen.push(Value::Object(o));
        idx.push(i);
    }
    (zeilen, idx)
}

/// The section's part of the plan document from its form, and the row index maps.
fn abschnitt_lesen(ab: Abschnitt, f: &Form) -> (Map<String, Value>, HashMap<&'static str, Vec<usize>>) {
    let mut idx = HashMap::new();
    let mut liste = |l: &'static ListeSpec| {
        let (z, i) = liste_lesen(f, l);
        idx.insert(l.pfad, i);
        Value::Array(z)
    };
    let s = |k: &str| Value::String(f.v(k).to_owned());
    let mut m = Map::new();
    match ab {
        Abschnitt::Ergebnis => {
            let mut e = Map::new();
            e.insert("text".into(), s("ergebnis.text"));
            e.insert("kriterien".into(), liste(&KRITERIEN));
            m.insert("ergebnis".into(), Value::Object(e));
        }
        Abschnitt::Zielgruppen => {
            m.insert("zielgruppen".into(), liste(&ZIELGRUPPEN));
        }
        Abschnitt::Stakeholder => {
            m.insert("stakeholder".into(), liste(&STAKEHOLDER));
        }
        Abschnitt::Organisation => {
            let mut o = Map::new();
            o.insert("auftraggeber".into(), s("organisation.auftraggeber"));
            o.insert("projektleitung".into(), s("organisation.projektleitung"));
            o.insert("team".into(), liste(&TEAM));
            o.insert("raci".into(), liste(&RACI));
            m.insert("organisation".into(), Value::Object(o));
        }
        Abschnitt::Ressourcen => {
            let mut o = Map::new();
            o.insert("finanziell".into(), liste(&FINANZIELL));
            o.insert("personal".into(), liste(&PERSONAL));
            o.insert("organisatorisch".into(), s("ressourcen.organisatorisch"));
            m.insert("ressourcen".into(), Value::Object(o));
        }
        Abschnitt::Aufgaben => {
            m.insert("start".into(), s("start"));
            m.insert("aufgaben".into(), liste(&AUFGABEN));
        }
        Abschnitt::Meilensteine => {
            m.insert("meilensteine".into(), liste(&MEILENSTEINE));
        }
    }
    (m, idx)
}

/// Maps the paths of the checked document back to the inputs of the form: row indices
/// to the form's rows, sub-paths to the input that holds them.
fn auf_formular(e: FieldErrors, idx: &HashMap<&'static str, Vec<usize>>) -> FieldErrors {
    FieldErrors(
        e.0.into_iter()
            .map(|mut fe| {
                for (pfad, map) in idx {
                    let praefix = format!("{pfad}[");
                    if let Some(rest) = fe.field.strip_prefix(&praefix)
                        && let Some((n, hinten)) = rest.split_once(']')
                        && let Ok(n) = n.parse::<usize>()
                        && let Some(i) = map.get(n)
                    {
                        fe.field = format!("{pfad}[{i}]{hinten}");
                        break;
                    }
                }
                for teil in [".vorgaenger", ".abhaengig_von"] {
                    if let Some(pos) = fe.field.find(&format!("{teil}[")) {
                        fe.field.truncate(pos + teil.len());
                    }
                }
                if fe.field.starts_with("meilensteine[") && fe.field.ends_with(".id") {
                    let n = fe.field.len() - 3;
                    fe.field = format!("{}.titel", &fe.field[..n]);
                }
                fe
            })
            .collect(),
    )
}

// ---------------------------------------------------------------------------------------
// Displays
// ---------------------------------------------------------------------------------------

pub struct StakeholderZeile {
    pub nr: usize,
    pub name: String,
    pub art: &'static str,
    pub einfluss: String,
    pub interesse: String,
    pub haltung: String,
    pub vorschlag: &'static str,
    pub strategie: &'static str,
    pub abweichend: bool,
}

pub struct AufgabeZeile {
    pub id: String,
    pub titel: String,
    pub verantwortlich: String,
    pub dauer: i64,
    pub vorgaenger: String,
    pub anfang: String,
    pub ende: String,
    pub spaet_anfang: String,
    pub spaet_ende: String,
    pub puffer: i64,
    pub frei: i64,
    pub kritisch: bool,
}

pub struct MeilensteinZeile {
    pub titel: String,
    pub termin: String,
    pub datum: String,
    pub erreicht: bool,
    pub hinweis: Option<String>,
}

pub struct FinanzZeile {
    pub bezeichnung: String,
    pub einmalig: String,
    pub laufend: String,
    pub quelle: String,
    pub jahr: i32,
}

pub struct PersonalZeile {
    pub rolle: String,
    pub umfang: String,
    pub jahr: i32,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    t: Tr,
    nav: Nav,
    w: Werkstatt,
    /// The address of the plan; the forms post to `{aktion}/{abschnitt}`.
    aktion: String,
    titel: String,
    feld_name: String,
    version: i64,
    entfernen_fehler: Option<String>,
    can_edit: bool,
    auswahl: bool,
    readonly_key: &'static str,
    // The overview.
    anfang: String,
    ende: String,
    gesamtdauer: i64,
    kritisch: Vec<String>,
    warnungen: Vec<String>,
    // Sections.
    ergebnis_text: String,
    kriterien: Vec<(String, String, String)>,
    zielgruppen: Vec<(String, String, String)>,
    raster_svg: String,
    stakeholder: Vec<StakeholderZeile>,
    auftraggeber: String,
    projektleitung: String,
    team: Vec<(String, String)>,
    raci: Vec<(String, String, String, String, String)>,
    finanziell: Vec<FinanzZeile>,
    personal: Vec<PersonalZeile>,
    organisatorisch: String,
    summe_einmalig: String,
    summe_laufend: String,
    summe_pt: String,
    summe_vzae: String,
    nach_jahr: Vec<(i32, String, String, String, String)>,
    nach_quelle: Vec<(String, String, String)>,
    nach_rolle: Vec<(String, String, String)>,
    datiert: bool,
    aufgaben: Vec<AufgabeZeile>,
    gantt_svg: Option<String>,
    meilensteine: Vec<MeilensteinZeile>,
    formen: Vec<AbschnittForm>,
}

impl PlanPage {
    fn form(&self, slug: &str) -> Option<&AbschnittForm> {
        self.formen.iter().find(|f| f.slug == slug)
    }
}

fn jahr_von(w: &Werkstatt, plan: &Projektplan) -> i32 {
    plan.start
        .map(|d| d.year())
        .or_else(|| parse_datum("datum", &w.datum).ok().map(|d| d.year()))
        .unwrap_or(2026)
}

/// The plan page; `eingabe` is the section just submitted (with its errors) to show again.
async fn plan_page(
    st: &AppState,
    ctx: &Ctx,
    a: &Access,
    mid: &str,
    eingabe: Option<(Abschnitt, Form, bool)>,
) -> AppResult<PlanPage> {
    let tr = ctx.tr;
    let s: PlanSicht = svc::laden(st, a, mid).await?;
    let feld = st.db.feld(a.id(), &s.massnahme.feld_id).await?;
    let plan = &s.plan.daten;
    let aw = &s.auswertung;
    let can_edit = svc::require_edit(a).is_ok();
    let titel_von = |id: &str| {
        plan.aufgaben
            .iter()
            .find(|x| x.id == id)
            .map_or(id.to_owned(), |x| format!("{} · {}", x.id, x.titel))
    };
    let jahr = jahr_von(&a.werkstatt, plan);

    let formen = if can_edit {
        Abschnitt::ALL
            .iter()
            .map(|ab| match &eingabe {
                Some((x, f, konflikt)) if x == ab => {
                    formular(tr, *ab, f.clone(), plan, false, true, *konflikt)
                }
                _ => {
                    let f =
                        Form::new(werte_aus_plan(tr, plan, *ab, jahr)).with("stand", svc::stand(plan, *ab));
                    formular(tr, *ab, f, plan, true, false, false)
                }
            })
            .collect()
    } else {
        Vec::new()
    };

    let datiert = plan.start.is_some();
    let tag = |n: i64| tr.a1("plan-gantt-tag", "n", n);
    let aufgaben = aw
        .aufgaben
        .iter()
        .map(|t| AufgabeZeile {
            id: t.id.clone(),
            titel: t.titel.clone(),
            verantwortlich: t.verantwortlich.clone(),
            dauer: t.dauer,
            vorgaenger: vorgaenger_text(&t.vorgaenger),
            anfang: if datiert {
                datum_text(tr, t.anfang)
            } else {
                tag(t.fruehester_anfang)
            },
            ende: if datiert {
                datum_text(tr, t.ende)
            } else {
                tag(t.fruehestes_ende)
            },
            spaet_anfang: if datiert {
                datum_text(tr, t.spaetester_anfang_datum)
            } else {
                tag(t.spaetester_anfang)
            },
            spaet_ende: if datiert {
                datum_text(tr, t.spaetestes_ende_datum)
            } else {
                tag(t.spaetestes_ende)
            },
            puffer: t.gesamtpuffer,
            frei: t.freier_puffer,
            kritisch: t.kritisch,
        })
        .collect();
    let meilensteine = aw
        .meilensteine
        .iter()
        .map(|m| MeilensteinZeile {
            titel: m.titel.clone(),
            termin: match &m.nach_aufgabe {
                Some(id) => tr.a1("plan-termin-nach", "aufgabe", titel_von(id)),
                None => tr.s("plan-termin-fest").to_owned(),
            },
            datum: datum_text(tr, m.datum),
            erreicht: m.erreicht,
            hinweis: m.zu_frueh.as_ref().map(|z| {
                tr.a2(
                    "plan-ms-zu-frueh",
                    "aufgabe",
                    format!("{} · {}", z.aufgabe, z.aufgabe_titel),
                    "datum",
                    datum_text(tr, Some(z.fruehestens)),
                )
            }),
        })
        .collect();
    let warnungen = aw
        .meilensteine
        .iter()
        .filter_map(|m| {
            m.zu_frueh.as_ref().map(|z| {
                tr.a(
                    "warn-meilenstein-zu-frueh",
                    &[
                        ("titel", &m.titel),
                        ("datum", &datum_text(tr, m.datum)),
                        ("aufgabe", &z.aufgabe_titel),
                        ("fruehestens", &datum_text(tr, Some(z.fruehestens))),
                    ],
                )
            })
        })
        .collect();
    let su = &aw.summen;

    Ok(PlanPage {
        t: tr,
        nav: Nav::new(ctx, Some(a.id()), format!("/w/{}/plaene/{mid}", a.id())),
        w: a.werkstatt.clone(),
        aktion: format!("/w/{}/plaene/{mid}", a.id()),
        titel: s.massnahme.titel.clone(),
        entfernen_fehler: None,
        feld_name: tr.feld_name(&feld.slug, &feld.name),
        version: s.plan.version,
        can_edit,
        auswahl: svc::require_auswahl(a).is_ok(),
        readonly_key: if a.observer {
            "readonly-observer"
        } else {
            "plan-readonly-phase"
        },
        anfang: datum_text(tr, aw.anfang),
        ende: datum_text(tr, aw.ende),
        gesamtdauer: aw.gesamtdauer,
        kritisch: aw
            .kritische_pfade
            .iter()
            .map(|p| p.iter().map(|id| titel_von(id)).collect::<Vec<_>>().join(" → "))
            .collect(),
        warnungen,
        ergebnis_text: plan.ergebnis.text.clone(),
        kriterien: plan
            .ergebnis
            .kriterien
            .iter()
            .map(|k| (k.indikator.clone(), k.zielwert.clone(), datum_text(tr, k.datum)))
            .collect(),
        zielgruppen: plan
            .zielgruppen
            .iter()
            .map(|z| (z.name.clone(), z.groesse.clone(), z.bedarf.clone()))
            .collect(),
        raster_svg: raster::raster(tr, &plan.stakeholder),
        stakeholder: plan
            .stakeholder
            .iter()
            .enumerate()
            .map(|(i, x)| StakeholderZeile {
                nr: i + 1,
                name: x.name.clone(),
                art: tr.s(&format!("plan-art-{}", x.art.slug())),
                einfluss: stufe(tr, x.einfluss),
                interesse: stufe(tr, x.interesse),
                haltung: haltung(tr, x.haltung),
                vorschlag: strategie(tr, x.vorschlag()),
                strategie: strategie(tr, x.strategie()),
                abweichend: x.strategie.is_some_and(|s| s != x.vorschlag()),
            })
            .collect(),
        auftraggeber: plan.organisation.auftraggeber.clone(),
        projektleitung: plan.organisation.projektleitung.clone(),
        team: plan
            .organisation
            .team
            .iter()
            .map(|t| (t.rolle.clone(), t.name.clone()))
            .collect(),
        raci: plan
            .organisation
            .raci
            .iter()
            .map(|r| {
                (
                    titel_von(&r.aufgabe),
                    r.r.clone(),
                    r.a.clone(),
                    r.c.clone(),
                    r.i.clone(),
                )
            })
            .collect(),
        finanziell: plan
            .ressourcen
            .finanziell
            .iter()
            .map(|x| FinanzZeile {
                bezeichnung: x.bezeichnung.clone(),
                einmalig: euro(tr, x.einmalig),
                laufend: euro(tr, x.laufend),
                quelle: if x.programm.trim().is_empty() {
                    tr.s(&format!("plan-quelle-{}", x.quelle.slug())).to_owned()
                } else {
                    format!(
                        "{} ({})",
                        tr.s(&format!("plan-quelle-{}", x.quelle.slug())),
                        x.programm
                    )
                },
                jahr: x.jahr,
            })
            .collect(),
        personal: plan
            .ressourcen
            .personal
            .iter()
            .map(|x| PersonalZeile {
                rolle: x.rolle.clone(),
                umfang: format!(
                    "{} {}",
                    zahl(tr, x.umfang),
                    tr.s(&format!("plan-einheit-kurz-{}", x.einheit.slug()))
                ),
                jahr: x.jahr,
            })
            .collect(),
        organisatorisch: plan.ressourcen.organisatorisch.clone(),
        summe_einmalig: euro(tr, su.einmalig),
        summe_laufend: euro(tr, su.laufend),
        summe_pt: zahl(tr, su.personentage),
        summe_vzae: zahl(tr, su.vzae),
        nach_jahr: su
            .nach_jahr
            .iter()
            .map(|j| {
                (
                    j.jahr,
                    euro(tr, j.einmalig),
                    euro(tr, j.laufend),
                    zahl(tr, j.personentage),
                    zahl(tr, j.vzae),
                )
            })
            .collect(),
        nach_quelle: su
            .nach_quelle
            .iter()
            .map(|q| {
                (
                    tr.s(&format!("plan-quelle-{}", q.quelle.slug())).to_owned(),
                    euro(tr, q.einmalig),
                    euro(tr, q.laufend),
                )
            })
            .collect(),
        nach_rolle: su
            .nach_rolle
            .iter()
            .map(|r| (r.rolle.clone(), zahl(tr, r.personentage), zahl(tr, r.vzae)))
            .collect(),
        datiert,
        aufgaben,
        gantt_svg: gantt::gantt(tr, aw),
        meilensteine,
        formen,
    })
}

async fn zeigen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    page(plan_page(&st, &ctx, &a, &mid, None).await?)
}

async fn abschnitt(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid, slug)): Path<(String, String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let ab = Abschnitt::parse(&slug).ok_or(AppError::NotFound)?;
    let f = Form::new(pairs);
    let (werte, idx) = abschnitt_lesen(ab, &f);
    let stand = Some(f.v("stand")).filter(|s| !s.is_empty());
    match svc::abschnitt_speichern(&st, &a, &mid, ab, stand, &werte).await {
        Ok(_) => Ok(see_other(&format!("/w/{id}/plaene/{mid}#plan-{slug}"))),
        Err(AppError::Invalid(e)) => {
            let f = f.errors(ctx.tr, &auf_formular(e, &idx));
            invalid(plan_page(&st, &ctx, &a, &mid, Some((ab, f, false))).await?)
        }
        Err(AppError::Conflict {
            code: "err-plan-abschnitt-konflikt",
            ..
        }) => {
            // Theirs is shown above the form, ours stays in it with the new fingerprint, so
            // saving again deliberately overwrites.
            let aktuell = st.db.plan(&id, &mid).await?;
            let f = f.with("stand", svc::stand(&aktuell.daten, ab));
            let p = plan_page(&st, &ctx, &a, &mid, Some((ab, f, true))).await?;
            Ok(crate::http::not_pushed(StatusCode::CONFLICT, p.render()?))
        }
        Err(e) => Err(e),
    }
}

async fn entfernen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    if f.v("bestaetigt") != "true" {
        let f = f.errors(
            ctx.tr,
            &werkstatt_core::FieldError::new("bestaetigt", "err-plan-bestaetigen").into(),
        );
        let mut p = plan_page(&st, &ctx, &a, &mid, None).await?;
        p.entfernen_fehler = f.e("bestaetigt").map(str::to_owned);
        return invalid(p);
    }
    svc::abwaehlen(&st, &a, &mid).await?;
    Ok(see_other(&format!("/w/{id}/plaene")))
}

// ---------------------------------------------------------------------------------------
// The list and the selection
// ---------------------------------------------------------------------------------------

pub struct PlanZeile {
    pub massnahme_id: String,
    pub titel: String,
    pub feld: String,
    pub aufgaben: usize,
    pub gesamtdauer: i64,
    pub ende: String,
    pub meilensteine: String,
    pub warnungen: usize,
}

pub struct Kandidat {
    pub id: String,
    pub titel: String,
    pub feld: String,
}

#[derive(Template)]
#[template(path = "plaene.html")]
struct PlaenePage {
    t: Tr,
    nav: Nav,
    w: Werkstatt,
    plaene: Vec<PlanZeile>,
    kandidaten: Vec<Kandidat>,
    auswahl: bool,
    f: Form,
}

async fn plaene_page(st: &AppState, ctx: &Ctx, a: &Access, f: Form) -> AppResult<PlaenePage> {
    let tr = ctx.tr;
    let liste = svc::liste(st, a).await?;
    let felder = st.db.felder(a.id()).await?;
    let feld_name = |id: &str| {
        felder
            .iter()
            .find(|f| f.id == id)
            .map(|f| tr.feld_name(&f.slug, &f.name))
            .unwrap_or_default()
    };
    let auswahl = svc::require_auswahl(a).is_ok();
    let kandidaten = if auswahl {
        st.db
            .massnahmen(a.id())
            .await?
            .into_iter()
            .filter(|m| !liste.iter().any(|p| p.plan.massnahme_id == m.id))
            .map(|m| Kandidat {
                feld: feld_name(&m.feld_id),
                id: m.id,
                titel: m.titel,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(PlaenePage {
        t: tr,
        nav: Nav::new(ctx, Some(a.id()), format!("/w/{}/plaene", a.id())),
        w: a.werkstatt.clone(),
        plaene: liste
            .iter()
            .map(|p| PlanZeile {
                massnahme_id: p.plan.massnahme_id.clone(),
                titel: p.massnahme.titel.clone(),
                feld: feld_name(&p.massnahme.feld_id),
                aufgaben: p.plan.daten.aufgaben.len(),
                gesamtdauer: p.auswertung.gesamtdauer,
                ende: datum_text(tr, p.auswertung.ende),
                meilensteine: format!(
                    "{} / {}",
                    p.auswertung.meilensteine.iter().filter(|m| m.erreicht).count(),
                    p.auswertung.meilensteine.len()
                ),
                warnungen: p.auswertung.warnungen.len(),
            })
            .collect(),
        kandidaten,
        auswahl,
        f,
    })
}

async fn liste(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    page(plaene_page(&st, &ctx, &a, Form::default()).await?)
}

async fn auswaehlen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    AxForm(pairs): AxForm<Pairs>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    let f = Form::new(pairs);
    nach_post(
        svc::auswaehlen(&st, &a, f.v("massnahme_id")).await,
        |p| format!("/w/{id}/plaene/{}", p.plan.massnahme_id),
        |e| plaene_page(&st, &ctx, &a, f.errors(ctx.tr, &e)),
    )
    .await
}

// ---------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------

async fn kalender_einer(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((id, mid)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(ics_antwort(
        svc::kalender_einer_text(&st, ctx.tr, &a, &mid).await?,
        "projektplan.ics",
    ))
}

async fn kalender_alle(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> AppResult<Response> {
    let a = Access::load(&st, &ctx, &id).await?;
    Ok(ics_antwort(
        svc::kalender_alle_text(&st, ctx.tr, &a).await?,
        "projektplaene.ics",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_rows_map_to_document_paths_and_back() {
        let f = Form::new(vec![
            ("aufgaben[0].id".into(), "A1".into()),
            ("aufgaben[0].titel".into(), "".into()),
            ("aufgaben[1].id".into(), "A2".into()),
            ("aufgaben[1].titel".into(), "Konzept".into()),
            ("aufgaben[1].dauer".into(), "-3".into()),
            ("aufgaben[2].id".into(), "A3".into()),
            ("aufgaben[2].titel".into(), "Weg".into()),
            ("aufgaben[2].entfernen".into(), "true".into()),
            ("aufgaben[3].id".into(), "A4".into()),
            ("aufgaben[3].titel".into(), "Vergabe".into()),
            ("aufgaben[3].vorgaenger".into(), "A2, X".into()),
            ("start".into(), "2026-03-02".into()),
        ]);
        let (m, idx) = abschnitt_lesen(Abschnitt::Aufgaben, &f);
        assert_eq!(m["aufgaben"].as_array().unwrap().len(), 2);
        assert_eq!(idx["aufgaben"], [1, 3]);
        let e = FieldErrors(vec![
            werkstatt_core::FieldError::new("aufgaben[0].dauer", "err-range"),
            werkstatt_core::FieldError::new("aufgaben[1].vorgaenger[1]", "err-vorgaenger-unbekannt"),
            werkstatt_core::FieldError::new("aufgaben", "err-plan-ende"),
        ]);
        let e = auf_formular(e, &idx);
        let felder: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            felder,
            ["aufgaben[1].dauer", "aufgaben[3].vorgaenger", "aufgaben"]
        );
    }

    #[test]
    fn predecessors_read_as_typed() {
        assert_eq!(
            vorgaenger_text(&[Vorgaenger::new("A1"), Vorgaenger::mit_abstand("A2", 3)]),
            "A1, A2+3"
        );
    }
}
