//! Registry of every operation with its Rust types, so native tests can check each table entry
//! against the OpenAPI spec (method, path, query, success statuses, body and result types) and
//! the schema the table checks against serde's reading of the same types, and the
//! `client_params` fuzz target can build any operation from arbitrary JSON. Compiled for tests
//! and with feature `fuzzing` only.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::IamError;
use crate::op::Op;
use crate::request::Request;
use crate::schema::{Json, Schema};
use tsify::{Ts, Tsify};

/// Decodes a JSON body into a Rust type and encodes it back.
pub type Roundtrip = fn(&Value) -> Result<Value, String>;

/// One operation of the table, with its Rust types.
pub struct Entry {
    /// The table entry.
    pub op: &'static Op,
    /// serde's reading of params into the params type, encoded back.
    pub params: Roundtrip,
    /// The result type's decode + encode, `None` for operations without a response body.
    pub result: Option<Roundtrip>,
    /// The method's TypeScript return type as the table writes it (`Promise<User>`).
    pub ts: &'static str,
    /// The same, as the result type's tsify declarations name it.
    pub result_ts: fn() -> String,
}

impl Entry {
    /// The request the table builds from params given as JSON.
    pub fn build(&self, params: &Value) -> Result<Request, IamError> {
        self.op.request(&Json::from_serde(params))
    }

    /// The spec operations (`"METHOD /path"`) this entry serves, each with the params that select
    /// it: an optional `clientId` in the path stands for `self` when absent, a `scope` param moves
    /// `user-admin` routes to `user-profile`. The spec test checks that the entries claim each of
    /// the spec's 96 operations exactly once.
    pub fn claims(&self) -> Vec<(String, Value)> {
        let (method, path) = self.op.method_and_path();
        let fields = match self.op.params {
            Schema::Object(fields) => *fields,
            _ => &[],
        };
        let optional_client = fields
            .iter()
            .any(|field| field.name == "client_id" && !field.required);
        let scoped = fields.iter().any(|field| field.name == "scope");
        let key = |path: &str| format!("{} {path}", method.as_str());
        let mut out = vec![(key(path), json!({}))];
        if optional_client && path.contains("{clientId}") {
            out = vec![
                (key(&path.replace("{clientId}", "self")), json!({})),
                (key(path), json!({})),
            ];
        }
        if scoped {
            out.push((
                key(&path.replace("/user-admin/", "/user-profile/")),
                json!({"scope": "user"}),
            ));
        }
        out
    }
}

/// The body a request sends for `params`: their `body` as given (JS stringifies it), with a
/// normalised field put in.
pub fn sent_body(request: &Request, params: &Value) -> Option<Value> {
    if !request.body {
        return None;
    }
    let mut body = params.get("body").cloned()?;
    if let (Some((field, value)), Some(members)) = (&request.patch, body.as_object_mut()) {
        members.insert((*field).to_owned(), Value::String(value.clone()));
    }
    Some(body)
}

/// Decodes `body` into `R` and encodes it back.
pub fn roundtrip<R: DeserializeOwned + Serialize>(body: &Value) -> Result<Value, String> {
    let typed: R = serde_json::from_value(body.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

/// A method's result type, by the Rust type its JSON decodes into.
pub trait Outcome {
    /// The decode + encode of a body, `None` for no content.
    const ROUNDTRIP: Option<Roundtrip>;
    /// The TypeScript type of the promise's value, from the tsify declarations.
    fn ts() -> String;
}

/// The name a tsify declaration (`export interface User { .. }`, `export type X = ..`) declares.
fn declared<T: Tsify>() -> String {
    let after = T::DECL
        .split_once("interface ")
        .or_else(|| T::DECL.split_once("type "))
        .map_or("", |(_, rest)| rest);
    after
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

impl<T: Tsify + DeserializeOwned + Serialize> Outcome for Ts<T> {
    const ROUNDTRIP: Option<Roundtrip> = Some(roundtrip::<T>);
    fn ts() -> String {
        declared::<T>()
    }
}

impl<T: Tsify + DeserializeOwned + Serialize> Outcome for Option<Ts<T>> {
    const ROUNDTRIP: Option<Roundtrip> = Some(roundtrip::<Option<T>>);
    fn ts() -> String {
        format!("{} | undefined", declared::<T>())
    }
}

impl<T: Tsify + DeserializeOwned + Serialize> Outcome for Vec<Ts<T>> {
    const ROUNDTRIP: Option<Roundtrip> = Some(roundtrip::<Vec<T>>);
    fn ts() -> String {
        format!("{}[]", declared::<T>())
    }
}

impl Outcome for Vec<String> {
    const ROUNDTRIP: Option<Roundtrip> = Some(roundtrip::<Vec<String>>);
    fn ts() -> String {
        "string[]".to_owned()
    }
}

impl Outcome for () {
    const ROUNDTRIP: Option<Roundtrip> = None;
    fn ts() -> String {
        "void".to_owned()
    }
}

/// An operation with params of type `P` and result `R`.
pub fn entry<P: DeserializeOwned + Serialize, R: Outcome>(
    op: &'static Op,
    ts: &'static str,
) -> Entry {
    Entry {
        op,
        params: roundtrip::<P>,
        result: R::ROUNDTRIP,
        ts,
        result_ts: || format!("Promise<{}>", R::ts()),
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

/// The request `op` builds from params given as JSON (native tests).
pub fn build(op: &'static Op, params: Value) -> Result<Request, IamError> {
    op.request(&Json::from_serde(&params))
}

/// A request as the table builds it, with the body it sends (native tests).
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct Sent {
    /// The request.
    pub request: Request,
    /// The JSON body sent, if any.
    pub body: Option<Value>,
}

#[cfg(test)]
impl std::ops::Deref for Sent {
    type Target = Request;
    fn deref(&self) -> &Request {
        &self.request
    }
}

/// The request `op` sends for `params` (JSON, or a typed params value), body included.
#[cfg(test)]
pub(crate) fn sent<P: Serialize>(op: &'static Op, params: &P) -> Result<Sent, IamError> {
    let params = serde_json::to_value(params).expect("params encode as JSON");
    let request = build(op, params.clone())?;
    let body = sent_body(&request, &params);
    Ok(Sent { request, body })
}
