//! Browser and Node tests of the `user_profile` operations.

#[allow(unused_imports)]
use super::*;
