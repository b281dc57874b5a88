//! Compares the upstream's `Date` with this machine's clock. EdgeGrid signatures carry the
//! signer's time, and Akamai's edge refuses them about 30 s away from its own clock with a 400
//! `Invalid timestamp` that users cannot tell from a bad secret; the proxy logs one warning the
//! first time the two clocks differ by more than [`MAX_SKEW`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use axum::http::{header, HeaderMap};

/// The difference above which the proxy warns.
pub const MAX_SKEW: Duration = Duration::from_secs(10);

/// Remembers whether the warning was given.
#[derive(Default)]
pub(crate) struct ClockCheck {
    warned: AtomicBool,
}

impl ClockCheck {
    /// The warning (logged as a `WARN` event), the first time `headers` carry a `Date` more than [`MAX_SKEW`] away from
    /// `now`; `None` otherwise.
    pub(crate) fn observe(&self, headers: &HeaderMap, now: SystemTime) -> Option<String> {
        if self.warned.load(Ordering::Relaxed) {
            return None;
        }
        let date = headers.get(header::DATE)?.to_str().ok()?;
        // `Date` drops the milliseconds: compare with the middle of its second.
        let server = httpdate::parse_http_date(date).ok()? + Duration::from_millis(500);
        let (offset, direction) = match server.duration_since(now) {
            Ok(ahead) => (ahead, "ahead of"),
            Err(behind) => (behind.duration(), "behind"),
        };
        let secs = offset.as_secs_f64().round() as u64;
        if secs <= MAX_SKEW.as_secs() || self.warned.swap(true, Ordering::Relaxed) {
            return None;
        }
        Some(format!(
            "the upstream's clock (Date: {date}) is {secs} s {direction} \
             this machine's; Akamai refuses EdgeGrid signatures more than about 30 s off \
             (400 Invalid timestamp): synchronise this machine's clock (NTP)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn dated(at: SystemTime) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let date = httpdate::fmt_http_date(at);
        headers.insert(header::DATE, HeaderValue::from_str(&date).unwrap());
        headers
    }

    #[test]
    fn warns_once_when_the_upstream_clock_is_more_than_10_s_off() {
        let check = ClockCheck::default();
        let now = SystemTime::now();
        assert_eq!(
            check.observe(&dated(now + Duration::from_secs(5)), now),
            None
        );
        assert_eq!(check.observe(&HeaderMap::new(), now), None);
        let line = check
            .observe(&dated(now + Duration::from_secs(120)), now)
            .expect("a warning");
        assert!(line.contains("120 s ahead of"), "{line}");
        assert_eq!(
            check.observe(&dated(now + Duration::from_secs(120)), now),
            None
        );
        let behind = ClockCheck::default().observe(&dated(now - Duration::from_secs(60)), now);
        assert!(behind.is_some_and(|l| l.contains("60 s behind")));
    }
}
