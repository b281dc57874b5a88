//! Retries, cancellation and timeouts, with a fetch stub that answers a scripted sequence.

use super::*;
use akamai_iam_wasm::CallOptions;

const USER: &str = r#"{"uiIdentityId":"A-B-1","firstName":"A","lastName":"B","email":"a@b.co","additionalAuthentication":"NONE","additionalAuthenticationConfigured":false}"#;

fn fast_client(extra: &str) -> IamClient {
    client(&format!(
        r#"{{"baseUrl": "{BASE}", "retryDelayMs": 1{extra}}}"#
    ))
}

fn ok_user() -> String {
    format!(
        r#"{{"status": 200, "body": {}}}"#,
        serde_json::to_string(USER).unwrap()
    )
}

fn problem(status: u16, extra_headers: &str) -> String {
    format!(
        r#"{{"status": {status}, "contentType": "application/problem+json", "headers": {{{extra_headers}}}, "body": "{{\"title\":\"Busy\",\"detail\":\"try later\",\"status\":{status}}}"}}"#
    )
}

fn signal_options(signal: &web_sys::AbortSignal) -> Option<Ts<CallOptions>> {
    let options = Object::new();
    Reflect::set(&options, &"signal".into(), signal).unwrap();
    Some(Ts::new_unchecked(options.into()))
}

#[wasm_bindgen(inline_js = r#"
export function abort_after(controller, ms) { setTimeout(() => controller.abort(), ms); }
export function new_controller() { return new AbortController(); }
export function controller_signal(controller) { return controller.signal; }
export function abort_now(controller) { controller.abort(); }
"#)]
extern "C" {
    fn abort_after(controller: &JsValue, ms: u32);
    fn new_controller() -> JsValue;
    fn controller_signal(controller: &JsValue) -> web_sys::AbortSignal;
    fn abort_now(controller: &JsValue);
}

async fn get_user(
    client: &IamClient,
    options: Option<Ts<CallOptions>>,
) -> Result<Ts<User>, JsValue> {
    client
        .get_user(user_id(r#"{"uiIdentityId": "A-B-1"}"#), options)
        .await
}

#[wasm_bindgen_test]
async fn get_retries_503_then_resolves() {
    let stub = FetchStub::sequence(&format!("[{}, {}]", problem(503, ""), ok_user()));
    let user = get_user(&fast_client(""), None)
        .await
        .expect("resolves after one retry");
    assert_eq!(
        get_str(&user.js_value(), "uiIdentityId").as_deref(),
        Some("A-B-1")
    );
    assert_eq!(stub.calls().len(), 2);
}

#[wasm_bindgen_test]
async fn get_honours_retry_after_on_429() {
    let stub = FetchStub::sequence(&format!(
        r#"[{}, {}]"#,
        problem(429, r#""retry-after": "1""#),
        ok_user()
    ));
    let started = js_sys::Date::now();
    get_user(&fast_client(""), None)
        .await
        .expect("resolves after the wait");
    let waited = js_sys::Date::now() - started;
    assert!(
        waited >= 950.0,
        "Retry-After: 1 waits a second, waited {waited} ms"
    );
    assert_eq!(stub.calls().len(), 2);
}

#[wasm_bindgen_test]
async fn retries_run_out_and_the_last_503_rejects_as_http() {
    let stub = FetchStub::sequence(&format!("[{}]", problem(503, "")));
    let error = get_user(&fast_client(r#", "retries": 2"#), None)
        .await
        .expect_err("503 every time");
    let value = reaches_js(error);
    assert_eq!(get(&value, "status").as_f64(), Some(503.0));
    assert_eq!(stub.calls().len(), 3, "one try and two retries");
}

#[wasm_bindgen_test]
async fn network_errors_are_retried_then_reject_as_network() {
    let stub = FetchStub::sequence(r#"[{"network": true}]"#);
    let error = get_user(&fast_client(r#", "retries": 1"#), None)
        .await
        .expect_err("no connection");
    let value = reaches_js(error);
    assert_eq!(get_str(&value, "kind").as_deref(), Some("network"));
    assert_eq!(stub.calls().len(), 2);
}

#[wasm_bindgen_test]
async fn a_404_is_not_retried() {
    let stub = FetchStub::sequence(&format!("[{}]", problem(404, "")));
    get_user(&fast_client(""), None).await.expect_err("404");
    assert_eq!(stub.calls().len(), 1);
}

/// The first fetch of a Node process loads its HTTP stack, blocking timers for a while: warm it
/// up so timing assertions measure the client, not that.
async fn warm_up() {
    let _stub = FetchStub::sequence(&format!("[{}]", ok_user()));
    get_user(&fast_client(""), None)
        .await
        .expect("warm-up call");
}

#[wasm_bindgen_test]
async fn abort_signal_rejects_as_aborted_within_100_ms() {
    warm_up().await;
    let _stub = FetchStub::sequence(r#"[{"hang": true}]"#);
    let controller = new_controller();
    abort_after(&controller, 30);
    let started = js_sys::Date::now();
    let error = get_user(
        &fast_client(""),
        signal_options(&controller_signal(&controller)),
    )
    .await
    .expect_err("aborted");
    let elapsed = js_sys::Date::now() - started;
    let value = reaches_js(error);
    assert_eq!(get_str(&value, "kind").as_deref(), Some("aborted"));
    assert!(
        elapsed < 130.0,
        "rejected {elapsed} ms after the call, abort at 30 ms"
    );
}

#[wasm_bindgen_test]
async fn timeout_ms_rejects_as_aborted_within_100_ms() {
    warm_up().await;
    let _stub = FetchStub::sequence(r#"[{"hang": true}]"#);
    let started = js_sys::Date::now();
    let error = get_user(&fast_client(r#", "timeoutMs": 50"#), None)
        .await
        .expect_err("timed out");
    let elapsed = js_sys::Date::now() - started;
    let value = reaches_js(error);
    assert_eq!(get_str(&value, "kind").as_deref(), Some("aborted"));
    assert!(get_str(&value, "message")
        .unwrap_or_default()
        .contains("timed out after 50 ms"));
    assert!(
        (45.0..150.0).contains(&elapsed),
        "timed out after {elapsed} ms"
    );
}

#[wasm_bindgen_test]
async fn abort_during_backoff_stops_the_retries() {
    warm_up().await;
    let stub = FetchStub::sequence(&format!("[{}]", problem(503, r#""retry-after": "5""#)));
    let controller = new_controller();
    abort_after(&controller, 30);
    let started = js_sys::Date::now();
    let error = get_user(
        &fast_client(""),
        signal_options(&controller_signal(&controller)),
    )
    .await
    .expect_err("aborted while waiting");
    assert!(js_sys::Date::now() - started < 130.0);
    assert_eq!(
        get_str(&reaches_js(error), "kind").as_deref(),
        Some("aborted")
    );
    assert_eq!(stub.calls().len(), 1);
}

#[wasm_bindgen_test]
async fn an_already_aborted_signal_sends_nothing() {
    let stub = FetchStub::sequence(&format!("[{}]", ok_user()));
    let controller = new_controller();
    abort_now(&controller);
    let error = get_user(
        &fast_client(""),
        signal_options(&controller_signal(&controller)),
    )
    .await
    .expect_err("aborted");
    assert_eq!(
        get_str(&reaches_js(error), "kind").as_deref(),
        Some("aborted")
    );
    assert!(stub.calls().is_empty());
}

#[wasm_bindgen_test]
async fn call_options_other_than_an_abort_signal_are_validation_errors() {
    let stub = FetchStub::sequence(&format!("[{}]", ok_user()));
    for options in [r#"{"signal": 5}"#, r#"{"timeout": 5}"#] {
        let error = get_user(&fast_client(""), Some(ts(options)))
            .await
            .expect_err("refused");
        assert_eq!(
            get_str(&reaches_js(error), "kind").as_deref(),
            Some("validation"),
            "{options}"
        );
    }
    assert!(stub.calls().is_empty());
}

// ---------------------------------------------------------------- rate limits and clock skew

const WAF_BURST: &str = r#"{"type": "https://problems.luna.akamaiapis.net/-/pep-authn/request-error", "title": "Bad request", "status": 400, "detail": "WAF deny rule IPBLOCK-BURST4-54013", "method": "GET"}"#;

/// A step answering `status` with `body` and these extra headers (a JSON object's members).
fn step(status: u16, body: &str, headers: &str) -> String {
    format!(
        r#"{{"status": {status}, "contentType": "application/problem+json", "headers": {{{headers}}}, "body": {}}}"#,
        serde_json::to_string(body).unwrap()
    )
}

/// `Date` for now plus `offset_ms`, and `X-RateLimit-Next` `next_in_ms` after it, as headers.
fn dated(offset_ms: f64, next_in_ms: f64) -> String {
    let now = js_sys::Date::now() + offset_ms;
    let date = js_sys::Date::new(&JsValue::from_f64(now)).to_utc_string();
    let next = js_sys::Date::new(&JsValue::from_f64(now + next_in_ms)).to_iso_string();
    format!(r#""date": "{date}", "x-ratelimit-next": "{next}""#)
}

#[wasm_bindgen_test]
async fn get_waits_x_ratelimit_next_minus_date_on_429() {
    warm_up().await;
    let stub = FetchStub::sequence(&format!(
        "[{}, {}]",
        step(
            429,
            r#"{"title": "Too Many Requests"}"#,
            &dated(0.0, 1500.0)
        ),
        ok_user()
    ));
    let started = js_sys::Date::now();
    get_user(&fast_client(""), None)
        .await
        .expect("resolves after the wait");
    let waited = js_sys::Date::now() - started;
    // Next − Date is 1.5 s, or up to 1 s more as Date drops the milliseconds.
    assert!(
        (1450.0..3000.0).contains(&waited),
        "waited {waited} ms for X-RateLimit-Next"
    );
    assert_eq!(stub.calls().len(), 2);
}

#[wasm_bindgen_test]
async fn a_429_that_runs_out_of_retries_says_how_long_the_server_asked_to_wait() {
    let _stub = FetchStub::sequence(&format!(
        "[{}]",
        step(
            429,
            r#"{"title": "Too Many Requests"}"#,
            &dated(0.0, 2000.0)
        )
    ));
    let error = reaches_js(
        get_user(&fast_client(r#", "retries": 0"#), None)
            .await
            .expect_err("429"),
    );
    assert_eq!(get(&error, "rateLimited").as_bool(), Some(true));
    let wait = get(&error, "retryAfterMs").as_f64().unwrap_or_default();
    assert!((2000.0..=3000.0).contains(&wait), "retryAfterMs {wait}");
    assert!(get(&error, "clockSkewSecs").is_null());
}

#[wasm_bindgen_test]
async fn waf_burst_400_is_retried_for_get() {
    let stub = FetchStub::sequence(&format!("[{}, {}]", step(400, WAF_BURST, ""), ok_user()));
    get_user(&fast_client(""), None)
        .await
        .expect("resolves after the burst refusal");
    assert_eq!(stub.calls().len(), 2);
}

#[wasm_bindgen_test]
async fn waf_burst_400_is_never_retried_for_post() {
    let stub = FetchStub::sequence(&format!("[{}, {}]", step(400, WAF_BURST, ""), ok_user()));
    let error = fast_client("")
        .create_group(
            ts(r#"{"groupId": 1, "body": {"groupName": "Burst"}}"#),
            None,
        )
        .await
        .expect_err("a POST is not retried");
    let error = reaches_js(error);
    assert_eq!(get(&error, "status").as_f64(), Some(400.0));
    assert_eq!(get(&error, "rateLimited").as_bool(), Some(true));
    let message = get_str(&error, "message").unwrap_or_default();
    assert!(message.contains("IPBLOCK-BURST4-54013"), "{message}");
    assert_eq!(stub.calls().len(), 1);
}

#[wasm_bindgen_test]
async fn invalid_timestamp_names_the_clock_difference() {
    let body = r#"{"type": "https://problems.luna.akamaiapis.net/-/pep-authn/request-error", "title": "Bad request", "status": 400, "detail": "Invalid timestamp"}"#;
    // The server's Date is two minutes ahead of this machine's clock.
    let _stub = FetchStub::sequence(&format!("[{}]", step(400, body, &dated(120_000.0, 0.0))));
    let error = reaches_js(get_user(&fast_client(""), None).await.expect_err("400"));
    let skew = get(&error, "clockSkewSecs").as_f64().unwrap_or_default();
    assert!((-121.0..=-119.0).contains(&skew), "clockSkewSecs {skew}");
    let message = get_str(&error, "message").unwrap_or_default();
    assert!(
        message.contains("Invalid timestamp") && message.contains("s (behind)"),
        "{message}"
    );
    assert_eq!(get(&error, "rateLimited").as_bool(), Some(false));
}

#[wasm_bindgen_test]
async fn rate_limit_option_spaces_calls_through_its_gate() {
    warm_up().await;
    let stub = FetchStub::sequence(&format!("[{}]", ok_user()));
    let client = fast_client(r#", "rateLimit": {"requestsPerSecond": 20, "maxConcurrent": 2}"#);
    let started = js_sys::Date::now();
    let calls: Vec<_> = (0..5).map(|_| get_user(&client, None)).collect();
    for call in calls {
        call.await.expect("resolves");
    }
    let elapsed = js_sys::Date::now() - started;
    // Turns at 0, 50, 100, 150 and 200 ms.
    assert!(elapsed >= 190.0, "5 calls at 20/s took {elapsed} ms");
    assert_eq!(stub.calls().len(), 5);
}

#[wasm_bindgen_test]
async fn rate_limit_option_is_checked() {
    for (options, field) in [
        (r#"{"requestsPerSecond": 0}"#, "rateLimit.requestsPerSecond"),
        (
            r#"{"requestsPerSecond": 5, "maxConcurrent": 0}"#,
            "rateLimit.maxConcurrent",
        ),
    ] {
        let error = IamClient::new(ts(&format!(
            r#"{{"baseUrl": "{BASE}", "rateLimit": {options}}}"#
        )))
        .err()
        .expect("refused");
        assert_eq!(error.field.as_deref(), Some(field));
    }
}

#[wasm_bindgen_test]
async fn a_call_still_rejects_as_iam_error_when_its_client_is_freed_first() {
    // `await new IamClient(…).listUsers()`: JS may free the client while the call is in flight;
    // a failure, which goes on in the Rust retry loop, must still become an IamError.
    let _stub = FetchStub::answer(0, "", "");
    let client = stub_client();
    let call = client.list_users(None, None);
    drop(client);
    let error = reaches_js(call.await.expect_err("listUsers rejects"));
    assert_eq!(get_str(&error, "kind").as_deref(), Some("network"));
}

#[wasm_bindgen_test]
async fn cyclic_params_reject_as_validation_and_the_client_keeps_working() {
    // `params.self = params`: read to a bounded depth, refused before any request, never a trap.
    let stub = FetchStub::answer(200, "application/json", "[]");
    let client = stub_client();
    let params = Object::new();
    Reflect::set(&params, &"groupId".into(), &JsValue::from(1)).unwrap();
    Reflect::set(&params, &"self".into(), &params).unwrap();
    let error = client
        .list_users(Some(Ts::new_unchecked(params.into())), None)
        .await
        .expect_err("listUsers rejects");
    validation_error(error, "self");
    assert!(stub.calls().is_empty(), "fetch must not be called");
    let users = client
        .list_users(None, None)
        .await
        .expect("the next call works");
    assert!(users.is_empty());
}

#[wasm_bindgen_test]
async fn a_hostile_deep_error_body_rejects_as_http_and_the_client_keeps_working() {
    // 100,000 nested arrays: JSON.parse reads them; walking them into Rust must stop well before
    // the wasm stack does (before: "memory access out of bounds", then every call failed).
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let stub = FetchStub::answer(400, "application/problem+json", &deep);
    let client = stub_client();
    let error = reaches_js(
        client
            .list_users(None, None)
            .await
            .expect_err("400 rejects"),
    );
    assert_eq!(get_str(&error, "kind").as_deref(), Some("http"));
    assert_eq!(get(&error, "status").as_f64(), Some(400.0));
    drop(stub);
    let _ok = FetchStub::answer(200, "application/json", "[]");
    let users = client
        .list_users(None, None)
        .await
        .expect("the next call works");
    assert!(users.is_empty());
}
