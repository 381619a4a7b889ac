//! The typst `World` of the PDF export: a closed, in-memory world with exactly two files
//! (the template `/vorlage.typ` and the document data `/daten.json`) and the fonts bundled
//! in `crates/export/fonts/`. No file system, no system fonts, no packages, no network.
//!
//! Everything that does not depend on the document (the standard library, the parsed
//! template, the font book and the parsed fonts) is built once per process and shared by
//! all renders, so repeated exports neither re-parse fonts nor rebuild the library.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The template. It reads the document with `json("/daten.json")` and shows every string
/// as text; nothing from the document is ever evaluated as typst markup or code.
const VORLAGE_TEXT: &str = include_str!("vorlage.typ");

struct Schriften {
    buch: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SCHRIFTEN: LazyLock<Schriften> = LazyLock::new(|| {
    let fonts: Vec<Font> = crate::SCHRIFTDATEIEN
        .iter()
        .flat_map(|daten| Font::iter(Bytes::new(*daten)))
        .collect();
    Schriften {
        buch: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static BIBLIOTHEK: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

fn datei_id(pfad: &str) -> FileId {
    // The paths are constants, so this cannot fail; a broken constant shows up in every test.
    let vpath = VirtualPath::new(pfad).unwrap_or_else(|_| unreachable!("ungültiger fester Pfad {pfad}"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

static VORLAGE_ID: LazyLock<FileId> = LazyLock::new(|| datei_id("/vorlage.typ"));
static DATEN_ID: LazyLock<FileId> = LazyLock::new(|| datei_id("/daten.json"));
static VORLAGE: LazyLock<Source> = LazyLock::new(|| Source::new(*VORLAGE_ID, VORLAGE_TEXT.to_owned()));

/// Forces the shared parts to load (fonts, library, template). Cheap after the first call.
pub(super) fn vorbereiten() -> usize {
    LazyLock::force(&BIBLIOTHEK);
    LazyLock::force(&VORLAGE);
    SCHRIFTEN.fonts.len()
}

/// The world of one render: the shared parts plus this document's JSON.
pub(super) struct Welt {
    daten: Bytes,
}

impl Welt {
    pub(super) fn neu(json: Vec<u8>) -> Self {
        Welt {
            daten: Bytes::new(json),
        }
    }

    /// Line number (1-based) in the template for a byte offset, for error messages.
    pub(super) fn vorlagen_zeile(&self, id: Option<FileId>, byte: usize) -> Option<usize> {
        (id == Some(*VORLAGE_ID)).then(|| {
            VORLAGE_TEXT[..byte.min(VORLAGE_TEXT.len())]
                .lines()
                .count()
                .max(1)
        })
    }
}

fn nicht_gefunden(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}

impl World for Welt {
    fn library(&self) -> &LazyHash<Library> {
        &BIBLIOTHEK
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SCHRIFTEN.buch
    }

    fn main(&self) -> FileId {
        *VORLAGE_ID
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == *VORLAGE_ID {
            Ok(VORLAGE.clone())
        } else if id == *DATEN_ID {
            Err(FileError::NotSource)
        } else {
            Err(nicht_gefunden(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *DATEN_ID {
            Ok(self.daten.clone())
        } else if id == *VORLAGE_ID {
            Ok(Bytes::from_string(VORLAGE.clone()))
        } else {
            Err(nicht_gefunden(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SCHRIFTEN.fonts.get(index).cloned()
    }

    /// No clock: the output depends on the document only (the template does not use
    /// `datetime.today()`; the "Stand" comes from the document).
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
