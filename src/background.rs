//! What the service worker (`public/sw.js`) needs to send a safety flag or a check-in
//! while the app is closed, and what it leaves behind when it has.
//!
//! A service worker cannot read localStorage, so each safety flag or check-in waiting in
//! the outbox is copied into Cache Storage ("my-journey-outbox", at `/outbox/kept/{client
//! id}`), and a Background Sync is asked for: the browser wakes the service worker when
//! the phone can reach the server, even with the app closed. The service worker sends each
//! copy with the session cookie; once the server has it, it writes a note at
//! `/outbox/sent/{client id}` and then removes the copy. The app reads those notes, says
//! "it has gone", and removes them. Either side only removes something after the server
//! has it, and the server records each client id once, so sending twice is harmless.

use js_sys::{Array, Function, Promise, Reflect};
use leptos::task::spawn_local;
use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
use leptos::web_sys::{Cache, Request, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use wasm_bindgen_futures::JsFuture;

const CACHE: &str = "my-journey-outbox";
const KEPT: &str = "/outbox/kept/";
const SENT: &str = "/outbox/sent/";
/// The Background Sync tag `sw.js` listens for.
const SYNC_TAG: &str = "journey-outbox";

/// A copy for the service worker: where to POST what, for whom.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeptForWorker {
    /// Whose it is: the service worker sends it only while they are signed in.
    pub username: String,
    pub client_id: String,
    /// "safety_flag" or "check_in", so the worker can send safety flags first.
    pub kind: String,
    pub url: String,
    /// The JSON to send, as the outbox keeps it.
    #[serde(with = "crate::json::as_value")]
    pub body: String,
    pub queued_at: f64,
}

/// The service worker's note that it has sent something.
#[derive(Debug, Clone, Deserialize)]
pub struct SentByWorker {
    pub client_id: String,
    pub username: String,
}

fn window_has(name: &str) -> bool {
    leptos::web_sys::window()
        .is_some_and(|window| Reflect::has(&window, &name.into()).unwrap_or(false))
}

/// Whether the browser can send while the app is closed (Chromium can; Safari and
/// Firefox cannot yet): it has Background Sync, and the service worker is running this
/// page. So the page can say which.
pub fn can_send_when_closed() -> bool {
    let Some(window) = leptos::web_sys::window() else {
        return false;
    };
    let controller = Reflect::get(&window.navigator(), &"serviceWorker".into())
        .ok()
        .filter(|workers| !workers.is_undefined())
        .and_then(|workers| Reflect::get(&workers, &"controller".into()).ok());
    window_has("SyncManager") && controller.is_some_and(|c| !c.is_null() && !c.is_undefined())
}

async fn open() -> Option<Cache> {
    // `caches` is missing outside a secure context (plain http away from localhost).
    if !window_has("caches") {
        return None;
    }
    let storage = leptos::web_sys::window()?.caches().ok()?;
    JsFuture::from(storage.open(CACHE))
        .await
        .ok()?
        .dyn_into()
        .ok()
}

async fn paths(cache: &Cache, start: &str) -> Vec<String> {
    let Ok(keys) = JsFuture::from(cache.keys()).await else {
        return Vec::new();
    };
    Array::from(&keys)
        .iter()
        .filter_map(|request| request.dyn_into::<Request>().ok())
        .filter_map(|request| {
            let url = request.url();
            url.find(start).map(|at| url[at..].to_owned())
        })
        .collect()
}

async fn read<T: DeserializeOwned>(cache: &Cache, path: &str) -> Option<T> {
    let found = JsFuture::from(cache.match_with_str(path)).await.ok()?;
    let response: Response = found.dyn_into().ok()?;
    crate::json::from_value(JsFuture::from(response.json().ok()?).await.ok()?)
}

async fn put(cache: &Cache, path: &str, value: &impl Serialize) -> bool {
    let Some(text) = crate::json::text(value) else {
        return false;
    };
    let Ok(response) = Response::new_with_opt_str(Some(&text)) else {
        return false;
    };
    JsFuture::from(cache.put_with_str(path, &response))
        .await
        .is_ok()
}

async fn delete(cache: &Cache, path: &str) {
    let _ = JsFuture::from(cache.delete_with_str(path)).await;
}

thread_local! {
    /// The newest wish for each user's copies, applied one at a time so that an older
    /// wish never puts back a copy a newer one removed.
    static WANTED: RefCell<Vec<(String, Vec<KeptForWorker>)>> = const { RefCell::new(Vec::new()) };
    static APPLYING: Cell<bool> = const { Cell::new(false) };
}

/// Makes the service worker's copies for `username` exactly `wanted`: new ones added,
/// ones no longer waiting (sent, or deleted) removed. Asks for a Background Sync while
/// any are kept.
pub fn keep_exactly(username: &str, wanted: Vec<KeptForWorker>) {
    WANTED.with_borrow_mut(|all| {
        all.retain(|(user, _)| user != username);
        all.push((username.to_owned(), wanted));
    });
    if APPLYING.replace(true) {
        return;
    }
    spawn_local(async move {
        while let Some((username, wanted)) = WANTED.with_borrow_mut(|all| all.pop()) {
            apply(&username, wanted).await;
        }
        APPLYING.set(false);
    });
}

async fn apply(username: &str, wanted: Vec<KeptForWorker>) {
    let Some(cache) = open().await else {
        return;
    };
    let mut already = Vec::new();
    for path in paths(&cache, KEPT).await {
        match read::<KeptForWorker>(&cache, &path).await {
            Some(kept) if kept.username != username => {}
            Some(kept) if wanted.iter().any(|w| w.client_id == kept.client_id) => {
                already.push(kept.client_id);
            }
            _ => delete(&cache, &path).await,
        }
    }
    let mut added = false;
    for item in wanted.iter().filter(|w| !already.contains(&w.client_id)) {
        added |= put(&cache, &format!("{KEPT}{}", item.client_id), item).await;
    }
    if added {
        ask_for_sync().await;
    }
}

/// Asks the browser to wake the service worker when the phone can reach the server.
async fn ask_for_sync() {
    let Some(window) = leptos::web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let Ok(ready) = navigator.service_worker().ready() else {
        return;
    };
    let Ok(registration) = JsFuture::from(ready).await else {
        return;
    };
    // `registration.sync` is missing where there is no Background Sync.
    let Ok(sync) = Reflect::get(&registration, &"sync".into()) else {
        return;
    };
    if sync.is_undefined() || sync.is_null() {
        return;
    }
    let register = Reflect::get(&sync, &"register".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    if let Some(register) = register {
        if let Ok(promise) = register.call1(&sync, &JsValue::from_str(SYNC_TAG)) {
            if let Ok(promise) = promise.dyn_into::<Promise>() {
                let _ = JsFuture::from(promise).await;
            }
        }
    }
}

/// The service worker's notes of what it sent for `username`, removed as they are read.
pub async fn take_sent(username: &str) -> Vec<SentByWorker> {
    let Some(cache) = open().await else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for path in paths(&cache, SENT).await {
        match read::<SentByWorker>(&cache, &path).await {
            Some(note) if note.username != username => {}
            Some(note) => {
                delete(&cache, &path).await;
                found.push(note);
            }
            None => delete(&cache, &path).await,
        }
    }
    found
}

/// Calls `then` each time the service worker says it has sent something.
pub fn when_worker_sends(then: impl Fn() + 'static) {
    let Some(window) = leptos::web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let listener = Closure::<dyn Fn(JsValue)>::new(move |_: JsValue| then());
    let _ = navigator
        .service_worker()
        .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    // Listens as long as the app is open.
    listener.forget();
}
