//! API clients: the `API clients`, `API client: self` and `API clients admin helper` sections of
//! the IAM API docs (`/api-clients` and `/users`).
//!
//! Operations on one API client work on your own (`/api-clients/self`) unless the params name
//! another by `clientId` (`/api-clients/{clientId}`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::client::IamClient;

use crate::api::credentials::{ClientSecret, CredentialActions};
use crate::op::{Check, Rule};
use crate::schema::Json;

/// The checks of an API client's body beyond its type.
const CLIENT_BODY: [Check; 3] = [
    Check("body", Rule::Custom(client_access)),
    Check("body.notificationEmails[]", Rule::Email),
    Check("body.ipAcl.cidr[]", Rule::Cidr),
];

/// The API client's access: some APIs, and its groups unless it clones its user's.
fn client_access(params: &Json) -> Result<(), (&'static str, &'static str)> {
    let body = params.get("body");
    let apis = body.get("apiAccess");
    if apis.get("allAccessibleApis").is_nothing() && apis.get("apis").is_nothing() {
        return Err(("body.apiAccess", "needs `allAccessibleApis` or `apis`"));
    }
    let groups = body.get("groupAccess");
    if *groups.get("cloneAuthorizedUserGroups") != Json::Bool(true)
        && groups.get("groups").is_nothing()
    {
        return Err((
            "body.groupAccess.groups",
            "is required when `cloneAuthorizedUserGroups` is false",
        ));
    }
    Ok(())
}

operations! {
    LIST_API_CLIENTS = "listApiClients", fn list_api_clients(Option<ListApiClientsParams>) -> Vec<Ts<ApiClient>> = "Promise<ApiClient[]>", [200];
        " List the API clients you can manage."
        route " `GET /identity-management/v3/api-clients`";

    CREATE_API_CLIENT = "createApiClient", fn create_api_client(CreateApiClientParams) -> Ts<ApiClientDetail> = "Promise<ApiClientDetail>", [201];
        " Create an API client. With `createCredential: true` its credential comes back in"
        " `credentials`, with the `clientSecret` the API shows only this once."
        route " `POST /identity-management/v3/api-clients`"
        checks [CLIENT_BODY[0], CLIENT_BODY[1], CLIENT_BODY[2]];

    GET_API_CLIENT = "getApiClient", fn get_api_client(Option<GetApiClientParams>) -> Ts<ApiClientDetail> = "Promise<ApiClientDetail>", [200];
        " Get an API client: yours, or the one `clientId` names."
        " Without `clientId`, `self` takes its place in the path."
        route " `GET /identity-management/v3/api-clients/{clientId}`";

    UPDATE_API_CLIENT = "updateApiClient", fn update_api_client(UpdateApiClientParams) -> Ts<ApiClientDetail> = "Promise<ApiClientDetail>", [200];
        " Update an API client: yours, or the one `clientId` names."
        " Without `clientId`, `self` takes its place in the path."
        route " `PUT /identity-management/v3/api-clients/{clientId}`"
        checks [CLIENT_BODY[0], CLIENT_BODY[1], CLIENT_BODY[2]];

    DELETE_API_CLIENT = "deleteApiClient", fn delete_api_client(Option<DeleteApiClientParams>) -> () = "Promise<void>", [204];
        " Delete an API client for good: yours (it must have no active credentials), or the one"
        " `clientId` names."
        " Without `clientId`, `self` takes its place in the path."
        route " `DELETE /identity-management/v3/api-clients/{clientId}`";

    LOCK_API_CLIENT = "lockApiClient", fn lock_api_client(Option<LockApiClientParams>) -> Ts<ApiClientSimple> = "Promise<ApiClientSimple>", [200];
        " Lock an API client so it can't be used: yours, or the one `clientId` names."
        " Without `clientId`, `self` takes its place in the path."
        route " `PUT /identity-management/v3/api-clients/{clientId}/lock`";

    UNLOCK_API_CLIENT = "unlockApiClient", fn unlock_api_client(UnlockApiClientParams) -> Ts<ApiClientSimple> = "Promise<ApiClientSimple>", [200];
        " Unlock the API client `clientId` names (there is no self variant)."
        route " `PUT /identity-management/v3/api-clients/{clientId}/unlock`";

    LIST_ACCOUNT_SWITCH_KEYS = "listAccountSwitchKeys", fn list_account_switch_keys(Option<ListAccountSwitchKeysParams>) -> Vec<Ts<AccountSwitchKey>> = "Promise<AccountSwitchKey[]>", [200];
        " List the account switch keys of an API client: yours, or the one `clientId` names."
        " Without `clientId`, `self` takes its place in the path."
        route " `GET /identity-management/v3/api-clients/{clientId}/account-switch-keys`"
        checks [Check("search", Rule::MinChars(3, "must be at least 3 characters"))];

    LIST_AUTHORIZED_USERS = "listAuthorizedUsers", fn list_authorized_users(Option<ListAuthorizedUsersParams>) -> Vec<Ts<AuthorizedUser>> = "Promise<AuthorizedUser[]>", [200];
        " List the users who can be authorized users of an API client."
        route " `GET /identity-management/v3/users`";

    LIST_ALLOWED_APIS = "listAllowedApis", fn list_allowed_apis(ListAllowedApisParams) -> Vec<Ts<AllowedApi>> = "Promise<AllowedApi[]>", [200];
        " List the APIs a user's API clients can access."
        route " `GET /identity-management/v3/users/{username}/allowed-apis`";

    LIST_ALLOWED_CP_CODES = "listAllowedCpCodes", fn list_allowed_cp_codes(ListAllowedCpCodesParams) -> Vec<Ts<AllowedCpCode>> = "Promise<AllowedCpCode[]>", [200];
        " List the CP codes a user's API clients can purge, for a client type and groups."
        route " `POST /identity-management/v3/users/{username}/allowed-cpcodes`";

    LIST_ACCESSIBLE_GROUPS = "listAccessibleGroups", fn list_accessible_groups(ListAccessibleGroupsParams) -> Vec<Ts<AccessibleGroup>> = "Promise<AccessibleGroup[]>", [200];
        " List the groups a user's API clients can access."
        route " `GET /identity-management/v3/users/{username}/group-access`";
}

// ---------------------------------------------------------------- params

strict! {
    /// Params of `listApiClients`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListApiClientsParams {
        /// Include the actions you can take on each API client (`false` by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub actions: Option<bool>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `createApiClient`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct CreateApiClientParams {
        /// The new API client.
        pub body: CreateApiClientRequest,
        ..account_switch_key,
    }
}

strict! {
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
        ..account_switch_key,
    }
}

strict! {
    /// Params of `updateApiClient`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UpdateApiClientParams {
        /// The API client to update; yours when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_id: Option<String>,
        /// The API client's new settings (they replace the current ones).
        pub body: UpdateApiClientRequest,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `deleteApiClient`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct DeleteApiClientParams {
        /// The API client to delete; yours when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_id: Option<String>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `lockApiClient`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct LockApiClientParams {
        /// The API client to lock; yours when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub client_id: Option<String>,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `unlockApiClient`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct UnlockApiClientParams {
        /// The API client to unlock.
        pub client_id: String,
        ..account_switch_key,
    }
}

strict! {
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
        ..account_switch_key,
    }
}

strict! {
    /// Params of `listAuthorizedUsers`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListAuthorizedUsersParams {
        ..account_switch_key,
    }
}

strict! {
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
        ..account_switch_key,
    }
}

strict! {
    /// Params of `listAllowedCpCodes`.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListAllowedCpCodesParams {
        /// The user, by username (see `listAuthorizedUsers`).
        pub username: String,
        /// The client type and groups to list CP codes for.
        pub body: AllowedCpCodesRequest,
        ..account_switch_key,
    }
}

strict! {
    /// Params of `listAccessibleGroups`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    pub struct ListAccessibleGroupsParams {
        /// The user, by username (see `listAuthorizedUsers`).
        pub username: String,
        ..account_switch_key,
    }
}

mod bodies;
mod results;
#[cfg(test)]
mod tests;

pub use bodies::*;
pub use results::*;
