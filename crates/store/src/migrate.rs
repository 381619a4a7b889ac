//! Embedded migrations, one folder per backend with the same version numbers.

use std::borrow::Cow;

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

/// `(version, description, sql)`; both lists carry the same versions (a test checks it).
const SQLITE: &[(i64, &str, &str)] = &[
    (1, "init", include_str!("../migrations/sqlite/0001_init.sql")),
    (
        2,
        "katalog",
        include_str!("../migrations/sqlite/0002_katalog.sql"),
    ),
    (
        3,
        "priorisierung",
        include_str!("../migrations/sqlite/0003_priorisierung.sql"),
    ),
    (
        4,
        "projektplaene",
        include_str!("../migrations/sqlite/0004_projektplaene.sql"),
    ),
    (
        5,
        "strategie",
        include_str!("../migrations/sqlite/0005_strategie.sql"),
    ),
    (
        6,
        "grenzen",
        include_str!("../migrations/sqlite/0006_grenzen.sql"),
    ),
    (
        7,
        "rechtstexte",
        include_str!("../migrations/sqlite/0007_rechtstexte.sql"),
    ),
];
const POSTGRES: &[(i64, &str, &str)] = &[
    (1, "init", include_str!("../migrations/postgres/0001_init.sql")),
    (
        2,
        "katalog",
        include_str!("../migrations/postgres/0002_katalog.sql"),
    ),
    (
        3,
        "priorisierung",
        include_str!("../migrations/postgres/0003_priorisierung.sql"),
    ),
    (
        4,
        "projektplaene",
        include_str!("../migrations/postgres/0004_projektplaene.sql"),
    ),
    (
        5,
        "strategie",
        include_str!("../migrations/postgres/0005_strategie.sql"),
    ),
    (
        6,
        "grenzen",
        include_str!("../migrations/postgres/0006_grenzen.sql"),
    ),
    (
        7,
        "rechtstexte",
        include_str!("../migrations/postgres/0007_rechtstexte.sql"),
    ),
];

fn migrator(list: &'static [(i64, &'static str, &'static str)]) -> Migrator {
    Migrator::with_migrations(
        list.iter()
            .map(|(v, d, sql)| {
                Migration::new(
                    *v,
                    Cow::Borrowed(*d),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

pub(crate) fn sqlite() -> Migrator {
    migrator(SQLITE)
}

pub(crate) fn postgres() -> Migrator {
    migrator(POSTGRES)
}

/// The number of the newest migration (the same for both backends).
pub const LATEST: i64 = SQLITE.len() as i64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_have_the_same_numbered_migrations() {
        let a: Vec<(i64, &str)> = SQLITE.iter().map(|(v, d, _)| (*v, *d)).collect();
        let b: Vec<(i64, &str)> = POSTGRES.iter().map(|(v, d, _)| (*v, *d)).collect();
        assert_eq!(a, b);
        assert!(a.iter().enumerate().all(|(i, (v, _))| *v == i as i64 + 1));
    }
}
