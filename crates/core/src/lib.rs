//! The domain of Werkstatt: Kommunen, Werkstätten and their phases, Handlungsfelder,
//! Teilnehmende, Ziele and Maßnahmen, the dot vote of the Feldwahl, and the Werkstatt bundle.
//!
//! Everything here is pure: no IO, no clock, no randomness of its own. Values from the
//! outside world enter through `parse` constructors that return field-level errors.

pub mod abstimmung;
pub mod bundle;
pub mod demo;
pub mod error;
pub mod event;
pub mod grenzen;
pub mod handlungsfeld;
pub mod join_code;
pub mod katalog;
pub mod kommune;
pub mod massnahme;
pub mod planung;
pub mod priorisierung;
pub mod punktabfrage;
pub mod rechtstexte;
pub mod sprache;
pub mod strategie;
pub mod teilnehmende;
pub mod text;
pub mod user;
pub mod werkstatt;

pub use error::{DomainError, FieldError, FieldErrors};
