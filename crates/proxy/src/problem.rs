//! Refusals and their `application/problem+json` (RFC 9457) responses.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::api::{ALLOWED_METHODS, API_PREFIX, MAX_TARGET_BYTES};

/// Prefix of every problem `type` URI this proxy emits.
const TYPE_PREFIX: &str = "urn:iam-proxy:problem:";

/// Why the proxy answered a request itself instead of (or after failing at) forwarding it.
///
/// Each refusal maps to one HTTP status and one problem type
/// (`urn:iam-proxy:problem:<kind>`, see [`Refusal::kind`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// 403: the path is not under `/identity-management/v3/` (or has an empty `//` segment).
    PathNotAllowed(&'static str),
    /// 403: a `.`/`..` segment, an encoded `.`, `/`, `\` or `%`, or a backslash.
    PathTraversal(&'static str),
    /// 403: an absolute-form, authority-form or asterisk-form request target.
    TargetForm,
    /// 400: a character or percent-escape that a request target may not contain.
    MalformedTarget(&'static str),
    /// 405: a method other than GET, POST, PUT, DELETE (and OPTIONS for preflight).
    MethodNotAllowed(String),
    /// 403: the request carries an `Origin` that is not configured.
    OriginNotAllowed,
    /// 403: the `Host` header is missing, repeated, or names neither `localhost` nor an IP address
    /// (DNS rebinding guard).
    HostNotAllowed,
    /// 400: a header that asks a proxy to change the target host, scheme, path or method
    /// (`X-Forwarded-Host`, `Forwarded`, `X-Original-URL`, `X-HTTP-Method-Override`...). The
    /// proxy never honours them; a request carrying one is refused rather than half-obeyed.
    SteeringHeader(&'static str),
    /// 401: a bearer token is configured (`--token-file`) and the request does not carry it in
    /// `Authorization: Bearer <token>`.
    Unauthorized,
    /// 431: more request headers, or more header bytes, than the configured limits.
    HeadersTooLarge(&'static str),
    /// 414: the request target is longer than [`MAX_TARGET_BYTES`].
    UriTooLong,
    /// 408: the request body did not arrive within the body read timeout.
    BodyTimeout,
    /// 503: the proxy is already handling its maximum number of concurrent requests.
    Overloaded,
    /// 413: the request body is larger than the configured limit.
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// 400: the request body could not be read.
    BodyUnreadable,
    /// 502: the upstream refused or reset the connection, or could not be resolved.
    UpstreamUnreachable,
    /// 504: the upstream did not answer within the configured timeout.
    UpstreamTimeout,
    /// 502: the upstream answered with something that could not be relayed.
    UpstreamFailed,
}

impl Refusal {
    /// The HTTP status of the problem response.
    pub fn status(&self) -> StatusCode {
        match self {
            Refusal::PathNotAllowed(_)
            | Refusal::PathTraversal(_)
            | Refusal::TargetForm
            | Refusal::OriginNotAllowed
            | Refusal::HostNotAllowed => StatusCode::FORBIDDEN,
            Refusal::MalformedTarget(_) | Refusal::BodyUnreadable | Refusal::SteeringHeader(_) => {
                StatusCode::BAD_REQUEST
            }
            Refusal::UriTooLong => StatusCode::URI_TOO_LONG,
            Refusal::Unauthorized => StatusCode::UNAUTHORIZED,
            Refusal::HeadersTooLarge(_) => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Refusal::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            Refusal::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Refusal::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::UpstreamUnreachable | Refusal::UpstreamFailed => StatusCode::BAD_GATEWAY,
            Refusal::UpstreamTimeout => StatusCode::GATEWAY_TIMEOUT,
        }
    }

    /// The last part of the problem type URI, e.g. `path-not-allowed`.
    pub fn kind(&self) -> &'static str {
        match self {
            Refusal::PathNotAllowed(_) => "path-not-allowed",
            Refusal::PathTraversal(_) => "path-traversal",
            Refusal::TargetForm => "target-form-not-allowed",
            Refusal::MalformedTarget(_) => "malformed-target",
            Refusal::MethodNotAllowed(_) => "method-not-allowed",
            Refusal::OriginNotAllowed => "origin-not-allowed",
            Refusal::HostNotAllowed => "host-not-allowed",
            Refusal::SteeringHeader(_) => "header-not-allowed",
            Refusal::Unauthorized => "unauthorized",
            Refusal::HeadersTooLarge(_) => "headers-too-large",
            Refusal::UriTooLong => "uri-too-long",
            Refusal::BodyTimeout => "body-timeout",
            Refusal::Overloaded => "overloaded",
            Refusal::BodyTooLarge { .. } => "body-too-large",
            Refusal::BodyUnreadable => "body-unreadable",
            Refusal::UpstreamUnreachable => "upstream-unreachable",
            Refusal::UpstreamTimeout => "upstream-timeout",
            Refusal::UpstreamFailed => "upstream-failed",
        }
    }

    /// The problem `type` URI, e.g. `urn:iam-proxy:problem:path-not-allowed`.
    pub fn problem_type(&self) -> String {
        format!("{TYPE_PREFIX}{}", self.kind())
    }

    /// The problem `title`: a short summary that is the same for every occurrence of this kind.
    pub fn title(&self) -> &'static str {
        match self {
            Refusal::PathNotAllowed(_) => "Path not allowed",
            Refusal::PathTraversal(_) => "Path traversal refused",
            Refusal::TargetForm => "Request target form not allowed",
            Refusal::MalformedTarget(_) => "Malformed request target",
            Refusal::MethodNotAllowed(_) => "Method not allowed",
            Refusal::OriginNotAllowed => "Origin not allowed",
            Refusal::HostNotAllowed => "Host not allowed",
            Refusal::SteeringHeader(_) => "Request header not allowed",
            Refusal::Unauthorized => "Unauthorized",
            Refusal::HeadersTooLarge(_) => "Request headers too large",
            Refusal::UriTooLong => "Request target too long",
            Refusal::BodyTimeout => "Request body timeout",
            Refusal::Overloaded => "Proxy overloaded",
            Refusal::BodyTooLarge { .. } => "Request body too large",
            Refusal::BodyUnreadable => "Request body unreadable",
            Refusal::UpstreamUnreachable => "Upstream unreachable",
            Refusal::UpstreamTimeout => "Upstream timeout",
            Refusal::UpstreamFailed => "Upstream failed",
        }
    }

    /// The problem `detail`: what was wrong with this request. Never contains a secret.
    pub fn detail(&self) -> String {
        match self {
            Refusal::PathNotAllowed(why) => format!(
                "only paths under {} are forwarded: {why}",
                API_PREFIX
            ),
            Refusal::PathTraversal(why) => format!("the request path is refused: {why}"),
            Refusal::TargetForm => {
                "only origin-form request targets (starting with '/') are forwarded".to_owned()
            }
            Refusal::MalformedTarget(why) => format!("the request target is refused: {why}"),
            Refusal::MethodNotAllowed(method) => format!(
                "{method} is not forwarded; allowed methods are GET, POST, PUT, DELETE (and OPTIONS preflight)"
            ),
            Refusal::OriginNotAllowed => {
                "this Origin is not in the proxy's --allow-origin list".to_owned()
            }
            Refusal::HostNotAllowed => {
                "exactly one Host header, naming localhost or an IP address, is required".to_owned()
            }
            Refusal::SteeringHeader(name) => format!(
                "the {name} header is refused: the proxy always sends to its configured API host"
            ),
            Refusal::Unauthorized => {
                "this proxy requires 'Authorization: Bearer <token>' with its configured token"
                    .to_owned()
            }
            Refusal::HeadersTooLarge(why) => format!("the request headers are refused: {why}"),
            Refusal::UriTooLong => format!(
                "the request target is longer than {MAX_TARGET_BYTES} bytes"
            ),
            Refusal::BodyTimeout => {
                "the request body did not arrive within the proxy's body timeout".to_owned()
            }
            Refusal::Overloaded => {
                "the proxy is handling its maximum number of concurrent requests; retry later"
                    .to_owned()
            }
            Refusal::BodyTooLarge { limit } => {
                format!("the request body is larger than {limit} bytes")
            }
            Refusal::BodyUnreadable => "the request body could not be read".to_owned(),
            Refusal::UpstreamUnreachable => "the upstream API could not be reached".to_owned(),
            Refusal::UpstreamTimeout => {
                "the upstream API did not answer within the proxy's timeout".to_owned()
            }
            Refusal::UpstreamFailed => {
                "the upstream API's response could not be relayed".to_owned()
            }
        }
    }

    /// The problem document, with `instance` naming this occurrence.
    pub fn to_json(&self, instance: &str) -> serde_json::Value {
        serde_json::json!({
            "type": self.problem_type(),
            "title": self.title(),
            "status": self.status().as_u16(),
            "detail": self.detail(),
            "instance": instance,
        })
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.title(), self.detail())
    }
}

impl std::error::Error for Refusal {}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let body = self.to_json(&new_instance()).to_string();
        let mut response = (self.status(), body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        match self {
            Refusal::MethodNotAllowed(_) => {
                headers.insert(header::ALLOW, HeaderValue::from_static(ALLOWED_METHODS));
            }
            Refusal::Unauthorized => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"iam-proxy\""),
                );
            }
            Refusal::Overloaded => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            // The rest of the request may still be on the wire: do not try to read the next one.
            Refusal::BodyTimeout | Refusal::BodyTooLarge { .. } | Refusal::HeadersTooLarge(_) => {
                headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            _ => {}
        }
        response
    }
}

/// A fresh `urn:uuid:` URI identifying one problem occurrence.
fn new_instance() -> String {
    format!("urn:uuid:{}", crate::request_id::new_uuid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_json_has_all_members_and_distinct_instances() {
        let r = Refusal::PathTraversal("a '..' segment");
        let doc = r.to_json("urn:uuid:x");
        assert_eq!(doc["type"], "urn:iam-proxy:problem:path-traversal");
        assert_eq!(doc["status"], 403);
        assert!(doc["title"].is_string() && doc["detail"].is_string());
        assert_ne!(new_instance(), new_instance());
    }
}
