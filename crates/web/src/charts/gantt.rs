//! The Gantt chart of a Projektplan: one bar per task at its earliest dates, its total
//! slack drawn as a thin line up to the latest finish, critical tasks dark red with a black
//! outline, milestones as diamonds (filled when reached, red when dated too early).
//!
//! With a start date the axis is the calendar (weekends included, so bars span them);
//! without, it counts working days from day 0. The page shows a table with the same data.

use time::Date;
use werkstatt_core::planung::projektplan::Auswertung;

use super::svg::{esc, open_id};
use crate::i18n::Tr;

const BREITE: f64 = 960.0;
const LINKS: f64 = 270.0;
const RECHTS: f64 = 24.0;
const OBEN: f64 = 56.0;
const ZEILE: f64 = 28.0;
const UNTEN: f64 = 16.0;

const KRITISCH: &str = "#a4001c";
const NORMAL: &str = "#0b5394";
const PUFFER: &str = "#555555";

fn kurz(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut k: String = s.chars().take(max.saturating_sub(1)).collect();
        k.push('…');
        k
    }
}

fn tag(d: Date) -> i64 {
    i64::from(d.to_julian_day())
}

fn datum_kurz(tr: Tr, d: Date) -> String {
    if tr.lang() == "de" {
        format!("{:02}.{:02}.", d.day(), u8::from(d.month()))
    } else {
        format!("{:02}/{:02}", u8::from(d.month()), d.day())
    }
}

/// One row of the chart in axis units: start, end (exclusive), latest end.
struct Zeile {
    label: String,
    voll: String,
    anfang: f64,
    ende: f64,
    spaet: f64,
    kritisch: bool,
    meilenstein: bool,
    erreicht: bool,
    zu_frueh: bool,
}

/// The chart, or `None` when there is nothing to draw.
pub fn gantt(tr: Tr, a: &Auswertung) -> Option<String> {
    let datiert = a.anfang.is_some() && a.aufgaben.iter().all(|t| t.anfang.is_some() && t.ende.is_some());
    let mut zeilen: Vec<Zeile> = Vec::new();
    // Axis origin: the first day (dated) or day 0.
    let null = if datiert {
        let mut d = a.anfang.map(tag).unwrap_or(0);
        for m in &a.meilensteine {
            if let Some(x) = m.datum {
                d = d.min(tag(x));
            }
        }
        d
    } else {
        0
    };
    for t in &a.aufgaben {
        let (anfang, ende, spaet) = if datiert {
            let (Some(an), Some(en)) = (t.anfang, t.ende) else {
                continue;
            };
            let sp = t.spaetestes_ende_datum.unwrap_or(en);
            if t.dauer == 0 {
                (tag(an) - null, tag(en) - null, tag(sp) - null)
            } else {
                (tag(an) - null, tag(en) - null + 1, tag(sp) - null + 1)
            }
        } else {
            (t.fruehester_anfang, t.fruehestes_ende, t.spaetestes_ende)
        };
        zeilen.push(Zeile {
            label: kurz(&format!("{} · {}", t.id, t.titel), 36),
            voll: format!("{} · {}", t.id, t.titel),
            anfang: anfang as f64,
            ende: ende as f64,
            spaet: spaet as f64,
            kritisch: t.kritisch,
            meilenstein: t.dauer == 0,
            erreicht: false,
            zu_frueh: false,
        });
    }
    for m in &a.meilensteine {
        let pos = if datiert {
            m.datum.map(|d| (tag(d) - null) as f64 + 0.5)
        } else {
            m.nach_aufgabe
                .as_ref()
                .and_then(|id| a.aufgaben.iter().find(|t| &t.id == id))
                .map(|t| t.fruehestes_ende as f64)
        };
        let Some(pos) = pos else { continue };
        zeilen.push(Zeile {
            label: kurz(&format!("◆ {}", m.titel), 36),
            voll: m.titel.clone(),
            anfang: pos,
            ende: pos,
            spaet: pos,
            kritisch: false,
            meilenstein: true,
            erreicht: m.erreicht,
            zu_frueh: m.zu_frueh.is_some(),
        });
    }
    if zeilen.is_empty() {
        return None;
    }
    let spanne = zeilen
        .iter()
        .map(|z| z.spaet.max(z.ende) + 1.0)
        .fold(1.0_f64, f64::max);
    let flaeche = BREITE - LINKS - RECHTS;
    let px = flaeche / spanne;
    let x = |v: f64| LINKS + v * px;
    let hoehe = OBEN + ZEILE * zeilen.len() as f64 + UNTEN;

    let desc = match (a.anfang, a.ende) {
        (Some(an), Some(en)) if datiert => tr.a(
            "plan-gantt-desc-datiert",
            &[
                ("n", &a.aufgaben.len().to_string()),
                ("tage", &a.gesamtdauer.to_string()),
                ("anfang", &werkstatt_core::werkstatt::format_datum(an)),
                ("ende", &werkstatt_core::werkstatt::format_datum(en)),
            ],
        ),
        _ => tr.a2("plan-gantt-desc", "n", a.aufgaben.len(), "tage", a.gesamtdauer),
    };
    let mut s = open_id(
        "gantt",
        BREITE as u32,
        hoehe.ceil() as u32,
        tr.s("plan-gantt-titel"),
        &desc,
    );

    // Legend.
    s.push_str(&format!(
        r##"<g font-size="12" fill="#1a1a1a"><rect x="{LINKS}" y="6" width="18" height="10" fill="{NORMAL}"/><text x="{}" y="15">{}</text><rect x="{}" y="6" width="18" height="10" fill="{KRITISCH}" stroke="#000" stroke-width="2"/><text x="{}" y="15">{}</text><line x1="{}" y1="11" x2="{}" y2="11" stroke="{PUFFER}" stroke-width="2"/><text x="{}" y="15">{}</text></g>"##,
        LINKS + 24.0,
        esc(tr.s("plan-gantt-normal")),
        LINKS + 150.0,
        LINKS + 174.0,
        esc(tr.s("plan-kritisch")),
        LINKS + 290.0,
        LINKS + 310.0,
        LINKS + 316.0,
        esc(tr.s("plan-gantt-puffer")),
    ));

    // Axis ticks.
    let achse_y = OBEN - 8.0;
    let unten = hoehe - UNTEN;
    let mut ticks: Vec<(f64, String)> = Vec::new();
    if datiert {
        let erster = Date::from_julian_day(i32::try_from(null).unwrap_or(0)).ok();
        if let Some(erster) = erster {
            let tage = spanne as i64;
            let monatlich = tage > 70;
            let mut i = 0;
            while i <= tage {
                if let Ok(d) = Date::from_julian_day(erster.to_julian_day() + i32::try_from(i).unwrap_or(0)) {
                    let setzen = if monatlich {
                        d.day() == 1
                    } else {
                        d.weekday() == time::Weekday::Monday
                    };
                    if setzen {
                        let label = if monatlich {
                            format!("{:02}/{}", u8::from(d.month()), d.year())
                        } else {
                            datum_kurz(tr, d)
                        };
                        ticks.push((i as f64, label));
                    }
                }
                i += 1;
            }
            // Months over several years: label every second, third, … month.
            let max_labels = (flaeche / 64.0) as usize;
            if ticks.len() > max_labels.max(1) {
                let schritt = ticks.len().div_ceil(max_labels.max(1));
                ticks = ticks.into_iter().step_by(schritt).collect();
            }
        }
    } else {
        let schritte = [
            1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0,
        ];
        let schritt = schritte
            .into_iter()
            .find(|w| spanne / w <= 12.0)
            .unwrap_or(10000.0);
        let mut v = 0.0;
        while v <= spanne {
            ticks.push((v, tr.a1("plan-gantt-tag", "n", v as i64)));
            v += schritt;
        }
    }
    s.push_str(r##"<g font-size="12" fill="#1a1a1a">"##);
    for (v, label) in &ticks {
        let xx = x(*v);
        // A label that would run past the right edge is left out (its line stays).
        let label = if xx + 8.0 * label.chars().count() as f64 > BREITE {
            ""
        } else {
            label.as_str()
        };
        s.push_str(&format!(
            r##"<line x1="{xx:.1}" y1="{:.1}" x2="{xx:.1}" y2="{unten:.1}" stroke="#c8c8c8" stroke-width="1"/><text x="{:.1}" y="{achse_y:.1}">{}</text>"##,
            OBEN - 4.0,
            xx + 2.0,
            esc(label)
        ));
    }
    s.push_str("</g>");

    // Rows.
    for (i, z) in zeilen.iter().enumerate() {
        let y = OBEN + ZEILE * i as f64;
        let mitte = y + ZEILE / 2.0;
        if i % 2 == 1 {
            s.push_str(&format!(
                r##"<rect x="0" y="{y:.1}" width="{BREITE}" height="{ZEILE}" fill="#f3f5f8"/>"##
            ));
        }
        s.push_str(&format!(
            r##"<g><title>{}</title><text x="8" y="{:.1}" font-size="13" fill="#1a1a1a">{}</text>"##,
            esc(&z.voll),
            mitte + 4.5,
            esc(&z.label)
        ));
        if z.meilenstein {
            let cx = x(z.anfang);
            let (fill, stroke) = match (z.zu_frueh, z.erreicht) {
                (true, true) => (KRITISCH, KRITISCH),
                (true, false) => ("#ffffff", KRITISCH),
                (false, true) => ("#1a1a1a", "#1a1a1a"),
                (false, false) => ("#ffffff", "#1a1a1a"),
            };
            s.push_str(&format!(
                r##"<polygon points="{cx:.1},{:.1} {:.1},{mitte:.1} {cx:.1},{:.1} {:.1},{mitte:.1}" fill="{fill}" stroke="{stroke}" stroke-width="2"/>"##,
                mitte - 8.0,
                cx + 8.0,
                mitte + 8.0,
                cx - 8.0,
            ));
            if z.zu_frueh {
                s.push_str(&format!(
                    r##"<text x="{:.1}" y="{:.1}" font-size="14" font-weight="700" fill="{KRITISCH}">!</text>"##,
                    cx + 11.0,
                    mitte + 5.0
                ));
            }
        } else {
            let x0 = x(z.anfang);
            let x1 = x(z.ende).max(x0 + 2.0);
            if z.spaet > z.ende {
                s.push_str(&format!(
                    r##"<line x1="{x1:.1}" y1="{mitte:.1}" x2="{:.1}" y2="{mitte:.1}" stroke="{PUFFER}" stroke-width="2"/><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{PUFFER}" stroke-width="2"/>"##,
                    x(z.spaet),
                    x(z.spaet),
                    mitte - 5.0,
                    x(z.spaet),
                    mitte + 5.0,
                ));
            }
            let (fill, rand) = if z.kritisch {
                (KRITISCH, r##" stroke="#000" stroke-width="2""##)
            } else {
                (NORMAL, "")
            };
            s.push_str(&format!(
                r##"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="2" fill="{fill}"{rand}/>"##,
                y + 6.0,
                x1 - x0,
                ZEILE - 12.0,
            ));
        }
        s.push_str("</g>");
    }
    s.push_str(&format!(
        r##"<line x1="{LINKS}" y1="{:.1}" x2="{LINKS}" y2="{unten:.1}" stroke="#767676" stroke-width="1"/>"##,
        OBEN - 4.0
    ));
    s.push_str("</svg>");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use werkstatt_core::planung::projektplan::ProjektplanEingabe;

    fn auswertung(v: serde_json::Value) -> Auswertung {
        let e: ProjektplanEingabe = serde_json::from_value(v).unwrap();
        e.check().unwrap().auswerten().unwrap()
    }

    #[test]
    fn draws_bars_slack_and_milestones() {
        let a = auswertung(serde_json::json!({
            "start": "2026-03-02",
            "aufgaben": [
                {"id": "A1", "titel": "Konzept <neu>", "dauer": 5},
                {"id": "A2", "titel": "Vergabe", "dauer": 10, "vorgaenger": "A1"},
                {"id": "A3", "titel": "Schulung", "dauer": 2, "vorgaenger": "A1"}
            ],
            "meilensteine": [{"titel": "Start", "datum": "2026-03-03", "abhaengig_von": "A2"}]
        }));
        let s = gantt(Tr::new(Lang::De), &a).unwrap();
        assert!(s.starts_with("<svg"));
        assert!(s.ends_with("</svg>"));
        assert!(s.contains("Konzept &lt;neu&gt;"));
        assert!(!s.contains("<neu>"));
        // Two critical bars with an outline, one with slack, one milestone flagged.
        assert_eq!(s.matches(r##"stroke="#000" stroke-width="2"/>"##).count(), 3);
        assert_eq!(s.matches("<polygon").count(), 1);
        assert!(s.contains(">!</text>"));
        assert!(s.contains(r#"aria-labelledby="gantt-t" aria-describedby="gantt-d""#));
        assert!(s.contains("02.03."));
    }

    #[test]
    fn counts_working_days_without_a_start() {
        let a = auswertung(serde_json::json!({
            "aufgaben": [{"id": "A", "titel": "Eins", "dauer": 3}]
        }));
        let s = gantt(Tr::new(Lang::En), &a).unwrap();
        assert!(s.contains("<rect"));
        assert!(gantt(Tr::new(Lang::De), &Auswertung::default()).is_none());
    }
}
