//! A Werkstatt from set-up to group work, with the phase deciding what participants may do.

use serde_json::json;

use crate::helpers::{count_massnahmen, spawn};

#[tokio::test]
async fn phases_gate_what_participants_change() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, code) = app.werkstatt(&t, "07140501", "vorbereitung").await;
    let feld = app.feld(&t, &w, "kommunale-verwaltung").await;
    let (p, me) = app.join(&code, "Jana").await;
    assert_eq!(me["name"], "Jana");
    let punkte = app.url(&format!("/api/v1/werkstaetten/{w}/felder/{feld}/punkte"));
    // No dots before the Feldwahl.
    assert_eq!(
        p.put(&punkte)
            .json(&json!({"punkte": 2}))
            .send()
            .await
            .unwrap()
            .status(),
        409
    );
    // Only one step at a time.
    assert_eq!(app.phase(&t, &w, "vertiefung").await, 422);
    assert_eq!(app.phase(&t, &w, "feldwahl").await, 200);
    assert_eq!(
        p.put(&punkte)
            .json(&json!({"punkte": 2}))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // Measures only in the group work.
    assert_eq!(app.massnahme_as(&p, &w, &feld, "Zu früh").await, 409);
    // Participants may propose their own field during the Feldwahl.
    let r = p
        .post(app.url(&format!("/api/v1/werkstaetten/{w}/felder")))
        .json(&json!({"name": "Landwirtschaft"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let (s, _) = app
        .put_json(
            &t,
            &format!("/api/v1/werkstaetten/{w}/felder/{feld}/auswahl"),
            json!({"gewaehlt": true}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(app.phase(&t, &w, "gruppenarbeit").await, 200);
    assert_eq!(
        p.put(&punkte)
            .json(&json!({"punkte": 1}))
            .send()
            .await
            .unwrap()
            .status(),
        409
    );
    assert_eq!(app.massnahme_as(&p, &w, &feld, "Online-Terminvergabe").await, 201);
    // A field that was not chosen takes no measures from participants.
    let other = app.feld(&t, &w, "tourismus").await;
    assert_eq!(app.massnahme_as(&p, &w, &other, "Falsches Feld").await, 422);
    // Back to the Feldwahl: measures are frozen for participants again.
    assert_eq!(app.phase(&t, &w, "feldwahl").await, 200);
    assert_eq!(app.massnahme_as(&p, &w, &feld, "Nach Rückschritt").await, 409);
    assert_eq!(count_massnahmen(&app, &w).await, 1);
}

#[tokio::test]
async fn dot_budget_holds_even_for_parallel_requests() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, code) = app.werkstatt(&t, "07140501", "feldwahl").await;
    let (p, me) = app.join(&code, "Jana").await;
    let (_, stand) = app
        .get_json(&t, &format!("/api/v1/werkstaetten/{w}/felder"))
        .await;
    assert_eq!(stand["budget"], 5);
    let felder: Vec<String> = stand["felder"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["feld"]["id"].as_str().unwrap().to_owned())
        .collect();
    // Too many on one field, and over budget in sequence.
    let url = |f: &str| app.url(&format!("/api/v1/werkstaetten/{w}/felder/{f}/punkte"));
    let r = p
        .put(url(&felder[0]))
        .json(&json!({"punkte": 4}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(
        p.put(url(&felder[0]))
            .json(&json!({"punkte": 3}))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let r = p
        .put(url(&felder[1]))
        .json(&json!({"punkte": 3}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let e: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        e["fields"][0]["message"],
        "Sie haben nur 5 Punkte; frei sind noch 2."
    );
    assert_eq!(
        p.put(url(&felder[0]))
            .json(&json!({"punkte": 0}))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // Nine parallel requests of 3 dots each on different fields: at most one can win.
    let mut tasks = Vec::new();
    for f in &felder {
        let (c, u) = (p.clone(), url(f));
        tasks.push(tokio::spawn(async move {
            c.put(u)
                .json(&json!({"punkte": 3}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut ok = 0;
    for t in tasks {
        if t.await.unwrap() == 200 {
            ok += 1;
        }
    }
    assert_eq!(ok, 1);
    let mine = app
        .state
        .db
        .meine_feldstimmen(me["id"].as_str().unwrap())
        .await
        .unwrap();
    assert_eq!(mine.values().sum::<u32>(), 3);
}

#[tokio::test]
async fn the_whole_day_through_the_pages() {
    let app = spawn().await;
    app.account("mod@example.org", "admin").await;
    let m = app.client();
    let r = m
        .post(app.url("/login"))
        .form(&[("email", "mod@example.org"), ("password", "ein-langes-passwort")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(r.headers()["set-cookie"].to_str().unwrap().contains("HttpOnly"));
    let r = m
        .post(app.url("/kommunen"))
        .form(&[
            ("name", "Altenwald"),
            ("art", "verbandsgemeinde"),
            ("ags", "07140501"),
            ("einwohner", "14.300"),
            ("ars", ""),
            ("parent_id", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let k = app.state.db.kommunen().await.unwrap();
    assert_eq!(k[0].einwohner, 14_300);
    let r = m
        .post(app.url("/werkstaetten"))
        .form(&[
            ("titel", "Digital-Werkstatt Altenwald"),
            ("datum", "2026-03-14"),
            ("ort", "Bürgerhaus"),
            ("kommunen", k[0].id.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let w = r.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/w/")
        .to_owned();
    let werkstatt = app.state.db.werkstatt(&w).await.unwrap();
    let overview = m
        .get(app.url(&format!("/w/{w}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(overview.contains(&werkstatt.join_code_display()));
    let r = m
        .post(app.url(&format!("/w/{w}/phase")))
        .form(&[("phase", "feldwahl")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);

    // A participant joins on a phone, with the code typed in lower case.
    let p = app.client();
    let typed = werkstatt.join_code_display().to_lowercase();
    let r = p.get(app.url(&format!("/j?code={typed}"))).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let r = p
        .post(app.url(&format!("/j/{}", werkstatt.join_code)))
        .form(&[
            ("name", "Jana K."),
            ("sektor", "bildung"),
            ("kommune_id", k[0].id.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let felder = app.state.db.felder(&w).await.unwrap();
    let tourismus = felder
        .iter()
        .find(|f| f.slug.as_deref() == Some("tourismus"))
        .unwrap();
    let r = p
        .post(app.url(&format!("/w/{w}/felder/{}/punkte", tourismus.id)))
        .form(&[("punkte", "2")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let fw = p
        .get(app.url(&format!("/w/{w}/feldwahl")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        fw.contains("1 von 1 Teilnehmenden haben Punkte vergeben."),
        "{fw}"
    );
    let r = m
        .post(app.url(&format!("/w/{w}/felder/{}/auswahl", tourismus.id)))
        .form(&[("gewaehlt", "true")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    m.post(app.url(&format!("/w/{w}/phase")))
        .form(&[("phase", "gruppenarbeit")])
        .send()
        .await
        .unwrap();

    let g = format!("/w/{w}/felder/{}", tourismus.id);
    assert_eq!(
        p.post(app.url(&format!("{g}/gruppe")))
            .send()
            .await
            .unwrap()
            .status(),
        303
    );
    let r = p
        .post(app.url(&format!("{g}/ziel")))
        .form(&[("text", "Gäste finden alle Angebote online."), ("version", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = p
        .post(app.url(&format!("{g}/massnahmen")))
        .form(&[
            ("titel", "Wander-App"),
            ("umsetzung", "mittelfristig"),
            ("monate", "18"),
            ("aufwand", "3"),
            ("nutzen", "4"),
            ("federfuehrung", "Tourist-Info"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let page = p.get(app.url(&g)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Gäste finden alle Angebote online."));
    assert!(page.contains("Wander-App"));
    assert!(page.contains("18 Monate"));
    // The facilitator enters a paper card; it is marked as such.
    let r = m
        .post(app.url(&format!("{g}/massnahmen")))
        .form(&[
            ("titel", "Gastgeber-Schulung"),
            ("umsetzung", "kurzfristig"),
            ("proxy", "true"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let list = m
        .get(app.url(&format!("/w/{w}/massnahmen")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("Gastgeber-Schulung") && list.contains("von Papier übertragen"));
    let ms = app.state.db.massnahmen(&w).await.unwrap();
    assert_eq!(ms.len(), 2);
    assert!(ms[1].proxy && !ms[0].proxy);
    // Editing through the form keeps the version check.
    let edit = format!("/w/{w}/massnahmen/{}", ms[0].id);
    let r = p
        .post(app.url(&edit))
        .form(&[
            ("titel", "Wander-App für Familien"),
            ("umsetzung", "mittelfristig"),
            ("monate", "18"),
            ("version", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = p
        .post(app.url(&edit))
        .form(&[
            ("titel", "Veraltet"),
            ("umsetzung", "mittelfristig"),
            ("version", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Wander-App für Familien") && html.contains("Veraltet"),
        "both versions shown"
    );
    // Logging out ends the session.
    assert_eq!(p.post(app.url("/logout")).send().await.unwrap().status(), 303);
    assert_eq!(p.get(app.url(&g)).send().await.unwrap().status(), 401);
}

#[tokio::test]
async fn english_pages_on_request() {
    let app = spawn().await;
    let c = app.client();
    let de = c.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(de.contains(r#"<html lang="de">"#) && de.contains("Teilnahme-Code"));
    let en = c
        .get(app.url("/"))
        .header("accept-language", "en-GB,en;q=0.8")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains(r#"<html lang="en">"#) && en.contains("Join code"));
    let r = c
        .post(app.url("/sprache"))
        .form(&[("lang", "en"), ("back", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let en = c.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(en.contains(r#"<html lang="en">"#));
}
