//! The hostile request suite: every case of `common::cases` is sent over a raw TCP socket (URL
//! libraries would normalise most of them away) to the proxy in-process, and must get exactly the
//! refusal that `crates/proxy/README.md` documents, while the counting upstream receives nothing.

mod common;

use std::time::Duration;

use common::cases::{self, run_all};
use common::{exchange, hostile_config, simple, start_in_process, TestUpstream, GROUPS, TOKEN};

#[tokio::test]
async fn hostile_requests_get_the_documented_refusal_and_never_reach_upstream() {
    let upstream = TestUpstream::start().await;
    let plain = start_in_process(hostile_config(&upstream.url, None)).await;
    let protected = start_in_process(hostile_config(&upstream.url, Some(TOKEN))).await;
    let all = cases::all("h");
    assert!(all.len() >= 30, "only {} cases", all.len());
    let (failures, answers) = run_all(plain.addr, protected.addr, &upstream).await;
    assert_eq!(answers.len(), all.len());
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
    assert_eq!(upstream.count(), 0);
}

#[tokio::test]
async fn control_requests_on_the_same_proxies_do_reach_upstream() {
    // Proves the counter counts: the same proxies forward well-formed requests.
    let upstream = TestUpstream::start().await;
    let plain = start_in_process(hostile_config(&upstream.url, None)).await;
    let protected = start_in_process(hostile_config(&upstream.url, Some(TOKEN))).await;
    let get = format!("GET {GROUPS} HTTP/1.1");
    let r = exchange(
        plain.addr,
        &simple(&get, &plain.addr.to_string(), &[]),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status, Some(200), "{}", r.text());
    let auth = format!("Authorization: Bearer {TOKEN}");
    let r = exchange(
        protected.addr,
        &simple(&get, &protected.addr.to_string(), &[&auth]),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status, Some(200), "{}", r.text());
    assert_eq!(upstream.count(), 2);
    let seen = upstream.seen();
    assert!(seen.iter().all(|s| s.verified_with == Some(0)), "{seen:?}");
    // The browser's bearer token never goes upstream: only the EdgeGrid header does.
    assert!(seen[1]
        .authorization
        .starts_with("EG1-HMAC-SHA256 client_token="));
    // A CORS preflight carries no Authorization: it is answered without the token.
    let r = exchange(
        protected.addr,
        &simple(
            &format!("OPTIONS {GROUPS} HTTP/1.1"),
            &protected.addr.to_string(),
            &[
                "Origin: http://127.0.0.1:5173",
                "Access-Control-Request-Method: GET",
                "Access-Control-Request-Headers: authorization",
            ],
        ),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status, Some(204), "{}", r.text());
    assert!(r
        .header("access-control-allow-headers")
        .is_some_and(|h| h.contains("authorization")));
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://127.0.0.1:5173")
    );
    assert!(r.header("access-control-allow-credentials").is_none());
    assert_eq!(upstream.count(), 2);
}

#[tokio::test]
async fn cl_te_smuggling_is_framed_by_chunked_and_the_connection_closed() {
    // hyper follows RFC 9112 §6.1: Transfer-Encoding wins over Content-Length and the connection
    // is closed after the answer, so the request hidden in the "body" is never read.
    let upstream = TestUpstream::start().await;
    let proxy = start_in_process(hostile_config(&upstream.url, None)).await;
    let h = proxy.addr.to_string();
    let smuggled = format!("GET /identity-management/v3/smuggled HTTP/1.1\r\nHost: {h}\r\n\r\n");
    let attack = format!(
        "POST {GROUPS} HTTP/1.1\r\nHost: {h}\r\nContent-Length: {}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n{smuggled}",
        5 + smuggled.len()
    );
    let r = exchange(
        proxy.addr,
        &[common::Step::Send(attack.into_bytes())],
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status, Some(200), "{}", r.text());
    assert_eq!(r.text().matches("HTTP/1.1 ").count(), 1, "{}", r.text());
    let seen = upstream.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].target, GROUPS);
    assert!(seen[0].body.is_empty());
    assert_eq!(seen[0].verified_with, Some(0));
}

#[tokio::test]
async fn a_fragment_is_dropped_by_the_parser_and_the_rest_is_checked() {
    // Browsers never send a fragment; the HTTP parser drops one, and what remains goes through
    // the same checks as any target (here a traversal hidden after '#' is simply not there).
    let upstream = TestUpstream::start().await;
    let proxy = start_in_process(hostile_config(&upstream.url, None)).await;
    let h = proxy.addr.to_string();
    let r = exchange(
        proxy.addr,
        &simple(&format!("GET {GROUPS}#/../../papi/v1 HTTP/1.1"), &h, &[]),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status, Some(200), "{}", r.text());
    let r = exchange(
        proxy.addr,
        &simple("GET /identity-management/v3/../papi#x HTTP/1.1", &h, &[]),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status, Some(403), "{}", r.text());
    let seen = upstream.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].target, GROUPS);
}
