//! Akamai's rate limits as the simulator applies them, per client token.
//!
//! Documented by Akamai (techdocs, e.g. the MSL and Adaptive Acceleration APIs' "Rate limiting"
//! pages): every response carries `X-RateLimit-Limit` (the most tokens allowed),
//! `X-RateLimit-Remaining` (tokens left) and `X-RateLimit-Next` (an ISO 8601 time when the next
//! request may be made); a request with no token left gets a 429, and the tokens come back
//! gradually. Akamai's Go client waits `X-RateLimit-Next − Date` on a 429
//! (edgegrid-golang `pkg/session/retries.go`).
//!
//! Assumed, since Akamai does not publish the IAM API's figures: a token bucket of `burst` tokens
//! (default: one second's worth) refilled at `requestsPerSecond`; no `Retry-After` on these 429s
//! (clients must use `X-RateLimit-Next`); the WAF burst refusal (mode `waf`) carries no rate-limit
//! headers. Its body is the edge's `pep-authn/request-error` problem with `WAF deny rule
//! IPBLOCK-BURST4-54013`, as users of terraform-provider-akamai report (#500, #728).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use crate::clock::iso8601_ms;
use crate::problem::{edge_request_error, ApiError};
use crate::AppState;

/// The WAF rule named in burst refusals, as Akamai's edge names it.
pub const WAF_BURST_RULE: &str = "IPBLOCK-BURST4-54013";

/// What a request over the limit gets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RefuseWith {
    /// 429 Too Many Requests with the rate-limit headers (the API's own limit).
    #[default]
    #[serde(rename = "429")]
    TooManyRequests,
    /// 400 from the edge's WAF: `WAF deny rule IPBLOCK-BURST4-54013` (a burst refusal).
    #[serde(rename = "waf")]
    WafBurst,
}

/// The settings: `{"requestsPerSecond": 20, "burst": 20, "mode": "429"}` (`mode` `waf` answers
/// refusals as the edge's WAF does).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateLimitConfig {
    /// Tokens added per second, per client token.
    pub requests_per_second: f64,
    /// Most tokens a client token may hold (default: `requestsPerSecond`, at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burst: Option<u32>,
    /// What a request without a token gets.
    #[serde(default)]
    pub mode: RefuseWith,
}

impl RateLimitConfig {
    /// Parses and checks the JSON form.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let config: Self = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if !(config.requests_per_second.is_finite() && config.requests_per_second > 0.0) {
            return Err("requestsPerSecond must be a positive number".into());
        }
        if config.burst == Some(0) {
            return Err("burst must be at least 1".into());
        }
        Ok(config)
    }

    /// The bucket's size.
    pub fn capacity(&self) -> f64 {
        self.burst
            .map_or(self.requests_per_second.ceil().max(1.0), f64::from)
    }
}

/// A client token's bucket.
#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// What one request gets.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// Whether it may go on.
    pub allowed: bool,
    /// `X-RateLimit-Limit`.
    pub limit: u64,
    /// `X-RateLimit-Remaining`.
    pub remaining: u64,
    /// In how many milliseconds a token is available (0 when one is now).
    pub next_in_ms: u64,
}

/// The active settings and a bucket per client token.
#[derive(Debug, Default)]
pub struct RateLimits {
    active: Mutex<Option<(RateLimitConfig, HashMap<String, Bucket>)>>,
}

impl RateLimits {
    /// Sets (or, with `None`, lifts) the limit; every bucket starts full again.
    pub fn set(&self, config: Option<RateLimitConfig>) {
        *self.active.lock().unwrap_or_else(|p| p.into_inner()) =
            config.map(|c| (c, HashMap::new()));
    }

    /// The current settings.
    pub fn get(&self) -> Option<RateLimitConfig> {
        let active = self.active.lock().unwrap_or_else(|p| p.into_inner());
        active.as_ref().map(|(c, _)| c.clone())
    }

    /// Takes a token from `client_token`'s bucket at `now`, if there is one; `None` when no limit
    /// is set.
    pub fn take(&self, client_token: &str, now: Instant) -> Option<(Decision, RefuseWith)> {
        let mut active = self.active.lock().unwrap_or_else(|p| p.into_inner());
        let (config, buckets) = active.as_mut()?;
        let capacity = config.capacity();
        let rate = config.requests_per_second;
        let bucket = buckets.entry(client_token.to_owned()).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(capacity);
        bucket.at = now;
        let allowed = bucket.tokens >= 1.0;
        if allowed {
            bucket.tokens -= 1.0;
        }
        let missing = (1.0 - bucket.tokens).max(0.0);
        let decision = Decision {
            allowed,
            limit: capacity as u64,
            remaining: bucket.tokens.floor() as u64,
            next_in_ms: (missing * 1000.0 / rate).ceil() as u64,
        };
        Some((decision, config.mode))
    }
}

static LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
static REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
static NEXT: HeaderName = HeaderName::from_static("x-ratelimit-next");

/// Middleware inside authentication: applies the client token's limit to every signed request
/// (unknown paths included, as the API host counts them) and writes the rate-limit headers.
pub async fn apply(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let client_token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| edgegrid::parse_authorization(v).ok())
        .map(|h| h.client_token.to_owned())
        .unwrap_or_default();
    let Some((decision, mode)) = state.rate_limits.take(&client_token, Instant::now()) else {
        return next.run(req).await;
    };
    let now_ms = state.clock.now_ms();
    let mut res = if decision.allowed {
        next.run(req).await
    } else {
        let refusal = match mode {
            RefuseWith::TooManyRequests => "429",
            RefuseWith::WafBurst => "waf",
        };
        state
            .stats
            .bump(|s| *s.refusals.entry(refusal.to_owned()).or_default() += 1);
        let path = req.uri().path().to_owned();
        if mode == RefuseWith::WafBurst {
            let detail = format!("WAF deny rule {WAF_BURST_RULE}");
            let host = &state.config.credentials.host;
            return edge_request_error(host, req.method().as_str(), &path, &detail, now_ms);
        }
        let detail = format!(
            "Rate limit exceeded: {} requests per second for this client token; retry at X-RateLimit-Next",
            state.rate_limits.get().map_or(0.0, |c| c.requests_per_second)
        );
        ApiError::too_many_requests(detail).to_response(&path)
    };
    let headers = res.headers_mut();
    let next_at = iso8601_ms(now_ms + decision.next_in_ms);
    for (name, value) in [
        (&LIMIT, decision.limit.to_string()),
        (&REMAINING, decision.remaining.to_string()),
        (&NEXT, next_at),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name.clone(), value);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn limits(json: &str) -> RateLimits {
        let limits = RateLimits::default();
        limits.set(Some(RateLimitConfig::from_json(json).unwrap()));
        limits
    }

    #[test]
    fn bucket_empties_then_refills_at_the_rate() {
        let limits = limits(r#"{"requestsPerSecond": 10, "burst": 2}"#);
        let t0 = Instant::now();
        let take = |at: Instant| limits.take("ct", at).unwrap().0;
        assert_eq!(
            take(t0),
            Decision {
                allowed: true,
                limit: 2,
                remaining: 1,
                next_in_ms: 0
            }
        );
        assert!(take(t0).allowed);
        let refused = take(t0);
        assert!(!refused.allowed);
        assert_eq!((refused.remaining, refused.next_in_ms), (0, 100));
        assert!(take(t0 + Duration::from_millis(100)).allowed);
        assert!(!take(t0 + Duration::from_millis(150)).allowed);
        // Another client token has its own bucket.
        assert!(limits.take("other", t0).unwrap().0.allowed);
    }

    #[test]
    fn config_is_checked_and_burst_defaults_to_one_second() {
        let config = RateLimitConfig::from_json(r#"{"requestsPerSecond": 20}"#).unwrap();
        assert_eq!(
            (config.capacity(), config.mode),
            (20.0, RefuseWith::TooManyRequests)
        );
        let waf = RateLimitConfig::from_json(r#"{"requestsPerSecond": 0.5, "mode": "waf"}"#);
        assert_eq!(
            waf.map(|c| (c.capacity(), c.mode)),
            Ok((1.0, RefuseWith::WafBurst))
        );
        for bad in [
            r#"{"requestsPerSecond": 0}"#,
            r#"{"requestsPerSecond": 5, "burst": 0}"#,
            r#"{"requestsPerSecond": 5, "mode": "teapot"}"#,
            r#"{"rps": 5}"#,
        ] {
            assert!(RateLimitConfig::from_json(bad).is_err(), "{bad}");
        }
        assert!(RateLimits::default().take("ct", Instant::now()).is_none());
    }
}
