//! Live fragments and the read path's caches, as a client meets them: a fragment follows
//! every change at once, is the same for every client of one view, answers 304 when the
//! client already has it, and no cache outlives a logout or a change.

use serde_json::json;

use crate::helpers::spawn;

async fn text(c: &reqwest::Client, url: &str) -> (u16, String, Option<String>) {
    let r = c.get(url).send().await.unwrap();
    let s = r.status().as_u16();
    let etag = r.headers().get("etag").map(|v| v.to_str().unwrap().to_owned());
    (s, r.text().await.unwrap(), etag)
}

#[tokio::test]
async fn a_fragment_follows_a_change_at_once_and_answers_304_when_unchanged() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&t, "07140501").await;
    let (anna, _) = app.join(&code, "Anna").await;
    let url = app.url(&format!("/w/{w}/teile/massnahmen"));

    let (s, vorher, etag) = text(&anna, &url).await;
    assert_eq!(s, 200);
    let etag = etag.expect("an ETag");
    let r = anna
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);

    let titel = "Frische Maßnahme 4711";
    assert!(!vorher.contains(titel));
    let r = anna
        .post(app.url(&format!("/api/v1/werkstaetten/{w}/massnahmen")))
        .json(&json!({"feld_id": feld, "titel": titel, "umsetzung": "kurzfristig"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    // The very next request, with the old ETag, gets the new list.
    let r = anna
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains(titel));
    // The page embeds the same fragment, with its address and the events it follows.
    let (s, seite, _) = text(&anna, &app.url(&format!("/w/{w}/massnahmen"))).await;
    assert_eq!(s, 200);
    assert!(seite.contains(titel));
    assert!(seite.contains(&format!(r#"data-teil="/w/{w}/teile/massnahmen""#)));
    assert!(seite.contains(r#"data-ereignisse="massnahme ziel feld feldwahl""#));
    // The page names every event kind the server has, for the live script.
    assert!(seite.contains("strategie"), "the kinds come from EventKind");
}

#[tokio::test]
async fn one_view_gets_the_same_bytes_and_the_facilitator_a_different_view() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&t, "07140501").await;
    let (anna, _) = app.join(&code, "Anna").await;
    let (bert, _) = app.join(&code, "Bert").await;
    let gruppe = app.url(&format!("/w/{w}/teile/gruppe-massnahmen?feld={feld}"));
    anna.post(app.url(&format!("/api/v1/werkstaetten/{w}/massnahmen")))
        .json(&json!({"feld_id": feld, "titel": "Geteilt", "umsetzung": "kurzfristig"}))
        .send()
        .await
        .unwrap();
    let (_, a, ea) = text(&anna, &gruppe).await;
    let (_, b, eb) = text(&bert, &gruppe).await;
    assert_eq!(a, b, "two participants, one view");
    assert_eq!(ea, eb);
    // Participants may edit in the Gruppenarbeit, so the edit link is in their view.
    assert!(a.contains("/bearbeiten"));

    let phase = app.url(&format!("/w/{w}/teile/phase"));
    let (_, tn, _) = text(&anna, &phase).await;
    let r = app.client().get(&phase).bearer_auth(&t).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let moderation = r.text().await.unwrap();
    assert!(
        moderation.contains(&format!("/w/{w}/phase")),
        "the facilitator's controls"
    );
    assert!(
        !tn.contains(&format!("/w/{w}/phase")),
        "no controls for participants"
    );

    // A lock changes what participants may do: their fragment follows at once.
    let r = app
        .client()
        .post(app.url(&format!("/w/{w}/moderation/sperre")))
        .bearer_auth(&t)
        .form(&[("gesperrt", "true")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, gesperrt, _) = text(&anna, &gruppe).await;
    assert!(!gesperrt.contains("/bearbeiten"), "locked: no edit link");
}

#[tokio::test]
async fn fragments_keep_the_access_rules_of_their_pages() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, _, code) = app.gruppenarbeit(&t, "07140501").await;
    let (_, _, fremd_code) = app.gruppenarbeit(&t, "07140502").await;
    let (fremd, _) = app.join(&fremd_code, "Fremd").await;
    let (anna, _) = app.join(&code, "Anna").await;
    let url = app.url(&format!("/w/{w}/teile/massnahmen"));
    assert_eq!(text(&fremd, &url).await.0, 404, "another Werkstatt's participant");
    assert_eq!(text(&app.client(), &url).await.0, 401, "nobody logged in");
    assert_eq!(
        text(&anna, &app.url(&format!("/w/{w}/teile/gibt-es-nicht")))
            .await
            .0,
        404
    );
    assert_eq!(
        text(&anna, &app.url(&format!("/w/{w}/teile/gruppe-ziel")))
            .await
            .0,
        404,
        "a group fragment needs its field"
    );
    assert_eq!(
        text(
            &anna,
            &app.url(&format!("/w/{w}/teile/gruppe-ziel?feld=unbekannt"))
        )
        .await
        .0,
        404
    );
}

#[tokio::test]
async fn a_logged_out_session_is_refused_at_once() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, _, code) = app.gruppenarbeit(&t, "07140501").await;
    // A second person whose cookie we keep, as a thief would, before logging out.
    let c = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = c
        .post(app.url("/api/v1/join"))
        .json(&json!({"code": code, "name": "Bert"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let cookie = r
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let mit = |p: &str| c.get(app.url(p)).header("cookie", cookie.clone()).send();
    assert_eq!(mit(&format!("/w/{w}")).await.unwrap().status(), 200);
    let r = c
        .post(app.url("/logout"))
        .header("cookie", cookie.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        mit(&format!("/w/{w}")).await.unwrap().status(),
        401,
        "the old cookie no longer works"
    );
}

#[tokio::test]
async fn a_new_phase_reaches_the_next_page_of_everyone_at_once() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, _, code) = app.gruppenarbeit(&t, "07140501").await;
    let (anna, _) = app.join(&code, "Anna").await;
    let seite = app.url(&format!("/w/{w}"));
    let (_, vorher, _) = text(&anna, &seite).await;
    assert!(
        vorher.contains(r#"aria-current="step">Gruppenarbeit"#),
        "{vorher}"
    );
    assert_eq!(app.phase(&t, &w, "priorisierung").await, 200);
    let (_, nachher, _) = text(&anna, &seite).await;
    assert!(nachher.contains(r#"aria-current="step">Priorisierung"#));
}
