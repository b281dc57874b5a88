//! What the proxy is configured with: credentials, upstream, CORS origins, bearer token, limits,
//! timeouts, and where health and metrics are served.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use edgegrid::{Credentials, Secret};

use crate::cors::OriginPattern;
use crate::error::ConfigError;

/// Default request body limit: 1 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// Default upstream timeout (whole request, response body included): 30 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Default limit on requests handled at the same time: 256.
pub const DEFAULT_MAX_CONCURRENT: usize = 256;

/// Default limit on the number of request header lines: 64.
pub const DEFAULT_MAX_HEADERS: usize = 64;

/// Default limit on the size of all request headers (names, values and separators): 16 KiB.
pub const DEFAULT_MAX_HEADER_BYTES: usize = 16 * 1024;

/// Default time a client has to send the request line and headers (and how long an idle
/// keep-alive connection stays open): 10 seconds.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Default time a client has to send the whole request body: 20 seconds.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(20);

/// Default time in-flight requests get to finish after SIGTERM or SIGINT: 30 seconds.
pub const DEFAULT_SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Everything the proxy needs to run.
#[derive(Clone)]
pub struct Config {
    /// The credentials every request is signed with; their `host` is always the signed host.
    pub credentials: Credentials,
    /// Where signed requests are sent.
    pub upstream: Upstream,
    /// Origins that get CORS headers; requests with any other `Origin` are refused.
    pub allowed_origins: Vec<OriginPattern>,
    /// When set, every request except a CORS preflight must carry
    /// `Authorization: Bearer <token>` with this token (`--token-file`).
    pub bearer_token: Option<Secret>,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Most requests handled at the same time; more are answered 503 with `Retry-After`.
    pub max_concurrent: usize,
    /// Most request header lines accepted (431 beyond).
    pub max_headers: usize,
    /// Most request header bytes accepted, names, values and separators counted (431 beyond).
    pub max_header_bytes: usize,
    /// Upstream timeout for one request.
    pub timeout: Duration,
    /// Time a client has to send its request line and headers; also the keep-alive idle timeout.
    pub header_timeout: Duration,
    /// Time a client has to send the whole request body (408 beyond).
    pub body_timeout: Duration,
    /// Time in-flight requests get to finish when the server is asked to stop.
    pub shutdown_grace: Duration,
    /// Whether `/healthz`, `/readyz` and `/metrics` are answered on the proxy's own listener
    /// (the default); `false` when they have a listener of their own (`--admin-listen`).
    pub admin_on_main_listener: bool,
}

impl Config {
    /// A configuration that forwards to `https://{credentials.host}` with no CORS origins, the
    /// default limits, and health and metrics on the proxy's listener.
    pub fn new(credentials: Credentials) -> Result<Self, ConfigError> {
        let upstream = Upstream::akamai(&credentials.host)?;
        Ok(Config {
            credentials,
            upstream,
            allowed_origins: Vec::new(),
            bearer_token: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_concurrent: DEFAULT_MAX_CONCURRENT,
            max_headers: DEFAULT_MAX_HEADERS,
            max_header_bytes: DEFAULT_MAX_HEADER_BYTES,
            timeout: DEFAULT_TIMEOUT,
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            shutdown_grace: DEFAULT_SHUTDOWN_GRACE,
            admin_on_main_listener: true,
        })
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `Credentials` redacts its secrets in Debug.
        f.debug_struct("Config")
            .field("credentials", &self.credentials)
            .field("upstream", &self.upstream)
            .field("allowed_origins", &self.allowed_origins)
            .field("bearer_token", &self.bearer_token)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("max_concurrent", &self.max_concurrent)
            .field("max_headers", &self.max_headers)
            .field("max_header_bytes", &self.max_header_bytes)
            .field("timeout", &self.timeout)
            .field("header_timeout", &self.header_timeout)
            .field("body_timeout", &self.body_timeout)
            .field("shutdown_grace", &self.shutdown_grace)
            .field("admin_on_main_listener", &self.admin_on_main_listener)
            .finish_non_exhaustive()
    }
}

/// The base URL signed requests are sent to: `scheme://host[:port]`, no path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upstream(String);

impl Upstream {
    /// The real API: `https://{host}` (the `.edgerc` host).
    pub fn akamai(host: &str) -> Result<Self, ConfigError> {
        let invalid = || ConfigError::InvalidHost(host.to_owned());
        if host.is_empty() || host.contains(['/', '?', '#', '@', '\\', ' ']) {
            return Err(invalid());
        }
        let url = reqwest::Url::parse(&format!("https://{host}")).map_err(|_| invalid())?;
        Ok(Upstream(url.origin().ascii_serialization()))
    }

    /// A local upstream for development and tests (`--upstream`), e.g. the IAM simulator.
    ///
    /// Only `http`/`https` URLs on a loopback address (`127.0.0.0/8`, `::1`, `localhost`) with no
    /// path, query or user info are accepted: the proxy must not send signed requests elsewhere.
    pub fn loopback(url: &str) -> Result<Self, ConfigError> {
        let invalid = |why: &str| ConfigError::InvalidUpstream(format!("{url}: {why}"));
        let parsed = reqwest::Url::parse(url).map_err(|e| invalid(&e.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(invalid("the scheme must be http or https"));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(invalid("user info is not allowed"));
        }
        if parsed.path() != "/" || parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(invalid("a path, query or fragment is not allowed"));
        }
        let loopback = match parsed.host() {
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        };
        if !loopback {
            return Err(invalid(
                "only loopback upstreams (127.0.0.0/8, ::1, localhost) are allowed",
            ));
        }
        Ok(Upstream(parsed.origin().ascii_serialization()))
    }

    /// The base URL, `scheme://host[:port]` without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Upstream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a `Host` header names `localhost` or an IP address (with or without a port).
///
/// A DNS rebinding attack reaches a loopback service under an attacker's host name; refusing
/// every other name closes that door.
pub(crate) fn is_direct_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let bare = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    name.eq_ignore_ascii_case("localhost") || bare.parse::<IpAddr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_upstreams_are_accepted_others_refused() {
        assert_eq!(
            Upstream::loopback("http://127.0.0.1:8601/").map(|u| u.0),
            Ok("http://127.0.0.1:8601".to_owned())
        );
        assert!(Upstream::loopback("http://127.1.2.3:9").is_ok());
        assert!(Upstream::loopback("http://[::1]:9").is_ok());
        assert!(Upstream::loopback("http://localhost:9").is_ok());
        for bad in [
            "http://10.0.0.1:9",
            "http://example.com",
            "http://127.0.0.1.example.com",
            "ftp://127.0.0.1",
            "http://u:p@127.0.0.1:9",
            "http://127.0.0.1:9/api",
            "127.0.0.1:9",
        ] {
            assert!(Upstream::loopback(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn akamai_upstream_is_https_host() {
        assert_eq!(
            Upstream::akamai("akab-x.luna.akamaiapis.net").map(|u| u.0),
            Ok("https://akab-x.luna.akamaiapis.net".to_owned())
        );
        assert!(Upstream::akamai("evil.com/x").is_err());
        assert!(Upstream::akamai("").is_err());
    }

    #[test]
    fn only_direct_hosts_pass() {
        for ok in [
            "127.0.0.1:8600",
            "localhost",
            "LOCALHOST:1",
            "[::1]:8600",
            "10.1.2.3",
        ] {
            assert!(is_direct_host(ok), "{ok}");
        }
        for bad in ["evil.com", "evil.com:8600", "127.0.0.1.nip.io:80", ""] {
            assert!(!is_direct_host(bad), "{bad}");
        }
    }
}
