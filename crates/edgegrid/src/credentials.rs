use std::fmt;

/// The `max_body` every current EdgeGrid library uses when none is configured (128 KiB).
pub const DEFAULT_MAX_BODY: usize = 131_072;

/// A secret string (`client_secret`, `access_token`). `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The secret itself; call this only where the value is needed for signing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(\"[redacted]\")")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

/// One EdgeGrid credential set, as read from a `.edgerc` section or the environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// API hostname without scheme or trailing slash, e.g. `akab-xxxx.luna.akamaiapis.net`.
    pub host: String,
    /// The client token (not secret on its own; it names the API client).
    pub client_token: String,
    /// The HMAC secret.
    pub client_secret: Secret,
    /// The access token.
    pub access_token: Secret,
    /// How many leading body bytes of a POST enter the content hash.
    pub max_body: usize,
    /// Header names to sign, in order (none for IAM).
    pub headers_to_sign: Vec<String>,
    /// Account switch key added to every request as `accountSwitchKey` (Go's `account_key`).
    pub account_key: Option<String>,
}

impl Credentials {
    /// Credentials with the default `max_body`, no signed headers and no account key.
    /// The host is normalised: a leading `https://` and trailing `/` are removed.
    pub fn new(
        host: &str,
        client_token: &str,
        client_secret: impl Into<Secret>,
        access_token: impl Into<Secret>,
    ) -> Self {
        Credentials {
            host: normalize_host(host),
            client_token: client_token.to_owned(),
            client_secret: client_secret.into(),
            access_token: access_token.into(),
            max_body: DEFAULT_MAX_BODY,
            headers_to_sign: Vec::new(),
            account_key: None,
        }
    }
}

/// Removes a scheme and a trailing slash from a configured host (Node and Python cope with both).
pub(crate) fn normalize_host(host: &str) -> String {
    let host = host.trim();
    let host = host
        .strip_prefix("https://")
        .or_else(|| host.strip_prefix("http://"))
        .unwrap_or(host);
    host.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_secrets() {
        let c = Credentials::new("https://h.example/", "ct", "SECRET-S", "TOKEN-T");
        let dbg = format!("{c:?}");
        assert!(
            !dbg.contains("SECRET-S") && !dbg.contains("TOKEN-T"),
            "{dbg}"
        );
        assert_eq!(c.host, "h.example");
    }
}
