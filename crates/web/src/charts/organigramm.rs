//! The Organigramm as a tree: each role a box under the role it reports to, with the kind
//! of role shown by the box style (and named in the table beside it).

use std::fmt::Write as _;

use werkstatt_core::strategie::organigramm::{Organigramm, RollenArt};

use super::svg::{esc, open_id};

const BOX_W: f64 = 220.0;
const BOX_H: f64 = 94.0;
const H_GAP: f64 = 18.0;
const V_GAP: f64 = 42.0;
const RAND: f64 = 10.0;

/// Breaks `text` into at most `max_zeilen` lines of about `breite` characters.
pub fn umbrechen(text: &str, breite: usize, max_zeilen: usize) -> Vec<String> {
    let mut zeilen: Vec<String> = Vec::new();
    let mut akt = String::new();
    for wort in text.split_whitespace() {
        let wort: String = if wort.chars().count() > breite {
            wort.chars()
                .take(breite - 1)
                .chain(std::iter::once('…'))
                .collect()
        } else {
            wort.to_owned()
        };
        if !akt.is_empty() && akt.chars().count() + 1 + wort.chars().count() > breite {
            zeilen.push(std::mem::take(&mut akt));
        }
        if !akt.is_empty() {
            akt.push(' ');
        }
        akt.push_str(&wort);
    }
    if !akt.is_empty() {
        zeilen.push(akt);
    }
    if zeilen.len() > max_zeilen {
        zeilen.truncate(max_zeilen);
        if let Some(l) = zeilen.last_mut() {
            l.push('…');
        }
    }
    zeilen
}

struct Layout<'a> {
    o: &'a Organigramm,
    pos: Vec<(String, f64, usize)>,
}

impl Layout<'_> {
    /// Lays out the subtree of `id` starting at `x`; returns its width.
    fn setzen(&mut self, id: &str, x: f64, tiefe: usize, besucht: &mut Vec<String>) -> f64 {
        if besucht.iter().any(|b| b == id) {
            return 0.0;
        }
        besucht.push(id.to_owned());
        let kinder: Vec<String> = self.o.unter(Some(id)).iter().map(|r| r.id.clone()).collect();
        let mut breite = 0.0;
        let mut mitten = Vec::new();
        for k in &kinder {
            if breite > 0.0 {
                breite += H_GAP;
            }
            let w = self.setzen(k, x + breite, tiefe + 1, besucht);
            if let Some(p) = self.pos.iter().find(|p| &p.0 == k) {
                mitten.push(p.1);
            }
            breite += w;
        }
        let mitte = if mitten.is_empty() {
            x + BOX_W / 2.0
        } else {
            f64::midpoint(mitten[0], mitten[mitten.len() - 1])
        };
        let breite = breite.max(BOX_W);
        let mitte = if kinder.is_empty() {
            x + breite / 2.0
        } else {
            mitte
        };
        self.pos.push((id.to_owned(), mitte, tiefe));
        breite
    }
}

/// The chart as SVG; `None` for an empty chart.
pub fn organigramm(o: &Organigramm, titel: &str) -> Option<String> {
    if o.rollen.is_empty() {
        return None;
    }
    let mut l = Layout { o, pos: Vec::new() };
    let mut besucht = Vec::new();
    let mut x = RAND;
    for r in o.unter(None) {
        x += l.setzen(&r.id, x, 0, &mut besucht) + H_GAP;
    }
    let breite = (x - H_GAP + RAND).max(BOX_W + 2.0 * RAND);
    let tiefe = l.pos.iter().map(|p| p.2).max().unwrap_or(0);
    #[allow(clippy::cast_precision_loss)]
    let hoehe = (tiefe + 1) as f64 * (BOX_H + V_GAP) - V_GAP + 2.0 * RAND;
    let desc = format!(
        "{} Rollen; Linien führen von jeder Rolle zu der Rolle, der sie berichtet. Die Tabelle darunter nennt dieselben Angaben.",
        o.rollen.len()
    );
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mut s = open_id(
        "organigramm-grafik",
        breite.ceil() as u32,
        hoehe.ceil() as u32,
        titel,
        &desc,
    );
    let y_von = |t: usize| {
        #[allow(clippy::cast_precision_loss)]
        let t = t as f64;
        RAND + t * (BOX_H + V_GAP)
    };
    for r in &o.rollen {
        let (Some(kind), Some(an)) = (l.pos.iter().find(|p| p.0 == r.id), r.berichtet_an.as_deref()) else {
            continue;
        };
        let Some(eltern) = l.pos.iter().find(|p| p.0 == an) else {
            continue;
        };
        let y1 = y_von(eltern.2) + BOX_H;
        let y2 = y_von(kind.2);
        let ym = f64::midpoint(y1, y2);
        let _ = write!(
            s,
            r##"<path d="M{:.1} {y1:.1} V{ym:.1} H{:.1} V{y2:.1}" fill="none" stroke="#555" stroke-width="1.5"/>"##,
            eltern.1, kind.1
        );
    }
    for r in &o.rollen {
        let Some(p) = l.pos.iter().find(|p| p.0 == r.id) else {
            continue;
        };
        let x0 = p.1 - BOX_W / 2.0;
        let y0 = y_von(p.2);
        let (fill, stroke, dash, rx, farbe) = match r.art {
            RollenArt::Leitung => ("#0b5394", "#0b5394", "", 4, "#ffffff"),
            RollenArt::Gremium => ("#dce8f4", "#0b5394", "", 4, "#1a1a1a"),
            RollenArt::Stab => ("#ffffff", "#0b5394", r#" stroke-dasharray="6 4""#, 4, "#1a1a1a"),
            RollenArt::Beirat => ("#f1f1f1", "#555555", "", 16, "#1a1a1a"),
            RollenArt::Projektteam => ("#ffffff", "#0b5394", "", 4, "#1a1a1a"),
            RollenArt::Netzwerk => ("#ffffff", "#555555", r#" stroke-dasharray="2 3""#, 16, "#1a1a1a"),
        };
        let _ = write!(
            s,
            r#"<g><rect x="{x0:.1}" y="{y0:.1}" width="{BOX_W}" height="{BOX_H}" rx="{rx}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dash}/>"#
        );
        let titel = umbrechen(&r.titel, 30, 3);
        let besetzung = umbrechen(&r.besetzung, 40, 2);
        #[allow(clippy::cast_precision_loss)]
        let zeilen = (titel.len() + besetzung.len()) as f64;
        let mut y = y0 + BOX_H / 2.0 - zeilen * 7.5 + 11.0;
        for z in &titel {
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{y:.1}" text-anchor="middle" font-size="12.5" font-weight="bold" fill="{farbe}">{}</text>"#,
                p.1,
                esc(z)
            );
            y += 15.0;
        }
        for z in &besetzung {
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{y:.1}" text-anchor="middle" font-size="11" fill="{farbe}">{}</text>"#,
                p.1,
                esc(z)
            );
            y += 16.0;
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use werkstatt_core::strategie::organigramm::vorschlag;

    #[test]
    fn jede_rolle_hat_einen_kasten_und_jede_linie_einen_pfad() {
        let o = vorschlag(&[]);
        let s = organigramm(&o, "Organigramm <Vorschlag>").unwrap();
        assert_eq!(s.matches("<rect").count(), o.rollen.len());
        assert_eq!(
            s.matches("<path").count(),
            o.rollen.iter().filter(|r| r.berichtet_an.is_some()).count()
        );
        assert!(s.contains("Organigramm &lt;Vorschlag&gt;"));
        assert!(organigramm(&Organigramm::default(), "x").is_none());
    }

    #[test]
    fn umbruch_und_kuerzung() {
        assert_eq!(
            umbrechen("Lenkungsgruppe Digitalisierung", 20, 3),
            ["Lenkungsgruppe", "Digitalisierung"]
        );
        let lang = umbrechen(&"x".repeat(300), 26, 3);
        assert_eq!(lang.len(), 1);
        assert!(lang[0].chars().count() <= 26);
    }
}
