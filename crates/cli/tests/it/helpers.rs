//! Starting the app for a test, and small HTTP helpers.

use std::net::SocketAddr;
use std::path::PathBuf;

use serde_json::{Value, json};
use werkstatt_store::Db;
use werkstatt_web::{App, AppState, Config};

pub const PG_DEFAULT: &str = "postgres://postgres@127.0.0.1:5432/test";

pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    dir: Option<PathBuf>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(d) = &self.dir {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

/// A fresh, empty database for one test on the backend the suite runs on.
pub async fn fresh_db() -> (Db, Option<PathBuf>) {
    match std::env::var("WERKSTATT_TEST_DB") {
        Ok(url) if url.starts_with("postgres") => {
            let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
            let db = Db::connect_postgres_schema(&url, &schema)
                .await
                .expect("PostgreSQL for tests");
            db.migrate().await.expect("migrate");
            (db, None)
        }
        _ => {
            let dir = std::env::temp_dir().join(format!("werkstatt-it-{}", uuid::Uuid::new_v4().simple()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let url = format!("sqlite://{}", dir.join("t.db").display());
            (Db::open(&url).await.expect("sqlite"), Some(dir))
        }
    }
}

pub async fn spawn() -> TestApp {
    let (db, dir) = fresh_db().await;
    spawn_with(db, dir).await
}

/// Starts the app with a changed configuration on a fresh database.
pub async fn spawn_config(aendern: impl FnOnce(&mut Config)) -> TestApp {
    let (db, dir) = fresh_db().await;
    let mut config = Config::new("127.0.0.1:0".parse().expect("addr"), "unused");
    aendern(&mut config);
    start(config, db, dir).await
}

/// Starts the app on a given database (for several instances on one database).
pub async fn spawn_with(db: Db, dir: Option<PathBuf>) -> TestApp {
    let config = Config::new("127.0.0.1:0".parse().expect("addr"), "unused");
    start(config, db, dir).await
}

async fn start(config: Config, db: Db, dir: Option<PathBuf>) -> TestApp {
    let app = App::with_db(config, db).await.expect("app");
    let addr = app.local_addr();
    let state = app.state().clone();
    tokio::spawn(app.run(std::future::pending()));
    TestApp { addr, state, dir }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A client with its own cookie jar (one browser, one person).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// Creates an account and returns its API token.
    pub async fn account(&self, email: &str, role: &str) -> String {
        let u = werkstatt_web::services::accounts::create_user(
            &self.state,
            email,
            "Test Person",
            role,
            "ein-langes-passwort",
        )
        .await
        .expect("user");
        self.state.db.create_api_token(&u.id).await.expect("token")
    }

    pub async fn get_json(&self, token: &str, path: &str) -> (u16, Value) {
        let r = self
            .client()
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("send");
        let s = r.status().as_u16();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn send_json(
        &self,
        method: reqwest::Method,
        token: &str,
        path: &str,
        body: Value,
    ) -> (u16, Value) {
        let r = self
            .client()
            .request(method, self.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .expect("send");
        let s = r.status().as_u16();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn post_json(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.send_json(reqwest::Method::POST, token, path, body).await
    }

    pub async fn put_json(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.send_json(reqwest::Method::PUT, token, path, body).await
    }

    /// Creates a Kommune via the API and returns its id.
    pub async fn kommune(&self, token: &str, name: &str, ags: &str) -> String {
        let (s, k) = self
            .post_json(
                token,
                "/api/v1/kommunen",
                json!({"name": name, "art": "verbandsgemeinde", "ags": ags, "einwohner": 14000}),
            )
            .await;
        assert_eq!(s, 201, "{k}");
        k["id"].as_str().expect("id").to_owned()
    }

    /// A Werkstatt with one Kommune, moved to `phase` step by step; returns (id, join code).
    pub async fn werkstatt(&self, token: &str, ags: &str, phase: &str) -> (String, String) {
        let k = self.kommune(token, "Altenwald", ags).await;
        let (s, w) = self
            .post_json(
                token,
                "/api/v1/werkstaetten",
                json!({"titel": "Digital-Werkstatt Test", "datum": "2026-03-14", "ort": "Bürgerhaus", "kommunen": [k]}),
            )
            .await;
        assert_eq!(s, 201, "{w}");
        let id = w["id"].as_str().expect("id").to_owned();
        let code = w["join_code"].as_str().expect("code").to_owned();
        let order = ["vorbereitung", "feldwahl", "gruppenarbeit", "priorisierung"];
        let target = order.iter().position(|p| *p == phase).expect("known phase");
        for p in &order[1..=target] {
            let (s, b) = self
                .put_json(
                    token,
                    &format!("/api/v1/werkstaetten/{id}/phase"),
                    json!({"phase": p}),
                )
                .await;
            assert_eq!(s, 200, "{b}");
        }
        (id, code)
    }

    /// Joins as a participant; returns the client holding the session.
    pub async fn join(&self, code: &str, name: &str) -> (reqwest::Client, Value) {
        let c = self.client();
        let r = c
            .post(self.url("/api/v1/join"))
            .json(&json!({"code": code, "name": name, "sektor": "bildung"}))
            .send()
            .await
            .expect("join");
        assert_eq!(r.status().as_u16(), 201);
        let v = r.json().await.expect("json");
        (c, v)
    }

    /// The id of the first standard field with the given slug.
    pub async fn feld(&self, token: &str, werkstatt: &str, slug: &str) -> String {
        let (_, v) = self
            .get_json(token, &format!("/api/v1/werkstaetten/{werkstatt}/felder"))
            .await;
        v["felder"]
            .as_array()
            .expect("felder")
            .iter()
            .find(|f| f["feld"]["slug"] == slug)
            .and_then(|f| f["feld"]["id"].as_str())
            .expect("feld")
            .to_owned()
    }

    /// A Werkstatt in Gruppenarbeit with one chosen field; returns (werkstatt, feld, code).
    pub async fn gruppenarbeit(&self, token: &str, ags: &str) -> (String, String, String) {
        let (id, code) = self.werkstatt(token, ags, "feldwahl").await;
        let feld = self.feld(token, &id, "tourismus").await;
        let (s, _) = self
            .put_json(
                token,
                &format!("/api/v1/werkstaetten/{id}/felder/{feld}/auswahl"),
                json!({"gewaehlt": true}),
            )
            .await;
        assert_eq!(s, 200);
        let (s, _) = self
            .put_json(
                token,
                &format!("/api/v1/werkstaetten/{id}/phase"),
                json!({"phase": "gruppenarbeit"}),
            )
            .await;
        assert_eq!(s, 200);
        (id, feld, code)
    }
}

impl TestApp {
    /// Moves a Werkstatt's phase as the account `token`; returns the status.
    pub async fn phase(&self, token: &str, werkstatt: &str, phase: &str) -> u16 {
        self.put_json(
            token,
            &format!("/api/v1/werkstaetten/{werkstatt}/phase"),
            json!({"phase": phase}),
        )
        .await
        .0
    }

    /// Creates a short-term Maßnahme as the session of `client`; returns the status.
    pub async fn massnahme_as(
        &self,
        client: &reqwest::Client,
        werkstatt: &str,
        feld: &str,
        titel: &str,
    ) -> u16 {
        client
            .post(self.url(&format!("/api/v1/werkstaetten/{werkstatt}/massnahmen")))
            .json(&json!({"feld_id": feld, "titel": titel, "umsetzung": "kurzfristig"}))
            .send()
            .await
            .expect("send")
            .status()
            .as_u16()
    }
}

/// Logs in with the password every test account gets; returns the client with the session.
pub async fn login(app: &TestApp, email: &str) -> reqwest::Client {
    let c = app.client();
    let r = c
        .post(app.url("/login"))
        .form(&[("email", email), ("password", "ein-langes-passwort")])
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), 303);
    c
}

pub async fn count_massnahmen(app: &TestApp, werkstatt: &str) -> usize {
    app.state.db.massnahmen(werkstatt).await.expect("list").len()
}
