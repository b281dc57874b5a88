//! The request id: taken from the client's `X-Request-Id` when it is a plausible id, made
//! otherwise; forwarded upstream, returned to the client and written in each log event.

use axum::http::{HeaderMap, HeaderName, HeaderValue};

/// `x-request-id`.
pub(crate) static HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Longest id taken from a client.
const MAX_LEN: usize = 128;

/// The client's id when there is exactly one `X-Request-Id` of 1 to 128 ASCII letters, digits,
/// `-`, `_`, `.` or `:` (UUIDs, ULIDs, hex and most tracing ids); a fresh UUID otherwise, so that a
/// hostile value never reaches a log line or the upstream.
pub(crate) fn take_or_make(headers: &HeaderMap) -> HeaderValue {
    let mut given = headers.get_all(&HEADER).iter();
    if let (Some(value), None) = (given.next(), given.next()) {
        if is_valid(value.as_bytes()) {
            return value.clone();
        }
    }
    make()
}

fn is_valid(id: &[u8]) -> bool {
    (1..=MAX_LEN).contains(&id.len())
        && id
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// A fresh id as a header value.
fn make() -> HeaderValue {
    // A UUID is ASCII hex and dashes: always a valid header value.
    HeaderValue::from_str(&new_uuid()).unwrap_or_else(|_| HeaderValue::from_static("-"))
}

/// A random (version 4) UUID; without OS randomness, a process-wide counter still makes every
/// one distinct.
pub(crate) fn new_uuid() -> String {
    let mut random = [0u8; 16];
    if getrandom::fill(&mut random).is_err() {
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        random[..8].copy_from_slice(&n.to_le_bytes());
    }
    edgegrid::make_nonce(random)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(values: &[&'static str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(&HEADER, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn plausible_ids_are_kept_others_replaced() {
        for ok in [
            "abc-123",
            "01HZX3J9Q4",
            "a:b.c_d",
            "550e8400-e29b-41d4-a716-446655440000",
        ] {
            assert_eq!(take_or_make(&with(&[ok])), ok);
        }
        let long: &'static str = Box::leak("a".repeat(129).into_boxed_str());
        for bad in ["", "a b", "a=b", "x\"y", long] {
            let made = take_or_make(&with(&[bad]));
            assert_ne!(made, bad);
            assert!(is_valid(made.as_bytes()), "{made:?}");
        }
        assert_ne!(take_or_make(&with(&["a", "b"])), "a");
        assert_ne!(
            take_or_make(&HeaderMap::new()),
            take_or_make(&HeaderMap::new())
        );
    }
}
