//! Browser and Node tests of the `groups` operations.

#[allow(unused_imports)]
use super::*;
