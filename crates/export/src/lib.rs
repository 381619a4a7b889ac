//! All document renderers of Werkstatt. Each takes the one document model
//! (`werkstatt_core::strategie::Dokument`) and returns the bytes of a file; none of them
//! does IO, and none interprets user text as markup.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod odt;
pub mod pdf;
pub mod raster;
pub mod xml;

use werkstatt_core::strategie::Dokument;

/// The bundled fonts, shared by the PDF typesetter and the chart rasteriser (see
/// `crates/export/fonts/README.md` for origin and licences). Noto Sans is the body font;
/// DejaVu Sans is the fallback for scripts Noto Sans lacks (Hebrew, Arabic, many symbols).
pub static SCHRIFTDATEIEN: [&[u8]; 6] = [
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../fonts/NotoSans-Italic.ttf"),
    include_bytes!("../fonts/NotoSans-BoldItalic.ttf"),
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
];

/// The formats a strategy can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Odt,
    Markdown,
    Html,
}

impl Format {
    pub const ALLE: [Format; 5] = [
        Format::Pdf,
        Format::Docx,
        Format::Odt,
        Format::Markdown,
        Format::Html,
    ];

    /// Parses the names used on the command line and in URLs (`pdf`, `docx`, `odt`, `md`, `html`).
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            "odt" => Some(Format::Odt),
            "md" | "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            _ => None,
        }
    }

    pub fn endung(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Format::Odt => "application/vnd.oasis.opendocument.text",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
        }
    }
}

/// Why a document could not be rendered. Renderers never fail on user text; these are
/// internal faults (a broken template, a font that did not load).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("PDF-Satz fehlgeschlagen: {0}")]
    Pdf(String),
    #[error("Archiv konnte nicht geschrieben werden: {0}")]
    Archiv(String),
    #[error("Format noch nicht verfügbar: {0}")]
    NichtVerfuegbar(&'static str),
}

/// Renders `doc` in `format`.
pub fn render(doc: &Dokument, format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Pdf => pdf::render(doc),
        Format::Docx => docx::render(doc),
        Format::Odt => odt::render(doc),
        Format::Markdown => Ok(markdown::render(doc).into_bytes()),
        Format::Html => Ok(html::render(doc).into_bytes()),
    }
}
