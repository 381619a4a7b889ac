//! Kommunen in the database.

use serde::Serialize;
use werkstatt_core::kommune::NeueKommune;

use crate::error::unique;
use crate::ids::{new_id, now_ms};
use crate::{Db, Result};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Kommune {
    pub id: String,
    pub name: String,
    pub art: String,
    pub ags: String,
    pub ars: Option<String>,
    pub einwohner: i64,
    pub parent_id: Option<String>,
}

impl Db {
    pub async fn create_kommune(&self, k: &NeueKommune) -> Result<Kommune> {
        let id = new_id();
        if let Some(p) = &k.parent_id {
            self.kommune(p).await?;
        }
        write!(self, |p| sqlx::query(
            "INSERT INTO kommunen (id, name, art, ags, ars, einwohner, parent_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        .bind(&id)
        .bind(&k.name)
        .bind(k.art.slug())
        .bind(k.ags.as_str())
        .bind(k.ars.as_ref().map(|a| a.as_str()))
        .bind(k.einwohner)
        .bind(&k.parent_id)
        .bind(now_ms())
        .execute(p)
        .await
        .map_err(unique("ags"))?
        .rows_affected());
        self.kommune(&id).await
    }

    pub async fn kommune(&self, id: &str) -> Result<Kommune> {
        read!(self, |p| sqlx::query_as(
            "SELECT id, name, art, ags, ars, einwohner, parent_id FROM kommunen WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(p)
        .await?)
        .ok_or(crate::StoreError::NotFound)
    }

    pub async fn kommunen(&self) -> Result<Vec<Kommune>> {
        Ok(read!(self, |p| sqlx::query_as(
            "SELECT id, name, art, ags, ars, einwohner, parent_id FROM kommunen ORDER BY name, ags"
        )
        .fetch_all(p)
        .await?))
    }
}
