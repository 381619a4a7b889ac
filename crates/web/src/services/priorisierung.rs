//! Prioritisation rounds: opening and closing them, casting ballots (also on paper, by the
//! facilitator), results with agreement, and the facilitator's final ranking.

use serde::Serialize;
use werkstatt_core::abstimmung::{
    self, Einstellungen, Ergebnis, Korrektur, Methode, RundeInput, Zettel, endgueltige_reihenfolge,
};
use werkstatt_core::event::{Event, EventKind};
use werkstatt_core::priorisierung::{Vergleich, naechste_paare};
use werkstatt_core::{FieldError, FieldErrors};
use werkstatt_store::massnahmen::Massnahme;
use werkstatt_store::runden::{Rangfolge, Runde};

use crate::error::{AppError, AppResult};
use crate::services::Access;
use crate::state::AppState;

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(e.to_string())
}

/// The Maßnahmen a new round ranks: those of the chosen fields, in field order.
pub async fn kandidaten(state: &AppState, werkstatt_id: &str) -> AppResult<Vec<Massnahme>> {
    let felder = state.db.felder(werkstatt_id).await?;
    let alle = state.db.massnahmen(werkstatt_id).await?;
    let mut out = Vec::new();
    for f in felder.iter().filter(|f| f.gewaehlt) {
        out.extend(alle.iter().filter(|m| m.feld_id == f.id).cloned());
    }
    Ok(out)
}

pub async fn create(state: &AppState, access: &Access, input: &RundeInput) -> AppResult<Runde> {
    access.require_moderator()?;
    if access.werkstatt.phase().is_closed() {
        return Err(AppError::WrongPhase);
    }
    let optionen: Vec<String> = kandidaten(state, access.id())
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    let (methode, titel, einstellungen) = abstimmung::parse_runde(input, optionen.len())?;
    let titel = if titel.is_empty() {
        default_titel(methode).to_owned()
    } else {
        titel
    };
    let r = state
        .db
        .create_runde(
            access.id(),
            methode.slug(),
            &titel,
            &serde_json::to_string(&einstellungen).map_err(internal)?,
            &serde_json::to_string(&optionen).map_err(internal)?,
        )
        .await?;
    state
        .bus
        .publish(Event::new(access.id(), EventKind::Runde).with_id(&r.id));
    Ok(r)
}

fn default_titel(m: Methode) -> &'static str {
    match m {
        Methode::Punkte => "Punktabfrage",
        Methode::Matrix => "Nutzen-Aufwand-Matrix",
        Methode::Nutzwert => "Nutzwertanalyse",
        Methode::Paarvergleich => "Paarvergleich",
        Methode::Rangfolge => "Rangfolge",
    }
}

/// A round with its parsed rules and options.
#[derive(Debug, Clone, Serialize)]
pub struct RundeDaten {
    #[serde(flatten)]
    pub runde: Runde,
    #[serde(skip)]
    pub methode: Methode,
    #[serde(rename = "regeln")]
    pub einstellungen: Einstellungen,
    #[serde(rename = "massnahmen")]
    pub optionen: Vec<String>,
}

pub fn daten(r: Runde) -> AppResult<RundeDaten> {
    let methode = Methode::parse("methode", &r.methode)?;
    let einstellungen: Einstellungen = serde_json::from_str(&r.einstellungen).map_err(internal)?;
    let optionen: Vec<String> = serde_json::from_str(&r.optionen).map_err(internal)?;
    Ok(RundeDaten {
        runde: r,
        methode,
        einstellungen,
        optionen,
    })
}

pub async fn laden(state: &AppState, access: &Access, rid: &str) -> AppResult<RundeDaten> {
    daten(state.db.runde(access.id(), rid).await?)
}

pub async fn set_status(state: &AppState, access: &Access, rid: &str, to: &str) -> AppResult<Runde> {
    access.require_moderator()?;
    if access.werkstatt.phase().is_closed() {
        return Err(AppError::WrongPhase);
    }
    let from = match to {
        "geschlossen" => "offen",
        "offen" => "geschlossen",
        _ => return Err(FieldError::new("status", "err-unknown-choice").into()),
    };
    let r = state.db.set_runde_status(access.id(), rid, from, to).await?;
    state.cache.ergebnisse.vergessen(rid);
    if !r.offen() {
        // Computed now, while the facilitator waits for the click anyway, so that the
        // room's requests for the result find it ready.
        let d = daten(r.clone())?;
        ergebnis(state, &d).await?;
    }
    state
        .bus
        .publish(Event::new(access.id(), EventKind::Runde).with_id(rid));
    Ok(r)
}

/// Casts the participant's own ballot (replacing the earlier one; pairwise comparisons are
/// added to the earlier ones), or, with `proxy`, a paper ballot entered by the facilitator.
pub async fn abstimmen(
    state: &AppState,
    access: &Access,
    rid: &str,
    inhalt: &serde_json::Value,
    proxy: bool,
) -> AppResult<()> {
    let r = laden(state, access, rid).await?;
    let wer = if proxy {
        access.require_moderator()?;
        if access.werkstatt.phase().is_closed() {
            return Err(AppError::WrongPhase);
        }
        None
    } else {
        let t = access.teilnehmende.as_ref().ok_or(AppError::Forbidden)?;
        if access.werkstatt.gesperrt {
            return Err(AppError::Conflict {
                code: "err-gesperrt",
                current: None,
            });
        }
        if !access.werkstatt.phase().allows_ranking() {
            return Err(AppError::WrongPhase);
        }
        Some(t.id.clone())
    };
    if !r.runde.offen() {
        return Err(AppError::Conflict {
            code: "err-runde-geschlossen",
            current: None,
        });
    }
    let mut zettel = abstimmung::parse_zettel(r.methode, &r.einstellungen, &r.optionen, inhalt)?;
    if let (Zettel::Paarvergleich(neu), Some(t)) = (&zettel, &wer)
        && let Some(alt) = state.db.mein_stimmzettel(rid, t).await?
    {
        let alt: Vec<Vergleich<String>> = serde_json::from_str(&alt).unwrap_or_default();
        let alle = werkstatt_core::priorisierung::paarzettel::letzte_je_paar(alt, neu.iter().cloned());
        if alle.len() > abstimmung::HOECHSTENS_VERGLEICHE {
            return Err(FieldError::new("inhalt", "err-too-long")
                .arg("max", abstimmung::HOECHSTENS_VERGLEICHE)
                .into());
        }
        zettel = Zettel::Paarvergleich(alle);
    }
    let json = serde_json::to_string(&zettel.to_json()).map_err(internal)?;
    state
        .db
        .stimmzettel_abgeben(rid, wer.as_deref(), &json)
        .await
        .map_err(|e| match e {
            werkstatt_store::StoreError::Domain(werkstatt_core::DomainError::WrongPhase) => {
                AppError::Conflict {
                    code: "err-runde-geschlossen",
                    current: None,
                }
            }
            e => e.into(),
        })?;
    state
        .bus
        .publish(Event::new(access.id(), EventKind::Runde).with_id(rid));
    Ok(())
}

/// The result from all ballots of a round; a closed round's result is computed once.
pub async fn ergebnis(state: &AppState, r: &RundeDaten) -> AppResult<Ergebnis> {
    let geschlossen = !r.runde.offen();
    if geschlossen && let Some(e) = state.cache.ergebnisse.holen(&r.runde.id, r.runde.version) {
        return Ok(Ergebnis::clone(&e));
    }
    let e = auszaehlen(state, r).await?;
    if geschlossen {
        state
            .cache
            .ergebnisse
            .merken(&r.runde.id, r.runde.version, std::sync::Arc::new(e.clone()));
    }
    Ok(e)
}

async fn auszaehlen(state: &AppState, r: &RundeDaten) -> AppResult<Ergebnis> {
    let alle = state.db.stimmzettel(&r.runde.id).await?;
    let proxy = alle.iter().filter(|z| z.proxy).count();
    let mut zettel = Vec::new();
    for z in &alle {
        let v: serde_json::Value = serde_json::from_str(&z.inhalt).map_err(internal)?;
        // Ballots were checked when cast; one that no longer parses is left out, not fatal.
        if let Ok(p) = abstimmung::parse_zettel(r.methode, &r.einstellungen, &r.optionen, &v) {
            zettel.push(p);
        }
    }
    Ok(abstimmung::auswerten(
        r.methode,
        &r.einstellungen,
        &r.optionen,
        &zettel,
        proxy,
    )?)
}

/// What a screen shows of a round.
#[derive(Debug, Clone, Serialize)]
pub struct Stand {
    #[serde(flatten)]
    pub runde: RundeDaten,
    pub abgegeben: usize,
    pub teilnehmende: usize,
    /// The viewer's own ballot while the round is open (participants only).
    pub mein: Option<serde_json::Value>,
    /// Hidden from participants until the round closes, if the rules say so.
    pub ergebnis: Option<Ergebnis>,
}

pub async fn stand(state: &AppState, access: &Access, rid: &str) -> AppResult<Stand> {
    let r = laden(state, access, rid).await?;
    let zettel = state.db.stimmzettel(rid).await?;
    let teilnehmende = state.db.teilnehmende(access.id()).await?.len();
    let mein = match &access.teilnehmende {
        Some(t) => state
            .db
            .mein_stimmzettel(rid, &t.id)
            .await?
            .and_then(|s| serde_json::from_str(&s).ok()),
        None => None,
    };
    let sichtbar = !r.runde.offen() || !r.einstellungen.verborgen || access.moderator;
    let ergebnis = if sichtbar {
        Some(ergebnis(state, &r).await?)
    } else {
        None
    };
    Ok(Stand {
        abgegeben: zettel.iter().filter(|z| !z.proxy).count(),
        teilnehmende,
        mein,
        ergebnis,
        runde: r,
    })
}

/// The next pairs a participant compares, chosen so that every pair gets its turn.
pub fn paare_fuer(
    r: &RundeDaten,
    mein: Option<&serde_json::Value>,
    alle: &[Vergleich<String>],
    seed: u64,
) -> Vec<(String, String)> {
    let gezeigt: Vec<(String, String)> = mein
        .and_then(|v| serde_json::from_value::<Vec<Vergleich<String>>>(v.clone()).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|v| (v.a, v.b))
        .collect();
    naechste_paare(&r.optionen, alle, &gezeigt, 5, seed)
}

pub async fn alle_vergleiche(state: &AppState, rid: &str) -> AppResult<Vec<Vergleich<String>>> {
    Ok(state
        .db
        .stimmzettel(rid)
        .await?
        .into_iter()
        .filter_map(|z| serde_json::from_str::<Vec<Vergleich<String>>>(&z.inhalt).ok())
        .flatten()
        .collect())
}

/// The facilitator's decision: which round decides, overrides with reasons, how many
/// Maßnahmen go into the in-depth planning.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct EntscheidungInput {
    pub runde_id: String,
    #[serde(default)]
    pub korrekturen: Vec<Korrektur>,
    pub top_n: serde_json::Value,
    #[serde(default)]
    pub version: Option<i64>,
}

/// The final ranking as shown.
#[derive(Debug, Clone, Serialize)]
pub struct Endstand {
    pub entscheidung: Rangfolge,
    pub reihenfolge: Vec<String>,
    pub korrekturen: Vec<Korrektur>,
    pub vertiefung: Vec<String>,
}

pub async fn entscheiden(
    state: &AppState,
    access: &Access,
    input: &EntscheidungInput,
) -> AppResult<Endstand> {
    access.require_moderator()?;
    let mut e = FieldErrors::default();
    let r = match state.db.runde(access.id(), input.runde_id.trim()).await {
        Ok(r) => Some(daten(r)?),
        Err(werkstatt_store::StoreError::NotFound) => {
            e.push(FieldError::new("runde_id", "err-unknown-choice"));
            None
        }
        Err(x) => return Err(x.into()),
    };
    if r.as_ref().is_some_and(|r| r.runde.offen()) {
        e.push(FieldError::new("runde_id", "err-runde-offen"));
    }
    let top_n = e.take(werkstatt_core::kommune::int_value("top_n", &input.top_n, 1, 20));
    for (i, k) in input.korrekturen.iter().enumerate() {
        if k.grund.trim().chars().count() < 3 {
            e.push(FieldError::new(format!("korrekturen[{i}].grund"), "err-grund"));
        }
        if k.position == 0 || r.as_ref().is_some_and(|r| k.position > r.optionen.len()) {
            e.push(
                FieldError::new(format!("korrekturen[{i}].position"), "err-range")
                    .arg("min", 1)
                    .arg("max", r.as_ref().map_or(1, |r| r.optionen.len())),
            );
        }
        if r.as_ref().is_some_and(|r| !r.optionen.contains(&k.massnahme_id)) {
            e.push(FieldError::new(
                format!("korrekturen[{i}].massnahme_id"),
                "err-unknown-choice",
            ));
        }
    }
    let (Some(r), Some(top_n)) = (r, top_n) else {
        return Err(e.into());
    };
    if !e.is_empty() {
        return Err(e.into());
    }
    let ergebnis = ergebnis(state, &r).await?;
    let reihenfolge = endgueltige_reihenfolge(&ergebnis.rang, &input.korrekturen);
    let vertiefung: Vec<String> = reihenfolge
        .iter()
        .take(usize::try_from(top_n).unwrap_or(0))
        .cloned()
        .collect();
    let entscheidung = state
        .db
        .set_rangfolge(
            &Rangfolge {
                werkstatt_id: access.id().to_owned(),
                runde_id: Some(r.runde.id.clone()),
                korrekturen: serde_json::to_string(&input.korrekturen).map_err(internal)?,
                top_n,
                vertiefung: serde_json::to_string(&vertiefung).map_err(internal)?,
                version: 0,
            },
            input.version.unwrap_or(0),
        )
        .await?;
    // The top N get their Projektplan for the Vertiefung (those that have one keep it).
    for m in &vertiefung {
        match state.db.create_plan(access.id(), m).await {
            Ok(_) | Err(werkstatt_store::StoreError::Duplicate(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    state.bus.publish(Event::new(access.id(), EventKind::Runde));
    state.bus.publish(Event::new(access.id(), EventKind::Plan));
    Ok(Endstand {
        entscheidung,
        reihenfolge,
        korrekturen: input.korrekturen.clone(),
        vertiefung,
    })
}

/// The decided ranking, if any.
pub async fn endstand(state: &AppState, access: &Access) -> AppResult<Option<Endstand>> {
    let Some(entscheidung) = state.db.rangfolge(access.id()).await? else {
        return Ok(None);
    };
    let Some(rid) = entscheidung.runde_id.clone() else {
        return Ok(None);
    };
    let r = daten(state.db.runde(access.id(), &rid).await?)?;
    let korrekturen: Vec<Korrektur> = serde_json::from_str(&entscheidung.korrekturen).unwrap_or_default();
    let ergebnis = ergebnis(state, &r).await?;
    let reihenfolge = endgueltige_reihenfolge(&ergebnis.rang, &korrekturen);
    let vertiefung: Vec<String> = serde_json::from_str(&entscheidung.vertiefung).unwrap_or_default();
    Ok(Some(Endstand {
        entscheidung,
        reihenfolge,
        korrekturen,
        vertiefung,
    }))
}
