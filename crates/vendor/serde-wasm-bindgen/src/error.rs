use wasm_bindgen::prelude::*;

/// A newtype that represents Serde errors as JavaScript exceptions.
///
/// MY JOURNEY CHANGE (see `crates/vendor/README.md`): an error carries nothing, not even
/// a JS value. The app only asks whether a value could be read (`src/json.rs` keeps
/// `.ok()` of every result), so writing serde's messages ("invalid type: floating point
/// `1.5`, expected …") was code and words downloaded for nothing: without them serde's
/// writers and Rust's float formatting leave the wasm (8.7 KB of brotli). With no value
/// in it, an error is free to make and to drop, so no reader carries code to let go of one.
#[derive(Debug)]
pub struct Error;

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("not read")
    }
}

impl std::error::Error for Error {}

impl Error {
    /// An error: what went wrong is not kept.
    pub fn new<T: std::fmt::Display>(_msg: T) -> Self {
        Error
    }
}

impl serde::ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error::new(msg)
    }
}

impl serde::de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error::new(msg)
    }
}

/// This conversion is needed for `?` to just work when using wasm-bindgen
/// imports that return JavaScript exceptions as `Result<T, JsValue>`.
impl From<JsValue> for Error {
    fn from(_error: JsValue) -> Error {
        Error
    }
}

// This conversion is needed for `?` to just work in wasm-bindgen exports
// that return `Result<T, JsValue>` to throw JavaScript exceptions.
impl From<Error> for JsValue {
    fn from(_error: Error) -> JsValue {
        JsValue::UNDEFINED
    }
}
