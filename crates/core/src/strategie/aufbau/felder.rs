//! The chapter "Handlungsfelder": each chosen field with its Ziel, its measures and a
//! committing paragraph per measure.

use super::*;

/// The year a measure is to be done by, from the one base date of the document; a
/// Steckbrief's typical months stand in where the measure has no time of its own.
pub(crate) fn massnahme_jahr(m: &BundleMassnahme, s: Option<&Steckbrief>, basis: Date) -> Option<i32> {
    zieljahr(umsetzung(m), m.monate, basis)
        .or_else(|| s.and_then(|s| zieljahr(None, Some(s.umsetzungszeit_monate), basis)))
}

/// The lead in a sentence: with its article where the noun is known, otherwise in a
/// construction that needs no agreement.
fn federfuehrung_satz(lead: &str) -> String {
    let lead = lead.trim();
    if lead.is_empty() {
        return "Die Federführung wird mit dem Beschluss festgelegt.".into();
    }
    match sprache::rolle(lead) {
        Some(r) => format!("Die Federführung liegt bei {}.", r.im(Fall::Dativ)),
        None => format!("Federführung: {lead}."),
    }
}

/// The committing sentence for a measure without an adopted Steckbrief, from its own
/// time, target year and lead.
fn verpflichtung(m: &BundleMassnahme, sb: &Satzbau, basis: Option<Date>) -> String {
    let k = &sb.kommunen;
    let wer = k.gross(Fall::Nominativ);
    let setzt = k.numerus.waehle("setzt", "setzen");
    let zeit = umsetzung(m).map(|u| {
        let name = umsetzung_name(Some(u))
            .split(" (")
            .next()
            .unwrap_or("")
            .to_owned();
        match m.monate.filter(|n| *n > 0) {
            Some(n) => format!("{name}, geschätzt {}", anzahl(n, "Monat", "Monate")),
            None => name,
        }
    });
    let jahr = basis.and_then(|b| massnahme_jahr(m, None, b));
    let satz = match (jahr, zeit) {
        (Some(j), Some(z)) => format!("{wer} {setzt} diese Maßnahme bis {j} um ({z})."),
        (Some(j), None) => format!("{wer} {setzt} diese Maßnahme bis {j} um."),
        (None, _) => {
            format!("{wer} {setzt} diese Maßnahme um; der Zeitrahmen wird im weiteren Verfahren festgelegt.")
        }
    };
    format!("{satz} {}", federfuehrung_satz(&m.federfuehrung))
}

fn massnahme_absatz(m: &BundleMassnahme, q: &Quelle<'_>, sb: &Satzbau, basis: Option<Date>) -> Vec<Block> {
    let mut bl = absaetze(&m.beschreibung);
    if let Some(sid) = &m.steckbrief_id
        && let Some(s) = q.steckbriefe.get(sid)
    {
        let werte = Werte {
            kommune: Some(sb.kommunen.clone()),
            rat: Some(sb.rat.clone()),
            jahr: basis.and_then(|b| massnahme_jahr(m, Some(s), b)),
            federfuehrung: Some(if m.federfuehrung.trim().is_empty() {
                "noch offen".to_owned()
            } else {
                m.federfuehrung.trim().to_owned()
            }),
        };
        if let Ok(text) = rendern(&s.textbaustein.text, &werte) {
            let mut inhalt = vec![Inline::text(text)];
            inhalt.extend(s.textbaustein.fussnoten.iter().map(Inline::fussnote));
            bl.push(Block::Absatz { inhalt });
            return bl;
        }
    }
    bl.push(Block::absatz(verpflichtung(m, sb, basis)));
    bl
}

pub(super) fn handlungsfelder(q: &Quelle<'_>, sb: &Satzbau, rf: &Rangfolge, ab: &mut Vec<Abschnitt>) {
    let b = q.bundle;
    let basis = basisdatum(q);
    let mut a = Abschnitt::neu("handlungsfelder", 1, "Handlungsfelder");
    let gewaehlt: Vec<_> = b.felder.iter().filter(|f| f.gewaehlt).collect();
    a.bloecke.push(Block::absatz(wortlaut::handlungsfelder_einleitung(
        gewaehlt.len(),
    )));
    let nicht: Vec<String> = b.felder.iter().filter(|f| !f.gewaehlt).map(feld_name).collect();
    if !nicht.is_empty() {
        a.bloecke.push(Block::Absatz {
            inhalt: vec![
                Inline::fett("Nicht ausgewählte Handlungsfelder:"),
                Inline::text(format!(
                    " {}. Sie bleiben für eine spätere Fortschreibung offen.",
                    aufzaehlung(&nicht)
                )),
            ],
        });
    }
    ab.push(a);
    for f in gewaehlt {
        let name = feld_name(f);
        let mut s = Abschnitt::neu(
            schluessel("feld", f.slug.as_deref().unwrap_or(&f.id)),
            2,
            name.clone(),
        );
        if let Some(z) = b
            .ziele
            .iter()
            .find(|z| z.feld_id == f.id)
            .filter(|z| !z.text.trim().is_empty())
        {
            s.bloecke.push(fett_absatz("Ziel", z.text.trim()));
        } else {
            s.bloecke
                .push(fett_absatz("Ziel", "Das Ziel wird noch formuliert."));
        }
        let mut ms: Vec<&BundleMassnahme> = b.massnahmen.iter().filter(|m| m.feld_id == f.id).collect();
        ms.sort_by_key(|m| {
            (
                rf.platz.get(&m.id).copied().unwrap_or(usize::MAX),
                m.titel.clone(),
            )
        });
        if ms.is_empty() {
            s.bloecke.push(Block::absatz(
                "Für dieses Handlungsfeld wurden noch keine Maßnahmen festgehalten.",
            ));
            ab.push(s);
            continue;
        }
        let zeilen = ms
            .iter()
            .map(|m| {
                vec![
                    m.titel.clone(),
                    umsetzung_text(m),
                    rf.platz
                        .get(&m.id)
                        .map_or_else(|| "–".into(), ToString::to_string),
                    if m.federfuehrung.trim().is_empty() {
                        "offen".into()
                    } else {
                        m.federfuehrung.clone()
                    },
                ]
            })
            .collect();
        s.bloecke.push(tabelle(
            format!("Maßnahmen im Handlungsfeld {name}"),
            &["Maßnahme", "Umsetzungszeit", "Rang", "Federführung"],
            zeilen,
            &[4, 3, 1, 3],
        ));
        ab.push(s);
        for m in ms {
            let mut x = Abschnitt::neu(schluessel("massnahme", &m.id), 3, m.titel.clone());
            x.bloecke = massnahme_absatz(m, q, sb, basis);
            ab.push(x);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn federfuehrung_mit_artikel_oder_ohne_kongruenz() {
        assert_eq!(
            federfuehrung_satz("Jugendpflege der VG Eichelbachtal"),
            "Die Federführung liegt bei der Jugendpflege der VG Eichelbachtal."
        );
        assert_eq!(
            federfuehrung_satz("Personalabteilungen beider Verbandsgemeinden"),
            "Die Federführung liegt bei den Personalabteilungen beider Verbandsgemeinden."
        );
        assert_eq!(
            federfuehrung_satz("VG Steinhöhe, Fachbereich 2 – Bürgerdienste"),
            "Federführung: VG Steinhöhe, Fachbereich 2 – Bürgerdienste."
        );
        assert!(federfuehrung_satz(" ").contains("mit dem Beschluss"));
    }
}
