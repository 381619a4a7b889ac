//! The demo Werkstatt shipped with the binary (`werkstatt demo`): two fictional
//! Verbandsgemeinden, about 20 Teilnehmende, five chosen fields with Ziele and Maßnahmen.

use serde::Deserialize;

const DEMO_TOML: &str = include_str!("demo/demo.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demo {
    pub werkstatt: DemoWerkstatt,
    pub kommunen: Vec<DemoKommune>,
    pub teilnehmende: Vec<DemoTeilnehmende>,
    pub felder: Vec<DemoFeld>,
    pub strategie: DemoStrategie,
}

/// The strategy's free texts and how the proposed Organigramm is filled.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoStrategie {
    pub vorwort: String,
    pub anlass: String,
    pub ausgangslage: String,
    pub leitbild: String,
    pub besetzung: Vec<DemoBesetzung>,
    pub erledigt: DemoErledigt,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoBesetzung {
    /// The title of a role of the proposed Organigramm.
    pub rolle: String,
    pub besetzung: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoErledigt {
    /// Titles of proposed next steps that are already done.
    pub schritte: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoWerkstatt {
    pub titel: String,
    pub datum: String,
    pub ort: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoKommune {
    pub key: String,
    pub name: String,
    pub art: String,
    pub ags: String,
    pub ars: Option<String>,
    pub einwohner: i64,
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoTeilnehmende {
    pub name: String,
    pub sektor: String,
    pub kommune: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoFeld {
    pub slug: String,
    pub ziel: Option<String>,
    pub stimmen: u32,
    #[serde(default)]
    pub massnahmen: Vec<DemoMassnahme>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoMassnahme {
    pub titel: String,
    pub beschreibung: String,
    pub umsetzung: String,
    pub monate: Option<i64>,
    pub aufwand: Option<i64>,
    pub nutzen: Option<i64>,
    pub federfuehrung: String,
    pub status: String,
    /// The catalogue Steckbrief the measure was adopted from (its Textbaustein then
    /// writes the measure's paragraph in the strategy).
    #[serde(default)]
    pub steckbrief: Option<String>,
}

/// The shipped demo data; a test below guarantees that it parses.
pub fn demo() -> Result<Demo, toml::de::Error> {
    toml::from_str(DEMO_TOML)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handlungsfeld;
    use crate::massnahme::MassnahmeDaten;

    #[test]
    fn demo_data_is_complete_and_valid() {
        let d = demo().unwrap();
        assert_eq!(
            d.kommunen.iter().filter(|k| k.art == "verbandsgemeinde").count(),
            2
        );
        assert!((18..=24).contains(&d.teilnehmende.len()));
        let chosen: Vec<_> = d.felder.iter().filter(|f| f.ziel.is_some()).collect();
        assert_eq!(chosen.len(), 5);
        let n: usize = chosen.iter().map(|f| f.massnahmen.len()).sum();
        assert!((30..=40).contains(&n), "{n} Maßnahmen");
        for f in &d.felder {
            assert!(handlungsfeld::standard(&f.slug).is_some(), "{}", f.slug);
            for m in &f.massnahmen {
                let input = crate::massnahme::MassnahmeInput {
                    titel: m.titel.clone(),
                    beschreibung: m.beschreibung.clone(),
                    umsetzung: m.umsetzung.clone(),
                    monate: m.monate.map_or(serde_json::Value::Null, |v| v.into()),
                    aufwand: m.aufwand.map_or(serde_json::Value::Null, |v| v.into()),
                    nutzen: m.nutzen.map_or(serde_json::Value::Null, |v| v.into()),
                    federfuehrung: m.federfuehrung.clone(),
                    status: m.status.clone(),
                    ..Default::default()
                };
                MassnahmeDaten::try_from(&input).unwrap_or_else(|e| panic!("{}: {e:?}", m.titel));
            }
        }
    }
}
