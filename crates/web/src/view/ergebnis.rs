//! The result rows and the chart of a closed round, shared by the round page and the
//! charts of the Digitalstrategie.

use std::collections::HashMap;

use serde_json::Value;
use werkstatt_core::abstimmung::{Ergebnis, Methode};

use super::format::einstellig as fmt1;
use crate::charts::{balken::balken, streu};
use crate::i18n::Tr;

/// One row of a round's result table.
pub struct ErgZeile {
    pub platz: usize,
    pub titel: String,
    pub haupt: String,
    pub neben: String,
    pub umstritten: bool,
}

/// The result rows, the two column headings and the chart of a closed round.
pub fn ergebnis_zeilen(
    tr: Tr,
    e: &Ergebnis,
    titel: &HashMap<String, String>,
) -> (Vec<ErgZeile>, (String, String), String) {
    let name = |id: &str| titel.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let d = &e.details;
    let mut zeilen = Vec::new();
    let mut platz = 1;
    let mut balken_items = Vec::new();
    let mut punkte_streu = Vec::new();
    for gruppe in &e.rang {
        for id in gruppe {
            let o = d.get("optionen").and_then(|o| o.get(id));
            let (haupt, neben, wert) = match e.methode {
                Methode::Punkte => {
                    let p = o.and_then(|o| o["punkte"].as_f64()).unwrap_or(0.0);
                    let u = o.and_then(|o| o["unterstuetzende"].as_u64()).unwrap_or(0);
                    (
                        tr.a1("prio-punkte-n", "n", p),
                        tr.a1("prio-personen-n", "n", u),
                        p,
                    )
                }
                Methode::Matrix => {
                    let n = o.and_then(|o| o["nutzen"]["mittel"].as_f64()).unwrap_or(0.0);
                    let ns = o
                        .and_then(|o| o["nutzen"]["standardabweichung"].as_f64())
                        .unwrap_or(0.0);
                    let a = o.and_then(|o| o["aufwand"]["mittel"].as_f64()).unwrap_or(0.0);
                    let q = o.and_then(|o| o["quadrant"].as_str()).unwrap_or("");
                    if o.is_some() {
                        punkte_streu.push(streu::Punkt {
                            label: name(id),
                            nutzen: n,
                            aufwand: a,
                        });
                    }
                    (
                        tr.a2("prio-nutzen-mittel", "m", fmt1(n), "s", fmt1(ns)),
                        format!(
                            "{} · {}",
                            tr.a1("prio-aufwand-mittel", "m", fmt1(a)),
                            tr.s(&format!("quadrant-{q}"))
                        ),
                        n,
                    )
                }
                Methode::Nutzwert => {
                    let n = o.and_then(|o| o["nutzwert"]["mittel"].as_f64()).unwrap_or(0.0);
                    let s = o
                        .and_then(|o| o["nutzwert"]["standardabweichung"].as_f64())
                        .unwrap_or(0.0);
                    (
                        tr.a2("prio-nutzwert-n", "m", fmt1(n), "s", fmt1(s)),
                        String::new(),
                        n,
                    )
                }
                Methode::Paarvergleich => {
                    let s = o.and_then(|o| o["staerke"].as_f64()).unwrap_or(0.0);
                    let se = o.and_then(|o| o["standardfehler"].as_f64()).unwrap_or(0.0);
                    let v = o.and_then(|o| o["vergleiche"].as_u64()).unwrap_or(0);
                    let w = o.and_then(|o| o["siege"].as_u64()).unwrap_or(0);
                    (
                        tr.a2(
                            "prio-staerke",
                            "s",
                            format!("{s:.2}").replace('.', ","),
                            "se",
                            format!("{se:.2}").replace('.', ","),
                        ),
                        tr.a2("prio-vergleiche", "n", v, "w", w),
                        s,
                    )
                }
                Methode::Rangfolge => {
                    let b = d["borda"]["punkte"]
                        .get(id)
                        .and_then(Value::as_f64)
                        .unwrap_or(0.0);
                    (
                        tr.a1("prio-schulze-platz", "p", platz),
                        tr.a1("prio-borda", "n", fmt1(b)),
                        b,
                    )
                }
            };
            balken_items.push((name(id), wert, haupt.clone()));
            zeilen.push(ErgZeile {
                platz,
                titel: name(id),
                haupt,
                neben,
                umstritten: e.umstritten.contains(id),
            });
        }
        platz += gruppe.len();
    }
    let spalten = (
        tr.s(&format!("prio-spalte-{}", e.methode.slug())).to_owned(),
        tr.s("prio-spalte-neben").to_owned(),
    );
    let chart = if e.methode == Methode::Matrix {
        streu::streudiagramm(
            tr.methode("matrix"),
            tr.s("prio-chart-desc"),
            [
                tr.s("quadrant-quick-win"),
                tr.s("quadrant-strategisches-projekt"),
                tr.s("quadrant-fuellmassnahme"),
                tr.s("quadrant-eher-vermeiden"),
            ],
            [tr.s("massnahme-aufwand"), tr.s("massnahme-nutzen")],
            &punkte_streu,
        )
    } else {
        balken(
            tr.methode(e.methode.slug()),
            tr.s("prio-chart-desc"),
            &balken_items,
        )
    };
    (zeilen, spalten, chart)
}
