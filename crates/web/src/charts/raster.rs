//! The influence/interest grid of the Stakeholder-Analyse: Interesse from left (gering) to
//! right (hoch), Einfluss from bottom to top; each cell tinted and labelled with the
//! strategy proposed for it. Stakeholders are numbered markers (circle: intern, square:
//! extern) followed by their stance (+, 0, −); the numbers match the table on the page.

use werkstatt_core::planung::projektplan::{Stakeholder, StakeholderArt, Strategie};

use super::svg::{esc, open_id};
use crate::i18n::Tr;

const BREITE: f64 = 640.0;
const LINKS: f64 = 92.0;
const OBEN: f64 = 16.0;
const ZELLE_B: f64 = 176.0;
const ZELLE_H: f64 = 132.0;
const UNTEN: f64 = 92.0;

fn farbe(s: Strategie) -> &'static str {
    match s {
        Strategie::EngEinbinden => "#f9d9dd",
        Strategie::Beteiligen => "#fbe9c8",
        Strategie::Konsultieren => "#dbe8f6",
        Strategie::Informieren => "#eeeeee",
    }
}

pub fn strategie_key(s: Strategie) -> String {
    format!("plan-strategie-{}", s.slug())
}

/// The grid with every stakeholder placed in its cell.
pub fn raster(tr: Tr, stakeholder: &[Stakeholder]) -> String {
    let hoehe = OBEN + 3.0 * ZELLE_H + UNTEN;
    let mut s = open_id(
        "raster",
        BREITE as u32,
        hoehe as u32,
        tr.s("plan-raster-titel"),
        &tr.a1("plan-raster-desc", "n", stakeholder.len()),
    );
    let stufen = [tr.s("plan-stufe-1"), tr.s("plan-stufe-2"), tr.s("plan-stufe-3")];
    // Cells: row 0 at the top is Einfluss 3.
    for einfluss in 1..=3u8 {
        for interesse in 1..=3u8 {
            let x = LINKS + ZELLE_B * f64::from(interesse - 1);
            let y = OBEN + ZELLE_H * f64::from(3 - einfluss);
            let st = Strategie::vorschlag(einfluss, interesse);
            s.push_str(&format!(
                r##"<rect x="{x}" y="{y}" width="{ZELLE_B}" height="{ZELLE_H}" fill="{}" stroke="#767676" stroke-width="1"/><text x="{}" y="{}" font-size="12" fill="#333333">{}</text>"##,
                farbe(st),
                x + 6.0,
                y + 15.0,
                esc(tr.s(&strategie_key(st))),
            ));
        }
    }
    // Axes.
    let unten = OBEN + 3.0 * ZELLE_H;
    s.push_str(r##"<g font-size="13" fill="#1a1a1a">"##);
    for (i, label) in stufen.iter().enumerate() {
        s.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            LINKS + ZELLE_B * (i as f64 + 0.5),
            unten + 20.0,
            esc(label)
        ));
        s.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            LINKS - 8.0,
            OBEN + ZELLE_H * (2.0 - i as f64 + 0.5) + 4.0,
            esc(label)
        ));
    }
    s.push_str(&format!(
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-weight="700">{} →</text>"##,
        LINKS + ZELLE_B * 1.5,
        unten + 42.0,
        esc(tr.s("plan-interesse"))
    ));
    s.push_str(&format!(
        r##"<text x="18" y="{:.1}" text-anchor="middle" font-weight="700" transform="rotate(-90 18 {:.1})">{} →</text>"##,
        OBEN + ZELLE_H * 1.5,
        OBEN + ZELLE_H * 1.5,
        esc(tr.s("plan-einfluss"))
    ));
    // Legend.
    let ly = unten + 68.0;
    s.push_str(&format!(
        r##"<circle cx="{:.1}" cy="{:.1}" r="8" fill="#ffffff" stroke="#1a1a1a" stroke-width="2"/><text x="{:.1}" y="{:.1}">{}</text><rect x="{:.1}" y="{:.1}" width="16" height="16" fill="#ffffff" stroke="#1a1a1a" stroke-width="2"/><text x="{:.1}" y="{:.1}">{}</text>"##,
        LINKS + 8.0,
        ly,
        LINKS + 22.0,
        ly + 4.0,
        esc(tr.s("plan-art-intern")),
        LINKS + 150.0,
        ly - 8.0,
        LINKS + 172.0,
        ly + 4.0,
        esc(tr.s("plan-art-extern")),
    ));
    s.push_str("</g>");

    // Markers, up to four per row within a cell.
    let mut belegt = [[0usize; 3]; 3];
    for (n, st) in stakeholder.iter().enumerate() {
        let e = st.einfluss.clamp(1, 3);
        let i = st.interesse.clamp(1, 3);
        let k = &mut belegt[usize::from(e - 1)][usize::from(i - 1)];
        let spalte = *k % 4;
        let reihe = (*k / 4).min(3);
        *k += 1;
        let x0 = LINKS + ZELLE_B * f64::from(i - 1);
        let y0 = OBEN + ZELLE_H * f64::from(3 - e);
        let cx = x0 + 22.0 + 40.0 * spalte as f64;
        let cy = y0 + 40.0 + 28.0 * reihe as f64;
        let nummer = n + 1;
        s.push_str(&format!("<g><title>{}</title>", esc(&st.name)));
        match st.art {
            StakeholderArt::Intern => s.push_str(&format!(
                r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="11" fill="#ffffff" stroke="#1a1a1a" stroke-width="2"/>"##
            )),
            StakeholderArt::Extern => s.push_str(&format!(
                r##"<rect x="{:.1}" y="{:.1}" width="22" height="22" fill="#ffffff" stroke="#1a1a1a" stroke-width="2"/>"##,
                cx - 11.0,
                cy - 11.0
            )),
        }
        s.push_str(&format!(
            r##"<text x="{cx:.1}" y="{:.1}" font-size="12" font-weight="700" text-anchor="middle" fill="#1a1a1a">{nummer}</text><text x="{:.1}" y="{:.1}" font-size="13" font-weight="700" fill="#1a1a1a">{}</text></g>"##,
            cy + 4.0,
            cx + 13.0,
            cy + 5.0,
            st.haltung.zeichen()
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use werkstatt_core::planung::projektplan::Haltung;

    #[test]
    fn places_numbered_markers() {
        let v = vec![
            Stakeholder {
                name: "Rat & Verwaltung".into(),
                art: StakeholderArt::Intern,
                einfluss: 3,
                interesse: 3,
                haltung: Haltung::Positiv,
                strategie: None,
            },
            Stakeholder {
                name: "Presse".into(),
                art: StakeholderArt::Extern,
                einfluss: 1,
                interesse: 2,
                haltung: Haltung::Negativ,
                strategie: Some(Strategie::Beteiligen),
            },
        ];
        let s = raster(Tr::new(Lang::De), &v);
        assert!(s.contains("Rat &amp; Verwaltung"));
        // 9 cells + 1 legend square + 1 extern marker.
        assert_eq!(s.matches("<rect").count(), 11);
        assert_eq!(s.matches("<circle").count(), 2);
        assert!(s.contains(">2</text>"));
        assert!(s.contains(">−</text>"));
        assert!(s.contains(r#"aria-labelledby="raster-t" aria-describedby="raster-d""#));
    }
}
