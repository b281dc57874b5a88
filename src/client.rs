//! The `IamClient` class: options, and the conversions every operation shares. The operations
//! themselves are in [`crate::api`], one module per docs section, each adding to this class.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::IamError;
use crate::request::{check_header, BaseUrl, Request};
use crate::transport::Transport;

/// The operation name errors of the constructor carry.
const CONSTRUCTOR: &str = "IamClient";

/// How to reach the IAM API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[tsify(hashmap_as_object)]
pub struct ClientOptions {
    /// The signing proxy's URL, e.g. `http://127.0.0.1:8600`; paths go under
    /// `/identity-management/v3/` below it.
    pub base_url: String,
    /// Default `accountSwitchKey` for every call; a call's own key wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub account_switch_key: Option<String>,
    /// Extra headers sent with every request (never credentials: the proxy signs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub headers: Option<HashMap<String, String>>,
}

/// A typed, promise-based client for the Akamai IAM API v3, through an EdgeGrid signing proxy.
#[wasm_bindgen]
pub struct IamClient {
    transport: Transport,
}

#[wasm_bindgen]
impl IamClient {
    /// A client for the proxy at `options.baseUrl`; throws an `IamError` of kind `validation`
    /// when the options are not usable.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<ClientOptions>) -> Result<IamClient, IamError> {
        Self::from_options(input(CONSTRUCTOR, &options)?)
    }
}

impl IamClient {
    /// The constructor's checks, callable from Rust.
    pub fn from_options(options: ClientOptions) -> Result<IamClient, IamError> {
        let base = BaseUrl::parse(&options.base_url)
            .map_err(|reason| IamError::validation(CONSTRUCTOR, Some("baseUrl"), reason))?;
        let mut headers: Vec<(String, String)> =
            options.headers.unwrap_or_default().into_iter().collect();
        for (name, value) in &headers {
            check_header(name, value)
                .map_err(|reason| IamError::validation(CONSTRUCTOR, Some("headers"), reason))?;
        }
        headers.sort();
        Ok(IamClient {
            transport: Transport::new(base, headers, options.account_switch_key),
        })
    }

    /// Sends `request` and decodes its success body.
    pub(crate) async fn send<T: DeserializeOwned>(&self, request: Request) -> Result<T, IamError> {
        self.transport.send(request).await
    }
}

/// The params JS passed, as Rust; refused params are a `validation` error of `operation`.
///
/// They are read through `serde_json::Value` so that every key is seen: serde-wasm-bindgen reads
/// only the keys a struct names, which would let `deny_unknown_fields` pass a misspelt key.
pub(crate) fn input<T>(operation: &str, params: &Ts<T>) -> Result<T, IamError>
where
    T: Tsify + DeserializeOwned,
    <T as Tsify>::JsType: JsCast,
{
    let refused = |reason: String| IamError::invalid_params(operation, &reason);
    let value: serde_json::Value = serde_wasm_bindgen::from_value(params.js_value())
        .map_err(|error| refused(error.to_string()))?;
    serde_json::from_value(value).map_err(|error| refused(error.to_string()))
}

/// Optional params: absent means all defaults.
pub(crate) fn optional_input<T>(operation: &str, given: Option<&Ts<T>>) -> Result<T, IamError>
where
    T: Tsify + DeserializeOwned + Default,
    <T as Tsify>::JsType: JsCast,
{
    given.map_or_else(|| Ok(T::default()), |given| input(operation, given))
}

/// A result as JS receives it.
pub(crate) fn output<T: Tsify + Serialize>(operation: &str, value: &T) -> Result<Ts<T>, IamError> {
    Ts::from_rust(value).map_err(|error| IamError::decode(operation, None, &error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::IamErrorKind;

    fn options(base_url: &str) -> ClientOptions {
        ClientOptions {
            base_url: base_url.to_owned(),
            account_switch_key: None,
            headers: None,
        }
    }

    #[test]
    fn client_accepts_http_base_url() {
        assert!(IamClient::from_options(options("http://127.0.0.1:8600")).is_ok());
    }

    #[test]
    fn client_refuses_non_http_base_url_as_validation_error() {
        let error = IamClient::from_options(options("file:///etc/passwd"))
            .err()
            .expect("refused");
        assert_eq!(error.kind, IamErrorKind::Validation);
        assert_eq!(error.field.as_deref(), Some("baseUrl"));
        assert_eq!(error.operation, "IamClient");
        assert_eq!(error.status, None);
    }

    #[test]
    fn client_refuses_a_header_fetch_would_throw_on() {
        let mut bad = options("http://127.0.0.1:8600");
        bad.headers = Some(HashMap::from([("bad name".to_owned(), "v".to_owned())]));
        let error = IamClient::from_options(bad).err().expect("refused");
        assert_eq!(error.kind, IamErrorKind::Validation);
        assert_eq!(error.field.as_deref(), Some("headers"));
    }

    #[test]
    fn client_options_are_strict() {
        let unknown =
            serde_json::from_str::<ClientOptions>(r#"{"baseUrl":"http://h","baseURL":"x"}"#);
        assert!(unknown.is_err());
        let full: ClientOptions = serde_json::from_str(
            r#"{"baseUrl":"http://h","accountSwitchKey":"k","headers":{"x-a":"1"}}"#,
        )
        .expect("valid options");
        assert_eq!(full.account_switch_key.as_deref(), Some("k"));
    }
}
