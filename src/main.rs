//! My Journey's client: a Leptos app, rendered in the browser, built to WASM by Trunk.

mod api;
mod app;
mod background;
mod clock;
mod components;
mod first_screen;
mod i18n;
mod pages;
mod push;
mod session;
mod settings;
mod store;

fn main() {
    console_error_panic_hook::set_once();
    // Text size, font and contrast on <html> before the first screen is drawn.
    settings::apply(settings::remembered());
    store::sweep();
    register_service_worker();
    leptos::mount::mount_to_body(app::App);
    first_screen::remove();
}

/// The service worker (`public/sw.js`) keeps the app's files so it opens with no signal.
/// Where there is none (an old browser, or plain http away from localhost), the app
/// simply needs a signal to open.
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
