//! The one Ziel of each chosen field, with optimistic versioning.

use serde::Serialize;

use crate::ids::now_ms;
use crate::{Db, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Ziel {
    pub feld_id: String,
    pub werkstatt_id: String,
    pub text: String,
    pub version: i64,
}

impl Db {
    pub async fn ziele(&self, werkstatt_id: &str) -> Result<Vec<Ziel>> {
        Ok(read!(self, |p| sqlx::query_as(
            "SELECT feld_id, werkstatt_id, text, version FROM ziele WHERE werkstatt_id = $1"
        )
        .bind(werkstatt_id)
        .fetch_all(p)
        .await?))
    }

    pub async fn ziel(&self, werkstatt_id: &str, feld_id: &str) -> Result<Option<Ziel>> {
        Ok(read!(self, |p| sqlx::query_as(
            "SELECT feld_id, werkstatt_id, text, version FROM ziele WHERE werkstatt_id = $1 AND feld_id = $2"
        )
        .bind(werkstatt_id)
        .bind(feld_id)
        .fetch_optional(p)
        .await?))
    }

    /// Sets the Ziel of a field. With `expected` set, the write succeeds only if the stored
    /// version is still that one (0 = no Ziel yet); otherwise nobody's text is overwritten.
    pub async fn set_ziel(
        &self,
        werkstatt_id: &str,
        feld_id: &str,
        text: &str,
        expected: Option<i64>,
    ) -> Result<Ziel> {
        self.feld(werkstatt_id, feld_id).await?;
        let now = now_ms();
        let ok = write!(self, |p| {
            let mut tx = p.begin().await?;
            let current: Option<i64> = sqlx::query_scalar("SELECT version FROM ziele WHERE feld_id = $1")
                .bind(feld_id)
                .fetch_optional(&mut *tx)
                .await?;
            let current_v = current.unwrap_or(0);
            if expected.is_some_and(|e| e != current_v) {
                false
            } else {
                let n = sqlx::query(
                    "INSERT INTO ziele (feld_id, werkstatt_id, text, version, updated_at) VALUES ($1, $2, $3, 1, $4) \
                     ON CONFLICT (feld_id) DO UPDATE SET text = excluded.text, version = ziele.version + 1, \
                     updated_at = excluded.updated_at WHERE ziele.version = $5",
                )
                .bind(feld_id)
                .bind(werkstatt_id)
                .bind(text)
                .bind(now)
                .bind(current_v)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                tx.commit().await?;
                n == 1
            }
        });
        let z = self.ziel(werkstatt_id, feld_id).await?;
        match (ok, z) {
            (true, Some(z)) => Ok(z),
            (_, z) => Err(StoreError::VersionConflict {
                current: z.map_or(0, |z| z.version),
            }),
        }
    }
}
