//! What Create a user and Update a user's auth grants enforce, as the real API does: at least
//! one group role (the spec's createUser: "The user needs to have at least one group role
//! assigned"), roles grantable in their group, one account per email, `authGrants` or
//! `cloneFrom`; and how a subgroup's own grant shows inside its parent's tree.

mod common;

use common::{assert_api_problem, dev_credentials, start, start_with, Sim, BASE};
use reqwest::Method;
use serde_json::{json, Value};

const USERS: &str = "/user-admin/ui-identities";

fn new_user(email: &str, grants: Value) -> Value {
    json!({"firstName": "Ada", "lastName": "Grant", "email": email, "country": "USA",
           "additionalAuthentication": "NONE", "authGrants": grants})
}

async fn create(sim: &Sim, body: &Value) -> common::Reply {
    sim.json(Method::POST, &format!("{BASE}{USERS}"), Some(body))
        .await
}

fn detail(reply: &common::Reply) -> String {
    reply.body["detail"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn create_user_without_group_role_400_says_what_the_spec_says() {
    let sim = start().await;
    let reply = create(&sim, &new_user("nogrant@example.com", json!([]))).await;
    assert_api_problem(&reply, 400);
    assert!(
        detail(&reply).contains("at least one group role"),
        "{}",
        reply.body
    );
    let account_only = create(&sim, &new_user("acct@example.com", json!([{"roleId": 3}]))).await;
    assert_api_problem(&account_only, 400);
}

#[tokio::test]
async fn create_user_duplicate_email_409_any_case() {
    let sim = start().await;
    let body = new_user("dup@example.com", json!([{"groupId": 18001, "roleId": 6}]));
    assert_eq!(create(&sim, &body).await.status, 201);
    let again = create(
        &sim,
        &new_user("DUP@example.com", json!([{"groupId": 18002, "roleId": 6}])),
    )
    .await;
    assert_api_problem(&again, 409);
    assert!(detail(&again).contains("DUP@example.com"), "{}", again.body);
}

/// A seed where the custom role 100001 may only be granted under group 18002.
async fn restricted() -> Sim {
    let mut config = iam_sim::Config::new(dev_credentials());
    let role = config
        .seed
        .roles
        .iter_mut()
        .find(|r| r.role_id == 100_001)
        .unwrap();
    role.grantable_in = Some(vec![18_002]);
    for u in &mut config.seed.users {
        u.auth_grants
            .retain(|g| g.role_id != 100_001 || [18_002, 18_006].contains(&g.group_id));
        if u.auth_grants.is_empty() {
            u.auth_grants.push(iam_sim::model::AuthGrant {
                group_id: 18_002,
                role_id: 6,
                is_blocked: false,
            });
        }
    }
    start_with(config).await
}

#[tokio::test]
async fn create_user_role_not_grantable_in_group_400_names_role_and_group() {
    let sim = restricted().await;
    let outside = new_user(
        "out@example.com",
        json!([{"groupId": 18001, "roleId": 100001}]),
    );
    let reply = create(&sim, &outside).await;
    assert_api_problem(&reply, 400);
    let text = detail(&reply);
    assert!(text.contains("100001") && text.contains("18001"), "{text}");
    // A subgroup of the group the role is grantable in is fine, also as a subGroups override.
    let inside = new_user(
        "in@example.com",
        json!([{"groupId": 18002, "roleId": 6, "subGroups": [{"groupId": 18006, "roleId": 100001}]}]),
    );
    assert_eq!(create(&sim, &inside).await.status, 201);
}

#[tokio::test]
async fn update_auth_grants_enforces_group_role_and_grantability() {
    let sim = restricted().await;
    let made = create(
        &sim,
        &new_user("edit@example.com", json!([{"groupId": 18002, "roleId": 6}])),
    )
    .await;
    let id = made.body["uiIdentityId"].as_str().unwrap().to_owned();
    let path = format!("{BASE}{USERS}/{id}/auth-grants");
    let empty = sim.json(Method::PUT, &path, Some(&json!([]))).await;
    assert_api_problem(&empty, 400);
    assert!(detail(&empty).contains("at least one group role"));
    let bad = json!([{"groupId": 18003, "roleId": 100001}]);
    assert_api_problem(&sim.json(Method::PUT, &path, Some(&bad)).await, 400);
    let good = json!([{"groupId": 18006, "roleId": 100001}, {"groupId": 18001, "roleId": 5}]);
    let reply = sim.json(Method::PUT, &path, Some(&good)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let user = sim
        .get(&format!("{BASE}{USERS}/{id}?authGrants=true"))
        .await;
    let roles: Vec<(i64, i64)> = user.body["authGrants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["groupId"].as_i64().unwrap(),
                g["roleId"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(roles, vec![(18006, 100001), (18001, 5)]);
}

#[tokio::test]
async fn create_user_clone_from_copies_grants_but_not_with_auth_grants() {
    let sim = start().await;
    let src = create(
        &sim,
        &new_user("src@example.com", json!([{"groupId": 18001, "roleId": 5}])),
    )
    .await;
    let src_id = src.body["uiIdentityId"].as_str().unwrap();
    let clone = json!({"firstName": "Cy", "lastName": "Clone", "email": "clone@example.com",
                       "country": "USA", "additionalAuthentication": "NONE", "cloneFrom": src_id});
    let made = create(&sim, &clone).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = made.body["uiIdentityId"].as_str().unwrap();
    let user = sim
        .get(&format!("{BASE}{USERS}/{id}?authGrants=true"))
        .await;
    assert_eq!(user.body["authGrants"][0]["groupId"], 18001);
    assert_eq!(user.body["authGrants"][0]["roleId"], 5);
    let mut both = clone.clone();
    both["email"] = json!("both@example.com");
    both["authGrants"] = json!([{"groupId": 18001, "roleId": 5}]);
    assert_api_problem(&create(&sim, &both).await, 400);
}

#[tokio::test]
async fn subgroup_grant_overrides_the_cascaded_role_inside_the_tree() {
    let sim = start().await;
    let body = new_user(
        "tree@example.com",
        json!([{"groupId": 18001, "roleId": 6, "subGroups": [{"groupId": 18004, "roleId": 5}]}]),
    );
    let made = create(&sim, &body).await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = made.body["uiIdentityId"].as_str().unwrap();
    let user = sim
        .get(&format!("{BASE}{USERS}/{id}?authGrants=true"))
        .await;
    let top = &user.body["authGrants"][0];
    assert_eq!(
        (top["groupId"].clone(), top["roleId"].clone()),
        (json!(18001), json!(6))
    );
    let subs = top["subGroups"].as_array().unwrap();
    let role_of = |g: i64| subs.iter().find(|s| s["groupId"] == g).unwrap()["roleId"].clone();
    assert_eq!(role_of(18004), 5, "the override shows in the tree");
    assert_eq!(role_of(18005), 6, "the parent's role cascades elsewhere");
}

#[test]
fn seed_with_a_grant_outside_the_roles_groups_is_refused() {
    let mut seed = iam_sim::Config::new(dev_credentials()).seed;
    seed.roles
        .iter_mut()
        .find(|r| r.role_id == 3)
        .unwrap()
        .grantable_in = Some(vec![18_007]);
    let err = iam_sim::Data::from_seed(seed).unwrap_err();
    assert!(err.to_string().contains("not grantable"), "{err}");
}
