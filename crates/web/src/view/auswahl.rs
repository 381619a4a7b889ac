//! The choice lists of select fields, translated: sectors, implementation times, kinds of Kommune.

use crate::i18n::Tr;

pub fn sektoren(tr: Tr) -> Vec<(&'static str, &'static str)> {
    werkstatt_core::teilnehmende::Sektor::ALL
        .iter()
        .map(|s| (s.slug(), tr.sektor(s.slug())))
        .collect()
}

pub fn umsetzungen(tr: Tr) -> Vec<(&'static str, &'static str)> {
    werkstatt_core::massnahme::Umsetzungszeit::ALL
        .iter()
        .map(|s| (s.slug(), tr.umsetzung(s.slug())))
        .collect()
}

pub fn arten(tr: Tr) -> Vec<(&'static str, &'static str)> {
    werkstatt_core::kommune::KommuneArt::ALL
        .iter()
        .map(|s| (s.slug(), tr.art(s.slug())))
        .collect()
}
