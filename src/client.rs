//! The `IamClient` class: options, the one send path every operation takes ([`IamClient::call`])
//! and the result shapes. The operations themselves are tables in [`crate::api`], one module per
//! docs section, each adding its methods to this class.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;

#[cfg(feature = "node")]
use serde::de::DeserializeOwned;
use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;

use crate::error::{IamError, CONSTRUCTOR};
use crate::fast::Quick;
use crate::op::Op;
use crate::rate_limit::RateLimitOptions;
use crate::request::{check_header, BaseUrl};
use crate::retry;
use crate::schema::{self, field, Json, Schema};
use crate::transport::{Signer, Transport};

/// Why a client without `baseUrl` is refused.
#[cfg(feature = "node")]
const BASE_URL_REQUIRED: &str =
    "is required: the signing proxy's URL, e.g. http://127.0.0.1:8600, unless `credentials` are given";
#[cfg(not(feature = "node"))]
const BASE_URL_REQUIRED: &str = "is required: the signing proxy's URL, e.g. http://127.0.0.1:8600";

/// How to reach the IAM API.
#[derive(Clone, Debug, PartialEq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[tsify(hashmap_as_object)]
pub struct ClientOptions {
    /// The signing proxy's URL, e.g. `http://127.0.0.1:8600`; paths go under
    /// `/identity-management/v3/` below it. In Node with `credentials`, where requests go
    /// (default `https://{credentials.host}`).
    #[cfg_attr(
        feature = "node",
        serde(default, skip_serializing_if = "Option::is_none"),
        tsify(optional)
    )]
    #[cfg_attr(not(feature = "node"), tsify(type = "string"))]
    pub base_url: Option<String>,
    /// Default `accountSwitchKey` for every call; a call's own key wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_switch_key: Option<String>,
    /// Extra headers sent with every request (never credentials: the proxy signs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<HashMap<String, String>>,
    /// How often a GET, PUT or DELETE is retried after 429, 502, 503, 504 or a network error
    /// (default 2, at most 10; POST is never retried).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
    /// The first backoff step in milliseconds (default 200; doubles each retry, with jitter;
    /// a `Retry-After` from the server wins).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_delay_ms: Option<u32>,
    /// Abort a call (retries included) that has not finished after this many milliseconds; it
    /// rejects with an `IamError` of kind `aborted`. No timeout when absent or 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<u32>,
    /// A limit shared by every call of this client (retries included), e.g.
    /// `{ requestsPerSecond: 20, burst: 1, maxConcurrent: 8 }`: calls over it wait their turn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<crate::rate_limit::RateLimitOptions>,
    /// Node only: EdgeGrid credentials; the client then signs each request itself and needs no
    /// proxy. Never in a browser.
    #[cfg(feature = "node")]
    #[serde(default)]
    #[tsify(optional)]
    pub credentials: Option<crate::signing::EdgeGridCredentials>,
}

/// [`ClientOptions`] as the checker reads them, each field's shape from its Rust type (a native
/// test reads the same samples with serde and with this); the Node build adds `credentials`,
/// which serde reads once the rest is checked.
macro_rules! client_options {
    ($($extra:expr),*) => {
        Schema::Object(&[
            field::<Option<String>>("base_url"),
            field::<Option<String>>("account_switch_key"),
            field::<Option<HashMap<String, String>>>("headers"),
            field::<Option<u32>>("retries"),
            field::<Option<u32>>("retry_delay_ms"),
            field::<Option<u32>>("timeout_ms"),
            field::<Option<RateLimitOptions>>("rate_limit"),
            $($extra),*
        ])
    };
}

#[cfg(not(feature = "node"))]
static CLIENT_OPTIONS: Schema = client_options!();
#[cfg(feature = "node")]
static CLIENT_OPTIONS: Schema = client_options!(schema::Field {
    name: "credentials",
    schema: &Schema::Any,
    required: false,
});

impl ClientOptions {
    /// The options JS passed, checked against their schema (unknown keys, types; a refusal names
    /// its field, e.g. `rateLimit.burst`) and read without serde.
    fn read(given: &JsValue) -> Result<Self, IamError> {
        let options = Self::from_json(&Json::from_js(given))?;
        #[cfg(feature = "node")]
        let options = Self {
            credentials: crate::node::credentials_option(CONSTRUCTOR, given)?,
            ..options
        };
        Ok(options)
    }

    /// The options (all but `credentials`) from their JSON form, checked.
    fn from_json(json: &Json) -> Result<Self, IamError> {
        let mut path = String::new();
        schema::check(&CLIENT_OPTIONS, json, &mut path).map_err(|reason| {
            IamError::validation(
                CONSTRUCTOR,
                Some(&path).filter(|p| !p.is_empty()).map(String::as_str),
                reason,
            )
        })?;
        let text = |name| json.field(name).as_str().map(str::to_owned);
        // The schema has checked these are whole numbers within u32.
        let whole = |value: &Json| value.as_f64().map(|number| number as u32);
        let headers = match json.field("headers") {
            Json::Object(members) => Some(
                members
                    .iter()
                    .filter_map(|(name, value)| Some((name.clone(), value.as_str()?.to_owned())))
                    .collect(),
            ),
            _ => None,
        };
        let rate_limit = match json.field("rate_limit") {
            limit @ Json::Object(_) => Some(RateLimitOptions {
                requests_per_second: limit.field("requests_per_second").as_f64().unwrap_or(0.0),
                burst: whole(limit.field("burst")),
                max_concurrent: whole(limit.field("max_concurrent")),
            }),
            _ => None,
        };
        Ok(Self {
            base_url: text("base_url"),
            account_switch_key: text("account_switch_key"),
            headers,
            retries: whole(json.field("retries")),
            retry_delay_ms: whole(json.field("retry_delay_ms")),
            timeout_ms: whole(json.field("timeout_ms")),
            rate_limit,
            #[cfg(feature = "node")]
            credentials: None,
        })
    }
}

/// Options of one call, the optional second argument of every operation.
#[derive(Clone, Debug, Default, Tsify)]
pub struct CallOptions {
    /// Aborts the call (and its retries); it then rejects with an `IamError` of kind `aborted`.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<web_sys::AbortSignal>,
}

impl CallOptions {
    /// Reads the options JS passed; anything unusable is a `validation` error of `operation`.
    pub(crate) fn read(operation: &str, given: Option<&Ts<CallOptions>>) -> Result<Self, IamError> {
        let Some(value) = given.map(|given| given.js_value()) else {
            return Ok(Self::default());
        };
        if value.is_undefined() || value.is_null() {
            return Ok(Self::default());
        }
        let refused =
            |field: &str, reason: &str| IamError::validation(operation, Some(field), reason);
        let object = value
            .dyn_ref::<js_sys::Object>()
            .ok_or_else(|| refused("options", "must be an object such as { signal }"))?;
        for key in js_sys::Object::keys(object).iter() {
            let key = key.as_string().unwrap_or_default();
            if key != "signal" {
                return Err(refused(&key, "is not a call option (only `signal`)"));
            }
        }
        let signal = js_sys::Reflect::get(object, &JsValue::from_str("signal"))
            .map_err(|_| refused("signal", "cannot be read"))?;
        if signal.is_undefined() || signal.is_null() {
            return Ok(Self::default());
        }
        let signal = signal
            .dyn_into::<web_sys::AbortSignal>()
            .map_err(|_| refused("signal", "must be an AbortSignal"))?;
        Ok(Self {
            signal: Some(signal),
        })
    }
}

/// A typed, promise-based client for the Akamai IAM API v3, through an EdgeGrid signing proxy.
#[wasm_bindgen]
pub struct IamClient {
    transport: Rc<Transport>,
    /// The JS-driven path's parts, made at the first call; `None` when this client's calls all
    /// take the Rust path (a signer or a rate limit).
    quick: OnceCell<Option<Quick>>,
}

#[wasm_bindgen]
impl IamClient {
    /// A client for the proxy at `options.baseUrl` (in Node, or signing directly with
    /// `options.credentials`); throws an `IamError` of kind `validation` when the options are not
    /// usable.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<ClientOptions>) -> Result<IamClient, IamError> {
        #[cfg(not(feature = "node"))]
        refuse_credentials(&options.js_value())?;
        Self::from_options(ClientOptions::read(&options.js_value())?)
    }

    /// This client's side of the fast path (`null` without one), for the shipped glue's methods,
    /// which start there before entering wasm (see [`crate::fast`]). Not part of the typed API.
    #[wasm_bindgen(getter = __fast, skip_typescript)]
    pub fn fast(&self) -> JsValue {
        self.quick()
            .map_or(JsValue::NULL, |quick| quick.fast.clone())
    }
}

/// In the browser build, `credentials` is refused with the reason, not as an unknown field.
#[cfg(not(feature = "node"))]
fn refuse_credentials(options: &JsValue) -> Result<(), IamError> {
    let given = js_sys::Reflect::get(options, &JsValue::from_str("credentials"))
        .map(|value| !value.is_undefined())
        .unwrap_or(false);
    if given {
        return Err(IamError::validation(
            CONSTRUCTOR,
            Some("credentials"),
            "are accepted only by the Node build, which signs requests itself; in a browser, \
             set baseUrl to the EdgeGrid signing proxy (iam-proxy), which holds the credentials",
        ));
    }
    Ok(())
}

impl IamClient {
    /// The constructor's checks, callable from Rust.
    pub fn from_options(options: ClientOptions) -> Result<IamClient, IamError> {
        #[cfg(feature = "node")]
        let (options, signer) = {
            let mut options = options;
            let signer = match options.credentials.take() {
                Some(given) => Some(crate::signing::Signer::new(
                    given.into_credentials().map_err(|(field, reason)| {
                        IamError::validation(CONSTRUCTOR, Some(field), reason)
                    })?,
                )),
                None => None,
            };
            (options, signer)
        };
        #[cfg(not(feature = "node"))]
        let signer = None;
        Self::with_signer(CONSTRUCTOR, options, signer)
    }

    /// The checks of the constructor and of `fromEdgerc` (`operation`); with a signer, every
    /// request is signed in the client and `baseUrl` defaults to `https://{host}`.
    pub(crate) fn with_signer(
        operation: &str,
        options: ClientOptions,
        signer: Option<Signer>,
    ) -> Result<IamClient, IamError> {
        let invalid =
            |field: &str, reason: &str| IamError::validation(operation, Some(field), reason);
        let base_url = match (&options.base_url, &signer) {
            (Some(url), _) => url.clone(),
            #[cfg(feature = "node")]
            (None, Some(signer)) => format!("https://{}", signer.host()),
            _ => return Err(invalid("baseUrl", BASE_URL_REQUIRED)),
        };
        let base = BaseUrl::parse(&base_url).map_err(|reason| invalid("baseUrl", reason))?;
        let mut headers: Vec<(String, String)> =
            options.headers.unwrap_or_default().into_iter().collect();
        for (name, value) in &headers {
            check_header(name, value).map_err(|reason| invalid("headers", reason))?;
        }
        headers.sort();
        let retries = options.retries.unwrap_or(retry::DEFAULT_RETRIES);
        if retries > retry::MAX_RETRIES {
            return Err(invalid(
                "retries",
                &format!("must be at most {}", retry::MAX_RETRIES),
            ));
        }
        let limiter = match &options.rate_limit {
            Some(limit) => Some(std::rc::Rc::new(
                crate::rate_limit::Limiter::new(limit)
                    .map_err(|(field, why)| invalid(field, why))?,
            )),
            None => None,
        };
        Ok(IamClient {
            quick: OnceCell::new(),
            transport: Rc::new(Transport {
                limiter,
                base,
                headers,
                account_switch_key: options.account_switch_key,
                retries,
                retry_delay_ms: options
                    .retry_delay_ms
                    .unwrap_or(retry::DEFAULT_RETRY_DELAY_MS),
                timeout_ms: options.timeout_ms.unwrap_or(0),
                signer,
            }),
        })
    }

    /// The JS-driven path's parts, made at the first call; `None` for a client with a signer
    /// or a rate limit.
    fn quick(&self) -> Option<&Quick> {
        self.quick
            .get_or_init(|| {
                self.transport
                    .is_direct()
                    .then(|| Quick::new(&self.transport))
            })
            .as_ref()
    }

    /// The one path of every operation, non-generic so its code exists once: checks `params`
    /// against the operation's table entry and builds the request, reads the call's options,
    /// has JS `JSON.stringify` the body, and sends. On the JS-driven path (no signer, no rate
    /// limit) JS sends and resolves a success itself, handing anything else back to the Rust
    /// retry loop; a call without options whose params JS takes is built there too (the
    /// [`Fast`] path). Otherwise the whole call runs in Rust. The promise resolves to the body as JS
    /// parsed it, of the operation's shape, or rejects with an `IamError`.
    pub(crate) fn start(
        &self,
        op: &'static Op,
        params: JsValue,
        options: Option<Ts<CallOptions>>,
    ) -> js_sys::Promise {
        let quick = self.quick();
        if let (Some(quick), None) = (quick, &options) {
            if let Some(promise) = quick.fast.start(op, &params) {
                return promise;
            }
        }
        let prepared = op.request(&Json::from_js(&params)).and_then(|request| {
            let options = CallOptions::read(op.name, options.as_ref())?;
            let body = match request.body {
                true => Some(body_text(op.name, &params, request.patch.as_ref())?),
                false => None,
            };
            Ok((request, options.signal, body))
        });
        let (request, signal, body) = match prepared {
            Ok(prepared) => prepared,
            Err(error) => return js_sys::Promise::reject(&error.into()),
        };
        if let Some(quick) = quick {
            let headers = match body {
                Some(_) => &quick.body_headers,
                None => &quick.headers,
            };
            let resume = &quick.resume;
            return (self.transport).quick(op, request, headers, body, signal, resume, params);
        }
        let transport = Rc::clone(&self.transport);
        future_to_promise(async move {
            let outcome = transport.send(request, body, signal.as_ref()).await;
            op.shape.resolve(op.name, outcome)
        })
    }
}

/// `JSON.stringify(params.body)`, with a normalised field set on a copy (the caller's object is
/// never changed).
fn body_text(
    operation: &str,
    params: &JsValue,
    patch: Option<&(&'static str, String)>,
) -> Result<js_sys::JsString, IamError> {
    let refused = |_| IamError::validation(operation, Some("body"), "cannot be sent as JSON");
    let mut body = js_sys::Reflect::get(params, &JsValue::from_str("body")).map_err(refused)?;
    if let Some((field, value)) = patch {
        let copy = js_sys::Object::assign(&js_sys::Object::new(), body.unchecked_ref());
        js_sys::Reflect::set(&copy, &JsValue::from_str(field), &JsValue::from_str(value))
            .map_err(refused)?;
        body = copy.into();
    }
    js_sys::JSON::stringify(&body).map_err(refused)
}

/// The Node build's `fromEdgerc` options as Rust; refused ones are a `validation` error of
/// `operation`.
///
/// They are read through `serde_json::Value` so that every key is seen: serde-wasm-bindgen reads
/// only the keys a struct names, which would let `deny_unknown_fields` pass a misspelt key.
#[cfg(feature = "node")]
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
#[cfg(feature = "node")]
pub(crate) fn optional_input<T>(operation: &str, given: Option<&Ts<T>>) -> Result<T, IamError>
where
    T: Tsify + DeserializeOwned + Default,
    <T as Tsify>::JsType: JsCast,
{
    given.map_or_else(|| Ok(T::default()), |given| input(operation, given))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::IamErrorKind;

    fn options(base_url: &str) -> ClientOptions {
        ClientOptions {
            base_url: Some(base_url.to_owned()),
            account_switch_key: None,
            headers: None,
            retries: None,
            retry_delay_ms: None,
            timeout_ms: None,
            rate_limit: None,
            #[cfg(feature = "node")]
            credentials: None,
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

    /// The checker's reading of the options and serde's agree: same values when both accept,
    /// and the checker refuses what serde refuses, naming the field.
    #[test]
    fn client_options_schema_reads_what_serde_reads() {
        let full = serde_json::json!({
            "baseUrl": "http://h", "accountSwitchKey": "k", "headers": {"x-a": "1"},
            "retries": 3, "retryDelayMs": 50, "timeoutMs": 1000,
            "rateLimit": {"requestsPerSecond": 2.5, "burst": 4, "maxConcurrent": 2},
        });
        let read = |value: &serde_json::Value| ClientOptions::from_json(&Json::from_serde(value));
        let by_serde: ClientOptions = serde_json::from_value(full.clone()).expect("serde reads");
        assert_eq!(read(&full).expect("schema reads"), by_serde);
        let minimal = serde_json::json!({"baseUrl": "http://h"});
        assert_eq!(
            read(&minimal).expect("schema reads"),
            serde_json::from_value::<ClientOptions>(minimal).expect("serde reads")
        );
        for (key, bad, field) in [
            ("baseURL", serde_json::json!("x"), "baseURL"),
            ("retries", serde_json::json!("2"), "retries"),
            ("retries", serde_json::json!(-1), "retries"),
            ("timeoutMs", serde_json::json!(1.5), "timeoutMs"),
            (
                "retryDelayMs",
                serde_json::json!(4_294_967_296u64),
                "retryDelayMs",
            ),
            ("headers", serde_json::json!({"x-a": 1}), "headers.x-a"),
            (
                "rateLimit",
                serde_json::json!({"burst": 2}),
                "rateLimit.requestsPerSecond",
            ),
            (
                "rateLimit",
                serde_json::json!({"requestsPerSecond": 1, "bursts": 2}),
                "rateLimit.bursts",
            ),
        ] {
            let mut options = full.clone();
            options[key] = bad;
            assert!(
                serde_json::from_value::<ClientOptions>(options.clone()).is_err(),
                "{key}"
            );
            let error = read(&options).expect_err("refused");
            assert_eq!(error.kind, IamErrorKind::Validation);
            assert_eq!(error.field.as_deref(), Some(field), "{}", error.message);
        }
        let not_object = read(&serde_json::json!("http://h")).expect_err("refused");
        assert_eq!(not_object.field, None);
        assert_eq!(
            not_object.message,
            "IamClient: invalid params: must be an object"
        );
    }
}
