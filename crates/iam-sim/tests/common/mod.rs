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
    pub raw: Vec<u8>,
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
    start_with(iam_sim::Config::new(dev_credentials())).await
}

/// A simulator with this configuration, in this test's runtime.
pub async fn start_with(config: iam_sim::Config) -> Sim {
    let creds = config.credentials.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(iam_sim::serve(listener, config));
    Sim {
        origin: format!("http://{addr}"),
        creds,
        client: http_client(),
    }
}

impl Sim {
    /// A client for a simulator already running at `origin` (e.g. a child process).
    pub fn at(origin: String) -> Sim {
        Sim {
            origin,
            creds: dev_credentials(),
            client: http_client(),
        }
    }

    /// A signed GET of `path_and_query` (sent exactly as given).
    pub async fn get(&self, path_and_query: &str) -> Reply {
        self.signed(Method::GET, path_and_query, b"").await
    }

    /// A signed request with a JSON body (`None`: no body).
    pub async fn json(&self, method: Method, path_and_query: &str, body: Option<&Value>) -> Reply {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        self.signed(method, path_and_query, &bytes).await
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
        self.try_send(method, path_and_query, authorization, body)
            .await
            .unwrap()
    }

    /// A signed request that may fail at the transport level (connection closed, refused).
    pub async fn try_signed(
        &self,
        method: Method,
        path_and_query: &str,
        body: &[u8],
    ) -> Result<Reply, reqwest::Error> {
        let sig = edgegrid::sign_now(
            &self.creds,
            &SignRequest {
                method: method.as_str(),
                path_and_query,
                headers: &[],
                body,
            },
        );
        self.try_send(method, path_and_query, Some(&sig.authorization), body)
            .await
    }

    /// Like [`Sim::send`], returning transport errors instead of panicking.
    pub async fn try_send(
        &self,
        method: Method,
        path_and_query: &str,
        authorization: Option<&str>,
        body: &[u8],
    ) -> Result<Reply, reqwest::Error> {
        let url = format!("{}{path_and_query}", self.origin);
        let mut req = self.client.request(method, &url).body(body.to_vec());
        if !body.is_empty() {
            req = req.header("content-type", "application/json");
        }
        if let Some(auth) = authorization {
            req = req.header("authorization", auth);
        }
        let res = req.send().await?;
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.bytes().await?;
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok(Reply {
            status,
            headers,
            body,
            raw: bytes.to_vec(),
        })
    }
}

/// A fresh path for a state file under the system temp directory (not created).
pub fn temp_state_path(tag: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("iam-sim-{tag}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("state.json")
}

/// The bundled OpenAPI spec kept in the repository (spec/iam-v3).
pub fn spec() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../spec/iam-v3/openapi.json"
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

/// The `application/json` schema of `status` for `method` on spec `path`, as a JSON Schema
/// (draft 7): OpenAPI's `nullable: true` becomes a `null` alternative. `None` if the response
/// has no body.
pub fn json_schema(spec: &Value, path: &str, method: &str, status: u16) -> Option<Value> {
    let schema = spec["paths"][path][method]["responses"][status.to_string()]["content"]
        ["application/json"]["schema"]
        .clone();
    (!schema.is_null()).then(|| openapi_to_json_schema(schema))
}

/// Rewrites OpenAPI 3.0 schema keywords that JSON Schema reads differently (`nullable`) and
/// drops the ones it does not know (`example`).
pub fn openapi_to_json_schema(mut schema: Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.remove("example");
                if map.remove("nullable") == Some(Value::Bool(true)) {
                    if let Some(Value::String(t)) = map.get("type").cloned() {
                        map.insert("type".into(), serde_json::json!([t, "null"]));
                    }
                }
                for (_, child) in map.iter_mut() {
                    walk(child);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut schema);
    schema
}

/// Every way `value` breaks the JSON Schema `schema` (draft 7, `date-time` and `email`
/// formats checked), as `path: message` lines, using the `jsonschema` crate.
pub fn schema_errors(schema: &Value, value: &Value) -> Vec<String> {
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}"));
    validator
        .iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}
