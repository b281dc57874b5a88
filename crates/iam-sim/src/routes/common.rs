//! Common resources: the "Common" and "User profile common" sections of the IAM API docs
//! (`/user-admin/common/...` and `/user-profile/common/...`). Both serve the same static lists
//! from [`crate::catalog`].

use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Serialize;

use super::{ok, path_param, PathArg};
use crate::catalog;
use crate::problem::ApiError;
use crate::AppState;

/// The common routes under both prefixes, relative to the API base path.
pub(crate) fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for prefix in ["/user-admin/common", "/user-profile/common"] {
        router = router
            .route(&format!("{prefix}/contact-types"), get(list_contact_types))
            .route(&format!("{prefix}/countries"), get(list_countries))
            .route(
                &format!("{prefix}/countries/{{country}}/states"),
                get(list_states),
            )
            .route(
                &format!("{prefix}/notification-products"),
                get(list_notification_products),
            )
            .route(
                &format!("{prefix}/password-policy"),
                get(get_password_policy),
            )
            .route(
                &format!("{prefix}/supported-languages"),
                get(list_languages),
            )
            .route(
                &format!("{prefix}/timeout-policies"),
                get(list_timeout_policies),
            )
            .route(&format!("{prefix}/timezones"), get(list_time_zones));
    }
    router
}

/// List contact types.
///
/// See: `GET /user-admin/common/contact-types`, `GET /user-profile/common/contact-types`.
async fn list_contact_types() -> Response {
    ok(catalog::CONTACT_TYPES)
}

/// List countries.
///
/// See: `GET /user-admin/common/countries`, `GET /user-profile/common/countries`.
async fn list_countries() -> Response {
    ok(catalog::COUNTRIES)
}

/// List the states or provinces of a country (empty for countries without them; 404 for a
/// country not in the list).
///
/// See: `GET /user-admin/common/countries/{country}/states` (and under `/user-profile`).
async fn list_states(country: PathArg<String>) -> Result<Response, ApiError> {
    let country = path_param(country)?;
    catalog::states(&country)
        .map(ok)
        .ok_or_else(|| ApiError::not_found(format!("Country {country} not found")))
}

/// List products with notifications.
///
/// See: `GET /user-admin/common/notification-products` (and under `/user-profile`).
async fn list_notification_products() -> Response {
    ok(catalog::NOTIFICATION_PRODUCTS)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PasswordPolicy {
    pwclass: &'static str,
    min_length: u32,
    min_letters: u32,
    min_digits: u32,
    case_dif: u32,
    min_non_alpha: u32,
    max_repeating: u32,
    min_reuse: u32,
    rotate_frequency: u32,
}

/// View the password policy.
///
/// See: `GET /user-admin/common/password-policy` (and under `/user-profile`).
async fn get_password_policy() -> Response {
    let p = &catalog::PASSWORD_POLICY;
    ok(PasswordPolicy {
        pwclass: p.pwclass,
        min_length: p.min_length,
        min_letters: p.min_letters,
        min_digits: p.min_digits,
        case_dif: p.case_dif,
        min_non_alpha: p.min_non_alpha,
        max_repeating: p.max_repeating,
        min_reuse: p.min_reuse,
        rotate_frequency: p.rotate_frequency,
    })
}

/// List supported languages.
///
/// See: `GET /user-admin/common/supported-languages` (and under `/user-profile`).
async fn list_languages() -> Response {
    ok(catalog::LANGUAGES)
}

#[derive(Serialize)]
struct TimeoutPolicy {
    name: &'static str,
    value: u32,
}

/// List session timeout policies.
///
/// See: `GET /user-admin/common/timeout-policies` (and under `/user-profile`).
async fn list_timeout_policies() -> Response {
    let items: Vec<TimeoutPolicy> = catalog::TIMEOUT_POLICIES
        .iter()
        .map(|&(name, value)| TimeoutPolicy { name, value })
        .collect();
    ok(items)
}

#[derive(Serialize)]
struct TimeZone {
    timezone: &'static str,
    description: String,
    offset: &'static str,
    posix: &'static str,
}

/// List time zones.
///
/// See: `GET /user-admin/common/timezones` (and under `/user-profile`).
async fn list_time_zones() -> Response {
    let items: Vec<TimeZone> = catalog::TIME_ZONES
        .iter()
        .map(|&(timezone, offset)| TimeZone {
            timezone,
            description: format!("{timezone} GMT{}", if offset == "0" { "" } else { offset }),
            offset,
            posix: timezone,
        })
        .collect();
    ok(items)
}
