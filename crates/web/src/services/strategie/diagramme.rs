//! The charts of the strategy document, drawn with the same SVG code as the pages and made
//! fit for documents: a fixed size instead of `width="100%"` and the bundled fonts named.

use std::collections::HashMap;

use werkstatt_core::abstimmung::Ergebnis;
use werkstatt_core::planung::projektplan::{Auswertung, Stakeholder};
use werkstatt_core::strategie::aufbau::Diagramme;
use werkstatt_core::strategie::dokument::{Grafik, Tabelle, svg_masse};
use werkstatt_core::strategie::organigramm::Organigramm;

use crate::charts::{balken, gantt, organigramm, raster};
use crate::i18n::{Lang, Tr};
use crate::view::ergebnis::ergebnis_zeilen;

pub struct WebDiagramme {
    tr: Tr,
}

impl WebDiagramme {
    /// The document is German.
    pub fn deutsch() -> Self {
        Self {
            tr: Tr::new(Lang::De),
        }
    }
}

/// Turns a page chart into a document figure.
pub fn grafik(svg: &str, beschriftung: &str, alt: &str) -> Grafik {
    let kopf_ende = svg.find('>').unwrap_or(0);
    let (mut kopf, rest) = (svg[..kopf_ende].to_owned(), &svg[kopf_ende..]);
    let (b, h) = svg_masse(&kopf.replace(" width=\"100%\"", ""));
    kopf = kopf.replace(" width=\"100%\"", &format!(" width=\"{b}\" height=\"{h}\""));
    if !kopf.contains("font-family") {
        kopf.push_str(" font-family=\"Noto Sans, DejaVu Sans, sans-serif\"");
    }
    Grafik {
        beschriftung: beschriftung.to_owned(),
        alt: alt.to_owned(),
        svg: format!("{kopf}{rest}"),
        breite: b,
        hoehe: h,
    }
}

impl Diagramme for WebDiagramme {
    fn feldwahl(&self, punkte: &[(String, u32)]) -> Option<Grafik> {
        let items: Vec<(String, f64, String)> = punkte
            .iter()
            .map(|(n, p)| (n.clone(), f64::from(*p), p.to_string()))
            .collect();
        let alt = punkte
            .iter()
            .map(|(n, p)| format!("{n}: {p}"))
            .collect::<Vec<_>>()
            .join("; ");
        let svg = balken::balken("Punkte je Handlungsfeld", "Ergebnis der Feldwahl", &items);
        Some(grafik(
            &svg,
            "Ergebnis der Feldwahl",
            &format!("Balkendiagramm der Punkte je Handlungsfeld: {alt}"),
        ))
    }

    fn runde(&self, e: &Ergebnis, namen: &HashMap<String, String>) -> Option<(Grafik, Tabelle)> {
        let (zeilen, spalten, svg) = ergebnis_zeilen(self.tr, e, namen);
        let alt = zeilen
            .iter()
            .map(|z| format!("{}. {}: {}", z.platz, z.titel, z.haupt))
            .collect::<Vec<_>>()
            .join("; ");
        let methode = self.tr.methode(e.methode.slug()).to_owned();
        let g = grafik(&svg, &format!("Ergebnis ({methode})"), &alt);
        let t = Tabelle {
            beschriftung: format!("Rangfolge nach {methode}"),
            kopf: vec!["Platz".into(), "Maßnahme".into(), spalten.0, spalten.1],
            zeilen: zeilen
                .into_iter()
                .map(|z| {
                    let titel = if z.umstritten {
                        format!("{} (umstritten)", z.titel)
                    } else {
                        z.titel
                    };
                    vec![z.platz.to_string(), titel, z.haupt, z.neben]
                })
                .collect(),
            breiten: vec![1, 4, 3, 3],
        };
        Some((g, t))
    }

    fn gantt(&self, a: &Auswertung) -> Option<Grafik> {
        let svg = gantt::gantt(self.tr, a)?;
        Some(grafik(
            &svg,
            "Zeitplan der Aufgaben (Gantt-Diagramm)",
            "Gantt-Diagramm der Aufgaben; die Tabelle nennt Beginn, Dauer und kritischen Pfad.",
        ))
    }

    fn raster(&self, s: &[Stakeholder]) -> Option<Grafik> {
        let svg = raster::raster(self.tr, s);
        Some(grafik(
            &svg,
            "Beteiligte nach Einfluss und Interesse",
            "Raster der Beteiligten nach Einfluss und Interesse; die Tabelle nennt dieselben Werte.",
        ))
    }

    fn organigramm(&self, o: &Organigramm) -> Option<Grafik> {
        let svg = organigramm::organigramm(o, "Organigramm-Vorschlag")?;
        Some(grafik(
            &svg,
            "Organigramm-Vorschlag",
            "Organigramm der Rollen und Berichtswege; die Tabelle nennt dieselben Angaben.",
        ))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn feste_groesse_und_schrift() {
        let g = super::grafik(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 200" width="100%" role="img"><title>t</title></svg>"#,
            "B",
            "A",
        );
        assert!(
            g.svg.starts_with(
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 200" width="720" height="200""#
            ),
            "{}",
            g.svg
        );
        assert!(g.svg.contains("font-family=\"Noto Sans"));
        assert_eq!((g.breite, g.hoehe), (720.0, 200.0));
    }
}
