//! The Werkstatt bundle: export, import, export again gives the same document apart from ids;
//! a bad file changes nothing and names the bad field.

use std::collections::HashMap;

use serde_json::Value;
use werkstatt_core::bundle::Bundle;

use crate::helpers::{fresh_db, spawn};

/// Replaces every id by its first position of appearance, so documents compare apart from ids.
fn without_ids(b: &Bundle) -> Value {
    let mut v = serde_json::to_value(b).unwrap();
    let mut ids: HashMap<String, String> = HashMap::new();
    fn collect(v: &Value, ids: &mut HashMap<String, String>) {
        match v {
            Value::Object(o) => {
                for (k, x) in o {
                    if (k == "id" || k.ends_with("_id"))
                        && let Some(s) = x.as_str()
                    {
                        let n = ids.len();
                        ids.entry(s.to_owned()).or_insert_with(|| format!("#{n}"));
                    }
                    collect(x, ids);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| collect(x, ids)),
            _ => {}
        }
    }
    fn replace(v: &mut Value, ids: &HashMap<String, String>) {
        match v {
            Value::Object(o) => {
                // Ids also appear as keys (per-option results); map them too.
                let alt = std::mem::take(o);
                for (k, mut x) in alt {
                    replace(&mut x, ids);
                    o.insert(ids.get(&k).cloned().unwrap_or(k), x);
                }
            }
            Value::Array(a) => {
                a.iter_mut().for_each(|x| replace(x, ids));
                // Tied options are listed in id order, which new ids may change.
                if a.iter().all(Value::is_string) {
                    a.sort_by(|x, y| x.as_str().cmp(&y.as_str()));
                }
            }
            Value::String(s) => {
                if let Some(r) = ids.get(s.as_str()) {
                    *s = r.clone();
                }
            }
            _ => {}
        }
    }
    // The Werkstatt's own id first, then the rest in document order.
    ids.insert(b.werkstatt.id.clone(), "#w".into());
    collect(&v, &mut ids);
    replace(&mut v, &ids);
    v
}

#[tokio::test]
async fn export_import_export_round_trips() {
    let (db, _dir) = fresh_db().await;
    let w = werkstatt_web::services::demo::seed(&db).await.unwrap();
    let first = db.export_bundle_komplett(&w.id).await.unwrap();
    assert_eq!(first.massnahmen.len(), db.massnahmen(&w.id).await.unwrap().len());
    let st = first.strategie.as_ref().expect("the demo has a strategy");
    assert!(st.texte.vorwort.is_some() && st.organigramm.is_some() && st.versionen.len() == 1);
    assert!(!first.feldstimmen.is_empty() && first.ziele.len() == 5);
    let text = serde_json::to_string_pretty(&first).unwrap();

    let (other, _dir2) = fresh_db().await;
    let parsed = werkstatt_core::bundle::parse_json(&text).unwrap();
    let id = other.import_bundle(&parsed, None).await.unwrap();
    assert_ne!(id, w.id);
    let second = other.export_bundle_komplett(&id).await.unwrap();
    assert_ne!(second.werkstatt.id, first.werkstatt.id);
    assert_eq!(without_ids(&first), without_ids(&second));
}

#[tokio::test]
async fn a_bad_bundle_changes_nothing_and_names_the_field() {
    let app = spawn().await;
    let t = app.account("admin@example.org", "admin").await;
    let w = werkstatt_web::services::demo::seed(&app.state.db).await.unwrap();
    let (s, good) = app
        .get_json(&t, &format!("/api/v1/werkstaetten/{}/bundle", w.id))
        .await;
    assert_eq!(s, 200);
    let before = app.state.db.werkstaetten().await.unwrap().len();

    let mut bad = good.clone();
    bad["massnahmen"][3]["aufwand"] = 9.into();
    let r = app
        .client()
        .post(app.url("/api/v1/bundles"))
        .bearer_auth(&t)
        .body(bad.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["fields"][0]["field"], "massnahmen[3].aufwand");

    let mut bad = good.clone();
    bad["strategie"]["organigramm"]["rollen"][0]["berichtet_an"] = "r99".into();
    let r = app
        .client()
        .post(app.url("/api/v1/bundles"))
        .bearer_auth(&t)
        .body(bad.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let e: Value = r.json().await.unwrap();
    assert_eq!(
        e["fields"][0]["field"],
        "strategie.organigramm.rollen[0].berichtet_an"
    );

    let mut bad = good.clone();
    bad["teilnehmende"][0]["name"] = Value::Bool(true);
    let r = app
        .client()
        .post(app.url("/api/v1/bundles"))
        .bearer_auth(&t)
        .body(bad.to_string())
        .send()
        .await
        .unwrap();
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["fields"][0]["field"], "teilnehmende[0].name");
    assert_eq!(app.state.db.werkstaetten().await.unwrap().len(), before);

    // The good one imports through the API, reusing the Kommunen by their AGS.
    let kommunen = app.state.db.kommunen().await.unwrap().len();
    let r = app
        .client()
        .post(app.url("/api/v1/bundles"))
        .bearer_auth(&t)
        .body(good.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    assert_eq!(app.state.db.werkstaetten().await.unwrap().len(), before + 1);
    assert_eq!(app.state.db.kommunen().await.unwrap().len(), kommunen);
}

#[test]
fn the_documented_schema_matches_the_bundle() {
    let schema: Value = serde_json::from_str(include_str!("../../../../docs/bundle.schema.json")).unwrap();
    let sample = werkstatt_core::bundle::Bundle {
        format: "werkstatt-bundle".into(),
        version: 1,
        werkstatt: werkstatt_core::bundle::BundleWerkstatt {
            id: "w".into(),
            titel: "T".into(),
            datum: "2026-01-01".into(),
            ort: String::new(),
            phase: "feldwahl".into(),
            kommunen: vec![],
        },
        kommunen: vec![],
        felder: vec![],
        teilnehmende: vec![],
        feldstimmen: vec![],
        ziele: vec![],
        massnahmen: vec![],
        runden: vec![],
        rangfolge: None,
        projektplaene: vec![],
        strategie: Some(werkstatt_core::bundle::BundleStrategie {
            texte: werkstatt_core::strategie::texte::Freitexte::default(),
            organigramm: Some(werkstatt_core::strategie::organigramm::vorschlag(&[])),
            schritte: None,
            versionen: vec![],
        }),
    };
    let v = serde_json::to_value(sample).unwrap();
    let sprops: Vec<&String> = schema["properties"]["strategie"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    for k in v["strategie"].as_object().unwrap().keys() {
        assert!(sprops.contains(&k), "strategie.{k} undocumented");
    }
    let rprops: Vec<&String> = schema["properties"]["strategie"]["properties"]["organigramm"]["properties"]["rollen"]["items"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    for k in v["strategie"]["organigramm"]["rollen"][1]
        .as_object()
        .unwrap()
        .keys()
    {
        assert!(
            rprops.contains(&k),
            "strategie.organigramm.rollen[].{k} undocumented"
        );
    }
    let props = schema["properties"].as_object().unwrap();
    let mut top: Vec<&String> = v.as_object().unwrap().keys().collect();
    let mut documented: Vec<&String> = props.keys().collect();
    top.sort();
    documented.sort();
    assert_eq!(top, documented);
    let wprops: Vec<&String> = props["werkstatt"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    for k in v["werkstatt"].as_object().unwrap().keys() {
        assert!(wprops.contains(&k), "werkstatt.{k} undocumented");
    }
}
