//! Header checks done before anything else looks at a request: sizes, `Host`, steering headers and
//! the bearer token. Pure functions over a [`HeaderMap`].

use axum::http::{header, HeaderMap};
use edgegrid::Secret;

use crate::config::is_direct_host;
use crate::problem::Refusal;

/// Headers that ask a proxy to send elsewhere, as another scheme, to another path or with another
/// method. The proxy never honours them; a request that carries one is refused, so that a
/// misconfigured front or a hostile page learns at once that they do not work.
/// (`X-Forwarded-For` and `X-Real-IP` only describe the client: they are dropped, not refused.)
const STEERING_HEADERS: [&str; 14] = [
    "forwarded",
    "x-forwarded-host",
    "x-forwarded-proto",
    "x-forwarded-scheme",
    "x-forwarded-port",
    "x-forwarded-prefix",
    "x-forwarded-server",
    "x-original-host",
    "x-host",
    "x-original-url",
    "x-rewrite-url",
    "x-http-method-override",
    "x-http-method",
    "x-method-override",
];

/// Refuses more than `max_headers` header lines or more than `max_bytes` header bytes
/// (each line counted as `name: value\r\n`).
pub(crate) fn check_header_limits(
    headers: &HeaderMap,
    max_headers: usize,
    max_bytes: usize,
) -> Result<(), Refusal> {
    if headers.len() > max_headers {
        return Err(Refusal::HeadersTooLarge(
            "more header lines than the proxy accepts",
        ));
    }
    let bytes = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .fold(0usize, usize::saturating_add);
    if bytes > max_bytes {
        return Err(Refusal::HeadersTooLarge(
            "more header bytes than the proxy accepts",
        ));
    }
    Ok(())
}

/// Requires exactly one `Host` header naming `localhost` or an IP address (DNS rebinding guard).
pub(crate) fn check_host(headers: &HeaderMap) -> Result<(), Refusal> {
    let mut hosts = headers.get_all(header::HOST).iter();
    match (hosts.next(), hosts.next()) {
        (Some(host), None) if host.to_str().is_ok_and(is_direct_host) => Ok(()),
        _ => Err(Refusal::HostNotAllowed),
    }
}

/// Refuses a request that carries a header asking to steer the upstream request.
pub(crate) fn check_steering(headers: &HeaderMap) -> Result<(), Refusal> {
    match STEERING_HEADERS
        .iter()
        .find(|name| headers.contains_key(**name))
    {
        Some(name) => Err(Refusal::SteeringHeader(name)),
        None => Ok(()),
    }
}

/// Requires exactly one `Authorization: Bearer <token>` header carrying `token`. The token is
/// compared in time that depends only on the length of what the client sent.
pub(crate) fn check_bearer(headers: &HeaderMap, token: &Secret) -> Result<(), Refusal> {
    let mut values = headers.get_all(header::AUTHORIZATION).iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(Refusal::Unauthorized);
    };
    let given = value.as_bytes();
    let scheme = b"bearer ";
    let presented = match given.get(..scheme.len()) {
        Some(s) if s.eq_ignore_ascii_case(scheme) => given[scheme.len()..].trim_ascii(),
        _ => return Err(Refusal::Unauthorized),
    };
    if constant_time_eq(presented, token.expose().as_bytes()) {
        Ok(())
    } else {
        Err(Refusal::Unauthorized)
    }
}

/// Compares without an early exit: the time taken depends on `given.len()` only, never on where
/// `given` and `expected` first differ or on `expected.len()`.
fn constant_time_eq(given: &[u8], expected: &[u8]) -> bool {
    if expected.is_empty() {
        return false;
    }
    let mut diff = u8::from(given.len() != expected.len());
    for (i, g) in given.iter().enumerate() {
        diff |= g ^ expected[i % expected.len()];
    }
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(list: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in list {
            if let Ok(v) = HeaderValue::from_str(value) {
                h.append(*name, v);
            }
        }
        h
    }

    #[test]
    fn bearer_token_must_match_exactly() {
        let token = Secret::new("tok-123");
        let ok = |v: &str| check_bearer(&headers(&[("authorization", v)]), &token).is_ok();
        assert!(ok("Bearer tok-123"));
        assert!(ok("bearer tok-123"));
        assert!(ok("BEARER   tok-123 "));
        for bad in [
            "Bearer tok-12",
            "Bearer tok-1234",
            "Bearer",
            "Bearer ",
            "Basic tok-123",
            "tok-123",
            "Bearertok-123",
        ] {
            assert!(!ok(bad), "{bad}");
        }
        assert!(check_bearer(&HeaderMap::new(), &token).is_err());
        let twice = headers(&[
            ("authorization", "Bearer tok-123"),
            ("authorization", "Bearer tok-123"),
        ]);
        assert!(check_bearer(&twice, &token).is_err());
        assert!(!constant_time_eq(b"", b""));
    }

    #[test]
    fn host_must_be_single_and_direct() {
        assert!(check_host(&headers(&[("host", "127.0.0.1:8600")])).is_ok());
        assert!(check_host(&HeaderMap::new()).is_err());
        assert!(check_host(&headers(&[("host", "evil.example")])).is_err());
        let two = headers(&[("host", "127.0.0.1"), ("host", "evil.example")]);
        assert!(check_host(&two).is_err());
    }

    #[test]
    fn limits_count_lines_and_bytes() {
        let h = headers(&[("a", "1"), ("b", "22")]);
        assert!(check_header_limits(&h, 2, 100).is_ok());
        assert!(check_header_limits(&h, 1, 100).is_err());
        // "a: 1\r\n" is 6 bytes, "b: 22\r\n" 7.
        assert!(check_header_limits(&h, 2, 13).is_ok());
        assert!(check_header_limits(&h, 2, 12).is_err());
    }

    #[test]
    fn steering_headers_are_refused_informational_ones_not() {
        assert!(check_steering(&headers(&[("x-forwarded-for", "10.0.0.1")])).is_ok());
        for name in STEERING_HEADERS {
            let h = headers(&[(name, "x")]);
            assert_eq!(check_steering(&h), Err(Refusal::SteeringHeader(name)));
        }
    }
}
