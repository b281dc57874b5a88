//! Request limits and header hygiene, in-process: large bodies, the concurrent-request and
//! connection caps, hop-by-hop and credential headers, and what the debug log shows.

mod common;

use std::time::Duration;

use common::{
    capture_logs, exchange, hostile_config, request, simple, start_in_process, unwrap, Step,
    TestUpstream, GROUPS,
};

#[tokio::test]
async fn post_of_200_kib_is_forwarded_whole_and_verifies_with_max_body_hash() {
    let upstream = TestUpstream::start().await;
    let proxy = start_in_process(hostile_config(&upstream.url, None)).await;
    // 200 KiB is over EdgeGrid's max_body (128 KiB): the whole body is sent, the hash covers
    // the first 128 KiB, and the upstream's verification agrees.
    let body: Vec<u8> = (0..200 * 1024).map(|i| b'a' + (i % 26) as u8).collect();
    let mut bytes = request(
        &format!("POST {GROUPS} HTTP/1.1"),
        &proxy.addr.to_string(),
        &[
            "Content-Type: application/octet-stream",
            &format!("Content-Length: {}", body.len()),
            "Connection: close",
        ],
    );
    bytes.extend_from_slice(&body);
    let r = exchange(proxy.addr, &[Step::Send(bytes)], Duration::from_secs(5)).await;
    assert_eq!(r.status, Some(200), "{}", r.text());
    let seen = upstream.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].body.len(), body.len());
    assert_eq!(&seen[0].body[..], &body[..]);
    assert_eq!(seen[0].verified_with, Some(0));
    // Sanity: the signature really depends on the truncation (a full-body hash would differ).
    assert_ne!(
        edgegrid::content_hash("POST", &body, body.len()),
        edgegrid::content_hash("POST", &body, edgegrid::DEFAULT_MAX_BODY)
    );
}

#[tokio::test]
async fn over_max_concurrent_is_503_problem_with_retry_after() {
    let upstream = TestUpstream::start().await;
    let mut config = hostile_config(&upstream.url, None);
    config.max_concurrent = 2;
    let proxy = start_in_process(config).await;
    let host = proxy.addr.to_string();
    let slow = simple(&format!("GET {GROUPS}?sleep_ms=1500 HTTP/1.1"), &host, &[]);
    let held: Vec<_> = (0..2)
        .map(|_| {
            let steps = slow.clone();
            let addr = proxy.addr;
            tokio::spawn(async move { exchange(addr, &steps, Duration::from_secs(5)).await })
        })
        .collect();
    common::eventually("two requests in flight", Duration::from_secs(3), || {
        proxy.server.in_flight() == 2
    })
    .await;
    let r = exchange(
        proxy.addr,
        &simple(&format!("GET {GROUPS} HTTP/1.1"), &host, &[]),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status, Some(503), "{}", r.text());
    assert_eq!(r.header("retry-after"), Some("1"));
    assert_eq!(r.header("content-type"), Some("application/problem+json"));
    assert!(r.text().contains("urn:iam-proxy:problem:overloaded"));
    for task in held {
        let r = unwrap(task.await, "join");
        assert_eq!(r.status, Some(200), "{}", r.text());
    }
    // Slots are given back: the next request passes.
    let r = exchange(
        proxy.addr,
        &simple(&format!("GET {GROUPS} HTTP/1.1"), &host, &[]),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status, Some(200), "{}", r.text());
    assert_eq!(upstream.count(), 3);
}

#[tokio::test]
async fn connections_over_the_cap_get_503_and_are_closed() {
    let upstream = TestUpstream::start().await;
    let mut config = hostile_config(&upstream.url, None);
    config.max_concurrent = 2;
    config.header_timeout = Duration::from_secs(5);
    let proxy = start_in_process(config).await;
    // The cap is max(2 × max_concurrent, 64) = 64 open connections.
    let mut idle = Vec::new();
    for _ in 0..64 {
        idle.push(unwrap(
            tokio::net::TcpStream::connect(proxy.addr).await,
            "connect",
        ));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let r = exchange(
        proxy.addr,
        &simple(
            &format!("GET {GROUPS} HTTP/1.1"),
            &proxy.addr.to_string(),
            &[],
        ),
        Duration::from_secs(3),
    )
    .await;
    assert_eq!(r.status, Some(503), "{}", r.text());
    assert!(r.text().contains("urn:iam-proxy:problem:overloaded"));
    drop(idle);
    assert_eq!(upstream.count(), 0);
}

#[tokio::test]
async fn hop_by_hop_and_credential_headers_are_stripped_before_signing() {
    let upstream = TestUpstream::start().await;
    let proxy = start_in_process(hostile_config(&upstream.url, None)).await;
    let dropped = [
        "Authorization: Bearer browser-token",
        "Proxy-Authorization: Basic dXNlcjpwYXNz",
        "Cookie: session=browser",
        "Keep-Alive: timeout=5",
        "TE: trailers",
        "Trailer: X-Checksum",
        "Upgrade: websocket",
        "Proxy-Connection: keep-alive",
        "X-Forwarded-For: 10.0.0.1",
        "X-Real-IP: 10.0.0.1",
        "X-Custom: 1",
        "X-Akamai-Internal: 1",
        "Akamai-Signature: forged",
        "Origin: http://127.0.0.1:5173",
        "Referer: http://127.0.0.1:5173/page",
        "User-Agent: hostile/1.0",
    ];
    let mut headers = dropped.to_vec();
    headers.extend([
        "Connection: close, X-Custom",
        "Content-Type: application/json",
        "Accept: application/json",
        "Accept-Language: en",
        "Content-Length: 2",
    ]);
    let mut bytes = request(
        &format!("POST {GROUPS} HTTP/1.1"),
        &proxy.addr.to_string(),
        &headers,
    );
    bytes.extend_from_slice(b"{}");
    let r = exchange(proxy.addr, &[Step::Send(bytes)], Duration::from_secs(5)).await;
    assert_eq!(r.status, Some(200), "{}", r.text());
    assert!(r.header("set-cookie").is_none());
    assert!(r.header("x-internal-note").is_none());
    let seen = upstream.seen();
    assert_eq!(seen.len(), 1);
    let h = &seen[0].headers;
    for line in dropped {
        let name = line
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if name == "authorization" || name == "user-agent" {
            continue;
        }
        assert!(!h.contains_key(name.as_str()), "{name} was forwarded");
    }
    let auth: Vec<_> = h.get_all("authorization").iter().collect();
    assert_eq!(auth.len(), 1);
    assert!(auth[0]
        .to_str()
        .is_ok_and(|a| a.starts_with("EG1-HMAC-SHA256 ")));
    assert!(h["user-agent"]
        .to_str()
        .is_ok_and(|u| u.starts_with("iam-proxy/")));
    assert_eq!(h["content-type"], "application/json");
    assert_eq!(h["accept"], "application/json");
    assert_eq!(h["accept-language"], "en");
    assert_eq!(h["host"], upstream.url.trim_start_matches("http://"));
    assert_eq!(seen[0].verified_with, Some(0));
}

#[tokio::test]
async fn custom_header_limits_apply() {
    let upstream = TestUpstream::start().await;
    let mut config = hostile_config(&upstream.url, None);
    config.max_headers = 4;
    config.max_header_bytes = 200;
    let proxy = start_in_process(config).await;
    let host = proxy.addr.to_string();
    let line = format!("GET {GROUPS} HTTP/1.1");
    // Host + Connection + 2 more = 4 lines: accepted.
    let r = exchange(
        proxy.addr,
        &simple(&line, &host, &["A: 1", "B: 2"]),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status, Some(200), "{}", r.text());
    for extra in [vec!["A: 1", "B: 2", "C: 3"], vec!["A: 1"]] {
        let big = format!("X: {}", "v".repeat(200));
        let headers: Vec<&str> = if extra.len() == 1 { vec![&big] } else { extra };
        let r = exchange(
            proxy.addr,
            &simple(&line, &host, &headers),
            Duration::from_secs(5),
        )
        .await;
        assert_eq!(r.status, Some(431), "{}", r.text());
        assert!(r.text().contains("urn:iam-proxy:problem:headers-too-large"));
        assert_eq!(r.header("connection"), Some("close"));
    }
    assert_eq!(upstream.count(), 1);
}

#[tokio::test]
async fn debug_event_adds_detail_but_no_query_value_or_header_value() {
    let (_guard, captured) = capture_logs(true);
    let upstream = TestUpstream::start().await;
    let proxy = start_in_process(hostile_config(&upstream.url, None)).await;
    let host = proxy.addr.to_string();
    let r = exchange(
        proxy.addr,
        &simple(
            &format!("GET {GROUPS}?search=needle HTTP/1.1"),
            &host,
            &["Accept: application/json", "X-Private: haystack"],
        ),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(r.status, Some(200));
    let lines = captured.lines();
    let events: Vec<serde_json::Value> = lines
        .iter()
        .map(|l| unwrap(serde_json::from_str(l), l))
        .filter(|e: &serde_json::Value| e["target"] == "iam_proxy::request")
        .collect();
    assert_eq!(events.len(), 2, "{lines:?}");
    let (info, debug) = (&events[0], &events[1]);
    assert_eq!(info["level"], "INFO");
    assert_eq!(info["method"], "GET");
    assert_eq!(info["route"], "/user-admin/groups");
    assert_eq!(
        (info["status"].as_u64(), info["upstream_status"].as_u64()),
        (Some(200), Some(200))
    );
    assert_eq!(debug["level"], "DEBUG", "an info filter leaves it out");
    assert_eq!(debug["request_id"], info["request_id"]);
    assert_eq!(debug["path"], GROUPS);
    assert!(debug["peer"]
        .as_str()
        .is_some_and(|p| p.starts_with("127.0.0.1:")));
    assert_eq!(debug["query_bytes"], 13);
    assert_eq!(debug["forwarded_headers"], "accept");
    assert_eq!(debug["body_bytes"], 0);
    assert_eq!(debug["origin"], "absent");
    for line in &lines {
        for hidden in ["needle", "haystack", "EG1-HMAC", "signature="] {
            assert!(!line.contains(hidden), "{hidden} in {line}");
        }
    }
}
