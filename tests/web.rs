//! Browser tests (`wasm-pack test --headless --chrome -- --test web`): the shared tests of
//! `common` in a real page, where the live tests also cross origins, so the proxy's CORS answer
//! is part of what they check.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;
