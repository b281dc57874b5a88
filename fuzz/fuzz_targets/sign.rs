//! EdgeGrid signing and verification on arbitrary requests.
//!
//! Input (text, so that seeds can be written by hand; see seeds/sign/):
//! ```text
//! METHOD
//! /path?query
//! host
//! max_body                 (decimal; empty for the default)
//! headers_to_sign          (comma-separated names)
//! Name: value              (request headers, up to an empty line)
//!
//! body bytes (anything, to the end)
//! ```
//! Oracles: signing never panics; `verify(sign(x))` accepts; changing one byte of anything that
//! is signed makes `verify` refuse (every byte of the method, path, host and signed header values
//! where the change survives upper-casing, lower-casing or whitespace folding as the algorithm
//! prescribes; body bytes within `max_body` of a POST), and changing a byte that is not signed
//! (a POST body past `max_body`, any other method's body, an unsigned header) leaves it accepted.
#![no_main]

use edgegrid::{make_nonce, sign, timestamp_from_unix, verify, Credentials, SignRequest};
use libfuzzer_sys::fuzz_target;

const NOW: u64 = 1_395_430_461;
const TOKENS: (&str, &str, &str) = ("akab-ct", "c2VjcmV0", "akab-at");

/// Most flips tried per field, spread evenly over it.
const MAX_FLIPS: usize = 48;

struct Input<'a> {
    method: String,
    path: String,
    host: String,
    max_body: Option<usize>,
    headers_to_sign: Vec<String>,
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

fn parse(data: &[u8]) -> Option<Input<'_>> {
    let mut rest = data;
    let mut line = || -> Option<String> {
        let end = rest.iter().position(|&b| b == b'\n')?;
        let text = std::str::from_utf8(&rest[..end]).ok()?.to_owned();
        rest = &rest[end + 1..];
        Some(text)
    };
    let method = line()?;
    let path = line()?;
    let host = line()?;
    let max_body = line()?;
    let max_body = if max_body.is_empty() {
        None
    } else {
        Some(max_body.parse().ok()?)
    };
    let headers_to_sign = line()?
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let mut headers = Vec::new();
    loop {
        let l = line()?;
        if l.is_empty() {
            break;
        }
        let (name, value) = l.split_once(':')?;
        headers.push((name.to_owned(), value.trim_start().to_owned()));
    }
    Some(Input {
        method,
        path,
        host,
        max_body,
        headers_to_sign,
        headers,
        body: rest,
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = parse(data) else {
        return;
    };
    let (ct, cs, at) = TOKENS;
    let mut creds = Credentials::new(&input.host, ct, cs, at);
    if let Some(max_body) = input.max_body {
        creds.max_body = max_body;
    }
    creds.headers_to_sign = input.headers_to_sign.clone();
    let timestamp = timestamp_from_unix(NOW);
    let nonce = make_nonce([7; 16]);
    let headers: Vec<(&str, &str)> = input
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let req = SignRequest {
        method: &input.method,
        path_and_query: &input.path,
        headers: &headers,
        body: input.body,
    };
    let signature = sign(&creds, &req, &timestamp, &nonce);
    let auth = signature.authorization.as_str();
    let check = |what: &str, creds: &Credentials, req: &SignRequest<'_>, signed: bool| {
        let verdict = verify(creds, req, auth, NOW, 300);
        if signed {
            assert!(
                verdict.is_err(),
                "{what}: a changed signed byte was accepted"
            );
        } else {
            assert_eq!(verdict, Ok(()), "{what}: refused");
        }
    };
    check("verify(sign(x))", &creds, &req, false);

    // The method: signed as upper case.
    for (i, m) in flips(&input.method) {
        let changed = m.to_ascii_uppercase() != input.method.to_ascii_uppercase();
        check(
            &format!("method byte {i}"),
            &creds,
            &SignRequest { method: &m, ..req },
            changed,
        );
    }
    // The path and query: signed as sent.
    for (i, p) in flips(&input.path) {
        let req = SignRequest {
            path_and_query: &p,
            ..req
        };
        check(&format!("path byte {i}"), &creds, &req, true);
    }
    // The host: signed in lower case (the verifier's configured host stands for it).
    for (i, h) in flips(&creds.host) {
        let changed = h.to_ascii_lowercase() != creds.host.to_ascii_lowercase();
        let other = Credentials {
            host: h,
            ..creds.clone()
        };
        check(&format!("host byte {i}"), &other, &req, changed);
    }
    // Headers: the first header of each name in headers_to_sign is signed, whitespace folded.
    for (n, (name, value)) in input.headers.iter().enumerate() {
        let first = headers
            .iter()
            .position(|(h, _)| h.eq_ignore_ascii_case(name))
            == Some(n);
        let listed = creds
            .headers_to_sign
            .iter()
            .any(|s| s.eq_ignore_ascii_case(name));
        for (i, v) in flips(value) {
            let changed = first && listed && fold(&v) != fold(value);
            let mut list = headers.clone();
            list[n].1 = &v;
            let req = SignRequest {
                headers: &list,
                ..req
            };
            check(&format!("header {name} byte {i}"), &creds, &req, changed);
        }
    }
    // The body: only a POST's first max_body bytes are signed.
    let post = input.method.eq_ignore_ascii_case("POST");
    let len = input.body.len();
    let max = creds.max_body;
    let mut positions = vec![
        0,
        len / 2,
        max.saturating_sub(1),
        max,
        len.saturating_sub(1),
    ];
    positions.retain(|&i| i < len);
    positions.dedup();
    for i in positions {
        let mut body = input.body.to_vec();
        body[i] ^= 0x01;
        let req = SignRequest { body: &body, ..req };
        check(&format!("body byte {i}"), &creds, &req, post && i < max);
    }
});

/// `value` with one byte changed (`^ 0x01`), for up to [`MAX_FLIPS`] positions spread over it;
/// changes that do not leave valid UTF-8 are skipped.
fn flips(value: &str) -> Vec<(usize, String)> {
    let len = value.len();
    let step = len.div_ceil(MAX_FLIPS).max(1);
    (0..len)
        .step_by(step)
        .filter_map(|i| {
            let mut bytes = value.as_bytes().to_vec();
            bytes[i] ^= 0x01;
            String::from_utf8(bytes).ok().map(|s| (i, s))
        })
        .collect()
}

/// A header value as the algorithm signs it: whitespace runs folded to one space, trimmed.
fn fold(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}
