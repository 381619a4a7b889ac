//! The catalogue: Steckbriefe with their Textbausteine, and best practices. It ships as
//! TOML files in `catalog/` (embedded at build time) and is checked as a whole here.

pub mod best_practice;
pub mod foerderprogramm;
pub mod steckbrief;
pub mod suche;
pub mod textbaustein;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

pub use best_practice::BestPractice;
pub use foerderprogramm::{Foerderprogramm, aktuelle_fuer, foerderprogramme, programm};
pub use steckbrief::Steckbrief;

use crate::error::{FieldError, FieldErrors};

mod files {
    include!(concat!(env!("OUT_DIR"), "/katalog_files.rs"));
}

/// The catalogue files built into the binary.
pub fn eingebettet() -> &'static [(&'static str, &'static str)] {
    files::FILES
}

/// The origin of an entry that came with the application.
pub const MITGELIEFERT: &str = "mitgeliefert";

/// Whether an account may change a catalogue entry of origin `herkunft`. The catalogue is
/// shared by every Werkstatt of the instance and a changed entry flows into their strategy
/// documents, so the shipped entries are changed only by an administrator; entries the
/// accounts wrote or imported are theirs to change.
pub fn darf_aendern(admin: bool, herkunft: &str) -> bool {
    admin || herkunft != MITGELIEFERT
}

/// A whole catalogue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Katalog {
    pub steckbriefe: Vec<Steckbrief>,
    pub best_practices: Vec<BestPractice>,
}

/// A stable fingerprint of text (FNV-1a, 64 bit), for catalogue versions.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

impl Katalog {
    /// Reads catalogue files (`steckbriefe/<feld>/<id>.toml`, `best-practices/<id>.toml`,
    /// `foerderprogramme/<id>.toml`); every error is reported with its file. Programme
    /// references resolve against the programme files among `files`, or, where there are
    /// none (a catalogue of Steckbriefe only), against the shipped programmes.
    pub fn aus_dateien<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, FieldErrors> {
        let files: Vec<(&str, &str)> = files.into_iter().collect();
        let mut k = Self::default();
        let mut e = FieldErrors::default();
        let eigene;
        let programme = if foerderprogramm::enthalten(files.iter().copied()) {
            let (p, fehler) = foerderprogramm::lesen(files.iter().copied());
            e.0.extend(fehler.0);
            eigene = p;
            eigene.as_slice()
        } else {
            foerderprogramme()
        };
        for (path, text) in files {
            let stem = path.rsplit('/').next().unwrap_or(path).trim_end_matches(".toml");
            if path.starts_with("steckbriefe/") {
                match toml::from_str::<Steckbrief>(text) {
                    Ok(s) => {
                        let folder = path.split('/').nth(1).unwrap_or("");
                        if s.id != stem {
                            e.push(FieldError::new(format!("{path}: id"), "err-katalog-dateiname"));
                        }
                        if s.handlungsfeld != folder {
                            e.push(FieldError::new(
                                format!("{path}: handlungsfeld"),
                                "err-katalog-ordner",
                            ));
                        }
                        k.steckbriefe.push(s);
                    }
                    Err(x) => e.push(
                        FieldError::new(path.to_owned(), "err-katalog-toml").arg("detail", x.message()),
                    ),
                }
            } else if path.starts_with("best-practices/") {
                match toml::from_str::<BestPractice>(text) {
                    Ok(b) => {
                        if b.id != stem {
                            e.push(FieldError::new(format!("{path}: id"), "err-katalog-dateiname"));
                        }
                        k.best_practices.push(b);
                    }
                    Err(x) => e.push(
                        FieldError::new(path.to_owned(), "err-katalog-toml").arg("detail", x.message()),
                    ),
                }
            }
        }
        k.steckbriefe.sort_by(|a, b| a.id.cmp(&b.id));
        k.best_practices.sort_by(|a, b| a.id.cmp(&b.id));
        if let Err(more) = k.check_mit(programme) {
            e.0.extend(more.0);
        }
        if e.is_empty() { Ok(k) } else { Err(e) }
    }

    /// The shipped catalogue.
    pub fn mitgeliefert() -> Result<Self, FieldErrors> {
        Self::aus_dateien(eingebettet().iter().copied())
    }

    /// Checks every entry and the references between them: known fields, known
    /// placeholders, addresses, no duplicate ids or titles, related entries exist, and
    /// programme references fit the shipped Förderprogramme.
    pub fn check(&self) -> Result<(), FieldErrors> {
        self.check_mit(foerderprogramme())
    }

    /// [`Katalog::check`] against a given programme catalogue.
    pub fn check_mit(&self, programme: &[Foerderprogramm]) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        let mut ids = HashSet::new();
        let mut titel = HashSet::new();
        for s in &self.steckbriefe {
            let p = format!("steckbriefe/{}", s.id);
            for x in s.check().0 {
                e.push(x.under(&p));
            }
            if !ids.insert(s.id.as_str()) {
                e.push(FieldError::new(format!("{p}.id"), "err-bundle-duplicate-id"));
            }
            if !titel.insert(s.titel.to_lowercase()) {
                e.push(FieldError::new(format!("{p}.titel"), "err-duplicate"));
            }
        }
        for s in &self.steckbriefe {
            for x in foerderprogramm::check_verweise(s, programme).0 {
                e.push(x.under(&format!("steckbriefe/{}", s.id)));
            }
            for (i, v) in s.verwandte.iter().enumerate() {
                if !ids.contains(v.as_str()) || v == &s.id {
                    e.push(
                        FieldError::new(
                            format!("steckbriefe/{}.verwandte[{i}]", s.id),
                            "err-bundle-unknown-ref",
                        )
                        .arg("id", v),
                    );
                }
            }
        }
        let mut bp_ids = HashSet::new();
        for b in &self.best_practices {
            let p = format!("best-practices/{}", b.id);
            for x in b.check().0 {
                e.push(x.under(&p));
            }
            if !bp_ids.insert(b.id.as_str()) || ids.contains(b.id.as_str()) {
                e.push(FieldError::new(format!("{p}.id"), "err-bundle-duplicate-id"));
            }
            for (i, s) in b.steckbriefe.iter().enumerate() {
                if !ids.contains(s.as_str()) {
                    e.push(
                        FieldError::new(format!("{p}.steckbriefe[{i}]"), "err-bundle-unknown-ref")
                            .arg("id", s),
                    );
                }
            }
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handlungsfeld::STANDARD_FELDER;

    #[test]
    fn the_shipped_catalogue_is_valid_and_complete() {
        let k = Katalog::mitgeliefert().unwrap_or_else(|e| panic!("{:#?}", e.0));
        assert!(k.steckbriefe.len() >= 54, "{}", k.steckbriefe.len());
        for f in STANDARD_FELDER {
            let n = k.steckbriefe.iter().filter(|s| s.handlungsfeld == f.slug).count();
            assert!(n >= 6, "{}: {n}", f.slug);
        }
        assert!(k.best_practices.len() >= 12);
        for s in &k.steckbriefe {
            let altenwald = [crate::sprache::Gebiet {
                name: "Altenwald",
                art: Some(crate::kommune::KommuneArt::Verbandsgemeinde),
            }];
            let w = textbaustein::Werte {
                kommune: crate::sprache::kommunen(&altenwald),
                rat: Some(crate::sprache::rat(&altenwald)),
                jahr: Some(2028),
                federfuehrung: Some("Fachbereich 1".into()),
            };
            let t = textbaustein::rendern(&s.textbaustein.text, &w).unwrap();
            assert!(
                !t.contains('{') && t.contains("Verbandsgemeinde Altenwald"),
                "{}",
                s.id
            );
        }
    }

    #[test]
    fn broken_files_are_named() {
        let good = eingebettet()
            .iter()
            .find(|(p, _)| p.starts_with("steckbriefe/"))
            .copied()
            .unwrap();
        let bad_ref = good
            .1
            .replacen("verwandte = [", "verwandte = [\"gibt-es-nicht\", ", 1);
        let e = Katalog::aus_dateien([(good.0, bad_ref.as_str())]).unwrap_err();
        assert!(
            e.0.iter()
                .any(|x| x.code == "err-bundle-unknown-ref"
                    && x.args.iter().any(|(_, v)| v == "gibt-es-nicht")),
            "{e:?}"
        );
        let e = Katalog::aus_dateien([("steckbriefe/tourismus/x.toml", "id = 5")]).unwrap_err();
        assert_eq!(e.0[0].code, "err-katalog-toml");
        let renamed = Katalog::aus_dateien([("steckbriefe/tourismus/anders.toml", good.1)]).unwrap_err();
        assert!(renamed.0.iter().any(|x| x.code == "err-katalog-dateiname"));
        let placeholder = good.1.replacen("{Kommune}", "{Gemeinde}", 1);
        let e = Katalog::aus_dateien([(good.0, placeholder.as_str())]).unwrap_err();
        assert!(e.0.iter().any(|x| x.code == "err-platzhalter-unbekannt"), "{e:?}");
    }

    #[test]
    fn programme_references_resolve_against_the_given_files() {
        let good = eingebettet()
            .iter()
            .find(|(p, _)| p.starts_with("steckbriefe/"))
            .copied()
            .unwrap();
        let ohne: String = good
            .1
            .lines()
            .filter(|l| !l.starts_with("foerderprogramme = "))
            .map(|l| format!("{l}\n"))
            .collect();
        let mit = |ids: &str| {
            ohne.replacen(
                "\nstand = ",
                &format!("\nfoerderprogramme = [{ids}]\nstand = "),
                1,
            )
        };
        // Without programme files, the shipped programmes count.
        let unbekannt = mit("\"gibt-es-nicht\"");
        let e = Katalog::aus_dateien([(good.0, unbekannt.as_str())]).unwrap_err();
        assert!(
            e.0.iter()
                .any(|x| x.code == "err-bundle-unknown-ref" && x.field.ends_with("foerderprogramme[0]")),
            "{e:?}"
        );
        let laufend = foerderprogramme()
            .iter()
            .find(|p| p.status == foerderprogramm::Status::Laufend)
            .unwrap();
        let bekannt = mit(&format!("\"{}\"", laufend.id));
        // Alone, the Steckbrief's `verwandte` point nowhere; its programme reference is fine.
        if let Err(e) = Katalog::aus_dateien([(good.0, bekannt.as_str())]) {
            assert!(!e.0.iter().any(|x| x.field.contains("foerderprogramme")), "{e:?}");
        }
        // With programme files, only those count: here the programme is ended.
        let ende = "id = \"ende\"\nname = \"Alt\"\ntraeger = \"Land\"\nebene = \"land\"\nfoerderquote = \"50 %\"\n\
             antragsfrist = \"2020-12-31\"\nstatus = \"beendet\"\nstand = \"2026-12-04\"\n\
             quelle = \"https://www.rlp.de/\"\nzielgruppe = \"Kommunen.\"\ngegenstand = \"WLAN.\"\n\
             handlungsfelder = [\"tourismus\"]\n";
        let beendet = mit("\"ende\"");
        let e = Katalog::aus_dateien([("foerderprogramme/ende.toml", ende), (good.0, beendet.as_str())])
            .unwrap_err();
        assert!(e.0.iter().any(|x| x.code == "err-foerder-beendet"), "{e:?}");
        // A broken programme file is reported once; references to the others still resolve.
        let kaputt = ende.replace("handlungsfelder = [\"tourismus\"]", "handlungsfelder = []");
        let e = Katalog::aus_dateien([
            ("foerderprogramme/ende.toml", kaputt.as_str()),
            (good.0, beendet.as_str()),
        ])
        .unwrap_err();
        assert!(e.0.iter().any(|x| x.code == "err-list-min"), "{e:?}");
        assert!(
            !e.0.iter()
                .any(|x| x.code == "err-bundle-unknown-ref" && x.field.contains("foerderprogramme")),
            "{e:?}"
        );
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["ab"]), fingerprint(&["a", "b"]));
    }
}
