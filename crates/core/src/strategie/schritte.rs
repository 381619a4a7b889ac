//! Weiteres Vorgehen: the steps after the Werkstatt, each with a date proposed relative to
//! the Werkstatt date and a responsible role. Facilitators edit, add and remove steps.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::error::{FieldError, FieldErrors};
use crate::text;

pub const MAX_SCHRITTE: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schritt {
    /// "s1", "s2", … unique within the list.
    pub id: String,
    pub titel: String,
    #[serde(default)]
    pub beschreibung: String,
    #[serde(default, with = "crate::strategie::schritte::datum_opt")]
    pub datum: Option<Date>,
    /// The role in charge, usually one from the Organigramm.
    #[serde(default)]
    pub verantwortlich: String,
    #[serde(default)]
    pub erledigt: bool,
}

/// A step as submitted by a form or the API.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SchrittInput {
    #[serde(default)]
    pub titel: String,
    #[serde(default)]
    pub beschreibung: String,
    /// `YYYY-MM-DD` or empty.
    #[serde(default)]
    pub datum: String,
    #[serde(default)]
    pub verantwortlich: String,
    /// `true`, or a form checkbox value ("on").
    #[serde(default)]
    pub erledigt: Option<serde_json::Value>,
}

/// A checked step (without its id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchrittDaten {
    pub titel: String,
    pub beschreibung: String,
    pub datum: Option<Date>,
    pub verantwortlich: String,
    pub erledigt: bool,
}

impl TryFrom<&SchrittInput> for SchrittDaten {
    type Error = FieldErrors;

    fn try_from(i: &SchrittInput) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        let titel = e.take(text::line("titel", &i.titel, 1, 160));
        let beschreibung = e.take(text::bounded("beschreibung", &i.beschreibung, 0, 1000));
        let datum = if i.datum.trim().is_empty() {
            None
        } else {
            e.take(crate::werkstatt::parse_datum("datum", &i.datum))
        };
        let verantwortlich = e.take(text::line("verantwortlich", &i.verantwortlich, 0, 160));
        if !e.is_empty() {
            return Err(e);
        }
        Ok(SchrittDaten {
            titel: titel.unwrap_or_default(),
            beschreibung: beschreibung.unwrap_or_default(),
            datum,
            verantwortlich: verantwortlich.unwrap_or_default(),
            erledigt: match &i.erledigt {
                Some(serde_json::Value::Bool(b)) => *b,
                Some(serde_json::Value::String(v)) => matches!(v.as_str(), "on" | "true" | "1" | "ja"),
                _ => false,
            },
        })
    }
}

fn naechste_id(s: &[Schritt]) -> String {
    let n = s
        .iter()
        .filter_map(|x| x.id.strip_prefix('s')?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("s{}", n + 1)
}

/// Dated steps first, in date order; undated ones keep their order at the end.
pub fn sortieren(s: &mut [Schritt]) {
    s.sort_by_key(|x| (x.datum.is_none(), x.datum));
}

pub fn hinzufuegen(s: &mut Vec<Schritt>, d: SchrittDaten) -> Result<String, FieldError> {
    if s.len() >= MAX_SCHRITTE {
        return Err(FieldError::new("titel", "err-schritte-voll").arg("max", MAX_SCHRITTE));
    }
    let id = naechste_id(s);
    s.push(Schritt {
        id: id.clone(),
        titel: d.titel,
        beschreibung: d.beschreibung,
        datum: d.datum,
        verantwortlich: d.verantwortlich,
        erledigt: d.erledigt,
    });
    sortieren(s);
    Ok(id)
}

pub fn aendern(s: &mut [Schritt], id: &str, d: SchrittDaten) -> Result<(), FieldError> {
    let x = s
        .iter_mut()
        .find(|x| x.id == id)
        .ok_or_else(|| FieldError::new("id", "err-not-found"))?;
    x.titel = d.titel;
    x.beschreibung = d.beschreibung;
    x.datum = d.datum;
    x.verantwortlich = d.verantwortlich;
    x.erledigt = d.erledigt;
    sortieren(s);
    Ok(())
}

pub fn entfernen(s: &mut Vec<Schritt>, id: &str) -> Result<(), FieldError> {
    let pos = s
        .iter()
        .position(|x| x.id == id)
        .ok_or_else(|| FieldError::new("id", "err-not-found"))?;
    s.remove(pos);
    Ok(())
}

/// The default steps, dated relative to the Werkstatt.
pub fn vorschlag(werkstatt: Date) -> Vec<Schritt> {
    let tage = |n: i64| werkstatt.checked_add(Duration::days(n));
    let roh: [(&str, &str, i64, &str); 8] = [
        (
            "Entwurf redaktionell überarbeiten",
            "Die Ergebnisse der Werkstatt werden geprüft, ergänzt und verwaltungsintern abgestimmt.",
            28,
            "Digitalisierungsbeauftragte oder Digitalisierungsbeauftragter",
        ),
        (
            "Öffentlichkeit informieren",
            "Amtsblatt, Internetseite und soziale Medien berichten über die Werkstatt und den Entwurf; Rückmeldungen sind ausdrücklich erwünscht.",
            42,
            "Bürgermeisterin oder Bürgermeister",
        ),
        (
            "Beschluss im Rat",
            "Der Rat beschließt die Digitalstrategie als Arbeitsgrundlage für Verwaltung und Politik.",
            90,
            "Rat",
        ),
        (
            "Zuständigkeiten festlegen",
            "Die Stelle der oder des Digitalisierungsbeauftragten, die Lenkungsgruppe und der Digitalbeirat werden eingerichtet und besetzt.",
            120,
            "Bürgermeisterin oder Bürgermeister",
        ),
        (
            "Fördermittel beantragen",
            "Für die prioritären Projekte werden passende Förderprogramme geprüft und Anträge gestellt.",
            150,
            "Lenkungsgruppe Digitalisierung",
        ),
        (
            "Mit den schnellen Erfolgen beginnen",
            "Kurzfristige Maßnahmen mit geringem Aufwand werden zuerst umgesetzt, damit die Strategie früh sichtbar wird.",
            180,
            "Lenkungsgruppe Digitalisierung",
        ),
        (
            "Umsetzung überprüfen (Monitoring)",
            "Halbjährlich wird der Stand aller Maßnahmen erhoben und der Lenkungsgruppe und dem Rat berichtet.",
            365,
            "Digitalisierungsbeauftragte oder Digitalisierungsbeauftragter",
        ),
        (
            "Strategie erstmals fortschreiben",
            "Ziele und Maßnahmen werden überprüft, erreichte gestrichen und neue aufgenommen, gern in einer weiteren Digital-Werkstatt.",
            730,
            "Lenkungsgruppe Digitalisierung",
        ),
    ];
    roh.iter()
        .enumerate()
        .map(|(i, (titel, beschreibung, t, wer))| Schritt {
            id: format!("s{}", i + 1),
            titel: (*titel).into(),
            beschreibung: (*beschreibung).into(),
            datum: tage(*t),
            verantwortlich: (*wer).into(),
            erledigt: false,
        })
        .collect()
}

/// `YYYY-MM-DD` or null.
pub mod datum_opt {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    const FMT: &[time::format_description::BorrowedFormatItem<'static>] =
        time::macros::format_description!("[year]-[month]-[day]");

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&d.format(FMT).map_err(serde::ser::Error::custom)?),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(t) if !t.is_empty() => Date::parse(&t, FMT).map(Some).map_err(serde::de::Error::custom),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn vorschlag_datiert_relativ_zur_werkstatt() {
        let s = vorschlag(date!(2026 - 03 - 14));
        assert_eq!(s.len(), 8);
        let rat = s.iter().find(|x| x.titel == "Beschluss im Rat").unwrap();
        assert_eq!(rat.datum, Some(date!(2026 - 06 - 12)));
        assert!(s.windows(2).all(|w| w[0].datum <= w[1].datum));
        assert!(s.iter().all(|x| !x.verantwortlich.is_empty()));
    }

    #[test]
    fn bearbeiten_sortiert_nach_datum() {
        let mut s = vorschlag(date!(2026 - 03 - 14));
        let i = SchrittInput {
            titel: "Auftakt im Amtsblatt".into(),
            datum: "2026-03-20".into(),
            verantwortlich: "Pressestelle".into(),
            ..Default::default()
        };
        let id = hinzufuegen(&mut s, SchrittDaten::try_from(&i).unwrap()).unwrap();
        assert_eq!(id, "s9");
        assert_eq!(s[0].id, "s9");
        entfernen(&mut s, "s1").unwrap();
        assert!(s.iter().all(|x| x.id != "s1"));
        assert_eq!(entfernen(&mut s, "s1").unwrap_err().code, "err-not-found");
    }

    #[test]
    fn eingabe_fehler_am_feld() {
        let i = SchrittInput {
            titel: String::new(),
            datum: "14.03.".into(),
            ..Default::default()
        };
        let e = SchrittDaten::try_from(&i).unwrap_err();
        let felder: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(felder, ["titel", "datum"]);
    }

    #[test]
    fn json_rundreise() {
        let s = vorschlag(date!(2026 - 03 - 14));
        let j = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Vec<Schritt>>(&j).unwrap(), s);
    }
}
