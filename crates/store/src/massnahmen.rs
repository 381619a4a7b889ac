//! Maßnahmen, with optimistic versioning so that no edit silently overwrites another.

use serde::Serialize;
use werkstatt_core::grenzen;
use werkstatt_core::massnahme::MassnahmeDaten;

use crate::ids::{new_id, now_ms};
use crate::{Db, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Massnahme {
    pub id: String,
    pub werkstatt_id: String,
    pub feld_id: String,
    pub titel: String,
    pub beschreibung: String,
    pub umsetzung: String,
    pub monate: Option<i64>,
    pub aufwand: Option<i64>,
    pub nutzen: Option<i64>,
    pub federfuehrung: String,
    pub status: String,
    pub steckbrief_id: Option<String>,
    pub proxy: bool,
    pub version: i64,
}

pub(crate) const COLS: &str = "id, werkstatt_id, feld_id, titel, beschreibung, umsetzung, monate, aufwand, nutzen, \
                    federfuehrung, status, steckbrief_id, proxy, version";

/// Who writes a new Maßnahme, and how.
#[derive(Debug, Clone, Default)]
pub struct Herkunft {
    pub created_by: Option<String>,
    /// Entered by the facilitator from a paper card.
    pub proxy: bool,
    pub steckbrief_id: Option<String>,
    /// The author is a participant, whose own limit of Maßnahmen applies.
    pub teilnehmende: bool,
}

/// Counts what the limits of `werkstatt_core::grenzen` look at, on the connection of the
/// writing transaction (without the Maßnahme `ohne`, the one being changed).
const BESTAND: &str = "SELECT COUNT(*),      COALESCE(SUM(CASE WHEN created_by = $2 AND proxy = FALSE THEN 1 ELSE 0 END), 0),      COALESCE(SUM(CASE WHEN id = $3 THEN 0 ELSE LENGTH(titel) + LENGTH(beschreibung) END), 0)      FROM massnahmen WHERE werkstatt_id = $1";

/// Takes the Werkstatt's row lock (PostgreSQL) so that concurrent writers of one Werkstatt
/// count one after another; on SQLite the single writer connection already serialises.
const SPERRE: &str = "UPDATE werkstaetten SET id = id WHERE id = $1";

impl Db {
    pub async fn create_massnahme(
        &self,
        werkstatt_id: &str,
        feld_id: &str,
        m: &MassnahmeDaten,
        herkunft: &Herkunft,
    ) -> Result<Massnahme> {
        self.feld(werkstatt_id, feld_id).await?;
        let id = new_id();
        let now = now_ms();
        let person = herkunft.created_by.as_deref().filter(|_| herkunft.teilnehmende);
        write!(self, |p| {
            let mut tx = p.begin().await?;
            sqlx::query(SPERRE).bind(werkstatt_id).execute(&mut *tx).await?;
            let (anzahl, eigene, zeichen): (i64, i64, i64) = sqlx::query_as(BESTAND)
                .bind(werkstatt_id)
                .bind(person)
                .bind("")
                .fetch_one(&mut *tx)
                .await?;
            let bestand = grenzen::MassnahmenBestand {
                anzahl,
                eigene: person.map(|_| eigene),
                zeichen,
            };
            grenzen::neue_massnahme(bestand, grenzen::zeichen(&m.titel, &m.beschreibung))
                .map_err(|e| StoreError::from(werkstatt_core::FieldErrors::from(e)))?;
            sqlx::query(
            "INSERT INTO massnahmen (id, werkstatt_id, feld_id, titel, beschreibung, umsetzung, monate, aufwand, nutzen, \
             federfuehrung, status, steckbrief_id, proxy, created_by, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1, $15, $15)"
        )
        .bind(&id)
        .bind(werkstatt_id)
        .bind(feld_id)
        .bind(&m.titel)
        .bind(&m.beschreibung)
        .bind(m.umsetzung.slug())
        .bind(m.monate)
        .bind(m.aufwand)
        .bind(m.nutzen)
        .bind(&m.federfuehrung)
        .bind(m.status.slug())
        .bind(&herkunft.steckbrief_id)
        .bind(herkunft.proxy)
        .bind(&herkunft.created_by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
            tx.commit().await?;
        });
        self.massnahme(werkstatt_id, &id).await
    }

    pub async fn massnahme(&self, werkstatt_id: &str, id: &str) -> Result<Massnahme> {
        read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM massnahmen WHERE werkstatt_id = $1 AND id = $2"
        )))
        .bind(werkstatt_id)
        .bind(id)
        .fetch_optional(p)
        .await?)
        .ok_or(StoreError::NotFound)
    }

    /// All Maßnahmen of a Werkstatt in the order they were written.
    pub async fn massnahmen(&self, werkstatt_id: &str) -> Result<Vec<Massnahme>> {
        Ok(read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM massnahmen WHERE werkstatt_id = $1 ORDER BY created_at, id"
        )))
        .bind(werkstatt_id)
        .fetch_all(p)
        .await?))
    }

    pub async fn massnahmen_of_feld(&self, werkstatt_id: &str, feld_id: &str) -> Result<Vec<Massnahme>> {
        Ok(read!(self, |p| sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM massnahmen WHERE werkstatt_id = $1 AND feld_id = $2 ORDER BY created_at, id"
        )))
        .bind(werkstatt_id)
        .bind(feld_id)
        .fetch_all(p)
        .await?))
    }

    /// Updates a Maßnahme. With `expected` set, only if nobody changed it since that version.
    pub async fn update_massnahme(
        &self,
        werkstatt_id: &str,
        id: &str,
        m: &MassnahmeDaten,
        expected: Option<i64>,
    ) -> Result<Massnahme> {
        let current = self.massnahme(werkstatt_id, id).await?;
        let expected = expected.unwrap_or(current.version);
        let n = write!(self, |p| {
            let mut tx = p.begin().await?;
            sqlx::query(SPERRE).bind(werkstatt_id).execute(&mut *tx).await?;
            let (_, _, zeichen): (i64, i64, i64) = sqlx::query_as(BESTAND)
                .bind(werkstatt_id)
                .bind(None::<&str>)
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            let bestand = grenzen::MassnahmenBestand {
                zeichen,
                ..Default::default()
            };
            grenzen::geaenderte_massnahme(bestand, grenzen::zeichen(&m.titel, &m.beschreibung))
                .map_err(|e| StoreError::from(werkstatt_core::FieldErrors::from(e)))?;
            let n = sqlx::query(
            "UPDATE massnahmen SET titel = $3, beschreibung = $4, umsetzung = $5, monate = $6, aufwand = $7, nutzen = $8, \
             federfuehrung = $9, status = $10, version = version + 1, updated_at = $11 \
             WHERE werkstatt_id = $1 AND id = $2 AND version = $12"
        )
        .bind(werkstatt_id)
        .bind(id)
        .bind(&m.titel)
        .bind(&m.beschreibung)
        .bind(m.umsetzung.slug())
        .bind(m.monate)
        .bind(m.aufwand)
        .bind(m.nutzen)
        .bind(&m.federfuehrung)
        .bind(m.status.slug())
        .bind(now_ms())
        .bind(expected)
        .execute(&mut *tx)
        .await?
        .rows_affected();
            tx.commit().await?;
            n
        });
        let after = self.massnahme(werkstatt_id, id).await?;
        if n == 0 {
            return Err(StoreError::VersionConflict {
                current: after.version,
            });
        }
        Ok(after)
    }

    pub async fn delete_massnahme(&self, werkstatt_id: &str, id: &str) -> Result<()> {
        let n = write!(self, |p| sqlx::query(
            "DELETE FROM massnahmen WHERE werkstatt_id = $1 AND id = $2"
        )
        .bind(werkstatt_id)
        .bind(id)
        .execute(p)
        .await?
        .rows_affected());
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// The number of Maßnahmen per field (for overviews, without loading them).
    pub async fn massnahmen_je_feld(
        &self,
        werkstatt_id: &str,
    ) -> Result<std::collections::HashMap<String, i64>> {
        let rows: Vec<(String, i64)> = read!(self, |p| sqlx::query_as(
            "SELECT feld_id, COUNT(*) FROM massnahmen WHERE werkstatt_id = $1 GROUP BY feld_id"
        )
        .bind(werkstatt_id)
        .fetch_all(p)
        .await?);
        Ok(rows.into_iter().collect())
    }
}
