//! Health and metrics: `GET /healthz`, `GET /readyz` and `GET /metrics`, answered by the proxy
//! itself (never forwarded, never touching the upstream), on the proxy's listener or on a
//! listener of their own ([`Server::admin_router`], `--admin-listen`).
//!
//! - `/healthz`: 200 `{"status":"ok"}` while the process serves.
//! - `/readyz`: 200 `{"status":"ready"}` once the credentials are loaded (a proxy exists only
//!   with valid ones; a failed reload keeps the previous ones), 503 `{"status":"draining"}` from
//!   the moment a graceful shutdown starts, and never ready again after that.
//! - `/metrics`: the Prometheus text exposition ([`crate::metrics`]).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, Response, StatusCode};
use axum::Router;

use crate::metrics::CONTENT_TYPE;
use crate::server::{Server, Shared};

/// The paths answered here.
pub(crate) fn is_admin_path(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz" | "/metrics")
}

/// The answer to `method path`, or `None` when it is not a GET or HEAD of an admin path.
pub(crate) fn answer(shared: &Shared, method: &Method, path: &str) -> Option<Response<Body>> {
    if *method != Method::GET && *method != Method::HEAD {
        return None;
    }
    let json = "application/json";
    let (status, content_type, body) = match path {
        "/healthz" => (StatusCode::OK, json, r#"{"status":"ok"}"#.to_owned()),
        "/readyz" if shared.is_draining() => (
            StatusCode::SERVICE_UNAVAILABLE,
            json,
            r#"{"status":"draining"}"#.to_owned(),
        ),
        "/readyz" => (StatusCode::OK, json, r#"{"status":"ready"}"#.to_owned()),
        "/metrics" => (
            StatusCode::OK,
            CONTENT_TYPE,
            shared.metrics.render(shared.in_flight()),
        ),
        _ => return None,
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Some(response)
}

impl Server {
    /// Health and metrics alone, for a listener of their own (`--admin-listen`): every other
    /// request gets a 404.
    pub fn admin_router(&self) -> Router {
        Router::new().fallback(admin).with_state(self.0.clone())
    }
}

async fn admin(State(shared): State<Arc<Shared>>, request: Request) -> Response<Body> {
    answer(&shared, request.method(), request.uri().path()).unwrap_or_else(|| {
        let mut response = Response::new(Body::from("not found\n"));
        *response.status_mut() = StatusCode::NOT_FOUND;
        response
    })
}
