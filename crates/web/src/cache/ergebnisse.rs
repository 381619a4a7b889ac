//! The result of a closed prioritisation round, computed once when it closes.
//!
//! A closed round takes no ballots, so its result cannot change until it is reopened;
//! reopening raises the round's version, and a result is only served at the version it
//! was computed for. After a restart the first read computes it once again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use werkstatt_core::abstimmung::Ergebnis;

const HOECHSTENS: usize = 1024;

#[derive(Default)]
pub struct Ergebnisse {
    map: Mutex<HashMap<String, (i64, Arc<Ergebnis>)>>,
}

impl Ergebnisse {
    pub fn holen(&self, runde: &str, version: i64) -> Option<Arc<Ergebnis>> {
        let map = self.map.lock().ok()?;
        map.get(runde)
            .filter(|(v, _)| *v == version)
            .map(|(_, e)| e.clone())
    }

    pub fn merken(&self, runde: &str, version: i64, e: Arc<Ergebnis>) {
        if let Ok(mut map) = self.map.lock() {
            if map.len() >= HOECHSTENS {
                map.clear();
            }
            map.insert(runde.to_owned(), (version, e));
        }
    }

    pub fn vergessen(&self, runde: &str) {
        if let Ok(mut map) = self.map.lock() {
            map.remove(runde);
        }
    }
}
