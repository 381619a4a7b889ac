//! Placeholder: the html renderer is being written.

use werkstatt_core::strategie::Dokument;

pub fn render(doc: &Dokument) -> String {
    doc.titel.clone()
}
