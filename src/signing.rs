//! Direct EdgeGrid signing, for the Node build only (feature `node`): server-side code may hold
//! credentials, so the client signs each request itself with the `edgegrid` signer and needs no
//! proxy. Browsers never get this module; they go through the signing proxy.
//!
//! The signer is the pure `edgegrid::sign`; this module only feeds it the JS clock, a
//! `crypto.randomUUID()` nonce, and the path and query exactly as fetch will send them (the URL is
//! passed through the WHATWG URL parser, the one fetch uses, and the parsed form is both signed and
//! sent).

use std::fmt;

use edgegrid::{sign, timestamp_from_unix, Credentials, Secret, SignRequest};
use serde::{Deserialize, Deserializer};
use tsify::Tsify;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function wireTarget(url) {
    const parsed = new URL(url);
    return [parsed.href, parsed.pathname + parsed.search];
}
"#)]
extern "C" {
    /// `[href, pathname + search]` of `url` as the WHATWG URL parser (and so fetch) sees it.
    #[wasm_bindgen(js_name = wireTarget, catch)]
    fn wire_target(url: &str) -> Result<Vec<String>, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// A random UUID v4 from Web Crypto (a global in Node 20).
    #[wasm_bindgen(js_namespace = crypto, js_name = randomUUID)]
    fn random_uuid() -> String;
}

/// EdgeGrid credentials (one `.edgerc` section), for signing in the client itself. Node only:
/// never put credentials in code that runs in a browser.
#[derive(Clone, Debug, PartialEq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EdgeGridCredentials {
    /// The API host, e.g. `akab-xxxx.luna.akamaiapis.net` (`https://` and a trailing `/` are
    /// tolerated); it is the signed host, whatever `baseUrl` says.
    pub host: String,
    /// `client_token`.
    pub client_token: String,
    /// `client_secret` (kept out of `Debug` and of every error).
    #[serde(deserialize_with = "secret")]
    #[tsify(type = "string")]
    pub client_secret: Secret,
    /// `access_token` (kept out of `Debug` and of every error).
    #[serde(deserialize_with = "secret")]
    #[tsify(type = "string")]
    pub access_token: Secret,
    /// How many leading bytes of a POST body enter the content hash (default 131072).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub max_body: Option<usize>,
}

fn secret<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
    String::deserialize(deserializer).map(Secret::new)
}

impl EdgeGridCredentials {
    /// The signer's credentials; the error names the refused field without its value.
    pub(crate) fn into_credentials(self) -> Result<Credentials, (&'static str, &'static str)> {
        let mut credentials = Credentials::new(
            &self.host,
            self.client_token.trim(),
            self.client_secret.expose().trim(),
            self.access_token.expose().trim(),
        );
        if let Some(max_body) = self.max_body {
            credentials.max_body = max_body;
        }
        check(&credentials)?;
        Ok(credentials)
    }
}

/// Refuses credentials that cannot sign: empty fields, a host with a path, query or spaces.
pub(crate) fn check(credentials: &Credentials) -> Result<(), (&'static str, &'static str)> {
    let host = credentials.host.as_str();
    if host.is_empty()
        || host
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '/' | '?' | '#' | '@'))
    {
        return Err((
            "credentials.host",
            "must be a hostname such as akab-xxxx.luna.akamaiapis.net",
        ));
    }
    for (field, value) in [
        ("credentials.clientToken", credentials.client_token.as_str()),
        (
            "credentials.clientSecret",
            credentials.client_secret.expose(),
        ),
        ("credentials.accessToken", credentials.access_token.expose()),
    ] {
        if value.is_empty() {
            return Err((field, "must not be empty"));
        }
    }
    Ok(())
}

/// A request as it will go on the wire, signed.
pub(crate) struct Signed {
    /// The URL to fetch, as the URL parser serialises it.
    pub url: String,
    /// The `Authorization` header (carries the access token: never log it).
    pub authorization: String,
}

impl fmt::Debug for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signed")
            .field("url", &self.url)
            .field("authorization", &"[redacted]")
            .finish()
    }
}

/// Signs every attempt of every request with one credential set.
#[derive(Clone, Debug)]
pub(crate) struct Signer {
    credentials: Credentials,
}

impl Signer {
    /// A signer for checked credentials.
    pub fn new(credentials: Credentials) -> Self {
        Self { credentials }
    }

    /// The signed host, e.g. for the default `https://{host}` base URL.
    pub fn host(&self) -> &str {
        &self.credentials.host
    }

    /// Signs one attempt now: the JS clock, a fresh nonce, and the URL as fetch will send it.
    pub fn sign_now(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Signed, String> {
        let target = wire_target(url).map_err(|_| format!("{url} is not a valid URL"))?;
        let [href, path_and_query] = <[String; 2]>::try_from(target)
            .map_err(|_| "the URL parser returned an unexpected value".to_owned())?;
        let secs = (js_sys::Date::now() / 1000.0).floor();
        let timestamp = timestamp_from_unix(if secs > 0.0 { secs as u64 } else { 0 });
        let authorization = self.authorization(
            &SignRequest {
                method,
                path_and_query: &path_and_query,
                headers,
                body,
            },
            &timestamp,
            &random_uuid(),
        );
        Ok(Signed {
            url: href,
            authorization,
        })
    }

    /// The `Authorization` header of `request` at `timestamp` with `nonce` (pure).
    pub fn authorization(&self, request: &SignRequest<'_>, timestamp: &str, nonce: &str) -> String {
        sign(&self.credentials, request, timestamp, nonce).authorization
    }
}

/// The signing test hook's credentials: the test vectors' shape, with signed headers.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TestCredentials {
    host: String,
    client_token: String,
    client_secret: String,
    access_token: String,
    max_body: usize,
    #[serde(default)]
    headers_to_sign: Vec<String>,
}

/// The signing test hook's request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TestRequest {
    method: String,
    path: String,
    #[serde(default)]
    headers: Vec<(String, String)>,
    #[serde(default)]
    body: String,
}

/// TEST ONLY, not part of the API (absent from the TypeScript types): the `Authorization` header
/// the wasm signer computes for `request` with a fixed `timestamp` and `nonce`, so tests can check
/// it against Akamai's vectors.
#[wasm_bindgen(js_name = __testSignEdgeGrid, skip_typescript)]
pub fn test_sign_edge_grid(
    credentials: JsValue,
    request: JsValue,
    timestamp: &str,
    nonce: &str,
) -> Result<String, JsError> {
    let given: TestCredentials = serde_wasm_bindgen::from_value(credentials)
        .map_err(|error| JsError::new(&format!("credentials: {error}")))?;
    let request: TestRequest = serde_wasm_bindgen::from_value(request)
        .map_err(|error| JsError::new(&format!("request: {error}")))?;
    let mut credentials = Credentials::new(
        &given.host,
        &given.client_token,
        given.client_secret,
        given.access_token,
    );
    credentials.max_body = given.max_body;
    credentials.headers_to_sign = given.headers_to_sign;
    let headers: Vec<(&str, &str)> = request
        .headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    Ok(Signer::new(credentials).authorization(
        &SignRequest {
            method: &request.method,
            path_and_query: &request.path,
            headers: &headers,
            body: request.body.as_bytes(),
        },
        timestamp,
        nonce,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(host: &str, secret: &str) -> EdgeGridCredentials {
        serde_json::from_value(serde_json::json!({
            "host": host, "clientToken": "ct", "clientSecret": secret, "accessToken": "TOKEN-T",
        }))
        .expect("valid credentials")
    }

    #[test]
    fn credentials_debug_hides_the_secrets() {
        let credentials = given("https://h.example/", "SECRET-S");
        let shown = format!("{credentials:?}");
        assert!(
            !shown.contains("SECRET-S") && !shown.contains("TOKEN-T"),
            "{shown}"
        );
        let signer = Signer::new(credentials.into_credentials().expect("usable"));
        assert_eq!(signer.host(), "h.example");
        let shown = format!("{signer:?}");
        assert!(
            !shown.contains("SECRET-S") && !shown.contains("TOKEN-T"),
            "{shown}"
        );
    }

    #[test]
    fn credentials_are_strict_and_checked_without_echoing_values() {
        let misspelt = serde_json::from_value::<EdgeGridCredentials>(serde_json::json!({
            "host": "h", "clientToken": "ct", "client_secret": "s", "accessToken": "a",
        }));
        assert!(misspelt.is_err());
        let error = given("h.example/path", "SECRET-S")
            .into_credentials()
            .expect_err("a path is refused");
        assert_eq!(error.0, "credentials.host");
        let error = given("h.example", "  ")
            .into_credentials()
            .expect_err("empty secret");
        assert_eq!(error, ("credentials.clientSecret", "must not be empty"));
    }

    #[test]
    fn post_body_enters_the_signature() {
        let signer = Signer::new(given("h.example", "cs").into_credentials().expect("usable"));
        let request = |body: &'static [u8]| SignRequest {
            method: "POST",
            path_and_query: "/identity-management/v3/user-admin/groups/1",
            headers: &[],
            body,
        };
        let ts = "20240101T00:00:00+0000";
        assert_ne!(
            signer.authorization(&request(b"{\"groupName\":\"a\"}"), ts, "n"),
            signer.authorization(&request(b"{\"groupName\":\"b\"}"), ts, "n")
        );
    }
}
