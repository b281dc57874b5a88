//! How a model type is declared: [`model!`] writes a struct whose field list may name shared
//! field groups (`..group`), and [`field_group!`] declares such a group once.
//!
//! A group's fields are spliced into the struct where its marker stands, as if written there: same
//! order, attributes and doc comments. So serde, tsify and [`strict!`]'s schema see one plain
//! struct (unlike `#[serde(flatten)]` of a sub-struct, which tsify turns into an intersection
//! type and serde into a map).
//!
//! ```text
//! model! {
//!     /// A user.
//!     #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Tsify)]
//!     pub struct User {
//!         /// The user's unique identifier.
//!         pub ui_identity_id: String,
//!         ..postal_address,
//!         ..extra,
//!     }
//! }
//! ```
//!
//! [`strict!`] takes the same field lists (and derives its schema from the spliced struct).

/// Declares a struct whose field list may hold `..group` markers, each replaced by the fields of
/// the [`field_group!`] of that name. Fields are written as in a plain struct (`pub` each, doc
/// comments and attributes kept).
///
/// The internal rules walk the field list one entry at a time (`@munch`): a field is moved to
/// the finished list; a marker calls the group's macro, which hands its fields back in front of
/// what is left (so a group may name groups too). At the end, the finished struct goes to the
/// caller's `@emit` rule: `model!`'s own, or [`strict!`]'s, which also derives the schema.
macro_rules! model {
    ($(#[$meta:meta])* pub struct $name:ident { $($body:tt)* }) => {
        model! { @munch model [$(#[$meta])* pub struct $name] [] $($body)* }
    };
    (@munch $then:ident $head:tt [$($done:tt)*] .. $group:ident $(, $($rest:tt)*)?) => {
        $group! { [@munch $then $head [$($done)*]] $($($rest)*)? }
    };
    (@munch $then:ident $head:tt [$($done:tt)*]
        $(#[$attr:meta])* $(($required:ident))? pub $field:ident : $ty:ty $(, $($rest:tt)*)?
    ) => {
        model! {
            @munch $then $head [$($done)* $(#[$attr])* $(($required))? pub $field: $ty,]
            $($($rest)*)?
        }
    };
    (@munch $then:ident [$($head:tt)*] [$($done:tt)*]) => {
        $then! { @emit $($head)* { $($done)* } }
    };
    (@emit $(#[$meta:meta])* pub struct $name:ident {
        $($(#[$attr:meta])* pub $field:ident : $ty:ty,)*
    }) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$attr])* pub $field: $ty,)*
        }
    };
}

/// Declares a group of fields once, under a name that [`model!`] and [`strict!`] field lists
/// splice in with `..name`. The group becomes a macro of that name (so it is in scope where the
/// module declaring it is `#[macro_use]`d), documented by the doc comment written before it.
macro_rules! field_group {
    ($(#[$doc:meta])* $name:ident { $($fields:tt)* }) => {
        field_group! { @with ($) $(#[$doc])* $name { $($fields)* } }
    };
    // `$d` is a `$` passed in, so that the macro written here can have variables of its own.
    (@with ($d:tt) $(#[$doc:meta])* $name:ident { $($fields:tt)* }) => {
        $(#[$doc])*
        macro_rules! $name {
            ([$d($d state:tt)*] $d($d rest:tt)*) => {
                model! { $d($d state)* $($fields)* $d($d rest)* }
            };
        }
    };
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    field_group! {
        /// Two fields, one optional.
        pair {
            /// First.
            pub first: u64,
            /// Second.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub second: Option<String>,
        }
    }

    field_group! {
        /// A group naming a group.
        outer {
            ..pair,
            /// Third.
            pub third: bool,
        }
    }

    model! {
        /// Groups spliced at the start, in the middle (nested) and at the end.
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Spliced {
            /// Before.
            pub before: u64,
            ..outer,
            /// After.
            pub after: u64
        }
    }

    #[test]
    fn groups_are_spliced_in_place_with_their_attributes() {
        let value = Spliced {
            before: 1,
            first: 2,
            second: None,
            third: true,
            after: 4,
        };
        let text = serde_json::to_string(&value).expect("serialises");
        assert_eq!(text, r#"{"before":1,"first":2,"third":true,"after":4}"#);
        let back: Spliced = serde_json::from_str(&text).expect("deserialises");
        assert_eq!(back, value);
    }
}
