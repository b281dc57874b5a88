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
