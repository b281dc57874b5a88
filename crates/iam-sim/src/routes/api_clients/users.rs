//! The helpers for building an API client: the users who can own one, and the APIs, CP codes
//! and groups a user may grant it (`/users...`).

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use serde::Serialize;

use super::requests::AllowedCpcodes;
use crate::catalog;
use crate::problem::ApiError;
use crate::query::QueryParams;
use crate::routes::auth_grants::grant_views;
use crate::routes::views::AuthorizedUser;
use crate::routes::{ok, optional_json_body, path_param, PathArg};
use crate::store::Data;
use crate::AppState;

/// List the users who can be authorized users of an API client.
///
/// See: `GET /users`.
pub(super) async fn list_authorized_users(State(state): State<AppState>) -> Response {
    let data = state.store.read();
    let users: Vec<AuthorizedUser<'_>> = data.users.values().map(AuthorizedUser::of).collect();
    ok(users)
}

fn user_by_name<'a>(data: &'a Data, name: &str) -> Result<&'a crate::store::User, ApiError> {
    data.users
        .values()
        .find(|u| u.ui_user_name == name)
        .ok_or_else(|| ApiError::not_found(format!("User {name} not found")))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AllowedApi {
    api_id: i64,
    api_name: &'static str,
    description: &'static str,
    end_point: &'static str,
    documentation_url: &'static str,
    access_levels: Vec<&'static str>,
    has_access: bool,
    service_provider_id: i64,
}

/// List the APIs a user may grant an API client.
///
/// See: `GET /users/{username}/allowed-apis` (`clientType`, `allowAccountSwitch`).
pub(super) async fn list_allowed_apis(
    State(state): State<AppState>,
    name: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let name = path_param(name)?;
    let query = QueryParams::parse(raw.as_deref())?;
    query.one_of("clientType", &["USER_CLIENT", "SERVICE_ACCOUNT", "CLIENT"])?;
    query.flag("allowAccountSwitch")?;
    let data = state.store.read();
    user_by_name(&data, &name)?;
    let apis: Vec<AllowedApi> = catalog::APIS
        .iter()
        .map(
            |&(api_id, api_name, description, end_point, documentation_url, rw)| AllowedApi {
                api_id,
                api_name,
                description,
                end_point,
                documentation_url,
                access_levels: if rw {
                    vec!["READ-ONLY", "READ-WRITE"]
                } else {
                    vec!["READ-ONLY"]
                },
                has_access: true,
                service_provider_id: 1,
            },
        )
        .collect();
    Ok(ok(apis))
}

#[derive(Serialize)]
struct Cpcode {
    name: &'static str,
    value: i64,
}

/// List the CP codes a user may grant an API client for purging.
///
/// See: `POST /users/{username}/allowed-cpcodes`.
pub(super) async fn list_allowed_cpcodes(
    State(state): State<AppState>,
    name: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let name = path_param(name)?;
    let req: Option<AllowedCpcodes> = optional_json_body(&body)?;
    let data = state.store.read();
    user_by_name(&data, &name)?;
    if let Some(req) = &req {
        req.check(&data)?;
    }
    let codes: Vec<Cpcode> = catalog::CPCODES
        .iter()
        .map(|&(name, value)| Cpcode { name, value })
        .collect();
    Ok(ok(codes))
}

/// List the groups and roles a user may grant an API client.
///
/// See: `GET /users/{username}/group-access`.
pub(super) async fn list_user_group_access(
    State(state): State<AppState>,
    name: PathArg<String>,
) -> Result<Response, ApiError> {
    let name = path_param(name)?;
    let data = state.store.read();
    let u = user_by_name(&data, &name)?;
    Ok(ok(grant_views(&data, &u.auth_grants)))
}
