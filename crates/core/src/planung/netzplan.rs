//! Netzplan: the critical path method (CPM) for the Aufgaben of a Projektplan.
//!
//! Every Aufgabe has a duration in working days and finish-to-start predecessors, each
//! with a lag (`abstand`) in working days. Times are working-day offsets from the start of
//! the project: an Aufgabe with `fruehester_anfang == 2` and `dauer == 3` occupies the
//! working days 2, 3 and 4, and its `fruehestes_ende` is 5 (the end is exclusive). An
//! Aufgabe with duration 0 is a point in time, like a milestone.
//!
//! [`berechne`] validates the Aufgaben (field errors name paths like `aufgaben[3].dauer`),
//! rejects cycles (`err-zyklus`, naming the Aufgaben of one cycle in order) and computes
//! the forward and backward pass with Kahn's algorithm. The result does not depend on the
//! order of the input: ties are broken by the earliest start, then by id.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrors};

/// The longest duration of one Aufgabe, in working days (about 40 years).
pub const MAX_DAUER: i64 = 10_000;
/// The longest lag between a predecessor and its successor, in working days.
pub const MAX_ABSTAND: i64 = 10_000;
/// At most this many critical paths are listed (there may be exponentially many).
pub const MAX_KRITISCHE_PFADE: usize = 16;

/// A finish-to-start dependency: the Aufgabe starts `abstand` working days after the
/// predecessor `id` has finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vorgaenger {
    pub id: String,
    /// Lag in working days, `0..=MAX_ABSTAND`.
    #[serde(default)]
    pub abstand: i64,
}

impl Vorgaenger {
    /// A predecessor without lag.
    pub fn new(id: impl Into<String>) -> Self {
        Self::mit_abstand(id, 0)
    }

    pub fn mit_abstand(id: impl Into<String>, abstand: i64) -> Self {
        Self {
            id: id.into(),
            abstand,
        }
    }
}

/// One Aufgabe (task) of a Projektplan, as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aufgabe {
    /// Unique within the plan.
    pub id: String,
    pub titel: String,
    /// Duration in working days, `0..=MAX_DAUER`; 0 marks a point in time.
    pub dauer: i64,
    #[serde(default)]
    pub vorgaenger: Vec<Vorgaenger>,
}

impl Aufgabe {
    pub fn new(id: impl Into<String>, titel: impl Into<String>, dauer: i64) -> Self {
        Self {
            id: id.into(),
            titel: titel.into(),
            dauer,
            vorgaenger: Vec::new(),
        }
    }

    /// Adds a predecessor without lag.
    pub fn nach(self, id: impl Into<String>) -> Self {
        self.nach_mit_abstand(id, 0)
    }

    /// Adds a predecessor with a lag in working days.
    pub fn nach_mit_abstand(mut self, id: impl Into<String>, abstand: i64) -> Self {
        self.vorgaenger.push(Vorgaenger::mit_abstand(id, abstand));
        self
    }

    /// The title, or the id when the title is blank.
    fn anzeige(&self) -> &str {
        if self.titel.trim().is_empty() {
            &self.id
        } else {
            &self.titel
        }
    }
}

/// The computed times of one Aufgabe, in working-day offsets from the project start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GeplanteAufgabe {
    pub id: String,
    pub titel: String,
    pub dauer: i64,
    /// Earliest start (FAZ).
    pub fruehester_anfang: i64,
    /// Earliest finish (FEZ), exclusive.
    pub fruehestes_ende: i64,
    /// Latest start (SAZ) that does not delay the project.
    pub spaetester_anfang: i64,
    /// Latest finish (SEZ), exclusive.
    pub spaetestes_ende: i64,
    /// Total slack (GP): how far the Aufgabe may slip without delaying the project.
    pub gesamtpuffer: i64,
    /// Free slack (FP): how far it may slip without delaying any successor
    /// (for an Aufgabe without successors: without delaying the project end).
    pub freier_puffer: i64,
    /// On a critical path: zero total slack.
    pub kritisch: bool,
}

/// The schedule of a Projektplan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Netzplan {
    /// All Aufgaben in topological order: by earliest start, then by id.
    pub aufgaben: Vec<GeplanteAufgabe>,
    /// The critical paths, each a chain of ids from a start to the end of the project, in
    /// topological order; at most [`MAX_KRITISCHE_PFADE`] of them.
    pub kritische_pfade: Vec<Vec<String>>,
    /// The duration of the whole project in working days.
    pub gesamtdauer: i64,
}

impl Netzplan {
    /// The planned Aufgabe with this id.
    pub fn aufgabe(&self, id: &str) -> Option<&GeplanteAufgabe> {
        self.aufgaben.iter().find(|a| a.id == id)
    }

    /// All Aufgaben with zero total slack, in topological order.
    pub fn kritische_aufgaben(&self) -> impl Iterator<Item = &GeplanteAufgabe> {
        self.aufgaben.iter().filter(|a| a.kritisch)
    }
}

/// An edge to a neighbour in the graph of valid dependencies.
#[derive(Debug, Clone, Copy)]
struct Kante {
    knoten: usize,
    abstand: i64,
}

/// Validates the Aufgaben and computes their schedule.
///
/// Errors: `aufgaben[i].id` (`err-required`, `err-id-doppelt`), `aufgaben[i].dauer`
/// (`err-range`), `aufgaben[i].vorgaenger[j]` (`err-vorgaenger-unbekannt`,
/// `err-selbstbezug`, `err-vorgaenger-doppelt`, `err-zyklus` with the arg `zyklus`),
/// `aufgaben[i].vorgaenger[j].abstand` (`err-range`).
pub fn berechne(aufgaben: &[Aufgabe]) -> Result<Netzplan, FieldErrors> {
    let n = aufgaben.len();
    let mut e = FieldErrors::default();

    let mut index: HashMap<&str, usize> = HashMap::with_capacity(n);
    let mut doppelt = false;
    for (i, a) in aufgaben.iter().enumerate() {
        if a.id.trim().is_empty() {
            e.push(FieldError::new(format!("aufgaben[{i}].id"), "err-required"));
        } else if index.contains_key(a.id.as_str()) {
            doppelt = true;
            e.push(FieldError::new(format!("aufgaben[{i}].id"), "err-id-doppelt").arg("id", &a.id));
        } else {
            index.insert(a.id.as_str(), i);
        }
        if !(0..=MAX_DAUER).contains(&a.dauer) {
            e.push(
                FieldError::new(format!("aufgaben[{i}].dauer"), "err-range")
                    .arg("min", 0)
                    .arg("max", MAX_DAUER),
            );
        }
    }

    // The valid dependencies; `pos` remembers the place in the input list for errors.
    let mut preds: Vec<Vec<(Kante, usize)>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<Kante>> = vec![Vec::new(); n];
    let mut zuletzt = vec![usize::MAX; n];
    for (i, a) in aufgaben.iter().enumerate() {
        for (j, v) in a.vorgaenger.iter().enumerate() {
            let feld = || format!("aufgaben[{i}].vorgaenger[{j}]");
            if !(0..=MAX_ABSTAND).contains(&v.abstand) {
                e.push(
                    FieldError::new(format!("{}.abstand", feld()), "err-range")
                        .arg("min", 0)
                        .arg("max", MAX_ABSTAND),
                );
            }
            if v.id == a.id {
                e.push(FieldError::new(feld(), "err-selbstbezug").arg("id", &v.id));
                continue;
            }
            let Some(&p) = index.get(v.id.as_str()) else {
                e.push(FieldError::new(feld(), "err-vorgaenger-unbekannt").arg("id", &v.id));
                continue;
            };
            if zuletzt[p] == i {
                e.push(FieldError::new(feld(), "err-vorgaenger-doppelt").arg("id", &v.id));
                continue;
            }
            zuletzt[p] = i;
            let abstand = v.abstand.clamp(0, MAX_ABSTAND);
            preds[i].push((Kante { knoten: p, abstand }, j));
            succs[p].push(Kante { knoten: i, abstand });
        }
    }
    if doppelt {
        // With ambiguous ids the graph is not well defined; report what we have.
        return Err(e);
    }

    // The rank of each Aufgabe in id order breaks ties independently of the input order.
    let mut nach_id: Vec<usize> = (0..n).collect();
    nach_id.sort_unstable_by(|&x, &y| aufgaben[x].id.cmp(&aufgaben[y].id));
    let mut rang = vec![0; n];
    for (r, &i) in nach_id.iter().enumerate() {
        rang[i] = r;
    }
    let dauer: Vec<i64> = aufgaben.iter().map(|a| a.dauer.clamp(0, MAX_DAUER)).collect();

    // Forward pass, Kahn's algorithm: the next Aufgabe is the ready one with the earliest
    // start, then the smallest id. The order is topological and sorted by earliest start.
    let mut offen: Vec<usize> = preds.iter().map(Vec::len).collect();
    let mut faz = vec![0i64; n];
    let mut topo: Vec<usize> = Vec::with_capacity(n);
    let mut bereit: BinaryHeap<Reverse<(i64, usize, usize)>> = (0..n)
        .filter(|&i| offen[i] == 0)
        .map(|i| Reverse((0, rang[i], i)))
        .collect();
    while let Some(Reverse((start, _, v))) = bereit.pop() {
        topo.push(v);
        let ende = start.saturating_add(dauer[v]);
        for k in &succs[v] {
            let s = k.knoten;
            faz[s] = faz[s].max(ende.saturating_add(k.abstand));
            offen[s] -= 1;
            if offen[s] == 0 {
                bereit.push(Reverse((faz[s], rang[s], s)));
            }
        }
    }
    if topo.len() < n {
        e.push(zyklus_fehler(aufgaben, &preds, &offen, &rang));
    }
    if !e.is_empty() {
        return Err(e);
    }

    let fez: Vec<i64> = (0..n).map(|i| faz[i] + dauer[i]).collect();
    let gesamtdauer = fez.iter().copied().max().unwrap_or(0);

    // Backward pass in reverse topological order.
    let mut sez = vec![gesamtdauer; n];
    let mut saz = vec![0i64; n];
    let mut fp = vec![0i64; n];
    for &v in topo.iter().rev() {
        let mut spaetestens = gesamtdauer;
        let mut frei = gesamtdauer - fez[v];
        for k in &succs[v] {
            spaetestens = spaetestens.min(saz[k.knoten] - k.abstand);
            frei = frei.min(faz[k.knoten] - k.abstand - fez[v]);
        }
        sez[v] = spaetestens;
        saz[v] = spaetestens - dauer[v];
        fp[v] = frei;
    }
    let kritisch: Vec<bool> = (0..n).map(|i| saz[i] == faz[i]).collect();

    let kritische_pfade = kritische_pfade(aufgaben, &topo, &succs, &faz, &fez, &kritisch);
    let geplant = topo
        .iter()
        .map(|&i| GeplanteAufgabe {
            id: aufgaben[i].id.clone(),
            titel: aufgaben[i].titel.clone(),
            dauer: dauer[i],
            fruehester_anfang: faz[i],
            fruehestes_ende: fez[i],
            spaetester_anfang: saz[i],
            spaetestes_ende: sez[i],
            gesamtpuffer: saz[i] - faz[i],
            freier_puffer: fp[i],
            kritisch: kritisch[i],
        })
        .collect();
    Ok(Netzplan {
        aufgaben: geplant,
        kritische_pfade,
        gesamtdauer,
    })
}

/// Finds one cycle among the Aufgaben that Kahn's algorithm could not order (`offen > 0`)
/// and names it. Each of them has an unordered predecessor, so walking back from the one
/// with the smallest id must run into a cycle; the cycle is named from its smallest id.
fn zyklus_fehler(
    aufgaben: &[Aufgabe],
    preds: &[Vec<(Kante, usize)>],
    offen: &[usize],
    rang: &[usize],
) -> FieldError {
    let rest = |i: &usize| offen[*i] > 0;
    let Some(start) = (0..aufgaben.len()).filter(rest).min_by_key(|&i| rang[i]) else {
        return FieldError::new("aufgaben", "err-zyklus");
    };
    let mut gesehen: Vec<Option<usize>> = vec![None; aufgaben.len()];
    let mut weg: Vec<usize> = Vec::new();
    let mut v = start;
    let mut kreis = loop {
        if let Some(pos) = gesehen[v] {
            break weg.split_off(pos);
        }
        gesehen[v] = Some(weg.len());
        weg.push(v);
        match preds[v]
            .iter()
            .map(|(k, _)| k.knoten)
            .filter(rest)
            .min_by_key(|&p| rang[p])
        {
            Some(p) => v = p,
            None => return FieldError::new("aufgaben", "err-zyklus"),
        }
    };
    // `kreis` runs backwards (each is a predecessor of the one before); turn it around
    // and start at the smallest id.
    kreis.reverse();
    if let Some(min) = (0..kreis.len()).min_by_key(|&x| rang[kreis[x]]) {
        kreis.rotate_left(min);
    }
    let (Some(&erste), Some(&letzte)) = (kreis.first(), kreis.last()) else {
        return FieldError::new("aufgaben", "err-zyklus");
    };
    let feld = preds[erste].iter().find(|(k, _)| k.knoten == letzte).map_or_else(
        || format!("aufgaben[{erste}].vorgaenger"),
        |(_, j)| format!("aufgaben[{erste}].vorgaenger[{j}]"),
    );
    let namen: Vec<&str> = kreis
        .iter()
        .chain(std::iter::once(&erste))
        .map(|&i| aufgaben[i].anzeige())
        .collect();
    FieldError::new(feld, "err-zyklus").arg("zyklus", namen.join(" → "))
}

/// Lists the critical paths: chains of critical Aufgaben linked by tight dependencies
/// (the successor starts exactly when the predecessor plus lag ends), from an Aufgabe
/// without a tight critical predecessor (it starts at 0) to one without a tight critical
/// successor (it ends with the project). Every such chain is a longest path.
fn kritische_pfade(
    aufgaben: &[Aufgabe],
    topo: &[usize],
    succs: &[Vec<Kante>],
    faz: &[i64],
    fez: &[i64],
    kritisch: &[bool],
) -> Vec<Vec<String>> {
    let n = aufgaben.len();
    let mut position = vec![0; n];
    for (p, &v) in topo.iter().enumerate() {
        position[v] = p;
    }
    let mut weiter: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut hat_vorgaenger = vec![false; n];
    for &v in topo.iter().filter(|&&v| kritisch[v]) {
        for k in &succs[v] {
            let s = k.knoten;
            if kritisch[s] && fez[v] + k.abstand == faz[s] {
                weiter[v].push(s);
                hat_vorgaenger[s] = true;
            }
        }
        weiter[v].sort_unstable_by_key(|&s| position[s]);
    }

    let mut pfade: Vec<Vec<String>> = Vec::new();
    let starts = topo.iter().filter(|&&v| kritisch[v] && !hat_vorgaenger[v]);
    'starts: for &s in starts {
        // Depth-first, without recursion: (Aufgabe, next successor to visit).
        let mut stapel: Vec<(usize, usize)> = vec![(s, 0)];
        while let Some(oben) = stapel.last_mut() {
            let (v, k) = *oben;
            if weiter[v].is_empty() {
                pfade.push(stapel.iter().map(|&(u, _)| aufgaben[u].id.clone()).collect());
                if pfade.len() >= MAX_KRITISCHE_PFADE {
                    break 'starts;
                }
                stapel.pop();
            } else if let Some(&naechste) = weiter[v].get(k) {
                oben.1 += 1;
                stapel.push((naechste, 0));
            } else {
                stapel.pop();
            }
        }
    }
    pfade
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn codes(r: Result<Netzplan, FieldErrors>) -> Vec<(String, &'static str)> {
        r.unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect()
    }

    /// The textbook example: A(3) → B(2), A → C(4), B,C → D(1); E(1) after A, lag 2.
    fn beispiel() -> Vec<Aufgabe> {
        vec![
            Aufgabe::new("d", "Abnahme", 1).nach("b").nach("c"),
            Aufgabe::new("a", "Konzept", 3),
            Aufgabe::new("b", "Beschaffung", 2).nach("a"),
            Aufgabe::new("c", "Umsetzung", 4).nach("a"),
            Aufgabe::new("e", "Information", 1).nach_mit_abstand("a", 2),
        ]
    }

    #[test]
    fn computes_the_textbook_example() {
        let p = berechne(&beispiel()).unwrap();
        assert_eq!(p.gesamtdauer, 8);
        let ids: Vec<&str> = p.aufgaben.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "e", "d"]);
        let b = p.aufgabe("b").unwrap();
        assert_eq!(
            (
                b.fruehester_anfang,
                b.fruehestes_ende,
                b.spaetester_anfang,
                b.spaetestes_ende
            ),
            (3, 5, 5, 7)
        );
        assert_eq!((b.gesamtpuffer, b.freier_puffer, b.kritisch), (2, 2, false));
        let e = p.aufgabe("e").unwrap();
        assert_eq!((e.fruehester_anfang, e.gesamtpuffer, e.freier_puffer), (5, 2, 2));
        let d = p.aufgabe("d").unwrap();
        assert_eq!((d.fruehester_anfang, d.spaetestes_ende, d.kritisch), (7, 8, true));
        assert_eq!(p.kritische_pfade, [["a", "c", "d"]]);
        let krit: Vec<&str> = p.kritische_aufgaben().map(|a| a.id.as_str()).collect();
        assert_eq!(krit, ["a", "c", "d"]);
    }

    #[test]
    fn free_slack_differs_from_total_slack() {
        // x(1) → y(1) → z(5) ; w(6) → z: x and y share slack, only y has free slack.
        let p = berechne(&[
            Aufgabe::new("x", "X", 1),
            Aufgabe::new("y", "Y", 1).nach("x"),
            Aufgabe::new("w", "W", 6),
            Aufgabe::new("z", "Z", 5).nach("y").nach("w"),
        ])
        .unwrap();
        let x = p.aufgabe("x").unwrap();
        let y = p.aufgabe("y").unwrap();
        assert_eq!((x.gesamtpuffer, x.freier_puffer), (4, 0));
        assert_eq!((y.gesamtpuffer, y.freier_puffer), (4, 4));
        assert_eq!(p.gesamtdauer, 11);
    }

    #[test]
    fn lists_parallel_critical_paths_and_milestones() {
        let p = berechne(&[
            Aufgabe::new("start", "Start", 0),
            Aufgabe::new("a", "A", 2).nach("start"),
            Aufgabe::new("b", "B", 2).nach("start"),
            Aufgabe::new("ziel", "Ziel", 0).nach("a").nach("b"),
        ])
        .unwrap();
        assert_eq!(p.gesamtdauer, 2);
        assert_eq!(
            p.kritische_pfade,
            [["start", "a", "ziel"], ["start", "b", "ziel"]]
        );
        assert!(p.aufgaben.iter().all(|a| a.kritisch));
        assert_eq!(berechne(&[]).unwrap().gesamtdauer, 0);
    }

    #[test]
    fn caps_the_number_of_critical_paths() {
        // 6 diamonds in a row: 2^6 = 64 critical paths.
        let mut v = vec![Aufgabe::new("k0", "K0", 1)];
        for i in 0..6 {
            v.push(Aufgabe::new(format!("o{i}"), "O", 1).nach(format!("k{i}")));
            v.push(Aufgabe::new(format!("u{i}"), "U", 1).nach(format!("k{i}")));
            v.push(
                Aufgabe::new(format!("k{}", i + 1), "K", 1)
                    .nach(format!("o{i}"))
                    .nach(format!("u{i}")),
            );
        }
        let p = berechne(&v).unwrap();
        assert_eq!(p.kritische_pfade.len(), MAX_KRITISCHE_PFADE);
        assert!(p.kritische_pfade.iter().all(|w| w.len() == 13));
    }

    #[test]
    fn names_invalid_fields() {
        let v = vec![
            Aufgabe::new("a", "A", -1),
            Aufgabe::new("b", "B", 1).nach("x").nach("b").nach("a").nach("a"),
            Aufgabe::new("a", "A2", 1),
            Aufgabe::new(" ", "leer", 1).nach_mit_abstand("a", -2),
        ];
        assert_eq!(
            codes(berechne(&v)),
            [
                ("aufgaben[0].dauer".to_owned(), "err-range"),
                ("aufgaben[2].id".to_owned(), "err-id-doppelt"),
                ("aufgaben[3].id".to_owned(), "err-required"),
                ("aufgaben[1].vorgaenger[0]".to_owned(), "err-vorgaenger-unbekannt"),
                ("aufgaben[1].vorgaenger[1]".to_owned(), "err-selbstbezug"),
                ("aufgaben[1].vorgaenger[3]".to_owned(), "err-vorgaenger-doppelt"),
                ("aufgaben[3].vorgaenger[0].abstand".to_owned(), "err-range"),
            ]
        );
        let e = berechne(&[Aufgabe::new("a", "A", MAX_DAUER + 1)]).unwrap_err();
        assert_eq!(
            e.0[0].args,
            [("min", "0".to_owned()), ("max", MAX_DAUER.to_string())]
        );
    }

    #[test]
    fn rejects_a_cycle_naming_its_titles() {
        let v = vec![
            Aufgabe::new("c", "Ausschreibung", 1).nach("b"),
            Aufgabe::new("a", "Bedarf", 1).nach("c").nach("s"),
            Aufgabe::new("b", "Konzept", 1).nach("a"),
            Aufgabe::new("s", "Start", 1),
            Aufgabe::new("z", "Ziel", 1).nach("c"),
        ];
        let e = berechne(&v).unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].field, "aufgaben[1].vorgaenger[0]");
        assert_eq!(e.0[0].code, "err-zyklus");
        assert_eq!(
            e.0[0].args,
            [("zyklus", "Bedarf → Konzept → Ausschreibung → Bedarf".to_owned())]
        );
        // A blank title falls back to the id.
        let e = berechne(&[
            Aufgabe::new("p", "", 1).nach("q"),
            Aufgabe::new("q", "Q", 1).nach("p"),
        ])
        .unwrap_err();
        assert_eq!(e.0[0].args[0].1, "p → Q → p");
    }

    #[test]
    fn schedules_a_large_plan() {
        // 500 Aufgaben, 2000 dependencies from a deterministic pseudo-random sequence.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut zufall = |m: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            usize::try_from(x % m as u64).unwrap()
        };
        let mut v: Vec<Aufgabe> = (0..500)
            .map(|i| Aufgabe::new(format!("t{i:03}"), format!("T{i}"), (i % 7) as i64))
            .collect();
        let mut kanten = 0;
        while kanten < 2000 {
            let (a, b) = (zufall(500), zufall(500));
            let (a, b) = (a.min(b), a.max(b));
            let id = format!("t{a:03}");
            if a != b && !v[b].vorgaenger.iter().any(|p| p.id == id) {
                v[b].vorgaenger.push(Vorgaenger::mit_abstand(id, (a % 3) as i64));
                kanten += 1;
            }
        }
        let t = std::time::Instant::now();
        let p = berechne(&v).unwrap();
        let dauer = t.elapsed();
        assert_eq!(p.aufgaben.len(), 500);
        assert!(!p.kritische_pfade.is_empty());
        // Generous even for unoptimised builds; release takes well under a millisecond.
        assert!(dauer.as_millis() < 500, "{dauer:?}");
    }

    /// A random DAG: edges only from a lower to a higher index, ids a permutation.
    #[derive(Debug, Clone)]
    struct Dag {
        dauer: Vec<i64>,
        /// (predecessor, successor, lag) with predecessor < successor, no duplicates.
        kanten: Vec<(usize, usize, i64)>,
        ids: Vec<String>,
    }

    impl Dag {
        fn aufgaben(&self) -> Vec<Aufgabe> {
            let mut v: Vec<Aufgabe> = (0..self.dauer.len())
                .map(|i| Aufgabe::new(&self.ids[i], format!("Aufgabe {}", self.ids[i]), self.dauer[i]))
                .collect();
            for &(p, s, l) in &self.kanten {
                v[s].vorgaenger.push(Vorgaenger::mit_abstand(&self.ids[p], l));
            }
            v
        }

        /// The longest path, computed independently by dynamic programming over indices.
        fn laengster_weg(&self) -> i64 {
            let n = self.dauer.len();
            let mut ende = vec![0i64; n];
            for s in 0..n {
                let start = self
                    .kanten
                    .iter()
                    .filter(|k| k.1 == s)
                    .map(|&(p, _, l)| ende[p] + l)
                    .max()
                    .unwrap_or(0);
                ende[s] = start + self.dauer[s];
            }
            ende.into_iter().max().unwrap_or(0)
        }
    }

    fn dag() -> impl Strategy<Value = Dag> {
        dag_ab(1)
    }

    fn dag_ab(min: usize) -> impl Strategy<Value = Dag> {
        (min..25).prop_flat_map(|n| {
            (
                proptest::collection::vec(0i64..6, n),
                proptest::collection::vec((0..n, 0..n, 0i64..3), 0..n * 3),
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
            )
                .prop_map(|(dauer, roh, perm)| {
                    let mut kanten: Vec<(usize, usize, i64)> = Vec::new();
                    for (a, b, l) in roh {
                        let (p, s) = (a.min(b), a.max(b));
                        if p != s && !kanten.iter().any(|k| (k.0, k.1) == (p, s)) {
                            kanten.push((p, s, l));
                        }
                    }
                    let ids = perm.into_iter().map(|i| format!("t{i:02}")).collect();
                    Dag { dauer, kanten, ids }
                })
        })
    }

    /// A DAG with its Aufgaben in a shuffled order (predecessor lists reversed, too).
    fn dag_gemischt() -> impl Strategy<Value = (Dag, Vec<Aufgabe>)> {
        dag().prop_flat_map(|d| {
            let mut v = d.aufgaben();
            for a in &mut v {
                a.vorgaenger.reverse();
            }
            (Just(d), Just(v).prop_shuffle())
        })
    }

    proptest! {
        #[test]
        fn slack_is_never_negative_and_zero_on_critical_paths((_, v) in dag_gemischt()) {
            let p = berechne(&v).unwrap();
            for a in &p.aufgaben {
                prop_assert!(a.gesamtpuffer >= 0);
                prop_assert!(a.freier_puffer >= 0);
                prop_assert!(a.freier_puffer <= a.gesamtpuffer);
                prop_assert_eq!(a.kritisch, a.gesamtpuffer == 0);
            }
            prop_assert!(!p.kritische_pfade.is_empty());
            for pfad in &p.kritische_pfade {
                let laenge: Vec<&GeplanteAufgabe> =
                    pfad.iter().map(|id| p.aufgabe(id).unwrap()).collect();
                prop_assert!(laenge.iter().all(|a| a.gesamtpuffer == 0));
                prop_assert_eq!(laenge[0].fruehester_anfang, 0);
                prop_assert_eq!(laenge[laenge.len() - 1].fruehestes_ende, p.gesamtdauer);
            }
        }

        #[test]
        fn duration_is_the_longest_path((d, v) in dag_gemischt()) {
            let p = berechne(&v).unwrap();
            prop_assert_eq!(p.gesamtdauer, d.laengster_weg());
            // Every dependency is respected and the order is topological.
            let pos: HashMap<&str, usize> =
                p.aufgaben.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
            for a in &v {
                let s = &p.aufgaben[pos[a.id.as_str()]];
                for vg in &a.vorgaenger {
                    let q = &p.aufgaben[pos[vg.id.as_str()]];
                    prop_assert!(pos[vg.id.as_str()] < pos[a.id.as_str()]);
                    prop_assert!(q.fruehestes_ende + vg.abstand <= s.fruehester_anfang);
                    prop_assert!(q.spaetestes_ende + vg.abstand <= s.spaetester_anfang);
                }
            }
        }

        #[test]
        fn a_task_within_the_slack_keeps_the_duration(
            (d, v) in dag_gemischt(),
            wahl in any::<prop::sample::Index>(),
            anteil in 0.0f64..=1.0,
            abstand_anteil in 0.0f64..=1.0,
        ) {
            let vorher = berechne(&v).unwrap();
            let vg = &vorher.aufgaben[wahl.index(vorher.aufgaben.len())];
            let spielraum = vorher.gesamtdauer - vg.fruehestes_ende;
            let abstand = (spielraum as f64 * abstand_anteil).floor() as i64;
            let dauer = ((spielraum - abstand) as f64 * anteil).floor() as i64;
            let mut v2 = v.clone();
            v2.push(Aufgabe::new("neu", "Neu", dauer).nach_mit_abstand(&vg.id, abstand));
            let nachher = berechne(&v2).unwrap();
            prop_assert_eq!(nachher.gesamtdauer, vorher.gesamtdauer);
            prop_assert_eq!(nachher.gesamtdauer, d.laengster_weg());
        }

        #[test]
        fn adding_a_task_never_shortens_the_project(
            (_, v) in dag_gemischt(),
            vorgaenger in proptest::collection::vec(any::<prop::sample::Index>(), 0..4),
            dauer in 0i64..20,
        ) {
            let vorher = berechne(&v).unwrap();
            let mut neu = Aufgabe::new("neu", "Neu", dauer);
            for w in vorgaenger {
                let id = &v[w.index(v.len())].id;
                if !neu.vorgaenger.iter().any(|p| &p.id == id) {
                    neu = neu.nach(id);
                }
            }
            let mut v2 = v.clone();
            v2.push(neu);
            prop_assert!(berechne(&v2).unwrap().gesamtdauer >= vorher.gesamtdauer);
        }

        #[test]
        fn any_cycle_is_rejected(
            d in dag_ab(2),
            kette in proptest::collection::vec(any::<prop::sample::Index>(), 2..6),
            mischen in any::<prop::sample::Index>(),
        ) {
            let n = d.dauer.len();
            let mut knoten: Vec<usize> = kette.iter().map(|w| w.index(n)).collect();
            knoten.sort_unstable();
            knoten.dedup();
            if knoten.len() < 2 {
                knoten = vec![0, n - 1];
            }
            let mut d = d;
            // Force a path along the chain, then close it with one back edge.
            for w in knoten.windows(2) {
                if !d.kanten.iter().any(|k| (k.0, k.1) == (w[0], w[1])) {
                    d.kanten.push((w[0], w[1], 0));
                }
            }
            let mut v = d.aufgaben();
            let (erste, letzte) = (knoten[0], knoten[knoten.len() - 1]);
            v[erste].vorgaenger.push(Vorgaenger::new(&d.ids[letzte]));
            let k = mischen.index(v.len());
            v.rotate_left(k);
            let e = berechne(&v).unwrap_err();
            prop_assert_eq!(e.0.len(), 1);
            prop_assert_eq!(e.0[0].code, "err-zyklus");
            // The named cycle is a real cycle of the graph, and the field names one of its edges.
            let titel = &e.0[0].args[0].1;
            let namen: Vec<&str> = titel.split(" → ").collect();
            prop_assert!(namen.len() >= 3);
            prop_assert_eq!(namen[0], namen[namen.len() - 1]);
            let nach_titel: HashMap<&str, &Aufgabe> =
                v.iter().map(|a| (a.titel.as_str(), a)).collect();
            for w in namen.windows(2) {
                let vor = &nach_titel[w[0]].id;
                prop_assert!(nach_titel[w[1]].vorgaenger.iter().any(|p| &p.id == vor));
            }
            let i = v.iter().position(|a| a.titel == namen[0]).unwrap();
            let praefix = format!("aufgaben[{i}].vorgaenger[");
            prop_assert!(e.0[0].field.starts_with(&praefix));
        }

        #[test]
        fn results_do_not_depend_on_input_order(
            (d, v) in dag_gemischt(),
        ) {
            let a = berechne(&d.aufgaben()).unwrap();
            let b = berechne(&v).unwrap();
            prop_assert_eq!(a, b);
        }
    }
}
