//! What pages share to show things: the navigation, forms kept with their errors, the
//! error page, choice lists, formatting of numbers and dates, result rows of a round.
//! Page handlers in `routes` use these; nothing here knows about requests.

pub mod auswahl;
pub mod ergebnis;
pub mod fehler;
pub mod form;
pub mod format;
pub mod markdown;
pub mod nav;

pub use auswahl::{arten, sektoren, umsetzungen};
pub use fehler::ErrorPage;
pub use form::Form;
pub use nav::Nav;
