//! What params an operation takes, as data: each params and request body type's shape, read from
//! its own Rust declaration by [`strict!`], and the one checker that runs over what JS passed.
//!
//! The Rust types stay the single declaration: tsify makes the TypeScript from them, native tests
//! decode the spec's examples with them, and [`strict!`] derives their [`Schema`] from the same
//! tokens, so the three cannot drift. At run time nothing is deserialised into them: the params
//! object is read once into a [`Json`] tree, checked against the schema (unknown keys, required
//! fields, types, enums), and the request body goes to `fetch` as JS's own `JSON.stringify` of it.

use wasm_bindgen::{JsCast, JsValue};

/// The shape of one value in a params object.
#[derive(Debug)]
pub enum Schema {
    /// `true` or `false`.
    Bool,
    /// A non-negative integer JS can hold exactly (the API's IDs and counts).
    Int,
    /// A whole number from 0 to 2^32 - 1 (client options: retries, milliseconds).
    U32,
    /// A finite number.
    Num,
    /// A string.
    Str,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// Absent, `undefined` or `null`, or else the inner shape (`Option<T>`).
    Optional(&'static Schema),
    /// An array of the inner shape.
    List(&'static Schema),
    /// An object with exactly these fields: any other key is refused.
    Object(&'static [Field]),
    /// An object with any keys, each value of the inner shape (`HashMap<String, T>`).
    Map(&'static Schema),
    /// Any JSON value (free-form in the spec).
    Any,
    /// Any JSON object (free-form in the spec).
    AnyObject,
}

/// One field of an object schema.
#[derive(Debug)]
pub struct Field {
    /// The Rust field name (snake_case); JS uses its camelCase form, see [`camel`].
    pub name: &'static str,
    /// The field's shape.
    pub schema: &'static Schema,
    /// Whether the field must be present (and not `undefined`).
    pub required: bool,
}

/// The field `name` (snake_case) of type `T`, required unless `T` is an `Option`.
pub const fn field<T: Typed>(name: &'static str) -> Field {
    Field {
        name,
        schema: T::SCHEMA,
        required: !T::OPTIONAL,
    }
}

/// A type whose values params may hold, with its schema.
pub trait Typed {
    /// The type's shape.
    const SCHEMA: &'static Schema;
    /// Whether a field of this type may be left out (`Option<T>`).
    const OPTIONAL: bool = false;
}

impl Typed for bool {
    const SCHEMA: &'static Schema = &Schema::Bool;
}

impl Typed for u64 {
    const SCHEMA: &'static Schema = &Schema::Int;
}

impl Typed for u32 {
    const SCHEMA: &'static Schema = &Schema::U32;
}

impl Typed for f64 {
    const SCHEMA: &'static Schema = &Schema::Num;
}

impl Typed for String {
    const SCHEMA: &'static Schema = &Schema::Str;
}

impl<T: Typed> Typed for std::collections::HashMap<String, T> {
    const SCHEMA: &'static Schema = &Schema::Map(T::SCHEMA);
}

impl Typed for serde_json::Value {
    const SCHEMA: &'static Schema = &Schema::Any;
}

impl Typed for serde_json::Map<String, serde_json::Value> {
    const SCHEMA: &'static Schema = &Schema::AnyObject;
}

impl<T: Typed> Typed for Option<T> {
    const SCHEMA: &'static Schema = &Schema::Optional(T::SCHEMA);
    const OPTIONAL: bool = true;
}

impl<T: Typed> Typed for Vec<T> {
    const SCHEMA: &'static Schema = &Schema::List(T::SCHEMA);
}

/// Marks a field `(required)` in [`strict!`]: present even though its type is an `Option`
/// (`null` allowed, absence refused).
#[allow(non_upper_case_globals)]
pub(crate) const required: bool = true;

/// Declares a strict params or request body struct exactly as written (all its attributes kept,
/// so serde and tsify see the same struct) and derives its [`Typed`] schema from the same field
/// list. A field written `(required) pub x: Option<T>` must be present but may be `null`. The
/// list may splice in field groups with `..group`, as in [`model!`].
macro_rules! strict {
    ($(#[$meta:meta])* pub struct $name:ident { $($body:tt)* }) => {
        model! { @munch strict [$(#[$meta])* pub struct $name] [] $($body)* }
    };
    (@emit
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$field_meta:meta])*
                $(($required:ident))? pub $field:ident : $ty:ty,
            )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $(
                $(#[$field_meta])*
                pub $field: $ty,
            )*
        }

        impl $crate::schema::Typed for $name {
            const SCHEMA: &'static $crate::schema::Schema = &$crate::schema::Schema::Object(&[$(
                $crate::schema::Field {
                    name: stringify!($field),
                    schema: <$ty as $crate::schema::Typed>::SCHEMA,
                    required: !<$ty as $crate::schema::Typed>::OPTIONAL
                        $(|| $crate::schema::$required)?,
                },
            )*]);
        }
    };
}

/// A string enum's schema from its values as JS writes them (native tests check them against
/// serde's list of variants).
macro_rules! strict_enum {
    ($name:ty: $($value:literal),+) => {
        impl $crate::schema::Typed for $name {
            const SCHEMA: &'static $crate::schema::Schema =
                &$crate::schema::Schema::Enum(&[$($value),+]);
        }
    };
}

/// A params value as JS passed it, read once (no serde): what the checker and the URL builder
/// look at.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `undefined`, or a key that is not there.
    Absent,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string.
    Str(String),
    /// An array.
    List(Vec<Json>),
    /// An object's own enumerable string keys, in order.
    Object(Vec<(String, Json)>),
    /// Anything JSON has no form for (a function, a symbol, a bigint).
    Other,
}

/// How deep [`Json::from_js`] reads nested arrays and objects: far deeper than any params or body
/// of the spec.
pub const MAX_DEPTH: usize = 32;

impl Json {
    /// Reads a JS value. Below [`MAX_DEPTH`] levels of arrays and objects a value is
    /// [`Json::Other`]: a cycle (`a.self = a`) or a very deep value then fails validation, or is
    /// refused by `JSON.stringify`, instead of exhausting the wasm stack.
    pub fn from_js(value: &JsValue) -> Json {
        Json::read(value, 0)
    }

    fn read(value: &JsValue, depth: usize) -> Json {
        // The common kinds first (params are objects of strings and numbers): each test is a
        // call into JS.
        if let Some(text) = value.as_string() {
            Json::Str(text)
        } else if let Some(number) = value.as_f64() {
            Json::Num(number)
        } else if value.is_undefined() {
            Json::Absent
        } else if value.is_null() {
            Json::Null
        } else if let Some(flag) = value.as_bool() {
            Json::Bool(flag)
        } else if depth >= MAX_DEPTH {
            Json::Other
        } else if let Some(array) = value.dyn_ref::<js_sys::Array>() {
            Json::List(
                array
                    .iter()
                    .map(|item| Json::read(&item, depth + 1))
                    .collect(),
            )
        } else if value.is_object() && !value.is_function() {
            let entries = js_sys::Object::entries(value.unchecked_ref());
            Json::Object(
                entries
                    .iter()
                    .map(|entry| {
                        let entry: js_sys::Array = entry.unchecked_into();
                        let key = entry.get(0).as_string().unwrap_or_default();
                        (key, Json::read(&entry.get(1), depth + 1))
                    })
                    .collect(),
            )
        } else {
            Json::Other
        }
    }

    /// Reads a `serde_json` value (native tests).
    pub fn from_serde(value: &serde_json::Value) -> Json {
        use serde_json::Value;
        match value {
            Value::Null => Json::Null,
            Value::Bool(flag) => Json::Bool(*flag),
            Value::Number(number) => Json::Num(number.as_f64().unwrap_or(f64::NAN)),
            Value::String(text) => Json::Str(text.clone()),
            Value::Array(items) => Json::List(items.iter().map(Json::from_serde).collect()),
            Value::Object(members) => Json::Object(
                members
                    .iter()
                    .map(|(key, value)| (key.clone(), Json::from_serde(value)))
                    .collect(),
            ),
        }
    }

    /// The member `key` (JS name) of an object, [`Json::Absent`] when there is none.
    pub fn get(&self, key: &str) -> &Json {
        match self {
            Json::Object(members) => members
                .iter()
                .find(|(name, _)| name == key)
                .map_or(&Json::Absent, |(_, value)| value),
            _ => &Json::Absent,
        }
    }

    /// The member whose JS name is the camelCase of `field`.
    pub fn field(&self, field: &str) -> &Json {
        match self {
            Json::Object(members) => members
                .iter()
                .find(|(name, _)| camel_eq(name, field))
                .map_or(&Json::Absent, |(_, value)| value),
            _ => &Json::Absent,
        }
    }

    /// Absent, `undefined` or `null`.
    pub fn is_nothing(&self) -> bool {
        matches!(self, Json::Absent | Json::Null)
    }

    /// The number, if it is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Num(number) => Some(*number),
            _ => None,
        }
    }

    /// The string, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(text) => Some(text),
            _ => None,
        }
    }
}

/// The camelCase JS name of a snake_case field: `ui_identity_id` → `uiIdentityId`.
pub fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `key` is the camelCase form of `snake`, without allocating.
pub fn camel_eq(key: &str, snake: &str) -> bool {
    let mut expected = snake.bytes();
    let mut given = key.bytes();
    loop {
        match (expected.next(), given.next()) {
            (None, None) => return true,
            (Some(b'_'), Some(c)) => match expected.next() {
                Some(e) if e.is_ascii_lowercase() && c == e.to_ascii_uppercase() => {}
                Some(e) if !e.is_ascii_lowercase() && c == e => {}
                _ => return false,
            },
            (Some(e), Some(c)) if e == c && !c.is_ascii_uppercase() => {}
            _ => return false,
        }
    }
}

/// Appends `.name` (or `name` at the top) to a field path.
pub fn push_name(path: &mut String, name: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(name);
}

/// Checks `value` against `schema`. On refusal, `path` names the culprit (`groupId`,
/// `body.email`, `body[0].uiIdentityId`) and the reason says what was expected.
pub fn check(schema: &Schema, value: &Json, path: &mut String) -> Result<(), &'static str> {
    match (schema, value) {
        (Schema::Optional(_), Json::Absent | Json::Null) => Ok(()),
        (Schema::Optional(inner), value) => check(inner, value, path),
        (Schema::Any, _)
        | (Schema::AnyObject, Json::Object(_))
        | (Schema::Bool, Json::Bool(_))
        | (Schema::Str, Json::Str(_)) => Ok(()),
        (Schema::Int, Json::Num(number)) if is_id(*number) => Ok(()),
        (Schema::U32, Json::Num(number))
            if (0.0..=f64::from(u32::MAX)).contains(number) && number.fract() == 0.0 =>
        {
            Ok(())
        }
        (Schema::Num, Json::Num(number)) if number.is_finite() => Ok(()),
        (Schema::Enum(values), Json::Str(text)) if values.contains(&text.as_str()) => Ok(()),
        (Schema::List(item), Json::List(items)) => {
            let at = path.len();
            for (index, value) in items.iter().enumerate() {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
                check(item, value, path)?;
                path.truncate(at);
            }
            Ok(())
        }
        (Schema::Object(fields), Json::Object(members)) => check_object(fields, members, path),
        (Schema::Map(inner), Json::Object(members)) => {
            let at = path.len();
            for (key, value) in members {
                push_name(path, key);
                check(inner, value, path)?;
                path.truncate(at);
            }
            Ok(())
        }
        (schema, _) => Err(expected(schema)),
    }
}

fn check_object(
    fields: &[Field],
    members: &[(String, Json)],
    path: &mut String,
) -> Result<(), &'static str> {
    let at = path.len();
    let mut seen = vec![false; fields.len()];
    for (key, value) in members {
        let Some(index) = fields.iter().position(|field| camel_eq(key, field.name)) else {
            push_name(path, key);
            return Err("is not a known field");
        };
        if matches!(value, Json::Absent) {
            continue;
        }
        seen[index] = true;
        push_name(path, key);
        check(fields[index].schema, value, path)?;
        path.truncate(at);
    }
    match fields
        .iter()
        .zip(seen)
        .find(|(field, seen)| field.required && !seen)
    {
        Some((field, _)) => {
            push_name(path, &camel(field.name));
            Err("is required")
        }
        None => Ok(()),
    }
}

/// A whole number from 0 to 2^53 - 1.
fn is_id(number: f64) -> bool {
    (0.0..=9_007_199_254_740_991.0).contains(&number) && number.fract() == 0.0
}

/// What a value of `schema` must be.
fn expected(schema: &Schema) -> &'static str {
    match schema {
        Schema::Bool => "must be true or false",
        Schema::Int => "must be a whole number from 0 to 2^53 - 1",
        Schema::U32 => "must be a whole number from 0 to 4294967295",
        Schema::Num => "must be a finite number",
        Schema::Str => "must be a string",
        Schema::Enum(_) => "must be one of the values its type lists",
        Schema::Optional(inner) => expected(inner),
        Schema::List(_) => "must be an array",
        Schema::Object(_) | Schema::Map(_) | Schema::AnyObject => "must be an object",
        Schema::Any => "must be a JSON value",
    }
}

/// An integer as the query or path sends it (checked by [`check`] to be a whole number).
pub fn integer(number: f64) -> String {
    (number as u64).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static INNER: Schema = Schema::Object(&[Field {
        name: "ui_identity_id",
        schema: &Schema::Str,
        required: true,
    }]);
    static PARAMS: Schema = Schema::Object(&[
        Field {
            name: "group_id",
            schema: &Schema::Int,
            required: true,
        },
        Field {
            name: "body",
            schema: &Schema::List(&INNER),
            required: false,
        },
    ]);

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

    strict! {
        /// A strict struct with a group spliced in.
        #[derive(Debug, PartialEq, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Spliced {
            ..pair,
            /// Last.
            (required) pub last: Option<u64>,
        }
    }

    fn refusal(value: serde_json::Value) -> (String, &'static str) {
        let mut path = String::new();
        let reason = check(&PARAMS, &Json::from_serde(&value), &mut path).expect_err("refused");
        (path, reason)
    }

    #[test]
    fn strict_derives_the_schema_of_spliced_fields() {
        let Schema::Object(fields) = Spliced::SCHEMA else {
            panic!("an object schema");
        };
        let described: Vec<_> = fields.iter().map(|f| (f.name, f.required)).collect();
        assert_eq!(
            described,
            [("first", true), ("second", false), ("last", true)]
        );
        let value: Spliced =
            serde_json::from_value(json!({"first": 1, "last": null})).expect("decodes");
        assert_eq!(value.last, None);
        assert!(serde_json::from_value::<Spliced>(json!({"first": 1, "x": 2})).is_err());
    }

    #[test]
    fn camel_names() {
        assert_eq!(camel("ui_identity_id"), "uiIdentityId");
        assert!(camel_eq("uiIdentityId", "ui_identity_id"));
        assert!(camel_eq("cidrblock", "cidrblock"));
        assert!(!camel_eq("ui_identity_id", "ui_identity_id"));
        assert!(!camel_eq("uiidentityId", "ui_identity_id"));
        assert!(!camel_eq("uiIdentityIdX", "ui_identity_id"));
    }

    #[test]
    fn accepts_what_the_schema_says() {
        let value = json!({"groupId": 3, "body": [{"uiIdentityId": "A"}]});
        assert_eq!(
            check(&PARAMS, &Json::from_serde(&value), &mut String::new()),
            Ok(())
        );
    }

    #[test]
    fn refusals_name_their_field() {
        assert_eq!(refusal(json!({})), ("groupId".into(), "is required"));
        assert_eq!(
            refusal(json!({"groupId": "abc"})).0,
            "groupId",
            "a wrong type names its field"
        );
        assert_eq!(refusal(json!({"groupId": -1})).0, "groupId");
        assert_eq!(refusal(json!({"groupId": 1.5})).0, "groupId");
        assert_eq!(
            refusal(json!({"groupId": 1, "groupid": 2})),
            ("groupid".into(), "is not a known field")
        );
        assert_eq!(
            refusal(json!({"groupId": 1, "body": [{"uiIdentityId": "A"}, {}]})),
            ("body[1].uiIdentityId".into(), "is required")
        );
        assert_eq!(
            refusal(json!({"groupId": 1, "body": [{"uiIdentityId": 7}]})).0,
            "body[0].uiIdentityId"
        );
    }
}
