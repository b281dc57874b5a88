//! When to retry and how long to wait: pure policy, so native tests cover it.
//!
//! GET, PUT and DELETE are retried on 429, 502, 503 and 504 and on network errors, up to the
//! client's `retries`; POST never is (it may have been applied). The wait is exponential with full
//! jitter (`random × base × 2^attempt`), or the server's `Retry-After` when it gives one. A
//! rate-limited attempt (a 429, or Akamai's WAF burst refusal; see [`crate::rate_limit`]) waits
//! what the server asks (`Retry-After`, else `X-RateLimit-Next − Date`) plus that jitter.

use crate::request::Method;

/// Retries when the client's options do not say.
pub const DEFAULT_RETRIES: u32 = 2;
/// The first backoff step, in milliseconds, when the client's options do not say.
pub const DEFAULT_RETRY_DELAY_MS: u32 = 200;
/// The longest wait before a retry; a `Retry-After` beyond it is not waited for (the error is
/// returned instead), so a call never hangs for minutes.
pub const MAX_RETRY_DELAY_MS: u32 = 30_000;
/// The most retries a client may ask for.
pub const MAX_RETRIES: u32 = 10;

/// What an attempt ended with, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt<'a> {
    /// A response with this status and `Retry-After` header.
    Response(u16, Option<&'a str>),
    /// No response (connection refused or dropped, DNS, CORS).
    Network,
    /// Refused for the rate (429 or a WAF burst 400), with the server's wait in milliseconds.
    RateLimited(Option<u32>),
}

/// Whether a failed attempt of `method` may be sent again.
pub fn retryable(method: Method, attempt: Attempt<'_>) -> bool {
    if method == Method::Post {
        return false;
    }
    match attempt {
        Attempt::Response(status, _) => matches!(status, 429 | 502 | 503 | 504),
        Attempt::Network | Attempt::RateLimited(_) => true,
    }
}

/// How long to wait before retry number `retry` (0 for the first), or `None` to give up because
/// the server asks for longer than [`MAX_RETRY_DELAY_MS`]. `random` is in `[0, 1)`.
pub fn delay_ms(retry: u32, base_ms: u32, attempt: Attempt<'_>, random: f64) -> Option<u32> {
    if let Attempt::Response(_, Some(header)) = attempt {
        if let Some(seconds) = retry_after_seconds(header) {
            let ms = seconds.saturating_mul(1000);
            return (ms <= u64::from(MAX_RETRY_DELAY_MS)).then_some(ms as u32);
        }
    }
    let ceiling = u64::from(base_ms)
        .saturating_mul(1u64 << retry.min(20))
        .min(u64::from(MAX_RETRY_DELAY_MS));
    if let Attempt::RateLimited(Some(server_ms)) = attempt {
        return crate::rate_limit::rate_limited_delay_ms(server_ms, ceiling as u32, random);
    }
    Some((ceiling as f64 * random.clamp(0.0, 1.0)) as u32)
}

/// `Retry-After` as delay-seconds; an HTTP-date (rare from Akamai) is not parsed and falls back to
/// the backoff.
fn retry_after_seconds(header: &str) -> Option<u64> {
    header.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_is_never_retried() {
        assert!(!retryable(Method::Post, Attempt::Response(503, None)));
        assert!(!retryable(Method::Post, Attempt::RateLimited(Some(10))));
        assert!(!retryable(Method::Post, Attempt::Network));
    }

    #[test]
    fn idempotent_methods_retry_on_429_5xx_gateway_and_network_only() {
        for method in [Method::Get, Method::Put, Method::Delete] {
            for status in [429, 502, 503, 504] {
                assert!(retryable(method, Attempt::Response(status, None)));
            }
            for status in [400, 401, 403, 404, 409, 500] {
                assert!(!retryable(method, Attempt::Response(status, None)));
            }
            assert!(retryable(method, Attempt::Network));
            assert!(retryable(method, Attempt::RateLimited(None)));
        }
    }

    #[test]
    fn backoff_doubles_with_full_jitter_and_a_ceiling() {
        assert_eq!(delay_ms(0, 200, Attempt::Network, 0.999_999), Some(199));
        assert_eq!(delay_ms(1, 200, Attempt::Network, 0.5), Some(200));
        assert_eq!(delay_ms(3, 200, Attempt::Network, 0.0), Some(0));
        assert_eq!(
            delay_ms(30, 200, Attempt::Network, 1.0),
            Some(MAX_RETRY_DELAY_MS)
        );
    }

    #[test]
    fn rate_limited_waits_the_servers_time_plus_jitter_or_backs_off() {
        assert_eq!(
            delay_ms(1, 200, Attempt::RateLimited(Some(1000)), 0.5),
            Some(1200)
        );
        assert_eq!(delay_ms(1, 200, Attempt::RateLimited(None), 0.5), Some(200));
        assert_eq!(
            delay_ms(
                0,
                200,
                Attempt::RateLimited(Some(MAX_RETRY_DELAY_MS + 1)),
                0.5
            ),
            None
        );
    }

    #[test]
    fn retry_after_seconds_wins_and_too_long_gives_up() {
        assert_eq!(
            delay_ms(0, 200, Attempt::Response(429, Some("2")), 0.1),
            Some(2000)
        );
        assert_eq!(
            delay_ms(0, 200, Attempt::Response(429, Some("3600")), 0.1),
            None
        );
        assert_eq!(
            delay_ms(
                0,
                200,
                Attempt::Response(503, Some("Wed, 21 Oct 2015 07:28:00 GMT")),
                0.5
            ),
            Some(100)
        );
    }
}
