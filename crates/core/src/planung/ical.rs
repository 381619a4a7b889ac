//! iCalendar export of a Projektplan (RFC 5545), built as a plain string.
//!
//! One all-day VEVENT per Aufgabe (DTEND is the day after the last day, as RFC 5545
//! wants for all-day events) and per Meilenstein (a single day). UIDs are stable: they are
//! built from ids the caller passes in and a domain, so a re-import updates the events
//! instead of duplicating them. DTSTAMP comes from the caller, as core has no clock.
//! Values are escaped as TEXT, lines end in CRLF and are folded at 75 octets without
//! splitting a UTF-8 character.

use time::{Date, OffsetDateTime, UtcOffset};

use super::kalender::{AufgabenTermin, DatierterMeilenstein};

pub const PRODID: &str = "-//Werkstatt//Projektplan//DE";

/// The longest line in octets, without the CRLF (RFC 5545, 3.1).
const ZEILE_MAX: usize = 75;

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ereignis {
    /// The part of the UID before the `@domain`, unique and stable for this event.
    pub uid: String,
    pub titel: String,
    /// Empty: no DESCRIPTION.
    pub beschreibung: String,
    pub anfang: Date,
    /// The last day, inclusive.
    pub ende: Date,
}

/// What the whole calendar needs from the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kopf {
    /// The domain of the UIDs, e.g. `werkstatt.example.de`.
    pub domain: String,
    /// The time the file is created (DTSTAMP of every event).
    pub zeitstempel: OffsetDateTime,
    /// The calendar's display name (`X-WR-CALNAME`); empty: none.
    pub name: String,
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks (as `\n`);
/// other control characters except tab are dropped, as TEXT does not allow them.
pub fn text_escapen(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut zeichen = s.chars().peekable();
    while let Some(c) = zeichen.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                zeichen.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line (without line break) at 75 octets and appends it with CRLF;
/// continuation lines start with a space. Never splits a UTF-8 character.
pub fn zeile_falten(out: &mut String, zeile: &str) {
    let mut rest = zeile;
    let mut max = ZEILE_MAX;
    while rest.len() > max {
        let mut schnitt = max;
        while !rest.is_char_boundary(schnitt) {
            schnitt -= 1;
        }
        out.push_str(&rest[..schnitt]);
        out.push_str("\r\n ");
        rest = &rest[schnitt..];
        // The leading space counts towards the 75 octets.
        max = ZEILE_MAX - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

fn datum(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

fn zeitstempel(t: OffsetDateTime) -> String {
    let t = t.checked_to_offset(UtcOffset::UTC).unwrap_or(t);
    format!(
        "{}T{:02}{:02}{:02}Z",
        datum(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Writes a VCALENDAR with one VEVENT per event, in the given order.
pub fn schreiben(kopf: &Kopf, ereignisse: &[Ereignis]) -> String {
    let mut out = String::new();
    let mut zeile = |z: &str| zeile_falten(&mut out, z);
    zeile("BEGIN:VCALENDAR");
    zeile(&format!("PRODID:{PRODID}"));
    zeile("VERSION:2.0");
    zeile("CALSCALE:GREGORIAN");
    zeile("METHOD:PUBLISH");
    if !kopf.name.trim().is_empty() {
        zeile(&format!("X-WR-CALNAME:{}", text_escapen(&kopf.name)));
    }
    let stempel = zeitstempel(kopf.zeitstempel);
    for e in ereignisse {
        let ende = e.ende.max(e.anfang);
        zeile("BEGIN:VEVENT");
        zeile(&format!(
            "UID:{}",
            text_escapen(&format!("{}@{}", e.uid, kopf.domain))
        ));
        zeile(&format!("DTSTAMP:{stempel}"));
        zeile(&format!("DTSTART;VALUE=DATE:{}", datum(e.anfang)));
        // Without DTEND an all-day event lasts one day; only needed at the end of time.
        if let Some(danach) = ende.next_day() {
            zeile(&format!("DTEND;VALUE=DATE:{}", datum(danach)));
        }
        zeile(&format!("SUMMARY:{}", text_escapen(&e.titel)));
        if !e.beschreibung.is_empty() {
            zeile(&format!("DESCRIPTION:{}", text_escapen(&e.beschreibung)));
        }
        zeile("TRANSP:TRANSPARENT");
        zeile("END:VEVENT");
    }
    zeile("END:VCALENDAR");
    out
}

fn arbeitstage(n: i64) -> String {
    if n == 1 {
        "1 Arbeitstag".to_owned()
    } else {
        format!("{n} Arbeitstage")
    }
}

/// The events of a Projektplan: the Aufgaben, then the Meilensteine. UIDs are
/// `{plan_id}-aufgabe-{id}` and `{plan_id}-meilenstein-{id}`.
pub fn ereignisse(
    plan_id: &str,
    aufgaben: &[AufgabenTermin],
    meilensteine: &[DatierterMeilenstein],
) -> Vec<Ereignis> {
    let aufgaben = aufgaben.iter().map(|a| {
        let mut beschreibung = format!(
            "Dauer: {}\nGesamtpuffer: {}",
            arbeitstage(a.dauer),
            arbeitstage(a.gesamtpuffer)
        );
        if a.kritisch {
            beschreibung.push_str("\nAuf dem kritischen Pfad");
        }
        Ereignis {
            uid: format!("{plan_id}-aufgabe-{}", a.id),
            titel: a.titel.clone(),
            beschreibung,
            anfang: a.anfang,
            ende: a.ende,
        }
    });
    let meilensteine = meilensteine.iter().map(|m| Ereignis {
        uid: format!("{plan_id}-meilenstein-{}", m.id),
        titel: format!("Meilenstein: {}", m.titel),
        beschreibung: String::new(),
        anfang: m.datum,
        ende: m.datum,
    });
    aufgaben.chain(meilensteine).collect()
}

/// The whole Projektplan as an iCalendar file.
pub fn projektplan(
    kopf: &Kopf,
    plan_id: &str,
    aufgaben: &[AufgabenTermin],
    meilensteine: &[DatierterMeilenstein],
) -> String {
    schreiben(kopf, &ereignisse(plan_id, aufgaben, meilensteine))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    fn gefaltet(z: &str) -> String {
        let mut out = String::new();
        zeile_falten(&mut out, z);
        out
    }

    fn entfalten(s: &str) -> String {
        s.replace("\r\n ", "")
    }

    fn kopf() -> Kopf {
        Kopf {
            domain: "werkstatt.example.de".into(),
            zeitstempel: datetime!(2026-03-14 10:30:05 +01:00),
            name: "Projektplan: Bürgerportal".into(),
        }
    }

    #[test]
    fn escapes_text() {
        assert_eq!(text_escapen("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
        assert_eq!(text_escapen("Grüße\u{7}!\t"), "Grüße!\t");
        assert_eq!(text_escapen(""), "");
    }

    #[test]
    fn folds_at_75_octets() {
        let z = "x".repeat(75);
        assert_eq!(gefaltet(&z), format!("{z}\r\n"));
        let z = "x".repeat(76);
        assert_eq!(gefaltet(&z), format!("{}\r\n x\r\n", "x".repeat(75)));
        let z = "y".repeat(75 + 74 + 1);
        let g = gefaltet(&z);
        let zeilen: Vec<&str> = g.split_terminator("\r\n").collect();
        assert_eq!(zeilen.iter().map(|l| l.len()).collect::<Vec<_>>(), [75, 75, 2]);
        assert_eq!(entfalten(&g), format!("{z}\r\n"));
    }

    #[test]
    fn folds_without_splitting_umlauts_or_emoji() {
        // "ä" (2 octets) at octets 74-75: it moves to the next line.
        let z = format!("{}äb", "a".repeat(74));
        let g = gefaltet(&z);
        assert_eq!(g, format!("{}\r\n äb\r\n", "a".repeat(74)));
        // An emoji (4 octets) at octets 73-76.
        let z = format!("{}🎉{}", "a".repeat(72), "ö".repeat(40));
        let g = gefaltet(&z);
        let erste = g.split("\r\n").next().unwrap();
        assert_eq!(erste, "a".repeat(72));
        assert_eq!(entfalten(&g), format!("{z}\r\n"));
        for l in g.split_terminator("\r\n") {
            assert!(l.len() <= 75);
        }
    }

    #[test]
    fn writes_the_calendar_structure() {
        let e = vec![
            Ereignis {
                uid: "p1-aufgabe-a".into(),
                titel: "Konzept; Entwurf, Abnahme".into(),
                beschreibung: "Zeile 1\nZeile 2".into(),
                anfang: date!(2026 - 03 - 02),
                ende: date!(2026 - 03 - 04),
            },
            Ereignis {
                uid: "p1-meilenstein-m".into(),
                titel: "Meilenstein: Go-live".into(),
                beschreibung: String::new(),
                anfang: date!(2026 - 12 - 31),
                ende: date!(2026 - 12 - 31),
            },
        ];
        let s = schreiben(&kopf(), &e);
        assert!(s.starts_with(
            "BEGIN:VCALENDAR\r\nPRODID:-//Werkstatt//Projektplan//DE\r\nVERSION:2.0\r\n\
             CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Projektplan: Bürgerportal\r\n"
        ));
        assert!(s.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(!s.replace("\r\n", "").contains('\n'));
        assert!(!s.replace("\r\n", "").contains('\r'));
        assert_eq!(s.matches("BEGIN:VEVENT\r\n").count(), 2);
        assert_eq!(s.matches("END:VEVENT\r\n").count(), 2);
        assert!(s.contains(
            "BEGIN:VEVENT\r\nUID:p1-aufgabe-a@werkstatt.example.de\r\n\
             DTSTAMP:20260314T093005Z\r\nDTSTART;VALUE=DATE:20260302\r\n\
             DTEND;VALUE=DATE:20260305\r\nSUMMARY:Konzept\\; Entwurf\\, Abnahme\r\n\
             DESCRIPTION:Zeile 1\\nZeile 2\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"
        ));
        // A milestone is one day, across the turn of the year; without a description.
        assert!(s.contains(
            "UID:p1-meilenstein-m@werkstatt.example.de\r\nDTSTAMP:20260314T093005Z\r\n\
             DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n\
             SUMMARY:Meilenstein: Go-live\r\nTRANSP:TRANSPARENT\r\n"
        ));
        assert!(s.split_terminator("\r\n").all(|l| l.len() <= 75));
        // Stable: the same input gives the same file.
        assert_eq!(s, schreiben(&kopf(), &e));
    }

    #[test]
    fn exports_a_project_plan() {
        use crate::planung::kalender::{
            Arbeitskalender, Festlegung, Meilenstein, meilensteine_datieren, termine,
        };
        use crate::planung::netzplan::{Aufgabe, berechne};

        let plan = berechne(&[
            Aufgabe::new("a", "Bedarfsanalyse mit Bürgerinnen und Bürgern", 1),
            Aufgabe::new("b", "Ausschreibung", 5).nach("a"),
            Aufgabe::new("c", "Pressearbeit", 2).nach("a"),
        ])
        .unwrap();
        let t = termine(&plan, &Arbeitskalender::new(date!(2026 - 03 - 06))).unwrap();
        let m = meilensteine_datieren(
            &[Meilenstein {
                id: "m".into(),
                titel: "Vergabe".into(),
                termin: Festlegung::NachAufgabe("b".into()),
                abhaengig_von: vec![],
            }],
            &t,
        )
        .unwrap();
        let mut k = kopf();
        k.name = String::new();
        let s = projektplan(&k, "plan-7", &t, &m);
        assert!(!s.contains("X-WR-CALNAME"));
        assert_eq!(s.matches("BEGIN:VEVENT").count(), 4);
        // b runs Monday 9 to Friday 13 March; the milestone is on its last day.
        assert!(s.contains(
            "UID:plan-7-aufgabe-b@werkstatt.example.de\r\nDTSTAMP:20260314T093005Z\r\n\
             DTSTART;VALUE=DATE:20260309\r\nDTEND;VALUE=DATE:20260314\r\n\
             SUMMARY:Ausschreibung\r\n\
             DESCRIPTION:Dauer: 5 Arbeitstage\\nGesamtpuffer: 0 Arbeitstage\\nAuf dem krit\r\n \
             ischen Pfad\r\n"
        ));
        assert!(s.contains(
            "DTSTART;VALUE=DATE:20260313\r\nDTEND;VALUE=DATE:20260314\r\nSUMMARY:Meilenstein: Vergabe\r\n"
        ));
        assert!(s.contains("DESCRIPTION:Dauer: 1 Arbeitstag\\nGesamtpuffer: 0 Arbeitstage"));
    }

    proptest! {
        #[test]
        fn folding_keeps_the_text_and_the_limit(z in "[a-zäöüß€🎉;,\\\\ ]{0,300}") {
            let g = gefaltet(&z);
            prop_assert!(g.ends_with("\r\n"));
            for l in g.split_terminator("\r\n") {
                prop_assert!(l.len() <= 75);
            }
            prop_assert_eq!(entfalten(&g), format!("{z}\r\n"));
        }

        #[test]
        fn escaped_text_has_no_line_breaks(z in "\\PC{0,80}|[\\r\\n;,\\\\a]{0,40}") {
            let e = text_escapen(&z);
            prop_assert!(!e.contains('\n') && !e.contains('\r'));
            // Every special character is escaped.
            let ohne = e.replace("\\\\", "").replace("\\;", "").replace("\\,", "").replace("\\n", "");
            prop_assert!(!ohne.contains(';') && !ohne.contains(',') && !ohne.contains('\\'));
        }
    }
}
