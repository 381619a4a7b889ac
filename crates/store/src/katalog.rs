//! The catalogue in the database: loading the shipped version without overwriting what
//! users changed, search, own entries, adoption counts, export and import.

use std::collections::HashMap;

use serde::Serialize;
use werkstatt_core::katalog::{BestPractice, Katalog, Steckbrief, fingerprint, suche};

use crate::ids::now_ms;
use crate::{Db, Result, StoreError};

/// Where an entry comes from.
pub const MITGELIEFERT: &str = werkstatt_core::katalog::MITGELIEFERT;
pub const EIGEN: &str = "eigen";
pub const IMPORTIERT: &str = "importiert";

/// What loading the shipped catalogue did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncBericht {
    pub neu: usize,
    pub aktualisiert: usize,
    pub unveraendert: usize,
    /// Shipped entries a user changed: left as they are.
    pub behalten: usize,
}

/// A search over the Steckbriefe.
#[derive(Debug, Clone, Default)]
pub struct Suche {
    pub text: String,
    pub feld: Option<String>,
    pub aufwand_max: Option<i64>,
    pub umsetzung: Option<String>,
}

/// One Steckbrief as the search sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexZeile {
    pub eintrag: Eintrag,
    pub feld: String,
    pub aufwand: i64,
    pub umsetzung: String,
    /// Title, summary and texts, folded for search (`suche::falten`).
    pub suchtext: String,
}

impl Suche {
    /// The entries of `index` that match, with their adoption counts, in index order.
    pub fn filtern(&self, index: &[IndexZeile], counts: &HashMap<String, i64>) -> Vec<Eintrag> {
        let text = self.text.trim();
        index
            .iter()
            .filter(|z| self.feld.as_deref().is_none_or(|f| f.is_empty() || z.feld == f))
            .filter(|z| self.aufwand_max.is_none_or(|a| a == 0 || z.aufwand <= a))
            .filter(|z| {
                self.umsetzung
                    .as_deref()
                    .is_none_or(|u| u.is_empty() || z.umsetzung == u)
            })
            .filter(|z| text.is_empty() || suche::passt(&z.suchtext, text))
            .map(|z| Eintrag {
                uebernahmen: counts.get(&z.eintrag.steckbrief.id).copied().unwrap_or(0),
                ..z.eintrag.clone()
            })
            .collect()
    }
}

/// A Steckbrief with what the database knows about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Eintrag {
    #[serde(flatten)]
    pub steckbrief: Steckbrief,
    pub herkunft: String,
    pub geaendert: bool,
    pub uebernahmen: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BestPracticeEintrag {
    #[serde(flatten)]
    pub best_practice: BestPractice,
    pub herkunft: String,
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Io(std::io::Error::other(e)))
}

fn parse<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| StoreError::Io(std::io::Error::other(e)))
}

fn suchtext(s: &Steckbrief) -> String {
    let mut t = vec![
        s.titel.as_str(),
        s.nutzen_kurz.as_str(),
        s.was_ist_das.as_str(),
        s.was_haben_sie_davon.as_str(),
    ];
    t.extend(s.wie_geht_das.iter().map(String::as_str));
    t.extend(s.stakeholder.iter().map(String::as_str));
    t.push(s.fuer_wen.as_str());
    suche::falten(&t.join(" "))
}

type Row = (String, String, bool);

/// Writes an entry a user made or changed: `geaendert` is set, so upgrades keep it.
const SAVE_STECKBRIEF: &str = "INSERT INTO steckbriefe (id, handlungsfeld, titel, aufwand, umsetzung, daten, suchtext, herkunft, \
     geaendert, fingerprint, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, TRUE, $9, $10) \
     ON CONFLICT (id) DO UPDATE SET handlungsfeld = excluded.handlungsfeld, titel = excluded.titel, \
     aufwand = excluded.aufwand, umsetzung = excluded.umsetzung, daten = excluded.daten, suchtext = excluded.suchtext, \
     geaendert = TRUE, fingerprint = excluded.fingerprint, updated_at = excluded.updated_at";

const SAVE_BEST_PRACTICE: &str = "INSERT INTO best_practices (id, titel, daten, herkunft, geaendert, fingerprint, updated_at) \
     VALUES ($1, $2, $3, $4, TRUE, $5, $6) ON CONFLICT (id) DO UPDATE SET titel = excluded.titel, \
     daten = excluded.daten, geaendert = TRUE, fingerprint = excluded.fingerprint, updated_at = excluded.updated_at";

impl Db {
    /// Loads the shipped catalogue: new entries are added, unchanged shipped entries are
    /// updated, entries a user changed or added are never touched.
    pub async fn sync_katalog(&self, k: &Katalog, version: &str) -> Result<SyncBericht> {
        let now = now_ms();
        let mut bericht = SyncBericht::default();
        write!(self, |p| {
            let mut tx = p.begin().await?;
            for s in &k.steckbriefe {
                let daten = json(s)?;
                let fp = fingerprint(&[&daten]);
                let row: Option<(String, bool, String)> =
                    sqlx::query_as("SELECT herkunft, geaendert, fingerprint FROM steckbriefe WHERE id = $1")
                        .bind(&s.id)
                        .fetch_optional(&mut *tx)
                        .await?;
                match row {
                    Some((_, true, _)) => bericht.behalten += 1,
                    Some((h, false, _)) if h != MITGELIEFERT => bericht.behalten += 1,
                    Some((_, false, old)) if old == fp => bericht.unveraendert += 1,
                    existing => {
                        sqlx::query(
                            "INSERT INTO steckbriefe (id, handlungsfeld, titel, aufwand, umsetzung, daten, suchtext, herkunft, geaendert, fingerprint, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, FALSE, $9, $10) \
                             ON CONFLICT (id) DO UPDATE SET handlungsfeld = excluded.handlungsfeld, titel = excluded.titel, \
                             aufwand = excluded.aufwand, umsetzung = excluded.umsetzung, daten = excluded.daten, \
                             suchtext = excluded.suchtext, fingerprint = excluded.fingerprint, updated_at = excluded.updated_at",
                        )
                        .bind(&s.id)
                        .bind(&s.handlungsfeld)
                        .bind(&s.titel)
                        .bind(s.aufwand)
                        .bind(&s.umsetzungszeit)
                        .bind(&daten)
                        .bind(suchtext(s))
                        .bind(MITGELIEFERT)
                        .bind(&fp)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                        if existing.is_some() {
                            bericht.aktualisiert += 1;
                        } else {
                            bericht.neu += 1;
                        }
                    }
                }
            }
            for b in &k.best_practices {
                let daten = json(b)?;
                let fp = fingerprint(&[&daten]);
                let row: Option<(String, bool, String)> = sqlx::query_as(
                    "SELECT herkunft, geaendert, fingerprint FROM best_practices WHERE id = $1",
                )
                .bind(&b.id)
                .fetch_optional(&mut *tx)
                .await?;
                let write = match row {
                    Some((h, g, old)) => h == MITGELIEFERT && !g && old != fp,
                    None => true,
                };
                if write {
                    sqlx::query(
                        "INSERT INTO best_practices (id, titel, daten, herkunft, geaendert, fingerprint, updated_at) \
                         VALUES ($1, $2, $3, $4, FALSE, $5, $6) ON CONFLICT (id) DO UPDATE SET titel = excluded.titel, \
                         daten = excluded.daten, fingerprint = excluded.fingerprint, updated_at = excluded.updated_at",
                    )
                    .bind(&b.id)
                    .bind(&b.titel)
                    .bind(&daten)
                    .bind(MITGELIEFERT)
                    .bind(&fp)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            sqlx::query(
                "INSERT INTO katalog_meta (schluessel, wert) VALUES ('version', $1) \
                 ON CONFLICT (schluessel) DO UPDATE SET wert = excluded.wert",
            )
            .bind(version)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        });
        Ok(bericht)
    }

    /// The version of the shipped catalogue loaded last.
    pub async fn katalog_version(&self) -> Result<Option<String>> {
        Ok(read!(self, |p| sqlx::query_scalar(
            "SELECT wert FROM katalog_meta WHERE schluessel = 'version'"
        )
        .fetch_optional(p)
        .await?))
    }

    /// How often each Steckbrief was adopted as a Maßnahme, across all Werkstätten.
    pub async fn uebernahmen(&self) -> Result<HashMap<String, i64>> {
        let rows: Vec<(String, i64)> = read!(self, |p| {
            sqlx::query_as(
            "SELECT steckbrief_id, COUNT(*) FROM massnahmen WHERE steckbrief_id IS NOT NULL GROUP BY steckbrief_id"
        )
        .fetch_all(p)
        .await?
        });
        Ok(rows.into_iter().collect())
    }

    /// Every Steckbrief with what a search filters on, sorted by title; adoption counts
    /// are left at 0 (they change with every Werkstatt, see [`Db::uebernahmen`]).
    pub async fn steckbrief_index(&self) -> Result<Vec<IndexZeile>> {
        let rows: Vec<(String, String, i64, String, bool, String, String)> = read!(self, |p| {
            sqlx::query_as(
                "SELECT handlungsfeld, daten, aufwand, umsetzung, geaendert, herkunft, suchtext FROM steckbriefe \
                 ORDER BY titel",
            )
            .fetch_all(p)
            .await?
        });
        rows.into_iter()
            .map(
                |(feld, daten, aufwand, umsetzung, geaendert, herkunft, suchtext)| {
                    Ok(IndexZeile {
                        eintrag: Eintrag {
                            steckbrief: parse(&daten)?,
                            herkunft,
                            geaendert,
                            uebernahmen: 0,
                        },
                        feld,
                        aufwand,
                        umsetzung,
                        suchtext,
                    })
                },
            )
            .collect()
    }

    /// Steckbriefe matching a search, sorted by title.
    pub async fn steckbriefe_suchen(&self, s: &Suche) -> Result<Vec<Eintrag>> {
        let index = self.steckbrief_index().await?;
        let counts = self.uebernahmen().await?;
        Ok(s.filtern(&index, &counts))
    }

    pub async fn steckbrief(&self, id: &str) -> Result<Eintrag> {
        let row: Option<(String, String, bool)> = read!(self, |p| sqlx::query_as(
            "SELECT daten, herkunft, geaendert FROM steckbriefe WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(p)
        .await?);
        let (daten, herkunft, geaendert) = row.ok_or(StoreError::NotFound)?;
        let n: i64 = read!(self, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM massnahmen WHERE steckbrief_id = $1"
        )
        .bind(id)
        .fetch_one(p)
        .await?);
        Ok(Eintrag {
            steckbrief: parse(&daten)?,
            herkunft,
            geaendert,
            uebernahmen: n,
        })
    }

    /// Saves a Steckbrief a user wrote or changed; it is never overwritten by an upgrade.
    /// The caller checks it (and its references) first.
    pub async fn save_steckbrief(&self, s: &Steckbrief, herkunft_neu: &str) -> Result<()> {
        let daten = json(s)?;
        write!(self, |p| sqlx::query(SAVE_STECKBRIEF)
            .bind(&s.id)
            .bind(&s.handlungsfeld)
            .bind(&s.titel)
            .bind(s.aufwand)
            .bind(&s.umsetzungszeit)
            .bind(&daten)
            .bind(suchtext(s))
            .bind(herkunft_neu)
            .bind(fingerprint(&[&daten]))
            .bind(now_ms())
            .execute(p)
            .await?
            .rows_affected());
        Ok(())
    }

    pub async fn best_practices(&self) -> Result<Vec<BestPracticeEintrag>> {
        let rows: Vec<Row> = read!(self, |p| sqlx::query_as(
            "SELECT daten, herkunft, geaendert FROM best_practices ORDER BY titel"
        )
        .fetch_all(p)
        .await?);
        rows.into_iter()
            .map(|(d, h, _)| {
                Ok(BestPracticeEintrag {
                    best_practice: parse(&d)?,
                    herkunft: h,
                })
            })
            .collect()
    }

    pub async fn save_best_practice(&self, b: &BestPractice, herkunft: &str) -> Result<()> {
        let daten = json(b)?;
        write!(self, |p| sqlx::query(SAVE_BEST_PRACTICE)
            .bind(&b.id)
            .bind(&b.titel)
            .bind(&daten)
            .bind(herkunft)
            .bind(fingerprint(&[&daten]))
            .bind(now_ms())
            .execute(p)
            .await?
            .rows_affected());
        Ok(())
    }

    /// The whole catalogue as it is in this instance (shipped, changed and own entries).
    pub async fn katalog(&self) -> Result<Katalog> {
        let steckbriefe = self.steckbriefe_suchen(&Suche::default()).await?;
        let mut k = Katalog {
            steckbriefe: steckbriefe.into_iter().map(|e| e.steckbrief).collect(),
            best_practices: self
                .best_practices()
                .await?
                .into_iter()
                .map(|b| b.best_practice)
                .collect(),
        };
        k.steckbriefe.sort_by(|a, b| a.id.cmp(&b.id));
        k.best_practices.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(k)
    }

    /// Imports a catalogue (an agency's) in one transaction; the caller validated it.
    /// Imported entries count as changed, so shipped upgrades leave them alone.
    pub async fn import_katalog(&self, k: &Katalog) -> Result<usize> {
        let now = now_ms();
        let mut prepared = Vec::new();
        for s in &k.steckbriefe {
            prepared.push((s, json(s)?));
        }
        let mut bps = Vec::new();
        for b in &k.best_practices {
            bps.push((b, json(b)?));
        }
        write!(self, |p| {
            let mut tx = p.begin().await?;
            for (s, daten) in &prepared {
                sqlx::query(SAVE_STECKBRIEF)
                    .bind(&s.id)
                    .bind(&s.handlungsfeld)
                    .bind(&s.titel)
                    .bind(s.aufwand)
                    .bind(&s.umsetzungszeit)
                    .bind(daten)
                    .bind(suchtext(s))
                    .bind(IMPORTIERT)
                    .bind(fingerprint(&[daten]))
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            for (b, daten) in &bps {
                sqlx::query(SAVE_BEST_PRACTICE)
                    .bind(&b.id)
                    .bind(&b.titel)
                    .bind(daten)
                    .bind(IMPORTIERT)
                    .bind(fingerprint(&[daten]))
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        });
        Ok(prepared.len() + bps.len())
    }
}
