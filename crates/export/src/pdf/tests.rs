//! Tests of the PDF export. They read the PDF back with poppler's `pdftotext` and
//! `pdfinfo` (Debian package `poppler-utils`, installed by `scripts/test.sh`).

use std::io::Write;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use werkstatt_core::strategie::dokument::beispiel;
use werkstatt_core::strategie::{Abschnitt, Block, Dokument, Grafik, Inline, Tabelle};

use super::{render, sprache, umbrechbar};

/// Writes `pdf` to a fresh temporary file and runs a poppler tool on it.
fn poppler(programm: &str, argumente: &[&str], pdf: &[u8], danach: &[&str]) -> String {
    static ZAEHLER: AtomicUsize = AtomicUsize::new(0);
    let pfad = std::env::temp_dir().join(format!(
        "werkstatt-pdf-test-{}-{}.pdf",
        std::process::id(),
        ZAEHLER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::File::create(&pfad)
        .and_then(|mut f| f.write_all(pdf))
        .expect("Testdatei schreiben");
    let ausgabe = Command::new(programm)
        .args(argumente)
        .arg(&pfad)
        .args(danach)
        .output();
    let _ = std::fs::remove_file(&pfad);
    let ausgabe = match ausgabe {
        Ok(a) => a,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{programm}` fehlt: bitte poppler-utils installieren \
             (`apt-get install -y poppler-utils`; scripts/test.sh installiert es)"
        ),
        Err(e) => panic!("{programm} konnte nicht starten: {e}"),
    };
    assert!(
        ausgabe.status.success(),
        "{programm}: {}",
        String::from_utf8_lossy(&ausgabe.stderr)
    );
    String::from_utf8(ausgabe.stdout).expect("poppler gibt UTF-8 aus")
}

fn pdftotext(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-enc", "UTF-8"], pdf, &["-"])
}

/// Text of the page bodies only: A4 is 595 × 842 pt and the footer sits in the bottom
/// 27 mm (77 pt), so the text is cropped above it.
fn pdftotext_ohne_fusszeile(pdf: &[u8]) -> String {
    poppler(
        "pdftotext",
        &["-enc", "UTF-8", "-x", "0", "-y", "0", "-W", "595", "-H", "762"],
        pdf,
        &["-"],
    )
}

/// Number of pages according to `pdfinfo`.
fn seiten(pdf: &[u8]) -> usize {
    let text = poppler("pdfinfo", &[], pdf, &[]);
    text.lines()
        .find_map(|z| z.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo ohne Seitenzahl: {text}"))
}

/// Text without whitespace, hyphens and invisible break opportunities, so that line
/// breaks, hyphenation and the inserted zero-width spaces do not matter when comparing.
fn kompakt(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}' | '\u{200b}' | '\u{2010}'))
        .collect()
}

fn enthaelt(text: &str, gesucht: &str) -> bool {
    kompakt(text).contains(&kompakt(gesucht))
}

#[test]
fn beispiel_wird_pdf() {
    let pdf = render(&beispiel()).expect("Beispiel setzen");
    assert!(pdf.starts_with(b"%PDF"), "kein PDF");
}

#[test]
fn text_des_beispiels_steht_im_pdf() {
    let doc = beispiel();
    let text = pdftotext(&render(&doc).expect("Beispiel setzen"));
    let mut erwartet = vec![
        doc.titel.clone(),
        doc.status.clone(),
        doc.stand.clone(),
        doc.hinweis.clone(),
    ];
    erwartet.extend(doc.kommunen.iter().cloned());
    for a in &doc.abschnitte {
        erwartet.push(a.titel.clone());
        for b in &a.bloecke {
            if let Block::Tabelle(t) = b {
                erwartet.push(t.beschriftung.clone());
                erwartet.extend(t.kopf.iter().cloned());
                erwartet.extend(t.zeilen.iter().flatten().cloned());
            }
        }
    }
    for s in [
        "Musterland",
        "Beschluss des Rates vom 12.03.2026.",
        "rlp.de",
        "Zweiter Punkt",
        "Seite 2 von",
        "Inhalt",
    ] {
        erwartet.push(s.to_owned());
    }
    for e in erwartet {
        assert!(enthaelt(&text, &e), "{e:?} fehlt im PDF-Text:\n{text}");
    }
}

#[test]
fn mehrere_seiten_und_lesezeichen() {
    let pdf = render(&beispiel()).expect("Beispiel setzen");
    assert!(seiten(&pdf) > 1);
    assert!(
        pdf.windows(b"/Outlines".len()).any(|w| w == b"/Outlines"),
        "PDF ohne Lesezeichen"
    );
    // Tagged PDF with the document language.
    assert!(
        pdf.windows(b"/StructTreeRoot".len())
            .any(|w| w == b"/StructTreeRoot"),
        "PDF nicht getaggt"
    );
    assert!(
        pdf.windows(b"/Lang".len()).any(|w| w == b"/Lang"),
        "PDF ohne Sprache"
    );
    assert!(ist_pdf_ua(&pdf), "Beispiel nicht als PDF/UA-1 geschrieben");
}

fn ist_pdf_ua(pdf: &[u8]) -> bool {
    pdf.windows(b"pdfuaid:part".len()).any(|w| w == b"pdfuaid:part")
}

#[test]
fn fehlende_glyphen_ergeben_getaggtes_pdf_ohne_ua() {
    // None of the bundled fonts has 🎉: typst refuses PDF/UA-1, the export still works.
    let mut doc = beispiel();
    doc.abschnitte[0].bloecke.push(Block::absatz("Fest 🎉 am Abend"));
    let pdf = render(&doc).expect("trotz fehlender Glyphe setzen");
    assert!(!ist_pdf_ua(&pdf));
    assert!(
        pdf.windows(b"/StructTreeRoot".len())
            .any(|w| w == b"/StructTreeRoot"),
        "PDF nicht getaggt"
    );
    assert!(enthaelt(&pdftotext(&pdf), "Fest"));
}

/// Strings that would do something if they were typst markup or code.
const FEINDLICH: &[&str] = &[
    "#import \"x\": *",
    "#import \"@preview/x:0.1.0\"",
    "$x^2$ und $$",
    "*a* _b_ `c` ```rust d```",
    "@ref und <label> und <a-b>",
    "C:\\Pfad\\datei \\ \\\\ \\n",
    "] schliessend [ oeffnend ]] [[",
    "#set page(width: 1pt) #panic(\"boom\") #eval(\"1\")",
    "= Keine Ueberschrift",
    "- kein Punkt + keine Zahl / keine Liste",
    "// kein Kommentar /* auch nicht */",
    "#{ let x = 1 } #(1 + 2) #read(\"/daten.json\")",
    "{ } ( ) ~ ' \" < > & % ^ | ?",
    "https://example.org/<script>",
];

/// Strings that must not break the layout: scripts, emoji and right-to-left text.
const SCHRIFTEN: &[&str] = &["😀 ✓ ☺ ⚠", "שלום עולם", "مرحبا بالعالم", "Ελληνικά Кириллица"];

fn langes_wort() -> String {
    "Abc123".repeat(50)
}

fn langer_absatz() -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < 10_000 {
        s.push_str(&format!("Satz{i} der Verwaltung mit Umsetzungsplanung. "));
        i += 1;
    }
    s
}

fn feindliches_dokument() -> Dokument {
    let mut alle: Vec<String> = FEINDLICH.iter().chain(SCHRIFTEN).map(|s| s.to_string()).collect();
    alle.push(langes_wort());
    let text = |s: &str| vec![Inline::text(s)];
    let mut abschnitte = Vec::new();
    for (i, s) in alle.iter().enumerate() {
        let mut a = Abschnitt::neu(format!("a{i}"), (i % 3) as u8 + 1, s.clone());
        a.bloecke.push(Block::Absatz {
            inhalt: vec![
                Inline::text(s.clone()),
                Inline::fett(s.clone()),
                Inline::kursiv(s.clone()),
                Inline::fussnote(s.clone()),
                Inline::Link {
                    text: s.clone(),
                    ziel: "https://example.org/".into(),
                },
            ],
        });
        a.bloecke.push(Block::Liste {
            nummeriert: i % 2 == 0,
            punkte: vec![text(s), text(s)],
        });
        a.bloecke.push(Block::Tabelle(Tabelle {
            beschriftung: s.clone(),
            kopf: vec![s.clone(), "Spalte".into()],
            zeilen: vec![vec![s.clone(), s.clone()], vec!["nur eine Zelle".into()]],
            breiten: vec![],
        }));
        abschnitte.push(a);
    }
    let mut rest = Abschnitt::neu("rest", 1, "Langer Absatz");
    rest.bloecke.push(Block::absatz(langer_absatz()));
    rest.bloecke.push(Block::Grafik(Grafik {
        beschriftung: FEINDLICH[0].into(),
        alt: FEINDLICH[4].into(),
        svg: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\"><rect width=\"100\" height=\"50\" fill=\"#ccc\"/></svg>".into(),
        breite: 100.0,
        hoehe: 50.0,
    }));
    // Links that are not allowed become text, empty tables vanish.
    rest.bloecke.push(Block::Absatz {
        inhalt: vec![Inline::Link {
            text: "nicht erlaubt".into(),
            ziel: "javascript:alert(1)".into(),
        }],
    });
    rest.bloecke.push(Block::Tabelle(Tabelle {
        beschriftung: String::new(),
        kopf: vec![],
        zeilen: vec![],
        breiten: vec![9],
    }));
    abschnitte.push(rest);
    Dokument {
        titel: alle.join(" "),
        kommunen: alle.clone(),
        status: FEINDLICH[2].into(),
        stand: FEINDLICH[5].into(),
        hinweis: FEINDLICH[6].into(),
        sprache: "de-DE".into(),
        abschnitte,
    }
}

#[test]
fn feindlicher_text_erscheint_woertlich() {
    let doc = feindliches_dokument();
    let pdf = render(&doc).expect("feindliches Dokument setzen");
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdftotext(&pdf);
    for s in FEINDLICH {
        assert!(enthaelt(&text, s), "{s:?} fehlt im PDF-Text");
    }
    assert!(enthaelt(&text, &langes_wort()), "langes Wort fehlt");
    // The paragraph runs over pages: compare without the footers in between.
    assert!(
        enthaelt(&pdftotext_ohne_fusszeile(&pdf), &langer_absatz()),
        "langer Absatz fehlt"
    );
    assert!(enthaelt(&text, "nicht erlaubt"));
    assert!(text.contains("שלום") || text.contains("םולש"), "Hebräisch fehlt");
    assert!(seiten(&pdf) > 3);
    // Everything in there has a glyph in the bundled fonts, so it is PDF/UA-1 too.
    assert!(
        ist_pdf_ua(&pdf),
        "feindliches Dokument nicht als PDF/UA-1 geschrieben"
    );
}

#[test]
fn kaputte_grafik_wird_zum_alternativtext() {
    let mut doc = beispiel();
    doc.abschnitte[0].bloecke.push(Block::Grafik(Grafik {
        beschriftung: "Kaputt".into(),
        alt: "Alternativtext der kaputten Grafik".into(),
        svg: "<svg kein svg".into(),
        breite: f64::NAN,
        hoehe: 0.0,
    }));
    let text = pdftotext(&render(&doc).expect("trotz kaputter Grafik setzen"));
    assert!(enthaelt(&text, "Alternativtext der kaputten Grafik"));
}

#[test]
fn lange_woerter_werden_umbrechbar() {
    assert!(matches!(
        umbrechbar("kurz und gut"),
        std::borrow::Cow::Borrowed(_)
    ));
    let wort = langes_wort();
    let eingabe = format!("vorher {wort} nachher");
    let aus = umbrechbar(&eingabe);
    assert!(aus.contains('\u{200b}'));
    assert_eq!(aus.replace('\u{200b}', ""), format!("vorher {wort} nachher"));
    assert!(
        aus.split(['\u{200b}', ' '])
            .all(|w| w.chars().count() <= super::STUECK)
    );
    // Nothing is inserted into runs of non-Latin characters (no cluster is split).
    let emoji = "👍🏽".repeat(40);
    assert_eq!(umbrechbar(&emoji), emoji);
}

#[test]
fn sprache_aus_bcp47() {
    assert_eq!(sprache("de"), "de");
    assert_eq!(sprache("de-DE"), "de");
    assert_eq!(sprache("EN"), "en");
    assert_eq!(sprache(""), "de");
    assert_eq!(sprache("x-klingonisch"), "de");
}

/// A document of about 20 pages like a real strategy: chapters, fields, projects with
/// tables and charts.
pub(super) fn grosses_dokument() -> Dokument {
    let mut doc = beispiel();
    let felder = [
        "Bildung und Jugend",
        "Verwaltung und Bürgerservice",
        "Mobilität",
        "Gesundheit und Pflege",
        "Wirtschaft und Tourismus",
        "Ehrenamt und Vereine",
    ];
    let absatz = "Die Arbeitsgruppe hat in der Digital-Werkstatt Ziele und Maßnahmen für dieses \
        Handlungsfeld gesammelt, bewertet und priorisiert. Die Maßnahmen sollen in den nächsten \
        Jahren schrittweise umgesetzt werden; Federführung, Aufwand und Nutzen sind in der Tabelle \
        zusammengefasst. Die Umsetzung wird jährlich im Rat berichtet.";
    for (n, feld) in felder.iter().enumerate() {
        let mut a = Abschnitt::neu(format!("feld-{n}"), 1, *feld);
        a.bloecke.push(Block::absatz(absatz));
        a.bloecke.push(Block::Absatz {
            inhalt: vec![
                Inline::text("Das Ziel lautet: "),
                Inline::fett(format!("{feld} digital stärken")),
                Inline::text(", wie im "),
                Inline::kursiv("Leitbild 2030"),
                Inline::text(" beschrieben."),
                Inline::fussnote(format!("Protokoll der Arbeitsgruppe {feld}.")),
            ],
        });
        doc.abschnitte.push(a);
        let mut z = Abschnitt::neu(format!("feld-{n}-massnahmen"), 2, "Maßnahmen");
        z.bloecke.push(Block::Tabelle(Tabelle {
            beschriftung: format!("Maßnahmen im Handlungsfeld {feld}"),
            kopf: vec![
                "Maßnahme".into(),
                "Umsetzungszeit".into(),
                "Aufwand".into(),
                "Nutzen".into(),
            ],
            zeilen: (1..=14)
                .map(|i| {
                    vec![
                        format!("Maßnahme {i}: Digitale Angebote für {feld} ausbauen und bekannt machen"),
                        format!("{} Monate", 3 * i),
                        ["gering", "mittel", "hoch"][i % 3].into(),
                        ["hoch", "mittel"][i % 2].into(),
                    ]
                })
                .collect(),
            breiten: vec![5, 2, 2, 2],
        }));
        z.bloecke.push(Block::Liste {
            nummeriert: true,
            punkte: (1..=4)
                .map(|i| vec![Inline::text(format!("Schritt {i}: {absatz}"))])
                .collect(),
        });
        doc.abschnitte.push(z);
        for p in 1..=2 {
            let mut pr = Abschnitt::neu(format!("projekt-{n}-{p}"), 3, format!("Projekt {p}: {feld}"));
            pr.bloecke.push(Block::absatz(absatz));
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"220\" viewBox=\"0 0 640 220\">\
                 <rect x=\"120\" y=\"20\" width=\"{}\" height=\"40\" fill=\"#1f5f8b\"/>\
                 <rect x=\"120\" y=\"80\" width=\"300\" height=\"40\" fill=\"#6f9fc4\"/>\
                 <rect x=\"120\" y=\"140\" width=\"180\" height=\"40\" fill=\"#a9c6de\"/>\
                 <text x=\"10\" y=\"45\" font-size=\"14\">Planung</text>\
                 <text x=\"10\" y=\"105\" font-size=\"14\">Umsetzung</text>\
                 <text x=\"10\" y=\"165\" font-size=\"14\">Betrieb</text></svg>",
                200 + 40 * p
            );
            pr.bloecke.push(Block::Grafik(Grafik {
                beschriftung: format!("Zeitplan Projekt {p}"),
                alt: "Balkendiagramm der Projektphasen Planung, Umsetzung und Betrieb".into(),
                svg,
                breite: 640.0,
                hoehe: 220.0,
            }));
            pr.bloecke.push(Block::Liste {
                nummeriert: false,
                punkte: vec![
                    vec![Inline::text("Federführung: Verbandsgemeindeverwaltung")],
                    vec![Inline::text("Beteiligte: Schulen, Vereine, Ortsgemeinden")],
                ],
            });
            doc.abschnitte.push(pr);
        }
    }
    doc
}

/// Writes the sample PDFs to $TMPDIR/werkstatt-pdf/ for looking at them
/// (`cargo test -p werkstatt-export pdf_ansehen -- --ignored`).
#[test]
#[ignore = "schreibt Dateien zum Ansehen"]
fn pdf_ansehen() {
    let ziel = std::env::temp_dir().join("werkstatt-pdf");
    std::fs::create_dir_all(&ziel).expect("Ordner anlegen");
    for (name, doc) in [
        ("beispiel", beispiel()),
        ("gross", grosses_dokument()),
        ("feindlich", feindliches_dokument()),
    ] {
        let start = std::time::Instant::now();
        let pdf = render(&doc).expect("setzen");
        println!(
            "{name}: {} Seiten, {} Bytes, {:?}",
            seiten(&pdf),
            pdf.len(),
            start.elapsed()
        );
        std::fs::write(ziel.join(format!("{name}.pdf")), pdf).expect("schreiben");
    }
}

/// Resident memory of this process in KiB (Linux).
fn rss_kib() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|z| {
                z.strip_prefix("VmRSS:")
                    .map(|v| v.trim().trim_end_matches("kB").trim().to_owned())
            })
        })
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Timing and memory over many renders; meant for a release build:
/// `cargo test --release -p werkstatt-export --lib pdf::tests::viele_renders -- --ignored --nocapture`.
#[test]
#[ignore = "Messung, dauert im Debug-Build lange"]
fn viele_renders() {
    let doc = grosses_dokument();
    let start = std::time::Instant::now();
    let erste = render(&doc).expect("setzen");
    println!(
        "erster Render (mit Schriften laden): {:?}, {} Seiten",
        start.elapsed(),
        seiten(&erste)
    );
    let mut zeiten = Vec::new();
    let mut rss = Vec::new();
    for i in 0..100 {
        // A slightly different document each time, as in real use.
        let mut d = doc.clone();
        d.stand = format!("Stand: Version {i}");
        let start = std::time::Instant::now();
        render(&d).expect("setzen");
        zeiten.push(start.elapsed());
        if i % 10 == 9 {
            rss.push(rss_kib());
        }
    }
    zeiten.sort();
    println!(
        "Median {:?}, Maximum {:?}",
        zeiten[zeiten.len() / 2],
        zeiten[zeiten.len() - 1]
    );
    println!("RSS nach je 10 Renders (KiB): {rss:?}");
    let (erst, letzt) = (rss[1], rss[rss.len() - 1]);
    assert!(letzt < erst + erst / 5, "Speicher wächst: {rss:?}");
}
