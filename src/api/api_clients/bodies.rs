//! API clients: the request bodies the operations send (strict: unknown keys are refused).

use super::*;

/// Who owns an API client and manages its credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ApiClientType {
    /// The creator owns the client and manages its credentials.
    Client,
    /// Another user owns the client and manages its credentials.
    UserClient,
    /// Only the authorized users manage the client's credentials.
    ServiceAccount,
}

impl ApiClientType {
    /// The value as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiClientType::Client => "CLIENT",
            ApiClientType::UserClient => "USER_CLIENT",
            ApiClientType::ServiceAccount => "SERVICE_ACCOUNT",
        }
    }
}

strict_enum!(ApiClientType: "CLIENT", "USER_CLIENT", "SERVICE_ACCOUNT");

/// An API client's access level to one API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
pub enum ApiAccessLevel {
    /// Read only.
    #[serde(rename = "READ-ONLY")]
    ReadOnly,
    /// Read and write.
    #[serde(rename = "READ-WRITE")]
    ReadWrite,
}

strict_enum!(ApiAccessLevel: "READ-ONLY", "READ-WRITE");

strict! {
    /// The body of `createApiClient` (schema `api-client-post-request-v3`).
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct CreateApiClientRequest {
        /// Who owns the client and manages its credentials.
        pub client_type: ApiClientType,
        ..api_client_access_body,
        /// Whether the client can manage more than one account (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub allow_account_switch: Option<bool>,
        /// Whether the client can create credentials for new clients (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub can_auto_create_credential: Option<bool>,
        /// Create a credential with the client (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub create_credential: Option<bool>,
        ..api_client_safeguards_body,
    }
}

strict! {
    /// The body of `updateApiClient` (schema `api-client-update-request-v3`).
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateApiClientRequest {
        ..api_client_access_body,
        /// Whether the client can manage more than one account.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub allow_account_switch: Option<bool>,
        /// Whether the client can create credentials for new clients (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub can_auto_create_credential: Option<bool>,
        ..api_client_safeguards_body,
    }
}

strict! {
    /// The APIs an API client will access: all of them, or those in `apis`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ApiClientApiAccessRequest {
        /// Access every API available (at most 99 services).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub all_accessible_apis: Option<bool>,
        /// The APIs to access when not all (see `listAllowedApis`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub apis: Option<Vec<ApiClientApiRequest>>,
    }
}

strict! {
    /// One API an API client will access.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ApiClientApiRequest {
        /// The API's identifier (see `listAllowedApis`).
        pub api_id: u64,
        /// The access level.
        pub access_level: ApiAccessLevel,
        /// The API's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub api_name: Option<String>,
        /// The API's description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
        /// Link to the API's documentation.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub documentation_url: Option<String>,
        /// The API's base path, e.g. `/reporting-api`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub end_point: Option<String>,
    }
}

strict! {
    /// The groups an API client will access: its authorized user's, or those in `groups`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ApiClientGroupAccessRequest {
        /// Clone the authorized user's group access; when `false`, `groups` is required.
        pub clone_authorized_user_groups: bool,
        /// The groups and roles to grant (see `listAccessibleGroups`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub groups: Option<Vec<ApiClientGroupRequest>>,
    }
}

strict! {
    /// A group and role granted to an API client.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ApiClientGroupRequest {
        ..api_client_group,
        /// Subgroups, as `listAccessibleGroups` gives them (free-form in the spec).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[tsify(optional, type = "Record<string, unknown>[]")]
        pub sub_groups: Option<Vec<Map<String, Value>>>,
    }
}

strict! {
    /// An API client's IP allowlist, as sent.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ApiClientIpAclRequest {
        /// Whether the allowlist applies.
        pub enable: bool,
        /// IP addresses or CIDR blocks allowed, e.g. `192.0.2.0/24`.
        pub cidr: Vec<String>,
    }
}

strict! {
    /// An API client's Fast Purge settings, as sent.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ApiClientPurgeOptionsRequest {
        /// Whether the client can purge by cache tag.
        pub can_purge_by_cache_tag: bool,
        /// Whether the client can purge by CP code.
        pub can_purge_by_cpcode: bool,
        /// The CP codes the client can purge.
        pub cpcode_access: ApiClientCpcodeAccessRequest,
    }
}

strict! {
    /// The CP codes an API client can purge, as sent.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ApiClientCpcodeAccessRequest {
        /// Every current and future CP code.
        pub all_current_and_new_cpcodes: bool,
        /// These CP codes (see `listAllowedCpCodes`).
        pub cpcodes: Vec<u64>,
    }
}

strict! {
    /// The body of `listAllowedCpCodes` (schema `allowed-cpcodes-request`).
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct AllowedCpCodesRequest {
        /// The client type the CP codes are for.
        pub client_type: ApiClientType,
        /// The groups whose CP codes to list.
        pub groups: Vec<ApiClientGroupRequest>,
    }
}
