use std::fmt;

/// The fields of an `EG1-HMAC-SHA256` `Authorization` header, borrowed from the header text.
#[derive(Clone, PartialEq, Eq)]
pub struct AuthHeader<'a> {
    /// `client_token=`
    pub client_token: &'a str,
    /// `access_token=` (secret: not shown by `Debug`)
    pub access_token: &'a str,
    /// `timestamp=`
    pub timestamp: &'a str,
    /// `nonce=`
    pub nonce: &'a str,
    /// `signature=`
    pub signature: &'a str,
}

impl fmt::Debug for AuthHeader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthHeader")
            .field("client_token", &self.client_token)
            .field("access_token", &"[redacted]")
            .field("timestamp", &self.timestamp)
            .field("nonce", &self.nonce)
            .finish_non_exhaustive()
    }
}

/// Why an `Authorization` header could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthHeaderError(&'static str);

impl fmt::Display for AuthHeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for AuthHeaderError {}

/// Parses `EG1-HMAC-SHA256 client_token=..;access_token=..;timestamp=..;nonce=..;signature=..`.
pub fn parse_authorization(header: &str) -> Result<AuthHeader<'_>, AuthHeaderError> {
    let rest = header
        .strip_prefix("EG1-HMAC-SHA256 ")
        .ok_or(AuthHeaderError("not an EG1-HMAC-SHA256 header"))?;
    let mut fields = [""; 5];
    const NAMES: [&str; 5] = [
        "client_token",
        "access_token",
        "timestamp",
        "nonce",
        "signature",
    ];
    let mut parts = rest.split(';');
    for (slot, name) in fields.iter_mut().zip(NAMES) {
        let part = parts.next().ok_or(AuthHeaderError("missing field"))?;
        let (k, v) = part
            .split_once('=')
            .ok_or(AuthHeaderError("field without '='"))?;
        if k != name {
            return Err(AuthHeaderError("fields out of order or unknown"));
        }
        if v.is_empty() {
            return Err(AuthHeaderError("empty field"));
        }
        *slot = v;
    }
    if parts.next().is_some() {
        return Err(AuthHeaderError("trailing data after signature"));
    }
    Ok(AuthHeader {
        client_token: fields[0],
        access_token: fields[1],
        timestamp: fields[2],
        nonce: fields[3],
        signature: fields[4],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        let h = "EG1-HMAC-SHA256 client_token=a;access_token=b;timestamp=c;nonce=d;signature=e=";
        let p = parse_authorization(h).unwrap();
        assert_eq!((p.client_token, p.signature), ("a", "e="));
        assert!(!format!("{p:?}").contains("access_token: \"b\""));
        assert!(parse_authorization("Bearer x").is_err());
        assert!(parse_authorization("EG1-HMAC-SHA256 client_token=a;nonce=d").is_err());
    }
}
