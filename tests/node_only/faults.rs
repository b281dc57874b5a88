//! Node-only fault tests against a second simulator (with an admin API for fault injection)
//! behind its own proxy: `IAM_FAULT_PROXY_URL`, `IAM_SIM_ADMIN_URL`, and `IAM_DROP_URL`, a server
//! that drops every connection. One test function, because fault settings are global to that
//! simulator.

use crate::common::scenario::{assert_matches, run, tag, Js};
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
export async function admin(url, method, body) {
    const response = await fetch(url, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : body,
    });
    return `${response.status} ${await response.text()}`;
}
"#)]
extern "C" {
    /// A request to a simulator's admin API: `"STATUS BODY"`.
    pub(crate) async fn admin(url: &str, method: &str, body: Option<String>) -> JsValue;
}

fn env(name: &str, value: Option<&'static str>) -> &'static str {
    value.unwrap_or_else(|| {
        panic!("{name} must be set for the fault tests (scripts/test.sh sets it)")
    })
}

async fn set_faults(config: serde_json::Value) {
    let base = env("IAM_SIM_ADMIN_URL", option_env!("IAM_SIM_ADMIN_URL"));
    let answer = admin(&format!("{base}/faults"), "PUT", Some(config.to_string()))
        .await
        .as_string()
        .unwrap_or_default();
    assert!(answer.starts_with("200"), "PUT /faults: {answer}");
}

async fn clear_faults() {
    let base = env("IAM_SIM_ADMIN_URL", option_env!("IAM_SIM_ADMIN_URL"));
    admin(&format!("{base}/faults"), "DELETE", None).await;
}

async fn stats() -> serde_json::Value {
    let base = env("IAM_SIM_ADMIN_URL", option_env!("IAM_SIM_ADMIN_URL"));
    let answer = admin(&format!("{base}/stats"), "GET", None)
        .await
        .as_string()
        .unwrap_or_default();
    let body = answer.split_once(' ').map(|(_, b)| b).unwrap_or_default();
    serde_json::from_str(body).unwrap_or_else(|_| panic!("GET /stats: {answer}"))
}

fn kind_and_status(error: &JsValue) -> (Option<String>, Option<f64>) {
    let get = |k: &str| js_sys::Reflect::get(error, &JsValue::from_str(k)).unwrap_or(JsValue::NULL);
    (get("kind").as_string(), get("status").as_f64())
}

#[wasm_bindgen_test]
async fn faults_scenario_survives_429_503_and_errors_reach_js_typed() {
    let proxy = env("IAM_FAULT_PROXY_URL", option_env!("IAM_FAULT_PROXY_URL"));
    let iam = Js::new(proxy);

    // 1. 30% of API responses are 429 or 503 (not applied): the scenario completes with the same
    //    result as a clean run, and every object exists exactly once (no duplicated POST).
    let clean_tag = tag();
    let clean = run(&iam, &clean_tag).await;
    assert_matches(&clean, &clean_tag);
    set_faults(json!({"rate": 0.3, "kinds": ["429", "503"], "retryAfterSecs": 0, "seed": 7})).await;
    let faulty_tag = tag();
    let faulty = run(&iam, &faulty_tag).await;
    let injected = stats().await["faults"].clone();
    clear_faults().await;
    assert_matches(&faulty, &faulty_tag);
    let strip = |mut v: serde_json::Value, t: &str| {
        let text = v.to_string().replace(t, "TAG");
        v = serde_json::from_str(&text).unwrap();
        v
    };
    assert_eq!(strip(clean, &clean_tag), strip(faulty, &faulty_tag));
    let total: u64 = injected
        .as_object()
        .map(|m| m.values().filter_map(|v| v.as_u64()).sum())
        .unwrap_or(0);
    assert!(total > 0, "faults were injected: {injected}");

    // 2. Malformed JSON on a 200: kind decode with the status.
    set_faults(json!({"rate": 1.0, "kinds": ["malformed"]})).await;
    let error = iam
        .call("listUsers", json!({}))
        .await
        .expect_err("malformed body");
    clear_faults().await;
    assert_eq!(
        kind_and_status(&error),
        (Some("decode".into()), Some(200.0))
    );

    // 3. The simulator drops connections: the proxy answers 502 problem+json, an http error.
    set_faults(json!({"rate": 1.0, "kinds": ["drop"]})).await;
    let error = iam
        .call("listUsers", json!({}))
        .await
        .expect_err("dropped upstream");
    clear_faults().await;
    assert_eq!(kind_and_status(&error), (Some("http".into()), Some(502.0)));

    // 4. The server the client talks to drops the connection: kind network, after retries.
    let drop_url = env("IAM_DROP_URL", option_env!("IAM_DROP_URL"));
    let error = Js::new(drop_url)
        .call("listUsers", json!({}))
        .await
        .expect_err("dropped");
    assert_eq!(kind_and_status(&error), (Some("network".into()), None));
}
