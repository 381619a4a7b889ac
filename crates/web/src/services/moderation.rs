//! The facilitator's console: lock editing, the timer every screen shows, the agenda.

use werkstatt_core::event::{Event, EventKind};
use werkstatt_core::werkstatt::{AgendaPunkt, parse_agenda};
use werkstatt_store::ids::now_ms;
use werkstatt_store::werkstaetten::Werkstatt;

use crate::error::{AppError, AppResult};
use crate::services::Access;
use crate::state::AppState;

fn moderator(access: &Access) -> AppResult<()> {
    access.require_moderator()?;
    if access.werkstatt.phase().is_closed() {
        return Err(AppError::WrongPhase);
    }
    Ok(())
}

pub async fn sperren(state: &AppState, access: &Access, gesperrt: bool) -> AppResult<Werkstatt> {
    moderator(access)?;
    let w = state.db.set_gesperrt(access.id(), gesperrt).await?;
    state.bus.publish(Event::new(access.id(), EventKind::Moderation));
    Ok(w)
}

/// What the timer should do.
pub enum TimerAktion {
    Start { titel: String, minuten: i64 },
    Pause,
    Weiter,
    Stop,
}

pub async fn timer(state: &AppState, access: &Access, aktion: TimerAktion) -> AppResult<Werkstatt> {
    moderator(access)?;
    let w = &access.werkstatt;
    let now = now_ms();
    let titel = w.timer_titel.as_deref();
    let w = match aktion {
        TimerAktion::Start { titel, minuten } => {
            let titel = werkstatt_core::text::line("titel", &titel, 0, 80)?;
            let minuten = werkstatt_core::text::range("minuten", minuten, 1, 480)?;
            let titel = Some(titel).filter(|t| !t.is_empty());
            state
                .db
                .set_timer(access.id(), titel.as_deref(), Some(now + minuten * 60_000), None)
                .await?
        }
        TimerAktion::Pause => match w.timer_ende {
            Some(ende) => {
                state
                    .db
                    .set_timer(access.id(), titel, None, Some((ende - now).max(0)))
                    .await?
            }
            None => w.clone(),
        },
        TimerAktion::Weiter => match w.timer_rest {
            Some(rest) => {
                state
                    .db
                    .set_timer(access.id(), titel, Some(now + rest), None)
                    .await?
            }
            None => w.clone(),
        },
        TimerAktion::Stop => state.db.set_timer(access.id(), None, None, None).await?,
    };
    state.bus.publish(Event::new(access.id(), EventKind::Moderation));
    Ok(w)
}

pub async fn agenda(state: &AppState, access: &Access, text: &str) -> AppResult<Werkstatt> {
    moderator(access)?;
    let punkte = parse_agenda("agenda", text)?;
    let json = serde_json::to_string(&punkte).map_err(|e| AppError::Internal(e.to_string()))?;
    let w = state.db.set_agenda(access.id(), &json).await?;
    state.bus.publish(Event::new(access.id(), EventKind::Moderation));
    Ok(w)
}

pub fn agenda_von(w: &Werkstatt) -> Vec<AgendaPunkt> {
    serde_json::from_str(&w.agenda).unwrap_or_default()
}

/// The timer as pages show it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TimerAnzeige {
    pub titel: String,
    /// Unix ms when it ends, if running (the page script counts down to it).
    pub ende: Option<i64>,
    pub pausiert: bool,
    /// Minutes and seconds left at render time, `MM:SS`.
    pub rest: String,
}

pub fn timer_anzeige(w: &Werkstatt) -> Option<TimerAnzeige> {
    let now = now_ms();
    let (ende, rest_ms, pausiert) = match (w.timer_ende, w.timer_rest) {
        (Some(e), _) => (Some(e), (e - now).max(0), false),
        (None, Some(r)) => (None, r, true),
        (None, None) => return None,
    };
    let s = rest_ms / 1000;
    Some(TimerAnzeige {
        titel: w.timer_titel.clone().unwrap_or_default(),
        ende,
        pausiert,
        rest: format!("{:02}:{:02}", s / 60, s % 60),
    })
}
