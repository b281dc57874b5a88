//! Shared test helpers: an in-process simulator, signed requests, and a small checker of JSON
//! values against the OpenAPI spec's schemas (types, required, enum, additionalProperties,
//! minLength, minimum, minItems, items, date-time).
#![allow(dead_code)]

use edgegrid::{Credentials, SignRequest};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// The simulator's base path.
pub const BASE: &str = "/identity-management/v3";

/// One response, body parsed as JSON (`Value::Null` if it is not JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// A simulator running in this test's runtime on 127.0.0.1:<free port>.
pub struct Sim {
    pub origin: String,
    pub creds: Credentials,
    client: reqwest::Client,
}

pub fn dev_credentials() -> Credentials {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../dev/sim.edgerc");
    let text = std::fs::read_to_string(path).unwrap();
    edgegrid::edgerc::load(Some(&text), "default", |_| None).unwrap()
}

pub async fn start() -> Sim {
    let creds = dev_credentials();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = iam_sim::Config::new(creds.clone());
    tokio::spawn(iam_sim::serve(listener, config));
    Sim {
        origin: format!("http://{addr}"),
        creds,
        client: http_client(),
    }
}

impl Sim {
    /// A signed GET of `path_and_query` (sent exactly as given).
    pub async fn get(&self, path_and_query: &str) -> Reply {
        self.signed(Method::GET, path_and_query, b"").await
    }

    /// A request signed now with the dev credentials.
    pub async fn signed(&self, method: Method, path_and_query: &str, body: &[u8]) -> Reply {
        let sig = edgegrid::sign_now(
            &self.creds,
            &SignRequest {
                method: method.as_str(),
                path_and_query,
                headers: &[],
                body,
            },
        );
        self.send(method, path_and_query, Some(&sig.authorization), body)
            .await
    }

    /// A request with the given `Authorization` header (or none).
    pub async fn send(
        &self,
        method: Method,
        path_and_query: &str,
        authorization: Option<&str>,
        body: &[u8],
    ) -> Reply {
        let url = format!("{}{path_and_query}", self.origin);
        let mut req = self.client.request(method, &url).body(body.to_vec());
        if let Some(auth) = authorization {
            req = req.header("authorization", auth);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.unwrap();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
        }
    }
}

/// The bundled OpenAPI spec from the shared folder beside the project.
pub fn spec() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/iam-openapi/openapi.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The 200 `application/json` schema of `method` on `path` (a spec path, without the base).
pub fn response_schema(spec: &Value, path: &str, method: &str) -> Value {
    spec["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"].clone()
}

/// Every way `value` breaks `schema`, as `json.path: problem` lines.
pub fn violations(schema: &Value, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check(schema, value, "$", &mut out);
    out
}

/// Panics listing the violations, if any.
pub fn assert_conforms(schema: &Value, value: &Value) {
    let errors = violations(schema, value);
    assert!(
        errors.is_empty(),
        "schema violations:\n{}",
        errors.join("\n")
    );
}

fn check(schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(ty) = schema.get("type").and_then(Value::as_str) {
        let ok = match ty {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            _ => true,
        };
        if !ok {
            out.push(format!("{at}: expected {ty}, got {value}"));
            return;
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            out.push(format!("{at}: {value} is not one of {options:?}"));
        }
    }
    if let (Some(min), Some(s)) = (
        schema.get("minLength").and_then(Value::as_u64),
        value.as_str(),
    ) {
        if (s.chars().count() as u64) < min {
            out.push(format!("{at}: shorter than {min}"));
        }
    }
    if let (Some(min), Some(n)) = (
        schema.get("minimum").and_then(Value::as_f64),
        value.as_f64(),
    ) {
        if n < min {
            out.push(format!("{at}: {n} is below {min}"));
        }
    }
    if schema.get("format").and_then(Value::as_str) == Some("date-time") {
        let s = value.as_str().unwrap_or("");
        let b = s.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[10] != b'T' || !(s.ends_with('Z') || s.contains('+')) {
            out.push(format!("{at}: `{s}` is not an RFC 3339 date-time"));
        }
    }
    if let Some(obj) = value.as_object() {
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(name) = name.as_str() {
                if !obj.contains_key(name) {
                    out.push(format!("{at}: missing required `{name}`"));
                }
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        for (key, item) in obj {
            match props.and_then(|p| p.get(key)) {
                Some(sub) => check(sub, item, &format!("{at}.{key}"), out),
                None if closed => out.push(format!("{at}: unexpected field `{key}`")),
                None => {}
            }
        }
    }
    if let Some(items) = value.as_array() {
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
            if (items.len() as u64) < min {
                out.push(format!("{at}: fewer than {min} items"));
            }
        }
        if let Some(sub) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                check(sub, item, &format!("{at}[{i}]"), out);
            }
        }
    }
}

/// Asserts a problem+json body for an API error with this status.
pub fn assert_api_problem(reply: &Reply, status: u16) {
    assert_eq!(reply.status.as_u16(), status, "{:?}", reply.body);
    assert_eq!(reply.content_type(), "application/problem+json");
    let ty = reply.body["type"].as_str().unwrap();
    assert!(ty.starts_with("/identity-management/error-types/"), "{ty}");
    assert_eq!(reply.body["statusCode"], status);
    assert!(reply.body["title"].is_string() && reply.body["detail"].is_string());
    assert!(reply.body["instance"].is_string());
}

/// A plain-HTTP client. In a workspace build reqwest's features are unified with the proxy's
/// (`rustls-no-provider`), and building a client then needs a rustls crypto provider installed.
pub fn http_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}
