//! Native tests of the table entries and types of this section.

use super::*;
use crate::api::registry::sent;
use crate::error::IamErrorKind;
use crate::request::Request;
use crate::request::{BaseUrl, Method};
use crate::transport::outcome;
use serde_json::json;

const LIST_USERS_200: &str = include_str!("../../../tests/common/fixtures/list_users_200.json");
const GET_USER_200: &str = include_str!("../../../tests/common/fixtures/get_user_200.json");

fn url(request: &Request) -> String {
    request.url(&BaseUrl::parse("http://127.0.0.1:8600").expect("valid base"))
}

#[test]
fn list_users_request_without_params() {
    let request = sent(&LIST_USERS, &ListUsersParams::default()).expect("valid");
    assert_eq!(request.operation, "listUsers");
    assert_eq!(request.method, Method::Get);
    assert_eq!(request.path, ["user-admin", "ui-identities"]);
    assert!(request.query.is_empty());
    assert_eq!(request.body, None);
    assert_eq!(request.expected, [200]);
    assert_eq!(
        url(&request),
        "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities"
    );
}

#[test]
fn list_users_request_with_every_param() {
    let request = sent(
        &LIST_USERS,
        &ListUsersParams {
            group_id: Some(12345),
            auth_grants: Some(true),
            actions: Some(false),
            account_switch_key: Some("1-5C0YLB:1-8BYUX".into()),
        },
    )
    .expect("valid");
    assert_eq!(
        url(&request),
        "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities\
         ?groupId=12345&authGrants=true&actions=false&accountSwitchKey=1-5C0YLB%3A1-8BYUX"
    );
}

#[test]
fn get_user_request_encodes_the_id_as_one_segment() {
    let request = sent(
        &GET_USER,
        &GetUserParams {
            ui_identity_id: "../x?y".into(),
            notifications: Some(true),
            ..GetUserParams::default()
        },
    )
    .expect("valid params");
    assert_eq!(request.operation, "getUser");
    assert_eq!(request.method, Method::Get);
    assert_eq!(request.path, ["user-admin", "ui-identities", "../x?y"]);
    assert_eq!(request.expected, [200]);
    assert_eq!(
        url(&request),
        "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities/..%2Fx%3Fy\
         ?notifications=true"
    );
}

#[test]
fn get_user_with_every_param() {
    let request = sent(
        &GET_USER,
        &GetUserParams {
            ui_identity_id: "A-B-123456".into(),
            auth_grants: Some(true),
            notifications: Some(false),
            actions: Some(true),
            account_switch_key: Some("k".into()),
        },
    )
    .expect("valid params");
    assert_eq!(
        request.query,
        [
            ("authGrants".to_owned(), "true".to_owned()),
            ("notifications".to_owned(), "false".to_owned()),
            ("actions".to_owned(), "true".to_owned()),
            ("accountSwitchKey".to_owned(), "k".to_owned()),
        ]
    );
}

#[test]
fn get_user_with_empty_id_is_validation_error() {
    let error = sent(&GET_USER, &GetUserParams::default()).expect_err("refused");
    assert_eq!(error.kind, IamErrorKind::Validation);
    assert_eq!(error.field.as_deref(), Some("uiIdentityId"));
    assert_eq!(error.operation, "getUser");
}

#[test]
fn params_are_strict_and_camel_case() {
    let params: GetUserParams =
        serde_json::from_value(json!({"uiIdentityId": "A", "authGrants": true})).expect("valid");
    assert_eq!(params.auth_grants, Some(true));
    assert!(serde_json::from_value::<GetUserParams>(json!({"uiIdentityId": "A", "x": 1})).is_err());
    assert!(serde_json::from_value::<GetUserParams>(json!({})).is_err());
    assert!(serde_json::from_value::<ListUsersParams>(json!({"group_id": 1})).is_err());
    assert!(serde_json::from_value::<ListUsersParams>(json!({"groupId": "1"})).is_err());
}

#[test]
fn list_users_200_decodes_the_spec_example() {
    let request = sent(&LIST_USERS, &ListUsersParams::default()).expect("valid");
    let users: Vec<User> = outcome(&request, 200, "OK", LIST_USERS_200).expect("decoded");
    let user = &users[0];
    assert_eq!(user.ui_identity_id, "A-B-123456");
    assert_eq!(
        user.additional_authentication,
        AdditionalAuthentication::Tfa
    );
    let actions = user.actions.as_ref().expect("actions");
    assert_eq!(actions.can_edit_tfa, Some(false));
    let grants = user.auth_grants.as_ref().expect("authGrants");
    assert_eq!(grants[0].group_id, Some(12345));
    assert_eq!(grants[1].group_id, None);
    assert!(user.extra.is_empty());
}

#[test]
fn get_user_200_decodes_the_spec_example() {
    let request = sent(
        &GET_USER,
        &GetUserParams {
            ui_identity_id: "A-B-123456".into(),
            ..GetUserParams::default()
        },
    )
    .expect("valid params");
    let user: User = outcome(&request, 200, "OK", GET_USER_200).expect("decoded");
    assert_eq!(user.session_time_out, Some(14400));
    let notifications = user.notifications.as_ref().expect("notifications");
    assert_eq!(notifications.options.proactive.len(), 2);
    assert_eq!(user.country.as_deref(), Some("USA"));
    assert!(user.extra.is_empty());
    assert_eq!(
        serde_json::to_value(&user).ok(),
        serde_json::from_str(GET_USER_200).ok()
    );
}

#[test]
fn unknown_user_fields_are_kept_and_sent_back() {
    let body = json!({
        "uiIdentityId": "A", "firstName": "F", "lastName": "L", "email": "a@example.com",
        "additionalAuthentication": "NONE", "additionalAuthenticationConfigured": false,
        "newField": {"x": [1]},
        "authGrants": [{"roleId": 1, "roleName": "r", "subGroups": [{"groupId": 2}], "later": 1}]
    });
    let user: User = serde_json::from_value(body.clone()).expect("decoded");
    assert_eq!(user.extra.get("newField"), Some(&json!({"x": [1]})));
    let grants = user.auth_grants.as_ref().expect("authGrants");
    assert_eq!(grants[0].extra.get("later"), Some(&json!(1)));
    assert_eq!(serde_json::to_value(&user).ok(), Some(body));
}

#[test]
fn user_missing_a_required_field_is_decode_error() {
    let request = sent(&LIST_USERS, &ListUsersParams::default()).expect("valid");
    let error = outcome::<Vec<User>>(&request, 200, "OK", r#"[{"uiIdentityId": "A"}]"#)
        .expect_err("decode");
    assert_eq!(error.kind, IamErrorKind::Decode);
    assert_eq!(error.status, Some(200));
}

fn create_params(body: Value) -> CreateUserParams {
    serde_json::from_value(json!({"sendEmail": false, "body": body})).expect("valid params")
}

fn new_user() -> Value {
    json!({
        "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
        "country": "UK", "additionalAuthentication": "MFA",
        "authGrants": [{"groupId": 1, "roleId": null}, {"roleId": 100004}]
    })
}

#[test]
fn create_user_posts_the_body_with_send_email_and_expects_201() {
    let request = sent(&CREATE_USER, &create_params(new_user())).expect("valid");
    assert_eq!(request.operation, "createUser");
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.expected, [201]);
    assert_eq!(
        url(&request),
        "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities?sendEmail=false"
    );
    // A group role's `roleId: null` (the inherited role) is sent as given.
    assert_eq!(request.body, Some(new_user()));
}

#[test]
fn create_user_refuses_bad_emails_and_missing_role_assignments() {
    let mut body = new_user();
    body["email"] = json!("ada@localhost");
    let error = sent(&CREATE_USER, &create_params(body)).expect_err("refused");
    assert_eq!(error.kind, IamErrorKind::Validation);
    assert_eq!(error.field.as_deref(), Some("body.email"));

    let mut body = new_user();
    body["secondaryEmail"] = json!("not an email");
    let error = sent(&CREATE_USER, &create_params(body)).expect_err("refused");
    assert_eq!(error.field.as_deref(), Some("body.secondaryEmail"));

    let mut body = new_user();
    body.as_object_mut().map(|b| b.remove("authGrants"));
    let error = sent(&CREATE_USER, &create_params(body.clone())).expect_err("refused");
    assert_eq!(error.field.as_deref(), Some("body.authGrants"));
    body["cloneFrom"] = json!("jsmith");
    assert!(sent(&CREATE_USER, &create_params(body)).is_ok());
}

#[test]
fn auth_grant_role_id_is_required_but_nullable() {
    let missing = serde_json::from_value::<AuthGrantRequest>(json!({"groupId": 1}));
    let message = missing.expect_err("refused").to_string();
    assert!(message.contains("missing field `roleId`"), "{message}");
    let null: AuthGrantRequest =
        serde_json::from_value(json!({"groupId": 1, "roleId": null})).expect("valid");
    assert_eq!(null.role_id, None);
    let sub: AuthGrantRequestSubGroup =
        serde_json::from_value(json!({"groupId": 2, "roleId": null})).expect("valid");
    assert_eq!(sub.role_id, Some(None));
    assert_eq!(
        serde_json::to_value(&sub).ok(),
        Some(json!({"groupId": 2, "roleId": null}))
    );
}

#[test]
fn update_user_auth_grants_refuses_an_empty_list() {
    let params: UpdateUserAuthGrantsParams =
        serde_json::from_value(json!({"uiIdentityId": "A", "body": []})).expect("valid");
    let error = sent(&UPDATE_USER_AUTH_GRANTS, &params).expect_err("refused");
    assert_eq!(error.field.as_deref(), Some("body"));
}

#[test]
fn update_user_info_checks_emails_and_encodes_the_id() {
    let mut params: UpdateUserInfoParams = serde_json::from_value(json!({
        "uiIdentityId": "A/B",
        "body": {"firstName": "A", "lastName": "L", "country": "UK",
                 "preferredLanguage": "English", "sessionTimeOut": 1800, "timeZone": "GMT",
                 "email": "a@example.com"}
    }))
    .expect("valid");
    let request = sent(&UPDATE_USER_INFO, &params).expect("valid");
    assert_eq!(request.method, Method::Put);
    assert_eq!(
        url(&request),
        "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities/A%2FB/basic-info"
    );
    params.body.secondary_email = Some("b@".into());
    let error = sent(&UPDATE_USER_INFO, &params).expect_err("refused");
    assert_eq!(error.field.as_deref(), Some("body.secondaryEmail"));
    assert_eq!(error.operation, "updateUserInfo");
}

#[test]
fn blocked_properties_path_has_both_ids() {
    let request = sent(
        &UPDATE_BLOCKED_PROPERTIES,
        &UpdateBlockedPropertiesParams {
            ui_identity_id: "A-B-1".into(),
            group_id: 54321,
            account_switch_key: None,
            body: vec![11111111, 22222222],
        },
    )
    .expect("valid");
    assert_eq!(
        request.path,
        [
            "user-admin",
            "ui-identities",
            "A-B-1",
            "groups",
            "54321",
            "blocked-properties"
        ]
    );
    assert_eq!(request.body, Some(json!([11111111, 22222222])));
    let ids: BlockedPropertyIds = outcome(&request, 200, "OK", "[1,2]").expect("decoded");
    assert_eq!(ids, BlockedPropertyIds(vec![1, 2]));
}

#[test]
fn no_content_operations_expect_204_and_refuse_an_empty_id() {
    let id = |id: &str| serde_json::from_value::<LockUserParams>(json!({"uiIdentityId": id}));
    let lock = sent(&LOCK_USER, &id("A").expect("valid")).expect("valid");
    assert_eq!((lock.method, lock.expected), (Method::Post, &[204][..]));
    assert_eq!(lock.path, ["user-admin", "ui-identities", "A", "lock"]);
    let remove = sent(
        &REMOVE_USER,
        &RemoveUserParams {
            ui_identity_id: "A".into(),
            account_switch_key: None,
        },
    )
    .expect("valid");
    assert_eq!(
        (remove.method, remove.expected),
        (Method::Delete, &[204][..])
    );
    let error = sent(&UNLOCK_USER, &UnlockUserParams::default()).expect_err("refused");
    assert_eq!(error.field.as_deref(), Some("uiIdentityId"));
    let mfa = sent(
        &RESET_USER_MFA,
        &ResetUserMfaParams {
            ui_identity_id: "A".into(),
            account_switch_key: None,
        },
    )
    .expect("valid");
    assert_eq!(
        mfa.path,
        [
            "user-admin",
            "ui-identities",
            "A",
            "additionalAuthentication",
            "reset"
        ]
    );
    let () = outcome(&mfa, 204, "", "").expect("204");
}

#[test]
fn reset_user_password_is_a_token_on_200_and_nothing_on_204() {
    let request = sent(
        &RESET_USER_PASSWORD,
        &ResetUserPasswordParams {
            ui_identity_id: "A".into(),
            send_email: Some(false),
            account_switch_key: None,
        },
    )
    .expect("valid");
    assert_eq!(request.expected, [200, 204]);
    assert_eq!(
        request.query,
        [("sendEmail".to_owned(), "false".to_owned())]
    );
    let token: Option<ResetUserPasswordResult> =
        outcome(&request, 200, "OK", r#"{"newPassword": "One-Time!1"}"#).expect("200");
    let token = token.expect("a token");
    assert_eq!(token.new_password, "One-Time!1");
    assert!(!format!("{token:?}").contains("One-Time"));
    let none: Option<ResetUserPasswordResult> = outcome(&request, 204, "", "").expect("204");
    assert!(none.is_none());
}
