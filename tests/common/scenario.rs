//! The admin scenario of issue 4, through the real proxy and simulator: create a group, a role and
//! a user in it, move the group, lock and unlock the user, rotate an API client credential, then
//! read everything back. `run` returns what was read back, without generated ids and times, so a
//! run under injected faults can be compared with a clean one.

use super::*;
use serde_json::{json, Value};

/// The client as JS holds it, with methods called by name as JS code would.
pub(crate) struct Js(JsValue);

impl Js {
    pub(crate) fn new(base_url: &str) -> Self {
        Self::with_options(&format!(
            r#"{{"baseUrl": "{base_url}", "retries": 8, "retryDelayMs": 5}}"#
        ))
    }

    /// A client built from these options (JSON).
    pub(crate) fn with_options(options: &str) -> Self {
        restore_fetch();
        Js(JsValue::from(client(options)))
    }

    /// Calls `method(params)`; the result as JSON (null for `undefined`), or the `IamError`.
    pub(crate) async fn call(&self, method: &str, params: Value) -> Result<Value, JsValue> {
        let function: js_sys::Function = get(&self.0, method).dyn_into().expect("a method");
        let params = JSON::parse(&params.to_string()).expect("params");
        let promise = function.call1(&self.0, &params)?;
        let result = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await?;
        if result.is_undefined() {
            return Ok(Value::Null);
        }
        let text = JSON::stringify(&result)
            .expect("JSON result")
            .as_string()
            .unwrap_or_default();
        Ok(serde_json::from_str(&text).expect("result is JSON"))
    }

    /// A write as a careful user sends it: POST is never retried by the client, so a 429 or 503
    /// (which the API answers without applying the write) is retried here, by hand.
    pub(crate) async fn write(&self, method: &str, params: Value) -> Value {
        for _ in 0..20 {
            match self.call(method, params.clone()).await {
                Ok(value) => return value,
                Err(error) => {
                    let status = get(&error, "status").as_f64();
                    assert!(
                        matches!(status, Some(s) if s == 429.0 || s == 503.0),
                        "{method} failed: {}",
                        get_str(&error, "message").unwrap_or_default()
                    );
                }
            }
        }
        panic!("{method} kept failing with 429/503");
    }

    pub(crate) async fn read(&self, method: &str, params: Value) -> Value {
        self.call(method, params).await.unwrap_or_else(|error| {
            panic!(
                "{method} failed: {}",
                get_str(&error, "message").unwrap_or_default()
            )
        })
    }
}

fn num(value: &Value, key: &str) -> i64 {
    value[key]
        .as_i64()
        .unwrap_or_else(|| panic!("{key} in {value}"))
}

/// Finds the group `id` in a tree of groups.
fn find_group(groups: &Value, id: i64) -> Option<(Value, Option<i64>)> {
    fn walk(groups: &Value, id: i64, parent: Option<i64>) -> Option<(Value, Option<i64>)> {
        for group in groups.as_array()? {
            if group["groupId"].as_i64() == Some(id) {
                return Some((group.clone(), parent));
            }
            if let Some(found) = walk(&group["subGroups"], id, group["groupId"].as_i64()) {
                return Some(found);
            }
        }
        None
    }
    walk(groups, id, None)
}

/// Runs the scenario with names made unique by `tag`; returns what it read back.
pub(crate) async fn run(iam: &Js, tag: &str) -> Value {
    let groups = iam.read("listGroups", json!({})).await;
    let root = num(&groups[0], "groupId");
    let team = iam
        .write(
            "createGroup",
            json!({"groupId": root, "body": {"groupName": format!("Team {tag}")}}),
        )
        .await;
    let team_id = num(&team, "groupId");
    let dest = iam
        .write(
            "createGroup",
            json!({"groupId": root, "body": {"groupName": format!("Dest {tag}")}}),
        )
        .await;
    let dest_id = num(&dest, "groupId");

    let grantable = iam.read("listGrantableRoles", json!({})).await;
    let granted = num(&grantable[0], "grantedRoleId");
    let role = iam
        .write(
            "createRole",
            json!({"body": {"roleName": format!("Role {tag}"), "roleDescription": "Scenario role",
                            "grantedRoles": [{"grantedRoleId": granted}]}}),
        )
        .await;
    let role_id = num(&role, "roleId");

    let email = format!("scenario.{}@example.com", tag.to_lowercase());
    let user = iam
        .write(
            "createUser",
            json!({"sendEmail": false, "body": {"firstName": "Sam", "lastName": format!("Scenario {tag}"),
                   "email": email, "country": "Canada", "additionalAuthentication": "MFA",
                   "authGrants": [{"groupId": team_id, "roleId": role_id}]}}),
        )
        .await;
    let user_id = user["uiIdentityId"]
        .as_str()
        .expect("uiIdentityId")
        .to_owned();

    let affected = iam
        .read(
            "listAffectedUsers",
            json!({"sourceGroupId": team_id, "destinationGroupId": dest_id, "userType": "gainAccess"}),
        )
        .await;
    iam.write(
        "moveGroup",
        json!({"body": {"sourceGroupId": team_id, "destinationGroupId": dest_id}}),
    )
    .await;
    iam.write("lockUser", json!({"uiIdentityId": user_id}))
        .await;
    let locked = iam.read("getUser", json!({"uiIdentityId": user_id})).await;
    iam.write("unlockUser", json!({"uiIdentityId": user_id}))
        .await;

    // Rotate a credential of our own API client: the old one, a new one, deactivate and remove the old.
    let old = iam.write("createCredential", json!({})).await;
    let old_id = num(&old, "credentialId");
    let new = iam.write("createCredential", json!({})).await;
    let new_id = num(&new, "credentialId");
    assert!(
        new["clientSecret"].is_string(),
        "a new credential shows its secret once"
    );
    iam.write("deactivateCredential", json!({"credentialId": old_id}))
        .await;
    iam.read("deleteCredential", json!({"credentialId": old_id}))
        .await;

    // Read everything back.
    let tree = iam.read("listGroups", json!({})).await;
    let (moved, parent) = find_group(&tree, team_id).expect("the moved group is in the tree");
    let role_back = iam
        .read("getRole", json!({"roleId": role_id, "grantedRoles": true}))
        .await;
    let user_back = iam
        .read(
            "getUser",
            json!({"uiIdentityId": user_id, "authGrants": true}),
        )
        .await;
    let credentials = iam.read("listCredentials", json!({})).await;
    let credential_ids: Vec<i64> = credentials
        .as_array()
        .expect("credentials")
        .iter()
        .map(|c| num(c, "credentialId"))
        .collect();
    let new_back = iam
        .read("getCredential", json!({"credentialId": new_id}))
        .await;
    let same_named = find_all_named(&tree, &format!("Team {tag}"));

    json!({
        "group": moved["groupName"],
        "groupParentIsDest": parent == Some(dest_id),
        "groupsNamedLikeIt": same_named,
        "affectedUsers": affected.as_array().map(|a| a.len()),
        "role": role_back["roleName"],
        "roleGrants": role_back["grantedRoles"].as_array().map(|g| g.iter().map(|r| r["grantedRoleId"].clone()).collect::<Vec<_>>()),
        "userEmail": user_back["email"],
        "userWasLocked": locked["isLocked"],
        "userLockedNow": user_back["isLocked"],
        "userGrantGroups": user_back["authGrants"].as_array().map(|g| g.iter().map(|a| a["groupId"] == json!(team_id)).collect::<Vec<_>>()),
        "oldCredentialGone": !credential_ids.contains(&old_id),
        "newCredentialStatus": new_back["status"],
        "newCredentialHasNoSecret": new_back.get("clientSecret").is_none(),
    })
}

fn find_all_named(groups: &Value, name: &str) -> usize {
    groups.as_array().map_or(0, |groups| {
        groups
            .iter()
            .map(|g| {
                usize::from(g["groupName"] == json!(name)) + find_all_named(&g["subGroups"], name)
            })
            .sum()
    })
}

/// What a correct run reads back.
pub(crate) fn expected(tag: &str) -> Value {
    json!({
        "group": format!("Team {tag}"),
        "groupParentIsDest": true,
        "groupsNamedLikeIt": 1,
        "role": format!("Role {tag}"),
        "userEmail": format!("scenario.{}@example.com", tag.to_lowercase()),
        "userWasLocked": true,
        "userLockedNow": false,
        "userGrantGroups": [true],
        "oldCredentialGone": true,
        "newCredentialStatus": "ACTIVE",
        "newCredentialHasNoSecret": true,
    })
}

/// A tag unique to this run (the chrome and node runs share one simulator).
pub(crate) fn tag() -> String {
    format!("{}", (js_sys::Math::random() * 1e9) as u64)
}

/// Compares `got` with `expected(tag)` on the keys `expected` names.
pub(crate) fn assert_matches(got: &Value, tag: &str) {
    let want = expected(tag);
    for (key, value) in want.as_object().expect("object") {
        assert_eq!(&got[key], value, "{key} in {got}");
    }
    assert!(got["affectedUsers"].as_u64().is_some(), "{got}");
    assert_eq!(
        got["roleGrants"].as_array().map(|g| g.len()),
        Some(1),
        "{got}"
    );
}

#[wasm_bindgen_test]
async fn live_scenario_reads_back_exactly_what_it_wrote() {
    let url = option_env!("IAM_PROXY_URL")
        .unwrap_or_else(|| panic!("IAM_PROXY_URL must be set for live tests"));
    let tag = tag();
    let got = run(&Js::new(url), &tag).await;
    assert_matches(&got, &tag);
}
