//! The catalogue: search, pages and print views, adoption, own entries, upgrades.

use serde_json::{Value, json};
use werkstatt_core::katalog::Katalog;

use crate::helpers::spawn;

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn search_ignores_case_and_umlaut_spelling() {
    let app = spawn().await;
    let c = app.client();
    let all: Value = c
        .get(app.url("/api/v1/katalog/steckbriefe"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(all.as_array().unwrap().len() >= 54);
    for q in ["Bürgerbus", "buergerbus", "burgerbus", "BÜRGERBUS"] {
        let v: Value = c
            .get(app.url(&format!("/api/v1/katalog/steckbriefe?q={q}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            ids(&v).contains(&"buergerbus-digitale-buchung".to_owned()),
            "{q}: {:?}",
            ids(&v)
        );
    }
    let v: Value = c
        .get(app.url("/api/v1/katalog/steckbriefe?q=strasse"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(ids(&v).contains(&"maengelmelder".to_owned()), "{:?}", ids(&v));
    // Filters: field, effort, implementation time.
    let v: Value = c
        .get(app.url("/api/v1/katalog/steckbriefe?feld=tourismus&aufwand=2&umsetzung=kurzfristig"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for e in v.as_array().unwrap() {
        assert_eq!(e["handlungsfeld"], "tourismus");
        assert!(e["aufwand"].as_i64().unwrap() <= 2);
        assert_eq!(e["umsetzungszeit"], "kurzfristig");
    }
    let none: Value = c
        .get(app.url("/api/v1/katalog/steckbriefe?q=xyzzy"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(none.as_array().unwrap().is_empty());
    // The page without JavaScript: the same search through the form.
    let html = c
        .get(app.url("/katalog?q=buergerbus"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("/katalog/steckbrief/buergerbus-digitale-buchung"));
}

#[tokio::test]
async fn steckbrief_station_and_print_pages() {
    let app = spawn().await;
    let c = app.client();
    let html = c
        .get(app.url("/katalog/steckbrief/maengelmelder"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for h in [
        "Was ist das?",
        "Was haben Sie davon?",
        "Wie geht das?",
        "Für welche Kommunen ist das interessant?",
        "Textbaustein für die Strategie",
        "Quellen",
    ] {
        assert!(html.contains(h), "{h}");
    }
    let station = c
        .get(app.url("/katalog/felder/tourismus"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let k = Katalog::mitgeliefert().unwrap();
    for s in k.steckbriefe.iter().filter(|s| s.handlungsfeld == "tourismus") {
        assert!(
            station.contains(&format!("/katalog/steckbrief/{}", s.id)),
            "{}",
            s.id
        );
    }
    let r = c
        .get(app.url("/katalog/felder/tourismus/druck?format=a3"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let druck = r.text().await.unwrap();
    assert!(druck.contains("/static/print-a3.css"));
    let seiten = druck.matches(r#"<article class="seite">"#).count();
    assert_eq!(
        seiten,
        k.steckbriefe
            .iter()
            .filter(|s| s.handlungsfeld == "tourismus")
            .count()
    );
    let css = c
        .get(app.url("/static/print-a3.css"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(css.contains("size: A3"));
    assert_eq!(
        c.get(app.url("/katalog/felder/gibt-es-nicht"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        c.get(app.url("/katalog/steckbrief/gibt-es-nicht"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn adopting_a_steckbrief_prefills_a_measure_and_counts() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&t, "07140501").await;
    let (p, _) = app.join(&code, "Jana").await;
    // Through the page: straight to the edit form of the new Maßnahme.
    let r = p
        .post(app.url(&format!("/w/{w}/felder/{feld}/uebernehmen")))
        .form(&[("steckbrief", "digitale-gaestemappe")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(loc.ends_with("/bearbeiten"), "{loc}");
    let edit = p.get(app.url(&loc)).send().await.unwrap().text().await.unwrap();
    assert!(edit.contains("Digitale Gästemappe"), "prefilled and editable");
    // Through the API, with a title of the group's own.
    let r = p
        .post(app.url(&format!("/api/v1/werkstaetten/{w}/massnahmen")))
        .json(&json!({"feld_id": feld, "steckbrief_id": "digitale-gaestemappe", "titel": "Gästemappe für unsere Ferienwohnungen"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let m: Value = r.json().await.unwrap();
    assert_eq!(m["steckbrief_id"], "digitale-gaestemappe");
    assert_eq!(m["titel"], "Gästemappe für unsere Ferienwohnungen");
    assert_eq!(m["umsetzung"], "mittelfristig");
    assert_eq!(m["aufwand"], 3);
    let sb: Value = p
        .get(app.url("/api/v1/katalog/steckbriefe/digitale-gaestemappe"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(sb["uebernahmen"], 2);
    // The bundle names the Steckbrief.
    let (_, b) = app
        .get_json(&t, &format!("/api/v1/werkstaetten/{w}/bundle"))
        .await;
    assert!(
        b["massnahmen"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["steckbrief_id"] == "digitale-gaestemappe")
    );
    // Unknown Steckbrief: a field error, nothing written.
    let r = p
        .post(app.url(&format!("/api/v1/werkstaetten/{w}/felder/{feld}/uebernehmen")))
        .json(&json!({"steckbrief_id": "gibt-es-nicht"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(app.state.db.massnahmen(&w).await.unwrap().len(), 2);
}

#[tokio::test]
async fn own_entries_are_validated_and_survive_upgrades() {
    let app = spawn().await;
    let t = app.account("admin@example.org", "admin").await;
    let mut s: Value = app
        .client()
        .get(app.url("/api/v1/katalog/steckbriefe/maengelmelder"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for k in ["herkunft", "geaendert", "uebernahmen"] {
        s.as_object_mut().unwrap().remove(k);
    }
    // Bad input is refused field by field.
    let mut bad = s.clone();
    bad["id"] = "eigener-maengelmelder".into();
    bad["textbaustein"]["text"] = "{gemeinde} führt bis {jahr} etwas ein.".into();
    bad["quellen"][0]["url"] = "keine adresse".into();
    let (st, e) = app.post_json(&t, "/api/v1/katalog/steckbriefe", bad).await;
    assert_eq!(st, 422, "{e}");
    let fields: Vec<&str> = e["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"quellen[0].url") && fields.contains(&"textbaustein.text"),
        "{fields:?}"
    );
    // A duplicate title is refused too.
    let mut dup = s.clone();
    dup["id"] = "zweiter-maengelmelder".into();
    let (st, _) = app.post_json(&t, "/api/v1/katalog/steckbriefe", dup).await;
    assert_eq!(st, 422);
    // Participants cannot write.
    let (st, _) = app
        .send_json(
            reqwest::Method::PUT,
            "falsch",
            "/api/v1/katalog/steckbriefe/maengelmelder",
            s.clone(),
        )
        .await;
    assert_eq!(st, 401);

    // A changed shipped entry is kept when the shipped catalogue is loaded again.
    let mut changed = s.clone();
    changed["nutzen_kurz"] = "Unsere eigene Fassung".into();
    let (st, e) = app
        .put_json(&t, "/api/v1/katalog/steckbriefe/maengelmelder", changed)
        .await;
    assert_eq!(st, 200, "{e}");
    assert_eq!(e["geaendert"], true);
    let mut own = s.clone();
    own["id"] = "eigener-steckbrief".into();
    own["titel"] = "Ein ganz eigener Steckbrief".into();
    let (st, e) = app.post_json(&t, "/api/v1/katalog/steckbriefe", own).await;
    assert_eq!(st, 201, "{e}");
    assert_eq!(e["herkunft"], "eigen");
    let bericht = werkstatt_web::services::katalog::laden(&app.state.db)
        .await
        .unwrap();
    assert_eq!(bericht.neu, 0);
    // Only the changed shipped entry counts as kept; the own one is not in the shipped set.
    assert_eq!(bericht.behalten, 1, "{bericht:?}");
    let again = app.state.db.steckbrief("maengelmelder").await.unwrap();
    assert_eq!(again.steckbrief.nutzen_kurz, "Unsere eigene Fassung");
    assert!(app.state.db.steckbrief("eigener-steckbrief").await.is_ok());
}

#[tokio::test]
async fn an_upgrade_updates_unchanged_shipped_entries() {
    let app = spawn().await;
    let mut k = Katalog::mitgeliefert().unwrap();
    k.steckbriefe[0].nutzen_kurz = "Neue Fassung aus dem Update".into();
    let b = app.state.db.sync_katalog(&k, "v2").await.unwrap();
    assert_eq!((b.aktualisiert, b.neu), (1, 0));
    let e = app.state.db.steckbrief(&k.steckbriefe[0].id).await.unwrap();
    assert_eq!(e.steckbrief.nutzen_kurz, "Neue Fassung aus dem Update");
    assert_eq!(
        app.state.db.katalog_version().await.unwrap().as_deref(),
        Some("v2")
    );
}

#[test]
fn catalog_commands_check_export_and_import() {
    use std::process::Command;
    let bin = env!("CARGO_BIN_EXE_werkstatt");
    let out = Command::new(bin).args(["catalog", "check"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("in 9 Handlungsfeldern"));
    let dir = std::env::temp_dir().join(format!("werkstatt-kat-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(dir.join("steckbriefe/tourismus")).unwrap();
    std::fs::write(
        dir.join("steckbriefe/tourismus/kaputt.toml"),
        "id = \"kaputt\"\nhandlungsfeld = \"tourismus\"\n",
    )
    .unwrap();
    let out = Command::new(bin)
        .args(["catalog", "check", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("steckbriefe/tourismus/kaputt.toml"));

    let db = format!("sqlite://{}", dir.join("k.db").display());
    let file = dir.join("katalog.json");
    let out = Command::new(bin)
        .args([
            "catalog",
            "export",
            "--db",
            &db,
            "--format",
            "json",
            "--out",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let k: Katalog = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(k.steckbriefe.len() >= 54 && k.best_practices.len() >= 12);
    // An agency's catalogue with a broken reference changes nothing.
    let mut agency = Katalog {
        steckbriefe: vec![k.steckbriefe[0].clone()],
        best_practices: vec![],
    };
    agency.steckbriefe[0].id = "agentur-eintrag".into();
    agency.steckbriefe[0].titel = "Eintrag der Agentur".into();
    agency.steckbriefe[0].verwandte = vec!["gibt-es-nicht".into()];
    let bad = dir.join("agentur.json");
    std::fs::write(&bad, serde_json::to_string(&agency).unwrap()).unwrap();
    let other = format!("sqlite://{}", dir.join("k2.db").display());
    let out = Command::new(bin)
        .args(["catalog", "import", "--db", &other, bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("agentur-eintrag.verwandte[0]"));
    agency.steckbriefe[0].verwandte = vec![k.steckbriefe[1].id.clone()];
    std::fs::write(&bad, serde_json::to_string(&agency).unwrap()).unwrap();
    let out = Command::new(bin)
        .args(["catalog", "import", "--db", &other, bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 Katalogeinträge importiert."));
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn best_practices_are_added_and_changed() {
    let app = spawn().await;
    let t = app.account("admin@example.org", "admin").await;
    let all: Value = app
        .client()
        .get(app.url("/api/v1/katalog/best-practices"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut b = all[0].clone();
    b.as_object_mut().unwrap().remove("herkunft");
    let id = b["id"].as_str().unwrap().to_owned();
    b["was"] = "Unsere ergänzte Beschreibung des Beispiels.".into();
    let (s, _) = app
        .put_json(&t, &format!("/api/v1/katalog/best-practices/{id}"), b.clone())
        .await;
    assert_eq!(s, 200);
    b["steckbriefe"] = json!(["gibt-es-nicht"]);
    let (s, e) = app
        .put_json(&t, &format!("/api/v1/katalog/best-practices/{id}"), b)
        .await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(e["fields"][0]["field"], "steckbriefe[0]");
    let html = app
        .client()
        .get(app.url("/katalog/best-practices"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Unsere ergänzte Beschreibung des Beispiels."));
    // Through the page: the form comes filled and saves the same entry.
    let c = app.client();
    c.post(app.url("/login"))
        .form(&[
            ("email", "admin@example.org"),
            ("password", "ein-langes-passwort"),
        ])
        .send()
        .await
        .unwrap();
    let form = c
        .get(app.url(&format!("/katalog/best-practices?bearbeiten={id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains(&format!(r#"name="id" value="{id}""#)));
    let n = app.state.db.best_practices().await.unwrap().len();
    let r = c
        .post(app.url("/katalog/best-practices"))
        .form(&[
            ("id", id.as_str()),
            ("titel", "Neuer Titel"),
            ("kommune", "Stadt Worms"),
            ("bundesland", "Rheinland-Pfalz"),
            ("jahr", "2021"),
            ("was", "Kurz beschrieben."),
            ("steckbriefe", "maengelmelder"),
            ("quellen", "Quelle | https://www.worms.de/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(app.state.db.best_practices().await.unwrap().len(), n);
}
