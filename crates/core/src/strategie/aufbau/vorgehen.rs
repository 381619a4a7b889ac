//! The chapter "Vorgehen": how the Werkstatt ran, who took part, the Feldwahl.

use super::*;

pub(super) fn vorgehen(
    b: &Bundle,
    k: &Kontext,
    felder: &HashMap<&str, String>,
    d: &dyn Diagramme,
) -> Abschnitt {
    let mut a = Abschnitt::neu("vorgehen", 1, "Vorgehen");
    let wer = match k.teilnehmende {
        0 => String::new(),
        1 => " 1 Person hat mitgewirkt.".into(),
        n => format!(
            " {n} Personen aus Verwaltung, Politik, Wirtschaft, Schulen, Vereinen und Bürgerschaft \
             haben mitgewirkt."
        ),
    };
    // A place with a comma ("Bürgerhaus Alte Schule, Eichelbach") is an apposition that
    // closes with a comma inside the sentence.
    let wann_wo = datum_und_ort(k);
    let komma = if k.ort.contains(',') { "," } else { "" };
    a.bloecke.push(Block::absatz(format!(
        "Die Strategie wurde {wann_wo}{komma} in einer eintägigen Digital-Werkstatt erarbeitet.{wer}"
    )));
    let mut sektoren: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &b.teilnehmende {
        *sektoren.entry(t.sektor.as_str()).or_default() += 1;
    }
    if !sektoren.is_empty() {
        let reihenfolge = [
            "verwaltung",
            "politik",
            "wirtschaft",
            "bildung",
            "vereine",
            "buergerschaft",
            "sonstige",
        ];
        let zeilen = reihenfolge
            .iter()
            .filter_map(|s| {
                sektoren
                    .get(s)
                    .map(|n| vec![sektor_name(s).to_owned(), n.to_string()])
            })
            .collect();
        a.bloecke.push(tabelle(
            "Teilnehmende nach Bereichen",
            &["Bereich", "Personen"],
            zeilen,
            &[3, 1],
        ));
    }
    a.bloecke.push(Block::absatz("Der Tag folgte fünf Schritten:"));
    a.bloecke.push(Block::Liste {
        nummeriert: true,
        punkte: wortlaut::ABLAUF.iter().map(|s| vec![Inline::text(*s)]).collect(),
    });
    let mut punkte: BTreeMap<&str, u32> = BTreeMap::new();
    for s in &b.feldstimmen {
        *punkte.entry(s.feld_id.as_str()).or_default() += s.punkte;
    }
    if !punkte.is_empty() {
        let mut liste: Vec<(String, u32)> = b
            .felder
            .iter()
            .map(|f| {
                (
                    felder.get(f.id.as_str()).cloned().unwrap_or_default(),
                    punkte.get(f.id.as_str()).copied().unwrap_or(0),
                )
            })
            .collect();
        liste.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        if let Some(g) = d.feldwahl(&liste) {
            a.bloecke.push(Block::Grafik(g));
        }
        let zeilen = liste
            .iter()
            .map(|(n, p)| vec![n.clone(), p.to_string()])
            .collect();
        a.bloecke.push(tabelle(
            "Punkte je Handlungsfeld in der Feldwahl",
            &["Handlungsfeld", "Punkte"],
            zeilen,
            &[3, 1],
        ));
    }
    a
}
