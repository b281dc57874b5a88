//! Node tests (`wasm-pack test --node -- --test node`): the shared tests of `common` under Node's
//! own fetch, plus fault tests that drive the simulator's admin API (Node only: it has no CORS).
#![cfg(target_arch = "wasm32")]

mod common;
#[path = "node_only/faults.rs"]
mod faults;
#[path = "node_only/rate_limits.rs"]
mod rate_limits;
