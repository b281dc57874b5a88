//! The fast path: the table's data for JS, so that a call with plain params is checked, built and
//! sent by JS alone, and resolved there on success ([`crate::transport`]'s `quick`).
//!
//! Each call enters wasm once (the method is a wasm export); what it spends there is the part of
//! a call nobody else pays: reading the params across the boundary, the URL coming back as text
//! (BENCHMARKS.md, issue 12). So an operation's [`Op`] is handed to JS once, as a *plan* (method,
//! path template, fields with their types, success statuses, result shape), the first time the
//! operation is called, and JS builds the URL from it. The plan is made here from the same table
//! entry [`Op::request`] interprets, and JS takes only what that interpreter accepts and builds
//! the same URL: `tests/common/fast.rs` checks both on every operation, with valid params (which
//! the fast path must take) and broken ones. Anything JS does not take (an unknown key, a wrong
//! type, `scope`, a `body`, a check beyond the types such as an email) goes the Rust way, which
//! refuses it with the field named, or sends it.
//!
//! [`Quick`] is what a client keeps of the JS-driven path: its headers as JS objects, the
//! `resume` callback that hands a call JS could not finish to the Rust retry loop, and its
//! [`Fast`] side.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::error::{IamError, CONSTRUCTOR};
use crate::op::Op;
use crate::request::API_PREFIX;
use crate::schema::{self, Json, Schema};
use crate::shape::Shape;
use crate::transport::Transport;

#[wasm_bindgen(module = "/src/transport.js")]
extern "C" {
    /// A client's side of the fast path (see the snippet).
    pub(crate) type Fast;
    #[wasm_bindgen(constructor)]
    fn new(
        prefix: &str,
        switch_key: Option<String>,
        headers: &JsValue,
        timeout_ms: u32,
        resume: &JsValue,
    ) -> Fast;
    /// The call's promise, or `undefined` when the Rust path is to take it.
    #[wasm_bindgen(method)]
    fn call(this: &Fast, op: u32, params: &JsValue) -> JsValue;
    fn learn(op: u32, plan: JsValue);
    #[wasm_bindgen(js_name = fastUrl)]
    fn fast_url(
        op: u32,
        prefix: &str,
        switch_key: Option<&str>,
        params: &JsValue,
    ) -> Option<String>;
}

impl Fast {
    /// A client's fast path: `base` and the client's default `accountSwitchKey`, the headers
    /// object of a call without a body, the client's timeout and its resume callback.
    pub(crate) fn for_client(
        base: &str,
        switch_key: Option<&str>,
        headers: &JsValue,
        timeout_ms: u32,
        resume: &JsValue,
    ) -> Fast {
        Fast::new(
            &prefix(base),
            switch_key.map(str::to_owned),
            headers,
            timeout_ms,
            resume,
        )
    }

    /// Starts a call of `op` on the fast path; `None` when JS does not take its params.
    pub(crate) fn start(&self, op: &'static Op, params: &JsValue) -> Option<js_sys::Promise> {
        let promise = self.call(learned(op), params);
        (!promise.is_undefined()).then(|| promise.unchecked_into())
    }
}

/// What a client hands back to Rust when a JS-driven call needs the retry loop: the call's
/// operation (its place in [`crate::api::all`]), params, body, first reply or error, and signal.
type Resume = Closure<dyn Fn(u32, JsValue, JsValue, JsValue, JsValue, JsValue) -> js_sys::Promise>;

/// A client's parts of the JS-driven path, made once: its request headers as JS objects (without
/// and with a body), its [`Resume`] callback and its side of the [`Fast`] path (the client's `quick` field).
pub(crate) struct Quick {
    pub(crate) headers: JsValue,
    pub(crate) body_headers: JsValue,
    /// The [`Resume`] closure, owned by JS (`into_js_value`): a call in flight holds it, so it
    /// outlives a client that JS frees (or collects) before its calls end.
    pub(crate) resume: JsValue,
    pub(crate) fast: Fast,
}

impl Quick {
    /// The parts of a client sending through `transport` (one without a signer or a limiter).
    pub(crate) fn new(transport: &Rc<Transport>) -> Self {
        let shared = Rc::clone(transport);
        let resume = move |index: u32, params, body, reply, error, call| {
            let transport = Rc::clone(&shared);
            future_to_promise(async move {
                let op = crate::api::op_at(index);
                let request = match op {
                    Some(op) => op.request(&Json::from_js(&params)),
                    None => Err(IamError::validation(CONSTRUCTOR, None, "unknown operation")),
                };
                let outcome = transport.resume(request, body, reply, error, call).await;
                let shape = op.map_or(Shape::Nothing, |op| op.shape);
                shape.resolve(op.map_or("", |op| op.name), outcome)
            })
        };
        let headers = transport.headers_object(false);
        let resume = Resume::new(resume).into_js_value();
        let fast = Fast::for_client(
            transport.base.as_str(),
            transport.account_switch_key.as_deref(),
            &headers,
            transport.timeout_ms,
            &resume,
        );
        Quick {
            headers,
            body_headers: transport.headers_object(true),
            resume,
            fast,
        }
    }
}

thread_local! {
    /// Which operations (by their place in [`crate::api::all`]) JS has the plan of.
    static LEARNED: Cell<u128> = const { Cell::new(0) };
}

/// `op`'s place in the table, its plan handed to JS first if it was not yet.
fn learned(op: &'static Op) -> u32 {
    let index = crate::api::index_of(op);
    let bit = 1u128.checked_shl(index).unwrap_or(0);
    if LEARNED.get() & bit == 0 {
        learn(index, plan(op).map_or(JsValue::NULL, Into::into));
        LEARNED.set(LEARNED.get() | bit);
    }
    index
}

/// The URL JS builds for a call of `op` with `params` on a client at `base` (with a default
/// `accountSwitchKey`), or `None` when JS leaves the call to the Rust path. For tests.
pub fn url(
    op: &'static Op,
    base: &str,
    switch_key: Option<&str>,
    params: &JsValue,
) -> Option<String> {
    let index = learned(op);
    fast_url(index, &prefix(base), switch_key, params)
}

/// What every URL of a client at `base` starts with.
fn prefix(base: &str) -> String {
    format!("{base}{API_PREFIX}")
}

/// The plan of `op` for JS, or `None` when the fast path does not take its calls: one with a
/// body or a scope, a check beyond the types, or a field of a type JS does not check itself.
pub fn plan(op: &Op) -> Option<js_sys::Object> {
    let Schema::Object(fields) = op.params else {
        return None;
    };
    if !op.checks.is_empty() {
        return None;
    }
    let (method, template) = op.method_and_path();
    let by_name = js_sys::Map::new();
    let required = js_sys::Array::new();
    let query = js_sys::Array::new();
    for field in *fields {
        if matches!(field.name, "body" | "scope") {
            return None;
        }
        let (inner, optional) = match field.schema {
            Schema::Optional(inner) => (*inner, true),
            schema => (schema, false),
        };
        let (kind, values) = match inner {
            Schema::Str => (0, None),
            Schema::Int => (1, None),
            Schema::Bool => (2, None),
            Schema::Enum(values) => (3, Some(*values)),
            _ => return None,
        };
        let name = JsValue::from(schema::camel(field.name));
        let entry = object(&[
            ("kind", kind.into()),
            ("optional", optional.into()),
            ("values", values.map_or(JsValue::UNDEFINED, strings)),
        ]);
        by_name.set(&name, &entry);
        if field.required {
            required.push(&name);
        }
        if !crate::op::in_path(template, field.name) {
            query.push(&name);
        }
    }
    // Literal text and parameter names, alternating: "/user-admin/ui-identities/", "uiIdentityId", "".
    let path = js_sys::Array::new();
    let mut literal = String::new();
    for segment in template.trim_start_matches('/').split('/') {
        literal.push('/');
        match crate::op::path_param(segment) {
            Some(param) => {
                path.push(&JsValue::from(literal.as_str()));
                path.push(&JsValue::from(param));
                literal.clear();
            }
            None => literal.push_str(segment),
        }
    }
    path.push(&JsValue::from(literal.as_str()));
    let status = |at: usize| op.expected.get(at).copied().unwrap_or(0);
    Some(object(&[
        ("name", op.name.into()),
        ("method", (method as u8).into()),
        ("path", path.into()),
        ("fields", by_name.into()),
        ("required", required.into()),
        ("query", query.into()),
        ("ok", status(0).into()),
        ("ok2", status(1).into()),
        ("shape", (op.shape as u8).into()),
    ]))
}

/// A JS object with these properties.
fn object(entries: &[(&str, JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (name, value) in entries {
        let _ = js_sys::Reflect::set(&object, &JsValue::from(*name), value);
    }
    object
}

/// A JS array of these strings.
fn strings(values: &[&str]) -> JsValue {
    values
        .iter()
        .map(|value| JsValue::from(*value))
        .collect::<js_sys::Array>()
        .into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_operation_has_a_bit_of_its_own() {
        assert!(crate::api::all().count() <= 128);
    }

    #[test]
    fn methods_are_numbered_as_the_js_path_reads_them() {
        use crate::request::Method;

        assert_eq!(
            [Method::Get, Method::Post, Method::Put, Method::Delete].map(|m| m as u8),
            [0, 1, 2, 3]
        );
    }
}
