//! Settings of a running server.

use std::net::{IpAddr, SocketAddr};

#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free port (tests).
    pub addr: SocketAddr,
    /// `sqlite://…` or `postgres://…`.
    pub db_url: String,
    /// Mark the session cookie `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`http::adresse`).
    pub trusted_proxies: Vec<IpAddr>,
}

impl Config {
    pub fn new(addr: SocketAddr, db_url: impl Into<String>) -> Self {
        Self {
            addr,
            db_url: db_url.into(),
            secure_cookies: false,
            body_limit: 256 * 1024,
            trusted_proxies: Vec::new(),
        }
    }
}
