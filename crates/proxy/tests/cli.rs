//! The `iam-proxy` binary: its one stdout line, and startup errors (exit code 2, no secrets).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const SECRET: &str = "SECRET-never-printed-0123456789=";

fn edgerc(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("iam-proxy-test-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn proxy(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_iam-proxy"));
    command.args(args);
    // Complete AKAMAI_* variables would win over the file.
    for key in ["HOST", "CLIENT_TOKEN", "CLIENT_SECRET", "ACCESS_TOKEN"] {
        command.env_remove(format!("AKAMAI_{key}"));
    }
    command
}

fn run(args: &[&str]) -> Output {
    proxy(args).output().unwrap_or_else(|e| panic!("{e}"))
}

fn good_edgerc(name: &str) -> PathBuf {
    edgerc(
        name,
        &format!(
            "[default]\nhost = akab-t.luna.akamaiapis.net\nclient_token = ct\nclient_secret = {SECRET}\naccess_token = at\n"
        ),
    )
}

#[test]
fn start_prints_one_listening_line_with_the_bound_port() {
    let path = good_edgerc("start");
    let mut child = proxy(&[
        "--edgerc",
        &path.to_string_lossy(),
        "--listen",
        "127.0.0.1:0",
        "--upstream",
        "http://127.0.0.1:9",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::null())
    .spawn()
    .unwrap_or_else(|e| panic!("{e}"));
    let mut line = String::new();
    if let Some(stdout) = child.stdout.take() {
        let _ = BufReader::new(stdout).read_line(&mut line);
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_file(&path);
    let port = line
        .trim_end()
        .strip_prefix("iam-proxy listening on http://127.0.0.1:")
        .and_then(|p| p.parse::<u16>().ok());
    assert!(port.is_some_and(|p| p != 0), "{line:?}");
}

#[test]
fn unreadable_edgerc_exits_2_with_message() {
    let out = run(&[
        "--edgerc",
        "/nonexistent/iam-proxy/.edgerc",
        "--listen",
        "127.0.0.1:0",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot read /nonexistent/iam-proxy/.edgerc"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn invalid_edgerc_exits_2_without_showing_the_secret() {
    let path = edgerc(
        "missing",
        &format!("[default]\nhost = akab-t.luna.akamaiapis.net\nclient_token = ct\nclient_secret = {SECRET}\n"),
    );
    let out = run(&[
        "--edgerc",
        &path.to_string_lossy(),
        "--listen",
        "127.0.0.1:0",
    ]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("access_token"), "{stderr}");
    assert!(!stderr.contains(SECRET), "{stderr}");
}

#[test]
fn non_loopback_upstream_exits_2() {
    let path = good_edgerc("upstream");
    let out = run(&[
        "--edgerc",
        &path.to_string_lossy(),
        "--upstream",
        "http://example.com",
    ]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loopback"));
}

#[test]
fn unknown_flag_and_star_origin_exit_2() {
    assert_eq!(run(&["--bogus"]).status.code(), Some(2));
    let path = good_edgerc("origin");
    let out = run(&["--edgerc", &path.to_string_lossy(), "--allow-origin", "*"]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains(SECRET));
}

#[test]
fn empty_or_shared_token_file_exits_2() {
    let path = good_edgerc("token");
    let token = edgerc("token-file", "\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o600));
    }
    let args = |t: &PathBuf| {
        run(&[
            "--edgerc",
            &path.to_string_lossy(),
            "--listen",
            "127.0.0.1:0",
            "--token-file",
            &t.to_string_lossy(),
        ])
    };
    let empty = args(&token);
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("is empty"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::write(&token, "tok-shared-123");
        let _ = std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o644));
        let shared = args(&token);
        assert_eq!(shared.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&shared.stderr);
        assert!(stderr.contains("chmod 600"), "{stderr}");
        assert!(!stderr.contains("tok-shared-123"), "{stderr}");
    }
    let _ = std::fs::remove_file(&token);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn help_lists_the_hardening_flags() {
    let out = run(&["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--token-file",
        "--max-concurrent",
        "--max-headers",
        "--max-header-bytes",
        "--header-timeout-secs",
        "--body-timeout-secs",
        "--shutdown-grace-secs",
        "--log-level",
        "SIGHUP",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
}
