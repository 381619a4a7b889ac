//! Förderprogramme: the maintained catalogue of funding programmes (EU, Bund, Land) that
//! Steckbriefe, plans and the cost chapter of a strategy refer to by id.
//!
//! A programme says what its official page said on the day it was checked (`stand`). The
//! rules here keep the catalogue honest: an ended programme is `beendet` and is never offered
//! as current, and a programme whose deadline had passed when it was checked cannot be
//! `laufend`.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use time::Date;

use super::steckbrief::{Steckbrief, check_slug, check_url};
use crate::error::{FieldError, FieldErrors};
use crate::handlungsfeld;
use crate::text;
use crate::werkstatt::parse_datum;

/// Who funds the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ebene {
    Eu,
    Bund,
    Land,
}

/// Whether applications are possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Applications are possible now.
    Laufend,
    /// Announced, not yet open.
    Geplant,
    /// Closed; kept only as history.
    Beendet,
}

impl Status {
    pub fn slug(self) -> &'static str {
        match self {
            Self::Laufend => "laufend",
            Self::Geplant => "geplant",
            Self::Beendet => "beendet",
        }
    }
}

/// The application deadline: a date, or open without a deadline (`"laufend"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Antragsfrist {
    Laufend,
    Bis(Date),
}

/// One programme, exactly as in `catalog/foerderprogramme/<id>.toml` (`catalog/FORMAT.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Foerderprogramm {
    pub id: String,
    pub name: String,
    pub traeger: String,
    pub ebene: Ebene,
    /// The funding rate in words, e.g. "bis 90 %".
    pub foerderquote: String,
    /// The maximum amount in words, where the official page names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hoechstbetrag: Option<String>,
    /// `YYYY-MM-DD` or `laufend`.
    pub antragsfrist: String,
    pub status: Status,
    /// The day the official page was checked (`YYYY-MM-DD`).
    pub stand: String,
    /// The official page of the programme.
    pub quelle: String,
    /// Who may apply.
    pub zielgruppe: String,
    /// What is funded.
    pub gegenstand: String,
    /// Slugs of the Handlungsfelder the programme serves.
    pub handlungsfelder: Vec<String>,
}

/// Parses an Antragsfrist field.
pub fn parse_antragsfrist(field: &str, raw: &str) -> Result<Antragsfrist, FieldError> {
    if raw.trim() == "laufend" {
        Ok(Antragsfrist::Laufend)
    } else {
        parse_datum(field, raw).map(Antragsfrist::Bis)
    }
}

impl Foerderprogramm {
    /// The deadline, if the field is well-formed (see [`Foerderprogramm::check`]).
    pub fn frist(&self) -> Option<Antragsfrist> {
        parse_antragsfrist("antragsfrist", &self.antragsfrist).ok()
    }

    /// The day the entry was checked, if well-formed.
    pub fn stand_datum(&self) -> Option<Date> {
        parse_datum("stand", &self.stand).ok()
    }

    /// Whether the programme may be offered as current on `heute`: not ended, and its
    /// deadline (if any) not passed. A planned programme counts as current: a strategy
    /// may plan for it.
    pub fn ist_aktuell(&self, heute: Date) -> bool {
        self.status != Status::Beendet
            && match self.frist() {
                Some(Antragsfrist::Laufend) => true,
                Some(Antragsfrist::Bis(d)) => d >= heute,
                None => false,
            }
    }

    /// Checks this entry on its own.
    pub fn check(&self) -> FieldErrors {
        let mut e = FieldErrors::default();
        if let Err(x) = check_slug("id", &self.id) {
            e.push(x);
        }
        for (f, v, max) in [
            ("name", &self.name, 200),
            ("traeger", &self.traeger, 200),
            ("foerderquote", &self.foerderquote, 200),
            ("zielgruppe", &self.zielgruppe, 600),
            ("gegenstand", &self.gegenstand, 1000),
        ] {
            if let Err(x) = text::bounded(f, v, 1, max) {
                e.push(x);
            }
        }
        if let Some(Err(x)) = self
            .hoechstbetrag
            .as_ref()
            .map(|h| text::bounded("hoechstbetrag", h, 1, 200))
        {
            e.push(x);
        }
        if let Err(x) = check_url("quelle", &self.quelle) {
            e.push(x);
        }
        let stand = e.take(parse_datum("stand", &self.stand));
        let frist = e.take(parse_antragsfrist("antragsfrist", &self.antragsfrist));
        // A deadline that had passed when the page was checked means the call is over.
        if let (Some(s), Some(Antragsfrist::Bis(d))) = (stand, frist)
            && self.status == Status::Laufend
            && d < s
        {
            e.push(
                FieldError::new("antragsfrist", "err-foerder-frist-vorbei")
                    .arg("frist", &self.antragsfrist)
                    .arg("stand", &self.stand),
            );
        }
        if self.handlungsfelder.is_empty() {
            e.push(FieldError::new("handlungsfelder", "err-list-min").arg("min", 1));
        }
        let mut seen = HashSet::new();
        for (i, h) in self.handlungsfelder.iter().enumerate() {
            if handlungsfeld::standard(h).is_none() {
                e.push(FieldError::new(
                    format!("handlungsfelder[{i}]"),
                    "err-unknown-choice",
                ));
            } else if !seen.insert(h.as_str()) {
                e.push(FieldError::new(
                    format!("handlungsfelder[{i}]"),
                    "err-bundle-duplicate-id",
                ));
            }
        }
        e
    }
}

/// Checks the programme references of a Steckbrief against a programme catalogue (field
/// names relative to the Steckbrief):
/// - every id in `foerderprogramme` exists, is listed once and is not `beendet`: that list
///   is what a strategy offers as current;
/// - a `[[foerderung]]` with `programm_id` names an existing programme and shows its status
///   (`beendet` for an ended one, `offen` otherwise);
/// - a `[[foerderung]]` shown as `offen` names its programme, so that nothing is offered as
///   open that the checked catalogue does not know.
pub fn check_verweise(s: &Steckbrief, programme: &[Foerderprogramm]) -> FieldErrors {
    let mut e = FieldErrors::default();
    let finde = |id: &str| programme.iter().find(|p| p.id == id);
    let mut seen = HashSet::new();
    for (i, id) in s.foerderprogramme.iter().enumerate() {
        let f = format!("foerderprogramme[{i}]");
        match finde(id) {
            None => e.push(FieldError::new(f, "err-bundle-unknown-ref").arg("id", id)),
            Some(p) if p.status == Status::Beendet => {
                e.push(FieldError::new(f, "err-foerder-beendet").arg("id", id));
            }
            Some(_) if !seen.insert(id.as_str()) => {
                e.push(FieldError::new(f, "err-bundle-duplicate-id"));
            }
            Some(_) => {}
        }
    }
    for (i, h) in s.foerderung.iter().enumerate() {
        let f = format!("foerderung[{i}]");
        match h.programm_id.as_deref() {
            Some(id) => match finde(id) {
                None => e.push(
                    FieldError::new(format!("{f}.programm_id"), "err-bundle-unknown-ref").arg("id", id),
                ),
                Some(p) => {
                    let soll = if p.status == Status::Beendet {
                        "beendet"
                    } else {
                        "offen"
                    };
                    if h.status != soll {
                        e.push(
                            FieldError::new(format!("{f}.status"), "err-foerder-status")
                                .arg("id", id)
                                .arg("status", soll),
                        );
                    }
                }
            },
            None if h.status == "offen" => {
                e.push(FieldError::new(format!("{f}.programm_id"), "err-required"));
            }
            None => {}
        }
    }
    e
}

/// Reads the programme files (`foerderprogramme/<id>.toml`) among catalogue files; other
/// files are ignored. Every error names its file; ids must be unique.
pub fn aus_dateien<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<Foerderprogramm>, FieldErrors> {
    let (out, e) = lesen(files);
    if e.is_empty() { Ok(out) } else { Err(e) }
}

/// [`aus_dateien`], but also returning the programmes that did parse when others are
/// broken, so that one broken file does not make every reference to the others fail too.
pub fn lesen<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Vec<Foerderprogramm>, FieldErrors) {
    let mut out: Vec<Foerderprogramm> = Vec::new();
    let mut e = FieldErrors::default();
    for (path, text) in files {
        let Some(name) = path.strip_prefix("foerderprogramme/") else {
            continue;
        };
        let stem = name.trim_end_matches(".toml");
        match toml::from_str::<Foerderprogramm>(text) {
            Ok(p) => {
                if p.id != stem {
                    e.push(FieldError::new(format!("{path}: id"), "err-katalog-dateiname"));
                }
                for x in p.check().0 {
                    e.push(x.under(&format!("foerderprogramme/{}", p.id)));
                }
                if out.iter().any(|o| o.id == p.id) {
                    e.push(FieldError::new(
                        format!("foerderprogramme/{}.id", p.id),
                        "err-bundle-duplicate-id",
                    ));
                }
                out.push(p);
            }
            Err(x) => {
                e.push(FieldError::new(path.to_owned(), "err-katalog-toml").arg("detail", x.message()));
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    (out, e)
}

/// Whether catalogue files contain programme files at all.
pub fn enthalten<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> bool {
    files.into_iter().any(|(p, _)| p.starts_with("foerderprogramme/"))
}

/// The shipped programmes, sorted by id. The shipped set is tested to be valid
/// (`catalog check` and the tests below); should it not be, the server offers none rather
/// than wrong ones.
pub fn foerderprogramme() -> &'static [Foerderprogramm] {
    static ALLE: OnceLock<Vec<Foerderprogramm>> = OnceLock::new();
    ALLE.get_or_init(|| aus_dateien(super::eingebettet().iter().copied()).unwrap_or_default())
}

/// A shipped programme by id.
pub fn programm(id: &str) -> Option<&'static Foerderprogramm> {
    foerderprogramme().iter().find(|p| p.id == id)
}

/// The shipped programmes that may be offered on `heute` for a Handlungsfeld.
pub fn aktuelle_fuer(feld: &str, heute: Date) -> Vec<&'static Foerderprogramm> {
    foerderprogramme()
        .iter()
        .filter(|p| p.ist_aktuell(heute) && p.handlungsfelder.iter().any(|h| h == feld))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUT: &str = r#"
id = "test-programm"
name = "Testprogramm"
traeger = "Land Rheinland-Pfalz"
ebene = "land"
foerderquote = "bis 90 %"
hoechstbetrag = "50.000 €"
antragsfrist = "2027-03-31"
status = "laufend"
stand = "2026-12-04"
quelle = "https://www.rlp.de/test"
zielgruppe = "Kommunen in Rheinland-Pfalz."
gegenstand = "Digitale Projekte."
handlungsfelder = ["kommunale-verwaltung"]
"#;

    fn lesen(text: &str) -> Result<Vec<Foerderprogramm>, FieldErrors> {
        aus_dateien([("foerderprogramme/test-programm.toml", text)])
    }

    fn codes(r: Result<Vec<Foerderprogramm>, FieldErrors>) -> Vec<&'static str> {
        r.unwrap_err().0.iter().map(|x| x.code).collect()
    }

    fn tag(s: &str) -> Date {
        parse_datum("x", s).unwrap()
    }

    #[test]
    fn a_good_entry_reads() {
        let p = lesen(GUT).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].ebene, Ebene::Land);
        assert_eq!(p[0].frist(), Some(Antragsfrist::Bis(tag("2027-03-31"))));
    }

    #[test]
    fn each_broken_rule_is_an_error() {
        let cases = [
            (
                GUT.replace("ebene = \"land\"", "ebene = \"kreis\""),
                "err-katalog-toml",
            ),
            (
                GUT.replace("status = \"laufend\"", "status = \"offen\""),
                "err-katalog-toml",
            ),
            (
                GUT.replace(
                    "stand = \"2026-12-04\"",
                    "stand = \"2026-12-04\"\nfarbe = \"rot\"",
                ),
                "err-katalog-toml",
            ),
            (GUT.replace("2027-03-31", "31.03.2027"), "err-date-format"),
            (GUT.replace("2026-12-04", "Dezember 2026"), "err-date-format"),
            (
                GUT.replace("2027-03-31", "2026-06-30"),
                "err-foerder-frist-vorbei",
            ),
            (
                GUT.replace("\"kommunale-verwaltung\"", "\"breitband\""),
                "err-unknown-choice",
            ),
            (GUT.replace("[\"kommunale-verwaltung\"]", "[]"), "err-list-min"),
            (GUT.replace("https://www.rlp.de/test", "rlp.de"), "err-url"),
            (
                GUT.replace("name = \"Testprogramm\"", "name = \"\""),
                "err-required",
            ),
        ];
        for (text, code) in cases {
            assert!(codes(lesen(&text)).contains(&code), "{code}: {text}");
        }
        let renamed = aus_dateien([("foerderprogramme/anders.toml", GUT)]);
        assert!(codes(renamed).contains(&"err-katalog-dateiname"));
        let twice = aus_dateien([
            ("foerderprogramme/test-programm.toml", GUT),
            ("foerderprogramme/test-programm.toml", GUT),
        ]);
        assert!(codes(twice).contains(&"err-bundle-duplicate-id"));
    }

    #[test]
    fn a_passed_deadline_is_fine_for_an_ended_programme() {
        let ended = GUT
            .replace("2027-03-31", "2026-06-30")
            .replace("status = \"laufend\"", "status = \"beendet\"");
        let p = lesen(&ended).unwrap();
        assert!(!p[0].ist_aktuell(tag("2026-01-01")), "ended is never current");
    }

    #[test]
    fn current_means_not_ended_and_deadline_ahead() {
        let p = &lesen(GUT).unwrap()[0];
        assert!(p.ist_aktuell(tag("2027-03-31")));
        assert!(!p.ist_aktuell(tag("2027-04-01")));
        let offen = lesen(&GUT.replace("\"2027-03-31\"", "\"laufend\"")).unwrap();
        assert_eq!(offen[0].frist(), Some(Antragsfrist::Laufend));
        assert!(offen[0].ist_aktuell(tag("2099-01-01")));
    }

    fn steckbrief() -> Steckbrief {
        let (_, text) = super::super::eingebettet()
            .iter()
            .find(|(p, _)| p.starts_with("steckbriefe/"))
            .copied()
            .unwrap();
        let mut s: Steckbrief = toml::from_str(text).unwrap();
        s.foerderprogramme.clear();
        s.foerderung.clear();
        s
    }

    fn hinweis(status: &str, id: Option<&str>) -> super::super::steckbrief::Foerderung {
        super::super::steckbrief::Foerderung {
            programm: "Testprogramm".into(),
            traeger: "Land".into(),
            status: status.into(),
            stand: "2026-12".into(),
            hinweis: String::new(),
            programm_id: id.map(str::to_owned),
        }
    }

    #[test]
    fn references_from_steckbriefe_follow_the_rules() {
        let laufend = lesen(GUT).unwrap().remove(0);
        let mut beendet = laufend.clone();
        beendet.id = "alt".into();
        beendet.status = Status::Beendet;
        let katalog = [laufend, beendet];
        let verweise = |s: &Steckbrief| -> Vec<(String, &'static str)> {
            check_verweise(s, &katalog)
                .0
                .into_iter()
                .map(|x| (x.field, x.code))
                .collect()
        };
        let mut s = steckbrief();
        s.foerderprogramme = vec!["test-programm".into()];
        s.foerderung = vec![hinweis("beendet", Some("alt")), hinweis("unklar", None)];
        assert_eq!(verweise(&s), vec![]);

        s.foerderprogramme = vec![
            "test-programm".into(),
            "alt".into(),
            "fehlt".into(),
            "test-programm".into(),
        ];
        assert_eq!(
            verweise(&s),
            vec![
                ("foerderprogramme[1]".into(), "err-foerder-beendet"),
                ("foerderprogramme[2]".into(), "err-bundle-unknown-ref"),
                ("foerderprogramme[3]".into(), "err-bundle-duplicate-id"),
            ]
        );
        s.foerderprogramme.clear();
        s.foerderung = vec![
            hinweis("offen", Some("alt")),
            hinweis("beendet", Some("test-programm")),
            hinweis("offen", None),
            hinweis("beendet", Some("fehlt")),
        ];
        assert_eq!(
            verweise(&s),
            vec![
                ("foerderung[0].status".into(), "err-foerder-status"),
                ("foerderung[1].status".into(), "err-foerder-status"),
                ("foerderung[2].programm_id".into(), "err-required"),
                ("foerderung[3].programm_id".into(), "err-bundle-unknown-ref"),
            ]
        );
    }

    #[test]
    fn the_shipped_programmes_are_valid_and_cover_all_levels() {
        let alle =
            aus_dateien(super::super::eingebettet().iter().copied()).unwrap_or_else(|e| panic!("{:#?}", e.0));
        assert_eq!(alle.len(), foerderprogramme().len());
        assert!(alle.len() >= 25, "{}", alle.len());
        for ebene in [Ebene::Eu, Ebene::Bund, Ebene::Land] {
            assert!(alle.iter().any(|p| p.ebene == ebene), "{ebene:?}");
        }
        let stand = tag("2026-12-04");
        assert!(alle.iter().filter(|p| p.ist_aktuell(stand)).count() >= 10);
        let erster = &alle[0];
        assert_eq!(programm(&erster.id).map(|p| &p.name), Some(&erster.name));
        assert!(programm("gibt-es-nicht").is_none());
        for p in aktuelle_fuer("digitale-infrastruktur", stand) {
            assert!(
                p.status != Status::Beendet
                    && p.handlungsfelder.iter().any(|h| h == "digitale-infrastruktur")
            );
        }
    }
}
