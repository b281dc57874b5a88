//! The state every handler shares: the configuration and the one store.

use std::sync::Arc;

use crate::config::Config;
use crate::store::{Data, SeedError, Store};

/// Shared, cheaply cloned handle on one simulator instance.
#[derive(Clone, Debug)]
pub struct AppState {
    pub(crate) config: Arc<Config>,
    pub(crate) store: Arc<Store>,
}

impl AppState {
    /// Builds the store from `config.seed`; fails if the seed is inconsistent.
    pub fn new(config: Config) -> Result<AppState, SeedError> {
        let data = Data::from_seed(config.seed.clone())?;
        Ok(AppState {
            config: Arc::new(config),
            store: Arc::new(Store::new(data)),
        })
    }

    /// The instance's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The instance's store (tests and scripts may inspect or change it directly).
    pub fn store(&self) -> &Store {
        &self.store
    }
}
