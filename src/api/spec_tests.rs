//! Checks every operation the client implements against Akamai's OpenAPI spec
//! (`spec/iam-v3/openapi.json`): method, path, query parameters, success statuses,
//! request body type (the spec's request examples) and result type (the spec's response examples).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use super::registry::{all, Entry};

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

fn check_entry(entry: &Entry, op: &Value, spec_key: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut params = Map::new();
    let (method, template) = spec_key.split_once(' ').expect("METHOD /path");
    let mut expected_path = Vec::new();
    let mut index = 0;
    for segment in template.trim_start_matches('/').split('/') {
        if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
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
    if let Some(variant) = entry.variant.as_object() {
        params.extend(variant.clone());
    }
    let request = match (entry.build)(Value::Object(params)) {
        Ok(request) => request,
        Err(error) => {
            return vec![format!(
                "{}: builder refused sample params: {}",
                entry.name, error.message
            )]
        }
    };
    if request.method.as_str() != method {
        problems.push(format!(
            "{}: method {} != {method}",
            entry.name,
            request.method.as_str()
        ));
    }
    let path: Vec<String> = request.path.iter().map(|s| s.to_string()).collect();
    if path != expected_path {
        problems.push(format!(
            "{}: path {path:?} != {expected_path:?}",
            entry.name
        ));
    }
    let query: BTreeMap<String, String> = request
        .query
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    if query != expected_query {
        problems.push(format!(
            "{}: query {query:?} != spec {expected_query:?}",
            entry.name
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
            entry.name
        ));
    }
    match (body_examples.first(), &request.body) {
        (Some(example), Some(sent)) if example != sent => problems.push(format!(
            "{}: body example does not survive the body type:\n  spec {example}\n  sent {sent}",
            entry.name
        )),
        (Some(_), None) => problems.push(format!("{}: sends no body", entry.name)),
        (None, Some(_)) => problems.push(format!("{}: sends a body the spec lacks", entry.name)),
        _ => {}
    }
    for (status, response) in op["responses"].as_object().expect("responses") {
        let content = &response["content"]["application/json"];
        let has_body = !content.is_null();
        match (has_body, entry.roundtrip) {
            (true, Some(roundtrip)) => {
                for example in examples(content) {
                    match roundtrip(&example) {
                        Ok(back) if back == example => {}
                        Ok(back) => problems.push(format!(
                            "{} {status}: example changes through the result type:\n  spec {example}\n  back {back}",
                            entry.name
                        )),
                        Err(error) => problems.push(format!(
                            "{} {status}: example does not decode: {error}",
                            entry.name
                        )),
                    }
                }
            }
            (true, None) => problems.push(format!("{} {status}: result type missing", entry.name)),
            (false, Some(_)) if statuses.len() == 1 => problems.push(format!(
                "{} {status}: spec has no body but a result type is set",
                entry.name
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
    let mut claimed: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let entries = all();
    for entry in &entries {
        claimed.entry(entry.spec).or_default().push(entry.name);
        match ops.get(entry.spec) {
            Some(op) => problems.extend(check_entry(entry, op, entry.spec)),
            None => problems.push(format!("{}: no spec operation {}", entry.name, entry.spec)),
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
    let mut claims: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let entries = all();
    for entry in &entries {
        claims.entry(entry.spec).or_default().push(entry.name);
    }
    let missing: Vec<&String> = ops
        .keys()
        .filter(|op| !claims.contains_key(op.as_str()))
        .collect();
    assert!(missing.is_empty(), "no client method for {missing:?}");
    let doubled: Vec<_> = claims
        .iter()
        .filter(|(_, names)| names.len() != 1)
        .collect();
    assert!(doubled.is_empty(), "claimed more than once: {doubled:?}");
    assert_eq!(entries.len(), 96);
    let methods: BTreeSet<&str> = entries.iter().map(|e| e.name).collect();
    println!("96 spec operations, {} client methods", methods.len());
}

#[test]
fn every_exported_method_is_in_the_registry_and_back() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/api");
    let mut exported = BTreeSet::new();
    for file in std::fs::read_dir(dir).expect("src/api") {
        let path = file.expect("entry").path();
        if path.ends_with("spec_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("source");
        // `operation! { NAME = "jsName", fn ... }`
        for part in text.split(" = \"").skip(1) {
            let name: String = part.chars().take_while(|c| c.is_alphanumeric()).collect();
            if part[name.len()..].starts_with("\", fn ") {
                exported.insert(name);
            }
        }
    }
    let registered: BTreeSet<String> = all().iter().map(|e| e.name.to_owned()).collect();
    assert_eq!(exported, registered);
}
