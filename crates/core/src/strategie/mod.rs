//! The Digitalstrategie: the document model every export reads, its free-text sections,
//! the proposed organisation (Organigramm), the next steps and stored versions.

pub mod aufbau;
pub mod dokument;
pub mod markdown;
pub mod organigramm;
pub mod pruefung;
pub mod schritte;
#[cfg(test)]
mod sprachtest;
pub mod termine;
pub mod texte;
pub mod vergleich;
pub mod version;
pub mod wortlaut;

pub use dokument::{Abschnitt, Block, Dokument, Grafik, Inline, Tabelle};
