//! The error a configuration value can cause. A leaf module, so that the configuration and the
//! modules that parse parts of it (CORS origins, upstream URLs) do not import each other.

use std::fmt;

/// A configuration value that cannot be used. Messages never contain a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The `.edgerc` host is not a usable host name.
    InvalidHost(String),
    /// `--upstream` is not a loopback base URL.
    InvalidUpstream(String),
    /// `--allow-origin` is not an origin or a loopback any-port pattern.
    InvalidOrigin(String),
    /// The HTTP client could not be built.
    Client(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::InvalidHost(h) => write!(f, "invalid .edgerc host {h:?}"),
            ConfigError::InvalidUpstream(why) => write!(f, "invalid --upstream {why}"),
            ConfigError::InvalidOrigin(why) => write!(f, "invalid --allow-origin {why}"),
            ConfigError::Client(why) => write!(f, "cannot build the HTTP client: {why}"),
        }
    }
}

impl std::error::Error for ConfigError {}
