//! What a simulator instance is started with.

use std::fmt;
use std::path::PathBuf;

use edgegrid::Credentials;

use crate::faults::FaultConfig;
use crate::rate_limit::RateLimitConfig;
use crate::seed;
use crate::store::Seed;

/// Default allowed distance between a request's signing time and the server clock: ±30 s, the
/// window Akamai's edge applies as its users report it (terraform-provider-akamai #758, akamai/cli
/// #72); Akamai's docs do not state the figure.
pub const DEFAULT_MAX_SKEW_SECS: u64 = 30;

/// Default largest request body the simulator reads (1 MiB); larger bodies get a 413.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

/// Settings of one simulator instance.
#[derive(Clone)]
pub struct Config {
    /// The one API client the simulator accepts: requests must be signed with these credentials,
    /// for `credentials.host`.
    pub credentials: Credentials,
    /// Allowed clock skew for the EdgeGrid timestamp, in seconds.
    pub max_skew_secs: u64,
    /// Largest request body read, in bytes.
    pub max_body_bytes: usize,
    /// The data the store starts with.
    pub seed: Seed,
    /// Whether to log one line per request to stderr.
    pub log_requests: bool,
    /// `--state FILE`: load the store from this JSON file if it exists, and write it back
    /// (atomically) after every change.
    pub state_file: Option<PathBuf>,
    /// `--faults JSON`: faults injected from the start (the admin API can change them).
    pub faults: Option<FaultConfig>,
    /// `--rate-limit JSON`: the per-client-token rate limit from the start (the admin API can
    /// change it); `None` for no limit and no rate-limit headers.
    pub rate_limit: Option<RateLimitConfig>,
    /// `--clock-offset SECS`: how far the simulator's clock is ahead of the system clock
    /// (behind when negative).
    pub clock_offset_secs: i64,
}

impl Config {
    /// Defaults: 30 s skew, no rate limit, no clock offset, 1 MiB bodies, the built-in seed, no request log.
    pub fn new(credentials: Credentials) -> Config {
        Config {
            credentials,
            max_skew_secs: DEFAULT_MAX_SKEW_SECS,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            seed: seed::builtin(),
            log_requests: false,
            state_file: None,
            faults: None,
            rate_limit: None,
            clock_offset_secs: 0,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Credentials redact their secrets; the seed is summarised.
        f.debug_struct("Config")
            .field("credentials", &self.credentials)
            .field("max_skew_secs", &self.max_skew_secs)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("seed_users", &self.seed.users.len())
            .field("log_requests", &self.log_requests)
            .field("state_file", &self.state_file)
            .field("faults", &self.faults)
            .field("rate_limit", &self.rate_limit)
            .field("clock_offset_secs", &self.clock_offset_secs)
            .finish()
    }
}
