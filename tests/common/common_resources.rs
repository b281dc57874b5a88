//! Browser and Node tests of the `common_resources` operations.

use super::*;
use akamai_iam_wasm::{PasswordPolicy, TimeZone};

const TIMEZONES_200: &str = r#"[
    {"description": "Asia/Rangoon GMT+6", "offset": "+6", "posix": "Asia/Rangoon", "timezone": "Asia/Rangoon"},
    {"description": "Etc/GMT+3", "timezone": "Etc/GMT+3", "dst": false}
]"#;

const PASSWORD_POLICY_200: &str = r#"{"caseDif": 0, "maxRepeating": 2, "minDigits": 1,
    "minLength": 8, "minLetters": 1, "minNonAlpha": 0, "minReuse": 4, "pwclass": "aka90",
    "rotateFrequency": 90}"#;

/// The one call fetch received, checked to be a GET without a body.
fn only_get(stub: &FetchStub) -> JsValue {
    let calls = stub.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(get_str(&calls[0], "method").as_deref(), Some("GET"));
    assert!(get(&calls[0], "body").is_null(), "GET sends no body");
    calls[0].clone()
}

#[wasm_bindgen_test]
async fn list_states_sends_get_to_user_admin_by_default() {
    let stub = FetchStub::answer(200, "application/json", r#"["AB", "BC", "TBD"]"#);
    let states = stub_client()
        .list_states(
            ts(r#"{"country": "Canada", "accountSwitchKey": "1-5C0YLB:1-8BYUX"}"#),
            None,
        )
        .await
        .expect("listStates resolves");
    assert_eq!(states, ["AB", "BC", "TBD"]);
    assert_eq!(
        get_str(&only_get(&stub), "url").as_deref(),
        Some(
            "http://127.0.0.1:8600/identity-management/v3/user-admin/common/countries/Canada/states\
             ?accountSwitchKey=1-5C0YLB%3A1-8BYUX"
        )
    );
}

#[wasm_bindgen_test]
async fn list_time_zones_user_scope_sends_get_to_user_profile_and_keeps_unknown_fields() {
    let stub = FetchStub::answer(200, "application/json", TIMEZONES_200);
    let zones = stub_client()
        .list_time_zones(Some(ts(r#"{"scope": "user"}"#)), None)
        .await
        .expect("listTimeZones resolves");
    assert_eq!(
        get_str(&only_get(&stub), "url").as_deref(),
        Some("http://127.0.0.1:8600/identity-management/v3/user-profile/common/timezones")
    );
    assert_eq!(zones.len(), 2);
    let second = JsValue::from(zones[1].clone());
    assert_eq!(get(&second, "dst").as_bool(), Some(false));
    assert!(get(&second, "offset").is_undefined());
    let first: TimeZone = zones[0].to_rust().expect("TimeZone");
    assert_eq!(first.offset.as_deref(), Some("+6"));
}

#[wasm_bindgen_test]
async fn get_password_policy_without_params_resolves_to_the_policy() {
    let stub = FetchStub::answer(200, "application/json", PASSWORD_POLICY_200);
    let policy = stub_client()
        .get_password_policy(None, None)
        .await
        .expect("getPasswordPolicy resolves");
    assert_eq!(
        get_str(&only_get(&stub), "url").as_deref(),
        Some("http://127.0.0.1:8600/identity-management/v3/user-admin/common/password-policy")
    );
    let value = JsValue::from(policy.clone());
    assert_eq!(get(&value, "minLength").as_f64(), Some(8.0));
    let policy: PasswordPolicy = policy.to_rust().expect("PasswordPolicy");
    assert_eq!(policy.pwclass, "aka90");
    assert_eq!(policy.rotate_frequency, Some(90));
}

#[wasm_bindgen_test]
async fn list_contact_types_403_reaches_js_as_iam_error() {
    let _stub = FetchStub::answer(
        403,
        PROBLEM_JSON,
        r#"{"type": "/identity-management/error-types/2", "title": "Forbidden", "detail": "No access", "httpStatus": 403}"#,
    );
    let error = stub_client()
        .list_contact_types(Some(ts(r#"{"scope": "admin"}"#)), None)
        .await
        .expect_err("listContactTypes rejects");
    assert_http_error(
        &reaches_js(error),
        "listContactTypes",
        403,
        "Forbidden",
        "No access",
    );
}

#[wasm_bindgen_test]
async fn common_bad_scope_or_missing_country_rejects_as_validation_without_fetch() {
    let stub = FetchStub::answer(200, "application/json", "[]");
    let client = stub_client();
    let errors = [
        (
            client
                .list_countries(Some(ts(r#"{"scope": "profile"}"#)), None)
                .await
                .expect_err("listCountries rejects"),
            "listCountries",
            None,
        ),
        (
            client
                .list_states(ts(r#"{"scope": "user"}"#), None)
                .await
                .expect_err("listStates rejects"),
            "listStates",
            Some("country"),
        ),
        (
            client
                .list_states(ts(r#"{"country": ""}"#), None)
                .await
                .expect_err("listStates rejects"),
            "listStates",
            Some("country"),
        ),
    ];
    for (error, operation, field) in errors {
        let error = reaches_js(error);
        assert_eq!(get_str(&error, "kind").as_deref(), Some("validation"));
        assert_eq!(get_str(&error, "operation").as_deref(), Some(operation));
        if let Some(field) = field {
            assert_eq!(get_str(&error, "field").as_deref(), Some(field));
        }
    }
    assert!(stub.calls().is_empty(), "fetch must not be called");
}
