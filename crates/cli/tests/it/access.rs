//! Nobody reads or changes another Werkstatt's data, through the pages or the API.

use serde_json::json;

use crate::helpers::{count_massnahmen, spawn};

#[tokio::test]
async fn facilitators_and_participants_are_confined_to_their_werkstatt() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let b = app.account("b@example.org", "facilitator").await;
    let (wa, feld_a, code_a) = app.gruppenarbeit(&a, "07140501").await;
    let (wb, _, code_b) = app.gruppenarbeit(&b, "07140502").await;

    // Facilitator B sees only B.
    let (s, list) = app.get_json(&b, "/api/v1/werkstaetten").await;
    assert_eq!(s, 200);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], wb.as_str());
    for path in [
        format!("/api/v1/werkstaetten/{wa}"),
        format!("/api/v1/werkstaetten/{wa}/massnahmen"),
        format!("/api/v1/werkstaetten/{wa}/teilnehmende"),
        format!("/api/v1/werkstaetten/{wa}/bundle"),
        format!("/api/v1/werkstaetten/{wa}/events"),
    ] {
        let (s, _) = app.get_json(&b, &path).await;
        assert_eq!(s, 404, "{path}");
    }
    let (s, _) = app
        .post_json(
            &b,
            &format!("/api/v1/werkstaetten/{wa}/massnahmen"),
            json!({"feld_id": feld_a, "titel": "Fremd", "umsetzung": "kurzfristig"}),
        )
        .await;
    assert_eq!(s, 404);
    let (s, _) = app
        .put_json(
            &b,
            &format!("/api/v1/werkstaetten/{wa}/phase"),
            json!({"phase": "priorisierung"}),
        )
        .await;
    assert_eq!(s, 404);

    // Pages: B's session cannot open A's pages either.
    let browser_b = app.client();
    let r = browser_b
        .post(app.url("/login"))
        .form(&[("email", "b@example.org"), ("password", "ein-langes-passwort")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    for path in [
        format!("/w/{wa}"),
        format!("/w/{wa}/feldwahl"),
        format!("/w/{wa}/felder/{feld_a}"),
        format!("/w/{wa}/massnahmen"),
    ] {
        assert_eq!(
            browser_b.get(app.url(&path)).send().await.unwrap().status(),
            404,
            "{path}"
        );
    }
    let r = browser_b
        .post(app.url(&format!("/w/{wa}/felder/{feld_a}/massnahmen")))
        .form(&[("titel", "Fremd"), ("umsetzung", "kurzfristig")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    // A participant of B can neither read nor write A.
    let (pb, _) = app.join(&code_b, "Bert").await;
    for path in [
        format!("/api/v1/werkstaetten/{wa}"),
        format!("/api/v1/werkstaetten/{wa}/massnahmen"),
    ] {
        assert_eq!(
            pb.get(app.url(&path)).send().await.unwrap().status(),
            404,
            "{path}"
        );
    }
    assert_eq!(
        pb.get(app.url(&format!("/w/{wa}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let r = pb
        .post(app.url(&format!("/api/v1/werkstaetten/{wa}/massnahmen")))
        .json(&json!({"feld_id": feld_a, "titel": "Fremd", "umsetzung": "kurzfristig"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(count_massnahmen(&app, &wa).await, 0);

    // Participants cannot create Kommunen or Werkstätten, nor steer the phase.
    let (pa, _) = app.join(&code_a, "Anna").await;
    let r = pa
        .post(app.url("/api/v1/kommunen"))
        .json(&json!({"name": "X", "art": "stadt", "ags": "07140599", "einwohner": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = pa
        .put(app.url(&format!("/api/v1/werkstaetten/{wa}/phase")))
        .json(&json!({"phase": "priorisierung"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn observers_read_but_never_write() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, feld, _) = app.gruppenarbeit(&a, "07140501").await;
    let (_, full) = app.get_json(&a, &format!("/api/v1/werkstaetten/{w}")).await;
    let code = full["observer_code"].as_str().unwrap();
    let o = app.client();
    let r = o.get(app.url(&format!("/o/{code}"))).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        o.get(app.url(&format!("/w/{w}/massnahmen")))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let r = o
        .post(app.url(&format!("/api/v1/werkstaetten/{w}/massnahmen")))
        .json(&json!({"feld_id": feld, "titel": "Beobachtet", "umsetzung": "kurzfristig"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(
        o.get(app.url(&format!("/api/v1/werkstaetten/{w}/teilnehmende")))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

#[tokio::test]
async fn cross_site_form_posts_are_refused() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, _, code) = app.gruppenarbeit(&a, "07140501").await;
    let (p, _) = app.join(&code, "Anna").await;
    let feld = app.feld(&a, &w, "tourismus").await;
    let url = app.url(&format!("/w/{w}/felder/{feld}/massnahmen"));
    let r = p
        .post(&url)
        .header("Origin", "http://boese.example")
        .form(&[("titel", "CSRF"), ("umsetzung", "kurzfristig")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = p
        .post(&url)
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[("titel", "CSRF"), ("umsetzung", "kurzfristig")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(count_massnahmen(&app, &w).await, 0);
    let r = p
        .post(&url)
        .header("Sec-Fetch-Site", "same-origin")
        .header("Origin", format!("http://{}", app.addr))
        .form(&[("titel", "Echt"), ("umsetzung", "kurzfristig")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(count_massnahmen(&app, &w).await, 1);
}

#[tokio::test]
async fn failed_logins_and_joins_are_rate_limited() {
    let app = spawn().await;
    app.account("a@example.org", "admin").await;
    let c = app.client();
    let mut last = 0;
    for _ in 0..21 {
        last = c
            .post(app.url("/login"))
            .form(&[("email", "a@example.org"), ("password", "falsch-falsch")])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
    }
    assert_eq!(last, 429);
    // Even the right password is refused while blocked.
    let r = c
        .post(app.url("/login"))
        .form(&[("email", "a@example.org"), ("password", "ein-langes-passwort")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    let mut last = 0;
    for _ in 0..21 {
        last = c
            .post(app.url("/api/v1/join"))
            .json(&json!({"code": "AAAA-BBBB", "name": "Rater"}))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
    }
    assert_eq!(last, 429);
}
