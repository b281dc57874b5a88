//! EdgeGrid verification of every request, before routing.
//!
//! The signed data is rebuilt from the request exactly as received: the method, the raw request
//! target (still percent-encoded), the configured API host (requests arrive through the proxy on
//! 127.0.0.1, so the `Host` header is not used) and the body bytes.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use edgegrid::{SignRequest, VerifyError};

use crate::problem::{auth_denied, edge_request_error, ApiError};
use crate::AppState;

/// Middleware: answers 401 unless the request carries a valid EdgeGrid signature for the
/// configured credentials (400 `Invalid timestamp` when it was signed more than `max_skew_secs`
/// away from the simulator's [`crate::clock::Clock`]); 413 if the body exceeds the configured
/// limit.
pub async fn require_edgegrid(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let config = &state.config;
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_owned();
    let too_large = || {
        let detail = format!("The request body exceeds {} bytes", config.max_body_bytes);
        ApiError::payload_too_large(detail).to_response(&path)
    };
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > config.max_body_bytes as u64) {
        return too_large();
    }
    let Ok(bytes) = to_bytes(body, config.max_body_bytes).await else {
        return too_large();
    };

    let host = &config.credentials.host;
    let Some(authorization) = parts.headers.get(header::AUTHORIZATION) else {
        return auth_denied(host, &path, "The Authorization header is missing");
    };
    let Ok(authorization) = authorization.to_str() else {
        return auth_denied(host, &path, "The Authorization header is not ASCII");
    };
    let target = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
    // IAM signs no headers, but honour `headers_to_sign` if the .edgerc names some.
    let signed_headers: Vec<(&str, &str)> = config
        .credentials
        .headers_to_sign
        .iter()
        .filter_map(|name| {
            let value = parts.headers.get(name.as_str())?.to_str().ok()?;
            Some((name.as_str(), value))
        })
        .collect();
    let signed = SignRequest {
        method: parts.method.as_str(),
        path_and_query: target,
        headers: &signed_headers,
        body: &bytes,
    };
    let now_ms = state.clock.now_ms();
    match edgegrid::verify(
        &config.credentials,
        &signed,
        authorization,
        now_ms / 1000,
        config.max_skew_secs,
    ) {
        Ok(()) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        // The edge answers a timestamp outside its window with a 400, not a 401 (see
        // `edge_request_error`).
        Err(VerifyError::Expired { .. }) => edge_request_error(
            host,
            parts.method.as_str(),
            &path,
            "Invalid timestamp",
            now_ms,
        ),
        Err(why) => auth_denied(host, &path, &capitalize(&why.to_string())),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
