//! Error answers as problem+json: 404 for unknown ids, 400 for invalid bodies and query values
//! (serde's message in `detail`), 409 for conflicts, 403 for what the caller may not do; and a
//! refused write changes nothing.

mod common;

use common::{assert_api_problem, start, Sim, BASE};
use reqwest::Method;
use serde_json::{json, Value};

async fn problem(
    sim: &Sim,
    method: Method,
    path: &str,
    body: Option<Value>,
    status: u16,
) -> String {
    let reply = sim
        .json(method, &format!("{BASE}{path}"), body.as_ref())
        .await;
    assert_api_problem(&reply, status);
    reply.body["detail"].as_str().unwrap().to_owned()
}

async fn raw_problem(sim: &Sim, method: Method, path: &str, body: &str, status: u16) -> String {
    let reply = sim
        .signed(method, &format!("{BASE}{path}"), body.as_bytes())
        .await;
    assert_api_problem(&reply, status);
    reply.body["detail"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn unknown_ids_404_problem_json() {
    let sim = start().await;
    for path in [
        "/user-admin/groups/999999",
        "/user-admin/roles/999999",
        "/user-admin/properties/1?groupId=18001",
        "/user-admin/ip-acl/allowlist/999999",
        "/api-clients/nosuchclient",
        "/api-clients/self/credentials/999999",
        "/api-clients/nosuchclient/credentials",
        "/users/nobody/group-access",
        "/user-admin/common/countries/Atlantis/states",
    ] {
        problem(&sim, Method::GET, path, None, 404).await;
    }
    problem(
        &sim,
        Method::DELETE,
        "/user-admin/ui-identities/F-CO-0000000",
        None,
        404,
    )
    .await;
    problem(
        &sim,
        Method::POST,
        "/user-admin/groups/999999",
        Some(json!({"groupName": "x"})),
        404,
    )
    .await;
}

#[tokio::test]
async fn invalid_bodies_400_with_serde_detail() {
    let sim = start().await;
    let d = problem(
        &sim,
        Method::POST,
        "/user-admin/groups/18001",
        Some(json!({})),
        400,
    )
    .await;
    assert!(d.contains("missing field `groupName`"), "{d}");
    let d = problem(
        &sim,
        Method::POST,
        "/user-admin/groups/18001",
        Some(json!({"groupName": 5})),
        400,
    )
    .await;
    assert!(d.contains("invalid type"), "{d}");
    let d = problem(
        &sim,
        Method::POST,
        "/user-admin/groups/18001",
        Some(json!({"groupName": "a", "color": "red"})),
        400,
    )
    .await;
    assert!(d.contains("unknown field `color`"), "{d}");
    let d = problem(
        &sim,
        Method::PUT,
        "/user-profile/additionalAuthentication",
        Some(json!({"value": "SMS"})),
        400,
    )
    .await;
    assert!(d.contains("unknown variant `SMS`"), "{d}");
    let d = raw_problem(&sim, Method::POST, "/user-admin/roles", "{not json", 400).await;
    assert!(d.starts_with("Invalid request body"), "{d}");
    problem(&sim, Method::POST, "/user-admin/roles", None, 400).await;
    let d = problem(
        &sim,
        Method::PUT,
        "/api-clients/self/credentials/70001",
        Some(json!({"expiresOn": "tomorrow", "status": "ACTIVE"})),
        400,
    )
    .await;
    assert!(d.contains("expiresOn"), "{d}");
    let d = problem(
        &sim,
        Method::POST,
        "/user-admin/ip-acl/allowlist",
        Some(json!({"cidrBlock": "300.1.1.1/8", "enabled": true})),
        400,
    )
    .await;
    assert!(d.contains("300.1.1.1/8"), "{d}");
}

#[tokio::test]
async fn invalid_query_values_400() {
    let sim = start().await;
    for path in [
        "/user-admin/groups?actions=maybe",
        "/user-admin/properties?groupId=abc",
        "/user-admin/properties/9678001?groupId=",
        "/user-admin/properties/9678001",
        "/user-admin/ip-acl/allowlist/validate?cidrblock=10.0.0.0%2F40",
        "/user-admin/ip-acl/allowlist/validate",
        "/user-admin/groups/move/18004/18002/affected-users?userType=everyone",
        "/api-clients/self/account-switch-keys?search=ab",
        "/user-admin/groups/abc",
    ] {
        problem(&sim, Method::GET, path, None, 400).await;
    }
}

#[tokio::test]
async fn conflicts_409_and_refused_writes_change_nothing() {
    let sim = start().await;
    let d = problem(
        &sim,
        Method::POST,
        "/user-admin/groups/18000",
        Some(json!({"groupName": "web properties"})),
        409,
    )
    .await;
    assert!(
        d.contains("Web Properties") || d.contains("web properties"),
        "{d}"
    );
    problem(&sim, Method::DELETE, "/user-admin/groups/18001", None, 409).await;
    problem(&sim, Method::DELETE, "/user-admin/groups/18007", None, 409).await;
    let taken = sim
        .get(&format!("{BASE}/user-admin/ui-identities/F-CO-3917173"))
        .await
        .body["email"]
        .clone();
    let body = json!({"firstName": "Dup", "lastName": "Licate", "email": taken, "country": "USA",
        "additionalAuthentication": "NONE", "authGrants": [{"groupId": 18001, "roleId": 6}]});
    let before = sim
        .get(&format!("{BASE}/user-admin/ui-identities"))
        .await
        .body;
    problem(
        &sim,
        Method::POST,
        "/user-admin/ui-identities",
        Some(body),
        409,
    )
    .await;
    problem(&sim, Method::POST, "/user-admin/roles", Some(json!({"roleName": "viewer", "roleDescription": "d", "grantedRoles": [{"grantedRoleId": 32}]})), 409).await;
    let after = sim
        .get(&format!("{BASE}/user-admin/ui-identities"))
        .await
        .body;
    assert_eq!(before, after, "the refused create left no user behind");
}

#[tokio::test]
async fn forbidden_403_for_standard_roles_and_the_callers_own_user() {
    let sim = start().await;
    let d = problem(
        &sim,
        Method::PUT,
        "/user-admin/roles/3",
        Some(json!({"roleName": "Boss"})),
        403,
    )
    .await;
    assert!(d.contains("standard"), "{d}");
    problem(&sim, Method::DELETE, "/user-admin/roles/4", None, 403).await;
    let me = sim.get(&format!("{BASE}/user-profile")).await.body["uiIdentityId"].clone();
    let me = me.as_str().unwrap();
    problem(
        &sim,
        Method::DELETE,
        &format!("/user-admin/ui-identities/{me}"),
        None,
        403,
    )
    .await;
    assert_eq!(
        sim.get(&format!("{BASE}/user-admin/ui-identities/{me}"))
            .await
            .status,
        200
    );
}
