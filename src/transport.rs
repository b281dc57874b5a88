//! The one place that calls fetch: sends a [`Request`] (its body already `JSON.stringify`-ed by
//! JS), retries, checks the status, and hands the success body to the caller as the value JS's
//! `JSON.parse` made of it, never copied into wasm. Every failure becomes an [`IamError`].

#[cfg(test)]
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::error::IamError;
use crate::rate_limit::{self, Limiter, Signals};
use crate::request::{BaseUrl, Method, Request};
use crate::retry::{delay_ms, retryable, Attempt};

/// What signs requests in the client: only the Node build has a signer.
#[cfg(feature = "node")]
pub(crate) type Signer = crate::signing::Signer;
/// What signs requests in the client: only the Node build has a signer.
#[cfg(not(feature = "node"))]
pub(crate) type Signer = std::convert::Infallible;

#[wasm_bindgen(module = "/src/transport.js")]
extern "C" {
    type CallSignal;
    #[wasm_bindgen(constructor)]
    fn new(signal: Option<&AbortSignal>, timeout_ms: u32) -> CallSignal;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &CallSignal) -> AbortSignal;
    #[wasm_bindgen(method, getter)]
    fn aborted(this: &CallSignal) -> bool;
    #[wasm_bindgen(method, getter, js_name = timedOut)]
    fn timed_out(this: &CallSignal) -> bool;
    #[wasm_bindgen(method)]
    fn sleep(this: &CallSignal, ms: u32) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn dispose(this: &CallSignal);

    type Reply;
    #[wasm_bindgen(catch)]
    async fn attempt(
        url: &str,
        method: &str,
        headers: js_sys::Array,
        body: Option<js_sys::JsString>,
        signal: &AbortSignal,
    ) -> Result<JsValue, JsValue>;
    /// The JS-driven call (see the snippet): `ok2` is 0 when one status means success.
    #[allow(clippy::too_many_arguments)]
    fn quick(
        url: &str,
        method: u8,
        headers: &JsValue,
        body: Option<js_sys::JsString>,
        signal: Option<AbortSignal>,
        timeout_ms: u32,
        ok: u16,
        ok2: u16,
        shape: u8,
        resume: &JsValue,
        op: u32,
        params: JsValue,
    ) -> js_sys::Promise;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Reply) -> u16;
    #[wasm_bindgen(method, getter, js_name = statusText)]
    fn status_text(this: &Reply) -> String;
    #[wasm_bindgen(method, getter, js_name = retryAfter)]
    fn retry_after(this: &Reply) -> Option<String>;
    #[wasm_bindgen(method, getter, js_name = rateLimitNext)]
    fn rate_limit_next(this: &Reply) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn date(this: &Reply) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn text(this: &Reply) -> String;
    #[wasm_bindgen(method, catch)]
    fn json(this: &Reply) -> Result<JsValue, JsValue>;
}

/// Clears the call's timer and listener however the call ends.
struct Disposing(CallSignal);

impl Drop for Disposing {
    fn drop(&mut self) {
        self.0.dispose();
    }
}

/// What the retry loop reads of a response into wasm: its status, and only when the status is not
/// one the operation expects, the rate-limit signals and the body (its problem details). A
/// success crosses into wasm as its status alone; its body stays in JS.
struct Seen {
    status: u16,
    signals: Signals,
    error_body: Option<String>,
}

impl Seen {
    fn of(reply: &Reply, request: &Request) -> Self {
        let status = reply.status();
        if request.expected.contains(&status) {
            // Never retried, never explained: no header or body is needed.
            return Seen {
                status,
                signals: Signals::default(),
                error_body: None,
            };
        }
        Seen {
            status,
            signals: Signals {
                retry_after: reply.retry_after(),
                next: reply.rate_limit_next(),
                date: reply.date(),
            },
            error_body: Some(reply.text()),
        }
    }
}

/// Where requests go, what every request carries, and how failures are retried.
#[derive(Clone, Debug)]
pub struct Transport {
    /// The signing proxy's URL.
    pub base: BaseUrl,
    /// Headers added to every request.
    pub headers: Vec<(String, String)>,
    /// Added to every query that has no `accountSwitchKey` of its own.
    pub account_switch_key: Option<String>,
    /// Retries of GET, PUT and DELETE (see [`crate::retry`]).
    pub retries: u32,
    /// The first backoff step in milliseconds.
    pub retry_delay_ms: u32,
    /// Aborts a call after this many milliseconds; 0 for none.
    pub timeout_ms: u32,
    /// Node build only: signs every attempt in the client (no proxy). Always `None` in browsers.
    pub(crate) signer: Option<Signer>,
    /// The client-wide limiter (`rateLimit` option), shared by every call of the client.
    pub(crate) limiter: Option<std::rc::Rc<Limiter>>,
}

impl Transport {
    /// Sends `request` with `body` (JSON text), retrying as [`crate::retry`] says, until it
    /// succeeds, fails for good, or `signal` (or the timeout) aborts it; answers the success
    /// status and the body as parsed by JS (`undefined` when empty).
    pub async fn send(
        &self,
        request: Request,
        body: Option<js_sys::JsString>,
        signal: Option<&AbortSignal>,
    ) -> Result<(u16, JsValue), IamError> {
        let request = request.or_account_switch_key(self.account_switch_key.as_deref());
        let call = Disposing(CallSignal::new(signal, self.timeout_ms));
        let reply = self.retrying(&request, body, &call.0, None).await?;
        Self::parsed(&request, reply)
    }

    /// Whether calls can take the JS-driven path ([`Transport::quick`]): not with a signer (each
    /// attempt is signed in Rust) or a limiter (each attempt waits its turn in Rust).
    pub(crate) fn is_direct(&self) -> bool {
        self.signer.is_none() && self.limiter.is_none()
    }

    /// The headers of every request as a JS object (made once per client for the JS path), with
    /// `Content-Type` when `with_body`.
    pub(crate) fn headers_object(&self, with_body: bool) -> JsValue {
        let object = js_sys::Object::new();
        let set = |name: &str, value: &str| {
            let _ = js_sys::Reflect::set(&object, &name.into(), &value.into());
        };
        set("Accept", "application/json");
        if with_body {
            set("Content-Type", "application/json");
        }
        for (name, value) in &self.headers {
            set(name, value);
        }
        object.into()
    }

    /// Starts `request` on the JS-driven path: JS sends it once and resolves a success of
    /// `op`'s shape itself; anything else it hands to `resume` (see [`Transport::resume`]) with
    /// `op`'s place in [`crate::api::all`] and `params`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn quick(
        &self,
        op: &'static crate::op::Op,
        request: Request,
        headers: &JsValue,
        body: Option<js_sys::JsString>,
        signal: Option<AbortSignal>,
        resume: &JsValue,
        params: JsValue,
    ) -> js_sys::Promise {
        let request = request.or_account_switch_key(self.account_switch_key.as_deref());
        let status = |at: usize| request.expected.get(at).copied().unwrap_or(0);
        quick(
            &request.url(&self.base),
            request.method as u8,
            headers,
            body,
            signal,
            self.timeout_ms,
            status(0),
            status(1),
            op.shape as u8,
            resume,
            crate::api::index_of(op),
            params,
        )
    }

    /// Goes on with a call the JS path handed back: the retry loop from its first attempt's
    /// `reply` (or `error` when there was none), under its `call` signal, which is disposed of
    /// however this ends. `request` is rebuilt from the call's params.
    pub(crate) async fn resume(
        &self,
        request: Result<Request, IamError>,
        body: JsValue,
        reply: JsValue,
        error: JsValue,
        call: JsValue,
    ) -> Result<(u16, JsValue), IamError> {
        let call = Disposing(call.unchecked_into());
        let request = request?.or_account_switch_key(self.account_switch_key.as_deref());
        let first = if reply.is_undefined() {
            Err(describe(&error))
        } else {
            Ok(reply.unchecked_into())
        };
        let body = body.dyn_into::<js_sys::JsString>().ok();
        let reply = self.retrying(&request, body, &call.0, Some(first)).await?;
        Self::parsed(&request, reply)
    }

    /// A final success reply's status and body as JS parsed it (`undefined` when empty).
    fn parsed(request: &Request, reply: Reply) -> Result<(u16, JsValue), IamError> {
        let status = reply.status();
        let value = reply.json().map_err(|error| {
            let reason = error.dyn_ref::<js_sys::Error>().map_or_else(
                || "the body is not JSON".to_owned(),
                |e| String::from(e.message()),
            );
            IamError::decode(request.operation, Some(status), &reason)
        })?;
        Ok((status, value))
    }

    /// The retry loop: attempts until one gets a response that is not to be retried, the
    /// retries run out, or the call is aborted. Answers the last response.
    async fn retrying(
        &self,
        request: &Request,
        body: Option<js_sys::JsString>,
        call: &CallSignal,
        mut first: Option<Result<Reply, String>>,
    ) -> Result<Reply, IamError> {
        let url = request.url(&self.base);
        let retries = if request.method == Method::Post {
            0
        } else {
            self.retries
        };
        let aborted = || {
            let timeout = call.timed_out().then_some(self.timeout_ms);
            IamError::aborted(request.operation, timeout)
        };
        let mut retry = 0;
        loop {
            let (turn, outcome) = match first.take() {
                // The JS path's attempt (never with a limiter).
                Some(outcome) => (None, outcome),
                None => {
                    if call.aborted() {
                        return Err(aborted());
                    }
                    // Rate limits (issue 13): each try waits for its turn in the client-wide
                    // limiter, whose concurrency slot it holds until its response is read.
                    let turn = match &self.limiter {
                        Some(limiter) => {
                            match limiter.admit(&call.signal(), |ms| call.sleep(ms)).await {
                                Ok(turn) => Some(turn),
                                Err(()) => return Err(aborted()),
                            }
                        }
                        None => None,
                    };
                    let outcome = self
                        .attempt(request, &url, body.as_ref(), &call.signal())
                        .await;
                    (turn, outcome)
                }
            };
            let result = match outcome {
                Err(_) if call.aborted() => return Err(aborted()),
                result => result.map(|reply| {
                    let seen = Seen::of(&reply, request);
                    (reply, seen)
                }),
            };
            drop(turn);
            let attempt = match &result {
                Ok((_, seen)) => rate_limit::attempt(
                    seen.status,
                    &seen.signals,
                    seen.error_body.as_deref().unwrap_or(""),
                ),
                Err(_) => Attempt::Network,
            };
            let wait = (retry < retries && retryable(request.method, attempt))
                .then(|| delay_ms(retry, self.retry_delay_ms, attempt, js_sys::Math::random()))
                .flatten();
            match (wait, result) {
                (Some(ms), _) => {
                    // The sleep resolves early when the call is aborted; the loop then says so.
                    let _ = JsFuture::from(call.sleep(ms)).await;
                    retry += 1;
                }
                (None, Ok((reply, seen))) => {
                    let Some(body) = seen.error_body else {
                        return Ok(reply);
                    };
                    let error =
                        IamError::http(request.operation, seen.status, &reply.status_text(), &body);
                    let now = js_sys::Date::now();
                    let local = self.signer.is_some();
                    return Err(rate_limit::explain(error, &seen.signals, &body, now, local));
                }
                (None, Err(error)) => return Err(IamError::network(request.operation, &error)),
            }
        }
    }

    /// One try: the response, or why none arrived. With a signer, the attempt gets its own
    /// signature (fresh timestamp and nonce) over the URL and body exactly as sent.
    async fn attempt(
        &self,
        request: &Request,
        url: &str,
        body: Option<&js_sys::JsString>,
        signal: &AbortSignal,
    ) -> Result<Reply, String> {
        let mut headers: Vec<(&str, &str)> = vec![("Accept", "application/json")];
        if body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        headers.extend(
            self.headers
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
        );
        let (url, authorization): (std::borrow::Cow<'_, str>, Option<String>) = match &self.signer {
            #[cfg(feature = "node")]
            Some(signer) => {
                let text = body.map(String::from).unwrap_or_default();
                let signed =
                    signer.sign_now(request.method.as_str(), url, &headers, text.as_bytes())?;
                (signed.url.into(), Some(signed.authorization))
            }
            #[cfg(not(feature = "node"))]
            Some(never) => match *never {},
            None => (url.into(), None),
        };
        let pairs = js_sys::Array::new();
        let add = |name: &str, value: &str| {
            pairs.push(&js_sys::Array::of2(&name.into(), &value.into()));
        };
        for (name, value) in headers {
            add(name, value);
        }
        if let Some(authorization) = &authorization {
            add("Authorization", authorization);
        }
        attempt(&url, request.method.as_str(), pairs, body.cloned(), signal)
            .await
            .map(JsCast::unchecked_into)
            .map_err(|error| describe(&error))
    }
}

/// What a rejected fetch says: its message (`TypeError: Failed to fetch`).
fn describe(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => format!(
            "{}: {}",
            String::from(error.name()),
            String::from(error.message())
        ),
        None => error
            .as_string()
            .unwrap_or_else(|| "fetch failed".to_owned()),
    }
}

/// An `http` error unless the response's status is one `request` expects (what the retry loop
/// does with a final response), for the native tests' [`outcome`].
#[cfg(test)]
fn check_status(
    request: &Request,
    status: u16,
    status_text: &str,
    body: &str,
) -> Result<(), IamError> {
    if request.expected.contains(&status) {
        Ok(())
    } else {
        Err(IamError::http(request.operation, status, status_text, body))
    }
}

/// The status check, then the body decoded into the operation's Rust result type: what native
/// tests use to check the result types (at run time JS receives the parsed JSON itself).
#[cfg(test)]
pub fn outcome<T: DeserializeOwned>(
    request: &Request,
    status: u16,
    status_text: &str,
    body: &str,
) -> Result<T, IamError> {
    check_status(request, status, status_text, body)?;
    // A 204 (or any empty success body) decodes as JSON `null`: `()` for no-content operations,
    // `None` for "Reset a user's password", which answers 200 with a body or 204.
    let body = if body.trim().is_empty() { "null" } else { body };
    serde_json::from_str(body)
        .map_err(|error| IamError::decode(request.operation, Some(status), &error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::IamErrorKind;

    fn get_user() -> Request {
        let params = serde_json::json!({"uiIdentityId": "A-B-1"});
        crate::api::users::GET_USER
            .request(&crate::schema::Json::from_serde(&params))
            .expect("valid params")
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
        let mut request = get_user();
        request.expected = &[200, 204];
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
