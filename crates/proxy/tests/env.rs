//! Every flag of `iam-proxy` can come from its `IAM_PROXY_*` environment variable, and a flag on
//! the command line wins. A test binary of its own: it sets process-wide variables.

use std::path::PathBuf;

use clap::{CommandFactory as _, Parser as _};
use iam_proxy::cli::Args;
use service_log::{LogFormat, LogLevel};

#[test]
fn each_flag_comes_from_its_environment_variable() {
    let values = [
        ("IAM_PROXY_EDGERC", "/env/.edgerc"),
        ("IAM_PROXY_SECTION", "env-section"),
        ("IAM_PROXY_LISTEN", "127.0.0.1:18600"),
        ("IAM_PROXY_UPSTREAM", "http://127.0.0.1:18601"),
        (
            "IAM_PROXY_ALLOW_ORIGIN",
            "http://localhost:*,https://app.example.com",
        ),
        ("IAM_PROXY_TOKEN_FILE", "/env/token"),
        ("IAM_PROXY_ADMIN_LISTEN", "127.0.0.1:19600"),
        ("IAM_PROXY_MAX_BODY_BYTES", "11"),
        ("IAM_PROXY_MAX_CONCURRENT", "12"),
        ("IAM_PROXY_MAX_HEADERS", "13"),
        ("IAM_PROXY_MAX_HEADER_BYTES", "14"),
        ("IAM_PROXY_TIMEOUT_SECS", "15"),
        ("IAM_PROXY_HEADER_TIMEOUT_SECS", "16"),
        ("IAM_PROXY_BODY_TIMEOUT_SECS", "17"),
        ("IAM_PROXY_SHUTDOWN_GRACE_SECS", "18"),
        ("IAM_PROXY_LOG_FORMAT", "json"),
        ("IAM_PROXY_LOG_LEVEL", "debug"),
    ];
    // Every flag has its variable, named after it, and this test sets each one.
    let mut declared: Vec<(String, String)> = Args::command()
        .get_arguments()
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
        .map(|a| {
            let long = a.get_long().unwrap_or_default().to_owned();
            let env = a.get_env().map(|e| e.to_string_lossy().into_owned());
            (long, env.unwrap_or_default())
        })
        .collect();
    declared.sort();
    for (long, env) in &declared {
        assert_eq!(
            *env,
            format!("IAM_PROXY_{}", long.to_uppercase().replace('-', "_"))
        );
    }
    let mut set: Vec<&str> = values.iter().map(|(k, _)| *k).collect();
    set.sort_unstable();
    let mut names: Vec<&str> = declared.iter().map(|(_, e)| e.as_str()).collect();
    names.sort_unstable();
    assert_eq!(set, names);

    for (key, value) in values {
        std::env::set_var(key, value);
    }
    let from_env = Args::try_parse_from(["iam-proxy"]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_env.edgerc, Some(PathBuf::from("/env/.edgerc")));
    assert_eq!(from_env.section, "env-section");
    assert_eq!(from_env.listen, "127.0.0.1:18600");
    assert_eq!(from_env.upstream.as_deref(), Some("http://127.0.0.1:18601"));
    assert_eq!(
        from_env.allow_origins,
        ["http://localhost:*", "https://app.example.com"]
    );
    assert_eq!(from_env.token_file, Some(PathBuf::from("/env/token")));
    assert_eq!(from_env.admin_listen.as_deref(), Some("127.0.0.1:19600"));
    assert_eq!(
        (
            from_env.max_body_bytes,
            from_env.max_concurrent,
            from_env.max_headers,
            from_env.max_header_bytes
        ),
        (11, 12, 13, 14)
    );
    assert_eq!(
        (
            from_env.timeout_secs,
            from_env.header_timeout_secs,
            from_env.body_timeout_secs,
            from_env.shutdown_grace_secs
        ),
        (15, 16, 17, 18)
    );
    assert_eq!(
        (from_env.log_format, from_env.log_level),
        (LogFormat::Json, LogLevel::Debug)
    );

    // The command line wins; a bad variable is an error naming the flag.
    let flag = Args::try_parse_from(["iam-proxy", "--listen", "127.0.0.1:0"]);
    assert_eq!(flag.map(|a| a.listen).ok().as_deref(), Some("127.0.0.1:0"));
    std::env::set_var("IAM_PROXY_MAX_CONCURRENT", "0");
    let bad = Args::try_parse_from(["iam-proxy"])
        .map(|_| ())
        .map_err(|e| e.to_string());
    assert!(
        bad.as_ref().is_err_and(|e| e.contains("--max-concurrent")),
        "{bad:?}"
    );
    for (key, _) in values {
        std::env::remove_var(key);
    }
}
