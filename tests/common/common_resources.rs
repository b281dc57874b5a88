//! Browser and Node tests of the `common_resources` operations.

#[allow(unused_imports)]
use super::*;
