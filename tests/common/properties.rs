//! Browser and Node tests of the `properties` operations.

#[allow(unused_imports)]
use super::*;
