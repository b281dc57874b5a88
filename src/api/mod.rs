//! The operations, one module per section of the IAM API docs. Each module adds its operations to
//! [`IamClient`](crate::IamClient) and declares their params and result types.
//!
//! Each operation is two pieces: a pure builder `fn(&Params) -> Result<Request, IamError>` that
//! describes the request (native tests check it against the OpenAPI spec), and an [`operation!`]
//! declaration that makes it a method of `IamClient`: read the params and the call options, build
//! the request, send it through the one transport.

/// Declares one operation: its JS name (also a `const` for errors), the method, its params type
/// (in `Option<..>` when every param is optional), its result type, then its doc comment as string
/// lines (what it does, then the HTTP method and path). The method calls the module's builder
/// function of the same name. (Docs are plain string literals, not `///`, because wasm-bindgen
/// copies only plain literals into the TypeScript comments.)
macro_rules! operation {
    (
        $name:ident = $js:literal, fn $method:ident(Option<$params:ty>) -> $result:ty;
        $($doc:literal)*
    ) => {
        pub(crate) const $name: &str = $js;

        #[wasm_bindgen::prelude::wasm_bindgen]
        impl IamClient {
            $(#[doc = $doc])*
            #[wasm_bindgen(js_name = $js)]
            pub async fn $method(
                &self,
                params: Option<tsify::Ts<$params>>,
                options: Option<tsify::Ts<crate::client::CallOptions>>,
            ) -> Result<$result, crate::error::IamError> {
                let params: $params = crate::client::optional_input($name, params.as_ref())?;
                let options = crate::client::CallOptions::read($name, options.as_ref())?;
                self.send_with($method(&params)?, options).await
            }
        }
    };
    (
        $name:ident = $js:literal, fn $method:ident($params:ty) -> $result:ty;
        $($doc:literal)*
    ) => {
        pub(crate) const $name: &str = $js;

        #[wasm_bindgen::prelude::wasm_bindgen]
        impl IamClient {
            $(#[doc = $doc])*
            #[wasm_bindgen(js_name = $js)]
            pub async fn $method(
                &self,
                params: tsify::Ts<$params>,
                options: Option<tsify::Ts<crate::client::CallOptions>>,
            ) -> Result<$result, crate::error::IamError> {
                let params: $params = crate::client::input($name, &params)?;
                let options = crate::client::CallOptions::read($name, options.as_ref())?;
                self.send_with($method(&params)?, options).await
            }
        }
    };
}

pub mod api_clients;
pub mod common;
pub mod credentials;
pub mod groups;
pub mod ip_allowlist;
pub mod properties;
pub mod roles;
pub mod user_profile;
pub mod users;

/// Every operation's builder from JSON params, for the spec tests and the `client_params` fuzz
/// target (feature `fuzzing`, not part of the package's API).
#[cfg(any(test, feature = "fuzzing"))]
pub mod registry;
#[cfg(test)]
mod spec_tests;
