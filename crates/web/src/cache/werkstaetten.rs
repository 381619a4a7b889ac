//! The Werkstatt row and the moderator check, read once per `Stand`.
//!
//! Every page of a Werkstatt begins with both; they change only with the Werkstatt
//! (phase, lock, timer, agenda, moderators), which raises its `Stand`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use werkstatt_store::kommunen::Kommune;
use werkstatt_store::werkstaetten::Werkstatt;

use super::Stand;

const HOECHSTENS: usize = 4096;

/// Kommunen of one Werkstatt, tagged with the `Stand` they were read at.
type KommunenZeilen = HashMap<String, (Stand, Arc<Vec<Kommune>>)>;

#[derive(Default)]
pub struct Werkstaetten {
    zeilen: Mutex<HashMap<String, (u64, Arc<Werkstatt>)>>,
    moderiert: Mutex<HashMap<(String, String), (u64, bool)>>,
    /// Kommunen change outside a Werkstatt's path: kept at the full `Stand`, whose
    /// catalogue part every change of master data raises.
    kommunen: Mutex<KommunenZeilen>,
}

fn begrenzen<K, V>(map: &mut HashMap<K, V>) {
    if map.len() >= HOECHSTENS {
        map.clear();
    }
}

impl Werkstaetten {
    pub fn zeile(&self, id: &str, stand: u64) -> Option<Arc<Werkstatt>> {
        let map = self.zeilen.lock().ok()?;
        map.get(id).filter(|(s, _)| *s == stand).map(|(_, w)| w.clone())
    }

    pub fn zeile_merken(&self, stand: u64, w: Arc<Werkstatt>) {
        if let Ok(mut map) = self.zeilen.lock() {
            begrenzen(&mut map);
            map.insert(w.id.clone(), (stand, w));
        }
    }

    pub fn moderator(&self, werkstatt: &str, user: &str, stand: u64) -> Option<bool> {
        let map = self.moderiert.lock().ok()?;
        map.get(&(werkstatt.to_owned(), user.to_owned()))
            .filter(|(s, _)| *s == stand)
            .map(|(_, m)| *m)
    }

    pub fn moderator_merken(&self, werkstatt: &str, user: &str, stand: u64, ja: bool) {
        if let Ok(mut map) = self.moderiert.lock() {
            begrenzen(&mut map);
            map.insert((werkstatt.to_owned(), user.to_owned()), (stand, ja));
        }
    }
}

impl Werkstaetten {
    pub fn kommunen(&self, werkstatt: &str, stand: Stand) -> Option<Arc<Vec<Kommune>>> {
        let map = self.kommunen.lock().ok()?;
        map.get(werkstatt)
            .filter(|(s, _)| *s == stand)
            .map(|(_, k)| k.clone())
    }

    pub fn kommunen_merken(&self, werkstatt: &str, stand: Stand, k: Arc<Vec<Kommune>>) {
        if let Ok(mut map) = self.kommunen.lock() {
            begrenzen(&mut map);
            map.insert(werkstatt.to_owned(), (stand, k));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_served_only_at_its_stand() {
        let c = Werkstaetten::default();
        let w = Werkstatt {
            id: "w1".into(),
            titel: "T".into(),
            datum: "2026-12-04".into(),
            ort: String::new(),
            phase: "feldwahl".into(),
            join_code: "ABCDEF".into(),
            observer_code: "X".into(),
            version: 1,
            gesperrt: false,
            timer_titel: None,
            timer_ende: None,
            timer_rest: None,
            agenda: "[]".into(),
        };
        c.zeile_merken(3, Arc::new(w));
        assert!(c.zeile("w1", 3).is_some());
        assert!(c.zeile("w1", 4).is_none());
        c.moderator_merken("w1", "u", 3, true);
        assert_eq!(c.moderator("w1", "u", 3), Some(true));
        assert_eq!(c.moderator("w1", "u", 4), None);
        assert_eq!(c.moderator("w1", "v", 3), None);
    }
}
