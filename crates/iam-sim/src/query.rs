//! Query strings: decoded once, then read as the typed values the spec declares.
//!
//! Unknown parameters are ignored (as the API does); a known parameter with a value of the wrong
//! type is a 400. Booleans are `true` or `false` only.

use crate::problem::ApiError;

/// The decoded `name=value` pairs of one request's query string, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryParams(Vec<(String, String)>);

impl QueryParams {
    /// Splits and percent-decodes a raw query string (`+` is a space).
    pub fn parse(raw: Option<&str>) -> Result<QueryParams, ApiError> {
        let mut pairs = Vec::new();
        for part in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            let decode = |s: &str| {
                percent_decode(&s.replace('+', " ")).ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "The query parameter `{part}` is not valid UTF-8"
                    ))
                })
            };
            pairs.push((decode(name)?, decode(value)?));
        }
        Ok(QueryParams(pairs))
    }

    /// The first value of `name`, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A boolean flag, `false` when absent.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name) {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(other) => Err(ApiError::bad_request(format!(
                "Invalid value `{other}` for query parameter `{name}`: expected `true` or `false`"
            ))),
        }
    }

    /// An optional value that must be one of `allowed`.
    pub fn one_of(&self, name: &str, allowed: &[&str]) -> Result<Option<&str>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if allowed.contains(&v) => Ok(Some(v)),
            Some(v) => Err(ApiError::bad_request(format!(
                "Invalid value `{v}` for query parameter `{name}`: expected one of {}",
                allowed.join(", ")
            ))),
        }
    }

    /// An optional integer.
    pub fn integer(&self, name: &str) -> Result<Option<i64>, ApiError> {
        self.get(name)
            .map(|v| {
                v.parse::<i64>().map_err(|_| {
                    ApiError::bad_request(format!(
                        "Invalid value `{v}` for query parameter `{name}`: expected an integer"
                    ))
                })
            })
            .transpose()
    }
}

/// Decodes `%XX` escapes once; `None` for a malformed escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_once_and_reads_typed_values() {
        let q = QueryParams::parse(Some("groupId=12&authGrants=true&k=a%252F%2Fb+c&flag")).unwrap();
        assert_eq!(q.integer("groupId"), Ok(Some(12)));
        assert_eq!(q.flag("authGrants"), Ok(true));
        assert_eq!(q.flag("actions"), Ok(false));
        assert_eq!(q.get("k"), Some("a%2F/b c"));
        assert_eq!(q.get("flag"), Some(""));
        assert!(q.flag("flag").is_err());
        assert!(QueryParams::parse(Some("x=%zz")).is_err());
        assert!(QueryParams::parse(Some("x=%ff")).is_err());
    }
}
