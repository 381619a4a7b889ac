//! The document model of the Digitalstrategie: one tree of sections and blocks that every
//! renderer (PDF, DOCX, ODT, Markdown, HTML) reads and that a stored version keeps as JSON.
//!
//! Every string in here is plain text written by people: renderers must escape it for their
//! format and never interpret it as markup. The only exception is `Grafik::svg`, which the
//! server draws itself from numbers (with all text in it escaped).

use serde::{Deserialize, Serialize};

/// A complete strategy document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dokument {
    /// "Digitalstrategie der Verbandsgemeinde Musterland".
    pub titel: String,
    /// The Kommunen that adopt the strategy, for the title page.
    pub kommunen: Vec<String>,
    /// "Entwurf", "In Beratung" or "Beschlossen am 12.03.2027".
    pub status: String,
    /// "Stand: 26.11.2026, Version 3".
    pub stand: String,
    /// "Erarbeitet in der Digital-Werkstatt am 14. März 2026 in …".
    pub hinweis: String,
    /// BCP 47 language tag of the text ("de").
    pub sprache: String,
    /// The sections in reading order; a section's `ebene` gives the outline.
    pub abschnitte: Vec<Abschnitt>,
}

/// One heading with the blocks up to the next heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Abschnitt {
    /// Stable key for comparing versions and for anchors ("vorwort", "feld-bildung",
    /// "projekt-<id>"): only ASCII letters, digits and '-'.
    pub schluessel: String,
    /// 1 = chapter, 2 = section, 3 = subsection.
    pub ebene: u8,
    pub titel: String,
    pub bloecke: Vec<Block>,
}

/// A block of content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "art", rename_all = "snake_case")]
pub enum Block {
    Absatz {
        inhalt: Vec<Inline>,
    },
    Liste {
        nummeriert: bool,
        punkte: Vec<Vec<Inline>>,
    },
    Tabelle(Tabelle),
    Grafik(Grafik),
}

/// A table with a caption and a header row; every cell is plain text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tabelle {
    pub beschriftung: String,
    pub kopf: Vec<String>,
    pub zeilen: Vec<Vec<String>>,
    /// Relative column widths (same length as `kopf`); empty means equal widths.
    #[serde(default)]
    pub breiten: Vec<u8>,
}

/// A chart drawn by the server as SVG. Every chart in the document is followed by a table
/// with the same numbers, so the SVG is never the only carrier of information.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grafik {
    pub beschriftung: String,
    /// Text alternative for screen readers and formats without images.
    pub alt: String,
    /// A complete `<svg>` document with a `viewBox` and `width`/`height` in px.
    pub svg: String,
    pub breite: f64,
    pub hoehe: f64,
}

/// Inline text. Renderers keep the text literally (escaping it for their format).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "art", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Fett {
        text: String,
    },
    Kursiv {
        text: String,
    },
    /// A footnote at this point; the renderer numbers footnotes in order.
    Fussnote {
        text: String,
    },
    /// A link; `ziel` is always an `http(s)://` or `mailto:` address (checked when built).
    Link {
        text: String,
        ziel: String,
    },
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Self {
        Inline::Text { text: s.into() }
    }
    pub fn fett(s: impl Into<String>) -> Self {
        Inline::Fett { text: s.into() }
    }
    pub fn kursiv(s: impl Into<String>) -> Self {
        Inline::Kursiv { text: s.into() }
    }
    pub fn fussnote(s: impl Into<String>) -> Self {
        Inline::Fussnote { text: s.into() }
    }

    /// The visible text (footnotes excluded).
    pub fn sichtbar(&self) -> &str {
        match self {
            Inline::Text { text } | Inline::Fett { text } | Inline::Kursiv { text } => text,
            Inline::Link { text, .. } => text,
            Inline::Fussnote { .. } => "",
        }
    }
}

impl Block {
    /// A paragraph of plain text.
    pub fn absatz(s: impl Into<String>) -> Self {
        Block::Absatz {
            inhalt: vec![Inline::text(s)],
        }
    }
}

impl Abschnitt {
    pub fn neu(schluessel: impl Into<String>, ebene: u8, titel: impl Into<String>) -> Self {
        Abschnitt {
            schluessel: schluessel.into(),
            ebene,
            titel: titel.into(),
            bloecke: Vec::new(),
        }
    }
}

/// Is `ziel` an address a document may link to?
pub fn link_erlaubt(ziel: &str) -> bool {
    let z = ziel.to_ascii_lowercase();
    (z.starts_with("https://") || z.starts_with("http://") || z.starts_with("mailto:"))
        && !ziel
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
}

/// Width and height of an SVG from its root `width`/`height` attributes, falling back to
/// the `viewBox`. Used when a chart becomes a `Grafik`.
pub fn svg_masse(svg: &str) -> (f64, f64) {
    let kopf = svg.split('>').next().unwrap_or("");
    let attr = |name: &str| -> Option<f64> {
        let pat = format!(" {name}=\"");
        let start = kopf.find(&pat)? + pat.len();
        let rest = &kopf[start..];
        let ende = rest.find('"')?;
        rest[..ende].trim_end_matches("px").parse().ok()
    };
    if let (Some(b), Some(h)) = (attr("width"), attr("height")) {
        return (b, h);
    }
    let pat = " viewBox=\"";
    if let Some(start) = kopf.find(pat) {
        let zahlen: Vec<f64> = kopf[start + pat.len()..]
            .split('"')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .filter_map(|z| z.parse().ok())
            .collect();
        if zahlen.len() == 4 {
            return (zahlen[2], zahlen[3]);
        }
    }
    (600.0, 400.0)
}

/// A small document that uses every kind of block and inline, for renderer tests.
pub fn beispiel() -> Dokument {
    let mut a = Abschnitt::neu("anlass", 1, "Anlass und Zielsetzung");
    a.bloecke.push(Block::Absatz {
        inhalt: vec![
            Inline::text("Die Verbandsgemeinde "),
            Inline::fett("Musterland"),
            Inline::text(" will die "),
            Inline::kursiv("Digitalisierung"),
            Inline::text(" gestalten."),
            Inline::fussnote("Beschluss des Rates vom 12.03.2026."),
            Inline::text(" Mehr unter "),
            Inline::Link {
                text: "rlp.de".into(),
                ziel: "https://www.rlp.de".into(),
            },
            Inline::text("."),
        ],
    });
    a.bloecke.push(Block::Liste {
        nummeriert: false,
        punkte: vec![
            vec![Inline::text("Erster Punkt")],
            vec![Inline::text("Zweiter Punkt")],
        ],
    });
    let mut b = Abschnitt::neu("feld-bildung", 2, "Bildung und Jugend");
    b.bloecke.push(Block::Tabelle(Tabelle {
        beschriftung: "Maßnahmen im Handlungsfeld Bildung und Jugend".into(),
        kopf: vec!["Maßnahme".into(), "Umsetzungszeit".into(), "Rang".into()],
        zeilen: vec![vec!["WLAN in Schulen".into(), "12 Monate".into(), "1".into()]],
        breiten: vec![3, 1, 1],
    }));
    b.bloecke.push(Block::Liste {
        nummeriert: true,
        punkte: vec![
            vec![Inline::text("Antrag stellen")],
            vec![Inline::text("Umsetzen")],
        ],
    });
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\" viewBox=\"0 0 200 100\" role=\"img\"><title>Balken</title><rect x=\"10\" y=\"10\" width=\"120\" height=\"30\" fill=\"#1f5f8b\"/><text x=\"10\" y=\"80\" font-size=\"14\">A &amp; B</text></svg>";
    b.bloecke.push(Block::Grafik(Grafik {
        beschriftung: "Punkte je Maßnahme".into(),
        alt: "Balkendiagramm: WLAN in Schulen 5 Punkte".into(),
        svg: svg.into(),
        breite: 200.0,
        hoehe: 100.0,
    }));
    Dokument {
        titel: "Digitalstrategie der Verbandsgemeinde Musterland".into(),
        kommunen: vec!["Verbandsgemeinde Musterland".into()],
        status: "Entwurf".into(),
        stand: "Stand: 26.11.2026".into(),
        hinweis: "Erarbeitet in der Digital-Werkstatt am 14. März 2026 in Musterhausen".into(),
        sprache: "de".into(),
        abschnitte: vec![a, Abschnitt::neu("handlungsfelder", 1, "Handlungsfelder"), b],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_nur_web_und_mail() {
        assert!(link_erlaubt("https://example.org/a?b=c"));
        assert!(link_erlaubt("mailto:info@example.org"));
        assert!(!link_erlaubt("javascript:alert(1)"));
        assert!(!link_erlaubt("https://example.org/\"onload"));
        assert!(!link_erlaubt("file:///etc/passwd"));
    }

    #[test]
    fn svg_masse_aus_attributen_oder_viewbox() {
        assert_eq!(svg_masse("<svg width=\"200\" height=\"100\">"), (200.0, 100.0));
        assert_eq!(
            svg_masse("<svg viewBox=\"0 0 640 320\" role=\"img\">"),
            (640.0, 320.0)
        );
    }

    #[test]
    fn beispiel_als_json_zurueck() {
        let d = beispiel();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Dokument>(&json).unwrap(), d);
    }
}
