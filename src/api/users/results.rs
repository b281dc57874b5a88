//! Users: the results the operations return (unknown fields are kept).

use super::*;

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

strict_enum!(AdditionalAuthentication: "TFA", "MFA", "NONE");

model! {
    /// A user, as `listUsers` and `getUser` return it. Fields only one of them (or only some
    /// params) returns are optional; unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct User {
        ..user_identity,
        /// The user's multi-factor authentication method.
        pub additional_authentication: AdditionalAuthentication,
        /// Whether the user has multi-factor authentication configured.
        pub additional_authentication_configured: bool,
        ..user_login_state,
        /// Group and role assignments, with `authGrants: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub auth_grants: Option<Vec<AuthGrant>>,
        /// What you can do to the user, with `actions: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<UserActions>,
        /// Notification settings, with `notifications: true` (`getUser`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub notifications: Option<UserNotifications>,
        ..postal_address,
        /// Country.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub country: Option<String>,
        ..user_contact,
        /// Whether a change of email address awaits confirmation.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub email_update_pending: Option<bool>,
        ..user_preferences,
        ..extra,
    }
}

model! {
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
        ..extra,
    }
}

model! {
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
        ..extra,
    }
}

model! {
    /// A user's email notification settings.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct UserNotifications {
        /// Whether the user receives email notifications at all.
        pub enable_email_notifications: bool,
        /// Which notifications.
        pub options: NotificationOptions,
        ..extra,
    }
}

model! {
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
        ..extra,
    }
}

model! {
    /// A user's basic information, as `updateUserInfo` returns it. Unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct UserBasicInfo {
        ..user_identity,
        /// The user's country.
        pub country: String,
        /// The user's multi-factor authentication method.
        pub additional_authentication: AdditionalAuthentication,
        /// Whether the user has multi-factor authentication configured.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub additional_authentication_configured: Option<bool>,
        ..user_login_state,
        ..postal_address,
        ..user_contact,
        /// Whether a change of email address awaits confirmation.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub email_update_pending: Option<bool>,
        ..user_preferences,
        ..extra,
    }
}

/// The IDs of the properties and includes a user cannot access in a group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct BlockedPropertyIds(pub Vec<u64>);

model! {
    /// The one-time password of `resetUserPassword` with `sendEmail: false`. `Debug` does not show it.
    #[derive(Clone, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ResetUserPasswordResult {
        /// The one-time password.
        pub new_password: String,
        ..extra,
    }
}

impl fmt::Debug for ResetUserPasswordResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResetUserPasswordResult")
            .field("new_password", &"<redacted>")
            .field("extra", &self.extra)
            .finish()
    }
}
