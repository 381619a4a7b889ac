//! Teilnehmende of a Werkstatt.

use serde::Serialize;
use werkstatt_core::teilnehmende::NeueTeilnehmende;

use crate::ids::{new_id, now_ms};
use crate::{Db, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Teilnehmende {
    pub id: String,
    pub werkstatt_id: String,
    pub name: String,
    pub sektor: String,
    pub kommune_id: Option<String>,
}

impl Db {
    /// Adds a participant; the Kommune, if named, must take part in this Werkstatt.
    pub async fn add_teilnehmende(&self, werkstatt_id: &str, t: &NeueTeilnehmende) -> Result<Teilnehmende> {
        if let Some(k) = &t.kommune_id {
            let ok = self
                .werkstatt_kommunen(werkstatt_id)
                .await?
                .iter()
                .any(|x| &x.id == k);
            if !ok {
                return Err(StoreError::Domain(
                    werkstatt_core::FieldError::new("kommune_id", "err-unknown-kommune").into(),
                ));
            }
        }
        let id = new_id();
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO teilnehmende (id, werkstatt_id, name, sektor, kommune_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(&id)
        .bind(werkstatt_id)
        .bind(&t.name)
        .bind(t.sektor.slug())
        .bind(&t.kommune_id)
        .bind(now_ms())
        .execute(p)
        .await?
        .rows_affected()
        });
        self.teilnehmende_one(werkstatt_id, &id).await
    }

    pub async fn teilnehmende_one(&self, werkstatt_id: &str, id: &str) -> Result<Teilnehmende> {
        read!(self, |p| sqlx::query_as(
            "SELECT id, werkstatt_id, name, sektor, kommune_id FROM teilnehmende WHERE werkstatt_id = $1 AND id = $2"
        )
        .bind(werkstatt_id)
        .bind(id)
        .fetch_optional(p)
        .await?)
        .ok_or(StoreError::NotFound)
    }

    pub async fn teilnehmende(&self, werkstatt_id: &str) -> Result<Vec<Teilnehmende>> {
        Ok(read!(self, |p| {
            sqlx::query_as(
            "SELECT id, werkstatt_id, name, sektor, kommune_id FROM teilnehmende WHERE werkstatt_id = $1 ORDER BY created_at, id"
        )
        .bind(werkstatt_id)
        .fetch_all(p)
        .await?
        }))
    }
}
