//! A typed, promise-based client for the Akamai Identity and Access Management (IAM) API v3, for
//! web apps and Node through WebAssembly.
//!
//! In browsers, requests go to an EdgeGrid signing proxy (which holds the credentials) and from
//! there to Akamai or to a local simulator. The Node build (feature `node`) can also sign each
//! request itself (`IamClient.fromEdgerc`, or `credentials` in the options). Every operation is a method of [`IamClient`]; every failure is an
//! [`IamError`], which JS receives as a real `Error`.

#![deny(missing_docs)]

#[macro_use]
mod model;
#[macro_use]
pub mod schema;
pub mod api;
pub mod call;
mod client;
pub mod error;
pub mod fast;
pub mod js_json;
#[cfg(feature = "node")]
mod node;
pub mod op;
pub mod rate_limit;
pub mod request;
pub mod retry;
pub mod shape;
#[cfg(feature = "node")]
pub mod signing;
mod transport;
pub mod validate;

// Every params and result type, by name (type names are unique across sections, as in the
// generated TypeScript, where they share one namespace).
pub use api::{
    api_clients::*, common::*, credentials::*, groups::*, ip_allowlist::*, properties::*, roles::*,
    user_profile::*, users::*,
};
pub use client::{CallOptions, ClientOptions, IamClient};
pub use error::{is_iam_error, IamError, IamErrorKind, ProblemDetails};
#[cfg(feature = "node")]
pub use node::EdgercOptions;
pub use rate_limit::RateLimitOptions;
#[cfg(feature = "node")]
pub use signing::EdgeGridCredentials;
