//! My Journey's client: a Leptos app, rendered in the browser, built to WASM by Trunk.

mod api;
mod app;
mod clock;
mod components;
mod pages;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
