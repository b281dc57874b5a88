//! The request-target canonicaliser and validator: pure functions, no I/O.
//!
//! [`canonical_target`] decides whether a raw request target (`/path?query`, as received) may be
//! forwarded, and returns the exact string that is then signed and sent. It refuses rather than
//! repairs anything that could change which resource the upstream addresses (dot segments,
//! encoded separators, backslashes); the only rewrites are the harmless ones that make the target
//! stable under URL parsing: upper-case hex in percent-escapes, percent-encoding of query
//! characters that a URL parser would encode anyway, and dropping an empty `?`.

use std::fmt::Write as _;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

pub use crate::api::{API_PREFIX, MAX_TARGET_BYTES};
use crate::problem::Refusal;

/// The query parameter Akamai uses to act on another account.
const ACCOUNT_SWITCH_KEY: &str = "accountSwitchKey";

/// Everything but the RFC 3986 unreserved characters is percent-encoded in a query value.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Checks a raw request target and returns its canonical form, the string to sign and forward.
///
/// Accepted: origin-form targets (`/…`) of printable ASCII whose path starts with [`API_PREFIX`].
/// Refused:
/// - a target longer than [`MAX_TARGET_BYTES`]: [`Refusal::UriTooLong`];
/// - anything not starting with `/` (absolute-form, authority-form, `*`): [`Refusal::TargetForm`];
/// - `.` or `..` segments (also `..;x`), a backslash, or a percent-escape that decodes to `.`, `/`,
///   `\` or `%` (double encoding) in the path: [`Refusal::PathTraversal`];
/// - an empty segment (`//`) or a path outside the prefix: [`Refusal::PathNotAllowed`];
/// - spaces, control or non-ASCII bytes, `#`, a bad percent-escape, an encoded control character
///   in the path, or a path character outside RFC 3986 `pchar`: [`Refusal::MalformedTarget`].
///
/// In the query, percent-escapes are validated and upper-cased, and the printable characters that
/// RFC 3986 does not allow there (plus `'`, which URL parsers encode) are percent-encoded.
pub fn canonical_target(raw: &str) -> Result<String, Refusal> {
    if raw.len() > MAX_TARGET_BYTES {
        return Err(Refusal::UriTooLong);
    }
    if !raw.starts_with('/') {
        return Err(Refusal::TargetForm);
    }
    if raw.contains('\\') {
        return Err(Refusal::PathTraversal("a backslash"));
    }
    if let Some(b) = raw.bytes().find(|b| !(0x21..=0x7e).contains(b)) {
        return Err(Refusal::MalformedTarget(if b == b' ' {
            "a space"
        } else {
            "a control or non-ASCII character"
        }));
    }
    if raw.contains('#') {
        return Err(Refusal::MalformedTarget("a fragment ('#')"));
    }
    let (path, query) = match raw.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (raw, None),
    };
    let mut out = canonical_path(path)?;
    if let Some(query) = query.filter(|q| !q.is_empty()) {
        out.push('?');
        canonical_query(query, &mut out)?;
    }
    // Encoding can triple the query; the output must pass this function again unchanged.
    if out.len() > MAX_TARGET_BYTES {
        return Err(Refusal::UriTooLong);
    }
    Ok(out)
}

fn canonical_path(path: &str) -> Result<String, Refusal> {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let decoded = escape_at(bytes, i)?;
            match decoded {
                b'.' | b'/' | b'\\' => {
                    return Err(Refusal::PathTraversal(
                        "an encoded '.', '/' or '\\' (%2E, %2F, %5C)",
                    ))
                }
                b'%' => return Err(Refusal::PathTraversal("double encoding (%25)")),
                0..=0x1f | 0x7f => {
                    return Err(Refusal::MalformedTarget(
                        "an encoded control character in the path",
                    ))
                }
                _ => {}
            }
            push_escape(&mut out, decoded);
            i += 3;
        } else if is_pchar(b) || b == b'/' {
            out.push(char::from(b));
            i += 1;
        } else {
            return Err(Refusal::MalformedTarget(
                "a character that is not allowed in a path",
            ));
        }
    }
    let segments: Vec<&str> = out.split('/').skip(1).collect();
    for (n, segment) in segments.iter().enumerate() {
        let name = segment.split(';').next().unwrap_or_default();
        if name == "." || name == ".." {
            return Err(Refusal::PathTraversal("a '.' or '..' segment"));
        }
        if segment.is_empty() && n + 1 < segments.len() {
            return Err(Refusal::PathNotAllowed(
                "the path has an empty segment ('//')",
            ));
        }
    }
    if !out.starts_with(API_PREFIX) {
        return Err(Refusal::PathNotAllowed("the path is outside the IAM API"));
    }
    Ok(out)
}

fn canonical_query(query: &str, out: &mut String) -> Result<(), Refusal> {
    let bytes = query.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            push_escape(out, escape_at(bytes, i)?);
            i += 3;
        } else {
            if (is_pchar(b) || b == b'/' || b == b'?') && b != b'\'' {
                out.push(char::from(b));
            } else {
                push_escape(out, b);
            }
            i += 1;
        }
    }
    Ok(())
}

/// Decodes the percent-escape starting at `bytes[i]` (which is `%`).
fn escape_at(bytes: &[u8], i: usize) -> Result<u8, Refusal> {
    let hex = |n: usize| bytes.get(i + n).and_then(|&b| char::from(b).to_digit(16));
    match (hex(1), hex(2)) {
        // Both digits are < 16, so the value fits a byte.
        (Some(hi), Some(lo)) => Ok(u8::try_from(hi * 16 + lo).unwrap_or(0)),
        _ => Err(Refusal::MalformedTarget(
            "a '%' not followed by two hex digits",
        )),
    }
}

fn push_escape(out: &mut String, b: u8) {
    let _ = write!(out, "%{b:02X}");
}

/// RFC 3986 `pchar` minus `%`: unreserved, sub-delims, `:` and `@`.
fn is_pchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b)
}

/// Appends `accountSwitchKey=<key>` (percent-encoded) to a canonical target, unless its query
/// already has an `accountSwitchKey` parameter (the caller's choice wins; it is never doubled).
pub fn with_account_switch_key(target: &str, key: &str) -> String {
    let query = target.split_once('?').map(|(_, q)| q);
    let present = query.is_some_and(|q| {
        q.split('&').any(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            percent_encoding::percent_decode_str(name).decode_utf8_lossy() == ACCOUNT_SWITCH_KEY
        })
    });
    if present {
        return target.to_owned();
    }
    let separator = match query {
        None => "?",
        Some(q) if q.is_empty() || q.ends_with('&') => "",
        Some(_) => "&",
    };
    format!(
        "{target}{separator}{ACCOUNT_SWITCH_KEY}={}",
        utf8_percent_encode(key, QUERY_VALUE)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "/identity-management/v3/user-admin/groups";

    #[test]
    fn plain_targets_pass_unchanged() {
        for t in [
            P,
            "/identity-management/v3/",
            "/identity-management/v3/user-admin/ui-identities/F-CO-123?actions=true&authGrants=true",
            "/identity-management/v3/x?q=a%2Fb&e=user%40example.com",
            "/identity-management/v3/a;b=c/d",
            "/identity-management/v3/x/",
        ] {
            assert_eq!(canonical_target(t).as_deref(), Ok(t), "{t}");
        }
    }

    #[test]
    fn escapes_are_upper_cased_and_odd_query_chars_encoded() {
        assert_eq!(
            canonical_target(&format!("{P}/a%c3%a9?x=%7b'\"|^&y=")).as_deref(),
            Ok(&*format!("{P}/a%C3%A9?x=%7B%27%22%7C%5E&y="))
        );
        assert_eq!(canonical_target(&format!("{P}?")).as_deref(), Ok(P));
    }

    #[test]
    fn traversal_is_refused() {
        for t in [
            "/identity-management/v3/../v2/x",
            "/identity-management/v3/./x",
            "/identity-management/v3/x/..",
            "/identity-management/v3/..;/x",
            "/identity-management/v3/%2e%2e/x",
            "/identity-management/v3/%2E%2E/x",
            "/identity-management/v3/.%2e/x",
            "/identity-management/v3/a%2fb",
            "/identity-management/v3/a%5Cb",
            "/identity-management/v3/a\\b",
            "/identity-management/v3/%252e%252e/x",
            "/identity-management/v3/x?q=\\",
        ] {
            assert!(
                matches!(canonical_target(t), Err(Refusal::PathTraversal(_))),
                "{t}: {:?}",
                canonical_target(t)
            );
        }
    }

    #[test]
    fn other_paths_and_forms_are_refused() {
        assert!(matches!(
            canonical_target("/"),
            Err(Refusal::PathNotAllowed(_))
        ));
        assert!(matches!(
            canonical_target("/identity-management/v2/x"),
            Err(Refusal::PathNotAllowed(_))
        ));
        assert!(matches!(
            canonical_target("/identity-management/v3"),
            Err(Refusal::PathNotAllowed(_))
        ));
        assert!(matches!(
            canonical_target("//identity-management/v3/x"),
            Err(Refusal::PathNotAllowed(_))
        ));
        assert!(matches!(
            canonical_target("/identity-management/v3//x"),
            Err(Refusal::PathNotAllowed(_))
        ));
        for t in ["http://evil/identity-management/v3/x", "evil:443", "*", ""] {
            assert_eq!(canonical_target(t), Err(Refusal::TargetForm), "{t}");
        }
        for t in [
            "/identity-management/v3/a b",
            "/identity-management/v3/a%zz",
            "/identity-management/v3/a%2",
            "/identity-management/v3/a%00",
            "/identity-management/v3/a#f",
            "/identity-management/v3/a{b}",
            "/identity-management/v3/é",
        ] {
            assert!(
                matches!(canonical_target(t), Err(Refusal::MalformedTarget(_))),
                "{t}"
            );
        }
    }

    #[test]
    fn long_targets_are_refused_before_and_after_encoding() {
        let long = format!("{P}?q={}", "a".repeat(MAX_TARGET_BYTES));
        assert_eq!(canonical_target(&long), Err(Refusal::UriTooLong));
        // Short enough as sent, too long once each '|' becomes %7C: refused, so that every
        // accepted output is accepted again unchanged.
        let grows = format!("{P}?q={}", "|".repeat(MAX_TARGET_BYTES / 2));
        assert_eq!(canonical_target(&grows), Err(Refusal::UriTooLong));
    }

    #[test]
    fn canonical_targets_survive_url_parsing_unchanged() {
        for t in [
            format!("{P}?x=%7b'\"|^`[]&y=a+b"),
            format!("{P}/a;b,c=d:e@f!$&'()*+?q=/?:@"),
        ] {
            let c = canonical_target(&t).unwrap_or_default();
            let url = reqwest::Url::parse(&format!("https://h.example{c}"));
            let url = url.map_err(|e| e.to_string());
            let round = url.map(|u| {
                let mut s = u.path().to_owned();
                if let Some(q) = u.query() {
                    s.push('?');
                    s.push_str(q);
                }
                s
            });
            assert_eq!(round.as_deref(), Ok(&*c), "{t}");
        }
    }

    #[test]
    fn account_switch_key_is_added_once_and_encoded() {
        assert_eq!(
            with_account_switch_key(P, "1-ABC:2 3"),
            format!("{P}?accountSwitchKey=1-ABC%3A2%203")
        );
        assert_eq!(
            with_account_switch_key(&format!("{P}?a=1"), "K"),
            format!("{P}?a=1&accountSwitchKey=K")
        );
        let present = format!("{P}?accountSwitchKey=OTHER&a=1");
        assert_eq!(with_account_switch_key(&present, "K"), present);
        let encoded = format!("{P}?account%53witchKey=OTHER");
        assert_eq!(with_account_switch_key(&encoded, "K"), encoded);
    }
}
