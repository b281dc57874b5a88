//! The HTTP front: checks each request in order, forwards it or answers with a refusal, adds
//! CORS headers and the request id, counts and logs.
//!
//! Order of checks: concurrency slot, header count and size, `Host` (DNS rebinding guard),
//! `Origin`, steering headers, OPTIONS (answered locally), bearer token, method, target form and
//! path ([`crate::filter::canonical_target`]), body size and body read time. Only a request that
//! passes all of them is signed and sent. Health and metrics ([`crate::admin`]) are answered
//! before any of that except the header and `Host` checks, and are neither counted nor logged.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, Response};
use axum::response::IntoResponse;
use axum::Router;
use edgegrid::Secret;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tokio::sync::Semaphore;

use crate::admin;
use crate::config::Config;
use crate::cors::{self, OriginCheck, OriginPattern};
use crate::error::ConfigError;
use crate::filter::{canonical_target, with_account_switch_key};
use crate::forward::{forwarded_names, Forwarder};
use crate::guard;
use crate::metrics::Metrics;
use crate::problem::Refusal;
use crate::{request_id, route};

/// The target of the per-request log events.
pub(crate) const REQUEST_TARGET: &str = "iam_proxy::request";

/// Longest path written to the log.
const MAX_LOGGED_PATH: usize = 200;

/// Longest `Origin` written to the debug log.
const MAX_LOGGED_ORIGIN: usize = 100;

/// The part of the configuration a reload (SIGHUP) replaces: everything read from the `.edgerc`
/// and the token file.
struct Live {
    forwarder: Forwarder,
    account_key: Option<String>,
    bearer_token: Option<Secret>,
}

impl Live {
    fn new(config: &Config) -> Result<Self, ConfigError> {
        Ok(Live {
            forwarder: Forwarder::new(
                config.credentials.clone(),
                config.upstream.clone(),
                config.timeout,
            )?,
            account_key: config
                .credentials
                .account_key
                .clone()
                .filter(|k| !k.is_empty()),
            bearer_token: config.bearer_token.clone(),
        })
    }
}

/// State shared by every connection.
pub(crate) struct Shared {
    live: RwLock<Arc<Live>>,
    origins: Vec<OriginPattern>,
    max_body_bytes: usize,
    pub(crate) max_headers: usize,
    pub(crate) max_header_bytes: usize,
    pub(crate) max_concurrent: usize,
    permits: Arc<Semaphore>,
    pub(crate) header_timeout: Duration,
    body_timeout: Duration,
    pub(crate) shutdown_grace: Duration,
    admin_on_main_listener: bool,
    draining: AtomicBool,
    pub(crate) metrics: Metrics,
}

/// The peer address of a connection, put in each request's extensions by [`Server::run`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Peer(pub(crate) SocketAddr);

/// A configured proxy. Clones share the same state, so a clone kept aside can
/// [`reload`](Server::reload) the credentials of a server that is running.
#[derive(Clone)]
pub struct Server(pub(crate) Arc<Shared>);

impl Server {
    /// Builds the proxy from `config`.
    pub fn new(config: Config) -> Result<Self, ConfigError> {
        let live = Live::new(&config)?;
        let max_concurrent = config.max_concurrent.max(1);
        Ok(Server(Arc::new(Shared {
            live: RwLock::new(Arc::new(live)),
            origins: config.allowed_origins,
            max_body_bytes: config.max_body_bytes,
            max_headers: config.max_headers,
            max_header_bytes: config.max_header_bytes,
            max_concurrent,
            permits: Arc::new(Semaphore::new(max_concurrent)),
            header_timeout: config.header_timeout,
            body_timeout: config.body_timeout,
            shutdown_grace: config.shutdown_grace,
            admin_on_main_listener: config.admin_on_main_listener,
            draining: AtomicBool::new(false),
            metrics: Metrics::new(),
        })))
    }

    /// The proxy as an axum router (every path is handled by the proxy itself). Mounted in
    /// another server it applies every check except the header read timeout, which
    /// [`Server::run`] sets on its connections.
    pub fn router(&self) -> Router {
        Router::new().fallback(handle).with_state(self.0.clone())
    }

    /// Replaces the credentials, the upstream, the upstream timeout and the bearer token with
    /// those of `config` (its other fields are ignored). Requests already in flight finish with
    /// the configuration they started with; the next ones use the new one. On error nothing
    /// changes. Counted in `iam_proxy_credential_reloads_total` or `..._reload_failures_total`.
    pub fn reload(&self, config: &Config) -> Result<(), ConfigError> {
        let live = Live::new(config).map(Arc::new);
        self.0.metrics.reload(live.is_ok());
        let live = live?;
        *self.0.live.write().unwrap_or_else(|e| e.into_inner()) = live;
        Ok(())
    }

    /// A reload (SIGHUP) from a configuration just read, or from the reason it could not be
    /// read: applies it with [`Server::reload`], counts it and logs the outcome (the messages
    /// name files and keys, never a secret). On error the running configuration stays.
    pub fn reload_from(&self, loaded: Result<Config, String>) {
        let outcome = match loaded {
            Ok(config) => self.reload(&config).map_err(|e| e.to_string()),
            Err(why) => {
                self.0.metrics.reload(false);
                Err(why)
            }
        };
        match outcome {
            Ok(()) => tracing::info!("reloaded the configuration"),
            Err(why) => {
                tracing::warn!("reload failed, keeping the previous configuration: {why}")
            }
        }
    }

    /// How many requests are being handled right now.
    pub fn in_flight(&self) -> usize {
        self.0.in_flight()
    }

    /// Whether the proxy is ready for traffic: credentials loaded and not shutting down. Once a
    /// graceful shutdown has started ([`Server::run`]) this stays `false`.
    pub fn is_ready(&self) -> bool {
        !self.0.is_draining()
    }
}

/// The proxy as an axum router (every path is handled by the proxy itself).
pub fn router(config: Config) -> Result<Router, ConfigError> {
    Ok(Server::new(config)?.router())
}

/// Serves the proxy on `listener` until the task is dropped.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    let server = Server::new(config).map_err(std::io::Error::other)?;
    server.run(listener, std::future::pending()).await
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response<Body> {
    shared.handle(request).await
}

/// What the debug event and the metrics report about one request.
#[derive(Default)]
struct Trace {
    body_bytes: Option<usize>,
    /// The upstream's status, when it answered.
    upstream_status: Option<u16>,
    /// How long the upstream exchange took, answered or failed.
    upstream_took: Option<Duration>,
}

impl Shared {
    fn live(&self) -> Arc<Live> {
        self.live.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub(crate) fn in_flight(&self) -> usize {
        self.max_concurrent
            .saturating_sub(self.permits.available_permits())
    }

    pub(crate) fn is_draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }

    /// Marks the start of a graceful shutdown: `/readyz` answers 503 from now on.
    pub(crate) fn start_draining(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    /// Answers one request, counts it and logs it.
    pub(crate) async fn handle(&self, request: Request) -> Response<Body> {
        let started = Instant::now();
        let method = request.method().clone();
        let path = request.uri().path();
        if self.admin_on_main_listener
            && admin::is_admin_path(path)
            && guard::check_header_limits(
                request.headers(),
                self.max_headers,
                self.max_header_bytes,
            )
            .and_then(|()| guard::check_host(request.headers()))
            .is_ok()
        {
            if let Some(response) = admin::answer(self, &method, path) {
                return response;
            }
        }
        let route = route::template(&method, path);
        let id = request_id::take_or_make(request.headers());
        let debug = tracing::enabled!(target: REQUEST_TARGET, tracing::Level::DEBUG)
            .then(|| debug_facts(&request));
        let origin = cors::check(&self.origins, request.headers());
        let mut trace = Trace::default();
        let outcome = match self.permits.clone().try_acquire_owned() {
            Ok(_permit) => self.respond(&origin, request, &id, &mut trace).await,
            Err(_) => Err(Refusal::Overloaded),
        };
        let (mut response, refused) = match outcome {
            Ok(response) => (response, None),
            Err(refusal) => (refusal.clone().into_response(), Some(refusal)),
        };
        cors::decorate(&mut response, &origin);
        response
            .headers_mut()
            .insert(&request_id::HEADER, id.clone());
        let status = response.status();
        let method_label = route::method_label(&method);
        self.metrics.request(method_label, route, status.as_str());
        if let Some(refusal) = &refused {
            self.metrics.refusal(refusal.kind());
        }
        if let Some(took) = trace.upstream_took {
            self.metrics.upstream(took.as_secs_f64());
        }
        let id = String::from_utf8_lossy(id.as_bytes());
        tracing::info!(
            target: REQUEST_TARGET,
            method = %method_label,
            route = %route,
            status = status.as_u16(),
            upstream_status = trace.upstream_status,
            duration_ms = millis(started.elapsed()),
            request_id = %id,
            refused = refused.as_ref().map(|r| tracing::field::display(r.kind())),
            "request"
        );
        if let Some(facts) = debug {
            tracing::debug!(
                target: REQUEST_TARGET,
                request_id = %id,
                path = %facts.path,
                peer = %facts.peer,
                version = %facts.version,
                headers = facts.headers,
                query_bytes = facts.query_bytes,
                forwarded_headers = %facts.forwarded,
                origin = %match origin {
                    OriginCheck::Absent => "absent",
                    OriginCheck::Allowed(_) => "allowed",
                    OriginCheck::Denied => "denied",
                },
                origin_value = facts.origin_value.as_deref(),
                body_bytes = trace.body_bytes,
                upstream_ms = trace.upstream_took.map(millis),
                detail = refused.as_ref().map(Refusal::detail).as_deref(),
                "request detail"
            );
        }
        response
    }

    async fn respond(
        &self,
        origin: &OriginCheck,
        request: Request,
        id: &HeaderValue,
        trace: &mut Trace,
    ) -> Result<Response<Body>, Refusal> {
        let headers = request.headers();
        guard::check_header_limits(headers, self.max_headers, self.max_header_bytes)?;
        guard::check_host(headers)?;
        if *origin == OriginCheck::Denied {
            return Err(Refusal::OriginNotAllowed);
        }
        guard::check_steering(headers)?;
        let method = request.method().clone();
        if method == Method::OPTIONS {
            return Ok(cors::preflight());
        }
        // One snapshot per request: a reload while it runs does not mix two configurations.
        let live = self.live();
        if let Some(token) = &live.bearer_token {
            guard::check_bearer(headers, token)?;
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
        if let Some(key) = &live.account_key {
            target = with_account_switch_key(&target, key);
        }
        let (parts, body) = request.into_parts();
        let read = read_body(body, &parts.headers, self.max_body_bytes);
        let body = match tokio::time::timeout(self.body_timeout, read).await {
            Ok(body) => body?,
            Err(_) => return Err(Refusal::BodyTimeout),
        };
        trace.body_bytes = Some(body.len());
        let sent = Instant::now();
        let answer = live
            .forwarder
            .send(&method, &target, &parts.headers, id, body)
            .await;
        match &answer {
            Ok(response) => {
                trace.upstream_status = Some(response.status().as_u16());
                trace.upstream_took = Some(sent.elapsed());
            }
            // Failed on the way: in the latency histogram too, with no upstream status.
            Err(
                Refusal::UpstreamUnreachable | Refusal::UpstreamTimeout | Refusal::UpstreamFailed,
            ) => trace.upstream_took = Some(sent.elapsed()),
            Err(_) => {}
        }
        answer
    }
}

/// The request facts the debug event shows, taken before the request is consumed. No header
/// value except a cut `Origin`, no query value.
struct Facts {
    path: String,
    peer: String,
    version: &'static str,
    headers: usize,
    query_bytes: usize,
    forwarded: String,
    origin_value: Option<String>,
}

fn debug_facts(request: &Request) -> Facts {
    Facts {
        path: loggable_path(request.uri().path()),
        peer: request
            .extensions()
            .get::<Peer>()
            .map_or_else(|| "-".to_owned(), |p| p.0.to_string()),
        version: match request.version() {
            axum::http::Version::HTTP_10 => "HTTP/1.0",
            axum::http::Version::HTTP_11 => "HTTP/1.1",
            _ => "other",
        },
        headers: request.headers().len(),
        query_bytes: request.uri().query().map_or(0, str::len),
        forwarded: forwarded_names(request.headers()).join(","),
        origin_value: request.headers().get(header::ORIGIN).map(|origin| {
            String::from_utf8_lossy(origin.as_bytes())
                .chars()
                .take(MAX_LOGGED_ORIGIN)
                .collect()
        }),
    }
}

/// A duration in milliseconds, to the microsecond.
fn millis(d: Duration) -> f64 {
    d.as_micros() as f64 / 1000.0
}

/// Reads the whole body, refusing more than `limit` bytes (early when Content-Length says so).
async fn read_body(body: Body, headers: &HeaderMap, limit: usize) -> Result<Bytes, Refusal> {
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
