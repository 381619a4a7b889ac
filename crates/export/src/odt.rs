//! ODT (OpenDocument 1.3 text) renderer, written by hand as a zip package.
//!
//! `mimetype` is the first entry and stored uncompressed, as ODF requires. Headings carry
//! outline levels and LibreOffice's standard style names, so the navigator and tables of
//! contents work; charts are embedded as SVG with a PNG fallback. All user text goes
//! through [`crate::xml::escape`], with ODF's white-space rules applied (runs of spaces as
//! `<text:s/>`, tabs and line breaks as elements).

use std::fmt::Write as _;

use werkstatt_core::strategie::{Abschnitt, Block, Dokument, Grafik, Inline, Tabelle};

use crate::ExportError;
use crate::raster;
use crate::xml::{
    Paket, Stueck, aufteilen, erlaubt, escape, link_adresse, push_escaped, spaltenanteile, sprach_tag,
    sprache, stuecke,
};

const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";
const XML_KOPF: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const NAMENSRAEUME: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" \
xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" \
xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" \
xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\"";

/// Width of the text area: A4 minus 2 × 2.5 cm.
const TEXTBREITE_CM: f64 = 16.0;

/// Renders `doc` as an ODT file.
pub fn render(doc: &Dokument) -> Result<Vec<u8>, ExportError> {
    let mut s = Schreiber::default();
    let inhalt = s.content(doc);

    let mut paket = Paket::neu();
    paket.unkomprimiert("mimetype", MIMETYPE.as_bytes())?;
    paket.datei("META-INF/manifest.xml", s.manifest().as_bytes())?;
    paket.datei("content.xml", inhalt.as_bytes())?;
    paket.datei("styles.xml", styles_xml(&doc.sprache).as_bytes())?;
    paket.datei("meta.xml", meta_xml(doc).as_bytes())?;
    for (name, daten) in &s.bilder {
        if name.ends_with(".png") {
            paket.unkomprimiert(name, daten)?;
        } else {
            paket.datei(name, daten)?;
        }
    }
    paket.fertig()
}

#[derive(Default)]
struct Schreiber {
    /// Automatic styles of the tables (one table style, one style per column).
    tabellenstile: String,
    /// Files under `Pictures/` as `(path, bytes)`.
    bilder: Vec<(String, Vec<u8>)>,
    n_fussnoten: u32,
    n_tabellen: u32,
    n_grafiken: u32,
    /// The next heading starts the first page after the title page.
    erste_ueberschrift: bool,
}

/// Appends text to a paragraph, following ODF's white-space rules: a space is literal only
/// after a visible character, all others (leading ones, runs, after tabs and breaks) become
/// `<text:s/>`. `leer` says whether the paragraph so far ends in white space (or nothing).
fn text(out: &mut String, s: &str, leer: &mut bool) {
    for stueck in stuecke(s) {
        match stueck {
            Stueck::Text(t) => {
                let mut leerzeichen = 0usize;
                let mut puffer = [0u8; 4];
                for c in t.chars() {
                    if !erlaubt(c) {
                        continue;
                    }
                    if c == ' ' {
                        if *leer {
                            leerzeichen += 1;
                        } else {
                            out.push(' ');
                            *leer = true;
                        }
                        continue;
                    }
                    leerzeichen_schreiben(out, &mut leerzeichen);
                    push_escaped(out, c.encode_utf8(&mut puffer));
                    *leer = false;
                }
                leerzeichen_schreiben(out, &mut leerzeichen);
            }
            Stueck::Zeilenumbruch => {
                out.push_str("<text:line-break/>");
                *leer = true;
            }
            Stueck::Tab => {
                out.push_str("<text:tab/>");
                *leer = true;
            }
        }
    }
}

fn leerzeichen_schreiben(out: &mut String, n: &mut usize) {
    match *n {
        0 => {}
        1 => out.push_str("<text:s/>"),
        n => {
            let _ = write!(out, "<text:s text:c=\"{n}\"/>");
        }
    }
    *n = 0;
}

/// A paragraph of plain text.
fn absatz(out: &mut String, stil: &str, s: &str) {
    let _ = write!(out, "<text:p text:style-name=\"{stil}\">");
    text(out, s, &mut true);
    out.push_str("</text:p>");
}

impl Schreiber {
    fn content(&mut self, doc: &Dokument) -> String {
        let mut body = String::with_capacity(16 * 1024);
        self.titelseite(&mut body, doc);
        for abschnitt in &doc.abschnitte {
            self.abschnitt(&mut body, abschnitt);
        }

        let mut out = String::with_capacity(body.len() + 8 * 1024);
        out.push_str(XML_KOPF);
        let _ = write!(
            out,
            "<office:document-content {NAMENSRAEUME} office:version=\"1.3\">"
        );
        out.push_str(SCHRIFTEN);
        out.push_str(
            "<office:automatic-styles>\
             <style:style style:name=\"T_Fett\" style:family=\"text\"><style:text-properties \
             fo:font-weight=\"bold\" style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\"/></style:style>\
             <style:style style:name=\"T_Kursiv\" style:family=\"text\"><style:text-properties \
             fo:font-style=\"italic\" style:font-style-asian=\"italic\" style:font-style-complex=\"italic\"/></style:style>\
             <style:style style:name=\"P_Titel\" style:family=\"paragraph\" style:parent-style-name=\"Title\" \
             style:master-page-name=\"Titelseite\"/>\
             <style:style style:name=\"P_Tabellentitel\" style:family=\"paragraph\" style:parent-style-name=\"Caption\">\
             <style:paragraph-properties fo:margin-top=\"0.3cm\" fo:margin-bottom=\"0.15cm\" fo:keep-with-next=\"always\"/></style:style>\
             <style:style style:name=\"Fr_Grafik\" style:family=\"graphic\"><style:graphic-properties \
             style:vertical-pos=\"top\" style:vertical-rel=\"baseline\" fo:border=\"none\" fo:padding=\"0cm\"/></style:style>\
             <style:style style:name=\"Zelle\" style:family=\"table-cell\"><style:table-cell-properties \
             fo:padding-top=\"0.07cm\" fo:padding-bottom=\"0.07cm\" fo:padding-left=\"0.15cm\" fo:padding-right=\"0.15cm\" \
             fo:border=\"0.5pt solid #808080\"/></style:style>\
             <style:style style:name=\"Kopfzelle\" style:family=\"table-cell\"><style:table-cell-properties \
             fo:background-color=\"#e3eaf1\" fo:padding-top=\"0.07cm\" fo:padding-bottom=\"0.07cm\" \
             fo:padding-left=\"0.15cm\" fo:padding-right=\"0.15cm\" fo:border=\"0.5pt solid #808080\"/></style:style>",
        );
        // The first heading after the title page switches to the normal page style, which
        // starts a new page.
        for ebene in 1..=3 {
            let _ = write!(
                out,
                "<style:style style:name=\"P_Neue_Seite_{ebene}\" style:family=\"paragraph\" \
                 style:parent-style-name=\"Heading_20_{ebene}\" style:master-page-name=\"Standard\"/>"
            );
        }
        out.push_str(&self.tabellenstile);
        out.push_str("</office:automatic-styles><office:body><office:text>");
        out.push_str(&body);
        out.push_str("</office:text></office:body></office:document-content>");
        out
    }

    fn titelseite(&mut self, out: &mut String, doc: &Dokument) {
        absatz(out, "P_Titel", &doc.titel);
        for kommune in doc.kommunen.iter().filter(|k| !k.trim().is_empty()) {
            absatz(out, "Subtitle", kommune);
        }
        for angabe in [&doc.status, &doc.stand, &doc.hinweis] {
            if !angabe.trim().is_empty() {
                absatz(out, "Titelangaben", angabe);
            }
        }
        self.erste_ueberschrift = true;
    }

    fn abschnitt(&mut self, out: &mut String, abschnitt: &Abschnitt) {
        let ebene = abschnitt.ebene.clamp(1, 3);
        let stil = if std::mem::take(&mut self.erste_ueberschrift) {
            format!("P_Neue_Seite_{ebene}")
        } else {
            format!("Heading_20_{ebene}")
        };
        let _ = write!(
            out,
            "<text:h text:style-name=\"{stil}\" text:outline-level=\"{ebene}\">"
        );
        text(out, &abschnitt.titel, &mut true);
        out.push_str("</text:h>");
        for block in &abschnitt.bloecke {
            match block {
                Block::Absatz { inhalt } => {
                    out.push_str("<text:p text:style-name=\"Text_20_body\">");
                    self.inlines(out, inhalt);
                    out.push_str("</text:p>");
                }
                Block::Liste { nummeriert, punkte } => {
                    if punkte.is_empty() {
                        continue;
                    }
                    let stil = if *nummeriert { "Nummern" } else { "Punkte" };
                    let _ = write!(out, "<text:list text:style-name=\"{stil}\">");
                    for punkt in punkte {
                        out.push_str("<text:list-item><text:p text:style-name=\"List\">");
                        self.inlines(out, punkt);
                        out.push_str("</text:p></text:list-item>");
                    }
                    out.push_str("</text:list>");
                }
                Block::Tabelle(t) => self.tabelle(out, t),
                Block::Grafik(g) => self.grafik(out, g),
            }
        }
    }

    fn inlines(&mut self, out: &mut String, inhalt: &[Inline]) {
        let mut leer = true;
        for inline in inhalt {
            match inline {
                Inline::Text { text: t } => text(out, t, &mut leer),
                Inline::Fett { text: t } | Inline::Kursiv { text: t } => {
                    if t.is_empty() {
                        continue;
                    }
                    let stil = if matches!(inline, Inline::Fett { .. }) {
                        "T_Fett"
                    } else {
                        "T_Kursiv"
                    };
                    let _ = write!(out, "<text:span text:style-name=\"{stil}\">");
                    text(out, t, &mut leer);
                    out.push_str("</text:span>");
                }
                Inline::Fussnote { text: t } => {
                    self.n_fussnoten += 1;
                    let n = self.n_fussnoten;
                    let _ = write!(
                        out,
                        "<text:note text:id=\"ftn{n}\" text:note-class=\"footnote\"><text:note-citation>{n}\
                         </text:note-citation><text:note-body>"
                    );
                    absatz(out, "Footnote", t);
                    out.push_str("</text:note-body></text:note>");
                    leer = true;
                }
                Inline::Link { text: t, ziel } => match link_adresse(ziel) {
                    Some(adresse) => {
                        let _ = write!(
                            out,
                            "<text:a xlink:type=\"simple\" xlink:href=\"{}\" text:style-name=\"Internet_20_link\" \
                             text:visited-style-name=\"Visited_20_Internet_20_Link\">",
                            escape(&adresse)
                        );
                        // A link without text shows its address.
                        text(out, if t.trim().is_empty() { ziel } else { t }, &mut leer);
                        out.push_str("</text:a>");
                    }
                    None => text(out, t, &mut leer),
                },
            }
        }
    }

    fn tabelle(&mut self, out: &mut String, t: &Tabelle) {
        self.n_tabellen += 1;
        let n = self.n_tabellen;
        let spalten = t
            .zeilen
            .iter()
            .map(Vec::len)
            .chain([t.kopf.len()])
            .max()
            .unwrap_or(0);
        let mut beschriftung = format!("Tabelle {n}");
        if !t.beschriftung.trim().is_empty() {
            beschriftung.push_str(": ");
            beschriftung.push_str(&t.beschriftung);
        }
        absatz(out, "P_Tabellentitel", &beschriftung);
        if spalten == 0 {
            return;
        }
        let anteile = spaltenanteile(&t.breiten, spalten);
        // Absolute widths in 1/1000 cm, relative widths out of 10000.
        let absolut = aufteilen((TEXTBREITE_CM * 1000.0) as u32, &anteile);
        let relativ = aufteilen(10_000, &anteile);
        let _ = write!(
            self.tabellenstile,
            "<style:style style:name=\"Tabelle{n}\" style:family=\"table\"><style:table-properties \
             style:width=\"{TEXTBREITE_CM}cm\" table:align=\"margins\" fo:margin-top=\"0cm\" \
             fo:margin-bottom=\"0.4cm\"/></style:style>"
        );
        for (i, (a, r)) in absolut.iter().zip(&relativ).enumerate() {
            let _ = write!(
                self.tabellenstile,
                "<style:style style:name=\"Tabelle{n}.Spalte{}\" style:family=\"table-column\">\
                 <style:table-column-properties style:column-width=\"{}.{:03}cm\" style:rel-column-width=\"{r}*\"/>\
                 </style:style>",
                i + 1,
                a / 1000,
                a % 1000
            );
        }
        let _ = write!(
            out,
            "<table:table table:name=\"Tabelle{n}\" table:style-name=\"Tabelle{n}\">"
        );
        for i in 0..spalten {
            let _ = write!(
                out,
                "<table:table-column table:style-name=\"Tabelle{n}.Spalte{}\"/>",
                i + 1
            );
        }
        let zeile = |out: &mut String, zellen: &[String], kopf: bool| {
            let (zelle, stil) = if kopf {
                ("Kopfzelle", "Table_20_Heading")
            } else {
                ("Zelle", "Table_20_Contents")
            };
            out.push_str("<table:table-row>");
            for i in 0..spalten {
                let _ = write!(
                    out,
                    "<table:table-cell table:style-name=\"{zelle}\" office:value-type=\"string\">"
                );
                absatz(out, stil, zellen.get(i).map_or("", String::as_str));
                out.push_str("</table:table-cell>");
            }
            out.push_str("</table:table-row>");
        };
        if !t.kopf.is_empty() {
            out.push_str("<table:table-header-rows>");
            zeile(out, &t.kopf, true);
            out.push_str("</table:table-header-rows>");
        }
        for z in &t.zeilen {
            zeile(out, z, false);
        }
        out.push_str("</table:table>");
    }

    fn grafik(&mut self, out: &mut String, g: &Grafik) {
        self.n_grafiken += 1;
        let n = self.n_grafiken;
        match raster::png(&g.svg, 2.0) {
            Ok(bild) => {
                let (b, h) = raster::anzeige_cm(bild.breite, bild.hoehe, TEXTBREITE_CM, 20.0);
                let svg = format!("Pictures/chart{n}.svg");
                let png = format!("Pictures/chart{n}.png");
                let alt = escape(&g.alt);
                let _ = write!(
                    out,
                    "<text:p text:style-name=\"Grafik\"><draw:frame draw:style-name=\"Fr_Grafik\" \
                     draw:name=\"Abbildung{n}\" text:anchor-type=\"as-char\" svg:width=\"{b:.3}cm\" \
                     svg:height=\"{h:.3}cm\" draw:z-index=\"0\">\
                     <draw:image xlink:href=\"{svg}\" xlink:type=\"simple\" xlink:show=\"embed\" \
                     xlink:actuate=\"onLoad\" draw:mime-type=\"image/svg+xml\"/>\
                     <draw:image xlink:href=\"{png}\" xlink:type=\"simple\" xlink:show=\"embed\" \
                     xlink:actuate=\"onLoad\" draw:mime-type=\"image/png\"/>\
                     <svg:title>{alt}</svg:title><svg:desc>{alt}</svg:desc></draw:frame></text:p>"
                );
                self.bilder.push((svg, g.svg.as_bytes().to_vec()));
                self.bilder.push((png, bild.png));
            }
            // The server's SVG could not be read: the alt text stands in for the chart.
            Err(_) => absatz(out, "Grafik", &g.alt),
        }
        let mut beschriftung = format!("Abbildung {n}");
        if !g.beschriftung.trim().is_empty() {
            beschriftung.push_str(": ");
            beschriftung.push_str(&g.beschriftung);
        }
        absatz(out, "Caption", &beschriftung);
    }

    fn manifest(&self) -> String {
        let mut out = String::from(XML_KOPF);
        let _ = write!(
            out,
            "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" \
             manifest:version=\"1.3\">\
             <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"{MIMETYPE}\"/>\
             <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
             <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\
             <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>"
        );
        for (name, _) in &self.bilder {
            let typ = if name.ends_with(".svg") {
                "image/svg+xml"
            } else {
                "image/png"
            };
            let _ = write!(
                out,
                "<manifest:file-entry manifest:full-path=\"{name}\" manifest:media-type=\"{typ}\"/>"
            );
        }
        out.push_str("</manifest:manifest>");
        out
    }
}

const SCHRIFTEN: &str = "<office:font-face-decls><style:font-face style:name=\"Noto Sans\" \
svg:font-family=\"&apos;Noto Sans&apos;\" style:font-family-generic=\"swiss\" style:font-pitch=\"variable\"/>\
</office:font-face-decls>";

fn meta_xml(doc: &Dokument) -> String {
    let kommunen: Vec<&str> = doc
        .kommunen
        .iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty())
        .collect();
    format!(
        "{XML_KOPF}<office:document-meta {NAMENSRAEUME} office:version=\"1.3\"><office:meta>\
         <meta:generator>Werkstatt</meta:generator><dc:title>{}</dc:title><dc:subject>{}</dc:subject>\
         <dc:description>{}</dc:description><dc:language>{}</dc:language></office:meta></office:document-meta>",
        escape(&doc.titel),
        escape(&kommunen.join(", ")),
        escape(&doc.hinweis),
        escape(&sprach_tag(&doc.sprache)),
    )
}

/// A paragraph style in `styles.xml`.
struct Absatzstil {
    name: &'static str,
    /// The name shown to people where `name` has `_20_` for spaces.
    anzeige: &'static str,
    eltern: &'static str,
    naechster: &'static str,
    klasse: &'static str,
    /// Attributes of `style:paragraph-properties` and `style:text-properties`.
    absatz: String,
    zeichen: String,
    /// Outline level of a heading style.
    ebene: Option<u8>,
}

impl Absatzstil {
    fn schreiben(&self, out: &mut String) {
        let _ = write!(
            out,
            "<style:style style:name=\"{}\" style:family=\"paragraph\" style:class=\"{}\"",
            self.name, self.klasse
        );
        for (attribut, wert) in [
            ("display-name", self.anzeige),
            ("parent-style-name", self.eltern),
            ("next-style-name", self.naechster),
        ] {
            if !wert.is_empty() {
                let _ = write!(out, " style:{attribut}=\"{wert}\"");
            }
        }
        if let Some(ebene) = self.ebene {
            let _ = write!(out, " style:default-outline-level=\"{ebene}\"");
        }
        out.push('>');
        if !self.absatz.is_empty() {
            let _ = write!(out, "<style:paragraph-properties {}/>", self.absatz);
        }
        if !self.zeichen.is_empty() {
            let _ = write!(out, "<style:text-properties {}/>", self.zeichen);
        }
        out.push_str("</style:style>");
    }
}

fn styles_xml(sprach_code: &str) -> String {
    let (sprache, land) = sprache(sprach_code);
    let land = if land.is_empty() {
        String::new()
    } else {
        format!(" fo:country=\"{}\"", escape(&land))
    };
    let sprache = escape(&sprache);
    let blau = "#1f3f5f";
    let fett = "fo:font-weight=\"bold\" style:font-weight-asian=\"bold\" style:font-weight-complex=\"bold\"";
    let groesse = |pt: f64| {
        format!("fo:font-size=\"{pt}pt\" style:font-size-asian=\"{pt}pt\" style:font-size-complex=\"{pt}pt\"")
    };
    let mut out = String::from(XML_KOPF);
    let _ = write!(
        out,
        "<office:document-styles {NAMENSRAEUME} office:version=\"1.3\">{SCHRIFTEN}<office:styles>"
    );
    let _ = write!(
        out,
        "<style:default-style style:family=\"paragraph\"><style:paragraph-properties style:writing-mode=\"page\"/>\
         <style:text-properties style:font-name=\"Noto Sans\" style:font-name-asian=\"Noto Sans\" \
         style:font-name-complex=\"Noto Sans\" {} fo:language=\"{sprache}\"{land} fo:hyphenate=\"false\"/>\
         </style:default-style>",
        groesse(11.0)
    );
    let kursiv =
        "fo:font-style=\"italic\" style:font-style-asian=\"italic\" style:font-style-complex=\"italic\"";
    let absatzstile = [
        Absatzstil {
            name: "Standard",
            anzeige: "",
            eltern: "",
            naechster: "",
            klasse: "text",
            absatz: "fo:margin-top=\"0cm\" fo:margin-bottom=\"0.21cm\" fo:line-height=\"115%\"".into(),
            zeichen: String::new(),
            ebene: None,
        },
        Absatzstil {
            name: "Text_20_body",
            anzeige: "Text body",
            eltern: "Standard",
            naechster: "",
            klasse: "text",
            absatz: "fo:margin-bottom=\"0.25cm\"".into(),
            zeichen: String::new(),
            ebene: None,
        },
        Absatzstil {
            name: "Heading",
            anzeige: "",
            eltern: "Standard",
            naechster: "Text_20_body",
            klasse: "text",
            absatz: "fo:keep-with-next=\"always\"".into(),
            zeichen: format!("fo:color=\"{blau}\" {fett}"),
            ebene: None,
        },
        Absatzstil {
            name: "Heading_20_1",
            anzeige: "Heading 1",
            eltern: "Heading",
            naechster: "Text_20_body",
            klasse: "text",
            absatz: "fo:margin-top=\"0.85cm\" fo:margin-bottom=\"0.3cm\"".into(),
            zeichen: groesse(17.0),
            ebene: Some(1),
        },
        Absatzstil {
            name: "Heading_20_2",
            anzeige: "Heading 2",
            eltern: "Heading",
            naechster: "Text_20_body",
            klasse: "text",
            absatz: "fo:margin-top=\"0.65cm\" fo:margin-bottom=\"0.2cm\"".into(),
            zeichen: groesse(14.0),
            ebene: Some(2),
        },
        Absatzstil {
            name: "Heading_20_3",
            anzeige: "Heading 3",
            eltern: "Heading",
            naechster: "Text_20_body",
            klasse: "text",
            absatz: "fo:margin-top=\"0.45cm\" fo:margin-bottom=\"0.15cm\"".into(),
            zeichen: groesse(12.0),
            ebene: Some(3),
        },
        Absatzstil {
            name: "Title",
            anzeige: "",
            eltern: "Standard",
            naechster: "Subtitle",
            klasse: "chapter",
            absatz: "fo:margin-top=\"6cm\" fo:margin-bottom=\"0.85cm\" fo:line-height=\"100%\"".into(),
            zeichen: format!("fo:color=\"{blau}\" {fett} {}", groesse(26.0)),
            ebene: None,
        },
        Absatzstil {
            name: "Subtitle",
            anzeige: "",
            eltern: "Standard",
            naechster: "Standard",
            klasse: "chapter",
            absatz: "fo:margin-bottom=\"0.42cm\"".into(),
            zeichen: groesse(16.0),
            ebene: None,
        },
        Absatzstil {
            name: "Titelangaben",
            anzeige: "",
            eltern: "Standard",
            naechster: "Titelangaben",
            klasse: "chapter",
            absatz: "fo:margin-bottom=\"0.14cm\"".into(),
            zeichen: format!("fo:color=\"#404040\" {}", groesse(12.0)),
            ebene: None,
        },
        Absatzstil {
            name: "List",
            anzeige: "",
            eltern: "Standard",
            naechster: "",
            klasse: "list",
            absatz: "fo:margin-bottom=\"0.1cm\"".into(),
            zeichen: String::new(),
            ebene: None,
        },
        Absatzstil {
            name: "Caption",
            anzeige: "",
            eltern: "Standard",
            naechster: "",
            klasse: "extra",
            absatz: "fo:margin-top=\"0.2cm\" fo:margin-bottom=\"0.35cm\"".into(),
            zeichen: format!("{kursiv} fo:color=\"#333333\" {}", groesse(10.0)),
            ebene: None,
        },
        Absatzstil {
            name: "Grafik",
            anzeige: "",
            eltern: "Standard",
            naechster: "Caption",
            klasse: "extra",
            absatz: "fo:margin-top=\"0.4cm\" fo:margin-bottom=\"0cm\" fo:keep-with-next=\"always\"".into(),
            zeichen: String::new(),
            ebene: None,
        },
        Absatzstil {
            name: "Table_20_Contents",
            anzeige: "Table Contents",
            eltern: "Standard",
            naechster: "",
            klasse: "extra",
            absatz: "fo:margin-top=\"0cm\" fo:margin-bottom=\"0cm\" fo:line-height=\"105%\"".into(),
            zeichen: groesse(10.0),
            ebene: None,
        },
        Absatzstil {
            name: "Table_20_Heading",
            anzeige: "Table Heading",
            eltern: "Table_20_Contents",
            naechster: "",
            klasse: "extra",
            absatz: "fo:keep-with-next=\"always\"".into(),
            zeichen: fett.into(),
            ebene: None,
        },
        Absatzstil {
            name: "Footnote",
            anzeige: "",
            eltern: "Standard",
            naechster: "",
            klasse: "extra",
            absatz: "fo:margin-left=\"0.6cm\" fo:text-indent=\"-0.6cm\" fo:margin-bottom=\"0cm\" fo:line-height=\"100%\"".into(),
            zeichen: groesse(9.0),
            ebene: None,
        },
        Absatzstil {
            name: "Footer",
            anzeige: "",
            eltern: "Standard",
            naechster: "",
            klasse: "extra",
            absatz: "fo:text-align=\"center\" fo:margin-bottom=\"0cm\"".into(),
            zeichen: format!("fo:color=\"#404040\" {}", groesse(9.0)),
            ebene: None,
        },
    ];
    for stil in &absatzstile {
        stil.schreiben(&mut out);
    }
    let _ = write!(
        out,
        "<style:style style:name=\"Footnote_20_Symbol\" style:display-name=\"Footnote Symbol\" style:family=\"text\"/>\
         <style:style style:name=\"Footnote_20_anchor\" style:display-name=\"Footnote anchor\" style:family=\"text\">\
         <style:text-properties style:text-position=\"super 58%\"/></style:style>\
         <style:style style:name=\"Internet_20_link\" style:display-name=\"Internet link\" style:family=\"text\">\
         <style:text-properties fo:color=\"#0b5394\" style:text-underline-style=\"solid\" \
         style:text-underline-width=\"auto\" style:text-underline-color=\"font-color\"/></style:style>\
         <style:style style:name=\"Visited_20_Internet_20_Link\" style:display-name=\"Visited Internet Link\" \
         style:family=\"text\"><style:text-properties fo:color=\"#5b3f8b\" style:text-underline-style=\"solid\" \
         style:text-underline-width=\"auto\" style:text-underline-color=\"font-color\"/></style:style>"
    );
    // Outline numbering without visible numbers: the headings' levels for navigator and TOC.
    out.push_str("<text:outline-style style:name=\"Outline\">");
    for ebene in 1..=10 {
        let _ = write!(
            out,
            "<text:outline-level-style text:level=\"{ebene}\" style:num-format=\"\"><style:list-level-properties \
             text:list-level-position-and-space-mode=\"label-alignment\"><style:list-level-label-alignment \
             text:label-followed-by=\"listtab\"/></style:list-level-properties></text:outline-level-style>"
        );
    }
    out.push_str("</text:outline-style>");
    let einzug = "<style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\">\
                  <style:list-level-label-alignment text:label-followed-by=\"listtab\" \
                  text:list-tab-stop-position=\"1cm\" fo:text-indent=\"-0.7cm\" fo:margin-left=\"1cm\"/>\
                  </style:list-level-properties>";
    let _ = write!(
        out,
        "<text:list-style style:name=\"Punkte\"><text:list-level-style-bullet text:level=\"1\" \
         text:bullet-char=\"\u{2022}\">{einzug}<style:text-properties style:font-name=\"Noto Sans\"/>\
         </text:list-level-style-bullet></text:list-style>\
         <text:list-style style:name=\"Nummern\"><text:list-level-style-number text:level=\"1\" \
         style:num-suffix=\".\" style:num-format=\"1\">{einzug}</text:list-level-style-number></text:list-style>\
         <text:notes-configuration text:note-class=\"footnote\" text:citation-style-name=\"Footnote_20_Symbol\" \
         text:citation-body-style-name=\"Footnote_20_anchor\" style:num-format=\"1\" text:start-value=\"0\" \
         text:footnotes-position=\"page\" text:start-numbering-at=\"document\"/>\
         </office:styles>"
    );
    let seite = "fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" style:num-format=\"1\" \
                 style:print-orientation=\"portrait\" fo:margin-top=\"2.5cm\" fo:margin-left=\"2.5cm\" \
                 fo:margin-right=\"2.5cm\" style:writing-mode=\"lr-tb\"";
    let trennlinie = "<style:footnote-sep style:width=\"0.018cm\" style:distance-before-sep=\"0.1cm\" \
                      style:distance-after-sep=\"0.1cm\" style:line-style=\"solid\" style:adjustment=\"left\" \
                      style:rel-width=\"25%\" style:color=\"#000000\"/>";
    // The footer sits inside the page's bottom margin: 1.25 cm margin + 1.25 cm footer.
    let _ = write!(
        out,
        "<office:automatic-styles>\
         <style:page-layout style:name=\"Seite\"><style:page-layout-properties {seite} fo:margin-bottom=\"1.25cm\">\
         {trennlinie}</style:page-layout-properties><style:footer-style><style:header-footer-properties \
         fo:min-height=\"0.6cm\" fo:margin-top=\"0.65cm\"/></style:footer-style></style:page-layout>\
         <style:page-layout style:name=\"Seite_Titel\"><style:page-layout-properties {seite} \
         fo:margin-bottom=\"2.5cm\">{trennlinie}</style:page-layout-properties></style:page-layout>\
         </office:automatic-styles><office:master-styles>\
         <style:master-page style:name=\"Standard\" style:page-layout-name=\"Seite\"><style:footer>\
         <text:p text:style-name=\"Footer\">Seite <text:page-number text:select-page=\"current\">1</text:page-number>\
         </text:p></style:footer></style:master-page>\
         <style:master-page style:name=\"Titelseite\" style:page-layout-name=\"Seite_Titel\" \
         style:next-style-name=\"Standard\"/></office:master-styles></office:document-styles>"
    );
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use werkstatt_core::strategie::dokument::beispiel;

    use super::*;
    use crate::xml::testhilfe::{
        boese_texte, boeses_dokument, eintraege, erwartet, langer_absatz, xml_teile,
    };

    const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

    fn teil<'a>(teile: &'a [(String, String)], name: &str) -> &'a str {
        teile
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, x)| x.as_str())
            .unwrap_or_else(|| panic!("{name} fehlt"))
    }

    /// The text of `content.xml` as a reader sees it, one line per paragraph or heading:
    /// white space collapsed by ODF's rules, `text:s`, `text:tab` and `text:line-break`
    /// expanded.
    fn text_von(xml: &str) -> String {
        fn sammeln(n: roxmltree::Node, out: &mut String, leer: &mut bool) {
            for k in n.children() {
                if k.is_text() {
                    for c in k.text().unwrap_or("").chars() {
                        if matches!(c, ' ' | '\t' | '\n' | '\r') {
                            if !*leer {
                                out.push(' ');
                                *leer = true;
                            }
                        } else {
                            out.push(c);
                            *leer = false;
                        }
                    }
                    continue;
                }
                if !k.is_element() || k.tag_name().namespace() != Some(TEXT) {
                    sammeln(k, out, leer);
                    continue;
                }
                match k.tag_name().name() {
                    "s" => {
                        let n: usize = k.attribute((TEXT, "c")).map_or(1, |c| c.parse().unwrap());
                        out.push_str(&" ".repeat(n));
                        *leer = false;
                    }
                    "tab" => {
                        out.push('\t');
                        *leer = false;
                    }
                    "line-break" => {
                        out.push('\n');
                        *leer = false;
                    }
                    "p" | "h" => {
                        sammeln(k, out, &mut true);
                        out.push('\n');
                    }
                    _ => sammeln(k, out, leer),
                }
            }
        }
        let doc = roxmltree::Document::parse(xml).expect("wohlgeformt");
        let mut out = String::new();
        sammeln(doc.root(), &mut out, &mut true);
        out
    }

    /// Every style, list style, page layout and master page that is used is defined; the
    /// manifest lists exactly the package's files; images exist.
    fn verweise_pruefen(odt: &[u8]) {
        let eintraege = eintraege(odt);
        let (erster, inhalt, gespeichert) = &eintraege[0];
        assert_eq!(erster, "mimetype");
        assert_eq!(inhalt, MIMETYPE.as_bytes());
        assert!(*gespeichert, "mimetype unkomprimiert");
        // The bytes ODF readers sniff: the name at offset 30, the content right after it.
        assert_eq!(&odt[30..38], b"mimetype");
        assert_eq!(&odt[38..38 + MIMETYPE.len()], MIMETYPE.as_bytes());
        let teile = xml_teile(odt);
        let namen: HashSet<&str> = eintraege.iter().map(|(n, _, _)| n.as_str()).collect();

        let manifest = roxmltree::Document::parse(teil(&teile, "META-INF/manifest.xml")).unwrap();
        let aufgelistet: HashSet<&str> = manifest
            .descendants()
            .filter_map(|n| {
                n.attributes()
                    .find(|a| a.name() == "full-path")
                    .map(|a| a.value())
            })
            .filter(|p| *p != "/")
            .collect();
        let im_paket: HashSet<&str> = namen
            .iter()
            .copied()
            .filter(|n| *n != "mimetype" && *n != "META-INF/manifest.xml")
            .collect();
        assert_eq!(aufgelistet, im_paket);

        let content = roxmltree::Document::parse(teil(&teile, "content.xml")).unwrap();
        let styles = roxmltree::Document::parse(teil(&teile, "styles.xml")).unwrap();
        let mut definiert = HashSet::new();
        for d in [&content, &styles] {
            assert_eq!(
                d.root_element()
                    .attributes()
                    .find(|a| a.name() == "version")
                    .map(|a| a.value()),
                Some("1.3")
            );
            for n in d.descendants() {
                if let Some(a) = n
                    .attributes()
                    .find(|a| a.name() == "name" && n.tag_name().name() != "font-face")
                {
                    definiert.insert(a.value().to_string());
                }
            }
        }
        for d in [&content, &styles] {
            for n in d.descendants() {
                for a in n.attributes() {
                    if a.name().ends_with("style-name")
                        || a.name() == "page-layout-name"
                        || a.name() == "master-page-name"
                    {
                        assert!(
                            definiert.contains(a.value()),
                            "{} = {} fehlt",
                            a.name(),
                            a.value()
                        );
                    }
                    if a.name() == "href" && n.tag_name().name() == "image" {
                        assert!(namen.contains(a.value()), "Bild {} fehlt", a.value());
                    }
                }
            }
        }
    }

    #[test]
    fn beispiel_ist_vollstaendiges_paket() {
        let odt = render(&beispiel()).unwrap();
        assert_eq!(
            odt,
            render(&beispiel()).unwrap(),
            "gleiche Eingabe, gleiche Datei"
        );
        verweise_pruefen(&odt);
        let teile = xml_teile(&odt);
        let content = teil(&teile, "content.xml");
        let text = text_von(content);
        let d = beispiel();
        assert!(text.contains(&d.titel));
        for a in &d.abschnitte {
            assert!(text.contains(&format!("{}\n", a.titel)));
        }
        assert!(
            content.contains("<text:h text:style-name=\"P_Neue_Seite_1\" text:outline-level=\"1\">Anlass")
        );
        assert!(
            content.contains("<text:h text:style-name=\"Heading_20_2\" text:outline-level=\"2\">Bildung")
        );
        assert!(text.contains(
            "Die Verbandsgemeinde Musterland will die Digitalisierung gestalten.1Beschluss des Rates vom 12.03.2026.\n Mehr unter rlp.de."
        ));
        assert!(content.contains("<text:a xlink:type=\"simple\" xlink:href=\"https://www.rlp.de\""));
        assert!(content.contains("<text:note text:id=\"ftn1\" text:note-class=\"footnote\">"));
        assert!(text.contains("Tabelle 1: Maßnahmen im Handlungsfeld Bildung und Jugend"));
        assert!(text.contains("Abbildung 1: Punkte je Maßnahme"));
        assert!(content.contains("<table:table-header-rows><table:table-row>"));
        assert!(content.contains("style:column-width=\"9.600cm\" style:rel-column-width=\"6000*\""));
        assert!(content.contains("<text:list text:style-name=\"Punkte\">"));
        assert!(content.contains("<text:list text:style-name=\"Nummern\">"));
        assert!(content.contains("<svg:title>Balkendiagramm: WLAN in Schulen 5 Punkte</svg:title>"));
        assert!(content.contains("xlink:href=\"Pictures/chart1.svg\""));
        assert!(content.contains("xlink:href=\"Pictures/chart1.png\""));
        let styles = teil(&teile, "styles.xml");
        assert!(styles.contains("style:name=\"Heading_20_1\" style:family=\"paragraph\" style:class=\"text\" style:display-name=\"Heading 1\""));
        assert!(styles.contains("<text:outline-style style:name=\"Outline\">"));
        assert!(styles.contains("fo:language=\"de\" fo:country=\"DE\""));
        assert!(styles.contains("fo:page-width=\"21cm\" fo:page-height=\"29.7cm\""));
        assert!(styles.contains("<text:page-number"));
        let meta = teil(&teile, "meta.xml");
        assert!(meta.contains(&format!("<dc:title>{}</dc:title>", d.titel)));
        assert!(meta.contains("<dc:language>de-DE</dc:language>"));
        let eintraege = eintraege(&odt);
        let svg = eintraege
            .iter()
            .find(|(n, _, _)| n == "Pictures/chart1.svg")
            .expect("SVG");
        assert!(svg.1.starts_with(b"<svg"));
        let png = eintraege
            .iter()
            .find(|(n, _, _)| n == "Pictures/chart1.png")
            .expect("PNG");
        assert!(png.1.starts_with(b"\x89PNG"));
    }

    #[test]
    fn leerraum_nach_odf_regeln() {
        let mut out = String::new();
        text(&mut out, "  a  b\tc \n d ", &mut true);
        assert_eq!(
            out,
            "<text:s text:c=\"2\"/>a <text:s/>b<text:tab/>c <text:line-break/><text:s/>d "
        );
        let mut out = String::new();
        let mut leer = false;
        text(&mut out, " x", &mut leer);
        text(&mut out, " ", &mut leer);
        text(&mut out, " y\u{1} \u{1} z", &mut leer);
        assert_eq!(out, " x <text:s/>y <text:s/>z");
    }

    #[test]
    fn boese_texte_bleiben_text() {
        let doc = boeses_dokument();
        let odt = render(&doc).unwrap();
        verweise_pruefen(&odt);
        let teile = xml_teile(&odt);
        let text = text_von(teil(&teile, "content.xml"));
        for (i, t) in boese_texte().iter().enumerate() {
            let t = erwartet(t);
            for vorn in [
                "Text", "Fett", "Kursiv", "Link", "Punkt", "Kopf", "Zelle", "Fußnote",
            ] {
                assert!(text.contains(&format!("{vorn} {i}: {t}")), "{vorn} {i}: {t:?}");
            }
            assert!(text.contains(&format!("Kapitel {i} {t}")), "Kapitel {i}");
            assert!(
                text.contains(&format!("Tabelle {}: Tabelle {i}: {t}", i + 1)),
                "Tabellentitel {i}"
            );
        }
        assert!(text.contains(&erwartet(&doc.titel)));
        assert!(text.contains(&langer_absatz()));
        assert!(text.contains("\n   führende Leerzeichen  und nach Fettkein Link\n"));
        assert!(
            text.contains("Kaputte Grafik <alt>\nAbbildung 2: Kaputt"),
            "Alt-Text statt kaputter Grafik"
        );
        let content = roxmltree::Document::parse(teil(&teile, "content.xml")).unwrap();
        let titel: Vec<&str> = content
            .descendants()
            .filter(|n| n.has_tag_name("title"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(titel, ["Alt \"<&>\" ]]> "]);
        let meta = roxmltree::Document::parse(teil(&teile, "meta.xml")).unwrap();
        let titel = meta
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text());
        assert_eq!(titel, Some(erwartet(&doc.titel).as_str()));
        assert!(teil(&teile, "styles.xml").contains("fo:language=\"de\" fo:country=\"DE\""));
        assert!(!teil(&teile, "content.xml").contains("javascript"));
    }

    #[test]
    fn libreoffice_liest_odt() {
        crate::xml::testhilfe::libreoffice_pruefen("odt", render);
    }
}
