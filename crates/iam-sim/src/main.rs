//! `iam-sim`: runs the IAM API simulator on a local port.
//!
//! Prints `iam-sim listening on http://ADDR` on stdout once bound, then one line per request on
//! stderr. Exit code 2 for bad arguments, an unreadable `.edgerc` or seed; 1 if the port cannot
//! be bound or the server fails.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use iam_sim::{config::DEFAULT_MAX_SKEW_SECS, seed, Config};

const USAGE: &str = "usage: iam-sim [--edgerc FILE] [--section NAME] [--listen ADDR] \
[--max-skew SECS] [--seed FILE]

  --edgerc FILE    credentials to verify requests with
                   (default: dev/sim.edgerc if present, else ~/.edgerc)
  --section NAME   .edgerc section (default: default)
  --listen ADDR    address to bind (default: 127.0.0.1:8601; port 0 picks a free port)
  --max-skew SECS  allowed clock skew of signed requests (default: 300)
  --seed FILE      JSON seed of the store's shape (default: the built-in account)";

/// Parsed command line.
#[derive(Debug, PartialEq, Eq)]
struct Args {
    edgerc: Option<PathBuf>,
    section: String,
    listen: String,
    max_skew: u64,
    seed: Option<PathBuf>,
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
    if let Some(path) = &args.seed {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure(2, format!("cannot read {}: {e}", path.display())))?;
        config.seed =
            seed::from_json(&text).map_err(|e| Failure(2, format!("{}: {e}", path.display())))?;
    }
    let state = iam_sim::AppState::new(config)
        .map_err(|e| Failure(2, format!("{}: {e}", seed_name(&args.seed))))?;

    let listener = tokio::net::TcpListener::bind(args.listen.as_str())
        .await
        .map_err(|e| match e.kind() {
            ErrorKind::InvalidInput => usage_error(format!("bad --listen `{}`: {e}", args.listen)),
            _ => Failure(1, format!("cannot listen on {}: {e}", args.listen)),
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Failure(1, format!("cannot read the bound address: {e}")))?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "iam-sim listening on http://{addr}")
        .and_then(|()| stdout.flush())
        .map_err(|e| Failure(1, format!("cannot write to stdout: {e}")))?;
    drop(stdout);

    axum::serve(listener, iam_sim::router(state))
        .await
        .map_err(|e| Failure(1, format!("server failed: {e}")))
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
    fn bad_flags_exit_2() {
        for bad in [&["--max-skew", "soon"][..], &["--nope"], &["--edgerc"]] {
            assert!(matches!(parse(bad), Err(Failure(2, _))), "{bad:?}");
        }
        assert!(matches!(parse(&["--help"]), Ok(None)));
    }
}
