//! Errors of the store.

use werkstatt_core::{DomainError, FieldErrors};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// Someone else changed the record since the writer read it.
    #[error("version conflict")]
    VersionConflict { current: i64 },
    /// A unique value is taken (e.g. an e-mail or an AGS).
    #[error("already exists: {0}")]
    Duplicate(&'static str),
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(
        "die Datenbank {0} wird bereits von einem anderen werkstatt-Prozess verwendet (mit SQLite läuft genau ein Server; für mehrere Instanzen PostgreSQL verwenden)"
    )]
    Locked(String),
    /// The database does not run with the settings durability depends on.
    #[error("Datenbank-Einstellung nicht wie erwartet: {0}")]
    Pragma(String),
    #[error("unsupported database URL (use sqlite:// or postgres://)")]
    UnsupportedUrl,
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("io error: {0}")]
    Io(#[from] std::io::Error),
}

impl From<FieldErrors> for StoreError {
    fn from(e: FieldErrors) -> Self {
        Self::Domain(DomainError::Invalid(e))
    }
}

/// Maps a unique violation to [`StoreError::Duplicate`].
pub(crate) fn unique(what: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |e| match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Duplicate(what),
        _ => StoreError::Db(e),
    }
}
