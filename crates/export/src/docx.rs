//! DOCX (Office Open XML, WordprocessingML) renderer, written by hand as a zip package.
//!
//! The package holds the document, styles (Word's built-in heading, title, caption and
//! footnote styles, so navigation panes and tables of contents work), numbering for lists,
//! footnotes, footers with the page number and the charts as PNG. All user text goes
//! through [`crate::xml::escape`]; links become external relationships.

use std::fmt::Write as _;

use werkstatt_core::strategie::{Abschnitt, Block, Dokument, Grafik, Inline, Tabelle};

use crate::ExportError;
use crate::raster;
use crate::xml::{
    Paket, Stueck, aufteilen, escape, link_adresse, push_escaped, spaltenanteile, sprach_tag, stuecke,
};

/// Width of the text area in twips: A4 (11906) minus 2 × 2.5 cm (1417).
const TEXTBREITE: u32 = 9072;
const EMU_PRO_CM: f64 = 360_000.0;

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_KOPF: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Renders `doc` as a DOCX file.
pub fn render(doc: &Dokument) -> Result<Vec<u8>, ExportError> {
    let mut s = Schreiber::default();
    let dokument = s.dokument(doc);
    let sprache = sprach_tag(&doc.sprache);

    let mut paket = Paket::neu();
    paket.datei("[Content_Types].xml", content_types().as_bytes())?;
    paket.datei("_rels/.rels", PAKET_RELS.as_bytes())?;
    paket.datei("docProps/core.xml", core_xml(doc, &sprache).as_bytes())?;
    paket.datei("docProps/app.xml", APP_XML.as_bytes())?;
    paket.datei("word/document.xml", dokument.as_bytes())?;
    paket.datei("word/_rels/document.xml.rels", s.rels().as_bytes())?;
    paket.datei("word/styles.xml", styles_xml(&sprache).as_bytes())?;
    paket.datei("word/numbering.xml", s.numbering().as_bytes())?;
    paket.datei("word/footnotes.xml", s.footnotes().as_bytes())?;
    paket.datei("word/settings.xml", settings_xml(&sprache).as_bytes())?;
    paket.datei("word/fontTable.xml", FONT_TABLE.as_bytes())?;
    paket.datei("word/footer1.xml", FUSSZEILE.as_bytes())?;
    paket.datei("word/footer2.xml", FUSSZEILE_TITELSEITE.as_bytes())?;
    for (name, png) in &s.bilder {
        paket.unkomprimiert(&format!("word/media/{name}"), png)?;
    }
    paket.fertig()
}

/// State collected while writing `document.xml`: footnotes, relationships, images, lists.
#[derive(Default)]
struct Schreiber {
    fussnoten: String,
    n_fussnoten: u32,
    /// External hyperlink targets, as `rIdLink{n}` (n from 1).
    links: Vec<String>,
    /// Images as `(file name, PNG)`, referenced as `rIdBild{n}`.
    bilder: Vec<(String, Vec<u8>)>,
    /// One numbering instance per list (`w:numId` = index + 1): numbered?
    listen: Vec<bool>,
    n_tabellen: u32,
    n_grafiken: u32,
    /// The next paragraph starts a new page (after the title page).
    seitenumbruch: bool,
    /// The last block was a table (which has no space below in Word).
    nach_tabelle: bool,
}

fn run(out: &mut String, rpr: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if !rpr.is_empty() {
        out.push_str("<w:rPr>");
        out.push_str(rpr);
        out.push_str("</w:rPr>");
    }
    for stueck in stuecke(text) {
        match stueck {
            Stueck::Text(t) => {
                out.push_str("<w:t xml:space=\"preserve\">");
                push_escaped(out, t);
                out.push_str("</w:t>");
            }
            Stueck::Zeilenumbruch => out.push_str("<w:br/>"),
            Stueck::Tab => out.push_str("<w:tab/>"),
        }
    }
    out.push_str("</w:r>");
}

/// A paragraph of plain text in style `stil` (with extra paragraph properties `ppr`).
fn absatz(out: &mut String, stil: &str, ppr: &str, text: &str) {
    let _ = write!(out, "<w:p><w:pPr><w:pStyle w:val=\"{stil}\"/>{ppr}</w:pPr>");
    run(out, "", text);
    out.push_str("</w:p>");
}

impl Schreiber {
    fn dokument(&mut self, doc: &Dokument) -> String {
        let mut out = String::with_capacity(16 * 1024);
        out.push_str(XML_KOPF);
        let _ = write!(
            out,
            "<w:document xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\" \
             xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
             xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
             xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>"
        );
        self.titelseite(&mut out, doc);
        for abschnitt in &doc.abschnitte {
            self.abschnitt(&mut out, abschnitt);
        }
        out.push_str(
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFuss1\"/>\
             <w:footerReference w:type=\"first\" r:id=\"rIdFuss2\"/>\
             <w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
             <w:pgMar w:top=\"1417\" w:right=\"1417\" w:bottom=\"1417\" w:left=\"1417\" w:header=\"709\" \
             w:footer=\"709\" w:gutter=\"0\"/><w:cols w:space=\"708\"/><w:titlePg/>\
             <w:docGrid w:linePitch=\"360\"/></w:sectPr></w:body></w:document>",
        );
        out
    }

    fn titelseite(&mut self, out: &mut String, doc: &Dokument) {
        absatz(out, "Title", "", &doc.titel);
        for kommune in doc.kommunen.iter().filter(|k| !k.trim().is_empty()) {
            absatz(out, "Subtitle", "", kommune);
        }
        for angabe in [&doc.status, &doc.stand, &doc.hinweis] {
            if !angabe.trim().is_empty() {
                absatz(out, "Titelangaben", "", angabe);
            }
        }
        self.seitenumbruch = true;
    }

    /// The paragraph properties after `w:pStyle`, in schema order: keep with next, the
    /// page break after the title page, list numbering, and space above the first paragraph
    /// after a table (headings have their own).
    fn ppr(&mut self, keep_next: bool, liste: Option<usize>, ueberschrift: bool) -> String {
        let mut p = String::new();
        if keep_next {
            p.push_str("<w:keepNext/>");
        }
        if std::mem::take(&mut self.seitenumbruch) {
            p.push_str("<w:pageBreakBefore/>");
        }
        if let Some(n) = liste {
            let _ = write!(
                p,
                "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{n}\"/></w:numPr>"
            );
        }
        if std::mem::take(&mut self.nach_tabelle) && !ueberschrift {
            p.push_str("<w:spacing w:before=\"240\"/>");
        }
        p
    }

    fn abschnitt(&mut self, out: &mut String, abschnitt: &Abschnitt) {
        let ebene = abschnitt.ebene.clamp(1, 3);
        let ppr = self.ppr(false, None, true);
        absatz(out, &format!("Heading{ebene}"), &ppr, &abschnitt.titel);
        for block in &abschnitt.bloecke {
            match block {
                Block::Absatz { inhalt } => {
                    let ppr = self.ppr(false, None, false);
                    let _ = write!(out, "<w:p><w:pPr><w:pStyle w:val=\"Textkoerper\"/>{ppr}</w:pPr>");
                    self.inlines(out, inhalt);
                    out.push_str("</w:p>");
                }
                Block::Liste { nummeriert, punkte } => self.liste(out, *nummeriert, punkte),
                Block::Tabelle(t) => self.tabelle(out, t),
                Block::Grafik(g) => self.grafik(out, g),
            }
        }
    }

    fn inlines(&mut self, out: &mut String, inhalt: &[Inline]) {
        for inline in inhalt {
            match inline {
                Inline::Text { text } => run(out, "", text),
                Inline::Fett { text } => run(out, "<w:b/><w:bCs/>", text),
                Inline::Kursiv { text } => run(out, "<w:i/><w:iCs/>", text),
                Inline::Fussnote { text } => {
                    let id = self.fussnote(text);
                    let _ = write!(
                        out,
                        "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>\
                         <w:footnoteReference w:id=\"{id}\"/></w:r>"
                    );
                }
                Inline::Link { text, ziel } => match link_adresse(ziel) {
                    Some(adresse) => {
                        self.links.push(adresse);
                        let _ = write!(
                            out,
                            "<w:hyperlink r:id=\"rIdLink{}\" w:history=\"1\">",
                            self.links.len()
                        );
                        // A link without text shows its address.
                        let sichtbar = if text.trim().is_empty() { ziel } else { text };
                        run(out, "<w:rStyle w:val=\"Hyperlink\"/>", sichtbar);
                        out.push_str("</w:hyperlink>");
                    }
                    None => run(out, "", text),
                },
            }
        }
    }

    fn fussnote(&mut self, text: &str) -> u32 {
        self.n_fussnoten += 1;
        let id = self.n_fussnoten;
        let _ = write!(
            self.fussnoten,
            "<w:footnote w:id=\"{id}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>\
             <w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>\
             <w:r><w:t xml:space=\"preserve\"> </w:t></w:r>"
        );
        let mut inhalt = String::new();
        run(&mut inhalt, "", text);
        self.fussnoten.push_str(&inhalt);
        self.fussnoten.push_str("</w:p></w:footnote>");
        id
    }

    fn liste(&mut self, out: &mut String, nummeriert: bool, punkte: &[Vec<Inline>]) {
        if punkte.is_empty() {
            return;
        }
        self.listen.push(nummeriert);
        let num_id = self.listen.len();
        for punkt in punkte {
            let ppr = self.ppr(false, Some(num_id), false);
            let _ = write!(
                out,
                "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/>{ppr}</w:pPr>"
            );
            self.inlines(out, punkt);
            out.push_str("</w:p>");
        }
    }

    fn tabelle(&mut self, out: &mut String, t: &Tabelle) {
        self.n_tabellen += 1;
        let spalten = t
            .zeilen
            .iter()
            .map(Vec::len)
            .chain([t.kopf.len()])
            .max()
            .unwrap_or(0);
        let ppr = self.ppr(true, None, false);
        let mut beschriftung = format!("Tabelle {}", self.n_tabellen);
        if !t.beschriftung.trim().is_empty() {
            beschriftung.push_str(": ");
            beschriftung.push_str(&t.beschriftung);
        }
        absatz(out, "Caption", &ppr, &beschriftung);
        if spalten == 0 {
            return;
        }
        let breiten = aufteilen(TEXTBREITE, &spaltenanteile(&t.breiten, spalten));
        let rand = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"";
        let _ = write!(
            out,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{TEXTBREITE}\" w:type=\"dxa\"/>\
             <w:tblBorders><w:top {rand}/><w:left {rand}/><w:bottom {rand}/><w:right {rand}/>\
             <w:insideH {rand}/><w:insideV {rand}/></w:tblBorders><w:tblLayout w:type=\"fixed\"/>\
             <w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/>\
             <w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>\
             <w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" \
             w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        );
        for b in &breiten {
            let _ = write!(out, "<w:gridCol w:w=\"{b}\"/>");
        }
        out.push_str("</w:tblGrid>");
        let zeile = |out: &mut String, zellen: &[String], kopf: bool| {
            out.push_str("<w:tr>");
            if kopf {
                out.push_str("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            } else {
                out.push_str("<w:trPr><w:cantSplit/></w:trPr>");
            }
            for (i, b) in breiten.iter().enumerate() {
                let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{b}\" w:type=\"dxa\"/>");
                if kopf {
                    out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E3EAF1\"/>");
                }
                out.push_str("</w:tcPr>");
                let stil = if kopf { "Tabellenkopf" } else { "Tabelleninhalt" };
                absatz(out, stil, "", zellen.get(i).map_or("", String::as_str));
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        };
        if !t.kopf.is_empty() {
            zeile(out, &t.kopf, true);
        }
        for z in &t.zeilen {
            zeile(out, z, false);
        }
        out.push_str("</w:tbl>");
        self.nach_tabelle = true;
    }

    fn grafik(&mut self, out: &mut String, g: &Grafik) {
        self.n_grafiken += 1;
        let n = self.n_grafiken;
        let ppr = self.ppr(false, None, false);
        match raster::png(&g.svg, 2.0) {
            Ok(bild) => {
                let name = format!("chart{n}.png");
                self.bilder.push((name.clone(), bild.png));
                let rid = format!("rIdBild{}", self.bilder.len());
                let (b_cm, h_cm) = raster::anzeige_cm(bild.breite, bild.hoehe, 16.0, 20.0);
                let (cx, cy) = (
                    (b_cm * EMU_PRO_CM).round() as u64,
                    (h_cm * EMU_PRO_CM).round() as u64,
                );
                let alt = escape(&g.alt);
                let _ = write!(
                    out,
                    "<w:p><w:pPr><w:pStyle w:val=\"Grafik\"/>{ppr}</w:pPr><w:r><w:drawing>\
                     <wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
                     <wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
                     <wp:docPr id=\"{n}\" name=\"Abbildung {n}\" descr=\"{alt}\"/>\
                     <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
                     <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
                     <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"{name}\" descr=\"{alt}\"/><pic:cNvPicPr/>\
                     </pic:nvPicPr><pic:blipFill><a:blip r:embed=\"{rid}\"/><a:stretch><a:fillRect/></a:stretch>\
                     </pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
                     <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>\
                     </a:graphic></wp:inline></w:drawing></w:r></w:p>"
                );
            }
            // The server's SVG could not be read: the alt text stands in for the chart.
            Err(_) => absatz(out, "Grafik", &ppr, &g.alt),
        }
        let mut beschriftung = format!("Abbildung {n}");
        if !g.beschriftung.trim().is_empty() {
            beschriftung.push_str(": ");
            beschriftung.push_str(&g.beschriftung);
        }
        absatz(out, "Caption", "", &beschriftung);
    }

    fn rels(&self) -> String {
        let mut out = String::from(XML_KOPF);
        out.push_str(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
        );
        for (id, typ, ziel) in [
            ("rIdStile", "styles", "styles.xml"),
            ("rIdNummern", "numbering", "numbering.xml"),
            ("rIdFussnoten", "footnotes", "footnotes.xml"),
            ("rIdEinstellungen", "settings", "settings.xml"),
            ("rIdSchriften", "fontTable", "fontTable.xml"),
            ("rIdFuss1", "footer", "footer1.xml"),
            ("rIdFuss2", "footer", "footer2.xml"),
        ] {
            let _ = write!(
                out,
                "<Relationship Id=\"{id}\" Type=\"{NS_R}/{typ}\" Target=\"{ziel}\"/>"
            );
        }
        for (i, (name, _)) in self.bilder.iter().enumerate() {
            let _ = write!(
                out,
                "<Relationship Id=\"rIdBild{}\" Type=\"{NS_R}/image\" Target=\"media/{name}\"/>",
                i + 1
            );
        }
        for (i, ziel) in self.links.iter().enumerate() {
            let _ = write!(
                out,
                "<Relationship Id=\"rIdLink{}\" Type=\"{NS_R}/hyperlink\" Target=\"{}\" TargetMode=\"External\"/>",
                i + 1,
                escape(ziel)
            );
        }
        out.push_str("</Relationships>");
        out
    }

    fn numbering(&self) -> String {
        let mut out = String::from(XML_KOPF);
        let _ = write!(out, "<w:numbering xmlns:w=\"{NS_W}\">");
        // 1: bullets, 2: decimal numbers.
        for (id, format, text, schrift) in [
            (
                1,
                "bullet",
                "\u{2022}",
                "<w:rPr><w:rFonts w:ascii=\"Noto Sans\" w:hAnsi=\"Noto Sans\"/></w:rPr>",
            ),
            (2, "decimal", "%1.", ""),
        ] {
            let _ = write!(
                out,
                "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"singleLevel\"/>\
                 <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/>\
                 <w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
                 <w:pPr><w:ind w:left=\"567\" w:hanging=\"397\"/></w:pPr>{schrift}</w:lvl></w:abstractNum>"
            );
        }
        for (i, nummeriert) in self.listen.iter().enumerate() {
            let num_id = i + 1;
            if *nummeriert {
                // startOverride makes every numbered list start again at 1.
                let _ = write!(
                    out,
                    "<w:num w:numId=\"{num_id}\"><w:abstractNumId w:val=\"2\"/><w:lvlOverride w:ilvl=\"0\">\
                     <w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
                );
            } else {
                let _ = write!(
                    out,
                    "<w:num w:numId=\"{num_id}\"><w:abstractNumId w:val=\"1\"/></w:num>"
                );
            }
        }
        out.push_str("</w:numbering>");
        out
    }

    fn footnotes(&self) -> String {
        let mut out = String::from(XML_KOPF);
        let _ = write!(
            out,
            "<w:footnotes xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\">\
             <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" \
             w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>\
             <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" \
             w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
        );
        out.push_str(&self.fussnoten);
        out.push_str("</w:footnotes>");
        out
    }
}

fn content_types() -> String {
    let mut out = String::from(XML_KOPF);
    out.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Default Extension=\"png\" ContentType=\"image/png\"/>",
    );
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (teil, typ) in [
        ("/word/document.xml", format!("{wml}.document.main+xml")),
        ("/word/styles.xml", format!("{wml}.styles+xml")),
        ("/word/numbering.xml", format!("{wml}.numbering+xml")),
        ("/word/footnotes.xml", format!("{wml}.footnotes+xml")),
        ("/word/settings.xml", format!("{wml}.settings+xml")),
        ("/word/fontTable.xml", format!("{wml}.fontTable+xml")),
        ("/word/footer1.xml", format!("{wml}.footer+xml")),
        ("/word/footer2.xml", format!("{wml}.footer+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ] {
        let _ = write!(out, "<Override PartName=\"{teil}\" ContentType=\"{typ}\"/>");
    }
    out.push_str("</Types>");
    out
}

const PAKET_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const APP_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>Werkstatt</Application><DocSecurity>0</DocSecurity></Properties>";

fn core_xml(doc: &Dokument, sprache: &str) -> String {
    let kommunen: Vec<&str> = doc
        .kommunen
        .iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty())
        .collect();
    format!(
        "{XML_KOPF}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:description>{}</dc:description>\
         <dc:language>{}</dc:language><cp:contentStatus>{}</cp:contentStatus></cp:coreProperties>",
        escape(&doc.titel),
        escape(&kommunen.join(", ")),
        escape(&doc.hinweis),
        escape(sprache),
        escape(&doc.status),
    )
}

fn settings_xml(sprache: &str) -> String {
    format!(
        "{XML_KOPF}<w:settings xmlns:w=\"{NS_W}\"><w:zoom w:percent=\"100\"/>\
         <w:defaultTabStop w:val=\"709\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" \
         w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"{}\"/><w:decimalSymbol w:val=\",\"/>\
         <w:listSeparator w:val=\";\"/></w:settings>",
        escape(sprache)
    )
}

const FONT_TABLE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:font w:name=\"Noto Sans\"><w:altName w:val=\"Arial\"/><w:charset w:val=\"00\"/><w:family w:val=\"swiss\"/>\
<w:pitch w:val=\"variable\"/></w:font></w:fonts>";

const FUSSZEILE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"center\"/></w:pPr>\
<w:r><w:t xml:space=\"preserve\">Seite </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:ftr>";

/// The title page has no page number.
const FUSSZEILE_TITELSEITE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr></w:p></w:ftr>";

fn styles_xml(sprache: &str) -> String {
    let sprache = escape(sprache);
    let schrift =
        "<w:rFonts w:ascii=\"Noto Sans\" w:hAnsi=\"Noto Sans\" w:eastAsia=\"Noto Sans\" w:cs=\"Noto Sans\"/>";
    let mut out = String::from(XML_KOPF);
    let _ = write!(
        out,
        "<w:styles xmlns:w=\"{NS_W}\"><w:docDefaults><w:rPrDefault><w:rPr>{schrift}\
         <w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"{sprache}\" w:eastAsia=\"{sprache}\" \
         w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>\
         <w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    );
    let ueberschrift = "1F3F5F";
    let stile = [
        // (type, id, name, extra elements after name, pPr, rPr)
        (
            "paragraph\" w:default=\"1",
            "Normal",
            "Normal",
            "<w:qFormat/>",
            "",
            "",
        ),
        (
            "character\" w:default=\"1",
            "DefaultParagraphFont",
            "Default Paragraph Font",
            "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/>",
            "",
            "",
        ),
        (
            "table\" w:default=\"1",
            "TableNormal",
            "Normal Table",
            "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>",
            "",
            "",
        ),
        (
            "numbering\" w:default=\"1",
            "NoList",
            "No List",
            "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>",
            "",
            "",
        ),
        (
            "paragraph",
            "Title",
            "Title",
            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Subtitle\"/><w:uiPriority w:val=\"10\"/><w:qFormat/>",
            "<w:spacing w:before=\"3400\" w:after=\"480\" w:line=\"240\" w:lineRule=\"auto\"/>",
            &format!(
                "<w:b/><w:bCs/><w:color w:val=\"{ueberschrift}\"/><w:kern w:val=\"28\"/><w:sz w:val=\"52\"/><w:szCs w:val=\"52\"/>"
            ),
        ),
        (
            "paragraph",
            "Subtitle",
            "Subtitle",
            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"11\"/><w:qFormat/>",
            "<w:spacing w:after=\"240\"/>",
            "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>",
        ),
        (
            "paragraph",
            "Titelangaben",
            "Titelangaben",
            "<w:basedOn w:val=\"Normal\"/><w:qFormat/>",
            "<w:spacing w:after=\"80\"/>",
            "<w:color w:val=\"404040\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>",
        ),
        (
            "paragraph",
            "Heading1",
            "heading 1",
            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Textkoerper\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>",
            "<w:keepNext/><w:keepLines/><w:spacing w:before=\"480\" w:after=\"160\"/><w:outlineLvl w:val=\"0\"/>",
            &format!(
                "<w:b/><w:bCs/><w:color w:val=\"{ueberschrift}\"/><w:sz w:val=\"34\"/><w:szCs w:val=\"34\"/>"
            ),
        ),
        (
            "paragraph",
            "Heading2",
            "heading 2",
            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Textkoerper\"/><w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/>",
            "<w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/>",
            &format!(
                "<w:b/><w:bCs/><w:color w:val=\"{ueberschrift}\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"
            ),
        ),
        (
            "paragraph",
            "Heading3",
            "heading 3",
            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Textkoerper\"/><w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/>",
            "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/>",
            &format!(
                "<w:b/><w:bCs/><w:color w:val=\"{ueberschrift}\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"
            ),
        ),
        (
            "paragraph",
            "Textkoerper",
            "Body Text",
            "<w:basedOn w:val=\"Normal\"/><w:qFormat/>",
            "",
            "",
        ),
        (
            "paragraph",
            "ListParagraph",
            "List Paragraph",
            "<w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"34\"/><w:qFormat/>",
            "<w:spacing w:after=\"60\"/><w:ind w:left=\"567\"/>",
            "",
        ),
        (
            "paragraph",
            "Caption",
            "caption",
            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"35\"/><w:unhideWhenUsed/><w:qFormat/>",
            "<w:spacing w:before=\"120\" w:after=\"200\"/>",
            "<w:i/><w:iCs/><w:color w:val=\"333333\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>",
        ),
        (
            "paragraph",
            "Grafik",
            "Grafik",
            "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Caption\"/>",
            "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"0\"/>",
            "",
        ),
        (
            "paragraph",
            "Tabelleninhalt",
            "Tabelleninhalt",
            "<w:basedOn w:val=\"Normal\"/>",
            "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"252\" w:lineRule=\"auto\"/>",
            "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>",
        ),
        (
            "paragraph",
            "Tabellenkopf",
            "Tabellenkopf",
            "<w:basedOn w:val=\"Tabelleninhalt\"/>",
            "<w:keepNext/>",
            "<w:b/><w:bCs/>",
        ),
        (
            "paragraph",
            "FootnoteText",
            "footnote text",
            "<w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>",
            "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
            "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>",
        ),
        (
            "character",
            "FootnoteReference",
            "footnote reference",
            "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>",
            "",
            "<w:vertAlign w:val=\"superscript\"/>",
        ),
        (
            "character",
            "Hyperlink",
            "Hyperlink",
            "<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>",
            "",
            "<w:color w:val=\"0B5394\"/><w:u w:val=\"single\"/>",
        ),
        (
            "paragraph",
            "Footer",
            "footer",
            "<w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>",
            "<w:spacing w:after=\"0\"/>",
            "<w:color w:val=\"404040\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>",
        ),
    ];
    for (typ, id, name, extra, ppr, rpr) in stile {
        let _ = write!(
            out,
            "<w:style w:type=\"{typ}\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{extra}"
        );
        if !ppr.is_empty() {
            let _ = write!(out, "<w:pPr>{ppr}</w:pPr>");
        }
        if !rpr.is_empty() {
            let _ = write!(out, "<w:rPr>{rpr}</w:rPr>");
        }
        out.push_str("</w:style>");
    }
    let rand = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"";
    let _ = write!(
        out,
        "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>\
         <w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr>\
         <w:tblPr><w:tblBorders><w:top {rand}/><w:left {rand}/><w:bottom {rand}/><w:right {rand}/>\
         <w:insideH {rand}/><w:insideV {rand}/></w:tblBorders></w:tblPr></w:style></w:styles>"
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

    const W: &str = NS_W;

    fn teil<'a>(teile: &'a [(String, String)], name: &str) -> &'a str {
        teile
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, x)| x.as_str())
            .unwrap_or_else(|| panic!("{name} fehlt"))
    }

    /// The visible text of a WordprocessingML part, one line per paragraph.
    fn text_von(xml: &str) -> String {
        fn sammeln(n: roxmltree::Node, out: &mut String) {
            for k in n
                .children()
                .filter(|k| k.is_element() && k.tag_name().namespace() == Some(W))
            {
                match k.tag_name().name() {
                    "t" => out.push_str(k.text().unwrap_or("")),
                    "tab" => out.push('\t'),
                    "br" => out.push('\n'),
                    "p" => {
                        sammeln(k, out);
                        out.push('\n');
                    }
                    _ => sammeln(k, out),
                }
            }
        }
        let doc = roxmltree::Document::parse(xml).expect("wohlgeformt");
        let mut out = String::new();
        sammeln(doc.root(), &mut out);
        out
    }

    fn werte<'a>(doc: &'a roxmltree::Document, element: &str, ns: &str, attr: (&str, &str)) -> Vec<&'a str> {
        doc.descendants()
            .filter(|n| n.tag_name().name() == element && n.tag_name().namespace() == Some(ns))
            .filter_map(|n| n.attribute(attr))
            .collect()
    }

    /// Everything Word needs to find: parts, relationships, styles, lists, footnotes.
    fn verweise_pruefen(docx: &[u8]) {
        let namen: HashSet<String> = eintraege(docx).into_iter().map(|(n, _, _)| n).collect();
        let teile = xml_teile(docx);
        let typen = roxmltree::Document::parse(teil(&teile, "[Content_Types].xml")).unwrap();
        for teil_name in typen.descendants().filter_map(|n| n.attribute("PartName")) {
            assert!(
                namen.contains(teil_name.trim_start_matches('/')),
                "{teil_name} fehlt"
            );
        }
        let rels = roxmltree::Document::parse(teil(&teile, "word/_rels/document.xml.rels")).unwrap();
        let mut rel_ids = HashSet::new();
        for r in rels.descendants().filter(|n| n.has_tag_name("Relationship")) {
            assert!(rel_ids.insert(r.attribute("Id").unwrap()), "doppelte Id");
            let ziel = r.attribute("Target").unwrap();
            if r.attribute("TargetMode") == Some("External") {
                assert!(ziel.is_ascii() && !ziel.contains(' '), "{ziel}");
            } else {
                assert!(namen.contains(&format!("word/{ziel}")), "{ziel} fehlt");
            }
        }
        let stile = roxmltree::Document::parse(teil(&teile, "word/styles.xml")).unwrap();
        let stil_ids: HashSet<&str> = werte(&stile, "style", W, (W, "styleId")).into_iter().collect();
        for name in ["Heading1", "Heading2", "Heading3", "Title"] {
            assert!(stil_ids.contains(name));
        }
        let nummern = roxmltree::Document::parse(teil(&teile, "word/numbering.xml")).unwrap();
        let num_ids: HashSet<&str> = werte(&nummern, "num", W, (W, "numId")).into_iter().collect();
        let fussnoten = roxmltree::Document::parse(teil(&teile, "word/footnotes.xml")).unwrap();
        let fn_ids: HashSet<&str> = werte(&fussnoten, "footnote", W, (W, "id")).into_iter().collect();
        assert!(fn_ids.contains("-1") && fn_ids.contains("0"), "Trenn-Fußnoten");
        for name in [
            "word/document.xml",
            "word/footnotes.xml",
            "word/footer1.xml",
            "word/footer2.xml",
        ] {
            let d = roxmltree::Document::parse(teil(&teile, name)).unwrap();
            for s in ["pStyle", "rStyle", "tblStyle"]
                .iter()
                .flat_map(|e| werte(&d, e, W, (W, "val")))
            {
                assert!(stil_ids.contains(s), "Stil {s} fehlt");
            }
            for n in werte(&d, "numId", W, (W, "val")) {
                assert!(num_ids.contains(n), "Liste {n} fehlt");
            }
            for f in werte(&d, "footnoteReference", W, (W, "id")) {
                assert!(fn_ids.contains(f), "Fußnote {f} fehlt");
            }
            for n in d.descendants() {
                for a in n.attributes().filter(|a| a.namespace() == Some(NS_R)) {
                    assert!(rel_ids.contains(a.value()), "Beziehung {} fehlt", a.value());
                }
            }
        }
    }

    #[test]
    fn beispiel_ist_vollstaendiges_paket() {
        let docx = render(&beispiel()).unwrap();
        assert_eq!(
            docx,
            render(&beispiel()).unwrap(),
            "gleiche Eingabe, gleiche Datei"
        );
        verweise_pruefen(&docx);
        let teile = xml_teile(&docx);
        let dokument = teil(&teile, "word/document.xml");
        let text = text_von(dokument);
        let d = beispiel();
        assert!(text.contains(&d.titel));
        for a in &d.abschnitte {
            assert!(text.contains(&a.titel));
        }
        assert!(text.contains(
            "Die Verbandsgemeinde Musterland will die Digitalisierung gestalten. Mehr unter rlp.de."
        ));
        assert!(text.contains("Tabelle 1: Maßnahmen im Handlungsfeld Bildung und Jugend"));
        assert!(text.contains("Abbildung 1: Punkte je Maßnahme"));
        assert!(text_von(teil(&teile, "word/footnotes.xml")).contains("Beschluss des Rates vom 12.03.2026."));
        // Column widths 3:1:1 of 16 cm; the header row repeats.
        assert!(
            dokument.contains("<w:gridCol w:w=\"5443\"/><w:gridCol w:w=\"1815\"/><w:gridCol w:w=\"1814\"/>")
        );
        assert!(dokument.contains("<w:tblHeader/>"));
        assert!(dokument.contains("descr=\"Balkendiagramm: WLAN in Schulen 5 Punkte\""));
        // Two lists, the numbered one restarts.
        let nummern = teil(&teile, "word/numbering.xml");
        assert!(nummern.contains("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>"));
        assert!(nummern.contains("<w:num w:numId=\"2\"><w:abstractNumId w:val=\"2\"/><w:lvlOverride"));
        let rels = teil(&teile, "word/_rels/document.xml.rels");
        assert!(rels.contains("Target=\"https://www.rlp.de\" TargetMode=\"External\""));
        let stile = teil(&teile, "word/styles.xml");
        assert!(
            stile.contains("<w:name w:val=\"heading 1\"/>") && stile.contains("<w:outlineLvl w:val=\"0\"/>")
        );
        assert!(stile.contains("<w:lang w:val=\"de-DE\""));
        assert!(teil(&teile, "docProps/core.xml").contains(&format!("<dc:title>{}</dc:title>", d.titel)));
        let png = eintraege(&docx)
            .into_iter()
            .find(|(n, _, _)| n == "word/media/chart1.png")
            .expect("Bild");
        assert!(png.1.starts_with(b"\x89PNG"));
    }

    #[test]
    fn boese_texte_bleiben_text() {
        let doc = boeses_dokument();
        let docx = render(&doc).unwrap();
        verweise_pruefen(&docx);
        let teile = xml_teile(&docx);
        let text = text_von(teil(&teile, "word/document.xml"));
        let fussnoten = text_von(teil(&teile, "word/footnotes.xml"));
        for (i, t) in boese_texte().iter().enumerate() {
            let t = erwartet(t);
            for vorn in [
                "Kapitel", "Text", "Fett", "Kursiv", "Link", "Punkt", "Kopf", "Zelle",
            ] {
                assert!(
                    text.contains(&format!("{vorn} {i}: {t}")) || vorn == "Kapitel",
                    "{vorn} {i}: {t:?}"
                );
            }
            assert!(text.contains(&format!("Kapitel {i} {t}")), "Kapitel {i}");
            assert!(
                text.contains(&format!("Tabelle {}: Tabelle {i}: {t}", i + 1)),
                "Tabellentitel {i}"
            );
            assert!(fussnoten.contains(&format!("Fußnote {i}: {t}")), "Fußnote {i}");
        }
        assert!(text.contains(&erwartet(&doc.titel)));
        assert!(text.contains(&langer_absatz()));
        assert!(text.contains("   führende Leerzeichen  und nach Fett"));
        assert!(
            text.contains("Kaputte Grafik <alt>\nAbbildung 2: Kaputt"),
            "Alt-Text statt kaputter Grafik"
        );
        let dokument = roxmltree::Document::parse(teil(&teile, "word/document.xml")).unwrap();
        let alt: Vec<&str> = dokument
            .descendants()
            .filter(|n| n.has_tag_name("docPr"))
            .filter_map(|n| n.attribute("descr"))
            .collect();
        assert_eq!(alt, ["Alt \"<&>\" ]]> "]);
        let core = roxmltree::Document::parse(teil(&teile, "docProps/core.xml")).unwrap();
        assert_eq!(
            core.descendants()
                .find(|n| n.has_tag_name("title"))
                .and_then(|n| n.text()),
            Some(erwartet(&doc.titel).as_str())
        );
        // The unusable language tag became German; the unsafe link became plain text.
        assert!(teil(&teile, "word/styles.xml").contains("w:val=\"de-DE\""));
        assert!(!teil(&teile, "word/_rels/document.xml.rels").contains("javascript"));
        assert!(
            teil(&teile, "word/_rels/document.xml.rels")
                .contains("Target=\"https://example.org/?a=1&amp;b=&apos;2&apos;#x\"")
        );
    }

    #[test]
    fn libreoffice_liest_docx() {
        crate::xml::testhilfe::libreoffice_pruefen("docx", render);
    }
}
