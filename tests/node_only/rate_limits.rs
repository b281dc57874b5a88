//! Node-only rate-limit and clock-skew tests against a third simulator (`IAM_LIMIT_SIM_ADMIN_URL`,
//! whose admin API sets its rate limit and clock) behind its own proxy (`IAM_LIMIT_PROXY_URL`).
//! One test function, because those settings are global to that simulator.

use crate::common::scenario::Js;
use crate::faults::admin;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

#[wasm_bindgen(inline_js = r#"
// Fires `n` getUser calls at once on `client`; resolves with how many succeeded, the messages of
// the failures and the time from the first call to the last answer.
export async function fire(client, n, uiIdentityId) {
    const started = Date.now();
    const calls = [];
    for (let i = 0; i < n; i++) calls.push(client.getUser({ uiIdentityId }));
    const settled = await Promise.allSettled(calls);
    const failures = settled.filter((s) => s.status === "rejected").map((s) => String(s.reason.message));
    return JSON.stringify({ ok: n - failures.length, failures: failures.slice(0, 5), failed: failures.length, elapsedMs: Date.now() - started });
}
"#)]
extern "C" {
    async fn fire(client: &JsValue, n: u32, ui_identity_id: &str) -> JsValue;
}

fn env(name: &str, value: Option<&'static str>) -> &'static str {
    value.unwrap_or_else(|| {
        panic!("{name} must be set for the rate-limit tests (scripts/test.sh sets it)")
    })
}

fn admin_url(path: &str) -> String {
    let base = env(
        "IAM_LIMIT_SIM_ADMIN_URL",
        option_env!("IAM_LIMIT_SIM_ADMIN_URL"),
    );
    format!("{base}{path}")
}

async fn put(path: &str, body: Value) {
    let answer = admin(&admin_url(path), "PUT", Some(body.to_string()))
        .await
        .as_string()
        .unwrap_or_default();
    assert!(answer.starts_with("200"), "PUT {path}: {answer}");
}

async fn delete(path: &str) {
    admin(&admin_url(path), "DELETE", None).await;
}

async fn stats() -> Value {
    let answer = admin(&admin_url("/stats"), "GET", None)
        .await
        .as_string()
        .unwrap_or_default();
    let body = answer.split_once(' ').map(|(_, b)| b).unwrap_or_default();
    serde_json::from_str(body).unwrap_or_else(|_| panic!("GET /stats: {answer}"))
}

fn count(stats: &Value, group: &str, key: &str) -> u64 {
    stats[group][key].as_u64().unwrap_or(0)
}

/// Fires `n` getUser calls at once on a client built from `options`.
async fn burst_of_get_user(options: Value, n: u32, user: &str) -> Value {
    let client = akamai_iam_wasm::IamClient::new(tsify::Ts::new_unchecked(
        js_sys::JSON::parse(&options.to_string()).expect("options"),
    ))
    .unwrap_or_else(|error| panic!("client: {error}"));
    let outcome = fire(&JsValue::from(client), n, user).await;
    serde_json::from_str(&outcome.as_string().unwrap_or_default()).expect("fire outcome")
}

fn field(error: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(error, &JsValue::from_str(key)).unwrap_or(JsValue::NULL)
}

#[wasm_bindgen_test]
async fn rate_limits_and_clock_skew_as_akamai_applies_them() {
    let proxy = env("IAM_LIMIT_PROXY_URL", option_env!("IAM_LIMIT_PROXY_URL"));
    let iam = Js::new(proxy);
    delete("/rate-limit").await;
    let users = iam.read("listUsers", json!({})).await;
    let user = users[0]["uiIdentityId"]
        .as_str()
        .expect("a user")
        .to_owned();

    // 1. The simulator allows 20 requests/s per client token. 200 getUser calls at once through a
    //    client limited to 20/s: no error, no refusal, about 10 s. (Its bucket holds 2 s of
    //    requests: on a loaded machine a stalled event loop or proxy delivers the client's evenly
    //    spaced requests in bunches; a 1 s bucket saw 21 refusals in one such run.)
    put("/rate-limit", json!({"requestsPerSecond": 20, "burst": 40})).await;
    delete("/stats").await;
    let limited = burst_of_get_user(
        json!({"baseUrl": proxy, "rateLimit": {"requestsPerSecond": 20}}),
        200,
        &user,
    )
    .await;
    let seen = stats().await;
    console_log!("with rateLimit 20/s: {limited} sim {seen}");
    assert_eq!(limited["ok"], 200, "{limited}");
    assert_eq!(seen["refusals"], json!({}), "{seen}");
    assert_eq!(seen["total"], 200, "{seen}");
    let elapsed = limited["elapsedMs"].as_f64().unwrap_or_default();
    assert!(
        (8_500.0..=11_500.0).contains(&elapsed),
        "200 calls at 20/s took {elapsed} ms, not 10 s ± 15 %"
    );

    // 2. The same 200 calls without the limiter: 429s, each retried after X-RateLimit-Next − Date
    //    (plus jitter); all complete.
    put("/rate-limit", json!({"requestsPerSecond": 20})).await;
    delete("/stats").await;
    let unlimited = burst_of_get_user(json!({"baseUrl": proxy, "retries": 10}), 200, &user).await;
    let seen = stats().await;
    let refused = count(&seen, "refusals", "429");
    let attempts = seen["total"].as_u64().unwrap_or_default();
    console_log!(
        "without rateLimit: {unlimited}; 429s (waits) {refused}, attempts {attempts}, retries {}",
        attempts.saturating_sub(200)
    );
    assert_eq!(unlimited["ok"], 200, "{unlimited}");
    assert!(refused > 0, "{seen}");
    // Refused attempts never reach an operation; each was waited for and retried once.
    assert_eq!(
        count(&seen, "byOperation", "get-ui-identity"),
        200,
        "{seen}"
    );
    assert_eq!(attempts, 200 + refused, "{seen}");

    // 3. Burst mode: a refusal is Akamai's WAF 400. A GET is retried until it passes; a POST is
    //    sent once and rejects marked rate-limited.
    put(
        "/rate-limit",
        json!({"requestsPerSecond": 2, "burst": 1, "mode": "waf"}),
    )
    .await;
    delete("/stats").await;
    let patient = Js::with_options(&format!(
        r#"{{"baseUrl": "{proxy}", "retries": 6, "retryDelayMs": 300}}"#
    ));
    patient.read("getUser", json!({"uiIdentityId": user})).await;
    patient.read("getUser", json!({"uiIdentityId": user})).await;
    let seen = stats().await;
    assert!(count(&seen, "refusals", "waf") >= 1, "{seen}");
    let groups = patient.read("listGroups", json!({})).await;
    let root = groups[0]["groupId"].as_i64().expect("root group");
    delete("/stats").await;
    let error = patient
        .call(
            "createGroup",
            json!({"groupId": root, "body": {"groupName": "Burst refused"}}),
        )
        .await
        .expect_err("the bucket is empty: the WAF refuses the POST");
    let seen = stats().await;
    assert_eq!(
        count(&seen, "byMethod", "POST"),
        1,
        "POST sent once: {seen}"
    );
    assert_eq!(field(&error, "status").as_f64(), Some(400.0));
    assert_eq!(field(&error, "rateLimited").as_bool(), Some(true));
    delete("/rate-limit").await;

    // 4. The simulator's clock runs 120 s ahead: the proxy's signatures are refused, and the
    //    error names the difference.
    put("/clock", json!({"offsetSecs": 120})).await;
    let error = iam
        .call("getUser", json!({"uiIdentityId": user}))
        .await
        .expect_err("Invalid timestamp");
    put("/clock", json!({"offsetSecs": 0})).await;
    let message = field(&error, "message").as_string().unwrap_or_default();
    console_log!("skew: {message}");
    let skew = field(&error, "clockSkewSecs").as_f64().unwrap_or_default();
    assert!((-122.0..=-118.0).contains(&skew), "{skew}: {message}");
    assert!(
        ["119 s", "120 s", "121 s"]
            .iter()
            .any(|n| message.contains(n)),
        "{message}"
    );
}
