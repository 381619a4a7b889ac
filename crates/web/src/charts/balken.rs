//! Horizontal bar chart: one bar per item, value and label written out.

use std::fmt::Write as _;

use super::svg::{esc, open};

/// `items`: (label, value, text shown after the bar). Values are scaled to the largest.
pub fn balken(title: &str, desc: &str, items: &[(String, f64, String)]) -> String {
    let zeile = 30u32;
    let links = 260u32;
    let breite = 720u32;
    let hoehe = zeile * u32::try_from(items.len()).unwrap_or(0) + 20;
    let max = items
        .iter()
        .map(|i| i.1)
        .fold(0.0_f64, f64::max)
        .max(f64::EPSILON);
    let mut s = open(breite, hoehe.max(40), title, desc);
    for (i, (label, wert, text)) in items.iter().enumerate() {
        let y = 10 + zeile * u32::try_from(i).unwrap_or(0);
        let w = ((wert.max(0.0) / max) * f64::from(breite - links - 90)).round();
        let kurz: String = label.chars().take(38).collect();
        // A zero value gets no bar at all: a rectangle of width 0 is invalid SVG.
        let balken = if w > 0.0 {
            format!(
                r##"<rect x="{links}" y="{}" width="{w}" height="18" fill="#0b5394"/>"##,
                y + 1
            )
        } else {
            String::new()
        };
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="end" font-size="13" fill="#1a1a1a">{}</text>{balken}<text x="{}" y="{}" font-size="13" fill="#1a1a1a">{}</text>"##,
            links - 8,
            y + 14,
            esc(&kurz),
            f64::from(links) + w + 6.0,
            y + 14,
            esc(text)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn bars_scale_and_escape() {
        let s = super::balken(
            "T",
            "D",
            &[("A <b>".into(), 10.0, "10".into()), ("B".into(), 5.0, "5".into())],
        );
        assert!(s.contains("A &lt;b&gt;"));
        assert!(
            s.contains(r#"width="370""#) && s.contains(r#"width="185""#),
            "{s}"
        );
    }
}
