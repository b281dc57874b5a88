//! The one error type: every failure reaches JS as an `Error` named `IamError`.
//!
//! Its data fields (`kind`, `status`, `operation`, `problem`, `field`, `rateLimited`,
//! `retryAfterMs`, `clockSkewSecs`) come from [`IamError`]
//! through tsify as `IamErrorFields`; the only hand-written TypeScript is the line that makes
//! `IamError` an `Error` with those fields.

use serde::Serialize;
use serde_json::{Map, Value};
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::js_json::{or_null, set, to_js};

/// The operation name errors of the constructor carry (and of anything not tied to one
/// operation).
pub(crate) const CONSTRUCTOR: &str = "IamClient";

#[wasm_bindgen(typescript_custom_section)]
const IAM_ERROR_TS: &str = r#"
/** Every rejection of this client: a real `Error` carrying the fields of `IamErrorFields`. */
export interface IamError extends Error, IamErrorFields {
    name: "IamError";
}
"#;

/// The longest text of a non-JSON error body kept in `problem.detail`, in characters.
const MAX_DETAIL_CHARS: usize = 2000;
/// The longest text of an error body quoted in a message, in characters.
const MAX_MESSAGE_BODY_CHARS: usize = 200;

/// What went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum IamErrorKind {
    /// The API (or the proxy) answered with a status the operation does not expect.
    Http,
    /// The options or params were refused before any request was sent.
    Validation,
    /// No response arrived (connection refused or dropped, CORS, DNS), retries included.
    Network,
    /// A success response whose body is not what the operation returns.
    Decode,
    /// The call's `AbortSignal` fired or the client's `timeoutMs` ran out.
    Aborted,
}

/// An RFC 7807 problem details object, as the IAM API and the proxy send with 4xx/5xx responses.
///
/// Unknown members are kept in the object as they came. A body that is not a JSON object ends,
/// trimmed, in `detail`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct ProblemDetails {
    /// URI reference naming the problem type, e.g. `/identity-management/error-types/2`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub problem_type: Option<String>,
    /// Short, human-readable summary of the problem type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Explanation specific to this occurrence, or the raw text of a non-JSON body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// URI reference identifying this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// HTTP status as the body states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// IAM: the HTTP status, in bodies that use this name instead of `status`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// IAM: the HTTP status, in bodies that use this name instead of `status`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    /// IAM: nested problems, one per refused item.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "unknown[]")]
    pub errors: Option<Vec<Value>>,
    /// IAM: warnings that did not stop the operation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "unknown[]")]
    pub warnings: Option<Vec<Value>>,
    /// Members this type does not name, kept as they came.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Map<String, Value>,
}

impl ProblemDetails {
    /// Reads an error body: a JSON object becomes its members, anything else ends in `detail`.
    pub fn from_body(body: &str) -> Self {
        match crate::js_json::parse(body) {
            Some(Value::Object(members)) => Self::from_members(members),
            _ => {
                let text = body.trim();
                Self {
                    detail: (!text.is_empty()).then(|| truncate(text, MAX_DETAIL_CHARS)),
                    ..Self::default()
                }
            }
        }
    }

    /// Takes the members it names when they have the expected JSON type; keeps the rest as they are.
    fn from_members(mut members: Map<String, Value>) -> Self {
        Self {
            problem_type: take_string(&mut members, "type"),
            title: take_string(&mut members, "title"),
            detail: take_string(&mut members, "detail"),
            instance: take_string(&mut members, "instance"),
            status: take_status(&mut members, "status"),
            http_status: take_status(&mut members, "httpStatus"),
            status_code: take_status(&mut members, "statusCode"),
            errors: take_array(&mut members, "errors"),
            warnings: take_array(&mut members, "warnings"),
            extra: members,
        }
    }
}

fn take_string(members: &mut Map<String, Value>, name: &str) -> Option<String> {
    match members.remove(name)? {
        Value::String(text) => Some(text),
        other => {
            members.insert(name.to_owned(), other);
            None
        }
    }
}

fn take_status(members: &mut Map<String, Value>, name: &str) -> Option<u16> {
    let status = members
        .get(name)?
        .as_u64()
        .and_then(|n| u16::try_from(n).ok())?;
    members.remove(name);
    Some(status)
}

fn take_array(members: &mut Map<String, Value>, name: &str) -> Option<Vec<Value>> {
    match members.remove(name)? {
        Value::Array(items) => Some(items),
        other => {
            members.insert(name.to_owned(), other);
            None
        }
    }
}

/// Every failure of this client. JS receives it as an `Error` whose `name` is `"IamError"`.
#[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(rename = "IamErrorFields", missing_as_null)]
pub struct IamError {
    /// What went wrong.
    pub kind: IamErrorKind,
    /// One line for people, starting with the operation, e.g. `getUser: 404 Not Found: User not found`.
    pub message: String,
    /// The HTTP status of the response, or `null` when no response is involved.
    pub status: Option<u16>,
    /// The operation that failed, e.g. `getUser`.
    pub operation: String,
    /// The problem details of an `http` error; `null` for other kinds.
    pub problem: Option<Box<ProblemDetails>>,
    /// The params field a `validation` error is about, when there is one.
    pub field: Option<String>,
    /// Whether the server refused the request for its rate: a 429, or Akamai's WAF refusing a
    /// burst (a 400 naming a rule such as `IPBLOCK-BURST4-54013`).
    pub rate_limited: bool,
    /// How long the server asked to wait before retrying, in milliseconds (`Retry-After`, else
    /// `X-RateLimit-Next` minus `Date`); `null` when it did not say.
    pub retry_after_ms: Option<u32>,
    /// For a refused EdgeGrid timestamp: how many seconds the local clock is ahead of the
    /// server's (negative: behind), from the response's `Date`; `null` otherwise.
    pub clock_skew_secs: Option<i32>,
}

impl IamError {
    /// Options or params refused before any request: `field` names the culprit when known.
    pub fn validation(operation: &str, field: Option<&str>, reason: &str) -> Self {
        let message = match field {
            Some(field) => format!("{operation}: invalid {field}: {reason}"),
            None => format!("{operation}: invalid params: {reason}"),
        };
        Self {
            kind: IamErrorKind::Validation,
            message,
            status: None,
            operation: operation.to_owned(),
            problem: None,
            field: field.map(str::to_owned),
            rate_limited: false,
            retry_after_ms: None,
            clock_skew_secs: None,
        }
    }

    /// Params that did not deserialize; serde's message names the field when it is missing or unknown.
    pub fn invalid_params(operation: &str, reason: &str) -> Self {
        Self::validation(operation, field_in_serde_message(reason), reason)
    }

    /// No response arrived.
    pub fn network(operation: &str, reason: &str) -> Self {
        Self {
            kind: IamErrorKind::Network,
            message: format!("{operation}: network error: {reason}"),
            status: None,
            operation: operation.to_owned(),
            problem: None,
            field: None,
            rate_limited: false,
            retry_after_ms: None,
            clock_skew_secs: None,
        }
    }

    /// The call was aborted by its signal, or by the client's timeout after `timeout_ms`.
    pub fn aborted(operation: &str, timeout_ms: Option<u32>) -> Self {
        let message = match timeout_ms {
            Some(ms) => format!("{operation}: aborted: timed out after {ms} ms"),
            None => format!("{operation}: aborted by its signal"),
        };
        Self {
            kind: IamErrorKind::Aborted,
            message,
            status: None,
            operation: operation.to_owned(),
            problem: None,
            field: None,
            rate_limited: false,
            retry_after_ms: None,
            clock_skew_secs: None,
        }
    }

    /// A response with a status the operation does not expect; `body` is read as problem details.
    pub fn http(operation: &str, status: u16, status_text: &str, body: &str) -> Self {
        let problem = ProblemDetails::from_body(body);
        let reason = match status_text.trim() {
            "" => reason_phrase(status),
            text => text,
        };
        let mut message = format!("{operation}: {status} {reason}")
            .trim_end()
            .to_owned();
        // A title that only repeats the reason phrase ("Not Found") adds nothing to the message.
        let title = problem.title.as_deref().filter(|title| *title != reason);
        let summary = match (title, &problem.detail) {
            (Some(title), Some(detail)) if title != detail => format!("{title} ({detail})"),
            (Some(title), _) => title.to_owned(),
            (None, Some(detail)) => truncate(detail, MAX_MESSAGE_BODY_CHARS),
            (None, None) => String::new(),
        };
        if !summary.is_empty() {
            message.push_str(": ");
            message.push_str(&summary);
        }
        Self {
            kind: IamErrorKind::Http,
            message,
            status: Some(status),
            operation: operation.to_owned(),
            problem: Some(Box::new(problem)),
            field: None,
            rate_limited: false,
            retry_after_ms: None,
            clock_skew_secs: None,
        }
    }

    /// A response that is not what the operation returns (or a result JS cannot hold).
    pub fn decode(operation: &str, status: Option<u16>, reason: &str) -> Self {
        let message = match status {
            Some(status) => {
                format!("{operation}: could not decode the {status} response: {reason}")
            }
            None => format!("{operation}: could not convert the result: {reason}"),
        };
        Self {
            kind: IamErrorKind::Decode,
            message,
            status,
            operation: operation.to_owned(),
            problem: None,
            field: None,
            rate_limited: false,
            retry_after_ms: None,
            clock_skew_secs: None,
        }
    }
}

impl std::fmt::Display for IamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IamError {}

impl IamErrorKind {
    /// The kind as JS reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            IamErrorKind::Http => "http",
            IamErrorKind::Validation => "validation",
            IamErrorKind::Network => "network",
            IamErrorKind::Decode => "decode",
            IamErrorKind::Aborted => "aborted",
        }
    }
}

impl ProblemDetails {
    /// The problem as a plain JS object: the members it has, then the ones it does not name.
    fn to_js(&self) -> JsValue {
        let object: JsValue = js_sys::Object::new().into();
        let texts = [
            ("type", &self.problem_type),
            ("title", &self.title),
            ("detail", &self.detail),
            ("instance", &self.instance),
        ];
        for (name, value) in texts {
            if let Some(text) = value {
                set(&object, name, &JsValue::from_str(text));
            }
        }
        let statuses = [
            ("status", self.status),
            ("httpStatus", self.http_status),
            ("statusCode", self.status_code),
        ];
        for (name, value) in statuses {
            if let Some(status) = value {
                set(&object, name, &JsValue::from(status));
            }
        }
        for (name, value) in [("errors", &self.errors), ("warnings", &self.warnings)] {
            if let Some(items) = value {
                set(
                    &object,
                    name,
                    &items.iter().map(to_js).collect::<js_sys::Array>(),
                );
            }
        }
        for (name, value) in &self.extra {
            set(&object, name, &to_js(value));
        }
        object
    }
}

impl From<IamError> for JsValue {
    /// A real `Error` (`instanceof Error`) named `IamError`, with the fields of `IamErrorFields`
    /// (set one by one: no serializer in the bundle).
    fn from(error: IamError) -> JsValue {
        let js_error: JsValue = js_sys::Error::new(&error.message).into();
        set(&js_error, "name", &JsValue::from_str("IamError"));
        set(&js_error, "kind", &JsValue::from_str(error.kind.as_str()));
        set(&js_error, "status", &or_null(error.status));
        set(&js_error, "operation", &JsValue::from(error.operation));
        let problem = error
            .problem
            .map_or(JsValue::NULL, |problem| problem.to_js());
        set(&js_error, "problem", &problem);
        set(&js_error, "field", &or_null(error.field));
        set(
            &js_error,
            "rateLimited",
            &JsValue::from_bool(error.rate_limited),
        );
        set(&js_error, "retryAfterMs", &or_null(error.retry_after_ms));
        set(&js_error, "clockSkewSecs", &or_null(error.clock_skew_secs));
        js_error
    }
}

/// Whether `value` is an error thrown or rejected by this client.
#[wasm_bindgen(js_name = isIamError, unchecked_return_type = "value is IamError")]
pub fn is_iam_error(#[wasm_bindgen(unchecked_param_type = "unknown")] value: &JsValue) -> bool {
    value
        .dyn_ref::<js_sys::Error>()
        .is_some_and(|error| error.name() == "IamError")
        && js_sys::Reflect::get(value, &JsValue::from_str("kind"))
            .is_ok_and(|kind| kind.is_string())
}

/// The field serde names in "missing field `x`" and "unknown field `x`, expected ...".
fn field_in_serde_message(message: &str) -> Option<&str> {
    let rest = ["missing field `", "unknown field `"]
        .iter()
        .find_map(|prefix| message.find(prefix).map(|at| &message[at + prefix.len()..]))?;
    rest.split('`').next().filter(|field| !field.is_empty())
}

/// At most `max` characters of `text`, with `…` when cut.
fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The standard reason phrase, for responses that carry none (HTTP/2, `new Response()`).
fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const GET_USER_404: &str = include_str!("../tests/common/fixtures/get_user_404.json");

    #[test]
    fn problem_json_body_fills_named_members_and_keeps_the_rest() {
        let problem = ProblemDetails::from_body(GET_USER_404);
        assert_eq!(
            problem.problem_type.as_deref(),
            Some("/identity-management/error-types/2")
        );
        assert_eq!(problem.title.as_deref(), Some("User not found"));
        assert_eq!(
            problem.detail.as_deref(),
            Some("No user with uiIdentityId B-C-999")
        );
        assert_eq!(problem.http_status, Some(404));
        assert_eq!(problem.status, None);
        assert_eq!(problem.errors, Some(vec![]));
        assert_eq!(problem.extra.get("requestId"), Some(&json!("a1b2c3")));
    }

    #[test]
    fn problem_member_of_unexpected_type_stays_in_extra() {
        let problem = ProblemDetails::from_body(r#"{"title": 7, "status": "404"}"#);
        assert_eq!(problem.title, None);
        assert_eq!(problem.status, None);
        assert_eq!(problem.extra.get("title"), Some(&json!(7)));
        assert_eq!(problem.extra.get("status"), Some(&json!("404")));
    }

    #[test]
    fn non_json_body_ends_in_detail() {
        let problem = ProblemDetails::from_body("  <html>Bad gateway</html>\n");
        assert_eq!(problem.detail.as_deref(), Some("<html>Bad gateway</html>"));
        assert_eq!(problem.title, None);
        assert!(problem.extra.is_empty());
    }

    #[test]
    fn json_array_body_ends_in_detail() {
        assert_eq!(
            ProblemDetails::from_body("[1]").detail.as_deref(),
            Some("[1]")
        );
    }

    #[test]
    fn empty_body_gives_empty_problem() {
        assert_eq!(ProblemDetails::from_body(""), ProblemDetails::default());
    }

    #[test]
    fn long_non_json_body_is_cut() {
        let body = "x".repeat(MAX_DETAIL_CHARS + 10);
        let detail = ProblemDetails::from_body(&body).detail.unwrap_or_default();
        assert_eq!(detail.chars().count(), MAX_DETAIL_CHARS + 1);
        assert!(detail.ends_with('…'));
    }

    #[test]
    fn http_404_message_names_operation_status_title_and_detail() {
        let error = IamError::http("getUser", 404, "", GET_USER_404);
        assert_eq!(error.kind, IamErrorKind::Http);
        assert_eq!(error.status, Some(404));
        assert_eq!(error.operation, "getUser");
        assert_eq!(
            error.message,
            "getUser: 404 Not Found: User not found (No user with uiIdentityId B-C-999)"
        );
    }

    #[test]
    fn http_message_skips_a_title_that_repeats_the_reason() {
        let body = r#"{"title": "Not Found", "detail": "User NOPE not found"}"#;
        let error = IamError::http("getUser", 404, "Not Found", body);
        assert_eq!(error.message, "getUser: 404 Not Found: User NOPE not found");
    }

    #[test]
    fn http_502_message_quotes_non_json_body() {
        let error = IamError::http("listUsers", 502, "Bad Gateway", "upstream down");
        assert_eq!(error.message, "listUsers: 502 Bad Gateway: upstream down");
        assert_eq!(
            error.problem.and_then(|p| p.detail).as_deref(),
            Some("upstream down")
        );
    }

    #[test]
    fn http_message_without_reason_or_body_is_just_the_status() {
        assert_eq!(
            IamError::http("getUser", 599, "", "").message,
            "getUser: 599"
        );
    }

    #[test]
    fn invalid_params_names_missing_and_unknown_fields() {
        let missing = IamError::invalid_params("getUser", "missing field `uiIdentityId`");
        assert_eq!(missing.field.as_deref(), Some("uiIdentityId"));
        assert_eq!(missing.kind, IamErrorKind::Validation);
        let unknown =
            IamError::invalid_params("getUser", "unknown field `uiIdentity`, expected one of ...");
        assert_eq!(unknown.field.as_deref(), Some("uiIdentity"));
        let other = IamError::invalid_params("getUser", "invalid type: string, expected a boolean");
        assert_eq!(other.field, None);
        assert_eq!(
            other.message,
            "getUser: invalid params: invalid type: string, expected a boolean"
        );
    }

    #[test]
    fn decode_error_keeps_the_success_status() {
        let error = IamError::decode("getUser", Some(200), "expected value");
        assert_eq!(error.kind, IamErrorKind::Decode);
        assert_eq!(error.status, Some(200));
        assert_eq!(
            error.message,
            "getUser: could not decode the 200 response: expected value"
        );
    }
}
