//! My Journey's client: a Leptos app, rendered in the browser, built to WASM by Trunk.
//!
//! One codebase, two apps, organised by audience:
//! - `young`: the young person's screens and their app (`src/bin/young.rs`, at `/`);
//! - `staff`: workers' and managers' screens and their app (`src/bin/staff.rs`, at
//!   `/staff/`);
//! - `shared`: screens both apps show (Help, Settings, Account, "not found");
//! - `components`, and the modules below: pieces both use (the API client, the session,
//!   drafts and the outbox, words, settings).
//!
//! Each app's binary links only what its routes reach, so a young person's phone never
//! downloads a staff screen. `app` is the frame both apps share.

mod api;
mod app;
mod background;
mod clock;
mod components;
mod early;
mod first_screen;
mod i18n;
mod json;
mod patience;
mod route;
mod session;
mod settings;
mod shared;
mod staff;
mod store;
mod young;

/// Starts the young person's app. It is the one kept for opening with no signal.
pub fn start_young() {
    prepare();
    register_service_worker();
    let mut lang = i18n::remembered();
    // Not Leptos's spawn_local: its executor starts with the app, drawn after this.
    wasm_bindgen_futures::spawn_local(async move {
        i18n::fetch_words(lang).await;
        session::ask_first().await;
        first_screen::painted().await;
        // Reading who is signed in, and drawing, each in a task of its own (see
        // first_screen::mount): a phone answers a tap between tasks, not during one.
        components::soon::next_task().await;
        // The first screen's Cymraeg may have been tapped while this waited: the app
        // opens in the language chosen last, with its words.
        while i18n::remembered() != lang {
            lang = i18n::remembered();
            i18n::fetch_words(lang).await;
        }
        first_screen::keep_typed();
        first_screen::mount(young::App);
    });
}

/// Starts the staff app (it needs a signal to open).
pub fn start_staff() {
    prepare();
    with_words(|| leptos::mount::mount_to_body(staff::App));
}

/// Draws the app at once in English; in Welsh once the words have been fetched (or could
/// not be: then in English).
fn with_words(draw: impl FnOnce() + 'static) {
    let lang = i18n::remembered();
    if lang == journey_core::Lang::En || journey_core::i18n::welsh::ready() {
        draw();
    } else {
        // Not Leptos's spawn_local: its executor starts with the app, drawn after this.
        wasm_bindgen_futures::spawn_local(async move {
            i18n::fetch_words(lang).await;
            draw();
        });
    }
}

/// Text size, font and contrast on `<html>` before the first screen is drawn, and drafts
/// past their time swept away.
fn prepare() {
    console_error_panic_hook::set_once();
    settings::apply(settings::remembered());
    store::sweep();
}

/// The service worker (`public/sw.js`) keeps the young person's app so it opens with no
/// signal. Where there is none (an old browser, or plain http away from localhost), the
/// app simply needs a signal to open.
fn register_service_worker() {
    if let Some(window) = leptos::web_sys::window() {
        let navigator = window.navigator();
        let has_workers =
            js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
        if has_workers {
            let _ = navigator.service_worker().register("/sw.js");
        }
    }
}
