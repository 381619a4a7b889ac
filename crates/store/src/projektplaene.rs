//! Projektpläne: one plan per Maßnahme selected for the Vertiefung, stored as one JSON
//! document with an optimistic version, so that no edit silently overwrites another.
//!
//! The store does not validate a plan it saves (the service does, with
//! [`Projektplan`]'s checks); [`Db::import_plan`] does, as its input comes from a file.

use serde::{Deserialize, Serialize};
use werkstatt_core::planung::projektplan::Projektplan;

use crate::ids::now_ms;
use crate::{Db, Result, StoreError};

/// A stored plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub massnahme_id: String,
    pub werkstatt_id: String,
    pub daten: Projektplan,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One plan as it travels in the Werkstatt bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanExport {
    /// The Maßnahme's id in the exporting Werkstatt.
    pub massnahme_id: String,
    pub plan: Projektplan,
}

type Zeile = (String, String, String, i64, i64, i64);

const COLS: &str = "massnahme_id, werkstatt_id, daten, version, created_at, updated_at";

const INSERT: &str = "INSERT INTO projektplaene (massnahme_id, werkstatt_id, daten, version, created_at, updated_at) \
                      VALUES ($1, $2, $3, 1, $4, $4) ON CONFLICT (massnahme_id) DO NOTHING";

fn lesen(z: Zeile) -> Result<Plan> {
    let (massnahme_id, werkstatt_id, daten, version, created_at, updated_at) = z;
    let daten: Projektplan =
        serde_json::from_str(&daten).map_err(|e| StoreError::Db(sqlx::Error::Decode(Box::new(e))))?;
    Ok(Plan {
        massnahme_id,
        werkstatt_id,
        daten,
        version,
        created_at,
        updated_at,
    })
}

fn json(p: &Projektplan) -> Result<String> {
    serde_json::to_string(p).map_err(|e| StoreError::Io(std::io::Error::other(e)))
}

/// Inserts a plan within a transaction that someone else holds, e.g. the bundle import:
/// implemented for the connections of both backends, so the body of a `write!` block may
/// call `tx.plan_einfuegen(…)` (through `&mut *tx`). Returns whether a row was written
/// (`false`: the Maßnahme already has a plan). The caller checks the plan and that the
/// Maßnahme belongs to the Werkstatt.
pub trait PlanEinfuegen {
    fn plan_einfuegen(
        &mut self,
        werkstatt_id: &str,
        massnahme_id: &str,
        plan: &Projektplan,
        jetzt: i64,
    ) -> impl std::future::Future<Output = Result<bool>> + Send;
}

macro_rules! plan_einfuegen_fuer {
    ($t:ty) => {
        impl PlanEinfuegen for $t {
            async fn plan_einfuegen(
                &mut self,
                werkstatt_id: &str,
                massnahme_id: &str,
                plan: &Projektplan,
                jetzt: i64,
            ) -> Result<bool> {
                let daten = json(plan)?;
                let n = sqlx::query(INSERT)
                    .bind(massnahme_id)
                    .bind(werkstatt_id)
                    .bind(daten)
                    .bind(jetzt)
                    .execute(&mut *self)
                    .await?
                    .rows_affected();
                Ok(n == 1)
            }
        }
    };
}

plan_einfuegen_fuer!(sqlx::SqliteConnection);
plan_einfuegen_fuer!(sqlx::PgConnection);

impl Db {
    /// The plan of a Maßnahme of this Werkstatt.
    pub async fn plan(&self, werkstatt_id: &str, massnahme_id: &str) -> Result<Plan> {
        let z: Option<Zeile> = read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM projektplaene WHERE werkstatt_id = $1 AND massnahme_id = $2"
        )))
        .bind(werkstatt_id)
        .bind(massnahme_id)
        .fetch_optional(p)
        .await?);
        lesen(z.ok_or(StoreError::NotFound)?)
    }

    /// All plans of a Werkstatt, in the order they were created.
    pub async fn plaene(&self, werkstatt_id: &str) -> Result<Vec<Plan>> {
        let z: Vec<Zeile> = read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM projektplaene WHERE werkstatt_id = $1 ORDER BY created_at, massnahme_id"
        )))
        .bind(werkstatt_id)
        .fetch_all(p)
        .await?);
        z.into_iter().map(lesen).collect()
    }

    /// Creates an empty plan for a Maßnahme of this Werkstatt (selects it for the
    /// Vertiefung). `NotFound` when the Maßnahme is not one of the Werkstatt;
    /// `Duplicate("massnahme_id")` when it has a plan already.
    pub async fn create_plan(&self, werkstatt_id: &str, massnahme_id: &str) -> Result<Plan> {
        self.insert_plan(werkstatt_id, massnahme_id, &Projektplan::default())
            .await
    }

    async fn insert_plan(&self, werkstatt_id: &str, massnahme_id: &str, plan: &Projektplan) -> Result<Plan> {
        self.massnahme(werkstatt_id, massnahme_id).await?;
        let now = now_ms();
        let neu = write!(self, |p| {
            let mut c = p.acquire().await?;
            c.plan_einfuegen(werkstatt_id, massnahme_id, plan, now).await?
        });
        if !neu {
            return Err(StoreError::Duplicate("massnahme_id"));
        }
        self.plan(werkstatt_id, massnahme_id).await
    }

    /// Saves a plan. With `expected` set, only if nobody changed it since that version
    /// (`VersionConflict` with the current version otherwise).
    pub async fn save_plan(
        &self,
        werkstatt_id: &str,
        massnahme_id: &str,
        daten: &Projektplan,
        expected: Option<i64>,
    ) -> Result<Plan> {
        let current = self.plan(werkstatt_id, massnahme_id).await?;
        let expected = expected.unwrap_or(current.version);
        let daten = json(daten)?;
        let n = write!(self, |p| sqlx::query(
            "UPDATE projektplaene SET daten = $3, version = version + 1, updated_at = $4 \
             WHERE werkstatt_id = $1 AND massnahme_id = $2 AND version = $5"
        )
        .bind(werkstatt_id)
        .bind(massnahme_id)
        .bind(&daten)
        .bind(now_ms())
        .bind(expected)
        .execute(p)
        .await?
        .rows_affected());
        let after = self.plan(werkstatt_id, massnahme_id).await?;
        if n == 0 {
            return Err(StoreError::VersionConflict {
                current: after.version,
            });
        }
        Ok(after)
    }

    /// Removes a plan (the Maßnahme is no longer in the Vertiefung).
    pub async fn delete_plan(&self, werkstatt_id: &str, massnahme_id: &str) -> Result<()> {
        let n = write!(self, |p| sqlx::query(
            "DELETE FROM projektplaene WHERE werkstatt_id = $1 AND massnahme_id = $2"
        )
        .bind(werkstatt_id)
        .bind(massnahme_id)
        .execute(p)
        .await?
        .rows_affected());
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// Every plan of a Werkstatt for the bundle, in the order they were created.
    pub async fn export_plaene(&self, werkstatt_id: &str) -> Result<Vec<PlanExport>> {
        Ok(self
            .plaene(werkstatt_id)
            .await?
            .into_iter()
            .map(|p| PlanExport {
                massnahme_id: p.massnahme_id,
                plan: p.daten,
            })
            .collect())
    }

    /// Imports a plan for a Maßnahme of this Werkstatt (its new id after a bundle import)
    /// after checking it with the same rules as any input (`Domain(Invalid)` with paths).
    /// `NotFound` for a Maßnahme of another Werkstatt, `Duplicate` if it has a plan.
    pub async fn import_plan(
        &self,
        werkstatt_id: &str,
        massnahme_id: &str,
        plan: &Projektplan,
    ) -> Result<Plan> {
        plan.check()?;
        self.insert_plan(werkstatt_id, massnahme_id, plan).await
    }
}
