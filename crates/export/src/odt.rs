//! Placeholder: the odt renderer is being written.

use werkstatt_core::strategie::Dokument;

use crate::ExportError;

pub fn render(_doc: &Dokument) -> Result<Vec<u8>, ExportError> {
    Err(ExportError::NichtVerfuegbar("odt"))
}
