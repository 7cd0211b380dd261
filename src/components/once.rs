//! An effect and a reactive view that take no type of any one screen: a screen's own code
//! goes in a `Box`, so the code that runs and draws it is in the app once, not once per
//! screen (each `impl Fn` type would be a copy; see README, "Where the bytes go").

use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// Runs `run` now and again whenever what it reads changes.
pub fn effect(run: Box<dyn Fn()>) {
    Effect::new(run);
}

/// Draws `draw` now and again whenever what it reads changes.
pub fn reactive(draw: Box<dyn Fn() -> AnyView>) -> impl IntoView {
    let draw = SendWrapper::new(draw);
    move || draw()
}
