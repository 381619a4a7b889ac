//! Server-side sessions: the cookie holds a random id, the database its hash and meaning.

use crate::ids::{hash_secret, new_secret, now_ms};
use crate::{Db, Result};

/// What a session grants.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Session {
    pub role: String,
    pub user_id: Option<String>,
    pub werkstatt_id: Option<String>,
    pub teilnehmende_id: Option<String>,
    pub lang: Option<String>,
    pub expires_at: i64,
}

/// Twelve hours: one workshop day, then the device forgets.
pub const PARTICIPANT_TTL_MS: i64 = 12 * 3600 * 1000;
/// Seven days for facilitators and admins.
pub const ACCOUNT_TTL_MS: i64 = 7 * 24 * 3600 * 1000;

impl Db {
    /// Creates a session and returns the secret for the cookie.
    pub async fn create_session(&self, s: &Session) -> Result<String> {
        let secret = new_secret();
        write!(self, |p| sqlx::query(
            "INSERT INTO sessions (id_hash, role, user_id, werkstatt_id, teilnehmende_id, lang, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)"
        )
        .bind(hash_secret(&secret))
        .bind(&s.role)
        .bind(&s.user_id)
        .bind(&s.werkstatt_id)
        .bind(&s.teilnehmende_id)
        .bind(&s.lang)
        .bind(s.expires_at)
        .execute(p)
        .await?
        .rows_affected());
        Ok(secret)
    }

    /// The live session for a cookie secret, if any.
    pub async fn session(&self, secret: &str) -> Result<Option<Session>> {
        Ok(read!(self, |p| sqlx::query_as(
            "SELECT role, user_id, werkstatt_id, teilnehmende_id, lang, expires_at FROM sessions \
             WHERE id_hash = $1 AND expires_at > $2"
        )
        .bind(hash_secret(secret))
        .bind(now_ms())
        .fetch_optional(p)
        .await?))
    }

    pub async fn set_session_lang(&self, secret: &str, lang: &str) -> Result<()> {
        write!(self, |p| sqlx::query(
            "UPDATE sessions SET lang = $2 WHERE id_hash = $1"
        )
        .bind(hash_secret(secret))
        .bind(lang)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    pub async fn delete_session(&self, secret: &str) -> Result<()> {
        write!(self, |p| sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(hash_secret(secret))
            .execute(p)
            .await?
            .rows_affected());
        Ok(())
    }

    /// Removes expired sessions; returns how many.
    pub async fn purge_sessions(&self) -> Result<u64> {
        Ok(write!(self, |p| sqlx::query(
            "DELETE FROM sessions WHERE expires_at <= $1"
        )
        .bind(now_ms())
        .execute(p)
        .await?
        .rows_affected()))
    }
}
