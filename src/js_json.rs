//! JSON values between JS and Rust without serde's parser or serializer in the wasm build: an
//! error body is parsed by JS's `JSON.parse` and walked into a `serde_json::Value`, and values
//! go back to JS as plain objects built with `Reflect.set`. Native builds (tests) parse with
//! serde_json, so both read the same JSON into the same value.

use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// `text` as a JSON value, `None` when it is not JSON.
pub fn parse(text: &str) -> Option<Value> {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JSON::parse(text).ok().map(|value| from_js(&value))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(text).ok()
    }
}

/// A JS value as JSON; what JSON has no form for (functions, `undefined`) becomes `null`, and so
/// does what lies below [`crate::schema::MAX_DEPTH`] levels of arrays and objects (serde_json
/// stops at 128): a hostile error body of 100,000 nested arrays must not exhaust the wasm stack.
pub fn from_js(value: &JsValue) -> Value {
    read(value, 0)
}

fn read(value: &JsValue, depth: usize) -> Value {
    if let Some(flag) = value.as_bool() {
        Value::Bool(flag)
    } else if let Some(number) = value.as_f64() {
        Value::Number(number_of(number))
    } else if let Some(text) = value.as_string() {
        Value::String(text)
    } else if depth >= crate::schema::MAX_DEPTH {
        Value::Null
    } else if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        Value::Array(array.iter().map(|item| read(&item, depth + 1)).collect())
    } else if value.is_object() && !value.is_function() {
        let mut members = Map::new();
        for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            if let Some(key) = entry.get(0).as_string() {
                members.insert(key, read(&entry.get(1), depth + 1));
            }
        }
        Value::Object(members)
    } else {
        Value::Null
    }
}

/// A number as serde_json reads it: whole numbers in range as integers, others as floats.
fn number_of(number: f64) -> Number {
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
