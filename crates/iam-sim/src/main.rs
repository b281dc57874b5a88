//! `iam-sim`: runs the IAM API simulator on a local port.
//!
//! Prints `iam-sim listening on http://ADDR` on stdout once bound (and, with `--admin-listen`,
//! a second line `iam-sim admin on http://ADDR`), then one event per request on stderr. Exit code
//! 2 for bad arguments, an unreadable `.edgerc`, seed or state file, or bad `--faults`; 1 if a
//! port cannot be bound or the server fails. See `iam-sim --help`.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser as _;
use iam_sim::cli::Args;
use iam_sim::{seed, Config};

/// A failure with its exit code and message.
struct Failure(u8, String);

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
            ErrorKind::InvalidInput => Failure(2, format!("bad {flag} `{at}`: {e}")),
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
    // Usage errors exit 2 naming the flag; --help and --version exit 0.
    let args = Args::parse();
    if let Err(why) = service_log::init("iam_sim", args.log_format, args.log_level) {
        eprintln!("iam-sim: {why}");
        return ExitCode::from(2);
    }
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(code, msg)) => {
            eprintln!("iam-sim: {msg}");
            ExitCode::from(code)
        }
    }
}
