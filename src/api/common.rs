//! The `common` section of the IAM API docs.

#[cfg(test)]
pub(crate) fn registry() -> Vec<crate::api::registry::Entry> {
    Vec::new()
}
