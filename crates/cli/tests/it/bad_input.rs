//! Bad input: a clear German message at the field, a 4xx, and nothing written.

use serde_json::json;

use crate::helpers::{count_massnahmen, spawn};

#[tokio::test]
async fn api_names_the_bad_fields_in_german() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, feld, _) = app.gruppenarbeit(&t, "07140501").await;
    let path = format!("/api/v1/werkstaetten/{w}/massnahmen");
    let (s, e) = app
        .post_json(&t, &path, json!({"feld_id": feld, "titel": "x".repeat(121), "umsetzung": "bald", "aufwand": 9, "monate": "viele"}))
        .await;
    assert_eq!(s, 422, "{e}");
    let fields: Vec<&str> = e["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["titel", "monate", "umsetzung", "aufwand"]);
    assert_eq!(
        e["fields"][0]["message"],
        "Bitte geben Sie höchstens 120 Zeichen ein."
    );
    // Wrong JSON types and broken JSON are 4xx too.
    let (s, e) = app
        .post_json(&t, &path, json!({"feld_id": feld, "titel": 5}))
        .await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(e["fields"][0]["field"], "titel", "{e}");
    let r = app
        .client()
        .post(app.url(&path))
        .bearer_auth(&t)
        .header("content-type", "application/json")
        .body("{nicht json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // English on request.
    let r = app
        .client()
        .post(app.url(&path))
        .bearer_auth(&t)
        .header("accept-language", "en")
        .json(&json!({"feld_id": feld, "titel": ""}))
        .send()
        .await
        .unwrap();
    let e: serde_json::Value = r.json().await.unwrap();
    assert_eq!(e["fields"][0]["message"], "Please fill in this field.");
    assert_eq!(count_massnahmen(&app, &w).await, 0);
}

#[tokio::test]
async fn forms_show_the_message_next_to_the_field() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&t, "07140501").await;
    let (p, _) = app.join(&code, "Jana").await;
    let r = p
        .post(app.url(&format!("/w/{w}/felder/{feld}/massnahmen")))
        .form(&[
            ("titel", "ab"),
            ("umsetzung", "kurzfristig"),
            ("beschreibung", "Mein Text bleibt erhalten"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"id="titel-err""#), "{html}");
    assert!(html.contains("Bitte geben Sie mindestens 3 Zeichen ein."));
    assert!(html.contains(r#"aria-invalid="true""#));
    assert!(html.contains("Mein Text bleibt erhalten"), "typed text is kept");
    assert_eq!(count_massnahmen(&app, &w).await, 0);
}

#[tokio::test]
async fn unknown_ids_and_oversized_bodies() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "admin").await;
    let (w, _, _) = app.gruppenarbeit(&t, "07140501").await;
    for path in [
        "/api/v1/werkstaetten/nope",
        "/api/v1/werkstaetten/nope/massnahmen",
        &format!("/api/v1/werkstaetten/{w}/massnahmen/nope"),
    ] {
        let (s, _) = app.get_json(&t, path).await;
        assert_eq!(s, 404, "{path}");
    }
    let big = "x".repeat(400 * 1024);
    let r = app
        .client()
        .post(app.url(&format!("/api/v1/werkstaetten/{w}/massnahmen")))
        .bearer_auth(&t)
        .header("content-type", "application/json")
        .body(format!(r#"{{"titel":"{big}"}}"#))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let (s, e) = app
        .post_json(
            &t,
            "/api/v1/kommunen",
            json!({"name": "Ort", "art": "verbandsgemeinde", "ags": "1234", "einwohner": -5}),
        )
        .await;
    assert_eq!(s, 422);
    let fields: Vec<&str> = e["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["ags", "einwohner"]);
    let (s, e) = app
        .post_json(
            &t,
            "/api/v1/werkstaetten",
            json!({"titel": "W", "datum": "2026-02-30", "kommunen": ["a", "b", "c", "d"]}),
        )
        .await;
    assert_eq!(s, 422);
    let fields: Vec<&str> = e["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["titel", "datum", "kommunen"]);
    assert_eq!(app.state.db.werkstaetten().await.unwrap().len(), 1);
}

#[tokio::test]
async fn hostile_text_is_stored_and_shown_literally() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&t, "07140501").await;
    let (p, _) = app.join(&code, "Jana").await;
    let evil = r#"<script>alert(1)</script> & "Anführung" #import $x$ ‏עברית‏ 😀"#;
    let r = p
        .post(app.url(&format!("/api/v1/werkstaetten/{w}/massnahmen")))
        .json(&json!({"feld_id": feld, "titel": "Sicher anzeigen", "beschreibung": evil, "umsetzung": "kurzfristig"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let html = p
        .get(app.url(&format!("/w/{w}/felder/{feld}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("😀"));
}
