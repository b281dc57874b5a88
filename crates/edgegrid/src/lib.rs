//! EdgeGrid v1 (EG1-HMAC-SHA256) request signing and `.edgerc` parsing.
//!
//! Everything here is pure: the clock and the nonce are inputs to [`sign`], the `.edgerc` text and
//! the environment are inputs to [`edgerc::load`]. [`sign_now`] (native targets only) is the one
//! convenience that reads the system clock and the system random source.
//!
//! Secrets (`client_secret`, `access_token`) are held in [`Secret`], whose `Debug` output is
//! redacted; a [`Signature`] redacts its header in `Debug` too, because the header carries the
//! access token.
#![deny(missing_docs)]

mod credentials;
pub mod edgerc;
mod header;
mod sign;

pub use credentials::{Credentials, Secret, DEFAULT_MAX_BODY};
pub use header::{parse_authorization, AuthHeader, AuthHeaderError};
#[cfg(not(target_arch = "wasm32"))]
pub use sign::sign_now;
pub use sign::{
    content_hash, make_nonce, parse_timestamp, sign, signing_key, timestamp_from_unix, verify,
    SignRequest, Signature, VerifyError,
};
