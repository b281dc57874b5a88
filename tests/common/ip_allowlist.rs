//! Browser and Node tests of the `ip_allowlist` operations.

use super::*;
use akamai_iam_wasm::CidrBlock;

const CIDR_BLOCK_201: &str = r#"{"cidrBlockId": 2567, "enabled": true, "comments": "APAC Region",
    "cidrBlock": "128.5.6.6/24", "createdDate": "2017-07-27T18:11:25.000Z", "createdBy": "alfulani",
    "modifiedDate": "2017-07-27T18:11:25.000Z", "modifiedBy": "alfulani",
    "actions": {"delete": true, "edit": false}}"#;

const ALLOWLIST_URL: &str =
    "http://127.0.0.1:8600/identity-management/v3/user-admin/ip-acl/allowlist";

#[wasm_bindgen_test]
async fn create_cidr_block_201_posts_the_body() {
    let stub = FetchStub::answer(201, "application/json", CIDR_BLOCK_201);
    let block = stub_client()
        .create_cidr_block(ts(
            r#"{"body": {"cidrBlock": "128.5.6.6/24", "enabled": true, "comments": "APAC Region"}}"#,
        ), None)
        .await
        .expect("createCidrBlock resolves");
    let block: CidrBlock = block.to_rust().expect("CidrBlock");
    assert_eq!(block.cidr_block_id, 2567);
    assert_eq!(block.actions.map(|actions| actions.edit), Some(false));
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "POST");
    assert_eq!(url, ALLOWLIST_URL);
    assert_eq!(
        body,
        serde_json::json!({"cidrBlock": "128.5.6.6/24", "enabled": true, "comments": "APAC Region"})
    );
    let headers = get(&stub.calls()[0], "headers");
    assert_eq!(
        get_str(&headers, "content-type").as_deref(),
        Some("application/json")
    );
}

#[wasm_bindgen_test]
async fn update_cidr_block_puts_the_body_to_the_id() {
    let stub = FetchStub::answer(200, "application/json", CIDR_BLOCK_201);
    stub_client()
        .update_cidr_block(ts(
            r#"{"cidrBlockId": 2567, "body": {"cidrBlock": "2001:db8::/32", "enabled": false}, "accountSwitchKey": "k"}"#,
        ), None)
        .await
        .expect("updateCidrBlock resolves");
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "PUT");
    assert_eq!(url, format!("{ALLOWLIST_URL}/2567?accountSwitchKey=k"));
    assert_eq!(
        body,
        serde_json::json!({"cidrBlock": "2001:db8::/32", "enabled": false})
    );
}

#[wasm_bindgen_test]
async fn list_cidr_blocks_with_actions_sends_get_with_query() {
    let stub = FetchStub::answer(200, "application/json", &format!("[{CIDR_BLOCK_201}]"));
    let blocks = stub_client()
        .list_cidr_blocks(Some(ts(r#"{"actions": true}"#)), None)
        .await
        .expect("listCidrBlocks resolves");
    assert_eq!(blocks.len(), 1);
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "GET");
    assert_eq!(url, format!("{ALLOWLIST_URL}?actions=true"));
    assert_eq!(body, serde_json::Value::Null);
}

#[wasm_bindgen_test]
async fn validate_cidr_block_204_resolves_with_the_slash_encoded() {
    let stub = FetchStub::no_content();
    let result = stub_client()
        .validate_cidr_block(ts(r#"{"cidrblock": "192.0.2.0/24"}"#), None)
        .await;
    assert!(result.is_ok(), "validateCidrBlock resolves to undefined");
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "GET");
    assert_eq!(
        url,
        format!("{ALLOWLIST_URL}/validate?cidrblock=192.0.2.0%2F24")
    );
    assert_eq!(body, serde_json::Value::Null);
}

#[wasm_bindgen_test]
async fn enable_disable_and_delete_204_resolve_without_a_body() {
    let client = stub_client();
    let cases = [
        ("POST", format!("{ALLOWLIST_URL}/enable")),
        ("POST", format!("{ALLOWLIST_URL}/disable")),
        ("DELETE", format!("{ALLOWLIST_URL}/921")),
    ];
    for (index, (expected_method, expected_url)) in cases.into_iter().enumerate() {
        let stub = FetchStub::no_content();
        let result = match index {
            0 => client.enable_ip_allowlist(None, None).await,
            1 => client.disable_ip_allowlist(Some(ts("{}")), None).await,
            _ => {
                client
                    .delete_cidr_block(ts(r#"{"cidrBlockId": 921}"#), None)
                    .await
            }
        };
        assert!(result.is_ok(), "{expected_method} {expected_url} resolves");
        let (method, url, body) = only_call(&stub);
        assert_eq!((method.as_str(), url), (expected_method, expected_url));
        assert_eq!(body, serde_json::Value::Null);
    }
}

#[wasm_bindgen_test]
async fn get_ip_allowlist_status_200_resolves_to_the_status() {
    let stub = FetchStub::answer(200, "application/json", r#"{"enabled": false}"#);
    let status = stub_client()
        .get_ip_allowlist_status(None, None)
        .await
        .expect("getIpAllowlistStatus resolves");
    assert_eq!(
        get(&JsValue::from(status), "enabled").as_bool(),
        Some(false)
    );
    let (_, url, _) = only_call(&stub);
    assert_eq!(url, format!("{ALLOWLIST_URL}/status"));
}

#[wasm_bindgen_test]
async fn validate_cidr_block_400_reaches_js_as_iam_error() {
    let _stub = FetchStub::answer(
        400,
        PROBLEM_JSON,
        r#"{"title": "Invalid CIDR block", "detail": "10.0.0.0/8 is not allowed", "httpStatus": 400}"#,
    );
    let error = stub_client()
        .validate_cidr_block(ts(r#"{"cidrblock": "10.0.0.0/8"}"#), None)
        .await
        .expect_err("validateCidrBlock rejects");
    assert_http_error(
        &reaches_js(error),
        "validateCidrBlock",
        400,
        "Invalid CIDR block",
        "10.0.0.0/8 is not allowed",
    );
}

#[wasm_bindgen_test]
async fn malformed_cidr_blocks_reject_as_validation_without_fetch() {
    let stub = FetchStub::no_content();
    let client = stub_client();
    let errors = [
        (
            client
                .validate_cidr_block(ts(r#"{"cidrblock": "192.0.2.0/33"}"#), None)
                .await
                .expect_err("validateCidrBlock rejects"),
            "validateCidrBlock",
            "cidrblock",
        ),
        (
            client
                .create_cidr_block(
                    ts(r#"{"body": {"cidrBlock": "office", "enabled": true}}"#),
                    None,
                )
                .await
                .expect_err("createCidrBlock rejects"),
            "createCidrBlock",
            "body.cidrBlock",
        ),
        (
            client
                .update_cidr_block(
                    ts(r#"{"cidrBlockId": 1, "body": {"cidrBlock": "1.2.3/8", "enabled": true}}"#),
                    None,
                )
                .await
                .expect_err("updateCidrBlock rejects"),
            "updateCidrBlock",
            "body.cidrBlock",
        ),
        (
            client
                .delete_cidr_block(ts(r#"{}"#), None)
                .await
                .expect_err("deleteCidrBlock rejects"),
            "deleteCidrBlock",
            "cidrBlockId",
        ),
    ];
    for (error, operation, field) in errors {
        let error = reaches_js(error);
        assert_eq!(get_str(&error, "kind").as_deref(), Some("validation"));
        assert_eq!(get_str(&error, "operation").as_deref(), Some(operation));
        assert_eq!(get_str(&error, "field").as_deref(), Some(field));
    }
    assert!(stub.calls().is_empty(), "fetch must not be called");
}
