//! The fixed German wording of the strategy document: month names, dates, the names of
//! sectors, implementation times, strategies and funding sources. Sentences that depend
//! on the Kommunen are built with `crate::sprache`.

use time::Date;

use crate::massnahme::Umsetzungszeit;

const MONATE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// "14. März 2026".
pub fn datum_lang(d: Date) -> String {
    format!(
        "{}. {} {}",
        d.day(),
        MONATE[usize::from(u8::from(d.month())) - 1],
        d.year()
    )
}

/// "14.03.2026".
pub fn datum_kurz(d: Date) -> String {
    format!("{:02}.{:02}.{}", d.day(), u8::from(d.month()), d.year())
}

pub fn sektor_name(slug: &str) -> &str {
    match slug {
        "verwaltung" => "Verwaltung",
        "politik" => "Politik und Rat",
        "wirtschaft" => "Wirtschaft",
        "bildung" => "Schulen und Bildung",
        "vereine" => "Vereine und Ehrenamt",
        "buergerschaft" => "Bürgerschaft",
        _ => "Sonstige",
    }
}

pub fn umsetzung_name(u: Option<Umsetzungszeit>) -> &'static str {
    match u {
        Some(Umsetzungszeit::Kurzfristig) => "kurzfristig (bis 1 Jahr)",
        Some(Umsetzungszeit::Mittelfristig) => "mittelfristig (1 bis 2 Jahre)",
        Some(Umsetzungszeit::Langfristig) => "langfristig (über 2 Jahre)",
        None => "offen",
    }
}

pub fn strategie_name(slug: &str) -> &'static str {
    match slug {
        "informieren" => "informieren",
        "konsultieren" => "konsultieren",
        "beteiligen" => "beteiligen",
        _ => "eng einbinden",
    }
}

pub fn quelle_name(slug: &str, programm: &str) -> String {
    match slug {
        "foerdermittel" if !programm.trim().is_empty() => format!("Fördermittel ({})", programm.trim()),
        "foerdermittel" => "Fördermittel".into(),
        "dritte" => "Dritte".into(),
        _ => "Haushalt".into(),
    }
}

/// The opening of the chapter "Handlungsfelder".
pub fn handlungsfelder_einleitung(gewaehlt: usize) -> String {
    let satz = match gewaehlt {
        0 => "In der Werkstatt wurde noch kein Handlungsfeld ausgewählt.".to_owned(),
        1 => "In der Werkstatt wurde 1 Handlungsfeld ausgewählt. Dafür hat eine Gruppe ein Ziel \
              formuliert und Maßnahmen vorgeschlagen."
            .to_owned(),
        n => format!(
            "In der Werkstatt wurden {n} Handlungsfelder ausgewählt. Für jedes Feld hat eine Gruppe \
             ein Ziel formuliert und Maßnahmen vorgeschlagen."
        ),
    };
    format!("{satz} Der Rang gibt die Position in der gemeinsamen Priorisierung an.")
}

/// The opening of the chapter "Umsetzungsfahrplan", naming the base date.
pub fn fahrplan_einleitung(basis: Option<Date>) -> String {
    let ab = basis.map_or_else(String::new, |d| {
        format!(" Die Zieljahre sind ab dem {} gerechnet.", datum_lang(d))
    });
    format!(
        "Der Fahrplan ordnet alle Maßnahmen nach ihrer geschätzten Umsetzungszeit. Innerhalb jedes \
         Zeitraums stehen die Maßnahmen in der Reihenfolge der Priorisierung.{ab}"
    )
}

/// The heading of a period in the Fahrplan: "Kurzfristig (bis 1 Jahr)".
pub fn zeitraum_titel(u: Option<Umsetzungszeit>) -> String {
    match u {
        None => "Zeitrahmen noch offen".into(),
        Some(_) => crate::sprache::gross(umsetzung_name(u)),
    }
}

/// The table caption of a period: "Maßnahmen mit kurzfristiger Umsetzung (bis 1 Jahr)".
pub fn zeitraum_beschriftung(u: Option<Umsetzungszeit>) -> String {
    match u {
        Some(Umsetzungszeit::Kurzfristig) => "Maßnahmen mit kurzfristiger Umsetzung (bis 1 Jahr)".into(),
        Some(Umsetzungszeit::Mittelfristig) => {
            "Maßnahmen mit mittelfristiger Umsetzung (1 bis 2 Jahre)".into()
        }
        Some(Umsetzungszeit::Langfristig) => "Maßnahmen mit langfristiger Umsetzung (über 2 Jahre)".into(),
        None => "Maßnahmen ohne festgelegten Zeitrahmen".into(),
    }
}

/// The steps of the Werkstatt day, in order.
pub const ABLAUF: [&str; 5] = [
    "Info-Stationen: Steckbriefe mit Beispielmaßnahmen aus anderen Kommunen gaben Anregungen.",
    "Feldwahl: Mit Klebepunkten wählten die Teilnehmenden die Handlungsfelder, die ihnen am wichtigsten sind.",
    "Gruppenarbeit: Je Handlungsfeld formulierte eine Gruppe ein Ziel und Maßnahmen mit ihrer Umsetzungszeit.",
    "Priorisierung: Alle Maßnahmen wurden gemeinsam bewertet und in eine Rangfolge gebracht.",
    "Vertiefte Planung: Die wichtigsten Maßnahmen wurden entlang von sieben Fragen zu Projektplänen ausgearbeitet.",
];

/// The opening of the chapter "Prioritäre Projekte".
pub fn projekte_einleitung(n: usize) -> String {
    match n {
        0 => "Für die wichtigsten Maßnahmen werden Projektpläne noch erarbeitet.".into(),
        1 => "Die wichtigste Maßnahme wurde in der Werkstatt vertieft geplant. Der folgende \
              Projektsteckbrief beantwortet die sieben Kernfragen: Ergebnis, Zielgruppe, Beteiligte, \
              Projektorganisation, Ressourcen, Aufgaben und Meilensteine."
            .into(),
        n => format!(
            "Die {n} wichtigsten Maßnahmen wurden in der Werkstatt vertieft geplant. Die folgenden \
             Projektsteckbriefe beantworten für jede die sieben Kernfragen: Ergebnis, Zielgruppe, \
             Beteiligte, Projektorganisation, Ressourcen, Aufgaben und Meilensteine."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn einleitungen_in_einzahl_und_mehrzahl() {
        assert!(handlungsfelder_einleitung(1).contains("1 Handlungsfeld ausgewählt"));
        assert!(handlungsfelder_einleitung(5).contains("wurden 5 Handlungsfelder"));
        assert!(projekte_einleitung(1).starts_with("Die wichtigste Maßnahme wurde"));
        assert!(projekte_einleitung(3).starts_with("Die 3 wichtigsten Maßnahmen wurden"));
    }

    #[test]
    fn datum_deutsch() {
        let d = time::macros::date!(2026 - 03 - 14);
        assert_eq!(datum_lang(d), "14. März 2026");
        assert_eq!(datum_kurz(d), "14.03.2026");
    }
}
