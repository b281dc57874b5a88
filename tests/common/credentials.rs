//! Browser and Node tests of the `credentials` operations.

#[allow(unused_imports)]
use super::*;

use akamai_iam_wasm::{Credential, NewCredential};

const API: &str = "http://127.0.0.1:8600/identity-management/v3";

const CREDENTIALS: &str = r#"[{
    "credentialId": 99999, "clientToken": "akab-1", "createdOn": "2019-11-01T23:06:59.000Z",
    "expiresOn": "2020-11-01T23:06:59.000Z", "status": "ACTIVE", "description": "PAPI",
    "maxAllowedExpiry": "2020-11-01T23:06:59.000Z"
}]"#;

#[wasm_bindgen_test]
async fn list_credentials_without_params_lists_yours() {
    let stub = FetchStub::answer(200, "application/json", CREDENTIALS);
    let credentials = stub_client()
        .list_credentials(None, None)
        .await
        .expect("listCredentials resolves");
    let credential: Credential = credentials[0].to_rust().expect("Credential");
    assert_eq!(credential.credential_id, 99999);
    let calls = stub.calls();
    assert_eq!(get_str(&calls[0], "method").as_deref(), Some("GET"));
    assert_eq!(
        get_str(&calls[0], "url"),
        Some(format!("{API}/api-clients/self/credentials"))
    );
}

#[wasm_bindgen_test]
async fn get_credential_by_client_id_sends_both_ids_and_query() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        r#"{"credentialId": 123, "clientToken": "t", "createdOn": "c", "expiresOn": "e",
            "status": "INACTIVE", "description": "", "maxAllowedExpiry": "m"}"#,
    );
    stub_client()
        .get_credential(
            ts(r#"{"clientId": "c?1", "credentialId": 123, "actions": true}"#),
            None,
        )
        .await
        .expect("getCredential resolves");
    assert_eq!(
        get_str(&stub.calls()[0], "url"),
        Some(format!(
            "{API}/api-clients/c%3F1/credentials/123?actions=true"
        ))
    );
}

#[wasm_bindgen_test]
async fn update_credential_sends_put_with_milliseconds_added() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        r#"{"status": "ACTIVE", "expiresOn": "2027-01-01T00:00:00.000Z", "description": "rotated"}"#,
    );
    let updated = stub_client()
        .update_credential(ts(r#"{"clientId": "abc", "credentialId": 42,
            "body": {"expiresOn": "2027-01-01T00:00:00Z", "status": "ACTIVE", "description": "rotated"}}"#), None)
        .await
        .expect("updateCredential resolves");
    assert_eq!(
        get_str(&JsValue::from(updated), "expiresOn").as_deref(),
        Some("2027-01-01T00:00:00.000Z")
    );
    let calls = stub.calls();
    assert_eq!(get_str(&calls[0], "method").as_deref(), Some("PUT"));
    assert_eq!(
        get_str(&calls[0], "url"),
        Some(format!("{API}/api-clients/abc/credentials/42"))
    );
    assert_eq!(
        sent_json(&calls[0]),
        serde_json::json!({
            "expiresOn": "2027-01-01T00:00:00.000Z",
            "status": "ACTIVE",
            "description": "rotated"
        })
    );
}

#[wasm_bindgen_test]
async fn create_credential_201_resolves_with_the_one_time_secret() {
    let stub = FetchStub::answer(
        201,
        "application/json",
        r#"{"credentialId": 14111, "clientToken": "akab-1", "clientSecret": "s3cr3t",
            "createdOn": "2018-11-01T23:06:59.000Z", "expiresOn": "2020-11-01T23:06:59.000Z",
            "status": "ACTIVE", "description": "New credential for John."}"#,
    );
    let created = stub_client()
        .create_credential(Some(ts(r#"{"clientId": "abc"}"#)), None)
        .await
        .expect("createCredential resolves");
    assert_eq!(
        get_str(&JsValue::from(created.clone()), "clientSecret").as_deref(),
        Some("s3cr3t")
    );
    let created: NewCredential = created.to_rust().expect("NewCredential");
    assert_eq!(
        created.client_secret.as_ref().map(|secret| secret.expose()),
        Some("s3cr3t")
    );
    let calls = stub.calls();
    assert_eq!(get_str(&calls[0], "method").as_deref(), Some("POST"));
    assert_eq!(
        get_str(&calls[0], "url"),
        Some(format!("{API}/api-clients/abc/credentials"))
    );
    assert!(get(&calls[0], "body").is_null());
}

#[wasm_bindgen_test]
async fn deactivate_credential_204_resolves_to_undefined_in_js() {
    let stub = FetchStub::no_content();
    let result = call_from_js(
        stub_client(),
        "deactivateCredential",
        Some(r#"{"credentialId": 7}"#),
    )
    .await
    .expect("deactivateCredential resolves");
    assert!(result.is_undefined(), "resolves to undefined");
    let calls = stub.calls();
    assert_eq!(get_str(&calls[0], "method").as_deref(), Some("POST"));
    assert_eq!(
        get_str(&calls[0], "url"),
        Some(format!("{API}/api-clients/self/credentials/7/deactivate"))
    );
    assert!(get(&calls[0], "body").is_null());
}

#[wasm_bindgen_test]
async fn deactivate_credentials_and_delete_credential_204() {
    let stub = FetchStub::no_content();
    let result = call_from_js(stub_client(), "deactivateCredentials", None)
        .await
        .expect("deactivateCredentials resolves");
    assert!(result.is_undefined());
    stub_client()
        .delete_credential(ts(r#"{"clientId": "abc", "credentialId": 8}"#), None)
        .await
        .expect("deleteCredential resolves");
    let calls = stub.calls();
    let sent: Vec<_> = calls
        .iter()
        .map(|call| (get_str(call, "method"), get_str(call, "url")))
        .collect();
    assert_eq!(
        sent,
        [
            (
                Some("POST".to_owned()),
                Some(format!("{API}/api-clients/self/credentials/deactivate"))
            ),
            (
                Some("DELETE".to_owned()),
                Some(format!("{API}/api-clients/abc/credentials/8"))
            ),
        ]
    );
}

#[wasm_bindgen_test]
async fn update_credential_malformed_expiry_rejects_as_validation_without_fetch() {
    let stub = FetchStub::answer(200, "application/json", "{}");
    for expires_on in ["2027-01-01", "2027-01-01T00:00:00+01:00", "tomorrow"] {
        let params = serde_json::json!({
            "credentialId": 42,
            "body": {"expiresOn": expires_on, "status": "ACTIVE"}
        })
        .to_string();
        let error = stub_client()
            .update_credential(ts(&params), None)
            .await
            .expect_err("updateCredential rejects");
        let error = validation_error(error, "body.expiresOn");
        assert_eq!(
            get_str(&error, "operation").as_deref(),
            Some("updateCredential")
        );
    }
    let error = stub_client()
        .get_credential(ts(r#"{"credentialId": "7"}"#), None)
        .await
        .expect_err("getCredential rejects");
    assert_eq!(
        get_str(&reaches_js(error), "kind").as_deref(),
        Some("validation")
    );
    assert!(stub.calls().is_empty(), "fetch must not be called");
}
