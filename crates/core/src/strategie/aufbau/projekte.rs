//! The chapter "Prioritäre Projekte": one Projektsteckbrief per in-depth plan, along the
//! seven questions.

use super::*;

pub(super) fn projekte(
    q: &Quelle<'_>,
    rf: &Rangfolge,
    felder: &HashMap<&str, String>,
    d: &dyn Diagramme,
    ab: &mut Vec<Abschnitt>,
) {
    let b = q.bundle;
    let stichtag = stichtag(q);
    let mut a = Abschnitt::neu("projekte", 1, "Prioritäre Projekte");
    let reihenfolge: Vec<&String> = match &b.rangfolge {
        Some(r) if !r.vertiefung.is_empty() => r.vertiefung.iter().collect(),
        _ => b.projektplaene.iter().map(|p| &p.massnahme_id).collect(),
    };
    let plaene: Vec<(&BundleMassnahme, &Projektplan)> = reihenfolge
        .iter()
        .filter_map(|id| {
            let m = b.massnahmen.iter().find(|m| &&m.id == id)?;
            let p = b.projektplaene.iter().find(|p| &&p.massnahme_id == id)?;
            Some((m, &p.plan))
        })
        .collect();
    a.bloecke
        .push(Block::absatz(wortlaut::projekte_einleitung(plaene.len())));
    ab.push(a);
    for (m, p) in plaene {
        let aw = p.auswerten().ok();
        let mut s = Abschnitt::neu(
            schluessel("projekt", &m.id),
            2,
            format!("Projektsteckbrief: {}", m.titel),
        );
        let anfang = aw.as_ref().and_then(|a| a.anfang).or(p.start);
        let ende = aw.as_ref().and_then(|a| a.ende);
        s.bloecke.push(tabelle(
            "Eckdaten",
            &["Merkmal", "Angabe"],
            vec![
                vec![
                    "Handlungsfeld".into(),
                    felder.get(m.feld_id.as_str()).cloned().unwrap_or_default(),
                ],
                vec![
                    "Rang".into(),
                    rf.platz
                        .get(&m.id)
                        .map_or_else(|| "–".into(), ToString::to_string),
                ],
                vec!["Umsetzungszeit".into(), umsetzung_text(m)],
                vec!["Auftraggeber".into(), p.organisation.auftraggeber.clone()],
                vec!["Projektleitung".into(), p.organisation.projektleitung.clone()],
                vec!["Beginn".into(), datum_opt(anfang)],
                vec!["Ende (geplant)".into(), datum_opt(ende)],
            ],
            &[1, 2],
        ));
        // 1 Ergebnis
        s.bloecke.push(fett_absatz(
            "1. Ergebnis",
            if p.ergebnis.text.trim().is_empty() {
                "noch offen"
            } else {
                p.ergebnis.text.trim()
            },
        ));
        if !p.ergebnis.kriterien.is_empty() {
            let z = p
                .ergebnis
                .kriterien
                .iter()
                .map(|c| vec![c.indikator.clone(), c.zielwert.clone(), datum_opt(c.datum)])
                .collect();
            s.bloecke.push(tabelle(
                "Erfolgskriterien",
                &["Indikator", "Zielwert", "bis"],
                z,
                &[3, 2, 1],
            ));
        }
        // 2 Zielgruppe
        if p.zielgruppen.is_empty() {
            s.bloecke.push(fett_absatz("2. Zielgruppe", "noch offen"));
        } else {
            s.bloecke.push(Block::Absatz {
                inhalt: vec![Inline::fett("2. Zielgruppe")],
            });
            let z = p
                .zielgruppen
                .iter()
                .map(|g| vec![g.name.clone(), g.groesse.clone(), g.bedarf.clone()])
                .collect();
            s.bloecke.push(tabelle(
                "Zielgruppen",
                &["Zielgruppe", "Größe", "Bedarf"],
                z,
                &[2, 1, 3],
            ));
        }
        // 3 Beteiligte
        if p.stakeholder.is_empty() {
            s.bloecke.push(fett_absatz("3. Beteiligte", "noch offen"));
        } else {
            s.bloecke.push(Block::Absatz {
                inhalt: vec![Inline::fett("3. Beteiligte (Stakeholder-Analyse)")],
            });
            if let Some(g) = d.raster(&p.stakeholder) {
                s.bloecke.push(Block::Grafik(g));
            }
            let z = p
                .stakeholder
                .iter()
                .map(|x| {
                    let st = x.strategie.unwrap_or_else(|| {
                        crate::planung::projektplan::Strategie::vorschlag(x.einfluss, x.interesse)
                    });
                    vec![
                        x.name.clone(),
                        if x.art.slug() == "intern" {
                            "intern".into()
                        } else {
                            "extern".into()
                        },
                        x.einfluss.to_string(),
                        x.interesse.to_string(),
                        x.haltung.zeichen().into(),
                        strategie_name(st.slug()).into(),
                    ]
                })
                .collect();
            s.bloecke.push(tabelle(
                "Beteiligte mit Einfluss und Interesse (1 gering bis 3 hoch)",
                &["Beteiligte", "Art", "Einfluss", "Interesse", "Haltung", "Umgang"],
                z,
                &[3, 1, 1, 1, 1, 2],
            ));
        }
        // 4 Projektorganisation
        let o = &p.organisation;
        let mut team: Vec<String> = o.team.iter().filter_map(mitglied).collect();
        if team.is_empty() {
            team.push("noch offen".into());
        }
        s.bloecke.push(fett_absatz(
            "4. Projektorganisation",
            &format!(
                "Auftraggeber: {}. Projektleitung: {}. Team: {}.",
                leer_offen(&o.auftraggeber),
                leer_offen(&o.projektleitung),
                team.join(", ")
            ),
        ));
        if !o.raci.is_empty() {
            let z = o
                .raci
                .iter()
                .map(|r| {
                    vec![
                        r.aufgabe.clone(),
                        r.r.clone(),
                        r.a.clone(),
                        r.c.clone(),
                        r.i.clone(),
                    ]
                })
                .collect();
            s.bloecke.push(tabelle(
                "Zuständigkeiten (R verantwortlich, A rechenschaftspflichtig, C beratend, I informiert)",
                &["Aufgabe", "R", "A", "C", "I"],
                z,
                &[3, 1, 1, 1, 1],
            ));
        }
        // 5 Ressourcen
        let r = &p.ressourcen;
        s.bloecke.push(Block::Absatz {
            inhalt: vec![Inline::fett("5. Ressourcen")],
        });
        if !r.finanziell.is_empty() {
            let z = r
                .finanziell
                .iter()
                .map(|f| {
                    vec![
                        f.bezeichnung.clone(),
                        geld(f.einmalig),
                        geld(f.laufend),
                        quelle_name(f.quelle.slug(), &f.programm),
                        f.jahr.to_string(),
                    ]
                })
                .collect();
            s.bloecke.push(tabelle(
                "Finanzielle und sachliche Ressourcen",
                &["Posten", "einmalig", "laufend je Jahr", "Finanzierung", "Jahr"],
                z,
                &[3, 2, 2, 2, 1],
            ));
        }
        if !r.personal.is_empty() {
            let z = r
                .personal
                .iter()
                .map(|x| {
                    let einheit = if x.einheit.slug() == "vzae" {
                        "Vollzeitstellen"
                    } else {
                        "Personentage"
                    };
                    vec![
                        x.rolle.clone(),
                        format!("{} {einheit}", x.umfang.deutsch(false)),
                        x.jahr.to_string(),
                    ]
                })
                .collect();
            s.bloecke.push(tabelle(
                "Personelle Ressourcen",
                &["Rolle", "Umfang", "Jahr"],
                z,
                &[3, 2, 1],
            ));
        }
        if let Some(a) = &aw
            && (!r.finanziell.is_empty() || !r.personal.is_empty())
        {
            s.bloecke.push(Block::absatz(format!(
                "Summe: {} einmalig, {} laufend je Jahr, {} Personentage und {} Vollzeitstellen.",
                geld(a.summen.einmalig),
                geld(a.summen.laufend),
                a.summen.personentage.deutsch(false),
                a.summen.vzae.deutsch(false)
            )));
        }
        if !r.organisatorisch.trim().is_empty() {
            s.bloecke
                .push(fett_absatz("Organisatorisch", r.organisatorisch.trim()));
        }
        if r.finanziell.is_empty() && r.personal.is_empty() && r.organisatorisch.trim().is_empty() {
            s.bloecke
                .push(Block::absatz("Die Ressourcen werden noch ermittelt."));
        }
        // 6 Aufgaben
        s.bloecke.push(Block::Absatz {
            inhalt: vec![Inline::fett("6. Aufgaben und Reihenfolge")],
        });
        match &aw {
            Some(a) if !a.aufgaben.is_empty() => {
                if let Some(g) = d.gantt(a) {
                    s.bloecke.push(Block::Grafik(g));
                }
                let z = a
                    .aufgaben
                    .iter()
                    .map(|t| {
                        vec![
                            t.id.clone(),
                            t.titel.clone(),
                            t.verantwortlich.clone(),
                            anzahl(t.dauer, "Tag", "Tage"),
                            t.vorgaenger
                                .iter()
                                .map(|v| v.id.clone())
                                .collect::<Vec<_>>()
                                .join(", "),
                            datum_opt(t.anfang),
                            if t.kritisch { "ja".into() } else { "nein".into() },
                        ]
                    })
                    .collect();
                s.bloecke.push(tabelle(
                    "Aufgaben mit Dauer in Arbeitstagen und kritischem Pfad",
                    &[
                        "Nr.",
                        "Aufgabe",
                        "Verantwortlich",
                        "Dauer",
                        "nach",
                        "Beginn",
                        "kritisch",
                    ],
                    z,
                    &[1, 4, 3, 2, 1, 2, 1],
                ));
            }
            _ => s.bloecke.push(Block::absatz("Die Aufgaben werden noch geplant.")),
        }
        // 7 Meilensteine
        s.bloecke.push(Block::Absatz {
            inhalt: vec![Inline::fett("7. Meilensteine")],
        });
        match &aw {
            Some(a) if !a.meilensteine.is_empty() => {
                let z = a
                    .meilensteine
                    .iter()
                    .map(|m| {
                        vec![
                            m.titel.clone(),
                            datum_opt(m.datum),
                            Zustand::von(m.datum, m.erreicht, stichtag)
                                .wort("erreicht")
                                .into(),
                        ]
                    })
                    .collect();
                s.bloecke.push(tabelle(
                    "Meilensteine",
                    &["Meilenstein", "Termin", "Stand"],
                    z,
                    &[4, 2, 1],
                ));
            }
            _ => s
                .bloecke
                .push(Block::absatz("Die Meilensteine werden noch festgelegt.")),
        }
        ab.push(s);
    }
}
