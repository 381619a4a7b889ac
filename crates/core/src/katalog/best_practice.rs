//! Best-practice examples from real municipalities, linked to the Steckbriefe they illustrate.

use serde::{Deserialize, Serialize};

use super::steckbrief::{Quelle, check_slug, check_url};
use crate::error::{FieldError, FieldErrors};
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BestPractice {
    pub id: String,
    pub titel: String,
    pub kommune: String,
    pub bundesland: String,
    pub jahr: i32,
    pub was: String,
    pub steckbriefe: Vec<String>,
    #[serde(default)]
    pub quellen: Vec<Quelle>,
}

impl BestPractice {
    pub fn check(&self) -> FieldErrors {
        let mut e = FieldErrors::default();
        if let Err(x) = check_slug("id", &self.id) {
            e.push(x);
        }
        for (field, v, max) in [
            ("titel", &self.titel, 160),
            ("kommune", &self.kommune, 160),
            ("bundesland", &self.bundesland, 60),
            ("was", &self.was, 3000),
        ] {
            if let Err(x) = text::bounded(field, v, 1, max) {
                e.push(x);
            }
        }
        if !(1990..=2100).contains(&self.jahr) {
            e.push(
                FieldError::new("jahr", "err-range")
                    .arg("min", 1990)
                    .arg("max", 2100),
            );
        }
        if self.steckbriefe.is_empty() {
            e.push(FieldError::new("steckbriefe", "err-list-min").arg("min", 1));
        }
        if self.quellen.is_empty() {
            e.push(FieldError::new("quellen", "err-list-min").arg("min", 1));
        }
        for (i, q) in self.quellen.iter().enumerate() {
            if let Err(x) = check_url(&format!("quellen[{i}].url"), &q.url) {
                e.push(x);
            }
        }
        e
    }
}
