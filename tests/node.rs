//! Node tests (`wasm-pack test --node -- --test node`): the shared tests of `common` under Node's
//! own fetch.
#![cfg(target_arch = "wasm32")]

mod common;
