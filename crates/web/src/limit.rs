//! Rate limit for failed logins and joins, per client address and, for logins, per
//! account: an attacker behind many addresses cannot try one account's passwords without
//! bound, and one address cannot try many accounts.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Login,
    Join,
}

/// Whose failures are counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Wer {
    /// The client address (see `http::adresse`).
    Adresse(IpAddr),
    /// An account, by its e-mail address in lower case.
    Konto(String),
}

impl Wer {
    pub fn konto(email: &str) -> Self {
        Self::Konto(email.trim().to_lowercase())
    }
}

/// Allows `max` failures per `window` and key; further attempts are refused until the
/// window has passed.
#[derive(Debug)]
pub struct Limiter {
    max: u32,
    window: Duration,
    failures: Mutex<HashMap<(Wer, Kind), (Instant, u32)>>,
}

impl Limiter {
    pub fn new(max: u32, window: Duration) -> Self {
        Self {
            max,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Whether another attempt from this address is allowed now.
    pub fn allowed(&self, ip: IpAddr, kind: Kind) -> bool {
        self.erlaubt(&Wer::Adresse(ip), kind)
    }

    pub fn fail(&self, ip: IpAddr, kind: Kind) {
        self.fehlschlag(Wer::Adresse(ip), kind);
    }

    /// Whether another attempt by `wer` is allowed now.
    pub fn erlaubt(&self, wer: &Wer, kind: Kind) -> bool {
        let mut m = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let key = (wer.clone(), kind);
        match m.get(&key) {
            Some((start, n)) if start.elapsed() < self.window => *n < self.max,
            Some(_) => {
                m.remove(&key);
                true
            }
            None => true,
        }
    }

    pub fn fehlschlag(&self, wer: Wer, kind: Kind) {
        let mut m = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if m.len() > 100_000 {
            let w = self.window;
            m.retain(|_, (start, _)| start.elapsed() < w);
        }
        let e = m.entry((wer, kind)).or_insert((Instant::now(), 0));
        if e.0.elapsed() >= self.window {
            *e = (Instant::now(), 0);
        }
        e.1 += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_failures_per_address() {
        let l = Limiter::new(2, Duration::from_secs(60));
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        l.fail(a, Kind::Join);
        assert!(l.allowed(a, Kind::Join));
        l.fail(a, Kind::Join);
        assert!(!l.allowed(a, Kind::Join));
        assert!(l.allowed(a, Kind::Login));
        assert!(l.allowed(b, Kind::Join));
    }

    #[test]
    fn accounts_are_counted_apart_from_addresses_and_case_insensitively() {
        let l = Limiter::new(2, Duration::from_secs(60));
        l.fehlschlag(Wer::konto("Anna@Example.org"), Kind::Login);
        l.fehlschlag(Wer::konto("anna@example.org "), Kind::Login);
        assert!(!l.erlaubt(&Wer::konto("ANNA@example.org"), Kind::Login));
        assert!(l.erlaubt(&Wer::konto("bert@example.org"), Kind::Login));
        assert!(l.allowed("10.0.0.1".parse().unwrap(), Kind::Login));
    }
}
