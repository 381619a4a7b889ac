//! Opening a database from its URL: SQLite (default) or PostgreSQL.

use std::fs::File;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::{Result, StoreError, migrate};

pub const SQLITE_DEFAULT_URL: &str = "sqlite://werkstatt.db";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The SQLite pools: many readers, one writer, and the lock that keeps other processes out.
#[derive(Debug, Clone)]
pub struct SqliteDb {
    pub(crate) read: SqlitePool,
    pub(crate) write: SqlitePool,
    _lock: Option<Arc<File>>,
}

/// A connected database.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqliteDb),
    Postgres(PgPool),
}

impl Db {
    /// Connects and applies the migrations.
    pub async fn open(url: &str) -> Result<Self> {
        let db = Self::connect(url).await?;
        db.migrate().await?;
        Ok(db)
    }

    /// Connects without migrating.
    pub async fn connect(url: &str) -> Result<Self> {
        if url.starts_with("sqlite:") {
            Self::connect_sqlite(url).await
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Ok(Self::Postgres(pool))
        } else {
            Err(StoreError::UnsupportedUrl)
        }
    }

    /// Connects to PostgreSQL with all tables in `schema` (used by tests for isolation).
    pub async fn connect_postgres_schema(url: &str, schema: &str) -> Result<Self> {
        let admin = PgPool::connect(url).await?;
        let create = format!("CREATE SCHEMA IF NOT EXISTS \"{}\"", schema.replace('"', ""));
        sqlx::query(sqlx::AssertSqlSafe(create)).execute(&admin).await?;
        admin.close().await;
        let opts = PgConnectOptions::from_str(url)?.options([("search_path", schema)]);
        let pool = PgPoolOptions::new().max_connections(8).connect_with(opts).await?;
        Ok(Self::Postgres(pool))
    }

    async fn connect_sqlite(url: &str) -> Result<Self> {
        let opts = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a commit is on disk before it is acknowledged, also across a power cut
            // of the laptop (NORMAL in WAL mode survives only a crash of the process).
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let path = opts.get_filename().to_path_buf();
        let in_memory =
            path.as_os_str().is_empty() || url.contains(":memory:") || url.contains("mode=memory");
        let lock = if in_memory {
            None
        } else {
            // A second process on the same file would corrupt the single-writer model and
            // split the live events, so it is refused with a clear message.
            let lock_path = format!("{}.lock", path.display());
            let f = File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&lock_path)?;
            match f.try_lock() {
                Ok(()) => Some(Arc::new(f)),
                Err(_) => return Err(StoreError::Locked(path.display().to_string())),
            }
        };
        // No liveness ping on every acquire: a SQLite connection is a file handle in this
        // process and cannot go away behind our back; the ping cost a round trip to the
        // connection's worker thread per query.
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .test_before_acquire(false)
            .connect_with(opts.clone())
            .await?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .test_before_acquire(false)
            .connect_with(opts.read_only(!in_memory))
            .await?;
        if !in_memory {
            pragmas_pruefen(&write).await?;
        }
        Ok(Self::Sqlite(SqliteDb {
            read,
            write,
            _lock: lock,
        }))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies all pending migrations.
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Self::Sqlite(s) => migrate::sqlite().run(&s.write).await?,
            Self::Postgres(p) => migrate::postgres().run(p).await?,
        }
        Ok(())
    }

    /// The newest applied migration.
    pub async fn schema_version(&self) -> Result<i64> {
        let v: Option<i64> = read!(self, |p| sqlx::query_scalar(
            "SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE"
        )
        .fetch_one(p)
        .await?);
        Ok(v.unwrap_or(0))
    }

    pub async fn close(&self) {
        match self {
            Self::Sqlite(s) => {
                s.read.close().await;
                s.write.close().await;
            }
            Self::Postgres(p) => p.close().await,
        }
    }
}

pub use crate::migrate::LATEST as LATEST_MIGRATION;

/// Refuses a SQLite database that does not run in WAL mode with foreign keys and full
/// synchronisation: without them the single-writer model, the referential checks or the
/// durability of acknowledged writes would silently not hold.
async fn pragmas_pruefen(pool: &SqlitePool) -> Result<()> {
    let (journal,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(pool).await?;
    let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys").fetch_one(pool).await?;
    let (sync,): (i64,) = sqlx::query_as("PRAGMA synchronous").fetch_one(pool).await?;
    if !journal.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Pragma(format!(
            "journal_mode = {journal}, erwartet wal"
        )));
    }
    if fk != 1 {
        return Err(StoreError::Pragma("foreign_keys ist aus".into()));
    }
    // 2 = FULL, 3 = EXTRA.
    if sync < 2 {
        return Err(StoreError::Pragma(format!(
            "synchronous = {sync}, erwartet FULL (2)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn pool(dir: &std::path::Path, sync: SqliteSynchronous, fk: bool) -> SqlitePool {
        let opts = SqliteConnectOptions::new()
            .filename(dir.join(format!("{sync:?}-{fk}.db")))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(sync)
            .foreign_keys(fk);
        SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(opts)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn only_wal_with_foreign_keys_and_full_sync_is_accepted() {
        let dir = std::env::temp_dir().join(format!("werkstatt-pragma-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        assert!(
            pragmas_pruefen(&pool(&dir, SqliteSynchronous::Full, true).await)
                .await
                .is_ok()
        );
        let e = pragmas_pruefen(&pool(&dir, SqliteSynchronous::Normal, true).await).await;
        assert!(matches!(e, Err(StoreError::Pragma(m)) if m.contains("synchronous")));
        let e = pragmas_pruefen(&pool(&dir, SqliteSynchronous::Full, false).await).await;
        assert!(matches!(e, Err(StoreError::Pragma(m)) if m.contains("foreign_keys")));
        // What `Db::open` makes of a fresh file passes its own check.
        let url = format!("sqlite://{}", dir.join("werkstatt.db").display());
        assert!(Db::open(&url).await.is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
