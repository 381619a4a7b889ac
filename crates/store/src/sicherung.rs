//! An online backup of a SQLite database while the server runs on it: `VACUUM INTO`
//! writes a consistent, compact copy (one read transaction: every committed write up to
//! its start, none after), and the copy is checked with `PRAGMA integrity_check` before
//! it is reported done. PostgreSQL is backed up with its own tools (`pg_dump`).

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use crate::{Result, StoreError};

/// Copies the SQLite database at `url` to the new file `ziel`. Does not take the server's
/// lock (it only reads), so it runs beside `werkstatt serve`. `ziel` must not exist.
pub async fn sqlite_sichern(url: &str, ziel: &Path) -> Result<()> {
    if !url.starts_with("sqlite:") {
        return Err(StoreError::UnsupportedUrl);
    }
    if ziel.exists() {
        return Err(StoreError::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} existiert bereits", ziel.display()),
        )));
    }
    let ziel_text = ziel
        .to_str()
        .ok_or_else(|| StoreError::Io(std::io::Error::other("Zielpfad ist kein UTF-8")))?;
    // Not read-only: a read-only connection cannot open a WAL database whose -shm file is
    // missing (no server running). It writes nothing to the source.
    let opts = SqliteConnectOptions::from_str(url)?
        .create_if_missing(false)
        .busy_timeout(Duration::from_secs(30));
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(opts)
        .await?;
    // VACUUM INTO takes no bound parameters: the path is a quoted literal.
    let sql = format!("VACUUM INTO '{}'", ziel_text.replace('\'', "''"));
    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&pool).await?;
    pool.close().await;
    pruefen(ziel).await
}

/// `PRAGMA integrity_check` of a SQLite file; anything but "ok" is an error.
pub async fn pruefen(datei: &Path) -> Result<()> {
    let opts = SqliteConnectOptions::new().filename(datei).read_only(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(opts)
        .await?;
    let befund: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check").fetch_all(&pool).await?;
    pool.close().await;
    match befund.as_slice() {
        [(ok,)] if ok == "ok" => Ok(()),
        _ => Err(StoreError::Pragma(format!(
            "integrity_check von {}: {}",
            datei.display(),
            befund.into_iter().map(|(b,)| b).collect::<Vec<_>>().join("; ")
        ))),
    }
}
