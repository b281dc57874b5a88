//! `iam-proxy`: the command-line entry point. See `iam-proxy --help`.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use iam_proxy::cli::{self, Args};
use iam_proxy::Server;
use tokio::net::TcpListener;
use tokio::signal::unix::{signal, SignalKind};

#[tokio::main]
async fn main() -> ExitCode {
    // Usage errors exit 2 naming the flag; --help and --version exit 0.
    let args = Args::parse();
    if let Err(why) = service_log::init("iam_proxy", args.log_format, args.log_level) {
        return fail(&why);
    }
    let config = match cli::load_config(&args) {
        Ok(config) => config,
        Err(why) => return fail(&why),
    };
    let server = match Server::new(config) {
        Ok(server) => server,
        Err(why) => return fail(&why.to_string()),
    };
    let (mut term, mut int, hup) = match (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
        signal(SignalKind::hangup()),
    ) {
        (Ok(term), Ok(int), Ok(hup)) => (term, int, hup),
        _ => return fail("cannot install the signal handlers"),
    };
    let (listener, addr) = match bind(&args.listen, "--listen").await {
        Ok(bound) => bound,
        Err(why) => return fail(&why),
    };
    if !addr.ip().is_loopback() {
        tracing::warn!(
            "listening on {addr}, which is not a loopback address; anyone who can reach it can \
             sign requests with these credentials"
        );
    }
    announce(&format!("iam-proxy listening on http://{addr}"));
    let admin = match &args.admin_listen {
        Some(at) => match bind(at, "--admin-listen").await {
            Ok((listener, addr)) => {
                announce(&format!("iam-proxy admin on http://{addr}"));
                let router = server.admin_router();
                Some(tokio::spawn(
                    async move { axum::serve(listener, router).await },
                ))
            }
            Err(why) => return fail(&why),
        },
        None => None,
    };

    tokio::spawn(reload_on_hangup(server.clone(), args, hup));
    let shutdown = async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
        }
    };
    let served = server.run(listener, shutdown).await;
    if let Some(admin) = admin {
        admin.abort();
    }
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Binds `at` (given with `flag`) and reads the address actually bound.
async fn bind(at: &str, flag: &str) -> Result<(TcpListener, std::net::SocketAddr), String> {
    let listener = TcpListener::bind(at)
        .await
        .map_err(|e| format!("cannot listen on {at} ({flag}): {e}"))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the listening address ({flag}): {e}"))?;
    Ok((listener, addr))
}

/// Prints one line on stdout (scripts read the URLs there).
fn announce(line: &str) {
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}

/// On every SIGHUP, re-reads the `.edgerc` section and the token file and swaps them in; on error
/// keeps the running configuration ([`Server::reload_from`] logs and counts either way).
async fn reload_on_hangup(server: Server, args: Args, mut hup: tokio::signal::unix::Signal) {
    while hup.recv().await.is_some() {
        server.reload_from(cli::load_config(&args));
    }
}

/// Prints a startup error to stderr and exits with status 2.
fn fail(why: &str) -> ExitCode {
    eprintln!("iam-proxy: {why}");
    ExitCode::from(2)
}
