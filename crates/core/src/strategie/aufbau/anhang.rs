//! The appendix: results of the prioritisation, the adopted Steckbriefe and the sources.

use super::*;

pub(super) fn anhang(
    q: &Quelle<'_>,
    rf: &Rangfolge,
    namen: &HashMap<String, String>,
    d: &dyn Diagramme,
    ab: &mut Vec<Abschnitt>,
) {
    let b = q.bundle;
    ab.push(Abschnitt::neu("anhang", 1, "Anhang"));
    let mut p = Abschnitt::neu("anhang-priorisierung", 2, "Ergebnisse der Priorisierung");
    let geschlossen: Vec<_> = b.runden.iter().filter(|r| r.status == "geschlossen").collect();
    if geschlossen.is_empty() {
        p.bloecke.push(Block::absatz(
            "Es liegt noch keine abgeschlossene Abstimmungsrunde vor.",
        ));
    }
    for r in geschlossen {
        let Ok(e) = r.auswerten() else { continue };
        p.bloecke.push(Block::Absatz {
            inhalt: vec![
                Inline::fett(r.titel.clone()),
                Inline::text(format!(
                    " ({} Stimmzettel{})",
                    e.stimmzettel,
                    if e.proxy > 0 {
                        format!(", davon {} auf Papier", e.proxy)
                    } else {
                        String::new()
                    }
                )),
            ],
        });
        if let Some((g, t)) = d.runde(&e, namen) {
            p.bloecke.push(Block::Grafik(g));
            p.bloecke.push(Block::Tabelle(t));
        } else {
            let z = e
                .rang
                .iter()
                .enumerate()
                .flat_map(|(i, g)| g.iter().map(move |id| (i, id)))
                .map(|(i, id)| vec![(i + 1).to_string(), namen.get(id).cloned().unwrap_or_default()])
                .collect();
            p.bloecke.push(tabelle(
                format!("Rangfolge: {}", r.titel),
                &["Platz", "Maßnahme"],
                z,
                &[1, 5],
            ));
        }
    }
    if let Some(r) = &b.rangfolge
        && rf.ergebnis.is_some()
    {
        let mut liste: Vec<(&String, &usize)> = rf.platz.iter().collect();
        liste.sort_by_key(|x| *x.1);
        let z = liste
            .into_iter()
            .map(|(id, platz)| {
                let grund = r
                    .korrekturen
                    .iter()
                    .find(|k| &k.massnahme_id == id)
                    .map(|k| k.grund.clone())
                    .unwrap_or_default();
                vec![
                    platz.to_string(),
                    namen.get(id).cloned().unwrap_or_default(),
                    if r.vertiefung.contains(id) {
                        "ja".into()
                    } else {
                        "nein".into()
                    },
                    grund,
                ]
            })
            .collect();
        p.bloecke.push(tabelle(
            "Endgültige Rangfolge mit Korrekturen",
            &["Rang", "Maßnahme", "vertieft geplant", "Grund einer Korrektur"],
            z,
            &[1, 4, 2, 4],
        ));
    }
    ab.push(p);

    let mut genutzt: Vec<&Steckbrief> = Vec::new();
    for m in &b.massnahmen {
        if let Some(sid) = &m.steckbrief_id
            && let Some(s) = q.steckbriefe.get(sid)
            && !genutzt.iter().any(|x| x.id == s.id)
        {
            genutzt.push(s);
        }
    }
    let mut sb = Abschnitt::neu("anhang-steckbriefe", 2, "Übernommene Steckbriefe");
    if genutzt.is_empty() {
        sb.bloecke.push(Block::absatz(
            "Keine Maßnahme wurde aus einem Steckbrief übernommen.",
        ));
    }
    ab.push(sb);
    let mut quellen: Vec<(String, String)> = Vec::new();
    for s in &genutzt {
        let mut x = Abschnitt::neu(schluessel("steckbrief", &s.id), 3, s.titel.clone());
        x.bloecke.push(Block::Absatz {
            inhalt: vec![Inline::kursiv(s.nutzen_kurz.clone())],
        });
        x.bloecke.push(fett_absatz("Was ist das?", &s.was_ist_das));
        x.bloecke
            .push(fett_absatz("Was haben Sie davon?", &s.was_haben_sie_davon));
        if !s.wie_geht_das.is_empty() {
            x.bloecke.push(Block::Absatz {
                inhalt: vec![Inline::fett("Wie geht das?")],
            });
            x.bloecke.push(Block::Liste {
                nummeriert: true,
                punkte: s
                    .wie_geht_das
                    .iter()
                    .map(|t| vec![Inline::text(t.clone())])
                    .collect(),
            });
        }
        x.bloecke.push(fett_absatz("Umsetzungszeit", &s.umsetzungszeit));
        let kosten: Vec<String> = s
            .kosten
            .iter()
            .map(|k| format!("{} (Stand {})", k.text, k.jahr))
            .collect();
        if !kosten.is_empty() {
            x.bloecke.push(fett_absatz("Kosten", &kosten.join("; ")));
        } else if !s.kosten_hinweis.trim().is_empty() {
            x.bloecke.push(fett_absatz("Kosten", &s.kosten_hinweis));
        }
        if !s.foerderung.is_empty() {
            let f: Vec<String> = s
                .foerderung
                .iter()
                .map(|f| format!("{} ({}, Stand {})", f.programm, f.traeger, f.stand))
                .collect();
            x.bloecke.push(fett_absatz("Förderung", &f.join("; ")));
        }
        for q in &s.quellen {
            if !quellen.iter().any(|x| x.1 == q.url) {
                quellen.push((q.titel.clone(), q.url.clone()));
            }
        }
        ab.push(x);
    }
    let mut qa = Abschnitt::neu("anhang-quellen", 2, "Quellen");
    if quellen.is_empty() {
        qa.bloecke.push(Block::absatz("Keine Quellen angegeben."));
    } else {
        qa.bloecke.push(Block::Liste {
            nummeriert: false,
            punkte: quellen
                .into_iter()
                .map(|(t, u)| {
                    if link_erlaubt(&u) {
                        vec![
                            Inline::text(format!("{t}: ")),
                            Inline::Link {
                                text: u.clone(),
                                ziel: u,
                            },
                        ]
                    } else {
                        vec![Inline::text(format!("{t}: {u}"))]
                    }
                })
                .collect(),
        });
    }
    ab.push(qa);
}
