//! Native tests of the rate-limit and clock-skew rules.

use super::*;
use crate::error::IamErrorKind;

const WAF_BURST: &str = r#"{"type": "https://problems.luna.akamaiapis.net/-/pep-authn/request-error",
    "title": "Bad request", "status": 400, "detail": "WAF deny rule IPBLOCK-BURST4-54013",
    "instance": "https://akab-x.luna.akamaiapis.net/identity-management/v3/user-admin/ui-identities",
    "method": "GET", "requestTime": "2026-12-04T14:20:08Z"}"#;
const INVALID_TIMESTAMP: &str = r#"{"type": "https://problems.luna.akamaiapis.net/-/pep-authn/request-error",
    "title": "Bad request", "status": 400, "detail": "Invalid timestamp",
    "requestTime": "2026-12-04T14:22:08Z"}"#;

fn signals(retry_after: Option<&str>, next: Option<&str>, date: Option<&str>) -> Signals {
    Signals {
        retry_after: retry_after.map(str::to_owned),
        next: next.map(str::to_owned),
        date: date.map(str::to_owned),
    }
}

/// 2026-12-04T14:20:08Z in Unix milliseconds.
const AT: f64 = 1_796_394_008_000.0;

#[test]
fn dates_parse_as_the_same_instant() {
    assert_eq!(
        parse_http_date_ms("Fri, 04 Dec 2026 14:20:08 GMT"),
        Some(AT as i64)
    );
    assert_eq!(
        parse_rfc3339_ms("2026-12-04T14:20:08.125Z"),
        Some(AT as i64 + 125)
    );
    assert_eq!(
        parse_rfc3339_ms("2026-12-04T16:20:08+02:00"),
        Some(AT as i64)
    );
    for bad in [
        "",
        "tomorrow",
        "2026-13-04T14:20:08Z",
        "2026-12-04 14:20:08Z",
    ] {
        assert_eq!(parse_rfc3339_ms(bad), None, "{bad}");
    }
    assert_eq!(parse_http_date_ms("Fri, 04 Dec 2026 14:20:08 CET"), None);
}

#[test]
fn server_wait_is_retry_after_else_next_minus_date() {
    let date = Some("Fri, 04 Dec 2026 14:20:08 GMT");
    let next = Some("2026-12-04T14:20:09.250Z");
    assert_eq!(signals(Some("2"), next, date).server_wait_ms(), Some(2000));
    assert_eq!(signals(None, next, date).server_wait_ms(), Some(1250));
    // Next in the past, or either header missing or unreadable: the server says nothing usable.
    let past = Some("2026-12-04T14:20:07Z");
    assert_eq!(signals(None, past, date).server_wait_ms(), None);
    assert_eq!(signals(None, next, None).server_wait_ms(), None);
    assert_eq!(signals(Some("soon"), None, date).server_wait_ms(), None);
}

#[test]
fn a_429_and_a_waf_burst_400_are_rate_limited_other_400s_are_not() {
    let with_next = signals(
        None,
        Some("2026-12-04T14:20:08.500Z"),
        Some("Fri, 04 Dec 2026 14:20:08 GMT"),
    );
    assert_eq!(
        attempt(429, &with_next, ""),
        Attempt::RateLimited(Some(500))
    );
    assert_eq!(
        attempt(400, &Signals::default(), WAF_BURST),
        Attempt::RateLimited(None)
    );
    assert!(is_burst_refusal(
        400,
        r#"{"detail": "WAF deny rule IPBLOCK-RATE2-1"}"#
    ));
    for (status, body) in [
        (400, r#"{"detail": "WAF deny rule SQLI-950001"}"#),
        (400, r#"{"detail": "groupId must be an integer"}"#),
        (403, WAF_BURST),
        (400, "WAF deny rule IPBLOCK-BURST4-54013"),
    ] {
        assert!(!is_burst_refusal(status, body), "{status} {body}");
    }
    assert_eq!(
        attempt(503, &signals(Some("1"), None, None), ""),
        Attempt::Response(503, Some("1"))
    );
}

#[test]
fn rate_limited_delay_adds_jitter_to_the_servers_wait_and_gives_up_beyond_the_ceiling() {
    assert_eq!(rate_limited_delay_ms(1250, 400, 0.0), Some(1250));
    assert_eq!(rate_limited_delay_ms(1250, 400, 0.5), Some(1450));
    assert_eq!(
        rate_limited_delay_ms(MAX_RETRY_DELAY_MS + 1, 400, 0.5),
        None
    );
    assert_eq!(
        rate_limited_delay_ms(MAX_RETRY_DELAY_MS, 400, 0.9),
        Some(MAX_RETRY_DELAY_MS)
    );
}

#[test]
fn bucket_serves_the_burst_then_one_request_per_interval_in_order() {
    let mut bucket = Bucket {
        rate: 20.0,
        capacity: 2.0,
        tokens: 2.0,
        at_ms: 0.0,
    };
    let waits: Vec<u32> = (0..5).map(|_| bucket.book(1000.0)).collect();
    assert_eq!(waits, [0, 0, 50, 100, 150]);
    // 200 calls at once at 20/s with a burst of 1: the last starts 9.95 s later.
    let options = RateLimitOptions {
        requests_per_second: 20.0,
        burst: None,
        max_concurrent: None,
    };
    let limiter = Limiter::new(&options).expect("valid");
    let last = (0..200)
        .map(|_| limiter.bucket.borrow_mut().book(5000.0))
        .last();
    assert_eq!(last, Some(9950));
}

#[test]
fn limiter_options_are_checked() {
    let options = |rps: f64, burst: Option<u32>, max: Option<u32>| RateLimitOptions {
        requests_per_second: rps,
        burst,
        max_concurrent: max,
    };
    assert_eq!(
        Limiter::new(&options(0.0, None, None)).err(),
        Some(("rateLimit.requestsPerSecond", "must be a positive number"))
    );
    assert!(Limiter::new(&options(f64::NAN, None, None)).is_err());
    assert_eq!(
        Limiter::new(&options(5.0, Some(0), None))
            .err()
            .map(|e| e.0),
        Some("rateLimit.burst")
    );
    assert_eq!(
        Limiter::new(&options(5.0, None, Some(0)))
            .err()
            .map(|e| e.0),
        Some("rateLimit.maxConcurrent")
    );
    let strict = serde_json::from_str::<RateLimitOptions>(r#"{"requestsPerSecond": 5, "rps": 1}"#);
    assert!(strict.is_err());
}

#[test]
fn rate_limited_error_says_so_and_carries_the_servers_wait() {
    let with_next = signals(
        None,
        Some("2026-12-04T14:20:09.200Z"),
        Some("Fri, 04 Dec 2026 14:20:08 GMT"),
    );
    let error = IamError::http("getUser", 429, "", r#"{"title": "Too Many Requests"}"#);
    let error = explain(error, &with_next, "", AT, false);
    assert!(error.rate_limited);
    assert_eq!(error.retry_after_ms, Some(1200));
    assert!(error.message.contains("rate limited"), "{}", error.message);

    let error = explain(
        IamError::http("getUser", 400, "", WAF_BURST),
        &Signals::default(),
        WAF_BURST,
        AT,
        false,
    );
    assert!(error.rate_limited);
    assert_eq!(error.retry_after_ms, None);
    assert!(error.message.contains("WAF deny rule IPBLOCK-BURST4-54013"));
    assert!(error.message.contains("burst refusal"), "{}", error.message);

    let plain = explain(
        IamError::http("getUser", 404, "", "{}"),
        &Signals::default(),
        "{}",
        AT,
        false,
    );
    assert!(!plain.rate_limited && plain.clock_skew_secs.is_none());
    let network = explain(IamError::network("getUser", "x"), &with_next, "", AT, false);
    assert_eq!(
        (network.kind, network.retry_after_ms),
        (IamErrorKind::Network, None)
    );
}

#[test]
fn invalid_timestamp_names_the_clock_difference_and_what_to_do() {
    // The server's clock says 14:22:08, two minutes after this machine's (14:20:08.400).
    let date = signals(None, None, Some("Fri, 04 Dec 2026 14:22:08 GMT"));
    let local = explain(
        IamError::http("getUser", 400, "", INVALID_TIMESTAMP),
        &date,
        INVALID_TIMESTAMP,
        AT + 400.0,
        true,
    );
    assert_eq!(local.clock_skew_secs, Some(-120));
    assert!(
        local.message.contains("120 s behind the server's")
            && local.message.contains("synchronise this machine's clock"),
        "{}",
        local.message
    );
    // Through the proxy, and without Date: the body's requestTime gives the server's time.
    let proxied = explain(
        IamError::http("getUser", 400, "", INVALID_TIMESTAMP),
        &Signals::default(),
        INVALID_TIMESTAMP,
        AT + 150_200.0,
        false,
    );
    assert_eq!(proxied.clock_skew_secs, Some(30));
    assert!(
        proxied.message.contains("the machine running the proxy"),
        "{}",
        proxied.message
    );
    // A 401 that says so is recognised too.
    assert!(is_timestamp_refusal(
        401,
        r#"{"detail": "The timestamp is 120s away"}"#
    ));
    assert!(!is_timestamp_refusal(
        401,
        r#"{"detail": "The signature does not match"}"#
    ));
}
