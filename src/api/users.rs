//! Users: the `Users` section of the IAM API docs (`/user-admin/ui-identities`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::{input, optional_input, output, CallOptions, IamClient};
use crate::error::IamError;
use crate::request::{path_param, Request, ACCOUNT_SWITCH_KEY};

const LIST_USERS: &str = "listUsers";
const GET_USER: &str = "getUser";
const UI_IDENTITIES: &[&str] = &["user-admin", "ui-identities"];

#[wasm_bindgen]
impl IamClient {
    /// List users.
    ///
    /// `GET /identity-management/v3/user-admin/ui-identities`
    #[wasm_bindgen(js_name = listUsers)]
    pub async fn list_users(
        &self,
        params: Option<Ts<ListUsersParams>>,
        options: Option<Ts<CallOptions>>,
    ) -> Result<Vec<Ts<User>>, IamError> {
        let params: ListUsersParams = optional_input(LIST_USERS, params.as_ref())?;
        let options = CallOptions::read(LIST_USERS, options.as_ref())?;
        let users: Vec<User> = self.send_with(list_users(&params)?, options).await?;
        users.iter().map(|user| output(LIST_USERS, user)).collect()
    }

    /// Get a user.
    ///
    /// `GET /identity-management/v3/user-admin/ui-identities/{uiIdentityId}`
    #[wasm_bindgen(js_name = getUser)]
    pub async fn get_user(
        &self,
        params: Ts<GetUserParams>,
        options: Option<Ts<CallOptions>>,
    ) -> Result<Ts<User>, IamError> {
        let params: GetUserParams = input(GET_USER, &params)?;
        let options = CallOptions::read(GET_USER, options.as_ref())?;
        let user: User = self.send_with(get_user(&params)?, options).await?;
        output(GET_USER, &user)
    }
}

fn list_users(params: &ListUsersParams) -> Result<Request, IamError> {
    Ok(Request::get(LIST_USERS, UI_IDENTITIES)
        .query("groupId", params.group_id)
        .query("authGrants", params.auth_grants)
        .query("actions", params.actions)
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

#[cfg(test)]
pub(crate) fn registry() -> Vec<crate::api::registry::Entry> {
    use crate::api::registry::entry;
    vec![
        entry::<_, Vec<User>>(LIST_USERS, "GET /user-admin/ui-identities", list_users),
        entry::<_, User>(
            GET_USER,
            "GET /user-admin/ui-identities/{uiIdentityId}",
            get_user,
        ),
    ]
}

fn get_user(params: &GetUserParams) -> Result<Request, IamError> {
    let id = path_param(GET_USER, "uiIdentityId", &params.ui_identity_id)?;
    Ok(Request::get(GET_USER, UI_IDENTITIES)
        .segment(id)
        .query("authGrants", params.auth_grants)
        .query("notifications", params.notifications)
        .query("actions", params.actions)
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

/// Params of `listUsers`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListUsersParams {
    /// Only users with access to this group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub group_id: Option<u64>,
    /// Include each user's group and role assignments (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub auth_grants: Option<bool>,
    /// Include the actions you can take on each user (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub actions: Option<bool>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub account_switch_key: Option<String>,
}

/// Params of `getUser`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetUserParams {
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// Include the user's group and role assignments (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub auth_grants: Option<bool>,
    /// Include the user's notification settings (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub notifications: Option<bool>,
    /// Include the actions you can take on the user (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub actions: Option<bool>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub account_switch_key: Option<String>,
}

/// A user's multi-factor authentication method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
pub enum AdditionalAuthentication {
    /// Two-factor authentication by email code.
    #[serde(rename = "TFA")]
    Tfa,
    /// Multi-factor authentication.
    #[serde(rename = "MFA")]
    Mfa,
    /// No additional authentication.
    #[serde(rename = "NONE")]
    None,
}

/// A user, as `listUsers` and `getUser` return it. Fields only one of them (or only some
/// params) returns are optional; unknown fields are kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct User {
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// The user's first name.
    pub first_name: String,
    /// The user's surname.
    pub last_name: String,
    /// The user's email address.
    pub email: String,
    /// The user's multi-factor authentication method.
    pub additional_authentication: AdditionalAuthentication,
    /// Whether the user has multi-factor authentication configured.
    pub additional_authentication_configured: bool,
    /// The user's username in Control Center.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub ui_user_name: Option<String>,
    /// The account the user belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub account_id: Option<String>,
    /// Whether the user's account is locked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub is_locked: Option<bool>,
    /// Whether two-factor authentication is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub tfa_enabled: Option<bool>,
    /// Whether two-factor authentication is configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub tfa_configured: Option<bool>,
    /// ISO 8601 time of the user's last login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub last_login_date: Option<String>,
    /// ISO 8601 time the user's password expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub password_expiry_date: Option<String>,
    /// Group and role assignments, with `authGrants: true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub auth_grants: Option<Vec<AuthGrant>>,
    /// What you can do to the user, with `actions: true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub actions: Option<UserActions>,
    /// Notification settings, with `notifications: true` (`getUser`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub notifications: Option<UserNotifications>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub address: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub city: Option<String>,
    /// State or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub zip_code: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub country: Option<String>,
    /// Contact type, e.g. `Billing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub contact_type: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub job_title: Option<String>,
    /// Main phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub phone: Option<String>,
    /// Mobile phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub mobile_phone: Option<String>,
    /// Secondary email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub secondary_email: Option<String>,
    /// Whether a change of email address awaits confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub email_update_pending: Option<bool>,
    /// Preferred language, e.g. `English`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub preferred_language: Option<String>,
    /// Session timeout in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub session_time_out: Option<u64>,
    /// Time zone, e.g. `GMT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub time_zone: Option<String>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// One group and role assignment of a user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct AuthGrant {
    /// The role's identifier.
    pub role_id: u64,
    /// The role's name.
    pub role_name: String,
    /// The role's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub role_description: Option<String>,
    /// The group's identifier; absent for account-wide roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub group_id: Option<u64>,
    /// The group's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub group_name: Option<String>,
    /// Whether the user's access to the group is blocked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub is_blocked: Option<bool>,
    /// Assignments in the group's subgroups, as they came.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Record<string, unknown>[]")]
    pub sub_groups: Option<Vec<Map<String, Value>>>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// What you can do to a user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct UserActions {
    /// Whether the user is deletable.
    pub delete: bool,
    /// Whether the user is editable.
    pub edit: bool,
    /// Whether you can send the user a password or see a one-time token.
    pub reset_password: bool,
    /// Whether you can create a user with permissions cloned from this one.
    pub is_cloneable: bool,
    /// Whether you can manage extended access.
    pub third_party_access: bool,
    /// Whether you can create an API client.
    pub api_client: bool,
    /// Whether the user can edit their profile (`listUsers`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub edit_profile: Option<bool>,
    /// Whether the user can turn TFA on or off (`listUsers`).
    #[serde(
        default,
        rename = "canEditTFA",
        skip_serializing_if = "Option::is_none"
    )]
    #[tsify(optional)]
    pub can_edit_tfa: Option<bool>,
    /// Whether the user can turn MFA on or off (`listUsers`).
    #[serde(
        default,
        rename = "canEditMFA",
        skip_serializing_if = "Option::is_none"
    )]
    #[tsify(optional)]
    pub can_edit_mfa: Option<bool>,
    /// Whether the user can turn the None setting on or off (`listUsers`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub can_edit_none: Option<bool>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// A user's email notification settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct UserNotifications {
    /// Whether the user receives email notifications at all.
    pub enable_email_notifications: bool,
    /// Which notifications.
    pub options: NotificationOptions,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// Which email notifications a user receives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct NotificationOptions {
    /// Products whose upgrade notices the user receives.
    pub upgrade: Vec<String>,
    /// Products whose proactive notices the user receives.
    pub proactive: Vec<String>,
    /// Whether the user is told before their password expires.
    pub password_expiry: bool,
    /// Whether the user is told when users are created.
    pub new_user_notification: bool,
    /// Whether the user is told before API client credentials expire.
    pub api_client_credential_expiry_notification: bool,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::IamErrorKind;
    use crate::request::{BaseUrl, Method};
    use crate::transport::outcome;
    use serde_json::json;

    const LIST_USERS_200: &str = include_str!("../../tests/common/fixtures/list_users_200.json");
    const GET_USER_200: &str = include_str!("../../tests/common/fixtures/get_user_200.json");

    fn url(request: &Request) -> String {
        request.url(&BaseUrl::parse("http://127.0.0.1:8600").expect("valid base"))
    }

    #[test]
    fn list_users_request_without_params() {
        let request = list_users(&ListUsersParams::default()).expect("valid");
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
        let request = list_users(&ListUsersParams {
            group_id: Some(12345),
            auth_grants: Some(true),
            actions: Some(false),
            account_switch_key: Some("1-5C0YLB:1-8BYUX".into()),
        })
        .expect("valid");
        assert_eq!(
            url(&request),
            "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities\
             ?groupId=12345&authGrants=true&actions=false&accountSwitchKey=1-5C0YLB%3A1-8BYUX"
        );
    }

    #[test]
    fn get_user_request_encodes_the_id_as_one_segment() {
        let request = get_user(&GetUserParams {
            ui_identity_id: "../x?y".into(),
            notifications: Some(true),
            ..GetUserParams::default()
        })
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
        let request = get_user(&GetUserParams {
            ui_identity_id: "A-B-123456".into(),
            auth_grants: Some(true),
            notifications: Some(false),
            actions: Some(true),
            account_switch_key: Some("k".into()),
        })
        .expect("valid params");
        assert_eq!(
            request.query,
            [
                ("authGrants", "true".to_owned()),
                ("notifications", "false".to_owned()),
                ("actions", "true".to_owned()),
                ("accountSwitchKey", "k".to_owned()),
            ]
        );
    }

    #[test]
    fn get_user_with_empty_id_is_validation_error() {
        let error = get_user(&GetUserParams::default()).expect_err("refused");
        assert_eq!(error.kind, IamErrorKind::Validation);
        assert_eq!(error.field.as_deref(), Some("uiIdentityId"));
        assert_eq!(error.operation, "getUser");
    }

    #[test]
    fn params_are_strict_and_camel_case() {
        let params: GetUserParams =
            serde_json::from_value(json!({"uiIdentityId": "A", "authGrants": true}))
                .expect("valid");
        assert_eq!(params.auth_grants, Some(true));
        assert!(
            serde_json::from_value::<GetUserParams>(json!({"uiIdentityId": "A", "x": 1})).is_err()
        );
        assert!(serde_json::from_value::<GetUserParams>(json!({})).is_err());
        assert!(serde_json::from_value::<ListUsersParams>(json!({"group_id": 1})).is_err());
        assert!(serde_json::from_value::<ListUsersParams>(json!({"groupId": "1"})).is_err());
    }

    #[test]
    fn list_users_200_decodes_the_spec_example() {
        let request = list_users(&ListUsersParams::default()).expect("valid");
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
        let request = get_user(&GetUserParams {
            ui_identity_id: "A-B-123456".into(),
            ..GetUserParams::default()
        })
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
        let request = list_users(&ListUsersParams::default()).expect("valid");
        let error = outcome::<Vec<User>>(&request, 200, "OK", r#"[{"uiIdentityId": "A"}]"#)
            .expect_err("decode");
        assert_eq!(error.kind, IamErrorKind::Decode);
        assert_eq!(error.status, Some(200));
    }
}
