//! User profile: the "User profile" section of the IAM API docs (`/user-profile`), the caller's
//! own user. The caller is the store's `profileUser` (in the built-in seed an account admin).

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use serde::Deserialize;

use super::users::{
    apply_basic_info, apply_mfa, apply_notifications, detail, reset_mfa, user_not_found,
    BasicInfoRequest, NotificationsRequest, Parts,
};
use super::{json_body, no_content, ok, to_json};
use crate::problem::ApiError;
use crate::query::QueryParams;
use crate::AppState;

/// The User profile routes, relative to the API base path.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/user-profile", get(get_profile))
        .route("/user-profile/basic-info", put(update_profile_info))
        .route(
            "/user-profile/additionalAuthentication",
            put(update_profile_mfa),
        )
        .route(
            "/user-profile/additionalAuthentication/reset",
            put(reset_profile_mfa),
        )
        .route("/user-profile/change-password", post(change_password))
        .route(
            "/user-profile/notifications",
            put(update_profile_notifications),
        )
}

/// View your profile.
///
/// See: `GET /user-profile` (`authGrants`, `notifications`, `actions`).
async fn get_profile(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let parts = Parts::from_query(&QueryParams::parse(raw.as_deref())?)?;
    let data = state.store.read();
    let me = &data.profile_user;
    let u = data.users.get(me).ok_or_else(|| user_not_found(me))?;
    Ok(ok(detail(&data, u, parts)))
}

/// Update your profile's basic information (200 with your full profile).
///
/// See: `PUT /user-profile/basic-info`.
async fn update_profile_info(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let req: BasicInfoRequest = json_body(&body)?;
    let view = state.store.update(|data| {
        let me = data.profile_user.clone();
        apply_basic_info(data, &me, &req)?;
        let u = data.users.get(&me).ok_or_else(|| user_not_found(&me))?;
        to_json(detail(data, u, Parts::ALL))
    })?;
    Ok(ok(view))
}

/// Set your multi-factor authentication (204).
///
/// See: `PUT /user-profile/additionalAuthentication`.
async fn update_profile_mfa(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, ApiError> {
    state.store.update(|data| {
        let me = data.profile_user.clone();
        apply_mfa(data, &me, &body)
    })?;
    Ok(no_content())
}

/// Reset your multi-factor authentication (204).
///
/// See: `PUT /user-profile/additionalAuthentication/reset`.
async fn reset_profile_mfa(State(state): State<AppState>) -> Result<Response, ApiError> {
    state.store.update(|data| {
        let me = data.profile_user.clone();
        reset_mfa(data, &me)
    })?;
    Ok(no_content())
}

/// Body of Change your password.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ChangePassword {
    current_password: String,
    new_password: String,
}

/// Change your password (204); 400 if `currentPassword` is wrong or the new one breaks the
/// password policy.
///
/// See: `POST /user-profile/change-password`.
async fn change_password(State(state): State<AppState>, body: Bytes) -> Result<Response, ApiError> {
    let req: ChangePassword = json_body(&body)?;
    super::users::check_password(&req.new_password)?;
    state.store.update(|data| {
        let me = data.profile_user.clone();
        let u = data.users.get_mut(&me).ok_or_else(|| user_not_found(&me))?;
        if u.password
            .as_deref()
            .is_some_and(|p| p != req.current_password)
        {
            return Err(ApiError::bad_request(
                "`currentPassword` is not your password",
            ));
        }
        if req.new_password == req.current_password {
            return Err(ApiError::bad_request(
                "The new password must differ from the current one",
            ));
        }
        u.password = Some(req.new_password.clone());
        Ok(())
    })?;
    Ok(no_content())
}

/// Update your notification emails (200 with the new settings).
///
/// See: `PUT /user-profile/notifications`.
async fn update_profile_notifications(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let req: NotificationsRequest = json_body(&body)?;
    let out = state.store.update(|data| {
        let me = data.profile_user.clone();
        apply_notifications(data, &me, &req)
    })?;
    Ok(ok(out))
}
