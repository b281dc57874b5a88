//! `iam-proxy`: a local EdgeGrid signing proxy for the Akamai IAM API v3.
//!
//! A browser (or any client without the `.edgerc` secret) sends plain requests to the proxy; the
//! proxy checks them, signs them with [`edgegrid::sign_now`] and forwards them to the API host.
//!
//! - Only `GET`, `POST`, `PUT` and `DELETE` on paths under `/identity-management/v3/` are forwarded
//!   ([`filter::canonical_target`]); everything else is refused with an `application/problem+json`
//!   body ([`Refusal`]) and never reaches the API.
//! - Only a few request headers are forwarded, never `Authorization`, `Cookie` or `Host`; only a
//!   few response headers come back, never `Set-Cookie`.
//! - CORS is answered only for the origins configured ([`OriginPattern`]); requests that carry an
//!   `Origin` outside that list are refused, so other web pages cannot use the credentials.
//! - Requests are bounded: body size, header count and bytes, header and body read timeouts, and
//!   a concurrent-request limit answered with 503 and `Retry-After`.
//! - With a bearer token configured (`--token-file`), only requests carrying
//!   `Authorization: Bearer <token>` are forwarded.
//! - Each request gets an id (`X-Request-Id`, the client's when valid), sent upstream and back.
//! - One [`tracing`] event per request (target `iam_proxy::request`): method, operation path
//!   template, status, upstream status, duration, request id, refusal kind; at debug level a
//!   second one with more detail. Secrets never appear in either.
//! - `/healthz`, `/readyz` and `/metrics` (Prometheus) are answered by the proxy itself, on its
//!   listener or on their own ([`Server::admin_router`]).
//!
//! Start it with [`serve`] or [`Server::run`] (graceful shutdown, [`Server::reload`]), or mount
//! [`router`] in your own server.
#![deny(missing_docs)]

mod admin;
mod api;
pub mod cli;
mod config;
mod cors;
mod error;
pub mod filter;
mod forward;
mod guard;
mod listen;
mod metrics;
mod problem;
mod request_id;
pub mod route;
mod server;

pub use config::{
    Config, Upstream, DEFAULT_BODY_TIMEOUT, DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_HEADERS, DEFAULT_MAX_HEADER_BYTES, DEFAULT_SHUTDOWN_GRACE,
    DEFAULT_TIMEOUT,
};
pub use cors::OriginPattern;
pub use error::ConfigError;
pub use filter::{canonical_target, with_account_switch_key, API_PREFIX, MAX_TARGET_BYTES};
pub use problem::Refusal;
pub use server::{router, serve, Server};
