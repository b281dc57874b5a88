//! Browser and Node tests of the `users` operations.

use super::*;
use akamai_iam_wasm::{
    CreateUserParams, LockUserParams, RemoveUserParams, ResetUserPasswordParams,
    UpdateBlockedPropertiesParams, UpdateUserAuthGrantsParams, UpdateUserInfoParams,
};
use serde_json::{json, Value};

const USER_URL: &str = "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities";

fn new_user() -> Value {
    json!({
        "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "country": "UK",
        "additionalAuthentication": "NONE",
        "authGrants": [{"groupId": 12345, "roleId": null, "subGroups": [{"groupId": 54321, "isBlocked": true}]}]
    })
}

#[wasm_bindgen_test]
async fn create_user_201_posts_the_body_with_send_email() {
    let created = json!({
        "uiIdentityId": "A-B-1", "firstName": "Ada", "lastName": "Lovelace",
        "email": "ada@example.com", "country": "UK", "address": "TBD", "timeZone": "GMT",
        "additionalAuthentication": "NONE", "additionalAuthenticationConfigured": false,
        "newPassword": "One-Time!1"
    });
    let stub = FetchStub::answer(201, "application/json", &created.to_string());
    let params =
        json!({"sendEmail": false, "accountSwitchKey": "1-5C0YLB:1-8BYUX", "body": new_user()});
    let user = stub_client()
        .create_user(ts::<CreateUserParams>(&params.to_string()), None)
        .await
        .expect("createUser resolves");

    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "POST");
    assert_eq!(
        url,
        format!("{USER_URL}?sendEmail=false&accountSwitchKey=1-5C0YLB%3A1-8BYUX")
    );
    assert_eq!(body, new_user());
    let headers = get(&stub.calls()[0], "headers");
    assert_eq!(
        get_str(&headers, "content-type").as_deref(),
        Some("application/json")
    );
    let user = JsValue::from(user);
    assert_eq!(get_str(&user, "uiIdentityId").as_deref(), Some("A-B-1"));
    // A field the result type does not name (the one-time password) reaches JS as it came.
    assert_eq!(get_str(&user, "newPassword").as_deref(), Some("One-Time!1"));
}

#[wasm_bindgen_test]
async fn create_user_bad_email_rejects_as_validation_without_fetch() {
    let stub = FetchStub::answer(201, "application/json", "{}");
    let mut body = new_user();
    body["email"] = json!("ada@example");
    let params = json!({ "body": body });
    let error = stub_client()
        .create_user(ts::<CreateUserParams>(&params.to_string()), None)
        .await
        .expect_err("createUser rejects");
    let error = validation_error(error, "body.email");
    assert_eq!(get_str(&error, "operation").as_deref(), Some("createUser"));
    assert!(stub.calls().is_empty(), "fetch must not be called");
}

#[wasm_bindgen_test]
async fn create_user_body_field_of_wrong_type_missing_or_bad_names_body_field() {
    let stub = FetchStub::answer(201, "application/json", "{}");
    let mut wrong_type = new_user();
    wrong_type["firstName"] = json!(7);
    let mut missing = new_user();
    missing.as_object_mut().map(|body| body.remove("lastName"));
    let mut bad_value = new_user();
    bad_value["email"] = json!("ada at example.com");
    let mut nested = new_user();
    nested["authGrants"][0]["subGroups"][0]["isBlocked"] = json!("yes");
    for (body, field) in [
        (wrong_type, "body.firstName"),
        (missing, "body.lastName"),
        (bad_value, "body.email"),
        (nested, "body.authGrants[0].subGroups[0].isBlocked"),
    ] {
        let params = json!({ "body": body });
        let error = stub_client()
            .create_user(ts::<CreateUserParams>(&params.to_string()), None)
            .await
            .expect_err("createUser rejects");
        let error = validation_error(error, field);
        let message = get_str(&error, "message").unwrap_or_default();
        assert!(
            message.starts_with(&format!("createUser: invalid {field}: ")),
            "{message}"
        );
    }
    assert!(stub.calls().is_empty(), "fetch must not be called");
}

#[wasm_bindgen_test]
async fn update_user_info_puts_basic_info_to_the_encoded_id() {
    let info = json!({
        "uiIdentityId": "A/B", "firstName": "Ada", "lastName": "L", "email": "ada@example.com",
        "country": "UK", "additionalAuthentication": "TFA"
    });
    let stub = FetchStub::answer(200, "application/json", &info.to_string());
    let body = json!({
        "firstName": "Ada", "lastName": "L", "country": "UK", "preferredLanguage": "English",
        "sessionTimeOut": 1800, "timeZone": "GMT", "secondaryEmail": "ada2@example.com"
    });
    let params = json!({"uiIdentityId": "A/B", "body": body});
    let result = stub_client()
        .update_user_info(ts::<UpdateUserInfoParams>(&params.to_string()), None)
        .await
        .expect("updateUserInfo resolves");
    let (method, url, sent) = only_call(&stub);
    assert_eq!(method, "PUT");
    assert_eq!(url, format!("{USER_URL}/A%2FB/basic-info"));
    assert_eq!(sent, body);
    // `additionalAuthenticationConfigured` is optional in this result, unlike in `User`.
    assert!(get(&JsValue::from(result), "additionalAuthenticationConfigured").is_undefined());
}

#[wasm_bindgen_test]
async fn update_user_auth_grants_puts_the_list_and_resolves_to_grants() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        r#"[{"roleId": 100002, "roleName": "Admin for Account Roles"}]"#,
    );
    let params = json!({"uiIdentityId": "A-B-1", "body": [{"roleId": 100002}, {"groupId": 1, "roleId": 16}]});
    let grants = stub_client()
        .update_user_auth_grants(ts::<UpdateUserAuthGrantsParams>(&params.to_string()), None)
        .await
        .expect("updateUserAuthGrants resolves");
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "PUT");
    assert_eq!(url, format!("{USER_URL}/A-B-1/auth-grants"));
    assert_eq!(body, params["body"]);
    assert_eq!(grants.len(), 1);
    assert_eq!(
        get_str(&JsValue::from(grants[0].clone()), "roleName").as_deref(),
        Some("Admin for Account Roles")
    );
}

#[wasm_bindgen_test]
async fn update_blocked_properties_resolves_to_a_number_array() {
    let stub = FetchStub::answer(200, "application/json", "[11111111, 22222222]");
    let params = r#"{"uiIdentityId": "A-B-1", "groupId": 54321, "body": [11111111, 22222222]}"#;
    let ids = stub_client()
        .update_blocked_properties(ts::<UpdateBlockedPropertiesParams>(params), None)
        .await
        .expect("updateBlockedProperties resolves");
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "PUT");
    assert_eq!(
        url,
        format!("{USER_URL}/A-B-1/groups/54321/blocked-properties")
    );
    assert_eq!(body, json!([11111111, 22222222]));
    let ids = JsValue::from(ids);
    assert!(Array::is_array(&ids), "a plain array");
    assert_eq!(
        JSON::stringify(&ids).ok(),
        Some("[11111111,22222222]".into())
    );
}

#[wasm_bindgen_test]
async fn lock_user_204_resolves_to_undefined() {
    let stub = FetchStub::no_content();
    stub_client()
        .lock_user(ts::<LockUserParams>(r#"{"uiIdentityId": "A-B-1"}"#), None)
        .await
        .expect("lockUser resolves");
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "POST");
    assert_eq!(url, format!("{USER_URL}/A-B-1/lock"));
    assert_eq!(body, Value::Null);
}

#[wasm_bindgen_test]
async fn remove_user_404_reaches_js_as_iam_error() {
    let stub = FetchStub::answer(
        404,
        PROBLEM_JSON,
        include_str!("fixtures/get_user_404.json"),
    );
    let error = stub_client()
        .remove_user(
            ts::<RemoveUserParams>(r#"{"uiIdentityId": "B-C-999"}"#),
            None,
        )
        .await
        .expect_err("removeUser rejects");
    assert_http_error(
        &reaches_js(error),
        "removeUser",
        404,
        "User not found",
        "No user with uiIdentityId B-C-999",
    );
    let (method, url, _) = only_call(&stub);
    assert_eq!(method, "DELETE");
    assert_eq!(url, format!("{USER_URL}/B-C-999"));
}

#[wasm_bindgen_test]
async fn reset_user_password_200_is_the_token_and_204_is_undefined() {
    let params = r#"{"uiIdentityId": "A-B-1", "sendEmail": false}"#;
    let stub = FetchStub::answer(200, "application/json", r#"{"newPassword": "One-Time!1"}"#);
    let token = stub_client()
        .reset_user_password(ts::<ResetUserPasswordParams>(params), None)
        .await
        .expect("resetUserPassword resolves")
        .expect("a token on 200");
    assert_eq!(
        get_str(&JsValue::from(token), "newPassword").as_deref(),
        Some("One-Time!1")
    );
    let (method, url, _) = only_call(&stub);
    assert_eq!(method, "POST");
    assert_eq!(
        url,
        format!("{USER_URL}/A-B-1/reset-password?sendEmail=false")
    );
    drop(stub);

    let _stub = FetchStub::no_content();
    let none = stub_client()
        .reset_user_password(
            ts::<ResetUserPasswordParams>(r#"{"uiIdentityId": "A-B-1"}"#),
            None,
        )
        .await
        .expect("resetUserPassword resolves");
    assert!(none.is_none(), "undefined on 204");
}
