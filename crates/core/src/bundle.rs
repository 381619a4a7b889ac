//! The Werkstatt bundle: one versioned JSON document with everything a Werkstatt holds.
//!
//! It moves a Werkstatt run offline on a laptop to the central instance. Import checks
//! the whole document here, before the store writes anything, and names the path of
//! every bad field (`massnahmen[3].aufwand`). The schema is `docs/bundle.schema.json`.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrors};
use crate::handlungsfeld::{self, FeldInput, NeuesFeld};
use crate::kommune::{KommuneInput, NeueKommune};
use crate::massnahme::{MassnahmeDaten, MassnahmeInput};
use crate::punktabfrage::Regeln;
use crate::teilnehmende::NeueTeilnehmende;
use crate::text;
use crate::werkstatt::{NeueWerkstatt, Phase, WerkstattInput};

pub const FORMAT: &str = "werkstatt-bundle";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: String,
    pub version: u32,
    pub werkstatt: BundleWerkstatt,
    pub kommunen: Vec<BundleKommune>,
    pub felder: Vec<BundleFeld>,
    pub teilnehmende: Vec<BundleTeilnehmende>,
    pub feldstimmen: Vec<BundleFeldstimme>,
    pub ziele: Vec<BundleZiel>,
    pub massnahmen: Vec<BundleMassnahme>,
    /// Prioritisation rounds with their anonymous ballots.
    #[serde(default)]
    pub runden: Vec<BundleRunde>,
    /// The facilitator's decision on the ranking.
    #[serde(default)]
    pub rangfolge: Option<BundleRangfolge>,
    /// In-depth plans of Maßnahmen.
    #[serde(default)]
    pub projektplaene: Vec<BundleProjektplan>,
    /// The strategy: free texts, Organigramm, next steps and stored versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategie: Option<BundleStrategie>,
}

/// The edited parts of the strategy; `None` where the proposal is in effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleStrategie {
    #[serde(default)]
    pub texte: crate::strategie::texte::Freitexte,
    #[serde(default)]
    pub organigramm: Option<crate::strategie::organigramm::Organigramm>,
    #[serde(default)]
    pub schritte: Option<Vec<crate::strategie::schritte::Schritt>>,
    #[serde(default)]
    pub versionen: Vec<BundleVersion>,
}

/// A stored version of the strategy with its document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleVersion {
    pub nummer: i64,
    pub status: crate::strategie::version::VersionStatus,
    #[serde(default)]
    pub beschlossen_am: Option<String>,
    #[serde(default)]
    pub notiz: String,
    pub dokument: crate::strategie::Dokument,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleRunde {
    pub id: String,
    pub methode: String,
    pub titel: String,
    pub status: String,
    pub einstellungen: serde_json::Value,
    /// Ids of the Maßnahmen on the ballot.
    pub optionen: Vec<String>,
    /// Ballots without any link to a person.
    pub stimmzettel: Vec<BundleStimmzettel>,
    /// The result as exported (closed rounds); import recomputes it from the ballots and
    /// refuses a bundle whose stored result differs.
    #[serde(default)]
    pub ergebnis: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleStimmzettel {
    pub inhalt: serde_json::Value,
    pub proxy: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleRangfolge {
    pub runde_id: Option<String>,
    pub korrekturen: Vec<crate::abstimmung::Korrektur>,
    pub top_n: i64,
    pub vertiefung: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleProjektplan {
    pub massnahme_id: String,
    pub plan: crate::planung::projektplan::Projektplan,
}

impl BundleRunde {
    /// The result computed from the ballots (the same function the server uses).
    pub fn auswerten(&self) -> Result<crate::abstimmung::Ergebnis, FieldErrors> {
        let methode = crate::abstimmung::Methode::parse("methode", &self.methode)?;
        let e: crate::abstimmung::Einstellungen = serde_json::from_value(self.einstellungen.clone())
            .map_err(|x| FieldError::new("einstellungen", "err-bundle-json").arg("detail", x))?;
        let mut zettel = Vec::new();
        let mut errors = FieldErrors::default();
        for (i, z) in self.stimmzettel.iter().enumerate() {
            match crate::abstimmung::parse_zettel(methode, &e, &self.optionen, &z.inhalt) {
                Ok(p) => zettel.push(p),
                Err(es) => at(&mut errors, &format!("stimmzettel[{i}]"), es),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let proxy = self.stimmzettel.iter().filter(|z| z.proxy).count();
        Ok(crate::abstimmung::auswerten(
            methode,
            &e,
            &self.optionen,
            &zettel,
            proxy,
        )?)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleWerkstatt {
    pub id: String,
    pub titel: String,
    pub datum: String,
    pub ort: String,
    pub phase: String,
    /// Ids of the participating Kommunen (1 to 3), in order.
    pub kommunen: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleKommune {
    pub id: String,
    pub name: String,
    pub art: String,
    pub ags: String,
    pub ars: Option<String>,
    pub einwohner: i64,
    pub parent_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleFeld {
    pub id: String,
    /// Set for the nine standard fields, absent for a Werkstatt's own.
    pub slug: Option<String>,
    pub name: String,
    pub beschreibung: String,
    pub gewaehlt: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleTeilnehmende {
    pub id: String,
    pub name: String,
    pub sektor: String,
    pub kommune_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleFeldstimme {
    pub feld_id: String,
    pub teilnehmende_id: String,
    pub punkte: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleZiel {
    pub feld_id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleMassnahme {
    pub id: String,
    pub feld_id: String,
    pub titel: String,
    pub beschreibung: String,
    pub umsetzung: String,
    pub monate: Option<i64>,
    pub aufwand: Option<i64>,
    pub nutzen: Option<i64>,
    pub federfuehrung: String,
    pub status: String,
    pub steckbrief_id: Option<String>,
    pub proxy: bool,
}

/// The largest bundle accepted for import, over HTTP and on the command line (32 MiB: a
/// Werkstatt at its limits with several strategy versions and their charts).
pub const HOECHSTENS_BYTES: usize = 32 * 1024 * 1024;

/// Reads a bundle from JSON text; a type error names the path of the bad field.
pub fn parse_json(text: &str) -> Result<Bundle, FieldErrors> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let bundle: Bundle = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        FieldError::new(if path == "." { String::new() } else { path }, "err-bundle-json")
            .arg("detail", e.inner().to_string())
    })?;
    bundle.validate()?;
    Ok(bundle)
}

fn at(errors: &mut FieldErrors, prefix: &str, es: FieldErrors) {
    for e in es.0 {
        errors.push(e.under(prefix));
    }
}

fn unique_ids<'a>(
    errors: &mut FieldErrors,
    list: &str,
    ids: impl Iterator<Item = &'a str>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            errors.push(FieldError::new(format!("{list}[{i}].id"), "err-required"));
        } else if !seen.insert(id) {
            errors.push(FieldError::new(
                format!("{list}[{i}].id"),
                "err-bundle-duplicate-id",
            ));
        }
    }
    seen
}

fn known(errors: &mut FieldErrors, path: String, set: &HashSet<&str>, id: &str) {
    if !set.contains(id) {
        errors.push(FieldError::new(path, "err-bundle-unknown-ref").arg("id", id));
    }
}

impl Bundle {
    /// Checks everything the store will write, with the same rules as the forms.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        if self.format != FORMAT {
            e.push(FieldError::new("format", "err-bundle-format"));
        }
        if self.version != VERSION {
            e.push(FieldError::new("version", "err-bundle-version").arg("version", VERSION));
        }
        let w = &self.werkstatt;
        if let Err(es) = NeueWerkstatt::try_from(WerkstattInput {
            titel: w.titel.clone(),
            datum: w.datum.clone(),
            ort: w.ort.clone(),
            kommunen: w.kommunen.clone(),
        }) {
            at(&mut e, "werkstatt", es);
        }
        if let Err(x) = Phase::parse("phase", &w.phase) {
            e.push(x.under("werkstatt"));
        }

        let kommunen = unique_ids(&mut e, "kommunen", self.kommunen.iter().map(|k| k.id.as_str()));
        let mut ags_seen = HashSet::new();
        for (i, k) in self.kommunen.iter().enumerate() {
            let p = format!("kommunen[{i}]");
            if let Err(es) = NeueKommune::try_from(KommuneInput {
                name: k.name.clone(),
                art: k.art.clone(),
                ags: k.ags.clone(),
                ars: k.ars.clone(),
                einwohner: serde_json::json!(k.einwohner),
                parent_id: None,
            }) {
                at(&mut e, &p, es);
            }
            if !ags_seen.insert(k.ags.as_str()) {
                e.push(FieldError::new(format!("{p}.ags"), "err-bundle-duplicate-id"));
            }
            if let Some(parent) = &k.parent_id {
                known(&mut e, format!("{p}.parent_id"), &kommunen, parent);
                if parent == &k.id {
                    e.push(
                        FieldError::new(format!("{p}.parent_id"), "err-bundle-unknown-ref").arg("id", parent),
                    );
                }
            }
        }
        for (i, k) in w.kommunen.iter().enumerate() {
            known(&mut e, format!("werkstatt.kommunen[{i}]"), &kommunen, k);
        }

        let felder = unique_ids(&mut e, "felder", self.felder.iter().map(|f| f.id.as_str()));
        let mut slugs = HashSet::new();
        for (i, f) in self.felder.iter().enumerate() {
            let p = format!("felder[{i}]");
            match &f.slug {
                Some(slug) => {
                    if handlungsfeld::standard(slug).is_none() {
                        e.push(FieldError::new(format!("{p}.slug"), "err-unknown-choice"));
                    } else if !slugs.insert(slug.as_str()) {
                        e.push(FieldError::new(format!("{p}.slug"), "err-bundle-duplicate-id"));
                    }
                }
                None => {
                    if let Err(es) = NeuesFeld::try_from(FeldInput {
                        name: f.name.clone(),
                        beschreibung: f.beschreibung.clone(),
                    }) {
                        at(&mut e, &p, es);
                    }
                }
            }
        }

        let teilnehmende = unique_ids(
            &mut e,
            "teilnehmende",
            self.teilnehmende.iter().map(|t| t.id.as_str()),
        );
        for (i, t) in self.teilnehmende.iter().enumerate() {
            let p = format!("teilnehmende[{i}]");
            if let Err(es) = NeueTeilnehmende::parse(&t.name, &t.sektor, None) {
                at(&mut e, &p, es);
            }
            if let Some(k) = &t.kommune_id {
                known(&mut e, format!("{p}.kommune_id"), &kommunen, k);
            }
        }

        // Bundles of earlier versions were cast with a budget that grew with every field;
        // that looser bound accepts them and today's.
        let regeln = Regeln::standard(self.felder.len());
        let mut dots: BTreeMap<&str, BTreeMap<String, u32>> = BTreeMap::new();
        for (i, s) in self.feldstimmen.iter().enumerate() {
            let p = format!("feldstimmen[{i}]");
            known(&mut e, format!("{p}.feld_id"), &felder, &s.feld_id);
            known(
                &mut e,
                format!("{p}.teilnehmende_id"),
                &teilnehmende,
                &s.teilnehmende_id,
            );
            let mine = dots.entry(s.teilnehmende_id.as_str()).or_default();
            if mine.contains_key(&s.feld_id) {
                e.push(FieldError::new(format!("{p}.feld_id"), "err-bundle-duplicate-id"));
            } else if let Err(x) = regeln.pruefe(mine, &s.feld_id, s.punkte) {
                e.push(x.under(&p));
            } else {
                mine.insert(s.feld_id.clone(), s.punkte);
            }
        }

        let mut ziel_felder = HashSet::new();
        for (i, z) in self.ziele.iter().enumerate() {
            let p = format!("ziele[{i}]");
            known(&mut e, format!("{p}.feld_id"), &felder, &z.feld_id);
            if !ziel_felder.insert(z.feld_id.as_str()) {
                e.push(FieldError::new(format!("{p}.feld_id"), "err-bundle-duplicate-id"));
            }
            if let Err(x) = handlungsfeld::parse_ziel(&z.text) {
                e.push(x.under(&p));
            }
        }

        let massnahmen_ids = unique_ids(
            &mut e,
            "massnahmen",
            self.massnahmen.iter().map(|m| m.id.as_str()),
        );
        // An imported Werkstatt holds to the same limits as one filled in the room.
        let zeichen: i64 = self
            .massnahmen
            .iter()
            .map(|m| crate::grenzen::zeichen(&m.titel, &m.beschreibung))
            .sum();
        if self.massnahmen.len() > crate::grenzen::MASSNAHMEN_JE_WERKSTATT as usize {
            e.push(
                FieldError::new("massnahmen", "err-grenze-massnahmen-werkstatt")
                    .arg("max", crate::grenzen::MASSNAHMEN_JE_WERKSTATT),
            );
        } else if zeichen > crate::grenzen::ZEICHEN_JE_WERKSTATT {
            e.push(
                FieldError::new("massnahmen", "err-grenze-zeichen")
                    .arg("max", crate::grenzen::ZEICHEN_JE_WERKSTATT),
            );
        }
        for (i, m) in self.massnahmen.iter().enumerate() {
            let p = format!("massnahmen[{i}]");
            known(&mut e, format!("{p}.feld_id"), &felder, &m.feld_id);
            if let Err(es) = MassnahmeDaten::try_from(&m.to_input()) {
                at(&mut e, &p, es);
            }
        }
        let runden = unique_ids(&mut e, "runden", self.runden.iter().map(|r| r.id.as_str()));
        for (i, r) in self.runden.iter().enumerate() {
            let p = format!("runden[{i}]");
            if !matches!(r.status.as_str(), "offen" | "geschlossen") {
                e.push(FieldError::new(format!("{p}.status"), "err-unknown-choice"));
            }
            if let Err(x) = text::line("titel", &r.titel, 1, 120) {
                e.push(x.under(&p));
            }
            for (j, o) in r.optionen.iter().enumerate() {
                known(&mut e, format!("{p}.optionen[{j}]"), &massnahmen_ids, o);
            }
            match r.auswerten() {
                Ok(neu) => {
                    let neu = serde_json::to_value(&neu).unwrap_or(serde_json::Value::Null);
                    if r.ergebnis.as_ref().is_some_and(|alt| *alt != neu) {
                        e.push(FieldError::new(format!("{p}.ergebnis"), "err-bundle-ergebnis"));
                    }
                }
                Err(es) => at(&mut e, &p, es),
            }
        }
        if let Some(r) = &self.rangfolge {
            if let Some(rid) = &r.runde_id {
                known(&mut e, "rangfolge.runde_id".into(), &runden, rid);
            }
            for (i, id) in r.vertiefung.iter().enumerate() {
                known(&mut e, format!("rangfolge.vertiefung[{i}]"), &massnahmen_ids, id);
            }
            for (i, k) in r.korrekturen.iter().enumerate() {
                known(
                    &mut e,
                    format!("rangfolge.korrekturen[{i}].massnahme_id"),
                    &massnahmen_ids,
                    &k.massnahme_id,
                );
            }
        }
        if let Some(st) = &self.strategie {
            strategie_pruefen(st, &mut e);
        }
        let mut geplant = HashSet::new();
        for (i, pl) in self.projektplaene.iter().enumerate() {
            let p = format!("projektplaene[{i}]");
            known(
                &mut e,
                format!("{p}.massnahme_id"),
                &massnahmen_ids,
                &pl.massnahme_id,
            );
            if !geplant.insert(pl.massnahme_id.as_str()) {
                e.push(FieldError::new(
                    format!("{p}.massnahme_id"),
                    "err-bundle-duplicate-id",
                ));
            }
            if let Err(es) = pl.plan.check() {
                at(&mut e, &format!("{p}.plan"), es);
            }
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }
}

impl BundleMassnahme {
    pub fn to_input(&self) -> MassnahmeInput {
        let opt = |v: Option<i64>| v.map_or(serde_json::Value::Null, |n| serde_json::json!(n));
        MassnahmeInput {
            feld_id: self.feld_id.clone(),
            titel: self.titel.clone(),
            beschreibung: self.beschreibung.clone(),
            umsetzung: self.umsetzung.clone(),
            monate: opt(self.monate),
            aufwand: opt(self.aufwand),
            nutzen: opt(self.nutzen),
            federfuehrung: self.federfuehrung.clone(),
            status: self.status.clone(),
            version: None,
            proxy: self.proxy,
            steckbrief_id: self.steckbrief_id.clone(),
        }
    }
}

/// Checks the strategy part of a bundle: text lengths, a reporting structure without
/// loops or unknown roles, unique step ids, positive and unique version numbers.
fn strategie_pruefen(st: &BundleStrategie, e: &mut FieldErrors) {
    use crate::strategie::texte::Freitext;
    for f in Freitext::ALL {
        if let Some(t) = st.texte.get(f)
            && t.chars().count() > crate::strategie::markdown::MAX_ZEICHEN
        {
            e.push(
                FieldError::new(format!("strategie.texte.{}", f.slug()), "err-too-long")
                    .arg("max", crate::strategie::markdown::MAX_ZEICHEN),
            );
        }
    }
    if let Some(o) = &st.organigramm {
        if o.rollen.len() > crate::strategie::organigramm::MAX_ROLLEN {
            e.push(
                FieldError::new("strategie.organigramm", "err-organigramm-voll")
                    .arg("max", crate::strategie::organigramm::MAX_ROLLEN),
            );
        }
        let ids: HashSet<&str> = o.rollen.iter().map(|r| r.id.as_str()).collect();
        if ids.len() != o.rollen.len() {
            e.push(FieldError::new(
                "strategie.organigramm",
                "err-bundle-duplicate-id",
            ));
        }
        for (i, r) in o.rollen.iter().enumerate() {
            if let Some(an) = &r.berichtet_an {
                known(
                    e,
                    format!("strategie.organigramm.rollen[{i}].berichtet_an"),
                    &ids,
                    an,
                );
            }
            if o.tiefe(&r.id) >= o.rollen.len().max(1) {
                e.push(FieldError::new(
                    format!("strategie.organigramm.rollen[{i}].berichtet_an"),
                    "err-organigramm-kreis",
                ));
            }
        }
    }
    if let Some(s) = &st.schritte {
        let ids: HashSet<&str> = s.iter().map(|x| x.id.as_str()).collect();
        if ids.len() != s.len() || s.len() > crate::strategie::schritte::MAX_SCHRITTE {
            e.push(FieldError::new("strategie.schritte", "err-bundle-duplicate-id"));
        }
    }
    let mut nummern = HashSet::new();
    for (i, v) in st.versionen.iter().enumerate() {
        if v.nummer < 1 || !nummern.insert(v.nummer) {
            e.push(FieldError::new(
                format!("strategie.versionen[{i}].nummer"),
                "err-bundle-duplicate-id",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> Bundle {
        Bundle {
            format: FORMAT.into(),
            version: VERSION,
            werkstatt: BundleWerkstatt {
                id: "w".into(),
                titel: "Digital-Werkstatt".into(),
                datum: "2026-03-14".into(),
                ort: "Bürgerhaus".into(),
                phase: "gruppenarbeit".into(),
                kommunen: vec!["k1".into()],
            },
            kommunen: vec![BundleKommune {
                id: "k1".into(),
                name: "Altenwald".into(),
                art: "verbandsgemeinde".into(),
                ags: "07140501".into(),
                ars: None,
                einwohner: 14_300,
                parent_id: None,
            }],
            felder: vec![BundleFeld {
                id: "f1".into(),
                slug: Some("tourismus".into()),
                name: "Tourismus".into(),
                beschreibung: String::new(),
                gewaehlt: true,
            }],
            teilnehmende: vec![BundleTeilnehmende {
                id: "t1".into(),
                name: "Jana".into(),
                sektor: "bildung".into(),
                kommune_id: Some("k1".into()),
            }],
            feldstimmen: vec![BundleFeldstimme {
                feld_id: "f1".into(),
                teilnehmende_id: "t1".into(),
                punkte: 1,
            }],
            ziele: vec![BundleZiel {
                feld_id: "f1".into(),
                text: "Mehr Gäste finden uns online.".into(),
            }],
            massnahmen: vec![BundleMassnahme {
                id: "m1".into(),
                feld_id: "f1".into(),
                titel: "Gastgeberverzeichnis online".into(),
                beschreibung: String::new(),
                umsetzung: "kurzfristig".into(),
                monate: Some(6),
                aufwand: Some(2),
                nutzen: None,
                federfuehrung: String::new(),
                status: "offen".into(),
                steckbrief_id: None,
                proxy: false,
            }],
            runden: vec![],
            rangfolge: None,
            projektplaene: vec![],
            strategie: None,
        }
    }

    #[test]
    fn a_good_bundle_passes_and_round_trips_through_json() {
        let b = sample();
        b.validate().unwrap();
        let text = serde_json::to_string(&b).unwrap();
        assert_eq!(parse_json(&text).unwrap(), b);
    }

    #[test]
    fn bad_values_are_named_by_path() {
        let mut b = sample();
        b.massnahmen[0].aufwand = Some(9);
        b.teilnehmende[0].kommune_id = Some("nope".into());
        let e = b.validate().unwrap_err();
        let fields: Vec<_> = e.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["teilnehmende[0].kommune_id", "massnahmen[0].aufwand"]);
    }

    #[test]
    fn type_errors_are_named_by_path() {
        let mut v = serde_json::to_value(sample()).unwrap();
        v["massnahmen"][0]["aufwand"] = serde_json::json!("hoch");
        let e = parse_json(&v.to_string()).unwrap_err();
        assert_eq!(e.0[0].field, "massnahmen[0].aufwand");
        assert_eq!(e.0[0].code, "err-bundle-json");
    }

    #[test]
    fn an_imported_werkstatt_holds_to_the_limits_of_the_room() {
        let mut b = sample();
        let erste = b.massnahmen[0].clone();
        let anzahl = usize::try_from(crate::grenzen::MASSNAHMEN_JE_WERKSTATT).unwrap();
        b.massnahmen = (0..anzahl)
            .map(|i| BundleMassnahme {
                id: format!("m{i}"),
                titel: format!("Maßnahme Nummer {i}"),
                ..erste.clone()
            })
            .collect();
        assert!(b.validate().is_ok());
        b.massnahmen.push(BundleMassnahme {
            id: "eine-zu-viel".into(),
            ..erste
        });
        let e = b.validate().unwrap_err();
        assert_eq!(e.0[0].field, "massnahmen");
        assert_eq!(e.0[0].code, "err-grenze-massnahmen-werkstatt");
    }

    #[test]
    fn rounds_must_reproduce_their_result() {
        let mut b = sample();
        b.massnahmen.push(BundleMassnahme {
            id: "m2".into(),
            titel: "Zweite Maßnahme".into(),
            ..b.massnahmen[0].clone()
        });
        let einstellungen = serde_json::json!({"budget": 3, "stapeln": true, "max_pro_option": 2, "kriterien": [], "verborgen": false});
        let mut r = BundleRunde {
            id: "r1".into(),
            methode: "punkte".into(),
            titel: "Punktabfrage".into(),
            status: "geschlossen".into(),
            einstellungen,
            optionen: vec!["m1".into(), "m2".into()],
            stimmzettel: vec![
                BundleStimmzettel {
                    inhalt: serde_json::json!({"m1": 2}),
                    proxy: false,
                },
                BundleStimmzettel {
                    inhalt: serde_json::json!({"m2": 1}),
                    proxy: true,
                },
            ],
            ergebnis: None,
        };
        r.ergebnis = Some(serde_json::to_value(r.auswerten().unwrap()).unwrap());
        b.runden.push(r.clone());
        b.validate().unwrap();
        // A tampered result or ballot is refused, naming the place.
        b.runden[0].stimmzettel[0].inhalt = serde_json::json!({"m1": 1});
        assert_eq!(b.validate().unwrap_err().0[0].field, "runden[0].ergebnis");
        b.runden[0].stimmzettel[0].inhalt = serde_json::json!({"m1": 9});
        assert!(
            b.validate().unwrap_err().0[0]
                .field
                .starts_with("runden[0].stimmzettel[0]")
        );
    }

    #[test]
    fn dot_budgets_hold_in_a_bundle() {
        let mut b = sample();
        b.feldstimmen[0].punkte = 4;
        assert_eq!(b.validate().unwrap_err().0[0].code, "err-dots-cap");
    }
}
