//! The binary itself: demo, users, bundles, version, the SQLite lock.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_werkstatt");

fn temp_db() -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("werkstatt-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("cli.db").display());
    (dir, url)
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .env_remove("WERKSTATT_DB")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn version_and_german_help() {
    let (ok, out, _) = run(&["--version"]);
    assert!(ok && out.starts_with("werkstatt "));
    let (ok, out, _) = run(&["--help"]);
    assert!(ok && out.contains("Befehle:") && out.contains("Startet den Server"));
    let (ok, out, _) = run(&["serve", "--help"]);
    assert!(ok && out.contains("Optionen:") && out.contains("WERKSTATT_DB"));
}

#[test]
fn demo_export_import_via_the_binary() {
    let (dir, db) = temp_db();
    let (ok, out, err) = run(&["demo", "--db", &db, "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let id = v["werkstatt_id"].as_str().unwrap();
    assert_eq!(v["join_code"].as_str().unwrap().len(), 9);
    assert!(v["url"].as_str().unwrap().starts_with("http://127.0.0.1:8080/j/"));
    let file = dir.join("bundle.json");
    let (ok, _, err) = run(&[
        "export",
        "--db",
        &db,
        "--werkstatt",
        id,
        "--format",
        "json",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let (_, other) = temp_db();
    let (ok, out, err) = run(&["import", "--db", &other, file.to_str().unwrap(), "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v["werkstatt_id"].is_string());
    // A broken file: a German message naming the field, exit code 1, nothing written.
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replacen("\"einwohner\": ", "\"einwohner\": -", 1);
    let bad = dir.join("bad.json");
    std::fs::write(&bad, text).unwrap();
    let (_, third) = temp_db();
    let (ok, _, err) = run(&["import", "--db", &third, bad.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("kommunen[0].einwohner"), "{err}");
    assert!(err.contains("Bitte geben Sie eine Zahl von 0 bis"), "{err}");
}

#[test]
fn users_and_tokens() {
    let (_dir, db) = temp_db();
    let mut child = Command::new(BIN)
        .args([
            "user",
            "add",
            "--db",
            &db,
            "--email",
            "Moderation@Example.org",
            "--name",
            "Mo",
            "--role",
            "facilitator",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"ein-sicheres-passwort\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("Passwort"),
        "no generated password"
    );
    let (ok, out, _) = run(&["user", "token", "--db", &db, "--email", "moderation@example.org"]);
    assert!(ok && out.trim().starts_with("wst_") && out.trim().len() == 68);
    let (ok, _, err) = run(&[
        "user",
        "add",
        "--db",
        &db,
        "--email",
        "moderation@example.org",
        "--name",
        "Mo",
        "--role",
        "admin",
    ]);
    assert!(!ok && err.contains("Es gibt bereits ein Konto"), "{err}");
    // Without stdin input a password is generated and shown once.
    let out = Command::new(BIN)
        .args([
            "user",
            "add",
            "--db",
            &db,
            "--email",
            "admin@example.org",
            "--name",
            "Ad",
            "--role",
            "admin",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Passwort (wird nur jetzt angezeigt)"));
}

#[test]
fn a_second_server_on_the_same_sqlite_file_is_refused() {
    let (_dir, db) = temp_db();
    let mut first = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db", &db])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(first.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    assert!(
        line.starts_with("Werkstatt läuft auf http://127.0.0.1:"),
        "{line}"
    );
    let (ok, _, err) = run(&["serve", "--addr", "127.0.0.1:0", "--db", &db]);
    first.kill().unwrap();
    let _ = first.wait();
    assert!(!ok);
    assert!(
        err.contains("wird bereits von einem anderen werkstatt-Prozess verwendet"),
        "{err}"
    );
}

#[tokio::test]
async fn serve_stops_on_sigterm_and_closes_event_streams() {
    let (_dir, db) = temp_db();
    let out = Command::new(BIN)
        .args(["demo", "--db", &db, "--json"])
        .output()
        .unwrap();
    let demo: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db", &db])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_owned();
    let c = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let r = c
        .post(format!("{base}/api/v1/join"))
        .json(&serde_json::json!({"code": demo["join_code"], "name": "Gast"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let mut stream = c
        .get(format!(
            "{base}/api/v1/werkstaetten/{}/events",
            demo["werkstatt_id"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert!(stream.chunk().await.unwrap().is_some());
    let started = std::time::Instant::now();
    assert!(
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    // The open stream ends, and the process exits, within a few seconds.
    let ended = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        while let Ok(Some(_)) = stream.chunk().await {}
    })
    .await;
    assert!(ended.is_ok(), "stream still open");
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(started.elapsed().as_secs() < 5, "server did not stop");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success());
}

#[test]
fn an_import_file_over_the_limit_is_refused_before_it_is_read_whole() {
    let (dir, db) = temp_db();
    let gross = dir.join("gross.json");
    // A sparse file: one byte over the limit without writing 32 MiB.
    let f = std::fs::File::create(&gross).unwrap();
    f.set_len(werkstatt_core::bundle::HOECHSTENS_BYTES as u64 + 1)
        .unwrap();
    for args in [
        vec!["import", "--db", &db, gross.to_str().unwrap()],
        vec!["catalog", "import", "--db", &db, gross.to_str().unwrap()],
    ] {
        let (ok, _, err) = run(&args);
        assert!(!ok, "{args:?}");
        assert!(err.contains("größer als 32 MiB"), "{args:?}: {err}");
    }
}

/// The restore drill: a backup taken while the server runs on the file opens as a
/// database of its own and yields the same Werkstatt, byte for byte in its bundle.
#[test]
fn a_backup_taken_while_the_server_runs_restores_the_same_werkstatt() {
    let (dir, db) = temp_db();
    let (ok, out, err) = run(&["demo", "--db", &db, "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let id = v["werkstatt_id"].as_str().unwrap().to_owned();
    let mut server = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db", &db])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(server.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    assert!(line.starts_with("Werkstatt läuft auf"), "{line}");
    let copy = dir.join("sicherung.db");
    let (ok, out, err) = run(&["backup", "--db", &db, "--out", copy.to_str().unwrap()]);
    let (again, _, err_again) = run(&["backup", "--db", &db, "--out", copy.to_str().unwrap()]);
    server.kill().unwrap();
    let _ = server.wait();
    assert!(ok, "{err}");
    assert!(out.contains("geprüft"), "{out}");
    assert!(!again, "an existing file is never overwritten");
    assert!(err_again.contains("existiert bereits"), "{err_again}");
    let restored = format!("sqlite://{}", copy.display());
    let bundle = |url: &str| {
        let (ok, out, err) = run(&["export", "--db", url, "--werkstatt", &id, "--format", "json"]);
        assert!(ok, "{err}");
        out
    };
    let original = bundle(&db);
    assert!(original.contains(&id));
    assert_eq!(bundle(&restored), original);
    // PostgreSQL has its own tool; the command says which.
    let (ok, _, err) = run(&[
        "backup",
        "--db",
        "postgres://postgres@127.0.0.1:5432/test",
        "--out",
        dir.join("pg.dump").to_str().unwrap(),
    ]);
    assert!(!ok && err.contains("pg_dump"), "{err}");
}
