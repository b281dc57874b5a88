//! Users: the `Users` section of the IAM API docs (`/user-admin/ui-identities`), and the request
//! bodies the `user_profile` section shares with it (basic info, MFA, notifications).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::IamClient;
use crate::error::IamError;
use crate::request::{path_param, Method, Request, ACCOUNT_SWITCH_KEY};
use crate::validate;

const UI_IDENTITIES: &[&str] = &["user-admin", "ui-identities"];

operation! {
    LIST_USERS = "listUsers", fn list_users(Option<ListUsersParams>) -> Vec<Ts<User>>;
    " List users."
    ""
    " `GET /identity-management/v3/user-admin/ui-identities`"
}

operation! {
    GET_USER = "getUser", fn get_user(GetUserParams) -> Ts<User>;
    " Get a user."
    ""
    " `GET /identity-management/v3/user-admin/ui-identities/{uiIdentityId}`"
}

operation! {
    CREATE_USER = "createUser", fn create_user(CreateUserParams) -> Ts<User>;
    " Create a user, with role assignments of their own or cloned from another user's."
    ""
    " `POST /identity-management/v3/user-admin/ui-identities`"
}

operation! {
    UPDATE_USER_INFO = "updateUserInfo", fn update_user_info(UpdateUserInfoParams) -> Ts<UserBasicInfo>;
    " Update a user's basic information."
    ""
    " `PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/basic-info`"
}

operation! {
    REMOVE_USER = "removeUser", fn remove_user(RemoveUserParams) -> ();
    " Remove a user."
    ""
    " `DELETE /identity-management/v3/user-admin/ui-identities/{uiIdentityId}`"
}

operation! {
    UPDATE_USER_AUTH_GRANTS = "updateUserAuthGrants", fn update_user_auth_grants(UpdateUserAuthGrantsParams) -> Vec<Ts<AuthGrant>>;
    " Replace a user's group and role assignments."
    ""
    " `PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/auth-grants`"
}

operation! {
    LIST_BLOCKED_PROPERTIES = "listBlockedProperties", fn list_blocked_properties(ListBlockedPropertiesParams) -> Ts<BlockedPropertyIds>;
    " List the IDs of the properties and includes a user cannot access in a group."
    ""
    " `GET /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/groups/{groupId}/blocked-properties`"
}

operation! {
    UPDATE_BLOCKED_PROPERTIES = "updateBlockedProperties", fn update_blocked_properties(UpdateBlockedPropertiesParams) -> Ts<BlockedPropertyIds>;
    " Replace the list of properties and includes a user cannot access in a group: IDs left"
    " out are unblocked."
    ""
    " `PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/groups/{groupId}/blocked-properties`"
}

operation! {
    LOCK_USER = "lockUser", fn lock_user(LockUserParams) -> ();
    " Lock a user's account."
    ""
    " `POST /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/lock`"
}

operation! {
    UNLOCK_USER = "unlockUser", fn unlock_user(UnlockUserParams) -> ();
    " Unlock a user's account."
    ""
    " `POST /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/unlock`"
}

operation! {
    RESET_USER_PASSWORD = "resetUserPassword", fn reset_user_password(ResetUserPasswordParams) -> Option<Ts<ResetUserPasswordResult>>;
    " Reset a user's password to a one-time password: emailed to the user (the default,"
    " resolving to `undefined`), or with `sendEmail: false` returned here."
    ""
    " `POST /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/reset-password`"
}

operation! {
    SET_USER_PASSWORD = "setUserPassword", fn set_user_password(SetUserPasswordParams) -> ();
    " Set a user's password."
    ""
    " `POST /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/set-password`"
}

operation! {
    UPDATE_USER_MFA = "updateUserMfa", fn update_user_mfa(UpdateUserMfaParams) -> ();
    " Set a user's multi-factor authentication method."
    ""
    " `PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/additionalAuthentication`"
}

operation! {
    RESET_USER_MFA = "resetUserMfa", fn reset_user_mfa(ResetUserMfaParams) -> ();
    " Reset a user's multi-factor authentication, so they set it up again at their next login."
    ""
    " `PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/additionalAuthentication/reset`"
}

operation! {
    UPDATE_USER_NOTIFICATIONS = "updateUserNotifications", fn update_user_notifications(UpdateUserNotificationsParams) -> Ts<UserNotifications>;
    " Update a user's email notification settings."
    ""
    " `PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/notifications`"
}

fn list_users(params: &ListUsersParams) -> Result<Request, IamError> {
    Ok(Request::get(LIST_USERS, UI_IDENTITIES)
        .query("groupId", params.group_id)
        .query("authGrants", params.auth_grants)
        .query("actions", params.actions)
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
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

/// A request to `/user-admin/ui-identities/{uiIdentityId}` followed by `tail`.
fn user_request(
    operation: &'static str,
    method: Method,
    ui_identity_id: &str,
    tail: &[&'static str],
) -> Result<Request, IamError> {
    let id = path_param(operation, "uiIdentityId", ui_identity_id)?;
    Ok(Request::new(operation, method, UI_IDENTITIES)
        .segment(id)
        .segments(tail))
}

fn create_user(params: &CreateUserParams) -> Result<Request, IamError> {
    params.body.validate(CREATE_USER)?;
    Request::post(CREATE_USER, UI_IDENTITIES)
        .query("sendEmail", params.send_email)
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
        .expect(&[201])
        .body(&params.body)
}

fn update_user_info(params: &UpdateUserInfoParams) -> Result<Request, IamError> {
    params.body.validate(UPDATE_USER_INFO)?;
    user_request(
        UPDATE_USER_INFO,
        Method::Put,
        &params.ui_identity_id,
        &["basic-info"],
    )?
    .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
    .body(&params.body)
}

fn remove_user(params: &RemoveUserParams) -> Result<Request, IamError> {
    Ok(
        user_request(REMOVE_USER, Method::Delete, &params.ui_identity_id, &[])?
            .expect(&[204])
            .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()),
    )
}

fn update_user_auth_grants(params: &UpdateUserAuthGrantsParams) -> Result<Request, IamError> {
    if params.body.is_empty() {
        return Err(IamError::validation(
            UPDATE_USER_AUTH_GRANTS,
            Some("body"),
            "must assign at least one role",
        ));
    }
    user_request(
        UPDATE_USER_AUTH_GRANTS,
        Method::Put,
        &params.ui_identity_id,
        &["auth-grants"],
    )?
    .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
    .body(&params.body)
}

/// A request to `.../{uiIdentityId}/groups/{groupId}/blocked-properties`.
fn blocked_properties(
    operation: &'static str,
    method: Method,
    ui_identity_id: &str,
    group_id: u64,
) -> Result<Request, IamError> {
    Ok(
        user_request(operation, method, ui_identity_id, &["groups"])?
            .segment(group_id.to_string())
            .segments(&["blocked-properties"]),
    )
}

fn list_blocked_properties(params: &ListBlockedPropertiesParams) -> Result<Request, IamError> {
    Ok(blocked_properties(
        LIST_BLOCKED_PROPERTIES,
        Method::Get,
        &params.ui_identity_id,
        params.group_id,
    )?
    .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

fn update_blocked_properties(params: &UpdateBlockedPropertiesParams) -> Result<Request, IamError> {
    blocked_properties(
        UPDATE_BLOCKED_PROPERTIES,
        Method::Put,
        &params.ui_identity_id,
        params.group_id,
    )?
    .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
    .body(&params.body)
}

fn lock_user(params: &LockUserParams) -> Result<Request, IamError> {
    Ok(
        user_request(LOCK_USER, Method::Post, &params.ui_identity_id, &["lock"])?
            .expect(&[204])
            .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()),
    )
}

fn unlock_user(params: &UnlockUserParams) -> Result<Request, IamError> {
    Ok(user_request(
        UNLOCK_USER,
        Method::Post,
        &params.ui_identity_id,
        &["unlock"],
    )?
    .expect(&[204])
    .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

fn reset_user_password(params: &ResetUserPasswordParams) -> Result<Request, IamError> {
    Ok(user_request(
        RESET_USER_PASSWORD,
        Method::Post,
        &params.ui_identity_id,
        &["reset-password"],
    )?
    .expect(&[200, 204])
    .query("sendEmail", params.send_email)
    .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

fn set_user_password(params: &SetUserPasswordParams) -> Result<Request, IamError> {
    user_request(
        SET_USER_PASSWORD,
        Method::Post,
        &params.ui_identity_id,
        &["set-password"],
    )?
    .expect(&[204])
    .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
    .body(&params.body)
}

fn update_user_mfa(params: &UpdateUserMfaParams) -> Result<Request, IamError> {
    user_request(
        UPDATE_USER_MFA,
        Method::Put,
        &params.ui_identity_id,
        &["additionalAuthentication"],
    )?
    .expect(&[204])
    .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
    .body(&params.body)
}

fn reset_user_mfa(params: &ResetUserMfaParams) -> Result<Request, IamError> {
    Ok(user_request(
        RESET_USER_MFA,
        Method::Put,
        &params.ui_identity_id,
        &["additionalAuthentication", "reset"],
    )?
    .expect(&[204])
    .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

fn update_user_notifications(params: &UpdateUserNotificationsParams) -> Result<Request, IamError> {
    user_request(
        UPDATE_USER_NOTIFICATIONS,
        Method::Put,
        &params.ui_identity_id,
        &["notifications"],
    )?
    .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
    .body(&params.body)
}

#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn registry() -> Vec<crate::api::registry::Entry> {
    use crate::api::registry::{entry, no_content};
    vec![
        entry::<_, Vec<User>>(LIST_USERS, "GET /user-admin/ui-identities", list_users),
        entry::<_, User>(
            GET_USER,
            "GET /user-admin/ui-identities/{uiIdentityId}",
            get_user,
        ),
        entry::<_, User>(CREATE_USER, "POST /user-admin/ui-identities", create_user),
        entry::<_, UserBasicInfo>(
            UPDATE_USER_INFO,
            "PUT /user-admin/ui-identities/{uiIdentityId}/basic-info",
            update_user_info,
        ),
        no_content(
            REMOVE_USER,
            "DELETE /user-admin/ui-identities/{uiIdentityId}",
            remove_user,
        ),
        entry::<_, Vec<AuthGrant>>(
            UPDATE_USER_AUTH_GRANTS,
            "PUT /user-admin/ui-identities/{uiIdentityId}/auth-grants",
            update_user_auth_grants,
        ),
        entry::<_, BlockedPropertyIds>(
            LIST_BLOCKED_PROPERTIES,
            "GET /user-admin/ui-identities/{uiIdentityId}/groups/{groupId}/blocked-properties",
            list_blocked_properties,
        ),
        entry::<_, BlockedPropertyIds>(
            UPDATE_BLOCKED_PROPERTIES,
            "PUT /user-admin/ui-identities/{uiIdentityId}/groups/{groupId}/blocked-properties",
            update_blocked_properties,
        ),
        no_content(
            LOCK_USER,
            "POST /user-admin/ui-identities/{uiIdentityId}/lock",
            lock_user,
        ),
        no_content(
            UNLOCK_USER,
            "POST /user-admin/ui-identities/{uiIdentityId}/unlock",
            unlock_user,
        ),
        entry::<_, Option<ResetUserPasswordResult>>(
            RESET_USER_PASSWORD,
            "POST /user-admin/ui-identities/{uiIdentityId}/reset-password",
            reset_user_password,
        ),
        no_content(
            SET_USER_PASSWORD,
            "POST /user-admin/ui-identities/{uiIdentityId}/set-password",
            set_user_password,
        ),
        no_content(
            UPDATE_USER_MFA,
            "PUT /user-admin/ui-identities/{uiIdentityId}/additionalAuthentication",
            update_user_mfa,
        ),
        no_content(
            RESET_USER_MFA,
            "PUT /user-admin/ui-identities/{uiIdentityId}/additionalAuthentication/reset",
            reset_user_mfa,
        ),
        entry::<_, UserNotifications>(
            UPDATE_USER_NOTIFICATIONS,
            "PUT /user-admin/ui-identities/{uiIdentityId}/notifications",
            update_user_notifications,
        ),
    ]
}

/// Params of `listUsers`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListUsersParams {
    /// Only users with access to this group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<u64>,
    /// Include each user's group and role assignments (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_grants: Option<bool>,
    /// Include the actions you can take on each user (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<bool>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    pub auth_grants: Option<bool>,
    /// Include the user's notification settings (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notifications: Option<bool>,
    /// Include the actions you can take on the user (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<bool>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Declares the params of an operation whose only params are the user's ID and the
/// `accountSwitchKey`.
macro_rules! user_id_params {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            /// The user's unique identifier.
            pub ui_identity_id: String,
            /// Run the operation from another account; wins over the client's.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub account_switch_key: Option<String>,
        }
    )+};
}

user_id_params! {
    /// Params of `removeUser`.
    RemoveUserParams;
    /// Params of `lockUser`.
    LockUserParams;
    /// Params of `unlockUser`.
    UnlockUserParams;
    /// Params of `resetUserMfa`.
    ResetUserMfaParams;
}

/// Params of `createUser`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateUserParams {
    /// Email the new user a one-time password (`true` by default); with `false`, the result may
    /// carry it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_email: Option<bool>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
    /// The new user.
    pub body: CreateUserRequest,
}

/// Params of `updateUserInfo`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateUserInfoParams {
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
    /// The user's new basic information.
    pub body: UpdateUserBasicInfoRequest,
}

/// Params of `updateUserAuthGrants`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateUserAuthGrantsParams {
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
    /// Every group and role assignment the user keeps: at least one group role.
    pub body: Vec<AuthGrantRequest>,
}

/// Params of `listBlockedProperties`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListBlockedPropertiesParams {
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// The group's identifier.
    pub group_id: u64,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `updateBlockedProperties`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateBlockedPropertiesParams {
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// The group's identifier.
    pub group_id: u64,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
    /// The IDs of every property and include to block; the others are unblocked.
    pub body: Vec<u64>,
}

/// Params of `resetUserPassword`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResetUserPasswordParams {
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// Email the user the one-time password (`true` by default); with `false` it is returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_email: Option<bool>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `setUserPassword`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetUserPasswordParams {
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
    /// The new password.
    pub body: SetPasswordRequest,
}

/// Params of `updateUserMfa`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateUserMfaParams {
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
    /// The new method.
    pub body: AdditionalAuthenticationRequest,
}

/// Params of `updateUserNotifications`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateUserNotificationsParams {
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
    /// The new settings.
    pub body: NotificationsRequest,
}

// ---------------------------------------------------------------- request bodies

/// The new user of `createUser`. Give `authGrants`, `cloneFrom` or both.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateUserRequest {
    /// First name.
    pub first_name: String,
    /// Surname.
    pub last_name: String,
    /// Email address; the user gets a one-time code there at their first login.
    pub email: String,
    /// Country, one of `listCountries`.
    pub country: String,
    /// Multi-factor authentication method.
    pub additional_authentication: AdditionalAuthentication,
    /// Role assignments per group (at least one group role), unless `cloneFrom` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_grants: Option<Vec<AuthGrantRequest>>,
    /// The username of a user whose role assignments the new user gets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clone_from: Option<String>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State or province (USA and Canada), one of `listStates`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Contact type, one of `listContactTypes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_type: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Phone number, ITU-T E.164 (`+441234567891`) or ten digits in the USA and Canada.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Mobile phone number, in the same formats as `phone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    /// Secondary email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_email: Option<String>,
    /// Language, one of `listLanguages`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_language: Option<String>,
    /// Session timeout in seconds, one of `listTimeoutPolicies`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_time_out: Option<u64>,
    /// Time zone, one of `listTimeZones`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Email notification settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notifications: Option<CreateUserNotifications>,
}

impl CreateUserRequest {
    /// The checks the API would refuse the body for: email formats, and some role assignment.
    fn validate(&self, operation: &str) -> Result<(), IamError> {
        validate::field(operation, "email", &self.email, validate::email)?;
        if let Some(secondary) = &self.secondary_email {
            validate::field(operation, "secondaryEmail", secondary, validate::email)?;
        }
        let no_grants = self.auth_grants.as_ref().is_none_or(Vec::is_empty);
        if no_grants && self.clone_from.is_none() {
            return Err(IamError::validation(
                operation,
                Some("authGrants"),
                "give role assignments in `authGrants` or a user to clone them from in `cloneFrom`",
            ));
        }
        Ok(())
    }
}

/// A user's basic information, as `updateUserInfo` and `updateMyProfile` send it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateUserBasicInfoRequest {
    /// First name (at most 50 characters).
    pub first_name: String,
    /// Surname (at most 50 characters).
    pub last_name: String,
    /// Country, one of `listCountries`.
    pub country: String,
    /// Language, one of `listLanguages`.
    pub preferred_language: String,
    /// Session timeout in seconds, one of `listTimeoutPolicies`.
    pub session_time_out: u64,
    /// Time zone, one of `listTimeZones`.
    pub time_zone: String,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Secondary email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_email: Option<String>,
    /// Multi-factor authentication method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_authentication: Option<AdditionalAuthentication>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State or province (USA and Canada), one of `listStates`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Contact type, one of `listContactTypes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_type: Option<String>,
    /// Job title (at most 75 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Phone number, ITU-T E.164 (`+441234567891`) or ten digits in the USA and Canada.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Mobile phone number, in the same formats as `phone`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
}

impl UpdateUserBasicInfoRequest {
    /// Checks the email addresses that are given.
    pub(crate) fn validate(&self, operation: &str) -> Result<(), IamError> {
        for (field, value) in [
            ("email", &self.email),
            ("secondaryEmail", &self.secondary_email),
        ] {
            if let Some(value) = value {
                validate::field(operation, field, value, validate::email)?;
            }
        }
        Ok(())
    }
}

/// One group or account role assignment to give a user. A group role names `groupId`; its
/// `roleId` may be `null` to leave the role the group inherits. An account role has no `groupId`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthGrantRequest {
    /// The role, one of `listRoles`; `null` in a group role for the inherited one.
    #[serde(deserialize_with = "present")]
    #[tsify(type = "number | null")]
    pub role_id: Option<u64>,
    /// The group, one of `listGroups`; absent for an account role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<u64>,
    /// The group's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// Whether the user's access to the group is blocked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_blocked: Option<bool>,
    /// The role's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_name: Option<String>,
    /// The role's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_description: Option<String>,
    /// Assignments in the group's subgroups; permissions cascade to those not blocked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_groups: Option<Vec<AuthGrantRequestSubGroup>>,
}

/// A role assignment in a subgroup of an `AuthGrantRequest`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthGrantRequestSubGroup {
    /// The subgroup.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<u64>,
    /// The subgroup's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// Whether the user's access to the subgroup is blocked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_blocked: Option<bool>,
    /// The role; `null` for the one inherited from the parent group.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[tsify(optional, type = "number | null")]
    pub role_id: Option<Option<u64>>,
    /// Assignments further down, sent as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Record<string, unknown>[]")]
    pub sub_groups: Option<Vec<Map<String, Value>>>,
}

/// A field that must be given but may be `null`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    Option::deserialize(deserializer)
}

/// An optional field that may be `null`: absent is `None`, `null` is `Some(None)`.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::deserialize(deserializer).map(Some)
}

/// A multi-factor authentication method to set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AdditionalAuthenticationRequest {
    /// The method.
    pub value: AdditionalAuthentication,
}

/// Email notification settings to set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NotificationsRequest {
    /// Whether the user receives email notifications at all.
    pub enable_email_notifications: bool,
    /// Which notifications.
    pub options: NotificationOptionsRequest,
}

/// Which email notifications to receive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NotificationOptionsRequest {
    /// Whether to be told before the password expires.
    pub password_expiry: bool,
    /// Products to receive proactive notices of, from `listNotificationProducts`.
    pub proactive: Vec<String>,
    /// Products to receive upgrade notices of, from `listNotificationProducts`.
    pub upgrade: Vec<String>,
    /// Whether group administrators are told when the user creates users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_user_notification: Option<bool>,
    /// Whether to be told before API client credentials expire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_client_credential_expiry_notification: Option<bool>,
}

/// Email notification settings of a new user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateUserNotifications {
    /// Whether the user receives email notifications at all.
    pub enable_email_notifications: bool,
    /// Which notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<CreateUserNotificationOptions>,
}

/// Which email notifications a new user receives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateUserNotificationOptions {
    /// Whether the user is told before their password expires.
    pub password_expiry: bool,
    /// Whether group administrators are told when the user creates users.
    pub new_user_notification: bool,
    /// Products the user receives proactive notices of, from `listNotificationProducts`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proactive: Option<Vec<String>>,
    /// Products the user receives upgrade notices of, from `listNotificationProducts`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade: Option<Vec<String>>,
    /// Whether the user is told before API client credentials expire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_client_credential_expiry_notification: Option<bool>,
}

/// A new password. `Debug` does not show it.
#[derive(Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetPasswordRequest {
    /// The new password.
    pub new_password: String,
}

impl fmt::Debug for SetPasswordRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SetPasswordRequest")
            .field("new_password", &"<redacted>")
            .finish()
    }
}

// ---------------------------------------------------------------- results

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
    pub ui_user_name: Option<String>,
    /// The account the user belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Whether the user's account is locked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_locked: Option<bool>,
    /// Whether two-factor authentication is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tfa_enabled: Option<bool>,
    /// Whether two-factor authentication is configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tfa_configured: Option<bool>,
    /// ISO 8601 time of the user's last login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login_date: Option<String>,
    /// ISO 8601 time the user's password expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_expiry_date: Option<String>,
    /// Group and role assignments, with `authGrants: true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_grants: Option<Vec<AuthGrant>>,
    /// What you can do to the user, with `actions: true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<UserActions>,
    /// Notification settings, with `notifications: true` (`getUser`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notifications: Option<UserNotifications>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Contact type, e.g. `Billing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_type: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Main phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Mobile phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    /// Secondary email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_email: Option<String>,
    /// Whether a change of email address awaits confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_update_pending: Option<bool>,
    /// Preferred language, e.g. `English`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_language: Option<String>,
    /// Session timeout in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_time_out: Option<u64>,
    /// Time zone, e.g. `GMT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    pub role_description: Option<String>,
    /// The group's identifier; absent for account-wide roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<u64>,
    /// The group's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// Whether the user's access to the group is blocked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

/// A user's basic information, as `updateUserInfo` returns it. Unknown fields are kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct UserBasicInfo {
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// The user's first name.
    pub first_name: String,
    /// The user's surname.
    pub last_name: String,
    /// The user's email address.
    pub email: String,
    /// The user's country.
    pub country: String,
    /// The user's multi-factor authentication method.
    pub additional_authentication: AdditionalAuthentication,
    /// Whether the user has multi-factor authentication configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_authentication_configured: Option<bool>,
    /// The user's username in Control Center.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ui_user_name: Option<String>,
    /// The account the user belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Whether the user's account is locked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_locked: Option<bool>,
    /// Whether two-factor authentication is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tfa_enabled: Option<bool>,
    /// Whether two-factor authentication is configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tfa_configured: Option<bool>,
    /// ISO 8601 time of the user's last login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_login_date: Option<String>,
    /// ISO 8601 time the user's password expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_expiry_date: Option<String>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Contact type, e.g. `Billing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_type: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Main phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Mobile phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    /// Secondary email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_email: Option<String>,
    /// Whether a change of email address awaits confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_update_pending: Option<bool>,
    /// Preferred language, e.g. `English`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_language: Option<String>,
    /// Session timeout in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_time_out: Option<u64>,
    /// Time zone, e.g. `GMT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// The IDs of the properties and includes a user cannot access in a group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct BlockedPropertyIds(pub Vec<u64>);

/// The one-time password of `resetUserPassword` with `sendEmail: false`. `Debug` does not show it.
#[derive(Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct ResetUserPasswordResult {
    /// The one-time password.
    pub new_password: String,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

impl fmt::Debug for ResetUserPasswordResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResetUserPasswordResult")
            .field("new_password", &"<redacted>")
            .field("extra", &self.extra)
            .finish()
    }
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
        let request = create_user(&create_params(new_user())).expect("valid");
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
        let error = create_user(&create_params(body)).expect_err("refused");
        assert_eq!(error.kind, IamErrorKind::Validation);
        assert_eq!(error.field.as_deref(), Some("email"));

        let mut body = new_user();
        body["secondaryEmail"] = json!("not an email");
        let error = create_user(&create_params(body)).expect_err("refused");
        assert_eq!(error.field.as_deref(), Some("secondaryEmail"));

        let mut body = new_user();
        body.as_object_mut().map(|b| b.remove("authGrants"));
        let error = create_user(&create_params(body.clone())).expect_err("refused");
        assert_eq!(error.field.as_deref(), Some("authGrants"));
        body["cloneFrom"] = json!("jsmith");
        assert!(create_user(&create_params(body)).is_ok());
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
        let error = update_user_auth_grants(&params).expect_err("refused");
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
        let request = update_user_info(&params).expect("valid");
        assert_eq!(request.method, Method::Put);
        assert_eq!(
            url(&request),
            "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities/A%2FB/basic-info"
        );
        params.body.secondary_email = Some("b@".into());
        let error = update_user_info(&params).expect_err("refused");
        assert_eq!(error.field.as_deref(), Some("secondaryEmail"));
        assert_eq!(error.operation, "updateUserInfo");
    }

    #[test]
    fn blocked_properties_path_has_both_ids() {
        let request = update_blocked_properties(&UpdateBlockedPropertiesParams {
            ui_identity_id: "A-B-1".into(),
            group_id: 54321,
            account_switch_key: None,
            body: vec![11111111, 22222222],
        })
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
        let lock = lock_user(&id("A").expect("valid")).expect("valid");
        assert_eq!((lock.method, lock.expected), (Method::Post, &[204][..]));
        assert_eq!(lock.path, ["user-admin", "ui-identities", "A", "lock"]);
        let remove = remove_user(&RemoveUserParams {
            ui_identity_id: "A".into(),
            account_switch_key: None,
        })
        .expect("valid");
        assert_eq!(
            (remove.method, remove.expected),
            (Method::Delete, &[204][..])
        );
        let error = unlock_user(&UnlockUserParams::default()).expect_err("refused");
        assert_eq!(error.field.as_deref(), Some("uiIdentityId"));
        let mfa = reset_user_mfa(&ResetUserMfaParams {
            ui_identity_id: "A".into(),
            account_switch_key: None,
        })
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
        let request = reset_user_password(&ResetUserPasswordParams {
            ui_identity_id: "A".into(),
            send_email: Some(false),
            account_switch_key: None,
        })
        .expect("valid");
        assert_eq!(request.expected, [200, 204]);
        assert_eq!(request.query, [("sendEmail", "false".to_owned())]);
        let token: Option<ResetUserPasswordResult> =
            outcome(&request, 200, "OK", r#"{"newPassword": "One-Time!1"}"#).expect("200");
        let token = token.expect("a token");
        assert_eq!(token.new_password, "One-Time!1");
        assert!(!format!("{token:?}").contains("One-Time"));
        let none: Option<ResetUserPasswordResult> = outcome(&request, 204, "", "").expect("204");
        assert!(none.is_none());
    }
}
