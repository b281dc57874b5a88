//! The API's operations, one module per section of Akamai's IAM API docs.
//!
//! Each section module exposes `routes()`, a router with paths relative to [`BASE_PATH`].
//! Handlers return [`ApiError`] for failures; [`crate::problem::render`] turns it into
//! problem+json with the request path as `instance`. Writes go through
//! [`crate::store::Store::update`], so a failed operation changes nothing.

mod api_clients;
mod auth_grants;
mod common;
mod credentials;
mod groups;
mod ip_allowlist;
mod properties;
mod roles;
mod user_profile;
pub mod users;
mod views;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::problem::ApiError;
use crate::AppState;

/// Base path of the IAM API v3 (the spec's server URL path).
pub const BASE_PATH: &str = "/identity-management/v3";

/// Every operation of the spec, with paths relative to [`BASE_PATH`].
pub(crate) fn api() -> Router<AppState> {
    Router::new()
        .merge(groups::routes())
        .merge(properties::routes())
        .merge(roles::routes())
        .merge(users::routes())
        .merge(user_profile::routes())
        .merge(common::routes())
        .merge(ip_allowlist::routes())
        .merge(api_clients::routes())
        .merge(credentials::routes())
}

/// Fallback: 404 for any path the API does not have.
pub(crate) async fn not_found() -> ApiError {
    ApiError::not_found("No such resource in the Identity and Access Management API")
}

/// Fallback: 405 for a known path called with a method it does not support.
pub(crate) async fn method_not_allowed(method: Method) -> ApiError {
    ApiError::method_not_allowed(format!("The method {method} is not allowed on this path"))
}

/// What axum hands a handler for its path parameters.
pub(crate) type PathArg<T> = Result<Path<T>, PathRejection>;

/// A path parameter, percent-decoded exactly once (by the router's extractor).
pub(crate) fn path_param(param: PathArg<String>) -> Result<String, ApiError> {
    path_of(param)
}

/// Path parameters of any shape (a tuple for several), or a 400.
pub(crate) fn path_of<T>(param: PathArg<T>) -> Result<T, ApiError> {
    param
        .map(|Path(value)| value)
        .map_err(|e| ApiError::bad_request(format!("Invalid path parameter: {}", e.body_text())))
}

/// A numeric identifier from the path (`groupId`, `roleId`...): 400 if it is not an integer.
pub(crate) fn int_id(value: &str, name: &str) -> Result<i64, ApiError> {
    value.parse().map_err(|_| {
        ApiError::bad_request(format!("Invalid `{name}` `{value}`: expected an integer"))
    })
}

/// A JSON request body as the typed request `T` (which refuses unknown fields where the spec
/// does): 400 with serde's message for a missing field, a wrong type or an unknown value.
pub(crate) fn json_body<T: DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "The request body is missing: this operation needs a JSON body",
        ));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("Invalid request body: {e}")))
}

/// An optional JSON request body: `None` when empty.
pub(crate) fn optional_json_body<T: DeserializeOwned>(body: &Bytes) -> Result<Option<T>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Ok(None)
    } else {
        json_body(body).map(Some)
    }
}

/// A response view as JSON, built while the store lock is held.
pub(crate) fn to_json<T: Serialize>(value: T) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(value)
        .map_err(|e| ApiError::internal(format!("Could not encode the response: {e}")))
}

/// 200 with a JSON body.
pub(crate) fn ok<T: Serialize>(value: T) -> Response {
    Json(value).into_response()
}

/// 201 with a JSON body and `Location: BASE_PATH + location`.
pub(crate) fn created<T: Serialize>(location: &str, value: T) -> Response {
    let mut res = (StatusCode::CREATED, Json(value)).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("{BASE_PATH}{location}")) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// 204 without a body.
pub(crate) fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// Checks a `format: email` value loosely (`local@domain.tld`, no spaces): 400 otherwise.
pub(crate) fn check_email(value: &str, field: &str) -> Result<(), ApiError> {
    let ok = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
    }) && !value.contains(char::is_whitespace)
        && value.matches('@').count() == 1;
    if ok {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "Invalid `{field}` `{value}`: expected an email address"
        )))
    }
}

/// Checks a string's length against the spec's `minLength`/`maxLength`: 400 otherwise.
pub(crate) fn check_len(value: &str, field: &str, min: usize, max: usize) -> Result<(), ApiError> {
    let n = value.chars().count();
    if n < min || n > max {
        return Err(ApiError::bad_request(format!(
            "Invalid `{field}`: its length must be between {min} and {max} characters"
        )));
    }
    Ok(())
}
