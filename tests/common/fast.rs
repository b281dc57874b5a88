//! The fast path (`akamai_iam_wasm::fast`: JS builds the URL of a call with plain params from its
//! operation's plan) against the one interpreter it stands in for, `Op::request`, on every
//! operation of the table: whatever params the fast path takes, Rust takes too and builds the same
//! URL; valid plain params are taken (so the tests of the client go through it); whatever Rust
//! refuses, the fast path leaves to Rust, which names the field.

use akamai_iam_wasm::api::all;
use akamai_iam_wasm::fast;
use akamai_iam_wasm::op::Op;
use akamai_iam_wasm::request::BaseUrl;
use akamai_iam_wasm::schema::{camel, Json, Schema};
use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

const BASE: &str = "http://127.0.0.1:8080/iam";
const SWITCH_KEY: &str = "1-5C0YLB:1-8BYUX (x&y=z)";

/// Values a field of this schema may take, the first one plain.
fn valid(schema: &Schema) -> Vec<JsValue> {
    match schema {
        Schema::Str => [
            "A-B-123456",
            "a b/c?d#e%f&g=h+i",
            "ü€😀",
            "!'()*~-._",
            "self",
            "0",
        ]
        .map(JsValue::from)
        .to_vec(),
        Schema::Int => [0.0, 12345.0, 9_007_199_254_740_991.0, -0.0]
            .map(JsValue::from)
            .to_vec(),
        Schema::Bool => vec![JsValue::TRUE, JsValue::FALSE],
        Schema::Enum(values) => values.iter().map(|v| JsValue::from(*v)).collect(),
        _ => Vec::new(),
    }
}

/// Values the fast path must not take as they are (Rust may refuse them or take them otherwise).
fn awkward() -> Vec<JsValue> {
    let lone_surrogate = JsString::from_char_code1(0xD800);
    vec![
        "".into(),
        ".".into(),
        "..".into(),
        lone_surrogate.into(),
        "NOT-AN-ENUM".into(),
        "12".into(),
        JsValue::from(-1.0),
        JsValue::from(1.5),
        JsValue::from(9_007_199_254_740_992.0),
        JsValue::from(f64::NAN),
        JsValue::from(f64::INFINITY),
        JsValue::TRUE,
        JsValue::NULL,
        Object::new().into(),
        js_sys::Array::of1(&"a".into()).into(),
    ]
}

fn params(entries: &[(String, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in entries {
        Reflect::set(&object, &JsValue::from(name.as_str()), value).expect("set");
    }
    object.into()
}

fn fields(op: &Op) -> &'static [akamai_iam_wasm::schema::Field] {
    match op.params {
        Schema::Object(fields) => fields,
        _ => &[],
    }
}

fn inner(schema: &'static Schema) -> &'static Schema {
    match schema {
        Schema::Optional(inner) => inner,
        schema => schema,
    }
}

/// Compares the two paths on one params object; returns whether the fast path took it.
fn compare(op: &'static Op, params: &JsValue, switch_key: Option<&str>) -> bool {
    let base = BaseUrl::parse(BASE).expect("base");
    let rust = op
        .request(&Json::from_js(params))
        .map(|request| request.or_account_switch_key(switch_key).url(&base));
    let fast = fast::url(op, BASE, switch_key, params);
    let shown = || js_sys::JSON::stringify(params).map_or("?".into(), String::from);
    match (&fast, &rust) {
        (Some(fast), Ok(rust)) => assert_eq!(fast, rust, "{}: {}", op.name, shown()),
        (Some(fast), Err(error)) => panic!(
            "{}: the fast path took {} ({fast}), Rust refused it: {}",
            op.name,
            shown(),
            error.message
        ),
        (None, _) => {}
    }
    fast.is_some()
}

#[wasm_bindgen_test]
fn the_fast_path_takes_only_what_the_interpreter_takes_and_builds_the_same_url() {
    let mut taken_ops = Vec::new();
    for op in all() {
        let fields = fields(op);
        let required: Vec<(String, JsValue)> = fields
            .iter()
            .filter(|field| field.required)
            .filter_map(|field| {
                Some((
                    camel(field.name),
                    valid(inner(field.schema)).first()?.clone(),
                ))
            })
            .collect();
        if fast::plan(op).is_none() {
            assert!(
                !compare(op, &params(&required), None),
                "{} has no plan",
                op.name
            );
            continue;
        }
        taken_ops.push(op.name);
        for key in [None, Some(SWITCH_KEY)] {
            assert!(
                compare(op, &params(&required), key),
                "{}: required fields only",
                op.name
            );
            // Each field with each of its valid values, then with each awkward one.
            for field in fields {
                let name = camel(field.name);
                let others = || required.iter().filter(|(n, _)| *n != name).cloned();
                for value in valid(inner(field.schema)) {
                    let given =
                        params(&others().chain([(name.clone(), value)]).collect::<Vec<_>>());
                    assert!(compare(op, &given, key), "{}: valid {name}", op.name);
                }
                for value in awkward() {
                    compare(
                        op,
                        &params(&others().chain([(name.clone(), value)]).collect::<Vec<_>>()),
                        key,
                    );
                }
                let absent = params(
                    &others()
                        .chain([(name.clone(), JsValue::UNDEFINED)])
                        .collect::<Vec<_>>(),
                );
                assert_eq!(
                    compare(op, &absent, key),
                    !field.required,
                    "{}: {name} undefined",
                    op.name
                );
            }
            // Every field at once, with its last valid value.
            let all_fields: Vec<(String, JsValue)> = fields
                .iter()
                .map(|field| {
                    (
                        camel(field.name),
                        valid(inner(field.schema)).pop().unwrap_or_default(),
                    )
                })
                .collect();
            assert!(
                compare(op, &params(&all_fields), key),
                "{}: every field",
                op.name
            );
            let unknown = params(
                &required
                    .iter()
                    .cloned()
                    .chain([("unknownKey".into(), "x".into())])
                    .collect::<Vec<_>>(),
            );
            assert!(!compare(op, &unknown, key), "{}: an unknown key", op.name);
        }
        // Params that are not a plain object: Rust decides.
        for odd in [
            JsValue::NULL,
            JsValue::UNDEFINED,
            "text".into(),
            js_sys::Array::new().into(),
            js_sys::Date::new_0().into(),
        ] {
            let taken = compare(op, &odd, None);
            assert!(
                !taken || odd.is_null() || odd.is_undefined(),
                "{}: odd params taken",
                op.name
            );
        }
    }
    for name in [
        "getUser",
        "listUsers",
        "listGroups",
        "getApiClient",
        "listRoles",
    ] {
        assert!(
            taken_ops.contains(&name),
            "{name} takes the fast path; taken: {taken_ops:?}"
        );
    }
}
