//! The one place that calls fetch (through gloo-net): sends a [`Request`], checks the status,
//! then decodes. Every failure becomes an [`IamError`].

use gloo_net::http::RequestBuilder;
#[cfg(test)]
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::client::Signer;
use crate::error::IamError;
use crate::rate_limit::{self, Limiter, Signals};
use crate::request::{BaseUrl, Method, Request};
use crate::retry::{delay_ms, retryable, Attempt};

// One call's abort state: the caller's signal and the client's timeout folded into one
// controller, plus an abortable sleep for the backoff between retries. Plain JS so it behaves the
// same in browsers and Node (whose timers are objects, not numbers).
#[wasm_bindgen(inline_js = r#"
export class CallSignal {
    constructor(signal, timeoutMs) {
        this.controller = new AbortController();
        this.timedOut = false;
        this.user = signal ?? null;
        this.onAbort = () => this.controller.abort(this.user.reason);
        if (this.user !== null) {
            if (this.user.aborted) this.controller.abort(this.user.reason);
            else this.user.addEventListener("abort", this.onAbort, { once: true });
        }
        this.timer = timeoutMs > 0
            ? setTimeout(() => { this.timedOut = true; this.controller.abort(); }, timeoutMs)
            : null;
    }
    get signal() { return this.controller.signal; }
    get aborted() { return this.controller.signal.aborted; }
    sleep(ms) {
        const signal = this.controller.signal;
        return new Promise((resolve) => {
            if (signal.aborted) { resolve(); return; }
            const done = () => { clearTimeout(timer); signal.removeEventListener("abort", done); resolve(); };
            const timer = setTimeout(done, ms);
            signal.addEventListener("abort", done, { once: true });
        });
    }
    dispose() {
        if (this.timer !== null) clearTimeout(this.timer);
        if (this.user !== null) this.user.removeEventListener("abort", this.onAbort);
    }
}
"#)]
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
}

/// Clears the call's timer and listener however the call ends.
struct Disposing(CallSignal);

impl Drop for Disposing {
    fn drop(&mut self) {
        self.0.dispose();
    }
}

/// A response as read off the wire.
struct Reply {
    status: u16,
    status_text: String,
    signals: Signals,
    body: String,
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
    /// Sends `request`, retrying as [`crate::retry`] says, until it succeeds, fails for good, or
    /// `signal` (or the timeout) aborts it; answers the success status and body text.
    pub async fn send(
        &self,
        request: Request,
        signal: Option<&AbortSignal>,
    ) -> Result<(u16, String), IamError> {
        let request = request.or_account_switch_key(self.account_switch_key.as_deref());
        let url = request.url(&self.base);
        let call = Disposing(CallSignal::new(signal, self.timeout_ms));
        let retries = if request.method == Method::Post {
            0
        } else {
            self.retries
        };
        let aborted = || {
            let timeout = call.0.timed_out().then_some(self.timeout_ms);
            IamError::aborted(request.operation, timeout)
        };
        let mut retry = 0;
        loop {
            if call.0.aborted() {
                return Err(aborted());
            }
            // Rate limits (issue 13): each try waits for its turn in the client-wide limiter,
            // whose concurrency slot it holds until its response is read.
            let turn = match &self.limiter {
                Some(limiter) => match limiter.admit(&call.0.signal(), |ms| call.0.sleep(ms)).await
                {
                    Ok(turn) => Some(turn),
                    Err(()) => return Err(aborted()),
                },
                None => None,
            };
            let result = match self.attempt(&request, &url, &call.0.signal()).await {
                Err(_) if call.0.aborted() => return Err(aborted()),
                result => result,
            };
            drop(turn);
            let attempt = match &result {
                Ok(reply) => rate_limit::attempt(reply.status, &reply.signals, &reply.body),
                Err(_) => Attempt::Network,
            };
            let wait = (retry < retries && retryable(request.method, attempt))
                .then(|| delay_ms(retry, self.retry_delay_ms, attempt, js_sys::Math::random()))
                .flatten();
            match (wait, result) {
                (Some(ms), _) => {
                    // The sleep resolves early when the call is aborted; the loop then says so.
                    let _ = JsFuture::from(call.0.sleep(ms)).await;
                    retry += 1;
                }
                (None, Ok(reply)) => {
                    check_status(&request, reply.status, &reply.status_text, &reply.body).map_err(
                        |error| {
                            let now = js_sys::Date::now();
                            let local = self.signer.is_some();
                            rate_limit::explain(error, &reply.signals, &reply.body, now, local)
                        },
                    )?;
                    return Ok((reply.status, reply.body));
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
        signal: &AbortSignal,
    ) -> Result<Reply, String> {
        let body = match &request.body {
            Some(body) => Some(serde_json::to_string(body).map_err(|error| error.to_string())?),
            None => None,
        };
        let mut headers: Vec<(&str, &str)> = vec![("Accept", "application/json")];
        if body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        headers.extend(
            self.headers
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
        );
        let (url, authorization): (String, Option<String>) = match &self.signer {
            #[cfg(feature = "node")]
            Some(signer) => {
                let body = body.as_deref().unwrap_or_default().as_bytes();
                let signed = signer.sign_now(request.method.as_str(), url, &headers, body)?;
                (signed.url, Some(signed.authorization))
            }
            #[cfg(not(feature = "node"))]
            Some(never) => match *never {},
            None => (url.to_owned(), None),
        };
        let mut builder = RequestBuilder::new(&url)
            .method(method(request.method))
            .abort_signal(Some(signal));
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        if let Some(authorization) = &authorization {
            builder = builder.header("Authorization", authorization);
        }
        let outgoing = match body {
            Some(body) => builder.body(body),
            None => builder.build(),
        }
        .map_err(|error| error.to_string())?;
        let response = outgoing.send().await.map_err(|error| error.to_string())?;
        let body = response.text().await.map_err(|error| error.to_string())?;
        let headers = response.headers();
        Ok(Reply {
            status: response.status(),
            status_text: response.status_text(),
            signals: Signals {
                retry_after: headers.get("Retry-After"),
                next: headers.get("X-RateLimit-Next"),
                date: headers.get("Date"),
            },
            body,
        })
    }
}

/// An `http` error unless the response's status is one `request` expects. Pure, so native tests
/// cover it.
pub fn check_status(
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

fn method(method: Method) -> gloo_net::http::Method {
    use Method::*;
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
