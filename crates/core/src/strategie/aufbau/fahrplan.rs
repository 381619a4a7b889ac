//! The chapter "Umsetzungsfahrplan": the measures by implementation time and the
//! milestones of the priority projects.

use super::*;

pub(super) fn fahrplan(
    q: &Quelle<'_>,
    rf: &Rangfolge,
    felder: &HashMap<&str, String>,
    namen: &HashMap<String, String>,
    ab: &mut Vec<Abschnitt>,
) {
    let b = q.bundle;
    let basis = basisdatum(q);
    let mut a = Abschnitt::neu("fahrplan", 1, "Umsetzungsfahrplan");
    a.bloecke
        .push(Block::absatz(wortlaut::fahrplan_einleitung(basis)));
    ab.push(a);
    for u in [
        Some(Umsetzungszeit::Kurzfristig),
        Some(Umsetzungszeit::Mittelfristig),
        Some(Umsetzungszeit::Langfristig),
        None,
    ] {
        let mut ms: Vec<&BundleMassnahme> = b.massnahmen.iter().filter(|m| umsetzung(m) == u).collect();
        if u.is_none() && ms.is_empty() {
            continue;
        }
        let titel = wortlaut::zeitraum_titel(u);
        ms.sort_by_key(|m| {
            (
                rf.platz.get(&m.id).copied().unwrap_or(usize::MAX),
                m.titel.clone(),
            )
        });
        let mut s = Abschnitt::neu(
            format!("fahrplan-{}", u.map_or("offen", Umsetzungszeit::slug)),
            2,
            titel.clone(),
        );
        if ms.is_empty() {
            s.bloecke
                .push(Block::absatz("Keine Maßnahmen in diesem Zeitraum."));
        } else {
            let z = ms
                .iter()
                .map(|m| {
                    vec![
                        m.titel.clone(),
                        felder.get(m.feld_id.as_str()).cloned().unwrap_or_default(),
                        rf.platz
                            .get(&m.id)
                            .map_or_else(|| "–".into(), ToString::to_string),
                        basis
                            .and_then(|d| {
                                let sb = m.steckbrief_id.as_ref().and_then(|id| q.steckbriefe.get(id));
                                massnahme_jahr(m, sb, d)
                            })
                            .map_or_else(|| "–".into(), |j| j.to_string()),
                        leer_offen(&m.federfuehrung).to_owned(),
                    ]
                })
                .collect();
            s.bloecke.push(tabelle(
                wortlaut::zeitraum_beschriftung(u),
                &["Maßnahme", "Handlungsfeld", "Rang", "bis", "Federführung"],
                z,
                &[4, 3, 1, 1, 3],
            ));
        }
        ab.push(s);
    }
    let mut meilensteine: Vec<(Option<Date>, String, String)> = Vec::new();
    for p in &b.projektplaene {
        if let Ok(a) = p.plan.auswerten() {
            for m in a.meilensteine {
                meilensteine.push((
                    m.datum,
                    m.titel,
                    namen.get(&p.massnahme_id).cloned().unwrap_or_default(),
                ));
            }
        }
    }
    if !meilensteine.is_empty() {
        meilensteine.sort_by_key(|m| (m.0.is_none(), m.0));
        let mut s = Abschnitt::neu(
            "fahrplan-meilensteine",
            2,
            "Meilensteine der prioritären Projekte",
        );
        let z = meilensteine
            .into_iter()
            .map(|(d, t, p)| vec![datum_opt(d), t, p])
            .collect();
        s.bloecke.push(tabelle(
            "Meilensteine nach Termin",
            &["Termin", "Meilenstein", "Projekt"],
            z,
            &[1, 3, 3],
        ));
        ab.push(s);
    }
}
