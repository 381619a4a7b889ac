//! The limits of `werkstatt_core::grenzen` where participants meet them: a clear German
//! message at the field, 422, nothing written, and the room's other people unaffected.

use serde_json::{Value, json};
use werkstatt_core::grenzen::{
    EIGENE_FELDER_JE_TEILNEHMENDE, EIGENE_FELDER_JE_WERKSTATT, MASSNAHMEN_JE_TEILNEHMENDE,
    MASSNAHMEN_JE_WERKSTATT, ZEICHEN_JE_WERKSTATT,
};
use werkstatt_core::massnahme::{MassnahmeDaten, MassnahmeInput};
use werkstatt_store::massnahmen::Herkunft;

use crate::helpers::{TestApp, count_massnahmen, spawn};

async fn massnahme(
    app: &TestApp,
    c: &reqwest::Client,
    w: &str,
    feld: &str,
    titel: &str,
    text: &str,
) -> (u16, Value) {
    let r = c
        .post(app.url(&format!("/api/v1/werkstaetten/{w}/massnahmen")))
        .json(&json!({"feld_id": feld, "titel": titel, "beschreibung": text, "umsetzung": "kurzfristig"}))
        .send()
        .await
        .unwrap();
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

fn meldung(v: &Value) -> String {
    v["fields"][0]["message"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_participant_writes_a_bounded_number_of_massnahmen() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&a, "07140501").await;
    let (p, _) = app.join(&code, "Anna").await;
    for i in 0..MASSNAHMEN_JE_TEILNEHMENDE {
        let (s, b) = massnahme(&app, &p, &w, &feld, &format!("Idee Nummer {i}"), "").await;
        assert_eq!(s, 201, "{b}");
    }
    let (s, b) = massnahme(&app, &p, &w, &feld, "Eine zu viel", "").await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["fields"][0]["field"], "titel");
    assert!(
        meldung(&b).contains(&format!("bereits {MASSNAHMEN_JE_TEILNEHMENDE} Maßnahmen")),
        "{b}"
    );
    let erwartet = usize::try_from(MASSNAHMEN_JE_TEILNEHMENDE).unwrap();
    assert_eq!(count_massnahmen(&app, &w).await, erwartet);
    // Another participant and the facilitator are not held by Anna's limit.
    let (q, _) = app.join(&code, "Bert").await;
    assert_eq!(massnahme(&app, &q, &w, &feld, "Von Bert", "").await.0, 201);
    let (s, _) = app
        .post_json(
            &a,
            &format!("/api/v1/werkstaetten/{w}/massnahmen"),
            json!({"feld_id": feld, "titel": "Papierkarte", "umsetzung": "kurzfristig", "proxy": true}),
        )
        .await;
    assert_eq!(s, 201);
}

#[tokio::test]
async fn a_werkstatt_holds_a_bounded_number_of_massnahmen_and_text() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&a, "07140501").await;
    let daten = |titel: String| {
        MassnahmeDaten::try_from(&MassnahmeInput {
            titel,
            umsetzung: "kurzfristig".into(),
            ..Default::default()
        })
        .unwrap()
    };
    for i in 0..MASSNAHMEN_JE_WERKSTATT - 1 {
        app.state
            .db
            .create_massnahme(&w, &feld, &daten(format!("Karte {i}")), &Herkunft::default())
            .await
            .unwrap();
    }
    let (p, _) = app.join(&code, "Anna").await;
    assert_eq!(
        massnahme(&app, &p, &w, &feld, "Die letzte, die passt", "")
            .await
            .0,
        201
    );
    let (s, b) = massnahme(&app, &p, &w, &feld, "Eine zu viel", "").await;
    assert_eq!(s, 422);
    assert!(
        meldung(&b).contains(&format!("bereits {MASSNAHMEN_JE_WERKSTATT} Maßnahmen")),
        "{b}"
    );
    assert_eq!(
        count_massnahmen(&app, &w).await,
        usize::try_from(MASSNAHMEN_JE_WERKSTATT).unwrap()
    );
    // The same answer through the page, at the form.
    let r = p
        .post(app.url(&format!("/w/{w}/felder/{feld}/massnahmen")))
        .form(&[("titel", "Über die Seite"), ("umsetzung", "kurzfristig")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("die Höchstzahl"));
}

#[tokio::test]
async fn the_text_of_a_werkstatt_is_bounded_on_create_and_on_edit() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, feld, _) = app.gruppenarbeit(&a, "07140501").await;
    let lang = "x".repeat(werkstatt_core::massnahme::MAX_BESCHREIBUNG);
    let titel_von = |i: i64| format!("Lange Maßnahme {i:03}");
    let je = i64::try_from(lang.len()).unwrap() + i64::try_from(titel_von(0).chars().count()).unwrap();
    let passen = ZEICHEN_JE_WERKSTATT / je;
    let f = crate::helpers::login(&app, "a@example.org").await;
    let mut ids = Vec::new();
    for i in 0..passen {
        let (s, b) = massnahme(&app, &f, &w, &feld, &titel_von(i), &lang).await;
        assert_eq!(s, 201, "{i}: {b}");
        ids.push(b["id"].as_str().unwrap().to_owned());
    }
    let rest = ZEICHEN_JE_WERKSTATT - passen * je;
    let (s, b) = massnahme(
        &app,
        &f,
        &w,
        &feld,
        "Noch eine",
        &"y".repeat(usize::try_from(rest).unwrap() + 1),
    )
    .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["fields"][0]["field"], "beschreibung");
    // Exactly up to the limit is fine.
    let genau = "y".repeat(usize::try_from(rest).unwrap() - "Noch eine".len());
    let (s, b) = massnahme(&app, &f, &w, &feld, "Noch eine", &genau).await;
    assert_eq!(s, 201, "{b}");
    // Growing an existing Maßnahme beyond the total is refused as well, shrinking is fine.
    let (s, m) = app
        .get_json(&a, &format!("/api/v1/werkstaetten/{w}/massnahmen/{}", ids[0]))
        .await;
    assert_eq!(s, 200, "{m}");
    let mut zu_lang = m.clone();
    zu_lang["titel"] = json!(format!("{} und noch viel mehr Text im Titel", titel_von(0)));
    let (s, b) = app
        .put_json(
            &a,
            &format!("/api/v1/werkstaetten/{w}/massnahmen/{}", ids[0]),
            zu_lang,
        )
        .await;
    assert_eq!(s, 422, "{b}");
    let mut kuerzer = m;
    kuerzer["beschreibung"] = json!("kurz");
    let (s, b) = app
        .put_json(
            &a,
            &format!("/api/v1/werkstaetten/{w}/massnahmen/{}", ids[0]),
            kuerzer,
        )
        .await;
    assert_eq!(s, 200, "{b}");
}

#[tokio::test]
async fn own_fields_are_bounded_and_do_not_raise_the_dot_budget() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, code) = app.werkstatt(&a, "07140501", "feldwahl").await;
    let (_, vorher) = app
        .get_json(&a, &format!("/api/v1/werkstaetten/{w}/felder"))
        .await;
    let budget = vorher["budget"].clone();
    assert!(budget.as_u64().unwrap() > 0);
    let vorschlagen = |c: reqwest::Client, name: String| {
        let url = app.url(&format!("/api/v1/werkstaetten/{w}/felder"));
        async move {
            let r = c.post(url).json(&json!({"name": name})).send().await.unwrap();
            let s = r.status().as_u16();
            (s, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let mut n = 0;
    let mut person = 0;
    while n < EIGENE_FELDER_JE_WERKSTATT {
        let (p, _) = app.join(&code, &format!("Person {person}")).await;
        person += 1;
        for _ in 0..EIGENE_FELDER_JE_TEILNEHMENDE {
            if n == EIGENE_FELDER_JE_WERKSTATT {
                break;
            }
            let (s, b) = vorschlagen(p.clone(), format!("Eigenes Feld {n}")).await;
            assert_eq!(s, 201, "{b}");
            n += 1;
        }
        if n < EIGENE_FELDER_JE_WERKSTATT {
            let (s, b) = vorschlagen(p.clone(), "Noch eins von mir".into()).await;
            assert_eq!(s, 422, "{b}");
            assert!(meldung(&b).contains("je Person"), "{b}");
        }
    }
    let (neu, _) = app.join(&code, "Neu im Raum").await;
    let (s, b) = vorschlagen(neu, "Ein Feld zu viel".into()).await;
    assert_eq!(s, 422, "{b}");
    assert!(
        meldung(&b).contains(&format!("bereits {EIGENE_FELDER_JE_WERKSTATT}")),
        "{b}"
    );
    let (_, nachher) = app
        .get_json(&a, &format!("/api/v1/werkstaetten/{w}/felder"))
        .await;
    assert_eq!(
        nachher["felder"].as_array().unwrap().len(),
        vorher["felder"].as_array().unwrap().len() + usize::try_from(EIGENE_FELDER_JE_WERKSTATT).unwrap()
    );
    assert_eq!(nachher["budget"], budget, "proposals leave the budget alone");
}
