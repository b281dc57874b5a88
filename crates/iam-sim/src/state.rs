//! The state every handler shares: the configuration and the one store.

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Config;
use crate::faults::{Faults, Stats};
use crate::rate_limit::RateLimits;
use crate::store::{load_snapshot, Data, SeedError, Store};

/// Shared, cheaply cloned handle on one simulator instance.
#[derive(Clone, Debug)]
pub struct AppState {
    pub(crate) config: Arc<Config>,
    pub(crate) store: Arc<Store>,
    pub(crate) faults: Arc<Faults>,
    pub(crate) stats: Arc<Stats>,
    pub(crate) rate_limits: Arc<RateLimits>,
    pub(crate) clock: Arc<Clock>,
}

impl AppState {
    /// Builds the store from `config.state_file` if that file exists, else from `config.seed`;
    /// fails if the data is unreadable or inconsistent.
    pub fn new(config: Config) -> Result<AppState, SeedError> {
        let store = match &config.state_file {
            Some(path) => {
                let data = if path.exists() {
                    Data::from_seed(load_snapshot(path)?)?
                } else {
                    Data::from_seed(config.seed.clone())?
                };
                Store::persisted(data, path.clone())
            }
            None => Store::new(Data::from_seed(config.seed.clone())?),
        };
        let faults = Faults::default();
        faults.set(config.faults.clone());
        let rate_limits = RateLimits::default();
        rate_limits.set(config.rate_limit.clone());
        let clock = Clock::new(config.clock_offset_secs);
        Ok(AppState {
            rate_limits: Arc::new(rate_limits),
            clock: Arc::new(clock),
            config: Arc::new(config),
            store: Arc::new(store),
            faults: Arc::new(faults),
            stats: Arc::new(Stats::default()),
        })
    }

    /// The instance's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The instance's fault settings (what the admin API's `/faults` changes).
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// The instance's rate limit (what the admin API's `/rate-limit` changes).
    pub fn rate_limits(&self) -> &RateLimits {
        &self.rate_limits
    }

    /// The instance's clock (what `--clock-offset` and the admin API's `/clock` move).
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The instance's request counters (what the admin API's `/stats` shows).
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The instance's store (tests and scripts may inspect or change it directly).
    pub fn store(&self) -> &Store {
        &self.store
    }
}
