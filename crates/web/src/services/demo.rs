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
    let regeln = Regeln::standard(felder.len());
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
    db.set_phase(&w.id, Phase::Vorbereitung, Phase::Feldwahl).await?;
    db.set_phase(&w.id, Phase::Feldwahl, Phase::Gruppenarbeit).await
}
