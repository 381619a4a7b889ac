//! Werkstätten, their Kommunen, facilitators and phase.

use serde::Serialize;
use werkstatt_core::handlungsfeld::STANDARD_FELDER;
use werkstatt_core::join_code::JoinCode;
use werkstatt_core::werkstatt::{NeueWerkstatt, Phase, format_datum};

use crate::ids::{new_id, now_ms, random_bytes};
use crate::kommunen::Kommune;
use crate::{Db, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Werkstatt {
    pub id: String,
    pub titel: String,
    pub datum: String,
    pub ort: String,
    pub phase: String,
    pub join_code: String,
    #[serde(skip)]
    pub observer_code: String,
    pub version: i64,
    /// Participants cannot change anything while the facilitator has locked editing.
    pub gesperrt: bool,
    pub timer_titel: Option<String>,
    /// When a running timer ends (Unix ms).
    pub timer_ende: Option<i64>,
    /// The rest of a paused timer (ms).
    pub timer_rest: Option<i64>,
    /// The agenda of the day (JSON array of {zeit, titel}).
    pub agenda: String,
}

impl Werkstatt {
    pub fn phase(&self) -> Phase {
        Phase::parse("phase", &self.phase).unwrap_or(Phase::Vorbereitung)
    }

    pub fn join_code_display(&self) -> String {
        JoinCode::parse("code", &self.join_code)
            .map(|c| c.display())
            .unwrap_or_else(|_| self.join_code.clone())
    }
}

const COLS: &str = "id, titel, datum, ort, phase, join_code, observer_code, version, gesperrt, timer_titel, \
                    timer_ende, timer_rest, agenda";

impl Db {
    /// Creates a Werkstatt with its Kommunen and the nine standard fields; `creator`
    /// becomes its first facilitator. Everything is written in one transaction.
    pub async fn create_werkstatt(&self, w: &NeueWerkstatt, creator: Option<&str>) -> Result<Werkstatt> {
        for k in &w.kommunen {
            self.kommune(k).await.map_err(|e| match e {
                StoreError::NotFound => StoreError::Domain(
                    werkstatt_core::FieldError::new("kommunen", "err-unknown-kommune").into(),
                ),
                e => e,
            })?;
        }
        let id = new_id();
        let now = now_ms();
        let join = JoinCode::from_random(random_bytes());
        let observer = crate::ids::new_secret();
        write!(self, |p| {
            let mut tx = p.begin().await?;
            sqlx::query(
                "INSERT INTO werkstaetten (id, titel, datum, ort, phase, join_code, observer_code, created_by, created_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)",
            )
            .bind(&id)
            .bind(&w.titel)
            .bind(format_datum(w.datum))
            .bind(&w.ort)
            .bind(Phase::Vorbereitung.slug())
            .bind(join.as_str())
            .bind(&observer)
            .bind(creator)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            for (i, k) in w.kommunen.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO werkstatt_kommunen (werkstatt_id, kommune_id, position) VALUES ($1, $2, $3)",
                )
                .bind(&id)
                .bind(k)
                .bind(i as i64)
                .execute(&mut *tx)
                .await?;
            }
            if let Some(u) = creator {
                sqlx::query("INSERT INTO werkstatt_moderation (werkstatt_id, user_id) VALUES ($1, $2)")
                    .bind(&id)
                    .bind(u)
                    .execute(&mut *tx)
                    .await?;
            }
            for (i, f) in STANDARD_FELDER.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO felder (id, werkstatt_id, slug, name, beschreibung, position, gewaehlt, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7)",
                )
                .bind(new_id())
                .bind(&id)
                .bind(f.slug)
                .bind(f.name)
                .bind(f.beschreibung)
                .bind(i as i64)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        self.werkstatt(&id).await
    }

    pub async fn werkstatt(&self, id: &str) -> Result<Werkstatt> {
        read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM werkstaetten WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(p)
        .await?)
        .ok_or(StoreError::NotFound)
    }

    pub async fn werkstatt_by_join_code(&self, code: &JoinCode) -> Result<Werkstatt> {
        read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM werkstaetten WHERE join_code = $1"
        )))
        .bind(code.as_str())
        .fetch_optional(p)
        .await?)
        .ok_or(StoreError::NotFound)
    }

    pub async fn werkstatt_by_observer_code(&self, code: &str) -> Result<Werkstatt> {
        read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM werkstaetten WHERE observer_code = $1"
        )))
        .bind(code)
        .fetch_optional(p)
        .await?)
        .ok_or(StoreError::NotFound)
    }

    /// All Werkstätten (for admins), newest first.
    pub async fn werkstaetten(&self) -> Result<Vec<Werkstatt>> {
        Ok(read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM werkstaetten ORDER BY datum DESC, created_at DESC"
        )))
        .fetch_all(p)
        .await?))
    }

    /// The Werkstätten a facilitator moderates.
    pub async fn werkstaetten_of(&self, user_id: &str) -> Result<Vec<Werkstatt>> {
        Ok(read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM werkstaetten WHERE id IN \
             (SELECT werkstatt_id FROM werkstatt_moderation WHERE user_id = $1) \
             ORDER BY datum DESC, created_at DESC"
        )))
        .bind(user_id)
        .fetch_all(p)
        .await?))
    }

    pub async fn is_moderator(&self, werkstatt_id: &str, user_id: &str) -> Result<bool> {
        let n: i64 = read!(self, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM werkstatt_moderation WHERE werkstatt_id = $1 AND user_id = $2"
        )
        .bind(werkstatt_id)
        .bind(user_id)
        .fetch_one(p)
        .await?);
        Ok(n > 0)
    }

    pub async fn add_moderator(&self, werkstatt_id: &str, user_id: &str) -> Result<()> {
        write!(self, |p| sqlx::query(
            "INSERT INTO werkstatt_moderation (werkstatt_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        )
        .bind(werkstatt_id)
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// The participating Kommunen of a Werkstatt, in order.
    pub async fn werkstatt_kommunen(&self, werkstatt_id: &str) -> Result<Vec<Kommune>> {
        Ok(read!(self, |p| sqlx::query_as(
            "SELECT k.id, k.name, k.art, k.ags, k.ars, k.einwohner, k.parent_id \
             FROM kommunen k JOIN werkstatt_kommunen wk ON wk.kommune_id = k.id \
             WHERE wk.werkstatt_id = $1 ORDER BY wk.position"
        )
        .bind(werkstatt_id)
        .fetch_all(p)
        .await?))
    }

    /// Moves the phase from `from` to `to`; fails with a conflict if someone moved it meanwhile.
    pub async fn set_phase(&self, werkstatt_id: &str, from: Phase, to: Phase) -> Result<Werkstatt> {
        let n = write!(self, |p| sqlx::query(
            "UPDATE werkstaetten SET phase = $3, version = version + 1 WHERE id = $1 AND phase = $2"
        )
        .bind(werkstatt_id)
        .bind(from.slug())
        .bind(to.slug())
        .execute(p)
        .await?
        .rows_affected());
        let w = self.werkstatt(werkstatt_id).await?;
        if n == 0 {
            return Err(StoreError::VersionConflict { current: w.version });
        }
        Ok(w)
    }

    /// Locks or unlocks editing for participants.
    pub async fn set_gesperrt(&self, werkstatt_id: &str, gesperrt: bool) -> Result<Werkstatt> {
        write!(self, |p| sqlx::query(
            "UPDATE werkstaetten SET gesperrt = $2, version = version + 1 WHERE id = $1"
        )
        .bind(werkstatt_id)
        .bind(gesperrt)
        .execute(p)
        .await?
        .rows_affected());
        self.werkstatt(werkstatt_id).await
    }

    /// Sets the timer: running until `ende`, paused with `rest` left, or off (both `None`).
    pub async fn set_timer(
        &self,
        werkstatt_id: &str,
        titel: Option<&str>,
        ende: Option<i64>,
        rest: Option<i64>,
    ) -> Result<Werkstatt> {
        write!(self, |p| {
            sqlx::query(
            "UPDATE werkstaetten SET timer_titel = $2, timer_ende = $3, timer_rest = $4, version = version + 1 WHERE id = $1"
        )
        .bind(werkstatt_id)
        .bind(titel)
        .bind(ende)
        .bind(rest)
        .execute(p)
        .await?
        .rows_affected()
        });
        self.werkstatt(werkstatt_id).await
    }

    /// Replaces the agenda of the day (JSON, validated by the caller).
    pub async fn set_agenda(&self, werkstatt_id: &str, agenda: &str) -> Result<Werkstatt> {
        write!(self, |p| sqlx::query(
            "UPDATE werkstaetten SET agenda = $2, version = version + 1 WHERE id = $1"
        )
        .bind(werkstatt_id)
        .bind(agenda)
        .execute(p)
        .await?
        .rows_affected());
        self.werkstatt(werkstatt_id).await
    }
}
