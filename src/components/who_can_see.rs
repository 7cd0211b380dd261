//! "Who can see this", beside a young person's send buttons, with their worker's name.

use crate::api;
use crate::components::fetched::Fetched;
use crate::i18n::lang;
use crate::session::Session;
use journey_core::{who_can_see, WhatIsSent};
use leptos::prelude::*;

/// The first name of the young person's allocated worker, from their journey.
/// With no signal, from the copy of their journey kept on this phone.
pub(crate) fn my_worker() -> Fetched<Option<String>> {
    Fetched::new(move || {
        let session = Session::get();
        let id = session.young_person_id();
        let user = session.username_untracked();
        async move {
            let id = id?;
            let (journey, _): (journey_core::Journey, _) =
                crate::store::with_last_copy(user, "journey", api::journey_as_sent(&id).await)
                    .ok()?;
            worker_first_name(&journey)
        }
    })
}

/// The first name of the young person's worker, as "who can see" and "who was told" say it.
pub(crate) fn worker_first_name(journey: &journey_core::Journey) -> Option<String> {
    let worker = journey.worker.as_ref()?;
    worker.name.split_whitespace().next().map(str::to_owned)
}

/// "Who can see this", beside a young person's send button: the same rules the server
/// enforces, with their worker's name.
#[component]
pub fn WhoCanSee(#[prop(into)] sending: Signal<WhatIsSent>) -> impl IntoView {
    let worker = my_worker();
    let lang = lang();
    view! {
        <p class="who-can-see">
            <strong>{lang.text().how_im_doing.who_can_see}" "</strong>
            {move || who_can_see(lang, sending.get(), worker.get().flatten().as_deref())}
        </p>
    }
}
