//! What the proxy forwards, as constants: the API prefix, the methods and the longest target.
//! A leaf module: the filter, the refusals and CORS all read it, and it reads none of them.

/// Every forwarded path starts with this prefix.
pub const API_PREFIX: &str = "/identity-management/v3/";

/// Longest request target (path and query) accepted, in bytes. IAM URLs are far shorter; a longer
/// target is refused with [`Refusal::UriTooLong`](crate::Refusal::UriTooLong) before it is parsed.
pub const MAX_TARGET_BYTES: usize = 8 * 1024;

/// The methods that are forwarded, as sent in `Allow` headers (OPTIONS is answered locally).
pub(crate) const ALLOWED_METHODS: &str = "GET, POST, PUT, DELETE, OPTIONS";
