//! The binary as an operator runs it: health and metrics on `--admin-listen` (and not on the
//! proxy's port), `/readyz` not ready from the moment SIGTERM starts the drain until the process
//! exits, and `--log-format json` lines that each parse as one JSON object.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::{
    edgerc_text, exchange, simple, try_exchange, Binary, RawResponse, TempFile, TestUpstream,
    ACCESS, CLIENT, GROUPS, SECRET,
};

const WAIT: Duration = Duration::from_secs(10);

async fn get(addr: SocketAddr, target: &str, headers: &[&str]) -> RawResponse {
    let line = format!("GET {target} HTTP/1.1");
    exchange(addr, &simple(&line, &addr.to_string(), headers), WAIT).await
}

fn start(edgerc: &TempFile, upstream: &TestUpstream, extra: &[&str]) -> Binary {
    let path = edgerc.arg();
    let mut args = vec!["--edgerc", &path, "--listen", "127.0.0.1:0"];
    args.extend(["--upstream", &upstream.url]);
    args.extend_from_slice(extra);
    Binary::start(&args)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_is_503_from_sigterm_through_the_drain_and_never_ready_again() {
    let upstream = TestUpstream::start().await;
    let edgerc = TempFile::new("edgerc", &edgerc_text(CLIENT, SECRET, ACCESS));
    let mut proxy = start(&edgerc, &upstream, &["--admin-listen", "127.0.0.1:0"]);
    let Some(admin) = proxy.admin else {
        panic!("no admin line: {}", proxy.stdout_line);
    };
    assert_eq!(get(admin, "/healthz", &[]).await.status, Some(200));
    let ready = get(admin, "/readyz", &[]).await;
    assert_eq!(
        (ready.status, ready.body),
        (Some(200), br#"{"status":"ready"}"#.to_vec())
    );
    assert_eq!(get(admin, "/metrics", &[]).await.status, Some(200));
    assert_eq!(
        get(admin, GROUPS, &[]).await.status,
        Some(404),
        "the admin port forwards nothing"
    );
    // With an admin listener, the proxy's port does not answer them.
    let on_main = get(proxy.addr, "/healthz", &[]).await;
    assert_eq!(on_main.status, Some(403), "{}", on_main.text());

    let addr = proxy.addr;
    let in_flight =
        tokio::spawn(async move { get(addr, &format!("{GROUPS}?sleep_ms=2000"), &[]).await });
    common::eventually("the request upstream", WAIT, || upstream.count() == 1).await;
    proxy.signal("TERM");
    proxy.wait_for_line("shutting down", WAIT).await;
    // From now until the process is gone, every probe says draining.
    let mut during_drain = Vec::new();
    let readyz = simple("GET /readyz HTTP/1.1", &admin.to_string(), &[]);
    while let Some(probe) = try_exchange(admin, &readyz, WAIT).await {
        match probe.status {
            Some(status) => {
                assert_eq!(status, 503, "ready again: {}", probe.text());
                assert_eq!(probe.body, br#"{"status":"draining"}"#);
                during_drain.push(in_flight.is_finished());
            }
            None => break,
        }
        if proxy.child.try_wait().ok().flatten().is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        during_drain.iter().any(|finished| !finished),
        "no probe while the request was in flight: {during_drain:?}"
    );
    let answer = in_flight.await.unwrap_or_default();
    assert_eq!(answer.status, Some(200), "{}", answer.text());
    assert_eq!(proxy.wait_exit(WAIT).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_parse_line_by_line_with_the_request_fields() {
    let upstream = TestUpstream::start().await;
    let edgerc = TempFile::new("edgerc", &edgerc_text(CLIENT, SECRET, ACCESS));
    let mut proxy = start(
        &edgerc,
        &upstream,
        &["--log-format", "json", "--log-level", "debug"],
    );
    let users = "/identity-management/v3/user-admin/ui-identities/F-CO-42";
    assert_eq!(
        get(proxy.addr, users, &["X-Request-Id: trace-me-1"])
            .await
            .status,
        Some(200)
    );
    assert_eq!(get(proxy.addr, "/papi/v1/x", &[]).await.status, Some(403));
    proxy.signal("HUP");
    proxy
        .wait_for_line("reloaded the configuration", WAIT)
        .await;
    proxy.signal("TERM");
    assert_eq!(proxy.wait_exit(WAIT).await, Some(0));

    let lines = proxy.stderr();
    let events: Vec<serde_json::Value> = lines
        .iter()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .filter(serde_json::Value::is_object)
                .unwrap_or_else(|| panic!("not a JSON object: {line}"))
        })
        .collect();
    for event in &events {
        for key in ["timestamp", "level", "target", "message"] {
            assert!(event.get(key).is_some(), "{key} missing in {event}");
        }
    }
    let requests: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e["target"] == "iam_proxy::request" && e["level"] == "INFO")
        .collect();
    assert_eq!(requests.len(), 2, "{lines:#?}");
    let ok = requests[0];
    assert_eq!(ok["method"], "GET");
    assert_eq!(ok["route"], "/user-admin/ui-identities/{uiIdentityId}");
    assert_eq!(
        (ok["status"].as_u64(), ok["upstream_status"].as_u64()),
        (Some(200), Some(200))
    );
    assert_eq!(ok["request_id"], "trace-me-1");
    assert!(ok["duration_ms"].as_f64().is_some_and(|ms| ms > 0.0));
    assert!(ok.get("refused").is_none());
    let refused = requests[1];
    assert_eq!(
        (refused["route"].as_str(), refused["status"].as_u64()),
        (Some("unmatched"), Some(403))
    );
    assert_eq!(refused["refused"], "path-not-allowed");
    assert!(refused.get("upstream_status").is_none());
    assert!(refused["request_id"]
        .as_str()
        .is_some_and(|id| id.len() == 36));
    let detail = events.iter().find(|e| e["message"] == "request detail");
    assert!(detail.is_some_and(|d| d["request_id"] == "trace-me-1" && d["level"] == "DEBUG"));
    for message in ["reloaded the configuration", "stopped"] {
        assert!(events.iter().any(|e| e["message"] == message), "{message}");
    }
    let seen = upstream.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].headers["x-request-id"], "trace-me-1");
}
