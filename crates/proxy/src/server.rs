//! The HTTP front: checks each request in order, forwards it or answers with a refusal, adds
//! CORS headers and logs one line.
//!
//! Order of checks: `Host` (DNS rebinding guard), `Origin`, method (OPTIONS answered locally),
//! target form and path ([`crate::filter::canonical_target`]), body size. Only a request that
//! passes all of them is signed and sent.

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, Method, Response};
use axum::response::IntoResponse;
use axum::Router;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::config::{is_direct_host, Config, ConfigError, LogSink};
use crate::cors::{self, OriginCheck, OriginPattern};
use crate::filter::{canonical_target, with_account_switch_key};
use crate::forward::Forwarder;
use crate::problem::Refusal;

/// The methods that are forwarded, as sent in `Allow` headers.
pub(crate) const ALLOWED_METHODS: &str = "GET, POST, PUT, DELETE, OPTIONS";

/// Longest path written to the log.
const MAX_LOGGED_PATH: usize = 200;

struct Proxy {
    forwarder: Forwarder,
    origins: Vec<OriginPattern>,
    account_key: Option<String>,
    max_body_bytes: usize,
    log: LogSink,
}

/// The proxy as an axum router (every path is handled by the proxy itself).
pub fn router(config: Config) -> Result<Router, ConfigError> {
    let proxy = Proxy {
        forwarder: Forwarder::new(config.credentials.clone(), config.upstream, config.timeout)?,
        origins: config.allowed_origins,
        account_key: config.credentials.account_key.filter(|k| !k.is_empty()),
        max_body_bytes: config.max_body_bytes,
        log: config.log,
    };
    Ok(Router::new().fallback(handle).with_state(Arc::new(proxy)))
}

/// Serves the proxy on `listener` until the task is dropped or the listener fails.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    let app = router(config).map_err(std::io::Error::other)?;
    axum::serve(listener, app).await
}

async fn handle(State(proxy): State<Arc<Proxy>>, request: Request) -> Response<Body> {
    let started = Instant::now();
    let method = request.method().clone();
    let path = loggable_path(request.uri().path());
    let origin = cors::check(&proxy.origins, request.headers());
    let (mut response, refused) = match respond(&proxy, &origin, request).await {
        Ok(response) => (response, None),
        Err(refusal) => (refusal.clone().into_response(), Some(refusal.kind())),
    };
    cors::decorate(&mut response, &origin);
    let mut line = format!(
        "iam-proxy: {method} {path} {} {}ms",
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    if let Some(kind) = refused {
        line.push_str(" refused=");
        line.push_str(kind);
    }
    proxy.log.write(&line);
    response
}

async fn respond(
    proxy: &Proxy,
    origin: &OriginCheck,
    request: Request,
) -> Result<Response<Body>, Refusal> {
    let host = request.headers().get(header::HOST);
    if host.is_some_and(|h| h.to_str().map_or(true, |h| !is_direct_host(h))) {
        return Err(Refusal::HostNotAllowed);
    }
    if *origin == OriginCheck::Denied {
        return Err(Refusal::OriginNotAllowed);
    }
    let method = request.method().clone();
    if method == Method::OPTIONS {
        return Ok(cors::preflight());
    }
    if ![Method::GET, Method::POST, Method::PUT, Method::DELETE].contains(&method) {
        let shown: String = method.as_str().chars().take(32).collect();
        return Err(Refusal::MethodNotAllowed(shown));
    }
    let uri = request.uri();
    if uri.scheme().is_some() || uri.authority().is_some() {
        return Err(Refusal::TargetForm);
    }
    let raw = uri.path_and_query().map_or("", |pq| pq.as_str());
    let mut target = canonical_target(raw)?;
    if let Some(key) = &proxy.account_key {
        target = with_account_switch_key(&target, key);
    }
    let (parts, body) = request.into_parts();
    let body = read_body(body, &parts.headers, proxy.max_body_bytes).await?;
    proxy
        .forwarder
        .send(&method, &target, &parts.headers, body)
        .await
}

/// Reads the whole body, refusing more than `limit` bytes (early when Content-Length says so).
async fn read_body(
    body: Body,
    headers: &axum::http::HeaderMap,
    limit: usize,
) -> Result<Bytes, Refusal> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(Refusal::BodyTooLarge { limit });
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
            Err(Refusal::BodyTooLarge { limit })
        }
        Err(_) => Err(Refusal::BodyUnreadable),
    }
}

/// The path as logged: no query (it is not part of `path`), cut to a sane length.
fn loggable_path(path: &str) -> String {
    if path.is_empty() {
        // Authority-form targets (CONNECT host:port) have no path.
        return "-".to_owned();
    }
    match path.char_indices().nth(MAX_LOGGED_PATH) {
        Some((cut, _)) => format!("{}…", &path[..cut]),
        None => path.to_owned(),
    }
}
