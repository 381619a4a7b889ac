//! The facilitator's console: lock, timer, agenda, presence; the projector with its QR code.

use std::time::Duration;

use crate::helpers::{login, spawn};

#[tokio::test]
async fn lock_timer_and_agenda() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&t, "07140501").await;
    let m = login(&app, "mod@example.org").await;
    let (p, _) = app.join(&code, "Jana").await;
    // Locked: participants cannot add, facilitators still can.
    let r = m
        .post(app.url(&format!("/w/{w}/moderation/sperre")))
        .form(&[("gesperrt", "true")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(app.massnahme_as(&p, &w, &feld, "Gesperrt").await, 409);
    let r = p
        .post(app.url(&format!("/api/v1/werkstaetten/{w}/massnahmen")))
        .json(&serde_json::json!({"feld_id": feld, "titel": "Gesperrt", "umsetzung": "kurzfristig"}))
        .send()
        .await
        .unwrap();
    let e: serde_json::Value = r.json().await.unwrap();
    assert_eq!(e["error"], "err-gesperrt");
    assert_eq!(app.massnahme_as(&m, &w, &feld, "Von der Moderation").await, 201);
    m.post(app.url(&format!("/w/{w}/moderation/sperre")))
        .form(&[("gesperrt", "false")])
        .send()
        .await
        .unwrap();
    assert_eq!(app.massnahme_as(&p, &w, &feld, "Wieder offen").await, 201);

    // The timer shows on the participants' pages.
    let r = m
        .post(app.url(&format!("/w/{w}/moderation/timer")))
        .form(&[("aktion", "start"), ("titel", "Gruppenarbeit"), ("minuten", "20")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let html = p
        .get(app.url(&format!("/w/{w}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("data-timer-ende=") && html.contains("Gruppenarbeit:"),
        "{html}"
    );
    assert!(html.contains("20:00") || html.contains("19:59"));
    m.post(app.url(&format!("/w/{w}/moderation/timer")))
        .form(&[("aktion", "pause")])
        .send()
        .await
        .unwrap();
    let html = p
        .get(app.url(&format!("/w/{w}/feldwahl")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("angehalten") && !html.contains("data-timer-ende="));
    let r = m
        .post(app.url(&format!("/w/{w}/moderation/timer")))
        .form(&[("aktion", "start"), ("minuten", "viele")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    m.post(app.url(&format!("/w/{w}/moderation/timer")))
        .form(&[("aktion", "stop")])
        .send()
        .await
        .unwrap();
    let html = p
        .get(app.url(&format!("/w/{w}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("class=\"timer\""));

    // The agenda: one item per line with a time; a bad line names its number.
    let r = m
        .post(app.url(&format!("/w/{w}/moderation/agenda")))
        .form(&[("agenda", "09:00 Begrüßung\n10:00 Info-Stationen")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let html = m
        .get(app.url(&format!("/w/{w}/moderation")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("10:00 Info-Stationen"));
    let r = m
        .post(app.url(&format!("/w/{w}/moderation/agenda")))
        .form(&[("agenda", "09:00 Begrüßung\nmittags Essen")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Zeile 2"));
    // Participants have no console.
    assert_eq!(
        p.get(app.url(&format!("/w/{w}/moderation")))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        p.post(app.url(&format!("/w/{w}/moderation/sperre")))
            .form(&[("gesperrt", "true")])
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

#[tokio::test]
async fn console_counts_who_is_connected_and_projector_shows_the_qr() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&t, "07140501").await;
    let m = login(&app, "mod@example.org").await;
    let (p, _) = app.join(&code, "Jana").await;
    p.post(app.url(&format!("/w/{w}/felder/{feld}/gruppe")))
        .send()
        .await
        .unwrap();
    let before = m
        .get(app.url(&format!("/w/{w}/moderation")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(before.contains("0 von 1 Teilnehmenden"), "{before}");
    let mut stream = p.get(app.url(&format!("/w/{w}/events"))).send().await.unwrap();
    let _ = tokio::time::timeout(Duration::from_secs(2), stream.chunk()).await;
    let during = m
        .get(app.url(&format!("/w/{w}/moderation")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(during.contains("1 von 1 Teilnehmenden"), "{during}");
    drop(stream);
    let pj = m
        .get(app.url(&format!("/w/{w}/projektor")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(pj.contains(r#"<svg role="img" aria-label="QR-Code zum Beitreten""#));
    let werkstatt = app.state.db.werkstatt(&w).await.unwrap();
    assert!(pj.contains(&werkstatt.join_code_display()));
    assert!(pj.contains(&format!("/j/{}", werkstatt.join_code)));
    let st = m
        .get(app.url(&format!("/w/{w}/projektor?modus=stationen")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(st.matches("data-station").count() >= 9);
}
