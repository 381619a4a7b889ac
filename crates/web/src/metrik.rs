//! Figures for operations in the Prometheus text format at `GET /metrics`: requests by
//! status class, their latency as a histogram, open event streams and the document
//! render queue. Counted in atomics (no locks on the request path); event streams are
//! counted as open streams, not as latencies, because they last as long as the page.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const EIMER: [f64; 11] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

#[derive(Debug, Default)]
pub struct Metriken {
    /// Answers by status class 1xx … 5xx.
    klassen: [AtomicU64; 5],
    /// Requests at most as long as `EIMER[i]` (not cumulative; summed when written).
    eimer: [AtomicU64; EIMER.len()],
    ueber: AtomicU64,
    mikros_summe: AtomicU64,
}

/// Document renders waiting for a slot, and running (process-wide, like the render slots
/// in `services::strategie`).
pub static RENDER_WARTEND: AtomicU64 = AtomicU64::new(0);
pub static RENDER_LAUFEND: AtomicU64 = AtomicU64::new(0);

impl Metriken {
    pub fn anfrage(&self, status: u16, dauer: Duration) {
        let klasse = usize::from(status / 100).clamp(1, 5) - 1;
        self.klassen[klasse].fetch_add(1, Ordering::Relaxed);
        let s = dauer.as_secs_f64();
        match EIMER.iter().position(|g| s <= *g) {
            Some(i) => self.eimer[i].fetch_add(1, Ordering::Relaxed),
            None => self.ueber.fetch_add(1, Ordering::Relaxed),
        };
        let mikros = u64::try_from(dauer.as_micros()).unwrap_or(u64::MAX);
        self.mikros_summe.fetch_add(mikros, Ordering::Relaxed);
    }

    /// The text exposition (format 0.0.4); `stroeme` is the number of open event streams.
    pub fn text(&self, stroeme: usize) -> String {
        let mut t = String::new();
        let _ = writeln!(
            t,
            "# HELP werkstatt_http_requests_total Answered HTTP requests by status class."
        );
        let _ = writeln!(t, "# TYPE werkstatt_http_requests_total counter");
        for (i, n) in self.klassen.iter().enumerate() {
            let _ = writeln!(
                t,
                "werkstatt_http_requests_total{{code=\"{}xx\"}} {}",
                i + 1,
                n.load(Ordering::Relaxed)
            );
        }
        let _ = writeln!(
            t,
            "# HELP werkstatt_http_request_duration_seconds Time to answer, without event streams."
        );
        let _ = writeln!(t, "# TYPE werkstatt_http_request_duration_seconds histogram");
        let mut summe = 0;
        for (g, n) in EIMER.iter().zip(&self.eimer) {
            summe += n.load(Ordering::Relaxed);
            let _ = writeln!(
                t,
                "werkstatt_http_request_duration_seconds_bucket{{le=\"{g}\"}} {summe}"
            );
        }
        summe += self.ueber.load(Ordering::Relaxed);
        let _ = writeln!(
            t,
            "werkstatt_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {summe}"
        );
        let sekunden = self.mikros_summe.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(t, "werkstatt_http_request_duration_seconds_sum {sekunden}");
        let _ = writeln!(t, "werkstatt_http_request_duration_seconds_count {summe}");
        let _ = writeln!(
            t,
            "# HELP werkstatt_event_streams_open Open event streams of this process."
        );
        let _ = writeln!(t, "# TYPE werkstatt_event_streams_open gauge");
        let _ = writeln!(t, "werkstatt_event_streams_open {stroeme}");
        let _ = writeln!(
            t,
            "# HELP werkstatt_render_queue Document renders waiting for a slot and running."
        );
        let _ = writeln!(t, "# TYPE werkstatt_render_queue gauge");
        let _ = writeln!(
            t,
            "werkstatt_render_queue{{state=\"waiting\"}} {}",
            RENDER_WARTEND.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            t,
            "werkstatt_render_queue{{state=\"running\"}} {}",
            RENDER_LAUFEND.load(Ordering::Relaxed)
        );
        t
    }
}

/// Counts a section of work while it runs (a render waiting or running).
pub struct Zaehler<'a>(&'a AtomicU64);

impl<'a> Zaehler<'a> {
    pub fn neu(z: &'a AtomicU64) -> Self {
        z.fetch_add(1, Ordering::Relaxed);
        Self(z)
    }
}

impl Drop for Zaehler<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wert(text: &str, zeile: &str) -> f64 {
        text.lines()
            .find_map(|l| l.strip_prefix(zeile)?.trim().parse().ok())
            .unwrap_or(f64::NAN)
    }

    #[test]
    fn buckets_are_cumulative_and_classes_counted() {
        let m = Metriken::default();
        m.anfrage(200, Duration::from_millis(3));
        m.anfrage(204, Duration::from_millis(30));
        m.anfrage(422, Duration::from_millis(300));
        m.anfrage(503, Duration::from_secs(20));
        let t = m.text(7);
        assert_eq!(wert(&t, "werkstatt_http_requests_total{code=\"2xx\"}"), 2.0);
        assert_eq!(wert(&t, "werkstatt_http_requests_total{code=\"4xx\"}"), 1.0);
        assert_eq!(wert(&t, "werkstatt_http_requests_total{code=\"5xx\"}"), 1.0);
        assert_eq!(
            wert(&t, "werkstatt_http_request_duration_seconds_bucket{le=\"0.005\"}"),
            1.0
        );
        assert_eq!(
            wert(&t, "werkstatt_http_request_duration_seconds_bucket{le=\"0.05\"}"),
            2.0
        );
        assert_eq!(
            wert(&t, "werkstatt_http_request_duration_seconds_bucket{le=\"10\"}"),
            3.0
        );
        assert_eq!(
            wert(&t, "werkstatt_http_request_duration_seconds_bucket{le=\"+Inf\"}"),
            4.0
        );
        assert_eq!(wert(&t, "werkstatt_http_request_duration_seconds_count"), 4.0);
        let summe = wert(&t, "werkstatt_http_request_duration_seconds_sum");
        assert!((summe - 20.333).abs() < 1e-9, "{summe}");
        assert_eq!(wert(&t, "werkstatt_event_streams_open"), 7.0);
    }

    #[test]
    fn a_counter_counts_while_it_lives() {
        let z = AtomicU64::new(0);
        {
            let _a = Zaehler::neu(&z);
            let _b = Zaehler::neu(&z);
            assert_eq!(z.load(Ordering::Relaxed), 2);
        }
        assert_eq!(z.load(Ordering::Relaxed), 0);
    }
}
