//! What an operator sees: the request id, `/healthz`, `/readyz` and `/metrics` on the proxy's
//! listener, exact counters and histogram counts after known traffic, and bounded label sets
//! after 10,000 distinct ids. In-process; the binary's side (admin listener, drain, JSON logs) is
//! in `tests/operate.rs`.

mod common;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use common::{
    credentials, exchange, hostile_config, request, simple, start_in_process, unwrap, Faults,
    RawResponse, Step, TestUpstream, GROUPS, TOKEN,
};
use iam_proxy::{Config, Upstream};

const WAIT: Duration = Duration::from_secs(5);
const USERS: &str = "/identity-management/v3/user-admin/ui-identities";

async fn get(addr: SocketAddr, target: &str, headers: &[&str]) -> RawResponse {
    let line = format!("GET {target} HTTP/1.1");
    exchange(addr, &simple(&line, &addr.to_string(), headers), WAIT).await
}

/// One sample of the exposition: metric name and labels.
type Series = (String, BTreeMap<String, String>);

/// Parses the Prometheus text exposition into its samples.
fn samples(text: &str) -> BTreeMap<Series, f64> {
    let mut out = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (series, value) = unwrap(line.rsplit_once(' ').ok_or("no value"), line);
        let (name, labels) = match series.split_once('{') {
            Some((name, rest)) => (name, rest.trim_end_matches('}')),
            None => (series, ""),
        };
        let labels = labels
            .split("\",")
            .filter(|l| !l.is_empty())
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.trim_matches('"').to_owned()))
            .collect();
        out.insert(
            (name.to_owned(), labels),
            unwrap(value.parse::<f64>(), line),
        );
    }
    out
}

async fn scrape(addr: SocketAddr) -> BTreeMap<Series, f64> {
    let r = get(addr, "/metrics", &[]).await;
    assert_eq!(r.status, Some(200), "{}", r.text());
    assert_eq!(
        r.header("content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    samples(&String::from_utf8_lossy(&r.body))
}

fn value(samples: &BTreeMap<Series, f64>, name: &str, labels: &[(&str, &str)]) -> f64 {
    let key = (
        name.to_owned(),
        labels
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    );
    samples.get(&key).copied().unwrap_or(0.0)
}

fn series_of<'a>(samples: &'a BTreeMap<Series, f64>, name: &str) -> Vec<&'a Series> {
    samples.keys().filter(|(n, _)| n == name).collect()
}

#[tokio::test]
async fn health_and_metrics_are_answered_locally_without_token_and_never_forwarded() {
    let upstream = TestUpstream::start().await;
    let proxy = start_in_process(hostile_config(&upstream.url, Some(TOKEN))).await;
    let health = get(proxy.addr, "/healthz", &[]).await;
    assert_eq!(health.status, Some(200));
    assert_eq!(health.body, br#"{"status":"ok"}"#);
    let ready = get(proxy.addr, "/readyz", &[]).await;
    assert_eq!(
        (ready.status, ready.body),
        (Some(200), br#"{"status":"ready"}"#.to_vec())
    );
    assert!(proxy.server.is_ready());
    scrape(proxy.addr).await;
    // Other methods, and a forged Host, are refused like any other path.
    let post = exchange(
        proxy.addr,
        &simple(
            "POST /healthz HTTP/1.1",
            &proxy.addr.to_string(),
            &["Content-Length: 0"],
        ),
        WAIT,
    )
    .await;
    assert_eq!(post.status, Some(401), "{}", post.text());
    let forged = exchange(
        proxy.addr,
        &simple("GET /metrics HTTP/1.1", "evil.example", &[]),
        WAIT,
    )
    .await;
    assert_eq!(forged.status, Some(403), "{}", forged.text());
    assert_eq!(upstream.count(), 0);
    // Probes and scrapes are not counted as requests.
    let samples = scrape(proxy.addr).await;
    let requests: f64 = series_of(&samples, "iam_proxy_requests_total")
        .into_iter()
        .map(|s| samples[s])
        .sum();
    assert_eq!(requests, 2.0, "the POST and the forged Host only");
}

#[tokio::test]
async fn request_id_is_taken_when_valid_made_otherwise_forwarded_and_returned() {
    let upstream = TestUpstream::start().await;
    let proxy = start_in_process(hostile_config(&upstream.url, None)).await;
    let given = get(proxy.addr, GROUPS, &["X-Request-Id: req-0123.abc:def_9"]).await;
    assert_eq!(given.header("x-request-id"), Some("req-0123.abc:def_9"));
    let hostile = get(proxy.addr, GROUPS, &["X-Request-Id: a b\"c"]).await;
    let made = hostile
        .header("x-request-id")
        .unwrap_or_default()
        .to_owned();
    assert_eq!(made.len(), 36, "a UUID: {made}");
    let none = get(proxy.addr, GROUPS, &[]).await;
    let refused = get(proxy.addr, "/papi/v1/x", &["X-Request-Id: refused-1"]).await;
    assert_eq!(refused.status, Some(403));
    assert_eq!(refused.header("x-request-id"), Some("refused-1"));
    let seen: Vec<String> = upstream
        .seen()
        .iter()
        .map(|s| {
            let ids: Vec<_> = s.headers.get_all("x-request-id").iter().collect();
            assert_eq!(ids.len(), 1);
            ids[0].to_str().unwrap_or_default().to_owned()
        })
        .collect();
    let returned = none.header("x-request-id").unwrap_or_default().to_owned();
    assert_eq!(
        seen,
        ["req-0123.abc:def_9", made.as_str(), returned.as_str()]
    );
    assert_ne!(made, returned);
    assert!(upstream.seen().iter().all(|s| s.verified_with == Some(0)));
}

#[tokio::test]
async fn metrics_after_known_traffic_are_exact() {
    let upstream = TestUpstream::start().await;
    let mut config = hostile_config(&upstream.url, None);
    config.timeout = Duration::from_secs(1);
    let proxy = start_in_process(config).await;
    let a = proxy.addr;
    for _ in 0..3 {
        assert_eq!(get(a, GROUPS, &[]).await.status, Some(200));
    }
    for id in ["F-CO-1", "F-CO-2"] {
        assert_eq!(
            get(a, &format!("{USERS}/{id}"), &[]).await.status,
            Some(200)
        );
    }
    let mut post = request(
        &format!("POST {GROUPS}/123 HTTP/1.1"),
        &a.to_string(),
        &[
            "Content-Type: application/json",
            "Content-Length: 2",
            "Connection: close",
        ],
    );
    post.extend_from_slice(b"{}");
    assert_eq!(
        exchange(a, &[Step::Send(post)], WAIT).await.status,
        Some(200)
    );
    for _ in 0..2 {
        assert_eq!(get(a, "/papi/v1/x", &[]).await.status, Some(403));
    }
    let patch = simple(&format!("PATCH {GROUPS} HTTP/1.1"), &a.to_string(), &[]);
    assert_eq!(exchange(a, &patch, WAIT).await.status, Some(405));
    let evil = get(a, GROUPS, &["Origin: https://evil.example"]).await;
    assert_eq!(evil.status, Some(403));
    // The upstream takes 1.5 s, the proxy waits 1 s: 504.
    let slow = get(a, &format!("{GROUPS}?sleep_ms=1500"), &[]).await;
    assert_eq!(slow.status, Some(504), "{}", slow.text());
    // A reload to an upstream that is gone: 502; and a reload that fails.
    let gone = unwrap(tokio::net::TcpListener::bind("127.0.0.1:0").await, "bind");
    let gone_url = format!("http://{}", unwrap(gone.local_addr(), "addr"));
    drop(gone);
    let mut moved = unwrap(Config::new(credentials()), "config");
    moved.upstream = unwrap(Upstream::loopback(&gone_url), "upstream");
    proxy.server.reload_from(Ok(moved));
    proxy
        .server
        .reload_from(Err("cannot read /nonexistent".to_owned()));
    assert_eq!(get(a, GROUPS, &[]).await.status, Some(502));

    let m = scrape(a).await;
    let requests = "iam_proxy_requests_total";
    let expected: [(&str, &str, &str, f64); 8] = [
        ("GET", "/user-admin/groups", "200", 3.0),
        (
            "GET",
            "/user-admin/ui-identities/{uiIdentityId}",
            "200",
            2.0,
        ),
        ("POST", "/user-admin/groups/{groupId}", "200", 1.0),
        ("GET", "unmatched", "403", 2.0),
        ("other", "unmatched", "405", 1.0),
        ("GET", "/user-admin/groups", "403", 1.0),
        ("GET", "/user-admin/groups", "504", 1.0),
        ("GET", "/user-admin/groups", "502", 1.0),
    ];
    for (method, route, status, n) in expected {
        let labels = [("method", method), ("route", route), ("status", status)];
        assert_eq!(value(&m, requests, &labels), n, "{labels:?}");
    }
    assert_eq!(series_of(&m, requests).len(), expected.len(), "{m:#?}");
    let refusals = "iam_proxy_refusals_total";
    for (reason, n) in [
        ("path-not-allowed", 2.0),
        ("method-not-allowed", 1.0),
        ("origin-not-allowed", 1.0),
        ("upstream-timeout", 1.0),
        ("upstream-unreachable", 1.0),
    ] {
        assert_eq!(value(&m, refusals, &[("reason", reason)]), n, "{reason}");
    }
    assert_eq!(series_of(&m, refusals).len(), 5);
    // Eight exchanges reached (or tried) the upstream: 6 answered, 1 timed out, 1 refused.
    let histogram = "iam_proxy_upstream_duration_seconds";
    assert_eq!(value(&m, &format!("{histogram}_count"), &[]), 8.0);
    assert_eq!(
        value(&m, &format!("{histogram}_bucket"), &[("le", "+Inf")]),
        8.0
    );
    // The timeout took at least 1 s, the others much less.
    assert_eq!(
        value(&m, &format!("{histogram}_bucket"), &[("le", "0.5")]),
        7.0
    );
    assert!(value(&m, &format!("{histogram}_sum"), &[]) >= 1.0);
    assert_eq!(value(&m, "iam_proxy_requests_in_flight", &[]), 0.0);
    assert_eq!(value(&m, "iam_proxy_credential_reloads_total", &[]), 1.0);
    assert_eq!(
        value(&m, "iam_proxy_credential_reload_failures_total", &[]),
        1.0
    );
    assert_eq!(upstream.count(), 7);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_distinct_ids_add_no_label_values() {
    let upstream = TestUpstream::start_with(vec![credentials()], Faults::default(), false).await;
    let proxy = start_in_process(hostile_config(&upstream.url, None)).await;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = unwrap(reqwest::Client::builder().no_proxy().build(), "client");
    let base = format!(
        "http://{}/identity-management/v3/user-admin/ui-identities",
        proxy.addr
    );
    let mut tasks = Vec::new();
    for worker in 0..16 {
        let (client, base) = (client.clone(), base.clone());
        tasks.push(tokio::spawn(async move {
            let mut statuses = Vec::new();
            for i in (worker..10_000).step_by(16) {
                let id = format!("U-{i:05}-{:08x}", i * 2_654_435_761_usize % (1 << 32));
                let request = match i % 4 {
                    0 => client.get(format!("{base}/{id}")),
                    1 => client.put(format!("{base}/{id}/basic-info")).body("{}"),
                    2 => client.get(format!("{base}/{id}/groups/{i}/blocked-properties")),
                    _ => client.delete(format!("{base}/{id}")),
                };
                let sent = request.send().await;
                statuses.push(sent.map(|r| r.status().as_u16()).unwrap_or(0));
            }
            statuses
        }));
    }
    let mut statuses = std::collections::BTreeSet::new();
    for task in tasks {
        statuses.extend(unwrap(task.await, "worker"));
    }
    assert_eq!(upstream.count(), 10_000);
    assert_eq!(statuses.into_iter().collect::<Vec<_>>(), [200]);
    let r = get(proxy.addr, "/metrics", &[]).await;
    let text = String::from_utf8_lossy(&r.body).into_owned();
    assert!(!text.contains("U-0"), "an id became a label");
    let m = samples(&text);
    let series = series_of(&m, "iam_proxy_requests_total");
    // 4 operations × 1 status: 4 series, far under 96 operations × 1 status.
    assert_eq!(series.len(), 4, "{series:#?}");
    assert!(series.len() <= iam_proxy::route::operation_count());
    let total: f64 = series.iter().map(|s| m[*s]).sum();
    assert_eq!(total, 10_000.0);
    // Every sample of the exposition: a fixed number, whatever the traffic.
    assert!(m.len() < 60, "{} samples", m.len());
}
