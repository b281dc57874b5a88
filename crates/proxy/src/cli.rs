//! Command-line parsing and turning the arguments into a [`Config`].
//!
//! Kept in the library so it is testable without starting a process; `main.rs` only prints and
//! exits.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::config::{Config, Upstream, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT};
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
  --max-body-bytes N     largest request body (default: 1048576)
  --timeout-secs N       upstream timeout in seconds (default: 30)
  -h, --help             print this help
  -V, --version          print the version
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
    /// `--max-body-bytes`.
    pub max_body_bytes: usize,
    /// `--timeout-secs`.
    pub timeout_secs: u64,
}

impl Default for Args {
    fn default() -> Self {
        Args {
            edgerc: None,
            section: "default".to_owned(),
            listen: DEFAULT_LISTEN.to_owned(),
            upstream: None,
            allow_origins: Vec::new(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            timeout_secs: DEFAULT_TIMEOUT.as_secs(),
        }
    }
}

/// What the command line asks for.
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
            "--max-body-bytes" => {
                let v = value()?;
                parsed.max_body_bytes = v
                    .parse()
                    .map_err(|_| format!("--max-body-bytes: {v:?} is not a byte count"))?;
            }
            "--timeout-secs" => {
                let v = value()?;
                parsed.timeout_secs = v
                    .parse()
                    .ok()
                    .filter(|&n: &u64| n > 0)
                    .ok_or_else(|| format!("--timeout-secs: {v:?} is not a positive number"))?;
            }
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    if parsed.section.is_empty() {
        return Err("--section must not be empty".to_owned());
    }
    Ok(Command::Run(parsed))
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
    config.max_body_bytes = args.max_body_bytes;
    config.timeout = Duration::from_secs(args.timeout_secs);
    Ok(config)
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
