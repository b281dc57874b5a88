//! The field groups that several models share, each declared once with [`field_group!`] and
//! spliced into params, bodies and results with `..name` (see [`model!`]).
//!
//! A group keeps its fields' order, types, serde attributes and doc comments wherever it stands,
//! so the TypeScript, the serde behaviour and the strict schema are those of the fields written
//! out. Result types reach TypeScript as `{ .. } & Record<string, unknown>`, without field docs.

field_group! {
    /// `accountSwitchKey`, which every params type takes.
    account_switch_key {
        /// Run the operation from another account; wins over the client's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_switch_key: Option<String>,
    }
}

field_group! {
    /// The last field of every result: what the API sent that the type does not name.
    extra {
        /// Fields this type does not name, kept as they came.
        #[serde(flatten)]
        #[tsify(type = "Record<string, unknown>")]
        pub extra: serde_json::Map<String, serde_json::Value>,
    }
}
