//! Steckbriefe: profiles of example measures that feed the ideas of a group.

use serde::{Deserialize, Serialize};

use super::textbaustein::{self, Textbaustein};
use crate::error::{FieldError, FieldErrors};
use crate::handlungsfeld;
use crate::massnahme::Umsetzungszeit;
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kosten {
    /// `einmalig` or `laufend`.
    pub art: String,
    pub text: String,
    /// The year the figure is from.
    pub jahr: i32,
    #[serde(default)]
    pub quelle: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Foerderung {
    pub programm: String,
    pub traeger: String,
    /// `offen`, `beendet` or `unklar`.
    pub status: String,
    /// As of when the status is known (`YYYY-MM`).
    pub stand: String,
    #[serde(default)]
    pub hinweis: String,
    /// The programme in `catalog/foerderprogramme/` this hint is about; its status there
    /// decides this status (an ended programme shows `beendet`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programm_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quelle {
    pub titel: String,
    pub url: String,
}

/// One Steckbrief, exactly as in a catalogue file (`catalog/FORMAT.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Steckbrief {
    pub id: String,
    pub handlungsfeld: String,
    pub titel: String,
    pub nutzen_kurz: String,
    pub was_ist_das: String,
    pub was_haben_sie_davon: String,
    pub wie_geht_das: Vec<String>,
    pub fuer_wen: String,
    pub umsetzungszeit: String,
    pub umsetzungszeit_monate: i64,
    pub aufwand: i64,
    #[serde(default)]
    pub stakeholder: Vec<String>,
    #[serde(default)]
    pub voraussetzungen: Vec<String>,
    #[serde(default)]
    pub verwandte: Vec<String>,
    pub stand: String,
    #[serde(default)]
    pub kosten: Vec<Kosten>,
    /// What drives the costs, in words; no figures (a figure needs a source and a year).
    #[serde(default)]
    pub kosten_hinweis: String,
    #[serde(default)]
    pub foerderung: Vec<Foerderung>,
    /// Ids of current programmes in `catalog/foerderprogramme/` that fit this measure; an
    /// ended programme may not be listed here (it may appear in `foerderung` as `beendet`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foerderprogramme: Vec<String>,
    /// Where to look for funding, in words, when no programme can be named with its status.
    #[serde(default)]
    pub foerderung_hinweis: String,
    #[serde(default)]
    pub quellen: Vec<Quelle>,
    pub textbaustein: Textbaustein,
}

/// A well-formed web address: http(s), a host with a dot, no spaces.
pub fn check_url(field: &str, url: &str) -> Result<(), FieldError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or(""));
    match host {
        Some(h)
            if h.contains('.')
                && !h.starts_with('.')
                && !h.ends_with('.')
                && !url.contains(char::is_whitespace) =>
        {
            Ok(())
        }
        _ => Err(FieldError::new(field, "err-url")),
    }
}

/// A lower-case slug of `a-z`, `0-9` and single dashes.
pub fn check_slug(field: &str, id: &str) -> Result<(), FieldError> {
    let ok = !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--");
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(field, "err-slug"))
    }
}

fn nonempty(e: &mut FieldErrors, field: &str, v: &str, max: usize) {
    if let Err(x) = text::bounded(field, v, 1, max) {
        e.push(x);
    }
}

fn list(e: &mut FieldErrors, field: &str, items: &[String], min: usize, max_len: usize) {
    if items.len() < min {
        e.push(FieldError::new(field, "err-list-min").arg("min", min));
    }
    for (i, s) in items.iter().enumerate() {
        nonempty(e, &format!("{field}[{i}]"), s, max_len);
    }
}

impl Steckbrief {
    /// Checks this entry on its own (references to other entries are checked by the catalogue).
    pub fn check(&self) -> FieldErrors {
        let mut e = FieldErrors::default();
        if let Err(x) = check_slug("id", &self.id) {
            e.push(x);
        }
        if handlungsfeld::standard(&self.handlungsfeld).is_none() {
            e.push(FieldError::new("handlungsfeld", "err-unknown-choice"));
        }
        nonempty(&mut e, "titel", &self.titel, 120);
        nonempty(&mut e, "nutzen_kurz", &self.nutzen_kurz, 200);
        nonempty(&mut e, "was_ist_das", &self.was_ist_das, 2000);
        nonempty(&mut e, "was_haben_sie_davon", &self.was_haben_sie_davon, 2000);
        nonempty(&mut e, "fuer_wen", &self.fuer_wen, 2000);
        list(&mut e, "wie_geht_das", &self.wie_geht_das, 2, 500);
        list(&mut e, "stakeholder", &self.stakeholder, 1, 120);
        list(&mut e, "voraussetzungen", &self.voraussetzungen, 0, 300);
        match Umsetzungszeit::parse("umsetzungszeit", &self.umsetzungszeit) {
            Ok(u) if Umsetzungszeit::for_months(self.umsetzungszeit_monate) != u => {
                e.push(FieldError::new("umsetzungszeit_monate", "err-monate-band"));
            }
            Ok(_) => {}
            Err(x) => e.push(x),
        }
        if let Err(x) = text::range("umsetzungszeit_monate", self.umsetzungszeit_monate, 1, 120) {
            e.push(x);
        }
        if let Err(x) = text::range("aufwand", self.aufwand, 1, 5) {
            e.push(x);
        }
        if let Err(x) = crate::werkstatt::parse_datum("stand", &self.stand) {
            e.push(x);
        }
        for (i, k) in self.kosten.iter().enumerate() {
            let p = format!("kosten[{i}]");
            if !matches!(k.art.as_str(), "einmalig" | "laufend") {
                e.push(FieldError::new(format!("{p}.art"), "err-unknown-choice"));
            }
            nonempty(&mut e, &format!("{p}.text"), &k.text, 300);
            if !(1990..=2100).contains(&k.jahr) {
                e.push(
                    FieldError::new(format!("{p}.jahr"), "err-range")
                        .arg("min", 1990)
                        .arg("max", 2100),
                );
            }
            match &k.quelle {
                Some(u) => {
                    if let Err(x) = check_url(&format!("{p}.quelle"), u) {
                        e.push(x);
                    }
                }
                // A figure without a source is left out of the catalogue.
                None => e.push(FieldError::new(format!("{p}.quelle"), "err-required")),
            }
        }
        for (i, f) in self.foerderung.iter().enumerate() {
            let p = format!("foerderung[{i}]");
            nonempty(&mut e, &format!("{p}.programm"), &f.programm, 200);
            nonempty(&mut e, &format!("{p}.traeger"), &f.traeger, 200);
            if !matches!(f.status.as_str(), "offen" | "beendet" | "unklar") {
                e.push(FieldError::new(format!("{p}.status"), "err-unknown-choice"));
            }
            let stand_ok = f.stand.len() == 7
                && f.stand.as_bytes().get(4) == Some(&b'-')
                && crate::werkstatt::parse_datum("x", &format!("{}-01", f.stand)).is_ok();
            if !stand_ok {
                e.push(FieldError::new(format!("{p}.stand"), "err-date-format"));
            }
        }
        // Every Steckbrief says something about costs and funding: figures with their
        // source, or a hint in words.
        if self.kosten.is_empty() && self.kosten_hinweis.trim().is_empty() {
            e.push(FieldError::new("kosten_hinweis", "err-required"));
        }
        if self.foerderung.is_empty() && self.foerderung_hinweis.trim().is_empty() {
            e.push(FieldError::new("foerderung_hinweis", "err-required"));
        }
        if let Err(x) = text::bounded("kosten_hinweis", &self.kosten_hinweis, 0, 1500) {
            e.push(x);
        }
        if let Err(x) = text::bounded("foerderung_hinweis", &self.foerderung_hinweis, 0, 1500) {
            e.push(x);
        }
        if self.quellen.is_empty() {
            e.push(FieldError::new("quellen", "err-list-min").arg("min", 1));
        }
        for (i, q) in self.quellen.iter().enumerate() {
            nonempty(&mut e, &format!("quellen[{i}].titel"), &q.titel, 300);
            if let Err(x) = check_url(&format!("quellen[{i}].url"), &q.url) {
                e.push(x);
            }
        }
        nonempty(&mut e, "textbaustein.text", &self.textbaustein.text, 3000);
        match textbaustein::pruefen("textbaustein.text", &self.textbaustein.text) {
            Ok(namen) if !namen.iter().any(|n| n.starts_with("kommune")) => {
                e.push(FieldError::new("textbaustein.text", "err-platzhalter-kommune"));
            }
            Ok(_) => {}
            Err(x) => e.push(x),
        }
        for (i, f) in self.textbaustein.fussnoten.iter().enumerate() {
            nonempty(&mut e, &format!("textbaustein.fussnoten[{i}]"), f, 1000);
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_slugs() {
        assert!(check_url("u", "https://www.example.org/a?b=c").is_ok());
        for bad in [
            "ftp://x.de",
            "https://localhost/",
            "https://a b.de",
            "www.x.de",
            "https://.de",
        ] {
            assert!(check_url("u", bad).is_err(), "{bad}");
        }
        assert!(check_slug("id", "wlan-hotspots-2").is_ok());
        for bad in ["WLAN", "a--b", "-a", "a_b", ""] {
            assert!(check_slug("id", bad).is_err(), "{bad}");
        }
    }
}
