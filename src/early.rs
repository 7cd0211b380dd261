//! Answers `index.html`'s early script asked for while the app was still downloading
//! (`window.__early`, by address): who is signed in, what a young person's first screen
//! shows, and the Welsh words on a phone that reads Welsh. Each is taken once, by the GET
//! that would have asked for it (`get`, used by `api` and `i18n::fetch_words`); later asks
//! go to the server. Each is given up on after
//! [`crate::patience::PATIENCE`], here and in the early script alike.

use crate::patience::patient;
use wasm_bindgen::JsCast;

/// The kept answer for `path`, if the early script asked for it and nobody has taken it.
fn take(path: &str) -> Option<js_sys::Promise> {
    let window = leptos::web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &"__early".into()).ok()?;
    let key = wasm_bindgen::JsValue::from_str(path);
    let answer = js_sys::Reflect::get(&early, &key).ok()?.dyn_into().ok()?;
    js_sys::Reflect::delete_property(early.dyn_ref::<js_sys::Object>()?, &key).ok()?;
    Some(answer)
}

/// A GET of `path`: the kept early answer if there is one, else asked of the server now.
/// Nothing if no answer came (no signal), or none within [`crate::patience::PATIENCE`] (a
/// signal that hangs: the early script gives up on its own after as long).
pub async fn get(path: &str) -> Option<gloo_net::http::Response> {
    match take(path) {
        Some(kept) => answer(kept).await,
        None => patient(gloo_net::http::Request::get(path))
            .header("Accept", "application/json")
            .send()
            .await
            .ok(),
    }
}

/// The response, or nothing if it never came (no signal).
async fn answer(answer: js_sys::Promise) -> Option<gloo_net::http::Response> {
    let response = wasm_bindgen_futures::JsFuture::from(answer).await.ok()?;
    let response = response.dyn_into::<leptos::web_sys::Response>().ok()?;
    Some(response.into())
}
