//! API clients: the `API clients`, `API client: self` and `API clients admin helper` sections of
//! the IAM API docs (`/api-clients` and `/users`).
//!
//! Operations on one API client work on your own (`/api-clients/self`) unless the params name
//! another by `clientId` (`/api-clients/{clientId}`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::api::credentials::{ClientSecret, CredentialActions};
use crate::client::IamClient;
use crate::error::IamError;
use crate::request::{path_param, Method, Request, ACCOUNT_SWITCH_KEY};
use crate::validate;

const API_CLIENTS: &[&str] = &["api-clients"];
const USERS: &[&str] = &["users"];

operation! {
    LIST_API_CLIENTS = "listApiClients", fn list_api_clients(Option<ListApiClientsParams>) -> Vec<Ts<ApiClient>>;
    " List the API clients you can manage."
    ""
    " `GET /identity-management/v3/api-clients`"
}

operation! {
    CREATE_API_CLIENT = "createApiClient", fn create_api_client(CreateApiClientParams) -> Ts<ApiClientDetail>;
    " Create an API client. With `createCredential: true` its credential comes back in"
    " `credentials`, with the `clientSecret` the API shows only this once."
    ""
    " `POST /identity-management/v3/api-clients`"
}

operation! {
    GET_API_CLIENT = "getApiClient", fn get_api_client(Option<GetApiClientParams>) -> Ts<ApiClientDetail>;
    " Get an API client: yours, or the one `clientId` names."
    ""
    " `GET /identity-management/v3/api-clients/self`, or"
    " `GET /identity-management/v3/api-clients/{clientId}` with `clientId`"
}

operation! {
    UPDATE_API_CLIENT = "updateApiClient", fn update_api_client(UpdateApiClientParams) -> Ts<ApiClientDetail>;
    " Update an API client: yours, or the one `clientId` names."
    ""
    " `PUT /identity-management/v3/api-clients/self`, or"
    " `PUT /identity-management/v3/api-clients/{clientId}` with `clientId`"
}

operation! {
    DELETE_API_CLIENT = "deleteApiClient", fn delete_api_client(Option<DeleteApiClientParams>) -> ();
    " Delete an API client for good: yours (it must have no active credentials), or the one"
    " `clientId` names."
    ""
    " `DELETE /identity-management/v3/api-clients/self`, or"
    " `DELETE /identity-management/v3/api-clients/{clientId}` with `clientId`"
}

operation! {
    LOCK_API_CLIENT = "lockApiClient", fn lock_api_client(Option<LockApiClientParams>) -> Ts<ApiClientSimple>;
    " Lock an API client so it can't be used: yours, or the one `clientId` names."
    ""
    " `PUT /identity-management/v3/api-clients/self/lock`, or"
    " `PUT /identity-management/v3/api-clients/{clientId}/lock` with `clientId`"
}

operation! {
    UNLOCK_API_CLIENT = "unlockApiClient", fn unlock_api_client(UnlockApiClientParams) -> Ts<ApiClientSimple>;
    " Unlock the API client `clientId` names (there is no self variant)."
    ""
    " `PUT /identity-management/v3/api-clients/{clientId}/unlock`"
}

operation! {
    LIST_ACCOUNT_SWITCH_KEYS = "listAccountSwitchKeys", fn list_account_switch_keys(Option<ListAccountSwitchKeysParams>) -> Vec<Ts<AccountSwitchKey>>;
    " List the account switch keys of an API client: yours, or the one `clientId` names."
    ""
    " `GET /identity-management/v3/api-clients/self/account-switch-keys`, or"
    " `GET /identity-management/v3/api-clients/{clientId}/account-switch-keys` with `clientId`"
}

operation! {
    LIST_AUTHORIZED_USERS = "listAuthorizedUsers", fn list_authorized_users(Option<ListAuthorizedUsersParams>) -> Vec<Ts<AuthorizedUser>>;
    " List the users who can be authorized users of an API client."
    ""
    " `GET /identity-management/v3/users`"
}

operation! {
    LIST_ALLOWED_APIS = "listAllowedApis", fn list_allowed_apis(ListAllowedApisParams) -> Vec<Ts<AllowedApi>>;
    " List the APIs a user's API clients can access."
    ""
    " `GET /identity-management/v3/users/{username}/allowed-apis`"
}

operation! {
    LIST_ALLOWED_CP_CODES = "listAllowedCpCodes", fn list_allowed_cp_codes(ListAllowedCpCodesParams) -> Vec<Ts<AllowedCpCode>>;
    " List the CP codes a user's API clients can purge, for a client type and groups."
    ""
    " `POST /identity-management/v3/users/{username}/allowed-cpcodes`"
}

operation! {
    LIST_ACCESSIBLE_GROUPS = "listAccessibleGroups", fn list_accessible_groups(ListAccessibleGroupsParams) -> Vec<Ts<AccessibleGroup>>;
    " List the groups a user's API clients can access."
    ""
    " `GET /identity-management/v3/users/{username}/group-access`"
}

/// A request to `api-clients/self`, or to `api-clients/{clientId}` when `client_id` is given (an
/// empty one is refused, never taken for `self`). Credentials operations start here too.
pub(crate) fn api_client_request(
    operation: &'static str,
    method: Method,
    client_id: Option<&str>,
) -> Result<Request, IamError> {
    let client: Cow<'static, str> = match client_id {
        Some(id) => path_param(operation, "clientId", id)?.into(),
        None => "self".into(),
    };
    Ok(Request::new(operation, method, API_CLIENTS).segment(client))
}

/// `users/{username}` with `method`.
fn user_request(
    operation: &'static str,
    method: Method,
    username: &str,
) -> Result<Request, IamError> {
    let username = path_param(operation, "username", username)?;
    Ok(Request::new(operation, method, USERS).segment(username))
}

fn list_api_clients(params: &ListApiClientsParams) -> Result<Request, IamError> {
    Ok(Request::get(LIST_API_CLIENTS, API_CLIENTS)
        .query("actions", params.actions)
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

fn create_api_client(params: &CreateApiClientParams) -> Result<Request, IamError> {
    let body = &params.body;
    check_client_body(
        CREATE_API_CLIENT,
        &body.api_access,
        &body.group_access,
        body.notification_emails.as_deref(),
        body.ip_acl.as_ref(),
    )?;
    Request::post(CREATE_API_CLIENT, API_CLIENTS)
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
        .expect(&[201])
        .body(body)
}

fn get_api_client(params: &GetApiClientParams) -> Result<Request, IamError> {
    Ok(
        api_client_request(GET_API_CLIENT, Method::Get, params.client_id.as_deref())?
            .query("actions", params.actions)
            .query("groupAccess", params.group_access)
            .query("apiAccess", params.api_access)
            .query("credentials", params.credentials)
            .query("ipAcl", params.ip_acl)
            .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()),
    )
}

fn update_api_client(params: &UpdateApiClientParams) -> Result<Request, IamError> {
    let body = &params.body;
    check_client_body(
        UPDATE_API_CLIENT,
        &body.api_access,
        &body.group_access,
        body.notification_emails.as_deref(),
        body.ip_acl.as_ref(),
    )?;
    api_client_request(UPDATE_API_CLIENT, Method::Put, params.client_id.as_deref())?
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
        .body(body)
}

fn delete_api_client(params: &DeleteApiClientParams) -> Result<Request, IamError> {
    Ok(api_client_request(
        DELETE_API_CLIENT,
        Method::Delete,
        params.client_id.as_deref(),
    )?
    .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
    .expect(&[204]))
}

fn lock_api_client(params: &LockApiClientParams) -> Result<Request, IamError> {
    Ok(
        api_client_request(LOCK_API_CLIENT, Method::Put, params.client_id.as_deref())?
            .segments(&["lock"])
            .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()),
    )
}

fn unlock_api_client(params: &UnlockApiClientParams) -> Result<Request, IamError> {
    Ok(
        api_client_request(UNLOCK_API_CLIENT, Method::Put, Some(&params.client_id))?
            .segments(&["unlock"])
            .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()),
    )
}

fn list_account_switch_keys(params: &ListAccountSwitchKeysParams) -> Result<Request, IamError> {
    if let Some(search) = &params.search {
        if search.chars().count() < 3 {
            return Err(IamError::validation(
                LIST_ACCOUNT_SWITCH_KEYS,
                Some("search"),
                "must be at least 3 characters",
            ));
        }
    }
    Ok(api_client_request(
        LIST_ACCOUNT_SWITCH_KEYS,
        Method::Get,
        params.client_id.as_deref(),
    )?
    .segments(&["account-switch-keys"])
    .query("search", params.search.as_deref())
    .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

fn list_authorized_users(params: &ListAuthorizedUsersParams) -> Result<Request, IamError> {
    Ok(Request::get(LIST_AUTHORIZED_USERS, USERS)
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()))
}

fn list_allowed_apis(params: &ListAllowedApisParams) -> Result<Request, IamError> {
    Ok(
        user_request(LIST_ALLOWED_APIS, Method::Get, &params.username)?
            .segments(&["allowed-apis"])
            .query("clientType", params.client_type.map(ApiClientType::as_str))
            .query("allowAccountSwitch", params.allow_account_switch)
            .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()),
    )
}

fn list_allowed_cp_codes(params: &ListAllowedCpCodesParams) -> Result<Request, IamError> {
    user_request(LIST_ALLOWED_CP_CODES, Method::Post, &params.username)?
        .segments(&["allowed-cpcodes"])
        .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref())
        .body(&params.body)
}

fn list_accessible_groups(params: &ListAccessibleGroupsParams) -> Result<Request, IamError> {
    Ok(
        user_request(LIST_ACCESSIBLE_GROUPS, Method::Get, &params.username)?
            .segments(&["group-access"])
            .query(ACCOUNT_SWITCH_KEY, params.account_switch_key.as_deref()),
    )
}

/// The checks the create and update bodies share: the `oneOf`s of `apiAccess` and `groupAccess`,
/// and the formats of notification emails and IP ACL entries.
fn check_client_body(
    operation: &'static str,
    api_access: &ApiClientApiAccessRequest,
    group_access: &ApiClientGroupAccessRequest,
    notification_emails: Option<&[String]>,
    ip_acl: Option<&ApiClientIpAclRequest>,
) -> Result<(), IamError> {
    if api_access.all_accessible_apis.is_none() && api_access.apis.is_none() {
        return Err(IamError::validation(
            operation,
            Some("body.apiAccess"),
            "needs `allAccessibleApis` or `apis`",
        ));
    }
    if !group_access.clone_authorized_user_groups && group_access.groups.is_none() {
        return Err(IamError::validation(
            operation,
            Some("body.groupAccess.groups"),
            "is required when `cloneAuthorizedUserGroups` is false",
        ));
    }
    for email in notification_emails.unwrap_or_default() {
        validate::field(operation, "body.notificationEmails", email, validate::email)?;
    }
    for cidr in ip_acl.map(|acl| acl.cidr.as_slice()).unwrap_or_default() {
        validate::field(operation, "body.ipAcl.cidr", cidr, validate::cidr)?;
    }
    Ok(())
}

#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn registry() -> Vec<crate::api::registry::Entry> {
    use crate::api::registry::{entry, no_content};
    vec![
        entry::<_, Vec<ApiClient>>(LIST_API_CLIENTS, "GET /api-clients", list_api_clients),
        entry::<_, ApiClientDetail>(CREATE_API_CLIENT, "POST /api-clients", create_api_client),
        entry::<_, ApiClientDetail>(GET_API_CLIENT, "GET /api-clients/self", get_api_client),
        entry::<_, ApiClientDetail>(
            GET_API_CLIENT,
            "GET /api-clients/{clientId}",
            get_api_client,
        ),
        entry::<_, ApiClientDetail>(
            UPDATE_API_CLIENT,
            "PUT /api-clients/self",
            update_api_client,
        ),
        entry::<_, ApiClientDetail>(
            UPDATE_API_CLIENT,
            "PUT /api-clients/{clientId}",
            update_api_client,
        ),
        no_content::<_>(
            DELETE_API_CLIENT,
            "DELETE /api-clients/self",
            delete_api_client,
        ),
        no_content::<_>(
            DELETE_API_CLIENT,
            "DELETE /api-clients/{clientId}",
            delete_api_client,
        ),
        entry::<_, ApiClientSimple>(
            LOCK_API_CLIENT,
            "PUT /api-clients/self/lock",
            lock_api_client,
        ),
        entry::<_, ApiClientSimple>(
            LOCK_API_CLIENT,
            "PUT /api-clients/{clientId}/lock",
            lock_api_client,
        ),
        entry::<_, ApiClientSimple>(
            UNLOCK_API_CLIENT,
            "PUT /api-clients/{clientId}/unlock",
            unlock_api_client,
        ),
        entry::<_, Vec<AccountSwitchKey>>(
            LIST_ACCOUNT_SWITCH_KEYS,
            "GET /api-clients/self/account-switch-keys",
            list_account_switch_keys,
        ),
        entry::<_, Vec<AccountSwitchKey>>(
            LIST_ACCOUNT_SWITCH_KEYS,
            "GET /api-clients/{clientId}/account-switch-keys",
            list_account_switch_keys,
        ),
        entry::<_, Vec<AuthorizedUser>>(LIST_AUTHORIZED_USERS, "GET /users", list_authorized_users),
        entry::<_, Vec<AllowedApi>>(
            LIST_ALLOWED_APIS,
            "GET /users/{username}/allowed-apis",
            list_allowed_apis,
        ),
        entry::<_, Vec<AllowedCpCode>>(
            LIST_ALLOWED_CP_CODES,
            "POST /users/{username}/allowed-cpcodes",
            list_allowed_cp_codes,
        ),
        entry::<_, Vec<AccessibleGroup>>(
            LIST_ACCESSIBLE_GROUPS,
            "GET /users/{username}/group-access",
            list_accessible_groups,
        ),
    ]
}

// ---------------------------------------------------------------- params

/// Params of `listApiClients`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListApiClientsParams {
    /// Include the actions you can take on each API client (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<bool>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `createApiClient`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateApiClientParams {
    /// The new API client.
    pub body: CreateApiClientRequest,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `getApiClient`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetApiClientParams {
    /// The API client to get; yours when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Include the actions you can take on the API client (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<bool>,
    /// Include the groups the API client can access (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_access: Option<bool>,
    /// Include the APIs the API client can access (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_access: Option<bool>,
    /// Include the API client's credentials (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<bool>,
    /// Include the API client's IP allowlist (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_acl: Option<bool>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `updateApiClient`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateApiClientParams {
    /// The API client to update; yours when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The API client's new settings (they replace the current ones).
    pub body: UpdateApiClientRequest,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `deleteApiClient`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeleteApiClientParams {
    /// The API client to delete; yours when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `lockApiClient`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LockApiClientParams {
    /// The API client to lock; yours when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `unlockApiClient`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnlockApiClientParams {
    /// The API client to unlock.
    pub client_id: String,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `listAccountSwitchKeys`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListAccountSwitchKeysParams {
    /// The API client whose keys to list; yours when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Only keys whose account ID or name contains this text (at least 3 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `listAuthorizedUsers`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListAuthorizedUsersParams {
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `listAllowedApis`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListAllowedApisParams {
    /// The user, by username (see `listAuthorizedUsers`).
    pub username: String,
    /// Only APIs for this client type (`CLIENT` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_type: Option<ApiClientType>,
    /// Only APIs usable across accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_account_switch: Option<bool>,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `listAllowedCpCodes`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListAllowedCpCodesParams {
    /// The user, by username (see `listAuthorizedUsers`).
    pub username: String,
    /// The client type and groups to list CP codes for.
    pub body: AllowedCpCodesRequest,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

/// Params of `listAccessibleGroups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListAccessibleGroupsParams {
    /// The user, by username (see `listAuthorizedUsers`).
    pub username: String,
    /// Run the operation from another account; wins over the client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
}

// ---------------------------------------------------------------- request bodies

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

/// The body of `createApiClient` (schema `api-client-post-request-v3`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateApiClientRequest {
    /// Who owns the client and manages its credentials.
    pub client_type: ApiClientType,
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
    /// Whether the client can manage more than one account (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_account_switch: Option<bool>,
    /// Whether the client can create credentials for new clients (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_auto_create_credential: Option<bool>,
    /// Create a credential with the client (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_credential: Option<bool>,
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

/// The body of `updateApiClient` (schema `api-client-update-request-v3`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateApiClientRequest {
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
    /// Whether the client can manage more than one account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_account_switch: Option<bool>,
    /// Whether the client can create credentials for new clients (`false` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_auto_create_credential: Option<bool>,
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

/// A group and role granted to an API client.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiClientGroupRequest {
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
    /// Subgroups, as `listAccessibleGroups` gives them (free-form in the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Record<string, unknown>[]")]
    pub sub_groups: Option<Vec<Map<String, Value>>>,
}

/// An API client's IP allowlist, as sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiClientIpAclRequest {
    /// Whether the allowlist applies.
    pub enable: bool,
    /// IP addresses or CIDR blocks allowed, e.g. `192.0.2.0/24`.
    pub cidr: Vec<String>,
}

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

/// The CP codes an API client can purge, as sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiClientCpcodeAccessRequest {
    /// Every current and future CP code.
    pub all_current_and_new_cpcodes: bool,
    /// These CP codes (see `listAllowedCpCodes`).
    pub cpcodes: Vec<u64>,
}

/// The body of `listAllowedCpCodes` (schema `allowed-cpcodes-request`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AllowedCpCodesRequest {
    /// The client type the CP codes are for.
    pub client_type: ApiClientType,
    /// The groups whose CP codes to list.
    pub groups: Vec<ApiClientGroupRequest>,
}

// ---------------------------------------------------------------- results

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
    /// What you can do to the client.
    pub actions: ApiClientActions,
    /// The client's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_description: Option<String>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

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
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

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
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// The APIs an API client can access.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct ApiClientApiAccess {
    /// Whether it can access every API available.
    pub all_accessible_apis: bool,
    /// The APIs it can access when not all.
    pub apis: Vec<ApiClientApi>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

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
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// The groups an API client can access.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct ApiClientGroupAccess {
    /// Whether it has its authorized user's group access.
    pub clone_authorized_user_groups: bool,
    /// The groups and roles it has.
    pub groups: Vec<ApiClientGroup>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// A group and role an API client has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct ApiClientGroup {
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
    /// Subgroups, as they came (free-form in the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Record<string, unknown>[]")]
    pub sub_groups: Option<Vec<Map<String, Value>>>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// An API client's IP allowlist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct ApiClientIpAcl {
    /// Whether the allowlist applies.
    pub enable: bool,
    /// IP addresses or CIDR blocks allowed.
    pub cidr: Vec<String>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

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
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// The CP codes an API client can purge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct ApiClientCpcodeAccess {
    /// Every current and future CP code.
    pub all_current_and_new_cpcodes: bool,
    /// These CP codes.
    pub cpcodes: Vec<u64>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// One credential of an API client, inside [`ApiClientDetail`]. Right after `createApiClient`
/// it carries the `clientSecret` the API shows only once (the spec's schema omits it, its example
/// has it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct ApiClientCredential {
    /// The credential's identifier.
    pub credential_id: u64,
    /// The part of the credential that identifies the API client.
    pub client_token: String,
    /// The credential's secret, only in the `createApiClient` result: store it now.
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
    /// What you can do to the credential.
    pub actions: CredentialActions,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

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
    /// Whether the client can create credentials for new clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_auto_create_credential: Option<bool>,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// An account an API client can switch to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct AccountSwitchKey {
    /// The account's name.
    pub account_name: String,
    /// The key to pass as `accountSwitchKey`.
    pub account_switch_key: String,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// A user who can be an API client's authorized user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct AuthorizedUser {
    /// The user's username.
    pub username: String,
    /// The user's unique identifier.
    pub ui_identity_id: String,
    /// The user's first name.
    pub first_name: String,
    /// The user's surname.
    pub last_name: String,
    /// The user's email address.
    pub email: String,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

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
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

/// A CP code a user's API clients can purge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct AllowedCpCode {
    /// The CP code's name, e.g. `Stream Analyzer (36915)`.
    pub name: String,
    /// The CP code.
    pub value: u64,
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

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
    /// Fields this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::IamErrorKind;
    use crate::request::BaseUrl;
    use crate::transport::outcome;
    use serde_json::json;

    fn url(request: &Request) -> String {
        request.url(&BaseUrl::parse("http://h").expect("valid base"))
    }

    fn create_body() -> Value {
        json!({
            "clientType": "CLIENT",
            "authorizedUsers": ["jsmith"],
            "apiAccess": {"allAccessibleApis": true},
            "groupAccess": {"cloneAuthorizedUserGroups": true},
            "notificationEmails": ["jsmith@example.com"],
            "ipAcl": {"enable": true, "cidr": ["192.0.2.0/24"]}
        })
    }

    fn create(body: Value) -> Result<Request, IamError> {
        let params: CreateApiClientParams =
            serde_json::from_value(json!({ "body": body })).expect("params");
        create_api_client(&params)
    }

    #[test]
    fn get_api_client_is_self_without_client_id() {
        let request = get_api_client(&GetApiClientParams {
            credentials: Some(true),
            ..GetApiClientParams::default()
        })
        .expect("valid");
        assert_eq!(request.method, Method::Get);
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/api-clients/self?credentials=true"
        );
    }

    #[test]
    fn get_api_client_by_id_encodes_it_as_one_segment() {
        let request = get_api_client(&GetApiClientParams {
            client_id: Some("../x y".into()),
            actions: Some(true),
            ip_acl: Some(false),
            ..GetApiClientParams::default()
        })
        .expect("valid");
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/api-clients/..%2Fx%20y?actions=true&ipAcl=false"
        );
    }

    #[test]
    fn empty_client_id_is_a_validation_error_not_self() {
        let error = delete_api_client(&DeleteApiClientParams {
            client_id: Some(String::new()),
            account_switch_key: None,
        })
        .expect_err("refused");
        assert_eq!(error.kind, IamErrorKind::Validation);
        assert_eq!(error.field.as_deref(), Some("clientId"));
        assert_eq!(error.operation, "deleteApiClient");
        let error = unlock_api_client(&UnlockApiClientParams::default()).expect_err("refused");
        assert_eq!(error.field.as_deref(), Some("clientId"));
    }

    #[test]
    fn delete_and_lock_paths_and_statuses() {
        let delete = delete_api_client(&DeleteApiClientParams::default()).expect("valid");
        assert_eq!(delete.method, Method::Delete);
        assert_eq!(delete.expected, [204]);
        assert_eq!(delete.path, ["api-clients", "self"]);
        let lock = lock_api_client(&LockApiClientParams {
            client_id: Some("abc".into()),
            account_switch_key: Some("k".into()),
        })
        .expect("valid");
        assert_eq!(lock.method, Method::Put);
        assert_eq!(lock.expected, [200]);
        assert_eq!(
            url(&lock),
            "http://h/identity-management/v3/api-clients/abc/lock?accountSwitchKey=k"
        );
    }

    #[test]
    fn create_api_client_posts_the_body_and_expects_201() {
        let request = create(create_body()).expect("valid");
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.expected, [201]);
        assert_eq!(request.path, ["api-clients"]);
        assert_eq!(request.body, Some(create_body()));
    }

    #[test]
    fn create_api_client_checks_emails_cidrs_and_access_choices() {
        let cases = [
            (
                "/notificationEmails/0",
                json!("not-an-email"),
                "body.notificationEmails",
            ),
            ("/ipAcl/cidr/0", json!("192.0.2.0/33"), "body.ipAcl.cidr"),
            ("/apiAccess", json!({}), "body.apiAccess"),
            (
                "/groupAccess",
                json!({"cloneAuthorizedUserGroups": false}),
                "body.groupAccess.groups",
            ),
        ];
        for (pointer, value, field) in cases {
            let mut body = create_body();
            *body.pointer_mut(pointer).expect("pointer") = value;
            let error = create(body).expect_err(field);
            assert_eq!(error.kind, IamErrorKind::Validation, "{field}");
            assert_eq!(error.field.as_deref(), Some(field));
            assert_eq!(error.operation, "createApiClient");
        }
    }

    #[test]
    fn create_api_client_body_is_strict() {
        let mut typo = create_body();
        typo["clientname"] = json!("x");
        assert!(serde_json::from_value::<CreateApiClientParams>(json!({ "body": typo })).is_err());
        let mut level = create_body();
        level["apiAccess"] = json!({"apis": [{"apiId": 1, "accessLevel": "READ"}]});
        assert!(serde_json::from_value::<CreateApiClientParams>(json!({ "body": level })).is_err());
    }

    #[test]
    fn create_api_client_201_keeps_the_one_time_secret_out_of_debug() {
        let request = create(create_body()).expect("valid");
        let body = json!({
            "clientId": "2cdgugz2tjbtowmy", "clientName": "n", "clientDescription": "d",
            "clientType": "CLIENT", "accessToken": "akaa-1", "baseURL": "https://akaa-2.example.net",
            "activeCredentialCount": 0, "allowAccountSwitch": false,
            "canAutoCreateCredential": false, "authorizedUsers": ["jsmith"],
            "notificationEmails": [], "createdBy": "u", "createdDate": "2022-05-23T19:56:27.000Z",
            "isLocked": false,
            "credentials": [{
                "clientToken": "akab-3", "clientSecret": "11111111111111111111111111111111",
                "createdOn": "2022-08-25T17:35:07.000Z", "credentialId": 16852304,
                "description": "", "expiresOn": "2024-08-25T17:35:07.000Z", "status": "INACTIVE",
                "actions": {"activate": true, "deactivate": false, "delete": true,
                            "editDescription": true, "editExpiration": true}
            }]
        });
        let client: ApiClientDetail =
            outcome(&request, 201, "Created", &body.to_string()).expect("decoded");
        let credentials = client.credentials.as_ref().expect("credentials");
        let secret = credentials[0].client_secret.as_ref().expect("clientSecret");
        assert_eq!(secret.expose(), "11111111111111111111111111111111");
        assert!(!format!("{client:?}").contains("1111111111111111"));
        assert_eq!(client.base_url, "https://akaa-2.example.net");
        assert_eq!(serde_json::to_value(&client).ok(), Some(body));
    }

    #[test]
    fn list_allowed_apis_sends_client_type_as_the_api_spells_it() {
        let request = list_allowed_apis(&ListAllowedApisParams {
            username: "j smith".into(),
            client_type: Some(ApiClientType::ServiceAccount),
            allow_account_switch: Some(true),
            account_switch_key: None,
        })
        .expect("valid");
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/users/j%20smith/allowed-apis\
             ?clientType=SERVICE_ACCOUNT&allowAccountSwitch=true"
        );
        let error = list_allowed_apis(&ListAllowedApisParams::default()).expect_err("refused");
        assert_eq!(error.field.as_deref(), Some("username"));
    }

    #[test]
    fn list_allowed_cp_codes_is_a_post_with_a_body() {
        let params: ListAllowedCpCodesParams = serde_json::from_value(json!({
            "username": "jsmith",
            "body": {"clientType": "USER_CLIENT", "groups": [{"groupId": 1, "roleId": 2}]}
        }))
        .expect("params");
        let request = list_allowed_cp_codes(&params).expect("valid");
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.expected, [200]);
        assert_eq!(request.path, ["users", "jsmith", "allowed-cpcodes"]);
        assert_eq!(
            request.body,
            Some(json!({"clientType": "USER_CLIENT", "groups": [{"groupId": 1, "roleId": 2}]}))
        );
    }

    #[test]
    fn account_switch_key_search_needs_three_characters() {
        let error = list_account_switch_keys(&ListAccountSwitchKeysParams {
            search: Some("ab".into()),
            ..ListAccountSwitchKeysParams::default()
        })
        .expect_err("refused");
        assert_eq!(error.field.as_deref(), Some("search"));
        let request = list_account_switch_keys(&ListAccountSwitchKeysParams {
            search: Some("abc".into()),
            ..ListAccountSwitchKeysParams::default()
        })
        .expect("valid");
        assert_eq!(
            url(&request),
            "http://h/identity-management/v3/api-clients/self/account-switch-keys?search=abc"
        );
    }

    #[test]
    fn api_client_keeps_unknown_fields_and_new_client_types() {
        let body = json!({
            "clientId": "c", "clientName": "n", "clientType": "ROBOT", "accessToken": "a",
            "serviceConsumerToken": "s", "activeCredentialCount": 0, "allowAccountSwitch": false,
            "canAutoCreateCredential": false, "authorizedUsers": [], "notificationEmails": [],
            "createdBy": "u", "createdDate": "d", "isLocked": false,
            "actions": {"delete": true, "deactivateAll": false, "edit": true, "lock": true,
                        "transfer": false, "unlock": false, "rotate": true},
            "later": {"x": 1}
        });
        let client: ApiClient = serde_json::from_value(body.clone()).expect("decoded");
        assert_eq!(client.client_type, "ROBOT");
        assert_eq!(client.actions.extra.get("rotate"), Some(&json!(true)));
        assert_eq!(serde_json::to_value(&client).ok(), Some(body));
    }
}
