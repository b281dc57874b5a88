//! The command line (clap): every flag also from an `IAM_PROXY_*` environment variable, and
//! turning the arguments into a [`Config`].
//!
//! Kept in the library so it is testable without starting a process; `main.rs` only prints and
//! exits.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Parser;
use edgegrid::Secret;
use service_log::{LogFormat, LogLevel};

use crate::config::{
    Config, Upstream, DEFAULT_BODY_TIMEOUT, DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_HEADERS, DEFAULT_MAX_HEADER_BYTES, DEFAULT_SHUTDOWN_GRACE,
    DEFAULT_TIMEOUT,
};
use crate::cors::OriginPattern;

/// Default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8600";

/// The command line of `iam-proxy`. Flags win over their environment variables.
#[derive(Clone, Debug, PartialEq, Eq, Parser)]
#[command(
    name = "iam-proxy",
    version,
    about = "Signs requests to the Akamai IAM API v3 with EdgeGrid credentials and forwards them.",
    long_about = "Signs requests to the Akamai IAM API v3 with EdgeGrid credentials and forwards them.\n\
Only GET, POST, PUT and DELETE under /identity-management/v3/ are forwarded; everything else is\n\
refused with an application/problem+json answer. Every flag can also be set with the environment\n\
variable shown beside it; a flag given on the command line wins.",
    after_help = "Health and metrics: GET /healthz, /readyz and /metrics, on --listen or on \
--admin-listen when given; never forwarded.\n\
Signals: SIGTERM and SIGINT turn /readyz to 503, stop accepting, let in-flight requests finish, \
then exit 0. SIGHUP re-reads --edgerc/--section and --token-file; on error the old configuration \
stays."
)]
pub struct Args {
    /// Credentials file (default: ~/.edgerc); AKAMAI_[SECTION_]HOST, _CLIENT_TOKEN,
    /// _CLIENT_SECRET and _ACCESS_TOKEN win when all four are set
    #[arg(long, value_name = "FILE", env = "IAM_PROXY_EDGERC")]
    pub edgerc: Option<PathBuf>,
    /// .edgerc section
    #[arg(long, value_name = "NAME", default_value = "default", env = "IAM_PROXY_SECTION",
          value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub section: String,
    /// Address to listen on (port 0 picks one)
    #[arg(long, value_name = "ADDR", default_value = DEFAULT_LISTEN, env = "IAM_PROXY_LISTEN")]
    pub listen: String,
    /// Send to this loopback base URL instead of https://{edgerc host}, e.g.
    /// http://127.0.0.1:8601 (the signed host stays the edgerc host)
    #[arg(long, value_name = "URL", env = "IAM_PROXY_UPSTREAM")]
    pub upstream: Option<String>,
    /// Allow CORS from ORIGIN (repeatable; comma-separated in the variable): an exact origin such
    /// as https://app.example.com, or http://127.0.0.1:* / http://localhost:* for that loopback
    /// host on any port. Requests with any other Origin are refused; requests without Origin
    /// (Node, curl) are served
    #[arg(
        long = "allow-origin",
        value_name = "ORIGIN",
        env = "IAM_PROXY_ALLOW_ORIGIN",
        value_delimiter = ','
    )]
    pub allow_origins: Vec<String>,
    /// Require 'Authorization: Bearer <token>' on every request, the token being the file's
    /// content (trimmed); the file must not be empty nor readable by group or others (chmod 600)
    #[arg(long, value_name = "FILE", env = "IAM_PROXY_TOKEN_FILE")]
    pub token_file: Option<PathBuf>,
    /// Serve /healthz, /readyz and /metrics on this address only (e.g. 127.0.0.1:9600) instead
    /// of on --listen
    #[arg(long, value_name = "ADDR", env = "IAM_PROXY_ADMIN_LISTEN")]
    pub admin_listen: Option<String>,
    /// Largest request body, in bytes (413 beyond)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_BODY_BYTES,
          env = "IAM_PROXY_MAX_BODY_BYTES")]
    pub max_body_bytes: usize,
    /// Requests handled at once; more get 503 + Retry-After
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_CONCURRENT,
          env = "IAM_PROXY_MAX_CONCURRENT", value_parser = positive::<usize>)]
    pub max_concurrent: usize,
    /// Most request header lines (431 beyond)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_HEADERS,
          env = "IAM_PROXY_MAX_HEADERS", value_parser = positive::<usize>)]
    pub max_headers: usize,
    /// Most request header bytes (431 beyond)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_HEADER_BYTES,
          env = "IAM_PROXY_MAX_HEADER_BYTES", value_parser = positive::<usize>)]
    pub max_header_bytes: usize,
    /// Upstream timeout, in seconds (504 beyond)
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TIMEOUT.as_secs(),
          env = "IAM_PROXY_TIMEOUT_SECS", value_parser = positive::<u64>)]
    pub timeout_secs: u64,
    /// Time to send the request headers; also the keep-alive idle time
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_HEADER_TIMEOUT.as_secs(),
          env = "IAM_PROXY_HEADER_TIMEOUT_SECS", value_parser = positive::<u64>)]
    pub header_timeout_secs: u64,
    /// Time to send the whole request body (408 beyond)
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_BODY_TIMEOUT.as_secs(),
          env = "IAM_PROXY_BODY_TIMEOUT_SECS", value_parser = positive::<u64>)]
    pub body_timeout_secs: u64,
    /// On SIGTERM/SIGINT, time in-flight requests get to finish
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_SHUTDOWN_GRACE.as_secs(),
          env = "IAM_PROXY_SHUTDOWN_GRACE_SECS", value_parser = positive::<u64>)]
    pub shutdown_grace_secs: u64,
    /// Log lines on stderr as text or as one JSON object per line
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = LogFormat::Text,
          env = "IAM_PROXY_LOG_FORMAT")]
    pub log_format: LogFormat,
    /// Least severe events logged: info is one event per request, debug adds one with more
    /// detail (never a secret). RUST_LOG, when set, replaces this filter
    #[arg(long, value_name = "LEVEL", value_enum, default_value_t = LogLevel::Info,
          env = "IAM_PROXY_LOG_LEVEL")]
    pub log_level: LogLevel,
}

/// Parses a whole number greater than zero.
fn positive<T: std::str::FromStr + PartialOrd + Default>(v: &str) -> Result<T, String> {
    v.parse()
        .ok()
        .filter(|n: &T| *n > T::default())
        .ok_or_else(|| format!("{v:?} is not a positive whole number"))
}

/// Builds the proxy configuration: reads the `.edgerc` with `read_file` (the environment, read
/// with `env`, wins when it holds a complete credential set) and checks every option.
///
/// Error messages name files, sections and keys, never a secret.
pub fn build_config(
    args: &Args,
    read_file: impl Fn(&Path) -> std::io::Result<String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Config, String> {
    let path = args
        .edgerc
        .clone()
        .or_else(|| env("HOME").map(|home| Path::new(&home).join(".edgerc")));
    let text = match &path {
        Some(p) => read_file(p).map_err(|e| format!("cannot read {}: {e}", p.display())),
        None => Err("no --edgerc given and HOME is not set".to_owned()),
    };
    let credentials = edgegrid::edgerc::load(text.as_deref().ok(), &args.section, &env).map_err(
        |e| match &text {
            Err(why) => why.clone(),
            Ok(_) => e.to_string(),
        },
    )?;
    let mut config = Config::new(credentials).map_err(|e| e.to_string())?;
    if let Some(url) = &args.upstream {
        config.upstream = Upstream::loopback(url).map_err(|e| e.to_string())?;
    }
    config.allowed_origins = args
        .allow_origins
        .iter()
        .map(|o| OriginPattern::parse(o))
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    if let Some(path) = &args.token_file {
        let text = read_file(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let token = text.trim();
        if token.is_empty() {
            return Err(format!("the token file {} is empty", path.display()));
        }
        if token.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(format!(
                "the token file {} must hold one token without spaces or line breaks",
                path.display()
            ));
        }
        config.bearer_token = Some(Secret::new(token));
    }
    config.max_body_bytes = args.max_body_bytes;
    config.max_concurrent = args.max_concurrent;
    config.max_headers = args.max_headers;
    config.max_header_bytes = args.max_header_bytes;
    config.timeout = Duration::from_secs(args.timeout_secs);
    config.header_timeout = Duration::from_secs(args.header_timeout_secs);
    config.body_timeout = Duration::from_secs(args.body_timeout_secs);
    config.shutdown_grace = Duration::from_secs(args.shutdown_grace_secs);
    config.admin_on_main_listener = args.admin_listen.is_none();
    Ok(config)
}

/// [`build_config`] with the real file system and environment, after checking that the token
/// file (if any) is readable by its owner only. Used at start-up and on every reload.
pub fn load_config(args: &Args) -> Result<Config, String> {
    if let Some(path) = &args.token_file {
        check_private(path)?;
    }
    build_config(
        args,
        |p| std::fs::read_to_string(p),
        |k| std::env::var(k).ok(),
    )
}

/// Refuses a file that its group or other users may read or write.
#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt as _;
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(format!(
            "the token file {} is accessible to group or others (mode {mode:03o}); run chmod 600 on it",
            path.display()
        ));
    }
    Ok(())
}

/// No permission bits to check on this platform.
#[cfg(not(unix))]
fn check_private(_path: &Path) -> Result<(), String> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, clap::Error> {
        Args::try_parse_from(std::iter::once("iam-proxy").chain(list.iter().copied()))
    }

    fn edgerc_args() -> Args {
        args(&["--edgerc", "/e"]).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn defaults_and_flags_parse() {
        let Ok(a) = args(&[
            "--edgerc",
            "/x/.edgerc",
            "--section=ops",
            "--listen",
            "127.0.0.1:0",
            "--allow-origin",
            "http://localhost:*",
            "--allow-origin=https://a.example",
            "--max-body-bytes",
            "10",
            "--timeout-secs=5",
            "--upstream",
            "http://127.0.0.1:8601",
            "--log-format",
            "json",
        ]) else {
            panic!("flags did not parse");
        };
        assert_eq!(a.section, "ops");
        assert_eq!(a.allow_origins.len(), 2);
        assert_eq!((a.max_body_bytes, a.timeout_secs), (10, 5));
        assert_eq!(a.log_format, LogFormat::Json);
        assert!(args(&["--help"]).is_err_and(|e| e.kind() == clap::error::ErrorKind::DisplayHelp));
    }

    #[test]
    fn hardening_flags_parse() {
        let Ok(a) = args(&[
            "--token-file",
            "/t",
            "--max-concurrent",
            "8",
            "--max-headers=10",
            "--max-header-bytes",
            "4096",
            "--header-timeout-secs",
            "2",
            "--body-timeout-secs",
            "3",
            "--shutdown-grace-secs",
            "4",
            "--log-level",
            "debug",
        ]) else {
            panic!("flags did not parse");
        };
        assert_eq!(a.token_file, Some(PathBuf::from("/t")));
        assert_eq!(
            (a.max_concurrent, a.max_headers, a.max_header_bytes),
            (8, 10, 4096)
        );
        assert_eq!(
            (
                a.header_timeout_secs,
                a.body_timeout_secs,
                a.shutdown_grace_secs
            ),
            (2, 3, 4)
        );
        assert_eq!(a.log_level, LogLevel::Debug);
    }

    #[test]
    fn bad_flags_are_errors_that_name_the_flag() {
        for (bad, flag) in [
            (&["--max-concurrent", "0"][..], "--max-concurrent"),
            (&["--max-headers=-1"], "--max-headers"),
            (&["--body-timeout-secs", "x"], "--body-timeout-secs"),
            (&["--timeout-secs", "0"], "--timeout-secs"),
            (&["--max-body-bytes", "lots"], "--max-body-bytes"),
            (&["--log-level", "loud"], "--log-level"),
            (&["--log-format", "xml"], "--log-format"),
            (&["--section", ""], "--section"),
            (&["--token-file"], "--token-file"),
            (&["--listen"], "--listen"),
            (&["--bogus"], "--bogus"),
        ] {
            let err = args(bad).map(|_| ()).map_err(|e| e.to_string());
            assert!(
                err.as_ref().is_err_and(|e| e.contains(flag)),
                "{bad:?}: {err:?}"
            );
        }
    }

    #[test]
    fn token_file_is_trimmed_and_must_hold_one_token() {
        let no_env = |_: &str| None;
        let a = Args {
            token_file: Some("/t".into()),
            ..edgerc_args()
        };
        let read = |token: &'static str| {
            move |p: &Path| {
                Ok(if p == Path::new("/t") {
                    token.to_owned()
                } else {
                    EDGERC.to_owned()
                })
            }
        };
        let config = build_config(&a, read("  tok-1\n"), no_env);
        assert_eq!(
            config.ok().and_then(|c| c.bearer_token),
            Some(Secret::new("tok-1"))
        );
        let err = build_config(&a, read(" \n "), no_env).err();
        assert!(err.is_some_and(|e| e.contains("/t is empty")));
        let err = build_config(&a, read("tok 1"), no_env).err();
        assert!(err.is_some_and(|e| e.contains("one token") && !e.contains("tok 1")));
    }

    #[cfg(unix)]
    #[test]
    fn token_file_readable_by_others_is_refused() {
        use std::os::unix::fs::PermissionsExt as _;
        let path =
            std::env::temp_dir().join(format!("iam-proxy-unit-{}-token", std::process::id()));
        let _ = std::fs::write(&path, "tok");
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644));
        let open = check_private(&path);
        let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
        let private = check_private(&path);
        let _ = std::fs::remove_file(&path);
        assert!(open.is_err_and(|e| e.contains("chmod 600") && e.contains("644")));
        assert!(private.is_ok());
    }

    const EDGERC: &str = "[default]\nhost = akab-h.luna.akamaiapis.net\nclient_token = ct\nclient_secret = TOP-SECRET\naccess_token = at\n";

    #[test]
    fn config_errors_never_show_secrets() {
        let no_env = |_: &str| None;
        let mut a = edgerc_args();
        assert!(build_config(&a, |_| Ok(EDGERC.to_owned()), no_env).is_ok());
        a.upstream = Some("http://10.0.0.1:1".into());
        let err = build_config(&a, |_| Ok(EDGERC.to_owned()), no_env).err();
        assert!(err.is_some_and(|e| e.contains("loopback") && !e.contains("TOP-SECRET")));
        a.upstream = None;
        a.section = "nope".into();
        let err = build_config(&a, |_| Ok(EDGERC.to_owned()), no_env).err();
        assert!(err.is_some_and(|e| e.contains("nope") && !e.contains("TOP-SECRET")));
        let err = build_config(&a, |_| Err(std::io::ErrorKind::NotFound.into()), no_env).err();
        assert!(err.is_some_and(|e| e.contains("cannot read /e")));
    }
}
