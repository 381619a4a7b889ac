//! What each fragment shows: one read model from the store, one template.

use askama::Template;
use werkstatt_core::werkstatt::Phase;
use werkstatt_store::massnahmen::Massnahme;
use werkstatt_store::werkstaetten::Werkstatt;

use super::Teil;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::services::Access;
use crate::services::moderation::{TimerAnzeige, timer_anzeige};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "teile/massnahmen.html")]
struct MassnahmenTeil<'a> {
    t: Tr,
    werkstatt_id: &'a str,
    gruppen: Vec<(String, String, Option<String>, Vec<Massnahme>)>,
}

#[derive(Template)]
#[template(path = "teile/uebersicht_phase.html")]
struct PhaseTeil<'a> {
    t: Tr,
    w: &'a Werkstatt,
    phasen: Vec<(&'static str, &'static str, &'static str)>,
    hint_key: String,
    prev: Option<&'static str>,
    next: Option<&'static str>,
    moderator: bool,
}

pub struct FeldKarte {
    pub id: String,
    pub name: String,
    pub ziel: Option<String>,
    pub massnahmen: i64,
    pub gruppe: i64,
}

#[derive(Template)]
#[template(path = "teile/uebersicht_felder.html")]
struct FelderTeil<'a> {
    t: Tr,
    werkstatt_id: &'a str,
    felder: Vec<FeldKarte>,
}

#[derive(Template)]
#[template(path = "teile/uebersicht_teilnehmende.html")]
struct TeilnehmendeTeil {
    t: Tr,
    teilnehmende: i64,
    sektoren: Vec<(&'static str, i64)>,
}

#[derive(Template)]
#[template(path = "teile/timer.html")]
struct TimerTeil {
    t: Tr,
    timer: Option<TimerAnzeige>,
}

#[derive(Template)]
#[template(path = "teile/gruppe_ziel.html")]
struct GruppeZielTeil {
    t: Tr,
    ziel: Option<String>,
}

#[derive(Template)]
#[template(path = "teile/gruppe_massnahmen.html")]
struct GruppeMassnahmenTeil<'a> {
    t: Tr,
    werkstatt_id: &'a str,
    massnahmen: Vec<Massnahme>,
    can_edit: bool,
}

pub(super) async fn rendern(st: &AppState, t: Tr, a: &Access, teil: Teil, feld: &str) -> AppResult<String> {
    let id = a.id();
    Ok(match teil {
        Teil::Massnahmen => {
            let sicht = st.db.massnahmen_sicht(id).await?;
            let mut alle = sicht.massnahmen;
            let mut gruppen = Vec::new();
            for f in sicht.felder {
                let (list, rest): (Vec<Massnahme>, Vec<Massnahme>) =
                    alle.into_iter().partition(|m| m.feld_id == f.id);
                alle = rest;
                if f.gewaehlt || !list.is_empty() {
                    let ziel = sicht
                        .ziele
                        .iter()
                        .find(|z| z.feld_id == f.id)
                        .map(|z| z.text.clone());
                    gruppen.push((f.id.clone(), t.feld_name(&f.slug, &f.name), ziel, list));
                }
            }
            MassnahmenTeil {
                t,
                werkstatt_id: id,
                gruppen,
            }
            .render()?
        }
        Teil::Phase => {
            let w = &a.werkstatt;
            let phase = w.phase();
            let phasen = Phase::ALL
                .iter()
                .map(|p| {
                    let state = match p.cmp(&phase) {
                        std::cmp::Ordering::Less => "done",
                        std::cmp::Ordering::Equal => "current",
                        std::cmp::Ordering::Greater => "todo",
                    };
                    (p.slug(), t.phase(p.slug()), state)
                })
                .collect();
            PhaseTeil {
                t,
                w,
                phasen,
                hint_key: format!("phase-hint-{}", phase.slug()),
                prev: phase.prev().map(Phase::slug),
                next: phase.next().map(Phase::slug),
                moderator: a.moderator,
            }
            .render()?
        }
        Teil::Felder => {
            let s = st.db.uebersicht_sicht(id).await?;
            let felder = s
                .felder
                .iter()
                .filter(|f| f.gewaehlt)
                .map(|f| FeldKarte {
                    id: f.id.clone(),
                    name: t.feld_name(&f.slug, &f.name),
                    ziel: s.ziele.iter().find(|z| z.feld_id == f.id).map(|z| z.text.clone()),
                    massnahmen: s.massnahmen_je_feld.get(&f.id).copied().unwrap_or(0),
                    gruppe: s.gruppen.get(&f.id).copied().unwrap_or(0),
                })
                .collect();
            FelderTeil {
                t,
                werkstatt_id: id,
                felder,
            }
            .render()?
        }
        Teil::Teilnehmende => {
            let s = st.db.uebersicht_sicht(id).await?;
            let sektoren = werkstatt_core::teilnehmende::Sektor::ALL
                .iter()
                .filter_map(|k| s.sektoren.get(k.slug()).map(|n| (t.sektor(k.slug()), *n)))
                .collect();
            TeilnehmendeTeil {
                t,
                teilnehmende: s.sektoren.values().sum(),
                sektoren,
            }
            .render()?
        }
        Teil::Timer => TimerTeil {
            t,
            timer: timer_anzeige(&a.werkstatt),
        }
        .render()?,
        Teil::GruppeZiel => {
            let s = st.db.gruppen_sicht(id, feld).await?;
            GruppeZielTeil {
                t,
                ziel: s.ziel.map(|z| z.text),
            }
            .render()?
        }
        Teil::GruppeMassnahmen => {
            let s = st.db.gruppen_sicht(id, feld).await?;
            GruppeMassnahmenTeil {
                t,
                werkstatt_id: id,
                can_edit: kann_bearbeiten(a, s.feld.gewaehlt),
                massnahmen: s.massnahmen,
            }
            .render()?
        }
    })
}

/// Who may change the group's Ziel and Maßnahmen: the same rule for the page and its
/// fragment.
pub fn kann_bearbeiten(a: &Access, feld_gewaehlt: bool) -> bool {
    a.require_group_edit().is_ok() && (feld_gewaehlt || a.moderator)
}
