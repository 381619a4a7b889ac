//! Numbers, money and dates for display, in the request's language.

use time::Date;
use werkstatt_core::planung::projektplan::Dezimal;
use werkstatt_core::werkstatt::format_datum;

use crate::i18n::Tr;

/// A date for display: `14.03.2026` in German, `2026-03-14` in English; `–` for none.
pub fn datum_text(tr: Tr, d: Option<Date>) -> String {
    match d {
        Some(d) if tr.lang() == "de" => werkstatt_core::werkstatt::format_datum_de(d),
        Some(d) => format_datum(d),
        None => "–".to_owned(),
    }
}

/// An amount of money: `12.500,00 €` in German, `€12,500.00` in English.
pub fn euro(tr: Tr, d: Dezimal) -> String {
    if tr.lang() == "de" {
        format!("{} €", d.deutsch(true))
    } else {
        format!("€{}", d.englisch(true))
    }
}

/// A decimal number without forced cents.
pub fn zahl(tr: Tr, d: Dezimal) -> String {
    if tr.lang() == "de" {
        d.deutsch(false)
    } else {
        d.englisch(false)
    }
}

/// A decimal as form text that reads back unchanged: `12.500,50` (German), `12500.50`.
pub fn form_dezimal(tr: Tr, d: Dezimal) -> String {
    let h = d.hundertstel();
    if tr.lang() == "de" {
        if h % 100 == 0 {
            d.deutsch(false)
        } else {
            d.deutsch(true)
        }
    } else if h % 100 == 0 {
        (h / 100).to_string()
    } else {
        format!("{}.{:02}", h / 100, h % 100)
    }
}

/// One decimal place with a decimal comma, as the round results show it.
pub fn einstellig(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// A stored ISO date (`2026-03-14`) for display; empty when it does not parse.
pub fn datum_iso_text(iso: &str) -> String {
    werkstatt_core::werkstatt::parse_datum("d", iso)
        .map_or_else(|_| String::new(), werkstatt_core::strategie::aufbau::datum_kurz)
}

/// A creation time (Unix ms) as date and UTC time.
pub fn erstellt_text(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms / 1000).map_or_else(
        |_| String::new(),
        |t| {
            format!(
                "{} {:02}:{:02} UTC",
                werkstatt_core::strategie::aufbau::datum_kurz(t.date()),
                t.hour(),
                t.minute()
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn decimals_in_forms_read_back() {
        let de = Tr::new(Lang::De);
        let en = Tr::new(Lang::En);
        assert_eq!(form_dezimal(de, Dezimal(1_250_050)), "12.500,50");
        assert_eq!(form_dezimal(de, Dezimal(1_250_000)), "12.500");
        assert_eq!(form_dezimal(en, Dezimal(1_250_050)), "12500.50");
        assert_eq!(form_dezimal(en, Dezimal(25)), "0.25");
        assert_eq!(euro(de, Dezimal(1_250_050)), "12.500,50 €");
        assert_eq!(euro(en, Dezimal(1_250_050)), "€12,500.50");
    }

    #[test]
    fn one_decimal_uses_a_comma_and_rounds() {
        assert_eq!(einstellig(2.25), "2,2");
        assert_eq!(einstellig(7.0), "7,0");
        assert_eq!(einstellig(-0.06), "-0,1");
    }
}
