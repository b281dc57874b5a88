//! The operations, one module per section of the IAM API docs. Each module declares its
//! operations in one [`operations!`] table and the params and result types they use.
//!
//! A table entry is the whole operation: its JS name, params and result types, what it does and
//! its route (the doc line, which the URL builder and the spec test read too), its success
//! statuses and the checks beyond the types. The method it becomes is one line into the one
//! non-generic send path, [`IamClient::start`](crate::IamClient).

/// Declares a section's operations. Each entry:
///
/// ```text
/// NAME = "jsName", fn rust_name(ParamsType) -> ResultType = "Promise<TsType>", [200];
///     " What it does (doc lines)."
///     route " `GET /identity-management/v3/path/{param}`"
///     checks [Check("body.field", Rule::NotBlank)];   // `checks [..]` is optional
/// ```
///
/// `(Option<ParamsType>)` makes the params optional. For each entry it makes a `static NAME: Op`,
/// the `IamClient` method (docs: the lines, then the route), and the native tests' registry. The
/// method is synchronous and returns the promise of [`IamClient::start`](crate::IamClient), so
/// its TypeScript return type is written out (wasm-bindgen takes only a literal there); a native
/// test checks it against the result type's tsify declaration.
/// (Docs are plain string literals: wasm-bindgen copies only plain literals into TypeScript.)
macro_rules! operations {
    ($(
        $name:ident = $js:literal, fn $method:ident($($params:tt)+) -> $result:ty = $ts:literal,
            [$($status:literal),+];
        $($doc:literal)*
        route $route:literal
        $(checks [$($check:expr),* $(,)?])?;
    )*) => {
        $(
            #[doc = concat!("The `", $js, "` operation.")]
            pub(crate) static $name: $crate::op::Op = $crate::op::Op {
                name: $js,
                route: $route,
                expected: &[$($status),+],
                shape: <$result as $crate::shape::Shaped>::SHAPE,
                params: <operations!(@params $($params)+) as $crate::schema::Typed>::SCHEMA,
                checks: &[$($($check),*)?],
            };

            operations!(@method $name $js $method ($($params)+) -> $result = $ts; $($doc)* ""; $route);
        )*

        /// This section's operations, in table order (an operation's place in [`crate::api::ALL`]
        /// is how the JS-driven path names it when it hands a call back to Rust).
        pub(crate) static OPS: &[&$crate::op::Op] = &[$(&$name),*];

        /// Every operation of this section, with its Rust types, for the spec test and the
        /// fuzz targets (feature `fuzzing`).
        #[cfg(any(test, feature = "fuzzing"))]
        pub(crate) fn registry() -> Vec<$crate::api::registry::Entry> {
            vec![$(
                $crate::api::registry::entry::<operations!(@params $($params)+), $result>(&$name, $ts),
            )*]
        }
    };
    (@params Option<$params:ty>) => { $params };
    (@params $params:ty) => { $params };
    (@method $name:ident $js:literal $method:ident (Option<$params:ty>) -> $result:ty = $ts:literal;
        $($doc:literal)*; $route:literal) => {
        #[wasm_bindgen::prelude::wasm_bindgen]
        impl IamClient {
            $(#[doc = $doc])*
            #[doc = $route]
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
            pub fn $method(
                &self,
                params: Option<tsify::Ts<$params>>,
                options: Option<tsify::Ts<$crate::client::CallOptions>>,
            ) -> $crate::call::Call<$result> {
                let params = params.map_or(wasm_bindgen::JsValue::UNDEFINED, Into::into);
                $crate::call::Call::new(self.start(&$name, params, options))
            }
        }
    };
    (@method $name:ident $js:literal $method:ident ($params:ty) -> $result:ty = $ts:literal;
        $($doc:literal)*; $route:literal) => {
        #[wasm_bindgen::prelude::wasm_bindgen]
        impl IamClient {
            $(#[doc = $doc])*
            #[doc = $route]
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
            pub fn $method(
                &self,
                params: tsify::Ts<$params>,
                options: Option<tsify::Ts<$crate::client::CallOptions>>,
            ) -> $crate::call::Call<$result> {
                $crate::call::Call::new(self.start(&$name, params.into(), options))
            }
        }
    };
}

#[macro_use]
mod fields;

pub mod api_clients;
pub mod common;
pub mod credentials;
pub mod groups;
pub mod ip_allowlist;
pub mod properties;
pub mod roles;
pub mod user_profile;
pub mod users;

/// Every operation, section by section: the JS-driven path hands a call back to Rust by its place
/// here.
static SECTIONS: [&[&crate::op::Op]; 9] = [
    api_clients::OPS,
    common::OPS,
    credentials::OPS,
    groups::OPS,
    ip_allowlist::OPS,
    properties::OPS,
    roles::OPS,
    user_profile::OPS,
    users::OPS,
];

/// Every operation, in one order.
pub fn all() -> impl Iterator<Item = &'static crate::op::Op> {
    SECTIONS.iter().flat_map(|ops| ops.iter().copied())
}

/// `op`'s place in [`all`].
pub(crate) fn index_of(op: &crate::op::Op) -> u32 {
    all()
        .position(|each| std::ptr::eq(each, op))
        .map_or(u32::MAX, |at| at as u32)
}

/// The operation at `index` in [`all`].
pub(crate) fn op_at(index: u32) -> Option<&'static crate::op::Op> {
    all().nth(index as usize)
}

/// Every operation's builder from JSON params, for the spec tests and the `client_params` fuzz
/// target (feature `fuzzing`, not part of the package's API).
#[cfg(any(test, feature = "fuzzing"))]
pub mod registry;
#[cfg(test)]
mod spec_tests;
