//! A user's account switches: lock and unlock, passwords, multi-factor authentication and
//! notification emails.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::{ensure_user, user_not_found};
use crate::catalog::password_ok;
use crate::problem::ApiError;
use crate::query::QueryParams;
use crate::routes::{json_body, no_content, ok, path_param, PathArg};
use crate::store::{AdditionalAuthentication, Data, NotificationOptions, Notifications, User};
use crate::AppState;

/// Runs `change` on user `id` in one store write; 404 if there is no such user.
fn with_user<T>(
    state: &AppState,
    id: &str,
    change: impl FnOnce(&mut User) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    state.store.update(|data| {
        let u = data.users.get_mut(id).ok_or_else(|| user_not_found(id))?;
        change(u)
    })
}

/// Lock a user's account (204).
///
/// See: `POST /user-admin/ui-identities/{uiIdentityId}/lock`.
pub(super) async fn lock_user(
    State(state): State<AppState>,
    id: PathArg<String>,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    with_user(&state, &id, |u| {
        u.is_locked = true;
        Ok(())
    })?;
    Ok(no_content())
}

/// Unlock a user's account (204).
///
/// See: `POST /user-admin/ui-identities/{uiIdentityId}/unlock`.
pub(super) async fn unlock_user(
    State(state): State<AppState>,
    id: PathArg<String>,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    with_user(&state, &id, |u| {
        u.is_locked = false;
        Ok(())
    })?;
    Ok(no_content())
}

/// The Reset a user's password response (only when the password is not emailed).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewPassword {
    new_password: String,
}

/// Reset a user's password to a one-time password: 204 when `sendEmail=true` (the password is
/// emailed), else 200 with `newPassword`.
///
/// See: `POST /user-admin/ui-identities/{uiIdentityId}/reset-password` (`sendEmail`).
pub(super) async fn reset_user_password(
    State(state): State<AppState>,
    id: PathArg<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    let send_email = QueryParams::parse(raw.as_deref())?.flag("sendEmail")?;
    let password = with_user(&state, &id, |u| {
        let n = crate::time::now_secs() ^ u.ui_identity_id.len() as u64;
        let password = format!(
            "Tmp-{:08x}{}",
            n.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32,
            n % 10
        );
        u.password = Some(password.clone());
        u.is_locked = false;
        Ok(password)
    })?;
    if send_email {
        Ok(no_content())
    } else {
        Ok(ok(NewPassword {
            new_password: password,
        }))
    }
}

/// Body of Set a user's password.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SetPassword {
    new_password: String,
}

/// 400 unless `password` meets the account's password policy.
pub(crate) fn check_password(password: &str) -> Result<(), ApiError> {
    if password_ok(password) {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            "The new password does not meet the password policy (at least 8 characters, one \
             letter and one digit)",
        ))
    }
}

/// Set a user's password (204); 400 if it breaks the password policy.
///
/// See: `POST /user-admin/ui-identities/{uiIdentityId}/set-password`.
pub(super) async fn set_user_password(
    State(state): State<AppState>,
    id: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    ensure_user(&state, &id)?;
    let req: SetPassword = json_body(&body)?;
    check_password(&req.new_password)?;
    with_user(&state, &id, |u| {
        u.password = Some(req.new_password.clone());
        Ok(())
    })?;
    Ok(no_content())
}

/// Body of the set-MFA operations.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MfaRequest {
    value: AdditionalAuthentication,
}

/// Switches a user's additional authentication; it needs configuring again at next login.
pub(crate) fn set_mfa(u: &mut User, value: AdditionalAuthentication) {
    u.additional_authentication = value;
    u.additional_authentication_configured = false;
    u.tfa_enabled = value == AdditionalAuthentication::Tfa;
    u.tfa_configured = false;
}

/// Parses a set-MFA body and applies it to user `id`.
pub(crate) fn apply_mfa(data: &mut Data, id: &str, body: &Bytes) -> Result<(), ApiError> {
    let req: MfaRequest = json_body(body)?;
    let u = data.users.get_mut(id).ok_or_else(|| user_not_found(id))?;
    set_mfa(u, req.value);
    Ok(())
}

/// Makes user `id` configure their additional authentication again at next login.
pub(crate) fn reset_mfa(data: &mut Data, id: &str) -> Result<(), ApiError> {
    let u = data.users.get_mut(id).ok_or_else(|| user_not_found(id))?;
    u.additional_authentication_configured = false;
    u.tfa_configured = false;
    Ok(())
}

/// Set a user's multi-factor authentication (204).
///
/// See: `PUT /user-admin/ui-identities/{uiIdentityId}/additionalAuthentication`.
pub(super) async fn update_user_mfa(
    State(state): State<AppState>,
    id: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    ensure_user(&state, &id)?;
    state.store.update(|data| apply_mfa(data, &id, &body))?;
    Ok(no_content())
}

/// Reset a user's multi-factor authentication (204).
///
/// See: `PUT /user-admin/ui-identities/{uiIdentityId}/additionalAuthentication/reset`.
pub(super) async fn reset_user_mfa(
    State(state): State<AppState>,
    id: PathArg<String>,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    state.store.update(|data| reset_mfa(data, &id))?;
    Ok(no_content())
}

/// `notifications` in a Create a user body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CreateNotifications {
    enable_email_notifications: bool,
    options: Option<CreateOptions>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CreateOptions {
    password_expiry: bool,
    new_user_notification: bool,
    api_client_credential_expiry_notification: Option<bool>,
    proactive: Option<Vec<String>>,
    upgrade: Option<Vec<String>>,
}

impl CreateNotifications {
    /// The stored settings (options left out are off).
    pub(crate) fn to_store(&self) -> Notifications {
        let o = self.options.as_ref();
        Notifications {
            enable_email_notifications: self.enable_email_notifications,
            options: NotificationOptions {
                new_user_notification: o.is_some_and(|o| o.new_user_notification),
                password_expiry: o.is_some_and(|o| o.password_expiry),
                api_client_credential_expiry_notification: o
                    .and_then(|o| o.api_client_credential_expiry_notification)
                    .unwrap_or(false),
                proactive: o.and_then(|o| o.proactive.clone()).unwrap_or_default(),
                upgrade: o.and_then(|o| o.upgrade.clone()).unwrap_or_default(),
            },
        }
    }
}

/// Body of Update a user's notifications and Update your notifications.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct NotificationsRequest {
    enable_email_notifications: bool,
    options: UpdateOptions,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct UpdateOptions {
    password_expiry: bool,
    proactive: Vec<String>,
    upgrade: Vec<String>,
    new_user_notification: Option<bool>,
    api_client_credential_expiry_notification: Option<bool>,
}

/// Applies a notifications body to user `id`; returns the new settings.
pub(crate) fn apply_notifications(
    data: &mut Data,
    id: &str,
    req: &NotificationsRequest,
) -> Result<Notifications, ApiError> {
    let u = data.users.get_mut(id).ok_or_else(|| user_not_found(id))?;
    let old = &u.notifications.options;
    let o = &req.options;
    u.notifications = Notifications {
        enable_email_notifications: req.enable_email_notifications,
        options: NotificationOptions {
            new_user_notification: o.new_user_notification.unwrap_or(old.new_user_notification),
            password_expiry: o.password_expiry,
            api_client_credential_expiry_notification: o
                .api_client_credential_expiry_notification
                .unwrap_or(old.api_client_credential_expiry_notification),
            proactive: o.proactive.clone(),
            upgrade: o.upgrade.clone(),
        },
    };
    Ok(u.notifications.clone())
}

/// Update a user's notification emails (200 with the new settings).
///
/// See: `PUT /user-admin/ui-identities/{uiIdentityId}/notifications`.
pub(super) async fn update_user_notifications(
    State(state): State<AppState>,
    id: PathArg<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = path_param(id)?;
    ensure_user(&state, &id)?;
    let req: NotificationsRequest = json_body(&body)?;
    let out = state
        .store
        .update(|data| apply_notifications(data, &id, &req))?;
    Ok(ok(out))
}
