//! Browser and Node tests of the `groups` operations.

#[allow(unused_imports)]
use super::*;

use akamai_iam_wasm::Group;
use serde_json::{json, Value};

const GROUPS_URL: &str = "http://127.0.0.1:8600/identity-management/v3/user-admin/groups";

#[wasm_bindgen_test]
async fn create_group_201_posts_the_name_to_the_parent_group() {
    let stub = FetchStub::answer(
        201,
        "application/json",
        spec_example!("post-response-group.json"),
    );
    let group = stub_client()
        .create_group(
            ts(r#"{"groupId": 19807, "body": {"groupName": "Digital Company"}}"#),
            None,
        )
        .await
        .expect("createGroup resolves");
    let group: Group = group.to_rust().expect("Group");
    assert_eq!(group.group_id, 32145);
    assert_eq!(group.parent_group_id, Some(19807));
    assert!(group.sub_groups.is_empty());

    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "POST");
    assert_eq!(url, format!("{GROUPS_URL}/19807"));
    assert_eq!(body, json!({"groupName": "Digital Company"}));
}

#[wasm_bindgen_test]
async fn get_group_200_nests_subgroups_as_plain_arrays() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        spec_example!("get-response-group-details.json"),
    );
    let group = stub_client()
        .get_group(
            ts(r#"{"groupId": 12345, "actions": true, "accountSwitchKey": "1-5C0YLB:1-8BYUX"}"#),
            None,
        )
        .await
        .expect("getGroup resolves");
    let value = JsValue::from(group);
    let child = get(&get(&value, "subGroups"), "0");
    let grandchild = get(&get(&child, "subGroups"), "0");
    assert!(Array::is_array(&get(&grandchild, "subGroups")));
    assert_eq!(
        get_str(&grandchild, "groupName").as_deref(),
        Some("Digital Company")
    );
    assert_eq!(get(&get(&value, "actions"), "edit").as_bool(), Some(true));

    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "GET");
    assert_eq!(
        url,
        format!("{GROUPS_URL}/12345?actions=true&accountSwitchKey=1-5C0YLB%3A1-8BYUX")
    );
    assert_eq!(body, Value::Null);
}

#[wasm_bindgen_test]
async fn update_group_name_200_puts_the_new_name() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        spec_example!("put-response-group.json"),
    );
    stub_client()
        .update_group_name(
            ts(r#"{"groupId": 54321, "body": {"groupName": "Internet Company"}}"#),
            None,
        )
        .await
        .expect("updateGroupName resolves");
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "PUT");
    assert_eq!(url, format!("{GROUPS_URL}/54321"));
    assert_eq!(body, json!({"groupName": "Internet Company"}));
}

#[wasm_bindgen_test]
async fn move_group_204_resolves_to_undefined() {
    let stub = FetchStub::no_content();
    let moved: Result<(), _> = stub_client()
        .move_group(
            ts(r#"{"body": {"sourceGroupId": 12345, "destinationGroupId": 54321}}"#),
            None,
        )
        .await;
    assert!(moved.is_ok(), "moveGroup resolves: {moved:?}");
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "POST");
    assert_eq!(url, format!("{GROUPS_URL}/move"));
    assert_eq!(
        body,
        json!({"sourceGroupId": 12345, "destinationGroupId": 54321})
    );
}

#[wasm_bindgen_test]
async fn remove_group_204_resolves_to_undefined() {
    let stub = FetchStub::no_content();
    stub_client()
        .remove_group(ts(r#"{"groupId": 54321}"#), None)
        .await
        .expect("removeGroup resolves");
    let (method, url, body) = only_call(&stub);
    assert_eq!(method, "DELETE");
    assert_eq!(url, format!("{GROUPS_URL}/54321"));
    assert_eq!(body, Value::Null);
}

#[wasm_bindgen_test]
async fn list_affected_users_200_sends_both_groups_and_user_type() {
    let stub = FetchStub::answer(
        200,
        "application/json",
        spec_example!("get-response-affected-users.json"),
    );
    let users = stub_client()
        .list_affected_users(ts(
            r#"{"sourceGroupId": 32145, "destinationGroupId": 54321, "userType": "lostAccess"}"#,
        ), None)
        .await
        .expect("listAffectedUsers resolves");
    assert_eq!(users.len(), 2);
    let (_, url, _) = only_call(&stub);
    assert_eq!(
        url,
        format!("{GROUPS_URL}/move/32145/54321/affected-users?userType=lostAccess")
    );
}

#[wasm_bindgen_test]
async fn create_group_blank_name_or_bad_params_reject_as_validation_without_fetch() {
    let stub = FetchStub::answer(201, "application/json", "{}");
    for (params, field) in [
        (
            r#"{"groupId": 1, "body": {"groupName": ""}}"#,
            Some("body.groupName"),
        ),
        (r#"{"body": {"groupName": "x"}}"#, Some("groupId")),
        (
            r#"{"groupId": 1, "body": {"groupName": "x"}, "parentId": 2}"#,
            Some("parentId"),
        ),
        (r#"{"groupId": "1", "body": {"groupName": "x"}}"#, None),
    ] {
        let error = stub_client()
            .create_group(ts(params), None)
            .await
            .expect_err("createGroup rejects");
        let error = reaches_js(error);
        assert_eq!(
            get_str(&error, "kind").as_deref(),
            Some("validation"),
            "{params}"
        );
        assert_eq!(get_str(&error, "operation").as_deref(), Some("createGroup"));
        if let Some(field) = field {
            assert_eq!(get_str(&error, "field").as_deref(), Some(field), "{params}");
        }
    }
    assert!(stub.calls().is_empty(), "fetch must not be called");
}

#[wasm_bindgen_test]
async fn remove_group_409_reaches_js_as_iam_error() {
    let _stub = FetchStub::answer(
        409,
        PROBLEM_JSON,
        r#"{"type": "/identity-management/error-types/2", "title": "Conflict",
            "detail": "Group has subgroups", "httpStatus": 409}"#,
    );
    let error = stub_client()
        .remove_group(ts(r#"{"groupId": 54321}"#), None)
        .await
        .expect_err("removeGroup rejects");
    assert_http_error(
        &reaches_js(error),
        "removeGroup",
        409,
        "Conflict",
        "Group has subgroups",
    );
}
