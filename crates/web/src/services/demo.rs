//! Seeds the demo Werkstatt from the data shipped in `werkstatt_core::demo`.

use std::collections::{BTreeMap, HashMap};

use werkstatt_core::demo::demo;
use werkstatt_core::kommune::{KommuneInput, NeueKommune};
use werkstatt_core::massnahme::{MassnahmeDaten, MassnahmeInput};
use werkstatt_core::punktabfrage::Regeln;
use werkstatt_core::teilnehmende::NeueTeilnehmende;
use werkstatt_core::werkstatt::{NeueWerkstatt, Phase, WerkstattInput};
use werkstatt_store::massnahmen::Herkunft;
use werkstatt_store::werkstaetten::Werkstatt;
use werkstatt_store::{Db, StoreError};

fn bad(e: impl std::fmt::Debug) -> StoreError {
    StoreError::Io(std::io::Error::other(format!("demo data: {e:?}")))
}

/// Creates the demo Werkstatt (in the phase Gruppenarbeit) and returns it.
pub async fn seed(db: &Db) -> Result<Werkstatt, StoreError> {
    let d = demo().map_err(bad)?;
    let mut kommunen: HashMap<String, String> = HashMap::new();
    // Parents first, so that children can refer to them.
    let mut list = d.kommunen.clone();
    list.sort_by_key(|k| k.parent.is_some());
    for k in &list {
        let parsed = NeueKommune::try_from(KommuneInput {
            name: k.name.clone(),
            art: k.art.clone(),
            ags: k.ags.clone(),
            ars: k.ars.clone(),
            einwohner: k.einwohner.into(),
            parent_id: k.parent.as_ref().and_then(|p| kommunen.get(p).cloned()),
        })
        .map_err(bad)?;
        let id = match db.create_kommune(&parsed).await {
            Ok(x) => x.id,
            // A second demo in the same database reuses the Kommunen.
            Err(StoreError::Duplicate(_)) => {
                db.kommunen()
                    .await?
                    .into_iter()
                    .find(|x| x.ags == parsed.ags.as_str())
                    .ok_or(StoreError::NotFound)?
                    .id
            }
            Err(e) => return Err(e),
        };
        kommunen.insert(k.key.clone(), id);
    }
    let teilnehmend: Vec<String> = d
        .kommunen
        .iter()
        .filter(|k| k.art != "landkreis")
        .filter_map(|k| kommunen.get(&k.key).cloned())
        .collect();
    let w = NeueWerkstatt::try_from(WerkstattInput {
        titel: d.werkstatt.titel.clone(),
        datum: d.werkstatt.datum.clone(),
        ort: d.werkstatt.ort.clone(),
        kommunen: teilnehmend,
    })
    .map_err(bad)?;
    let w = db.create_werkstatt(&w, None).await?;

    let mut personen = Vec::new();
    for t in &d.teilnehmende {
        let neu = NeueTeilnehmende::parse(&t.name, &t.sektor, kommunen.get(&t.kommune).map(String::as_str))
            .map_err(bad)?;
        personen.push(db.add_teilnehmende(&w.id, &neu).await?.id);
    }

    let felder = db.felder(&w.id).await?;
    let by_slug: HashMap<&str, &str> = felder
        .iter()
        .filter_map(|f| f.slug.as_deref().map(|s| (s, f.id.as_str())))
        .collect();
    let regeln = Regeln::feldwahl(felder.iter().map(|f| f.slug.as_deref()));
    // Hand out each field's dots across the room within every person's budget.
    let mut rest: Vec<u32> = vec![regeln.budget; personen.len()];
    let mut next = 0usize;
    let mut order = d.felder.clone();
    order.sort_by_key(|f| std::cmp::Reverse(f.stimmen));
    for f in &order {
        let Some(feld_id) = by_slug.get(f.slug.as_str()) else {
            continue;
        };
        let mut given: BTreeMap<usize, u32> = BTreeMap::new();
        let mut left = f.stimmen;
        let mut tries = 0;
        while left > 0 && tries < personen.len() * 4 {
            let p = next % personen.len().max(1);
            next += 1;
            tries += 1;
            let g = given.entry(p).or_default();
            if rest[p] > 0 && *g < 3 {
                rest[p] -= 1;
                *g += 1;
                left -= 1;
            }
        }
        for (p, n) in given.into_iter().filter(|(_, n)| *n > 0) {
            db.set_feldstimme(&w.id, &personen[p], feld_id, n, regeln).await?;
        }
    }

    for (i, f) in d.felder.iter().enumerate() {
        let (Some(ziel), Some(feld_id)) = (&f.ziel, by_slug.get(f.slug.as_str())) else {
            continue;
        };
        db.set_gewaehlt(&w.id, feld_id, true).await?;
        db.set_ziel(&w.id, feld_id, ziel, None).await?;
        for (j, m) in f.massnahmen.iter().enumerate() {
            let input = MassnahmeInput {
                titel: m.titel.clone(),
                beschreibung: m.beschreibung.clone(),
                umsetzung: m.umsetzung.clone(),
                monate: m.monate.map_or(serde_json::Value::Null, Into::into),
                aufwand: m.aufwand.map_or(serde_json::Value::Null, Into::into),
                nutzen: m.nutzen.map_or(serde_json::Value::Null, Into::into),
                federfuehrung: m.federfuehrung.clone(),
                status: m.status.clone(),
                ..Default::default()
            };
            let daten = MassnahmeDaten::try_from(&input).map_err(bad)?;
            let herkunft = Herkunft {
                created_by: personen.get((i * 7 + j) % personen.len().max(1)).cloned(),
                steckbrief_id: m.steckbrief.clone(),
                ..Default::default()
            };
            db.create_massnahme(&w.id, feld_id, &daten, &herkunft).await?;
        }
        // Everyone joins one group, spread over the chosen fields.
        let chosen = d.felder.iter().filter(|f| f.ziel.is_some()).count().max(1);
        for (k, p) in personen
            .iter()
            .enumerate()
            .filter(|(k, _)| k % chosen == i % chosen)
        {
            let _ = k;
            db.join_gruppe(&w.id, feld_id, p).await?;
        }
    }
    runden(db, &w.id, &personen).await?;
    db.set_phase(&w.id, Phase::Vorbereitung, Phase::Feldwahl).await?;
    let w = db.set_phase(&w.id, Phase::Feldwahl, Phase::Gruppenarbeit).await?;
    strategie(db, &w, &d.strategie).await?;
    Ok(w)
}

/// Fills the strategy: own free texts, the proposed Organigramm with names, the proposed
/// next steps with the first one done, and a first stored version.
async fn strategie(
    db: &Db,
    w: &Werkstatt,
    s: &werkstatt_core::demo::DemoStrategie,
) -> Result<(), StoreError> {
    use werkstatt_core::strategie::{aufbau, organigramm, schritte, texte::Freitext};
    let b = db.export_bundle(&w.id).await?;
    let mut d = werkstatt_store::strategie::StrategieDaten::default();
    for (f, t) in [
        (Freitext::Vorwort, &s.vorwort),
        (Freitext::Anlass, &s.anlass),
        (Freitext::Ausgangslage, &s.ausgangslage),
        (Freitext::Leitbild, &s.leitbild),
    ] {
        d.texte.set(f, Some(t.clone()));
    }
    let mut o = organigramm::vorschlag(&aufbau::projektteams(&b));
    for x in &s.besetzung {
        let r = o
            .rollen
            .iter_mut()
            .find(|r| r.titel == x.rolle)
            .ok_or_else(|| bad(&x.rolle))?;
        r.besetzung.clone_from(&x.besetzung);
    }
    d.organigramm = Some(o);
    let datum = werkstatt_core::werkstatt::parse_datum("datum", &w.datum).map_err(bad)?;
    let mut sch = schritte::vorschlag(datum);
    for t in &s.erledigt.schritte {
        sch.iter_mut()
            .find(|x| &x.titel == t)
            .ok_or_else(|| bad(t))?
            .erledigt = true;
    }
    d.schritte = Some(sch);
    db.save_strategie(&w.id, &d).await?;
    let doc = crate::services::strategie::dokument_db(db, w, None)
        .await
        .map_err(bad)?;
    db.create_strategie_version(
        &w.id,
        werkstatt_core::strategie::version::VersionStatus::Entwurf,
        None,
        "Stand nach der Werkstatt",
        &doc,
    )
    .await?;
    Ok(())
}

/// A small, repeatable disagreement of person `p` about Maßnahme `m`: -1, 0 or +1.
fn streuung(p: usize, m: &str) -> i64 {
    let h = m.bytes().fold(
        0xcbf2_9ce4_8422_2325_u64 ^ (p as u64).wrapping_mul(0x9e37_79b9),
        |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3),
    );
    (h % 3) as i64 - 1
}

/// A closed round of every method with plausible ballots, a decided ranking and complete
/// plans for its top three, so that the demo shows every result.
async fn runden(db: &Db, werkstatt_id: &str, personen: &[String]) -> Result<(), StoreError> {
    use werkstatt_core::abstimmung::{self, Methode, RundeInput};
    let felder = db.felder(werkstatt_id).await?;
    let alle = db.massnahmen(werkstatt_id).await?;
    let mut optionen = Vec::new();
    for f in felder.iter().filter(|f| f.gewaehlt) {
        optionen.extend(alle.iter().filter(|m| m.feld_id == f.id).cloned());
    }
    let ids: Vec<String> = optionen.iter().map(|m| m.id.clone()).collect();
    // What a person thinks of a Maßnahme: its benefit, less half its effort, give or take.
    let wert = |p: usize, m: &werkstatt_store::massnahmen::Massnahme| -> i64 {
        2 * m.nutzen.unwrap_or(3) - m.aufwand.unwrap_or(3) + streuung(p, &m.id)
    };
    let mut rangfolge_id = None;
    for methode in Methode::ALL {
        let input = RundeInput {
            methode: methode.slug().into(),
            verborgen: Some(true),
            ..Default::default()
        };
        let (methode, _, e) = abstimmung::parse_runde(&input, ids.len()).map_err(bad)?;
        let titel = match methode {
            Methode::Punkte => "Punktabfrage am Nachmittag",
            Methode::Matrix => "Nutzen und Aufwand",
            Methode::Nutzwert => "Nutzwertanalyse der Lenkungsgruppe",
            Methode::Paarvergleich => "Paarvergleich",
            Methode::Rangfolge => "Rangfolge zum Abschluss",
        };
        let r = db
            .create_runde(
                werkstatt_id,
                methode.slug(),
                titel,
                &serde_json::to_string(&e).map_err(bad)?,
                &serde_json::to_string(&ids).map_err(bad)?,
            )
            .await?;
        for (p, person) in personen.iter().enumerate() {
            let mut sortiert: Vec<&werkstatt_store::massnahmen::Massnahme> = optionen.iter().collect();
            sortiert.sort_by_key(|m| (std::cmp::Reverse(wert(p, m)), m.id.clone()));
            let inhalt = match methode {
                Methode::Punkte => {
                    let mut rest = e.budget;
                    let mut z = serde_json::Map::new();
                    for m in &sortiert {
                        let n = rest
                            .min(e.max_pro_option.unwrap_or(1))
                            .min(if z.len() < 3 { 3 } else { 1 });
                        if n == 0 {
                            break;
                        }
                        z.insert(m.id.clone(), n.into());
                        rest -= n;
                    }
                    serde_json::Value::Object(z)
                }
                Methode::Matrix => serde_json::Value::Object(
                    sortiert
                        .iter()
                        .skip(p % 5)
                        .step_by(2)
                        .take(12)
                        .map(|m| {
                            let n = (m.nutzen.unwrap_or(3) + streuung(p, &m.id)).clamp(1, 5);
                            let a = (m.aufwand.unwrap_or(3) + streuung(p + 7, &m.id)).clamp(1, 5);
                            (m.id.clone(), serde_json::json!({"nutzen": n, "aufwand": a}))
                        })
                        .collect(),
                ),
                Methode::Nutzwert => serde_json::Value::Object(
                    sortiert
                        .iter()
                        .take(10)
                        .map(|m| {
                            let n = m.nutzen.unwrap_or(3);
                            let a = m.aufwand.unwrap_or(3);
                            let s = streuung(p, &m.id);
                            let werte =
                                [2 * n + s, 2 * (6 - a), 6 + s, 2 * (6 - a) - 1].map(|v| v.clamp(0, 10));
                            (m.id.clone(), serde_json::json!(werte))
                        })
                        .collect(),
                ),
                Methode::Paarvergleich => {
                    let paare =
                        werkstatt_core::priorisierung::naechste_paare(&ids, &[], &[], 10, p as u64 + 1);
                    let lookup = |id: &str| optionen.iter().find(|m| m.id == id).map_or(0, |m| wert(p, m));
                    serde_json::json!(
                        paare
                            .into_iter()
                            .map(|(a, b)| {
                                let ausgang = match lookup(&a).cmp(&lookup(&b)) {
                                    std::cmp::Ordering::Greater => "a",
                                    std::cmp::Ordering::Less => "b",
                                    std::cmp::Ordering::Equal => "gleich",
                                };
                                serde_json::json!({"a": a, "b": b, "ausgang": ausgang})
                            })
                            .collect::<Vec<_>>()
                    )
                }
                Methode::Rangfolge => serde_json::json!(
                    sortiert
                        .iter()
                        .take(10)
                        .map(|m| vec![m.id.clone()])
                        .collect::<Vec<_>>()
                ),
            };
            abstimmung::parse_zettel(methode, &e, &ids, &inhalt).map_err(bad)?;
            db.stimmzettel_abgeben(&r.id, Some(person), &inhalt.to_string())
                .await?;
        }
        // Two paper ballots in the dot vote, as in a hybrid room.
        if methode == Methode::Punkte {
            for k in 0..2 {
                let z = serde_json::json!({ids[k].clone(): 2, ids[k + 3].clone(): 1});
                db.stimmzettel_abgeben(&r.id, None, &z.to_string()).await?;
            }
        }
        db.set_runde_status(werkstatt_id, &r.id, "offen", "geschlossen")
            .await?;
        if methode == Methode::Rangfolge {
            rangfolge_id = Some(r);
        }
    }
    let Some(r) = rangfolge_id else { return Ok(()) };
    let zettel: Vec<abstimmung::Zettel> = db
        .stimmzettel(&r.id)
        .await?
        .iter()
        .filter_map(|z| serde_json::from_str(&z.inhalt).ok())
        .filter_map(|v: serde_json::Value| {
            abstimmung::parse_zettel(Methode::Rangfolge, &Default::default(), &ids, &v).ok()
        })
        .collect();
    let ergebnis =
        abstimmung::auswerten(Methode::Rangfolge, &Default::default(), &ids, &zettel, 0).map_err(bad)?;
    let reihenfolge = abstimmung::endgueltige_reihenfolge(&ergebnis.rang, &[]);
    let top: Vec<String> = reihenfolge.into_iter().take(3).collect();
    db.set_rangfolge(
        &werkstatt_store::runden::Rangfolge {
            werkstatt_id: werkstatt_id.to_owned(),
            runde_id: Some(r.id.clone()),
            korrekturen: "[]".into(),
            top_n: 3,
            vertiefung: serde_json::to_string(&top).map_err(bad)?,
            version: 0,
        },
        0,
    )
    .await?;
    crate::services::plan::seed_demo(db, werkstatt_id, &top).await?;
    Ok(())
}
