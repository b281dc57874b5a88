//! Browser and Node tests of the `credentials` operations.

#[allow(unused_imports)]
use super::*;
