//! Error responses as `application/problem+json` (RFC 9457), shaped like the IAM API's.
//!
//! Handlers return an [`ApiError`] without knowing the request path; the [`render`] middleware
//! fills in `instance` from the request target. Authentication failures use the edge's own body
//! ([`auth_denied`]), as Akamai's API gateway answers them before the IAM service sees them.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An IAM API error, turned into a problem+json response by [`render`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// The number `N` in the type `/identity-management/error-types/N`.
    pub type_number: u32,
    /// Short summary (`title`).
    pub title: String,
    /// What exactly went wrong (`detail`).
    pub detail: String,
}

impl ApiError {
    /// 400: a query parameter or path parameter has an invalid value.
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 2, "Bad Request", detail)
    }

    /// 403: the caller may not do this (e.g. change a `standard` role, remove its own user).
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, 3, "Forbidden", detail)
    }

    /// 409: the request conflicts with the current state (duplicate name, non-empty group...).
    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, 7, "Conflict", detail)
    }

    /// 429: too many requests (fault injection only).
    pub fn too_many_requests(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            8,
            "Too Many Requests",
            detail,
        )
    }

    /// 500: the simulator itself failed (e.g. could not write its state file).
    pub fn internal(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            9,
            "Internal Server Error",
            detail,
        )
    }

    /// 503: the service is unavailable (fault injection only).
    pub fn service_unavailable(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            10,
            "Service Unavailable",
            detail,
        )
    }

    /// 404: no such resource, or no such path in the API.
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, 4, "Not Found", detail)
    }

    /// 405: the path exists but not with this method.
    pub fn method_not_allowed(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            5,
            "Method Not Allowed",
            detail,
        )
    }

    /// 413: the request body is larger than the simulator accepts.
    pub fn payload_too_large(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            6,
            "Payload Too Large",
            detail,
        )
    }

    fn new(status: StatusCode, type_number: u32, title: &str, detail: impl Into<String>) -> Self {
        ApiError {
            status,
            type_number,
            title: title.to_owned(),
            detail: detail.into(),
        }
    }

    /// The full problem+json response for a request to `instance` (the raw request path).
    pub fn to_response(&self, instance: &str) -> Response {
        let body = json!({
            "type": format!("/identity-management/error-types/{}", self.type_number),
            "title": self.title,
            "detail": self.detail,
            "instance": instance,
            "status": self.status.as_u16(),
            "statusCode": self.status.as_u16(),
            "errors": [],
        });
        problem_response(self.status, &body)
    }
}

impl IntoResponse for ApiError {
    /// A placeholder carrying the error in its extensions; [`render`] writes the body.
    fn into_response(self) -> Response {
        let mut res = self.status.into_response();
        res.extensions_mut().insert(self);
        res
    }
}

/// Middleware: renders any [`ApiError`] returned below it, with `instance` set to the request path.
pub async fn render(req: Request, next: Next) -> Response {
    let instance = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    match res.extensions_mut().remove::<ApiError>() {
        Some(err) => {
            let allow = res.headers().get(header::ALLOW).cloned();
            let mut out = err.to_response(&instance);
            if let Some(allow) = allow {
                out.headers_mut().insert(header::ALLOW, allow);
            }
            out
        }
        None => res,
    }
}

/// The 401 the API gateway sends for a missing or wrong EdgeGrid signature.
pub fn auth_denied(host: &str, instance: &str, detail: &str) -> Response {
    let body = json!({
        "type": "https://problems.luna.akamaiapis.net/-/pep-authn/deny",
        "title": "Not authorized",
        "status": 401,
        "detail": detail,
        "instance": instance,
    });
    let mut res = problem_response(StatusCode::UNAUTHORIZED, &body);
    let challenge = format!("EG1-HMAC-SHA256 realm=\"{host}\"");
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        res.headers_mut().insert(header::WWW_AUTHENTICATE, value);
    }
    res
}

/// The 400 the API gateway sends when it refuses a request before authentication succeeds: an
/// EdgeGrid timestamp outside its window (`Invalid timestamp`) or a WAF rule (`WAF deny rule
/// IPBLOCK-BURST4-54013`). The shape is the one users quote from Akamai's edge
/// (`pep-authn/request-error`, with `requestTime` on the server's clock; edgegrid-node #234,
/// terraform-provider-akamai #500); `serverIp`, `clientIp` and `requestId` are made up.
pub fn edge_request_error(
    host: &str,
    method: &str,
    instance: &str,
    detail: &str,
    now_ms: u64,
) -> Response {
    static REQUEST_IDS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    let request_id = REQUEST_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let body = json!({
        "type": "https://problems.luna.akamaiapis.net/-/pep-authn/request-error",
        "title": "Bad request",
        "status": 400,
        "detail": detail,
        "instance": format!("https://{host}{instance}"),
        "method": method,
        "serverIp": "127.0.0.1",
        "clientIp": "127.0.0.1",
        "requestId": format!("{request_id:08x}"),
        "requestTime": crate::seed::iso8601(now_ms / 1000),
    });
    problem_response(StatusCode::BAD_REQUEST, &body)
}

fn problem_response(status: StatusCode, body: &Value) -> Response {
    let mut res = (status, body.to_string()).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    res
}
