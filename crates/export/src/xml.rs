//! Helpers shared by the DOCX and ODT renderers: escaping text for XML, splitting text at
//! line breaks and tabs, language tags, link addresses and writing the zip package.
//!
//! Every piece of user text that goes into an XML part passes through [`escape`] (or
//! [`push_escaped`]), so text is always character data and never markup.

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use crate::ExportError;

/// Is `c` allowed in an XML 1.0 document? (`#x9 | #xA | #xD | [#x20-#xD7FF] |
/// [#xE000-#xFFFD] | [#x10000-#x10FFFF]`; surrogates cannot occur in a Rust `char`.)
pub fn erlaubt(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `s` to `out` escaped for XML text and attribute values (`&`, `<`, `>`, `"` and
/// `'` as entities; tab, line feed and carriage return as character references so attribute
/// values keep them) and drops characters XML 1.0 does not allow.
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if erlaubt(c) => out.push(c),
            _ => {}
        }
    }
}

/// `s` escaped for XML (see [`push_escaped`]).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

/// A piece of text between line breaks and tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stueck<'a> {
    Text(&'a str),
    Zeilenumbruch,
    Tab,
}

/// Splits `s` into text, line breaks (`\n`, `\r\n`, `\r`) and tabs. Empty text pieces are
/// left out.
pub fn stuecke(s: &str) -> Vec<Stueck<'_>> {
    let mut teile = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' || b == b'\r' || b == b'\t' {
            if start < i {
                teile.push(Stueck::Text(&s[start..i]));
            }
            if b == b'\t' {
                teile.push(Stueck::Tab);
            } else {
                teile.push(Stueck::Zeilenumbruch);
                if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            start = i + 1;
        }
        i += 1;
    }
    if start < s.len() {
        teile.push(Stueck::Text(&s[start..]));
    }
    teile
}

/// Language and country of the document's BCP 47 tag (`"de"` → `("de", "DE")`,
/// `"en-GB"` → `("en", "GB")`). Anything unusable gives German.
pub fn sprache(tag: &str) -> (String, String) {
    let mut teile = tag.trim().split(['-', '_']);
    let sprache = teile.next().unwrap_or("").to_ascii_lowercase();
    if !(2..=3).contains(&sprache.len()) || !sprache.bytes().all(|b| b.is_ascii_lowercase()) {
        return ("de".into(), "DE".into());
    }
    let land = teile
        .find(|t| t.len() == 2 && t.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(|t| t.to_ascii_uppercase());
    let land = land.unwrap_or_else(|| match sprache.as_str() {
        "de" => "DE".into(),
        "en" => "GB".into(),
        "fr" => "FR".into(),
        _ => String::new(),
    });
    (sprache, land)
}

/// `"de-DE"` from the parts of [`sprache`].
pub fn sprach_tag(tag: &str) -> String {
    let (sprache, land) = sprache(tag);
    if land.is_empty() {
        sprache
    } else {
        format!("{sprache}-{land}")
    }
}

/// A link address as an ASCII URI for relationship targets and `xlink:href`: every byte
/// outside printable ASCII and the few ASCII characters not allowed in URIs are
/// percent-encoded. `None` if the address is not one a document may link to.
pub fn link_adresse(ziel: &str) -> Option<String> {
    if !werkstatt_core::strategie::dokument::link_erlaubt(ziel) {
        return None;
    }
    let mut out = String::with_capacity(ziel.len());
    for b in ziel.bytes() {
        if b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}')
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// Column widths as shares of the table width (summing to 1): the relative `breiten` of a
/// table if there is one per column (a 0 counts as 1), otherwise equal widths.
pub fn spaltenanteile(breiten: &[u8], spalten: usize) -> Vec<f64> {
    if spalten == 0 {
        return Vec::new();
    }
    if breiten.len() != spalten {
        return vec![1.0 / spalten as f64; spalten];
    }
    let summe: f64 = breiten.iter().map(|&b| f64::from(b.max(1))).sum();
    breiten.iter().map(|&b| f64::from(b.max(1)) / summe).collect()
}

/// Splits `gesamt` into whole parts proportional to `anteile`, summing exactly to `gesamt`.
pub fn aufteilen(gesamt: u32, anteile: &[f64]) -> Vec<u32> {
    let mut teile = Vec::with_capacity(anteile.len());
    let mut summe = 0.0;
    let mut bisher = 0u32;
    for a in anteile {
        summe += a;
        let bis = ((summe * f64::from(gesamt)).round() as u32).min(gesamt);
        teile.push(bis.saturating_sub(bisher));
        bisher = bis.max(bisher);
    }
    if let Some(letzte) = teile.last_mut() {
        *letzte += gesamt.saturating_sub(bisher);
    }
    teile
}

/// Collects the files of a zip package (DOCX and ODT are both zip files).
pub struct Paket {
    zip: ZipWriter<Cursor<Vec<u8>>>,
}

fn archiv_fehler(e: impl std::fmt::Display) -> ExportError {
    ExportError::Archiv(e.to_string())
}

impl Paket {
    pub fn neu() -> Self {
        Paket {
            zip: ZipWriter::new(Cursor::new(Vec::new())),
        }
    }

    fn schreiben(
        &mut self,
        name: &str,
        inhalt: &[u8],
        methode: CompressionMethod,
    ) -> Result<(), ExportError> {
        let optionen = SimpleFileOptions::default()
            .compression_method(methode)
            .unix_permissions(0o644);
        self.zip.start_file(name, optionen).map_err(archiv_fehler)?;
        self.zip.write_all(inhalt).map_err(archiv_fehler)
    }

    /// Adds a file, compressed with deflate.
    pub fn datei(&mut self, name: &str, inhalt: &[u8]) -> Result<(), ExportError> {
        self.schreiben(name, inhalt, CompressionMethod::Deflated)
    }

    /// Adds a file without compression (the ODF `mimetype`, PNG images).
    pub fn unkomprimiert(&mut self, name: &str, inhalt: &[u8]) -> Result<(), ExportError> {
        self.schreiben(name, inhalt, CompressionMethod::Stored)
    }

    /// The bytes of the finished zip file.
    pub fn fertig(self) -> Result<Vec<u8>, ExportError> {
        Ok(self.zip.finish().map_err(archiv_fehler)?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_maskiert_sonderzeichen() {
        assert_eq!(
            escape(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(escape("]]>"), "]]&gt;");
        assert_eq!(escape("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
    }

    #[test]
    fn escape_entfernt_unerlaubte_zeichen() {
        assert_eq!(
            escape("a\u{0}b\u{1}c\u{B}d\u{C}e\u{1F}f\u{FFFE}g\u{FFFF}h"),
            "abcdefgh"
        );
        assert_eq!(
            escape("😀 עברית \u{85}\u{D7FF}\u{E000}"),
            "😀 עברית \u{85}\u{D7FF}\u{E000}"
        );
    }

    #[test]
    fn escape_ergibt_wohlgeformtes_xml() {
        let boese = "<w:p>]]></text:p>&amp;\"'\u{1}\u{B}\u{FFFF}#import \"x.typ\"";
        let xml = format!("<a b=\"{}\">{}</a>", escape(boese), escape(boese));
        let doc = roxmltree::Document::parse(&xml).expect("wohlgeformt");
        let erwartet: String = boese.chars().filter(|&c| erlaubt(c)).collect();
        assert_eq!(doc.root_element().text(), Some(erwartet.as_str()));
        assert_eq!(doc.root_element().attribute("b"), Some(erwartet.as_str()));
    }

    #[test]
    fn stuecke_trennt_umbrueche_und_tabs() {
        use Stueck::*;
        assert_eq!(
            stuecke("a\r\nb\rc\nd\te\n"),
            vec![
                Text("a"),
                Zeilenumbruch,
                Text("b"),
                Zeilenumbruch,
                Text("c"),
                Zeilenumbruch,
                Text("d"),
                Tab,
                Text("e"),
                Zeilenumbruch
            ]
        );
        assert_eq!(stuecke(""), vec![]);
        assert_eq!(stuecke("\t\t"), vec![Tab, Tab]);
    }

    #[test]
    fn sprache_aus_tag() {
        assert_eq!(sprach_tag("de"), "de-DE");
        assert_eq!(sprach_tag("de-AT"), "de-AT");
        assert_eq!(sprach_tag("en"), "en-GB");
        assert_eq!(sprach_tag("\"><x"), "de-DE");
        assert_eq!(sprach_tag(""), "de-DE");
    }

    #[test]
    fn spaltenbreiten() {
        assert_eq!(spaltenanteile(&[3, 1, 1], 3), vec![0.6, 0.2, 0.2]);
        assert_eq!(spaltenanteile(&[3, 1], 3), vec![1.0 / 3.0; 3]);
        assert_eq!(spaltenanteile(&[0, 0], 2), vec![0.5, 0.5]);
        assert_eq!(
            aufteilen(9072, &spaltenanteile(&[3, 1, 1], 3)),
            vec![5443, 1815, 1814]
        );
        assert_eq!(aufteilen(100, &spaltenanteile(&[], 3)).iter().sum::<u32>(), 100);
        assert_eq!(aufteilen(100, &[]), Vec::<u32>::new());
    }

    #[test]
    fn link_adressen() {
        assert_eq!(
            link_adresse("https://example.org/ä?x=1").as_deref(),
            Some("https://example.org/%C3%A4?x=1")
        );
        assert_eq!(link_adresse("mailto:a@b.de").as_deref(), Some("mailto:a@b.de"));
        assert_eq!(link_adresse("javascript:alert(1)"), None);
    }
}

/// Shared by the DOCX and ODT tests: a hostile document, reading zip packages, LibreOffice.
#[cfg(test)]
pub(crate) mod testhilfe {
    use std::io::Read;
    use std::path::{Path, PathBuf};
    use std::process::Command;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::{Duration, Instant};

    use werkstatt_core::strategie::{Abschnitt, Block, Dokument, Grafik, Inline, Tabelle};

    use super::erlaubt;

    /// Strings that must come out literally (after dropping characters XML forbids).
    pub fn boese_texte() -> Vec<String> {
        vec![
            "Sonderzeichen <>&\"' und ]]> und &amp; bleibt &amp;".into(),
            "<w:p><w:r><w:t>Eingeschleust</w:t></w:r></w:p>".into(),
            "</text:p><text:p>Eingeschleust</text:p>".into(),
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]>&a;".into(),
            "Emoji 😀👍🏽 und Flagge 🇩🇪".into(),
            "Rechts nach links: עברית ومرحبا بالعالم".into(),
            format!("Lang{}", "wort".repeat(74)),
            "Steuer\u{0001}zeichen\u{000B}weg\u{001F}\u{FFFF}".into(),
            "#import \"@preview/x:0.1.0\": * #set page(fill: red) $x^2$ `code` // Kommentar".into(),
            "Mehrere   Leerzeichen  hier".into(),
            "Tab\tgetrennt".into(),
            "Zeile eins\nZeile zwei".into(),
            "{{ vorlage }} {% block %} ${x} %s %n".into(),
        ]
    }

    /// What a reader must show for `s`.
    pub fn erwartet(s: &str) -> String {
        s.replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| erlaubt(c))
            .collect()
    }

    pub fn langer_absatz() -> String {
        let mut s = String::new();
        let mut i = 0;
        while s.len() < 10_000 {
            i += 1;
            s.push_str(&format!("Satz {i} des sehr langen Absatzes. "));
        }
        s.truncate(10_000);
        s
    }

    /// A document with hostile text in every field a renderer writes.
    pub fn boeses_dokument() -> Dokument {
        let texte = boese_texte();
        let mut abschnitte = Vec::new();
        for (i, t) in texte.iter().enumerate() {
            let mut a = Abschnitt::neu(format!("a-{i}"), (i % 3) as u8 + 1, format!("Kapitel {i} {t}"));
            a.bloecke.push(Block::Absatz {
                inhalt: vec![
                    Inline::text(format!("Text {i}: {t}")),
                    Inline::text(" "),
                    Inline::fett(format!("Fett {i}: {t}")),
                    Inline::text(" "),
                    Inline::kursiv(format!("Kursiv {i}: {t}")),
                    Inline::fussnote(format!("Fußnote {i}: {t}")),
                    Inline::text(" "),
                    Inline::Link {
                        text: format!("Link {i}: {t}"),
                        ziel: "https://example.org/?a=1&b='2'#x".into(),
                    },
                ],
            });
            a.bloecke.push(Block::Liste {
                nummeriert: i % 2 == 0,
                punkte: vec![
                    vec![Inline::text(format!("Punkt {i}: {t}"))],
                    vec![Inline::text("zweiter")],
                ],
            });
            a.bloecke.push(Block::Tabelle(Tabelle {
                beschriftung: format!("Tabelle {i}: {t}"),
                kopf: vec![format!("Kopf {i}: {t}"), "Zweite".into()],
                zeilen: vec![
                    vec![format!("Zelle {i}: {t}"), "x".into(), "überzählig".into()],
                    vec![],
                ],
                breiten: vec![0, 7],
            }));
            abschnitte.push(a);
        }
        let mut g = Abschnitt::neu("grafik", 4, "Grafik \"<&>\"");
        g.bloecke.push(Block::Grafik(Grafik {
            beschriftung: "Abb. <b>&amp;</b>".into(),
            alt: "Alt \"<&>\" ]]> \u{1}".into(),
            svg: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"150\"><rect width=\"300\" \
                  height=\"150\" fill=\"#ddd\"/><text x=\"10\" y=\"80\" font-size=\"20\">&lt;w:p&gt; &amp; 😀</text></svg>"
                .into(),
            breite: 300.0,
            hoehe: 150.0,
        }));
        g.bloecke.push(Block::Grafik(Grafik {
            beschriftung: "Kaputt".into(),
            alt: "Kaputte Grafik <alt>".into(),
            svg: "<svg".into(),
            breite: f64::NAN,
            hoehe: -1.0,
        }));
        g.bloecke.push(Block::absatz(langer_absatz()));
        g.bloecke.push(Block::Liste {
            nummeriert: true,
            punkte: vec![],
        });
        g.bloecke.push(Block::Tabelle(Tabelle {
            beschriftung: String::new(),
            kopf: vec![],
            zeilen: vec![],
            breiten: vec![],
        }));
        g.bloecke.push(Block::Absatz {
            inhalt: vec![
                Inline::text("   führende Leerzeichen"),
                Inline::fett(" "),
                Inline::text(" und nach Fett"),
                Inline::Link {
                    text: "kein Link".into(),
                    ziel: "javascript:alert(1)".into(),
                },
            ],
        });
        abschnitte.push(g);
        Dokument {
            titel: format!("Titel {}", texte[0]),
            kommunen: vec![texte[1].clone(), "   ".into(), texte[5].clone()],
            status: texte[3].clone(),
            stand: texte[7].clone(),
            hinweis: texte[11].clone(),
            sprache: "de\"><x".into(),
            abschnitte,
        }
    }

    /// The entries of a zip file: name, content, stored (not compressed)?
    pub fn eintraege(zip: &[u8]) -> Vec<(String, Vec<u8>, bool)> {
        let mut archiv = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("zip lesbar");
        (0..archiv.len())
            .map(|i| {
                let mut datei = archiv.by_index(i).expect("Eintrag");
                let mut inhalt = Vec::new();
                datei.read_to_end(&mut inhalt).expect("Eintrag lesbar");
                let gespeichert = datei.compression() == zip::CompressionMethod::Stored;
                (datei.name().expect("Name").to_string(), inhalt, gespeichert)
            })
            .collect()
    }

    /// Parses every XML part; panics with the part's name if one is not well-formed.
    pub fn xml_teile(zip: &[u8]) -> Vec<(String, String)> {
        let teile: Vec<(String, String)> = eintraege(zip)
            .into_iter()
            .filter(|(name, _, _)| name.ends_with(".xml") || name.ends_with(".rels"))
            .map(|(name, inhalt, _)| (name, String::from_utf8(inhalt).expect("UTF-8")))
            .collect();
        for (name, xml) in &teile {
            if let Err(e) = roxmltree::Document::parse(xml) {
                panic!("{name} ist nicht wohlgeformt: {e}");
            }
        }
        teile
    }

    fn programm(name: &str) -> Option<PathBuf> {
        std::env::var_os("PATH")?
            .to_str()?
            .split(':')
            .map(|d| Path::new(d).join(name))
            .find(|p| p.is_file())
    }

    /// Converts `dateien` (name, bytes) with one LibreOffice run to plain text (UTF-8) and
    /// returns the texts, together with the time the run took. Panics if LibreOffice is
    /// missing. Each call uses its own profile directory, so tests can run in parallel.
    /// Renders the sample and the hostile document with `render`, converts both with
    /// LibreOffice and checks that every heading, list, table cell and hostile string is there.
    pub fn libreoffice_pruefen(endung: &str, render: fn(&Dokument) -> Result<Vec<u8>, crate::ExportError>) {
        let beispiel = werkstatt_core::strategie::dokument::beispiel();
        let boese = boeses_dokument();
        let (texte, dauer) = libreoffice_texte(&[
            (format!("beispiel.{endung}").as_str(), &render(&beispiel).unwrap()),
            (format!("boese.{endung}").as_str(), &render(&boese).unwrap()),
        ]);
        eprintln!("LibreOffice brauchte {dauer:?} für zwei {endung}-Dateien");
        let text = &texte[0];
        assert!(text.contains(&beispiel.titel), "{text}");
        for a in &beispiel.abschnitte {
            assert!(text.contains(&a.titel), "{} fehlt in\n{text}", a.titel);
        }
        for erwartet in [
            "Die Verbandsgemeinde Musterland will die Digitalisierung gestalten",
            "Erster Punkt",
            "Zweiter Punkt",
            "Antrag stellen",
            "Umsetzen",
            "Maßnahme",
            "Umsetzungszeit",
            "WLAN in Schulen",
            "12 Monate",
            "Tabelle 1: Maßnahmen im Handlungsfeld Bildung und Jugend",
            "Abbildung 1: Punkte je Maßnahme",
            // Real lists and a real footnote (its text is not part of LibreOffice's text export).
            "\u{2022} Erster Punkt",
            "1. Antrag stellen",
            "2. Umsetzen",
            "gestalten.1 Mehr unter rlp.de.",
        ] {
            assert!(text.contains(erwartet), "{erwartet} fehlt in\n{text}");
        }
        let text = &texte[1];
        for (i, t) in boese_texte().iter().enumerate() {
            let t = erwartet(t);
            for vorn in ["Text", "Fett", "Kursiv", "Link", "Punkt", "Kopf", "Zelle"] {
                assert!(
                    text.contains(&format!("{vorn} {i}: {t}")),
                    "{vorn} {i}: {t:?} fehlt in\n{text}"
                );
            }
            assert!(text.contains(&format!("Kapitel {i} {t}")), "Kapitel {i} fehlt");
            if i % 2 == 0 {
                assert!(
                    text.contains(&format!("1. Punkt {i}: {t}")),
                    "Nummerierung beginnt neu: {i}"
                );
            }
        }
        assert!(text.contains(&langer_absatz()));
        assert!(text.contains("   führende Leerzeichen  und nach Fett"));
    }

    pub fn libreoffice_texte(dateien: &[(&str, &[u8])]) -> (Vec<String>, Duration) {
        static ZAEHLER: AtomicU32 = AtomicU32::new(0);
        let soffice = programm("soffice").or_else(|| programm("libreoffice")).unwrap_or_else(|| {
            panic!(
                "LibreOffice fehlt (weder `soffice` noch `libreoffice` im PATH): der Test liest DOCX und ODT \
                 mit einem echten Programm. Installieren mit `apt-get install -y --no-install-recommends \
                 libreoffice-writer-nogui` (scripts/test.sh tut das)."
            )
        });
        let zeit = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let dir = std::env::temp_dir().join(format!(
            "werkstatt-lo-{}-{}-{}",
            std::process::id(),
            zeit.as_nanos(),
            ZAEHLER.fetch_add(1, Ordering::Relaxed)
        ));
        let aus = dir.join("aus");
        std::fs::create_dir_all(&aus).expect("Temp-Verzeichnis");
        let mut befehl = Command::new(soffice);
        befehl
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.join("profil").display()
            ))
            .args([
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
            ])
            .arg(&aus);
        for (name, inhalt) in dateien {
            let pfad = dir.join(name);
            std::fs::write(&pfad, inhalt).expect("Datei schreiben");
            befehl.arg(pfad);
        }
        let start = Instant::now();
        let mut kind = befehl
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("soffice startet");
        loop {
            if kind.try_wait().expect("soffice läuft").is_some() {
                break;
            }
            if start.elapsed() > Duration::from_secs(240) {
                let _ = kind.kill();
                let _ = kind.wait();
                panic!("soffice brauchte länger als 240 s");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let dauer = start.elapsed();
        let ausgabe = kind.wait_with_output().expect("soffice-Ausgabe");
        let texte = dateien
            .iter()
            .map(|(name, _)| {
                let stamm = Path::new(name)
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("x");
                let text = std::fs::read_to_string(aus.join(format!("{stamm}.txt"))).unwrap_or_else(|e| {
                    panic!(
                        "soffice hat {name} nicht umgewandelt ({e}): {}\n{}",
                        String::from_utf8_lossy(&ausgabe.stdout),
                        String::from_utf8_lossy(&ausgabe.stderr)
                    )
                });
                text.trim_start_matches('\u{FEFF}').replace("\r\n", "\n")
            })
            .collect();
        let _ = std::fs::remove_dir_all(&dir);
        (texte, dauer)
    }
}
