//! Real readers for exported documents: `pdftotext` (poppler-utils) for PDF and LibreOffice
//! (headless) for DOCX and ODT. `scripts/test.sh` installs both; a missing reader fails the
//! test with a message saying what to install.

use std::path::PathBuf;
use std::process::Command;

fn temp(endung: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("werkstatt-leser-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let datei = dir.join(format!("dokument.{endung}"));
    (dir, datei)
}

/// The text of a PDF as `pdftotext` extracts it.
pub fn pdf_text(bytes: &[u8]) -> String {
    let (dir, datei) = temp("pdf");
    std::fs::write(&datei, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&datei)
        .arg("-")
        .output()
        .expect("pdftotext fehlt: apt-get install poppler-utils (scripts/test.sh installiert es)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The number of pages `pdfinfo` reports.
pub fn pdf_seiten(bytes: &[u8]) -> usize {
    let (dir, datei) = temp("pdf");
    std::fs::write(&datei, bytes).unwrap();
    let out = Command::new("pdfinfo")
        .arg(&datei)
        .output()
        .expect("pdfinfo fehlt: apt-get install poppler-utils");
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo ohne Seitenzahl: {text}"))
}

/// Converts a DOCX or ODT with LibreOffice to plain text; fails when LibreOffice reports an
/// error or writes nothing.
pub fn office_text(bytes: &[u8], endung: &str) -> String {
    let (dir, datei) = temp(endung);
    std::fs::write(&datei, bytes).unwrap();
    let profil = format!("-env:UserInstallation=file://{}", dir.join("profil").display());
    let out = Command::new("soffice")
        .args([
            profil.as_str(),
            "--headless",
            "--norestore",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&datei)
        .output()
        .expect(
            "LibreOffice fehlt: apt-get install libreoffice-writer-nogui (scripts/test.sh installiert es)",
        );
    let txt = dir.join("dokument.txt");
    let text = std::fs::read_to_string(&txt).unwrap_or_else(|_| {
        panic!(
            "LibreOffice hat {endung} nicht umgewandelt: {} {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let _ = std::fs::remove_dir_all(&dir);
    text.trim_start_matches('\u{feff}').to_owned()
}

/// Collapses all whitespace (and soft hyphens) so that line breaks of a layout do not matter.
pub fn flach(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\u{ad}', "")
}

/// Removes every whitespace character: for words a layout had to break.
pub fn ohne_leerraum(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}' && *c != '-')
        .collect()
}
