//! Every flag of `iam-sim` can come from its `IAM_SIM_*` environment variable, and a flag on the
//! command line wins. A test binary of its own: it sets process-wide variables.

use std::path::PathBuf;

use clap::{CommandFactory as _, Parser as _};
use iam_sim::cli::Args;
use service_log::{LogFormat, LogLevel};

#[test]
fn each_flag_comes_from_its_environment_variable() {
    let values = [
        ("IAM_SIM_EDGERC", "/env/sim.edgerc"),
        ("IAM_SIM_SECTION", "env-section"),
        ("IAM_SIM_LISTEN", "127.0.0.1:18601"),
        ("IAM_SIM_MAX_SKEW", "42"),
        ("IAM_SIM_SEED", "/env/seed.json"),
        ("IAM_SIM_STATE", "/env/state.json"),
        ("IAM_SIM_ADMIN_LISTEN", "127.0.0.1:18602"),
        (
            "IAM_SIM_FAULTS",
            r#"{"rate":0.25,"kinds":["503"],"seed":9}"#,
        ),
        ("IAM_SIM_LOG_FORMAT", "json"),
        ("IAM_SIM_LOG_LEVEL", "warn"),
    ];
    let mut declared: Vec<String> = Args::command()
        .get_arguments()
        .filter(|a| !matches!(a.get_id().as_str(), "help" | "version"))
        .map(|a| {
            let long = a.get_long().unwrap_or_default();
            let env = a.get_env().map(|e| e.to_string_lossy().into_owned());
            assert_eq!(
                env.as_deref(),
                Some(format!("IAM_SIM_{}", long.to_uppercase().replace('-', "_")).as_str())
            );
            env.unwrap_or_default()
        })
        .collect();
    declared.sort();
    let mut set: Vec<String> = values.iter().map(|(k, _)| (*k).to_owned()).collect();
    set.sort();
    assert_eq!(set, declared, "the test sets every variable");

    for (key, value) in values {
        std::env::set_var(key, value);
    }
    let a = Args::try_parse_from(["iam-sim"]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.edgerc, Some(PathBuf::from("/env/sim.edgerc")));
    assert_eq!(
        (a.section.as_str(), a.listen.as_str()),
        ("env-section", "127.0.0.1:18601")
    );
    assert_eq!(a.max_skew, 42);
    assert_eq!(a.seed, Some(PathBuf::from("/env/seed.json")));
    assert_eq!(a.state, Some(PathBuf::from("/env/state.json")));
    assert_eq!(a.admin_listen.as_deref(), Some("127.0.0.1:18602"));
    assert_eq!(a.faults.map(|f| (f.rate, f.seed)), Some((0.25, 9)));
    assert_eq!(
        (a.log_format, a.log_level),
        (LogFormat::Json, LogLevel::Warn)
    );
    let flag = Args::try_parse_from(["iam-sim", "--max-skew", "7"]).map(|a| a.max_skew);
    assert_eq!(flag.ok(), Some(7));
    std::env::set_var("IAM_SIM_MAX_SKEW", "soon");
    let bad = Args::try_parse_from(["iam-sim"])
        .map(|_| ())
        .map_err(|e| e.to_string());
    assert!(
        bad.as_ref().is_err_and(|e| e.contains("--max-skew")),
        "{bad:?}"
    );
    for (key, _) in values {
        std::env::remove_var(key);
    }
}
