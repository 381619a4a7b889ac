//! The client's address. Behind a reverse proxy every request comes from the proxy, so a
//! rate limit per peer would lock out everyone at once; the proxy names the client in
//! `X-Forwarded-For`. That header is believed only from the proxies the administrator
//! configured (`--trusted-proxy`), because any client can send it.

use std::net::IpAddr;

use axum::http::HeaderMap;

/// The client behind `peer`: where `peer` is a trusted proxy, the rightmost address in
/// `X-Forwarded-For` that is not itself a trusted proxy (each proxy appends the address
/// it saw, so entries left of it may be forged); otherwise `peer`.
pub fn client(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let kette: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .map(|s| s.parse::<IpAddr>().ok())
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    kette
        .into_iter()
        .rev()
        .find(|ip| !trusted.contains(ip))
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xff(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", v.parse().unwrap());
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let proxy = ip("10.0.0.1");
        assert_eq!(client(proxy, &xff("203.0.113.7"), &[proxy]), ip("203.0.113.7"));
        // A client talking directly cannot choose its address.
        assert_eq!(
            client(ip("198.51.100.2"), &xff("203.0.113.7"), &[proxy]),
            ip("198.51.100.2")
        );
        assert_eq!(client(proxy, &xff("203.0.113.7"), &[]), proxy);
    }

    #[test]
    fn forged_entries_left_of_the_proxies_are_ignored() {
        let (aussen, innen) = (ip("10.0.0.1"), ip("10.0.0.2"));
        let h = xff("1.2.3.4, 203.0.113.7, 10.0.0.1");
        assert_eq!(client(innen, &h, &[aussen, innen]), ip("203.0.113.7"));
        // Only proxies in the header, or garbage: the peer itself.
        assert_eq!(client(innen, &xff("10.0.0.1"), &[aussen, innen]), innen);
        assert_eq!(client(innen, &xff("unbekannt, 203.0.113.7"), &[innen]), innen);
        assert_eq!(client(innen, &HeaderMap::new(), &[innen]), innen);
    }

    #[test]
    fn ipv6_addresses_are_read() {
        let proxy = ip("::1");
        assert_eq!(client(proxy, &xff("2001:db8::5"), &[proxy]), ip("2001:db8::5"));
    }
}
