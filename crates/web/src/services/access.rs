//! Who may read and change a Werkstatt.
//!
//! Anyone without read access gets "not found", so that ids of other Werkstätten reveal
//! nothing. Admins see everything; facilitators the Werkstätten they moderate;
//! participants and observers only the one their session is bound to.

use werkstatt_store::teilnehmende::Teilnehmende;
use werkstatt_store::werkstaetten::Werkstatt;

use crate::ctx::{Ctx, Viewer};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct Access {
    pub werkstatt: Werkstatt,
    pub moderator: bool,
    pub teilnehmende: Option<Teilnehmende>,
    pub observer: bool,
    /// What the caches had for this Werkstatt before anything was read: fragments
    /// rendered from this access are cached at this `Stand`.
    stand: crate::cache::Stand,
}

/// The Werkstatt row, from the cache where it was read at this `Stand`.
async fn werkstatt_lesen(state: &AppState, id: &str, stand: u64) -> AppResult<Werkstatt> {
    if let Some(w) = state.cache.werkstaetten.zeile(id, stand) {
        return Ok(Werkstatt::clone(&w));
    }
    let w = state.db.werkstatt(id).await?;
    state
        .cache
        .werkstaetten
        .zeile_merken(stand, std::sync::Arc::new(w.clone()));
    Ok(w)
}

async fn moderiert(state: &AppState, werkstatt_id: &str, user_id: &str, stand: u64) -> AppResult<bool> {
    if let Some(m) = state.cache.werkstaetten.moderator(werkstatt_id, user_id, stand) {
        return Ok(m);
    }
    let m = state.db.is_moderator(werkstatt_id, user_id).await?;
    state
        .cache
        .werkstaetten
        .moderator_merken(werkstatt_id, user_id, stand, m);
    Ok(m)
}

impl Access {
    pub async fn load(state: &AppState, ctx: &Ctx, werkstatt_id: &str) -> AppResult<Self> {
        let stand = state.cache.versionen.stand(werkstatt_id);
        let werkstatt = werkstatt_lesen(state, werkstatt_id, stand.werkstatt).await?;
        let a = match &ctx.viewer {
            Viewer::User(u) => {
                let moderator =
                    u.is_admin() || moderiert(state, werkstatt_id, &u.id, stand.werkstatt).await?;
                if !moderator {
                    return Err(AppError::NotFound);
                }
                Self {
                    werkstatt,
                    moderator,
                    teilnehmende: None,
                    observer: false,
                    stand,
                }
            }
            Viewer::Participant(t) if t.werkstatt_id == werkstatt_id => Self {
                werkstatt,
                moderator: false,
                teilnehmende: Some(t.clone()),
                observer: false,
                stand,
            },
            Viewer::Observer { werkstatt_id: w } if w == werkstatt_id => Self {
                werkstatt,
                moderator: false,
                teilnehmende: None,
                observer: true,
                stand,
            },
            Viewer::Anonymous if !ctx.api => return Err(AppError::Unauthorized),
            _ => return Err(AppError::NotFound),
        };
        Ok(a)
    }

    pub fn stand(&self) -> crate::cache::Stand {
        self.stand
    }

    /// The kind of viewer, which is all a live fragment may depend on.
    pub fn sicht(&self) -> crate::cache::Sicht {
        if self.moderator {
            crate::cache::Sicht::Moderation
        } else if self.observer {
            crate::cache::Sicht::Beobachtung
        } else {
            crate::cache::Sicht::Teilnahme
        }
    }

    pub fn id(&self) -> &str {
        &self.werkstatt.id
    }

    pub fn require_moderator(&self) -> AppResult<()> {
        if self.moderator {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    fn not_closed(&self) -> AppResult<()> {
        if self.werkstatt.phase().is_closed() {
            Err(AppError::WrongPhase)
        } else {
            Ok(())
        }
    }

    /// Participants are held while the facilitator has locked editing.
    fn not_locked(&self) -> AppResult<()> {
        if self.werkstatt.gesperrt && !self.moderator {
            Err(AppError::Conflict {
                code: "err-gesperrt",
                current: None,
            })
        } else {
            Ok(())
        }
    }

    /// Facilitators always (until closed); participants during the group work.
    pub fn require_group_edit(&self) -> AppResult<()> {
        self.not_closed()?;
        if self.moderator {
            return Ok(());
        }
        self.not_locked()?;
        match &self.teilnehmende {
            Some(_) if self.werkstatt.phase().allows_group_edits() => Ok(()),
            Some(_) => Err(AppError::WrongPhase),
            None => Err(AppError::Forbidden),
        }
    }

    /// The participant who may join a group now: not while editing is locked, and only
    /// in the phases that have groups.
    pub fn require_group_join(&self) -> AppResult<&Teilnehmende> {
        let t = self.teilnehmende.as_ref().ok_or(AppError::Forbidden)?;
        self.not_locked()?;
        if self.werkstatt.phase().allows_group_join() {
            Ok(t)
        } else {
            Err(AppError::WrongPhase)
        }
    }

    /// The participant who may cast dots now.
    pub fn require_voter(&self) -> AppResult<&Teilnehmende> {
        let t = self.teilnehmende.as_ref().ok_or(AppError::Forbidden)?;
        self.not_locked()?;
        if self.werkstatt.phase().allows_field_votes() {
            Ok(t)
        } else {
            Err(AppError::WrongPhase)
        }
    }

    /// Facilitators always (until closed); participants during the Feldwahl.
    pub fn require_field_proposal(&self) -> AppResult<()> {
        self.not_closed()?;
        if self.moderator {
            return Ok(());
        }
        self.not_locked()?;
        match &self.teilnehmende {
            Some(_) if self.werkstatt.phase().allows_participant_fields() => Ok(()),
            Some(_) => Err(AppError::WrongPhase),
            None => Err(AppError::Forbidden),
        }
    }

    /// Who the store records as author.
    pub fn author(&self, ctx: &Ctx) -> Option<String> {
        match (&self.teilnehmende, ctx.user()) {
            (Some(t), _) => Some(t.id.clone()),
            (None, Some(u)) => Some(u.id.clone()),
            _ => None,
        }
    }
}
