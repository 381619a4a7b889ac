//! Rounds of the prioritisation: their method and rules, parsing and checking a ballot
//! against them, and computing the result (with agreement) from all ballots. The counting
//! itself lives in [`crate::priorisierung`].

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrors};
use crate::priorisierung::{
    self, Ausgang, Bewertung, Gewichte, Kennwerte, Rang, Vergleich, kendall_w, streuung_der_werte, umstritten,
};
use crate::punktabfrage::Regeln;
use crate::text;

/// The most answers one Paarvergleich ballot holds (one per pair: all pairs of 63
/// Maßnahmen). A participant's later answers to the same pair replace earlier ones.
pub const HOECHSTENS_VERGLEICHE: usize = 2000;

/// The five methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Methode {
    Punkte,
    Matrix,
    Nutzwert,
    Paarvergleich,
    Rangfolge,
}

impl Methode {
    pub const ALL: [Methode; 5] = [
        Self::Punkte,
        Self::Matrix,
        Self::Nutzwert,
        Self::Paarvergleich,
        Self::Rangfolge,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Punkte => "punkte",
            Self::Matrix => "matrix",
            Self::Nutzwert => "nutzwert",
            Self::Paarvergleich => "paarvergleich",
            Self::Rangfolge => "rangfolge",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|m| m.slug() == raw.trim())
            .ok_or_else(|| FieldError::new(field, "err-unknown-choice"))
    }
}

/// A criterion of the weighted scoring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kriterium {
    pub name: String,
    /// Percent; all weights sum to 100.
    pub gewicht: u32,
}

/// The rules of a round.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Einstellungen {
    /// Dots per person (dot vote).
    #[serde(default)]
    pub budget: u32,
    #[serde(default)]
    pub stapeln: bool,
    #[serde(default)]
    pub max_pro_option: Option<u32>,
    #[serde(default)]
    pub kriterien: Vec<Kriterium>,
    /// Results stay hidden from participants until the round closes.
    #[serde(default)]
    pub verborgen: bool,
}

impl Einstellungen {
    pub fn regeln(&self) -> Regeln {
        Regeln {
            budget: self.budget,
            stapeln: self.stapeln,
            max_pro_option: self.max_pro_option,
        }
    }
}

/// The raw input for a new round.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RundeInput {
    pub methode: String,
    #[serde(default)]
    pub titel: String,
    /// Dots per person; empty for the usual half the options plus one.
    #[serde(default)]
    pub budget: serde_json::Value,
    #[serde(default)]
    pub stapeln: Option<bool>,
    #[serde(default)]
    pub max_pro_option: serde_json::Value,
    /// One criterion per line, "Name Gewicht", e.g. "Wirkung 40".
    #[serde(default)]
    pub kriterien: String,
    #[serde(default)]
    pub verborgen: Option<bool>,
}

fn opt_u32(field: &str, v: &serde_json::Value, min: i64, max: i64) -> Result<Option<u32>, FieldError> {
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) if s.trim().is_empty() => Ok(None),
        other => crate::kommune::int_value(field, other, min, max).map(|n| u32::try_from(n).ok()),
    }
}

/// The criteria of a weighted scoring from lines like "Wirkung 40" (or "Wirkung: 40 %").
pub fn parse_kriterien(field: &str, text: &str) -> Result<Vec<Kriterium>, FieldError> {
    let mut out: Vec<Kriterium> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let cleaned = line.trim_end_matches('%').trim();
        let (name, zahl) = cleaned
            .rsplit_once(|c: char| c.is_whitespace() || c == ':')
            .ok_or_else(|| FieldError::new(field, "err-kriterium-zeile"))?;
        let gewicht: u32 = zahl
            .trim()
            .parse()
            .map_err(|_| FieldError::new(field, "err-kriterium-zeile"))?;
        let name = text::line(field, name.trim().trim_end_matches(':'), 2, 60)?;
        if out.iter().any(|k| k.name.eq_ignore_ascii_case(&name)) {
            return Err(FieldError::new(field, "err-duplicate"));
        }
        out.push(Kriterium { name, gewicht });
    }
    if out.len() < 2 || out.len() > 8 {
        return Err(FieldError::new(field, "err-kriterien-anzahl"));
    }
    Gewichte::new(out.iter().map(|k| k.gewicht).collect()).map_err(|e| FieldError {
        field: field.to_owned(),
        ..e
    })?;
    Ok(out)
}

/// Parses a new round; `optionen` is the number of Maßnahmen on the ballot.
pub fn parse_runde(i: &RundeInput, optionen: usize) -> Result<(Methode, String, Einstellungen), FieldErrors> {
    let mut e = FieldErrors::default();
    let methode = e.take(Methode::parse("methode", &i.methode));
    let titel = e.take(text::line("titel", &i.titel, 0, 120));
    let budget = e.take(opt_u32("budget", &i.budget, 1, 100));
    let max = e.take(opt_u32("max_pro_option", &i.max_pro_option, 1, 100));
    let mut einstellungen = Einstellungen {
        budget: 0,
        stapeln: i.stapeln.unwrap_or(true),
        max_pro_option: None,
        kriterien: Vec::new(),
        verborgen: i.verborgen.unwrap_or(true),
    };
    if optionen < 2 {
        e.push(FieldError::new("methode", "err-zu-wenig-massnahmen"));
    }
    if let (Some(m), Some(budget), Some(max)) = (methode, budget, max) {
        if m == Methode::Punkte {
            let standard = Regeln::standard(optionen);
            einstellungen.budget = budget.unwrap_or(standard.budget);
            einstellungen.max_pro_option = max.or(standard.max_pro_option);
        }
        if m == Methode::Nutzwert {
            let text = if i.kriterien.trim().is_empty() {
                "Wirkung 40\nKosten 20\nAkzeptanz 20\nPersonalbedarf 20"
            } else {
                &i.kriterien
            };
            if let Some(k) = e.take(parse_kriterien("kriterien", text)) {
                einstellungen.kriterien = k;
            }
        }
    }
    match (methode, titel) {
        (Some(m), Some(t)) if e.is_empty() => Ok((m, t, einstellungen)),
        _ => Err(e),
    }
}

/// One ballot, by method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Zettel {
    Punkte(BTreeMap<String, u32>),
    Matrix(BTreeMap<String, Bewertung>),
    Nutzwert(BTreeMap<String, Vec<u8>>),
    Paarvergleich(Vec<Vergleich<String>>),
    Rangfolge(Rang<String>),
}

fn known(e: &mut FieldErrors, field: String, optionen: &HashSet<&str>, id: &str) -> bool {
    if optionen.contains(id) {
        true
    } else {
        e.push(FieldError::new(field, "err-unknown-choice"));
        false
    }
}

/// Reads and checks a ballot of `methode` (JSON) against the rules and the options.
pub fn parse_zettel(
    methode: Methode,
    einstellungen: &Einstellungen,
    optionen: &[String],
    inhalt: &serde_json::Value,
) -> Result<Zettel, FieldErrors> {
    let ids: HashSet<&str> = optionen.iter().map(String::as_str).collect();
    let mut e = FieldErrors::default();
    let typ =
        |x: serde_json::Error| FieldErrors::from(FieldError::new("inhalt", "err-zettel").arg("detail", x));
    let zettel = match methode {
        Methode::Punkte => {
            let z: BTreeMap<String, u32> = serde_json::from_value(inhalt.clone()).map_err(typ)?;
            let z: BTreeMap<String, u32> = z.into_iter().filter(|(_, p)| *p > 0).collect();
            for id in z.keys() {
                known(&mut e, format!("inhalt.{id}"), &ids, id);
            }
            if let Err(x) = priorisierung::punkte::pruefen(&einstellungen.regeln(), &z) {
                e.push(x);
            }
            Zettel::Punkte(z)
        }
        Methode::Matrix => {
            let z: BTreeMap<String, Bewertung> = serde_json::from_value(inhalt.clone()).map_err(typ)?;
            for (id, b) in &z {
                known(&mut e, format!("inhalt.{id}"), &ids, id);
                for (f, v) in [("nutzen", b.nutzen), ("aufwand", b.aufwand)] {
                    if !(1..=5).contains(&v) {
                        e.push(
                            FieldError::new(format!("inhalt.{id}.{f}"), "err-range")
                                .arg("min", 1)
                                .arg("max", 5),
                        );
                    }
                }
            }
            Zettel::Matrix(z)
        }
        Methode::Nutzwert => {
            let z: BTreeMap<String, Vec<u8>> = serde_json::from_value(inhalt.clone()).map_err(typ)?;
            let k = einstellungen.kriterien.len();
            for (id, werte) in &z {
                known(&mut e, format!("inhalt.{id}"), &ids, id);
                if werte.len() != k {
                    e.push(FieldError::new(format!("inhalt.{id}"), "err-kriterien-werte").arg("anzahl", k));
                }
                if werte.iter().any(|w| *w > 10) {
                    e.push(
                        FieldError::new(format!("inhalt.{id}"), "err-range")
                            .arg("min", 0)
                            .arg("max", 10),
                    );
                }
            }
            Zettel::Nutzwert(z)
        }
        Methode::Paarvergleich => {
            let z: Vec<Vergleich<String>> = serde_json::from_value(inhalt.clone()).map_err(typ)?;
            for (i, v) in z.iter().enumerate() {
                known(&mut e, format!("inhalt[{i}].a"), &ids, &v.a);
                known(&mut e, format!("inhalt[{i}].b"), &ids, &v.b);
                if v.a == v.b {
                    e.push(FieldError::new(format!("inhalt[{i}]"), "err-pair-same"));
                }
            }
            if z.len() > HOECHSTENS_VERGLEICHE {
                e.push(FieldError::new("inhalt", "err-too-long").arg("max", HOECHSTENS_VERGLEICHE));
            }
            Zettel::Paarvergleich(priorisierung::paarzettel::letzte_je_paar(Vec::new(), z))
        }
        Methode::Rangfolge => {
            let z: Rang<String> = serde_json::from_value(inhalt.clone()).map_err(typ)?;
            let mut seen = HashSet::new();
            for (i, g) in z.0.iter().enumerate() {
                for id in g {
                    known(&mut e, format!("inhalt[{i}]"), &ids, id);
                    if !seen.insert(id.as_str()) {
                        e.push(FieldError::new(format!("inhalt[{i}]"), "err-bundle-duplicate-id"));
                    }
                }
            }
            Zettel::Rangfolge(Rang(z.0.into_iter().filter(|g| !g.is_empty()).collect()))
        }
    };
    if e.is_empty() { Ok(zettel) } else { Err(e) }
}

impl Zettel {
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// The result of a round, the same for every method at the top level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ergebnis {
    pub methode: Methode,
    /// Best first; options in one group are tied.
    pub rang: Vec<Vec<String>>,
    pub stimmzettel: usize,
    pub proxy: usize,
    /// Agreement of the room from 0 (none) to 1 (complete): Kendall's W over the rankings
    /// the ballots imply; absent where it is undefined.
    pub einigkeit: Option<f64>,
    /// Per option: mean and standard deviation of what the ballots gave it.
    pub streuung: BTreeMap<String, Kennwerte>,
    /// Options on which the room disagrees most.
    pub umstritten: Vec<String>,
    /// The method's own figures (dots, means and quadrants, weighted sums, strengths, Borda points).
    pub details: serde_json::Value,
}

fn detail<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// Computes the result of a round from all its ballots (`proxy` counts the paper ones).
pub fn auswerten(
    methode: Methode,
    einstellungen: &Einstellungen,
    optionen: &[String],
    zettel: &[Zettel],
    proxy: usize,
) -> Result<Ergebnis, FieldError> {
    let mut implizit: Vec<Rang<String>> = Vec::new();
    let (rang, streuung, details, schwelle) = match methode {
        Methode::Punkte => {
            let z: Vec<BTreeMap<String, u32>> = zettel
                .iter()
                .filter_map(|z| match z {
                    Zettel::Punkte(p) => Some(
                        optionen
                            .iter()
                            .map(|o| (o.clone(), p.get(o).copied().unwrap_or(0)))
                            .collect(),
                    ),
                    _ => None,
                })
                .collect();
            let r = priorisierung::punkte::auswerten(optionen, &z)?;
            implizit = z
                .iter()
                .map(|b| Rang::nach_schluessel(b.iter().map(|(k, v)| (k.clone(), *v))))
                .collect();
            (r.rang.0.clone(), streuung_der_werte(&z), detail(&r), 1.0)
        }
        Methode::Matrix => {
            let z: Vec<BTreeMap<String, Bewertung>> = zettel
                .iter()
                .filter_map(|z| {
                    if let Zettel::Matrix(m) = z {
                        Some(m.clone())
                    } else {
                        None
                    }
                })
                .collect();
            let r = priorisierung::matrix::auswerten(optionen, &z)?;
            // Ranked by benefit per effort: quick wins first.
            let rang = Rang::nach_werten(
                r.optionen
                    .iter()
                    .map(|(id, w)| (id.clone(), w.nutzen.mittel - w.aufwand.mittel)),
                1e-9,
            );
            let nutzen: Vec<BTreeMap<String, u8>> = z
                .iter()
                .map(|b| b.iter().map(|(k, v)| (k.clone(), v.nutzen)).collect())
                .collect();
            implizit = nutzen
                .iter()
                .map(|b| Rang::nach_schluessel(b.iter().map(|(k, v)| (k.clone(), *v))))
                .collect();
            (rang.0, streuung_der_werte(&nutzen), detail(&r), 1.2)
        }
        Methode::Nutzwert => {
            let gewichte = Gewichte::new(einstellungen.kriterien.iter().map(|k| k.gewicht).collect())?;
            let z: Vec<BTreeMap<String, Vec<u8>>> = zettel
                .iter()
                .filter_map(|z| {
                    if let Zettel::Nutzwert(m) = z {
                        Some(m.clone())
                    } else {
                        None
                    }
                })
                .collect();
            let r = priorisierung::nutzwert::auswerten(&gewichte, optionen, &z)?;
            let summen: Vec<BTreeMap<String, f64>> = z
                .iter()
                .map(|b| {
                    b.iter()
                        .map(|(k, v)| {
                            let s: f64 = v
                                .iter()
                                .zip(gewichte.prozent())
                                .map(|(w, g)| f64::from(*w) * f64::from(*g) / 100.0)
                                .sum();
                            (k.clone(), s)
                        })
                        .collect()
                })
                .collect();
            implizit = summen
                .iter()
                .map(|b| Rang::nach_werten(b.iter().map(|(k, v)| (k.clone(), *v)), 1e-9))
                .collect();
            (r.rang.0.clone(), streuung_der_werte(&summen), detail(&r), 2.0)
        }
        Methode::Paarvergleich => {
            let v: Vec<Vergleich<String>> = zettel
                .iter()
                .filter_map(|z| {
                    if let Zettel::Paarvergleich(p) = z {
                        Some(p.clone())
                    } else {
                        None
                    }
                })
                .flatten()
                .collect();
            let r = priorisierung::paarvergleich::auswerten(optionen, &v)?;
            // Disagreement per option: the share of its comparisons that went against the
            // overall verdict, as a value to spread (1 = against, 0 = with).
            let mut gegen: Vec<BTreeMap<String, f64>> = Vec::new();
            for c in &v {
                let (sa, sb) = match (r.optionen.get(&c.a), r.optionen.get(&c.b)) {
                    (Some(a), Some(b)) => (a.staerke, b.staerke),
                    _ => continue,
                };
                let erwartet_a = sa >= sb;
                let x = match c.ausgang {
                    Ausgang::A => f64::from(u8::from(!erwartet_a)),
                    Ausgang::B => f64::from(u8::from(erwartet_a)),
                    Ausgang::Gleich => 0.5,
                };
                gegen.push(BTreeMap::from([(c.a.clone(), x), (c.b.clone(), x)]));
            }
            (r.rang.0.clone(), streuung_der_werte(&gegen), detail(&r), 0.49)
        }
        Methode::Rangfolge => {
            let z: Vec<Rang<String>> = zettel
                .iter()
                .filter_map(|z| {
                    if let Zettel::Rangfolge(r) = z {
                        Some(r.clone())
                    } else {
                        None
                    }
                })
                .collect();
            let borda = priorisierung::borda(optionen, &z)?;
            let schulze = priorisierung::schulze(optionen, &z)?;
            let raenge = priorisierung::streuung_der_raenge(optionen, &z)?;
            implizit = z.clone();
            let schwelle = (optionen.len() as f64 / 4.0).max(1.0);
            (
                schulze.rang.0.clone(),
                raenge,
                serde_json::json!({"borda": detail(&borda), "schulze": detail(&schulze.rang)}),
                schwelle,
            )
        }
    };
    let einigkeit = if implizit.is_empty() {
        None
    } else {
        kendall_w(optionen, &implizit)?
    };
    let umstritten = match methode {
        // For pairwise comparisons the spread is a share: above one half means the room split.
        Methode::Paarvergleich => streuung
            .iter()
            .filter(|(_, k)| k.anzahl >= 2 && k.mittel > schwelle)
            .map(|(id, _)| id.clone())
            .collect(),
        _ => umstritten(&streuung, schwelle),
    };
    Ok(Ergebnis {
        methode,
        rang,
        stimmzettel: zettel.len(),
        proxy,
        einigkeit,
        streuung,
        umstritten,
        details,
    })
}

/// The final order from a result with the facilitator's overrides applied: each override
/// moves one Maßnahme to a position (1-based); ties of the result stay in id order.
pub fn endgueltige_reihenfolge(rang: &[Vec<String>], korrekturen: &[Korrektur]) -> Vec<String> {
    let mut order: Vec<String> = rang.iter().flatten().cloned().collect();
    for k in korrekturen {
        if let Some(pos) = order.iter().position(|x| *x == k.massnahme_id) {
            let item = order.remove(pos);
            let ziel = k.position.saturating_sub(1).min(order.len());
            order.insert(ziel, item);
        }
    }
    order
}

/// A facilitator's override of a position, with the recorded reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Korrektur {
    pub massnahme_id: String,
    pub position: usize,
    pub grund: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("m{i}")).collect()
    }

    #[test]
    fn new_rounds_get_sensible_defaults() {
        let (m, _, e) = parse_runde(
            &RundeInput {
                methode: "punkte".into(),
                ..Default::default()
            },
            9,
        )
        .unwrap();
        assert_eq!((m, e.budget, e.max_pro_option), (Methode::Punkte, 5, Some(3)));
        let (_, _, e) = parse_runde(
            &RundeInput {
                methode: "nutzwert".into(),
                ..Default::default()
            },
            4,
        )
        .unwrap();
        assert_eq!(e.kriterien.iter().map(|k| k.gewicht).sum::<u32>(), 100);
        let err = parse_runde(
            &RundeInput {
                methode: "nutzwert".into(),
                kriterien: "Wirkung 50\nKosten 40".into(),
                ..Default::default()
            },
            4,
        )
        .unwrap_err();
        assert_eq!(err.0[0].field, "kriterien");
        assert_eq!(
            parse_runde(
                &RundeInput {
                    methode: "los".into(),
                    ..Default::default()
                },
                4
            )
            .unwrap_err()
            .0[0]
                .field,
            "methode"
        );
    }

    #[test]
    fn ballots_are_checked_against_the_rules() {
        let o = ids(4);
        let e = Einstellungen {
            budget: 3,
            stapeln: true,
            max_pro_option: Some(2),
            kriterien: vec![],
            verborgen: false,
        };
        assert!(parse_zettel(Methode::Punkte, &e, &o, &json!({"m0": 2, "m1": 1})).is_ok());
        let err = parse_zettel(Methode::Punkte, &e, &o, &json!({"m0": 2, "m1": 2})).unwrap_err();
        assert_eq!(err.0[0].code, "err-dots-budget");
        let err = parse_zettel(Methode::Punkte, &e, &o, &json!({"x": 1})).unwrap_err();
        assert_eq!(err.0[0].code, "err-unknown-choice");
        let err = parse_zettel(
            Methode::Matrix,
            &e,
            &o,
            &json!({"m0": {"nutzen": 6, "aufwand": 1}}),
        )
        .unwrap_err();
        assert_eq!(err.0[0].field, "inhalt.m0.nutzen");
        let err = parse_zettel(Methode::Rangfolge, &e, &o, &json!([["m0"], ["m0"]])).unwrap_err();
        assert_eq!(err.0[0].code, "err-bundle-duplicate-id");
        assert!(parse_zettel(Methode::Rangfolge, &e, &o, &json!("kaputt")).is_err());
    }

    #[test]
    fn every_method_computes_a_result_with_agreement() {
        let o = ids(3);
        let e = Einstellungen {
            budget: 2,
            stapeln: true,
            max_pro_option: Some(2),
            kriterien: vec![
                Kriterium {
                    name: "Wirkung".into(),
                    gewicht: 60,
                },
                Kriterium {
                    name: "Kosten".into(),
                    gewicht: 40,
                },
            ],
            verborgen: false,
        };
        let cases = [
            (Methode::Punkte, json!({"m0": 2}), json!({"m0": 1, "m1": 1})),
            (
                Methode::Matrix,
                json!({"m0": {"nutzen": 5, "aufwand": 1}, "m1": {"nutzen": 2, "aufwand": 4}}),
                json!({"m0": {"nutzen": 4, "aufwand": 2}}),
            ),
            (
                Methode::Nutzwert,
                json!({"m0": [9, 8], "m1": [2, 3]}),
                json!({"m0": [7, 7], "m2": [1, 1]}),
            ),
            (
                Methode::Paarvergleich,
                json!([{"a": "m0", "b": "m1", "ausgang": "a"}, {"a": "m0", "b": "m2", "ausgang": "a"}]),
                json!([{"a": "m1", "b": "m0", "ausgang": "b"}]),
            ),
            (
                Methode::Rangfolge,
                json!([["m0"], ["m1"], ["m2"]]),
                json!([["m0"], ["m2", "m1"]]),
            ),
        ];
        for (m, a, b) in cases {
            let za = parse_zettel(m, &e, &o, &a).unwrap();
            let zb = parse_zettel(m, &e, &o, &b).unwrap();
            let r = auswerten(m, &e, &o, &[za.clone(), zb.clone()], 1).unwrap();
            assert_eq!(r.rang[0], vec!["m0".to_owned()], "{m:?}: {:?}", r.rang);
            assert_eq!((r.stimmzettel, r.proxy), (2, 1));
            // Ballots round-trip through their JSON form.
            assert_eq!(parse_zettel(m, &e, &o, &za.to_json()).unwrap(), za);
            let again = auswerten(m, &e, &o, &[zb, za], 1).unwrap();
            assert_eq!(again.rang, r.rang, "{m:?}: order of ballots must not matter");
        }
    }

    #[test]
    fn overrides_move_positions() {
        let rang = vec![
            vec!["a".to_owned()],
            vec!["b".to_owned(), "c".to_owned()],
            vec!["d".to_owned()],
        ];
        let k = [Korrektur {
            massnahme_id: "d".into(),
            position: 1,
            grund: "Förderfrist".into(),
        }];
        assert_eq!(endgueltige_reihenfolge(&rang, &k), ["d", "a", "b", "c"]);
        assert_eq!(endgueltige_reihenfolge(&rang, &[]), ["a", "b", "c", "d"]);
    }
}
