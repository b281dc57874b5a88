//! The hostile request table: each case is raw bytes (and pauses) plus the refusal the README's
//! table documents for it. `tests/hostile.rs` asserts each one; `tests/secrets.rs` replays them
//! all and looks for leaked secrets.

use std::net::SocketAddr;
use std::time::Duration;

use super::{exchange, request, simple, RawResponse, Step, TestUpstream, GROUPS, TOKEN};

/// What the proxy must answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A problem+json response from the proxy: status and problem kind
    /// (`urn:iam-proxy:problem:<kind>`).
    Problem(u16, &'static str),
    /// hyper refuses before the proxy sees the request: this bare status with no body, then the
    /// connection is closed (a client that is still sending may see a reset instead).
    Hyper(u16),
    /// A problem response to HEAD: the status, type and headers of a problem, no body.
    HeadersOnly(u16, &'static str),
    /// The connection is closed without any response.
    Closed,
}

/// One hostile request.
#[derive(Clone, Debug)]
pub struct Case {
    pub name: &'static str,
    pub steps: Vec<Step>,
    /// Sent to the proxy that requires the bearer token.
    pub token: bool,
    pub expect: Expect,
}

/// Checks one answer against the expectation; returns what is wrong, if anything.
pub fn check(case: &Case, r: &RawResponse) -> Option<String> {
    let wrong = |why: String| Some(format!("{}: {why}; got {:?}", case.name, clip(&r.text())));
    match case.expect {
        Expect::Problem(status, kind) => {
            if r.status != Some(status) {
                return wrong(format!("expected status {status}"));
            }
            if r.header("content-type") != Some("application/problem+json") {
                return wrong("expected application/problem+json".into());
            }
            let doc: serde_json::Value = match serde_json::from_slice(&r.body) {
                Ok(doc) => doc,
                Err(e) => return wrong(format!("body is not JSON: {e}")),
            };
            let want = format!("urn:iam-proxy:problem:{kind}");
            if doc["type"] != want.as_str() || doc["status"] != status {
                return wrong(format!("expected type {want}"));
            }
            if status == 401 && r.header("www-authenticate") != Some("Bearer realm=\"iam-proxy\"") {
                return wrong("401 without WWW-Authenticate: Bearer".into());
            }
            None
        }
        Expect::HeadersOnly(status, _) => {
            if r.status != Some(status)
                || r.header("content-type") != Some("application/problem+json")
                || !r.body.is_empty()
            {
                return wrong(format!("expected a bodiless problem {status}"));
            }
            None
        }
        Expect::Hyper(status) => {
            // A client still writing when hyper closes may read a reset instead of the answer.
            let answered = r.status == Some(status) && r.body.is_empty();
            let reset_before_answer = r.status.is_none() && r.reset;
            if !(answered || reset_before_answer) {
                return wrong(format!("expected a bare {status} from hyper"));
            }
            None
        }
        Expect::Closed => {
            if !r.bytes.is_empty() {
                return wrong("expected the connection to close without an answer".into());
            }
            None
        }
    }
}

fn clip(text: &str) -> String {
    text.chars().take(400).collect()
}

/// Runs every case against `plain` (no token) or `protected` (token) and returns the failures.
pub async fn run_all(
    plain: SocketAddr,
    protected: SocketAddr,
    upstream: &TestUpstream,
) -> (Vec<String>, Vec<(String, RawResponse)>) {
    let mut failures = Vec::new();
    let mut answers = Vec::new();
    for proxy in [plain, protected] {
        let host = proxy.to_string();
        let mine: Vec<Case> = all(&host)
            .into_iter()
            .filter(|c| c.token == (proxy == protected))
            .collect();
        for case in mine {
            let before = upstream.count();
            let response = exchange(proxy, &case.steps, Duration::from_secs(5)).await;
            if let Some(why) = check(&case, &response) {
                failures.push(why);
            }
            let after = upstream.count();
            if after != before {
                failures.push(format!(
                    "{}: the upstream received {} request(s)",
                    case.name,
                    after - before
                ));
            }
            answers.push((case.name.to_owned(), response));
        }
    }
    (failures, answers)
}

fn case(name: &'static str, steps: Vec<Step>, expect: Expect) -> Case {
    Case {
        name,
        steps,
        token: false,
        expect,
    }
}

fn with_token(name: &'static str, steps: Vec<Step>, expect: Expect) -> Case {
    Case {
        name,
        steps,
        token: true,
        expect,
    }
}

fn get(target: &str, host: &str) -> Vec<Step> {
    simple(&format!("GET {target} HTTP/1.1"), host, &[])
}

fn bytes(b: &[u8]) -> Vec<Step> {
    vec![Step::Send(b.to_vec())]
}

/// Every hostile case, for a proxy reachable as `host` (`127.0.0.1:PORT`).
pub fn all(host: &str) -> Vec<Case> {
    use Expect::{Closed, Hyper, Problem};
    let h = host;
    let traversal = Problem(403, "path-traversal");
    let outside = Problem(403, "path-not-allowed");
    let form = Problem(403, "target-form-not-allowed");
    let malformed = Problem(400, "malformed-target");
    let method = Problem(405, "method-not-allowed");
    let bad_host = Problem(403, "host-not-allowed");
    let steering = Problem(400, "header-not-allowed");
    let origin = Problem(403, "origin-not-allowed");
    let unauthorized = Problem(401, "unauthorized");
    let too_large = Problem(431, "headers-too-large");
    let mib = 1024 * 1024;

    let many_headers: Vec<String> = (0..100).map(|i| format!("X-Filler-{i}: {i}")).collect();
    let many_headers: Vec<&str> = many_headers.iter().map(String::as_str).collect();
    let huge_count: Vec<String> = (0..300).map(|i| format!("X-Filler-{i}: {i}")).collect();
    let huge_count: Vec<&str> = huge_count.iter().map(String::as_str).collect();
    let big_value = format!("X-Big: {}", "a".repeat(20 * 1024));
    let huge_value = format!("X-Huge: {}", "a".repeat(100 * 1024));
    let long_target = format!("{GROUPS}?q={}", "a".repeat(9 * 1024));
    let huge_target = format!("{GROUPS}?q={}", "a".repeat(70 * 1024));

    let mut chunked_over = request(
        &format!("POST {GROUPS} HTTP/1.1"),
        h,
        &["Transfer-Encoding: chunked", "Connection: close"],
    );
    let chunk = vec![b'x'; 64 * 1024];
    for _ in 0..17 {
        chunked_over.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        chunked_over.extend_from_slice(&chunk);
        chunked_over.extend_from_slice(b"\r\n");
    }
    chunked_over.extend_from_slice(b"0\r\n\r\n");

    let mut non_utf8 = format!("GET {GROUPS}/").into_bytes();
    non_utf8.extend_from_slice(&[0xff, 0xfe, 0xc3]);
    non_utf8.extend_from_slice(
        format!(" HTTP/1.1\r\nHost: {h}\r\nConnection: close\r\n\r\n").as_bytes(),
    );

    let mut non_utf8_origin =
        format!("GET {GROUPS} HTTP/1.1\r\nHost: {h}\r\nConnection: close\r\nOrigin: http://")
            .into_bytes();
    non_utf8_origin.extend_from_slice(&[0xff, 0xfe]);
    non_utf8_origin.extend_from_slice(b"\r\n\r\n");

    vec![
        // --- traversal and paths ---
        case("dot_dot_segments", get("/identity-management/v3/../../papi/v1/groups", h), traversal),
        case("dot_segment", get("/identity-management/v3/./user-admin/groups", h), traversal),
        case("dot_dot_with_matrix_param", get("/identity-management/v3/..;/papi/v1", h), traversal),
        case("trailing_dot_dot", get("/identity-management/v3/user-admin/..", h), traversal),
        case("encoded_dot_dot_lower", get("/identity-management/v3/%2e%2e/%2e%2e/papi/v1/groups", h), traversal),
        case("encoded_dot_dot_upper", get("/identity-management/v3/%2E%2E/papi", h), traversal),
        case("encoded_dot_dot_mixed_case", get("/identity-management/v3/%2e%2E/papi", h), traversal),
        case("half_encoded_dot_dot", get("/identity-management/v3/.%2e/papi", h), traversal),
        case("double_encoded_dot_dot", get("/identity-management/v3/%252e%252e/papi", h), traversal),
        case("double_encoded_mixed_case", get("/identity-management/v3/%252E%252e/papi", h), traversal),
        case("encoded_percent_then_hex", get("/identity-management/v3/%25%32%65%25%32%65/papi", h), traversal),
        case("encoded_slash", get("/identity-management/v3/a%2f..%2fb", h), traversal),
        case("encoded_backslash", get("/identity-management/v3/a%5C..%5Cb", h), traversal),
        case("raw_backslash", get("/identity-management/v3/a\\..\\..\\papi", h), traversal),
        case("outside_prefix", get("/papi/v1/groups", h), outside),
        case("other_api_version", get("/identity-management/v2/users", h), outside),
        case("prefix_without_slash", get("/identity-management/v3", h), outside),
        case("prefix_lookalike", get("/identity-management/v3x/groups", h), outside),
        case("leading_double_slash", get("//identity-management/v3/user-admin", h), outside),
        case("empty_segment", get("/identity-management/v3//user-admin", h), outside),
        case("encoded_nul", get("/identity-management/v3/a%00b", h), malformed),
        case("encoded_crlf_in_path", get("/identity-management/v3/a%0d%0aSet-Cookie:x", h), malformed),
        case("non_ascii_percent_free_bytes", bytes(&non_utf8), Hyper(400)),
        case("uri_9k", get(&long_target, h), Problem(414, "uri-too-long")),
        case("uri_70k", get(&huge_target, h), Hyper(431)),
        // --- target forms and methods ---
        case("absolute_form_other_host", get(&format!("http://evil.example{GROUPS}"), h), form),
        case("absolute_form_api_host", get(&format!("https://akab-test000.luna.akamaiapis.net{GROUPS}"), h), form),
        case("absolute_form_proxy_itself", get(&format!("http://{h}{GROUPS}"), h), form),
        case("authority_form_get", get("evil.example:443", h), form),
        case("asterisk_form_get", get("*", h), form),
        case("connect", simple("CONNECT evil.example:443 HTTP/1.1", h, &[]), method),
        case("connect_to_api_host", simple("CONNECT akab-test000.luna.akamaiapis.net:443 HTTP/1.1", h, &[]), method),
        case("patch", simple(&format!("PATCH {GROUPS} HTTP/1.1"), h, &["Content-Length: 0"]), method),
        case("trace", simple(&format!("TRACE {GROUPS} HTTP/1.1"), h, &[]), method),
        case("head", simple(&format!("HEAD {GROUPS} HTTP/1.1"), h, &[]), Expect::HeadersOnly(405, "method-not-allowed")),
        case("unknown_method", simple(&format!("FOO {GROUPS} HTTP/1.1"), h, &[]), method),
        case("lowercase_get", simple(&format!("get {GROUPS} HTTP/1.1"), h, &[]), method),
        case("method_override_header", simple(&format!("POST {GROUPS} HTTP/1.1"), h, &["X-HTTP-Method-Override: DELETE", "Content-Length: 0"]), steering),
        // --- Host and steering headers ---
        case("host_spoofed", get(GROUPS, "evil.example"), bad_host),
        case("host_is_api_host", get(GROUPS, "akab-test000.luna.akamaiapis.net"), bad_host),
        case("host_rebinding_lookalike", get(GROUPS, "127.0.0.1.nip.io"), bad_host),
        case("host_missing", bytes(format!("GET {GROUPS} HTTP/1.1\r\nConnection: close\r\n\r\n").as_bytes()), bad_host),
        case("host_twice", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &["Host: evil.example"]), bad_host),
        case("x_forwarded_host", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &["X-Forwarded-Host: evil.example"]), steering),
        case("x_forwarded_proto", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &["X-Forwarded-Proto: http"]), steering),
        case("forwarded", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &["Forwarded: host=evil.example;proto=http"]), steering),
        case("x_original_url", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &["X-Original-URL: /papi/v1/groups"]), steering),
        case("x_rewrite_url", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &["X-Rewrite-URL: /papi/v1/groups"]), steering),
        // --- header injection and smuggling ---
        case("cr_in_header_value", bytes(format!("GET {GROUPS} HTTP/1.1\r\nHost: {h}\r\nX-A: a\rX-Injected: b\r\nConnection: close\r\n\r\n").as_bytes()), Hyper(400)),
        case("crlf_injects_second_host", bytes(format!("GET {GROUPS} HTTP/1.1\r\nHost: {h}\r\nX-A: a\r\nHost: evil.example\r\nConnection: close\r\n\r\n").as_bytes()), bad_host),
        case("crlf_in_request_target", bytes(format!("GET {GROUPS}\r\nX-Injected: 1 HTTP/1.1\r\nHost: {h}\r\nConnection: close\r\n\r\n").as_bytes()), Hyper(400)),
        case("space_in_request_target", bytes(format!("GET {GROUPS}/a b HTTP/1.1\r\nHost: {h}\r\nConnection: close\r\n\r\n").as_bytes()), Hyper(400)),
        case("nul_in_header_value", bytes(format!("GET {GROUPS} HTTP/1.1\r\nHost: {h}\r\nX-A: a\0b\r\nConnection: close\r\n\r\n").as_bytes()), Hyper(400)),
        case("obs_fold_header", bytes(format!("GET {GROUPS} HTTP/1.1\r\nHost: {h}\r\nX-A: a\r\n b\r\nConnection: close\r\n\r\n").as_bytes()), Hyper(400)),
        case("transfer_encoding_not_chunked", bytes(format!("POST {GROUPS} HTTP/1.1\r\nHost: {h}\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\nabcd").as_bytes()), Hyper(400)),
        case("two_different_content_lengths", bytes(format!("POST {GROUPS} HTTP/1.1\r\nHost: {h}\r\nContent-Length: 2\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd").as_bytes()), Hyper(400)),
        // --- sizes and time ---
        case("body_declared_over_limit", simple(&format!("POST {GROUPS} HTTP/1.1"), h, &[&format!("Content-Length: {}", 2 * mib)]), Problem(413, "body-too-large")),
        case("chunked_body_over_limit", bytes(&chunked_over), Problem(413, "body-too-large")),
        case("header_value_20k", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &[&big_value]), too_large),
        case("headers_100", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &many_headers), too_large),
        case("header_value_100k", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &[&huge_value]), Hyper(431)),
        case("headers_300", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &huge_count), Hyper(431)),
        case(
            "slow_loris_body",
            vec![
                Step::Send(request(&format!("POST {GROUPS} HTTP/1.1"), h, &["Content-Length: 100", "Content-Type: application/json"])),
                Step::Send(b"{\"a\":".to_vec()),
                Step::Pause(Duration::from_millis(600)),
                Step::Send(b"1".to_vec()),
                Step::Pause(Duration::from_millis(1200)),
            ],
            Problem(408, "body-timeout"),
        ),
        case(
            "slow_loris_headers",
            vec![
                Step::Send(format!("GET {GROUPS} HTTP/1.1\r\nHost: {h}\r\n").into_bytes()),
                Step::Pause(Duration::from_millis(600)),
                Step::Send(b"X-Slow: 1\r\n".to_vec()),
                Step::Pause(Duration::from_millis(1200)),
                Step::Send(b"X-Slow: 2\r\n\r\n".to_vec()),
            ],
            Closed,
        ),
        case(
            "idle_connection",
            vec![Step::Pause(Duration::from_millis(1600))],
            Closed,
        ),
        // --- origins ---
        case("other_origin", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &["Origin: https://evil.example"]), origin),
        case("origin_null", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &["Origin: null"]), origin),
        case("origin_suffix_lookalike", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &["Origin: https://app.example.com.evil.example"]), origin),
        case("origin_loopback_lookalike", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &["Origin: http://127.0.0.1.evil.example:80"]), origin),
        case("origin_twice", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &["Origin: https://app.example.com", "Origin: https://evil.example"]), origin),
        case("origin_non_utf8", bytes(&non_utf8_origin), origin),
        case("preflight_other_origin", simple(&format!("OPTIONS {GROUPS} HTTP/1.1"), h, &["Origin: https://evil.example", "Access-Control-Request-Method: DELETE"]), origin),
        case("post_other_origin_text_plain", simple(&format!("POST {GROUPS} HTTP/1.1"), h, &["Origin: https://evil.example", "Content-Type: text/plain", "Content-Length: 2"]), origin),
        // --- bearer token (proxy started with a token) ---
        with_token("token_missing", get(GROUPS, h), unauthorized),
        with_token("token_wrong", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &["Authorization: Bearer tok-wrong"]), unauthorized),
        with_token("token_prefix_only", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &[&format!("Authorization: Bearer {}", &TOKEN[..TOKEN.len() - 1])]), unauthorized),
        with_token("token_with_suffix", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &[&format!("Authorization: Bearer {TOKEN}x")]), unauthorized),
        with_token("token_in_query", get(&format!("{GROUPS}?access_token={TOKEN}"), h), unauthorized),
        with_token("token_as_basic_auth", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &[&format!("Authorization: Basic {TOKEN}")]), unauthorized),
        with_token("token_without_scheme", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &[&format!("Authorization: {TOKEN}")]), unauthorized),
        with_token("token_in_cookie", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &[&format!("Cookie: token={TOKEN}")]), unauthorized),
        with_token("token_twice_one_wrong", simple(&format!("GET {GROUPS} HTTP/1.1"), h, &[&format!("Authorization: Bearer {TOKEN}"), "Authorization: Bearer tok-wrong"]), unauthorized),
        with_token("token_right_but_path_outside", simple("GET /papi/v1/groups HTTP/1.1", h, &[&format!("Authorization: Bearer {TOKEN}")]), outside),
    ]
}
