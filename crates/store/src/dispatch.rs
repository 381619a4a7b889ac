//! Runs one query body against whichever backend a [`crate::Db`] holds.
//!
//! The body is expanded once per backend, so `sqlx` sees a concrete pool type in each
//! arm. On SQLite, reads go to the reader pool and writes to the single-connection writer
//! pool, which serialises writers without `SQLITE_BUSY` errors.

macro_rules! read {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::connect::Db::Sqlite(s) => {
                let $pool = &s.read;
                $body
            }
            $crate::connect::Db::Postgres($pool) => $body,
        }
    };
}

macro_rules! write {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::connect::Db::Sqlite(s) => {
                let $pool = &s.write;
                $body
            }
            $crate::connect::Db::Postgres($pool) => $body,
        }
    };
}
