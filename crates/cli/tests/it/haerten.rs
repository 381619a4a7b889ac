//! Findings of the security audit, each pinned where a user or attacker meets it: redirects,
//! the cross-site check, sessions and their cookie, caching, the projector, the shipped
//! catalogue, group membership, display names and pairwise ballots.

use serde_json::json;

use crate::helpers::{TestApp, count_massnahmen, login, spawn, spawn_config};

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn the_language_switch_returns_only_to_paths_of_this_server() {
    let app = spawn().await;
    let c = app.client();
    for (back, erwartet) in [
        ("/\\evil.example", "/"),
        ("//evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/katalog?q=wlan", "/katalog?q=wlan"),
    ] {
        let r = c
            .post(app.url("/sprache"))
            .form(&[("lang", "en"), ("back", back)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{back:?}");
        assert_eq!(location(&r), erwartet, "{back:?}");
    }
}

#[tokio::test]
async fn only_a_bearer_token_skips_the_cross_site_check() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&a, "07140501").await;
    let (p, _) = app.join(&code, "Anna").await;
    // The session cookie still identifies the participant; the header is no bearer token.
    let r = p
        .post(app.url(&format!("/w/{w}/felder/{feld}/massnahmen")))
        .header("Authorization", "Basic YTpi")
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[("titel", "Von fremder Seite"), ("umsetzung", "kurzfristig")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(count_massnahmen(&app, &w).await, 0);
    // A real bearer token from another site is fine: it carries no ambient credentials.
    let (s, _) = app
        .send_json(
            reqwest::Method::POST,
            &a,
            &format!("/api/v1/werkstaetten/{w}/massnahmen"),
            json!({"feld_id": feld, "titel": "Per API", "umsetzung": "kurzfristig"}),
        )
        .await;
    assert_eq!(s, 201);
}

#[tokio::test]
async fn an_observer_link_does_not_sign_anyone_out() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, feld, code) = app.gruppenarbeit(&a, "07140501").await;
    let (_, full) = app.get_json(&a, &format!("/api/v1/werkstaetten/{w}")).await;
    let observer = full["observer_code"].as_str().unwrap().to_owned();
    let m = login(&app, "a@example.org").await;
    let (p, _) = app.join(&code, "Anna").await;
    for c in [&m, &p] {
        let r = c.get(app.url(&format!("/o/{observer}"))).send().await.unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(location(&r), format!("/w/{w}"));
        assert!(r.headers().get("set-cookie").is_none());
    }
    let r = m
        .get(app.url(&format!("/w/{w}/moderation")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "the facilitator is still signed in");
    assert_eq!(app.massnahme_as(&p, &w, &feld, "Noch Teilnehmerin").await, 201);
    // Someone not signed in becomes an observer.
    let o = app.client();
    let r = o.get(app.url(&format!("/o/{observer}"))).send().await.unwrap();
    assert!(r.headers().get("set-cookie").is_some());
    assert_eq!(app.massnahme_as(&o, &w, &feld, "Beobachtet").await, 403);
}

#[tokio::test]
async fn pages_of_signed_in_people_are_not_stored_by_caches() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, _, code) = app.gruppenarbeit(&a, "07140501").await;
    let (p, _) = app.join(&code, "Anna").await;
    let m = login(&app, "a@example.org").await;
    for (c, path) in [
        (&p, format!("/w/{w}")),
        (&p, format!("/w/{w}/massnahmen")),
        (&m, format!("/w/{w}/moderation")),
        (&m, "/".to_owned()),
    ] {
        let r = c.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
    }
    // Static files keep their own caching.
    let r = p.get(app.url("/static/app.css")).send().await.unwrap();
    assert_ne!(r.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn over_https_the_session_cookie_is_host_bound() {
    let app = spawn_config(|c| c.secure_cookies = true).await;
    app.account("a@example.org", "admin").await;
    let r = app
        .client()
        .post(app.url("/login"))
        .form(&[("email", "a@example.org"), ("password", "ein-langes-passwort")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-werkstatt_sid="), "{cookie}");
    assert!(cookie.contains("; Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"));
    let wert = cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned();
    let mit = |name: &str| {
        app.client()
            .get(app.url("/werkstaetten"))
            .header("Cookie", format!("{name}={wert}"))
            .send()
    };
    assert_eq!(mit("__Host-werkstatt_sid").await.unwrap().status(), 200);
    // The unprefixed name, which another subdomain could set, is not read.
    assert_ne!(mit("werkstatt_sid").await.unwrap().status(), 200);
}

#[tokio::test]
async fn observers_see_no_way_to_join_on_the_projector() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, _, code) = app.gruppenarbeit(&a, "07140501").await;
    let (_, full) = app.get_json(&a, &format!("/api/v1/werkstaetten/{w}")).await;
    let observer = full["observer_code"].as_str().unwrap().to_owned();
    let o = app.client();
    o.get(app.url(&format!("/o/{observer}"))).send().await.unwrap();
    let html = o
        .get(app.url(&format!("/w/{w}/projektor")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let ohne_striche = html.replace('-', "");
    assert!(html.contains(&format!("id=\"main\" data-werkstatt=\"{w}\"")));
    assert!(
        !ohne_striche.contains(&code),
        "the join code is hidden from observers"
    );
    assert!(!html.contains("/j/") && !html.contains("qr-box"));
    let m = login(&app, "a@example.org").await;
    let html = m
        .get(app.url(&format!("/w/{w}/projektor")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.replace('-', "").contains(&code),
        "the facilitator's projector shows it"
    );
    assert!(html.contains("qr-box"));
}

#[tokio::test]
async fn shipped_catalogue_entries_are_changed_only_by_administrators() {
    let app = spawn().await;
    let f = app.account("f@example.org", "facilitator").await;
    let admin = app.account("admin@example.org", "admin").await;
    let id = "oeffentliche-wlan-hotspots";
    let (s, mut steckbrief) = app
        .get_json(&f, &format!("/api/v1/katalog/steckbriefe/{id}"))
        .await;
    assert_eq!(s, 200);
    assert_eq!(steckbrief["herkunft"], "mitgeliefert");
    for k in ["herkunft", "geaendert", "uebernahmen"] {
        steckbrief.as_object_mut().unwrap().remove(k);
    }
    let mut geaendert = steckbrief.clone();
    geaendert["nutzen_kurz"] = json!("Von einer Moderatorin umgeschrieben");
    let pfad = format!("/api/v1/katalog/steckbriefe/{id}");
    let (s, _) = app.put_json(&f, &pfad, geaendert.clone()).await;
    assert_eq!(s, 403);
    let (_, nachher) = app.get_json(&f, &pfad).await;
    assert!(!nachher.to_string().contains("Von einer Moderatorin"));
    // The page offers no edit link, and the form is refused.
    let fc = login(&app, "f@example.org").await;
    let html = fc
        .get(app.url(&format!("/katalog/steckbrief/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains(&format!("/katalog/steckbrief/{id}/bearbeiten")));
    let r = fc
        .get(app.url(&format!("/katalog/steckbrief/{id}/bearbeiten")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // An administrator may adapt the instance's catalogue.
    let (s, b) = app.put_json(&admin, &pfad, geaendert).await;
    assert_eq!(s, 200, "{b}");
    // An own entry stays its authors' to change.
    let mut eigen = steckbrief;
    eigen["id"] = json!("eigener-wlan-steckbrief");
    eigen["titel"] = json!("WLAN im Dorfgemeinschaftshaus Altenwald");
    let (s, b) = app
        .post_json(&f, "/api/v1/katalog/steckbriefe", eigen.clone())
        .await;
    assert_eq!(s, 201, "{b}");
    eigen["nutzen_kurz"] = json!("Eigene Fassung");
    let (s, b) = app
        .put_json(&f, "/api/v1/katalog/steckbriefe/eigener-wlan-steckbrief", eigen)
        .await;
    assert_eq!(s, 200, "{b}");
}

async fn gruppe_beitreten(app: &TestApp, c: &reqwest::Client, w: &str, feld: &str) -> u16 {
    c.post(app.url(&format!("/api/v1/werkstaetten/{w}/felder/{feld}/gruppe")))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn joining_a_group_follows_the_phase_the_choice_and_the_lock() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, code) = app.werkstatt(&a, "07140501", "vorbereitung").await;
    let tourismus = app.feld(&a, &w, "tourismus").await;
    let bildung = app.feld(&a, &w, "bildung-und-jugend").await;
    let (p, _) = app.join(&code, "Anna").await;
    assert_eq!(
        gruppe_beitreten(&app, &p, &w, &tourismus).await,
        409,
        "no groups before the Feldwahl"
    );
    assert_eq!(app.phase(&a, &w, "feldwahl").await, 200);
    assert!(
        gruppe_beitreten(&app, &p, &w, &bildung).await < 300,
        "any field in the Feldwahl"
    );
    let (s, _) = app
        .put_json(
            &a,
            &format!("/api/v1/werkstaetten/{w}/felder/{tourismus}/auswahl"),
            json!({"gewaehlt": true}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(app.phase(&a, &w, "gruppenarbeit").await, 200);
    assert_eq!(
        gruppe_beitreten(&app, &p, &w, &bildung).await,
        422,
        "a field not chosen has no group"
    );
    let m = login(&app, "a@example.org").await;
    let r = m
        .post(app.url(&format!("/w/{w}/moderation/sperre")))
        .form(&[("gesperrt", "true")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(gruppe_beitreten(&app, &p, &w, &tourismus).await, 409, "locked");
    m.post(app.url(&format!("/w/{w}/moderation/sperre")))
        .form(&[("gesperrt", "false")])
        .send()
        .await
        .unwrap();
    assert!(gruppe_beitreten(&app, &p, &w, &tourismus).await < 300);
    assert_eq!(app.phase(&a, &w, "priorisierung").await, 200);
    assert_eq!(
        gruppe_beitreten(&app, &p, &w, &tourismus).await,
        409,
        "groups are fixed now"
    );
}

#[tokio::test]
async fn display_names_with_invisible_or_reversing_characters_are_refused() {
    let app = spawn().await;
    let a = app.account("a@example.org", "facilitator").await;
    let (w, code) = app.werkstatt(&a, "07140501", "feldwahl").await;
    for name in ["An\u{200B}na", "Anna\u{202E}greB", "\u{2066}Bert\u{2069}"] {
        let r = app
            .client()
            .post(app.url(&format!("/j/{code}")))
            .form(&[("name", name), ("sektor", "bildung")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{name:?}");
        let html = r.text().await.unwrap();
        assert!(html.contains("unsichtbare Zeichen"), "{name:?}");
    }
    assert!(app.state.db.teilnehmende(&w).await.unwrap().is_empty());
}

async fn falsch_anmelden(app: &TestApp, email: &str, xff: &str) -> u16 {
    app.client()
        .post(app.url("/login"))
        .header("X-Forwarded-For", xff)
        .form(&[("email", email), ("password", "falsch-falsch")])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Behind the configured proxy, one client's failures lock out that client, not everyone
/// behind the proxy; and an account is protected however many addresses try it.
#[tokio::test]
async fn rate_limits_count_per_client_behind_a_trusted_proxy_and_per_account() {
    let app = spawn_config(|c| c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    app.account("a@example.org", "admin").await;
    app.account("b@example.org", "facilitator").await;
    let mut last = 0;
    for i in 0..21 {
        last = falsch_anmelden(&app, &format!("niemand{i}@example.org"), "203.0.113.7").await;
    }
    assert_eq!(last, 429, "the attacker's address is blocked");
    let r = app
        .client()
        .post(app.url("/login"))
        .header("X-Forwarded-For", "198.51.100.9")
        .form(&[("email", "b@example.org"), ("password", "ein-langes-passwort")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        303,
        "someone else behind the same proxy still gets in"
    );
    // Many addresses against one account: the account is held.
    for i in 0..20 {
        assert_eq!(
            falsch_anmelden(&app, "a@example.org", &format!("192.0.2.{i}")).await,
            422
        );
    }
    assert_eq!(falsch_anmelden(&app, "a@example.org", "192.0.2.200").await, 429);
    // Without a trusted proxy the header is ignored: the peer is the client.
    let direkt = spawn().await;
    direkt.account("c@example.org", "admin").await;
    for i in 0..20 {
        falsch_anmelden(&direkt, &format!("x{i}@example.org"), &format!("192.0.2.{i}")).await;
    }
    assert_eq!(falsch_anmelden(&direkt, "y@example.org", "192.0.2.99").await, 429);
}
