//! Describing a request is pure data: an operation builds a [`Request`], the transport sends it.
//!
//! Nothing here touches the network, so native tests can check every request of every operation.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::IamError;

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

/// A path parameter as the operation will send it: not empty, not `.` or `..` (URL parsers would
/// resolve those even when percent-encoded).
pub fn path_param(operation: &str, field: &str, value: &str) -> Result<String, IamError> {
    match value {
        "" => Err(IamError::validation(
            operation,
            Some(field),
            "must not be empty",
        )),
        "." | ".." => Err(IamError::validation(
            operation,
            Some(field),
            "must not be `.` or `..`",
        )),
        _ => Ok(value.to_owned()),
    }
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
    pub query: Vec<(&'static str, String)>,
    /// The JSON body, if the operation sends one.
    pub body: Option<serde_json::Value>,
    /// The statuses that mean success; any other is an `http` error.
    pub expected: &'static [u16],
}

impl Request {
    /// A request of `method` to `path` (static segments) that succeeds with 200.
    pub fn new(operation: &'static str, method: Method, path: &[&'static str]) -> Self {
        Self {
            operation,
            method,
            path: path.iter().map(|segment| Cow::Borrowed(*segment)).collect(),
            query: Vec::new(),
            body: None,
            expected: &[200],
        }
    }

    /// A `GET` of `path` that succeeds with 200.
    pub fn get(operation: &'static str, path: &[&'static str]) -> Self {
        Self::new(operation, Method::Get, path)
    }

    /// A `POST` to `path` that succeeds with 200 (see [`Request::expect`]).
    pub fn post(operation: &'static str, path: &[&'static str]) -> Self {
        Self::new(operation, Method::Post, path)
    }

    /// A `PUT` to `path` that succeeds with 200 (see [`Request::expect`]).
    pub fn put(operation: &'static str, path: &[&'static str]) -> Self {
        Self::new(operation, Method::Put, path)
    }

    /// A `DELETE` of `path` that succeeds with 204.
    pub fn delete(operation: &'static str, path: &[&'static str]) -> Self {
        Self::new(operation, Method::Delete, path).expect(&[204])
    }

    /// The statuses that mean success (the spec's: 200, 201 or 204; both 200 and 204 for
    /// "Reset a user's password").
    pub fn expect(mut self, statuses: &'static [u16]) -> Self {
        self.expected = statuses;
        self
    }

    /// Appends static path segments.
    pub fn segments(mut self, segments: &[&'static str]) -> Self {
        self.path
            .extend(segments.iter().map(|segment| Cow::Borrowed(*segment)));
        self
    }

    /// Sets the JSON body; serialising a typed body never fails for the types of this crate, but a
    /// failure is reported as a `validation` error rather than lost.
    pub fn body<T: serde::Serialize>(mut self, body: &T) -> Result<Self, IamError> {
        let value = serde_json::to_value(body).map_err(|error| {
            IamError::validation(self.operation, Some("body"), &error.to_string())
        })?;
        self.body = Some(value);
        Ok(self)
    }

    /// Appends a path segment, typically a path parameter checked by [`path_param`].
    pub fn segment(mut self, segment: impl Into<Cow<'static, str>>) -> Self {
        self.path.push(segment.into());
        self
    }

    /// Appends a query parameter when it has a value.
    pub fn query(mut self, name: &'static str, value: Option<impl ToString>) -> Self {
        if let Some(value) = value {
            self.query.push((name, value.to_string()));
        }
        self
    }

    /// Adds the client's `accountSwitchKey` unless the call gave its own.
    pub fn or_account_switch_key(self, default: Option<&str>) -> Self {
        if self
            .query
            .iter()
            .any(|(name, _)| *name == ACCOUNT_SWITCH_KEY)
        {
            self
        } else {
            self.query(ACCOUNT_SWITCH_KEY, default)
        }
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
    use crate::error::IamErrorKind;

    fn base(url: &str) -> BaseUrl {
        BaseUrl::parse(url).expect("valid base URL")
    }

    #[test]
    fn segment_with_slash_dots_query_and_fragment_stays_one_segment() {
        let request =
            Request::get("getUser", &["user-admin", "ui-identities"]).segment("a/../b?c#d");
        assert_eq!(
            request.url(&base("http://127.0.0.1:8600")),
            "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities/a%2F..%2Fb%3Fc%23d"
        );
    }

    #[test]
    fn segment_encodes_percent_space_and_non_ascii() {
        let request = Request::get("getUser", &["u"]).segment("50% ü");
        assert_eq!(
            request.url(&base("http://h")),
            "http://h/identity-management/v3/u/50%25%20%C3%BC"
        );
    }

    #[test]
    fn query_values_are_form_encoded_in_order() {
        let request = Request::get("listUsers", &["user-admin", "ui-identities"])
            .query("groupId", Some(12345))
            .query("authGrants", Some(true))
            .query("actions", None::<bool>)
            .query(ACCOUNT_SWITCH_KEY, Some("1-5C0YLB:1-8BYUX&x=y z"));
        assert_eq!(
            request.url(&base("http://h")),
            "http://h/identity-management/v3/user-admin/ui-identities\
             ?groupId=12345&authGrants=true&accountSwitchKey=1-5C0YLB%3A1-8BYUX%26x%3Dy+z"
        );
    }

    #[test]
    fn base_url_with_or_without_trailing_slash_gives_the_same_url() {
        let request = Request::get("listUsers", &["user-admin", "ui-identities"]);
        let expected = "http://127.0.0.1:8600/identity-management/v3/user-admin/ui-identities";
        assert_eq!(request.url(&base("http://127.0.0.1:8600")), expected);
        assert_eq!(request.url(&base("http://127.0.0.1:8600/")), expected);
    }

    #[test]
    fn base_url_path_prefix_is_kept() {
        let request = Request::get("listUsers", &["user-admin"]);
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
        let own = Request::get("listUsers", &[])
            .query(ACCOUNT_SWITCH_KEY, Some("call"))
            .or_account_switch_key(Some("client"));
        assert_eq!(own.query, vec![(ACCOUNT_SWITCH_KEY, "call".to_owned())]);
        let default = Request::get("listUsers", &[]).or_account_switch_key(Some("client"));
        assert_eq!(
            default.query,
            vec![(ACCOUNT_SWITCH_KEY, "client".to_owned())]
        );
        let none = Request::get("listUsers", &[]).or_account_switch_key(None);
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

    #[test]
    fn path_param_refuses_empty_and_dot_segments() {
        for bad in ["", ".", ".."] {
            let error = path_param("getUser", "uiIdentityId", bad).expect_err("refused");
            assert_eq!(error.kind, IamErrorKind::Validation);
            assert_eq!(error.field.as_deref(), Some("uiIdentityId"));
        }
        assert_eq!(
            path_param("getUser", "uiIdentityId", "...").ok().as_deref(),
            Some("...")
        );
    }
}
