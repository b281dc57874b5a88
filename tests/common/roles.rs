//! Browser and Node tests of the `roles` operations.

#[allow(unused_imports)]
use super::*;

use akamai_iam_wasm::{GrantableRole, Role};
use serde_json::{json, Value};

const ROLES_URL: &str = "http://127.0.0.1:8600/identity-management/v3/user-admin/roles";

#[wasm_bindgen_test]
async fn create_role_201_posts_the_role() {
    let stub = FetchStub::answer(
        201,
        "application/json",
        spec_example!("post-response-create-custom-role.json"),
    );
    let role = stub_client()
        .create_role(
            ts(r#"{"body": {"roleName": "Edit Reports",
            "roleDescription": "This role lets users edit or create reports.",
            "grantedRoles": [{"grantedRoleId": 2051}]}}"#),
            None,
        )
        .await
        .expect("createRole resolves");
    let role: Role = role.to_rust().expect("Role");
    assert_eq!(role.role_type, "custom");
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "POST");
    assert_eq!(url, ROLES_URL);
    assert_eq!(
        body,
        json!({"roleName": "Edit Reports",
            "roleDescription": "This role lets users edit or create reports.",
            "grantedRoles": [{"grantedRoleId": 2051}]})
    );
}

#[wasm_bindgen_test]
async fn get_role_200_sends_its_flags() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        spec_example!("get-response-role-details.json"),
    );
    let role = stub_client()
        .get_role(
            ts(r#"{"roleId": 123456, "actions": true, "grantedRoles": true, "users": false}"#),
            None,
        )
        .await
        .expect("getRole resolves");
    let value = JsValue::from(role);
    assert!(Array::is_array(&get(&value, "grantedRoles")));
    assert_eq!(get_str(&value, "type").as_deref(), Some("custom"));
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "GET");
    assert_eq!(
        url,
        format!("{ROLES_URL}/123456?actions=true&grantedRoles=true&users=false")
    );
    assert_eq!(body, Value::Null);
}

#[wasm_bindgen_test]
async fn update_role_200_puts_only_the_given_fields() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        spec_example!("put-response-update-custom-role.json"),
    );
    stub_client()
        .update_role(
            ts(r#"{"roleId": 100645, "body": {"roleName": "Edit Reports"}}"#),
            None,
        )
        .await
        .expect("updateRole resolves");
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "PUT");
    assert_eq!(url, format!("{ROLES_URL}/100645"));
    assert_eq!(body, json!({"roleName": "Edit Reports"}));
}

#[wasm_bindgen_test]
async fn list_roles_and_grantable_roles_resolve_to_arrays() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        spec_example!("get-response-roles.json"),
    );
    let roles = stub_client()
        .list_roles(Some(ts(r#"{"groupId": 12345, "users": true}"#)), None)
        .await
        .expect("listRoles resolves");
    assert_eq!(roles.len(), 2);
    let (_, url, _) = only_call(&stub);
    assert_eq!(url, format!("{ROLES_URL}?groupId=12345&users=true"));
    drop(stub);

    let stub = FetchStub::answer(
        200,
        "application/json",
        spec_example!("get-response-grantable-roles.json"),
    );
    let grantable = stub_client()
        .list_grantable_roles(None, None)
        .await
        .expect("listGrantableRoles resolves");
    let first: GrantableRole = grantable[0].to_rust().expect("GrantableRole");
    assert_eq!(first.granted_role_id, 2051);
    let (_, url, _) = only_call(&stub);
    assert_eq!(url, format!("{ROLES_URL}/grantable-roles"));
}

#[wasm_bindgen_test]
async fn delete_role_204_resolves_to_undefined() {
    let stub = FetchStub::no_content();
    stub_client()
        .delete_role(ts(r#"{"roleId": 100645}"#), None)
        .await
        .expect("deleteRole resolves");
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "DELETE");
    assert_eq!(url, format!("{ROLES_URL}/100645"));
    assert_eq!(body, Value::Null);
}

#[wasm_bindgen_test]
async fn create_role_without_granted_roles_rejects_as_validation_without_fetch() {
    let stub = FetchStub::answer(201, "application/json", "{}");
    for (params, field) in [
        (
            r#"{"body": {"roleName": "r", "roleDescription": "d"}}"#,
            "body.grantedRoles",
        ),
        (
            r#"{"body": {"roleName": "", "roleDescription": "d", "grantedRoles": []}}"#,
            "body.roleName",
        ),
    ] {
        let error = stub_client()
            .create_role(ts(params), None)
            .await
            .expect_err("createRole rejects");
        let error = reaches_js(error);
        assert_eq!(get_str(&error, "kind").as_deref(), Some("validation"));
        assert_eq!(get_str(&error, "field").as_deref(), Some(field), "{params}");
    }
    assert!(stub.calls().is_empty(), "fetch must not be called");
}
