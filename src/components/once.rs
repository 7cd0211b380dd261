//! An effect, a reactive view and a task that take no type of any one screen: a screen's own code
//! goes in a `Box`, so the code that runs and draws it is in the app once, not once per
//! screen (each `impl Fn` type would be a copy; see README, "Where the bytes go").

use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use send_wrapper::SendWrapper;
use std::future::Future;
use std::pin::Pin;

/// Runs `run` now and again whenever what it reads changes.
pub fn effect(run: Box<dyn Fn()>) {
    Effect::new(run);
}

/// Draws `draw` now and again whenever what it reads changes.
pub fn reactive(draw: Box<dyn Fn() -> AnyView>) -> impl IntoView {
    let draw = SendWrapper::new(draw);
    move || draw()
}

/// Runs `task` with the owner it was started under (the screen's), as Leptos's own
/// async views do, so what it draws and reads can find the screen's context (the session,
/// the outbox). Untracked: a signal read in it does not start it again.
pub fn spawn_scoped(task: Pin<Box<dyn Future<Output = ()>>>) {
    leptos::task::spawn_local(ScopedFuture::new_untracked(task));
}
