//! The operations, one module per section of the IAM API docs. Each module adds its operations to
//! [`IamClient`](crate::IamClient) and declares their params and result types.
//!
//! Each operation is two pieces: a pure builder `fn(&Params) -> Result<Request, IamError>` that
//! describes the request (native tests check it against the OpenAPI spec), and a short
//! `#[wasm_bindgen]` method that reads the params, sends the request and returns the result.

pub mod api_clients;
pub mod common;
pub mod credentials;
pub mod groups;
pub mod ip_allowlist;
pub mod properties;
pub mod roles;
pub mod user_profile;
pub mod users;

#[cfg(test)]
pub(crate) mod registry;
#[cfg(test)]
mod spec_tests;
