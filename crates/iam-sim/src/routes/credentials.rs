//! API client credentials: the "Credentials" section of the IAM API docs, for the caller's own
//! client (`/api-clients/self/credentials`) and for any client
//! (`/api-clients/{clientId}/credentials`). A credential's `clientSecret` is returned once, by
//! the create operation; the store never keeps it.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};

use super::api_clients::{random_text, Target, ALNUM};
use super::{created, int_id, json_body, no_content, ok, path_of, path_param, to_json, PathArg};
use crate::problem::ApiError;
use crate::query::QueryParams;
use crate::seed::iso8601;
use crate::store::{ApiClient, Credential, CredentialStatus, Data};
use crate::time::{now_secs, parse_rfc3339};
use crate::AppState;

/// How long a credential may live: two years.
const MAX_LIFETIME_SECS: i64 = 730 * 86_400;

/// The credentials routes (own and per client), relative to the API base path.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api-clients/self/credentials",
            get(list_own).post(create_own),
        )
        .route(
            "/api-clients/self/credentials/deactivate",
            post(deactivate_all_own),
        )
        .route(
            "/api-clients/self/credentials/{credentialId}",
            get(get_own).put(update_own).delete(remove_own),
        )
        .route(
            "/api-clients/self/credentials/{credentialId}/deactivate",
            post(deactivate_own),
        )
        .route(
            "/api-clients/{clientId}/credentials",
            get(list_by_client).post(create_by_client),
        )
        .route(
            "/api-clients/{clientId}/credentials/deactivate",
            post(deactivate_all_by_client),
        )
        .route(
            "/api-clients/{clientId}/credentials/{credentialId}",
            get(get_by_client)
                .put(update_by_client)
                .delete(remove_by_client),
        )
        .route(
            "/api-clients/{clientId}/credentials/{credentialId}/deactivate",
            post(deactivate_by_client),
        )
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Actions {
    delete: bool,
    activate: bool,
    deactivate: bool,
    edit_description: bool,
    edit_expiration: bool,
}

/// A credential without its secret, as the list, get and API client views show it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CredentialView<'a> {
    credential_id: i64,
    client_token: &'a str,
    created_on: &'a str,
    expires_on: &'a str,
    status: CredentialStatus,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_allowed_expiry: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<Actions>,
}

/// The latest `expiresOn` a credential may have: two years after its creation.
fn max_expiry_secs(c: &Credential) -> i64 {
    parse_rfc3339(&c.created_on).map_or(0, |(s, _)| s) + MAX_LIFETIME_SECS
}

impl<'a> CredentialView<'a> {
    /// The view of `c`, with `actions` and `maxAllowedExpiry` as asked.
    pub(crate) fn of(c: &'a Credential, actions: bool, max_allowed: bool) -> Self {
        let active = c.status == CredentialStatus::Active;
        CredentialView {
            credential_id: c.credential_id,
            client_token: &c.client_token,
            created_on: &c.created_on,
            expires_on: &c.expires_on,
            status: c.status,
            description: &c.description,
            max_allowed_expiry: max_allowed
                .then(|| iso8601(u64::try_from(max_expiry_secs(c)).unwrap_or(0))),
            actions: actions.then_some(Actions {
                delete: !active,
                activate: !active,
                deactivate: active,
                edit_description: true,
                edit_expiration: true,
            }),
        }
    }
}

/// A new active credential expiring in two years, and its secret (returned once, not stored).
pub(crate) fn new_credential(data: &mut Data) -> (Credential, String) {
    let now = now_secs();
    let credential = Credential {
        credential_id: data.next_id(),
        client_token: format!("akab-{}-{}", random_text(16, ALNUM), random_text(16, ALNUM)),
        created_on: iso8601(now),
        expires_on: iso8601(now + MAX_LIFETIME_SECS as u64),
        status: CredentialStatus::Active,
        description: String::new(),
    };
    let secret = random_text(
        44,
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    );
    (credential, secret)
}

fn not_found(id: i64) -> ApiError {
    ApiError::not_found(format!("Credential {id} not found"))
}

/// Runs `f` on the target client inside one store write.
fn with_client<T>(
    state: &AppState,
    target: &Target,
    f: impl FnOnce(&mut ApiClient) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    state.store.update(|data| {
        let id = target.resolve(data)?;
        let client = data
            .api_clients
            .get_mut(&id)
            .ok_or_else(|| ApiError::not_found(format!("API client {id} not found")))?;
        f(client)
    })
}

fn credential_mut(client: &mut ApiClient, id: i64) -> Result<&mut Credential, ApiError> {
    client
        .credentials
        .iter_mut()
        .find(|c| c.credential_id == id)
        .ok_or_else(|| not_found(id))
}

fn list(state: &AppState, target: Target, raw: Option<&str>) -> Result<Response, ApiError> {
    let actions = QueryParams::parse(raw)?.flag("actions")?;
    let data = state.store.read();
    let id = target.resolve(&data)?;
    let items: Vec<CredentialView<'_>> = data
        .api_clients
        .get(&id)
        .map(|c| {
            c.credentials
                .iter()
                .map(|k| CredentialView::of(k, actions, true))
                .collect()
        })
        .unwrap_or_default();
    Ok(ok(items))
}

/// The Create a credential response: the one time `clientSecret` is shown.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewCredential<'a> {
    #[serde(flatten)]
    credential: CredentialView<'a>,
    client_secret: String,
}

fn create(state: &AppState, target: Target) -> Result<Response, ApiError> {
    let (location, out) = state.store.update(|data| {
        let id = target.resolve(data)?;
        let (credential, secret) = new_credential(data);
        let out = to_json(NewCredential {
            credential: CredentialView::of(&credential, false, false),
            client_secret: secret,
        })?;
        let location = format!(
            "{}/credentials/{}",
            target.base(&id),
            credential.credential_id
        );
        data.api_clients
            .get_mut(&id)
            .ok_or_else(|| ApiError::not_found(format!("API client {id} not found")))?
            .credentials
            .push(credential);
        Ok((location, out))
    })?;
    Ok(created(&location, out))
}

fn get_one(
    state: &AppState,
    target: Target,
    id: i64,
    raw: Option<&str>,
) -> Result<Response, ApiError> {
    let actions = QueryParams::parse(raw)?.flag("actions")?;
    let data = state.store.read();
    let client = target.resolve(&data)?;
    let c = data
        .api_clients
        .get(&client)
        .and_then(|c| c.credentials.iter().find(|k| k.credential_id == id))
        .ok_or_else(|| not_found(id))?;
    Ok(ok(CredentialView::of(c, actions, true)))
}

/// Body of Update a credential.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct UpdateCredential {
    expires_on: String,
    status: CredentialStatus,
    description: Option<String>,
}

/// The Update a credential response.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Updated {
    description: String,
    expires_on: String,
    status: CredentialStatus,
}

fn update(state: &AppState, target: Target, id: i64, body: &Bytes) -> Result<Response, ApiError> {
    let req: UpdateCredential = json_body(body)?;
    let Some((expires, _)) = parse_rfc3339(&req.expires_on) else {
        return Err(ApiError::bad_request(format!(
            "Invalid `expiresOn` `{}`: expected an RFC 3339 date-time",
            req.expires_on
        )));
    };
    if req.status == CredentialStatus::Deleted {
        return Err(ApiError::bad_request(
            "`status` can be ACTIVE or INACTIVE; remove a credential with DELETE",
        ));
    }
    let out = with_client(state, &target, |client| {
        let c = credential_mut(client, id)?;
        if expires > max_expiry_secs(c) {
            return Err(ApiError::bad_request(format!(
                "`expiresOn` is later than the maximum allowed expiry {}",
                iso8601(u64::try_from(max_expiry_secs(c)).unwrap_or(0))
            )));
        }
        c.expires_on = req.expires_on.clone();
        c.status = req.status;
        if let Some(d) = &req.description {
            c.description = d.clone();
        }
        Ok(Updated {
            description: c.description.clone(),
            expires_on: c.expires_on.clone(),
            status: c.status,
        })
    })?;
    Ok(ok(out))
}

fn remove(state: &AppState, target: Target, id: i64) -> Result<Response, ApiError> {
    with_client(state, &target, |client| {
        let c = credential_mut(client, id)?;
        if c.status == CredentialStatus::Active {
            return Err(ApiError::bad_request(format!(
                "Credential {id} is active; deactivate it before removing it"
            )));
        }
        client.credentials.retain(|k| k.credential_id != id);
        Ok(())
    })?;
    Ok(no_content())
}

fn deactivate(state: &AppState, target: Target, id: Option<i64>) -> Result<Response, ApiError> {
    with_client(state, &target, |client| {
        match id {
            Some(id) => credential_mut(client, id)?.status = CredentialStatus::Inactive,
            None => {
                for c in &mut client.credentials {
                    if c.status == CredentialStatus::Active {
                        c.status = CredentialStatus::Inactive;
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok(no_content())
}

fn cred_id(param: PathArg<String>) -> Result<i64, ApiError> {
    int_id(&path_param(param)?, "credentialId")
}

fn client_and_cred(param: PathArg<(String, String)>) -> Result<(Target, i64), ApiError> {
    let (client, cred) = path_of(param)?;
    Ok((Target::Id(client), int_id(&cred, "credentialId")?))
}

/// List your credentials.
///
/// See: `GET /api-clients/self/credentials` (`actions`).
async fn list_own(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    list(&state, Target::Own, raw.as_deref())
}

/// List an API client's credentials.
///
/// See: `GET /api-clients/{clientId}/credentials` (`actions`).
async fn list_by_client(
    State(state): State<AppState>,
    client: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    list(&state, Target::Id(path_param(client)?), raw.as_deref())
}

/// Create a credential for your API client (201, with `clientSecret` this once).
///
/// See: `POST /api-clients/self/credentials`.
async fn create_own(State(state): State<AppState>) -> Result<Response, ApiError> {
    create(&state, Target::Own)
}

/// Create a credential for an API client (201, with `clientSecret` this once).
///
/// See: `POST /api-clients/{clientId}/credentials`.
async fn create_by_client(
    State(state): State<AppState>,
    client: PathArg<String>,
) -> Result<Response, ApiError> {
    create(&state, Target::Id(path_param(client)?))
}

/// Get one of your credentials (never with its secret).
///
/// See: `GET /api-clients/self/credentials/{credentialId}` (`actions`).
async fn get_own(
    State(state): State<AppState>,
    id: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    get_one(&state, Target::Own, cred_id(id)?, raw.as_deref())
}

/// Get an API client's credential (never with its secret).
///
/// See: `GET /api-clients/{clientId}/credentials/{credentialId}` (`actions`).
async fn get_by_client(
    State(state): State<AppState>,
    ids: PathArg<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (target, id) = client_and_cred(ids)?;
    get_one(&state, target, id, raw.as_deref())
}

/// Update one of your credentials: `expiresOn` (kept with its sub-second precision, at most two
/// years after creation), `status`, `description`.
///
/// See: `PUT /api-clients/self/credentials/{credentialId}`.
async fn update_own(
    State(state): State<AppState>,
    id: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    update(&state, Target::Own, cred_id(id)?, &body)
}

/// Update an API client's credential.
///
/// See: `PUT /api-clients/{clientId}/credentials/{credentialId}`.
async fn update_by_client(
    State(state): State<AppState>,
    ids: PathArg<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let (target, id) = client_and_cred(ids)?;
    update(&state, target, id, &body)
}

/// Remove one of your credentials (204); 400 while it is active.
///
/// See: `DELETE /api-clients/self/credentials/{credentialId}`.
async fn remove_own(
    State(state): State<AppState>,
    id: PathArg<String>,
) -> Result<Response, ApiError> {
    remove(&state, Target::Own, cred_id(id)?)
}

/// Remove an API client's credential (204); 400 while it is active.
///
/// See: `DELETE /api-clients/{clientId}/credentials/{credentialId}`.
async fn remove_by_client(
    State(state): State<AppState>,
    ids: PathArg<(String, String)>,
) -> Result<Response, ApiError> {
    let (target, id) = client_and_cred(ids)?;
    remove(&state, target, id)
}

/// Deactivate one of your credentials (204).
///
/// See: `POST /api-clients/self/credentials/{credentialId}/deactivate`.
async fn deactivate_own(
    State(state): State<AppState>,
    id: PathArg<String>,
) -> Result<Response, ApiError> {
    deactivate(&state, Target::Own, Some(cred_id(id)?))
}

/// Deactivate an API client's credential (204).
///
/// See: `POST /api-clients/{clientId}/credentials/{credentialId}/deactivate`.
async fn deactivate_by_client(
    State(state): State<AppState>,
    ids: PathArg<(String, String)>,
) -> Result<Response, ApiError> {
    let (target, id) = client_and_cred(ids)?;
    deactivate(&state, target, Some(id))
}

/// Deactivate all your credentials (204).
///
/// See: `POST /api-clients/self/credentials/deactivate`.
async fn deactivate_all_own(State(state): State<AppState>) -> Result<Response, ApiError> {
    deactivate(&state, Target::Own, None)
}

/// Deactivate all of an API client's credentials (204).
///
/// See: `POST /api-clients/{clientId}/credentials/deactivate`.
async fn deactivate_all_by_client(
    State(state): State<AppState>,
    client: PathArg<String>,
) -> Result<Response, ApiError> {
    deactivate(&state, Target::Id(path_param(client)?), None)
}
