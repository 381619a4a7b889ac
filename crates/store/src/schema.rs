//! A description of the live schema, used to prove both backends have the same tables.

use crate::{Db, Result};

/// `(table, column, nullable)` for every column of the application tables, sorted.
pub async fn columns(db: &Db) -> Result<Vec<(String, String, bool)>> {
    let mut cols: Vec<(String, String, bool)> = match db {
        Db::Sqlite(s) => {
            let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
                "SELECT m.name, p.name, p.\"notnull\", p.pk FROM sqlite_master m, pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\'",
            )
            .fetch_all(&s.read)
            .await?;
            // A primary-key column is NOT NULL in PostgreSQL even when SQLite does not say so.
            rows.into_iter()
                .map(|(t, c, nn, pk)| (t, c, nn == 0 && pk == 0))
                .collect()
        }
        Db::Postgres(p) => {
            let rows: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT table_name::text, column_name::text, is_nullable::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx%'",
            )
            .fetch_all(p)
            .await?;
            rows.into_iter().map(|(t, c, n)| (t, c, n == "YES")).collect()
        }
    };
    cols.sort();
    Ok(cols)
}
