//! What handlers share on the HTTP side: the JSON body extractor, query strings, and the
//! answers (pages, forms shown again, Post/Redirect/Get, downloads).

pub mod adresse;
pub mod antwort;
pub mod body;
pub mod query;

pub use antwort::{datei, ics_antwort, invalid, lokaler_pfad, nach_post, not_pushed, page, see_other};
pub use body::Body;
