//! No secret ever leaves the proxy: the proxy runs at debug (in-process: trace) log level with
//! distinctive credentials and a bearer token, in-process (events captured) and as the real binary
//! (stderr and stdout captured, text at `--log-level debug` and JSON at `RUST_LOG=trace`), through
//! every hostile case and normal traffic (including upstream failures), and none of the client
//! secret, the access token, the bearer token, any derived signing key or any signature it sent
//! shows up in a log line, response header or response body.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::cases::run_all;
use common::{
    capture_logs, credentials, edgerc_text, exchange, hostile_config, request, signing_keys,
    simple, start_in_process, unix_now, Binary, Faults, RawResponse, Step, TempFile, TestUpstream,
    ACCESS, CLIENT, GROUPS, SECRET, TOKEN,
};

/// Upstream failures too: 1 in 10 answers 503, 1 in 10 is reset, 1 in 10 hangs past the
/// proxy's 2 s timeout.
async fn faulty_upstream() -> TestUpstream {
    let faults = Faults {
        error_503: 10,
        reset: 10,
        hang: 10,
        hang_for: Duration::from_secs(3),
    };
    TestUpstream::start_with(vec![credentials()], faults, true).await
}

/// Normal traffic: every method, with and without an allowed Origin, with a preflight, with the
/// token when `token` is set, and a request with the wrong token.
async fn normal_traffic(addr: SocketAddr, token: bool) -> Vec<RawResponse> {
    let host = addr.to_string();
    let auth = format!("Authorization: Bearer {TOKEN}");
    let mut base: Vec<&str> = vec!["Accept: application/json"];
    if token {
        base.push(&auth);
    }
    let mut out = Vec::new();
    let mut pending = Vec::new();
    for i in 0..30 {
        let (method, body): (&str, &[u8]) = match i % 4 {
            0 => ("GET", b""),
            1 => ("POST", br#"{"groupName":"x"}"#),
            2 => ("PUT", br#"{"groupName":"y"}"#),
            _ => ("DELETE", b""),
        };
        let mut headers = base.clone();
        if i % 3 == 0 {
            headers.push("Origin: http://127.0.0.1:5173");
        }
        let length = format!("Content-Length: {}", body.len());
        headers.extend([
            "Content-Type: application/json",
            &length,
            "Connection: close",
        ]);
        let mut bytes = request(
            &format!("{method} {GROUPS}/{i}?actions=true HTTP/1.1"),
            &host,
            &headers,
        );
        bytes.extend_from_slice(body);
        // Concurrently, so the injected upstream hangs do not add up.
        pending.push(tokio::spawn(async move {
            exchange(addr, &[Step::Send(bytes)], Duration::from_secs(5)).await
        }));
    }
    for task in pending {
        out.push(task.await.unwrap_or_default());
    }
    out.push(
        exchange(
            addr,
            &simple(
                &format!("OPTIONS {GROUPS} HTTP/1.1"),
                &host,
                &[
                    "Origin: http://127.0.0.1:5173",
                    "Access-Control-Request-Method: POST",
                    "Access-Control-Request-Headers: authorization, content-type",
                ],
            ),
            Duration::from_secs(5),
        )
        .await,
    );
    out
}

/// Every string that must never be printed or answered.
fn forbidden(upstream: &TestUpstream, from: u64, to: u64) -> Vec<String> {
    let mut list = vec![
        SECRET.to_owned(),
        ACCESS.to_owned(),
        TOKEN.to_owned(),
        "EG1-HMAC".to_owned(),
        "signature=".to_owned(),
    ];
    list.extend(signing_keys(from.saturating_sub(2), to + 2));
    for seen in upstream.seen() {
        if let Some((_, signature)) = seen.authorization.split_once("signature=") {
            list.push(signature.to_owned());
        }
    }
    list
}

fn assert_clean(what: &str, texts: &[String], forbidden: &[String]) {
    assert!(!texts.is_empty(), "nothing captured from {what}");
    for text in texts {
        for secret in forbidden {
            assert!(
                !text.contains(secret.as_str()),
                "{what} leaks {secret:?}: {text}"
            );
        }
    }
}

fn texts(responses: &[RawResponse]) -> Vec<String> {
    responses.iter().map(RawResponse::text).collect()
}

/// Every line is one JSON object.
fn assert_json_lines(lines: &[String]) {
    for line in lines {
        assert!(
            serde_json::from_str::<serde_json::Value>(line).is_ok_and(|v| v.is_object()),
            "not a JSON object: {line}"
        );
    }
}

#[tokio::test]
async fn in_process_text_logs_and_responses_hold_no_secret() {
    in_process_logs_and_responses_hold_no_secret(false).await;
}

#[tokio::test]
async fn in_process_json_logs_and_responses_hold_no_secret() {
    in_process_logs_and_responses_hold_no_secret(true).await;
}

async fn in_process_logs_and_responses_hold_no_secret(json: bool) {
    let (_guard, captured) = capture_logs(json);
    let from = unix_now();
    let upstream = faulty_upstream().await;
    let plain = start_in_process(hostile_config(&upstream.url, None)).await;
    let protected = start_in_process(hostile_config(&upstream.url, Some(TOKEN))).await;
    let (failures, answers) = run_all(plain.addr, protected.addr, &upstream).await;
    assert!(failures.is_empty(), "{failures:#?}");
    let mut responses: Vec<RawResponse> = answers.into_iter().map(|(_, r)| r).collect();
    responses.extend(normal_traffic(plain.addr, false).await);
    responses.extend(normal_traffic(protected.addr, true).await);
    responses.extend(normal_traffic(protected.addr, false).await);
    let to = unix_now();

    // The traffic did exercise success, refusals and upstream failures.
    let statuses: Vec<u16> = responses.iter().filter_map(|r| r.status).collect();
    for status in [200, 204, 401, 403, 502, 503, 504] {
        assert!(statuses.contains(&status), "no {status} in {statuses:?}");
    }
    assert!(upstream.count() >= 60);
    let forbidden = forbidden(&upstream, from, to);
    assert!(forbidden.len() > 60);
    let logs = captured.lines();
    assert!(logs.iter().any(|l| l.contains("request detail")));
    if json {
        assert_json_lines(&logs);
    }
    assert_clean("the log", &logs, &forbidden);
    assert_clean("the responses", &texts(&responses), &forbidden);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_text_stderr_stdout_and_responses_hold_no_secret() {
    binary_stderr_stdout_and_responses_hold_no_secret(&["--log-level", "debug"], &[]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_json_stderr_stdout_and_responses_hold_no_secret() {
    let json = ["--log-format", "json"];
    binary_stderr_stdout_and_responses_hold_no_secret(&json, &[("RUST_LOG", "trace")]).await;
}

async fn binary_stderr_stdout_and_responses_hold_no_secret(logging: &[&str], env: &[(&str, &str)]) {
    let from = unix_now();
    let upstream = faulty_upstream().await;
    let edgerc = TempFile::new("edgerc", &edgerc_text(CLIENT, SECRET, ACCESS));
    let token = TempFile::new("token", &format!("{TOKEN}\n"));
    let (edgerc_arg, token_arg) = (edgerc.arg(), token.arg());
    let mut common_args = vec![
        "--edgerc",
        &edgerc_arg,
        "--listen",
        "127.0.0.1:0",
        "--upstream",
        &upstream.url,
        "--allow-origin",
        "http://127.0.0.1:*",
        "--allow-origin",
        "https://app.example.com",
        "--timeout-secs",
        "2",
        "--header-timeout-secs",
        "1",
        "--body-timeout-secs",
        "1",
    ];
    common_args.extend_from_slice(logging);
    let mut plain = Binary::start_env(&common_args, env, true);
    let mut with_token = common_args.clone();
    with_token.extend(["--token-file", &token_arg]);
    let mut protected = Binary::start_env(&with_token, env, true);

    let (failures, answers) = run_all(plain.addr, protected.addr, &upstream).await;
    assert!(failures.is_empty(), "{failures:#?}");
    let mut responses: Vec<RawResponse> = answers.into_iter().map(|(_, r)| r).collect();
    responses.extend(normal_traffic(plain.addr, false).await);
    responses.extend(normal_traffic(protected.addr, true).await);
    // A reload and a failed reload log too.
    plain.signal("HUP");
    plain
        .wait_for_line("reloaded the configuration", Duration::from_secs(5))
        .await;
    token.write("");
    protected.signal("HUP");
    protected
        .wait_for_line("reload failed", Duration::from_secs(5))
        .await;
    for proxy in [&plain, &protected] {
        proxy.signal("TERM");
    }
    assert_eq!(plain.wait_exit(Duration::from_secs(10)).await, Some(0));
    assert_eq!(protected.wait_exit(Duration::from_secs(10)).await, Some(0));
    let to = unix_now();

    let forbidden = forbidden(&upstream, from, to);
    let mut output = plain.stderr();
    output.extend(protected.stderr());
    if logging.contains(&"json") {
        assert_json_lines(&output);
    }
    assert!(output.iter().any(|l| l.contains("request detail")));
    assert!(output.iter().any(|l| l.contains("refused")));
    output.push(plain.stdout_line.clone());
    output.push(protected.stdout_line.clone());
    assert_clean("stderr/stdout", &output, &forbidden);
    assert_clean("the responses", &texts(&responses), &forbidden);
}
