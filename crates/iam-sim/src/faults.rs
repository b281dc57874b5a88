//! Fault injection for client tests, and the request counters behind `/stats`.
//!
//! Faults are set with `--faults JSON` or the admin API (`PUT /faults`), never through the IAM
//! API itself. They apply only to authenticated requests that matched an operation, and the
//! fault is decided *before* the handler runs: a request answered with a 429, a 503, a dropped
//! connection or a malformed body has changed nothing, so a client that retries sees consistent
//! state. A `slow` fault only delays the normal answer.

use std::collections::BTreeMap;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::operations::operation_id;
use crate::problem::ApiError;
use crate::routes::BASE_PATH;
use crate::AppState;

/// One kind of injected fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FaultKind {
    /// 429 Too Many Requests with `Retry-After` and a problem+json body.
    #[serde(rename = "429")]
    TooManyRequests,
    /// 503 Service Unavailable with a problem+json body.
    #[serde(rename = "503")]
    Unavailable,
    /// Sleep `slowMs`, then answer normally.
    #[serde(rename = "slow")]
    Slow,
    /// Close the connection without a complete response.
    #[serde(rename = "drop")]
    Drop,
    /// 200 with a body that is not valid JSON.
    #[serde(rename = "malformed")]
    Malformed,
}

impl FaultKind {
    fn name(self) -> &'static str {
        match self {
            FaultKind::TooManyRequests => "429",
            FaultKind::Unavailable => "503",
            FaultKind::Slow => "slow",
            FaultKind::Drop => "drop",
            FaultKind::Malformed => "malformed",
        }
    }
}

fn default_slow_ms() -> u64 {
    2000
}

fn default_retry_after() -> u64 {
    1
}

/// The fault settings: `{ "rate": 0.3, "kinds": ["429","503","slow","drop","malformed"],
/// "slowMs": 2000, "retryAfterSecs": 1, "seed": 42 }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultConfig {
    /// Share of requests that get a fault, 0.0 to 1.0.
    pub rate: f64,
    /// Kinds to choose from, uniformly.
    pub kinds: Vec<FaultKind>,
    /// Delay of a `slow` fault, in milliseconds.
    #[serde(default = "default_slow_ms")]
    pub slow_ms: u64,
    /// `Retry-After` of a 429, in seconds.
    #[serde(default = "default_retry_after")]
    pub retry_after_secs: u64,
    /// Seed of the generator that decides faults: the same seed and requests give the same
    /// faults.
    #[serde(default)]
    pub seed: u64,
}

impl FaultConfig {
    /// Parses and checks the JSON form: `rate` in 0..=1, at least one kind.
    pub fn from_json(text: &str) -> Result<FaultConfig, String> {
        let config: FaultConfig = serde_json::from_str(text).map_err(|e| e.to_string())?;
        config.check()?;
        Ok(config)
    }

    /// `rate` must be within 0..=1 and `kinds` must not be empty.
    pub fn check(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.rate) {
            return Err(format!("rate must be between 0 and 1, not {}", self.rate));
        }
        if self.kinds.is_empty() {
            return Err("kinds needs at least one fault kind".into());
        }
        Ok(())
    }
}

/// The active fault settings with their generator.
#[derive(Debug, Default)]
pub struct Faults {
    active: Mutex<Option<(FaultConfig, u64)>>,
}

impl Faults {
    /// Sets (or, with `None`, clears) the fault settings; restarts the generator from `seed`.
    pub fn set(&self, config: Option<FaultConfig>) {
        let mut active = self.active.lock().unwrap_or_else(|p| p.into_inner());
        *active = config.map(|c| {
            let seed = c.seed;
            (c, seed)
        });
    }

    /// The current settings.
    pub fn get(&self) -> Option<FaultConfig> {
        let active = self.active.lock().unwrap_or_else(|p| p.into_inner());
        active.as_ref().map(|(c, _)| c.clone())
    }

    /// Decides the fault for one request (SplitMix64 from the configured seed).
    fn decide(&self) -> Option<(FaultKind, FaultConfig)> {
        let mut active = self.active.lock().unwrap_or_else(|p| p.into_inner());
        let (config, state) = active.as_mut()?;
        let roll = (splitmix(state) >> 11) as f64 / (1u64 << 53) as f64;
        if roll >= config.rate {
            return None;
        }
        let pick = splitmix(state) % config.kinds.len() as u64;
        let kind = config.kinds[pick as usize];
        Some((kind, config.clone()))
    }
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Counters of requests received, as `GET /stats` shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatsSnapshot {
    /// Every request received on the API port.
    pub total: u64,
    /// By HTTP method.
    pub by_method: BTreeMap<String, u64>,
    /// Authenticated requests by `operationId`.
    pub by_operation: BTreeMap<String, u64>,
    /// Injected faults by kind.
    pub faults: BTreeMap<String, u64>,
    /// Requests refused by the rate limit, by answer (`429`, `waf`).
    pub refusals: BTreeMap<String, u64>,
}

/// The live counters.
#[derive(Debug, Default)]
pub struct Stats {
    counts: Mutex<StatsSnapshot>,
}

impl Stats {
    /// A copy of the counters.
    pub fn snapshot(&self) -> StatsSnapshot {
        self.counts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Sets every counter to zero.
    pub fn clear(&self) {
        *self.counts.lock().unwrap_or_else(|p| p.into_inner()) = StatsSnapshot::default();
    }

    pub(crate) fn bump(&self, f: impl FnOnce(&mut StatsSnapshot)) {
        f(&mut self.counts.lock().unwrap_or_else(|p| p.into_inner()));
    }
}

/// Middleware on the whole API port: counts every request by method.
pub async fn count(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let method = req.method().to_string();
    state.stats.bump(|s| {
        s.total += 1;
        *s.by_method.entry(method).or_default() += 1;
    });
    next.run(req).await
}

/// A body that fails at once, which makes hyper abort the connection: the client gets no
/// complete response.
struct AbortBody;

impl http_body::Body for AbortBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "iam-sim fault: connection dropped",
        ))))
    }
}

/// Middleware on the matched API operations (inside authentication): counts the operation and
/// applies the fault decided for it, if any, before the handler can run.
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let pattern = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_default();
    let relative = pattern.strip_prefix(BASE_PATH).unwrap_or(&pattern);
    let op = operation_id(req.method().as_str(), relative).unwrap_or("unknown");
    state
        .stats
        .bump(|s| *s.by_operation.entry(op.to_owned()).or_default() += 1);
    let Some((kind, config)) = state.faults.decide() else {
        return next.run(req).await;
    };
    state
        .stats
        .bump(|s| *s.faults.entry(kind.name().to_owned()).or_default() += 1);
    let instance = req.uri().path().to_owned();
    match kind {
        FaultKind::TooManyRequests => {
            let err = ApiError::too_many_requests("Rate limit exceeded (injected fault)");
            let mut res = err.to_response(&instance);
            if let Ok(v) = HeaderValue::from_str(&config.retry_after_secs.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            res
        }
        FaultKind::Unavailable => {
            ApiError::service_unavailable("The service is unavailable (injected fault)")
                .to_response(&instance)
        }
        FaultKind::Slow => {
            tokio::time::sleep(Duration::from_millis(config.slow_ms)).await;
            next.run(req).await
        }
        FaultKind::Drop => Response::new(Body::new(AbortBody)),
        FaultKind::Malformed => {
            let mut res = (
                StatusCode::OK,
                "{\"injected\": \"malformed\", \"items\": [1, 2,",
            )
                .into_response();
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            res
        }
    }
}
