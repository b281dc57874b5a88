use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::header::parse_authorization;
use crate::Credentials;

type HmacSha256 = Hmac<Sha256>;

/// What the signer needs of one request: the exact method, target, headers and body that go on the wire.
#[derive(Clone, Copy, Debug)]
pub struct SignRequest<'a> {
    /// HTTP method (any case; it is upper-cased).
    pub method: &'a str,
    /// The raw, still percent-encoded path plus `?query` exactly as sent (e.g. `/a/b;c?x=1`).
    pub path_and_query: &'a str,
    /// Request headers (name, value); only those named in `headers_to_sign` are used.
    pub headers: &'a [(&'a str, &'a str)],
    /// Request body bytes (only POST bodies are hashed).
    pub body: &'a [u8],
}

/// A computed signature: the `Authorization` header value and the data that was signed.
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    /// Value of the `Authorization` header (carries the access token: never log it).
    pub authorization: String,
    /// The tab-separated data to sign (useful to debug a 401).
    pub data_to_sign: String,
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signature")
            .field("authorization", &"[redacted]")
            .finish()
    }
}

fn hmac_base64(key: &[u8], message: &[u8]) -> String {
    // HMAC accepts keys of any length, so this never fails.
    let mut mac = match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC-SHA256 takes keys of any length"),
    };
    mac.update(message);
    STANDARD.encode(mac.finalize().into_bytes())
}

/// `base64(HMAC-SHA256(client_secret, timestamp))`, the per-request signing key.
pub fn signing_key(client_secret: &str, timestamp: &str) -> String {
    hmac_base64(client_secret.as_bytes(), timestamp.as_bytes())
}

/// The content hash field: base64 SHA-256 of the first `max_body` bytes of a non-empty POST body,
/// empty for every other method and for an empty body.
pub fn content_hash(method: &str, body: &[u8], max_body: usize) -> String {
    if !method.eq_ignore_ascii_case("POST") || body.is_empty() {
        return String::new();
    }
    let cut = &body[..body.len().min(max_body)];
    STANDARD.encode(Sha256::digest(cut))
}

fn canonical_headers(creds: &Credentials, headers: &[(&str, &str)]) -> String {
    let mut out: Vec<String> = Vec::new();
    for name in &creds.headers_to_sign {
        if let Some((_, value)) = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push(format!("{}:{}", name.to_ascii_lowercase(), value));
        }
    }
    out.join("\t")
}

/// Signs one request with a given timestamp (`yyyyMMddTHH:mm:ss+0000`) and nonce.
///
/// The host in the data to sign is `creds.host` in lower case; `accountSwitchKey` and every other
/// query parameter must already be in `path_and_query`.
pub fn sign(creds: &Credentials, req: &SignRequest<'_>, timestamp: &str, nonce: &str) -> Signature {
    let prefix = format!(
        "EG1-HMAC-SHA256 client_token={};access_token={};timestamp={};nonce={};",
        creds.client_token,
        creds.access_token.expose(),
        timestamp,
        nonce
    );
    let path = if req.path_and_query.is_empty() {
        "/"
    } else {
        req.path_and_query
    };
    let data_to_sign = [
        req.method.to_ascii_uppercase().as_str(),
        "https",
        creds.host.to_ascii_lowercase().as_str(),
        path,
        canonical_headers(creds, req.headers).as_str(),
        content_hash(req.method, req.body, creds.max_body).as_str(),
        prefix.as_str(),
    ]
    .join("\t");
    let key = signing_key(creds.client_secret.expose(), timestamp);
    let signature = hmac_base64(key.as_bytes(), data_to_sign.as_bytes());
    Signature {
        authorization: format!("{prefix}signature={signature}"),
        data_to_sign,
    }
}

/// Signs one request with the current time and a fresh random UUID v4 nonce (native targets).
#[cfg(not(target_arch = "wasm32"))]
pub fn sign_now(creds: &Credentials, req: &SignRequest<'_>) -> Signature {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut random = [0u8; 16];
    if getrandom::fill(&mut random).is_err() {
        // No OS random source: fall back to the clock's nanoseconds mixed with a hash, still unique per call.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let digest = Sha256::digest(nanos.to_le_bytes());
        random.copy_from_slice(&digest[..16]);
    }
    sign(creds, req, &timestamp_from_unix(secs), &make_nonce(random))
}

/// Formats 16 random bytes as a lowercase UUID v4 (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`).
pub fn make_nonce(mut random: [u8; 16]) -> String {
    random[6] = (random[6] & 0x0f) | 0x40;
    random[8] = (random[8] & 0x3f) | 0x80;
    let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Formats seconds since the Unix epoch as an EdgeGrid timestamp, e.g. `20140321T19:34:21+0000`.
pub fn timestamp_from_unix(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}{m:02}{d:02}T{:02}:{:02}:{:02}+0000",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Parses an EdgeGrid timestamp back into seconds since the Unix epoch; `None` if malformed.
pub fn parse_timestamp(ts: &str) -> Option<u64> {
    let b = ts.as_bytes();
    if b.len() != 22 || b[8] != b'T' || b[11] != b':' || b[14] != b':' || &ts[17..] != "+0000" {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u64> {
        let s = ts.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (y, mo, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (h, mi, s) = (num(9..11)?, num(12..14)?, num(15..17)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(y as i64, mo as i64, d as i64);
    if days < 0 {
        return None;
    }
    Some(days as u64 * 86_400 + h * 3600 + mi * 60 + s)
}

// Howard Hinnant's civil calendar algorithms.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Why a request's `Authorization` header was refused by [`verify`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// The header is missing or not an EG1-HMAC-SHA256 header.
    Malformed(String),
    /// The client token or access token is not the expected one.
    UnknownClient,
    /// The timestamp is outside the allowed window around `now`.
    Expired {
        /// Signed time (Unix seconds).
        signed_at: u64,
        /// Server time (Unix seconds).
        now: u64,
    },
    /// The signature does not match the request.
    BadSignature,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::Malformed(why) => write!(f, "malformed Authorization header: {why}"),
            VerifyError::UnknownClient => f.write_str("unknown client token or access token"),
            VerifyError::Expired { signed_at, now } => write!(
                f,
                "the timestamp is {}s away from the server clock",
                now.abs_diff(*signed_at)
            ),
            VerifyError::BadSignature => f.write_str("the signature does not match"),
        }
    }
}

impl std::error::Error for VerifyError {}

/// Verifies a request's `Authorization` header against `creds` (server side, as the API does).
///
/// The timestamp must be within `max_skew_secs` of `now`. The comparison of signatures takes
/// constant time.
pub fn verify(
    creds: &Credentials,
    req: &SignRequest<'_>,
    authorization: &str,
    now: u64,
    max_skew_secs: u64,
) -> Result<(), VerifyError> {
    let header =
        parse_authorization(authorization).map_err(|e| VerifyError::Malformed(e.to_string()))?;
    if !constant_time_eq(
        header.client_token.as_bytes(),
        creds.client_token.as_bytes(),
    ) || !constant_time_eq(
        header.access_token.as_bytes(),
        creds.access_token.expose().as_bytes(),
    ) {
        return Err(VerifyError::UnknownClient);
    }
    let signed_at = parse_timestamp(header.timestamp)
        .ok_or_else(|| VerifyError::Malformed("bad timestamp".into()))?;
    if signed_at.abs_diff(now) > max_skew_secs {
        return Err(VerifyError::Expired { signed_at, now });
    }
    let expected = sign(creds, req, header.timestamp, header.nonce);
    if constant_time_eq(expected.authorization.as_bytes(), authorization.as_bytes()) {
        Ok(())
    } else {
        Err(VerifyError::BadSignature)
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_round_trips() {
        assert_eq!(timestamp_from_unix(1_395_430_461), "20140321T19:34:21+0000");
        assert_eq!(
            parse_timestamp("20140321T19:34:21+0000"),
            Some(1_395_430_461)
        );
        for secs in [0u64, 951_782_400, 1_709_164_800, 4_102_444_799] {
            assert_eq!(parse_timestamp(&timestamp_from_unix(secs)), Some(secs));
        }
        assert_eq!(parse_timestamp("2014-03-21T19:34:21Z"), None);
        assert_eq!(parse_timestamp("20141321T19:34:21+0000"), None);
    }

    #[test]
    fn nonce_is_uuid_v4() {
        let n = make_nonce([0xff; 16]);
        assert_eq!(n, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }

    #[test]
    fn verify_accepts_own_signature_and_rejects_tampering() {
        let creds = Credentials::new("h.example", "ct", "cs", "at");
        let req = SignRequest {
            method: "GET",
            path_and_query: "/x?a=1",
            headers: &[],
            body: b"",
        };
        let ts = timestamp_from_unix(1_000_000);
        let sig = sign(&creds, &req, &ts, "n1");
        assert_eq!(
            verify(&creds, &req, &sig.authorization, 1_000_010, 300),
            Ok(())
        );
        let other = SignRequest {
            path_and_query: "/x?a=2",
            ..req
        };
        assert_eq!(
            verify(&creds, &other, &sig.authorization, 1_000_010, 300),
            Err(VerifyError::BadSignature)
        );
        assert!(matches!(
            verify(&creds, &req, &sig.authorization, 1_000_400, 300),
            Err(VerifyError::Expired { .. })
        ));
        let wrong = Credentials::new("h.example", "ct", "cs", "other");
        assert_eq!(
            verify(&wrong, &req, &sig.authorization, 1_000_010, 300),
            Err(VerifyError::UnknownClient)
        );
    }
}
