//! Akamai's rate-limit headers, the 429 and WAF burst refusals, and the simulator's clock.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use common::{dev_credentials, start_with, Reply};
use iam_sim::rate_limit::RateLimitConfig;
use iam_sim::Config;

const USERS: &str = "/identity-management/v3/user-admin/ui-identities";

fn config(rate_limit: &str) -> Config {
    let mut config = Config::new(dev_credentials());
    config.rate_limit = Some(RateLimitConfig::from_json(rate_limit).unwrap());
    config
}

fn header<'a>(reply: &'a Reply, name: &str) -> &'a str {
    reply
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} in {:?}", reply.headers))
}

fn unix_ms(iso: &str) -> u64 {
    let (secs, nanos) = iam_sim::time::parse_rfc3339(iso).unwrap_or_else(|| panic!("{iso}"));
    secs as u64 * 1000 + u64::from(nanos / 1_000_000)
}

fn date_ms(reply: &Reply) -> u64 {
    let date = httpdate::parse_http_date(header(reply, "date")).unwrap();
    date.duration_since(UNIX_EPOCH).unwrap().as_millis() as u64
}

#[tokio::test]
async fn every_response_carries_the_rate_limit_headers_and_an_empty_bucket_answers_429() {
    // A slow refill so that the test is not timing-sensitive: 2 tokens, 1 back every 10 s.
    let sim = start_with(config(r#"{"requestsPerSecond": 0.1, "burst": 2}"#)).await;
    let first = sim.get(USERS).await;
    assert_eq!(first.status, 200);
    assert_eq!(header(&first, "x-ratelimit-limit"), "2");
    assert_eq!(header(&first, "x-ratelimit-remaining"), "1");
    // A token is left: the next request may go now.
    let next = unix_ms(header(&first, "x-ratelimit-next"));
    assert!(next.abs_diff(date_ms(&first)) < 1500, "{next}");
    // Unknown paths count too, and carry the headers.
    let missing = sim.get(&format!("{USERS}/NO-SUCH-USER")).await;
    assert_eq!(missing.status, 404);
    assert_eq!(header(&missing, "x-ratelimit-remaining"), "0");

    let refused = sim.get(USERS).await;
    assert_eq!(refused.status, 429, "{:?}", refused.body);
    assert_eq!(refused.content_type(), "application/problem+json");
    assert_eq!(refused.body["title"], "Too Many Requests");
    assert!(refused.headers.get("retry-after").is_none());
    assert_eq!(header(&refused, "x-ratelimit-remaining"), "0");
    // X-RateLimit-Next − Date is the wait, about 10 s (Date has one-second resolution).
    let wait = unix_ms(header(&refused, "x-ratelimit-next")) as i64 - date_ms(&refused) as i64;
    assert!((8_000..=11_000).contains(&wait), "wait {wait} ms");
}

#[tokio::test]
async fn waf_mode_refuses_a_burst_with_the_edges_400() {
    let sim = start_with(config(
        r#"{"requestsPerSecond": 0.1, "burst": 1, "mode": "waf"}"#,
    ))
    .await;
    assert_eq!(sim.get(USERS).await.status, 200);
    let refused = sim.get(USERS).await;
    assert_eq!(refused.status, 400);
    assert_eq!(
        refused.body["type"],
        "https://problems.luna.akamaiapis.net/-/pep-authn/request-error"
    );
    assert_eq!(refused.body["title"], "Bad request");
    assert_eq!(refused.body["detail"], "WAF deny rule IPBLOCK-BURST4-54013");
    assert_eq!(refused.body["status"], 400);
}

#[tokio::test]
async fn no_limit_no_headers() {
    let sim = start_with(Config::new(dev_credentials())).await;
    let reply = sim.get(USERS).await;
    assert_eq!(reply.status, 200);
    assert!(reply.headers.get("x-ratelimit-limit").is_none());
}

#[tokio::test]
async fn clock_offset_moves_date_and_refuses_requests_signed_on_the_system_clock() {
    let mut config = Config::new(dev_credentials());
    config.clock_offset_secs = 120;
    let sim = start_with(config).await;
    let reply = sim.get(USERS).await;
    assert_eq!(reply.status, 400, "{:?}", reply.body);
    assert_eq!(reply.body["detail"], "Invalid timestamp");
    let system = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let ahead = date_ms(&reply) as i64 - system as i64;
    assert!(
        (118_000..=121_000).contains(&ahead),
        "Date is {ahead} ms ahead"
    );
    let request_time = unix_ms(reply.body["requestTime"].as_str().unwrap()) as i64;
    assert!((118_000..=121_000).contains(&(request_time - system as i64)));
}
