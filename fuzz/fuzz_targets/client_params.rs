//! Arbitrary JSON params through the client's builders (native build, feature `fuzzing`).
//!
//! Input: `{"operation": "METHOD /path/{param}", "params": {...}}` (seeds/client_params/ holds one
//! per spec operation, with the spec's examples); every builder registered for that spec
//! operation (some have variants) gets the params.
//!
//! Oracles: validation never panics; every request a builder accepts has the operation's method
//! and gives a URL whose path starts with the base URL's path and `/identity-management/v3/`, has
//! exactly the segments of one of the spec paths that builder serves (one method may serve two,
//! e.g. the admin and user-profile `common` lists, chosen by a param), static ones as written,
//! each path parameter exactly one segment (not empty, `.` or `..`, no raw `/`, `?` or `#`) that
//! decodes back to the parameter's value, and is left unchanged by URL parsing.
#![no_main]

use akamai_iam_wasm::api::registry::{all, Entry};
use akamai_iam_wasm::request::{BaseUrl, API_PREFIX};
use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;
use serde_json::Value;

const BASE: &str = "https://proxy.example/base";

thread_local! {
    /// Every registered builder (boxed closures, not `Sync`: one per fuzzing thread).
    static ENTRIES: Vec<Entry> = all();
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let (Some(operation), Some(params)) = (input["operation"].as_str(), input.get("params")) else {
        return;
    };
    let base = BaseUrl::parse(BASE).expect("a base URL");
    ENTRIES.with(|entries| {
        for entry in entries.iter().filter(|e| e.spec == operation) {
            // The entry's variant params select the spec operation it claims.
            let mut params = params.clone();
            if let (Some(p), Some(v)) = (params.as_object_mut(), entry.variant.as_object()) {
                p.extend(v.clone());
            }
            let Ok(request) = (entry.build)(params.clone()) else {
                continue;
            };
            let served: Vec<&str> = entries
                .iter()
                .filter(|e| e.name == entry.name)
                .map(|e| e.spec)
                .collect();
            let url = request.url(&base);
            check(entry.name, &served, &params, request.method.as_str(), &url);
        }
    });
});

/// Checks `url` against the spec paths `served` by the builder `name`.
fn check(name: &str, served: &[&str], params: &Value, method: &str, url: &str) {
    let parsed = url::Url::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
    let path = url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let path = &path[path.find('/').unwrap_or(path.len())..];
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    assert_eq!(parsed.path(), path, "{url}: URL parsing changes the path");
    let prefix = format!("/base{API_PREFIX}");
    let rest = path
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{url}: not under {prefix}"));
    let segments: Vec<&str> = rest.split('/').skip(1).collect();
    let matches = |spec: &&&str| {
        let (m, template) = spec.split_once(' ').unwrap_or_default();
        let wanted: Vec<&str> = template.split('/').skip(1).collect();
        m == method
            && wanted.len() == segments.len()
            && wanted
                .iter()
                .zip(&segments)
                .all(|(w, g)| w.starts_with('{') || w == g)
    };
    let Some(spec) = served.iter().find(matches) else {
        panic!("{name}: {method} {url} is none of {served:?}");
    };
    let template = spec.split_once(' ').unwrap_or_default().1;
    for (got, want) in segments.iter().zip(template.split('/').skip(1)) {
        let Some(param) = want.strip_prefix('{').and_then(|w| w.strip_suffix('}')) else {
            continue;
        };
        assert!(
            !got.is_empty() && !got.contains(['?', '#']),
            "{name}: {url}: {{{param}}} is not one segment"
        );
        let decoded = percent_decode_str(got).decode_utf8_lossy();
        assert!(
            decoded != "." && decoded != "..",
            "{name}: {url}: {{{param}}} is a dot segment"
        );
        let given = match &params[param] {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        if let Some(given) = given {
            assert_eq!(decoded, given, "{name}: {url}: {{{param}}} changed");
        }
    }
}
