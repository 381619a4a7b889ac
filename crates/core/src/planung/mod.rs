//! Projektplanung: the schedule of an in-depth project plan (Projektplan) for one Maßnahme.
//!
//! - [`netzplan`]: the critical path method on the Aufgaben and their dependencies,
//!   in working days from the project start.
//! - [`kalender`]: working days to dates (weekends and given holidays skipped), the dates
//!   of Aufgaben and Meilensteine and a check for Meilensteine dated too early.
//! - [`ical`]: the plan as an iCalendar (RFC 5545) file.
//! - [`projektplan`]: the Projektplan document with its seven sections, its checks and
//!   its evaluation (schedule, milestones, stakeholder strategies, resource totals).
//!
//! Like the rest of core this is pure: dates, holidays and the time stamp of an export
//! come from the caller.

pub mod ical;
pub mod kalender;
pub mod netzplan;
pub mod projektplan;

pub use kalender::{
    Arbeitskalender, AufgabenTermin, DatierterMeilenstein, Festlegung, Meilenstein, MeilensteinWarnung,
    meilensteine_datieren, projektende, pruefe_meilensteine, termine,
};
pub use netzplan::{Aufgabe, GeplanteAufgabe, Netzplan, Vorgaenger, berechne};
