//! The Digitalstrategie: the document model every export reads, its free-text sections,
//! the proposed organisation (Organigramm), the next steps and stored versions.

pub mod aufbau;
pub mod dokument;
pub mod markdown;
pub mod organigramm;
pub mod schritte;
pub mod texte;
pub mod vergleich;
pub mod version;

pub use dokument::{Abschnitt, Block, Dokument, Grafik, Inline, Tabelle};
