//! API clients: the "API clients" section of the IAM API docs (`/api-clients`, `/users`):
//! clients with their API and group access, the caller's own client (`self`), locks, account
//! switch keys, and the helpers that list what a user may grant a client.

mod requests;
mod users;
mod views;

use std::hash::{BuildHasher, Hasher};

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use serde::Serialize;

use super::credentials::new_credential;
use super::{created, json_body, no_content, ok, path_param, to_json, PathArg};
use crate::catalog;
use crate::problem::ApiError;
use crate::query::QueryParams;
use crate::store::{ApiClient, Data};
use crate::time::now_iso;
use crate::AppState;

use views::{detail, simple, Parts, SimpleView};

/// The API clients routes, relative to the API base path.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api-clients",
            get(list_api_clients).post(create_api_client),
        )
        .route(
            "/api-clients/self",
            get(get_own_client)
                .put(update_own_client)
                .delete(remove_own_client),
        )
        .route(
            "/api-clients/self/account-switch-keys",
            get(list_own_account_switch_keys),
        )
        .route("/api-clients/self/lock", put(lock_own_client))
        .route(
            "/api-clients/{clientId}",
            get(get_api_client)
                .put(update_api_client)
                .delete(remove_api_client),
        )
        .route(
            "/api-clients/{clientId}/account-switch-keys",
            get(list_account_switch_keys),
        )
        .route("/api-clients/{clientId}/lock", put(lock_api_client))
        .route("/api-clients/{clientId}/unlock", put(unlock_api_client))
        .route("/users", get(users::list_authorized_users))
        .route(
            "/users/{username}/allowed-apis",
            get(users::list_allowed_apis),
        )
        .route(
            "/users/{username}/allowed-cpcodes",
            post(users::list_allowed_cpcodes),
        )
        .route(
            "/users/{username}/group-access",
            get(users::list_user_group_access),
        )
}

/// Which API client an operation is about: the caller's own, or one by `clientId`.
#[derive(Clone, Debug)]
pub(crate) enum Target {
    /// `/api-clients/self...`.
    Own,
    /// `/api-clients/{clientId}...`.
    Id(String),
}

impl Target {
    /// The `clientId`, or 404 if there is no such client (or the own client was removed).
    pub(crate) fn resolve(&self, data: &Data) -> Result<String, ApiError> {
        let id = match self {
            Target::Own => &data.self_client,
            Target::Id(id) => id,
        };
        if data.api_clients.contains_key(id) {
            Ok(id.clone())
        } else {
            Err(ApiError::not_found(format!("API client {id} not found")))
        }
    }

    /// The path prefix of this client's resources.
    pub(crate) fn base(&self, id: &str) -> String {
        match self {
            Target::Own => "/api-clients/self".into(),
            Target::Id(_) => format!("/api-clients/{id}"),
        }
    }
}

/// `len` random characters from `alphabet` (not reproducible; tokens and secrets only).
pub(crate) fn random_text(len: usize, alphabet: &[u8]) -> String {
    let mut out = String::with_capacity(len);
    while out.len() < len {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(out.len());
        let mut n = h.finish();
        for _ in 0..8 {
            if out.len() == len || alphabet.is_empty() {
                break;
            }
            out.push(char::from(alphabet[(n % alphabet.len() as u64) as usize]));
            n /= alphabet.len() as u64;
        }
    }
    out
}

/// Lower-case letters and digits.
pub(crate) const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// List API clients (each with its `actions`).
///
/// See: `GET /api-clients` (`actions`).
async fn list_api_clients(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    QueryParams::parse(raw.as_deref())?.flag("actions")?;
    let data = state.store.read();
    let items: Vec<SimpleView<'_>> = data.api_clients.values().map(|c| simple(c, true)).collect();
    Ok(ok(items))
}

/// Create an API client (201). With `createCredential: true` its first credential is created
/// too, and this response is the only one that shows that credential's `clientSecret`.
///
/// See: `POST /api-clients`.
async fn create_api_client(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let req: requests::CreateClient = json_body(&body)?;
    let (client_type, create_credential, fields) = req.into_parts();
    let (id, out) = state.store.update(|data| {
        let id = random_text(16, ALNUM);
        let creator = data
            .users
            .get(&data.profile_user)
            .map(|u| u.ui_user_name.clone())
            .unwrap_or_else(|| "iam-sim".into());
        let mut client = ApiClient {
            client_id: id.clone(),
            client_name: format!("client_{id}"),
            client_description: String::new(),
            client_type,
            access_token: format!("akab-{}-{}", random_text(16, ALNUM), random_text(16, ALNUM)),
            service_consumer_token: format!(
                "akab-{}-{}",
                random_text(16, ALNUM),
                random_text(16, ALNUM)
            ),
            authorized_users: Vec::new(),
            notification_emails: Vec::new(),
            allow_account_switch: false,
            can_auto_create_credential: false,
            is_locked: false,
            created_by: creator,
            created_date: now_iso(),
            all_accessible_apis: false,
            apis: Vec::new(),
            clone_authorized_user_groups: false,
            groups: Vec::new(),
            ip_acl: None,
            purge_options: None,
            credentials: Vec::new(),
        };
        fields.apply(data, &mut client)?;
        let secret = if create_credential {
            let (credential, secret) = new_credential(data);
            client.credentials.push(credential);
            Some(secret)
        } else {
            None
        };
        let mut out = to_json(detail(data, &client, Parts::ALL))?;
        if let (Some(secret), Some(first)) = (secret, out["credentials"].get_mut(0)) {
            first["clientSecret"] = serde_json::Value::String(secret);
        }
        data.api_clients.insert(id.clone(), client);
        Ok((id, out))
    })?;
    Ok(created(&format!("/api-clients/{id}"), out))
}

fn get_client(state: &AppState, target: Target, raw: Option<&str>) -> Result<Response, ApiError> {
    let parts = Parts::from_query(raw)?;
    let data = state.store.read();
    let id = target.resolve(&data)?;
    let c = data
        .api_clients
        .get(&id)
        .ok_or_else(|| ApiError::not_found(format!("API client {id} not found")))?;
    Ok(ok(detail(&data, c, parts)))
}

/// Get your API client.
///
/// See: `GET /api-clients/self` (`actions`, `groupAccess`, `apiAccess`, `credentials`, `ipAcl`).
async fn get_own_client(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    get_client(&state, Target::Own, raw.as_deref())
}

/// Get an API client.
///
/// See: `GET /api-clients/{clientId}` (`actions`, `groupAccess`, `apiAccess`, `credentials`,
/// `ipAcl`).
async fn get_api_client(
    State(state): State<AppState>,
    id: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    get_client(&state, Target::Id(path_param(id)?), raw.as_deref())
}

fn update_client(state: &AppState, target: Target, body: &Bytes) -> Result<Response, ApiError> {
    target.resolve(&state.store.read())?;
    let req: requests::UpdateClient = json_body(body)?;
    let out = state.store.update(|data| {
        let id = target.resolve(data)?;
        let mut client = data
            .api_clients
            .get(&id)
            .cloned()
            .ok_or_else(|| ApiError::not_found(format!("API client {id} not found")))?;
        req.fields().apply(data, &mut client)?;
        let out = to_json(detail(data, &client, Parts::ALL))?;
        data.api_clients.insert(id, client);
        Ok(out)
    })?;
    Ok(ok(out))
}

/// Update your API client (200).
///
/// See: `PUT /api-clients/self`.
async fn update_own_client(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, ApiError> {
    update_client(&state, Target::Own, &body)
}

/// Update an API client (200).
///
/// See: `PUT /api-clients/{clientId}`.
async fn update_api_client(
    State(state): State<AppState>,
    id: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    update_client(&state, Target::Id(path_param(id)?), &body)
}

/// Remove your API client (204); 400 while it has active credentials. Afterwards the `self`
/// operations answer 404.
///
/// See: `DELETE /api-clients/self`.
async fn remove_own_client(State(state): State<AppState>) -> Result<Response, ApiError> {
    state.store.update(|data| {
        let id = Target::Own.resolve(data)?;
        if data
            .api_clients
            .get(&id)
            .is_some_and(|c| c.active_credentials() > 0)
        {
            return Err(ApiError::bad_request(
                "Your API client has active credentials; deactivate them before removing it",
            ));
        }
        data.api_clients.remove(&id);
        Ok(())
    })?;
    Ok(no_content())
}

/// Remove an API client (204).
///
/// See: `DELETE /api-clients/{clientId}`.
async fn remove_api_client(
    State(state): State<AppState>,
    id: PathArg<String>,
) -> Result<Response, ApiError> {
    let target = Target::Id(path_param(id)?);
    state.store.update(|data| {
        let id = target.resolve(data)?;
        data.api_clients.remove(&id);
        Ok(())
    })?;
    Ok(no_content())
}

fn set_lock(state: &AppState, target: Target, locked: bool) -> Result<Response, ApiError> {
    let out = state.store.update(|data| {
        let id = target.resolve(data)?;
        let c = data
            .api_clients
            .get_mut(&id)
            .ok_or_else(|| ApiError::not_found(format!("API client {id} not found")))?;
        c.is_locked = locked;
        to_json(simple(c, false))
    })?;
    Ok(ok(out))
}

/// Lock your API client (200).
///
/// See: `PUT /api-clients/self/lock`.
async fn lock_own_client(State(state): State<AppState>) -> Result<Response, ApiError> {
    set_lock(&state, Target::Own, true)
}

/// Lock an API client (200).
///
/// See: `PUT /api-clients/{clientId}/lock`.
async fn lock_api_client(
    State(state): State<AppState>,
    id: PathArg<String>,
) -> Result<Response, ApiError> {
    set_lock(&state, Target::Id(path_param(id)?), true)
}

/// Unlock an API client (200).
///
/// See: `PUT /api-clients/{clientId}/unlock`.
async fn unlock_api_client(
    State(state): State<AppState>,
    id: PathArg<String>,
) -> Result<Response, ApiError> {
    set_lock(&state, Target::Id(path_param(id)?), false)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SwitchKey {
    account_name: &'static str,
    account_switch_key: &'static str,
}

fn switch_keys(state: &AppState, target: Target, raw: Option<&str>) -> Result<Response, ApiError> {
    let query = QueryParams::parse(raw)?;
    let search = query.get("search").map(str::to_lowercase);
    if search.as_ref().is_some_and(|s| s.chars().count() < 3) {
        return Err(ApiError::bad_request(
            "The query parameter `search` needs at least 3 characters",
        ));
    }
    let data = state.store.read();
    let id = target.resolve(&data)?;
    let allowed = data
        .api_clients
        .get(&id)
        .is_some_and(|c| c.allow_account_switch);
    let keys: Vec<SwitchKey> = catalog::ACCOUNT_SWITCH_KEYS
        .iter()
        .filter(|_| allowed)
        .filter(|(name, key)| {
            search
                .as_ref()
                .is_none_or(|s| name.to_lowercase().contains(s) || key.to_lowercase().contains(s))
        })
        .map(|&(account_name, account_switch_key)| SwitchKey {
            account_name,
            account_switch_key,
        })
        .collect();
    Ok(ok(keys))
}

/// List your API client's account switch keys (empty unless it may switch accounts).
///
/// See: `GET /api-clients/self/account-switch-keys` (`search`).
async fn list_own_account_switch_keys(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    switch_keys(&state, Target::Own, raw.as_deref())
}

/// List an API client's account switch keys.
///
/// See: `GET /api-clients/{clientId}/account-switch-keys` (`search`).
async fn list_account_switch_keys(
    State(state): State<AppState>,
    id: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    switch_keys(&state, Target::Id(path_param(id)?), raw.as_deref())
}
