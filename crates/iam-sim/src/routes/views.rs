//! Short views of a user that several sections return (affected users, a role's users, a
//! property's users, an API client's authorized users).

use serde::Serialize;

use crate::store::{Data, User};

/// A user in List users affected by moving a group.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AffectedUser<'a> {
    ui_identity_id: &'a str,
    ui_user_name: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    email: &'a str,
    account_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_login_date: Option<&'a str>,
}

impl<'a> AffectedUser<'a> {
    pub(crate) fn of(data: &'a Data, u: &'a User) -> Self {
        AffectedUser {
            ui_identity_id: &u.ui_identity_id,
            ui_user_name: &u.ui_user_name,
            first_name: &u.first_name,
            last_name: &u.last_name,
            email: &u.email,
            account_id: &data.account_id,
            last_login_date: u.last_login_date.as_deref(),
        }
    }
}

/// A user in a role's `users`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RoleUser<'a> {
    ui_identity_id: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    email: &'a str,
    account_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_login_date: Option<&'a str>,
}

impl<'a> RoleUser<'a> {
    pub(crate) fn of(data: &'a Data, u: &'a User) -> Self {
        RoleUser {
            ui_identity_id: &u.ui_identity_id,
            first_name: &u.first_name,
            last_name: &u.last_name,
            email: &u.email,
            account_id: &data.account_id,
            last_login_date: u.last_login_date.as_deref(),
        }
    }
}

/// A user in List users for a property and Block users.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PropertyUser<'a> {
    pub(crate) ui_identity_id: &'a str,
    ui_user_name: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    pub(crate) is_blocked: bool,
}

impl<'a> PropertyUser<'a> {
    pub(crate) fn of(u: &'a User, is_blocked: bool) -> Self {
        PropertyUser {
            ui_identity_id: &u.ui_identity_id,
            ui_user_name: &u.ui_user_name,
            first_name: &u.first_name,
            last_name: &u.last_name,
            is_blocked,
        }
    }
}

/// A user in List authorized users (API client helpers).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AuthorizedUser<'a> {
    ui_identity_id: &'a str,
    username: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    email: &'a str,
}

impl<'a> AuthorizedUser<'a> {
    pub(crate) fn of(u: &'a User) -> Self {
        AuthorizedUser {
            ui_identity_id: &u.ui_identity_id,
            username: &u.ui_user_name,
            first_name: &u.first_name,
            last_name: &u.last_name,
            email: &u.email,
        }
    }
}
