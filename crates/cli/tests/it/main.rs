//! The one integration-test binary: every test starts the real server on port 0 with a
//! fresh database. `WERKSTATT_TEST_DB=postgres://…` runs the whole suite on PostgreSQL
//! (each test in its own schema); without it, each test gets its own SQLite file.

#![allow(clippy::unwrap_used)]

mod absturz;
mod access;
mod api;
mod bad_input;
mod betrieb;
mod bundle;
mod cli;
mod flow;
mod grenzen;
mod haerten;
mod helpers;
mod katalog;
mod leser;
mod live;
mod moderation;
mod pages;
mod plan;
mod priorisierung;
mod schema;
mod strategie;
mod teile;
