//! The Organigramm-Vorschlag: how the administration organises digital change. A default
//! structure for a small administration, which facilitators edit role by role.
//!
//! The chart is a forest of roles linked by reporting lines (`berichtet_an`); edits keep it
//! acyclic, so every role has a finite chain up to a root (usually the Rat).

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrors};
use crate::text;

pub const MAX_ROLLEN: usize = 60;

/// What kind of unit a role is; decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RollenArt {
    /// Rat, Ausschuss, Lenkungsgruppe.
    Gremium,
    /// Bürgermeister/in, Fachbereichsleitung.
    Leitung,
    /// A staff position beside its superior (Digitalisierungsbeauftragte/r).
    Stab,
    /// Advisory bodies (Digitalbeirat).
    Beirat,
    /// A project team.
    Projektteam,
    /// Networks across units (Digitallotsen).
    Netzwerk,
}

impl RollenArt {
    pub const ALL: [RollenArt; 6] = [
        Self::Gremium,
        Self::Leitung,
        Self::Stab,
        Self::Beirat,
        Self::Projektteam,
        Self::Netzwerk,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Gremium => "gremium",
            Self::Leitung => "leitung",
            Self::Stab => "stab",
            Self::Beirat => "beirat",
            Self::Projektteam => "projektteam",
            Self::Netzwerk => "netzwerk",
        }
    }

    /// German label for documents.
    pub fn name(self) -> &'static str {
        match self {
            Self::Gremium => "Gremium",
            Self::Leitung => "Leitung",
            Self::Stab => "Stabsstelle",
            Self::Beirat => "Beirat",
            Self::Projektteam => "Projektteam",
            Self::Netzwerk => "Netzwerk",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|a| a.slug() == raw.trim())
            .ok_or_else(|| FieldError::new(field, "err-unknown-choice"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rolle {
    /// "r1", "r2", … unique within the chart.
    pub id: String,
    pub titel: String,
    pub art: RollenArt,
    /// Names or functions of the people in this role ("Büroleitung, IT, Fachbereiche").
    #[serde(default)]
    pub besetzung: String,
    /// What the role does, one or two sentences.
    #[serde(default)]
    pub aufgabe: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub berichtet_an: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organigramm {
    pub rollen: Vec<Rolle>,
}

/// A project team for the default chart, taken from a Projektplan's organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Projektteam {
    pub massnahme: String,
    pub projektleitung: String,
    pub team: Vec<String>,
}

/// A role as submitted by a form or the API.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RolleInput {
    #[serde(default)]
    pub titel: String,
    #[serde(default)]
    pub art: String,
    #[serde(default)]
    pub besetzung: String,
    #[serde(default)]
    pub aufgabe: String,
    /// Empty for a root.
    #[serde(default)]
    pub berichtet_an: String,
}

/// A checked role (without its id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolleDaten {
    pub titel: String,
    pub art: RollenArt,
    pub besetzung: String,
    pub aufgabe: String,
    pub berichtet_an: Option<String>,
}

impl TryFrom<&RolleInput> for RolleDaten {
    type Error = FieldErrors;

    fn try_from(i: &RolleInput) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        let titel = e.take(text::line("titel", &i.titel, 1, 120));
        let art = e.take(RollenArt::parse("art", &i.art));
        let besetzung = e.take(text::line("besetzung", &i.besetzung, 0, 300));
        let aufgabe = e.take(text::bounded("aufgabe", &i.aufgabe, 0, 600));
        let b = i.berichtet_an.trim();
        if !e.is_empty() {
            return Err(e);
        }
        Ok(RolleDaten {
            titel: titel.unwrap_or_default(),
            art: art.unwrap_or(RollenArt::Gremium),
            besetzung: besetzung.unwrap_or_default(),
            aufgabe: aufgabe.unwrap_or_default(),
            berichtet_an: (!b.is_empty()).then(|| b.to_owned()),
        })
    }
}

impl Organigramm {
    pub fn rolle(&self, id: &str) -> Option<&Rolle> {
        self.rollen.iter().find(|r| r.id == id)
    }

    /// The roles reporting to `id` (or the roots for `None`), in chart order.
    pub fn unter(&self, id: Option<&str>) -> Vec<&Rolle> {
        self.rollen
            .iter()
            .filter(|r| r.berichtet_an.as_deref() == id)
            .collect()
    }

    fn naechste_id(&self) -> String {
        let n = self
            .rollen
            .iter()
            .filter_map(|r| r.id.strip_prefix('r')?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("r{}", n + 1)
    }

    /// Would `id` reporting to `ziel` close a loop?
    fn waere_kreis(&self, id: &str, ziel: &str) -> bool {
        let mut cur = Some(ziel.to_owned());
        let mut schritte = 0;
        while let Some(c) = cur {
            if c == id || schritte > self.rollen.len() {
                return true;
            }
            schritte += 1;
            cur = self.rolle(&c).and_then(|r| r.berichtet_an.clone());
        }
        false
    }

    fn pruefe_linie(&self, id: Option<&str>, ziel: Option<&str>) -> Result<(), FieldError> {
        let Some(z) = ziel else { return Ok(()) };
        if self.rolle(z).is_none() {
            return Err(FieldError::new("berichtet_an", "err-unknown-choice"));
        }
        if let Some(id) = id
            && self.waere_kreis(id, z)
        {
            return Err(FieldError::new("berichtet_an", "err-organigramm-kreis"));
        }
        Ok(())
    }

    /// Adds a role and returns its id.
    pub fn hinzufuegen(&mut self, d: RolleDaten) -> Result<String, FieldError> {
        if self.rollen.len() >= MAX_ROLLEN {
            return Err(FieldError::new("titel", "err-organigramm-voll").arg("max", MAX_ROLLEN));
        }
        self.pruefe_linie(None, d.berichtet_an.as_deref())?;
        let id = self.naechste_id();
        self.rollen.push(Rolle {
            id: id.clone(),
            titel: d.titel,
            art: d.art,
            besetzung: d.besetzung,
            aufgabe: d.aufgabe,
            berichtet_an: d.berichtet_an,
        });
        Ok(id)
    }

    /// Changes a role: title, kind, people, task and reporting line.
    pub fn aendern(&mut self, id: &str, d: RolleDaten) -> Result<(), FieldError> {
        if self.rolle(id).is_none() {
            return Err(FieldError::new("id", "err-not-found"));
        }
        self.pruefe_linie(Some(id), d.berichtet_an.as_deref())?;
        if let Some(r) = self.rollen.iter_mut().find(|r| r.id == id) {
            r.titel = d.titel;
            r.art = d.art;
            r.besetzung = d.besetzung;
            r.aufgabe = d.aufgabe;
            r.berichtet_an = d.berichtet_an;
        }
        Ok(())
    }

    /// Removes a role; those reporting to it move up to its superior.
    pub fn entfernen(&mut self, id: &str) -> Result<(), FieldError> {
        let Some(pos) = self.rollen.iter().position(|r| r.id == id) else {
            return Err(FieldError::new("id", "err-not-found"));
        };
        let r = self.rollen.remove(pos);
        for x in &mut self.rollen {
            if x.berichtet_an.as_deref() == Some(id) {
                x.berichtet_an.clone_from(&r.berichtet_an);
            }
        }
        Ok(())
    }

    /// Depth of each role (roots 0) in chart order; used by the layout.
    pub fn tiefe(&self, id: &str) -> usize {
        let mut d = 0;
        let mut cur = self.rolle(id).and_then(|r| r.berichtet_an.clone());
        while let Some(c) = cur {
            d += 1;
            if d > self.rollen.len() {
                break;
            }
            cur = self.rolle(&c).and_then(|r| r.berichtet_an.clone());
        }
        d
    }
}

/// The default chart for a small administration, with one project team per in-depth plan.
pub fn vorschlag(teams: &[Projektteam]) -> Organigramm {
    let mut o = Organigramm::default();
    let mut neu = |titel: &str, art, besetzung: &str, aufgabe: &str, an: Option<&str>| {
        let id = o.naechste_id();
        o.rollen.push(Rolle {
            id: id.clone(),
            titel: titel.into(),
            art,
            besetzung: besetzung.into(),
            aufgabe: aufgabe.into(),
            berichtet_an: an.map(str::to_owned),
        });
        id
    };
    let rat = neu(
        "Rat",
        RollenArt::Gremium,
        "",
        "Beschließt die Strategie und stellt die Mittel im Haushalt bereit.",
        None,
    );
    let bm = neu(
        "Bürgermeisterin oder Bürgermeister",
        RollenArt::Leitung,
        "",
        "Verantwortet die Umsetzung und berichtet dem Rat.",
        Some(&rat),
    );
    let db = neu(
        "Digitalisierungsbeauftragte oder Digitalisierungsbeauftragter",
        RollenArt::Stab,
        "",
        "Steuert die Umsetzung, koordiniert die Projekte und ist Ansprechperson für Bürgerschaft und Partner (Stabsstelle, auch in Teilzeit möglich).",
        Some(&bm),
    );
    let lg = neu(
        "Lenkungsgruppe Digitalisierung",
        RollenArt::Gremium,
        "Büroleitung, Fachbereichsleitungen, IT",
        "Trifft die Entscheidungen in den Projekten und legt Prioritäten fest.",
        Some(&bm),
    );
    neu(
        "Digitalbeirat",
        RollenArt::Beirat,
        "Wirtschaft, Schulen, Vereine, Ortsbürgermeisterinnen und Ortsbürgermeister",
        "Berät bei der Umsetzung und Fortschreibung der Strategie.",
        Some(&lg),
    );
    for t in teams {
        let mut b = Vec::new();
        if !t.projektleitung.trim().is_empty() {
            b.push(format!("Leitung: {}", t.projektleitung.trim()));
        }
        if !t.team.is_empty() {
            b.push(t.team.join(", "));
        }
        neu(
            &format!("Projektteam {}", t.massnahme),
            RollenArt::Projektteam,
            &b.join("; "),
            "Setzt die Maßnahme nach dem Projektplan um.",
            Some(&lg),
        );
    }
    neu(
        "Digitallotsinnen und Digitallotsen",
        RollenArt::Netzwerk,
        "je eine Person pro Fachbereich",
        "Tragen Wissen in die Fachbereiche und sammeln Ideen und Probleme aus dem Arbeitsalltag.",
        Some(&db),
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn daten(titel: &str, an: Option<&str>) -> RolleDaten {
        RolleDaten {
            titel: titel.into(),
            art: RollenArt::Gremium,
            besetzung: String::new(),
            aufgabe: String::new(),
            berichtet_an: an.map(str::to_owned),
        }
    }

    #[test]
    fn vorschlag_hat_die_rollen_und_ein_team_pro_plan() {
        let o = vorschlag(&[Projektteam {
            massnahme: "WLAN im Bürgerhaus".into(),
            projektleitung: "Jana M.".into(),
            team: vec!["Stefan H. (IT)".into()],
        }]);
        let titel: Vec<&str> = o.rollen.iter().map(|r| r.titel.as_str()).collect();
        assert!(titel.contains(&"Rat") && titel.contains(&"Digitalbeirat"));
        let team = o.rollen.iter().find(|r| r.art == RollenArt::Projektteam).unwrap();
        assert_eq!(team.titel, "Projektteam WLAN im Bürgerhaus");
        assert_eq!(team.besetzung, "Leitung: Jana M.; Stefan H. (IT)");
        assert_eq!(o.unter(None).len(), 1, "one root: the Rat");
        assert!(o.rollen.iter().all(|r| o.tiefe(&r.id) <= 4));
    }

    #[test]
    fn keine_kreise_und_entfernen_haengt_um() {
        let mut o = Organigramm::default();
        let a = o.hinzufuegen(daten("A", None)).unwrap();
        let b = o.hinzufuegen(daten("B", Some(&a))).unwrap();
        let c = o.hinzufuegen(daten("C", Some(&b))).unwrap();
        assert_eq!(
            o.aendern(&a, daten("A", Some(&c))).unwrap_err().code,
            "err-organigramm-kreis"
        );
        assert_eq!(
            o.aendern(&a, daten("A", Some(&a))).unwrap_err().code,
            "err-organigramm-kreis"
        );
        assert_eq!(
            o.hinzufuegen(daten("D", Some("r99"))).unwrap_err().code,
            "err-unknown-choice"
        );
        o.entfernen(&b).unwrap();
        assert_eq!(o.rolle(&c).unwrap().berichtet_an.as_deref(), Some(a.as_str()));
        assert_eq!(
            o.hinzufuegen(daten("E", None)).unwrap(),
            "r4",
            "ids are never reused"
        );
    }

    #[test]
    fn eingabe_wird_geprueft() {
        let i = RolleInput {
            titel: " ".into(),
            art: "quatsch".into(),
            ..Default::default()
        };
        let e = RolleDaten::try_from(&i).unwrap_err();
        let felder: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(felder, ["titel", "art"]);
    }

    proptest::proptest! {
        #[test]
        fn beliebige_aenderungen_bleiben_kreisfrei(ops in proptest::collection::vec((0usize..8, 0usize..9), 0..40)) {
            let mut o = vorschlag(&[]);
            for (a, b) in ops {
                let ids: Vec<String> = o.rollen.iter().map(|r| r.id.clone()).collect();
                if ids.is_empty() { break; }
                let id = &ids[a % ids.len()];
                let ziel = ids.get(b).cloned();
                let _ = o.aendern(id, daten("X", ziel.as_deref()));
            }
            for r in &o.rollen {
                proptest::prop_assert!(o.tiefe(&r.id) < o.rollen.len());
            }
        }
    }
}
