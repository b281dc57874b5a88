//! Relations between records: a group, a role and a user made together, the group moved (with
//! the affected-users preview), the user locked and unlocked, an API client's credential
//! rotated; everything read back.

mod common;

use common::{start, Sim, BASE};
use reqwest::Method;
use serde_json::{json, Value};

async fn send(sim: &Sim, method: Method, path: &str, body: Option<Value>, status: u16) -> Value {
    let reply = sim
        .json(method.clone(), &format!("{BASE}{path}"), body.as_ref())
        .await;
    assert_eq!(
        reply.status.as_u16(),
        status,
        "{method} {path}: {}",
        reply.body
    );
    reply.body
}

fn find_group(tree: &Value, id: i64) -> Option<&Value> {
    if tree["groupId"] == id {
        return Some(tree);
    }
    tree["subGroups"]
        .as_array()?
        .iter()
        .find_map(|g| find_group(g, id))
}

#[tokio::test]
async fn group_role_user_move_lock_and_credential_rotation_read_back_consistently() {
    let sim = start().await;
    let g = send(
        &sim,
        Method::POST,
        "/user-admin/groups/18001",
        Some(json!({"groupName": "Checkout"})),
        201,
    )
    .await;
    let g = g["groupId"].as_i64().unwrap();
    assert_eq!(
        send(
            &sim,
            Method::GET,
            &format!("/user-admin/groups/{g}"),
            None,
            200
        )
        .await["parentGroupId"],
        18001
    );

    let role = send(
        &sim,
        Method::POST,
        "/user-admin/roles",
        Some(json!({"roleName": "Checkout operator", "roleDescription": "Runs checkout", "grantedRoles": [{"grantedRoleId": 3021}]})),
        201,
    )
    .await;
    let r = role["roleId"].as_i64().unwrap();
    assert_eq!(role["type"], "custom");

    let user = send(
        &sim,
        Method::POST,
        "/user-admin/ui-identities",
        Some(
            json!({"firstName": "Rel", "lastName": "Ations", "email": "rel@example.com",
            "country": "USA", "additionalAuthentication": "NONE",
            "authGrants": [{"groupId": g, "roleId": r}]}),
        ),
        201,
    )
    .await;
    let u = user["uiIdentityId"].as_str().unwrap().to_owned();
    assert_eq!(user["authGrants"][0]["groupId"], g);
    assert_eq!(user["authGrants"][0]["roleName"], "Checkout operator");

    // Users with roles on 18001 (the old parent) but none on 18002 or the root lose access.
    let affected = send(
        &sim,
        Method::GET,
        &format!("/user-admin/groups/move/{g}/18002/affected-users?userType=lostAccess"),
        None,
        200,
    )
    .await;
    let affected = affected.as_array().unwrap().clone();
    assert!(!affected.is_empty(), "someone has a role on 18001 only");
    for a in &affected {
        let id = a["uiIdentityId"].as_str().unwrap();
        let full = send(
            &sim,
            Method::GET,
            &format!("/user-admin/ui-identities/{id}?authGrants=true"),
            None,
            200,
        )
        .await;
        let groups: Vec<i64> = full["authGrants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["groupId"].as_i64().unwrap())
            .collect();
        assert!(
            groups.contains(&18001) && !groups.contains(&18002) && !groups.contains(&18000),
            "{id}: {groups:?}"
        );
    }
    assert!(
        affected.iter().all(|a| a["uiIdentityId"] != u.as_str()),
        "a role on the group itself is kept"
    );

    send(
        &sim,
        Method::POST,
        "/user-admin/groups/move",
        Some(json!({"sourceGroupId": g, "destinationGroupId": 18002})),
        204,
    )
    .await;
    let tree = send(&sim, Method::GET, "/user-admin/groups", None, 200).await;
    let moved = find_group(&tree[0], 18002).and_then(|p| find_group(p, g));
    assert!(moved.is_some(), "group {g} now under 18002");
    assert!(find_group(&tree[0], 18001)
        .and_then(|p| find_group(p, g))
        .is_none());
    assert_eq!(
        send(
            &sim,
            Method::GET,
            &format!("/user-admin/groups/{g}"),
            None,
            200
        )
        .await["parentGroupId"],
        18002
    );

    // Lock and unlock.
    let path = format!("/user-admin/ui-identities/{u}");
    send(&sim, Method::POST, &format!("{path}/lock"), None, 204).await;
    assert_eq!(
        send(&sim, Method::GET, &path, None, 200).await["isLocked"],
        true
    );
    send(&sim, Method::POST, &format!("{path}/unlock"), None, 204).await;
    assert_eq!(
        send(&sim, Method::GET, &path, None, 200).await["isLocked"],
        false
    );

    // The role lists its user; neither the role nor the group can go while assigned.
    let role_read = send(
        &sim,
        Method::GET,
        &format!("/user-admin/roles/{r}?users=true&grantedRoles=true"),
        None,
        200,
    )
    .await;
    assert_eq!(role_read["users"][0]["uiIdentityId"], u.as_str());
    assert_eq!(role_read["grantedRoles"][0]["grantedRoleId"], 3021);
    send(
        &sim,
        Method::DELETE,
        &format!("/user-admin/roles/{r}"),
        None,
        409,
    )
    .await;
    send(
        &sim,
        Method::DELETE,
        &format!("/user-admin/groups/{g}"),
        None,
        409,
    )
    .await;

    // Rotate a credential of an API client: new one, old one deactivated and removed.
    let c = "/api-clients/xfz2n5d43mogkdim";
    let before = send(&sim, Method::GET, &format!("{c}/credentials"), None, 200).await;
    let old = before[0]["credentialId"].as_i64().unwrap();
    let new = send(&sim, Method::POST, &format!("{c}/credentials"), None, 201).await;
    assert!(new["clientSecret"].as_str().is_some_and(|s| s.len() >= 40));
    let new_id = new["credentialId"].as_i64().unwrap();
    send(
        &sim,
        Method::DELETE,
        &format!("{c}/credentials/{old}"),
        None,
        400,
    )
    .await;
    send(
        &sim,
        Method::POST,
        &format!("{c}/credentials/{old}/deactivate"),
        None,
        204,
    )
    .await;
    send(
        &sim,
        Method::DELETE,
        &format!("{c}/credentials/{old}"),
        None,
        204,
    )
    .await;
    let after = send(&sim, Method::GET, &format!("{c}/credentials"), None, 200).await;
    let after = after.as_array().unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!(after[0]["credentialId"], new_id);
    assert_eq!(after[0]["status"], "ACTIVE");
    assert!(after[0].get("clientSecret").is_none());
    let client = send(
        &sim,
        Method::GET,
        &format!("{c}?credentials=true"),
        None,
        200,
    )
    .await;
    assert_eq!(client["activeCredentialCount"], 1);
    assert!(client["credentials"][0].get("clientSecret").is_none());
    send(
        &sim,
        Method::GET,
        &format!("{c}/credentials/{old}"),
        None,
        404,
    )
    .await;

    // Cleaning up in order works: user, then role and group.
    send(&sim, Method::DELETE, &path, None, 204).await;
    send(
        &sim,
        Method::DELETE,
        &format!("/user-admin/roles/{r}"),
        None,
        204,
    )
    .await;
    send(
        &sim,
        Method::DELETE,
        &format!("/user-admin/groups/{g}"),
        None,
        204,
    )
    .await;
    send(
        &sim,
        Method::GET,
        &format!("/user-admin/groups/{g}"),
        None,
        404,
    )
    .await;
}

#[tokio::test]
async fn credential_update_keeps_sub_second_expiry_and_status() {
    let sim = start().await;
    let list = send(
        &sim,
        Method::GET,
        "/api-clients/self/credentials",
        None,
        200,
    )
    .await;
    let k = list[0]["credentialId"].as_i64().unwrap();
    let created = list[0]["createdOn"].as_str().unwrap().to_owned();
    let expires = created.replace('Z', ".987654Z");
    let body = json!({"expiresOn": expires, "status": "INACTIVE", "description": "paused"});
    let out = send(
        &sim,
        Method::PUT,
        &format!("/api-clients/self/credentials/{k}"),
        Some(body),
        200,
    )
    .await;
    assert_eq!(out["expiresOn"], expires.as_str());
    let read = send(
        &sim,
        Method::GET,
        &format!("/api-clients/self/credentials/{k}"),
        None,
        200,
    )
    .await;
    assert_eq!(read["expiresOn"], expires.as_str());
    assert_eq!(read["status"], "INACTIVE");
    assert_eq!(read["description"], "paused");
}
