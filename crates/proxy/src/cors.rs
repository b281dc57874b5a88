//! CORS: which browser origins may use the proxy, and the headers they get.
//!
//! Origins are matched exactly (ASCII case-insensitive), except the loopback patterns
//! `http://127.0.0.1:*`, `http://localhost:*` and `http://[::1]:*` (also with `https`), which
//! match that scheme and host on any port: browser tests are served on random ports. There is no
//! `*`: every allowed origin can sign requests with the proxy's credentials.

use std::net::IpAddr;

use axum::http::{header, HeaderMap, HeaderValue, Response, StatusCode};

use crate::api::ALLOWED_METHODS;
use crate::error::ConfigError;

/// Methods a preflight allows.
const ALLOW_METHODS: &str = "GET, POST, PUT, DELETE";
/// Request headers a preflight allows (`authorization` is reserved for a bearer-token option).
const ALLOW_HEADERS: &str = "content-type, authorization";
/// Response headers a page may read besides the CORS-safelisted ones.
const EXPOSE_HEADERS: &str = "Retry-After, Location, ETag, X-Trace-Id, X-Request-Id";
/// How long a browser may cache a preflight, in seconds.
const MAX_AGE: &str = "600";

/// One `--allow-origin` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OriginPattern {
    /// Exactly this origin, e.g. `https://app.example.com` or `http://localhost:5173`.
    Exact(String),
    /// A loopback host on any port, written `http://127.0.0.1:*`.
    LoopbackAnyPort {
        /// `http` or `https`.
        scheme: String,
        /// A loopback host as written: `127.0.0.1` (or another `127.x.y.z`), `localhost` or `[::1]`.
        host: String,
    },
}

impl OriginPattern {
    /// Parses `scheme://host[:port]` or the loopback pattern `scheme://host:*`.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let invalid = |why: &str| ConfigError::InvalidOrigin(format!("{text:?}: {why}"));
        if text == "*" {
            return Err(invalid(
                "'*' would let every web page sign requests with your credentials",
            ));
        }
        let (scheme, rest) = text
            .split_once("://")
            .filter(|(s, _)| matches!(s.to_ascii_lowercase().as_str(), "http" | "https"))
            .ok_or_else(|| invalid("expected http://host[:port] or https://host[:port]"))?;
        if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) {
            return Err(invalid(
                "an origin has a host and an optional port, nothing else",
            ));
        }
        if let Some(host) = rest.strip_suffix(":*") {
            if !is_loopback_name(host) {
                return Err(invalid(
                    "':*' (any port) is only allowed for 127.0.0.1, localhost and [::1]",
                ));
            }
            return Ok(OriginPattern::LoopbackAnyPort {
                scheme: scheme.to_ascii_lowercase(),
                host: host.to_ascii_lowercase(),
            });
        }
        if rest.contains('*') {
            return Err(invalid(
                "'*' is only allowed as the port of a loopback host",
            ));
        }
        Ok(OriginPattern::Exact(text.to_owned()))
    }

    /// Whether a request's `Origin` header value matches.
    pub fn matches(&self, origin: &str) -> bool {
        match self {
            OriginPattern::Exact(o) => o.eq_ignore_ascii_case(origin),
            OriginPattern::LoopbackAnyPort { scheme, host } => {
                let Some((s, rest)) = origin.split_once("://") else {
                    return false;
                };
                if !s.eq_ignore_ascii_case(scheme) || !rest.is_char_boundary(host.len()) {
                    return false;
                }
                let (h, tail) = rest.split_at(host.len());
                h.eq_ignore_ascii_case(host)
                    && (tail.is_empty()
                        || tail.strip_prefix(':').is_some_and(|port| {
                            port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u16>().is_ok()
                        }))
            }
        }
    }
}

fn is_loopback_name(host: &str) -> bool {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    host.eq_ignore_ascii_case("localhost")
        || (bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
            && (host.starts_with('[') || !host.contains(':')))
}

/// What the request's `Origin` header means for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum OriginCheck {
    /// No `Origin`: not a cross-origin browser request (Node, curl). Served normally.
    Absent,
    /// An allowed origin: served with CORS headers naming it.
    Allowed(HeaderValue),
    /// Any other origin (or several, or an unreadable one): refused.
    Denied,
}

/// Classifies the request by its `Origin` header.
pub(crate) fn check(patterns: &[OriginPattern], headers: &HeaderMap) -> OriginCheck {
    let mut values = headers.get_all(header::ORIGIN).iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return if headers.contains_key(header::ORIGIN) {
            OriginCheck::Denied
        } else {
            OriginCheck::Absent
        };
    };
    match value.to_str() {
        Ok(origin) if patterns.iter().any(|p| p.matches(origin)) => {
            OriginCheck::Allowed(value.clone())
        }
        _ => OriginCheck::Denied,
    }
}

/// The 204 answer to a preflight from an allowed origin (or to a plain OPTIONS without one).
pub(crate) fn preflight<B: Default>() -> Response<B> {
    let mut response = Response::new(B::default());
    *response.status_mut() = StatusCode::NO_CONTENT;
    let h = response.headers_mut();
    h.insert(header::ALLOW, HeaderValue::from_static(ALLOWED_METHODS));
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(ALLOW_METHODS),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(ALLOW_HEADERS),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static(MAX_AGE),
    );
    response
}

/// Adds the CORS headers for an allowed origin to any response (forwarded or refused), and
/// `Vary: Origin` to every response, since the headers depend on it.
pub(crate) fn decorate<B>(response: &mut Response<B>, origin: &OriginCheck) {
    let h = response.headers_mut();
    h.append(header::VARY, HeaderValue::from_static("Origin"));
    if let OriginCheck::Allowed(origin) = origin {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSE_HEADERS),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> OriginPattern {
        OriginPattern::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn loopback_any_port_matches_that_host_only() {
        let any = p("http://127.0.0.1:*");
        assert!(any.matches("http://127.0.0.1:5173"));
        assert!(any.matches("http://127.0.0.1"));
        assert!(!any.matches("https://127.0.0.1:5173"));
        assert!(!any.matches("http://localhost:5173"));
        assert!(!any.matches("http://127.0.0.1.evil.com:80"));
        assert!(!any.matches("http://127.0.0.1:"));
        assert!(!any.matches("http://127.0.0.1:99999"));
        let v6 = p("http://[::1]:*");
        assert!(v6.matches("http://[::1]:8080"));
        assert!(v6.matches("http://[::1]"));
        assert!(p("http://localhost:*").matches("http://localhost:3000"));
    }

    #[test]
    fn exact_origins_match_exactly() {
        let o = p("https://app.example.com");
        assert!(o.matches("https://app.example.com"));
        assert!(!o.matches("https://app.example.com.evil.com"));
        assert!(!o.matches("http://app.example.com"));
    }

    #[test]
    fn wildcards_and_non_origins_are_refused() {
        for bad in [
            "*",
            "https://*.example.com",
            "http://example.com:*",
            "http://10.0.0.1:*",
            "null",
            "app.example.com",
            "http://x.example/path",
            "http://",
        ] {
            assert!(OriginPattern::parse(bad).is_err(), "{bad}");
        }
    }
}
