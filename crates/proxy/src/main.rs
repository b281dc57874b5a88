//! `iam-proxy`: the command-line entry point. See `iam-proxy --help`.

use std::io::Write as _;
use std::process::ExitCode;

use iam_proxy::cli::{self, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let args = match cli::parse_args(std::env::args().skip(1)) {
        Ok(Command::Run(args)) => args,
        Ok(Command::Help) => {
            print!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("iam-proxy {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(why) => return fail(&format!("{why}\n\n{}", cli::USAGE)),
    };
    let config = match cli::build_config(
        &args,
        |p| std::fs::read_to_string(p),
        |k| std::env::var(k).ok(),
    ) {
        Ok(config) => config,
        Err(why) => return fail(&why),
    };
    let listener = match tokio::net::TcpListener::bind(&args.listen).await {
        Ok(listener) => listener,
        Err(e) => return fail(&format!("cannot listen on {}: {e}", args.listen)),
    };
    let addr = match listener.local_addr() {
        Ok(addr) => addr,
        Err(e) => return fail(&format!("cannot read the listening address: {e}")),
    };
    if !addr.ip().is_loopback() {
        eprintln!(
            "iam-proxy: warning: listening on {addr}, which is not a loopback address; \
             anyone who can reach it can sign requests with these credentials"
        );
    }
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "iam-proxy listening on http://{addr}");
    let _ = stdout.flush();

    tokio::select! {
        served = iam_proxy::serve(listener, config) => match served {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("iam-proxy: {e}");
                ExitCode::FAILURE
            }
        },
        _ = tokio::signal::ctrl_c() => ExitCode::SUCCESS,
    }
}

/// Prints a startup error to stderr and exits with status 2.
fn fail(why: &str) -> ExitCode {
    eprintln!("iam-proxy: {why}");
    ExitCode::from(2)
}
