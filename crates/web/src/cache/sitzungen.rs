//! Session secret (or bearer token) → who is asking, kept for a few seconds.
//!
//! Resolving a session costs two queries; a page with live fragments asks several times a
//! second. Logging out forgets the secret at once; anything else that ends a session
//! (expiry, a revoked token, a disabled account) takes effect within [`GUELTIG`] at the
//! latest, or at once where the code calls [`Sitzungen::leeren`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use werkstatt_store::sessions::Session;

use crate::ctx::Viewer;

pub const GUELTIG: Duration = Duration::from_secs(5);
const HOECHSTENS: usize = 10_000;

#[derive(Debug, Clone)]
pub struct Eintrag {
    pub viewer: Viewer,
    pub session: Option<Session>,
}

#[derive(Default)]
pub struct Sitzungen {
    map: Mutex<HashMap<String, (Instant, Eintrag)>>,
}

impl Sitzungen {
    pub fn holen(&self, schluessel: &str) -> Option<Eintrag> {
        let map = self.map.lock().ok()?;
        let (seit, e) = map.get(schluessel)?;
        let jetzt_ms = werkstatt_store::ids::now_ms();
        let abgelaufen = e.session.as_ref().is_some_and(|s| s.expires_at <= jetzt_ms);
        (seit.elapsed() < GUELTIG && !abgelaufen).then(|| e.clone())
    }

    pub fn merken(&self, schluessel: &str, e: Eintrag) {
        if let Ok(mut map) = self.map.lock() {
            if map.len() >= HOECHSTENS {
                map.retain(|_, (seit, _)| seit.elapsed() < GUELTIG);
                if map.len() >= HOECHSTENS {
                    map.clear();
                }
            }
            map.insert(schluessel.to_owned(), (Instant::now(), e));
        }
    }

    pub fn vergessen(&self, schluessel: &str) {
        if let Ok(mut map) = self.map.lock() {
            map.remove(schluessel);
        }
    }

    pub fn leeren(&self) {
        if let Ok(mut map) = self.map.lock() {
            map.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forgotten_secret_is_gone_and_others_stay() {
        let s = Sitzungen::default();
        let e = Eintrag {
            viewer: Viewer::Anonymous,
            session: None,
        };
        s.merken("a", e.clone());
        s.merken("b", e);
        s.vergessen("a");
        assert!(s.holen("a").is_none());
        assert!(s.holen("b").is_some());
        s.leeren();
        assert!(s.holen("b").is_none());
    }

    #[test]
    fn an_expired_session_is_not_served() {
        let s = Sitzungen::default();
        let session = Session {
            role: "observer".into(),
            user_id: None,
            werkstatt_id: Some("w".into()),
            teilnehmende_id: None,
            lang: None,
            expires_at: werkstatt_store::ids::now_ms() - 1,
        };
        s.merken(
            "x",
            Eintrag {
                viewer: Viewer::Observer {
                    werkstatt_id: "w".into(),
                },
                session: Some(session),
            },
        );
        assert!(s.holen("x").is_none());
    }
}
