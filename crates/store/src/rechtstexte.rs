//! The legal pages as the administrator wrote them (`werkstatt_core::rechtstexte`).

use werkstatt_core::rechtstexte::Rechtstext;

use crate::ids::now_ms;
use crate::{Db, Result};

impl Db {
    /// The administrator's text of a legal page, if there is one.
    pub async fn rechtstext(&self, art: Rechtstext) -> Result<Option<String>> {
        let row: Option<(String,)> = read!(self, |p| sqlx::query_as(
            "SELECT text FROM rechtstexte WHERE art = $1"
        )
        .bind(art.slug())
        .fetch_optional(p)
        .await?);
        Ok(row.map(|(t,)| t))
    }

    /// Stores the text of a legal page; `None` removes it, so the default shows again.
    pub async fn set_rechtstext(&self, art: Rechtstext, text: Option<&str>) -> Result<()> {
        match text {
            Some(t) => write!(self, |p| sqlx::query(
                "INSERT INTO rechtstexte (art, text, updated_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (art) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at"
            )
            .bind(art.slug())
            .bind(t)
            .bind(now_ms())
            .execute(p)
            .await?
            .rows_affected()),
            None => write!(self, |p| sqlx::query("DELETE FROM rechtstexte WHERE art = $1")
                .bind(art.slug())
                .execute(p)
                .await?
                .rows_affected()),
        };
        Ok(())
    }
}
