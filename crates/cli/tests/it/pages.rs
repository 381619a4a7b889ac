//! Pages render for every role and language without JavaScript.

use crate::helpers::spawn;

#[tokio::test]
async fn every_page_of_the_demo_renders_for_a_participant() {
    let app = spawn().await;
    let w = werkstatt_web::services::demo::seed(&app.state.db).await.unwrap();
    let p = app.client();
    let r = p
        .post(app.url(&format!("/j/{}", w.join_code)))
        .form(&[("name", "Gast"), ("sektor", "buergerschaft")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let overview = p
        .get(app.url(&format!("/w/{}", w.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(overview.contains("Gruppenarbeit"));
    assert!(overview.contains(r#"data-werkstatt=""#), "live script hook");
    assert!(overview.contains("/static/vendor/htmx-2.0.11.min.js"));
    let felder = app.state.db.felder(&w.id).await.unwrap();
    let chosen: Vec<_> = felder.iter().filter(|f| f.gewaehlt).collect();
    assert_eq!(chosen.len(), 5);
    for f in &chosen {
        let html = p
            .get(app.url(&format!("/w/{}/felder/{}", w.id, f.id)))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains(&f.name), "{}", f.name);
    }
    for path in ["feldwahl", "massnahmen"] {
        let r = p
            .get(app.url(&format!("/w/{}/{path}", w.id)))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
    }
    let ms = app.state.db.massnahmen(&w.id).await.unwrap();
    assert!((30..=40).contains(&ms.len()));
    let list = p
        .get(app.url(&format!("/w/{}/massnahmen", w.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for m in &ms {
        assert!(list.contains(&esc(&m.titel)), "{}", m.titel);
    }
    let tn = app.state.db.teilnehmende(&w.id).await.unwrap();
    assert!((20..=22).contains(&tn.len()));
}

#[tokio::test]
async fn facilitator_pages_require_login() {
    let app = spawn().await;
    for path in ["/werkstaetten", "/kommunen"] {
        assert_eq!(
            app.client().get(app.url(path)).send().await.unwrap().status(),
            401,
            "{path}"
        );
    }
    for path in ["/", "/login"] {
        assert_eq!(
            app.client().get(app.url(path)).send().await.unwrap().status(),
            200,
            "{path}"
        );
    }
    let r = app.client().get(app.url("/j/ZZZZ-ZZZZ")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let r = app.client().get(app.url("/j?code=12")).send().await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Ein Code besteht aus acht Buchstaben und Ziffern")
    );
}

/// HTML escaping as askama does it.
fn esc(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
}

#[tokio::test]
async fn a_form_address_opened_directly_explains_itself() {
    let app = spawn().await;
    let t = app.account("mod@example.org", "facilitator").await;
    let (w, feld, _) = app.gruppenarbeit(&t, "07140501").await;
    let r = app
        .client()
        .get(app.url(&format!("/w/{w}/felder/{feld}/massnahmen")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert!(r.text().await.unwrap().contains("nimmt nur Formulare entgegen"));
}

/// Every message code the code can produce has a German and an English text.
#[test]
fn every_error_code_in_the_sources_is_translated() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let de = std::fs::read_to_string(root.join("crates/web/locales/de.ftl")).unwrap();
    let en = std::fs::read_to_string(root.join("crates/web/locales/en.ftl")).unwrap();
    let keys = |s: &str| -> std::collections::HashSet<String> {
        s.lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, _)| k.trim().to_owned())
            .collect()
    };
    let (de, en) = (keys(&de), keys(&en));
    let mut missing = Vec::new();
    let mut stack = vec![root.join("crates")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") && !p.to_string_lossy().contains("/tests/") {
                let text = std::fs::read_to_string(&p).unwrap();
                for part in text.split("\"err-").skip(1) {
                    let code: String = part
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                        .collect();
                    let key = format!("err-{code}");
                    if part[code.len()..].starts_with('"') && (!de.contains(&key) || !en.contains(&key)) {
                        missing.push(format!("{key} ({})", p.display()));
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "untranslated: {missing:?}");
}
