//! Users section: List users and Get a user against the spec's schemas, plus the API's error
//! responses (400, 404, 405) as problem+json.

mod common;

use common::{assert_api_problem, assert_conforms, response_schema, spec, start, violations, BASE};
use reqwest::Method;
use serde_json::{json, Value};

const LIST: &str = "/user-admin/ui-identities";
const ONE: &str = "/user-admin/ui-identities/{uiIdentityId}";

fn items(body: &Value) -> &Vec<Value> {
    body.as_array().expect("a JSON array")
}

#[tokio::test]
async fn list_users_200_at_least_50_conforming_items() {
    let sim = start().await;
    let reply = sim.get(&format!("{BASE}{LIST}")).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type(), "application/json");
    assert!(
        items(&reply.body).len() >= 50,
        "{} users",
        items(&reply.body).len()
    );
    assert_conforms(&response_schema(&spec(), LIST, "get"), &reply.body);
    let first = &items(&reply.body)[0];
    assert!(first.get("authGrants").is_none() && first.get("actions").is_none());
}

#[tokio::test]
async fn list_users_auth_grants_and_actions_true_add_them_and_conform() {
    let sim = start().await;
    let reply = sim
        .get(&format!(
            "{BASE}{LIST}?authGrants=true&actions=true&accountSwitchKey=1-5C0YLB%3A1-8BYUX"
        ))
        .await;
    assert_eq!(reply.status, 200);
    for user in items(&reply.body) {
        let grants = user["authGrants"].as_array().expect("authGrants");
        assert!(!grants.is_empty());
        assert!(user["actions"]["edit"].is_boolean());
    }
    assert_conforms(&response_schema(&spec(), LIST, "get"), &reply.body);
}

#[tokio::test]
async fn list_users_group_id_filters_to_users_granted_on_that_group() {
    let sim = start().await;
    let all = sim.get(&format!("{BASE}{LIST}")).await;
    let reply = sim
        .get(&format!("{BASE}{LIST}?groupId=18001&authGrants=true"))
        .await;
    assert_eq!(reply.status, 200);
    let users = items(&reply.body);
    assert!(!users.is_empty() && users.len() < items(&all.body).len());
    for user in users {
        let grants = user["authGrants"].as_array().unwrap();
        assert!(grants.iter().any(|g| g["groupId"] == 18001), "{user}");
    }
    let none = sim.get(&format!("{BASE}{LIST}?groupId=999999")).await;
    assert_eq!(none.body, json!([]));
}

#[tokio::test]
async fn get_user_200_conforms_with_and_without_optional_parts() {
    let sim = start().await;
    let list = sim.get(&format!("{BASE}{LIST}")).await;
    let schema = response_schema(&spec(), ONE, "get");
    for user in items(&list.body).iter().take(12) {
        let id = user["uiIdentityId"].as_str().unwrap();
        let plain = sim.get(&format!("{BASE}{LIST}/{id}")).await;
        assert_eq!(plain.status, 200);
        assert_eq!(plain.body["uiIdentityId"], id);
        assert!(plain.body.get("notifications").is_none());
        assert_conforms(&schema, &plain.body);
        let full = sim
            .get(&format!(
                "{BASE}{LIST}/{id}?authGrants=true&notifications=true&actions=true"
            ))
            .await;
        assert_eq!(full.status, 200);
        assert!(full.body["notifications"]["options"]["proactive"].is_array());
        assert!(full.body["authGrants"].is_array() && full.body["actions"].is_object());
        assert_conforms(&schema, &full.body);
    }
}

#[tokio::test]
async fn get_user_unknown_id_404_problem_json() {
    let sim = start().await;
    let path = format!("{BASE}{LIST}/F-CO-0000000");
    let reply = sim.get(&path).await;
    assert_api_problem(&reply, 404);
    assert_eq!(reply.body["instance"], path);
    assert!(reply.body["detail"]
        .as_str()
        .unwrap()
        .contains("F-CO-0000000"));
}

#[tokio::test]
async fn get_user_encoded_slash_dots_and_question_mark_stay_one_segment_404() {
    let sim = start().await;
    let path = format!("{BASE}{LIST}/a%2F..%2Fb%3Fc");
    let reply = sim.get(&path).await;
    assert_api_problem(&reply, 404);
    assert!(
        reply.body["detail"].as_str().unwrap().contains("a/../b?c"),
        "{}",
        reply.body
    );
    assert_eq!(reply.body["instance"], path);
}

#[tokio::test]
async fn list_users_auth_grants_maybe_400_problem_json() {
    let sim = start().await;
    let reply = sim.get(&format!("{BASE}{LIST}?authGrants=maybe")).await;
    assert_api_problem(&reply, 400);
    assert!(reply.body["detail"]
        .as_str()
        .unwrap()
        .contains("authGrants"));
}

#[tokio::test]
async fn list_users_group_id_abc_400_problem_json() {
    let sim = start().await;
    let reply = sim.get(&format!("{BASE}{LIST}?groupId=abc")).await;
    assert_api_problem(&reply, 400);
    assert!(reply.body["detail"].as_str().unwrap().contains("groupId"));
}

#[tokio::test]
async fn get_user_notifications_yes_400_problem_json() {
    let sim = start().await;
    let reply = sim
        .get(&format!("{BASE}{LIST}/F-CO-3917000?notifications=yes"))
        .await;
    assert_api_problem(&reply, 400);
}

#[tokio::test]
async fn unknown_path_under_base_404_problem_json() {
    let sim = start().await;
    let path = format!("{BASE}/user-admin/no-such-thing");
    let reply = sim.get(&path).await;
    assert_api_problem(&reply, 404);
    assert_eq!(reply.body["instance"], path);
}

#[tokio::test]
async fn wrong_method_on_known_path_405_problem_json_with_allow() {
    let sim = start().await;
    let reply = sim
        .signed(Method::DELETE, &format!("{BASE}{LIST}"), b"")
        .await;
    assert_api_problem(&reply, 405);
    let allow = reply
        .headers
        .get("allow")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(allow.contains("GET"), "Allow: {allow}");
}

#[test]
fn schema_checker_reports_type_required_enum_and_extra_fields() {
    let schema = response_schema(&spec(), LIST, "get");
    let bad = json!([{
        "uiIdentityId": 7, "firstName": "A", "lastName": "B", "uiUserName": "ab",
        "email": "a@example.com", "additionalAuthentication": "SMS",
        "additionalAuthenticationConfigured": false, "isLocked": false, "tfaEnabled": false,
        "tfaConfigured": false, "lastLoginDate": "yesterday", "shoeSize": 42
    }]);
    let found = violations(&schema, &bad).join("\n");
    for expected in [
        "uiIdentityId: expected string",
        "missing required `accountId`",
        "SMS",
        "shoeSize",
        "yesterday",
    ] {
        assert!(found.contains(expected), "{expected} not in:\n{found}");
    }
}
