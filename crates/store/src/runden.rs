//! Prioritisation rounds and their ballots. Ballots are stored as JSON documents whose
//! meaning depends on the method (see `werkstatt_core::abstimmung`); the link to the
//! participant is kept only to let them change their own ballot while the round is open.

use serde::Serialize;

use crate::ids::{new_id, now_ms};
use crate::{Db, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Runde {
    pub id: String,
    pub werkstatt_id: String,
    pub methode: String,
    pub titel: String,
    pub status: String,
    /// The rules of the round (JSON).
    pub einstellungen: String,
    /// The ids of the Maßnahmen on the ballot (JSON array).
    pub optionen: String,
    pub version: i64,
}

impl Runde {
    pub fn offen(&self) -> bool {
        self.status == "offen"
    }
}

/// One ballot as results see it: content only, never who cast it.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Stimmzettel {
    pub inhalt: String,
    pub proxy: bool,
}

/// The decision on the ranking of a Werkstatt.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Rangfolge {
    pub werkstatt_id: String,
    pub runde_id: Option<String>,
    /// Overrides (JSON array of {massnahme_id, position, grund}).
    pub korrekturen: String,
    pub top_n: i64,
    /// Maßnahmen marked for in-depth planning (JSON array of ids).
    pub vertiefung: String,
    pub version: i64,
}

const COLS: &str = "id, werkstatt_id, methode, titel, status, einstellungen, optionen, version";

impl Db {
    pub async fn create_runde(
        &self,
        werkstatt_id: &str,
        methode: &str,
        titel: &str,
        einstellungen: &str,
        optionen: &str,
    ) -> Result<Runde> {
        let id = new_id();
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO runden (id, werkstatt_id, methode, titel, status, einstellungen, optionen, created_at, version) \
             VALUES ($1, $2, $3, $4, 'offen', $5, $6, $7, 1)"
        )
        .bind(&id)
        .bind(werkstatt_id)
        .bind(methode)
        .bind(titel)
        .bind(einstellungen)
        .bind(optionen)
        .bind(now_ms())
        .execute(p)
        .await?
        .rows_affected()
        });
        self.runde(werkstatt_id, &id).await
    }

    pub async fn runde(&self, werkstatt_id: &str, id: &str) -> Result<Runde> {
        read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM runden WHERE werkstatt_id = $1 AND id = $2"
        )))
        .bind(werkstatt_id)
        .bind(id)
        .fetch_optional(p)
        .await?)
        .ok_or(StoreError::NotFound)
    }

    pub async fn runden(&self, werkstatt_id: &str) -> Result<Vec<Runde>> {
        Ok(read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM runden WHERE werkstatt_id = $1 ORDER BY created_at, id"
        )))
        .bind(werkstatt_id)
        .fetch_all(p)
        .await?))
    }

    /// Opens or closes a round; a conflict if its status changed meanwhile.
    pub async fn set_runde_status(
        &self,
        werkstatt_id: &str,
        id: &str,
        from: &str,
        to: &str,
    ) -> Result<Runde> {
        let closed_at = (to == "geschlossen").then(now_ms);
        let n = write!(self, |p| sqlx::query(
            "UPDATE runden SET status = $4, closed_at = $5, version = version + 1 \
             WHERE werkstatt_id = $1 AND id = $2 AND status = $3"
        )
        .bind(werkstatt_id)
        .bind(id)
        .bind(from)
        .bind(to)
        .bind(closed_at)
        .execute(p)
        .await?
        .rows_affected());
        let r = self.runde(werkstatt_id, id).await?;
        if n == 0 {
            return Err(StoreError::VersionConflict { current: r.version });
        }
        Ok(r)
    }

    /// Stores a participant's ballot (replacing their earlier one) or a new proxy ballot,
    /// only while the round is open. The caller validated the content against the rules;
    /// a whole ballot replaces the old one, so no budget can add up across requests.
    pub async fn stimmzettel_abgeben(
        &self,
        runde_id: &str,
        teilnehmende_id: Option<&str>,
        inhalt: &str,
    ) -> Result<()> {
        let now = now_ms();
        write!(self, |p| {
            let mut tx = p.begin().await?;
            // Locks the round (PostgreSQL) so that closing waits for ballots in flight.
            let open = sqlx::query("UPDATE runden SET version = version WHERE id = $1 AND status = 'offen'")
                .bind(runde_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if open == 0 {
                return Err(StoreError::Domain(werkstatt_core::DomainError::WrongPhase));
            }
            match teilnehmende_id {
                Some(t) => {
                    sqlx::query(
                        "INSERT INTO stimmzettel (id, runde_id, teilnehmende_id, proxy, inhalt, created_at, updated_at) \
                         VALUES ($1, $2, $3, FALSE, $4, $5, $5) ON CONFLICT (runde_id, teilnehmende_id) \
                         DO UPDATE SET inhalt = excluded.inhalt, updated_at = excluded.updated_at",
                    )
                    .bind(new_id())
                    .bind(runde_id)
                    .bind(t)
                    .bind(inhalt)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO stimmzettel (id, runde_id, teilnehmende_id, proxy, inhalt, created_at, updated_at) \
                         VALUES ($1, $2, NULL, TRUE, $3, $4, $4)",
                    )
                    .bind(new_id())
                    .bind(runde_id)
                    .bind(inhalt)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The ballots of a round, anonymous, in the order they were first cast.
    pub async fn stimmzettel(&self, runde_id: &str) -> Result<Vec<Stimmzettel>> {
        Ok(read!(self, |p| sqlx::query_as(
            "SELECT inhalt, proxy FROM stimmzettel WHERE runde_id = $1 ORDER BY created_at, id"
        )
        .bind(runde_id)
        .fetch_all(p)
        .await?))
    }

    /// The participant's own ballot, to show it again while the round is open.
    pub async fn mein_stimmzettel(&self, runde_id: &str, teilnehmende_id: &str) -> Result<Option<String>> {
        Ok(read!(self, |p| sqlx::query_scalar(
            "SELECT inhalt FROM stimmzettel WHERE runde_id = $1 AND teilnehmende_id = $2"
        )
        .bind(runde_id)
        .bind(teilnehmende_id)
        .fetch_optional(p)
        .await?))
    }

    /// The decision on the ranking, if the facilitator made one.
    pub async fn rangfolge(&self, werkstatt_id: &str) -> Result<Option<Rangfolge>> {
        Ok(read!(self, |p| {
            sqlx::query_as(
            "SELECT werkstatt_id, runde_id, korrekturen, top_n, vertiefung, version FROM rangfolge WHERE werkstatt_id = $1"
        )
        .bind(werkstatt_id)
        .fetch_optional(p)
        .await?
        }))
    }

    /// Saves the decision on the ranking (optimistic version; 0 = none yet).
    pub async fn set_rangfolge(&self, r: &Rangfolge, expected: i64) -> Result<Rangfolge> {
        let n = write!(self, |p| {
            sqlx::query(
            "INSERT INTO rangfolge (werkstatt_id, runde_id, korrekturen, top_n, vertiefung, version, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT (werkstatt_id) DO UPDATE SET runde_id = excluded.runde_id, \
             korrekturen = excluded.korrekturen, top_n = excluded.top_n, vertiefung = excluded.vertiefung, \
             version = rangfolge.version + 1, updated_at = excluded.updated_at WHERE rangfolge.version = $7"
        )
        .bind(&r.werkstatt_id)
        .bind(&r.runde_id)
        .bind(&r.korrekturen)
        .bind(r.top_n)
        .bind(&r.vertiefung)
        .bind(now_ms())
        .bind(expected)
        .execute(p)
        .await?
        .rows_affected()
        });
        let now = self
            .rangfolge(&r.werkstatt_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        if n == 0 || (expected == 0 && now.version != 1) {
            return Err(StoreError::VersionConflict { current: now.version });
        }
        Ok(now)
    }
}
