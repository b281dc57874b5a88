//! The `iam-sim` binary: its one stdout line, and exit code 2 for bad input.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_iam-sim");
const EDGERC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../dev/sim.edgerc");

#[test]
fn binary_prints_listening_line_with_bound_port() {
    let mut child = Command::new(BIN)
        .args(["--edgerc", EDGERC, "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let read = BufReader::new(child.stdout.take().unwrap()).read_line(&mut line);
    let _ = child.kill();
    let _ = child.wait();
    read.unwrap();
    let port = line
        .trim_end()
        .strip_prefix("iam-sim listening on http://127.0.0.1:")
        .unwrap_or_else(|| panic!("unexpected line {line:?}"));
    assert!(port.parse::<u16>().unwrap() > 0);
}

fn exit_code(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn binary_bad_argument_exits_2() {
    let (code, stderr) = exit_code(&["--edgerc", EDGERC, "--max-skew", "soon"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("--max-skew"), "{stderr}");
    assert_eq!(exit_code(&["--frobnicate"]).0, Some(2));
}

#[test]
fn binary_unreadable_edgerc_exits_2() {
    let (code, stderr) = exit_code(&["--edgerc", "/nonexistent/edgerc", "--listen", "127.0.0.1:0"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("/nonexistent/edgerc"), "{stderr}");
}

#[test]
fn binary_unknown_section_exits_2() {
    let (code, stderr) = exit_code(&[
        "--edgerc",
        EDGERC,
        "--section",
        "nope",
        "--listen",
        "127.0.0.1:0",
    ]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("nope"), "{stderr}");
}

#[test]
fn binary_admin_listen_prints_second_line_and_serves_stats() {
    use std::io::{Read, Write};
    let mut child = Command::new(BIN)
        .args([
            "--edgerc",
            EDGERC,
            "--listen",
            "127.0.0.1:0",
            "--admin-listen",
            "127.0.0.1:0",
        ])
        .args(["--faults", r#"{"rate":0.0,"kinds":["503"]}"#])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let (mut first, mut second) = (String::new(), String::new());
    let read = out
        .read_line(&mut first)
        .and_then(|_| out.read_line(&mut second));
    let admin = second
        .trim_end()
        .strip_prefix("iam-sim admin on http://")
        .map(str::to_owned);
    let stats = admin.as_deref().map(|addr| {
        let mut conn = std::net::TcpStream::connect(addr).unwrap();
        conn.write_all(b"GET /stats HTTP/1.1\r\nHost: admin\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut text = String::new();
        conn.read_to_string(&mut text).unwrap();
        text
    });
    let _ = child.kill();
    let _ = child.wait();
    read.unwrap();
    assert!(
        first.starts_with("iam-sim listening on http://127.0.0.1:"),
        "{first:?}"
    );
    assert!(admin.is_some(), "unexpected second line {second:?}");
    let stats = stats.unwrap();
    assert!(stats.starts_with("HTTP/1.1 200"), "{stats}");
    assert!(stats.contains("\"byMethod\""), "{stats}");
}

/// `GET target` on `addr` with `Connection: close`; the whole answer.
fn http_get(addr: &str, target: &str) -> String {
    use std::io::{Read, Write};
    let mut conn = std::net::TcpStream::connect(addr).unwrap();
    write!(conn, "GET {target} HTTP/1.1\r\nHost: sim\r\nX-Request-Id: sim-req-1\r\nConnection: close\r\n\r\n").unwrap();
    let mut text = String::new();
    conn.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn binary_serves_healthz_unsigned_and_logs_json_lines() {
    let mut child = Command::new(BIN)
        .args(["--edgerc", EDGERC, "--listen", "127.0.0.1:0"])
        .args(["--admin-listen", "127.0.0.1:0", "--log-format", "json"])
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let (mut first, mut second) = (String::new(), String::new());
    out.read_line(&mut first).unwrap();
    out.read_line(&mut second).unwrap();
    let main = first
        .trim_end()
        .strip_prefix("iam-sim listening on http://")
        .unwrap()
        .to_owned();
    let admin = second
        .trim_end()
        .strip_prefix("iam-sim admin on http://")
        .unwrap()
        .to_owned();
    let health = http_get(&main, "/healthz");
    let admin_health = http_get(&admin, "/healthz");
    let unsigned = http_get(
        &main,
        "/identity-management/v3/user-admin/ui-identities/F-CO-1",
    );
    let _ = child.kill();
    let stderr = child.stderr.take().unwrap();
    let _ = child.wait();
    for answer in [&health, &admin_health] {
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with(r#"{"status":"ok"}"#), "{answer}");
    }
    assert!(unsigned.starts_with("HTTP/1.1 401"), "{unsigned}");
    let lines: Vec<serde_json::Value> = BufReader::new(stderr)
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect();
    // One event: the unsigned request (health checks are not logged).
    assert_eq!(lines.len(), 1, "{lines:?}");
    let event = &lines[0];
    assert_eq!(event["target"], "iam_sim::request");
    assert_eq!(event["method"], "GET");
    assert_eq!(
        event["route"],
        "/identity-management/v3/user-admin/ui-identities/{uiIdentityId}"
    );
    assert_eq!(event["status"], 401);
    assert_eq!(event["request_id"], "sim-req-1");
    assert!(event["duration_ms"].is_number() && event["timestamp"].is_string());
}
