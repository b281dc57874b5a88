//! The command line of `iam-sim` (clap): every flag also from an `IAM_SIM_*` environment
//! variable; a flag on the command line wins.

use std::path::PathBuf;

use clap::Parser;
use service_log::{LogFormat, LogLevel};

use crate::config::DEFAULT_MAX_SKEW_SECS;
use crate::faults::FaultConfig;

/// Default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8601";

/// The command line of `iam-sim`.
#[derive(Clone, Debug, Parser)]
#[command(
    name = "iam-sim",
    version,
    about = "Runs a local simulator of the Akamai IAM API v3 that verifies EdgeGrid signatures.",
    long_about = "Runs a local simulator of the Akamai IAM API v3 that verifies EdgeGrid signatures.\n\
Prints `iam-sim listening on http://ADDR` on stdout once bound (and `iam-sim admin on \
http://ADDR` with --admin-listen), then logs one event per request on stderr. Every flag can \
also be set with the environment variable shown beside it; a flag given on the command line wins.",
    after_help = "GET /healthz answers 200 without a signature, on --listen and on --admin-listen.\n\
Exit codes: 2 for bad arguments, an unreadable .edgerc, seed or state file; 1 if a port cannot \
be bound or the server fails."
)]
pub struct Args {
    /// Credentials to verify requests with (default: dev/sim.edgerc if present, else ~/.edgerc)
    #[arg(long, value_name = "FILE", env = "IAM_SIM_EDGERC")]
    pub edgerc: Option<PathBuf>,
    /// .edgerc section
    #[arg(long, value_name = "NAME", default_value = "default", env = "IAM_SIM_SECTION",
          value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub section: String,
    /// Address to listen on (port 0 picks a free port)
    #[arg(long, value_name = "ADDR", default_value = DEFAULT_LISTEN, env = "IAM_SIM_LISTEN")]
    pub listen: String,
    /// Allowed clock skew of signed requests, in seconds
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_MAX_SKEW_SECS,
          env = "IAM_SIM_MAX_SKEW")]
    pub max_skew: u64,
    /// JSON seed of the store's shape (default: the built-in account)
    #[arg(long, value_name = "FILE", env = "IAM_SIM_SEED")]
    pub seed: Option<PathBuf>,
    /// Load the store from FILE if it exists; save it there (atomically) after every change
    #[arg(long, value_name = "FILE", env = "IAM_SIM_STATE")]
    pub state: Option<PathBuf>,
    /// Serve the admin API (PUT/DELETE /faults, GET /stats, POST /reset, GET /healthz) on ADDR,
    /// e.g. 127.0.0.1:0
    #[arg(long, value_name = "ADDR", env = "IAM_SIM_ADMIN_LISTEN")]
    pub admin_listen: Option<String>,
    /// Inject faults from the start, e.g.
    /// '{"rate":0.3,"kinds":["429","503","slow","drop","malformed"],"slowMs":2000,"retryAfterSecs":1,"seed":42}'
    #[arg(long, value_name = "JSON", env = "IAM_SIM_FAULTS", value_parser = FaultConfig::from_json)]
    pub faults: Option<FaultConfig>,
    /// Log lines on stderr as text or as one JSON object per line
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = LogFormat::Text,
          env = "IAM_SIM_LOG_FORMAT")]
    pub log_format: LogFormat,
    /// Least severe events logged (info: one event per request). RUST_LOG, when set, replaces
    /// this filter
    #[arg(long, value_name = "LEVEL", value_enum, default_value_t = LogLevel::Info,
          env = "IAM_SIM_LOG_LEVEL")]
    pub log_level: LogLevel,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, clap::Error> {
        Args::try_parse_from(std::iter::once("iam-sim").chain(args.iter().copied()))
    }

    #[test]
    fn flags_parse_with_space_or_equals() {
        let args = parse(&["--listen=127.0.0.1:0", "--max-skew", "30", "--section", "x"]);
        let args = args.unwrap_or_else(|e| panic!("{e}"));
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
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(args.state, Some(PathBuf::from("/tmp/s.json")));
        assert_eq!(args.admin_listen.as_deref(), Some("127.0.0.1:0"));
        let faults = args.faults.unwrap_or_else(|| panic!("no faults"));
        assert_eq!((faults.rate, faults.seed, faults.slow_ms), (0.5, 7, 2000));
    }

    #[test]
    fn bad_flags_are_errors_naming_the_flag() {
        for (bad, flag) in [
            (&["--max-skew", "soon"][..], "--max-skew"),
            (&["--nope"], "--nope"),
            (&["--edgerc"], "--edgerc"),
            (
                &["--faults", "{\"rate\": 2, \"kinds\": [\"503\"]}"],
                "--faults",
            ),
            (
                &["--faults", "{\"rate\": 0.1, \"kinds\": [\"teapot\"]}"],
                "--faults",
            ),
            (&["--log-format", "xml"], "--log-format"),
        ] {
            let err = parse(bad).map(|_| ()).map_err(|e| e.to_string());
            assert!(
                err.as_ref().is_err_and(|e| e.contains(flag)),
                "{bad:?}: {err:?}"
            );
        }
    }
}
