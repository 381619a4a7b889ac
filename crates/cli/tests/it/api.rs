//! The JSON API: health, OpenAPI, creating and listing Maßnahmen, conflicts.

use serde_json::json;

use crate::helpers::spawn;

#[tokio::test]
async fn health_openapi_and_assets() {
    let app = spawn().await;
    let c = app.client();
    let r = c.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let doc: serde_json::Value = c
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let m = &doc["paths"]["/api/v1/werkstaetten/{id}/massnahmen"];
    assert!(m["get"].is_object() && m["post"].is_object());
    assert!(doc["paths"]["/api/v1/werkstaetten/{id}/events"]["get"].is_object());
    let r = c
        .get(app.url("/static/vendor/htmx-2.0.11.min.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("htmx"));
    let r = c.get(app.url("/gibt-es-nicht")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(
        r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    let r = c.get(app.url("/api/v1/gibt-es-nicht")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"], "err-not-found");
}

#[tokio::test]
async fn create_massnahme_answers_201_with_id_and_lists_it() {
    let app = spawn().await;
    let token = app.account("mod@example.org", "facilitator").await;
    let (w, feld, _) = app.gruppenarbeit(&token, "07140501").await;
    let (s, m) = app
        .post_json(
            &token,
            &format!("/api/v1/werkstaetten/{w}/massnahmen"),
            json!({"feld_id": feld, "titel": "Gastgeberverzeichnis online", "umsetzung": "kurzfristig", "monate": 6, "aufwand": 2, "nutzen": 4, "federfuehrung": "Tourist-Info"}),
        )
        .await;
    assert_eq!(s, 201, "{m}");
    let id = m["id"].as_str().unwrap();
    assert_eq!(m["titel"], "Gastgeberverzeichnis online");
    assert_eq!(m["version"], 1);
    let (s, list) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/massnahmen"))
        .await;
    assert_eq!(s, 200);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], id);
    let (s, one) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/massnahmen/{id}"))
        .await;
    assert_eq!((s, one["nutzen"].as_i64()), (200, Some(4)));
}

#[tokio::test]
async fn stale_version_is_a_conflict_and_nothing_is_overwritten() {
    let app = spawn().await;
    let token = app.account("mod@example.org", "facilitator").await;
    let (w, feld, _) = app.gruppenarbeit(&token, "07140501").await;
    let (_, m) = app
        .post_json(
            &token,
            &format!("/api/v1/werkstaetten/{w}/massnahmen"),
            json!({"feld_id": feld, "titel": "Erste Fassung", "umsetzung": "kurzfristig"}),
        )
        .await;
    let path = format!(
        "/api/v1/werkstaetten/{w}/massnahmen/{}",
        m["id"].as_str().unwrap()
    );
    let (s, a) = app
        .put_json(
            &token,
            &path,
            json!({"titel": "Fassung A", "umsetzung": "kurzfristig", "version": 1}),
        )
        .await;
    assert_eq!(s, 200, "{a}");
    assert_eq!(a["version"], 2);
    let (s, b) = app
        .put_json(
            &token,
            &path,
            json!({"titel": "Fassung B", "umsetzung": "kurzfristig", "version": 1}),
        )
        .await;
    assert_eq!(s, 409, "{b}");
    assert_eq!(b["current_version"], 2);
    let (_, now) = app.get_json(&token, &path).await;
    assert_eq!(now["titel"], "Fassung A");
}

#[tokio::test]
async fn parallel_edits_of_one_version_let_exactly_one_win() {
    let app = spawn().await;
    let token = app.account("mod@example.org", "facilitator").await;
    let (w, feld, _) = app.gruppenarbeit(&token, "07140501").await;
    let (_, m) = app
        .post_json(
            &token,
            &format!("/api/v1/werkstaetten/{w}/massnahmen"),
            json!({"feld_id": feld, "titel": "Ausgang", "umsetzung": "kurzfristig"}),
        )
        .await;
    let path = format!(
        "/api/v1/werkstaetten/{w}/massnahmen/{}",
        m["id"].as_str().unwrap()
    );
    let mut tasks = Vec::new();
    for i in 0..8 {
        let url = app.url(&path);
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            reqwest::Client::new()
                .put(url)
                .bearer_auth(token)
                .json(&json!({"titel": format!("Fassung {i}"), "umsetzung": "kurzfristig", "version": 1}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.unwrap());
    }
    assert_eq!(codes.iter().filter(|c| **c == 200).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == 409).count(), 7, "{codes:?}");
}

#[tokio::test]
async fn ziel_is_one_per_field_with_versions() {
    let app = spawn().await;
    let token = app.account("mod@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&token, "07140501").await;
    let (p, _) = app.join(&code, "Jana").await;
    let url = app.url(&format!("/api/v1/werkstaetten/{w}/felder/{feld}/ziel"));
    let r = p
        .put(&url)
        .json(&json!({"text": "Gäste finden alle Angebote online.", "version": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = p
        .put(&url)
        .json(&json!({"text": "Eine andere Fassung des Ziels.", "version": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let z: serde_json::Value = p.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(z["text"], "Gäste finden alle Angebote online.");
    assert_eq!(z["version"], 1);
}
