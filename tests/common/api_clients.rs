//! Browser and Node tests of the `api_clients` operations.

#[allow(unused_imports)]
use super::*;

use akamai_iam_wasm::ApiClientDetail;

const API: &str = "http://127.0.0.1:8600/identity-management/v3";

/// An `ApiClientDetail` body with one credential carrying its one-time secret.
const API_CLIENT_DETAIL: &str = r#"{
    "clientId": "2cdgugz2tjbtowmy", "clientName": "report_data", "clientDescription": "Reports",
    "clientType": "CLIENT", "accessToken": "akaa-1", "baseURL": "https://akaa-2.example.net",
    "activeCredentialCount": 1, "allowAccountSwitch": false, "canAutoCreateCredential": false,
    "authorizedUsers": ["jsmith"], "notificationEmails": ["jsmith@example.com"],
    "createdBy": "adevi", "createdDate": "2022-05-23T19:56:27.000Z", "isLocked": false,
    "credentials": [{
        "credentialId": 16852304, "clientToken": "akab-3", "clientSecret": "s3cr3t",
        "createdOn": "2022-08-25T17:35:07.000Z", "expiresOn": "2024-08-25T17:35:07.000Z",
        "status": "ACTIVE", "description": "",
        "actions": {"activate": false, "deactivate": true, "delete": false,
                    "editDescription": true, "editExpiration": true}
    }],
    "futureField": 1
}"#;

#[wasm_bindgen_test]
async fn get_api_client_by_id_sends_get_with_query() {
    let stub = FetchStub::answer(200, "application/json", API_CLIENT_DETAIL);
    let client = stub_client()
        .get_api_client(Some(ts(
            r#"{"clientId": "a/b c", "credentials": true, "ipAcl": false, "accountSwitchKey": "1-A:1-B"}"#,
        )), None)
        .await
        .expect("getApiClient resolves");
    let client: ApiClientDetail = client.to_rust().expect("ApiClientDetail");
    assert_eq!(client.base_url, "https://akaa-2.example.net");
    assert_eq!(client.extra.get("futureField"), Some(&serde_json::json!(1)));

    let calls = stub.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(get_str(&calls[0], "method").as_deref(), Some("GET"));
    assert_eq!(
        get_str(&calls[0], "url"),
        Some(format!(
            "{API}/api-clients/a%2Fb%20c?credentials=true&ipAcl=false&accountSwitchKey=1-A%3A1-B"
        ))
    );
    assert!(get(&calls[0], "body").is_null());
}

#[wasm_bindgen_test]
async fn get_api_client_without_params_is_yours() {
    let stub = FetchStub::answer(200, "application/json", API_CLIENT_DETAIL);
    stub_client()
        .get_api_client(None, None)
        .await
        .expect("getApiClient resolves");
    assert_eq!(
        get_str(&stub.calls()[0], "url"),
        Some(format!("{API}/api-clients/self"))
    );
}

#[wasm_bindgen_test]
async fn create_api_client_201_posts_the_body_and_resolves_with_the_secret() {
    let stub = FetchStub::answer(201, "application/json", API_CLIENT_DETAIL);
    let body = serde_json::json!({
        "clientType": "CLIENT",
        "clientName": "report_data",
        "authorizedUsers": ["jsmith"],
        "createCredential": true,
        "apiAccess": {"allAccessibleApis": false, "apis": [{"apiId": 5000, "accessLevel": "READ-ONLY"}]},
        "groupAccess": {"cloneAuthorizedUserGroups": false, "groups": [{"groupId": 32145, "roleId": 1}]},
        "ipAcl": {"enable": true, "cidr": ["192.0.2.0/24"]}
    });
    let params = serde_json::json!({ "body": body }).to_string();
    let client = stub_client()
        .create_api_client(ts(&params), None)
        .await
        .expect("createApiClient resolves");

    let value = JsValue::from(client);
    let credential = Reflect::get_u32(&get(&value, "credentials"), 0).expect("credential");
    assert_eq!(
        get_str(&credential, "clientSecret").as_deref(),
        Some("s3cr3t")
    );
    assert_eq!(
        get_str(&value, "baseURL").as_deref(),
        Some("https://akaa-2.example.net")
    );

    let calls = stub.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(get_str(&calls[0], "method").as_deref(), Some("POST"));
    assert_eq!(
        get_str(&calls[0], "url"),
        Some(format!("{API}/api-clients"))
    );
    assert_eq!(sent_json(&calls[0]), body);
    assert_eq!(
        get_str(&get(&calls[0], "headers"), "content-type").as_deref(),
        Some("application/json")
    );
}

#[wasm_bindgen_test]
async fn list_allowed_cp_codes_posts_its_body() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        r#"[{"name": "Stream Analyzer (36915)", "value": 36915}]"#,
    );
    let body = serde_json::json!({
        "clientType": "USER_CLIENT",
        "groups": [{"groupId": 54321, "roleId": 142838, "subGroups": [{"groupId": 1, "roleId": null}]}]
    });
    let params = serde_json::json!({ "username": "j.smith", "body": body }).to_string();
    let codes = stub_client()
        .list_allowed_cp_codes(ts(&params), None)
        .await
        .expect("listAllowedCpCodes resolves");
    assert_eq!(codes.len(), 1);
    assert_eq!(
        get(&JsValue::from(codes[0].clone()), "value").as_f64(),
        Some(36915.0)
    );
    let calls = stub.calls();
    assert_eq!(get_str(&calls[0], "method").as_deref(), Some("POST"));
    assert_eq!(
        get_str(&calls[0], "url"),
        Some(format!("{API}/users/j.smith/allowed-cpcodes"))
    );
    assert_eq!(sent_json(&calls[0]), body);
}

#[wasm_bindgen_test]
async fn list_allowed_apis_sends_client_type_and_flag() {
    let stub = FetchStub::answer(200, "application/json", "[]");
    stub_client()
        .list_allowed_apis(ts(
            r#"{"username": "jsmith", "clientType": "SERVICE_ACCOUNT", "allowAccountSwitch": true}"#,
        ), None)
        .await
        .expect("listAllowedApis resolves");
    assert_eq!(
        get_str(&stub.calls()[0], "url"),
        Some(format!(
            "{API}/users/jsmith/allowed-apis?clientType=SERVICE_ACCOUNT&allowAccountSwitch=true"
        ))
    );
}

#[wasm_bindgen_test]
async fn delete_api_client_204_resolves_to_undefined_in_js() {
    let stub = FetchStub::no_content();
    let result = call_from_js(
        stub_client(),
        "deleteApiClient",
        Some(r#"{"clientId": "xfz2n5d43mogkdim"}"#),
    )
    .await
    .expect("deleteApiClient resolves");
    assert!(result.is_undefined(), "resolves to undefined");
    let calls = stub.calls();
    assert_eq!(get_str(&calls[0], "method").as_deref(), Some("DELETE"));
    assert_eq!(
        get_str(&calls[0], "url"),
        Some(format!("{API}/api-clients/xfz2n5d43mogkdim"))
    );
}

#[wasm_bindgen_test]
async fn delete_api_client_without_params_deletes_yours() {
    let stub = FetchStub::no_content();
    stub_client()
        .delete_api_client(None, None)
        .await
        .expect("deleteApiClient resolves");
    let calls = stub.calls();
    assert_eq!(get_str(&calls[0], "method").as_deref(), Some("DELETE"));
    assert_eq!(
        get_str(&calls[0], "url"),
        Some(format!("{API}/api-clients/self"))
    );
}

#[wasm_bindgen_test]
async fn lock_api_client_404_reaches_js_as_iam_error() {
    let _stub = FetchStub::answer(
        404,
        PROBLEM_JSON,
        r#"{"type": "/identity-management/error-types/2", "title": "Not Found", "detail": "No client nope", "httpStatus": 404}"#,
    );
    let error = stub_client()
        .lock_api_client(Some(ts(r#"{"clientId": "nope"}"#)), None)
        .await
        .expect_err("lockApiClient rejects");
    let error = reaches_js(error);
    assert_eq!(get_str(&error, "kind").as_deref(), Some("http"));
    assert_eq!(get(&error, "status").as_f64(), Some(404.0));
    assert_eq!(
        get_str(&error, "operation").as_deref(),
        Some("lockApiClient")
    );
}

#[wasm_bindgen_test]
async fn api_client_params_refused_as_validation_without_fetch() {
    let stub = FetchStub::answer(200, "application/json", "{}");
    let error = stub_client()
        .unlock_api_client(ts(r#"{"clientId": ""}"#), None)
        .await
        .expect_err("unlockApiClient rejects");
    let error = validation_error(error, "clientId");
    assert!(get(&error, "status").is_null());

    let error = stub_client()
        .unlock_api_client(ts(r#"{}"#), None)
        .await
        .expect_err("unlockApiClient rejects");
    assert_eq!(
        get_str(&reaches_js(error), "field").as_deref(),
        Some("clientId")
    );

    let bad_email = r#"{"body": {"clientType": "CLIENT", "authorizedUsers": ["jsmith"],
        "apiAccess": {"allAccessibleApis": true}, "groupAccess": {"cloneAuthorizedUserGroups": true},
        "notificationEmails": ["jsmith"]}}"#;
    let error = stub_client()
        .create_api_client(ts(bad_email), None)
        .await
        .expect_err("createApiClient rejects");
    let error = reaches_js(error);
    assert_eq!(get_str(&error, "kind").as_deref(), Some("validation"));
    assert_eq!(
        get_str(&error, "field").as_deref(),
        Some("body.notificationEmails")
    );
    assert!(stub.calls().is_empty(), "fetch must not be called");
}
