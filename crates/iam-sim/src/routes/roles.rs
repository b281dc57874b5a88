//! Roles: the "Roles" section of the IAM API docs (`/user-admin/roles`): standard, account and
//! custom roles, each a combination of grantable roles. Only `custom` roles can be changed or
//! removed (403 for the others), and not while assigned (409).

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};

use super::groups::EDITOR;
use super::views::RoleUser;
use super::{check_len, created, int_id, json_body, no_content, ok, path_param, to_json, PathArg};
use crate::catalog::{grantable_role, GRANTABLE_ROLES};
use crate::problem::ApiError;
use crate::query::QueryParams;
use crate::store::{Data, Role, RoleId, RoleType};
use crate::time::now_iso;
use crate::AppState;

/// The Roles routes, relative to the API base path.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/user-admin/roles", get(list_roles).post(create_role))
        .route(
            "/user-admin/roles/grantable-roles",
            get(list_grantable_roles),
        )
        .route(
            "/user-admin/roles/{roleId}",
            get(get_role).put(update_role).delete(remove_role),
        )
}

fn role_not_found(id: RoleId) -> ApiError {
    ApiError::not_found(format!("Role {id} not found"))
}

/// Whether any user or API client has this role.
fn is_assigned(data: &Data, id: RoleId) -> bool {
    data.users
        .values()
        .any(|u| u.auth_grants.iter().any(|g| g.role_id == id))
        || data
            .api_clients
            .values()
            .any(|c| c.groups.iter().any(|g| g.role_id == id))
}

#[derive(Serialize)]
struct RoleActions {
    delete: bool,
    edit: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GrantedRole {
    granted_role_id: i64,
    granted_role_name: &'static str,
    granted_role_description: &'static str,
}

fn granted(ids: &[i64]) -> Vec<GrantedRole> {
    ids.iter()
        .filter_map(|&id| grantable_role(id))
        .map(|(id, name, description)| GrantedRole {
            granted_role_id: id,
            granted_role_name: name,
            granted_role_description: description,
        })
        .collect()
}

/// A role as List roles and Get a role show it (optional parts as requested).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RoleView<'a> {
    role_id: RoleId,
    role_name: &'a str,
    role_description: &'a str,
    #[serde(rename = "type")]
    role_type: RoleType,
    created_by: &'a str,
    created_date: &'a str,
    modified_by: &'a str,
    modified_date: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    num_users: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    granted_roles: Option<Vec<GrantedRole>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    users: Option<Vec<RoleUser<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<RoleActions>,
}

/// What a role view includes.
#[derive(Clone, Copy, Default)]
struct Parts {
    actions: bool,
    granted_roles: bool,
    users: bool,
    num_users: bool,
    /// List roles requires `lastLoginDate` on users, so users who never logged in are left out.
    logged_in_only: bool,
}

fn view<'a>(data: &'a Data, r: &'a Role, parts: Parts) -> RoleView<'a> {
    let holders = || {
        data.users
            .values()
            .filter(move |u| u.auth_grants.iter().any(|g| g.role_id == r.role_id))
    };
    RoleView {
        role_id: r.role_id,
        role_name: &r.role_name,
        role_description: &r.role_description,
        role_type: r.role_type,
        created_by: &r.created_by,
        created_date: &r.created_date,
        modified_by: &r.modified_by,
        modified_date: &r.modified_date,
        num_users: parts.num_users.then(|| holders().count()),
        granted_roles: parts.granted_roles.then(|| granted(&r.granted_roles)),
        users: parts.users.then(|| {
            holders()
                .filter(|u| !parts.logged_in_only || u.last_login_date.is_some())
                .map(|u| RoleUser::of(data, u))
                .collect()
        }),
        actions: parts.actions.then(|| RoleActions {
            delete: r.role_type == RoleType::Custom && !is_assigned(data, r.role_id),
            edit: r.role_type == RoleType::Custom,
        }),
    }
}

/// List roles; with `groupId`, only roles granted on that group (unless `ignoreContext`).
///
/// See: `GET /user-admin/roles` (`actions`, `groupId`, `users`, `ignoreContext`).
async fn list_roles(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let query = QueryParams::parse(raw.as_deref())?;
    let parts = Parts {
        actions: query.flag("actions")?,
        users: query.flag("users")?,
        num_users: true,
        granted_roles: false,
        logged_in_only: true,
    };
    let group = query.integer("groupId")?;
    let ignore_context = query.flag("ignoreContext")?;
    let data = state.store.read();
    let in_group = |r: &Role| {
        ignore_context
            || group.is_none_or(|g| {
                data.users.values().any(|u| {
                    u.auth_grants
                        .iter()
                        .any(|a| a.group_id == g && a.role_id == r.role_id)
                })
            })
    };
    let items: Vec<RoleView<'_>> = data
        .roles
        .values()
        .filter(|r| in_group(r))
        .map(|r| view(&data, r, parts))
        .collect();
    Ok(ok(items))
}

/// Get a role.
///
/// See: `GET /user-admin/roles/{roleId}` (`actions`, `grantedRoles`, `users`).
async fn get_role(
    State(state): State<AppState>,
    id: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let id = int_id(&path_param(id)?, "roleId")?;
    let query = QueryParams::parse(raw.as_deref())?;
    let parts = Parts {
        actions: query.flag("actions")?,
        granted_roles: query.flag("grantedRoles")?,
        users: query.flag("users")?,
        ..Parts::default()
    };
    let data = state.store.read();
    let r = data.roles.get(&id).ok_or_else(|| role_not_found(id))?;
    Ok(ok(view(&data, r, parts)))
}

/// List the grantable roles a custom role can combine.
///
/// See: `GET /user-admin/roles/grantable-roles`.
async fn list_grantable_roles() -> Response {
    let ids: Vec<i64> = GRANTABLE_ROLES.iter().map(|r| r.0).collect();
    ok(granted(&ids))
}

/// `grantedRoles[]` in a request.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct GrantedRoleRef {
    granted_role_id: i64,
}

/// Body of Create a role.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CreateRole {
    role_name: String,
    role_description: String,
    granted_roles: Vec<GrantedRoleRef>,
}

/// Body of Update a role (everything optional).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct UpdateRole {
    role_name: Option<String>,
    role_description: Option<String>,
    granted_roles: Option<Vec<GrantedRoleRef>>,
}

fn check_granted(refs: &[GrantedRoleRef]) -> Result<Vec<i64>, ApiError> {
    if refs.is_empty() {
        return Err(ApiError::bad_request(
            "grantedRoles needs at least one grantable role",
        ));
    }
    refs.iter()
        .map(|g| {
            grantable_role(g.granted_role_id)
                .map(|r| r.0)
                .ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "grantedRoleId {} is not a grantable role",
                        g.granted_role_id
                    ))
                })
        })
        .collect()
}

fn check_unique_name(data: &Data, name: &str, except: Option<RoleId>) -> Result<(), ApiError> {
    if data
        .roles
        .values()
        .any(|r| Some(r.role_id) != except && r.role_name.eq_ignore_ascii_case(name))
    {
        return Err(ApiError::conflict(format!(
            "A role named `{name}` already exists"
        )));
    }
    Ok(())
}

const FULL: Parts = Parts {
    actions: true,
    granted_roles: true,
    users: false,
    num_users: false,
    logged_in_only: false,
};

/// Create a custom role from grantable roles (201); 409 if the name is taken.
///
/// See: `POST /user-admin/roles`.
async fn create_role(State(state): State<AppState>, body: Bytes) -> Result<Response, ApiError> {
    let req: CreateRole = json_body(&body)?;
    check_len(req.role_name.trim(), "roleName", 1, 70)?;
    check_len(&req.role_description, "roleDescription", 0, 250)?;
    let granted_roles = check_granted(&req.granted_roles)?;
    let (id, out) = state.store.update(|data| {
        check_unique_name(data, &req.role_name, None)?;
        let id = data.next_id();
        let now = now_iso();
        let role = Role {
            role_id: id,
            role_name: req.role_name.clone(),
            role_description: req.role_description.clone(),
            role_type: RoleType::Custom,
            created_by: EDITOR.into(),
            created_date: now.clone(),
            modified_by: EDITOR.into(),
            modified_date: now,
            granted_roles,
            grantable_in: None,
        };
        let out = to_json(view(data, &role, FULL))?;
        data.roles.insert(id, role);
        Ok((id, out))
    })?;
    Ok(created(&format!("/user-admin/roles/{id}"), out))
}

/// 403 unless the role is `custom`.
fn check_custom(r: &Role, what: &str) -> Result<(), ApiError> {
    if r.role_type == RoleType::Custom {
        Ok(())
    } else {
        let kind = match r.role_type {
            RoleType::Standard => "standard",
            _ => "account",
        };
        Err(ApiError::forbidden(format!(
            "Role {} is a {kind} role; only custom roles can be {what}",
            r.role_id
        )))
    }
}

/// Update a custom role (200); 403 for standard and account roles; 409 for a taken name.
///
/// See: `PUT /user-admin/roles/{roleId}`.
async fn update_role(
    State(state): State<AppState>,
    id: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = int_id(&path_param(id)?, "roleId")?;
    {
        let data = state.store.read();
        let r = data.roles.get(&id).ok_or_else(|| role_not_found(id))?;
        check_custom(r, "changed")?;
    }
    let req: UpdateRole = json_body(&body)?;
    if let Some(name) = &req.role_name {
        check_len(name.trim(), "roleName", 1, 70)?;
    }
    if let Some(d) = &req.role_description {
        check_len(d, "roleDescription", 0, 250)?;
    }
    let granted_roles = req
        .granted_roles
        .as_deref()
        .map(check_granted)
        .transpose()?;
    let out = state.store.update(|data| {
        if let Some(name) = &req.role_name {
            check_unique_name(data, name, Some(id))?;
        }
        let r = data.roles.get_mut(&id).ok_or_else(|| role_not_found(id))?;
        if let Some(name) = &req.role_name {
            r.role_name = name.clone();
        }
        if let Some(d) = &req.role_description {
            r.role_description = d.clone();
        }
        if let Some(g) = granted_roles {
            r.granted_roles = g;
        }
        r.modified_by = EDITOR.into();
        r.modified_date = now_iso();
        let r = data.roles.get(&id).ok_or_else(|| role_not_found(id))?;
        to_json(view(data, r, FULL))
    })?;
    Ok(ok(out))
}

/// Remove a custom role (204); 403 for standard and account roles; 409 while assigned.
///
/// See: `DELETE /user-admin/roles/{roleId}`.
async fn remove_role(
    State(state): State<AppState>,
    id: PathArg<String>,
) -> Result<Response, ApiError> {
    let id = int_id(&path_param(id)?, "roleId")?;
    state.store.update(|data| {
        let r = data.roles.get(&id).ok_or_else(|| role_not_found(id))?;
        check_custom(r, "removed")?;
        if is_assigned(data, id) {
            return Err(ApiError::conflict(format!(
                "Role {id} is assigned to users or API clients; it cannot be removed"
            )));
        }
        data.roles.remove(&id);
        Ok(())
    })?;
    Ok(no_content())
}
