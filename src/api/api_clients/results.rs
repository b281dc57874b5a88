//! API clients: the results the operations return (unknown fields are kept).

use super::*;

model! {
    /// An API client, as `listApiClients` returns it (schema `api-client-v3`); unknown fields are
    /// kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ApiClient {
        /// The client's identifier.
        pub client_id: String,
        /// The client's name.
        pub client_name: String,
        /// `CLIENT`, `USER_CLIENT` or `SERVICE_ACCOUNT` (kept as text: the API may add types).
        pub client_type: String,
        /// The access token part of the client's credentials.
        pub access_token: String,
        /// Identifies the client's service hostname.
        pub service_consumer_token: String,
        /// How many of its credentials are active.
        pub active_credential_count: u64,
        /// Whether the client can manage more than one account.
        pub allow_account_switch: bool,
        /// Whether the client can create credentials for new clients.
        pub can_auto_create_credential: bool,
        ..api_client_record,
        /// What you can do to the client.
        pub actions: ApiClientActions,
        /// The client's description.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_description: Option<String>,
        ..extra,
    }
}

model! {
    /// What you can do to an API client. `listApiClients` gives the first six; the others come with
    /// `getApiClient` and the create and update results.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ApiClientActions {
        /// Whether you can delete the client.
        pub delete: bool,
        /// Whether you can deactivate all its credentials.
        pub deactivate_all: bool,
        /// Whether you can update the client.
        pub edit: bool,
        /// Whether you can lock the client.
        pub lock: bool,
        /// Whether you can transfer the client to a new owner.
        pub transfer: bool,
        /// Whether you can unlock the client.
        pub unlock: bool,
        /// Whether you can change the APIs it accesses.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub edit_apis: Option<bool>,
        /// Whether you can change the groups or APIs it accesses.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub edit_auth: Option<bool>,
        /// Whether you can change the groups it accesses.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub edit_groups: Option<bool>,
        /// Whether you can change its IP allowlist.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub edit_ip_acl: Option<bool>,
        /// Whether you can change its option to manage many accounts.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub edit_switch_account: Option<bool>,
        ..extra,
    }
}

model! {
    /// An API client in detail, as `getApiClient`, `createApiClient` and `updateApiClient` return it
    /// (schema `api-client-detail-v3`). The optional parts come with the matching `getApiClient`
    /// params; unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ApiClientDetail {
        /// The client's identifier.
        pub client_id: String,
        /// The client's name.
        pub client_name: String,
        /// The client's description.
        pub client_description: String,
        /// `CLIENT`, `USER_CLIENT` or `SERVICE_ACCOUNT` (kept as text: the API may add types).
        pub client_type: String,
        /// The access token part of the client's credentials.
        pub access_token: String,
        /// The base URL the client calls.
        #[serde(rename = "baseURL")]
        pub base_url: String,
        /// How many of its credentials are active.
        pub active_credential_count: u64,
        /// Whether the client can manage more than one account.
        pub allow_account_switch: bool,
        /// Whether the client can create credentials for new clients.
        pub can_auto_create_credential: bool,
        ..api_client_record,
        /// What you can do to the client, with `actions: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<ApiClientActions>,
        /// The APIs the client can access, with `apiAccess: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub api_access: Option<ApiClientApiAccess>,
        /// The groups the client can access, with `groupAccess: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub group_access: Option<ApiClientGroupAccess>,
        /// The client's IP allowlist, with `ipAcl: true`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ip_acl: Option<ApiClientIpAcl>,
        /// The client's Fast Purge settings, when it can access `CCU APIs`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub purge_options: Option<ApiClientPurgeOptions>,
        /// The client's credentials, with `credentials: true` (and from `createApiClient` with
        /// `createCredential: true`, each with its one-time `clientSecret`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credentials: Option<Vec<ApiClientCredential>>,
        /// The API's service provider.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub service_provider_id: Option<u64>,
        ..extra,
    }
}

model! {
    /// The APIs an API client can access.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ApiClientApiAccess {
        /// Whether it can access every API available.
        pub all_accessible_apis: bool,
        /// The APIs it can access when not all.
        pub apis: Vec<ApiClientApi>,
        ..extra,
    }
}

model! {
    /// One API an API client can access.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ApiClientApi {
        /// The API's identifier.
        pub api_id: u64,
        /// The API's name.
        pub api_name: String,
        /// The API's description.
        pub description: String,
        /// `READ-ONLY` or `READ-WRITE` (kept as text: the API may add levels).
        pub access_level: String,
        /// Link to the API's documentation.
        pub documentation_url: String,
        /// The API's base path, e.g. `/reporting-api`.
        pub end_point: String,
        ..extra,
    }
}

model! {
    /// The groups an API client can access.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ApiClientGroupAccess {
        /// Whether it has its authorized user's group access.
        pub clone_authorized_user_groups: bool,
        /// The groups and roles it has.
        pub groups: Vec<ApiClientGroup>,
        ..extra,
    }
}

model! {
    /// A group and role an API client has.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ApiClientGroup {
        ..api_client_group,
        /// Subgroups, as they came (free-form in the spec).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[tsify(optional, type = "Record<string, unknown>[]")]
        pub sub_groups: Option<Vec<Map<String, Value>>>,
        ..extra,
    }
}

model! {
    /// An API client's IP allowlist.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ApiClientIpAcl {
        /// Whether the allowlist applies.
        pub enable: bool,
        /// IP addresses or CIDR blocks allowed.
        pub cidr: Vec<String>,
        ..extra,
    }
}

model! {
    /// An API client's Fast Purge settings.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ApiClientPurgeOptions {
        /// Whether it can purge by cache tag.
        pub can_purge_by_cache_tag: bool,
        /// Whether it can purge by CP code.
        pub can_purge_by_cpcode: bool,
        /// The CP codes it can purge.
        pub cpcode_access: ApiClientCpcodeAccess,
        ..extra,
    }
}

model! {
    /// The CP codes an API client can purge.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ApiClientCpcodeAccess {
        /// Every current and future CP code.
        pub all_current_and_new_cpcodes: bool,
        /// These CP codes.
        pub cpcodes: Vec<u64>,
        ..extra,
    }
}

model! {
    /// One credential of an API client, inside [`ApiClientDetail`]. Right after `createApiClient`
    /// it carries the `clientSecret` the API shows only once (the spec's schema omits it, its example
    /// has it).
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ApiClientCredential {
        ..new_credential,
        /// What you can do to the credential.
        pub actions: CredentialActions,
        ..extra,
    }
}

model! {
    /// An API client as `lockApiClient` and `unlockApiClient` return it (schema
    /// `api-client-simple-v3`); unknown fields are kept.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct ApiClientSimple {
        /// The client's identifier.
        pub client_id: String,
        /// The client's name.
        pub client_name: String,
        /// The client's description.
        pub client_description: String,
        /// `CLIENT`, `USER_CLIENT` or `SERVICE_ACCOUNT` (kept as text: the API may add types).
        pub client_type: String,
        /// The access token part of the client's credentials.
        pub access_token: String,
        /// Identifies the client's service hostname.
        pub service_consumer_token: String,
        /// How many of its credentials are active.
        pub active_credential_count: u64,
        /// Whether the client can manage more than one account.
        pub allow_account_switch: bool,
        ..api_client_record,
        /// Whether the client can create credentials for new clients.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub can_auto_create_credential: Option<bool>,
        ..extra,
    }
}

model! {
    /// An account an API client can switch to.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct AccountSwitchKey {
        /// The account's name.
        pub account_name: String,
        /// The key to pass as `accountSwitchKey`.
        pub account_switch_key: String,
        ..extra,
    }
}

model! {
    /// A user who can be an API client's authorized user.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct AuthorizedUser {
        /// The user's username.
        pub username: String,
        ..user_identity,
        ..extra,
    }
}

model! {
    /// An API a user's API clients can access.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct AllowedApi {
        /// The API's identifier.
        pub api_id: u64,
        /// The API's name.
        pub api_name: String,
        /// The API's description.
        pub description: String,
        /// The access levels on offer, `READ-ONLY` and/or `READ-WRITE` (kept as text).
        pub access_levels: Vec<String>,
        /// Link to the API's documentation.
        pub documentation_url: String,
        /// The API's base path, e.g. `/papi`.
        pub end_point: String,
        /// Whether the user has access to the API.
        pub has_access: bool,
        /// The API's service provider.
        pub service_provider_id: u64,
        ..extra,
    }
}

model! {
    /// A CP code a user's API clients can purge.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct AllowedCpCode {
        /// The CP code's name, e.g. `Stream Analyzer (36915)`.
        pub name: String,
        /// The CP code.
        pub value: u64,
        ..extra,
    }
}

model! {
    /// A group and role a user's API clients can access.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase")]
    #[tsify(hashmap_as_object)]
    pub struct AccessibleGroup {
        /// The group's identifier.
        pub group_id: u64,
        /// The group's name.
        pub group_name: String,
        /// Whether access to the group is blocked.
        pub is_blocked: bool,
        /// The role's identifier.
        pub role_id: u64,
        /// The role's name.
        pub role_name: String,
        /// The role's description.
        pub role_description: String,
        /// Subgroups, as they came (free-form in the spec).
        #[tsify(type = "Record<string, unknown>[]")]
        pub sub_groups: Vec<Map<String, Value>>,
        ..extra,
    }
}
