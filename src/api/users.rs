//! Users: the `Users` section of the IAM API docs (`/user-admin/ui-identities`), and the request
//! bodies the `user_profile` section shares with it (basic info, MFA, notifications).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::IamClient;

use crate::op::{Check, Rule};
use crate::schema::Json;

/// A user's email, when given, is an email address.
pub(crate) const EMAIL: Check = Check("body.email", Rule::Email);
/// A user's secondary email, when given, is an email address.
pub(crate) const SECONDARY_EMAIL: Check = Check("body.secondaryEmail", Rule::Email);

/// A new user gets role assignments of their own or clones another user's.
fn grants_or_clone(params: &Json) -> Result<(), (&'static str, &'static str)> {
    let body = params.get("body");
    let no_grants = match body.get("authGrants") {
        Json::List(grants) => grants.is_empty(),
        _ => true,
    };
    if no_grants && body.get("cloneFrom").is_nothing() {
        return Err((
            "body.authGrants",
            "give role assignments in `authGrants` or a user to clone them from in `cloneFrom`",
        ));
    }
    Ok(())
}

operations! {
    LIST_USERS = "listUsers", fn list_users(Option<ListUsersParams>) -> Vec<Ts<User>> = "Promise<User[]>", [200];
        " List users."
        route " `GET /identity-management/v3/user-admin/ui-identities`";

    GET_USER = "getUser", fn get_user(GetUserParams) -> Ts<User> = "Promise<User>", [200];
        " Get a user."
        route " `GET /identity-management/v3/user-admin/ui-identities/{uiIdentityId}`";

    CREATE_USER = "createUser", fn create_user(CreateUserParams) -> Ts<User> = "Promise<User>", [201];
        " Create a user, with role assignments of their own or cloned from another user's."
        route " `POST /identity-management/v3/user-admin/ui-identities`"
        checks [EMAIL, SECONDARY_EMAIL, Check("body", Rule::Custom(grants_or_clone))];

    UPDATE_USER_INFO = "updateUserInfo", fn update_user_info(UpdateUserInfoParams) -> Ts<UserBasicInfo> = "Promise<UserBasicInfo>", [200];
        " Update a user's basic information."
        route " `PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/basic-info`"
        checks [EMAIL, SECONDARY_EMAIL];

    REMOVE_USER = "removeUser", fn remove_user(RemoveUserParams) -> () = "Promise<void>", [204];
        " Remove a user."
        route " `DELETE /identity-management/v3/user-admin/ui-identities/{uiIdentityId}`";

    UPDATE_USER_AUTH_GRANTS = "updateUserAuthGrants", fn update_user_auth_grants(UpdateUserAuthGrantsParams) -> Vec<Ts<AuthGrant>> = "Promise<AuthGrant[]>", [200];
        " Replace a user's group and role assignments."
        route " `PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/auth-grants`"
        checks [Check("body", Rule::NotEmpty("must assign at least one role"))];

    LIST_BLOCKED_PROPERTIES = "listBlockedProperties", fn list_blocked_properties(ListBlockedPropertiesParams) -> Ts<BlockedPropertyIds> = "Promise<BlockedPropertyIds>", [200];
        " List the IDs of the properties and includes a user cannot access in a group."
        route " `GET /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/groups/{groupId}/blocked-properties`";

    UPDATE_BLOCKED_PROPERTIES = "updateBlockedProperties", fn update_blocked_properties(UpdateBlockedPropertiesParams) -> Ts<BlockedPropertyIds> = "Promise<BlockedPropertyIds>", [200];
        " Replace the list of properties and includes a user cannot access in a group: IDs left"
        " out are unblocked."
        route " `PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/groups/{groupId}/blocked-properties`";

    LOCK_USER = "lockUser", fn lock_user(LockUserParams) -> () = "Promise<void>", [204];
        " Lock a user's account."
        route " `POST /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/lock`";

    UNLOCK_USER = "unlockUser", fn unlock_user(UnlockUserParams) -> () = "Promise<void>", [204];
        " Unlock a user's account."
        route " `POST /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/unlock`";

    RESET_USER_PASSWORD = "resetUserPassword", fn reset_user_password(ResetUserPasswordParams) -> Option<Ts<ResetUserPasswordResult>> = "Promise<ResetUserPasswordResult | undefined>", [200, 204];
        " Reset a user's password to a one-time password: emailed to the user (the default,"
        " resolving to `undefined`), or with `sendEmail: false` returned here."
        route " `POST /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/reset-password`";

    SET_USER_PASSWORD = "setUserPassword", fn set_user_password(SetUserPasswordParams) -> () = "Promise<void>", [204];
        " Set a user's password."
        route " `POST /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/set-password`";

    UPDATE_USER_MFA = "updateUserMfa", fn update_user_mfa(UpdateUserMfaParams) -> () = "Promise<void>", [204];
        " Set a user's multi-factor authentication method."
        route " `PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/additionalAuthentication`";

    RESET_USER_MFA = "resetUserMfa", fn reset_user_mfa(ResetUserMfaParams) -> () = "Promise<void>", [204];
        " Reset a user's multi-factor authentication, so they set it up again at their next login."
        route " `PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/additionalAuthentication/reset`";

    UPDATE_USER_NOTIFICATIONS = "updateUserNotifications", fn update_user_notifications(UpdateUserNotificationsParams) -> Ts<UserNotifications> = "Promise<UserNotifications>", [200];
        " Update a user's email notification settings."
        route " `PUT /identity-management/v3/user-admin/ui-identities/{uiIdentityId}/notifications`";
}

strict! {
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
        ..account_switch_key,
    }
}

strict! {
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
        ..account_switch_key,
    }
}

/// Declares the params of an operation whose only params are the user's ID and the
/// `accountSwitchKey`.
macro_rules! user_id_params {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        strict! {
            $(#[$doc])*
            #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
            #[serde(rename_all = "camelCase", deny_unknown_fields)]
            pub struct $name {
                /// The user's unique identifier.
                pub ui_identity_id: String,
                ..account_switch_key,
            }
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

strict! {
    /// Params of `createUser`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct CreateUserParams {
        /// Email the new user a one-time password (`true` by default); with `false`, the result may
        /// carry it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub send_email: Option<bool>,
        ..account_switch_key,
        /// The new user.
        pub body: CreateUserRequest,
    }
}

strict! {
    /// Params of `updateUserInfo`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateUserInfoParams {
        /// The user's unique identifier.
        pub ui_identity_id: String,
        ..account_switch_key,
        /// The user's new basic information.
        pub body: UpdateUserBasicInfoRequest,
    }
}

strict! {
    /// Params of `updateUserAuthGrants`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateUserAuthGrantsParams {
        /// The user's unique identifier.
        pub ui_identity_id: String,
        ..account_switch_key,
        /// Every group and role assignment the user keeps: at least one group role.
        pub body: Vec<AuthGrantRequest>,
    }
}

strict! {
    /// Params of `listBlockedProperties`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListBlockedPropertiesParams {
        /// The user's unique identifier.
        pub ui_identity_id: String,
        /// The group's identifier.
        pub group_id: u64,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `updateBlockedProperties`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateBlockedPropertiesParams {
        /// The user's unique identifier.
        pub ui_identity_id: String,
        /// The group's identifier.
        pub group_id: u64,
        ..account_switch_key,
        /// The IDs of every property and include to block; the others are unblocked.
        pub body: Vec<u64>,
    }
}

strict! {
    /// Params of `resetUserPassword`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ResetUserPasswordParams {
        /// The user's unique identifier.
        pub ui_identity_id: String,
        /// Email the user the one-time password (`true` by default); with `false` it is returned.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub send_email: Option<bool>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `setUserPassword`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct SetUserPasswordParams {
        /// The user's unique identifier.
        pub ui_identity_id: String,
        ..account_switch_key,
        /// The new password.
        pub body: SetPasswordRequest,
    }
}

strict! {
    /// Params of `updateUserMfa`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateUserMfaParams {
        /// The user's unique identifier.
        pub ui_identity_id: String,
        ..account_switch_key,
        /// The new method.
        pub body: AdditionalAuthenticationRequest,
    }
}

strict! {
    /// Params of `updateUserNotifications`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateUserNotificationsParams {
        /// The user's unique identifier.
        pub ui_identity_id: String,
        ..account_switch_key,
        /// The new settings.
        pub body: NotificationsRequest,
    }
}

mod bodies;
mod results;
#[cfg(test)]
mod tests;

pub use bodies::*;
pub use results::*;
