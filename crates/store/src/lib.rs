//! Persistence of Werkstatt: the only crate that speaks SQL.
//!
//! One [`Db`] value wraps either SQLite (the zero-set-up default) or PostgreSQL (hosted,
//! several instances). Each query is written once in SQL that both understand and is
//! compiled for each backend by the [`read!`]/[`write!`] macros, so types stay concrete.

#[macro_use]
mod dispatch;
pub mod bundle;
mod connect;
pub mod error;
pub mod felder;
pub mod ids;
pub mod katalog;
pub mod kommunen;
pub mod massnahmen;
mod migrate;
pub mod notify;
pub mod projektplaene;
pub mod rechtstexte;
pub mod runden;
pub mod schema;
pub mod sessions;
pub mod sicherung;
pub mod sichten;
pub mod strategie;
pub mod teilnehmende;
pub mod users;
pub mod werkstaetten;
pub mod ziele;

pub use connect::{Backend, Db, LATEST_MIGRATION, SQLITE_DEFAULT_URL};
pub use error::StoreError;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
