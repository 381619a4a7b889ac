//! Prioritisation: rounds of every method, hidden results, budgets under parallel requests,
//! paper ballots, anonymity, the final ranking.

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn};

/// A Werkstatt in the Priorisierung with four Maßnahmen and three participants.
async fn bereit(app: &TestApp) -> (String, String, Vec<String>, Vec<reqwest::Client>) {
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&t, "07140501").await;
    let mut ids = Vec::new();
    for titel in [
        "Bürgerportal",
        "WLAN im Rathaus",
        "Mängelmelder",
        "Digitale Sitzungen",
    ] {
        let (s, m) = app
            .post_json(
                &t,
                &format!("/api/v1/werkstaetten/{w}/massnahmen"),
                json!({"feld_id": feld, "titel": titel, "umsetzung": "kurzfristig"}),
            )
            .await;
        assert_eq!(s, 201);
        ids.push(m["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(app.phase(&t, &w, "priorisierung").await, 200);
    let mut people = Vec::new();
    for name in ["Anna", "Bert", "Cleo"] {
        people.push(app.join(&code, name).await.0);
    }
    (t, w, ids, people)
}

async fn runde(app: &TestApp, t: &str, w: &str, body: Value) -> Value {
    let (s, r) = app
        .post_json(t, &format!("/api/v1/werkstaetten/{w}/runden"), body)
        .await;
    assert_eq!(s, 201, "{r}");
    r
}

async fn stimme(app: &TestApp, c: &reqwest::Client, w: &str, rid: &str, inhalt: Value) -> (u16, Value) {
    let r = c
        .put(app.url(&format!("/api/v1/werkstaetten/{w}/runden/{rid}/stimmzettel")))
        .json(&json!({"inhalt": inhalt}))
        .send()
        .await
        .unwrap();
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

async fn schliessen(app: &TestApp, t: &str, w: &str, rid: &str) -> Value {
    let (s, r) = app
        .put_json(
            t,
            &format!("/api/v1/werkstaetten/{w}/runden/{rid}/status"),
            json!({"status": "geschlossen"}),
        )
        .await;
    assert_eq!(s, 200, "{r}");
    r
}

fn erster(r: &Value) -> String {
    r["ergebnis"]["rang"][0][0].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn every_method_end_to_end_with_hidden_results() {
    let app = spawn().await;
    let (t, w, m, p) = bereit(&app).await;
    let cases = [
        (
            "punkte",
            vec![
                json!({m[0].clone(): 2, m[1].clone(): 1}),
                json!({m[0].clone(): 3}),
                json!({m[2].clone(): 1, m[0].clone(): 1}),
            ],
        ),
        (
            "matrix",
            vec![
                json!({m[0].clone(): {"nutzen": 5, "aufwand": 1}, m[1].clone(): {"nutzen": 2, "aufwand": 5}}),
                json!({m[0].clone(): {"nutzen": 4, "aufwand": 2}}),
                json!({m[0].clone(): {"nutzen": 5, "aufwand": 2}, m[3].clone(): {"nutzen": 1, "aufwand": 1}}),
            ],
        ),
        (
            "nutzwert",
            vec![
                json!({m[0].clone(): [9, 8, 7, 6]}),
                json!({m[0].clone(): [8, 8, 8, 8], m[1].clone(): [2, 2, 2, 2]}),
                json!({m[2].clone(): [5, 5, 5, 5]}),
            ],
        ),
        (
            "paarvergleich",
            vec![
                json!([{"a": m[0].clone(), "b": m[1].clone(), "ausgang": "a"}, {"a": m[0].clone(), "b": m[2].clone(), "ausgang": "a"}]),
                json!([{"a": m[3].clone(), "b": m[0].clone(), "ausgang": "b"}]),
                json!([{"a": m[1].clone(), "b": m[2].clone(), "ausgang": "gleich"}]),
            ],
        ),
        (
            "rangfolge",
            vec![
                json!([[m[0].clone()], [m[1].clone()], [m[2].clone()]]),
                json!([[m[0].clone()], [m[2].clone(), m[1].clone()]]),
                json!([[m[0].clone()], [m[3].clone()]]),
            ],
        ),
    ];
    for (methode, zettel) in cases {
        let r = runde(&app, &t, &w, json!({"methode": methode, "verborgen": true})).await;
        let rid = r["id"].as_str().unwrap().to_owned();
        for (c, z) in p.iter().zip(&zettel) {
            let (s, stand) = stimme(&app, c, &w, &rid, z.clone()).await;
            assert_eq!(s, 200, "{methode}: {stand}");
            // Participants see the live count, but no result while the round is open.
            assert!(stand["ergebnis"].is_null(), "{methode}");
        }
        let (_, stand) = app
            .get_json(&t, &format!("/api/v1/werkstaetten/{w}/runden/{rid}"))
            .await;
        assert_eq!(stand["abgegeben"], 3);
        let closed = schliessen(&app, &t, &w, &rid).await;
        assert_eq!(erster(&closed), m[0], "{methode}: {closed}");
        // After closing: visible for participants, and no more ballots.
        let seen: Value = p[0]
            .get(app.url(&format!("/api/v1/werkstaetten/{w}/runden/{rid}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(erster(&seen), m[0]);
        let (s, _) = stimme(&app, &p[0], &w, &rid, zettel[0].clone()).await;
        assert_eq!(s, 409, "{methode}");
        // Ballots are anonymous everywhere.
        let text = seen.to_string();
        for c in &p {
            let me: Value = c
                .get(app.url("/api/v1/me"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert!(
                !text.contains(me["id"].as_str().unwrap()),
                "{methode}: participant id leaked"
            );
        }
    }
    // Rangfolge reports Borda and Schulze and the agreement.
    let (_, alle) = app
        .get_json(&t, &format!("/api/v1/werkstaetten/{w}/runden"))
        .await;
    let rang = alle
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["methode"] == "rangfolge")
        .unwrap();
    assert!(rang["ergebnis"]["details"]["borda"]["punkte"].is_object());
    assert!(rang["ergebnis"]["einigkeit"].as_f64().unwrap() > 0.0);
}

#[tokio::test]
async fn budgets_hold_for_parallel_and_repeated_ballots() {
    let app = spawn().await;
    let (t, w, m, p) = bereit(&app).await;
    let r = runde(
        &app,
        &t,
        &w,
        json!({"methode": "punkte", "budget": 3, "max_pro_option": 2}),
    )
    .await;
    let rid = r["id"].as_str().unwrap().to_owned();
    let (s, e) = stimme(&app, &p[0], &w, &rid, json!({m[0].clone(): 2, m[1].clone(): 2})).await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(e["fields"][0]["code"], "err-dots-budget");
    let (s, _) = stimme(&app, &p[0], &w, &rid, json!({m[0].clone(): 3})).await;
    assert_eq!(s, 422);
    // Ten ballots of the same person at once, from "two tabs": each valid on its own.
    let mut tasks = Vec::new();
    for i in 0..10 {
        let (c, url) = (
            p[0].clone(),
            app.url(&format!("/api/v1/werkstaetten/{w}/runden/{rid}/stimmzettel")),
        );
        let z = if i % 2 == 0 {
            json!({m[0].clone(): 2, m[1].clone(): 1})
        } else {
            json!({m[2].clone(): 2, m[3].clone(): 1})
        };
        tasks.push(tokio::spawn(async move {
            c.put(url)
                .json(&json!({"inhalt": z}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), 200);
    }
    let closed = schliessen(&app, &t, &w, &rid).await;
    // Exactly one ballot counts, with exactly its 3 dots.
    assert_eq!(closed["abgegeben"], 1);
    assert_eq!(closed["ergebnis"]["details"]["punkte_gesamt"], 3);
}

#[tokio::test]
async fn paper_ballots_are_marked_and_only_facilitators_enter_them() {
    let app = spawn().await;
    let (t, w, m, p) = bereit(&app).await;
    let r = runde(&app, &t, &w, json!({"methode": "punkte", "verborgen": false})).await;
    let rid = r["id"].as_str().unwrap().to_owned();
    let url = format!("/api/v1/werkstaetten/{w}/runden/{rid}/papier");
    for _ in 0..2 {
        let (s, _) = app
            .post_json(&t, &url, json!({"inhalt": {m[3].clone(): 2}}))
            .await;
        assert_eq!(s, 201);
    }
    let r = p[0]
        .post(app.url(&url))
        .json(&json!({"inhalt": {m[3].clone(): 2}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let (_, stand) = stimme(&app, &p[1], &w, &rid, json!({m[0].clone(): 1})).await;
    assert_eq!(stand["abgegeben"], 1);
    assert_eq!(stand["ergebnis"]["proxy"], 2);
    assert_eq!(stand["ergebnis"]["stimmzettel"], 3);
    assert_eq!(erster(&stand), m[3]);
}

#[tokio::test]
async fn only_in_the_priorisierung_and_the_final_ranking() {
    let app = spawn().await;
    let (t, w, m, p) = bereit(&app).await;
    let r = runde(&app, &t, &w, json!({"methode": "rangfolge"})).await;
    let rid = r["id"].as_str().unwrap().to_owned();
    assert_eq!(app.phase(&t, &w, "gruppenarbeit").await, 200);
    let (s, _) = stimme(&app, &p[0], &w, &rid, json!([[m[1].clone()]])).await;
    assert_eq!(s, 409);
    assert_eq!(app.phase(&t, &w, "priorisierung").await, 200);
    for c in &p {
        assert_eq!(
            stimme(
                &app,
                c,
                &w,
                &rid,
                json!([[m[1].clone()], [m[0].clone()], [m[2].clone()], [m[3].clone()]])
            )
            .await
            .0,
            200
        );
    }
    // Deciding needs a closed round and reasons for overrides.
    let path = format!("/api/v1/werkstaetten/{w}/rangfolge");
    let (s, _) = app
        .put_json(&t, &path, json!({"runde_id": rid, "top_n": 2}))
        .await;
    assert_eq!(s, 422);
    schliessen(&app, &t, &w, &rid).await;
    let (s, e) = app.put_json(&t, &path, json!({"runde_id": rid, "top_n": 2, "korrekturen": [{"massnahme_id": m[3].clone(), "position": 1, "grund": ""}]})).await;
    assert_eq!(s, 422);
    assert_eq!(e["fields"][0]["field"], "korrekturen[0].grund");
    let (s, e) = app
        .put_json(&t, &path, json!({"runde_id": rid, "top_n": 2, "korrekturen": [{"massnahme_id": m[3].clone(), "position": 1, "grund": "Förderfrist endet bald"}]}))
        .await;
    assert_eq!(s, 200, "{e}");
    assert_eq!(
        e["reihenfolge"],
        json!([m[3].clone(), m[1].clone(), m[0].clone(), m[2].clone()])
    );
    assert_eq!(e["vertiefung"], json!([m[3].clone(), m[1].clone()]));
    // The top N are ready for the in-depth planning.
    let plaene = app.state.db.plaene(&w).await.unwrap();
    let mut geplant: Vec<&str> = plaene.iter().map(|p| p.massnahme_id.as_str()).collect();
    geplant.sort_unstable();
    let mut erwartet = vec![m[3].as_str(), m[1].as_str()];
    erwartet.sort_unstable();
    assert_eq!(geplant, erwartet);
    // The pages show the same.
    let html = p[0]
        .get(app.url(&format!("/w/{w}/priorisierung")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Förderfrist endet bald") && html.contains("wird vertieft geplant"));
}

#[tokio::test]
async fn voting_through_the_pages() {
    let app = spawn().await;
    let (t, w, m, p) = bereit(&app).await;
    let r = runde(&app, &t, &w, json!({"methode": "punkte", "verborgen": false})).await;
    let rid = r["id"].as_str().unwrap().to_owned();
    let page = p[0]
        .get(app.url(&format!("/w/{w}/runden/{rid}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("name=\"p.{}\"", m[0])));
    let r = p[0]
        .post(app.url(&format!("/w/{w}/runden/{rid}/stimme")))
        .form(&[
            (format!("p.{}", m[0]), "3".to_owned()),
            (format!("p.{}", m[1]), "3".to_owned()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Sie haben nur"));
    let r = p[0]
        .post(app.url(&format!("/w/{w}/runden/{rid}/stimme")))
        .form(&[
            (format!("p.{}", m[0]), "3".to_owned()),
            (format!("p.{}", m[1]), "0".to_owned()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let page = p[0]
        .get(app.url(&format!("/w/{w}/runden/{rid}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("1 von 3 haben abgestimmt."));
    assert!(page.contains("<svg") && page.contains("Ergebnis als Tabelle"));
    // A rank round through the form: places become groups.
    let r2 = runde(&app, &t, &w, json!({"methode": "rangfolge", "verborgen": false})).await;
    let rid2 = r2["id"].as_str().unwrap().to_owned();
    let form = [
        (format!("r.{}", m[2]), "1".to_owned()),
        (format!("r.{}", m[0]), "2".to_owned()),
        (format!("r.{}", m[1]), "2".to_owned()),
    ];
    assert_eq!(
        p[1].post(app.url(&format!("/w/{w}/runden/{rid2}/stimme")))
            .form(&form)
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    let (_, stand) = app
        .get_json(&t, &format!("/api/v1/werkstaetten/{w}/runden/{rid2}"))
        .await;
    assert_eq!(erster(&stand), m[2]);
    // The matrix shows its scatter plot.
    let r3 = runde(&app, &t, &w, json!({"methode": "matrix", "verborgen": false})).await;
    let rid3 = r3["id"].as_str().unwrap().to_owned();
    let form = [
        (format!("n.{}", m[0]), "5".to_owned()),
        (format!("a.{}", m[0]), "1".to_owned()),
    ];
    assert_eq!(
        p[2].post(app.url(&format!("/w/{w}/runden/{rid3}/stimme")))
            .form(&form)
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    let page = p[2]
        .get(app.url(&format!("/w/{w}/runden/{rid3}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<circle") && page.contains("Quick Win"));
}

#[tokio::test]
async fn a_closed_rounds_result_is_kept_until_it_is_reopened() {
    let app = spawn().await;
    let (t, w, m, p) = bereit(&app).await;
    let r = runde(&app, &t, &w, json!({"methode": "punkte", "verborgen": false})).await;
    let rid = r["id"].as_str().unwrap().to_owned();
    assert_eq!(
        stimme(&app, &p[0], &w, &rid, json!({m[1].clone(): 3})).await.0,
        200
    );
    let closed = schliessen(&app, &t, &w, &rid).await;
    assert_eq!(erster(&closed), m[1]);
    // Read again and again: the same result.
    for _ in 0..3 {
        let (_, stand) = app
            .get_json(&t, &format!("/api/v1/werkstaetten/{w}/runden/{rid}"))
            .await;
        assert_eq!(stand["ergebnis"], closed["ergebnis"]);
    }
    // Reopened, two more votes for another measure, closed again: the new result counts them.
    let (s, _) = app
        .put_json(
            &t,
            &format!("/api/v1/werkstaetten/{w}/runden/{rid}/status"),
            json!({"status": "offen"}),
        )
        .await;
    assert_eq!(s, 200);
    for c in &p[1..] {
        assert_eq!(stimme(&app, c, &w, &rid, json!({m[2].clone(): 3})).await.0, 200);
    }
    let again = schliessen(&app, &t, &w, &rid).await;
    assert_eq!(erster(&again), m[2], "{again}");
    let (_, stand) = app
        .get_json(&t, &format!("/api/v1/werkstaetten/{w}/runden/{rid}"))
        .await;
    assert_eq!(erster(&stand), m[2]);
}

/// Each participant speaks once per pair: repeating one answer, in one ballot or over
/// several, does not outweigh two people who answered once.
#[tokio::test]
async fn in_a_pairwise_comparison_the_last_answer_per_pair_counts() {
    let app = spawn().await;
    let (t, w, m, p) = bereit(&app).await;
    let r = runde(
        &app,
        &t,
        &w,
        json!({"methode": "paarvergleich", "verborgen": true}),
    )
    .await;
    let rid = r["id"].as_str().unwrap().to_owned();
    let mut laut: Vec<Value> = (0..1998)
        .map(|_| json!({"a": m[0].clone(), "b": m[1].clone(), "ausgang": "a"}))
        .collect();
    laut.push(json!({"a": m[2].clone(), "b": m[3].clone(), "ausgang": "a"}));
    let (s, b) = stimme(&app, &p[0], &w, &rid, Value::Array(laut.clone())).await;
    assert_eq!(s, 200, "{b}");
    let (s, b) = stimme(&app, &p[0], &w, &rid, Value::Array(laut)).await;
    assert_eq!(s, 200, "a second ballot of the same answers is accepted: {b}");
    for c in &p[1..] {
        let (s, b) = stimme(
            &app,
            c,
            &w,
            &rid,
            json!([{"a": m[1].clone(), "b": m[0].clone(), "ausgang": "a"}]),
        )
        .await;
        assert_eq!(s, 200, "{b}");
    }
    let closed = schliessen(&app, &t, &w, &rid).await;
    let platz = |id: &str| {
        closed["ergebnis"]["rang"]
            .as_array()
            .unwrap()
            .iter()
            .position(|g| g.as_array().unwrap().iter().any(|x| x == id))
            .unwrap()
    };
    assert!(platz(&m[1]) < platz(&m[0]), "two people against one: {closed}");
    // The loud ballot still counts, once: its other answer decides its pair.
    assert!(platz(&m[2]) < platz(&m[3]), "{closed}");
    // The first participant changes their mind: their last answer replaces the first.
    let r = runde(&app, &t, &w, json!({"methode": "paarvergleich"})).await;
    let rid = r["id"].as_str().unwrap().to_owned();
    for ausgang in ["a", "b"] {
        let (s, _) = stimme(
            &app,
            &p[0],
            &w,
            &rid,
            json!([{"a": m[2].clone(), "b": m[3].clone(), "ausgang": ausgang}]),
        )
        .await;
        assert_eq!(s, 200);
    }
    let closed = schliessen(&app, &t, &w, &rid).await;
    assert_eq!(erster(&closed), m[3], "{closed}");
}
