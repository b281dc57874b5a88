//! Params objects for every operation of the client's table through its one interpreter,
//! `Op::request` (native build, feature `fuzzing`).
//!
//! Input: structured, not JSON text. The fuzzer's bytes pick an operation of
//! `registry::all()` and then build its params object by walking the operation's own params
//! schema (`Op::params`): each optional field present or not, `null` or absent, strings made of
//! pieces from a hostile alphabet (`.`, `..`, `/`, `?`, `#`, `%`, `%2e`, `%2F`, `\`, `;`, `self`,
//! non-ASCII, an address, a timestamp…) or any character, numbers from edge values (`-0`, 2^53,
//! NaN, ±∞, 1.5…) or any `f64`, and now and then a value off the schema or an unknown key. Byte
//! mutations then change whole values, so an exact `..` path param is a few mutations away
//! (libFuzzer rarely turned a JSON string into exactly `..` when the input was JSON text).
//!
//! Oracles: `Op::request` never panics; every request it accepts
//! - has the operation's method, and a URL under the base URL's path + `/identity-management/v3/`;
//! - has exactly the segments of one of the spec operations the entry claims
//!   (`Entry::claims`, checked against the spec by the spec test), the one its params select
//!   (`scope: "user"` the `user-profile` route; an absent or `null` `clientId` the `self` route),
//!   static segments verbatim;
//! - each path param exactly one segment: not empty, not `.`/`..` (also decoded), no raw `/`, `?`
//!   or `#`, decoding back to the value given (a number as its integer);
//! - is unchanged by URL parsing (the `url` crate resolves dot segments), path and query;
//! - has as query exactly the given scalar params that are neither path params, `scope` nor
//!   `body`, each decoding back to its value; sends a body exactly when `body` is given.
#![no_main]

use std::sync::LazyLock;

use akamai_iam_wasm::api::registry::{all, Entry};
use akamai_iam_wasm::request::{BaseUrl, Request, API_PREFIX};
use akamai_iam_wasm::schema::{camel, Json, Schema};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;

const BASE: &str = "https://proxy.example/base";

/// Every operation of the table.
static ENTRIES: LazyLock<Vec<Entry>> = LazyLock::new(all);

/// What strings are made of: the pieces that break URL builders, and a few that make a value
/// pass the client's own checks (email, CIDR, timestamp) so the request gets built.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "a", ".", "..", "/", "?", "#", "%", "%2e", "%2E", "%2f", "%2F", "%00", "\\", ";", "&", "=", "+",
    " ", "", "Z", "0", "9", "-", "_", "~", "self", "é", "€", "😀", "\0", "\n", "@",
    "example.com", "10.0.0.0", "/24", "::1", "2024-01-02T03:04:05Z", ".5", "T", ":",
];

/// Numbers worth trying, as JS can pass them.
#[rustfmt::skip]
const NUMBERS: &[f64] = &[
    1.0, 0.0, -0.0, 9001.0, 9_007_199_254_740_991.0, 9_007_199_254_740_992.0, -1.0, 1.5,
    f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300, 18_446_744_073_709_551_616.0,
];

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});

fn run(u: &mut Unstructured) -> Result<()> {
    let entry = u.choose(&ENTRIES[..])?;
    let params = value(u, entry.op.params, 0)?;
    let Ok(request) = entry.op.request(&params) else {
        return Ok(());
    };
    let base = BaseUrl::parse(BASE).expect("a base URL");
    check(entry, &params, &request, &request.url(&base));
    Ok(())
}

/// A value for `schema`, now and then one off it.
fn value(u: &mut Unstructured, schema: &Schema, depth: u8) -> Result<Json> {
    // Every choice is made so that input bytes of 0, or none left, give the plain case: a value
    // on the schema, optional fields present, the first enum value, the string `a`.
    if !u.ratio(23u8, 24)? {
        return any(u, depth);
    }
    Ok(match schema {
        Schema::Bool => Json::Bool(u.arbitrary()?),
        Schema::Int => Json::Num(number(u)?),
        Schema::Str => Json::Str(text(u)?),
        Schema::Enum(values) if u.ratio(7u8, 8)? => Json::Str((*u.choose(values)?).to_owned()),
        Schema::Enum(_) => Json::Str(text(u)?),
        Schema::Optional(inner) => match u.choose_index(4)? {
            0 | 1 => value(u, inner, depth)?,
            2 => Json::Absent,
            _ => Json::Null,
        },
        Schema::List(item) => {
            let mut items = Vec::new();
            for _ in 0..u.choose_index(4)? {
                items.push(value(u, item, depth + 1)?);
            }
            Json::List(items)
        }
        Schema::Object(fields) => {
            let mut members = Vec::new();
            for field in *fields {
                if field.required || u.ratio(1u8, 2)? {
                    members.push((camel(field.name), value(u, field.schema, depth + 1)?));
                }
            }
            if !u.ratio(31u8, 32)? {
                members.push((text(u)?, any(u, depth + 1)?));
            }
            Json::Object(members)
        }
        Schema::Any | Schema::AnyObject => any(u, depth)?,
    })
}

/// Any value JS could pass, nested at most a few levels.
fn any(u: &mut Unstructured, depth: u8) -> Result<Json> {
    let kinds = if depth > 3 { 6 } else { 8 };
    Ok(match u.choose_index(kinds)? {
        0 => Json::Absent,
        1 => Json::Null,
        2 => Json::Bool(u.arbitrary()?),
        3 => Json::Num(number(u)?),
        4 => Json::Str(text(u)?),
        5 => Json::Other,
        6 => {
            let mut items = Vec::new();
            for _ in 0..u.choose_index(4)? {
                items.push(any(u, depth + 1)?);
            }
            Json::List(items)
        }
        _ => {
            let mut members = Vec::new();
            for _ in 0..u.choose_index(4)? {
                members.push((text(u)?, any(u, depth + 1)?));
            }
            Json::Object(members)
        }
    })
}

fn number(u: &mut Unstructured) -> Result<f64> {
    Ok(match u.choose_index(4)? {
        0 | 1 => *u.choose(NUMBERS)?,
        2 => f64::from(u.arbitrary::<u32>()?),
        _ => u.arbitrary()?,
    })
}

/// A few pieces of the alphabet or any characters.
fn text(u: &mut Unstructured) -> Result<String> {
    let mut out = String::new();
    for _ in 0..(u.choose_index(7)? + 1) % 7 {
        if u.ratio(3u8, 4)? {
            out.push_str(u.choose(PIECES)?);
        } else {
            out.push(u.arbitrary()?);
        }
    }
    Ok(out)
}

/// A path or query value as given: a string, or a whole number (`-0` is `0`, as in JS).
fn given(value: &Json) -> Option<String> {
    match value {
        Json::Str(text) => Some(text.clone()),
        Json::Num(number) => Some(format!("{}", number + 0.0)),
        Json::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// Checks the request `entry` built from `params`, sent to `url`.
fn check(entry: &Entry, params: &Json, request: &Request, url: &str) {
    let name = entry.op.name;
    let parsed = url::Url::parse(url).unwrap_or_else(|e| panic!("{name}: {url}: {e}"));
    let after_scheme = url.split_once("://").map_or("", |(_, rest)| rest);
    let target = &after_scheme[after_scheme.find('/').unwrap_or(after_scheme.len())..];
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    assert_eq!(
        parsed.path(),
        path,
        "{name}: {url}: URL parsing changes the path"
    );
    assert_eq!(
        parsed.query(),
        query,
        "{name}: {url}: URL parsing changes the query"
    );
    let prefix = format!("/base{API_PREFIX}/");
    let rest = path
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{name}: {url}: not under {prefix}"));
    let segments: Vec<&str> = rest.split('/').collect();

    // The claims these params select: the most specific ones whose variant params they have.
    let claims = entry.claims();
    let selected = |specific: bool| {
        claims.iter().filter(move |(_, variant)| {
            let members = variant.as_object().map_or(0, |m| m.len());
            (members > 0) == specific
                && variant
                    .as_object()
                    .into_iter()
                    .flatten()
                    .all(|(key, value)| params.get(key) == &Json::from_serde(value))
        })
    };
    let candidates: Vec<&str> = match selected(true).next() {
        Some(_) => selected(true).map(|(key, _)| key.as_str()).collect(),
        None => selected(false).map(|(key, _)| key.as_str()).collect(),
    };
    let method = request.method.as_str();
    // A `{param}` segment matches only a given param; an absent one must take a static route.
    let matches = |key: &&&str| {
        let (m, template) = key.split_once(' ').unwrap_or_default();
        let wanted: Vec<&str> = template.trim_start_matches('/').split('/').collect();
        m == method
            && wanted.len() == segments.len()
            && wanted
                .iter()
                .zip(&segments)
                .all(|(w, g)| match param_name(w) {
                    Some(param) => given(params.get(param)).is_some(),
                    None => w == g,
                })
    };
    let Some(spec) = candidates.iter().find(matches) else {
        panic!("{name}: {method} {url} is none of {candidates:?} (claims {claims:?})");
    };
    let template = spec.split_once(' ').unwrap_or_default().1;
    for (got, want) in segments
        .iter()
        .zip(template.trim_start_matches('/').split('/'))
    {
        let Some(param) = param_name(want) else {
            continue;
        };
        assert!(
            !got.is_empty() && !got.contains(['/', '?', '#']),
            "{name}: {url}: {{{param}}} is not one segment"
        );
        let decoded = percent_decode_str(got).decode_utf8_lossy();
        assert!(
            !matches!(*got, "." | "..") && decoded != "." && decoded != "..",
            "{name}: {url}: {{{param}}} is a dot segment"
        );
        assert_eq!(
            Some(decoded.into_owned()),
            given(params.get(param)),
            "{name}: {url}: {{{param}}} changed"
        );
    }

    // The query: the given scalars that are not path params, scope or body.
    let mut sent: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    let mut wanted: Vec<(String, String)> = match params {
        Json::Object(members) => members
            .iter()
            .filter(|(key, _)| !matches!(key.as_str(), "scope" | "body"))
            .filter(|(key, _)| !entry.op.route.contains(&format!("{{{key}}}")))
            .filter_map(|(key, value)| Some((key.clone(), given(value)?)))
            .collect(),
        _ => Vec::new(),
    };
    sent.sort();
    wanted.sort();
    assert_eq!(
        sent, wanted,
        "{name}: {url}: the query is not the params given"
    );
    assert_eq!(
        request.body,
        !params.get("body").is_nothing(),
        "{name}: body sent or not"
    );
}

/// `name` of a `{name}` template segment.
fn param_name(segment: &str) -> Option<&str> {
    segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'))
}
