//! The one place that calls fetch (through gloo-net): sends a [`Request`], checks the status,
//! then decodes. Every failure becomes an [`IamError`].

use gloo_net::http::RequestBuilder;
use serde::de::DeserializeOwned;

use crate::error::IamError;
use crate::request::{BaseUrl, Request};

/// Where requests go and what every request carries.
#[derive(Clone, Debug)]
pub struct Transport {
    base: BaseUrl,
    headers: Vec<(String, String)>,
    account_switch_key: Option<String>,
}

impl Transport {
    /// A transport to `base` adding `headers` to every request and `account_switch_key` to every
    /// query that has none.
    pub fn new(
        base: BaseUrl,
        headers: Vec<(String, String)>,
        account_switch_key: Option<String>,
    ) -> Self {
        Self {
            base,
            headers,
            account_switch_key,
        }
    }

    /// Sends `request` and decodes its success body as `T`.
    pub async fn send<T: DeserializeOwned>(&self, request: Request) -> Result<T, IamError> {
        let request = request.or_account_switch_key(self.account_switch_key.as_deref());
        let operation = request.operation;
        let network = |error: gloo_net::Error| IamError::network(operation, &error.to_string());

        let mut builder = RequestBuilder::new(&request.url(&self.base))
            .method(method(request.method))
            .header("Accept", "application/json");
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        let outgoing = match &request.body {
            Some(body) => builder.json(body),
            None => builder.build(),
        }
        .map_err(network)?;

        let response = outgoing.send().await.map_err(network)?;
        let status = response.status();
        let body = response.text().await.map_err(network)?;
        outcome(&request, status, &response.status_text(), &body)
    }
}

/// What a response means for `request`: an `http` error unless its status is expected, then the
/// decoded body or a `decode` error. Pure, so native tests cover it.
pub fn outcome<T: DeserializeOwned>(
    request: &Request,
    status: u16,
    status_text: &str,
    body: &str,
) -> Result<T, IamError> {
    if !request.expected.contains(&status) {
        return Err(IamError::http(request.operation, status, status_text, body));
    }
    // A 204 (or any empty success body) decodes as JSON `null`: `()` for no-content operations,
    // `None` for "Reset a user's password", which answers 200 with a body or 204.
    let body = if body.trim().is_empty() { "null" } else { body };
    serde_json::from_str(body)
        .map_err(|error| IamError::decode(request.operation, Some(status), &error.to_string()))
}

fn method(method: crate::request::Method) -> gloo_net::http::Method {
    use crate::request::Method::*;
    match method {
        Get => gloo_net::http::Method::GET,
        Post => gloo_net::http::Method::POST,
        Put => gloo_net::http::Method::PUT,
        Delete => gloo_net::http::Method::DELETE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::IamErrorKind;

    fn get_user() -> Request {
        Request::get("getUser", &["user-admin", "ui-identities"]).segment("A-B-1")
    }

    #[test]
    fn expected_status_decodes_the_body() {
        let decoded: serde_json::Value =
            outcome(&get_user(), 200, "OK", r#"{"a":1}"#).expect("decoded");
        assert_eq!(decoded, serde_json::json!({"a": 1}));
    }

    #[test]
    fn unexpected_status_is_http_error_before_any_decoding() {
        let error =
            outcome::<serde_json::Value>(&get_user(), 404, "", "not json").expect_err("404");
        assert_eq!(error.kind, IamErrorKind::Http);
        assert_eq!(error.status, Some(404));
        assert_eq!(
            error.problem.and_then(|p| p.detail).as_deref(),
            Some("not json")
        );
    }

    #[test]
    fn empty_success_body_decodes_as_null() {
        let request = get_user().expect(&[200, 204]);
        let none: Option<serde_json::Value> = outcome(&request, 204, "", "").expect("204");
        assert_eq!(none, None);
        let unit: () = outcome(&request, 204, "", "").expect("204");
        assert_eq!(unit, ());
    }

    #[test]
    fn unexpected_success_status_is_http_error() {
        let error = outcome::<serde_json::Value>(&get_user(), 204, "", "").expect_err("204");
        assert_eq!(error.kind, IamErrorKind::Http);
        assert_eq!(error.status, Some(204));
    }

    #[test]
    fn malformed_success_body_is_decode_error_with_status() {
        let error =
            outcome::<serde_json::Value>(&get_user(), 200, "OK", "{\"a\":").expect_err("decode");
        assert_eq!(error.kind, IamErrorKind::Decode);
        assert_eq!(error.status, Some(200));
        assert_eq!(error.operation, "getUser");
        assert_eq!(error.problem, None);
    }
}
