//! Export and import of the Werkstatt bundle (see `werkstatt_core::bundle`).

use std::collections::{BTreeSet, HashMap};

use werkstatt_core::bundle::{
    Bundle, BundleFeld, BundleFeldstimme, BundleKommune, BundleMassnahme, BundleProjektplan, BundleRangfolge,
    BundleRunde, BundleStimmzettel, BundleTeilnehmende, BundleWerkstatt, BundleZiel, FORMAT, VERSION,
};
use werkstatt_core::join_code::JoinCode;

use crate::ids::{new_id, new_secret, now_ms, random_bytes};
use crate::{Db, Result, StoreError};

impl Db {
    /// Everything a Werkstatt holds, as one document.
    pub async fn export_bundle(&self, werkstatt_id: &str) -> Result<Bundle> {
        let w = self.werkstatt(werkstatt_id).await?;
        let teilnehmende = self.teilnehmende(werkstatt_id).await?;
        let mut kommunen = self.werkstatt_kommunen(werkstatt_id).await?;
        let mut ids: BTreeSet<String> = kommunen.iter().map(|k| k.id.clone()).collect();
        // Parents (e.g. the Landkreis) travel along so the references stay whole.
        let mut i = 0;
        while i < kommunen.len() {
            if let Some(parent) = kommunen[i].parent_id.clone()
                && ids.insert(parent.clone())
            {
                kommunen.push(self.kommune(&parent).await?);
            }
            i += 1;
        }
        let felder = self.felder(werkstatt_id).await?;
        let stimmen: Vec<(String, String, i64)> = read!(self, |p| sqlx::query_as(
            "SELECT s.feld_id, s.teilnehmende_id, s.punkte FROM feldstimmen s \
             JOIN teilnehmende t ON t.id = s.teilnehmende_id JOIN felder f ON f.id = s.feld_id \
             WHERE s.werkstatt_id = $1 ORDER BY t.created_at, t.id, f.position, f.created_at"
        )
        .bind(werkstatt_id)
        .fetch_all(p)
        .await?);
        let mut ziele = self.ziele(werkstatt_id).await?;
        let pos: HashMap<&str, i64> = felder.iter().map(|f| (f.id.as_str(), f.position)).collect();
        ziele.sort_by_key(|z| pos.get(z.feld_id.as_str()).copied().unwrap_or(i64::MAX));
        let massnahmen = self.massnahmen(werkstatt_id).await?;
        let mut runden = Vec::new();
        for r in self.runden(werkstatt_id).await? {
            let stimmzettel = self
                .stimmzettel(&r.id)
                .await?
                .into_iter()
                .map(|z| {
                    Ok(BundleStimmzettel {
                        inhalt: json(&z.inhalt)?,
                        proxy: z.proxy,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let mut br = BundleRunde {
                einstellungen: json(&r.einstellungen)?,
                optionen: serde_json::from_str(&r.optionen)
                    .map_err(|e| StoreError::Io(std::io::Error::other(e)))?,
                id: r.id,
                methode: r.methode,
                titel: r.titel,
                status: r.status,
                stimmzettel,
                ergebnis: None,
            };
            if br.status == "geschlossen" {
                br.ergebnis = br.auswerten().ok().and_then(|e| serde_json::to_value(e).ok());
            }
            runden.push(br);
        }
        let rangfolge = match self.rangfolge(werkstatt_id).await? {
            Some(r) => Some(BundleRangfolge {
                runde_id: r.runde_id,
                korrekturen: serde_json::from_str(&r.korrekturen).unwrap_or_default(),
                top_n: r.top_n,
                vertiefung: serde_json::from_str(&r.vertiefung).unwrap_or_default(),
            }),
            None => None,
        };
        let projektplaene = self
            .export_plaene(werkstatt_id)
            .await?
            .into_iter()
            .map(|p| BundleProjektplan {
                massnahme_id: p.massnahme_id,
                plan: p.plan,
            })
            .collect();

        Ok(Bundle {
            format: FORMAT.into(),
            version: VERSION,
            werkstatt: BundleWerkstatt {
                id: w.id.clone(),
                titel: w.titel,
                datum: w.datum,
                ort: w.ort,
                phase: w.phase,
                kommunen: self
                    .werkstatt_kommunen(werkstatt_id)
                    .await?
                    .into_iter()
                    .map(|k| k.id)
                    .collect(),
            },
            kommunen: kommunen
                .into_iter()
                .map(|k| BundleKommune {
                    id: k.id,
                    name: k.name,
                    art: k.art,
                    ags: k.ags,
                    ars: k.ars,
                    einwohner: k.einwohner,
                    parent_id: k.parent_id,
                })
                .collect(),
            felder: felder
                .into_iter()
                .map(|f| BundleFeld {
                    id: f.id,
                    slug: f.slug,
                    name: f.name,
                    beschreibung: f.beschreibung,
                    gewaehlt: f.gewaehlt,
                })
                .collect(),
            teilnehmende: teilnehmende
                .into_iter()
                .map(|t| BundleTeilnehmende {
                    id: t.id,
                    name: t.name,
                    sektor: t.sektor,
                    kommune_id: t.kommune_id,
                })
                .collect(),
            feldstimmen: stimmen
                .into_iter()
                .map(|(feld_id, teilnehmende_id, punkte)| BundleFeldstimme {
                    feld_id,
                    teilnehmende_id,
                    punkte: u32::try_from(punkte).unwrap_or(0),
                })
                .collect(),
            ziele: ziele
                .into_iter()
                .map(|z| BundleZiel {
                    feld_id: z.feld_id,
                    text: z.text,
                })
                .collect(),
            massnahmen: massnahmen
                .into_iter()
                .map(|m| BundleMassnahme {
                    id: m.id,
                    feld_id: m.feld_id,
                    titel: m.titel,
                    beschreibung: m.beschreibung,
                    umsetzung: m.umsetzung,
                    monate: m.monate,
                    aufwand: m.aufwand,
                    nutzen: m.nutzen,
                    federfuehrung: m.federfuehrung,
                    status: m.status,
                    steckbrief_id: m.steckbrief_id,
                    proxy: m.proxy,
                })
                .collect(),
            runden,
            rangfolge,
            projektplaene,
            strategie: None,
        })
    }

    /// Writes a bundle as a new Werkstatt with new ids, in one transaction. Kommunen that
    /// already exist (same AGS) are reused. The caller must have validated the bundle.
    pub async fn import_bundle(&self, b: &Bundle, importer: Option<&str>) -> Result<String> {
        b.validate().map_err(StoreError::from)?;
        let werkstatt_id = new_id();
        let base = now_ms();
        let join = JoinCode::from_random(random_bytes());
        let observer = new_secret();
        write!(self, |p| {
            let mut tx = p.begin().await?;
            let mut kommune_ids: HashMap<&str, String> = HashMap::new();
            let mut neu: Vec<&BundleKommune> = Vec::new();
            for k in &b.kommunen {
                let existing: Option<String> = sqlx::query_scalar("SELECT id FROM kommunen WHERE ags = $1")
                    .bind(&k.ags)
                    .fetch_optional(&mut *tx)
                    .await?;
                let id = match existing {
                    Some(id) => id,
                    None => {
                        let id = new_id();
                        sqlx::query(
                            "INSERT INTO kommunen (id, name, art, ags, ars, einwohner, parent_id, created_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, NULL, $7)",
                        )
                        .bind(&id)
                        .bind(&k.name)
                        .bind(&k.art)
                        .bind(&k.ags)
                        .bind(&k.ars)
                        .bind(k.einwohner)
                        .bind(base)
                        .execute(&mut *tx)
                        .await?;
                        neu.push(k);
                        id
                    }
                };
                kommune_ids.insert(k.id.as_str(), id);
            }
            for k in neu {
                if let Some(parent) = k.parent_id.as_deref().and_then(|p| kommune_ids.get(p)) {
                    sqlx::query("UPDATE kommunen SET parent_id = $2 WHERE id = $1")
                        .bind(&kommune_ids[k.id.as_str()])
                        .bind(parent)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            let w = &b.werkstatt;
            sqlx::query(
                "INSERT INTO werkstaetten (id, titel, datum, ort, phase, join_code, observer_code, created_by, created_at, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)",
            )
            .bind(&werkstatt_id)
            .bind(&w.titel)
            .bind(&w.datum)
            .bind(&w.ort)
            .bind(&w.phase)
            .bind(join.as_str())
            .bind(&observer)
            .bind(importer)
            .bind(base)
            .execute(&mut *tx)
            .await?;
            for (i, k) in w.kommunen.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO werkstatt_kommunen (werkstatt_id, kommune_id, position) VALUES ($1, $2, $3)",
                )
                .bind(&werkstatt_id)
                .bind(&kommune_ids[k.as_str()])
                .bind(i as i64)
                .execute(&mut *tx)
                .await?;
            }
            if let Some(u) = importer {
                sqlx::query("INSERT INTO werkstatt_moderation (werkstatt_id, user_id) VALUES ($1, $2)")
                    .bind(&werkstatt_id)
                    .bind(u)
                    .execute(&mut *tx)
                    .await?;
            }
            let mut feld_ids: HashMap<&str, String> = HashMap::new();
            for (i, f) in b.felder.iter().enumerate() {
                let id = new_id();
                sqlx::query(
                    "INSERT INTO felder (id, werkstatt_id, slug, name, beschreibung, position, gewaehlt, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&id)
                .bind(&werkstatt_id)
                .bind(&f.slug)
                .bind(&f.name)
                .bind(&f.beschreibung)
                .bind(i as i64)
                .bind(f.gewaehlt)
                .bind(base)
                .execute(&mut *tx)
                .await?;
                feld_ids.insert(f.id.as_str(), id);
            }
            let mut t_ids: HashMap<&str, String> = HashMap::new();
            for (i, t) in b.teilnehmende.iter().enumerate() {
                let id = new_id();
                sqlx::query(
                    "INSERT INTO teilnehmende (id, werkstatt_id, name, sektor, kommune_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&id)
                .bind(&werkstatt_id)
                .bind(&t.name)
                .bind(&t.sektor)
                .bind(t.kommune_id.as_deref().map(|k| kommune_ids[k].clone()))
                .bind(base + i as i64)
                .execute(&mut *tx)
                .await?;
                t_ids.insert(t.id.as_str(), id);
            }
            for s in &b.feldstimmen {
                sqlx::query(
                    "INSERT INTO feldstimmen (werkstatt_id, feld_id, teilnehmende_id, punkte) VALUES ($1, $2, $3, $4)",
                )
                .bind(&werkstatt_id)
                .bind(&feld_ids[s.feld_id.as_str()])
                .bind(&t_ids[s.teilnehmende_id.as_str()])
                .bind(i64::from(s.punkte))
                .execute(&mut *tx)
                .await?;
            }
            for z in &b.ziele {
                sqlx::query(
                    "INSERT INTO ziele (feld_id, werkstatt_id, text, version, updated_at) VALUES ($1, $2, $3, 1, $4)",
                )
                .bind(&feld_ids[z.feld_id.as_str()])
                .bind(&werkstatt_id)
                .bind(&z.text)
                .bind(base)
                .execute(&mut *tx)
                .await?;
            }
            let mut m_ids: HashMap<&str, String> = HashMap::new();
            for (i, m) in b.massnahmen.iter().enumerate() {
                let mid = new_id();
                m_ids.insert(m.id.as_str(), mid.clone());
                sqlx::query(
                    "INSERT INTO massnahmen (id, werkstatt_id, feld_id, titel, beschreibung, umsetzung, monate, aufwand, nutzen, \
                     federfuehrung, status, steckbrief_id, proxy, created_by, version, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, 1, $14, $14)",
                )
                .bind(&mid)
                .bind(&werkstatt_id)
                .bind(&feld_ids[m.feld_id.as_str()])
                .bind(m.titel.trim())
                .bind(m.beschreibung.trim())
                .bind(&m.umsetzung)
                .bind(m.monate)
                .bind(m.aufwand)
                .bind(m.nutzen)
                .bind(m.federfuehrung.trim())
                .bind(&m.status)
                .bind(&m.steckbrief_id)
                .bind(m.proxy)
                .bind(base + i as i64)
                .execute(&mut *tx)
                .await?;
            }
            let mut r_ids: HashMap<&str, String> = HashMap::new();
            for (i, r) in b.runden.iter().enumerate() {
                let rid = new_id();
                r_ids.insert(r.id.as_str(), rid.clone());
                let optionen: Vec<&str> = r.optionen.iter().map(|o| m_ids[o.as_str()].as_str()).collect();
                sqlx::query(
                    "INSERT INTO runden (id, werkstatt_id, methode, titel, status, einstellungen, optionen, created_at, closed_at, version) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1)",
                )
                .bind(&rid)
                .bind(&werkstatt_id)
                .bind(&r.methode)
                .bind(&r.titel)
                .bind(&r.status)
                .bind(r.einstellungen.to_string())
                .bind(serde_json::to_string(&optionen).unwrap_or_default())
                .bind(base + i as i64)
                .bind((r.status == "geschlossen").then_some(base))
                .execute(&mut *tx)
                .await?;
                for (j, z) in r.stimmzettel.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO stimmzettel (id, runde_id, teilnehmende_id, proxy, inhalt, created_at, updated_at) \
                         VALUES ($1, $2, NULL, $3, $4, $5, $5)",
                    )
                    .bind(new_id())
                    .bind(&rid)
                    .bind(z.proxy)
                    .bind(umschreiben(&z.inhalt, &m_ids).to_string())
                    .bind(base + j as i64)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            if let Some(r) = &b.rangfolge {
                let korrekturen: Vec<_> = r
                    .korrekturen
                    .iter()
                    .map(|k| werkstatt_core::abstimmung::Korrektur {
                        massnahme_id: m_ids[k.massnahme_id.as_str()].clone(),
                        position: k.position,
                        grund: k.grund.clone(),
                    })
                    .collect();
                let vertiefung: Vec<&str> = r.vertiefung.iter().map(|v| m_ids[v.as_str()].as_str()).collect();
                sqlx::query(
                    "INSERT INTO rangfolge (werkstatt_id, runde_id, korrekturen, top_n, vertiefung, version, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, 1, $6)",
                )
                .bind(&werkstatt_id)
                .bind(r.runde_id.as_deref().map(|x| r_ids[x].clone()))
                .bind(serde_json::to_string(&korrekturen).unwrap_or_default())
                .bind(r.top_n)
                .bind(serde_json::to_string(&vertiefung).unwrap_or_default())
                .bind(base)
                .execute(&mut *tx)
                .await?;
            }
            for (i, pl) in b.projektplaene.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO projektplaene (massnahme_id, werkstatt_id, daten, version, created_at, updated_at) \
                     VALUES ($1, $2, $3, 1, $4, $4)",
                )
                .bind(&m_ids[pl.massnahme_id.as_str()])
                .bind(&werkstatt_id)
                .bind(serde_json::to_string(&pl.plan).unwrap_or_default())
                .bind(base + i as i64)
                .execute(&mut *tx)
                .await?;
            }
            if let Some(st) = &b.strategie {
                let enc = |v: &dyn erased::Json| v.json();
                sqlx::query(
                    "INSERT INTO strategien (werkstatt_id, texte, organigramm, schritte, version, updated_at) \
                     VALUES ($1, $2, $3, $4, 1, $5)",
                )
                .bind(&werkstatt_id)
                .bind(enc(&st.texte))
                .bind(st.organigramm.as_ref().map(|o| enc(o)))
                .bind(st.schritte.as_ref().map(|x| enc(x)))
                .bind(base)
                .execute(&mut *tx)
                .await?;
                for v in &st.versionen {
                    sqlx::query(
                        "INSERT INTO strategie_versionen (id, werkstatt_id, nummer, status, beschlossen_am, notiz, dokument, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(new_id())
                    .bind(&werkstatt_id)
                    .bind(v.nummer)
                    .bind(v.status.slug())
                    .bind(&v.beschlossen_am)
                    .bind(&v.notiz)
                    .bind(enc(&v.dokument))
                    .bind(base)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            tx.commit().await?;
        });
        Ok(werkstatt_id)
    }
}

/// Serialising values of different types through one closure.
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

/// The bundle with the strategy (texts, Organigramm, next steps, versions): what the API
/// and the command line hand out. `export_bundle` alone leaves the strategy out, as the
/// strategy document is itself built from it.
impl Db {
    pub async fn export_bundle_komplett(&self, werkstatt_id: &str) -> Result<Bundle> {
        let mut b = self.export_bundle(werkstatt_id).await?;
        let d = self.strategie(werkstatt_id).await?;
        let mut versionen = Vec::new();
        for k in self.strategie_versionen(werkstatt_id).await?.into_iter().rev() {
            let (k, dokument) = self.strategie_version(werkstatt_id, k.nummer).await?;
            versionen.push(werkstatt_core::bundle::BundleVersion {
                nummer: k.nummer,
                status: k.status,
                beschlossen_am: k.beschlossen_am,
                notiz: k.notiz,
                dokument,
            });
        }
        if d.version > 0 || !versionen.is_empty() {
            b.strategie = Some(werkstatt_core::bundle::BundleStrategie {
                texte: d.texte,
                organigramm: d.organigramm,
                schritte: d.schritte,
                versionen,
            });
        }
        Ok(b)
    }
}

fn json(s: &str) -> Result<serde_json::Value> {
    serde_json::from_str(s).map_err(|e| StoreError::Io(std::io::Error::other(e)))
}

/// Replaces old Maßnahme ids by new ones wherever they occur in a ballot (as keys or values).
fn umschreiben(v: &serde_json::Value, ids: &HashMap<&str, String>) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(ids.get(s.as_str()).cloned().unwrap_or_else(|| s.clone())),
        Value::Array(a) => Value::Array(a.iter().map(|x| umschreiben(x, ids)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| {
                    (
                        ids.get(k.as_str()).cloned().unwrap_or_else(|| k.clone()),
                        umschreiben(x, ids),
                    )
                })
                .collect(),
        ),
        other => other.clone(),
    }
}
