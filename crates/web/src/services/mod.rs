//! Application services: they check who may do what, call the store and publish events.
//! Handlers of the pages and of the JSON API share them, so both offer the same actions.

pub mod access;
pub mod accounts;
pub mod demo;
pub mod feldwahl;
pub mod gruppen;
pub mod katalog;
pub mod moderation;
pub mod plan;
pub mod priorisierung;
pub mod rechtstexte;
pub mod strategie;
pub mod werkstatt;

pub use access::Access;
