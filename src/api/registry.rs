//! Registry of every operation's builder, so native tests can check each one against the OpenAPI
//! spec (method, path, query parameters, success statuses, body and result types) and the
//! `client_params` fuzz target can build any operation from arbitrary JSON. Compiled for tests
//! and with feature `fuzzing` only.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::IamError;
use crate::request::Request;

/// Builds an operation's request from params given as JSON.
pub type Build = Box<dyn Fn(Value) -> Result<Request, IamError>>;
/// Decodes a JSON body into the operation's result type and encodes it back.
pub type Roundtrip = fn(&Value) -> Result<Value, String>;

/// One spec operation as the client implements it.
pub struct Entry {
    /// The client method (its JS name) that sends this operation.
    pub name: &'static str,
    /// The spec operation this entry claims: `"GET /user-admin/ui-identities"` (path after
    /// `/identity-management/v3`, with the spec's `{param}` names).
    pub spec: &'static str,
    /// Params to add to the generated sample params to select this variant (e.g. none for the
    /// `self` variant of an API client operation, or `{"scope": "user"}`).
    pub variant: Value,
    /// The builder, from params as JSON.
    pub build: Build,
    /// The result type's decode + encode, `None` for operations without a response body.
    pub roundtrip: Option<Roundtrip>,
}

fn roundtrip<R: DeserializeOwned + Serialize>(body: &Value) -> Result<Value, String> {
    let typed: R = serde_json::from_value(body.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

fn builder<P: DeserializeOwned + 'static>(build: fn(&P) -> Result<Request, IamError>) -> Build {
    Box::new(move |params: Value| {
        let params: P = serde_json::from_value(params)
            .map_err(|e| IamError::invalid_params("registry", &e.to_string()))?;
        build(&params)
    })
}

/// An operation answering a JSON body decoded as `R`.
pub(crate) fn entry<P: DeserializeOwned + 'static, R: DeserializeOwned + Serialize>(
    name: &'static str,
    spec: &'static str,
    build: fn(&P) -> Result<Request, IamError>,
) -> Entry {
    Entry {
        name,
        spec,
        variant: Value::Object(Default::default()),
        build: builder(build),
        roundtrip: Some(roundtrip::<R>),
    }
}

/// An operation answering 204 without a body.
pub(crate) fn no_content<P: DeserializeOwned + 'static>(
    name: &'static str,
    spec: &'static str,
    build: fn(&P) -> Result<Request, IamError>,
) -> Entry {
    Entry {
        name,
        spec,
        variant: Value::Object(Default::default()),
        build: builder(build),
        roundtrip: None,
    }
}

impl Entry {
    /// The same entry selecting another variant with extra sample params.
    pub(crate) fn with_variant(mut self, variant: Value) -> Self {
        self.variant = variant;
        self
    }
}

/// Every operation of every docs section.
pub fn all() -> Vec<Entry> {
    use crate::api::*;
    [
        groups::registry(),
        properties::registry(),
        roles::registry(),
        users::registry(),
        user_profile::registry(),
        common::registry(),
        ip_allowlist::registry(),
        api_clients::registry(),
        credentials::registry(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
