//! The commands of the `werkstatt` binary. Help texts are German throughout.

use std::io::{IsTerminal, Read};
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use werkstatt_store::{Db, SQLITE_DEFAULT_URL};
use werkstatt_web::{App, Config};

mod dateien;
use dateien::{lesen_begrenzt, read_dir_files};

#[derive(Debug, Parser)]
#[command(
    name = "werkstatt",
    version,
    about = "Werkstatt: Digital-Werkstatt durchführen und die kommunale Digitalstrategie erarbeiten.",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    subcommand_help_heading = "Befehle",
    subcommand_value_name = "BEFEHL",
    help_template = "{about}\n\nAufruf: {usage}\n\n{all-args}"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Hilfe anzeigen.
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Version anzeigen.
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Debug, Args)]
pub struct DbArg {
    /// Datenbank: sqlite://DATEI oder postgres://…
    #[arg(long, env = "WERKSTATT_DB", default_value = SQLITE_DEFAULT_URL)]
    pub db: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Startet den Server (Standard: SQLite-Datei werkstatt.db im aktuellen Verzeichnis).
    Serve {
        /// Adresse und Port, auf denen der Server lauscht.
        #[arg(long, env = "WERKSTATT_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        #[command(flatten)]
        db: DbArg,
        /// Sitzungs-Cookie nur über HTTPS senden (hinter einem TLS-Proxy setzen).
        #[arg(long, env = "WERKSTATT_SECURE_COOKIES")]
        secure_cookies: bool,
        /// Adresse eines Reverse-Proxys, dessen X-Forwarded-For die Adresse der Nutzenden
        /// angibt (mehrfach oder durch Kommas getrennt; sonst zählt die direkte Gegenstelle).
        #[arg(
            long = "trusted-proxy",
            env = "WERKSTATT_TRUSTED_PROXIES",
            value_delimiter = ','
        )]
        trusted_proxies: Vec<std::net::IpAddr>,
    },
    /// Legt eine Demo-Werkstatt mit zwei Verbandsgemeinden, Teilnehmenden, Zielen und Maßnahmen an.
    Demo {
        #[command(flatten)]
        db: DbArg,
        /// Ausgabe als ein JSON-Objekt.
        #[arg(long)]
        json: bool,
        /// Adresse des Servers, für den ausgegebenen Link.
        #[arg(long, env = "WERKSTATT_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
    },
    /// Verwaltet Konten für Administration und Moderation.
    #[command(subcommand)]
    User(UserCommand),
    /// Prüft, exportiert und importiert den Katalog der Steckbriefe.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Wendet alle ausstehenden Datenbank-Migrationen an.
    Migrate {
        #[command(flatten)]
        db: DbArg,
    },
    /// Sichert die SQLite-Datenbank in eine neue Datei, auch während der Server läuft
    /// (PostgreSQL: mit pg_dump, siehe docs/operations.md).
    Backup {
        #[command(flatten)]
        db: DbArg,
        /// Zieldatei der Sicherung; sie darf noch nicht existieren.
        #[arg(long)]
        out: PathBuf,
    },
    /// Exportiert eine Werkstatt als Bundle (JSON).
    Export {
        #[command(flatten)]
        db: DbArg,
        /// Kennung der Werkstatt.
        #[arg(long)]
        werkstatt: String,
        /// Format der Ausgabe: json (das Werkstatt-Bundle) oder die Digitalstrategie als
        /// pdf, docx, odt, md oder html.
        #[arg(long, default_value = "json", value_parser = ["json", "pdf", "docx", "odt", "md", "html"])]
        format: String,
        /// Nummer einer gespeicherten Version der Strategie; ohne Angabe der aktuelle Stand.
        #[arg(long = "strategie-version")]
        strategie_version: Option<i64>,
        /// Zieldatei; ohne Angabe die Standardausgabe.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Importiert ein Werkstatt-Bundle als neue Werkstatt; prüft erst alles, schreibt dann.
    Import {
        #[command(flatten)]
        db: DbArg,
        /// Die Bundle-Datei.
        file: PathBuf,
        /// Ausgabe als ein JSON-Objekt.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Prüft alle Katalogdateien (Pflichtfelder, Handlungsfelder, Platzhalter, Adressen, Dubletten).
    Check {
        /// Ordner mit Katalogdateien; ohne Angabe der eingebaute Katalog.
        dir: Option<PathBuf>,
    },
    /// Schreibt den Katalog dieser Instanz (mitgelieferte, angepasste und eigene Einträge).
    Export {
        #[command(flatten)]
        db: DbArg,
        /// Format der Ausgabe.
        #[arg(long, default_value = "json", value_parser = ["json"])]
        format: String,
        /// Zieldatei; ohne Angabe die Standardausgabe.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Liest einen exportierten Katalog ein; prüft erst alles, schreibt dann.
    Import {
        #[command(flatten)]
        db: DbArg,
        /// Die Katalogdatei (JSON).
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Legt ein Konto an; das Passwort kommt von der Standardeingabe oder wird erzeugt.
    Add {
        #[command(flatten)]
        db: DbArg,
        /// E-Mail-Adresse (Anmeldename).
        #[arg(long)]
        email: String,
        /// Angezeigter Name.
        #[arg(long)]
        name: String,
        /// Rolle: admin oder facilitator.
        #[arg(long, value_parser = ["admin", "facilitator"])]
        role: String,
    },
    /// Gibt einen neuen API-Token für ein Konto aus.
    Token {
        #[command(flatten)]
        db: DbArg,
        /// E-Mail-Adresse des Kontos.
        #[arg(long)]
        email: String,
    },
}

impl Cli {
    /// Parses the command line with German help throughout, also for the subcommands.
    pub fn parse_de() -> Self {
        use clap::{CommandFactory, FromArgMatches};
        let matches = german(Self::command()).get_matches();
        match Self::from_arg_matches(&matches) {
            Ok(c) => c,
            Err(e) => e.exit(),
        }
    }
}

fn german(c: clap::Command) -> clap::Command {
    c.help_template("{about}\n\nAufruf: {usage}\n\n{all-args}")
        .subcommand_help_heading("Befehle")
        .subcommand_value_name("BEFEHL")
        .mut_args(|a| {
            // clap writes these hints in English; they are spelled out in German instead.
            let mut help = a.get_help().map(ToString::to_string).unwrap_or_default();
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_owned())
                .collect();
            if !values.is_empty() && a.get_action().takes_values() {
                help.push_str(&format!(" [Werte: {}]", values.join(", ")));
            }
            if let Some(env) = a.get_env() {
                help.push_str(&format!(" [Umgebung: {}]", env.to_string_lossy()));
            }
            if let Some(d) = a.get_default_values().first() {
                help.push_str(&format!(" [Standard: {}]", d.to_string_lossy()));
            }
            let takes_values = a.get_action().takes_values();
            let (env, default) = (a.get_env().is_some(), !a.get_default_values().is_empty());
            let mut a = a.help(help);
            if takes_values {
                a = a.hide_possible_values(true);
            }
            if env {
                a = a.hide_env(true);
            }
            if default {
                a = a.hide_default_value(true);
            }
            if a.get_help_heading().is_some() {
                a
            } else if a.is_positional() {
                a.help_heading("Argumente")
            } else {
                a.help_heading("Optionen")
            }
        })
        .mut_subcommands(german)
}

pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("WERKSTATT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,usvg=error"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

async fn open(db: &DbArg) -> anyhow::Result<Db> {
    Db::open(&db.db)
        .await
        .with_context(|| format!("Datenbank {} kann nicht geöffnet werden", redact(&db.db)))
}

/// Hides a password in a database URL before it is printed.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("Server wird beendet …");
}

fn generate_password() -> String {
    // 20 characters from the join-code alphabet: about 99 bits.
    let a = werkstatt_core::join_code::JoinCode::from_random(werkstatt_store::ids::random_bytes());
    let b = werkstatt_core::join_code::JoinCode::from_random(werkstatt_store::ids::random_bytes());
    let c = werkstatt_core::join_code::JoinCode::from_random(werkstatt_store::ids::random_bytes());
    format!("{}-{}-{}", a.as_str(), b.as_str(), &c.as_str()[..4])
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            addr,
            db,
            secure_cookies,
            trusted_proxies,
        } => {
            let mut config = Config::new(addr, db.db.clone());
            config.secure_cookies = secure_cookies;
            config.trusted_proxies = trusted_proxies;
            let app = App::build(config)
                .await
                .with_context(|| format!("Server kann nicht starten (Datenbank {})", redact(&db.db)))?;
            let url = format!("http://{}", app.local_addr());
            println!("Werkstatt läuft auf {url}  (Datenbank: {})", redact(&db.db));
            app.run(shutdown_signal()).await
        }
        Command::Demo { db, json, addr } => {
            let db = open(&db).await?;
            // The demo adopts Steckbriefe, so the catalogue must be in the database.
            werkstatt_web::services::katalog::laden(&db).await?;
            let w = werkstatt_web::services::demo::seed(&db).await?;
            let url = format!("http://{addr}/j/{}", w.join_code);
            if json {
                println!(
                    "{}",
                    serde_json::json!({"werkstatt_id": w.id, "join_code": w.join_code_display(), "url": url})
                );
            } else {
                println!("Demo-Werkstatt angelegt: {}", w.titel);
                println!("  Kennung:        {}", w.id);
                println!("  Teilnahme-Code: {}", w.join_code_display());
                println!("  Link:           {url}");
                println!("Für die Moderation: werkstatt user add --email … --name … --role admin");
            }
            Ok(())
        }
        Command::User(UserCommand::Add {
            db,
            email,
            name,
            role,
        }) => {
            let stdin = std::io::stdin();
            let mut password = String::new();
            if !stdin.is_terminal() {
                stdin.lock().read_to_string(&mut password)?;
            }
            let password = password.trim_end_matches(['\n', '\r']).to_owned();
            let (password, generated) = if password.is_empty() {
                (generate_password(), true)
            } else {
                (password, false)
            };
            let db = open(&db).await?;
            let user = werkstatt_core::user::NeuerUser::parse(&email, &name, &role).map_err(describe)?;
            let pw = werkstatt_core::user::parse_password("password", &password)
                .map_err(|e| describe(e.into()))?;
            let hash =
                werkstatt_web::services::accounts::hash_password(&pw).map_err(|e| anyhow::anyhow!("{e}"))?;
            let u = db.create_user(&user, &hash).await.map_err(|e| match e {
                werkstatt_store::StoreError::Duplicate(_) => {
                    anyhow::anyhow!("Es gibt bereits ein Konto mit der E-Mail-Adresse {email}.")
                }
                e => e.into(),
            })?;
            println!("Konto angelegt: {} <{}> ({})", u.name, u.email, u.role);
            if generated {
                println!("Passwort (wird nur jetzt angezeigt): {password}");
            }
            Ok(())
        }
        Command::User(UserCommand::Token { db, email }) => {
            let db = open(&db).await?;
            let u = db
                .user_by_email(&email)
                .await
                .map_err(|_| anyhow::anyhow!("Kein Konto mit der E-Mail-Adresse {email}."))?;
            println!("{}", db.create_api_token(&u.id).await?);
            Ok(())
        }
        Command::Catalog(c) => catalog(c).await,
        Command::Migrate { db } => {
            let db = open(&db).await?;
            werkstatt_web::services::katalog::laden(&db).await?;
            println!("Datenbank ist auf Stand {}.", db.schema_version().await?);
            Ok(())
        }
        Command::Backup { db, out } => {
            if !db.db.starts_with("sqlite:") {
                anyhow::bail!(
                    "Eine PostgreSQL-Datenbank sichern Sie mit pg_dump, z. B. `pg_dump -Fc -f werkstatt.dump \"$WERKSTATT_DB\"` (siehe docs/operations.md)."
                );
            }
            werkstatt_store::sicherung::sqlite_sichern(&db.db, &out)
                .await
                .with_context(|| format!("Sicherung nach {} ist fehlgeschlagen", out.display()))?;
            println!("Sicherung geschrieben und geprüft: {}", out.display());
            Ok(())
        }
        Command::Export {
            db,
            werkstatt,
            format,
            strategie_version,
            out,
        } => {
            let db = open(&db).await?;
            if let Some(f) = werkstatt_export::Format::parse(&format) {
                return strategie_export(&db, &werkstatt, f, strategie_version, out).await;
            }
            let b = db.export_bundle_komplett(&werkstatt).await.map_err(|e| match e {
                werkstatt_store::StoreError::NotFound => {
                    anyhow::anyhow!("Keine Werkstatt mit der Kennung {werkstatt}.")
                }
                e => e.into(),
            })?;
            let text = serde_json::to_string_pretty(&b)? + "\n";
            match out {
                Some(p) => std::fs::write(&p, text)
                    .with_context(|| format!("{} kann nicht geschrieben werden", p.display()))?,
                None => print!("{text}"),
            }
            Ok(())
        }
        Command::Import { db, file, json } => {
            let text = lesen_begrenzt(&file, werkstatt_core::bundle::HOECHSTENS_BYTES)?;
            let b = werkstatt_core::bundle::parse_json(&text).map_err(describe)?;
            let db = open(&db).await?;
            let id = db.import_bundle(&b, None).await?;
            if json {
                println!("{}", serde_json::json!({"werkstatt_id": id}));
            } else {
                println!("Werkstatt importiert: {id}");
            }
            Ok(())
        }
    }
}

async fn catalog(c: CatalogCommand) -> anyhow::Result<()> {
    use werkstatt_core::katalog::Katalog;
    match c {
        CatalogCommand::Check { dir } => {
            use werkstatt_core::katalog::foerderprogramm;
            let (k, programme) = match dir {
                Some(d) => {
                    let files = read_dir_files(&d)?;
                    let files = || files.iter().map(|(p, t)| (p.as_str(), t.as_str()));
                    let k = Katalog::aus_dateien(files()).map_err(describe)?;
                    // Without programme files the references were checked against the shipped ones.
                    let n = if foerderprogramm::enthalten(files()) {
                        foerderprogramm::aus_dateien(files()).map_err(describe)?.len()
                    } else {
                        foerderprogramm::foerderprogramme().len()
                    };
                    (k, n)
                }
                None => (
                    Katalog::mitgeliefert().map_err(describe)?,
                    foerderprogramm::foerderprogramme().len(),
                ),
            };
            let felder: std::collections::BTreeSet<&str> =
                k.steckbriefe.iter().map(|s| s.handlungsfeld.as_str()).collect();
            println!(
                "Katalog in Ordnung: {} Steckbriefe in {} Handlungsfeldern, {} gute Beispiele, {} Förderprogramme.",
                k.steckbriefe.len(),
                felder.len(),
                k.best_practices.len(),
                programme
            );
            Ok(())
        }
        CatalogCommand::Export { db, format: _, out } => {
            let db = open(&db).await?;
            werkstatt_web::services::katalog::laden(&db).await?;
            let text = serde_json::to_string_pretty(&db.katalog().await?)? + "\n";
            match out {
                Some(p) => std::fs::write(&p, text)
                    .with_context(|| format!("{} kann nicht geschrieben werden", p.display()))?,
                None => print!("{text}"),
            }
            Ok(())
        }
        CatalogCommand::Import { db, file } => {
            let text = lesen_begrenzt(&file, werkstatt_core::bundle::HOECHSTENS_BYTES)?;
            let de = &mut serde_json::Deserializer::from_str(&text);
            let neu: Katalog = serde_path_to_error::deserialize(de)
                .map_err(|e| anyhow::anyhow!("Ungültige Katalogdatei bei {}: {}", e.path(), e.inner()))?;
            let db = open(&db).await?;
            werkstatt_web::services::katalog::laden(&db).await?;
            // The result must be consistent as a whole: the new entries with the existing ones.
            let mut alle = db.katalog().await?;
            alle.steckbriefe
                .retain(|s| !neu.steckbriefe.iter().any(|n| n.id == s.id));
            alle.steckbriefe.extend(neu.steckbriefe.iter().cloned());
            alle.best_practices
                .retain(|b| !neu.best_practices.iter().any(|n| n.id == b.id));
            alle.best_practices.extend(neu.best_practices.iter().cloned());
            alle.check().map_err(describe)?;
            let n = db.import_katalog(&neu).await?;
            println!("{n} Katalogeinträge importiert.");
            Ok(())
        }
    }
}

/// Turns field errors into one German message naming every bad field.
fn describe(e: werkstatt_core::FieldErrors) -> anyhow::Error {
    let tr = werkstatt_web::i18n::Tr::new(werkstatt_web::i18n::Lang::De);
    let lines: Vec<String> =
        e.0.iter()
            .map(|f| format!("  {}: {}", f.field, tr.field_error(f)))
            .collect();
    if lines.is_empty() {
        return anyhow::anyhow!("Ungültige Eingabe.");
    }
    anyhow::anyhow!("Ungültige Eingabe:\n{}", lines.join("\n"))
}

/// Fails when the database URL names no supported backend.
pub fn check_url(url: &str) -> anyhow::Result<()> {
    if url.starts_with("sqlite:") || url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(())
    } else {
        bail!("Nicht unterstützte Datenbank-URL: {url}")
    }
}

/// Writes the Digitalstrategie of a Werkstatt in one of the document formats.
async fn strategie_export(
    db: &werkstatt_store::Db,
    werkstatt: &str,
    format: werkstatt_export::Format,
    version: Option<i64>,
    out: Option<PathBuf>,
) -> anyhow::Result<()> {
    let w = db.werkstatt(werkstatt).await.map_err(|e| match e {
        werkstatt_store::StoreError::NotFound => {
            anyhow::anyhow!("Keine Werkstatt mit der Kennung {werkstatt}.")
        }
        e => e.into(),
    })?;
    let doc = werkstatt_web::services::strategie::dokument_db(db, &w, version)
        .await
        .map_err(|e| match e {
            werkstatt_web::error::AppError::NotFound => {
                anyhow::anyhow!(
                    "Diese Werkstatt hat keine Version {} der Strategie.",
                    version.unwrap_or(0)
                )
            }
            e => anyhow::anyhow!("Die Strategie kann nicht erstellt werden: {e}"),
        })?;
    let bytes = tokio::task::spawn_blocking(move || werkstatt_export::render(&doc, format))
        .await?
        .map_err(|e| anyhow::anyhow!("Das Dokument kann nicht erzeugt werden: {e}"))?;
    match out {
        Some(p) => std::fs::write(&p, &bytes)
            .with_context(|| format!("{} kann nicht geschrieben werden", p.display()))?,
        None => {
            use std::io::Write as _;
            std::io::stdout().write_all(&bytes)?;
        }
    }
    Ok(())
}
