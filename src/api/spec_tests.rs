//! Checks every operation the client implements against Akamai's OpenAPI spec
//! (`spec/iam-v3/openapi.json`): method, path, query parameters, success statuses,
//! request body type (the spec's request examples) and result type (the spec's response examples).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use super::registry::{all, sent_body, Entry};
use crate::schema::{self, Json, Schema};

fn spec() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/iam-v3/openapi.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    serde_json::from_str(&text).expect("openapi.json is JSON")
}

/// Every spec operation by `"METHOD /path"`.
fn operations(spec: &Value) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        // Parameters declared on the path apply to each of its operations.
        let shared = item["parameters"].as_array().cloned().unwrap_or_default();
        for (method, op) in item.as_object().expect("path item") {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                let mut op = op.clone();
                let mut params = shared.clone();
                params.extend(op["parameters"].as_array().cloned().unwrap_or_default());
                op["parameters"] = Value::Array(params);
                out.insert(format!("{} {path}", method.to_uppercase()), op);
            }
        }
    }
    out
}

fn params_in<'a>(op: &'a Value, location: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(move |p| p["in"] == location)
}

/// A typed sample value for a parameter: the spec's parameter examples are Postman variables, so
/// values are made from the schema instead. A required query parameter with a schema example
/// (`cidrblock`) takes the example, as the client checks its format before sending.
fn sample(param: &Value, index: usize) -> Value {
    let name = param["name"].as_str().expect("param name");
    let schema = &param["schema"];
    if param["in"] == "query" && param["required"] == true {
        if let Some(example) = schema["example"].as_str() {
            return json!(example);
        }
    }
    if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
        return first.clone();
    }
    match schema["type"].as_str() {
        Some("boolean") => json!(true),
        Some("integer") | Some("number") => json!(9001 + index),
        _ => json!(format!("{name} {index}/x?")),
    }
}

fn as_query_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn examples(content: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = content.get("example").cloned().into_iter().collect();
    if let Some(map) = content["examples"].as_object() {
        out.extend(map.values().filter_map(|e| e.get("value").cloned()));
    }
    out
}

fn check_entry(entry: &Entry, variant: &Value, op: &Value, spec_key: &str) -> Vec<String> {
    let name = entry.op.name;
    let mut problems = Vec::new();
    let mut params = Map::new();
    let (method, template) = spec_key.split_once(' ').expect("METHOD /path");
    let mut expected_path = Vec::new();
    let mut index = 0;
    for segment in template.trim_start_matches('/').split('/') {
        if let Some(name) = crate::op::path_param(segment) {
            let param = params_in(op, "path")
                .find(|p| p["name"] == name)
                .unwrap_or_else(|| panic!("{spec_key}: path param {name} declared"));
            let value = sample(param, index);
            index += 1;
            expected_path.push(as_query_string(&value));
            params.insert(name.to_owned(), value);
        } else {
            expected_path.push(segment.to_owned());
        }
    }
    let mut expected_query = BTreeMap::new();
    for param in params_in(op, "query") {
        let value = sample(param, index);
        index += 1;
        let name = param["name"].as_str().expect("name").to_owned();
        expected_query.insert(name.clone(), as_query_string(&value));
        params.insert(name, value);
    }
    let body_example = op["requestBody"]["content"]["application/json"].clone();
    let body_examples = examples(&body_example);
    if let Some(body) = body_examples.first() {
        params.insert("body".into(), body.clone());
    }
    if let Some(variant) = variant.as_object() {
        params.extend(variant.clone());
    }
    let params = Value::Object(params);
    problems.extend(agrees_with_serde(entry, &params));
    let request = match entry.build(&params) {
        Ok(request) => request,
        Err(error) => {
            return vec![format!(
                "{name}: the table refused sample params: {}",
                error.message
            )]
        }
    };
    if request.method.as_str() != method {
        problems.push(format!(
            "{}: method {} != {method}",
            name,
            request.method.as_str()
        ));
    }
    let path: Vec<String> = request.path.iter().map(|s| s.to_string()).collect();
    if path != expected_path {
        problems.push(format!("{}: path {path:?} != {expected_path:?}", name));
    }
    let query: BTreeMap<String, String> = request.query.iter().cloned().collect();
    if query != expected_query {
        problems.push(format!(
            "{}: query {query:?} != spec {expected_query:?}",
            name
        ));
    }
    let statuses: BTreeSet<u16> = op["responses"]
        .as_object()
        .expect("responses")
        .keys()
        .filter_map(|k| k.parse().ok())
        .collect();
    let expected: BTreeSet<u16> = request.expected.iter().copied().collect();
    if statuses != expected {
        problems.push(format!(
            "{}: success statuses {expected:?} != spec {statuses:?}",
            name
        ));
    }
    let sent = sent_body(&request, &params);
    if let Some(example) = body_examples.first() {
        let typed = (entry.params)(&params).map(|back| back["body"].clone());
        if typed.as_ref() != Ok(example) {
            problems.push(format!(
                "{name}: body example does not survive the params type: {typed:?}"
            ));
        }
    }
    match (body_examples.first(), &sent) {
        (Some(example), Some(sent)) if example != sent => problems.push(format!(
            "{}: body example does not survive the body type:\n  spec {example}\n  sent {sent}",
            name
        )),
        (Some(_), None) => problems.push(format!("{}: sends no body", name)),
        (None, Some(_)) => problems.push(format!("{}: sends a body the spec lacks", name)),
        _ => {}
    }
    for (status, response) in op["responses"].as_object().expect("responses") {
        let content = &response["content"]["application/json"];
        let has_body = !content.is_null();
        match (has_body, entry.result) {
            (true, Some(roundtrip)) => {
                for example in examples(content) {
                    match roundtrip(&example) {
                        Ok(back) if back == example => {}
                        Ok(back) => problems.push(format!(
                            "{} {status}: example changes through the result type:\n  spec {example}\n  back {back}",
                            name
                        )),
                        Err(error) => problems.push(format!(
                            "{} {status}: example does not decode: {error}",
                            name
                        )),
                    }
                }
            }
            (true, None) => problems.push(format!("{} {status}: result type missing", name)),
            (false, Some(_)) if statuses.len() == 1 => problems.push(format!(
                "{} {status}: spec has no body but a result type is set",
                name
            )),
            _ => {}
        }
    }
    problems
}

#[test]
fn every_implemented_operation_matches_the_spec() {
    let spec = spec();
    let ops = operations(&spec);
    let mut problems = Vec::new();
    let mut claimed: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let entries = all();
    for entry in &entries {
        assert!(
            matches!(entry.op.params, Schema::Object(_)),
            "{}: params are an object",
            entry.op.name
        );
        for (key, variant) in entry.claims() {
            claimed.entry(key.clone()).or_default().push(entry.op.name);
            match ops.get(&key) {
                Some(op) => problems.extend(check_entry(entry, &variant, op, &key)),
                None => problems.push(format!("{}: no spec operation {key}", entry.op.name)),
            }
        }
    }
    for (op, names) in &claimed {
        if names.len() != 1 {
            problems.push(format!("{op} is claimed by {names:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(!entries.is_empty());
}

#[test]
fn every_spec_operation_has_exactly_one_client_method() {
    let ops = operations(&spec());
    assert_eq!(ops.len(), 96, "the spec has 96 operations");
    let mut claimed: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let entries = all();
    for entry in &entries {
        for (key, _) in entry.claims() {
            claimed.entry(key).or_default().push(entry.op.name);
        }
    }
    let missing: Vec<&String> = ops
        .keys()
        .filter(|op| !claimed.contains_key(op.as_str()))
        .collect();
    assert!(missing.is_empty(), "no client method for {missing:?}");
    let doubled: Vec<_> = claimed
        .iter()
        .filter(|(_, names)| names.len() != 1)
        .collect();
    assert!(doubled.is_empty(), "claimed more than once: {doubled:?}");
    assert_eq!(claimed.len(), 96);
    let methods: BTreeSet<&str> = entries.iter().map(|e| e.op.name).collect();
    assert_eq!(methods.len(), 76);
    println!("96 spec operations, {} client methods", methods.len());
}

#[test]
fn every_methods_typescript_return_type_is_its_result_type() {
    let wrong: Vec<String> = all()
        .iter()
        .filter(|entry| entry.ts != (entry.result_ts)())
        .map(|entry| format!("{}: {} vs {}", entry.op.name, entry.ts, (entry.result_ts)()))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_operation_has_a_place_the_js_path_can_name() {
    let entries = all();
    assert_eq!(crate::api::all().count(), entries.len());
    for entry in &entries {
        let at = crate::api::index_of(entry.op);
        let found = crate::api::op_at(at).expect("an operation at its own place");
        assert!(std::ptr::eq(found, entry.op), "{}", entry.op.name);
    }
    assert!(crate::api::op_at(entries.len() as u32).is_none());
}

#[test]
fn every_exported_method_is_in_the_registry_and_back() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/api");
    let mut exported = BTreeSet::new();
    for file in std::fs::read_dir(dir).expect("src/api") {
        let path = file.expect("entry").path();
        if path.is_dir() || path.ends_with("spec_tests.rs") || path.ends_with("mod.rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("source");
        // `operations! { NAME = "jsName", fn ... }`
        for part in text.split(" = \"").skip(1) {
            let name: String = part.chars().take_while(|c| c.is_alphanumeric()).collect();
            if part[name.len()..].starts_with("\", fn ") {
                exported.insert(name);
            }
        }
    }
    let registered: BTreeSet<String> = all().iter().map(|e| e.op.name.to_owned()).collect();
    assert_eq!(exported, registered);
}

/// Whether the table's schema and serde (reading the params type) agree on accepting `params`
/// and on variations of it: each field left out, an unknown key added, each value of the
/// wrong type. The schema is derived from the same declaration; this checks the derivation.
fn agrees_with_serde(entry: &Entry, params: &Value) -> Vec<String> {
    let mut cases = vec![params.clone()];
    let mut vary = |object: &Map<String, Value>, at: &dyn Fn(Value) -> Value| {
        let mut unknown = object.clone();
        unknown.insert("notAField".into(), json!(1));
        cases.push(at(Value::Object(unknown)));
        for (key, value) in object {
            let mut without = object.clone();
            without.remove(key);
            cases.push(at(Value::Object(without)));
            let wrong = match value {
                Value::String(_) => json!(7),
                Value::Bool(_) | Value::Number(_) | Value::Array(_) | Value::Object(_) => {
                    json!("x")
                }
                Value::Null => continue,
            };
            let mut changed = object.clone();
            changed.insert(key.clone(), wrong);
            cases.push(at(Value::Object(changed)));
        }
    };
    let top = params.as_object().cloned().unwrap_or_default();
    vary(&top, &|value| value);
    if let Some(body) = params.get("body").and_then(Value::as_object) {
        let with_body = |body: Value| {
            let mut params = params.clone();
            params["body"] = body;
            params
        };
        vary(body, &with_body);
    }
    let mut problems = Vec::new();
    for case in cases {
        let table = schema::check(
            entry.op.params,
            &Json::from_serde(&case),
            &mut String::new(),
        );
        let serde = (entry.params)(&case);
        if table.is_ok() != serde.is_ok() {
            problems.push(format!(
                "{}: the table says {table:?}, serde says {serde:?} for {case}",
                entry.op.name
            ));
        }
    }
    problems
}

/// A string enum's schema lists exactly the values serde accepts (serde names them when it
/// refuses another).
fn enum_agrees<T: schema::Typed + serde::de::DeserializeOwned>() -> Result<(), String> {
    let Schema::Enum(values) = T::SCHEMA else {
        return Err("not an enum schema".into());
    };
    for value in *values {
        serde_json::from_value::<T>(json!(value)).map_err(|e| format!("{value}: {e}"))?;
    }
    let refused = serde_json::from_value::<T>(json!("notAValue"))
        .err()
        .ok_or("serde accepts anything")?
        .to_string();
    let listed: Vec<&str> = refused.split('`').skip(3).step_by(2).collect();
    if listed != *values {
        return Err(format!("serde lists {listed:?}, the schema {values:?}"));
    }
    Ok(())
}

#[test]
fn every_enum_schema_lists_what_serde_accepts() {
    use crate::api::*;
    let results = [
        enum_agrees::<groups::UserType>(),
        enum_agrees::<common::CommonScope>(),
        enum_agrees::<users::AdditionalAuthentication>(),
        enum_agrees::<api_clients::ApiClientType>(),
        enum_agrees::<api_clients::ApiAccessLevel>(),
        enum_agrees::<credentials::CredentialStatus>(),
    ];
    for result in results {
        assert_eq!(result, Ok(()));
    }
}
