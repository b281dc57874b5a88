//! `iam-sim`: runs the IAM API simulator on a local port.
//!
//! Prints `iam-sim listening on http://ADDR` on stdout once bound (and, with `--admin-listen`,
//! a second line `iam-sim admin on http://ADDR`), then one line per request on stderr. Exit code
//! 2 for bad arguments, an unreadable `.edgerc`, seed or state file, or bad `--faults`; 1 if a
//! port cannot be bound or the server fails.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use iam_sim::faults::FaultConfig;
use iam_sim::rate_limit::RateLimitConfig;
use iam_sim::{config::DEFAULT_MAX_SKEW_SECS, seed, Config};

const USAGE: &str = "usage: iam-sim [--edgerc FILE] [--section NAME] [--listen ADDR] \
[--max-skew SECS] [--seed FILE] [--state FILE] [--admin-listen ADDR] [--faults JSON] \
[--rate-limit JSON] [--clock-offset SECS]

  --edgerc FILE    credentials to verify requests with
                   (default: dev/sim.edgerc if present, else ~/.edgerc)
  --section NAME   .edgerc section (default: default)
  --listen ADDR    address to bind (default: 127.0.0.1:8601; port 0 picks a free port)
  --max-skew SECS  allowed clock skew of signed requests (default: 30; beyond it a
                   400 `Invalid timestamp` as Akamai's edge answers)
  --seed FILE      JSON seed of the store's shape (default: the built-in account)
  --state FILE     load the store from FILE if it exists; save it there (atomically)
                   after every change
  --admin-listen ADDR  serve the admin API (PUT/DELETE /faults, GET /stats, POST /reset)
                   on ADDR, e.g. 127.0.0.1:0
  --faults JSON    inject faults from the start, e.g. '{\"rate\":0.3,\"kinds\":[\"429\",\"503\",
                   \"slow\",\"drop\",\"malformed\"],\"slowMs\":2000,\"retryAfterSecs\":1,\"seed\":42}'
  --rate-limit JSON  rate limit per client token, with X-RateLimit-* headers on every
                   response, e.g. '{\"requestsPerSecond\":20,\"burst\":20,\"mode\":\"429\"}'
                   (mode \"waf\": refusals are 400 `WAF deny rule IPBLOCK-BURST4-54013`)
  --clock-offset SECS  run the simulator's clock SECS ahead of the system's (negative: behind)";

/// Parsed command line.
#[derive(Debug, PartialEq)]
struct Args {
    edgerc: Option<PathBuf>,
    section: String,
    listen: String,
    max_skew: u64,
    seed: Option<PathBuf>,
    state: Option<PathBuf>,
    admin_listen: Option<String>,
    faults: Option<FaultConfig>,
    rate_limit: Option<RateLimitConfig>,
    clock_offset: i64,
}

/// A failure with its exit code and message.
struct Failure(u8, String);

fn usage_error(msg: String) -> Failure {
    Failure(2, format!("{msg}\n{USAGE}"))
}

/// Parses the arguments after the program name; `Ok(None)` for `--help`.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, Failure> {
    let mut out = Args {
        edgerc: None,
        section: "default".into(),
        listen: "127.0.0.1:8601".into(),
        max_skew: DEFAULT_MAX_SKEW_SECS,
        seed: None,
        state: None,
        admin_listen: None,
        faults: None,
        rate_limit: None,
        clock_offset: 0,
    };
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| usage_error(format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--edgerc" => out.edgerc = Some(PathBuf::from(value()?)),
            "--section" => out.section = value()?,
            "--listen" => out.listen = value()?,
            "--seed" => out.seed = Some(PathBuf::from(value()?)),
            "--state" => out.state = Some(PathBuf::from(value()?)),
            "--admin-listen" => out.admin_listen = Some(value()?),
            "--faults" => {
                let v = value()?;
                out.faults = Some(
                    FaultConfig::from_json(&v)
                        .map_err(|e| usage_error(format!("bad --faults: {e}")))?,
                );
            }
            "--rate-limit" => {
                let v = value()?;
                out.rate_limit = Some(
                    RateLimitConfig::from_json(&v)
                        .map_err(|e| usage_error(format!("bad --rate-limit: {e}")))?,
                );
            }
            "--clock-offset" => {
                let v = value()?;
                out.clock_offset = v.parse().map_err(|_| {
                    usage_error(format!("--clock-offset needs whole seconds, not `{v}`"))
                })?;
            }
            "--max-skew" => {
                let v = value()?;
                out.max_skew = v.parse().map_err(|_| {
                    usage_error(format!("--max-skew needs a number of seconds, not `{v}`"))
                })?;
            }
            _ => return Err(usage_error(format!("unknown argument `{arg}`"))),
        }
    }
    Ok(Some(out))
}

/// The `.edgerc` text: the named file, or `dev/sim.edgerc`, or `~/.edgerc` (`None` if no default
/// file exists; the environment may still provide credentials).
fn read_edgerc(explicit: Option<&Path>) -> Result<Option<String>, Failure> {
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .map_err(|e| Failure(2, format!("cannot read {}: {e}", path.display())))
    };
    if let Some(path) = explicit {
        return read(path).map(Some);
    }
    let home = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".edgerc"));
    let candidates = std::iter::once(PathBuf::from("dev/sim.edgerc")).chain(home);
    for path in candidates {
        if path.is_file() {
            return read(&path).map(Some);
        }
    }
    Ok(None)
}

async fn run(args: Args) -> Result<(), Failure> {
    let text = read_edgerc(args.edgerc.as_deref())?;
    let credentials =
        edgegrid::edgerc::load(text.as_deref(), &args.section, |k| std::env::var(k).ok())
            .map_err(|e| Failure(2, format!("no usable credentials: {e}")))?;
    let mut config = Config::new(credentials);
    config.max_skew_secs = args.max_skew;
    config.log_requests = true;
    config.state_file = args.state.clone();
    config.faults = args.faults.clone();
    config.rate_limit = args.rate_limit.clone();
    config.clock_offset_secs = args.clock_offset;
    if let Some(path) = &args.seed {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure(2, format!("cannot read {}: {e}", path.display())))?;
        config.seed =
            seed::from_json(&text).map_err(|e| Failure(2, format!("{}: {e}", path.display())))?;
    }
    let source = match args.state.as_ref().filter(|p| p.exists()) {
        Some(state_file) => state_file.display().to_string(),
        None => seed_name(&args.seed),
    };
    let state = iam_sim::AppState::new(config).map_err(|e| Failure(2, format!("{source}: {e}")))?;

    let (listener, addr) = bind(&args.listen, "--listen").await?;
    announce(&format!("iam-sim listening on http://{addr}"))?;
    let admin = match &args.admin_listen {
        Some(at) => {
            let (listener, addr) = bind(at, "--admin-listen").await?;
            announce(&format!("iam-sim admin on http://{addr}"))?;
            Some(tokio::spawn(iam_sim::serve_admin(listener, state.clone())))
        }
        None => None,
    };
    let served = iam_sim::serve_state(listener, state).await;
    if let Some(admin) = admin {
        admin.abort();
    }
    served.map_err(|e| Failure(1, format!("server failed: {e}")))
}

async fn bind(
    at: &str,
    flag: &str,
) -> Result<(tokio::net::TcpListener, std::net::SocketAddr), Failure> {
    let listener = tokio::net::TcpListener::bind(at)
        .await
        .map_err(|e| match e.kind() {
            ErrorKind::InvalidInput => usage_error(format!("bad {flag} `{at}`: {e}")),
            _ => Failure(1, format!("cannot listen on {at}: {e}")),
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Failure(1, format!("cannot read the bound address: {e}")))?;
    Ok((listener, addr))
}

fn announce(line: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}")
        .and_then(|()| stdout.flush())
        .map_err(|e| Failure(1, format!("cannot write to stdout: {e}")))
}

fn seed_name(path: &Option<PathBuf>) -> String {
    path.as_ref()
        .map_or_else(|| "built-in seed".into(), |p| p.display().to_string())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(Failure(code, msg)) => {
            eprintln!("iam-sim: {msg}");
            return ExitCode::from(code);
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(code, msg)) => {
            eprintln!("iam-sim: {msg}");
            ExitCode::from(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Args>, Failure> {
        parse_args(args.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn flags_parse_with_space_or_equals() {
        let args = parse(&["--listen=127.0.0.1:0", "--max-skew", "30", "--section", "x"])
            .ok()
            .flatten()
            .unwrap();
        assert_eq!(args.listen, "127.0.0.1:0");
        assert_eq!(args.max_skew, 30);
        assert_eq!(args.section, "x");
        assert!(args.edgerc.is_none());
    }

    #[test]
    fn state_admin_and_faults_flags_parse() {
        let args = parse(&[
            "--state",
            "/tmp/s.json",
            "--admin-listen=127.0.0.1:0",
            "--faults",
            r#"{"rate":0.5,"kinds":["503","drop"],"seed":7}"#,
        ])
        .ok()
        .flatten()
        .unwrap();
        assert_eq!(args.state, Some(PathBuf::from("/tmp/s.json")));
        assert_eq!(args.admin_listen.as_deref(), Some("127.0.0.1:0"));
        let faults = args.faults.unwrap();
        assert_eq!((faults.rate, faults.seed, faults.slow_ms), (0.5, 7, 2000));
    }

    #[test]
    fn rate_limit_and_clock_offset_flags_parse() {
        let args = parse(&[
            "--rate-limit",
            r#"{"requestsPerSecond":20,"mode":"waf"}"#,
            "--clock-offset=-120",
        ])
        .ok()
        .flatten()
        .unwrap();
        assert_eq!(args.rate_limit.map(|r| r.requests_per_second), Some(20.0));
        assert_eq!(args.clock_offset, -120);
        for bad in [
            &["--clock-offset", "2m"][..],
            &["--rate-limit", r#"{"requestsPerSecond":-1}"#],
        ] {
            assert!(matches!(parse(bad), Err(Failure(2, _))), "{bad:?}");
        }
    }

    #[test]
    fn bad_flags_exit_2() {
        for bad in [
            &["--max-skew", "soon"][..],
            &["--nope"],
            &["--edgerc"],
            &["--faults", "{\"rate\": 2, \"kinds\": [\"503\"]}"],
            &["--faults", "{\"rate\": 0.1, \"kinds\": [\"teapot\"]}"],
        ] {
            assert!(matches!(parse(bad), Err(Failure(2, _))), "{bad:?}");
        }
        assert!(matches!(parse(&["--help"]), Ok(None)));
    }
}
