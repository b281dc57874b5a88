//! Browser and Node tests of the `users` operations.

#[allow(unused_imports)]
use super::*;
