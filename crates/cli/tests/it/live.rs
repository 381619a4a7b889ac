//! Live updates: a change reaches every open event stream of the Werkstatt, and only that one.

use std::time::Duration;

use serde_json::json;

use crate::helpers::{PG_DEFAULT, spawn, spawn_with};

/// Reads the stream until `needle` appears or the time is up; returns what was read.
async fn read_until(resp: &mut reqwest::Response, needle: &str, within: Duration) -> String {
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + within;
    while !seen.contains(needle) {
        match tokio::time::timeout_at(deadline, resp.chunk()).await {
            Ok(Ok(Some(bytes))) => seen.push_str(&String::from_utf8_lossy(&bytes)),
            _ => break,
        }
    }
    seen
}

#[tokio::test]
async fn a_new_massnahme_reaches_other_streams_within_a_second() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&t, "07140501").await;
    let (other_w, _, _) = app.gruppenarbeit(&t, "07140502").await;
    let (a, _) = app.join(&code, "Anna").await;
    let (b, _) = app.join(&code, "Bert").await;

    let mut stream = b
        .get(app.url(&format!("/api/v1/werkstaetten/{w}/events")))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert!(
        stream.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let hello = read_until(&mut stream, "event: hello", Duration::from_secs(2)).await;
    assert!(hello.contains("event: hello"));
    let mut foreign = app
        .client()
        .get(app.url(&format!("/api/v1/werkstaetten/{other_w}/events")))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    read_until(&mut foreign, "event: hello", Duration::from_secs(2)).await;

    let r = a
        .post(app.url(&format!("/api/v1/werkstaetten/{w}/massnahmen")))
        .json(&json!({"feld_id": feld, "titel": "Live-Test", "umsetzung": "kurzfristig"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let id = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let got = read_until(&mut stream, &id, Duration::from_secs(1)).await;
    assert!(got.contains("event: massnahme"), "{got}");
    assert!(got.contains(&id));
    // Events carry ids only, never content.
    assert!(!got.contains("Live-Test"));
    // The other Werkstatt's stream hears nothing of it.
    let quiet = read_until(&mut foreign, &id, Duration::from_millis(300)).await;
    assert!(!quiet.contains("massnahme"), "{quiet}");
}

#[tokio::test]
async fn pages_stream_needs_access() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, _, _) = app.gruppenarbeit(&t, "07140501").await;
    let r = app
        .client()
        .get(app.url(&format!("/w/{w}/events")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = app
        .client()
        .get(app.url(&format!("/api/v1/werkstaetten/{w}/events")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn shutdown_ends_open_streams() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, _, _) = app.gruppenarbeit(&t, "07140501").await;
    let mut stream = app
        .client()
        .get(app.url(&format!("/api/v1/werkstaetten/{w}/events")))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    read_until(&mut stream, "event: hello", Duration::from_secs(2)).await;
    app.state.shutdown.cancel();
    let end = tokio::time::timeout(Duration::from_secs(3), async {
        while let Ok(Some(_)) = stream.chunk().await {}
    })
    .await;
    assert!(end.is_ok(), "stream did not end on shutdown");
}

#[tokio::test]
async fn two_instances_on_postgres_behave_as_one() {
    let url = std::env::var("WERKSTATT_TEST_PG").unwrap_or_else(|_| PG_DEFAULT.into());
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    let db_a = werkstatt_store::Db::connect_postgres_schema(&url, &schema)
        .await
        .expect("PostgreSQL must be running");
    db_a.migrate().await.unwrap();
    let db_b = werkstatt_store::Db::connect_postgres_schema(&url, &schema)
        .await
        .unwrap();
    let a = spawn_with(db_a, None).await;
    let b = spawn_with(db_b, None).await;
    let t = a.account("mod@example.org", "facilitator").await;
    let (w, feld, _) = a.gruppenarbeit(&t, "07140501").await;
    // The stream is opened on instance B, the change is made through instance A.
    let mut stream = b
        .client()
        .get(b.url(&format!("/api/v1/werkstaetten/{w}/events")))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    read_until(&mut stream, "event: hello", Duration::from_secs(2)).await;
    let (s, m) = a
        .post_json(
            &t,
            &format!("/api/v1/werkstaetten/{w}/massnahmen"),
            json!({"feld_id": feld, "titel": "Über Instanz A", "umsetzung": "kurzfristig"}),
        )
        .await;
    assert_eq!(s, 201);
    let id = m["id"].as_str().unwrap();
    let got = read_until(&mut stream, id, Duration::from_secs(1)).await;
    assert!(got.contains("event: massnahme") && got.contains(id), "{got}");
    // And B serves what A wrote.
    let (s, list) = b
        .get_json(&t, &format!("/api/v1/werkstaetten/{w}/massnahmen"))
        .await;
    assert_eq!((s, list.as_array().unwrap().len()), (200, 1));
}
