//! JSON in the app: read by the browser's own `JSON.parse` and written by its
//! `JSON.stringify`, with `serde-wasm-bindgen` between the browser's values and our types.
//!
//! Every answer from the API, everything kept on the phone (drafts, the outbox, last
//! copies, settings) and every body sent goes through here, so the app carries no JSON
//! reader or writer of its own (`serde_json`'s parser alone was about 50 KB of the young
//! person's first download, before compression). The JSON is the same as before: `null`
//! for a missing value, objects for maps, numbers as numbers, fields in their order.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Writes as `serde_json` does: `null` for `None`, plain objects for maps.
const WRITER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::json_compatible();

/// JSON text read as a `T`; `None` if it is not JSON, or not a `T`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    from_value(js_sys::JSON::parse(text).ok()?)
}

/// A value from the browser (`JSON.parse`'s, or a response's `json()`) as a `T`.
pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(value).ok()
}

/// `value` as JSON text. `None` only for what JSON cannot hold (our types never are).
pub fn text<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    text_of(&value.serialize(&WRITER).ok()?)
}

/// A value from the browser as JSON text.
pub fn text_of(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value).ok()?.as_string()
}

/// A response's body read as a `T`, with the browser's `Response.json()`.
pub async fn from_response<T: DeserializeOwned>(response: gloo_net::http::Response) -> Option<T> {
    let promise = leptos::web_sys::Response::from(response).json().ok()?;
    from_value(wasm_bindgen_futures::JsFuture::from(promise).await.ok()?)
}

/// A field that holds JSON text, kept as the JSON value it is (`{"body": {…}}`, not
/// `{"body": "{…}"}`), never read into its type: `#[serde(with = "crate::json::as_value")]`.
/// The outbox keeps what it will send so, and a last copy of the journey.
pub mod as_value {
    use serde::de::Error as _;
    use serde::{Deserializer, Serializer};
    use wasm_bindgen::JsValue;

    pub fn serialize<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
        let value = js_sys::JSON::parse(text).map_err(|_| serde::ser::Error::custom("not JSON"))?;
        serde_wasm_bindgen::preserve::serialize(&value, serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
        let value: JsValue = serde_wasm_bindgen::preserve::deserialize(deserializer)?;
        js_sys::JSON::stringify(&value)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| D::Error::custom("not JSON"))
    }
}
