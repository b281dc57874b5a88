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
//! - With `--max-rps` / `--max-concurrent-upstream`, requests sent upstream are paced so that
//!   every client of the proxy shares one quota ([`upstream_limit`]); the first upstream `Date`
//!   more than 10 s away from this machine's clock is logged as a warning.
//! - With a bearer token configured (`--token-file`), only requests carrying
//!   `Authorization: Bearer <token>` are forwarded.
//! - One log line per request goes to a [`LogSink`] (stderr by default): method, path without the
//!   query, status and time; [`LogLevel::Debug`] adds a second line with more detail. Secrets never
//!   appear in either.
//!
//! Start it with [`serve`] or [`Server::run`] (graceful shutdown, [`Server::reload`]), or mount
//! [`router`] in your own server.
#![deny(missing_docs)]

pub mod cli;
mod clock_check;
mod config;
mod cors;
pub mod filter;
mod forward;
mod guard;
mod listen;
mod problem;
mod server;
pub mod upstream_limit;

pub use config::{
    Config, ConfigError, LogLevel, LogSink, Upstream, DEFAULT_BODY_TIMEOUT, DEFAULT_HEADER_TIMEOUT,
    DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_HEADERS, DEFAULT_MAX_HEADER_BYTES,
    DEFAULT_SHUTDOWN_GRACE, DEFAULT_TIMEOUT,
};
pub use cors::OriginPattern;
pub use filter::{canonical_target, with_account_switch_key, API_PREFIX, MAX_TARGET_BYTES};
pub use problem::Refusal;
pub use server::{router, serve, Server};
