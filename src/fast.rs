//! The fast path: the table's data for JS, so that a call with plain params is checked, built and
//! sent by JS alone, and resolved there on success ([`crate::transport`]'s `quick`).
//!
//! Each call enters wasm once (the method is a wasm export); what it spends there is the part of
//! a call nobody else pays: reading the params across the boundary, the URL coming back as text
//! (BENCHMARKS.md, issue 12). So JS holds each operation's [`Op`] as a *plan* (method, path
//! template, fields with their types, success statuses, result shape) and builds the URL from it,
//! and a shipped method starts there, before entering wasm at all. The plans are made by [`plan`]
//! from the same table entries [`Op::request`] interprets and written into `src/transport.js` by
//! a native test here, which fails when they are not the table's. JS takes only what that
//! interpreter accepts and builds the same URL: `tests/common/fast.rs` checks both on every
//! operation, with valid params (which the fast path must take) and broken ones. Anything JS
//! does not take (an unknown key, a wrong type, `scope`, a `body`, a check beyond the types such
//! as an email) goes the Rust way, which refuses it with the field named, or sends it.
//!
//! [`Quick`] is what a client keeps of the JS-driven path: its headers as JS objects, the
//! `resume` callback that hands a call JS could not finish to the Rust retry loop, and its
//! [`Fast`] side.

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
        let promise = self.call(crate::api::index_of(op), params);
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

/// The URL JS builds for a call of `op` with `params` on a client at `base` (with a default
/// `accountSwitchKey`), or `None` when JS leaves the call to the Rust path. For tests.
pub fn url(
    op: &'static Op,
    base: &str,
    switch_key: Option<&str>,
    params: &JsValue,
) -> Option<String> {
    fast_url(crate::api::index_of(op), &prefix(base), switch_key, params)
}

/// What every URL of a client at `base` starts with.
fn prefix(base: &str) -> String {
    format!("{base}{API_PREFIX}")
}

/// One field of a [`Plan`]: its JS name, what JS checks of it, whether `null` stands for absent
/// and whether it must be given.
#[derive(Debug, PartialEq)]
pub struct PlanField {
    /// The camelCase name.
    pub name: String,
    /// 0 a string, 1 a whole number, 2 a boolean, 3 one of `values`.
    pub kind: u8,
    /// `null` is taken as absent (`Option<T>`).
    pub optional: bool,
    /// The call must give it.
    pub required: bool,
    /// The enum's values (kind 3).
    pub values: &'static [&'static str],
}

/// What JS needs of an operation to check, build and send a call with plain params itself.
#[derive(Debug, PartialEq)]
pub struct Plan {
    /// The JS method name.
    pub name: &'static str,
    /// [`crate::request::Method`] as a number.
    pub method: u8,
    /// Literal text and parameter names, alternating: `/user-admin/ui-identities/`,
    /// `uiIdentityId`, ``.
    pub path: Vec<String>,
    /// The params' fields, in the table's order; those not in `path` go to the query.
    pub fields: Vec<PlanField>,
    /// The success statuses (the second 0 when there is one).
    pub ok: [u16; 2],
    /// [`Shape`] as a number.
    pub shape: u8,
}

/// The plan of `op`, or `None` when the fast path does not take its calls: one with a body or a
/// scope, a check beyond the types, or a field of a type JS does not check itself.
pub fn plan(op: &Op) -> Option<Plan> {
    let Schema::Object(fields) = op.params else {
        return None;
    };
    if !op.checks.is_empty() {
        return None;
    }
    let (method, template) = op.method_and_path();
    let mut planned = Vec::new();
    for field in *fields {
        if matches!(field.name, "body" | "scope") {
            return None;
        }
        let (inner, optional) = match field.schema {
            Schema::Optional(inner) => (*inner, true),
            schema => (schema, false),
        };
        let (kind, values) = match inner {
            Schema::Str => (0, &[][..]),
            Schema::Int => (1, &[][..]),
            Schema::Bool => (2, &[][..]),
            Schema::Enum(values) => (3, *values),
            _ => return None,
        };
        planned.push(PlanField {
            name: schema::camel(field.name),
            kind,
            optional,
            required: field.required,
            values,
        });
    }
    let mut path = Vec::new();
    let mut literal = String::new();
    for segment in template.trim_start_matches('/').split('/') {
        literal.push('/');
        match crate::op::path_param(segment) {
            Some(param) => {
                path.push(std::mem::take(&mut literal));
                path.push(param.to_owned());
            }
            None => literal.push_str(segment),
        }
    }
    path.push(literal);
    let status = |at: usize| op.expected.get(at).copied().unwrap_or(0);
    Some(Plan {
        name: op.name,
        method: method as u8,
        path,
        fields: planned,
        ok: [status(0), status(1)],
        shape: op.shape as u8,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of the generated block in `src/transport.js` that starts it, and the one ending it.
    const BEGIN: &str =
        "// BEGIN PLANS: generated by src/fast.rs from the operation table; do not edit \
                         (UPDATE_PLANS=1 cargo test --lib fast:: rewrites it).";
    const END: &str = "// END PLANS";

    /// The plans as `src/transport.js` holds them: one line per operation of [`crate::api::all`],
    /// `null` for one without a plan; a plan is `[name, method, path, fields, ok, ok2, shape]`,
    /// a field `[name, kind, optional, required]` (an enum's values after).
    fn rendered() -> String {
        let text = |value: &str| serde_json::Value::from(value).to_string();
        let list = |items: Vec<String>| format!("[{}]", items.join(","));
        let mut out = format!("{BEGIN}\nconst PLAN_DATA = [\n");
        for op in crate::api::all() {
            let line = match plan(op) {
                None => "null".to_owned(),
                Some(plan) => {
                    let fields = plan.fields.iter().map(|field| {
                        let mut parts = vec![
                            text(&field.name),
                            field.kind.to_string(),
                            u8::from(field.optional).to_string(),
                            u8::from(field.required).to_string(),
                        ];
                        if field.kind == 3 {
                            parts.push(list(field.values.iter().map(|v| text(v)).collect()));
                        }
                        list(parts)
                    });
                    list(vec![
                        text(plan.name),
                        plan.method.to_string(),
                        list(plan.path.iter().map(|p| text(p)).collect()),
                        list(fields.collect()),
                        plan.ok[0].to_string(),
                        plan.ok[1].to_string(),
                        plan.shape.to_string(),
                    ])
                }
            };
            out.push_str(&format!("    {line},\n"));
        }
        out.push_str(&format!("];\n{END}"));
        out
    }

    #[test]
    fn transport_js_holds_the_plans_of_the_table() {
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/src/transport.js");
        let js = std::fs::read_to_string(file).expect("src/transport.js");
        let (Some(begin), Some(end)) = (js.find(BEGIN), js.find(END)) else {
            panic!("src/transport.js has no generated block");
        };
        let held = &js[begin..end + END.len()];
        let wanted = rendered();
        if held != wanted && std::env::var_os("UPDATE_PLANS").is_some() {
            std::fs::write(file, js.replace(held, &wanted)).expect("write src/transport.js");
            return;
        }
        assert!(
            held == wanted,
            "src/transport.js's plans differ from the table's: run UPDATE_PLANS=1 cargo test --lib fast::"
        );
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
