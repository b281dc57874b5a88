//! End-to-end tests: a fake upstream that verifies every EdgeGrid signature, and the proxy
//! in-process in front of it.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use edgegrid::{Credentials, SignRequest, VerifyError};
use http_body_util::BodyExt;
use iam_proxy::{Config, OriginPattern, Upstream};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const SECRET: &str = "SECRET-do-not-log-0123456789abcdef=";
const ACCESS: &str = "akab-ACCESS-do-not-log-xxxxxxxxxx";
const GROUPS: &str = "/identity-management/v3/user-admin/groups";
const CANNED: &str = r#"{"groupId":12345,"groupName":"Top"}"#;

fn credentials(account_key: Option<&str>) -> Credentials {
    let mut c = Credentials::new(
        "akab-test000.luna.akamaiapis.net",
        "akab-client-token",
        SECRET,
        ACCESS,
    );
    c.account_key = account_key.map(str::to_owned);
    c
}

/// One request as the fake upstream saw it.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    target: String,
    headers: HeaderMap,
    body: Bytes,
    verified: Result<(), VerifyError>,
}

struct FakeUpstream {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl FakeUpstream {
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

struct UpstreamState {
    credentials: Credentials,
    seen: Arc<Mutex<Vec<Seen>>>,
}

async fn upstream_handler(State(state): State<Arc<UpstreamState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let target = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_default();
    let authorization = parts
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let verified = edgegrid::verify(
        &state.credentials,
        &SignRequest {
            method: parts.method.as_str(),
            path_and_query: &target,
            headers: &[],
            body: &body,
        },
        authorization,
        now,
        60,
    );
    if let Ok(mut seen) = state.seen.lock() {
        seen.push(Seen {
            method: parts.method.to_string(),
            target: target.clone(),
            headers: parts.headers.clone(),
            body,
            verified,
        });
    }
    if target.ends_with("/slow") {
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    (
        StatusCode::OK,
        [
            ("content-type", "application/json"),
            ("set-cookie", "session=abc; HttpOnly"),
            ("x-trace-id", "trace-1"),
            ("retry-after", "7"),
            ("x-internal-note", "do-not-relay"),
        ],
        CANNED,
    )
        .into_response()
}

async fn start_upstream() -> FakeUpstream {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let state = Arc::new(UpstreamState {
        credentials: credentials(None),
        seen: seen.clone(),
    });
    let app = axum::Router::new()
        .fallback(upstream_handler)
        .with_state(state);
    let listener = bind().await;
    let url = format!(
        "http://{}",
        listener.local_addr().unwrap_or_else(|e| panic!("{e}"))
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    FakeUpstream { url, seen }
}

async fn bind() -> TcpListener {
    TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("bind: {e}"))
}

struct Proxy {
    url: String,
    addr: std::net::SocketAddr,
}

fn config(upstream_url: &str, account_key: Option<&str>) -> Config {
    let mut config = Config::new(credentials(account_key)).unwrap_or_else(|e| panic!("{e}"));
    config.upstream = Upstream::loopback(upstream_url).unwrap_or_else(|e| panic!("{e}"));
    config.allowed_origins = ["http://127.0.0.1:*", "https://app.example.com"]
        .into_iter()
        .map(|o| OriginPattern::parse(o).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    config
}

async fn start_proxy(config: Config) -> Proxy {
    let listener = bind().await;
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    tokio::spawn(iam_proxy::serve(listener, config));
    Proxy {
        url: format!("http://{addr}"),
        addr,
    }
}

/// Upstream plus a proxy in front of it.
async fn setup(account_key: Option<&str>) -> (FakeUpstream, Proxy) {
    let upstream = start_upstream().await;
    let proxy = start_proxy(config(&upstream.url, account_key)).await;
    (upstream, proxy)
}

fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn send(request: reqwest::RequestBuilder) -> (StatusCode, HeaderMap, String) {
    let response = request.send().await.unwrap_or_else(|e| panic!("{e}"));
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.text().await.unwrap_or_default();
    (status, headers, body)
}

/// Sends bytes as they are (URL libraries would normalise `..` away) and returns the status line
/// and the rest of the response.
async fn raw(proxy: &Proxy, request_line: &str) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(proxy.addr)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let request = format!(
        "{request_line}\r\nHost: {}\r\nConnection: close\r\n\r\n",
        proxy.addr
    );
    stream
        .write_all(request.as_bytes())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response).await;
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response)
}

fn problem(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

fn assert_problem(status: StatusCode, headers: &HeaderMap, body: &str, want: u16, kind: &str) {
    assert_eq!(status.as_u16(), want, "{body}");
    assert_eq!(
        headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/problem+json")
    );
    let doc = problem(body);
    assert_eq!(
        doc["type"],
        format!("urn:iam-proxy:problem:{kind}"),
        "{body}"
    );
    assert_eq!(doc["status"], want);
    assert!(
        doc["title"].is_string() && doc["detail"].is_string(),
        "{body}"
    );
    assert!(
        doc["instance"]
            .as_str()
            .is_some_and(|i| i.starts_with("urn:uuid:")),
        "{body}"
    );
}

#[tokio::test]
async fn get_is_signed_forwarded_and_relayed_200() {
    let (upstream, proxy) = setup(None).await;
    let url = format!("{}{GROUPS}?actions=true", proxy.url);
    let (status, headers, body) =
        send(client().get(url).header("accept", "application/json")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, CANNED);
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["x-trace-id"], "trace-1");
    assert_eq!(headers["retry-after"], "7");
    assert!(headers.get("x-internal-note").is_none());
    let seen = upstream.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].target, format!("{GROUPS}?actions=true"));
    assert_eq!(seen[0].verified, Ok(()));
    assert_eq!(seen[0].headers["accept"], "application/json");
}

#[tokio::test]
async fn post_body_is_forwarded_and_hashed() {
    let (upstream, proxy) = setup(None).await;
    let body = r#"{"groupName":"New group"}"#;
    let (status, _, _) = send(
        client()
            .post(format!("{}{GROUPS}/12345", proxy.url))
            .header("content-type", "application/json")
            .body(body),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let seen = upstream.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].body, body.as_bytes());
    assert_eq!(seen[0].headers["content-type"], "application/json");
    // The signature covers the content hash: a wrong hash fails verification.
    assert_eq!(seen[0].verified, Ok(()));
}

#[tokio::test]
async fn put_and_delete_are_forwarded_and_signed() {
    let (upstream, proxy) = setup(None).await;
    let url = format!("{}{GROUPS}/1", proxy.url);
    let (put, _, _) = send(client().put(&url).body("{}")).await;
    let (delete, _, _) = send(client().delete(&url)).await;
    assert_eq!((put, delete), (StatusCode::OK, StatusCode::OK));
    let seen = upstream.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|s| s.verified.is_ok()), "{seen:?}");
}

#[tokio::test]
async fn account_switch_key_is_added_when_configured() {
    let (upstream, proxy) = setup(Some("1-ABC:DEF")).await;
    send(client().get(format!("{}{GROUPS}?actions=true", proxy.url))).await;
    send(client().get(format!("{}{GROUPS}", proxy.url))).await;
    let seen = upstream.seen();
    assert_eq!(
        seen[0].target,
        format!("{GROUPS}?actions=true&accountSwitchKey=1-ABC%3ADEF")
    );
    assert_eq!(
        seen[1].target,
        format!("{GROUPS}?accountSwitchKey=1-ABC%3ADEF")
    );
    assert!(seen.iter().all(|s| s.verified.is_ok()), "{seen:?}");
}

#[tokio::test]
async fn account_switch_key_is_not_duplicated_when_present() {
    let (upstream, proxy) = setup(Some("1-ABC")).await;
    send(client().get(format!("{}{GROUPS}?accountSwitchKey=OTHER", proxy.url))).await;
    let seen = upstream.seen();
    assert_eq!(seen[0].target, format!("{GROUPS}?accountSwitchKey=OTHER"));
    assert_eq!(seen[0].verified, Ok(()));
}

#[tokio::test]
async fn path_outside_api_is_403_problem_and_not_forwarded() {
    let (upstream, proxy) = setup(None).await;
    for path in ["/", "/identity-management/v2/users", "/papi/v1/groups"] {
        let (status, headers, body) = send(client().get(format!("{}{path}", proxy.url))).await;
        assert_problem(status, &headers, &body, 403, "path-not-allowed");
    }
    assert!(upstream.seen().is_empty());
}

#[tokio::test]
async fn dot_dot_traversal_is_403_and_not_forwarded() {
    let (upstream, proxy) = setup(None).await;
    for target in [
        "/identity-management/v3/../../papi/v1/groups",
        "/identity-management/v3/./user-admin",
        "/identity-management/v3/..;/x",
        "/identity-management/v3/a\\..\\..\\x",
    ] {
        let (status, response) = raw(&proxy, &format!("GET {target} HTTP/1.1")).await;
        // hyper itself may reject a backslash with 400 before the proxy sees it.
        assert!(status == 403 || status == 400, "{target}: {response}");
        if status == 403 {
            assert!(
                response.contains("urn:iam-proxy:problem:path-traversal"),
                "{response}"
            );
        }
    }
    assert!(upstream.seen().is_empty());
}

#[tokio::test]
async fn encoded_traversal_is_403_and_not_forwarded() {
    let (upstream, proxy) = setup(None).await;
    for target in [
        "/identity-management/v3/%2e%2e/%2e%2e/papi/v1/groups",
        "/identity-management/v3/%2E%2E/x",
        "/identity-management/v3/a%2fb",
        "/identity-management/v3/a%2F..%2Fb",
        "/identity-management/v3/a%5cb",
        "/identity-management/v3/%252e%252e/x",
    ] {
        let (status, response) = raw(&proxy, &format!("GET {target} HTTP/1.1")).await;
        assert_eq!(status, 403, "{target}: {response}");
        assert!(
            response.contains("urn:iam-proxy:problem:path-traversal"),
            "{response}"
        );
        assert!(response.contains("application/problem+json"), "{response}");
    }
    assert!(upstream.seen().is_empty());
}

#[tokio::test]
async fn absolute_and_authority_form_targets_are_refused() {
    let (upstream, proxy) = setup(None).await;
    let (status, response) = raw(
        &proxy,
        "GET http://evil.example/identity-management/v3/user-admin/groups HTTP/1.1",
    )
    .await;
    assert_eq!(status, 403, "{response}");
    assert!(response.contains("urn:iam-proxy:problem:target-form-not-allowed"));
    let (status, response) = raw(&proxy, "CONNECT evil.example:443 HTTP/1.1").await;
    assert!(status == 405 || status == 403, "{response}");
    assert!(upstream.seen().is_empty());
}

#[tokio::test]
async fn patch_trace_and_head_are_405() {
    let (upstream, proxy) = setup(None).await;
    let url = format!("{}{GROUPS}", proxy.url);
    for method in ["PATCH", "TRACE", "HEAD"] {
        let method =
            reqwest::Method::from_bytes(method.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let (status, headers, body) = send(client().request(method.clone(), &url)).await;
        if method == reqwest::Method::HEAD {
            assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
            continue;
        }
        assert_problem(status, &headers, &body, 405, "method-not-allowed");
        assert!(headers["allow"].to_str().is_ok_and(|a| a.contains("GET")));
    }
    assert!(upstream.seen().is_empty());
}

#[tokio::test]
async fn upstream_down_is_502_problem() {
    let closed = bind().await;
    let url = format!(
        "http://{}",
        closed.local_addr().unwrap_or_else(|e| panic!("{e}"))
    );
    drop(closed);
    let proxy = start_proxy(config(&url, None)).await;
    let (status, headers, body) = send(client().get(format!("{}{GROUPS}", proxy.url))).await;
    assert_problem(status, &headers, &body, 502, "upstream-unreachable");
}

#[tokio::test]
async fn upstream_timeout_is_504_problem() {
    let upstream = start_upstream().await;
    let mut config = config(&upstream.url, None);
    config.timeout = Duration::from_millis(500);
    let proxy = start_proxy(config).await;
    let url = format!("{}/identity-management/v3/slow", proxy.url);
    let (status, headers, body) = send(client().get(url)).await;
    assert_problem(status, &headers, &body, 504, "upstream-timeout");
}

#[tokio::test]
async fn body_over_limit_is_413_and_not_forwarded() {
    let upstream = start_upstream().await;
    let mut config = config(&upstream.url, None);
    config.max_body_bytes = 16;
    let proxy = start_proxy(config).await;
    let url = format!("{}{GROUPS}", proxy.url);
    let (status, headers, body) = send(client().post(&url).body(vec![b'x'; 17])).await;
    assert_problem(status, &headers, &body, 413, "body-too-large");
    let (status, _, _) = send(client().post(&url).body(vec![b'x'; 16])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(upstream.seen().len(), 1);
}

#[tokio::test]
async fn preflight_from_allowed_origin_is_204_with_cors_headers() {
    let (upstream, proxy) = setup(None).await;
    for origin in ["http://127.0.0.1:43123", "https://app.example.com"] {
        let (status, headers, _) = send(
            client()
                .request(reqwest::Method::OPTIONS, format!("{}{GROUPS}", proxy.url))
                .header("origin", origin)
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "content-type"),
        )
        .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(headers["access-control-allow-origin"], origin);
        assert_eq!(headers["vary"], "Origin");
        let methods = headers["access-control-allow-methods"]
            .to_str()
            .unwrap_or_default();
        assert!(["GET", "POST", "PUT", "DELETE"]
            .iter()
            .all(|m| methods.contains(m)));
        let allowed = headers["access-control-allow-headers"]
            .to_str()
            .unwrap_or_default();
        assert!(allowed.contains("content-type"));
        assert!(headers.contains_key("access-control-max-age"));
        assert!(!headers.contains_key("access-control-allow-credentials"));
    }
    assert!(upstream.seen().is_empty());
}

#[tokio::test]
async fn preflight_and_requests_from_other_origins_are_403() {
    let (upstream, proxy) = setup(None).await;
    let url = format!("{}{GROUPS}", proxy.url);
    for origin in ["https://evil.example", "http://localhost:43123", "null"] {
        let (status, headers, body) = send(
            client()
                .request(reqwest::Method::OPTIONS, &url)
                .header("origin", origin)
                .header("access-control-request-method", "GET"),
        )
        .await;
        assert_problem(status, &headers, &body, 403, "origin-not-allowed");
        assert!(!headers.contains_key("access-control-allow-origin"));
        let (status, headers, body) =
            send(client().post(&url).header("origin", origin).body("{}")).await;
        assert_problem(status, &headers, &body, 403, "origin-not-allowed");
    }
    assert!(upstream.seen().is_empty());
}

#[tokio::test]
async fn responses_to_allowed_origins_carry_cors_headers() {
    let (_upstream, proxy) = setup(None).await;
    let origin = "http://127.0.0.1:5173";
    let (status, headers, _) = send(
        client()
            .get(format!("{}{GROUPS}", proxy.url))
            .header("origin", origin),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["access-control-allow-origin"], origin);
    let exposed = headers["access-control-expose-headers"]
        .to_str()
        .unwrap_or_default();
    assert!(exposed.contains("Retry-After"), "{exposed}");
    // Refusals too, so the page can read the problem document.
    let (status, headers, _) = send(
        client()
            .get(format!("{}/papi/v1/groups", proxy.url))
            .header("origin", origin),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(headers["access-control-allow-origin"], origin);
    // No Origin (Node, curl): served, no CORS headers.
    let (status, headers, _) = send(client().get(format!("{}{GROUPS}", proxy.url))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!headers.contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn set_cookie_from_upstream_is_dropped() {
    let (_upstream, proxy) = setup(None).await;
    let (status, headers, _) = send(client().get(format!("{}{GROUPS}", proxy.url))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!headers.contains_key("set-cookie"), "{headers:?}");
}

#[tokio::test]
async fn incoming_authorization_cookie_and_forwarding_headers_are_not_forwarded() {
    let (upstream, proxy) = setup(None).await;
    send(
        client()
            .get(format!("{}{GROUPS}", proxy.url))
            .header("authorization", "Bearer browser-token")
            .header("cookie", "session=browser")
            .header("x-forwarded-for", "10.0.0.1")
            .header("x-custom", "1"),
    )
    .await;
    let seen = upstream.seen();
    assert_eq!(seen.len(), 1);
    let headers = &seen[0].headers;
    let auth: Vec<_> = headers.get_all("authorization").iter().collect();
    assert_eq!(auth.len(), 1);
    assert!(auth[0]
        .to_str()
        .is_ok_and(|a| a.starts_with("EG1-HMAC-SHA256 ")));
    for dropped in ["cookie", "x-forwarded-for", "x-custom", "origin"] {
        assert!(!headers.contains_key(dropped), "{dropped} was forwarded");
    }
    assert_eq!(seen[0].verified, Ok(()));
}

#[tokio::test]
async fn dns_rebinding_host_is_403() {
    let (upstream, proxy) = setup(None).await;
    let (status, headers, body) = send(
        client()
            .get(format!("{}{GROUPS}", proxy.url))
            .header("host", "evil.example:8600"),
    )
    .await;
    assert_problem(status, &headers, &body, 403, "host-not-allowed");
    assert!(upstream.seen().is_empty());
}

#[tokio::test]
async fn log_has_one_event_per_request_and_no_secret_or_query() {
    let (_guard, captured) = common::capture_logs(false);
    let (_upstream, proxy) = setup(Some("1-SWITCHKEY")).await;
    send(client().get(format!("{}{GROUPS}?search=needle", proxy.url))).await;
    send(client().get(format!("{}/papi/v1/x", proxy.url))).await;
    let logs: Vec<String> = captured
        .lines()
        .into_iter()
        .filter(|l| l.contains(" INFO iam_proxy::request"))
        .collect();
    assert_eq!(logs.len(), 2, "{logs:?}");
    for part in [
        " INFO iam_proxy::request: request method=GET route=/user-admin/groups status=200",
        " upstream_status=200 duration_ms=",
    ] {
        assert!(logs[0].contains(part), "{part} missing in {logs:?}");
    }
    assert!(
        logs[1].contains("route=unmatched status=403")
            && logs[1].contains("refused=path-not-allowed"),
        "{logs:?}"
    );
    for line in &logs {
        for secret in [
            SECRET,
            ACCESS,
            "EG1-HMAC",
            "needle",
            "SWITCHKEY",
            "signature=",
        ] {
            assert!(!line.contains(secret), "{secret} in {line}");
        }
    }
}
