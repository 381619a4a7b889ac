//! Query strings shared by pages and the JSON API.

use serde::Deserialize;
use werkstatt_core::handlungsfeld::standard;
use werkstatt_store::katalog::Suche;

#[derive(Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    pub version: Option<i64>,
}

#[derive(Deserialize)]
pub struct VergleichQuery {
    #[serde(default)]
    pub alt: String,
    #[serde(default)]
    pub neu: String,
}

/// The catalogue search of the page and of the API.
#[derive(Debug, Default, Deserialize)]
pub struct SucheQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub feld: String,
    #[serde(default)]
    pub aufwand: String,
    #[serde(default)]
    pub umsetzung: String,
}

impl SucheQuery {
    pub fn suche(&self) -> Suche {
        let some = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        Suche {
            text: self.q.chars().take(200).collect(),
            feld: some(&self.feld).filter(|f| standard(f).is_some()),
            aufwand_max: self.aufwand.trim().parse().ok().filter(|n| (1..=5).contains(n)),
            umsetzung: some(&self.umsetzung),
        }
    }
}
