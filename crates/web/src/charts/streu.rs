//! Scatter plot of the Nutzen-Aufwand matrix: effort to the right, benefit upwards, with the
//! four quadrants named.

use std::fmt::Write as _;

use super::svg::{esc, open};

/// One point: label, mean benefit, mean effort (both 1–5).
pub struct Punkt {
    pub label: String,
    pub nutzen: f64,
    pub aufwand: f64,
}

/// `quadranten`: the names of the quadrants in the order top-left (high benefit, low effort),
/// top-right, bottom-left, bottom-right.
pub fn streudiagramm(
    title: &str,
    desc: &str,
    quadranten: [&str; 4],
    achsen: [&str; 2],
    punkte: &[Punkt],
) -> String {
    let (w, h, rand) = (640.0_f64, 480.0_f64, 60.0_f64);
    let x = |a: f64| rand + (a - 1.0) / 4.0 * (w - 2.0 * rand);
    let y = |n: f64| h - rand - (n - 1.0) / 4.0 * (h - 2.0 * rand);
    let mut s = open(640, 480, title, desc);
    let _ = write!(
        s,
        r##"<rect x="{rand}" y="{rand}" width="{}" height="{}" fill="#fff" stroke="#555"/><line x1="{}" y1="{rand}" x2="{}" y2="{}" stroke="#999" stroke-dasharray="4"/><line x1="{rand}" y1="{}" x2="{}" y2="{}" stroke="#999" stroke-dasharray="4"/>"##,
        w - 2.0 * rand,
        h - 2.0 * rand,
        x(3.0),
        x(3.0),
        h - rand,
        y(3.0),
        w - rand,
        y(3.0)
    );
    let pos = [
        (x(1.1), y(4.85)),
        (x(3.1), y(4.85)),
        (x(1.1), y(1.25)),
        (x(3.1), y(1.25)),
    ];
    for (q, (qx, qy)) in quadranten.iter().zip(pos) {
        let _ = write!(
            s,
            r##"<text x="{qx}" y="{qy}" font-size="14" font-weight="bold" fill="#555">{}</text>"##,
            esc(q)
        );
    }
    let _ = write!(
        s,
        r##"<text x="{}" y="{}" text-anchor="middle" font-size="14">{}</text><text x="16" y="{}" font-size="14" transform="rotate(-90 16 {})" text-anchor="middle">{}</text>"##,
        w / 2.0,
        h - 18.0,
        esc(achsen[0]),
        h / 2.0,
        h / 2.0,
        esc(achsen[1])
    );
    for (i, p) in punkte.iter().enumerate() {
        let (px, py) = (x(p.aufwand), y(p.nutzen));
        let _ = write!(
            s,
            r##"<circle cx="{px:.1}" cy="{py:.1}" r="7" fill="#0b5394"><title>{}</title></circle><text x="{:.1}" y="{:.1}" font-size="11">{}</text>"##,
            esc(&p.label),
            px + 9.0,
            py + 4.0,
            i + 1
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_placed_by_their_means() {
        let s = streudiagramm(
            "T",
            "D",
            ["QW", "SP", "FM", "EV"],
            ["Aufwand", "Nutzen"],
            &[Punkt {
                label: "M <1>".into(),
                nutzen: 5.0,
                aufwand: 1.0,
            }],
        );
        assert!(s.contains(r#"cx="60.0" cy="60.0""#), "{s}");
        assert!(s.contains("M &lt;1&gt;"));
    }
}
