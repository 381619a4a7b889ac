//! Read models: everything one page (or live fragment) shows, read in one call on one
//! connection inside one read transaction, so the page is a consistent snapshot and pays
//! one pool hand-off instead of one per query. Counts come from `GROUP BY`, not from
//! loading rows, so the overview's cost does not grow with the number of Maßnahmen.

use std::collections::{BTreeMap, HashMap};

use crate::felder::{self, Feld};
use crate::kommunen::Kommune;
use crate::massnahmen::{self, Massnahme};
use crate::ziele::Ziel;
use crate::{Db, Result};

/// The list of all Maßnahmen, grouped by field.
#[derive(Debug, Clone, Default)]
pub struct MassnahmenSicht {
    pub felder: Vec<Feld>,
    pub ziele: Vec<Ziel>,
    pub massnahmen: Vec<Massnahme>,
}

/// The overview of a Werkstatt.
#[derive(Debug, Clone, Default)]
pub struct UebersichtSicht {
    pub kommunen: Vec<Kommune>,
    pub felder: Vec<Feld>,
    pub ziele: Vec<Ziel>,
    pub massnahmen_je_feld: HashMap<String, i64>,
    pub gruppen: BTreeMap<String, i64>,
    /// Participants per sector slug.
    pub sektoren: BTreeMap<String, i64>,
}

/// One Arbeitsgruppe: its Ziel and its Maßnahmen.
#[derive(Debug, Clone)]
pub struct GruppenSicht {
    pub feld: Feld,
    pub ziel: Option<Ziel>,
    pub massnahmen: Vec<Massnahme>,
}

const ZIELE: &str = "SELECT feld_id, werkstatt_id, text, version FROM ziele WHERE werkstatt_id = $1";
const KOMMUNEN: &str = "SELECT k.id, k.name, k.art, k.ags, k.ars, k.einwohner, k.parent_id \
     FROM kommunen k JOIN werkstatt_kommunen wk ON wk.kommune_id = k.id \
     WHERE wk.werkstatt_id = $1 ORDER BY wk.position";
const JE_FELD: &str = "SELECT feld_id, COUNT(*) FROM massnahmen WHERE werkstatt_id = $1 GROUP BY feld_id";
const GRUPPEN: &str = "SELECT g.feld_id, COUNT(*) FROM gruppen_mitglieder g JOIN felder f ON f.id = g.feld_id \
     WHERE f.werkstatt_id = $1 GROUP BY g.feld_id";
const SEKTOREN: &str = "SELECT sektor, COUNT(*) FROM teilnehmende WHERE werkstatt_id = $1 GROUP BY sektor";

fn felder_sql() -> String {
    format!(
        "SELECT {} FROM felder WHERE werkstatt_id = $1 ORDER BY position, created_at",
        felder::COLS
    )
}

impl Db {
    pub async fn massnahmen_sicht(&self, werkstatt_id: &str) -> Result<MassnahmenSicht> {
        let alle = format!(
            "SELECT {} FROM massnahmen WHERE werkstatt_id = $1 ORDER BY created_at, id",
            massnahmen::COLS
        );
        Ok(read!(self, |p| {
            let mut tx = p.begin().await?;
            let felder = sqlx::query_as(sqlx::AssertSqlSafe(felder_sql()))
                .bind(werkstatt_id)
                .fetch_all(&mut *tx)
                .await?;
            let ziele = sqlx::query_as(ZIELE)
                .bind(werkstatt_id)
                .fetch_all(&mut *tx)
                .await?;
            let massnahmen = sqlx::query_as(sqlx::AssertSqlSafe(alle))
                .bind(werkstatt_id)
                .fetch_all(&mut *tx)
                .await?;
            tx.commit().await?;
            MassnahmenSicht {
                felder,
                ziele,
                massnahmen,
            }
        }))
    }

    pub async fn uebersicht_sicht(&self, werkstatt_id: &str) -> Result<UebersichtSicht> {
        Ok(read!(self, |p| {
            let mut tx = p.begin().await?;
            let kommunen = sqlx::query_as(KOMMUNEN)
                .bind(werkstatt_id)
                .fetch_all(&mut *tx)
                .await?;
            let felder = sqlx::query_as(sqlx::AssertSqlSafe(felder_sql()))
                .bind(werkstatt_id)
                .fetch_all(&mut *tx)
                .await?;
            let ziele = sqlx::query_as(ZIELE)
                .bind(werkstatt_id)
                .fetch_all(&mut *tx)
                .await?;
            let je_feld: Vec<(String, i64)> = sqlx::query_as(JE_FELD)
                .bind(werkstatt_id)
                .fetch_all(&mut *tx)
                .await?;
            let gruppen: Vec<(String, i64)> = sqlx::query_as(GRUPPEN)
                .bind(werkstatt_id)
                .fetch_all(&mut *tx)
                .await?;
            let sektoren: Vec<(String, i64)> = sqlx::query_as(SEKTOREN)
                .bind(werkstatt_id)
                .fetch_all(&mut *tx)
                .await?;
            tx.commit().await?;
            UebersichtSicht {
                kommunen,
                felder,
                ziele,
                massnahmen_je_feld: je_feld.into_iter().collect(),
                gruppen: gruppen.into_iter().collect(),
                sektoren: sektoren.into_iter().collect(),
            }
        }))
    }

    pub async fn gruppen_sicht(&self, werkstatt_id: &str, feld_id: &str) -> Result<GruppenSicht> {
        let liste = format!(
            "SELECT {} FROM massnahmen WHERE werkstatt_id = $1 AND feld_id = $2 ORDER BY created_at, id",
            massnahmen::COLS
        );
        let feld_sql = format!(
            "SELECT {} FROM felder WHERE werkstatt_id = $1 AND id = $2",
            felder::COLS
        );
        Ok(read!(self, |p| {
            let mut tx = p.begin().await?;
            let feld: Option<Feld> = sqlx::query_as(sqlx::AssertSqlSafe(feld_sql))
                .bind(werkstatt_id)
                .bind(feld_id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(feld) = feld else {
                return Err(crate::StoreError::NotFound);
            };
            let ziel = sqlx::query_as(
                "SELECT feld_id, werkstatt_id, text, version FROM ziele WHERE werkstatt_id = $1 AND feld_id = $2",
            )
            .bind(werkstatt_id)
            .bind(feld_id)
            .fetch_optional(&mut *tx)
            .await?;
            let massnahmen = sqlx::query_as(sqlx::AssertSqlSafe(liste))
                .bind(werkstatt_id)
                .bind(feld_id)
                .fetch_all(&mut *tx)
                .await?;
            tx.commit().await?;
            GruppenSicht {
                feld,
                ziel,
                massnahmen,
            }
        }))
    }
}
