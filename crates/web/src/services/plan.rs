//! Projektpläne of the Vertiefung: selecting Maßnahmen, editing their plans section by
//! section or as a whole, and the calendar export.
//!
//! Who may do what: facilitators select Maßnahmen and edit every plan until the Werkstatt
//! is closed; participants edit plans only in the phase Vertiefung (and not while the
//! facilitator has locked editing); observers read. Every change publishes
//! `Event(Plan, id = massnahme_id)`.
//!
//! Sections are saved with their own check: the form carries a fingerprint (`stand`) of the
//! section as it was shown. When that section changed meanwhile, the save is a conflict;
//! changes of other sections by other people are kept (the plan's version only guards the
//! write itself and is retried).

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use time::{Date, OffsetDateTime};
use werkstatt_core::event::{Event, EventKind};
use werkstatt_core::planung::ical;
use werkstatt_core::planung::kalender::{AufgabenTermin, DatierterMeilenstein};
use werkstatt_core::planung::projektplan::{Auswertung, Projektplan, ProjektplanEingabe};
use werkstatt_core::werkstatt::{Phase, parse_datum};
use werkstatt_core::{FieldError, FieldErrors};
use werkstatt_store::massnahmen::Massnahme;
use werkstatt_store::projektplaene::Plan;
use werkstatt_store::{Db, StoreError};

use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::services::Access;
use crate::state::AppState;

/// The seven sections of a plan, each saved by its own form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abschnitt {
    Ergebnis,
    Zielgruppen,
    Stakeholder,
    Organisation,
    Ressourcen,
    Aufgaben,
    Meilensteine,
}

impl Abschnitt {
    pub const ALL: [Abschnitt; 7] = [
        Self::Ergebnis,
        Self::Zielgruppen,
        Self::Stakeholder,
        Self::Organisation,
        Self::Ressourcen,
        Self::Aufgaben,
        Self::Meilensteine,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Ergebnis => "ergebnis",
            Self::Zielgruppen => "zielgruppen",
            Self::Stakeholder => "stakeholder",
            Self::Organisation => "organisation",
            Self::Ressourcen => "ressourcen",
            Self::Aufgaben => "aufgaben",
            Self::Meilensteine => "meilensteine",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.slug() == s)
    }

    /// The top-level keys of the plan document this section owns (the Aufgaben also own
    /// the start date of the schedule).
    pub fn schluessel(self) -> &'static [&'static str] {
        match self {
            Self::Aufgaben => &["start", "aufgaben"],
            Self::Ergebnis => &["ergebnis"],
            Self::Zielgruppen => &["zielgruppen"],
            Self::Stakeholder => &["stakeholder"],
            Self::Organisation => &["organisation"],
            Self::Ressourcen => &["ressourcen"],
            Self::Meilensteine => &["meilensteine"],
        }
    }
}

/// A plan with its Maßnahme and everything computed from it.
#[derive(Debug, Clone)]
pub struct PlanSicht {
    pub massnahme: Massnahme,
    pub plan: Plan,
    pub auswertung: Auswertung,
}

impl PlanSicht {
    /// The JSON of the API: the stored plan, its Maßnahme and the evaluation.
    pub fn json(&self) -> Value {
        json!({
            "massnahme_id": self.plan.massnahme_id,
            "werkstatt_id": self.plan.werkstatt_id,
            "massnahme": {
                "id": self.massnahme.id,
                "titel": self.massnahme.titel,
                "feld_id": self.massnahme.feld_id,
            },
            "version": self.plan.version,
            "created_at": self.plan.created_at,
            "updated_at": self.plan.updated_at,
            "plan": self.plan.daten,
            "auswertung": self.auswertung,
            "staende": Abschnitt::ALL
                .iter()
                .map(|a| (a.slug().to_owned(), Value::String(stand(&self.plan.daten, *a))))
                .collect::<Map<String, Value>>(),
        })
    }
}

/// May this viewer change plans now? Facilitators until the Werkstatt is closed;
/// participants in the Vertiefung (409 otherwise, and while editing is locked);
/// observers never (403).
pub fn require_edit(a: &Access) -> AppResult<()> {
    let phase = a.werkstatt.phase();
    if phase.is_closed() {
        return Err(AppError::WrongPhase);
    }
    if a.moderator {
        return Ok(());
    }
    if a.teilnehmende.is_none() {
        return Err(AppError::Forbidden);
    }
    if a.werkstatt.gesperrt {
        return Err(AppError::Conflict {
            code: "err-gesperrt",
            current: None,
        });
    }
    if phase == Phase::Vertiefung {
        Ok(())
    } else {
        Err(AppError::WrongPhase)
    }
}

/// May this viewer select Maßnahmen for the Vertiefung (or undo it)?
pub fn require_auswahl(a: &Access) -> AppResult<()> {
    a.require_moderator()?;
    if a.werkstatt.phase().is_closed() {
        return Err(AppError::WrongPhase);
    }
    Ok(())
}

/// A short fingerprint of one section as stored.
pub fn stand(plan: &Projektplan, abschnitt: Abschnitt) -> String {
    let v = serde_json::to_value(plan).unwrap_or(Value::Null);
    let teile: Vec<&Value> = abschnitt
        .schluessel()
        .iter()
        .map(|k| v.get(*k).unwrap_or(&Value::Null))
        .collect();
    let text = serde_json::to_string(&teile).unwrap_or_default();
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn auswerten(plan: &Projektplan) -> AppResult<Auswertung> {
    // A stored plan was checked; should a rule have tightened since, show it unscheduled.
    Ok(plan.auswerten().unwrap_or_default())
}

fn publish(st: &AppState, a: &Access, massnahme_id: &str) {
    st.bus
        .publish(Event::new(a.id(), EventKind::Plan).with_id(massnahme_id));
}

/// All plans of the Werkstatt with their Maßnahmen, in the order of selection.
pub async fn liste(st: &AppState, a: &Access) -> AppResult<Vec<PlanSicht>> {
    let massnahmen = st.db.massnahmen(a.id()).await?;
    let mut out = Vec::new();
    for plan in st.db.plaene(a.id()).await? {
        let Some(m) = massnahmen.iter().find(|m| m.id == plan.massnahme_id) else {
            continue;
        };
        out.push(PlanSicht {
            massnahme: m.clone(),
            auswertung: auswerten(&plan.daten)?,
            plan,
        });
    }
    Ok(out)
}

pub async fn laden(st: &AppState, a: &Access, massnahme_id: &str) -> AppResult<PlanSicht> {
    let plan = st.db.plan(a.id(), massnahme_id).await?;
    let massnahme = st.db.massnahme(a.id(), massnahme_id).await?;
    Ok(PlanSicht {
        auswertung: auswerten(&plan.daten)?,
        massnahme,
        plan,
    })
}

/// Selects a Maßnahme for the Vertiefung: creates its empty plan.
pub async fn auswaehlen(st: &AppState, a: &Access, massnahme_id: &str) -> AppResult<PlanSicht> {
    require_auswahl(a)?;
    let id = massnahme_id.trim();
    if id.is_empty() {
        return Err(FieldError::new("massnahme_id", "err-required").into());
    }
    let plan = st.db.create_plan(a.id(), id).await.map_err(|e| match e {
        StoreError::NotFound => FieldError::new("massnahme_id", "err-unknown-choice").into(),
        StoreError::Duplicate(_) => FieldError::new("massnahme_id", "err-plan-schon-ausgewaehlt").into(),
        e => AppError::from(e),
    })?;
    publish(st, a, id);
    let massnahme = st.db.massnahme(a.id(), id).await?;
    Ok(PlanSicht {
        auswertung: auswerten(&plan.daten)?,
        massnahme,
        plan,
    })
}

/// Takes a Maßnahme out of the Vertiefung: deletes its plan.
pub async fn abwaehlen(st: &AppState, a: &Access, massnahme_id: &str) -> AppResult<()> {
    require_auswahl(a)?;
    st.db.delete_plan(a.id(), massnahme_id).await?;
    publish(st, a, massnahme_id);
    Ok(())
}

/// Reads a whole plan document from JSON, naming the path of a value of the wrong type.
pub fn eingabe_aus(v: Value) -> AppResult<ProjektplanEingabe> {
    serde_path_to_error::deserialize::<_, ProjektplanEingabe>(v).map_err(|e| {
        let pfad = e.path().to_string();
        let pfad = if pfad == "." { String::new() } else { pfad };
        FieldError::new(pfad, "err-json-field").into()
    })
}

async fn speichern(
    st: &AppState,
    a: &Access,
    massnahme_id: &str,
    plan: &Projektplan,
    version: Option<i64>,
) -> AppResult<PlanSicht> {
    let gespeichert = st.db.save_plan(a.id(), massnahme_id, plan, version).await?;
    publish(st, a, massnahme_id);
    let massnahme = st.db.massnahme(a.id(), massnahme_id).await?;
    Ok(PlanSicht {
        auswertung: auswerten(&gespeichert.daten)?,
        massnahme,
        plan: gespeichert,
    })
}

/// Replaces the whole plan (API `PUT`). With `version`, only if it is still current.
pub async fn ersetzen(
    st: &AppState,
    a: &Access,
    massnahme_id: &str,
    eingabe: &ProjektplanEingabe,
    version: Option<i64>,
) -> AppResult<PlanSicht> {
    require_edit(a)?;
    st.db.plan(a.id(), massnahme_id).await?;
    let plan = eingabe.check()?;
    speichern(st, a, massnahme_id, &plan, version).await
}

/// Replaces the top-level parts given (API `PATCH`): `start`, `ergebnis`, `zielgruppen`,
/// `stakeholder`, `organisation`, `ressourcen`, `aufgaben`, `meilensteine`; the others stay.
pub async fn aendern(
    st: &AppState,
    a: &Access,
    massnahme_id: &str,
    teile: Map<String, Value>,
    version: Option<i64>,
) -> AppResult<PlanSicht> {
    require_edit(a)?;
    let aktuell = st.db.plan(a.id(), massnahme_id).await?;
    let mut e = FieldErrors::default();
    for k in teile.keys() {
        if !Abschnitt::ALL
            .iter()
            .any(|x| x.schluessel().contains(&k.as_str()))
        {
            e.push(FieldError::new(k.clone(), "err-plan-unbekannter-teil"));
        }
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    let mut doc = match serde_json::to_value(&aktuell.daten) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    doc.extend(teile);
    let plan = eingabe_aus(Value::Object(doc))?.check()?;
    speichern(st, a, massnahme_id, &plan, version).await
}

/// Saves one section from a form. `werte` holds the section's top-level keys; `stand` is
/// the fingerprint of the section the form was built from (`None`: overwrite).
pub async fn abschnitt_speichern(
    st: &AppState,
    a: &Access,
    massnahme_id: &str,
    abschnitt: Abschnitt,
    stand_vorher: Option<&str>,
    werte: &Map<String, Value>,
) -> AppResult<PlanSicht> {
    require_edit(a)?;
    // Someone may save another section at the same moment: read, merge, write, retry.
    for _ in 0..5 {
        let aktuell = st.db.plan(a.id(), massnahme_id).await?;
        if let Some(s) = stand_vorher
            && s != stand(&aktuell.daten, abschnitt)
        {
            return Err(AppError::Conflict {
                code: "err-plan-abschnitt-konflikt",
                current: Some(aktuell.version),
            });
        }
        let mut doc = match serde_json::to_value(&aktuell.daten) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        for k in abschnitt.schluessel() {
            doc.insert((*k).to_owned(), werte.get(*k).cloned().unwrap_or(Value::Null));
        }
        let plan = eingabe_aus(Value::Object(doc))?.check()?;
        match speichern(st, a, massnahme_id, &plan, Some(aktuell.version)).await {
            Err(AppError::Conflict { .. }) => continue,
            r => return r,
        }
    }
    Err(AppError::Conflict {
        code: "err-version-conflict",
        current: None,
    })
}

/// The calendar of one or more plans: every dated task and milestone. With several plans
/// each title starts with its Maßnahme. DTSTAMP is now; UIDs are stable per plan and item.
pub fn kalender(tr: Tr, name: &str, plaene: &[PlanSicht]) -> String {
    let mehrere = plaene.len() > 1;
    let mut ereignisse = Vec::new();
    for p in plaene {
        let aufgaben: Vec<AufgabenTermin> = p
            .auswertung
            .aufgaben
            .iter()
            .filter_map(|t| {
                Some(AufgabenTermin {
                    id: t.id.clone(),
                    titel: t.titel.clone(),
                    dauer: t.dauer,
                    anfang: t.anfang?,
                    ende: t.ende?,
                    gesamtpuffer: t.gesamtpuffer,
                    kritisch: t.kritisch,
                })
            })
            .collect();
        let meilensteine: Vec<DatierterMeilenstein> = p
            .auswertung
            .meilensteine
            .iter()
            .filter_map(|m| {
                Some(DatierterMeilenstein {
                    id: m.id.clone(),
                    titel: m.titel.clone(),
                    datum: m.datum?,
                    abhaengig_von: m.abhaengig_von.clone(),
                })
            })
            .collect();
        let erreicht: Vec<&str> = p
            .auswertung
            .meilensteine
            .iter()
            .filter(|m| m.erreicht)
            .map(|m| m.id.as_str())
            .collect();
        for mut e in ical::ereignisse(&p.plan.massnahme_id, &aufgaben, &meilensteine) {
            let ms_id = e
                .uid
                .strip_prefix(&format!("{}-meilenstein-", p.plan.massnahme_id))
                .map(str::to_owned);
            if let Some(id) = ms_id
                && erreicht.contains(&id.as_str())
            {
                e.beschreibung = tr.s("plan-ms-erreicht").to_owned();
            }
            if mehrere {
                e.titel = format!("{}: {}", p.massnahme.titel, e.titel);
            }
            ereignisse.push(e);
        }
    }
    let kopf = ical::Kopf {
        domain: "werkstatt".into(),
        zeitstempel: OffsetDateTime::now_utc(),
        name: name.to_owned(),
    };
    ical::schreiben(&kopf, &ereignisse)
}

fn plus_tage(d: Date, tage: i32) -> Date {
    Date::from_julian_day(d.to_julian_day() + tage).unwrap_or(d)
}

fn iso(d: Date) -> String {
    werkstatt_core::werkstatt::format_datum(d)
}

/// A complete, plausible plan for a Maßnahme (demo data). `k` varies the numbers.
fn demo_plan(m: &Massnahme, start: Date, k: usize) -> Value {
    let jahr = start.year();
    let fach = if m.federfuehrung.trim().is_empty() {
        "Fachamt".to_owned()
    } else {
        m.federfuehrung.trim().to_owned()
    };
    let n = i64::try_from(k % 4).unwrap_or(0);
    let titel = m.titel.trim();
    json!({
        "start": iso(start),
        "ergebnis": {
            "text": format!(
                "„{titel}“ ist umgesetzt und im Alltag verankert: Die Zielgruppen kennen und nutzen das Angebot, \
                 der Betrieb ist geregelt und finanziert, und der Gemeinderat erhält einmal im Jahr einen kurzen Bericht."
            ),
            "kriterien": [
                {"indikator": "Nutzung durch die Zielgruppen (Vorgänge pro Monat)", "zielwert": format!("{} pro Monat", 150 + 50 * n), "datum": iso(plus_tage(start, 365))},
                {"indikator": "Zufriedenheit der Nutzenden (kurze Befragung)", "zielwert": "mindestens 75 % zufrieden", "datum": iso(plus_tage(start, 455))},
                {"indikator": "Anteil der digital erledigten Anliegen", "zielwert": format!("{} %", 40 + 10 * n), "datum": iso(plus_tage(start, 545))}
            ]
        },
        "zielgruppen": [
            {"name": "Bürgerinnen und Bürger", "groesse": "alle Haushalte der Kommune", "bedarf": "Anliegen rund um die Uhr erledigen, ohne Wege und Wartezeiten."},
            {"name": "Ältere Menschen", "groesse": "etwa ein Viertel der Einwohnerschaft", "bedarf": "Einfache Bedienung, persönliche Begleitung und eine Sprechstunde vor Ort."},
            {"name": "Vereine und Ehrenamtliche", "groesse": format!("ca. {} Vereine", 30 + 10 * n), "bedarf": "Weniger Papier, schnelle Rückmeldung und eine feste Ansprechperson."},
            {"name": "Beschäftigte der Verwaltung", "groesse": format!("ca. {} Personen", 25 + 5 * n), "bedarf": "Klare Abläufe, Schulung und eine verlässliche technische Betreuung."}
        ],
        "stakeholder": [
            {"name": "Bürgermeisterin bzw. Bürgermeister", "art": "intern", "einfluss": 3, "interesse": 3, "haltung": "positiv"},
            {"name": "Gemeinderat", "art": "intern", "einfluss": 3, "interesse": 2, "haltung": "neutral"},
            {"name": "Kämmerei", "art": "intern", "einfluss": 3, "interesse": 1, "haltung": "neutral"},
            {"name": "Personalrat", "art": "intern", "einfluss": 2, "interesse": 2, "haltung": "neutral"},
            {"name": "Datenschutzbeauftragte Person", "art": "intern", "einfluss": 2, "interesse": 3, "haltung": "neutral"},
            {"name": "IT-Dienstleister des Landkreises", "art": "extern", "einfluss": 2, "interesse": 3, "haltung": "positiv"},
            {"name": "Seniorenbeirat", "art": "extern", "einfluss": 1, "interesse": 3, "haltung": "negativ", "strategie": "beteiligen"},
            {"name": "Lokalpresse", "art": "extern", "einfluss": 2, "interesse": 1, "haltung": "neutral"}
        ],
        "organisation": {
            "auftraggeber": "Bürgermeisterin bzw. Bürgermeister",
            "projektleitung": format!("{fach} (Projektleitung)"),
            "team": [
                {"name": "", "rolle": format!("Sachbearbeitung {fach}")},
                {"name": "", "rolle": "IT-Koordination"},
                {"name": "", "rolle": "Öffentlichkeitsarbeit"},
                {"name": "", "rolle": "Datenschutz"},
                {"name": "", "rolle": "Vertretung des Seniorenbeirats"}
            ],
            "raci": [
                {"aufgabe": "A3", "r": format!("Sachbearbeitung {fach}"), "a": "Projektleitung", "c": "IT-Koordination, Datenschutz", "i": "Gemeinderat"},
                {"aufgabe": "A6", "r": "IT-Koordination", "a": "Projektleitung", "c": "Kämmerei", "i": "Bürgermeisterin bzw. Bürgermeister"},
                {"aufgabe": "A9", "r": "Öffentlichkeitsarbeit", "a": "Projektleitung", "c": "Seniorenbeirat", "i": "Gemeinderat"}
            ]
        },
        "ressourcen": {
            "finanziell": [
                {"bezeichnung": "Einrichtung und Lizenzen", "einmalig": 8500 + 1500 * n, "laufend": 1800, "quelle": "haushalt", "jahr": jahr},
                {"bezeichnung": "Geräte für die Sprechstunde", "einmalig": 4200, "laufend": 0, "quelle": "foerdermittel", "programm": "LEADER", "jahr": jahr},
                {"bezeichnung": "Schulungen und Begleitung", "einmalig": 2400, "laufend": 0, "quelle": "haushalt", "jahr": jahr},
                {"bezeichnung": "Wartung und Betreuung", "einmalig": 0, "laufend": 1200, "quelle": "haushalt", "jahr": jahr + 1},
                {"bezeichnung": "Flyer und Plakate (Spende der örtlichen Sparkasse)", "einmalig": 900, "laufend": 0, "quelle": "dritte", "jahr": jahr}
            ],
            "personal": [
                {"rolle": "Projektleitung", "umfang": 0.2, "einheit": "vzae", "jahr": jahr},
                {"rolle": "IT-Koordination", "umfang": 15 + 5 * n, "einheit": "personentage", "jahr": jahr},
                {"rolle": format!("Sachbearbeitung {fach}"), "umfang": 20, "einheit": "personentage", "jahr": jahr},
                {"rolle": format!("Sachbearbeitung {fach}"), "umfang": 8, "einheit": "personentage", "jahr": jahr + 1}
            ],
            "organisatorisch": "Zuständigkeit für den laufenden Betrieb und die Vertretung festlegen; Dienstanweisung anpassen; \
                                einen Raum für die wöchentliche Sprechstunde bereitstellen."
        },
        "aufgaben": [
            {"id": "A1", "titel": "Bedarfsanalyse und Zielbild", "verantwortlich": "Projektleitung", "dauer": 5 + n},
            {"id": "A2", "titel": "Werkstattgespräch mit den Zielgruppen", "verantwortlich": "Öffentlichkeitsarbeit", "dauer": 10, "vorgaenger": "A1"},
            {"id": "A3", "titel": "Konzept und Leistungsbeschreibung", "verantwortlich": format!("Sachbearbeitung {fach}"), "dauer": 10 + 2 * n, "vorgaenger": "A1"},
            {"id": "A4", "titel": "Fördermittelantrag stellen", "verantwortlich": "Projektleitung", "dauer": 5, "vorgaenger": "A3"},
            {"id": "A5", "titel": "Beschluss im Gemeinderat", "verantwortlich": "Bürgermeisterin bzw. Bürgermeister", "dauer": 1, "vorgaenger": "A3+10"},
            {"id": "A6", "titel": "Ausschreibung und Vergabe", "verantwortlich": "IT-Koordination", "dauer": 20, "vorgaenger": "A4, A5"},
            {"id": "A7", "titel": "Einrichtung und Test", "verantwortlich": "IT-Koordination", "dauer": 15, "vorgaenger": "A6"},
            {"id": "A8", "titel": "Schulung der Beschäftigten", "verantwortlich": format!("Sachbearbeitung {fach}"), "dauer": 5, "vorgaenger": "A7"},
            {"id": "A9", "titel": "Öffentlichkeitsarbeit und Sprechstunden planen", "verantwortlich": "Öffentlichkeitsarbeit", "dauer": 10, "vorgaenger": "A2, A6"},
            {"id": "A10", "titel": "Start des Angebots", "verantwortlich": "Projektleitung", "dauer": 1, "vorgaenger": "A8, A9"},
            {"id": "A11", "titel": "Auswertung nach drei Monaten", "verantwortlich": "Projektleitung", "dauer": 5, "vorgaenger": "A10+60"}
        ],
        "meilensteine": [
            {"id": "M1", "titel": "Auftakt der Projektgruppe", "datum": iso(start), "erreicht": true},
            {"id": "M2", "titel": "Gemeinderat hat beschlossen", "nach_aufgabe": "A5"},
            {"id": "M3", "titel": "Auftrag vergeben", "nach_aufgabe": "A6"},
            {"id": "M4", "titel": "Angebot ist gestartet", "nach_aufgabe": "A10"},
            {"id": "M5", "titel": "Bericht im Gemeinderat", "datum": iso(plus_tage(start, 330)), "abhaengig_von": ["A11"]}
        ]
    })
}

fn demo_fehler(e: impl std::fmt::Debug) -> StoreError {
    StoreError::Io(std::io::Error::other(format!("demo plan: {e:?}")))
}

/// Fills complete, plausible plans (all seven sections) for the given Maßnahmen of a
/// Werkstatt, creating the plans where missing; existing plans are overwritten. The start
/// is the first Monday six weeks after the Werkstatt. Publishes no events (for seeding).
pub async fn seed_demo(
    db: &Db,
    werkstatt_id: &str,
    massnahme_ids: &[String],
) -> Result<Vec<Plan>, StoreError> {
    let w = db.werkstatt(werkstatt_id).await?;
    let datum = parse_datum("datum", &w.datum).unwrap_or(time::macros::date!(2026 - 03 - 14));
    let mut start = plus_tage(datum, 42);
    while start.weekday() != time::Weekday::Monday {
        start = plus_tage(start, 1);
    }
    let mut out = Vec::new();
    for (k, id) in massnahme_ids.iter().enumerate() {
        let m = db.massnahme(werkstatt_id, id).await?;
        let eingabe: ProjektplanEingabe = serde_json::from_value(demo_plan(
            &m,
            plus_tage(start, 7 * i32::try_from(k % 8).unwrap_or(0)),
            k,
        ))
        .map_err(demo_fehler)?;
        let plan = eingabe.check().map_err(demo_fehler)?;
        match db.create_plan(werkstatt_id, id).await {
            Ok(_) | Err(StoreError::Duplicate(_)) => {}
            Err(e) => return Err(e),
        }
        out.push(db.save_plan(werkstatt_id, id, &plan, None).await?);
    }
    Ok(out)
}

/// The calendar of one plan.
pub async fn kalender_einer_text(st: &AppState, tr: Tr, a: &Access, mid: &str) -> AppResult<String> {
    let s = laden(st, a, mid).await?;
    let name = tr.a1("plan-kalender-name", "titel", &s.massnahme.titel);
    Ok(kalender(tr, &name, std::slice::from_ref(&s)))
}

/// The calendar of all plans of the Werkstatt.
pub async fn kalender_alle_text(st: &AppState, tr: Tr, a: &Access) -> AppResult<String> {
    let liste = liste(st, a).await?;
    let name = tr.a1("plan-kalender-name-alle", "titel", &a.werkstatt.titel);
    Ok(kalender(tr, &name, &liste))
}
