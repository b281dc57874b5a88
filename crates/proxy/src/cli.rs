//! Command-line parsing and turning the arguments into a [`Config`].
//!
//! Kept in the library so it is testable without starting a process; `main.rs` only prints and
//! exits.

use std::path::{Path, PathBuf};
use std::time::Duration;

use edgegrid::Secret;

use crate::config::{
    Config, LogLevel, Upstream, DEFAULT_BODY_TIMEOUT, DEFAULT_HEADER_TIMEOUT,
    DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_HEADERS, DEFAULT_MAX_HEADER_BYTES,
    DEFAULT_SHUTDOWN_GRACE, DEFAULT_TIMEOUT,
};
use crate::cors::OriginPattern;

/// The `--help` text.
pub const USAGE: &str = "\
Usage: iam-proxy [OPTIONS]

Signs requests to the Akamai IAM API v3 with EdgeGrid credentials and forwards them.
Only GET, POST, PUT and DELETE under /identity-management/v3/ are forwarded.

Options:
  --edgerc FILE          credentials file (default: ~/.edgerc); AKAMAI_[SECTION_]HOST,
                         _CLIENT_TOKEN, _CLIENT_SECRET, _ACCESS_TOKEN win when all are set
  --section NAME         .edgerc section (default: default)
  --listen ADDR          address to listen on (default: 127.0.0.1:8600; port 0 picks one)
  --upstream URL         send to this loopback base URL instead of https://{edgerc host},
                         e.g. http://127.0.0.1:8601 (the signed host stays the edgerc host)
  --allow-origin ORIGIN  allow CORS from ORIGIN (repeatable): an exact origin such as
                         https://app.example.com, or http://127.0.0.1:* / http://localhost:*
                         for that loopback host on any port. Requests with any other Origin
                         are refused; requests without Origin (Node, curl) are served.
  --token-file FILE      require 'Authorization: Bearer <token>' on every request, the token
                         being the file's content (trimmed); the file must not be empty nor
                         readable by group or others (chmod 600)
  --max-body-bytes N     largest request body (default: 1048576)
  --max-concurrent N     requests handled at once; more get 503 + Retry-After (default: 256)
  --max-headers N        most request header lines (default: 64; 431 beyond)
  --max-header-bytes N   most request header bytes (default: 16384; 431 beyond)
  --max-rps N            send at most N requests per second upstream, shared by every client;
                         requests over it wait up to 2 s, then get 429 + Retry-After
  --max-concurrent-upstream N  at most N requests in flight upstream (same refusal)
  --timeout-secs N       upstream timeout in seconds (default: 30)
  --header-timeout-secs N  time to send the request headers; keep-alive idle time (default: 10)
  --body-timeout-secs N  time to send the whole request body (default: 20; 408 beyond)
  --shutdown-grace-secs N  on SIGTERM/SIGINT, time in-flight requests get to finish (default: 30)
  --log-level LEVEL      info (one line per request) or debug (one more line of detail;
                         never a secret) (default: info)
  -h, --help             print this help
  -V, --version          print the version

Signals: SIGTERM and SIGINT stop accepting, let in-flight requests finish, then exit 0.
SIGHUP re-reads --edgerc/--section and --token-file; on error the old configuration stays.

";

/// Default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8600";

/// Parsed command-line arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Args {
    /// `--edgerc`; `None` means `~/.edgerc`.
    pub edgerc: Option<PathBuf>,
    /// `--section`.
    pub section: String,
    /// `--listen`.
    pub listen: String,
    /// `--upstream`.
    pub upstream: Option<String>,
    /// Every `--allow-origin`, in order.
    pub allow_origins: Vec<String>,
    /// `--token-file`.
    pub token_file: Option<PathBuf>,
    /// `--max-body-bytes`.
    pub max_body_bytes: usize,
    /// `--max-concurrent`.
    pub max_concurrent: usize,
    /// `--max-headers`.
    pub max_headers: usize,
    /// `--max-header-bytes`.
    pub max_header_bytes: usize,
    /// `--timeout-secs`.
    pub timeout_secs: u64,
    /// `--header-timeout-secs`.
    pub header_timeout_secs: u64,
    /// `--body-timeout-secs`.
    pub body_timeout_secs: u64,
    /// `--shutdown-grace-secs`.
    pub shutdown_grace_secs: u64,
    /// `--log-level`.
    pub log_level: LogLevel,
    /// `--max-rps`.
    pub max_rps: Option<u32>,
    /// `--max-concurrent-upstream`.
    pub max_concurrent_upstream: Option<usize>,
}

impl Default for Args {
    fn default() -> Self {
        Args {
            edgerc: None,
            section: "default".to_owned(),
            listen: DEFAULT_LISTEN.to_owned(),
            upstream: None,
            allow_origins: Vec::new(),
            token_file: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_concurrent: DEFAULT_MAX_CONCURRENT,
            max_headers: DEFAULT_MAX_HEADERS,
            max_header_bytes: DEFAULT_MAX_HEADER_BYTES,
            timeout_secs: DEFAULT_TIMEOUT.as_secs(),
            header_timeout_secs: DEFAULT_HEADER_TIMEOUT.as_secs(),
            body_timeout_secs: DEFAULT_BODY_TIMEOUT.as_secs(),
            shutdown_grace_secs: DEFAULT_SHUTDOWN_GRACE.as_secs(),
            log_level: LogLevel::Info,
            max_rps: None,
            max_concurrent_upstream: None,
        }
    }
}

/// What the command line asks for.
// Built once per process: the size difference between the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Run the proxy.
    Run(Args),
    /// Print [`USAGE`].
    Help,
    /// Print the version.
    Version,
}

/// Parses the arguments after the program name. Accepts `--flag value` and `--flag=value`.
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut parsed = Args::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            _ => {}
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--edgerc" => parsed.edgerc = Some(PathBuf::from(value()?)),
            "--section" => parsed.section = value()?,
            "--listen" => parsed.listen = value()?,
            "--upstream" => parsed.upstream = Some(value()?),
            "--allow-origin" => parsed.allow_origins.push(value()?),
            "--token-file" => parsed.token_file = Some(PathBuf::from(value()?)),
            "--max-body-bytes" => {
                let v = value()?;
                parsed.max_body_bytes = v
                    .parse()
                    .map_err(|_| format!("--max-body-bytes: {v:?} is not a byte count"))?;
            }
            "--max-concurrent" => parsed.max_concurrent = positive(&flag, &value()?)?,
            "--max-headers" => parsed.max_headers = positive(&flag, &value()?)?,
            "--max-header-bytes" => parsed.max_header_bytes = positive(&flag, &value()?)?,
            "--timeout-secs" => parsed.timeout_secs = positive(&flag, &value()?)?,
            "--header-timeout-secs" => parsed.header_timeout_secs = positive(&flag, &value()?)?,
            "--body-timeout-secs" => parsed.body_timeout_secs = positive(&flag, &value()?)?,
            "--shutdown-grace-secs" => parsed.shutdown_grace_secs = positive(&flag, &value()?)?,
            "--max-rps" => parsed.max_rps = Some(positive(&flag, &value()?)?),
            "--max-concurrent-upstream" => {
                parsed.max_concurrent_upstream = Some(positive(&flag, &value()?)?)
            }
            "--log-level" => {
                let v = value()?;
                parsed.log_level = LogLevel::parse(&v)
                    .ok_or_else(|| format!("--log-level: {v:?} is not info or debug"))?;
            }
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    if parsed.section.is_empty() {
        return Err("--section must not be empty".to_owned());
    }
    Ok(Command::Run(parsed))
}

/// Parses a positive whole number for `flag`.
fn positive<T: std::str::FromStr + PartialOrd + Default>(flag: &str, v: &str) -> Result<T, String> {
    v.parse()
        .ok()
        .filter(|n: &T| *n > T::default())
        .ok_or_else(|| format!("{flag}: {v:?} is not a positive number"))
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
    config.log_level = args.log_level;
    config.max_rps = args.max_rps.map(f64::from);
    config.max_concurrent_upstream = args.max_concurrent_upstream;
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

    fn args(list: &[&str]) -> Result<Command, String> {
        parse_args(list.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_and_flags_parse() {
        assert_eq!(args(&[]), Ok(Command::Run(Args::default())));
        let Ok(Command::Run(a)) = args(&[
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
        ]) else {
            panic!("flags did not parse");
        };
        assert_eq!(a.section, "ops");
        assert_eq!(a.allow_origins.len(), 2);
        assert_eq!((a.max_body_bytes, a.timeout_secs), (10, 5));
        assert_eq!(args(&["--help"]), Ok(Command::Help));
    }

    #[test]
    fn hardening_flags_parse() {
        let Ok(Command::Run(a)) = args(&[
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
            "--max-rps=50",
            "--max-concurrent-upstream",
            "16",
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
        assert_eq!((a.max_rps, a.max_concurrent_upstream), (Some(50), Some(16)));
        for bad in [
            &["--max-concurrent", "0"][..],
            &["--max-headers", "-1"],
            &["--body-timeout-secs", "x"],
            &["--log-level", "trace"],
            &["--token-file"],
            &["--max-rps", "0"],
            &["--max-concurrent-upstream", "x"],
        ] {
            assert!(args(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn token_file_is_trimmed_and_must_hold_one_token() {
        let no_env = |_: &str| None;
        let a = Args {
            edgerc: Some("/e".into()),
            token_file: Some("/t".into()),
            ..Args::default()
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

    #[test]
    fn bad_flags_are_errors() {
        assert!(args(&["--bogus"]).is_err());
        assert!(args(&["--listen"]).is_err());
        assert!(args(&["--timeout-secs", "0"]).is_err());
        assert!(args(&["--max-body-bytes", "lots"]).is_err());
    }

    const EDGERC: &str = "[default]\nhost = akab-h.luna.akamaiapis.net\nclient_token = ct\nclient_secret = TOP-SECRET\naccess_token = at\n";

    #[test]
    fn config_errors_never_show_secrets() {
        let no_env = |_: &str| None;
        let mut a = Args {
            edgerc: Some("/e".into()),
            ..Args::default()
        };
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
