//! Property tests (proptest) for the two parsers that read outside data: the request-target
//! canonicaliser and the `.edgerc` reader.
//!
//! The number of cases per property comes from `PROPTEST_CASES` (default 1024: about a second
//! each in a debug build). `PROPS_SECS=N` repeats fresh runs of that many cases, each with a
//! new random seed, until N seconds have passed. A long run:
//! `PROPS_SECS=330 PROPTEST_CASES=20000 cargo test -p iam-proxy --test props -- --nocapture --test-threads 1`
//! prints the executions and the time of each property.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use edgegrid::edgerc::Edgerc;
use iam_proxy::{canonical_target, with_account_switch_key, API_PREFIX, MAX_TARGET_BYTES};
use percent_encoding::percent_decode_str;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Runs `test` on values of `strategy`, prints how many ran and how long it took, and fails with
/// proptest's minimal counter-example.
fn run<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let budget = std::env::var("PROPS_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_secs);
    let executions = AtomicU64::new(0);
    let started = Instant::now();
    let mut rounds = 0u64;
    loop {
        rounds += 1;
        let mut runner = TestRunner::new(config());
        let result = runner.run(&strategy, |value| {
            executions.fetch_add(1, Ordering::Relaxed);
            test(value)
        });
        if let Err(e) = result {
            panic!("property {name} failed: {e}");
        }
        if budget.is_none_or(|b| started.elapsed() >= b) {
            break;
        }
    }
    eprintln!(
        "property {name}: {} executions in {rounds} run(s), {:.1?}",
        executions.load(Ordering::Relaxed),
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------
// canonical_target
// ---------------------------------------------------------------------------------------------

/// Pieces that matter to a path checker: dots, separators, escapes of them (single, double,
/// mixed case), matrix parameters, queries, fragments, controls and non-ASCII.
const PIECES: &[&str] = &[
    "/",
    "//",
    ".",
    "..",
    "...",
    ";",
    ";x=1",
    "?",
    "??",
    "&",
    "=",
    "#",
    "\\",
    "%",
    "%2",
    "%2e",
    "%2E",
    "%2f",
    "%2F",
    "%5c",
    "%5C",
    "%25",
    "%252e",
    "%252E",
    "%25%32%65",
    "%00",
    "%0d%0a",
    "%7f",
    "%41",
    "%c3%a9",
    "%C3%A9",
    "%zz",
    " ",
    "\t",
    "\r",
    "\n",
    "\0",
    "é",
    "\u{202e}",
    "'",
    "\"",
    "{",
    "}",
    "|",
    "^",
    "`",
    "[",
    "]",
    "<",
    ">",
    "+",
    "~",
    "@",
    ":",
    "!",
    "$",
    "*",
    ",",
    "user-admin",
    "groups",
    "v3",
    "identity-management",
    "a",
    "Z9",
    "accountSwitchKey=1-AB",
];

/// Starts that put a target inside, outside or around the API prefix.
const STARTS: &[&str] = &[
    "/identity-management/v3/",
    "/identity-management/v3",
    "/identity-management/",
    "/identity-management/v3/user-admin/",
    "//identity-management/v3/",
    "/",
    "",
    "*",
    "http://evil.example/identity-management/v3/",
    "evil.example:443",
];

fn target() -> impl Strategy<Value = String> {
    let structured = (
        prop::sample::select(STARTS),
        prop::collection::vec(
            prop_oneof![
                3 => prop::sample::select(PIECES).prop_map(str::to_owned),
                1 => "[ -~]{0,4}",
            ],
            0..16,
        ),
    )
        .prop_map(|(start, pieces)| format!("{start}{}", pieces.concat()));
    let printable = "[ -~]{0,80}".prop_map(|tail| format!("{API_PREFIX}{tail}"));
    prop_oneof![
        4 => structured,
        2 => printable,
        1 => any::<String>(),
        1 => "[ -~]{0,40}".prop_map(|tail| format!("{API_PREFIX}{}", tail.repeat(300))),
    ]
}

/// The decoded path segments of an accepted target never name `.` or `..`.
fn has_traversal(path: &str) -> bool {
    path.split('/').any(|segment| {
        let name = segment.split(';').next().unwrap_or_default();
        let decoded = percent_decode_str(name).decode_utf8_lossy();
        decoded == "." || decoded == ".." || decoded.contains(['/', '\\'])
    })
}

fn check_target(raw: String) -> Result<(), TestCaseError> {
    let Ok(canonical) = canonical_target(&raw) else {
        return Ok(()); // refused: nothing more to hold (and it did not panic).
    };
    // A fixed point: the canonical form is accepted and left as it is.
    prop_assert_eq!(canonical_target(&canonical), Ok(canonical.clone()));
    prop_assert!(canonical.starts_with(API_PREFIX), "{}", canonical);
    prop_assert!(canonical.len() <= MAX_TARGET_BYTES);
    prop_assert!(
        canonical.bytes().all(|b| (0x21..=0x7e).contains(&b)),
        "{}",
        canonical
    );
    prop_assert!(!canonical.contains(['#', '\\']), "{}", canonical);
    let path = canonical.split('?').next().unwrap_or_default();
    prop_assert!(!has_traversal(path), "{}", canonical);
    let upper = path.to_ascii_uppercase();
    for escape in ["%2E", "%2F", "%5C", "%25"] {
        prop_assert!(!upper.contains(escape), "{} in {}", escape, canonical);
    }
    // What goes on the wire is what was signed: URL parsing changes nothing.
    let url = reqwest::Url::parse(&format!("https://h.example{canonical}"));
    let url = url.map_err(|e| TestCaseError::fail(e.to_string()))?;
    let wire = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    prop_assert_eq!(&wire, &canonical);
    // Adding the account switch key keeps it canonical (unless that makes it too long).
    let switched = with_account_switch_key(&canonical, "1-AB:C D");
    if switched.len() <= MAX_TARGET_BYTES {
        prop_assert_eq!(canonical_target(&switched), Ok(switched.clone()));
    }
    Ok(())
}

#[test]
fn canonical_target_never_panics_is_idempotent_and_stays_in_the_api() {
    run("canonical_target", target(), check_target);
}

// ---------------------------------------------------------------------------------------------
// .edgerc
// ---------------------------------------------------------------------------------------------

const LINES: &[&str] = &[
    "[default]",
    "[ops]",
    "[ spaced ]",
    "[]",
    "[unclosed",
    "]",
    "\u{feff}[default]",
    "; comment",
    "# comment",
    "host = akab-abc.luna.akamaiapis.net",
    "host = https://akab-abc.luna.akamaiapis.net/",
    "host = evil.example/path",
    "host =",
    "client_token = akab-ct",
    "client-token = akab-ct",
    "CLIENT_TOKEN = 'akab-ct' ; quoted",
    "client_secret = \"unclosed",
    "client_secret = 'a' trailing",
    "access_token = akab-at # inline",
    "max_body = 131072",
    "max-body = lots",
    "max_body = -1",
    "max_body = 99999999999999999999999999",
    "headers_to_sign = X-A, X-B,,",
    "account_key = 1-ABC",
    "=",
    "= value",
    "key",
    "key = = =",
    "   ",
    "",
];

fn edgerc_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => prop::sample::select(LINES).prop_map(str::to_owned),
        1 => "[ -~]{0,30}",
        1 => any::<String>(),
    ];
    (
        prop::collection::vec(line, 0..24),
        prop::sample::select(&["\n", "\r\n", "\r"][..]),
    )
        .prop_map(|(lines, eol)| lines.join(eol))
}

fn check_edgerc(text: String) -> Result<(), TestCaseError> {
    if let Ok(parsed) = Edgerc::parse(&text) {
        for section in parsed.sections() {
            let _ = parsed.credentials(&section).map_err(|e| e.to_string());
        }
        let _ = parsed.credentials("default").map_err(|e| e.to_string());
    }
    Ok(())
}

/// A valid section written in one of the spellings the readers accept.
#[derive(Clone, Debug)]
struct Written {
    text: String,
    host: String,
    client_token: String,
    secret: String,
    access: String,
    max_body: Option<usize>,
}

fn written() -> impl Strategy<Value = Written> {
    let key_style = prop::sample::select(&["snake", "dash", "upper"][..]);
    let quote = prop::sample::select(&["", "'", "\""][..]);
    let noise = prop::collection::vec(prop::sample::select(LINES), 0..6);
    (
        "[a-z0-9]{4,16}",
        "akab-[a-z0-9-]{1,30}",
        // Distinctive prefixes, so that finding one in Debug output really is a leak.
        "SEC\\+[A-Za-z0-9+/]{8,44}=?",
        "akab-AT-[A-Za-z0-9-]{1,30}",
        prop::option::of(0usize..1_000_000),
        (key_style, quote, " {0,3}", " {0,3}", any::<bool>()),
        noise,
    )
        .prop_map(
            |(host, client_token, secret, access, max_body, style, noise)| {
                let (key_style, quote, before, after, comment) = style;
                let host = format!("akab-{host}.luna.akamaiapis.net");
                let key = |k: &str| match key_style {
                    "dash" => k.replace('_', "-"),
                    "upper" => k.to_ascii_uppercase(),
                    _ => k.to_owned(),
                };
                let line = |k: &str, v: &str| {
                    let tail = if comment { " ; note" } else { "" };
                    format!("{}{before}={after}{quote}{v}{quote}{tail}", key(k))
                };
                // Another section first, holding any lines the reader accepts on their own
                // (its keys must not leak into [default]).
                let mut text = String::from("[other]\n");
                let accepted = |l: &&&str| Edgerc::parse(&format!("[x]\n{l}")).is_ok();
                for n in noise
                    .iter()
                    .filter(accepted)
                    .filter(|l| !l.starts_with(['[', '\u{feff}']))
                {
                    text.push_str(n);
                    text.push('\n');
                }
                text.push_str("[default]\n");
                text.push_str(&line("host", &host));
                text.push('\n');
                text.push_str(&line("client_token", &client_token));
                text.push('\n');
                text.push_str(&line("client_secret", &secret));
                text.push('\n');
                text.push_str(&line("access_token", &access));
                text.push('\n');
                if let Some(n) = max_body {
                    text.push_str(&line("max_body", &n.to_string()));
                    text.push('\n');
                }
                Written {
                    text,
                    host,
                    client_token,
                    secret,
                    access,
                    max_body,
                }
            },
        )
}

fn check_round_trip(w: Written) -> Result<(), TestCaseError> {
    let parsed = Edgerc::parse(&w.text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let c = parsed
        .credentials("default")
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&c.host, &w.host);
    prop_assert_eq!(&c.client_token, &w.client_token);
    prop_assert_eq!(c.client_secret.expose(), w.secret.as_str());
    prop_assert_eq!(c.access_token.expose(), w.access.as_str());
    prop_assert_eq!(c.max_body, w.max_body.unwrap_or(edgegrid::DEFAULT_MAX_BODY));
    // Debug output of the credentials redacts both secrets.
    let debug = format!("{c:?}");
    prop_assert!(!debug.contains(&w.secret) && !debug.contains(&w.access));
    Ok(())
}

/// A file that holds a secret and is broken somewhere: the error never shows the secret.
fn broken_with_secret() -> impl Strategy<Value = (String, String)> {
    (
        "SECRET-[A-Za-z0-9]{16}",
        prop::collection::vec(prop::sample::select(LINES), 0..10),
        0usize..4,
        any::<prop::sample::Index>(),
        prop::sample::select(&["", "'", "\""][..]),
    )
        .prop_map(|(secret, mut lines, drop, at, quote)| {
            let mut section = vec![
                "[default]".to_owned(),
                "host = akab-h.luna.akamaiapis.net".to_owned(),
                "client_token = akab-ct".to_owned(),
                format!("client_secret = {quote}{secret}{quote}"),
                "access_token = akab-at".to_owned(),
            ];
            // Drop one required key other than the secret, or none.
            if drop < 3 {
                let victim = [1, 2, 4][drop];
                section.remove(victim);
            }
            let insert = at.index(lines.len() + 1);
            let tail = lines.split_off(insert);
            let mut all: Vec<String> = lines.into_iter().map(str::to_owned).collect();
            all.extend(section);
            all.extend(tail.into_iter().map(str::to_owned));
            (secret, all.join("\n"))
        })
}

fn check_secret_not_in_errors((secret, text): (String, String)) -> Result<(), TestCaseError> {
    let message = match Edgerc::parse(&text) {
        Err(e) => e.to_string(),
        Ok(parsed) => match parsed.credentials("default") {
            Err(e) => e.to_string(),
            Ok(_) => return Ok(()),
        },
    };
    prop_assert!(!message.contains(&secret), "{}", message);
    Ok(())
}

#[test]
fn edgerc_parse_never_panics_on_any_text() {
    run("edgerc_parse", edgerc_text(), check_edgerc);
}

#[test]
fn edgerc_valid_sections_round_trip_in_every_spelling() {
    run("edgerc_round_trip", written(), check_round_trip);
}

#[test]
fn edgerc_errors_never_show_the_secret() {
    run(
        "edgerc_secret_free_errors",
        broken_with_secret(),
        check_secret_not_in_errors,
    );
}
