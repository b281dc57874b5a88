//! The HTTP front: checks each request in order, forwards it or answers with a refusal, adds
//! CORS headers and logs.
//!
//! Order of checks: concurrency slot, header count and size, `Host` (DNS rebinding guard),
//! `Origin`, steering headers, OPTIONS (answered locally), bearer token, method, target form and
//! path ([`crate::filter::canonical_target`]), body size and body read time. Only a request that
//! passes all of them is signed and sent, when the upstream limit gives it a turn
//! ([`crate::upstream_limit`]).

use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, Response};
use axum::response::IntoResponse;
use axum::Router;
use edgegrid::Secret;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tokio::sync::Semaphore;

use crate::clock_check::ClockCheck;
use crate::config::{Config, ConfigError, LogLevel, LogSink};
use crate::cors::{self, OriginCheck, OriginPattern};
use crate::filter::{canonical_target, with_account_switch_key};
use crate::forward::{forwarded_names, Forwarder};
use crate::guard;
use crate::problem::Refusal;
use crate::upstream_limit::UpstreamLimit;

/// The methods that are forwarded, as sent in `Allow` headers.
pub(crate) const ALLOWED_METHODS: &str = "GET, POST, PUT, DELETE, OPTIONS";

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
    level: LogLevel,
    log: LogSink,
    upstream_limit: UpstreamLimit,
    clock_check: ClockCheck,
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
            level: config.log_level,
            log: config.log,
            upstream_limit: UpstreamLimit::new(
                config.max_rps,
                config.max_concurrent_upstream,
                crate::upstream_limit::MAX_WAIT,
            ),
            clock_check: ClockCheck::default(),
        })))
    }

    /// The proxy as an axum router (every path is handled by the proxy itself). Mounted in
    /// another server it applies every check except the header read timeout, which
    /// [`Server::run`] sets on its connections.
    pub fn router(&self) -> Router {
        Router::new().fallback(handle).with_state(self.0.clone())
    }

    /// Replaces the credentials, the upstream, the upstream timeout and the bearer token with
    /// those of `config` (its other fields are ignored). Requests already in flight finish with the configuration they
    /// started with; the next ones use the new one. On error nothing changes.
    pub fn reload(&self, config: &Config) -> Result<(), ConfigError> {
        let live = Arc::new(Live::new(config)?);
        let mut slot = self.0.live.write().unwrap_or_else(|e| e.into_inner());
        *slot = live;
        Ok(())
    }

    /// How many requests are being handled right now.
    pub fn in_flight(&self) -> usize {
        self.0
            .max_concurrent
            .saturating_sub(self.0.permits.available_permits())
    }

    /// Writes one line to the configured log sink.
    pub fn log(&self, line: &str) {
        self.0.log.write(line);
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

/// What the debug log line reports about one request.
#[derive(Default)]
struct Trace {
    body_bytes: Option<usize>,
    upstream: Option<(u16, u128)>,
}

impl Shared {
    fn live(&self) -> Arc<Live> {
        self.live.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Answers one request and logs it.
    pub(crate) async fn handle(&self, request: Request) -> Response<Body> {
        let started = Instant::now();
        let method = request.method().clone();
        let path = loggable_path(request.uri().path());
        let debug = (self.level >= LogLevel::Debug).then(|| debug_facts(&request));
        let origin = cors::check(&self.origins, request.headers());
        let mut trace = Trace::default();
        let outcome = match self.permits.clone().try_acquire_owned() {
            Ok(_permit) => self.respond(&origin, request, &mut trace).await,
            Err(_) => Err(Refusal::Overloaded),
        };
        let (mut response, refused) = match outcome {
            Ok(response) => (response, None),
            Err(refusal) => (refusal.clone().into_response(), Some(refusal)),
        };
        cors::decorate(&mut response, &origin);
        let status = response.status().as_u16();
        let elapsed = started.elapsed().as_millis();
        let mut line = format!("iam-proxy: {method} {path} {status} {elapsed}ms");
        if let Some(refusal) = &refused {
            line.push_str(" refused=");
            line.push_str(refusal.kind());
        }
        self.log.write(&line);
        if let Some(facts) = debug {
            let mut line = format!("iam-proxy: debug: {method} {path} {facts}");
            line.push_str(match origin {
                OriginCheck::Absent => " origin=absent",
                OriginCheck::Allowed(_) => " origin=allowed",
                OriginCheck::Denied => " origin=denied",
            });
            if let Some(n) = trace.body_bytes {
                line.push_str(&format!(" body_bytes={n}"));
            }
            if let Some((status, ms)) = trace.upstream {
                line.push_str(&format!(" upstream_status={status} upstream_ms={ms}"));
            }
            if let Some(refusal) = &refused {
                line.push_str(&format!(" detail={:?}", refusal.detail()));
            }
            self.log.write(&line);
        }
        response
    }

    async fn respond(
        &self,
        origin: &OriginCheck,
        request: Request,
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
        let turn = self.upstream_limit.admit().await?;
        let sent = Instant::now();
        let response = live
            .forwarder
            .send(&method, &target, &parts.headers, body)
            .await?;
        drop(turn);
        if let Some(warning) = self
            .clock_check
            .observe(response.headers(), std::time::SystemTime::now())
        {
            self.log.write(&warning);
        }
        trace.upstream = Some((response.status().as_u16(), sent.elapsed().as_millis()));
        Ok(response)
    }
}

/// The request facts the debug line shows, taken before the request is consumed: peer, HTTP
/// version, header count, query size and the names of the headers that will be forwarded. No
/// header value and no query value.
fn debug_facts(request: &Request) -> String {
    let peer = request
        .extensions()
        .get::<Peer>()
        .map_or_else(|| "-".to_owned(), |p| p.0.to_string());
    let query_bytes = request.uri().query().map_or(0, str::len);
    let forwarded = forwarded_names(request.headers()).join(",");
    let mut facts = format!(
        "peer={peer} version={:?} headers={} query_bytes={query_bytes} forwarded_headers=[{forwarded}]",
        request.version(),
        request.headers().len(),
    );
    if let Some(origin) = request.headers().get(header::ORIGIN) {
        let shown: String = String::from_utf8_lossy(origin.as_bytes())
            .chars()
            .take(MAX_LOGGED_ORIGIN)
            .collect();
        facts.push_str(&format!(" origin_value={shown:?}"));
    }
    facts
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
