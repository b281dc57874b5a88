//! Describing a request is pure data: an operation builds a [`Request`], the transport sends it.
//!
//! Nothing here touches the network, so native tests can check every request of every operation.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Where every path of the IAM API v3 starts.
pub const API_PREFIX: &str = "/identity-management/v3";

/// The query parameter every operation accepts for acting on another account.
pub const ACCOUNT_SWITCH_KEY: &str = "accountSwitchKey";

/// In a path segment, everything but RFC 3986 unreserved characters is percent-encoded, so `/`,
/// `?`, `#` and `%` inside a value stay in its one segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The HTTP methods of the IAM API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method's name as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// A checked base URL (the signing proxy's): `http` or `https`, a host, an optional path prefix,
/// no user info, query or fragment. Kept without a trailing slash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks `url`; the error says why it is refused.
    pub fn parse(url: &str) -> Result<Self, &'static str> {
        if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("must not contain whitespace");
        }
        let scheme_end = url
            .find("://")
            .ok_or("must be an http(s) URL, e.g. http://127.0.0.1:8600")?;
        if !matches!(
            url[..scheme_end].to_ascii_lowercase().as_str(),
            "http" | "https"
        ) {
            return Err("must be an http(s) URL, e.g. http://127.0.0.1:8600");
        }
        if url.contains(['?', '#']) {
            return Err("must not have a query or fragment");
        }
        let rest = &url[scheme_end + 3..];
        let authority = rest.split('/').next().unwrap_or_default();
        if authority.is_empty() {
            return Err("must name a host");
        }
        if authority.contains('@') {
            return Err("must not contain user info");
        }
        Ok(Self(url.trim_end_matches('/').to_owned()))
    }

    /// The URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks an extra header the way fetch would, so a bad one is a `validation` error up front
/// instead of an exception thrown from inside fetch: the name an RFC 9110 token, the value free of
/// NUL, CR and LF and within Latin-1.
pub fn check_header(name: &str, value: &str) -> Result<(), &'static str> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token) {
        return Err("header names must be HTTP tokens");
    }
    if value
        .chars()
        .any(|c| matches!(c, '\0' | '\r' | '\n') || u32::from(c) > 0xFF)
    {
        return Err("header values must be Latin-1 without NUL, CR or LF");
    }
    Ok(())
}

/// One request of one operation, as data.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The operation's JS name, e.g. `getUser`; errors carry it.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// Path segments after [`API_PREFIX`], unencoded.
    pub path: Vec<Cow<'static, str>>,
    /// Query parameters in order, unencoded.
    pub query: Vec<(String, String)>,
    /// Whether the params' `body` is sent (as JS's `JSON.stringify` of it).
    pub body: bool,
    /// A top-level body field sent with a normalised value instead of the one given.
    pub patch: Option<(&'static str, String)>,
    /// The statuses that mean success; any other is an `http` error.
    pub expected: &'static [u16],
}

impl Request {
    /// A request of `op` with `method`, no path, query or body yet.
    pub fn new(op: &'static crate::op::Op, method: Method) -> Self {
        Self {
            operation: op.name,
            method,
            path: Vec::new(),
            query: Vec::new(),
            body: false,
            patch: None,
            expected: op.expected,
        }
    }

    /// Adds the client's `accountSwitchKey` unless the call gave its own.
    pub fn or_account_switch_key(mut self, default: Option<&str>) -> Self {
        if let Some(key) = default {
            if !self
                .query
                .iter()
                .any(|(name, _)| name == ACCOUNT_SWITCH_KEY)
            {
                self.query
                    .push((ACCOUNT_SWITCH_KEY.to_owned(), key.to_owned()));
            }
        }
        self
    }

    /// The full URL: base, [`API_PREFIX`], each segment percent-encoded, the query form-encoded.
    pub fn url(&self, base: &BaseUrl) -> String {
        let mut url = format!("{}{API_PREFIX}", base.as_str());
        for segment in &self.path {
            url.push('/');
            url.extend(utf8_percent_encode(segment, SEGMENT));
        }
        if !self.query.is_empty() {
            url.push('?');
            let start = url.len();
            form_urlencoded::Serializer::for_suffix(&mut url, start).extend_pairs(&self.query);
        }
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(url: &str) -> BaseUrl {
        BaseUrl::parse(url).expect("valid base URL")
    }

    fn get(path: &[&'static str]) -> Request {
        Request {
            operation: "listUsers",
            method: Method::Get,
            path: path.iter().map(|segment| Cow::Borrowed(*segment)).collect(),
            query: Vec::new(),
            body: false,
            patch: None,
            expected: &[200],
        }
    }

    fn with_query(mut request: Request, query: &[(&str, &str)]) -> Request {
        request.query = query
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        request
    }

    #[test]
    fn segment_with_slash_dots_query_and_fragment_stays_one_segment() {
        let request = get(&["user-admin", "ui-identities", "a/../b?c#d"]);
        assert_eq!(
            request.url(&base("http://127.0.0.1:8600")),
            "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities/a%2F..%2Fb%3Fc%23d"
        );
    }

    #[test]
    fn segment_encodes_percent_space_and_non_ascii() {
        let request = get(&["u", "50% ü"]);
        assert_eq!(
            request.url(&base("http://h")),
            "http://h/identity-management/v3/u/50%25%20%C3%BC"
        );
    }

    #[test]
    fn query_values_are_form_encoded_in_order() {
        let request = with_query(
            get(&["user-admin", "ui-identities"]),
            &[
                ("groupId", "12345"),
                ("authGrants", "true"),
                (ACCOUNT_SWITCH_KEY, "1-5C0YLB:1-8BYUX&x=y z"),
            ],
        );
        assert_eq!(
            request.url(&base("http://h")),
            "http://h/identity-management/v3/user-admin/ui-identities\
             ?groupId=12345&authGrants=true&accountSwitchKey=1-5C0YLB%3A1-8BYUX%26x%3Dy+z"
        );
    }

    #[test]
    fn base_url_with_or_without_trailing_slash_gives_the_same_url() {
        let request = get(&["user-admin", "ui-identities"]);
        let expected = "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities";
        assert_eq!(request.url(&base("http://127.0.0.1:8600")), expected);
        assert_eq!(request.url(&base("http://127.0.0.1:8600/")), expected);
    }

    #[test]
    fn base_url_path_prefix_is_kept() {
        let request = get(&["user-admin"]);
        assert_eq!(
            request.url(&base("https://example.com/akamai/")),
            "https://example.com/akamai/identity-management/v3/user-admin"
        );
    }

    #[test]
    fn base_url_must_be_http_or_https_with_a_host() {
        assert!(BaseUrl::parse("HTTPS://example.com").is_ok());
        for bad in [
            "",
            "127.0.0.1:8600",
            "ftp://example.com",
            "javascript:alert(1)",
            "http://",
            "http:///path",
            "http://user:pw@example.com",
            "http://example.com/?x=1",
            "http://example.com/#top",
            "http://exa mple.com",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn account_switch_key_of_the_call_wins_over_the_client_default() {
        let key = |query: &[(String, String)]| query.to_vec();
        let own = with_query(get(&[]), &[(ACCOUNT_SWITCH_KEY, "call")])
            .or_account_switch_key(Some("client"));
        assert_eq!(
            key(&own.query),
            [(ACCOUNT_SWITCH_KEY.to_owned(), "call".to_owned())]
        );
        let default = get(&[]).or_account_switch_key(Some("client"));
        assert_eq!(
            key(&default.query),
            [(ACCOUNT_SWITCH_KEY.to_owned(), "client".to_owned())]
        );
        let none = get(&[]).or_account_switch_key(None);
        assert!(none.query.is_empty());
    }

    #[test]
    fn headers_are_checked_like_fetch_does() {
        assert!(check_header("x-trace-id", "abc 123").is_ok());
        for (name, value) in [
            ("", "v"),
            ("bad name", "v"),
            ("x:y", "v"),
            ("x", "a\r\nb"),
            ("x", "€"),
        ] {
            assert!(
                check_header(name, value).is_err(),
                "{name:?}: {value:?} should be refused"
            );
        }
    }
}
