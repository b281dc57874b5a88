//! Users: the request bodies the operations send (strict: unknown keys are refused).

use super::*;

strict! {
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
        ..postal_address,
        ..user_contact,
        ..user_preferences,
        /// Email notification settings.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub notifications: Option<CreateUserNotifications>,
    }
}

strict! {
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
        ..postal_address,
        /// Contact type, one of `listContactTypes`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub contact_type: Option<String>,
        /// Job title (at most 75 characters).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub job_title: Option<String>,
        ..phone_numbers,
    }
}

strict! {
    /// One group or account role assignment to give a user. A group role names `groupId`; its
    /// `roleId` may be `null` to leave the role the group inherits. An account role has no `groupId`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct AuthGrantRequest {
        /// The role, one of `listRoles`; `null` in a group role for the inherited one.
        #[serde(deserialize_with = "present")]
        #[tsify(type = "number | null")]
        (required) pub role_id: Option<u64>,
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
}

strict! {
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

strict! {
    /// A multi-factor authentication method to set.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct AdditionalAuthenticationRequest {
        /// The method.
        pub value: AdditionalAuthentication,
    }
}

strict! {
    /// Email notification settings to set.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct NotificationsRequest {
        /// Whether the user receives email notifications at all.
        pub enable_email_notifications: bool,
        /// Which notifications.
        pub options: NotificationOptionsRequest,
    }
}

strict! {
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
}

strict! {
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
}

strict! {
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
}

strict! {
    /// A new password. `Debug` does not show it.
    #[derive(Clone, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct SetPasswordRequest {
        /// The new password.
        pub new_password: String,
    }
}

impl fmt::Debug for SetPasswordRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SetPasswordRequest")
            .field("new_password", &"<redacted>")
            .finish()
    }
}
