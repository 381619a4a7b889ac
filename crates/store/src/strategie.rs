//! The Digitalstrategie of a Werkstatt: free texts, Organigramm and next steps in one row
//! with an optimistic version, and the generated versions as document snapshots.

use serde::Serialize;
use werkstatt_core::strategie::Dokument;
use werkstatt_core::strategie::organigramm::Organigramm;
use werkstatt_core::strategie::schritte::Schritt;
use werkstatt_core::strategie::texte::Freitexte;
use werkstatt_core::strategie::version::VersionStatus;

use crate::ids::{new_id, now_ms};
use crate::{Db, Result, StoreError};

/// What a Werkstatt has edited; `None` means the proposal is in effect. `version` 0: never
/// edited (no row yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StrategieDaten {
    pub texte: Freitexte,
    pub organigramm: Option<Organigramm>,
    pub schritte: Option<Vec<Schritt>>,
    pub version: i64,
}

/// A stored version without its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionKopf {
    pub id: String,
    pub nummer: i64,
    pub status: VersionStatus,
    /// `YYYY-MM-DD` when adopted.
    pub beschlossen_am: Option<String>,
    pub notiz: String,
    pub created_at: i64,
}

fn decode<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| StoreError::Db(sqlx::Error::Decode(Box::new(e))))
}

fn encode<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Io(std::io::Error::other(e)))
}

type KopfZeile = (String, i64, String, Option<String>, String, i64);
type VersionZeile = (String, i64, String, Option<String>, String, i64, String);

fn kopf(z: KopfZeile) -> Result<VersionKopf> {
    let (id, nummer, status, beschlossen_am, notiz, created_at) = z;
    Ok(VersionKopf {
        id,
        nummer,
        status: VersionStatus::parse("status", &status).map_err(|e| StoreError::Domain(e.into()))?,
        beschlossen_am,
        notiz,
        created_at,
    })
}

impl Db {
    /// The edited parts of a Werkstatt's strategy (defaults when never edited).
    pub async fn strategie(&self, werkstatt_id: &str) -> Result<StrategieDaten> {
        let z: Option<(String, Option<String>, Option<String>, i64)> = read!(self, |p| sqlx::query_as(
            "SELECT texte, organigramm, schritte, version FROM strategien WHERE werkstatt_id = $1"
        )
        .bind(werkstatt_id)
        .fetch_optional(p)
        .await?);
        let Some((texte, organigramm, schritte, version)) = z else {
            return Ok(StrategieDaten::default());
        };
        Ok(StrategieDaten {
            texte: decode(&texte)?,
            organigramm: organigramm.as_deref().map(decode).transpose()?,
            schritte: schritte.as_deref().map(decode).transpose()?,
            version,
        })
    }

    /// Saves the strategy if nobody changed it since `d.version` (`VersionConflict`
    /// otherwise); returns it with the new version.
    pub async fn save_strategie(&self, werkstatt_id: &str, d: &StrategieDaten) -> Result<StrategieDaten> {
        let texte = encode(&d.texte)?;
        let organigramm = d.organigramm.as_ref().map(encode).transpose()?;
        let schritte = d.schritte.as_ref().map(encode).transpose()?;
        let now = now_ms();
        let n = if d.version == 0 {
            write!(self, |p| sqlx::query(
                "INSERT INTO strategien (werkstatt_id, texte, organigramm, schritte, version, updated_at) \
                 VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT (werkstatt_id) DO NOTHING"
            )
            .bind(werkstatt_id)
            .bind(&texte)
            .bind(&organigramm)
            .bind(&schritte)
            .bind(now)
            .execute(p)
            .await?
            .rows_affected())
        } else {
            write!(self, |p| sqlx::query(
                "UPDATE strategien SET texte = $2, organigramm = $3, schritte = $4, version = version + 1, \
                 updated_at = $5 WHERE werkstatt_id = $1 AND version = $6"
            )
            .bind(werkstatt_id)
            .bind(&texte)
            .bind(&organigramm)
            .bind(&schritte)
            .bind(now)
            .bind(d.version)
            .execute(p)
            .await?
            .rows_affected())
        };
        let nachher = self.strategie(werkstatt_id).await?;
        if n == 0 {
            return Err(StoreError::VersionConflict {
                current: nachher.version,
            });
        }
        Ok(nachher)
    }

    /// The generated versions, newest first.
    pub async fn strategie_versionen(&self, werkstatt_id: &str) -> Result<Vec<VersionKopf>> {
        let z: Vec<KopfZeile> = read!(self, |p| sqlx::query_as(
            "SELECT id, nummer, status, beschlossen_am, notiz, created_at FROM strategie_versionen \
             WHERE werkstatt_id = $1 ORDER BY nummer DESC"
        )
        .bind(werkstatt_id)
        .fetch_all(p)
        .await?);
        z.into_iter().map(kopf).collect()
    }

    /// One version with its document.
    pub async fn strategie_version(
        &self,
        werkstatt_id: &str,
        nummer: i64,
    ) -> Result<(VersionKopf, Dokument)> {
        let z: Option<VersionZeile> = read!(self, |p| {
            sqlx::query_as(
            "SELECT id, nummer, status, beschlossen_am, notiz, created_at, dokument FROM strategie_versionen \
             WHERE werkstatt_id = $1 AND nummer = $2"
        )
        .bind(werkstatt_id)
        .bind(nummer)
        .fetch_optional(p)
        .await?
        });
        let (id, nummer, status, beschlossen_am, notiz, created_at, dokument) =
            z.ok_or(StoreError::NotFound)?;
        Ok((
            kopf((id, nummer, status, beschlossen_am, notiz, created_at))?,
            decode(&dokument)?,
        ))
    }

    /// Stores a new version with the next number.
    pub async fn create_strategie_version(
        &self,
        werkstatt_id: &str,
        status: VersionStatus,
        beschlossen_am: Option<&str>,
        notiz: &str,
        dokument: &Dokument,
    ) -> Result<VersionKopf> {
        let json = encode(dokument)?;
        // Two facilitators may generate at once: the unique (werkstatt_id, nummer) makes
        // the second insert fail, and it takes the next number.
        for _ in 0..5 {
            let id = new_id();
            let n = write!(self, |p| {
                sqlx::query(
                "INSERT INTO strategie_versionen (id, werkstatt_id, nummer, status, beschlossen_am, notiz, dokument, created_at) \
                 SELECT $1, $2, COALESCE(MAX(nummer), 0) + 1, $3, $4, $5, $6, $7 FROM strategie_versionen WHERE werkstatt_id = $2 \
                 ON CONFLICT DO NOTHING"
            )
            .bind(&id)
            .bind(werkstatt_id)
            .bind(status.slug())
            .bind(beschlossen_am)
            .bind(notiz)
            .bind(&json)
            .bind(now_ms())
            .execute(p)
            .await?
            .rows_affected()
            });
            if n == 1 {
                let z: KopfZeile = read!(self, |p| {
                    sqlx::query_as(
                    "SELECT id, nummer, status, beschlossen_am, notiz, created_at FROM strategie_versionen WHERE id = $1"
                )
                .bind(&id)
                .fetch_one(p)
                .await?
                });
                return kopf(z);
            }
        }
        Err(StoreError::VersionConflict { current: 0 })
    }

    /// Changes the status of a version (e.g. adopted on a date).
    pub async fn set_strategie_version_status(
        &self,
        werkstatt_id: &str,
        nummer: i64,
        status: VersionStatus,
        beschlossen_am: Option<&str>,
    ) -> Result<()> {
        let n = write!(self, |p| {
            sqlx::query(
            "UPDATE strategie_versionen SET status = $3, beschlossen_am = $4 WHERE werkstatt_id = $1 AND nummer = $2"
        )
        .bind(werkstatt_id)
        .bind(nummer)
        .bind(status.slug())
        .bind(beschlossen_am)
        .execute(p)
        .await?
        .rows_affected()
        });
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }
}
