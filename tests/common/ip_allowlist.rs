//! Browser and Node tests of the `ip_allowlist` operations.

#[allow(unused_imports)]
use super::*;
