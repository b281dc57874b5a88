//! Browser and Node tests of the `api_clients` operations.

#[allow(unused_imports)]
use super::*;
