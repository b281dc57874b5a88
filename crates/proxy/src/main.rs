//! `iam-proxy`: the command-line entry point. See `iam-proxy --help`.

use std::io::Write as _;
use std::process::ExitCode;

use iam_proxy::cli::{self, Args, Command};
use iam_proxy::Server;
use tokio::signal::unix::{signal, SignalKind};

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

    tokio::spawn(reload_on_hangup(server.clone(), args, hup));
    let shutdown = async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
        }
    };
    match server.run(listener, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("iam-proxy: {e}");
            ExitCode::FAILURE
        }
    }
}

/// On every SIGHUP, re-reads the `.edgerc` section and the token file and swaps them in; on error
/// keeps the running configuration and logs why (the messages name files and keys, never a
/// secret).
async fn reload_on_hangup(server: Server, args: Args, mut hup: tokio::signal::unix::Signal) {
    while hup.recv().await.is_some() {
        let outcome = cli::load_config(&args)
            .and_then(|config| server.reload(&config).map_err(|e| e.to_string()));
        match outcome {
            Ok(()) => server.log(&format!(
                "iam-proxy: reloaded the configuration (section [{}])",
                args.section
            )),
            Err(why) => server.log(&format!(
                "iam-proxy: reload failed, keeping the previous configuration: {why}"
            )),
        }
    }
}

/// Prints a startup error to stderr and exits with status 2.
fn fail(why: &str) -> ExitCode {
    eprintln!("iam-proxy: {why}");
    ExitCode::from(2)
}
