//! The log set-up `iam-proxy` and `iam-sim` share: events from [`tracing`] written to stderr, one
//! line each, as text or as JSON (`--log-format`), filtered by `--log-level` or `RUST_LOG`.
//!
//! Each binary declares the two flags in its own clap struct (their environment variables carry
//! the binary's prefix) with the [`LogFormat`] and [`LogLevel`] types from here, and calls
//! [`init`] once at start.
#![deny(missing_docs)]

use tracing_subscriber::filter::{EnvFilter, LevelFilter};

/// How each event is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// `2026-01-01T00:00:00.000000Z  INFO target: message key=value ...`
    #[default]
    Text,
    /// One JSON object per line: `timestamp`, `level`, `message`, the event's fields, `target`.
    Json,
}

/// The least severe events written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum LogLevel {
    /// Only errors.
    Error,
    /// Errors and warnings.
    Warn,
    /// Also one event per request and the lifecycle (start, reload, shutdown).
    #[default]
    Info,
    /// Also a second event per request with more detail (never a secret).
    Debug,
    /// Everything.
    Trace,
}

impl LogLevel {
    fn filter(self) -> LevelFilter {
        match self {
            LogLevel::Error => LevelFilter::ERROR,
            LogLevel::Warn => LevelFilter::WARN,
            LogLevel::Info => LevelFilter::INFO,
            LogLevel::Debug => LevelFilter::DEBUG,
            LogLevel::Trace => LevelFilter::TRACE,
        }
    }
}

/// The filter: `RUST_LOG` when it is set and not empty (`tracing` directives such as
/// `iam_proxy=debug,warn`), else `level` for the events of `own_target` (the binary's crate) and
/// warnings from the libraries under it.
pub fn filter(
    own_target: &str,
    level: LogLevel,
    rust_log: Option<&str>,
) -> Result<EnvFilter, String> {
    match rust_log.map(str::trim).filter(|s| !s.is_empty()) {
        Some(directives) => {
            EnvFilter::try_new(directives).map_err(|e| format!("RUST_LOG {directives:?}: {e}"))
        }
        None => Ok(EnvFilter::default()
            .add_directive(LevelFilter::WARN.into())
            .add_directive(
                format!("{own_target}={}", level.filter())
                    .parse()
                    .map_err(|e| format!("--log-level: {e}"))?,
            )),
    }
}

/// Installs the process-wide subscriber: `format` lines on stderr, filtered as [`filter`] says
/// with the `RUST_LOG` of the environment. Fails on a bad `RUST_LOG` or a second call.
pub fn init(own_target: &str, format: LogFormat, level: LogLevel) -> Result<(), String> {
    let rust_log = std::env::var("RUST_LOG").ok();
    let filter = filter(own_target, level, rust_log.as_deref())?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false);
    let installed = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
    installed.map_err(|e| format!("cannot install the logger: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_log_wins_over_the_level() {
        let own = filter("iam_proxy", LogLevel::Debug, None).map(|f| f.to_string());
        assert!(own.is_ok_and(|f| f.contains("iam_proxy=debug") && f.contains("warn")));
        let env = filter("iam_proxy", LogLevel::Debug, Some("iam_proxy=trace"));
        assert_eq!(env.map(|f| f.to_string()), Ok("iam_proxy=trace".to_owned()));
        assert!(filter("iam_proxy", LogLevel::Info, Some("iam_proxy=[")).is_err());
        let blank = filter("iam_proxy", LogLevel::Warn, Some(" ")).map(|f| f.to_string());
        assert!(blank.is_ok_and(|f| f.contains("iam_proxy=warn")));
    }
}
