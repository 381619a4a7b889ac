//! The chapters "Organisation der Umsetzung" (the Organigramm) and "Weiteres Vorgehen"
//! (the next steps).

use super::*;

/// The proposals (Organigramm, next steps) speak of "the Rat"; the document names the
/// council(s) of its Kommunen instead, with the verb agreeing.
pub(crate) fn rat_einsetzen(text: &str, sb: &Satzbau) -> String {
    if text.trim() == "Rat" {
        return sb.rat_name.clone();
    }
    let mehrere = sb.rat.numerus == Numerus::Plural;
    let im = if mehrere {
        "Beschluss in den Räten".to_owned()
    } else {
        format!("Beschluss im {}", sb.rat_name)
    };
    text.replace("Beschluss im Rat", &im)
        .replace(
            "Der Rat beschließt",
            &format!(
                "{} {}",
                sb.rat.gross(Fall::Nominativ),
                sb.rat.numerus.waehle("beschließt", "beschließen")
            ),
        )
        .replace("dem Rat", sb.rat.im(Fall::Dativ))
}

pub(super) fn organisation(o: &Organigramm, sb: &Satzbau, d: &dyn Diagramme, ab: &mut Vec<Abschnitt>) {
    let mut a = Abschnitt::neu("organisation", 1, "Organisation der Umsetzung");
    a.bloecke.push(Block::absatz(
        "Damit die Strategie umgesetzt wird, braucht sie feste Zuständigkeiten. Das folgende \
         Organigramm ist ein Vorschlag, wie die Verwaltung den digitalen Wandel organisiert. \
         Die Linien zeigen, wer wem berichtet.",
    ));
    if let Some(g) = d.organigramm(o) {
        a.bloecke.push(Block::Grafik(g));
    }
    let titel: HashMap<&str, String> = o
        .rollen
        .iter()
        .map(|r| (r.id.as_str(), rat_einsetzen(&r.titel, sb)))
        .collect();
    let z = o
        .rollen
        .iter()
        .map(|r| {
            vec![
                rat_einsetzen(&r.titel, sb),
                r.art.name().to_owned(),
                r.besetzung.clone(),
                r.berichtet_an
                    .as_deref()
                    .and_then(|x| titel.get(x))
                    .map_or_else(|| "–".into(), Clone::clone),
                rat_einsetzen(&r.aufgabe, sb),
            ]
        })
        .collect();
    a.bloecke.push(tabelle(
        "Rollen und Berichtswege",
        &["Rolle", "Art", "Besetzung", "berichtet an", "Aufgabe"],
        z,
        &[3, 2, 3, 3, 4],
    ));
    ab.push(a);
}

pub(super) fn weiteres_vorgehen(q: &Quelle<'_>, sb: &Satzbau, ab: &mut Vec<Abschnitt>) {
    let schritte = q.schritte;
    let stichtag = stichtag(q);
    let mut a = Abschnitt::neu("weiteres-vorgehen", 1, "Weiteres Vorgehen");
    a.bloecke.push(Block::absatz(
        "Die folgenden Schritte führen vom Entwurf zur Umsetzung. Die Termine sind Vorschläge \
         und werden mit dem Beschluss verbindlich festgelegt.",
    ));
    if !schritte.is_empty() {
        let z = schritte
            .iter()
            .map(|s| {
                vec![
                    datum_opt(s.datum),
                    rat_einsetzen(&s.titel, sb),
                    rat_einsetzen(&s.beschreibung, sb),
                    rat_einsetzen(leer_offen(&s.verantwortlich), sb),
                    Zustand::von(s.datum, s.erledigt, stichtag)
                        .wort("erledigt")
                        .into(),
                ]
            })
            .collect();
        a.bloecke.push(tabelle(
            "Nächste Schritte",
            &["bis", "Schritt", "Beschreibung", "verantwortlich", "Stand"],
            z,
            &[2, 3, 5, 3, 1],
        ));
    }
    ab.push(a);
}
