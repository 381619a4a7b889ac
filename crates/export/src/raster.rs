//! Rasterises the server's SVG charts to PNG for DOCX (which gets only the PNG) and ODT
//! (which gets the SVG with the PNG as fallback). Text in the SVG is set with the fonts
//! vendored in `crates/export/fonts/`; no system fonts and no external files are read.

use std::sync::{Arc, LazyLock};

use resvg::tiny_skia;
use resvg::usvg;

/// Longest side of a raster image in pixels; larger charts are scaled down.
const MAX_PIXEL: f32 = 4000.0;

static SCHRIFT_DB: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    for daten in crate::SCHRIFTDATEIEN {
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(daten)));
    }
    db.set_sans_serif_family("Noto Sans");
    db.set_serif_family("Noto Sans");
    db.set_monospace_family("DejaVu Sans");
    Arc::new(db)
});

/// A chart as PNG.
#[derive(Debug, Clone)]
pub struct Raster {
    pub png: Vec<u8>,
    /// Size of the SVG in CSS pixels (1/96 inch).
    pub breite: f64,
    pub hoehe: f64,
}

/// Renders `svg` at `skala` times its size (2.0 for print) on a white background.
/// Errors are messages for the log; callers fall back to the alt text.
pub fn png(svg: &str, skala: f32) -> Result<Raster, String> {
    let optionen = usvg::Options {
        font_family: "Noto Sans".into(),
        languages: vec!["de".into(), "en".into()],
        fontdb: Arc::clone(&SCHRIFT_DB),
        // The renderer reads no files: references to images outside the SVG are dropped.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let baum = usvg::Tree::from_str(svg, &optionen).map_err(|e| format!("SVG nicht lesbar: {e}"))?;
    let groesse = baum.size();
    let (b, h) = (groesse.width(), groesse.height());
    let skala = skala.min(MAX_PIXEL / b.max(h)).max(f32::MIN_POSITIVE);
    let px_b = (b * skala).ceil().max(1.0) as u32;
    let px_h = (h * skala).ceil().max(1.0) as u32;
    let mut bild =
        tiny_skia::Pixmap::new(px_b, px_h).ok_or_else(|| format!("Bildgröße {px_b}×{px_h} unmöglich"))?;
    bild.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &baum,
        tiny_skia::Transform::from_scale(skala, skala),
        &mut bild.as_mut(),
    );
    let png = bild.encode_png().map_err(|e| format!("PNG nicht erzeugt: {e}"))?;
    Ok(Raster {
        png,
        breite: f64::from(b),
        hoehe: f64::from(h),
    })
}

/// Display size of a chart in centimetres, scaled down to fit `max_breite` × `max_hoehe`.
/// Uses the chart's own size when it is usable, otherwise the raster's.
pub fn anzeige_cm(breite: f64, hoehe: f64, max_breite: f64, max_hoehe: f64) -> (f64, f64) {
    let gut = |v: f64| v.is_finite() && v > 0.0;
    let (b, h) = if gut(breite) && gut(hoehe) {
        (breite, hoehe)
    } else {
        (600.0, 400.0)
    };
    let (b_cm, h_cm) = (b / 96.0 * 2.54, h / 96.0 * 2.54);
    let f = (max_breite / b_cm).min(max_hoehe / h_cm).min(1.0);
    (b_cm * f, h_cm * f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beispielgrafik_wird_png() {
        let doc = werkstatt_core::strategie::dokument::beispiel();
        let svg = doc
            .abschnitte
            .iter()
            .flat_map(|a| &a.bloecke)
            .find_map(|b| match b {
                werkstatt_core::strategie::Block::Grafik(g) => Some(g.svg.clone()),
                _ => None,
            })
            .expect("Beispiel hat eine Grafik");
        let r = png(&svg, 2.0).expect("rasterisiert");
        assert!(r.png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!((r.breite, r.hoehe), (200.0, 100.0));
        // IHDR: width and height at 2x.
        assert_eq!(u32::from_be_bytes(r.png[16..20].try_into().unwrap()), 400);
        assert_eq!(u32::from_be_bytes(r.png[20..24].try_into().unwrap()), 200);
    }

    #[test]
    fn text_in_svg_wird_gesetzt() {
        let mit = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"40\"><text x=\"5\" y=\"30\" font-size=\"20\">Äpfel</text></svg>";
        let ohne = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"40\"></svg>";
        assert_ne!(
            png(mit, 1.0).unwrap().png,
            png(ohne, 1.0).unwrap().png,
            "Schrift geladen"
        );
    }

    #[test]
    fn kaputtes_svg_ist_fehler_und_riesiges_wird_verkleinert() {
        assert!(png("<svg", 2.0).is_err());
        let gross = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100000\" height=\"10\"></svg>";
        let r = png(gross, 2.0).unwrap();
        assert_eq!(u32::from_be_bytes(r.png[16..20].try_into().unwrap()), 4000);
    }

    #[test]
    fn anzeige_passt_in_rahmen() {
        assert_eq!(anzeige_cm(96.0, 48.0, 16.0, 20.0), (2.54, 1.27));
        let (b, h) = anzeige_cm(1920.0, 960.0, 16.0, 20.0);
        assert!((b - 16.0).abs() < 1e-9 && (h - 8.0).abs() < 1e-9);
        assert_eq!(
            anzeige_cm(f64::NAN, 0.0, 100.0, 100.0),
            (600.0 / 96.0 * 2.54, 400.0 / 96.0 * 2.54)
        );
    }
}
