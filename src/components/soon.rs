//! Drawing a long page in several short tasks instead of one long one.
//!
//! A phone's browser can do nothing else (scroll, show a tap, paint) while the app draws,
//! and on a slow phone drawing all of My Journey at once blocked it for a third of a
//! second. A long page now draws its lower parts one [`Soon`] at a time, top to bottom,
//! so nothing already drawn ever moves (see README, "Drawn in short tasks").

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::Cell;

/// Waits until the browser's next task: whatever the browser has waiting (a tap, a
/// paint) goes first. A message to itself, not a timer: a tab in the background slows
/// its timers to one a second, and a staff screen waiting there must still show a flag
/// as soon as it comes.
pub async fn next_task() {
    let promise = js_sys::Promise::new(
        &mut |resolve, _| match leptos::web_sys::MessageChannel::new() {
            Ok(channel) => {
                channel.port1().set_onmessage(Some(&resolve));
                let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
            }
            Err(_) => {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        },
    );
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Draws its children in the browser's next task, after what comes before it. Nest one
/// in another to draw a page's parts in turn (the browser runs tasks asked for at the
/// same moment in the order they were asked for, so a `Soon` in a `Soon` comes after
/// every `Soon` beside the outer one). Put only what is below everything already drawn in
/// one, so nothing moves when it comes.
#[component]
pub fn Soon(children: Children) -> impl IntoView {
    let ready = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        next_task().await;
        // Gone already (the young person left the page): nothing to draw.
        let _ = ready.try_set(true);
    });
    drawn_once(ready.into(), children)
}

/// Draws its children once `when` has been true, and keeps them: for what must wait
/// below a part that may grow when an answer comes, so that part never pushes it down.
#[component]
pub fn Once(#[prop(into)] when: Signal<bool>, children: Children) -> impl IntoView {
    drawn_once(when, children)
}

fn drawn_once(when: Signal<bool>, children: Children) -> impl IntoView {
    // True from the first time `when` is, so what is drawn is never taken away.
    let came =
        Memo::new(move |before: Option<&bool>| before.copied().unwrap_or(false) || when.get());
    let children = SendWrapper::new(Cell::new(Some(children)));
    move || {
        if came.get() {
            Cell::take(&children).map(untrack)
        } else {
            None
        }
    }
}
