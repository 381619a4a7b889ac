//! PDF export with typst 0.15 embedded as a library.
//!
//! The document goes to typst as **data**: it is serialised to JSON, placed in the
//! in-memory file system as `/daten.json`, and the fixed template (`vorlage.typ`) reads it
//! with `json(...)`. Strings from JSON are shown as text, never parsed as markup, so user
//! text such as `#import "x"`, `$x$`, `*a*` or `<label>` appears literally. Nothing is ever
//! spliced into typst source.
//!
//! Output: A4, title page, table of contents, numbered headings (also as PDF bookmarks),
//! "Seite N von M" in the footer, language and title metadata, tagged PDF. PDF/UA-1 is
//! requested first; if typst refuses it for some content, the export falls back to the
//! ordinary tagged PDF (see [`pdf_schreiben`]).

mod welt;

use std::borrow::Cow;

use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst::{WorldExt, ecow::EcoVec};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};
use werkstatt_core::strategie::dokument::{link_erlaubt, svg_masse};
use werkstatt_core::strategie::{Block, Dokument, Inline};

use self::welt::Welt;
use crate::ExportError;

/// Renders `doc` as a PDF file.
pub fn render(doc: &Dokument) -> Result<Vec<u8>, ExportError> {
    let ergebnis = match setzen(doc, true) {
        // A chart the SVG renderer cannot read must not cost the whole export: retry with
        // the charts replaced by their text alternative (every chart also has a table).
        Err(_) if hat_grafik(doc) => setzen(doc, false),
        sonst => sonst,
    };
    // typst memoises layout results in a process-wide cache (comemo). Results not used in
    // the last few renders are dropped so that memory stays flat over many exports while
    // the next export of a similar document still profits from the cache.
    typst::comemo::evict(CACHE_ALTER);
    ergebnis.map_err(ExportError::Pdf)
}

/// How many renders a cached typst result survives without being used again.
const CACHE_ALTER: usize = 2;

/// Loads the fonts, the standard library and the template now instead of on the first
/// export (e.g. at server start). Returns the number of fonts.
pub fn vorbereiten() -> usize {
    welt::vorbereiten()
}

fn hat_grafik(doc: &Dokument) -> bool {
    doc.abschnitte
        .iter()
        .flat_map(|a| &a.bloecke)
        .any(|b| matches!(b, Block::Grafik(_)))
}

/// Compiles the template against `doc` and writes the PDF.
fn setzen(doc: &Dokument, mit_svg: bool) -> Result<Vec<u8>, String> {
    let json = serde_json::to_vec(&daten(doc, mit_svg)).map_err(|e| e.to_string())?;
    let welt = Welt::neu(json);
    let dokument = typst::compile::<PagedDocument>(&welt)
        .output
        .map_err(|d| meldung(&welt, &d))?;
    pdf_schreiben(&dokument).map_err(|d| meldung(&welt, &d))
}

/// Writes the laid-out document as PDF/UA-1 if typst accepts it, else as ordinary tagged
/// PDF. typst refuses PDF/UA-1 when it cannot make the content conformant; with this
/// template the one case seen is text with characters that none of the bundled fonts has
/// (e.g. colour emoji such as 🎉, drawn as an empty box). Such documents are still
/// exported, tagged as far as typst can (structure tree, language, alternative texts).
/// This costs a second PDF export step, not a second layout.
fn pdf_schreiben(dokument: &PagedDocument) -> Result<Vec<u8>, EcoVec<SourceDiagnostic>> {
    if let Ok(standards) = PdfStandards::new(&[PdfStandard::Ua_1]) {
        let optionen = PdfOptions {
            standards,
            ..optionen()
        };
        if let Ok(pdf) = typst_pdf::pdf(dokument, &optionen) {
            return Ok(pdf);
        }
    }
    typst_pdf::pdf(dokument, &optionen())
}

fn optionen() -> PdfOptions {
    PdfOptions {
        creator: Smart::Custom(Some("Werkstatt".into())),
        tagged: true,
        ..PdfOptions::default()
    }
}

/// Turns typst's diagnostics into one line (they point at the template, never at user
/// text, which is not source code).
fn meldung(welt: &Welt, diagnosen: &[SourceDiagnostic]) -> String {
    diagnosen
        .iter()
        .map(|d| {
            let zeile = welt
                .range(d.span)
                .and_then(|r| welt.vorlagen_zeile(d.span.id(), r.start));
            match zeile {
                Some(z) => format!("{} (vorlage.typ:{z})", d.message),
                None => d.message.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The JSON the template reads: `{"meta": {...}, "dok": <Dokument>}`, with the document
/// prepared for typesetting (see [`aufbereiten`]).
fn daten(doc: &Dokument, mit_svg: bool) -> serde_json::Value {
    let lang = sprache(&doc.sprache);
    let englisch = lang == "en";
    let titel = if doc.titel.trim().is_empty() {
        "Digitalstrategie"
    } else {
        doc.titel.trim()
    };
    let fusszeile = kuerzen(titel, 90);
    serde_json::json!({
        "meta": {
            "titel": titel,
            "autoren": doc.kommunen.iter().filter(|k| !k.trim().is_empty()).collect::<Vec<_>>(),
            "lang": lang,
            "inhalt": if englisch { "Contents" } else { "Inhalt" },
            "seite": if englisch { "Page" } else { "Seite" },
            "von": if englisch { "of" } else { "von" },
            "fusszeile": umbrechbar(&fusszeile),
        },
        "dok": aufbereiten(doc, mit_svg),
    })
}

/// The primary language subtag of a BCP 47 tag if typst accepts it, else German.
fn sprache(tag: &str) -> String {
    let primaer = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    if (2..=3).contains(&primaer.len()) && primaer.chars().all(|c| c.is_ascii_lowercase()) {
        primaer
    } else {
        "de".into()
    }
}

fn kuerzen(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut k: String = s.chars().take(max - 1).collect();
        k.push('…');
        k
    }
}

/// A copy of the document ready for the template: every text made breakable (see
/// [`umbrechbar`]), heading levels kept within 1..=3 without skipped levels, links that
/// are not allowed turned into plain text, chart sizes and alternative texts filled in.
fn aufbereiten(doc: &Dokument, mit_svg: bool) -> Dokument {
    let mut d = doc.clone();
    let u = |s: &mut String| {
        if let Cow::Owned(neu) = umbrechbar(s) {
            *s = neu;
        }
    };
    u(&mut d.titel);
    d.kommunen.iter_mut().for_each(u);
    u(&mut d.status);
    u(&mut d.stand);
    u(&mut d.hinweis);
    let mut vorige_ebene = 0;
    for a in &mut d.abschnitte {
        a.ebene = a.ebene.clamp(1, 3).min(vorige_ebene + 1);
        vorige_ebene = a.ebene;
        u(&mut a.titel);
        for b in &mut a.bloecke {
            match b {
                Block::Absatz { inhalt } => inhalt.iter_mut().for_each(inline_aufbereiten),
                Block::Liste { punkte, .. } => punkte.iter_mut().flatten().for_each(inline_aufbereiten),
                Block::Tabelle(t) => {
                    u(&mut t.beschriftung);
                    t.kopf.iter_mut().chain(t.zeilen.iter_mut().flatten()).for_each(u);
                }
                Block::Grafik(g) => {
                    if !(g.breite.is_finite() && g.breite > 0.0 && g.hoehe.is_finite() && g.hoehe > 0.0) {
                        (g.breite, g.hoehe) = svg_masse(&g.svg);
                    }
                    if g.alt.trim().is_empty() {
                        g.alt.clone_from(&g.beschriftung);
                    }
                    if !mit_svg {
                        g.svg.clear();
                    }
                    u(&mut g.beschriftung);
                    // `alt` stays as it is: it is read aloud, not laid out.
                }
            }
        }
    }
    d
}

fn inline_aufbereiten(i: &mut Inline) {
    if let Inline::Link { text, ziel } = i
        && !link_erlaubt(ziel)
    {
        *i = Inline::Text {
            text: std::mem::take(text),
        };
    }
    let text = match i {
        Inline::Text { text }
        | Inline::Fett { text }
        | Inline::Kursiv { text }
        | Inline::Fussnote { text }
        | Inline::Link { text, .. } => text,
    };
    if let Cow::Owned(neu) = umbrechbar(text) {
        *text = neu;
    }
}

/// Runs of more non-space characters than this get break opportunities.
const LANGES_WORT: usize = 30;
/// Distance between the inserted break opportunities.
const STUECK: usize = 12;
/// Zero-width space: marks a line-break opportunity. The template shows it as 0.01 pt of
/// spacing, so that the break works and no invisible character ends up in the PDF text.
const ZWSP: char = '\u{200B}';

/// typst never breaks a word that has no break opportunity, so a 300-character "word"
/// (a pasted URL, a hash, a keyboard accident) would run past the margin or out of its
/// table cell. Such runs get a zero-width space every [`STUECK`] characters; shorter
/// words are left to typst's hyphenation. Marks are only inserted between two simple
/// (Latin) characters, so no grapheme cluster, emoji sequence or combining mark is split.
fn umbrechbar(s: &str) -> Cow<'_, str> {
    let zu_lang = s
        .split(char::is_whitespace)
        .any(|w| w.chars().count() > LANGES_WORT);
    if !zu_lang {
        return Cow::Borrowed(s);
    }
    let einfach = |c: char| c.is_ascii_graphic() || ('\u{00C0}'..='\u{024F}').contains(&c);
    let mut aus = String::with_capacity(s.len() + s.len() / STUECK * 3);
    for stueck in s.split_inclusive(char::is_whitespace) {
        let wort = stueck.trim_end_matches(char::is_whitespace);
        if wort.chars().count() <= LANGES_WORT {
            aus.push_str(stueck);
            continue;
        }
        let mut lauf = 0;
        let mut vorher: Option<char> = None;
        for c in stueck.chars() {
            if c == ZWSP {
                lauf = 0;
            } else if lauf >= STUECK && vorher.is_some_and(einfach) && einfach(c) {
                aus.push(ZWSP);
                lauf = 0;
            }
            lauf += 1;
            aus.push(c);
            vorher = Some(c);
        }
    }
    Cow::Owned(aus)
}

#[cfg(test)]
mod tests;
