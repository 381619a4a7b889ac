//! A place with its preposition: "im Bürgerhaus Alte Schule, Eichelbach", "in der
//! Stadthalle", "in Eichelbach". A place whose first word is neither a known kind of
//! building nor a plain place name gets no preposition (`None`); the caller then writes
//! "(Ort: …)".

/// Building words (lower-case endings) and the preposition with article they take.
const GEBAEUDE: &[(&str, &str)] = &[
    ("haus", "im"),
    ("rathaus", "im"),
    ("saal", "im"),
    ("zentrum", "im"),
    ("forum", "im"),
    ("büro", "im"),
    ("hof", "im"),
    ("heim", "im"),
    ("treff", "im"),
    ("gebäude", "im"),
    ("raum", "im"),
    ("halle", "in der"),
    ("schule", "in der"),
    ("verwaltung", "in der"),
    ("bücherei", "in der"),
    ("bibliothek", "in der"),
    ("kirche", "in der"),
    ("akademie", "in der"),
    ("mühle", "in der"),
    ("scheune", "in der"),
];

/// "im Bürgerhaus Alte Schule, Eichelbach"; `None` when no preposition fits for sure.
pub fn ort_mit_praeposition(ort: &str) -> Option<String> {
    let ort = ort.split_whitespace().collect::<Vec<_>>().join(" ");
    let erstes = ort.split([' ', ',']).next()?;
    if !erstes.chars().next()?.is_uppercase() {
        return None;
    }
    let klein = erstes.to_lowercase();
    if let Some((_, p)) = GEBAEUDE
        .iter()
        .filter(|(e, _)| klein.ends_with(e))
        .max_by_key(|(e, _)| e.len())
    {
        return Some(format!("{p} {ort}"));
    }
    // A single name ("Eichelbach", "Bad Kreuznach" is two words and stays without):
    // places take "in" without an article.
    let einfach = !ort.contains([' ', ',']) && ort.chars().all(|c| c.is_alphabetic() || c == '-');
    einfach.then(|| format!("in {ort}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn praeposition_nach_gebaeude() {
        assert_eq!(
            ort_mit_praeposition("Bürgerhaus Alte Schule, Eichelbach").as_deref(),
            Some("im Bürgerhaus Alte Schule, Eichelbach")
        );
        assert_eq!(
            ort_mit_praeposition("Stadthalle").as_deref(),
            Some("in der Stadthalle")
        );
        assert_eq!(
            ort_mit_praeposition("Dorfgemeinschaftshaus Kleinweiler").as_deref(),
            Some("im Dorfgemeinschaftshaus Kleinweiler")
        );
        assert_eq!(
            ort_mit_praeposition("  Eichelbach ").as_deref(),
            Some("in Eichelbach")
        );
        assert_eq!(ort_mit_praeposition("Raum 2.14").as_deref(), Some("im Raum 2.14"));
        assert_eq!(
            ort_mit_praeposition("Idar-Oberstein").as_deref(),
            Some("in Idar-Oberstein")
        );
    }

    #[test]
    fn unklares_ohne_praeposition() {
        for o in ["", "Alte Schule, Eichelbach", "Bad Kreuznach", "online"] {
            assert_eq!(ort_mit_praeposition(o), None, "{o}");
        }
    }
}
