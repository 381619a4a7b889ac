//! Rate limit for failed logins and joins, per client address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Login,
    Join,
}

/// Allows `max` failures per `window` and address; further attempts are refused until
/// the window has passed.
#[derive(Debug)]
pub struct Limiter {
    max: u32,
    window: Duration,
    failures: Mutex<HashMap<(IpAddr, Kind), (Instant, u32)>>,
}

impl Limiter {
    pub fn new(max: u32, window: Duration) -> Self {
        Self {
            max,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Whether another attempt is allowed now.
    pub fn allowed(&self, ip: IpAddr, kind: Kind) -> bool {
        let mut m = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        match m.get(&(ip, kind)) {
            Some((start, n)) if start.elapsed() < self.window => *n < self.max,
            Some(_) => {
                m.remove(&(ip, kind));
                true
            }
            None => true,
        }
    }

    pub fn fail(&self, ip: IpAddr, kind: Kind) {
        let mut m = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if m.len() > 100_000 {
            let w = self.window;
            m.retain(|_, (start, _)| start.elapsed() < w);
        }
        let e = m.entry((ip, kind)).or_insert((Instant::now(), 0));
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
}
