//! The `Stand` (data version) of every Werkstatt and of the catalogue in this process.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// What a cached value was read at. Two reads at the same `Stand` see the same data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stand {
    pub werkstatt: u64,
    pub katalog: u64,
}

impl Stand {
    /// A short tag for `ETag` headers.
    pub fn etag(self) -> String {
        format!("\"{}-{}\"", self.werkstatt, self.katalog)
    }
}

#[derive(Default)]
pub struct Versionen {
    /// Every raise takes the next number, so a `Stand` is never reused.
    zaehler: AtomicU64,
    je_werkstatt: Mutex<HashMap<String, u64>>,
    /// Every Werkstatt is at least here (raised for everyone on a resync).
    basis: AtomicU64,
    katalog: AtomicU64,
}

impl Versionen {
    fn naechste(&self) -> u64 {
        self.zaehler.fetch_add(1, Ordering::SeqCst) + 1
    }

    pub fn stand(&self, werkstatt_id: &str) -> Stand {
        let basis = self.basis.load(Ordering::SeqCst);
        let eigen = self
            .je_werkstatt
            .lock()
            .map(|m| m.get(werkstatt_id).copied().unwrap_or(0))
            .unwrap_or(0);
        Stand {
            werkstatt: eigen.max(basis),
            katalog: self.katalog.load(Ordering::SeqCst),
        }
    }

    pub fn geaendert(&self, werkstatt_id: &str) {
        let v = self.naechste();
        if let Ok(mut m) = self.je_werkstatt.lock() {
            m.insert(werkstatt_id.to_owned(), v);
        }
    }

    pub fn katalog_geaendert(&self) {
        let v = self.naechste();
        self.katalog.store(v, Ordering::SeqCst);
    }

    pub fn alles_geaendert(&self) {
        let v = self.naechste();
        self.basis.store(v, Ordering::SeqCst);
        self.katalog.store(v, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_raises_only_its_werkstatt() {
        let v = Versionen::default();
        let a0 = v.stand("a");
        let b0 = v.stand("b");
        v.geaendert("a");
        assert_ne!(v.stand("a"), a0);
        assert_eq!(v.stand("b"), b0);
    }

    #[test]
    fn a_resync_raises_every_werkstatt_and_the_catalogue() {
        let v = Versionen::default();
        v.geaendert("a");
        let a = v.stand("a");
        let b = v.stand("never-seen");
        v.alles_geaendert();
        assert_ne!(v.stand("a"), a);
        assert_ne!(v.stand("never-seen"), b);
        // And a later own change still moves past the resync.
        let nach = v.stand("a");
        v.geaendert("a");
        assert!(v.stand("a").werkstatt > nach.werkstatt);
    }

    #[test]
    fn the_catalogue_changes_every_stand() {
        let v = Versionen::default();
        let a = v.stand("a");
        v.katalog_geaendert();
        assert_ne!(v.stand("a"), a);
        assert_eq!(v.stand("a").werkstatt, a.werkstatt);
    }
}
