//! Tests shared by the browser binary (`tests/web.rs`) and the Node binary (`tests/node.rs`).
//!
//! Stub tests replace `globalThis.fetch` with a recorder that answers a canned `Response`, so they
//! check what the client sends and how each answer reaches JS. Live tests (`live_*`) talk to the
//! signing proxy in front of the simulator, at the URL given at compile time in `IAM_PROXY_URL`.

use akamai_iam_wasm::{is_iam_error, GetUserParams, IamClient, ListUsersParams, User};
use js_sys::{Array, Object, Reflect, JSON};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

/// An example of Akamai's OpenAPI spec, as a fixture.
macro_rules! spec_example {
    ($file:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/spec/iam-v3/examples/",
            $file
        ))
    };
}

// Tests of the other docs sections, one file each (the users tests of the first two operations
// are below in this file).
mod api_clients;
mod common_resources;
mod credentials;
mod fast;
mod groups;
mod ip_allowlist;
// The browser build's constructor (the Node build also takes `credentials`).
#[cfg(not(feature = "node"))]
mod lazy;
mod properties;
mod resilience;
mod roles;
pub(crate) mod scenario;
mod user_profile;
mod users;

#[wasm_bindgen(inline_js = r#"
let original = null;
let calls = [];

export function install_fetch_stub(status, contentType, body) {
    if (original === null) original = globalThis.fetch;
    calls = [];
    globalThis.fetch = async (input, init) => {
        const request = new Request(input, init);
        const call = { url: request.url, method: request.method, headers: Object.fromEntries(request.headers), body: null };
        calls.push(call);
        const text = await request.text();
        call.body = text === "" ? null : text;
        if (status === 0) throw new TypeError("Failed to fetch");
        // 204 and the other null-body statuses must be built without a body.
        const empty = [101, 204, 205, 304].includes(status);
        return new Response(empty ? null : body, { status, headers: { "content-type": contentType } });
    };
}

// Answers each call with the next of `steps` (the last repeats): `{status, contentType, body,
// headers}` answers, `{network: true}` fails like a dropped connection, `{hang: true}` never answers
// and rejects with an AbortError when the request's signal aborts.
export function install_fetch_sequence(steps) {
    if (original === null) original = globalThis.fetch;
    calls = [];
    let next = 0;
    globalThis.fetch = async (input, init) => {
        const request = new Request(input, init);
        const call = { url: request.url, method: request.method, headers: Object.fromEntries(request.headers), body: null };
        calls.push(call);
        const text = await request.text();
        call.body = text === "" ? null : text;
        const step = steps[Math.min(next++, steps.length - 1)];
        if (step.network) throw new TypeError("Failed to fetch");
        if (step.hang) {
            return new Promise((_, reject) => {
                const signal = request.signal;
                const fail = () => reject(new DOMException("The operation was aborted.", "AbortError"));
                if (signal.aborted) fail(); else signal.addEventListener("abort", fail, { once: true });
            });
        }
        return new Response([101, 204, 205, 304].includes(step.status) ? null : step.body ?? "", {
            status: step.status,
            headers: { "content-type": step.contentType ?? "application/json", ...(step.headers ?? {}) },
        });
    };
}

export function restore_fetch() {
    if (original !== null) globalThis.fetch = original;
    original = null;
}

export function fetch_calls() {
    return calls;
}
"#)]
extern "C" {
    fn install_fetch_stub(status: u16, content_type: &str, body: &str);
    fn install_fetch_sequence(steps: JsValue);
    fn restore_fetch();
    fn fetch_calls() -> Array;
}

const BASE: &str = "http://127.0.0.1:8600";
const PROBLEM_JSON: &str = "application/problem+json";

/// Replaces fetch until dropped. A failed test aborts without dropping it; the next stub still
/// saves the real fetch, and live tests restore it before they start.
struct FetchStub;

impl FetchStub {
    fn answer(status: u16, content_type: &str, body: &str) -> Self {
        install_fetch_stub(status, content_type, body);
        FetchStub
    }

    /// Answers 204 No Content to every call.
    fn no_content() -> Self {
        Self::answer(204, "application/json", "")
    }

    /// Answers each call with the next of `steps` (a JSON array, see `install_fetch_sequence`).
    fn sequence(steps: &str) -> Self {
        install_fetch_sequence(js(steps));
        FetchStub
    }

    /// The requests fetch received, as `{ url, method, headers, body }` (body: text or null).
    fn calls(&self) -> Vec<JsValue> {
        fetch_calls().to_vec()
    }
}

impl Drop for FetchStub {
    fn drop(&mut self) {
        restore_fetch();
    }
}

/// A JS value as a JS caller would write it.
fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

/// Params as JS passes them: any object, checked by the client.
fn ts<T: Tsify>(json: &str) -> Ts<T> {
    Ts::new_unchecked(js(json))
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property readable")
}

fn get_str(value: &JsValue, key: &str) -> Option<String> {
    get(value, key).as_string()
}

fn client(options: &str) -> IamClient {
    IamClient::new(ts(options)).unwrap_or_else(|error| panic!("client: {error}"))
}

fn stub_client() -> IamClient {
    client(&format!(r#"{{"baseUrl": "{BASE}"}}"#))
}

/// The error as JS receives it (an operation's promise rejects with it; the constructor's
/// `IamError` becomes it when it reaches JS), checked to be a real `Error` named `IamError`.
fn reaches_js(error: impl Into<JsValue>) -> JsValue {
    let value = error.into();
    assert!(value.is_instance_of::<js_sys::Error>(), "instanceof Error");
    assert_eq!(get_str(&value, "name").as_deref(), Some("IamError"));
    assert!(is_iam_error(&value), "isIamError");
    value
}

/// `error` reached JS as an `IamError` of kind `validation` naming `field`; returned for more checks.
fn validation_error(error: impl Into<JsValue>, field: &str) -> JsValue {
    let value = reaches_js(error);
    assert_eq!(get_str(&value, "kind").as_deref(), Some("validation"));
    assert_eq!(get_str(&value, "field").as_deref(), Some(field));
    value
}

fn assert_http_error(value: &JsValue, operation: &str, status: u16, title: &str, detail: &str) {
    assert_eq!(get_str(value, "kind").as_deref(), Some("http"));
    assert_eq!(get(value, "status").as_f64(), Some(f64::from(status)));
    assert_eq!(get_str(value, "operation").as_deref(), Some(operation));
    let problem = get(value, "problem");
    assert_eq!(get_str(&problem, "title").as_deref(), Some(title));
    assert_eq!(get_str(&problem, "detail").as_deref(), Some(detail));
    let message = get_str(value, "message").unwrap_or_default();
    assert!(
        message.starts_with(&format!("{operation}: {status} ")),
        "{message}"
    );
    assert!(message.contains(title), "{message}");
}

fn user_id(params: &str) -> Ts<GetUserParams> {
    ts(params)
}

// ---------------------------------------------------------------- stub tests: requests

#[wasm_bindgen_test]
async fn list_users_with_params_sends_get_with_query() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        include_str!("fixtures/list_users_200.json"),
    );
    let params = ts::<ListUsersParams>(
        r#"{"groupId": 12345, "authGrants": true, "actions": false, "accountSwitchKey": "1-5C0YLB:1-8BYUX"}"#,
    );
    let users = stub_client()
        .list_users(Some(params), None)
        .await
        .expect("listUsers resolves");
    assert_eq!(users.len(), 1);

    let calls = stub.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(get_str(&calls[0], "method").as_deref(), Some("GET"));
    assert_eq!(
        get_str(&calls[0], "url").as_deref(),
        Some(
            "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities\
             ?groupId=12345&authGrants=true&actions=false&accountSwitchKey=1-5C0YLB%3A1-8BYUX"
        )
    );
    let headers = get(&calls[0], "headers");
    assert_eq!(
        get_str(&headers, "accept").as_deref(),
        Some("application/json")
    );
}

#[wasm_bindgen_test]
async fn list_users_call_account_switch_key_wins_and_client_headers_are_sent() {
    let stub = FetchStub::answer(200, "application/json", "[]");
    let client = client(&format!(
        r#"{{"baseUrl": "{BASE}/", "accountSwitchKey": "client-key", "headers": {{"x-trace": "t1"}}}}"#
    ));
    client
        .list_users(None, None)
        .await
        .expect("listUsers resolves");
    client
        .list_users(Some(ts(r#"{"accountSwitchKey": "call-key"}"#)), None)
        .await
        .expect("listUsers resolves");

    let urls: Vec<_> = stub
        .calls()
        .iter()
        .filter_map(|call| get_str(call, "url"))
        .collect();
    let list = "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities";
    assert_eq!(
        urls,
        [
            format!("{list}?accountSwitchKey=client-key"),
            format!("{list}?accountSwitchKey=call-key")
        ]
    );
    let headers = get(&stub.calls()[0], "headers");
    assert_eq!(get_str(&headers, "x-trace").as_deref(), Some("t1"));
}

#[wasm_bindgen_test]
async fn get_user_id_with_dots_and_query_is_one_encoded_segment() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        include_str!("fixtures/get_user_200.json"),
    );
    stub_client()
        .get_user(
            user_id(r#"{"uiIdentityId": "../x?y", "authGrants": true}"#),
            None,
        )
        .await
        .expect("getUser resolves");
    let calls = stub.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(get_str(&calls[0], "method").as_deref(), Some("GET"));
    assert_eq!(
        get_str(&calls[0], "url").as_deref(),
        Some("http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities/..%2Fx%3Fy?authGrants=true")
    );
}

// ---------------------------------------------------------------- stub tests: results

#[wasm_bindgen_test]
async fn get_user_200_resolves_to_plain_object_keeping_unknown_fields() {
    let body = r#"{"uiIdentityId": "A-B-1", "firstName": "Ada", "lastName": "L", "email": "ada@example.com",
        "additionalAuthentication": "MFA", "additionalAuthenticationConfigured": true,
        "authGrants": [{"roleId": 12, "roleName": "admin", "groupId": 1}], "futureField": {"a": [1, 2]}}"#;
    let _stub = FetchStub::answer(200, "application/json", body);
    let user = stub_client()
        .get_user(user_id(r#"{"uiIdentityId": "A-B-1"}"#), None)
        .await
        .expect("getUser resolves");

    let value = JsValue::from(user.clone());
    assert_eq!(
        Object::get_prototype_of(&value),
        Object::get_prototype_of(&Object::new())
    );
    assert_eq!(
        get_str(&value, "additionalAuthentication").as_deref(),
        Some("MFA")
    );
    assert!(Array::is_array(&get(&value, "authGrants")));
    assert_eq!(
        JSON::stringify(&get(&value, "futureField")).ok(),
        Some(r#"{"a":[1,2]}"#.into())
    );
    assert!(get(&value, "country").is_undefined());
    let user: User = user.to_rust().expect("round trip");
    assert_eq!(user.ui_identity_id, "A-B-1");
}

// ---------------------------------------------------------------- stub tests: errors

#[wasm_bindgen_test]
async fn get_user_404_reaches_js_as_iam_error() {
    let _stub = FetchStub::answer(
        404,
        PROBLEM_JSON,
        include_str!("fixtures/get_user_404.json"),
    );
    let error = stub_client()
        .get_user(user_id(r#"{"uiIdentityId": "B-C-999"}"#), None)
        .await
        .expect_err("getUser rejects");
    let error = reaches_js(error);
    assert_http_error(
        &error,
        "getUser",
        404,
        "User not found",
        "No user with uiIdentityId B-C-999",
    );
    assert_eq!(
        get_str(&error, "message").as_deref(),
        Some("getUser: 404 Not Found: User not found (No user with uiIdentityId B-C-999)")
    );
    let problem = get(&error, "problem");
    assert_eq!(get(&problem, "httpStatus").as_f64(), Some(404.0));
    assert_eq!(get_str(&problem, "requestId").as_deref(), Some("a1b2c3"));
    assert!(get(&error, "field").is_null());
}

#[wasm_bindgen_test]
async fn get_user_409_reaches_js_as_iam_error() {
    let _stub = FetchStub::answer(
        409,
        PROBLEM_JSON,
        include_str!("fixtures/get_user_409.json"),
    );
    let error = stub_client()
        .get_user(user_id(r#"{"uiIdentityId": "A-B-1"}"#), None)
        .await
        .expect_err("getUser rejects");
    let error = reaches_js(error);
    assert_http_error(
        &error,
        "getUser",
        409,
        "Conflict",
        "The user is being modified by another request",
    );
    assert_eq!(
        get(&get(&error, "problem"), "statusCode").as_f64(),
        Some(409.0)
    );
}

#[wasm_bindgen_test]
async fn list_users_400_403_429_reach_js_as_iam_errors() {
    let cases = [
        (
            400,
            include_str!("fixtures/list_users_400.json"),
            "Bad Request",
            "groupId must be an integer",
        ),
        (
            403,
            include_str!("fixtures/list_users_403.json"),
            "Forbidden",
            "The API client has no access to the Identity and Access Management API",
        ),
        (
            429,
            include_str!("fixtures/list_users_429.json"),
            "Too Many Requests",
            "Rate limit exceeded, retry after 60 seconds",
        ),
    ];
    for (status, body, title, detail) in cases {
        let _stub = FetchStub::answer(status, PROBLEM_JSON, body);
        let error = stub_client()
            .list_users(None, None)
            .await
            .expect_err("listUsers rejects");
        assert_http_error(&reaches_js(error), "listUsers", status, title, detail);
    }
}

#[wasm_bindgen_test]
async fn list_users_502_non_json_body_ends_in_problem_detail() {
    let body = include_str!("fixtures/list_users_502.html");
    let _stub = FetchStub::answer(502, "text/html", body);
    let error = reaches_js(
        stub_client()
            .list_users(None, None)
            .await
            .expect_err("listUsers rejects"),
    );
    assert_eq!(get_str(&error, "kind").as_deref(), Some("http"));
    assert_eq!(get(&error, "status").as_f64(), Some(502.0));
    let problem = get(&error, "problem");
    assert_eq!(get_str(&problem, "detail").as_deref(), Some(body.trim()));
    assert!(get(&problem, "title").is_undefined());
    let message = get_str(&error, "message").unwrap_or_default();
    assert!(
        message.starts_with("listUsers: 502 Bad Gateway: <html>"),
        "{message}"
    );
}

#[wasm_bindgen_test]
async fn get_user_empty_id_rejects_as_validation_without_fetch() {
    let stub = FetchStub::answer(200, "application/json", "{}");
    let error = stub_client()
        .get_user(user_id(r#"{"uiIdentityId": ""}"#), None)
        .await
        .expect_err("getUser rejects");
    let error = validation_error(error, "uiIdentityId");
    assert_eq!(get_str(&error, "operation").as_deref(), Some("getUser"));
    assert!(get(&error, "status").is_null());
    assert!(get(&error, "problem").is_null());
    assert!(stub.calls().is_empty(), "fetch must not be called");
}

#[wasm_bindgen_test]
async fn get_user_missing_or_unknown_param_rejects_as_validation_without_fetch() {
    let stub = FetchStub::answer(200, "application/json", "{}");
    for (params, field) in [
        (r#"{}"#, "uiIdentityId"),
        (r#"{"uiIdentityId": "A", "authgrants": true}"#, "authgrants"),
    ] {
        let error = stub_client()
            .get_user(user_id(params), None)
            .await
            .expect_err("getUser rejects");
        validation_error(error, field);
    }
    let error = stub_client()
        .list_users(Some(ts(r#"{"groupId": "12"}"#)), None)
        .await
        .expect_err("listUsers rejects");
    let error = reaches_js(error);
    assert_eq!(get_str(&error, "kind").as_deref(), Some("validation"));
    // A value of the wrong type names its field too.
    assert_eq!(get_str(&error, "field").as_deref(), Some("groupId"));
    assert!(stub.calls().is_empty(), "fetch must not be called");
}

#[wasm_bindgen_test]
async fn get_user_200_malformed_json_rejects_as_decode_with_status_200() {
    let _stub = FetchStub::answer(
        200,
        "application/json",
        include_str!("fixtures/get_user_200_malformed.json"),
    );
    let error = stub_client()
        .get_user(user_id(r#"{"uiIdentityId": "A-B-1"}"#), None)
        .await
        .expect_err("getUser rejects");
    let error = reaches_js(error);
    assert_eq!(get_str(&error, "kind").as_deref(), Some("decode"));
    assert_eq!(get(&error, "status").as_f64(), Some(200.0));
    assert_eq!(get_str(&error, "operation").as_deref(), Some("getUser"));
}

#[wasm_bindgen_test]
async fn list_users_fetch_failure_rejects_as_network_error() {
    let _stub = FetchStub::answer(0, "", "");
    let error = reaches_js(
        stub_client()
            .list_users(None, None)
            .await
            .expect_err("listUsers rejects"),
    );
    assert_eq!(get_str(&error, "kind").as_deref(), Some("network"));
    assert!(get(&error, "status").is_null());
    let message = get_str(&error, "message").unwrap_or_default();
    assert!(message.contains("Failed to fetch"), "{message}");
}

#[wasm_bindgen_test]
fn constructor_refuses_non_http_base_url_as_validation_error() {
    for options in [
        r#"{"baseUrl": "ftp://127.0.0.1"}"#,
        r#"{"baseUrl": "127.0.0.1:8600"}"#,
        r#"{}"#,
    ] {
        let error = match IamClient::new(ts(options)) {
            Ok(_) => panic!("{options} should be refused"),
            Err(error) => reaches_js(error),
        };
        assert_eq!(get_str(&error, "kind").as_deref(), Some("validation"));
        assert_eq!(get_str(&error, "field").as_deref(), Some("baseUrl"));
    }
}

#[wasm_bindgen_test]
fn is_iam_error_false_for_plain_errors_and_other_values() {
    assert!(!is_iam_error(&js_sys::Error::new("plain").into()));
    let renamed = js_sys::Error::new("named only");
    renamed.set_name("IamError");
    assert!(!is_iam_error(&renamed.into()), "name alone is not enough");
    for value in [
        JsValue::NULL,
        JsValue::UNDEFINED,
        js(r#"{"name": "IamError", "kind": "http"}"#),
    ] {
        assert!(!is_iam_error(&value));
    }
}

// ---------------------------------------------------------------- live tests (proxy + simulator)

/// The proxy's URL, fixed at compile time. Unset is a failure, never a silent pass.
fn live_client() -> IamClient {
    restore_fetch();
    let url = option_env!("IAM_PROXY_URL").unwrap_or_else(|| {
        panic!(
            "IAM_PROXY_URL is not set: live tests need the signing proxy in front of iam-sim, e.g. \
             IAM_PROXY_URL=http://127.0.0.1:8600 wasm-pack test ..."
        )
    });
    client(&format!(r#"{{"baseUrl": "{url}"}}"#))
}

async fn live_users(params: Option<&str>) -> Vec<User> {
    let users = live_client()
        .list_users(params.map(ts), None)
        .await
        .unwrap_or_else(|error| panic!("listUsers: {error:?}"));
    users
        .iter()
        .map(|user| user.to_rust().expect("User"))
        .collect()
}

#[wasm_bindgen_test]
async fn live_list_users_returns_at_least_50_users() {
    let users = live_users(None).await;
    assert!(users.len() >= 50, "{} users", users.len());
    for user in &users {
        assert!(!user.ui_identity_id.is_empty());
        assert!(!user.email.is_empty(), "{}", user.ui_identity_id);
    }
}

#[wasm_bindgen_test]
async fn live_get_user_returns_the_listed_user() {
    let first = live_users(None).await.into_iter().next().expect("one user");
    let params = serde_json::json!({
        "uiIdentityId": first.ui_identity_id,
        "authGrants": true,
        "notifications": true,
        "actions": true,
    });
    let user: User = live_client()
        .get_user(user_id(&params.to_string()), None)
        .await
        .unwrap_or_else(|error| panic!("getUser: {error:?}"))
        .to_rust()
        .expect("User");
    assert_eq!(user.ui_identity_id, first.ui_identity_id);
    assert_eq!(user.email, first.email);
    assert!(user.auth_grants.is_some(), "authGrants");
    assert!(user.notifications.is_some(), "notifications");
    assert!(user.actions.is_some(), "actions");
}

#[wasm_bindgen_test]
async fn live_get_user_traversal_id_rejects_as_http_error() {
    let error = live_client()
        .get_user(
            user_id(r#"{"uiIdentityId": "../../user-admin/ui-identities"}"#),
            None,
        )
        .await
        .expect_err("getUser rejects");
    let error = reaches_js(error);
    assert_eq!(get_str(&error, "kind").as_deref(), Some("http"));
    let status = get(&error, "status").as_f64();
    assert!(
        matches!(status, Some(403.0) | Some(404.0)),
        "status {status:?}"
    );
}

#[wasm_bindgen_test]
async fn live_get_user_unknown_id_rejects_with_404() {
    let error = live_client()
        .get_user(user_id(r#"{"uiIdentityId": "NO-SUCH-USER-0000"}"#), None)
        .await
        .expect_err("getUser rejects");
    let error = reaches_js(error);
    assert_eq!(get_str(&error, "kind").as_deref(), Some("http"));
    assert_eq!(get(&error, "status").as_f64(), Some(404.0));
    assert!(get(&error, "problem").is_object());
}

#[wasm_bindgen_test]
async fn live_list_users_with_auth_grants_has_grant_arrays() {
    let users = live_users(Some(r#"{"authGrants": true}"#)).await;
    assert!(!users.is_empty());
    for user in &users {
        assert!(
            user.auth_grants.is_some(),
            "{} has no authGrants",
            user.ui_identity_id
        );
    }
}

/// The one call fetch received: method, URL and body (parsed JSON, or null).
fn only_call(stub: &FetchStub) -> (String, String, serde_json::Value) {
    let calls = stub.calls();
    assert_eq!(calls.len(), 1, "one fetch call");
    let body = get_str(&calls[0], "body")
        .map(|text| serde_json::from_str(&text).expect("JSON body"))
        .unwrap_or(serde_json::Value::Null);
    (
        get_str(&calls[0], "method").unwrap_or_default(),
        get_str(&calls[0], "url").unwrap_or_default(),
        body,
    )
}

/// The body a call sent, as JSON.
fn sent_json(call: &JsValue) -> serde_json::Value {
    let text = get_str(call, "body").expect("the request has a body");
    serde_json::from_str(&text).expect("the body is JSON")
}

/// Calls `method` on `client` the way JS does and awaits the promise.
async fn call_from_js(
    client: IamClient,
    method: &str,
    params: Option<&str>,
) -> Result<JsValue, JsValue> {
    let client = JsValue::from(client);
    let function: js_sys::Function = get(&client, method).dyn_into().expect("a method");
    let promise = match params {
        Some(params) => function.call1(&client, &js(params))?,
        None => function.call0(&client)?,
    };
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await
}
