//! Who has a page of a Werkstatt open right now: counted from the open event streams of
//! this process (each instance counts its own clients).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Debug, Default)]
pub struct Presence {
    inner: Mutex<HashMap<String, HashMap<String, u32>>>,
}

/// Held by an open stream; leaving is counted when it is dropped.
#[derive(Debug)]
pub struct Guard {
    presence: Arc<Presence>,
    werkstatt: String,
    who: String,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let mut m = self.presence.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(w) = m.get_mut(&self.werkstatt) {
            if let Some(n) = w.get_mut(&self.who) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    w.remove(&self.who);
                }
            }
            if w.is_empty() {
                m.remove(&self.werkstatt);
            }
        }
    }
}

impl Presence {
    pub fn enter(self: &Arc<Self>, werkstatt: &str, who: &str) -> Guard {
        let mut m = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        *m.entry(werkstatt.to_owned())
            .or_default()
            .entry(who.to_owned())
            .or_default() += 1;
        Guard {
            presence: Arc::clone(self),
            werkstatt: werkstatt.to_owned(),
            who: who.to_owned(),
        }
    }

    /// Like [`Self::enter`], unless `who` already holds `max` streams of this Werkstatt.
    pub fn try_enter(self: &Arc<Self>, werkstatt: &str, who: &str, max: u32) -> Option<Guard> {
        let mut m = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let n = m
            .entry(werkstatt.to_owned())
            .or_default()
            .entry(who.to_owned())
            .or_default();
        if *n >= max {
            // Leave no empty entry behind for a refused first attempt.
            if *n == 0 {
                m.get_mut(werkstatt).map(|w| w.remove(who));
            }
            return None;
        }
        *n += 1;
        Some(Guard {
            presence: Arc::clone(self),
            werkstatt: werkstatt.to_owned(),
            who: who.to_owned(),
        })
    }

    /// All open streams of this process.
    pub fn offen(&self) -> usize {
        let m = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        m.values().flat_map(|w| w.values()).map(|n| *n as usize).sum()
    }

    /// The ids of everyone connected to a Werkstatt (participants by their id).
    pub fn connected(&self, werkstatt: &str) -> Vec<String> {
        let m = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        m.get(werkstatt)
            .map(|w| w.keys().cloned().collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_open_streams_per_person() {
        let p = Arc::new(Presence::default());
        let a1 = p.enter("w", "anna");
        let a2 = p.enter("w", "anna");
        let b = p.enter("w", "bert");
        assert_eq!(p.connected("w").len(), 2);
        drop(a1);
        assert_eq!(p.connected("w").len(), 2);
        drop(a2);
        drop(b);
        assert!(p.connected("w").is_empty());
    }
}
