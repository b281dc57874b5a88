//! JSON values between JS and Rust without serde's parser or serializer in the wasm build: an
//! error body is parsed by JS's `JSON.parse` and read into a `serde_json::Value`, and values
//! go back to JS as plain objects built with `Reflect.set`. Native builds (tests) parse with
//! serde_json, so both read the same JSON into the same value.

use serde_json::Value;
use wasm_bindgen::JsValue;

/// `text` as a JSON value, `None` when it is not JSON. In wasm, JS parses it and
/// [`Json::from_js`](crate::schema::Json::from_js) reads the result, so what lies below
/// [`crate::schema::MAX_DEPTH`] levels becomes `null` (a hostile error body of 100,000 nested
/// arrays must not exhaust the wasm stack; serde_json, natively, stops at 128).
pub fn parse(text: &str) -> Option<Value> {
    #[cfg(target_arch = "wasm32")]
    {
        let value = js_sys::JSON::parse(text).ok()?;
        Some(value_of(crate::schema::Json::from_js(&value)))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(text).ok()
    }
}

/// A [`Json`](crate::schema::Json) tree as a serde_json value; what JSON has no form for
/// (`undefined`, functions, what lies too deep) becomes `null`.
#[cfg(target_arch = "wasm32")]
fn value_of(json: crate::schema::Json) -> Value {
    use crate::schema::Json;
    match json {
        Json::Absent | Json::Null | Json::Other => Value::Null,
        Json::Bool(flag) => Value::Bool(flag),
        Json::Num(number) => Value::Number(number_of(number)),
        Json::Str(text) => Value::String(text),
        Json::List(items) => Value::Array(items.into_iter().map(value_of).collect()),
        Json::Object(members) => Value::Object(
            members
                .into_iter()
                .map(|(key, value)| (key, value_of(value)))
                .collect(),
        ),
    }
}

/// A number as serde_json reads it: whole numbers in range as integers, others as floats.
#[cfg(target_arch = "wasm32")]
fn number_of(number: f64) -> serde_json::Number {
    use serde_json::Number;
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if number.fract() == 0.0 && (0.0..EXACT).contains(&number) {
        Number::from(number as u64)
    } else if number.fract() == 0.0 && (-EXACT..0.0).contains(&number) {
        Number::from(number as i64)
    } else {
        Number::from_f64(number).unwrap_or_else(|| Number::from(0u8))
    }
}

/// A JSON value as a plain JS value (objects and arrays, not maps).
pub fn to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(flag) => JsValue::from_bool(*flag),
        Value::Number(number) => JsValue::from_f64(number.as_f64().unwrap_or(f64::NAN)),
        Value::String(text) => JsValue::from_str(text),
        Value::Array(items) => items.iter().map(to_js).collect::<js_sys::Array>().into(),
        Value::Object(members) => {
            let object = js_sys::Object::new();
            for (key, value) in members {
                set(&object, key, &to_js(value));
            }
            object.into()
        }
    }
}

/// `object[key] = value` (setting a property of a plain object cannot fail).
pub fn set(object: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

/// `value`, or `null` when absent.
pub fn or_null<T: Into<JsValue>>(value: Option<T>) -> JsValue {
    value.map_or(JsValue::NULL, Into::into)
}
