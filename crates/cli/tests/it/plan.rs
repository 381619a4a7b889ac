//! Projektpläne of the Vertiefung: selection, the seven sections via API and forms, the
//! schedule in the answer, rejected input with field paths, conflicts, access, calendars.

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn};

/// A Werkstatt in the Vertiefung with one Maßnahme; returns (werkstatt, maßnahme, code).
async fn vertiefung(app: &TestApp, token: &str, ags: &str) -> (String, String, String) {
    let (w, feld, code) = app.gruppenarbeit(token, ags).await;
    let (s, m) = app
        .post_json(
            token,
            &format!("/api/v1/werkstaetten/{w}/massnahmen"),
            json!({"feld_id": feld, "titel": "Bürgerportal mit Online-Anträgen", "umsetzung": "kurzfristig"}),
        )
        .await;
    assert_eq!(s, 201, "{m}");
    assert_eq!(app.phase(token, &w, "priorisierung").await, 200);
    assert_eq!(app.phase(token, &w, "vertiefung").await, 200);
    (w, m["id"].as_str().unwrap().to_owned(), code)
}

async fn auswaehlen(app: &TestApp, token: &str, w: &str, mid: &str) -> Value {
    let (s, p) = app
        .post_json(
            token,
            &format!("/api/v1/werkstaetten/{w}/plaene"),
            json!({"massnahme_id": mid}),
        )
        .await;
    assert_eq!(s, 201, "{p}");
    p
}

fn voller_plan() -> Value {
    json!({
        "start": "2026-03-02",
        "ergebnis": {
            "text": "Alle Anträge des Bürgerbüros sind online möglich.",
            "kriterien": [{"indikator": "Online-Anträge pro Monat", "zielwert": "500", "datum": "2027-06-30"}]
        },
        "zielgruppen": [{"name": "Familien", "groesse": "ca. 2.000 Haushalte", "bedarf": "Anträge am Abend"}],
        "stakeholder": [
            {"name": "Bürgermeisterin", "art": "intern", "einfluss": 3, "interesse": 3, "haltung": "+"},
            {"name": "Gemeinderat", "art": "intern", "einfluss": 3, "interesse": 1, "haltung": "0"},
            {"name": "Seniorenbeirat", "art": "extern", "einfluss": 1, "interesse": 3, "haltung": "-", "strategie": "beteiligen"}
        ],
        "organisation": {
            "auftraggeber": "Bürgermeisterin",
            "projektleitung": "Digitallotsin",
            "team": [{"rolle": "IT-Koordination"}, {"name": "Frau Yilmaz", "rolle": "Bürgerbüro"}],
            "raci": [{"aufgabe": "A2", "r": "IT-Koordination", "a": "Projektleitung", "c": "Kämmerei", "i": "Gemeinderat"}]
        },
        "ressourcen": {
            "finanziell": [
                {"bezeichnung": "Lizenzen", "einmalig": "12.500,50", "laufend": "1.200", "quelle": "haushalt", "jahr": 2026},
                {"bezeichnung": "Tablets", "einmalig": 3000, "quelle": "foerdermittel", "programm": "LEADER", "jahr": "2026"}
            ],
            "personal": [
                {"rolle": "IT-Koordination", "umfang": "12,5", "einheit": "personentage", "jahr": 2026},
                {"rolle": "Bürgerbüro", "umfang": 0.25, "einheit": "vzae", "jahr": 2027}
            ],
            "organisatorisch": "Dienstanweisung anpassen"
        },
        "aufgaben": [
            {"id": "A1", "titel": "Bedarfsanalyse", "verantwortlich": "Projektleitung", "dauer": 5},
            {"id": "A2", "titel": "Ausschreibung", "verantwortlich": "IT-Koordination", "dauer": 10, "vorgaenger": ["A1"]},
            {"id": "A3", "titel": "Schulung", "dauer": 2, "vorgaenger": [{"id": "A1", "abstand": 3}]},
            {"id": "A4", "titel": "Start", "dauer": 1, "vorgaenger": "A2, A3"}
        ],
        "meilensteine": [
            {"titel": "Vergabe", "nach_aufgabe": "A2"},
            {"titel": "Go-live", "datum": "2026-04-01", "abhaengig_von": ["A4"], "erreicht": false}
        ]
    })
}

fn felder(v: &Value) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["field"].as_str().unwrap().to_owned(),
                x["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    f.sort();
    f
}

#[tokio::test]
async fn a_plan_is_selected_filled_via_the_api_and_scheduled() {
    let app = spawn().await;
    let token = app.account("mod@example.org", "facilitator").await;
    let (w, mid, _) = vertiefung(&app, &token, "07140501").await;
    let p = auswaehlen(&app, &token, &w, &mid).await;
    assert_eq!(p["version"], 1);
    assert_eq!(p["massnahme"]["titel"], "Bürgerportal mit Online-Anträgen");
    assert_eq!(p["auswertung"]["gesamtdauer"], 0);
    // Selecting twice is refused at the field.
    let (s, e) = app
        .post_json(
            &token,
            &format!("/api/v1/werkstaetten/{w}/plaene"),
            json!({"massnahme_id": mid}),
        )
        .await;
    assert_eq!(
        (s, felder(&e)),
        (
            422,
            vec![("massnahme_id".into(), "err-plan-schon-ausgewaehlt".into())]
        )
    );

    let pfad = format!("/api/v1/werkstaetten/{w}/plaene/{mid}");
    let mut body = voller_plan();
    body["version"] = json!(1);
    let (s, p) = app.put_json(&token, &pfad, body).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["version"], 2);
    let a = &p["auswertung"];
    assert_eq!(a["gesamtdauer"], 16);
    assert_eq!(a["kritische_pfade"], json!([["A1", "A2", "A4"]]));
    assert_eq!(
        (a["anfang"].as_str(), a["ende"].as_str()),
        (Some("2026-03-02"), Some("2026-03-23"))
    );
    let a3 = a["aufgaben"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "A3")
        .unwrap();
    assert_eq!(
        (
            &a3["fruehester_anfang"],
            &a3["spaetester_anfang"],
            &a3["gesamtpuffer"],
            &a3["kritisch"]
        ),
        (&json!(8), &json!(13), &json!(5), &json!(false))
    );
    let a2 = a["aufgaben"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "A2")
        .unwrap();
    assert_eq!(
        (a2["anfang"].as_str(), a2["ende"].as_str()),
        (Some("2026-03-09"), Some("2026-03-20"))
    );
    assert_eq!(a["meilensteine"][0]["datum"], "2026-03-20");
    assert_eq!(a["warnungen"], json!([]));
    assert_eq!(a["stakeholder"][0]["strategie"], "eng-einbinden");
    assert_eq!(a["stakeholder"][1]["strategie"], "beteiligen");
    assert_eq!(a["stakeholder"][2]["vorschlag"], "konsultieren");
    assert_eq!(a["stakeholder"][2]["abweichend"], true);
    assert_eq!(a["summen"]["einmalig"], json!(15500.5));
    assert_eq!(a["summen"]["laufend"], json!(1200));
    assert_eq!(a["summen"]["nach_jahr"][0]["personentage"], json!(12.5));
    assert_eq!(a["summen"]["nach_jahr"][1]["vzae"], json!(0.25));
    assert_eq!(
        p["plan"]["ressourcen"]["finanziell"][0]["einmalig"],
        json!(12500.5)
    );
    assert_eq!(p["plan"]["meilensteine"][0]["id"], "M1");

    // PATCH changes one part and keeps the others; a milestone dated too early is flagged.
    let (s, p) = app
        .send_json(
            reqwest::Method::PATCH,
            &token,
            &pfad,
            json!({"version": 2, "meilensteine": [{"titel": "Go-live", "datum": "2026-03-10", "abhaengig_von": "A4"}]}),
        )
        .await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["version"], 3);
    assert_eq!(p["plan"]["ergebnis"]["kriterien"][0]["zielwert"], "500");
    assert_eq!(
        p["auswertung"]["warnungen"][0]["code"],
        "warn-meilenstein-zu-frueh"
    );
    assert_eq!(
        p["auswertung"]["meilensteine"][0]["zu_frueh"]["fruehestens"],
        "2026-03-23"
    );

    // A stale version is a conflict and nothing is overwritten.
    let mut alt = voller_plan();
    alt["version"] = json!(2);
    alt["ergebnis"]["text"] = json!("Überschrieben");
    let (s, e) = app.put_json(&token, &pfad, alt).await;
    assert_eq!(s, 409, "{e}");
    assert_eq!(e["error"], "err-version-conflict");
    let (_, p) = app.get_json(&token, &pfad).await;
    assert_eq!(p["version"], 3);
    assert_ne!(p["plan"]["ergebnis"]["text"], "Überschrieben");

    // The list.
    let (s, l) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/plaene"))
        .await;
    assert_eq!(s, 200);
    assert_eq!(l.as_array().unwrap().len(), 1);
    assert_eq!(l[0]["massnahme_id"], mid.as_str());
}

#[tokio::test]
async fn a_dependency_cycle_is_rejected_naming_the_tasks_and_nothing_is_saved() {
    let app = spawn().await;
    let token = app.account("mod@example.org", "facilitator").await;
    let (w, mid, _) = vertiefung(&app, &token, "07140501").await;
    auswaehlen(&app, &token, &w, &mid).await;
    let pfad = format!("/api/v1/werkstaetten/{w}/plaene/{mid}");
    let (s, e) = app
        .put_json(
            &token,
            &pfad,
            json!({"aufgaben": [
                {"id": "K", "titel": "Konzept", "dauer": 3, "vorgaenger": "A"},
                {"id": "V", "titel": "Vergabe", "dauer": 5, "vorgaenger": "K"},
                {"id": "A", "titel": "Abnahme", "dauer": 1, "vorgaenger": "V"}
            ]}),
        )
        .await;
    assert_eq!(s, 422, "{e}");
    let f = &e["fields"][0];
    assert_eq!(f["code"], "err-zyklus");
    assert!(f["field"].as_str().unwrap().starts_with("aufgaben["), "{f}");
    let msg = f["message"].as_str().unwrap();
    assert!(msg.contains("Abnahme → Konzept → Vergabe → Abnahme"), "{msg}");
    assert!(msg.starts_with("Die Abhängigkeiten bilden einen Kreis"), "{msg}");
    let (_, p) = app.get_json(&token, &pfad).await;
    assert_eq!(p["version"], 1);
    assert_eq!(p["plan"]["aufgaben"], json!([]));
}

#[tokio::test]
async fn invalid_values_are_named_by_their_paths() {
    let app = spawn().await;
    let token = app.account("mod@example.org", "facilitator").await;
    let (w, mid, _) = vertiefung(&app, &token, "07140501").await;
    auswaehlen(&app, &token, &w, &mid).await;
    let pfad = format!("/api/v1/werkstaetten/{w}/plaene/{mid}");
    let mut body = voller_plan();
    body["aufgaben"][1]["dauer"] = json!(-2);
    body["aufgaben"][3]["vorgaenger"] = json!("A2, A9");
    body["ressourcen"]["finanziell"][0]["einmalig"] = json!("zwölftausend");
    body["ergebnis"]["kriterien"][0]["datum"] = json!("2101-01-01");
    body["start"] = json!("1999-12-31");
    let (s, e) = app.put_json(&token, &pfad, body).await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(
        felder(&e),
        [
            ("aufgaben[1].dauer".to_owned(), "err-range".to_owned()),
            (
                "aufgaben[3].vorgaenger[1]".to_owned(),
                "err-vorgaenger-unbekannt".to_owned()
            ),
            (
                "ergebnis.kriterien[0].datum".to_owned(),
                "err-date-range".to_owned()
            ),
            (
                "ressourcen.finanziell[0].einmalig".to_owned(),
                "err-betrag".to_owned()
            ),
            ("start".to_owned(), "err-date-range".to_owned()),
        ]
    );
    let betrag = e["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "ressourcen.finanziell[0].einmalig")
        .unwrap();
    assert!(betrag["message"].as_str().unwrap().contains("Betrag in Euro"));
    // A value of the wrong JSON type names its path, too; unknown parts are refused.
    let (s, e) = app
        .put_json(&token, &pfad, json!({"aufgaben": [{"id": "A", "titel": 5}]}))
        .await;
    assert_eq!(
        (s, felder(&e)),
        (422, vec![("aufgaben[0].titel".into(), "err-json-field".into())])
    );
    let (s, e) = app
        .send_json(reqwest::Method::PATCH, &token, &pfad, json!({"budget": 5}))
        .await;
    assert_eq!(
        (s, felder(&e)),
        (422, vec![("budget".into(), "err-plan-unbekannter-teil".into())])
    );
    let (_, p) = app.get_json(&token, &pfad).await;
    assert_eq!(p["version"], 1);
}

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[tokio::test]
async fn a_participant_fills_the_sections_with_page_forms() {
    let app = spawn().await;
    let token = app.account("mod@example.org", "facilitator").await;
    let (w, mid, code) = vertiefung(&app, &token, "07140501").await;
    // The facilitator selects the Maßnahme on the list page.
    let r = app
        .client()
        .post(app.url(&format!("/w/{w}/plaene")))
        .bearer_auth(&token)
        .form(&form(&[("massnahme_id", &mid)]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], format!("/w/{w}/plaene/{mid}").as_str());

    let (p, _) = app.join(&code, "Gast").await;
    let post = |slug: &'static str, pairs: Vec<(String, String)>| {
        let p = p.clone();
        let url = app.url(&format!("/w/{w}/plaene/{mid}/{slug}"));
        async move { p.post(url).form(&pairs).send().await.unwrap() }
    };
    let sections: Vec<(&str, Vec<(String, String)>)> = vec![
        (
            "ergebnis",
            form(&[
                ("ergebnis.text", "Das Portal ist online."),
                ("ergebnis.kriterien[0].indikator", "Anträge pro Monat"),
                ("ergebnis.kriterien[0].zielwert", "300"),
                ("ergebnis.kriterien[0].datum", "2027-01-31"),
                ("ergebnis.kriterien[1].indikator", ""),
                ("ergebnis.kriterien[1].zielwert", ""),
                ("ergebnis.kriterien[1].datum", ""),
            ]),
        ),
        (
            "zielgruppen",
            form(&[
                ("zielgruppen[0].name", "Pendlerinnen und Pendler"),
                ("zielgruppen[0].groesse", "ca. 1.500"),
                ("zielgruppen[0].bedarf", "Termine außerhalb der Öffnungszeiten"),
            ]),
        ),
        (
            "stakeholder",
            form(&[
                ("stakeholder[0].name", "Kämmerei"),
                ("stakeholder[0].art", "intern"),
                ("stakeholder[0].einfluss", "3"),
                ("stakeholder[0].interesse", "1"),
                ("stakeholder[0].haltung", "neutral"),
                ("stakeholder[0].strategie", ""),
                ("stakeholder[1].name", ""),
                ("stakeholder[1].art", "intern"),
                ("stakeholder[1].einfluss", "2"),
                ("stakeholder[1].interesse", "2"),
                ("stakeholder[1].haltung", "neutral"),
                ("stakeholder[1].strategie", ""),
            ]),
        ),
        (
            "organisation",
            form(&[
                ("organisation.auftraggeber", "Bürgermeister"),
                ("organisation.projektleitung", "Hauptamt"),
                ("organisation.team[0].rolle", "IT"),
                ("organisation.team[0].name", ""),
            ]),
        ),
        (
            "ressourcen",
            form(&[
                ("ressourcen.finanziell[0].bezeichnung", "Software"),
                ("ressourcen.finanziell[0].einmalig", "12.500,50"),
                ("ressourcen.finanziell[0].laufend", "900"),
                ("ressourcen.finanziell[0].quelle", "haushalt"),
                ("ressourcen.finanziell[0].programm", ""),
                ("ressourcen.finanziell[0].jahr", "2026"),
                ("ressourcen.finanziell[1].bezeichnung", ""),
                ("ressourcen.finanziell[1].einmalig", ""),
                ("ressourcen.finanziell[1].laufend", ""),
                ("ressourcen.finanziell[1].quelle", "haushalt"),
                ("ressourcen.finanziell[1].programm", ""),
                ("ressourcen.finanziell[1].jahr", "2026"),
                ("ressourcen.personal[0].rolle", "IT"),
                ("ressourcen.personal[0].umfang", "4"),
                ("ressourcen.personal[0].einheit", "personentage"),
                ("ressourcen.personal[0].jahr", "2026"),
                ("ressourcen.organisatorisch", "Raum für Sprechstunde"),
            ]),
        ),
        (
            "aufgaben",
            form(&[
                ("start", "2026-03-02"),
                ("aufgaben[0].id", "A1"),
                ("aufgaben[0].titel", "Konzept"),
                ("aufgaben[0].verantwortlich", "Hauptamt"),
                ("aufgaben[0].dauer", "3"),
                ("aufgaben[0].vorgaenger", ""),
                ("aufgaben[1].id", "A2"),
                ("aufgaben[1].titel", "Umsetzung"),
                ("aufgaben[1].verantwortlich", "IT"),
                ("aufgaben[1].dauer", "4"),
                ("aufgaben[1].vorgaenger", "A1+1"),
                ("aufgaben[2].id", "A3"),
                ("aufgaben[2].titel", ""),
                ("aufgaben[2].verantwortlich", ""),
                ("aufgaben[2].dauer", ""),
                ("aufgaben[2].vorgaenger", ""),
            ]),
        ),
        (
            "meilensteine",
            form(&[
                ("meilensteine[0].id", ""),
                ("meilensteine[0].titel", "Fertig"),
                ("meilensteine[0].datum", ""),
                ("meilensteine[0].nach_aufgabe", "A2"),
                ("meilensteine[0].abhaengig_von", ""),
                ("meilensteine[0].erreicht", "true"),
            ]),
        ),
    ];
    for (slug, pairs) in sections {
        let r = post(slug, pairs).await;
        assert_eq!(r.status(), 303, "{slug}: {}", r.text().await.unwrap());
        assert_eq!(
            r.headers()["location"],
            format!("/w/{w}/plaene/{mid}#plan-{slug}").as_str()
        );
    }
    let plan = app.state.db.plan(&w, &mid).await.unwrap();
    assert_eq!(plan.version, 8);
    let d = &plan.daten;
    assert_eq!(d.ergebnis.kriterien.len(), 1);
    assert_eq!(d.zielgruppen[0].groesse, "ca. 1.500");
    assert_eq!(d.stakeholder.len(), 1);
    assert_eq!(d.organisation.team[0].rolle, "IT");
    assert_eq!(d.ressourcen.finanziell.len(), 1);
    assert_eq!(d.ressourcen.finanziell[0].einmalig.hundertstel(), 1_250_050);
    assert_eq!(d.aufgaben.len(), 2);
    assert_eq!(d.aufgaben[1].vorgaenger[0].abstand, 1);
    assert!(d.meilensteine[0].erreicht);

    let html = p
        .get(app.url(&format!("/w/{w}/plaene/{mid}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for teil in [
        "Das Portal ist online.",
        "Pendlerinnen und Pendler",
        "beteiligen",
        "12.500,50 €",
        "Raum für Sprechstunde",
        r#"id="gantt""#,
        r#"id="raster""#,
        "Kritischer Pfad",
        "A1 · Konzept → A2 · Umsetzung",
        r#"id="aufgaben-live" data-live"#,
        "8 Arbeitstage",
    ] {
        assert!(html.contains(teil), "{teil}");
    }

    // Errors come back at the fields, 422, nothing saved.
    let r = post(
        "aufgaben",
        form(&[
            ("start", "2026-03-02"),
            ("aufgaben[0].id", "A1"),
            ("aufgaben[0].titel", "Konzept"),
            ("aufgaben[0].dauer", "-3"),
            ("aufgaben[1].id", "A2"),
            ("aufgaben[1].titel", ""),
            ("aufgaben[2].id", "A3"),
            ("aufgaben[2].titel", "Umsetzung"),
            ("aufgaben[2].dauer", "2"),
            ("aufgaben[2].vorgaenger", "A1, X7"),
        ]),
    )
    .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"id="aufgaben[0].dauer-err""#), "{html}");
    assert!(html.contains("Bitte geben Sie eine Zahl von 0 bis 10000 ein."));
    // The blank row 1 is skipped; the error of the third row lands at its input.
    assert!(html.contains(r#"id="aufgaben[2].vorgaenger-err""#));
    assert!(html.contains("Eine Aufgabe mit dem Kürzel X7 gibt es nicht."));
    assert_eq!(app.state.db.plan(&w, &mid).await.unwrap().version, 8);

    // Someone changed the section meanwhile: 409, and the input stays in the form.
    let (_, j) = app
        .get_json(&token, &format!("/api/v1/werkstaetten/{w}/plaene/{mid}"))
        .await;
    let alt = j["staende"]["zielgruppen"].as_str().unwrap().to_owned();
    let r = post(
        "zielgruppen",
        form(&[("stand", &alt), ("zielgruppen[0].name", "Vereine")]),
    )
    .await;
    assert_eq!(r.status(), 303);
    let r = post(
        "zielgruppen",
        form(&[("stand", &alt), ("zielgruppen[0].name", "Schulen")]),
    )
    .await;
    assert_eq!(r.status(), 409);
    let html = r.text().await.unwrap();
    assert!(html.contains("Jemand anderes hat diesen Abschnitt inzwischen geändert"));
    assert!(html.contains(r#"value="Schulen""#));
    // Another section with its own current fingerprint still saves.
    let r = post(
        "ergebnis",
        form(&[
            ("stand", j["staende"]["ergebnis"].as_str().unwrap()),
            ("ergebnis.text", "Neu"),
        ]),
    )
    .await;
    assert_eq!(r.status(), 303);
    let d = app.state.db.plan(&w, &mid).await.unwrap().daten;
    assert_eq!(
        (d.ergebnis.text.as_str(), d.zielgruppen[0].name.as_str()),
        ("Neu", "Vereine")
    );
}

#[tokio::test]
async fn only_the_werkstatt_and_the_vertiefung_may_edit() {
    let app = spawn().await;
    let token = app.account("mod@example.org", "facilitator").await;
    let fremd = app.account("fremd@example.org", "facilitator").await;
    let (w, mid, code) = vertiefung(&app, &token, "07140501").await;
    auswaehlen(&app, &token, &w, &mid).await;
    let pfad = format!("/api/v1/werkstaetten/{w}/plaene/{mid}");

    // Another Werkstatt's facilitator learns nothing.
    let (s, _) = app.get_json(&fremd, &pfad).await;
    assert_eq!(s, 404);
    let (s, _) = app.put_json(&fremd, &pfad, voller_plan()).await;
    assert_eq!(s, 404);
    let r = app
        .client()
        .get(app.url(&format!("/w/{w}/plaene/{mid}/kalender.ics")))
        .bearer_auth(&fremd)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    // A participant edits in the Vertiefung, but selects nothing.
    let (p, _) = app.join(&code, "Gast").await;
    let r = p.put(app.url(&pfad)).json(&voller_plan()).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = p
        .post(app.url(&format!("/api/v1/werkstaetten/{w}/plaene")))
        .json(&json!({"massnahme_id": mid}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    // Outside the Vertiefung participants read but do not write: 409.
    assert_eq!(app.phase(&token, &w, "strategie").await, 200);
    let r = p.put(app.url(&pfad)).json(&voller_plan()).send().await.unwrap();
    assert_eq!(r.status(), 409);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "err-wrong-phase");
    let r = p
        .post(app.url(&format!("/w/{w}/plaene/{mid}/ergebnis")))
        .form(&form(&[("ergebnis.text", "Später")]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let r = p.get(app.url(&pfad)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = p
        .get(app.url(&format!("/w/{w}/plaene/{mid}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Projektpläne bearbeiten die Gruppen in der Phase Vertiefung"));
    assert!(!html.contains("<form method=\"post\" action=\"/w/"));
    // Facilitators still edit until the Werkstatt is closed.
    let (s, _) = app.put_json(&token, &pfad, voller_plan()).await;
    assert_eq!(s, 200);
    assert_eq!(app.phase(&token, &w, "abgeschlossen").await, 200);
    let (s, _) = app.put_json(&token, &pfad, voller_plan()).await;
    assert_eq!(s, 409);
}

/// Counts the VEVENTs of an iCalendar text with Python's icalendar.
fn vevents(ics: &str) -> usize {
    let datei = std::env::temp_dir().join(format!("werkstatt-{}.ics", uuid::Uuid::new_v4().simple()));
    std::fs::write(&datei, ics).unwrap();
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import icalendar,sys\n\
             cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
             ev = cal.walk('VEVENT')\n\
             assert all(e.get('UID') and e.get('DTSTART') and e.get('SUMMARY') for e in ev)\n\
             print(len(ev))",
        )
        .arg(&datei)
        .output()
        .expect("python3");
    let _ = std::fs::remove_file(&datei);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

#[tokio::test]
async fn calendars_parse_with_python_icalendar() {
    let app = spawn().await;
    let token = app.account("mod@example.org", "facilitator").await;
    let (w, mid, _) = vertiefung(&app, &token, "07140501").await;
    auswaehlen(&app, &token, &w, &mid).await;
    let (s, _) = app
        .put_json(
            &token,
            &format!("/api/v1/werkstaetten/{w}/plaene/{mid}"),
            voller_plan(),
        )
        .await;
    assert_eq!(s, 200);
    // A second plan: one task and one milestone after it.
    let feld = app.state.db.massnahme(&w, &mid).await.unwrap().feld_id;
    let m2 = app
        .state
        .db
        .create_massnahme(
            &w,
            &feld,
            &werkstatt_core::massnahme::MassnahmeDaten::try_from(
                &werkstatt_core::massnahme::MassnahmeInput {
                    titel: "Freies WLAN, Rathaus; Bürgerhaus".into(),
                    umsetzung: "kurzfristig".into(),
                    ..Default::default()
                },
            )
            .unwrap(),
            &Default::default(),
        )
        .await
        .unwrap();
    auswaehlen(&app, &token, &w, &m2.id).await;
    let (s, _) = app
        .put_json(
            &token,
            &format!("/api/v1/werkstaetten/{w}/plaene/{}", m2.id),
            json!({"start": "2026-05-04", "aufgaben": [{"id": "W1", "titel": "Router einbauen", "dauer": 2}],
                   "meilensteine": [{"titel": "WLAN läuft", "nach_aufgabe": "W1", "erreicht": true}]}),
        )
        .await;
    assert_eq!(s, 200);

    let c = app.client();
    for (pfad, n) in [
        (format!("/w/{w}/plaene/{mid}/kalender.ics"), 6),
        (format!("/api/v1/werkstaetten/{w}/plaene/{mid}/kalender.ics"), 6),
        (format!("/w/{w}/plaene/kalender.ics"), 8),
        (format!("/api/v1/werkstaetten/{w}/plaene/kalender.ics"), 8),
    ] {
        let r = c.get(app.url(&pfad)).bearer_auth(&token).send().await.unwrap();
        assert_eq!(r.status(), 200, "{pfad}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar"),
            "{pfad}"
        );
        let ics = r.text().await.unwrap();
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert_eq!(vevents(&ics), n, "{pfad}");
        if n == 8 {
            assert!(ics.contains("SUMMARY:Freies WLAN\\, Rathaus\\; Bürgerhaus: Router einbauen"));
        }
    }
}

#[tokio::test]
async fn the_demo_plans_are_complete_and_render() {
    let app = spawn().await;
    let w = werkstatt_web::services::demo::seed(&app.state.db).await.unwrap();
    let ids: Vec<String> = app
        .state
        .db
        .massnahmen(&w.id)
        .await
        .unwrap()
        .into_iter()
        .take(3)
        .map(|m| m.id)
        .collect();
    let plaene = werkstatt_web::services::plan::seed_demo(&app.state.db, &w.id, &ids)
        .await
        .unwrap();
    assert_eq!(plaene.len(), 3);
    for p in &plaene {
        let d = &p.daten;
        assert!(d.check().is_ok());
        assert!(d.start.is_some() && !d.ergebnis.text.is_empty() && !d.ergebnis.kriterien.is_empty());
        assert!(!d.zielgruppen.is_empty() && !d.stakeholder.is_empty());
        assert!(!d.organisation.projektleitung.is_empty() && !d.organisation.raci.is_empty());
        assert!(!d.ressourcen.finanziell.is_empty() && !d.ressourcen.personal.is_empty());
        assert!(d.aufgaben.len() >= 8 && !d.meilensteine.is_empty());
        let a = d.auswerten().unwrap();
        assert!(a.gesamtdauer > 60 && !a.kritische_pfade.is_empty());
    }
    // Seeding again overwrites, and the pages render for a participant and in English.
    werkstatt_web::services::plan::seed_demo(&app.state.db, &w.id, &ids[..1])
        .await
        .unwrap();
    let p = app.client();
    let r = p
        .post(app.url(&format!("/j/{}", w.join_code)))
        .form(&[("name", "Gast"), ("sektor", "buergerschaft")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let html = p
        .get(app.url(&format!("/w/{}/plaene", w.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Projektpläne der Vertiefung"));
    for id in &ids {
        assert!(html.contains(&format!("/w/{}/plaene/{id}", w.id)));
        let r = p
            .get(app.url(&format!("/w/{}/plaene/{id}?lang=en", w.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let html = r.text().await.unwrap();
        assert!(!html.contains("???"), "missing i18n key");
        assert!(html.contains("Gantt chart of the tasks"));
    }
}
