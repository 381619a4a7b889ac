//! Durability at the level an administrator meets it: the server process is killed with
//! SIGKILL at a random moment while several clients write; after a restart every write that
//! was acknowledged (201) is there, the database passes `integrity_check`, and writes that
//! were not acknowledged are whole or absent.

use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_werkstatt");
const LAEUFE: u64 = 20;
const SCHREIBENDE: usize = 4;

fn werkstatt(args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .env_remove("WERKSTATT_DB")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Starts `serve` on a free port; returns the process and its base URL.
fn starten(db: &str) -> (Child, String) {
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db", db])
        .env_remove("WERKSTATT_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    (child, base)
}

/// A small deterministic generator, so that a failing run can be repeated.
fn zufall(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_a_kill_at_a_random_moment() {
    let dir = std::env::temp_dir().join(format!("werkstatt-absturz-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut gesamt = 0usize;
    for lauf in 0..LAEUFE {
        let datei = dir.join(format!("lauf{lauf}.db"));
        let db = format!("sqlite://{}", datei.display());
        let demo: Value = serde_json::from_str(&werkstatt(&["demo", "--db", &db, "--json"])).unwrap();
        let wid = demo["werkstatt_id"].as_str().unwrap().to_owned();
        let mut add = Command::new(BIN)
            .args([
                "user",
                "add",
                "--db",
                &db,
                "--email",
                "a@example.org",
                "--name",
                "Admin",
                "--role",
                "admin",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut add.stdin.take().unwrap(), b"ein-langes-passwort\n").unwrap();
        assert!(add.wait().unwrap().success());
        let token = werkstatt(&["user", "token", "--db", &db, "--email", "a@example.org"]);

        let (mut server, base) = starten(&db);
        let http = reqwest::Client::new();
        let api = format!("{base}/api/v1/werkstaetten/{wid}");
        let felder: Value = http
            .get(format!("{api}/felder"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let feld = felder["felder"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["feld"]["gewaehlt"] == true)
            .and_then(|f| f["feld"]["id"].as_str())
            .unwrap()
            .to_owned();

        let mut aufgaben = Vec::new();
        for s in 0..SCHREIBENDE {
            let (http, api, token, feld) = (http.clone(), api.clone(), token.clone(), feld.clone());
            aufgaben.push(tokio::spawn(async move {
                let mut bestaetigt = Vec::new();
                for n in 0.. {
                    let titel = format!("Absturz {lauf}-{s}-{n}");
                    let r = http
                        .post(format!("{api}/massnahmen"))
                        .bearer_auth(&token)
                        .json(&json!({"feld_id": feld, "titel": titel, "umsetzung": "kurzfristig"}))
                        .timeout(Duration::from_secs(5))
                        .send()
                        .await;
                    match r {
                        Ok(r) if r.status() == 201 => bestaetigt.push(titel),
                        // The server is gone: what was acknowledged so far is the record.
                        _ => break,
                    }
                }
                bestaetigt
            }));
        }
        let warten = 20 + zufall(lauf * 7919 + 17) % 200;
        tokio::time::sleep(Duration::from_millis(warten)).await;
        server.kill().unwrap();
        let _ = server.wait();
        let mut bestaetigt = Vec::new();
        for a in aufgaben {
            bestaetigt.extend(a.await.unwrap());
        }

        let (mut server, base) = starten(&db);
        let da: Vec<Value> = http
            .get(format!("{base}/api/v1/werkstaetten/{wid}/massnahmen"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        server.kill().unwrap();
        let _ = server.wait();
        let titel: Vec<&str> = da.iter().filter_map(|m| m["titel"].as_str()).collect();
        for t in &bestaetigt {
            assert!(
                titel.contains(&t.as_str()),
                "run {lauf} (kill after {warten} ms): {t} acknowledged but lost"
            );
        }
        // Unacknowledged writes are whole: every stored Maßnahme of this run is complete.
        for m in da
            .iter()
            .filter(|m| m["titel"].as_str().is_some_and(|t| t.starts_with("Absturz ")))
        {
            assert_eq!(m["umsetzung"], "kurzfristig", "{m}");
            assert_eq!(m["feld_id"], feld.as_str(), "{m}");
        }
        werkstatt_store::sicherung::pruefen(&datei).await.unwrap();
        gesamt += bestaetigt.len();
    }
    // The runs really wrote while being killed.
    assert!(
        gesamt > usize::try_from(LAEUFE).unwrap(),
        "only {gesamt} acknowledged writes"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
