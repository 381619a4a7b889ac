//! Leads and roles ("Jugendpflege der VG Eichelbachtal", "Bürgermeisterin oder
//! Bürgermeister") with their article in a case, where the head noun is one the list
//! below knows. The head is the first word; what follows it stays as written.
//!
//! The list is deliberately small and conservative: a word whose number or gender is
//! ambiguous ("Digitalisierungsbeauftragte" is a woman or several people) is not known,
//! and the caller falls back to a construction without agreement ("Federführung: …").

use super::{Fall, Genus, Nominal, Numerus, artikel};

/// How the head noun declines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Art {
    /// Unchanged in every case (feminine singular).
    Fest(Genus),
    /// Strong masculine or neuter: only the genitive takes an ending.
    Genitiv(Genus, &'static str),
    /// Weak masculine: "-en"/"-n" in every case but the nominative ("der Lotse, des Lotsen").
    Schwach(&'static str),
    /// A noun made from an adjective: "der Beauftragte, des Beauftragten".
    Adjektivisch(Genus),
    /// Plural; the dative takes "-n" where the word does not already end in n or s.
    Mehrzahl,
}

/// Word endings (lower case) and how the noun declines; the longest match wins.
const ENDUNGEN: &[(&str, Art)] = &[
    // plural
    ("ungen", Art::Mehrzahl),
    ("stellen", Art::Mehrzahl),
    ("gruppen", Art::Mehrzahl),
    ("gemeinden", Art::Mehrzahl),
    ("schulen", Art::Mehrzahl),
    ("eien", Art::Mehrzahl),
    ("innen", Art::Mehrzahl),
    ("ämter", Art::Mehrzahl),
    ("bereiche", Art::Mehrzahl),
    ("werke", Art::Mehrzahl),
    ("dienste", Art::Mehrzahl),
    ("vereine", Art::Mehrzahl),
    ("büros", Art::Mehrzahl),
    ("teams", Art::Mehrzahl),
    // feminine
    ("ung", Art::Fest(Genus::Femininum)),
    ("stelle", Art::Fest(Genus::Femininum)),
    ("pflege", Art::Fest(Genus::Femininum)),
    ("gruppe", Art::Fest(Genus::Femininum)),
    ("information", Art::Fest(Genus::Femininum)),
    ("koordination", Art::Fest(Genus::Femininum)),
    ("kommission", Art::Fest(Genus::Femininum)),
    ("arbeit", Art::Fest(Genus::Femininum)),
    ("schule", Art::Fest(Genus::Femininum)),
    ("bücherei", Art::Fest(Genus::Femininum)),
    ("gemeinde", Art::Fest(Genus::Femininum)),
    ("kammer", Art::Fest(Genus::Femininum)),
    ("agentur", Art::Fest(Genus::Femininum)),
    ("initiative", Art::Fest(Genus::Femininum)),
    ("meisterin", Art::Fest(Genus::Femininum)),
    ("leiterin", Art::Fest(Genus::Femininum)),
    ("koordinatorin", Art::Fest(Genus::Femininum)),
    ("managerin", Art::Fest(Genus::Femininum)),
    ("referentin", Art::Fest(Genus::Femininum)),
    ("beraterin", Art::Fest(Genus::Femininum)),
    // masculine
    ("bereich", Art::Genitiv(Genus::Maskulinum, "s")),
    ("rat", Art::Genitiv(Genus::Maskulinum, "s")),
    ("ausschuss", Art::Genitiv(Genus::Maskulinum, "es")),
    ("dienst", Art::Genitiv(Genus::Maskulinum, "es")),
    ("verein", Art::Genitiv(Genus::Maskulinum, "s")),
    ("verband", Art::Genitiv(Genus::Maskulinum, "s")),
    ("betrieb", Art::Genitiv(Genus::Maskulinum, "s")),
    ("bauhof", Art::Genitiv(Genus::Maskulinum, "s")),
    ("meister", Art::Genitiv(Genus::Maskulinum, "s")),
    ("leiter", Art::Genitiv(Genus::Maskulinum, "s")),
    ("koordinator", Art::Genitiv(Genus::Maskulinum, "s")),
    ("manager", Art::Genitiv(Genus::Maskulinum, "s")),
    ("berater", Art::Genitiv(Genus::Maskulinum, "s")),
    ("referent", Art::Schwach("en")),
    ("lotse", Art::Schwach("n")),
    ("beauftragter", Art::Adjektivisch(Genus::Maskulinum)),
    // neuter
    ("amt", Art::Genitiv(Genus::Neutrum, "s")),
    ("büro", Art::Genitiv(Genus::Neutrum, "s")),
    ("team", Art::Genitiv(Genus::Neutrum, "s")),
    ("referat", Art::Genitiv(Genus::Neutrum, "s")),
    ("management", Art::Genitiv(Genus::Neutrum, "s")),
    ("zentrum", Art::Genitiv(Genus::Neutrum, "s")),
    ("werk", Art::Genitiv(Genus::Neutrum, "s")),
    ("gremium", Art::Genitiv(Genus::Neutrum, "s")),
];

fn art_von(wort: &str) -> Option<Art> {
    if !wort.chars().next().is_some_and(char::is_uppercase) || wort.ends_with('-') {
        return None;
    }
    let klein = wort.to_lowercase();
    ENDUNGEN
        .iter()
        .filter(|(e, _)| klein.ends_with(e))
        .max_by_key(|(e, _)| e.len())
        .map(|(_, a)| *a)
}

/// The head noun with its article in every case.
fn kopf(wort: &str, art: Art) -> ([String; 4], Numerus) {
    let mit = |g: Genus, n: Numerus, f: Fall, w: &str| format!("{} {w}", artikel(g, n, f));
    match art {
        Art::Fest(g) => (
            Fall::ALL.map(|f| mit(g, Numerus::Singular, f, wort)),
            Numerus::Singular,
        ),
        Art::Genitiv(g, endung) => (
            Fall::ALL.map(|f| {
                let w = if f == Fall::Genitiv {
                    format!("{wort}{endung}")
                } else {
                    wort.to_owned()
                };
                mit(g, Numerus::Singular, f, &w)
            }),
            Numerus::Singular,
        ),
        Art::Schwach(endung) => (
            Fall::ALL.map(|f| {
                let w = if f == Fall::Nominativ {
                    wort.to_owned()
                } else {
                    format!("{wort}{endung}")
                };
                mit(Genus::Maskulinum, Numerus::Singular, f, &w)
            }),
            Numerus::Singular,
        ),
        Art::Adjektivisch(g) => {
            // The weak ending after the article: "-e" in the nominative (and the feminine
            // accusative), "-en" elsewhere.
            let stamm = wort.strip_suffix('r').unwrap_or(wort);
            let stamm = stamm.strip_suffix('e').unwrap_or(stamm);
            (
                Fall::ALL.map(|f| {
                    let e = match (g, f) {
                        (_, Fall::Nominativ) | (Genus::Femininum, Fall::Akkusativ) => "e",
                        _ => "en",
                    };
                    mit(g, Numerus::Singular, f, &format!("{stamm}{e}"))
                }),
                Numerus::Singular,
            )
        }
        Art::Mehrzahl => (
            Fall::ALL.map(|f| {
                let w = if f == Fall::Dativ && !wort.ends_with(['n', 's']) {
                    format!("{wort}n")
                } else {
                    wort.to_owned()
                };
                mit(Genus::Femininum, Numerus::Plural, f, &w)
            }),
            Numerus::Plural,
        ),
    }
}

fn einzeln(text: &str, art: impl Fn(&str) -> Option<Art>) -> Option<Nominal> {
    let (wort, rest) = match text.split_once(' ') {
        Some((w, r)) => (w, format!(" {r}")),
        None => (text, String::new()),
    };
    let (formen, numerus) = kopf(wort, art(wort)?);
    Some(Nominal::neu(formen.map(|f| f + &rest), numerus))
}

/// A lead or role with its article, or `None` when its head noun is not known.
///
/// "Bürgermeisterin oder Bürgermeister" becomes "die Bürgermeisterin oder der
/// Bürgermeister"; "Digitalisierungsbeauftragte oder Digitalisierungsbeauftragter"
/// becomes "die Digitalisierungsbeauftragte oder der Digitalisierungsbeauftragte".
pub fn rolle(text: &str) -> Option<Nominal> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return None;
    }
    if let Some((a, b)) = text.split_once(" oder ") {
        // Next to its masculine form, "-beauftragte" is the feminine singular.
        let paar = |w: &str| {
            if w.to_lowercase().ends_with("beauftragte") && b.to_lowercase().starts_with(&w.to_lowercase()) {
                Some(Art::Adjektivisch(Genus::Femininum))
            } else {
                art_von(w)
            }
        };
        if let (Some(x), Some(y)) = (einzeln(a, paar), einzeln(b, art_von)) {
            return Some(Nominal::oder(&x, &y));
        }
    }
    // "Ortsbürgermeisterinnen und Ortsbürgermeister": one plural pair.
    if let Some((a, b)) = text.split_once(" und ")
        && let Some(stamm) = a.strip_suffix("innen")
        && b.split(' ').next() == Some(stamm)
        && !a.contains(' ')
    {
        let (dat_b, rest) = match b.split_once(' ') {
            Some((w, r)) => (format!("{w}n"), format!(" {r}")),
            None => (format!("{b}n"), String::new()),
        };
        return Some(Nominal::neu(
            Fall::ALL.map(|f| {
                let zweites = if f == Fall::Dativ {
                    format!("{dat_b}{rest}")
                } else {
                    b.to_owned()
                };
                format!(
                    "{} {a} und {zweites}",
                    artikel(Genus::Femininum, Numerus::Plural, f)
                )
            }),
            Numerus::Plural,
        ));
    }
    einzeln(&text, art_von)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alle(text: &str) -> Option<[String; 4]> {
        rolle(text).map(|n| Fall::ALL.map(|f| n.im(f).to_owned()))
    }

    #[test]
    fn bekannte_koepfe_mit_artikel() {
        assert_eq!(
            alle("Jugendpflege der VG Eichelbachtal").unwrap(),
            [
                "die Jugendpflege der VG Eichelbachtal",
                "der Jugendpflege der VG Eichelbachtal",
                "der Jugendpflege der VG Eichelbachtal",
                "die Jugendpflege der VG Eichelbachtal"
            ]
        );
        assert_eq!(
            alle("Fachbereich 2 – Bürgerdienste").unwrap()[1],
            "des Fachbereichs 2 – Bürgerdienste"
        );
        assert_eq!(alle("Hauptamt").unwrap()[2], "dem Hauptamt");
        assert_eq!(alle("IT-Abteilung").unwrap()[0], "die IT-Abteilung");
        assert_eq!(alle("Bürgerbus-Verein").unwrap()[1], "des Bürgerbus-Vereins");
        assert_eq!(alle("Sitzungsdienst").unwrap()[1], "des Sitzungsdienstes");
        assert_eq!(alle("Ehrenamtslotse").unwrap()[2], "dem Ehrenamtslotsen");
    }

    #[test]
    fn mehrzahl_folgt_dem_verb() {
        let p = rolle("Personalabteilungen beider Verbandsgemeinden").unwrap();
        assert_eq!(p.numerus, Numerus::Plural);
        assert_eq!(
            p.im(Fall::Nominativ),
            "die Personalabteilungen beider Verbandsgemeinden"
        );
        assert_eq!(
            p.im(Fall::Dativ),
            "den Personalabteilungen beider Verbandsgemeinden"
        );
        assert_eq!(
            rolle("Verbandsgemeindewerke Eichelbachtal")
                .unwrap()
                .im(Fall::Dativ),
            "den Verbandsgemeindewerken Eichelbachtal"
        );
        assert_eq!(
            rolle("Büros beider Bürgermeister").unwrap().im(Fall::Dativ),
            "den Büros beider Bürgermeister"
        );
        let o = rolle("Ortsbürgermeisterinnen und Ortsbürgermeister").unwrap();
        assert_eq!(
            o.im(Fall::Dativ),
            "den Ortsbürgermeisterinnen und Ortsbürgermeistern"
        );
        assert_eq!(o.numerus, Numerus::Plural);
    }

    #[test]
    fn paare_mit_oder() {
        assert_eq!(
            alle("Bürgermeisterin oder Bürgermeister").unwrap(),
            [
                "die Bürgermeisterin oder der Bürgermeister",
                "der Bürgermeisterin oder des Bürgermeisters",
                "der Bürgermeisterin oder dem Bürgermeister",
                "die Bürgermeisterin oder den Bürgermeister"
            ]
        );
        assert_eq!(
            alle("Digitalisierungsbeauftragte oder Digitalisierungsbeauftragter").unwrap(),
            [
                "die Digitalisierungsbeauftragte oder der Digitalisierungsbeauftragte",
                "der Digitalisierungsbeauftragten oder des Digitalisierungsbeauftragten",
                "der Digitalisierungsbeauftragten oder dem Digitalisierungsbeauftragten",
                "die Digitalisierungsbeauftragte oder den Digitalisierungsbeauftragten"
            ]
        );
    }

    #[test]
    fn unsicheres_bleibt_unbekannt() {
        for t in [
            "",
            "VG Eichelbachtal, Fachbereich 1",
            "Digitalisierungsbeauftragte beider Verbandsgemeinden",
            "Kita- und Schulverwaltungen",
            "digitale Verwaltung",
            "Frau Müller",
        ] {
            assert_eq!(rolle(t), None, "{t}");
        }
    }
}
