//! [`Call`]: what an operation method returns. To JS it is the operation's `Promise` (its
//! TypeScript type is written in the table: wasm-bindgen takes only a literal there); to Rust
//! callers (the wasm test suites) it is a future of the typed result, `.await`-ed like the
//! promise.
//!
//! Why by hand: the method must return the promise [`crate::IamClient`]'s one send path makes
//! (an `async fn` would wrap it in a future of its own per operation, 76 of them, each with its
//! own code), and js-sys's typed `Promise<T>` needs `FromWasmAbi` result types, which `()` and
//! the optional results are not. The ABI impls only forward to `js_sys::Promise`'s.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use wasm_bindgen::convert::IntoWasmAbi;
use wasm_bindgen::describe::WasmDescribe;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::shape::Shaped;

/// The promise of one operation call, resolving to `R` (or rejecting with an `IamError`).
#[must_use = "a call's promise resolves to its result or an IamError"]
pub struct Call<R> {
    promise: js_sys::Promise,
    result: PhantomData<fn() -> R>,
}

impl<R> Call<R> {
    /// The call of `promise`, whose value the send path has checked to be of `R`'s shape.
    pub(crate) fn new(promise: js_sys::Promise) -> Self {
        Call {
            promise,
            result: PhantomData,
        }
    }

    /// The JS promise.
    pub fn promise(self) -> js_sys::Promise {
        self.promise
    }
}

impl<R> WasmDescribe for Call<R> {
    fn describe() {
        <js_sys::Promise as WasmDescribe>::describe();
    }
}

impl<R> IntoWasmAbi for Call<R> {
    type Abi = <js_sys::Promise as IntoWasmAbi>::Abi;

    fn into_abi(self) -> Self::Abi {
        self.promise.into_abi()
    }
}

impl<R: Shaped + 'static> IntoFuture for Call<R> {
    /// The result, or the `IamError` as JS receives it.
    type Output = Result<R, JsValue>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { JsFuture::from(self.promise).await.map(R::from_js) })
    }
}
