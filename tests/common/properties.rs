//! Browser and Node tests of the `properties` operations.

#[allow(unused_imports)]
use super::*;

use akamai_iam_wasm::{PropertyResource, PropertyUser};
use serde_json::{json, Value};

const PROPERTIES_URL: &str = "http://127.0.0.1:8600/identity-management/v3/user-admin/properties";

#[wasm_bindgen_test]
async fn get_property_200_sends_the_required_group_id() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        spec_example!("get-response-property-details.json"),
    );
    let property = stub_client()
        .get_property(ts(r#"{"assetId": 9678999, "groupId": 12345}"#), None)
        .await
        .expect("getProperty resolves");
    let value = JsValue::from(property);
    assert_eq!(
        get_str(&value, "arlConfigFile").as_deref(),
        Some("0rb-internet-company-01.com.xml")
    );
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "GET");
    assert_eq!(url, format!("{PROPERTIES_URL}/9678999?groupId=12345"));
    assert_eq!(body, Value::Null);
}

#[wasm_bindgen_test]
async fn get_property_resources_200_lists_typed_resources() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        spec_example!("get-response-property-resources.json"),
    );
    let resources = stub_client()
        .get_property_resources(
            ts(r#"{"assetId": 9678999, "groupId": 12345, "accountSwitchKey": "k"}"#),
            None,
        )
        .await
        .expect("getPropertyResources resolves");
    let resources: Vec<PropertyResource> = resources
        .iter()
        .map(|resource| resource.to_rust().expect("PropertyResource"))
        .collect();
    assert_eq!(resources[1].resource_type, "cpcode");
    let (_, url, _) = only_call(&stub);
    assert_eq!(
        url,
        format!("{PROPERTIES_URL}/9678999/resources?groupId=12345&accountSwitchKey=k")
    );
}

#[wasm_bindgen_test]
async fn block_users_200_puts_the_user_list() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        spec_example!("put-response-block-uiidentities.json"),
    );
    let users = stub_client()
        .block_users(ts(
            r#"{"assetId": 9678999, "body": [{"uiIdentityId": "B-3-146FAB9"}, {"uiIdentityId": "B-C-IP9IND"}]}"#,
        ), None)
        .await
        .expect("blockUsers resolves");
    let first: PropertyUser = users[0].to_rust().expect("PropertyUser");
    assert!(first.is_blocked);
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "PUT");
    assert_eq!(url, format!("{PROPERTIES_URL}/9678999/users/block"));
    assert_eq!(
        body,
        json!([{"uiIdentityId": "B-3-146FAB9"}, {"uiIdentityId": "B-C-IP9IND"}])
    );
}

#[wasm_bindgen_test]
async fn list_properties_and_users_for_property_send_their_filters() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        spec_example!("get-response-properties.json"),
    );
    let properties = stub_client()
        .list_properties(Some(ts(r#"{"groupId": 12345}"#)), None)
        .await
        .expect("listProperties resolves");
    assert_eq!(properties.len(), 2);
    let (_, url, _) = only_call(&stub);
    assert_eq!(url, format!("{PROPERTIES_URL}?groupId=12345"));
    drop(stub);

    let stub = FetchStub::answer(
        200,
        "application/json",
        // The spec's example of this operation (`get-response-property-users.json` is an orphan
        // of an older schema the spec no longer references).
        spec_example!("put-response-block-uiidentities.json"),
    );
    stub_client()
        .list_users_for_property(
            ts(r#"{"assetId": 9678999, "userType": "gainAccess"}"#),
            None,
        )
        .await
        .expect("listUsersForProperty resolves");
    let (_, url, _) = only_call(&stub);
    assert_eq!(
        url,
        format!("{PROPERTIES_URL}/9678999/users?userType=gainAccess")
    );
}

#[wasm_bindgen_test]
async fn move_property_204_resolves_to_undefined() {
    let stub = FetchStub::no_content();
    stub_client()
        .move_property(ts(
            r#"{"assetId": 9678999, "body": {"sourceGroupId": 11111, "destinationGroupId": 22222}}"#,
        ), None)
        .await
        .expect("moveProperty resolves");
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "PUT");
    assert_eq!(url, format!("{PROPERTIES_URL}/9678999"));
    assert_eq!(
        body,
        json!({"sourceGroupId": 11111, "destinationGroupId": 22222})
    );
}

#[wasm_bindgen_test]
async fn get_property_without_group_id_rejects_as_validation_without_fetch() {
    let stub = FetchStub::answer(200, "application/json", "{}");
    let error = stub_client()
        .get_property(ts(r#"{"assetId": 9678999}"#), None)
        .await
        .expect_err("getProperty rejects");
    let error = validation_error(error, "groupId");
    assert_eq!(get_str(&error, "operation").as_deref(), Some("getProperty"));

    let error = stub_client()
        .block_users(
            ts(r#"{"assetId": 1, "body": [{"uiIdentityId": ""}]}"#),
            None,
        )
        .await
        .expect_err("blockUsers rejects");
    assert_eq!(
        get_str(&reaches_js(error), "field").as_deref(),
        Some("body[0].uiIdentityId")
    );
    assert!(stub.calls().is_empty(), "fetch must not be called");
}
