//! The header navigation every page shares: who is signed in, the Werkstatt, its timer.

use crate::ctx::{Ctx, Viewer};

/// The header navigation, from the viewer.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    pub user: Option<String>,
    pub who: Option<String>,
    pub session: bool,
    pub werkstatt_id: Option<String>,
    pub path: String,
    /// The Werkstatt's timer, shown on every page of it.
    pub timer: Option<crate::services::moderation::TimerAnzeige>,
}

impl Nav {
    /// The event kinds the live script listens to (from `EventKind` itself).
    pub fn ereignisse(&self) -> String {
        crate::teile::alle_ereignisse()
    }

    /// The navigation of a page of a Werkstatt, with its timer.
    pub fn fuer(ctx: &Ctx, w: &werkstatt_store::werkstaetten::Werkstatt, path: impl Into<String>) -> Self {
        let mut n = Self::new(ctx, Some(&w.id), path);
        n.timer = crate::services::moderation::timer_anzeige(w);
        n
    }

    pub fn new(ctx: &Ctx, werkstatt_id: Option<&str>, path: impl Into<String>) -> Self {
        let (user, who, wid) = match &ctx.viewer {
            Viewer::User(u) => (
                Some(u.name.clone()),
                Some(u.name.clone()),
                werkstatt_id.map(str::to_owned),
            ),
            Viewer::Participant(t) => (None, Some(t.name.clone()), Some(t.werkstatt_id.clone())),
            Viewer::Observer { werkstatt_id } => (
                None,
                Some(ctx.tr.s("observer").to_owned()),
                Some(werkstatt_id.clone()),
            ),
            Viewer::Anonymous => (None, None, None),
        };
        Self {
            user,
            who,
            session: !matches!(ctx.viewer, Viewer::Anonymous),
            werkstatt_id: wid,
            path: path.into(),
            timer: None,
        }
    }
}
