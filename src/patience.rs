//! Giving up on a request that hangs. On a bad signal a request can hang for minutes, the
//! browser deciding when to give up; every request that is safe to send again is given
//! up on after [`PATIENCE`] instead (`patient`), by the app (`api`, `early`) and by
//! `index.html`'s early script alike.

use gloo_net::http::RequestBuilder;

/// How long a request that is safe to send again waits for its answer, body and all.
/// Every GET (and the early script's, in `index.html`), signing in and out, every write
/// with a `client_id`, and a goal's new words or status (the same again changes nothing)
/// is given up on after this, as with no signal: a page shows what this phone kept, or
/// "We couldn't connect… Try again"; the app opens even if "who is signed in" never
/// comes (as the person this phone remembers); a write is kept on the phone and sent
/// again by itself, or sent again when its button is pressed. (A write that is not safe
/// to send twice is not: given up on, it might still have been done, and sending it
/// again would do it twice.)
pub const PATIENCE: std::time::Duration = std::time::Duration::from_secs(15);

/// `builder`, given up on if nothing has come back within [`PATIENCE`].
pub fn patient(builder: RequestBuilder) -> RequestBuilder {
    let Ok(controller) = leptos::web_sys::AbortController::new() else {
        return builder;
    };
    let builder = builder.abort_signal(Some(&controller.signal()));
    // (Aborting once it has answered does nothing.)
    leptos::prelude::set_timeout(move || controller.abort(), PATIENCE);
    builder
}
