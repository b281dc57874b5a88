//! One [`tracing`] event per request (target `iam_sim::request`): method, route pattern (ids
//! replaced, e.g. `/identity-management/v3/user-admin/ui-identities/{uiIdentityId}`), status,
//! duration and the `X-Request-Id` the caller sent (the proxy forwards its own), when it is a
//! plain id.
//!
//! Never a header value otherwise (the `Authorization` header carries the access token), never
//! the query string.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

/// Longest request id logged.
const MAX_ID: usize = 128;

/// Middleware emitting the request event after each response.
pub async fn log(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let request_id = req
        .headers()
        .get("x-request-id")
        .map(|v| v.as_bytes())
        .filter(|id| {
            (1..=MAX_ID).contains(&id.len())
                && id
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        })
        .map(|id| String::from_utf8_lossy(id).into_owned());
    let started = Instant::now();
    let res = next.run(req).await;
    tracing::info!(
        target: "iam_sim::request",
        method = %method,
        route = %route,
        status = res.status().as_u16(),
        duration_ms = started.elapsed().as_micros() as f64 / 1000.0,
        request_id = request_id.as_deref(),
        "request"
    );
    res
}
