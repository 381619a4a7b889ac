//! In-process caches of the read path, all invalidated by one rule: every change of a
//! Werkstatt raises its [`Stand`] (when its event is published, when a listener hears it
//! from another instance, and after every writing request under the Werkstatt's path), and
//! every cached value remembers the `Stand` it was read at. A value read at an older
//! `Stand` is never served.
//!
//! - [`Versionen`]: the `Stand` of every Werkstatt and of the catalogue.
//! - [`Teile`]: rendered live fragments, once per fragment, view and `Stand`, shared by
//!   every client of that view; concurrent requests for a missing fragment wait for one
//!   render instead of rendering each.
//! - [`Sitzungen`]: session secret → who is asking, for a few seconds.
//! - [`Werkstaetten`]: the Werkstatt row and the moderator check per account.
//! - [`Ergebnisse`]: the result of a closed round, computed once at closing.
//! - [`dokumente::Dokumente`]: the strategy document and its files per `Stand`.
//! - `katalog_index`: the catalogue search index per catalogue `Stand`.
//!
//! The `Stand` is read before the data, so a value can only be newer than its `Stand`,
//! never older: a change that commits after the read raises the `Stand` past it.

pub mod dokumente;
pub mod einmal;
mod ergebnisse;
pub mod sitzungen;
pub mod teile;
mod versionen;
mod werkstaetten;

pub use ergebnisse::Ergebnisse;
pub use sitzungen::Sitzungen;
pub use teile::{Sicht, Teile};
pub use versionen::{Stand, Versionen};
pub use werkstaetten::Werkstaetten;

/// All caches of one process.
pub struct Cache {
    pub versionen: Versionen,
    pub teile: Teile,
    pub sitzungen: Sitzungen,
    pub werkstaetten: Werkstaetten,
    pub ergebnisse: Ergebnisse,
    pub dokumente: dokumente::Dokumente,
    /// Every Steckbrief with its folded search text, per catalogue `Stand`: a search
    /// filters in memory instead of reading and parsing every row.
    pub katalog_index: einmal::Einmal<(), u64, Vec<werkstatt_store::katalog::IndexZeile>>,
}

impl Default for Cache {
    fn default() -> Self {
        Self {
            versionen: Versionen::default(),
            teile: Teile::default(),
            sitzungen: Sitzungen::default(),
            werkstaetten: Werkstaetten::default(),
            ergebnisse: Ergebnisse::default(),
            dokumente: dokumente::Dokumente::default(),
            katalog_index: einmal::Einmal::new(1),
        }
    }
}

impl Cache {
    /// A change of one Werkstatt (its data, phase, timer, moderators).
    pub fn geaendert(&self, werkstatt_id: &str) {
        self.versionen.geaendert(werkstatt_id);
    }

    /// Something may have been missed (a listener lost its connection): forget everything.
    pub fn alles_geaendert(&self) {
        self.versionen.alles_geaendert();
        self.sitzungen.leeren();
    }
}
