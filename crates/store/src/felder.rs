//! Handlungsfelder of a Werkstatt, the Feldwahl (choice and dot vote) and the Arbeitsgruppen.

use std::collections::BTreeMap;

use serde::Serialize;
use werkstatt_core::grenzen;
use werkstatt_core::handlungsfeld::NeuesFeld;
use werkstatt_core::punktabfrage::Regeln;

use crate::error::unique;
use crate::ids::{new_id, now_ms};
use crate::{Db, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Feld {
    pub id: String,
    pub werkstatt_id: String,
    pub slug: Option<String>,
    pub name: String,
    pub beschreibung: String,
    pub position: i64,
    pub gewaehlt: bool,
}

/// The dot tally of one field.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct FeldErgebnis {
    pub feld_id: String,
    pub punkte: i64,
    pub personen: i64,
}

pub(crate) const COLS: &str = "id, werkstatt_id, slug, name, beschreibung, position, gewaehlt";

impl Db {
    pub async fn felder(&self, werkstatt_id: &str) -> Result<Vec<Feld>> {
        Ok(read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM felder WHERE werkstatt_id = $1 ORDER BY position, created_at"
        )))
        .bind(werkstatt_id)
        .fetch_all(p)
        .await?))
    }

    pub async fn feld(&self, werkstatt_id: &str, feld_id: &str) -> Result<Feld> {
        read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM felder WHERE werkstatt_id = $1 AND id = $2"
        )))
        .bind(werkstatt_id)
        .bind(feld_id)
        .fetch_optional(p)
        .await?)
        .ok_or(StoreError::NotFound)
    }

    /// Adds a field proposed in the room; `teilnehmende` is the proposing participant,
    /// whose own limit applies (`None` for a facilitator). The limits of
    /// `werkstatt_core::grenzen` are checked in the writing transaction.
    pub async fn create_feld(
        &self,
        werkstatt_id: &str,
        f: &NeuesFeld,
        teilnehmende: Option<&str>,
    ) -> Result<Feld> {
        let id = new_id();
        write!(self, |p| {
            let mut tx = p.begin().await?;
            // The Werkstatt's row lock orders concurrent proposals on PostgreSQL.
            sqlx::query("UPDATE werkstaetten SET id = id WHERE id = $1")
                .bind(werkstatt_id)
                .execute(&mut *tx)
                .await?;
            let (eigene, von_person): (i64, i64) = sqlx::query_as(
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN created_by = $2 THEN 1 ELSE 0 END), 0) \
                 FROM felder WHERE werkstatt_id = $1 AND slug IS NULL",
            )
            .bind(werkstatt_id)
            .bind(teilnehmende)
            .fetch_one(&mut *tx)
            .await?;
            grenzen::neues_feld(eigene, teilnehmende.map(|_| von_person))
                .map_err(|e| StoreError::from(werkstatt_core::FieldErrors::from(e)))?;
            sqlx::query(
            "INSERT INTO felder (id, werkstatt_id, slug, name, beschreibung, position, gewaehlt, created_by, created_at) \
             VALUES ($1, $2, NULL, $3, $4, (SELECT COALESCE(MAX(position), 0) + 1 FROM felder WHERE werkstatt_id = $2), FALSE, $5, $6)"
        )
        .bind(&id)
        .bind(werkstatt_id)
        .bind(&f.name)
        .bind(&f.beschreibung)
        .bind(teilnehmende)
        .bind(now_ms())
        .execute(&mut *tx)
        .await
        .map_err(unique("name"))?;
            tx.commit().await?;
        });
        self.feld(werkstatt_id, &id).await
    }

    /// Marks a field as chosen (or not) for the group work.
    pub async fn set_gewaehlt(&self, werkstatt_id: &str, feld_id: &str, gewaehlt: bool) -> Result<Feld> {
        let n = write!(self, |p| sqlx::query(
            "UPDATE felder SET gewaehlt = $3 WHERE werkstatt_id = $1 AND id = $2"
        )
        .bind(werkstatt_id)
        .bind(feld_id)
        .bind(gewaehlt)
        .execute(p)
        .await?
        .rows_affected());
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        self.feld(werkstatt_id, feld_id).await
    }

    /// The dots one participant has set, field id → dots.
    pub async fn meine_feldstimmen(&self, teilnehmende_id: &str) -> Result<BTreeMap<String, u32>> {
        let rows: Vec<(String, i64)> = read!(self, |p| sqlx::query_as(
            "SELECT feld_id, punkte FROM feldstimmen WHERE teilnehmende_id = $1"
        )
        .bind(teilnehmende_id)
        .fetch_all(p)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(f, n)| (f, u32::try_from(n).unwrap_or(0)))
            .collect())
    }

    /// Sets the dots of one participant on one field, atomically against the budget:
    /// two parallel requests of the same person can never exceed it together.
    pub async fn set_feldstimme(
        &self,
        werkstatt_id: &str,
        teilnehmende_id: &str,
        feld_id: &str,
        punkte: u32,
        regeln: Regeln,
    ) -> Result<()> {
        self.feld(werkstatt_id, feld_id).await?;
        write!(self, |p| {
            let mut tx = p.begin().await?;
            // Locks the participant's row (PostgreSQL) so parallel votes queue up; on SQLite
            // the single writer connection already serialises them.
            let n = sqlx::query("UPDATE teilnehmende SET name = name WHERE id = $1 AND werkstatt_id = $2")
                .bind(teilnehmende_id)
                .bind(werkstatt_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            let rows: Vec<(String, i64)> =
                sqlx::query_as("SELECT feld_id, punkte FROM feldstimmen WHERE teilnehmende_id = $1")
                    .bind(teilnehmende_id)
                    .fetch_all(&mut *tx)
                    .await?;
            let bisher: BTreeMap<String, u32> = rows
                .into_iter()
                .map(|(f, n)| (f, u32::try_from(n).unwrap_or(0)))
                .collect();
            regeln
                .pruefe(&bisher, feld_id, punkte)
                .map_err(|e| StoreError::Domain(e.into()))?;
            if punkte == 0 {
                sqlx::query("DELETE FROM feldstimmen WHERE feld_id = $1 AND teilnehmende_id = $2")
                    .bind(feld_id)
                    .bind(teilnehmende_id)
                    .execute(&mut *tx)
                    .await?;
            } else {
                sqlx::query(
                    "INSERT INTO feldstimmen (werkstatt_id, feld_id, teilnehmende_id, punkte) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (feld_id, teilnehmende_id) DO UPDATE SET punkte = excluded.punkte",
                )
                .bind(werkstatt_id)
                .bind(feld_id)
                .bind(teilnehmende_id)
                .bind(i64::from(punkte))
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Dots per field and how many people gave them.
    pub async fn feldwahl_ergebnis(&self, werkstatt_id: &str) -> Result<Vec<FeldErgebnis>> {
        Ok(read!(self, |p| sqlx::query_as(
            "SELECT feld_id, CAST(SUM(punkte) AS BIGINT) AS punkte, COUNT(*) AS personen \
             FROM feldstimmen WHERE werkstatt_id = $1 GROUP BY feld_id"
        )
        .bind(werkstatt_id)
        .fetch_all(p)
        .await?))
    }

    /// How many people have cast at least one dot.
    pub async fn feldwahl_beteiligung(&self, werkstatt_id: &str) -> Result<i64> {
        Ok(read!(self, |p| sqlx::query_scalar(
            "SELECT COUNT(DISTINCT teilnehmende_id) FROM feldstimmen WHERE werkstatt_id = $1"
        )
        .bind(werkstatt_id)
        .fetch_one(p)
        .await?))
    }

    /// Joins a participant to the Arbeitsgruppe of a field (idempotent).
    pub async fn join_gruppe(&self, werkstatt_id: &str, feld_id: &str, teilnehmende_id: &str) -> Result<()> {
        self.feld(werkstatt_id, feld_id).await?;
        write!(self, |p| sqlx::query(
            "INSERT INTO gruppen_mitglieder (feld_id, teilnehmende_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        )
        .bind(feld_id)
        .bind(teilnehmende_id)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Member counts per field.
    pub async fn gruppen_groessen(&self, werkstatt_id: &str) -> Result<BTreeMap<String, i64>> {
        let rows: Vec<(String, i64)> = read!(self, |p| sqlx::query_as(
            "SELECT g.feld_id, COUNT(*) FROM gruppen_mitglieder g JOIN felder f ON f.id = g.feld_id \
             WHERE f.werkstatt_id = $1 GROUP BY g.feld_id"
        )
        .bind(werkstatt_id)
        .fetch_all(p)
        .await?);
        Ok(rows.into_iter().collect())
    }

    /// The participant ids of an Arbeitsgruppe.
    pub async fn gruppe_mitglieder(&self, feld_id: &str) -> Result<Vec<String>> {
        Ok(read!(self, |p| sqlx::query_scalar(
            "SELECT teilnehmende_id FROM gruppen_mitglieder WHERE feld_id = $1"
        )
        .bind(feld_id)
        .fetch_all(p)
        .await?))
    }
}
