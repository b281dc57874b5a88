//! Each stage of what `listUsers`/`getUser` do with a response body, callable alone from JS so
//! the bench can time it: the text crossing into wasm, serde_json into the typed `User`s (with
//! their `#[serde(flatten)]` catch-all of unknown fields), and the conversion back to JS objects
//! with `Ts::from_rust` (serde-wasm-bindgen), plus an alternative for comparison.

use akamai_iam_wasm::User;
use serde::de::IgnoredAny;
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// Only the copy of the text into wasm memory (UTF-16 → UTF-8): returns its length.
#[wasm_bindgen(js_name = copyIn)]
pub fn copy_in(text: &str) -> usize {
    text.len()
}

/// Copy + syntax check only: serde_json into `IgnoredAny`.
#[wasm_bindgen(js_name = parseOnly)]
pub fn parse_only(text: &str) -> bool {
    serde_json::from_str::<IgnoredAny>(text).is_ok()
}

/// Copy + untyped decode into `serde_json::Value`.
#[wasm_bindgen(js_name = decodeValue)]
pub fn decode_value(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok()
}

/// Copy + typed decode into `Vec<User>`, as the client does: returns the count.
#[wasm_bindgen(js_name = decodeUsers)]
pub fn decode_users(text: &str) -> usize {
    serde_json::from_str::<Vec<User>>(text).map_or(0, |users| users.len())
}

/// The client's whole path: typed decode, then one `Ts::from_rust` per user into a JS array.
#[wasm_bindgen(js_name = decodeAndConvert)]
pub fn decode_and_convert(text: &str) -> js_sys::Array {
    let users: Vec<User> = serde_json::from_str(text).unwrap_or_default();
    users
        .iter()
        .filter_map(|user| Ts::from_rust(user).ok())
        .map(JsValue::from)
        .collect()
}

/// One user: typed decode and conversion (the `getUser` path).
#[wasm_bindgen(js_name = decodeAndConvertOne)]
pub fn decode_and_convert_one(text: &str) -> JsValue {
    serde_json::from_str::<User>(text)
        .ok()
        .and_then(|user| Ts::from_rust(&user).ok())
        .map_or(JsValue::NULL, JsValue::from)
}

/// An alternative: the same typed decode checks the body, then JS's JSON.parse builds the
/// objects instead of serde-wasm-bindgen.
#[wasm_bindgen(js_name = decodeThenJsonParse)]
pub fn decode_then_json_parse(text: &str) -> JsValue {
    match serde_json::from_str::<Vec<User>>(text) {
        Ok(_) => js_sys::JSON::parse(text).unwrap_or(JsValue::NULL),
        Err(_) => JsValue::NULL,
    }
}
