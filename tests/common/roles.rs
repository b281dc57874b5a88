//! Browser and Node tests of the `roles` operations.

#[allow(unused_imports)]
use super::*;
