//! Signing and sending one checked request upstream, and relaying the answer.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, Response};
use edgegrid::{Credentials, SignRequest};

use crate::config::Upstream;
use crate::error::ConfigError;
use crate::problem::Refusal;

/// Request headers copied from the client; everything else (Authorization, Cookie, Host, Origin,
/// X-Forwarded-*, hop-by-hop headers...) is dropped.
static REQUEST_HEADERS: [HeaderName; 3] = [
    header::CONTENT_TYPE,
    header::ACCEPT,
    header::ACCEPT_LANGUAGE,
];

/// Response headers copied from the upstream; everything else (Set-Cookie, hop-by-hop headers,
/// Akamai's internal headers...) is dropped.
const RESPONSE_HEADERS: [&str; 11] = [
    "content-type",
    "content-encoding",
    "content-language",
    "retry-after",
    "location",
    "etag",
    "last-modified",
    "cache-control",
    "www-authenticate",
    "x-trace-id",
    "x-request-id",
];

/// The names of the request headers that [`Forwarder::send`] would copy from `incoming`.
pub(crate) fn forwarded_names(incoming: &HeaderMap) -> Vec<&'static str> {
    REQUEST_HEADERS
        .iter()
        .filter(|name| incoming.get(*name).is_some_and(|v| v.to_str().is_ok()))
        .map(HeaderName::as_str)
        .collect()
}

/// Signs requests with one credential set and sends them to one upstream.
pub(crate) struct Forwarder {
    client: reqwest::Client,
    upstream: Upstream,
    credentials: Credentials,
}

impl Forwarder {
    /// A forwarder whose client never follows redirects (each hop would need a new signature)
    /// and never uses an environment proxy.
    pub(crate) fn new(
        credentials: Credentials,
        upstream: Upstream,
        timeout: Duration,
    ) -> Result<Self, ConfigError> {
        // Installing fails only when a provider is already installed, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .user_agent(concat!("iam-proxy/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ConfigError::Client(e.to_string()))?;
        Ok(Forwarder {
            client,
            upstream,
            credentials,
        })
    }

    /// Signs `target` (a canonical path and query) and sends it with `X-Request-Id: id` (not
    /// signed); returns the upstream's answer.
    pub(crate) async fn send(
        &self,
        method: &Method,
        target: &str,
        incoming: &HeaderMap,
        id: &HeaderValue,
        body: Bytes,
    ) -> Result<Response<Body>, Refusal> {
        let url = reqwest::Url::parse(&format!("{}{target}", self.upstream.as_str()))
            .map_err(|_| Refusal::MalformedTarget("the target is not a valid URL path"))?;
        // Defence in depth: what goes on the wire must be exactly what was checked and signed.
        let on_wire = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        };
        if on_wire != target {
            return Err(Refusal::MalformedTarget(
                "the target would change when sent",
            ));
        }

        let forwarded: Vec<(&str, &str)> = REQUEST_HEADERS
            .iter()
            .filter_map(|name| {
                let value = incoming.get(name)?.to_str().ok()?;
                Some((name.as_str(), value))
            })
            .collect();
        let signature = edgegrid::sign_now(
            &self.credentials,
            &SignRequest {
                method: method.as_str(),
                path_and_query: target,
                headers: &forwarded,
                body: &body,
            },
        );

        let mut request = self
            .client
            .request(method.clone(), url)
            .header(header::AUTHORIZATION, signature.authorization)
            .header(&crate::request_id::HEADER, id);
        for (name, value) in &forwarded {
            request = request.header(*name, *value);
        }
        let upstream = request.body(body).send().await.map_err(|e| classify(&e))?;

        let status = upstream.status();
        let mut headers = HeaderMap::new();
        for name in RESPONSE_HEADERS {
            for value in upstream.headers().get_all(name) {
                headers.append(HeaderName::from_static(name), value.clone());
            }
        }
        let bytes = upstream.bytes().await.map_err(|e| classify(&e))?;
        let mut response = Response::new(Body::from(bytes));
        *response.status_mut() = status;
        *response.headers_mut() = headers;
        Ok(response)
    }
}

/// Maps a client error to the refusal the browser sees.
fn classify(error: &reqwest::Error) -> Refusal {
    if error.is_timeout() {
        Refusal::UpstreamTimeout
    } else if error.is_connect() || was_reset(error) {
        Refusal::UpstreamUnreachable
    } else {
        Refusal::UpstreamFailed
    }
}

/// Whether an I/O error in the chain says the connection was reset or aborted.
fn was_reset(error: &reqwest::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
            );
        }
        source = e.source();
    }
    false
}
