//! The Feldwahl: own fields, the dot vote of the room, the facilitator's choice, and
//! joining the Arbeitsgruppe of a field.

use serde::Serialize;
use werkstatt_core::event::{Event, EventKind};
use werkstatt_core::handlungsfeld::{FeldInput, NeuesFeld};
use werkstatt_core::punktabfrage::Regeln;
use werkstatt_store::felder::Feld;

use crate::error::AppResult;
use crate::services::Access;
use crate::state::AppState;

pub async fn create_feld(state: &AppState, access: &Access, input: FeldInput) -> AppResult<Feld> {
    access.require_field_proposal()?;
    let f = NeuesFeld::try_from(input)?;
    let teilnehmende = access.teilnehmende.as_ref().map(|t| t.id.as_str());
    let feld = state.db.create_feld(access.id(), &f, teilnehmende).await?;
    state
        .bus
        .publish(Event::new(access.id(), EventKind::Feld).with_id(&feld.id));
    Ok(feld)
}

pub async fn set_gewaehlt(
    state: &AppState,
    access: &Access,
    feld_id: &str,
    gewaehlt: bool,
) -> AppResult<Feld> {
    access.require_moderator()?;
    if access.werkstatt.phase().is_closed() {
        return Err(crate::error::AppError::WrongPhase);
    }
    let f = state.db.set_gewaehlt(access.id(), feld_id, gewaehlt).await?;
    state
        .bus
        .publish(Event::new(access.id(), EventKind::Feldwahl).with_id(feld_id));
    Ok(f)
}

/// The dot rules of this Werkstatt's Feldwahl.
pub async fn regeln(state: &AppState, werkstatt_id: &str) -> AppResult<Regeln> {
    let felder = state.db.felder(werkstatt_id).await?;
    Ok(Regeln::feldwahl(felder.iter().map(|f| f.slug.as_deref())))
}

/// Sets the participant's dots on one field (0 removes them).
pub async fn vote(state: &AppState, access: &Access, feld_id: &str, punkte: u32) -> AppResult<()> {
    let t = access.require_voter()?;
    let regeln = regeln(state, access.id()).await?;
    state
        .db
        .set_feldstimme(access.id(), &t.id, feld_id, punkte, regeln)
        .await?;
    state
        .bus
        .publish(Event::new(access.id(), EventKind::Feldwahl).with_id(feld_id));
    Ok(())
}

pub async fn join_gruppe(state: &AppState, access: &Access, feld_id: &str) -> AppResult<()> {
    let t = access.require_group_join()?;
    // Once the fields are chosen, only their groups exist.
    let f = state.db.feld(access.id(), feld_id).await?;
    if access.werkstatt.phase() != werkstatt_core::werkstatt::Phase::Feldwahl && !f.gewaehlt {
        return Err(werkstatt_core::FieldError::new("feld_id", "err-feld-not-chosen").into());
    }
    state.db.join_gruppe(access.id(), feld_id, &t.id).await?;
    state
        .bus
        .publish(Event::new(access.id(), EventKind::Teilnehmende).with_feld(feld_id));
    Ok(())
}

/// One field with its dots, as shown on the Feldwahl page and in the API.
#[derive(Debug, Clone, Serialize)]
pub struct FeldStand {
    pub feld: Feld,
    pub punkte: i64,
    pub personen: i64,
    pub meine: u32,
    pub gruppe: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Feldwahl {
    pub felder: Vec<FeldStand>,
    pub budget: u32,
    pub max_pro_feld: u32,
    pub verbraucht: u32,
    pub beteiligung: i64,
    pub teilnehmende: i64,
}

pub async fn stand(state: &AppState, access: &Access) -> AppResult<Feldwahl> {
    let id = access.id();
    let felder = state.db.felder(id).await?;
    let regeln = Regeln::feldwahl(felder.iter().map(|f| f.slug.as_deref()));
    let ergebnis = state.db.feldwahl_ergebnis(id).await?;
    let gruppen = state.db.gruppen_groessen(id).await?;
    let meine = match &access.teilnehmende {
        Some(t) => state.db.meine_feldstimmen(&t.id).await?,
        None => Default::default(),
    };
    let felder: Vec<FeldStand> = felder
        .into_iter()
        .map(|f| {
            let e = ergebnis.iter().find(|e| e.feld_id == f.id);
            FeldStand {
                punkte: e.map_or(0, |e| e.punkte),
                personen: e.map_or(0, |e| e.personen),
                meine: meine.get(&f.id).copied().unwrap_or(0),
                gruppe: gruppen.get(&f.id).copied().unwrap_or(0),
                feld: f,
            }
        })
        .collect();
    Ok(Feldwahl {
        verbraucht: meine.values().sum(),
        budget: regeln.budget,
        max_pro_feld: regeln.max_pro_option.unwrap_or(regeln.budget),
        beteiligung: state.db.feldwahl_beteiligung(id).await?,
        teilnehmende: state.db.teilnehmende(id).await?.len() as i64,
        felder,
    })
}
