//! Timing of the pure algorithms (run by `bench/rechenzeit.sh` in a release build):
//! all prioritisation results for 30 participants × 200 Maßnahmen with every method, and the
//! schedule of a plan with 500 tasks and 2,000 dependencies. Prints median and maximum of
//! repeated runs; nothing is asserted.

use std::time::{Duration, Instant};

use werkstatt_core::abstimmung::{self, Einstellungen, Kriterium, Methode};
use werkstatt_core::planung::{Aufgabe, Vorgaenger, berechne};

/// A small deterministic generator, so every run computes the same inputs.
struct Zufall(u64);

impl Zufall {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn bis(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn messen(name: &str, laeufe: usize, mut f: impl FnMut()) {
    let mut zeiten: Vec<Duration> = (0..laeufe)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    zeiten.sort();
    println!(
        "| {name} | {:.3} | {:.3} |",
        zeiten[zeiten.len() / 2].as_secs_f64() * 1000.0,
        zeiten[zeiten.len() - 1].as_secs_f64() * 1000.0
    );
}

fn main() {
    let mut z = Zufall(0x5eed);
    let optionen: Vec<String> = (0..200).map(|i| format!("m{i:03}")).collect();
    let e = Einstellungen {
        budget: 101,
        stapeln: true,
        max_pro_option: Some(3),
        kriterien: ["Wirkung", "Kosten", "Akzeptanz", "Personalbedarf"]
            .iter()
            .zip([40, 20, 20, 20])
            .map(|(n, g)| Kriterium {
                name: (*n).into(),
                gewicht: g,
            })
            .collect(),
        verborgen: false,
    };
    let mut alle_zettel = Vec::new();
    for methode in Methode::ALL {
        let mut zettel = Vec::new();
        for _ in 0..30 {
            let v = match methode {
                Methode::Punkte => {
                    let mut m = serde_json::Map::new();
                    let mut rest = 101;
                    while rest > 0 {
                        let id = &optionen[z.bis(200) as usize];
                        let alt = m.get(id).and_then(serde_json::Value::as_u64).unwrap_or(0);
                        if alt < 3 {
                            m.insert(id.clone(), (alt + 1).into());
                            rest -= 1;
                        }
                    }
                    serde_json::Value::Object(m)
                }
                Methode::Matrix => serde_json::Value::Object(
                    optionen
                        .iter()
                        .map(|o| {
                            (
                                o.clone(),
                                serde_json::json!({"nutzen": 1 + z.bis(5), "aufwand": 1 + z.bis(5)}),
                            )
                        })
                        .collect(),
                ),
                Methode::Nutzwert => serde_json::Value::Object(
                    optionen
                        .iter()
                        .map(|o| {
                            (
                                o.clone(),
                                serde_json::json!((0..4).map(|_| z.bis(11)).collect::<Vec<_>>()),
                            )
                        })
                        .collect(),
                ),
                Methode::Paarvergleich => serde_json::json!(
                    (0..50)
                        .map(|_| {
                            let a = z.bis(200) as usize;
                            let b = (a + 1 + z.bis(199) as usize) % 200;
                            let ausgang = ["a", "b", "gleich"][z.bis(3) as usize];
                            serde_json::json!({"a": optionen[a], "b": optionen[b], "ausgang": ausgang})
                        })
                        .collect::<Vec<_>>()
                ),
                Methode::Rangfolge => {
                    let mut o = optionen.clone();
                    for i in (1..o.len()).rev() {
                        o.swap(i, z.bis(i as u64 + 1) as usize);
                    }
                    serde_json::json!(o.into_iter().map(|x| vec![x]).collect::<Vec<_>>())
                }
            };
            zettel.push(abstimmung::parse_zettel(methode, &e, &optionen, &v).expect("valid ballot"));
        }
        alle_zettel.push((methode, zettel));
    }
    println!("| computation | median ms | max ms |\n|---|---:|---:|");
    for (methode, zettel) in &alle_zettel {
        messen(&format!("{} (30 × 200)", methode.slug()), 50, || {
            std::hint::black_box(abstimmung::auswerten(*methode, &e, &optionen, zettel, 0).expect("result"));
        });
    }
    messen("all five methods together (30 × 200)", 30, || {
        for (methode, zettel) in &alle_zettel {
            std::hint::black_box(abstimmung::auswerten(*methode, &e, &optionen, zettel, 0).expect("result"));
        }
    });

    // 500 tasks, 2,000 finish-to-start dependencies, each on an earlier task (a DAG).
    let mut aufgaben: Vec<Aufgabe> = (0..500)
        .map(|i| Aufgabe::new(format!("a{i:03}"), format!("Aufgabe {i}"), 1 + z.bis(20) as i64))
        .collect();
    let mut kanten = std::collections::BTreeSet::new();
    while kanten.len() < 2000 {
        let b = 1 + z.bis(499) as usize;
        let a = z.bis(b as u64) as usize;
        kanten.insert((a, b));
    }
    for (a, b) in kanten {
        aufgaben[b].vorgaenger.push(Vorgaenger::new(format!("a{a:03}")));
    }
    messen("schedule: 500 tasks, 2,000 dependencies", 200, || {
        std::hint::black_box(berechne(&aufgaben).expect("schedule"));
    });
}
