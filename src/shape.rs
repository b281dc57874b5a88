//! The top-level shape an operation promises of its result. Results are not copied through Rust
//! types: the body `JSON.parse` made is handed over as it is (their TypeScript comes from the Rust
//! types, which native tests check against every response example of the spec); what is checked
//! is this shape, by JS on the common path (`quick` in [`crate::transport`]) and by
//! [`Shape::check`] on the Rust one, with the same rules.

use tsify::{Ts, Tsify};
use wasm_bindgen::{JsCast, JsValue};

/// What an operation's success body must be. The numbers are what JS's `shaped` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Shape {
    /// No content: whatever body came along is ignored, the promise resolves to `undefined`.
    Nothing = 0,
    /// A JSON object (or array).
    Object = 1,
    /// A JSON object, or no body at all.
    MaybeObject = 2,
    /// An array of objects.
    Objects = 3,
    /// An array of strings.
    Strings = 4,
}

impl Shape {
    /// A call's outcome as the promise of `operation` resolves it: the value if it has this
    /// shape, else a `decode` error (the same check JS makes on its path).
    pub fn resolve(
        self,
        operation: &str,
        outcome: Result<(u16, JsValue), crate::error::IamError>,
    ) -> Result<JsValue, JsValue> {
        let (status, value) = outcome?;
        self.check(value).map_err(|reason| {
            crate::error::IamError::decode(operation, Some(status), reason).into()
        })
    }

    /// The value the promise resolves to, or why the body is not of this shape.
    pub fn check(self, value: JsValue) -> Result<JsValue, &'static str> {
        const OBJECT: &str = "expected a JSON object or array";
        const ARRAY: &str = "expected a JSON array";
        match self {
            Shape::Nothing => Ok(JsValue::UNDEFINED),
            Shape::MaybeObject if value.is_undefined() => Ok(value),
            Shape::Object | Shape::MaybeObject if value.is_object() => Ok(value),
            Shape::Object | Shape::MaybeObject => Err(OBJECT),
            Shape::Objects | Shape::Strings => {
                let array = value.dyn_ref::<js_sys::Array>().ok_or(ARRAY)?;
                let fits = |item: JsValue| match self {
                    Shape::Objects => item.is_object(),
                    _ => item.is_string(),
                };
                if array.iter().all(fits) {
                    Ok(value)
                } else if self == Shape::Objects {
                    Err(OBJECT)
                } else {
                    Err("expected an array of strings")
                }
            }
        }
    }
}

/// A method's result type, by the shape its value has.
pub trait Shaped: Sized {
    /// The shape of the result.
    const SHAPE: Shape;
    /// The result from a value already checked to have [`Shaped::SHAPE`] (for Rust callers).
    fn from_js(value: JsValue) -> Self;
}

impl<T: Tsify> Shaped for Ts<T> {
    const SHAPE: Shape = Shape::Object;
    fn from_js(value: JsValue) -> Self {
        Ts::new_unchecked(value)
    }
}

impl<T: Tsify> Shaped for Option<Ts<T>> {
    const SHAPE: Shape = Shape::MaybeObject;
    fn from_js(value: JsValue) -> Self {
        (!value.is_undefined()).then(|| Ts::new_unchecked(value))
    }
}

impl<T: Tsify> Shaped for Vec<Ts<T>> {
    const SHAPE: Shape = Shape::Objects;
    fn from_js(value: JsValue) -> Self {
        js_sys::Array::from(&value)
            .iter()
            .map(Ts::new_unchecked)
            .collect()
    }
}

impl Shaped for Vec<String> {
    const SHAPE: Shape = Shape::Strings;
    fn from_js(value: JsValue) -> Self {
        let array = js_sys::Array::from(&value);
        array.iter().filter_map(|item| item.as_string()).collect()
    }
}

impl Shaped for () {
    const SHAPE: Shape = Shape::Nothing;
    fn from_js(_: JsValue) -> Self {}
}
