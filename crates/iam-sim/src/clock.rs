//! The simulator's clock: the system clock moved by `--clock-offset` seconds, so that tests can
//! play a server whose clock differs from the client's. It decides the EdgeGrid timestamp window,
//! the `Date` header of every API response, `X-RateLimit-Next` and the `requestTime` of
//! edge errors. (Dates stored in the data, e.g. `createdDate`, use the system clock.)

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// The system clock plus an offset the admin API may change.
#[derive(Debug, Default)]
pub struct Clock {
    offset_secs: AtomicI64,
}

impl Clock {
    /// A clock `offset_secs` ahead of the system clock (behind when negative).
    pub fn new(offset_secs: i64) -> Self {
        Clock {
            offset_secs: AtomicI64::new(offset_secs),
        }
    }

    /// The offset from the system clock, in seconds.
    pub fn offset_secs(&self) -> i64 {
        self.offset_secs.load(Ordering::Relaxed)
    }

    /// Moves the clock to `offset_secs` from the system clock.
    pub fn set_offset_secs(&self, offset_secs: i64) {
        self.offset_secs.store(offset_secs, Ordering::Relaxed);
    }

    /// Milliseconds since the Unix epoch on this clock.
    pub fn now_ms(&self) -> u64 {
        let system = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        system
            .saturating_add(self.offset_secs().saturating_mul(1000))
            .max(0) as u64
    }

    /// Seconds since the Unix epoch on this clock.
    pub fn now_secs(&self) -> u64 {
        self.now_ms() / 1000
    }
}

/// `ms` since the epoch as an HTTP date (`Fri, 04 Dec 2026 14:20:08 GMT`), as in `Date`.
pub fn http_date(ms: u64) -> String {
    httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_millis(ms))
}

/// `ms` since the epoch as ISO 8601 UTC with milliseconds (`2026-12-04T14:20:08.125Z`), the form
/// of Akamai's `X-RateLimit-Next`.
pub fn iso8601_ms(ms: u64) -> String {
    let seconds = crate::seed::iso8601(ms / 1000);
    format!("{}.{:03}Z", seconds.trim_end_matches('Z'), ms % 1000)
}

/// Middleware on the API port: every response carries `Date` from this clock (hyper would
/// otherwise write the system time).
pub async fn date(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if let Ok(value) = HeaderValue::from_str(&http_date(state.clock.now_ms())) {
        res.headers_mut().insert(header::DATE, value);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_format_as_http_and_iso_with_millis() {
        let ms = 1_748_736_000_125;
        assert_eq!(http_date(ms), "Sun, 01 Jun 2025 00:00:00 GMT");
        assert_eq!(iso8601_ms(ms), "2025-06-01T00:00:00.125Z");
    }

    #[test]
    fn offset_moves_the_clock() {
        let clock = Clock::new(120);
        let system = Clock::default().now_secs();
        assert!(clock.now_secs().abs_diff(system + 120) <= 1);
        clock.set_offset_secs(-60);
        assert!(clock.now_secs().abs_diff(system - 60) <= 1);
    }
}
