//! Users: the "Users" section of the IAM API docs (`/user-admin/ui-identities`).
//!
//! This file has the routes, List users, Get a user and the user views shared with the
//! user-profile section; [`edit`] creates, changes and removes users, [`account`] handles locks,
//! passwords, multi-factor authentication and notifications.

mod account;
mod edit;

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Serialize;

use super::auth_grants::{grant_views, GrantView};
use super::{path_param, PathArg};
use crate::problem::ApiError;
use crate::query::QueryParams;
use crate::store::{AdditionalAuthentication, Data, Notifications, User};
use crate::AppState;

pub(crate) use account::{
    apply_mfa, apply_notifications, check_password, reset_mfa, NotificationsRequest,
};
pub(crate) use edit::{apply_basic_info, BasicInfoRequest};

const ONE: &str = "/user-admin/ui-identities/{uiIdentityId}";

/// The Users routes, relative to the API base path.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/user-admin/ui-identities",
            get(list_users).post(edit::create_user),
        )
        .route(ONE, get(get_user).delete(edit::remove_user))
        .route(
            "/user-admin/ui-identities/{uiIdentityId}/basic-info",
            put(edit::update_user_info),
        )
        .route(
            "/user-admin/ui-identities/{uiIdentityId}/auth-grants",
            put(edit::update_user_auth_grants),
        )
        .route(
            "/user-admin/ui-identities/{uiIdentityId}/groups/{groupId}/blocked-properties",
            get(edit::list_blocked_properties).put(edit::update_blocked_properties),
        )
        .route(
            "/user-admin/ui-identities/{uiIdentityId}/lock",
            post(account::lock_user),
        )
        .route(
            "/user-admin/ui-identities/{uiIdentityId}/unlock",
            post(account::unlock_user),
        )
        .route(
            "/user-admin/ui-identities/{uiIdentityId}/reset-password",
            post(account::reset_user_password),
        )
        .route(
            "/user-admin/ui-identities/{uiIdentityId}/set-password",
            post(account::set_user_password),
        )
        .route(
            "/user-admin/ui-identities/{uiIdentityId}/additionalAuthentication",
            put(account::update_user_mfa),
        )
        .route(
            "/user-admin/ui-identities/{uiIdentityId}/additionalAuthentication/reset",
            put(account::reset_user_mfa),
        )
        .route(
            "/user-admin/ui-identities/{uiIdentityId}/notifications",
            put(account::update_user_notifications),
        )
}

/// Which optional parts a user view includes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Parts {
    pub auth_grants: bool,
    pub notifications: bool,
    pub actions: bool,
}

impl Parts {
    /// Everything (create and profile responses).
    pub(crate) const ALL: Parts = Parts {
        auth_grants: true,
        notifications: true,
        actions: true,
    };

    /// From the `authGrants`, `notifications` and `actions` query flags.
    pub(crate) fn from_query(query: &QueryParams) -> Result<Parts, ApiError> {
        Ok(Parts {
            auth_grants: query.flag("authGrants")?,
            notifications: query.flag("notifications")?,
            actions: query.flag("actions")?,
        })
    }
}

/// 404 for an unknown user.
pub(crate) fn user_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!("User {id} not found"))
}

/// 404 unless user `id` exists: checked before a body is read, so an unknown user is a 404 even
/// when the body is invalid too.
pub(crate) fn ensure_user(state: &AppState, id: &str) -> Result<(), ApiError> {
    if state.store.read().users.contains_key(id) {
        Ok(())
    } else {
        Err(user_not_found(id))
    }
}

/// List users, optionally only those with a grant on `groupId`.
///
/// See: `GET /user-admin/ui-identities` (`groupId`, `authGrants`, `actions`, `accountSwitchKey`).
async fn list_users(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let query = QueryParams::parse(raw.as_deref())?;
    let group_id = query.integer("groupId")?;
    let with_grants = query.flag("authGrants")?;
    let with_actions = query.flag("actions")?;
    let data = state.store.read();
    let items: Vec<ListItem<'_>> = data
        .users
        .values()
        .filter(|u| group_id.is_none_or(|g| u.auth_grants.iter().any(|a| a.group_id == g)))
        .map(|u| ListItem {
            core: Core::of(&data, u),
            ui_user_name: &u.ui_user_name,
            last_login_date: u.last_login_date.as_deref(),
            auth_grants: with_grants.then(|| grant_views(&data, &u.auth_grants)),
            actions: with_actions.then(|| ListActions::of(&data, u)),
        })
        .collect();
    Ok(Json(items).into_response())
}

/// Get one user's profile.
///
/// See: `GET /user-admin/ui-identities/{uiIdentityId}` (`authGrants`, `notifications`, `actions`,
/// `accountSwitchKey`).
async fn get_user(
    State(state): State<AppState>,
    id: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    let query = QueryParams::parse(raw.as_deref())?;
    let parts = Parts::from_query(&query)?;
    let data = state.store.read();
    let Some(u) = data.users.get(&id) else {
        return Err(user_not_found(&id));
    };
    Ok(Json(detail(&data, u, parts)).into_response())
}

/// The Get a user view of `u` with the requested optional parts (also the basic-info response
/// without them, and the profile's view).
pub(crate) fn detail<'a>(data: &'a Data, u: &'a User, parts: Parts) -> UserDetail<'a> {
    let (with_grants, with_notifications, with_actions) =
        (parts.auth_grants, parts.notifications, parts.actions);
    UserDetail {
        core: Core::of(data, u),
        ui_user_name: &u.ui_user_name,
        last_login_date: u.last_login_date.as_deref(),
        password_expiry_date: u.password_expiry_date.as_deref(),
        email_update_pending: u.email_update_pending,
        secondary_email: u.secondary_email.as_deref(),
        phone: u.phone.as_deref(),
        mobile_phone: u.mobile_phone.as_deref(),
        address: &u.address,
        city: u.city.as_deref(),
        state: u.state.as_deref(),
        zip_code: u.zip_code.as_deref(),
        country: &u.country,
        time_zone: &u.time_zone,
        preferred_language: u.preferred_language.as_deref(),
        job_title: u.job_title.as_deref(),
        contact_type: u.contact_type.as_deref(),
        session_time_out: u.session_time_out,
        auth_grants: with_grants.then(|| grant_views(data, &u.auth_grants)),
        notifications: with_notifications.then_some(&u.notifications),
        actions: with_actions.then(|| UserActions::of(data, u)),
    }
}

/// Fields every user schema requires.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Core<'a> {
    ui_identity_id: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    email: &'a str,
    account_id: &'a str,
    additional_authentication: AdditionalAuthentication,
    additional_authentication_configured: bool,
    is_locked: bool,
    tfa_enabled: bool,
    tfa_configured: bool,
}

impl<'a> Core<'a> {
    fn of(data: &'a Data, u: &'a User) -> Self {
        Core {
            ui_identity_id: &u.ui_identity_id,
            first_name: &u.first_name,
            last_name: &u.last_name,
            email: &u.email,
            account_id: &data.account_id,
            additional_authentication: u.additional_authentication,
            additional_authentication_configured: u.additional_authentication_configured,
            is_locked: u.is_locked,
            tfa_enabled: u.tfa_enabled,
            tfa_configured: u.tfa_configured,
        }
    }
}

/// One item of the List users response.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListItem<'a> {
    #[serde(flatten)]
    core: Core<'a>,
    ui_user_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_login_date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_grants: Option<Vec<GrantView<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<ListActions>,
}

/// The Get a user response.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UserDetail<'a> {
    #[serde(flatten)]
    core: Core<'a>,
    ui_user_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_login_date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password_expiry_date: Option<&'a str>,
    email_update_pending: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    secondary_email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_phone: Option<&'a str>,
    address: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    zip_code: Option<&'a str>,
    country: &'a str,
    time_zone: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    preferred_language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    session_time_out: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_grants: Option<Vec<GrantView<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notifications: Option<&'a Notifications>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actions: Option<UserActions>,
}

/// `actions` on a user in Get a user: what the calling API client may do with that user.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserActions {
    delete: bool,
    edit: bool,
    reset_password: bool,
    is_cloneable: bool,
    third_party_access: bool,
    api_client: bool,
}

impl UserActions {
    /// Account administrators (Admin on the root group) cannot be deleted by the API client.
    fn of(data: &Data, u: &User) -> Self {
        let root = data.root_group_id();
        let account_admin = u.auth_grants.iter().any(|g| {
            Some(g.group_id) == root
                && data
                    .roles
                    .get(&g.role_id)
                    .is_some_and(|r| r.role_name == "Admin")
        });
        UserActions {
            delete: !account_admin,
            edit: true,
            reset_password: !u.is_locked,
            is_cloneable: true,
            third_party_access: true,
            api_client: true,
        }
    }
}

/// `actions` on a user in List users (the list schema adds the profile and MFA switches).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListActions {
    #[serde(flatten)]
    base: UserActions,
    edit_profile: bool,
    #[serde(rename = "canEditTFA")]
    can_edit_tfa: bool,
    #[serde(rename = "canEditMFA")]
    can_edit_mfa: bool,
    can_edit_none: bool,
}

impl ListActions {
    fn of(data: &Data, u: &User) -> Self {
        let base = UserActions::of(data, u);
        // Account administrators must keep some additional authentication.
        let can_edit_none = base.delete;
        ListActions {
            base,
            edit_profile: true,
            can_edit_tfa: true,
            can_edit_mfa: true,
            can_edit_none,
        }
    }
}
