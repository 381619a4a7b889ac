//! Running it: the figures at `/metrics` and the bound on open event streams.

use crate::helpers::spawn;

fn wert(text: &str, zeile: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(zeile)?.trim().parse().ok())
        .unwrap_or(f64::NAN)
}

#[tokio::test]
async fn metrics_count_answers_for_a_local_scraper_only() {
    let app = spawn().await;
    let token = app.account("admin@example.org", "admin").await;
    let c = app.client();
    for path in ["/", "/katalog", "/gibt-es-nicht", "/w/unbekannt"] {
        c.get(app.url(path)).send().await.unwrap();
    }
    let r = c.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let t = r.text().await.unwrap();
    let klassen: f64 = (1..=5)
        .map(|k| wert(&t, &format!("werkstatt_http_requests_total{{code=\"{k}xx\"}}")))
        .sum();
    assert!(
        wert(&t, "werkstatt_http_requests_total{code=\"2xx\"}") >= 2.0,
        "{t}"
    );
    assert!(
        wert(&t, "werkstatt_http_requests_total{code=\"4xx\"}") >= 2.0,
        "{t}"
    );
    assert_eq!(
        wert(&t, "werkstatt_http_request_duration_seconds_count"),
        klassen,
        "{t}"
    );
    assert_eq!(
        wert(&t, "werkstatt_http_request_duration_seconds_bucket{le=\"+Inf\"}"),
        klassen
    );
    assert_eq!(wert(&t, "werkstatt_event_streams_open"), 0.0);
    // Through a proxy the request is not local; an administrator may still read.
    let r = c
        .get(app.url("/metrics"))
        .header("X-Forwarded-For", "203.0.113.7")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = c
        .get(app.url("/metrics"))
        .header("X-Forwarded-For", "203.0.113.7")
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn one_session_holds_a_bounded_number_of_event_streams() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, code) = app.werkstatt(&a, "07140501", "feldwahl").await;
    let (p, _) = app.join(&code, "Anna").await;
    let max = werkstatt_core::grenzen::STROEME_JE_SITZUNG;
    let mut offen = Vec::new();
    for _ in 0..max {
        let r = p.get(app.url(&format!("/w/{w}/events"))).send().await.unwrap();
        assert_eq!(r.status(), 200);
        offen.push(r);
    }
    let r = p.get(app.url(&format!("/w/{w}/events"))).send().await.unwrap();
    assert_eq!(r.status(), 429);
    // Someone else in the room is not affected.
    let (q, _) = app.join(&code, "Bert").await;
    let r = q.get(app.url(&format!("/w/{w}/events"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    offen.push(r);
    let t = app
        .client()
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        wert(&t, "werkstatt_event_streams_open"),
        f64::from(max + 1),
        "{t}"
    );
}

async fn text(c: &reqwest::Client, url: String) -> (u16, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn legal_pages_are_public_linked_everywhere_and_written_by_administrators() {
    let app = spawn().await;
    app.account("admin@example.org", "admin").await;
    let f = app.account("f@example.org", "facilitator").await;
    let (w, _) = app.werkstatt(&f, "07140501", "feldwahl").await;
    let gast = app.client();
    for (pfad, titel) in [
        ("/impressum", "Impressum"),
        ("/datenschutz", "Datenschutzerklärung"),
        ("/barrierefreiheit", "Erklärung zur Barrierefreiheit"),
    ] {
        let (s, html) = text(&gast, app.url(pfad)).await;
        assert_eq!(s, 200, "{pfad}");
        assert!(html.contains(&format!("<h1>{titel}</h1>")), "{pfad}");
        assert!(html.contains("mitgelieferte Vorlage"), "{pfad}");
        assert!(!html.contains("<textarea"), "{pfad}: no form for guests");
    }
    // Every page's footer links them, also inside a Werkstatt.
    let m = crate::helpers::login(&app, "f@example.org").await;
    for (c, pfad) in [(&gast, "/".to_owned()), (&m, format!("/w/{w}"))] {
        let (_, html) = text(c, app.url(&pfad)).await;
        for ziel in ["/impressum", "/datenschutz", "/barrierefreiheit"] {
            assert!(
                html.contains(&format!("<a href=\"{ziel}\">")),
                "{pfad} links {ziel}"
            );
        }
    }
    // A facilitator may not write them; an administrator may.
    let r = m
        .post(app.url("/impressum"))
        .form(&[("text", "Übernommen")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let admin = crate::helpers::login(&app, "admin@example.org").await;
    let (_, html) = text(&admin, app.url("/impressum")).await;
    assert!(html.contains("<textarea"), "the administrator gets the form");
    let eigen =
        "**Verbandsgemeinde Altenwald**\n\nVertreten durch die Bürgermeisterin.\n\n<script>alert(1)</script>";
    let r = admin
        .post(app.url("/impressum"))
        .form(&[("text", eigen)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, html) = text(&gast, app.url("/impressum")).await;
    assert!(
        html.contains("<p><strong>Verbandsgemeinde Altenwald</strong></p>"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;") && !html.contains("<script>alert"));
    assert!(!html.contains("mitgelieferte Vorlage"));
    // Too long: at the field, nothing changed.
    let lang = "x".repeat(werkstatt_core::strategie::markdown::MAX_ZEICHEN + 1);
    let r = admin
        .post(app.url("/impressum"))
        .form(&[("text", lang.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("id=\"text-err\""));
    let (_, html) = text(&gast, app.url("/impressum")).await;
    assert!(html.contains("Verbandsgemeinde Altenwald"));
    // Empty brings the template back.
    let r = admin
        .post(app.url("/impressum"))
        .form(&[("text", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, html) = text(&gast, app.url("/impressum")).await;
    assert!(html.contains("mitgelieferte Vorlage"));
}
