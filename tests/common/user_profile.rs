//! Browser and Node tests of the `user_profile` operations.

use super::*;
use akamai_iam_wasm::{
    ChangeMyPasswordParams, GetMyProfileParams, UpdateMyNotificationsParams, UpdateMyProfileParams,
};
use serde_json::{json, Value};

const PROFILE_URL: &str = "http://127.0.0.1:8600/identity-management/v3/user-profile";

fn call(stub: &FetchStub) -> (String, String, Value) {
    let calls = stub.calls();
    assert_eq!(calls.len(), 1, "one fetch call");
    let body = get_str(&calls[0], "body")
        .map(|text| serde_json::from_str(&text).expect("body is JSON"))
        .unwrap_or(Value::Null);
    (
        get_str(&calls[0], "method").unwrap_or_default(),
        get_str(&calls[0], "url").unwrap_or_default(),
        body,
    )
}

#[wasm_bindgen_test]
async fn get_my_profile_without_params_gets_user_profile() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        include_str!("fixtures/get_user_200.json"),
    );
    let me = stub_client()
        .get_my_profile(None, None)
        .await
        .expect("getMyProfile resolves");
    let (method, url, body) = call(&stub);
    assert_eq!(method, "GET");
    assert_eq!(url, PROFILE_URL);
    assert_eq!(body, Value::Null);
    let me: User = me.to_rust().expect("User");
    assert_eq!(me.ui_identity_id, "A-B-123456");
}

#[wasm_bindgen_test]
async fn get_my_profile_with_flags_sends_them_as_query() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        include_str!("fixtures/get_user_200.json"),
    );
    stub_client()
        .get_my_profile(
            Some(ts::<GetMyProfileParams>(
                r#"{"authGrants": true, "notifications": true, "accountSwitchKey": "k"}"#,
            )),
            None,
        )
        .await
        .expect("getMyProfile resolves");
    let (_, url, _) = call(&stub);
    assert_eq!(
        url,
        format!("{PROFILE_URL}?authGrants=true&notifications=true&accountSwitchKey=k")
    );
}

#[wasm_bindgen_test]
async fn update_my_notifications_puts_the_settings() {
    let settings = json!({
        "enableEmailNotifications": true,
        "options": {"passwordExpiry": true, "proactive": ["EdgeScape"], "upgrade": [],
                    "newUserNotification": false, "apiClientCredentialExpiryNotification": true}
    });
    let stub = FetchStub::answer(200, "application/json", &settings.to_string());
    let params = json!({ "body": settings });
    let result = stub_client()
        .update_my_notifications(ts::<UpdateMyNotificationsParams>(&params.to_string()), None)
        .await
        .expect("updateMyNotifications resolves");
    let (method, url, body) = call(&stub);
    assert_eq!(method, "PUT");
    assert_eq!(url, format!("{PROFILE_URL}/notifications"));
    assert_eq!(body, settings);
    let options = get(&JsValue::from(result), "options");
    assert_eq!(
        JSON::stringify(&get(&options, "proactive")).ok(),
        Some(r#"["EdgeScape"]"#.into())
    );
}

#[wasm_bindgen_test]
async fn change_my_password_204_resolves_to_undefined() {
    let stub = FetchStub::no_content();
    stub_client()
        .change_my_password(
            ts::<ChangeMyPasswordParams>(
                r#"{"body": {"currentPassword": "old-Pass1", "newPassword": "new-Pass2"}}"#,
            ),
            None,
        )
        .await
        .expect("changeMyPassword resolves");
    let (method, url, body) = call(&stub);
    assert_eq!(method, "POST");
    assert_eq!(url, format!("{PROFILE_URL}/change-password"));
    assert_eq!(
        body,
        json!({"currentPassword": "old-Pass1", "newPassword": "new-Pass2"})
    );
}

#[wasm_bindgen_test]
async fn reset_my_mfa_without_params_204_resolves_to_undefined() {
    let stub = FetchStub::no_content();
    stub_client()
        .reset_my_mfa(None, None)
        .await
        .expect("resetMyMfa resolves");
    let (method, url, body) = call(&stub);
    assert_eq!(method, "PUT");
    assert_eq!(url, format!("{PROFILE_URL}/additionalAuthentication/reset"));
    assert_eq!(body, Value::Null);
}

#[wasm_bindgen_test]
async fn update_my_profile_bad_email_or_missing_field_rejects_without_fetch() {
    let stub = FetchStub::answer(200, "application/json", "{}");
    let body = json!({
        "firstName": "Ada", "lastName": "L", "country": "UK", "preferredLanguage": "English",
        "sessionTimeOut": 1800, "timeZone": "GMT", "email": "ada at example.com"
    });
    let mut missing = body.clone();
    missing.as_object_mut().map(|b| b.remove("timeZone"));
    for (body, field) in [(body, "body.email"), (missing, "body.timeZone")] {
        let params = json!({ "body": body });
        let error = stub_client()
            .update_my_profile(ts::<UpdateMyProfileParams>(&params.to_string()), None)
            .await
            .expect_err("updateMyProfile rejects");
        let error = validation_error(error, field);
        assert_eq!(
            get_str(&error, "operation").as_deref(),
            Some("updateMyProfile")
        );
    }
    assert!(stub.calls().is_empty(), "fetch must not be called");
}
