//! Events between instances on PostgreSQL: `NOTIFY` after a change, one `LISTEN`ing
//! connection per process. SQLite runs a single process and needs none of this.

use sqlx::postgres::PgListener;

use crate::{Db, Result};

/// The channel all instances listen on; payloads are small JSON events (ids only).
pub const CHANNEL: &str = "werkstatt_events";

/// What the listener hears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    Payload(String),
    /// The connection dropped; notifications may have been missed meanwhile.
    Lost,
}

pub struct Listener(PgListener);

impl Listener {
    /// Waits for the next notification; reconnects by itself after reporting `Lost`.
    pub async fn next(&mut self) -> Result<Signal> {
        Ok(match self.0.try_recv().await? {
            Some(n) => Signal::Payload(n.payload().to_owned()),
            None => Signal::Lost,
        })
    }
}

impl Db {
    /// A listener for events of other instances (PostgreSQL only).
    pub async fn listener(&self) -> Result<Option<Listener>> {
        match self {
            Db::Postgres(p) => {
                let mut l = PgListener::connect_with(p).await?;
                l.listen(CHANNEL).await?;
                Ok(Some(Listener(l)))
            }
            Db::Sqlite(_) => Ok(None),
        }
    }

    /// Sends an event to every instance, this one included (PostgreSQL only).
    pub async fn notify(&self, payload: &str) -> Result<()> {
        if let Db::Postgres(p) = self {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(payload)
                .execute(p)
                .await?;
        }
        Ok(())
    }
}
