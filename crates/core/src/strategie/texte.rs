//! The free-text chapters of the strategy (Vorwort, Anlass und Zielsetzung, Ausgangslage,
//! Leitbild): what a facilitator wrote, or a German default that names the Kommunen.
//!
//! A stored `None` means "use the default"; an empty text for an optional chapter
//! (Vorwort, Leitbild) leaves that chapter out.

use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::kommune::KommuneArt;
use crate::strategie::markdown::MAX_ZEICHEN;
use crate::text;

/// One of the free-text chapters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Freitext {
    Vorwort,
    Anlass,
    Ausgangslage,
    Leitbild,
}

impl Freitext {
    pub const ALL: [Freitext; 4] = [Self::Vorwort, Self::Anlass, Self::Ausgangslage, Self::Leitbild];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Vorwort => "vorwort",
            Self::Anlass => "anlass",
            Self::Ausgangslage => "ausgangslage",
            Self::Leitbild => "leitbild",
        }
    }

    /// The chapter title in the document.
    pub fn titel(self) -> &'static str {
        match self {
            Self::Vorwort => "Vorwort",
            Self::Anlass => "Anlass und Zielsetzung",
            Self::Ausgangslage => "Ausgangslage und Profil",
            Self::Leitbild => "Leitbild",
        }
    }

    /// Optional chapters may be left out by saving an empty text.
    pub fn optional(self) -> bool {
        matches!(self, Self::Vorwort | Self::Leitbild)
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|f| f.slug() == raw.trim())
            .ok_or_else(|| FieldError::new(field, "err-unknown-choice"))
    }
}

/// The stored texts; `None` = the default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Freitexte {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vorwort: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anlass: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ausgangslage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leitbild: Option<String>,
}

impl Freitexte {
    pub fn get(&self, f: Freitext) -> Option<&str> {
        match f {
            Freitext::Vorwort => self.vorwort.as_deref(),
            Freitext::Anlass => self.anlass.as_deref(),
            Freitext::Ausgangslage => self.ausgangslage.as_deref(),
            Freitext::Leitbild => self.leitbild.as_deref(),
        }
    }

    pub fn set(&mut self, f: Freitext, v: Option<String>) {
        let slot = match f {
            Freitext::Vorwort => &mut self.vorwort,
            Freitext::Anlass => &mut self.anlass,
            Freitext::Ausgangslage => &mut self.ausgangslage,
            Freitext::Leitbild => &mut self.leitbild,
        };
        *slot = v;
    }

    /// The text that goes into the document: the stored one or the default.
    pub fn wirksam(&self, f: Freitext, k: &Kontext) -> String {
        self.get(f).map_or_else(|| standard(f, k), str::to_owned)
    }
}

/// Checks a submitted text: required chapters need content, all stay under the limit.
pub fn parse_text(f: Freitext, raw: &str) -> Result<String, FieldError> {
    text::bounded("text", raw, usize::from(!f.optional()), MAX_ZEICHEN)
}

/// A Kommune as the documents name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KommuneName {
    pub name: String,
    pub art: Option<KommuneArt>,
    pub einwohner: i64,
}

impl KommuneName {
    /// "Verbandsgemeinde Eichelbachtal".
    pub fn voll(&self) -> String {
        match self.art {
            Some(a) => format!("{} {}", a.bezeichnung(), self.name),
            None => self.name.clone(),
        }
    }

    /// "der Verbandsgemeinde Eichelbachtal", "des Landkreises Cochem-Zell".
    pub fn genitiv(&self) -> String {
        match self.art {
            Some(KommuneArt::Landkreis) => format!("des Landkreises {}", self.name),
            Some(a) => format!("der {} {}", a.bezeichnung(), self.name),
            None => self.name.clone(),
        }
    }
}

/// What the defaults are written from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kontext {
    pub kommunen: Vec<KommuneName>,
    /// "14. März 2026".
    pub datum: String,
    pub ort: String,
    pub teilnehmende: usize,
    /// Names of the chosen Handlungsfelder.
    pub felder: Vec<String>,
}

/// "A", "A und B", "A, B und C".
pub fn aufzaehlung(teile: &[String]) -> String {
    match teile {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., letzt] => format!("{} und {letzt}", rest.join(", ")),
    }
}

impl Kontext {
    /// "der Verbandsgemeinde A und der Verbandsgemeinde B".
    pub fn genitiv(&self) -> String {
        if self.kommunen.is_empty() {
            return "der Kommune".into();
        }
        aufzaehlung(&self.kommunen.iter().map(KommuneName::genitiv).collect::<Vec<_>>())
    }

    /// "die Verbandsgemeinde A und die Stadt B" as subject.
    pub fn nominativ(&self) -> String {
        if self.kommunen.is_empty() {
            return "die Kommune".into();
        }
        let teile: Vec<String> = self
            .kommunen
            .iter()
            .map(|k| match k.art {
                Some(KommuneArt::Landkreis) => format!("der {}", k.voll()),
                Some(_) => format!("die {}", k.voll()),
                None => k.voll(),
            })
            .collect();
        aufzaehlung(&teile)
    }

    fn mehrere(&self) -> bool {
        self.kommunen.len() > 1
    }
}

/// The document title.
pub fn dokumenttitel(k: &Kontext) -> String {
    if k.mehrere() {
        format!("Gemeinsame Digitalstrategie {}", k.genitiv())
    } else {
        format!("Digitalstrategie {}", k.genitiv())
    }
}

/// The default text of a chapter, in the safe Markdown subset.
pub fn standard(f: Freitext, k: &Kontext) -> String {
    let wer = k.nominativ();
    let wessen = k.genitiv();
    let felder = if k.felder.is_empty() {
        "den gewählten Handlungsfeldern".to_owned()
    } else {
        format!("den Handlungsfeldern {}", aufzaehlung(&k.felder))
    };
    let verb = if k.mehrere() { "wollen" } else { "will" };
    let (stellen, ihre) = if k.mehrere() {
        ("stellen", "ihre")
    } else {
        ("stellt", "ihre")
    };
    match f {
        Freitext::Vorwort => format!(
            "Liebe Bürgerinnen und Bürger,\n\n\
             die Digitalisierung verändert, wie wir arbeiten, lernen, einkaufen und miteinander in \
             Kontakt bleiben. Sie verändert auch, was Menschen von ihrer Verwaltung erwarten. \
             Mit dieser Strategie {verb} {wer} diesen Wandel nicht abwarten, sondern gestalten.\n\n\
             Die Strategie ist kein Papier aus dem Rathaus allein: Sie ist in einer \
             Digital-Werkstatt am {datum} entstanden, in der Menschen aus Verwaltung, Rat, \
             Wirtschaft, Schulen und Vereinen gemeinsam Ziele und Maßnahmen erarbeitet haben. \
             Allen, die daran mitgewirkt haben, danke ich herzlich.\n\n\
             Ich lade Sie ein, die Umsetzung weiter zu begleiten.",
            datum = k.datum
        ),
        Freitext::Anlass => format!(
            "Digitale Angebote gehören heute zur Daseinsvorsorge: schnelles Internet, digitale \
             Verwaltungsleistungen, digitale Bildung und Angebote, die das Leben im Ort \
             erleichtern. Bund und Land setzen dafür den Rahmen, etwa mit dem \
             Onlinezugangsgesetz und der Digitalstrategie des Landes. Wie der Wandel vor Ort \
             gelingt, entscheidet sich aber in der Kommune.\n\n\
             Mit dieser Digitalstrategie {stellen} {wer} {ihre} Vorhaben auf eine gemeinsame \
             Grundlage. Die Strategie soll\n\n\
             - klare Ziele in {felder} benennen,\n\
             - die wichtigsten Maßnahmen mit Zeitrahmen und Verantwortlichen festhalten,\n\
             - die Organisation der Umsetzung in der Verwaltung beschreiben und\n\
             - eine Grundlage für Förderanträge und Haushaltsplanung bieten.\n\n\
             Sie ist als Arbeitsgrundlage gedacht und wird regelmäßig fortgeschrieben."
        ),
        Freitext::Ausgangslage => {
            let mut s = String::new();
            let einwohner: i64 = k.kommunen.iter().map(|x| x.einwohner).sum();
            if k.kommunen.len() == 1 {
                let x = &k.kommunen[0];
                s.push_str(&format!(
                    "Die {} hat rund {} Einwohnerinnen und Einwohner.",
                    x.voll(),
                    tausender(x.einwohner)
                ));
            } else if !k.kommunen.is_empty() {
                let teile: Vec<String> = k
                    .kommunen
                    .iter()
                    .map(|x| format!("{} (rund {})", x.voll(), tausender(x.einwohner)))
                    .collect();
                s.push_str(&format!(
                    "Die Strategie gilt gemeinsam für {} Kommunen mit zusammen rund {} \
                     Einwohnerinnen und Einwohnern: {}.",
                    k.kommunen.len(),
                    tausender(einwohner),
                    aufzaehlung(&teile)
                ));
            }
            s.push_str(&format!(
                "\n\nEine Bestandsaufnahme der laufenden digitalen Projekte, der vorhandenen \
                 Infrastruktur und der Zuständigkeiten {wessen} ergänzt dieses Kapitel. \
                 Bitte beschreiben Sie hier, was bereits umgesetzt ist (zum Beispiel Online-Dienste, \
                 Breitbandausbau, Ausstattung der Schulen) und wo die größten Lücken gesehen werden."
            ));
            s
        }
        Freitext::Leitbild => format!(
            "{} {verb} die Chancen der Digitalisierung für alle Generationen nutzen: mit einer \
             Verwaltung, die rund um die Uhr erreichbar ist, mit guter Infrastruktur in jedem \
             Ortsteil und mit Angeboten, die das Miteinander stärken. Niemand soll dabei \
             zurückbleiben; analoge Wege bleiben erhalten.",
            gross(&wer)
        ),
    }
}

/// "12650" → "12.650".
pub fn tausender(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn gross(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().collect::<String>() + c.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kontext(n: usize) -> Kontext {
        let alle = [
            KommuneName {
                name: "Eichelbachtal".into(),
                art: Some(KommuneArt::Verbandsgemeinde),
                einwohner: 12650,
            },
            KommuneName {
                name: "Steinhöhe".into(),
                art: Some(KommuneArt::Verbandsgemeinde),
                einwohner: 16980,
            },
            KommuneName {
                name: "Cochem-Zell".into(),
                art: Some(KommuneArt::Landkreis),
                einwohner: 61000,
            },
        ];
        Kontext {
            kommunen: alle[..n].to_vec(),
            datum: "14. März 2026".into(),
            ort: "Eichelbach".into(),
            teilnehmende: 20,
            felder: vec!["Bildung und Jugend".into(), "Tourismus".into()],
        }
    }

    #[test]
    fn titel_nennt_die_kommunen() {
        assert_eq!(
            dokumenttitel(&kontext(1)),
            "Digitalstrategie der Verbandsgemeinde Eichelbachtal"
        );
        assert_eq!(
            dokumenttitel(&kontext(3)),
            "Gemeinsame Digitalstrategie der Verbandsgemeinde Eichelbachtal, der Verbandsgemeinde \
             Steinhöhe und des Landkreises Cochem-Zell"
        );
    }

    #[test]
    fn standardtexte_nennen_kommunen_und_zahlen() {
        let k = kontext(2);
        for f in Freitext::ALL {
            let t = standard(f, &k);
            assert!(t.contains("Eichelbachtal"), "{f:?}: {t}");
        }
        assert!(standard(Freitext::Ausgangslage, &k).contains("29.630"));
        assert!(standard(Freitext::Vorwort, &k).contains("14. März 2026"));
        assert!(standard(Freitext::Anlass, &k).contains("Bildung und Jugend und Tourismus"));
    }

    #[test]
    fn gespeichert_schlaegt_standard_und_leer_ist_nur_optional_erlaubt() {
        let mut t = Freitexte::default();
        t.set(Freitext::Anlass, Some("Eigener Text".into()));
        assert_eq!(t.wirksam(Freitext::Anlass, &kontext(1)), "Eigener Text");
        assert!(
            t.wirksam(Freitext::Vorwort, &kontext(1))
                .contains("Digital-Werkstatt")
        );
        assert_eq!(parse_text(Freitext::Vorwort, "  ").unwrap(), "");
        assert_eq!(
            parse_text(Freitext::Anlass, " ").unwrap_err().code,
            "err-required"
        );
        assert_eq!(
            parse_text(Freitext::Anlass, &"x".repeat(MAX_ZEICHEN + 1))
                .unwrap_err()
                .code,
            "err-too-long"
        );
    }

    #[test]
    fn tausender_punkte() {
        assert_eq!(tausender(950), "950");
        assert_eq!(tausender(12650), "12.650");
        assert_eq!(tausender(1_234_567), "1.234.567");
    }
}
