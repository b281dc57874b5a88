//! Create a user, update basic info, remove a user, change auth grants and blocked properties.

use std::collections::BTreeSet;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;

use super::account::CreateNotifications;
use super::{detail, ensure_user, user_not_found, Parts};
use crate::problem::ApiError;
use crate::query::QueryParams;
use crate::routes::auth_grants::grant_views;
use crate::routes::{
    check_email, check_len, created, int_id, json_body, no_content, ok, path_of, path_param,
    to_json, PathArg,
};
use crate::store::{
    AdditionalAuthentication, AuthGrant, Data, NotificationOptions, Notifications, User,
};
use crate::time::now_secs;
use crate::AppState;

/// One entry of `authGrants` in a request (both `oneOf` shapes: with or without `groupId`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct AuthGrantRequest {
    group_id: Option<i64>,
    role_id: Option<i64>,
    #[allow(dead_code)]
    group_name: Option<String>,
    is_blocked: Option<bool>,
    #[allow(dead_code)]
    role_description: Option<String>,
    #[allow(dead_code)]
    role_name: Option<String>,
    sub_groups: Option<Vec<SubGroupRequest>>,
}

/// A `subGroups` entry of a grant request: a different role (or none) on a subgroup.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct SubGroupRequest {
    group_id: Option<i64>,
    #[allow(dead_code)]
    group_name: Option<String>,
    is_blocked: Option<bool>,
    role_id: Option<i64>,
    #[allow(dead_code)]
    sub_groups: Option<Vec<Value>>,
}

/// What the spec says when a user would be left without a group role (createUser's and
/// updateUserAuthGrants' `authGrants`: "The user needs to have at least one group role assigned").
pub(crate) const NEEDS_GROUP_ROLE: &str =
    "authGrants: the user needs to have at least one group role assigned";

/// Turns grant requests into stored grants: each needs a known `groupId` and a known `roleId`
/// grantable in that group; a subgroup entry with a `roleId` becomes a grant of its own on that
/// subgroup (one with `roleId: null` keeps the role cascaded from its parent, as the spec says).
pub(crate) fn grants_from(
    data: &Data,
    requests: &[AuthGrantRequest],
) -> Result<Vec<AuthGrant>, ApiError> {
    let mut out: Vec<AuthGrant> = Vec::new();
    let mut add = |group_id: i64, role_id: i64, blocked: bool| -> Result<(), ApiError> {
        let Some(group) = data.groups.get(&group_id) else {
            return Err(ApiError::bad_request(format!(
                "authGrants: unknown groupId {group_id}"
            )));
        };
        let Some(role) = data.roles.get(&role_id) else {
            return Err(ApiError::bad_request(format!(
                "authGrants: unknown roleId {role_id}"
            )));
        };
        if !data.grantable(role_id, group_id) {
            return Err(ApiError::bad_request(format!(
                "authGrants: role {role_id} ({}) is not grantable in group {group_id} ({})",
                role.role_name, group.group_name
            )));
        }
        out.retain(|g| g.group_id != group_id);
        out.push(AuthGrant {
            group_id,
            role_id,
            is_blocked: blocked,
        });
        Ok(())
    };
    for r in requests {
        let Some(group_id) = r.group_id else {
            return Err(ApiError::bad_request(
                "authGrants: account-level roles (a grant without `groupId`) are not supported \
                 by the simulator; every grant needs a `groupId`",
            ));
        };
        let Some(role_id) = r.role_id else {
            return Err(ApiError::bad_request(format!(
                "authGrants: the grant on group {group_id} needs a `roleId`"
            )));
        };
        add(group_id, role_id, r.is_blocked.unwrap_or(false))?;
        for sub in r.sub_groups.iter().flatten() {
            if let (Some(g), Some(role)) = (sub.group_id, sub.role_id) {
                if !data.is_within(g, group_id) {
                    return Err(ApiError::bad_request(format!(
                        "authGrants: group {g} is not a subgroup of {group_id}"
                    )));
                }
                add(g, role, sub.is_blocked.unwrap_or(false))?;
            }
        }
    }
    if out.is_empty() {
        return Err(ApiError::bad_request(NEEDS_GROUP_ROLE));
    }
    Ok(out)
}

/// Body of Create a user.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CreateUserRequest {
    first_name: String,
    last_name: String,
    email: String,
    country: String,
    #[serde(default)]
    auth_grants: Vec<AuthGrantRequest>,
    additional_authentication: AdditionalAuthentication,
    address: Option<String>,
    city: Option<String>,
    clone_from: Option<String>,
    contact_type: Option<String>,
    job_title: Option<String>,
    mobile_phone: Option<String>,
    notifications: Option<CreateNotifications>,
    phone: Option<String>,
    preferred_language: Option<String>,
    secondary_email: Option<String>,
    session_time_out: Option<u32>,
    state: Option<String>,
    time_zone: Option<String>,
    zip_code: Option<String>,
}

/// Create a user (201), or clone another user's grants with `cloneFrom`; 409 if the email is
/// taken.
///
/// See: `POST /user-admin/ui-identities` (`sendEmail`, `accountSwitchKey`).
pub(super) async fn create_user(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Result<Response, ApiError> {
    let query = QueryParams::parse(raw.as_deref())?;
    query.flag("sendEmail")?;
    let req: CreateUserRequest = json_body(&body)?;
    check_len(&req.first_name, "firstName", 1, 50)?;
    check_len(&req.last_name, "lastName", 1, 50)?;
    check_email(&req.email, "email")?;
    if let Some(e) = &req.secondary_email {
        check_email(e, "secondaryEmail")?;
    }
    let id = state.store.update(|data| {
        if data
            .users
            .values()
            .any(|u| u.email.eq_ignore_ascii_case(&req.email))
        {
            return Err(ApiError::conflict(format!(
                "A user with email {} already exists",
                req.email
            )));
        }
        // The spec: "Provide either this [authGrants] or the `cloneFrom`."
        let auth_grants = match &req.clone_from {
            Some(_) if !req.auth_grants.is_empty() => {
                return Err(ApiError::bad_request(
                    "Provide either authGrants or cloneFrom, not both",
                ))
            }
            Some(from) => data
                .users
                .get(from)
                .map(|u| u.auth_grants.clone())
                .ok_or_else(|| ApiError::bad_request(format!("cloneFrom: unknown user {from}")))?,
            None => grants_from(data, &req.auth_grants)?,
        };
        let id = format!("F-CO-{:07}", data.next_id());
        let notifications = req
            .notifications
            .as_ref()
            .map_or_else(default_notifications, CreateNotifications::to_store);
        let mfa = req.additional_authentication;
        let user = User {
            ui_identity_id: id.clone(),
            ui_user_name: req.email.clone(),
            first_name: req.first_name.clone(),
            last_name: req.last_name.clone(),
            email: req.email.clone(),
            secondary_email: req.secondary_email.clone(),
            phone: req.phone.clone(),
            mobile_phone: req.mobile_phone.clone(),
            address: req.address.clone().unwrap_or_else(|| "TBD".into()),
            city: req.city.clone(),
            state: req.state.clone(),
            zip_code: req.zip_code.clone(),
            country: req.country.clone(),
            time_zone: req.time_zone.clone().unwrap_or_else(|| "GMT".into()),
            preferred_language: Some(
                req.preferred_language
                    .clone()
                    .unwrap_or_else(|| "English".into()),
            ),
            job_title: req.job_title.clone(),
            contact_type: req.contact_type.clone(),
            session_time_out: Some(req.session_time_out.unwrap_or(1800)),
            last_login_date: None,
            password_expiry_date: Some(crate::seed::iso8601(now_secs() + 90 * 86_400)),
            is_locked: false,
            email_update_pending: false,
            additional_authentication: mfa,
            additional_authentication_configured: false,
            tfa_enabled: mfa == AdditionalAuthentication::Tfa,
            tfa_configured: false,
            auth_grants,
            notifications,
            blocked_properties: Default::default(),
            password: None,
        };
        let view = to_json(detail(data, &user, Parts::ALL))?;
        data.users.insert(id.clone(), user);
        Ok((id, view))
    })?;
    Ok(created(
        &format!("/user-admin/ui-identities/{}", id.0),
        id.1,
    ))
}

fn default_notifications() -> Notifications {
    Notifications {
        enable_email_notifications: true,
        options: NotificationOptions {
            new_user_notification: true,
            password_expiry: true,
            api_client_credential_expiry_notification: false,
            proactive: Vec::new(),
            upgrade: Vec::new(),
        },
    }
}

/// Remove a user (204). 403 for the caller's own user; 409 for a user who is an authorized
/// user of an API client.
///
/// See: `DELETE /user-admin/ui-identities/{uiIdentityId}`.
pub(super) async fn remove_user(
    State(state): State<AppState>,
    id: PathArg<String>,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    state.store.update(|data| {
        let Some(user) = data.users.get(&id) else {
            return Err(user_not_found(&id));
        };
        if id == data.profile_user {
            return Err(ApiError::forbidden(
                "You cannot remove your own user; ask another administrator",
            ));
        }
        if let Some(client) = data
            .api_clients
            .values()
            .find(|c| c.authorized_users.contains(&user.ui_user_name))
        {
            return Err(ApiError::conflict(format!(
                "User {id} owns API client {}; transfer it before removing the user",
                client.client_id
            )));
        }
        data.users.remove(&id);
        Ok(())
    })?;
    Ok(no_content())
}

/// Body of Update a user's basic info and Update your profile (the whole basic record: fields
/// left out are cleared).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct BasicInfoRequest {
    first_name: String,
    last_name: String,
    country: String,
    preferred_language: String,
    session_time_out: u32,
    time_zone: String,
    additional_authentication: Option<AdditionalAuthentication>,
    address: Option<String>,
    city: Option<String>,
    contact_type: Option<String>,
    email: Option<String>,
    job_title: Option<String>,
    mobile_phone: Option<String>,
    phone: Option<String>,
    secondary_email: Option<String>,
    state: Option<String>,
    zip_code: Option<String>,
}

/// Applies a basic-info body to user `id` in `data`: 400 for invalid values, 409 for an email
/// another user has.
pub(crate) fn apply_basic_info(
    data: &mut Data,
    id: &str,
    req: &BasicInfoRequest,
) -> Result<(), ApiError> {
    check_len(&req.first_name, "firstName", 1, 50)?;
    check_len(&req.last_name, "lastName", 1, 50)?;
    if let Some(job) = &req.job_title {
        check_len(job, "jobTitle", 1, 75)?;
    }
    for (value, field) in [
        (&req.email, "email"),
        (&req.secondary_email, "secondaryEmail"),
    ] {
        if let Some(v) = value {
            check_email(v, field)?;
        }
    }
    if let Some(email) = &req.email {
        if data
            .users
            .values()
            .any(|u| u.ui_identity_id != id && u.email.eq_ignore_ascii_case(email))
        {
            return Err(ApiError::conflict(format!(
                "A user with email {email} already exists"
            )));
        }
    }
    let Some(u) = data.users.get_mut(id) else {
        return Err(user_not_found(id));
    };
    u.first_name = req.first_name.clone();
    u.last_name = req.last_name.clone();
    u.country = req.country.clone();
    u.preferred_language = Some(req.preferred_language.clone());
    u.session_time_out = Some(req.session_time_out);
    u.time_zone = req.time_zone.clone();
    if let Some(mfa) = req.additional_authentication {
        super::account::set_mfa(u, mfa);
    }
    if let Some(address) = &req.address {
        u.address = address.clone();
    }
    if let Some(email) = &req.email {
        u.email = email.clone();
    }
    u.city = req.city.clone();
    u.contact_type = req.contact_type.clone();
    u.job_title = req.job_title.clone();
    u.mobile_phone = req.mobile_phone.clone();
    u.phone = req.phone.clone();
    u.secondary_email = req.secondary_email.clone();
    u.state = req.state.clone();
    u.zip_code = req.zip_code.clone();
    Ok(())
}

/// Update a user's basic info (200 with the basic view).
///
/// See: `PUT /user-admin/ui-identities/{uiIdentityId}/basic-info`.
pub(super) async fn update_user_info(
    State(state): State<AppState>,
    id: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    ensure_user(&state, &id)?;
    let req: BasicInfoRequest = json_body(&body)?;
    let view = state.store.update(|data| {
        apply_basic_info(data, &id, &req)?;
        let u = data.users.get(&id).ok_or_else(|| user_not_found(&id))?;
        to_json(detail(data, u, Parts::default()))
    })?;
    Ok(ok(view))
}

/// Replace a user's group and role assignments (200 with the new grants).
///
/// See: `PUT /user-admin/ui-identities/{uiIdentityId}/auth-grants`.
pub(super) async fn update_user_auth_grants(
    State(state): State<AppState>,
    id: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    ensure_user(&state, &id)?;
    let req: Vec<AuthGrantRequest> = json_body(&body)?;
    let view = state.store.update(|data| {
        let grants = grants_from(data, &req)?;
        let view = to_json(grant_views(data, &grants))?;
        let u = data.users.get_mut(&id).ok_or_else(|| user_not_found(&id))?;
        u.auth_grants = grants;
        Ok(view)
    })?;
    Ok(ok(view))
}

fn user_and_group(data: &Data, id: &str, group: &str) -> Result<i64, ApiError> {
    let group_id = int_id(group, "groupId")?;
    if !data.users.contains_key(id) {
        return Err(user_not_found(id));
    }
    if !data.groups.contains_key(&group_id) {
        return Err(ApiError::not_found(format!("Group {group_id} not found")));
    }
    Ok(group_id)
}

/// List the properties a user may not access in a group.
///
/// See: `GET /user-admin/ui-identities/{uiIdentityId}/groups/{groupId}/blocked-properties`.
pub(super) async fn list_blocked_properties(
    State(state): State<AppState>,
    ids: PathArg<(String, String)>,
) -> Result<Response, ApiError> {
    let (id, group) = path_of(ids)?;
    let data = state.store.read();
    let group_id = user_and_group(&data, &id, &group)?;
    let blocked: Vec<i64> = data
        .users
        .get(&id)
        .and_then(|u| u.blocked_properties.get(&group_id))
        .map(|s| s.iter().copied().collect())
        .unwrap_or_default();
    Ok(ok(blocked))
}

/// Replace the properties a user may not access in a group; each must be a property of that
/// group (400 otherwise).
///
/// See: `PUT /user-admin/ui-identities/{uiIdentityId}/groups/{groupId}/blocked-properties`.
pub(super) async fn update_blocked_properties(
    State(state): State<AppState>,
    ids: PathArg<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let (id, group) = path_of(ids)?;
    let group_id = user_and_group(&state.store.read(), &id, &group)?;
    let req: Vec<u32> = json_body(&body)?;
    let set = state.store.update(|data| {
        let set: BTreeSet<i64> = req.iter().map(|&p| i64::from(p)).collect();
        for p in &set {
            if data
                .properties
                .get(p)
                .is_none_or(|prop| prop.group_id != group_id)
            {
                return Err(ApiError::bad_request(format!(
                    "Property {p} is not in group {group_id}"
                )));
            }
        }
        let u = data.users.get_mut(&id).ok_or_else(|| user_not_found(&id))?;
        if set.is_empty() {
            u.blocked_properties.remove(&group_id);
        } else {
            u.blocked_properties.insert(group_id, set.clone());
        }
        Ok(set)
    })?;
    Ok(ok(set.into_iter().collect::<Vec<_>>()))
}
