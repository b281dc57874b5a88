//! The field groups that several models share, each declared once with [`field_group!`] and
//! spliced into params, bodies and results with `..name` (see [`model!`]).
//!
//! A group keeps its fields' order, types, serde attributes and doc comments wherever it stands,
//! so the TypeScript, the serde behaviour and the strict schema are those of the fields written
//! out. Result types reach TypeScript as `{ .. } & Record<string, unknown>`, without field docs.

field_group! {
    /// `accountSwitchKey`, which every params type takes.
    account_switch_key {
        /// Run the operation from another account; wins over the client's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_switch_key: Option<String>,
    }
}

field_group! {
    /// The last field of every result: what the API sent that the type does not name.
    extra {
        /// Fields this type does not name, kept as they came.
        #[serde(flatten)]
        #[tsify(type = "Record<string, unknown>")]
        pub extra: serde_json::Map<String, serde_json::Value>,
    }
}

field_group! {
    /// Who created and last changed a group, property, role or CIDR block, and when.
    audit {
        /// Who created it.
        pub created_by: String,
        /// ISO 8601 time it was created.
        pub created_date: String,
        /// Who last changed it.
        pub modified_by: String,
        /// ISO 8601 time it was last changed.
        pub modified_date: String,
    }
}

field_group! {
    /// Who a user is, in every result that describes one.
    user_identity {
        /// The user's unique identifier.
        pub ui_identity_id: String,
        /// The user's first name.
        pub first_name: String,
        /// The user's surname.
        pub last_name: String,
        /// The user's email address.
        pub email: String,
    }
}

field_group! {
    /// A user's login and account state, as `getUser` and `updateUserInfo` return it.
    user_login_state {
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
    }
}

field_group! {
    /// A user's postal address, all optional (users, sent and returned).
    postal_address {
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
    }
}

field_group! {
    /// A user's phone numbers, both optional (users, sent and returned).
    phone_numbers {
        /// Phone number, ITU-T E.164 (`+441234567891`) or ten digits in the USA and Canada.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub phone: Option<String>,
        /// Mobile phone number, in the same formats as `phone`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub mobile_phone: Option<String>,
    }
}

field_group! {
    /// How to reach a user and in what role, all optional (`createUser`, and the user results).
    user_contact {
        /// Contact type, one of `listContactTypes`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub contact_type: Option<String>,
        /// Job title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub job_title: Option<String>,
        ..phone_numbers,
        /// Secondary email address.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub secondary_email: Option<String>,
    }
}

field_group! {
    /// A user's language, session timeout and time zone, all optional (`createUser`, and the
    /// user results).
    user_preferences {
        /// Language, one of `listLanguages`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub preferred_language: Option<String>,
        /// Session timeout in seconds, one of `listTimeoutPolicies`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_time_out: Option<u64>,
        /// Time zone, one of `listTimeZones`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub time_zone: Option<String>,
    }
}

field_group! {
    /// A group and role of an API client, sent and returned (all but its subgroups).
    api_client_group {
        /// The group's identifier.
        pub group_id: u64,
        /// The role's identifier.
        pub role_id: u64,
        /// The group's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub group_name: Option<String>,
        /// Whether access to the group is blocked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_blocked: Option<bool>,
        /// The parent group's identifier.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub parent_group_id: Option<u64>,
        /// The role's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub role_name: Option<String>,
        /// The role's description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub role_description: Option<String>,
    }
}

field_group! {
    /// Who uses and hears of an API client, who created it and when, and whether it is locked, as
    /// every API client result gives them.
    api_client_record {
        /// The client's authorized users, by username.
        pub authorized_users: Vec<String>,
        /// Who is told when its credentials are about to expire.
        pub notification_emails: Vec<String>,
        /// The user who created the client.
        pub created_by: String,
        /// ISO 8601 time the client was created.
        pub created_date: String,
        /// Whether the client is locked.
        pub is_locked: bool,
    }
}

field_group! {
    /// Who an API client is for, what it accesses and what it is called, as `createApiClient` and
    /// `updateApiClient` send them.
    api_client_access_body {
        /// The client's one authorized user, by username (see `listAuthorizedUsers`).
        pub authorized_users: Vec<String>,
        /// The APIs the client can access.
        pub api_access: ApiClientApiAccessRequest,
        /// The groups the client can access.
        pub group_access: ApiClientGroupAccessRequest,
        /// The client's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_name: Option<String>,
        /// The client's description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_description: Option<String>,
    }
}

field_group! {
    /// An API client's expiry notices, IP allowlist and purge options, as `createApiClient` and
    /// `updateApiClient` send them.
    api_client_safeguards_body {
        /// Who is told when the client's credentials are about to expire.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub notification_emails: Option<Vec<String>>,
        /// The client's IP allowlist.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ip_acl: Option<ApiClientIpAclRequest>,
        /// Fast Purge settings, when `apiAccess` includes `CCU APIs`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub purge_options: Option<ApiClientPurgeOptionsRequest>,
    }
}

field_group! {
    /// A credential as the responses that create it return it (`createCredential`, and each
    /// credential of `createApiClient`'s result): its settings and its one-time secret.
    new_credential {
        /// The credential's identifier.
        pub credential_id: u64,
        /// The part of the credential that identifies the API client.
        pub client_token: String,
        /// The credential's secret, only in the response that creates the credential: store it now.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[tsify(optional, type = "string")]
        pub client_secret: Option<ClientSecret>,
        /// ISO 8601 time the credential was created.
        pub created_on: String,
        /// ISO 8601 time the credential expires.
        pub expires_on: String,
        /// `ACTIVE`, `INACTIVE` or `DELETED` (kept as text: the API may add statuses).
        pub status: String,
        /// The credential's description (may be empty).
        pub description: String,
    }
}
