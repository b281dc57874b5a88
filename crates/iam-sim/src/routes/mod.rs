//! The API's operations, one module per section of Akamai's IAM API docs.
//!
//! Each section module exposes `routes()`, a router with paths relative to [`BASE_PATH`].
//! Handlers return [`ApiError`] for failures; [`crate::problem::render`] turns it into
//! problem+json with the request path as `instance`.

mod auth_grants;
pub mod users;

use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::http::Method;
use axum::Router;

use crate::problem::ApiError;
use crate::AppState;

/// Base path of the IAM API v3 (the spec's server URL path).
pub const BASE_PATH: &str = "/identity-management/v3";

/// Every implemented operation, with paths relative to [`BASE_PATH`].
pub(crate) fn api() -> Router<AppState> {
    Router::new().merge(users::routes())
}

/// Fallback: 404 for any path the API does not have.
pub(crate) async fn not_found() -> ApiError {
    ApiError::not_found("No such resource in the Identity and Access Management API")
}

/// Fallback: 405 for a known path called with a method it does not support.
pub(crate) async fn method_not_allowed(method: Method) -> ApiError {
    ApiError::method_not_allowed(format!("The method {method} is not allowed on this path"))
}

/// A path parameter, percent-decoded exactly once (by the router's extractor).
pub(crate) fn path_param(param: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    param
        .map(|Path(value)| value)
        .map_err(|e| ApiError::bad_request(format!("Invalid path parameter: {}", e.body_text())))
}
