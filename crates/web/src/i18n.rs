//! The i18n layer: every UI string comes from `locales/{de,en}.ftl` through [`Tr`].
//!
//! The files use a small subset of Fluent: one `key = value` per line, `#` comments, and
//! `{ $name }` placeholders. German is the source language; a key missing in English
//! falls back to German (a test keeps both files complete).

use std::collections::HashMap;
use std::sync::LazyLock;

use werkstatt_core::FieldError;

const DE: &str = include_str!("../locales/de.ftl");
const EN: &str = include_str!("../locales/en.ftl");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Self::De => "de",
            Self::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("de") => Some(Self::De),
            Some("en") => Some(Self::En),
            _ => None,
        }
    }

    /// Picks the first supported language of an `Accept-Language` header; German otherwise.
    pub fn from_accept_language(h: &str) -> Self {
        h.split(',')
            .filter_map(|part| Self::parse(part.split(';').next().unwrap_or("")))
            .next()
            .unwrap_or_default()
    }
}

pub fn parse_ftl(src: &str) -> HashMap<&str, &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

type Catalog = HashMap<&'static str, &'static str>;

static CATALOGS: LazyLock<(Catalog, Catalog)> = LazyLock::new(|| (parse_ftl(DE), parse_ftl(EN)));

/// The keys of both files, for the completeness test.
pub fn keys(lang: Lang) -> Vec<&'static str> {
    let c = match lang {
        Lang::De => &CATALOGS.0,
        Lang::En => &CATALOGS.1,
    };
    let mut k: Vec<_> = c.keys().copied().collect();
    k.sort_unstable();
    k
}

/// A translator for one language; cheap to copy into every template.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    fn raw(&self, key: &str) -> &'static str {
        let (de, en) = &*CATALOGS;
        let hit = match self.lang {
            Lang::En => en.get(key).or_else(|| de.get(key)),
            Lang::De => de.get(key),
        };
        match hit {
            Some(v) => v,
            None => {
                tracing::warn!(key, "missing i18n key");
                "???"
            }
        }
    }

    /// The text of `key`.
    pub fn s(&self, key: &str) -> &'static str {
        self.raw(key)
    }

    /// The text of `key` with `{ $name }` placeholders filled in.
    pub fn a(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut out = self.raw(key).to_owned();
        for (name, value) in args {
            out = out.replace(&format!("{{ ${name} }}"), value);
        }
        out
    }

    /// `a` with one argument.
    pub fn a1(&self, key: &str, n: &str, v: impl std::fmt::Display) -> String {
        self.a(key, &[(n, &v.to_string())])
    }

    /// `a` with two arguments.
    pub fn a2(
        &self,
        key: &str,
        n1: &str,
        v1: impl std::fmt::Display,
        n2: &str,
        v2: impl std::fmt::Display,
    ) -> String {
        self.a(key, &[(n1, &v1.to_string()), (n2, &v2.to_string())])
    }

    /// The message of a field error.
    pub fn field_error(&self, e: &FieldError) -> String {
        let args: Vec<(&str, &str)> = e.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.a(e.code, &args)
    }

    pub fn lang(&self) -> &'static str {
        self.lang.code()
    }

    /// The translated name of a standard field, or the stored one for a Werkstatt's own field.
    pub fn feld_name(&self, slug: &Option<String>, name: &str) -> String {
        match slug {
            Some(s) => self.s(&format!("feld-{s}")).to_owned(),
            None => name.to_owned(),
        }
    }

    /// The name of a prioritisation method.
    pub fn methode(&self, slug: &str) -> &'static str {
        self.s(&format!("methode-{slug}"))
    }

    /// The translated name of a standard field by its slug.
    pub fn feld(&self, slug: &str) -> &'static str {
        self.s(&format!("feld-{slug}"))
    }

    pub fn phase(&self, slug: &str) -> &'static str {
        self.s(&format!("phase-{slug}"))
    }

    pub fn sektor(&self, slug: &str) -> &'static str {
        self.s(&format!("sektor-{slug}"))
    }

    pub fn umsetzung(&self, slug: &str) -> &'static str {
        self.s(&format!("umsetzung-{slug}"))
    }

    pub fn status(&self, slug: &str) -> &'static str {
        self.s(&format!("status-{slug}"))
    }

    pub fn art(&self, slug: &str) -> &'static str {
        self.s(&format!("art-{slug}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_keys() {
        assert_eq!(keys(Lang::De), keys(Lang::En));
    }

    #[test]
    fn placeholders_and_accept_language() {
        let t = Tr::new(Lang::De);
        assert!(t.a("err-too-long", &[("max", "120")]).contains("120"));
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9,de;q=0.8"), Lang::En);
        assert_eq!(Lang::from_accept_language("fr-FR,fr"), Lang::De);
    }

    #[test]
    fn every_domain_code_is_translated() {
        let de = keys(Lang::De);
        for slug in werkstatt_core::werkstatt::Phase::ALL.map(|p| p.slug()) {
            assert!(de.contains(&format!("phase-{slug}").as_str()), "{slug}");
        }
        for slug in werkstatt_core::teilnehmende::Sektor::ALL.map(|p| p.slug()) {
            assert!(de.contains(&format!("sektor-{slug}").as_str()), "{slug}");
        }
        for slug in werkstatt_core::kommune::KommuneArt::ALL.map(|p| p.slug()) {
            assert!(de.contains(&format!("art-{slug}").as_str()), "{slug}");
        }
        for f in werkstatt_core::handlungsfeld::STANDARD_FELDER {
            assert!(de.contains(&format!("feld-{}", f.slug).as_str()), "{}", f.slug);
        }
    }
}
