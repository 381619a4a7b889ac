//! The Digitalstrategie: editing texts, Organigramm, next steps and versions through forms
//! and the API; exports in every format from the CLI, the pages and the API, read back with
//! real readers; hostile text that must appear literally everywhere.

use std::process::Command;

use serde_json::{Value, json};

use crate::helpers::{TestApp, login, spawn};
use crate::leser::{flach, office_text, ohne_leerraum, pdf_seiten, pdf_text};

const BIN: &str = env!("CARGO_BIN_EXE_werkstatt");
const FORMATE: [&str; 5] = ["pdf", "docx", "odt", "md", "html"];

/// The text a reader gets from an exported file.
fn lesen(format: &str, bytes: &[u8]) -> String {
    match format {
        "pdf" => pdf_text(bytes),
        "docx" | "odt" => office_text(bytes, format),
        _ => String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// Markdown and HTML carry their own escapes; these undo them for the comparison.
fn klartext(format: &str, text: &str) -> String {
    match format {
        "html" => text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&amp;", "&"),
        "md" => {
            let mut out = String::with_capacity(text.len());
            let mut it = text.chars().peekable();
            while let Some(c) = it.next() {
                if c == '\\' && it.peek().is_some_and(char::is_ascii_punctuation) {
                    out.push(it.next().unwrap());
                } else {
                    out.push(c);
                }
            }
            out
        }
        _ => text.to_owned(),
    }
}

fn demo_cli() -> (std::path::PathBuf, String, String) {
    let dir = std::env::temp_dir().join(format!("werkstatt-strategie-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}", dir.join("s.db").display());
    let out = Command::new(BIN)
        .args(["demo", "--db", &db, "--json"])
        .env_remove("WERKSTATT_DB")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (dir, db, v["werkstatt_id"].as_str().unwrap().to_owned())
}

#[test]
fn die_demo_strategie_aus_der_kommandozeile_in_allen_formaten_mit_echten_lesern() {
    let (dir, db, w) = demo_cli();
    let bundle_datei = dir.join("b.json");
    let out = Command::new(BIN)
        .args(["export", "--db", &db, "--werkstatt", &w, "--out"])
        .arg(&bundle_datei)
        .output()
        .unwrap();
    assert!(out.status.success());
    let bundle: Value = serde_json::from_slice(&std::fs::read(&bundle_datei).unwrap()).unwrap();
    let felder: Vec<String> = bundle["felder"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["gewaehlt"] == true)
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect();
    let massnahmen: Vec<String> = bundle["massnahmen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["titel"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(felder.len(), 5);
    assert!(massnahmen.len() > 20);

    for format in FORMATE {
        let datei = dir.join(format!("strategie.{format}"));
        let out = Command::new(BIN)
            .args([
                "export",
                "--db",
                &db,
                "--werkstatt",
                &w,
                "--format",
                format,
                "--out",
            ])
            .arg(&datei)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&datei).unwrap();
        let text = flach(&klartext(format, &lesen(format, &bytes)));
        let kompakt = ohne_leerraum(&text);
        for f in &felder {
            assert!(text.contains(f.as_str()), "{format}: Handlungsfeld {f} fehlt");
        }
        for m in &massnahmen {
            // Long titles may be hyphenated or broken across lines in a table cell.
            assert!(
                text.contains(m.as_str()) || kompakt.contains(&ohne_leerraum(m)),
                "{format}: Maßnahme {m} fehlt"
            );
        }
        for kapitel in [
            "Vorwort",
            "Anlass und Zielsetzung",
            "Ausgangslage",
            "Vorgehen",
            "Leitbild",
            "Prioritäre Projekte",
            "Umsetzungsfahrplan",
            "Organisation der Umsetzung",
            "Weiteres Vorgehen",
            "Anhang",
            "Digitalisierungsbeauftragte",
            "Beschluss in den Räten",
            "Jana M. (Eichelbachtal)",
        ] {
            assert!(text.contains(kapitel), "{format}: {kapitel} fehlt");
        }
        assert!(
            text.contains("Gemeinsame Digitalstrategie der Verbandsgemeinde Eichelbachtal"),
            "{format}: Titel fehlt"
        );
        if format == "pdf" {
            assert!(bytes.starts_with(b"%PDF"));
            assert!(pdf_seiten(&bytes) > 10, "the demo strategy is a real document");
        }
    }

    // A stored version exports too; an unknown one is a clear error.
    let out = Command::new(BIN)
        .args([
            "export",
            "--db",
            &db,
            "--werkstatt",
            &w,
            "--format",
            "md",
            "--strategie-version",
            "1",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Entwurf"));
    let out = Command::new(BIN)
        .args([
            "export",
            "--db",
            &db,
            "--werkstatt",
            &w,
            "--format",
            "md",
            "--strategie-version",
            "9",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("keine Version 9"));
    let _ = std::fs::remove_dir_all(&dir);
}

async fn demo_app() -> (TestApp, String, String) {
    let app = spawn().await;
    let token = app.account("admin@example.org", "admin").await;
    let w = werkstatt_web::services::demo::seed(&app.state.db).await.unwrap();
    (app, token, w.id)
}

async fn holen(c: &reqwest::Client, url: String) -> (u16, String, Vec<u8>) {
    let r = c.get(url).send().await.unwrap();
    let s = r.status().as_u16();
    let typ = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (s, typ, r.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn herunterladen_ueber_seite_und_api_in_allen_formaten() {
    let (app, token, w) = demo_app().await;
    let (s, info) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/strategie"))
        .await;
    assert_eq!(s, 200, "{info}");
    assert_eq!(info["texte"]["vorwort"]["eigen"], true);
    assert!(info["organigramm"]["rollen"].as_array().unwrap().len() >= 8);
    assert_eq!(info["versionen"][0]["nummer"], 1);

    let api = reqwest::Client::new();
    let mod_client = login(&app, "admin@example.org").await;
    let seite = mod_client
        .get(app.url(&format!("/w/{w}/strategie")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for format in FORMATE {
        assert!(
            seite.contains(&format!("/w/{w}/strategie/export.{format}")),
            "download button {format}"
        );
        let (s, typ, ui) = holen(&mod_client, app.url(&format!("/w/{w}/strategie/export.{format}"))).await;
        assert_eq!(s, 200, "{format}");
        assert!(!typ.is_empty());
        let r = api
            .get(app.url(&format!(
                "/api/v1/werkstaetten/{w}/strategie/export.{format}?version=1"
            )))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{format}");
        let cd = r.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert!(
            cd.starts_with("attachment; filename=\"digitalstrategie-")
                && cd.ends_with(&format!("-v1.{format}\"")),
            "{cd}"
        );
        let api_bytes = r.bytes().await.unwrap();
        let a = flach(&klartext(format, &lesen(format, &api_bytes)));
        let b = flach(&klartext(format, &lesen(format, &ui)));
        for text in [&a, &b] {
            assert!(
                text.contains("Offene Digital-Treffs für Seniorinnen und Senioren"),
                "{format}"
            );
            assert!(text.contains("Organisation der Umsetzung"), "{format}");
        }
    }
    // Unknown formats: 404 on the page, 400 with a German message in the API.
    let (s, _, _) = holen(&mod_client, app.url(&format!("/w/{w}/strategie/export.exe"))).await;
    assert_eq!(s, 404);
    let (s, v) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/strategie/export.rtf"))
        .await;
    assert_eq!(s, 400);
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("pdf, docx, odt, md und html"),
        "{v}"
    );
    // The document model itself.
    let (s, d) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/strategie/dokument"))
        .await;
    assert_eq!(s, 200);
    assert_eq!(d["sprache"], "de");
    assert!(
        d["abschnitte"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["schluessel"] == "organisation")
    );
}

/// Posts a form as the facilitator; returns status and page.
async fn formular(c: &reqwest::Client, app: &TestApp, pfad: &str, felder: &[(&str, &str)]) -> (u16, String) {
    let r = c.post(app.url(pfad)).form(felder).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn texte_organigramm_schritte_und_versionen_ueber_formulare() {
    let (app, token, w) = demo_app().await;
    let c = login(&app, "admin@example.org").await;
    let basis = format!("/w/{w}/strategie");
    let (_, info) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/strategie"))
        .await;
    let version = info["version"].as_i64().unwrap().to_string();

    // A required chapter cannot be emptied: 422, German message at the field, text kept.
    let (s, seite) = formular(
        &c,
        &app,
        &format!("{basis}/texte/anlass"),
        &[("version", &version), ("text", "  "), ("aktion", "speichern")],
    )
    .await;
    assert_eq!(s, 422);
    assert!(
        seite.contains("Bitte füllen Sie dieses Feld aus") || seite.contains("aria-invalid=\"true\""),
        "{seite}"
    );
    // Saving works; a second save from the stale form is a conflict that keeps the text.
    let (s, _) = formular(
        &c,
        &app,
        &format!("{basis}/texte/anlass"),
        &[
            ("version", &version),
            ("text", "Neuer **Anlass** für Eichelbachtal."),
            ("aktion", "speichern"),
        ],
    )
    .await;
    assert_eq!(s, 303);
    let (s, seite) = formular(
        &c,
        &app,
        &format!("{basis}/texte/anlass"),
        &[
            ("version", &version),
            ("text", "Mein verlorener Text"),
            ("aktion", "speichern"),
        ],
    )
    .await;
    assert_eq!(s, 409);
    assert!(
        seite.contains("Mein verlorener Text") && seite.contains("inzwischen geändert"),
        "nothing lost"
    );
    // An optional chapter saved empty disappears from the document.
    let (_, info) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/strategie"))
        .await;
    let version = info["version"].as_i64().unwrap().to_string();
    let (s, _) = formular(
        &c,
        &app,
        &format!("{basis}/texte/leitbild"),
        &[("version", &version), ("text", ""), ("aktion", "speichern")],
    )
    .await;
    assert_eq!(s, 303);
    let (_, d) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/strategie/dokument"))
        .await;
    let schluessel: Vec<&str> = d["abschnitte"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["schluessel"].as_str().unwrap())
        .collect();
    assert!(!schluessel.contains(&"leitbild"));
    let anlass = d["abschnitte"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["schluessel"] == "anlass")
        .unwrap();
    assert_eq!(
        anlass["bloecke"][0]["inhalt"][1],
        json!({"art": "fett", "text": "Anlass"})
    );

    // Organigramm: add, rename, a loop is refused at the field, remove.
    let (s, _) = formular(
        &c,
        &app,
        &format!("{basis}/rollen"),
        &[
            ("titel", "Datenschutzbeauftragte"),
            ("art", "stab"),
            ("berichtet_an", "r2"),
            ("aktion", "hinzufuegen"),
        ],
    )
    .await;
    assert_eq!(s, 303);
    let (_, info) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/strategie"))
        .await;
    let rollen = info["organigramm"]["rollen"].as_array().unwrap().clone();
    let neu = rollen
        .iter()
        .find(|r| r["titel"] == "Datenschutzbeauftragte")
        .unwrap();
    let neu_id = neu["id"].as_str().unwrap().to_owned();
    let (s, seite) = formular(
        &c,
        &app,
        &format!("{basis}/rollen/r1"),
        &[
            ("titel", "Rat"),
            ("art", "gremium"),
            ("berichtet_an", &neu_id),
            ("aktion", "speichern"),
        ],
    )
    .await;
    assert_eq!(s, 422);
    assert!(seite.contains("Kreis"), "loop message");
    let (s, seite) = formular(
        &c,
        &app,
        &format!("{basis}/rollen"),
        &[("titel", ""), ("art", "quatsch"), ("aktion", "hinzufuegen")],
    )
    .await;
    assert_eq!(s, 422);
    assert!(
        seite.contains("id=\"titel-err\"") || seite.contains("field-error"),
        "{seite}"
    );
    let (s, _) = formular(
        &c,
        &app,
        &format!("{basis}/rollen/{neu_id}"),
        &[("aktion", "entfernen")],
    )
    .await;
    assert_eq!(s, 303);
    let (_, info) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/strategie"))
        .await;
    assert_eq!(
        info["organigramm"]["rollen"].as_array().unwrap().len(),
        rollen.len() - 1
    );

    // Next steps: a bad date is refused, a good step lands in date order.
    let (s, seite) = formular(
        &c,
        &app,
        &format!("{basis}/schritte"),
        &[
            ("titel", "Bürgerversammlung"),
            ("datum", "morgen"),
            ("aktion", "hinzufuegen"),
        ],
    )
    .await;
    assert_eq!(s, 422);
    assert!(seite.contains("Bürgerversammlung"), "the input stays");
    let (s, _) = formular(
        &c,
        &app,
        &format!("{basis}/schritte"),
        &[
            ("titel", "Bürgerversammlung"),
            ("datum", "2026-03-20"),
            ("verantwortlich", "Rat"),
            ("aktion", "hinzufuegen"),
        ],
    )
    .await;
    assert_eq!(s, 303);
    let (_, info) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/strategie"))
        .await;
    assert_eq!(info["schritte"][0]["titel"], "Bürgerversammlung");

    // Versions: adopted needs a date; then the title page says so; comparing shows the change.
    let (s, seite) = formular(
        &c,
        &app,
        &format!("{basis}/versionen"),
        &[
            ("status", "beschlossen"),
            ("beschlossen_am", ""),
            ("notiz", "Ratsfassung"),
        ],
    )
    .await;
    assert_eq!(s, 422);
    assert!(seite.contains("Ratsfassung"));
    let (s, _) = formular(
        &c,
        &app,
        &format!("{basis}/versionen"),
        &[
            ("status", "beschlossen"),
            ("beschlossen_am", "2026-06-12"),
            ("notiz", "Ratsfassung"),
        ],
    )
    .await;
    assert_eq!(s, 303);
    let (_, d) = app
        .get_json(
            &token,
            &format!("/api/v1/werkstaetten/{w}/strategie/dokument?version=2"),
        )
        .await;
    assert_eq!(d["status"], "Beschlossen am 12.06.2026");
    let (s, vergleich) = app
        .get_json(
            &token,
            &format!("/api/v1/werkstaetten/{w}/strategie/vergleich?alt=1&neu=2"),
        )
        .await;
    assert_eq!(s, 200);
    let geaendert: Vec<&str> = vergleich
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["art"] != "gleich")
        .map(|a| a["schluessel"].as_str().unwrap())
        .collect();
    assert!(
        geaendert.contains(&"anlass")
            && geaendert.contains(&"leitbild")
            && geaendert.contains(&"weiteres-vorgehen"),
        "{geaendert:?}"
    );
    assert!(
        !geaendert.contains(&"vorgehen"),
        "unchanged chapters stay unchanged: {geaendert:?}"
    );
    let seite = c
        .get(app.url(&format!("{basis}/vergleich?alt=1&neu=2")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        seite.contains("<del>")
            && seite.contains("<ins>")
            && seite.contains("Neuer Anlass für Eichelbachtal."),
        "marked lines"
    );
    let r = c
        .get(app.url(&format!("{basis}/vergleich?alt=x&neu=2")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn teilnehmende_lesen_und_laden_herunter_aendern_aber_nichts() {
    let (app, _token, w) = demo_app().await;
    let code = app.state.db.werkstatt(&w).await.unwrap().join_code;
    let (p, _) = app.join(&code, "Lea").await;
    let r = p.get(app.url(&format!("/w/{w}/strategie"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let seite = r.text().await.unwrap();
    assert!(!seite.contains("name=\"text\""), "no edit forms for participants");
    let (s, _, md) = holen(&p, app.url(&format!("/w/{w}/strategie/export.md"))).await;
    assert_eq!(s, 200);
    assert!(String::from_utf8(md).unwrap().contains("Vorwort"));
    let r = p
        .put(app.url(&format!("/api/v1/werkstaetten/{w}/strategie/texte/vorwort")))
        .json(&json!({"text": "x", "version": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = p
        .post(app.url(&format!("/api/v1/werkstaetten/{w}/strategie/versionen")))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // Someone else's Werkstatt does not exist for them.
    let anon = app.client();
    let r = anon
        .get(app.url(&format!("/api/v1/werkstaetten/{w}/strategie/export.pdf")))
        .send()
        .await
        .unwrap();
    assert!(r.status() == 404 || r.status() == 401, "{}", r.status());
}

/// Text that is markup in one of the formats.
fn feindlich() -> Vec<String> {
    vec![
        "#import \"x.typ\": *".into(),
        "$x^2$ und #let a = 1".into(),
        "*fett* _kursiv_ @ref <label>".into(),
        "<script>alert(1)</script>".into(),
        "\\backslash\\ und \\\\".into(),
        "]]> & &amp; \"Anführung\" 'einfach'".into(),
        "</text:p><w:p>".into(),
        "Feier 🎉 mit 👩‍👩‍👧".into(),
        "שלום עולם".into(),
        "مرحبا بالعالم".into(),
        "[x](javascript:alert(1))".into(),
    ]
}

#[tokio::test]
async fn feindlicher_text_erscheint_woertlich_in_jedem_format() {
    let app = spawn().await;
    let token = app.account("mod@example.org", "facilitator").await;
    let (w, feld, _) = app.gruppenarbeit(&token, "07140501").await;
    let boese = feindlich();
    let langes_wort = "Donaudampfschifffahrt".repeat(15);
    assert!(langes_wort.chars().count() >= 300);
    let langer_text = format!("{} Ende.", "Ein langer Absatz ohne Ende. ".repeat(345));
    assert!(langer_text.chars().count() >= 10_000);
    let (s, m) = app
        .post_json(
            &token,
            &format!("/api/v1/werkstaetten/{w}/massnahmen"),
            json!({"feld_id": feld, "titel": "<b>Titel</b> #set & $x$ 🎉", "umsetzung": "kurzfristig", "beschreibung": format!("{}\n\n{}", boese.join("\n\n"), langes_wort), "federfuehrung": "]]> *Amt* #1"}),
        )
        .await;
    assert_eq!(s, 201, "{m}");
    let (s, m) = app
        .post_json(
            &token,
            &format!("/api/v1/werkstaetten/{w}/massnahmen"),
            json!({"feld_id": feld, "titel": "Langer Text", "umsetzung": "mittelfristig", "beschreibung": &langer_text[..9_990]}),
        )
        .await;
    assert_eq!(s, 201, "{m}");
    let basis = format!("/api/v1/werkstaetten/{w}/strategie");
    let (s, v) = app
        .put_json(
            &token,
            &format!("{basis}/texte/vorwort"),
            json!({"text": boese.join("\n\n"), "version": 0}),
        )
        .await;
    assert_eq!(s, 204, "{v}");
    let (s, v) = app
        .post_json(&token, &format!("{basis}/rollen"), json!({"titel": "<Rolle> #import $", "art": "beirat", "besetzung": "\\ & 🎉", "berichtet_an": "r1"}))
        .await;
    assert_eq!(s, 201, "{v}");
    let (s, v) = app
        .post_json(&token, &format!("{basis}/schritte"), json!({"titel": "@schritt <x> *y*", "datum": "2026-05-01", "verantwortlich": "שלום", "erledigt": true}))
        .await;
    assert_eq!(s, 201, "{v}");

    let pruefen = [
        "<b>Titel</b> #set & $x$",
        "]]> *Amt* #1",
        "<Rolle> #import $",
        "@schritt <x> *y*",
    ];
    for format in FORMATE {
        let r = reqwest::Client::new()
            .get(app.url(&format!("{basis}/export.{format}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{format}");
        let bytes = r.bytes().await.unwrap();
        let roh = lesen(format, &bytes);
        if format == "html" {
            assert!(
                !roh.contains("<script>alert")
                    && !roh.contains("<b>Titel")
                    && !roh.contains("javascript:alert(1)\""),
                "HTML escapes user text"
            );
        }
        let text = flach(&klartext(format, &roh));
        for b in boese
            .iter()
            .chain(pruefen.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>().iter())
        {
            let b = flach(b);
            // pdftotext may reorder right-to-left runs; the PDF must still contain the words.
            if format == "pdf" && (b.contains('ש') || b.contains('م')) {
                let rtl_ok = b.split(' ').all(|wort| {
                    text.contains(wort) || text.contains(&wort.chars().rev().collect::<String>())
                });
                assert!(rtl_ok, "{format}: {b}");
                continue;
            }
            // Emoji may be missing from a PDF's fonts; pdftotext must still give the words.
            let b = if format == "pdf" {
                b.replace(['🎉', '👩', '👧', '\u{200d}'], "")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                b
            };
            assert!(text.contains(&b), "{format}: »{b}« fehlt");
        }
        assert!(
            ohne_leerraum(&text).contains(&langes_wort),
            "{format}: the 300-character word"
        );
        assert!(
            ohne_leerraum(&text).contains(&ohne_leerraum(&langer_text[..2_000])),
            "{format}: the long description"
        );
    }
}

#[tokio::test]
async fn hundert_exporte_hintereinander_lassen_den_speicher_nicht_wachsen() {
    let (app, _token, w) = demo_app().await;
    let werkstatt = app.state.db.werkstatt(&w).await.unwrap();
    let rss = || -> u64 {
        std::fs::read_to_string("/proc/self/status")
            .unwrap()
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    };
    let doc = werkstatt_web::services::strategie::dokument_db(&app.state.db, &werkstatt, None)
        .await
        .unwrap();
    let mut formate = FORMATE.iter().cycle();
    for _ in 0..10 {
        let f = werkstatt_export::Format::parse(formate.next().unwrap()).unwrap();
        werkstatt_web::services::strategie::rendern(doc.clone(), f)
            .await
            .unwrap();
    }
    let vorher = rss();
    for _ in 0..100 {
        let f = werkstatt_export::Format::parse(formate.next().unwrap()).unwrap();
        let bytes = werkstatt_web::services::strategie::rendern(doc.clone(), f)
            .await
            .unwrap();
        assert!(bytes.len() > 1_000);
    }
    let nachher = rss();
    // Other tests run in this process at the same time, so allow some noise; a leak of the
    // typesetter's caches would add hundreds of megabytes over 100 documents.
    assert!(
        nachher < vorher + 150_000,
        "RSS grew from {vorher} kB to {nachher} kB"
    );
}
