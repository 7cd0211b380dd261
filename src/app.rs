//! The frame both apps share: what every screen needs (the session, words, flash
//! messages, the outbox), which app this is, the gate that sends someone to their own
//! app, and the wrapper for screens behind sign-in. Each app (`young`, `staff`) draws its
//! own frame and routes around these.

use crate::components::once::effect;
use crate::components::outbox::Outbox;
use crate::components::status::{failure_words, Flash, Loading, Problem};
use crate::session::{Session, SessionState, Status};
pub use journey_core::apps::Audience;
use leptos::prelude::*;
use leptos_router::components::Outlet;

/// What every screen of either app uses. Returns the language, which redraws everything
/// when it changes.
pub fn provide(audience: Audience) -> RwSignal<journey_core::Lang> {
    let language = provide_first(audience);
    Outbox::provide();
    language
}

/// All of [`provide`] but the outbox, for an app that provides it a task later (the
/// young person's, as it opens: `first_screen::mount`).
pub fn provide_first(audience: Audience) -> RwSignal<journey_core::Lang> {
    provide_context(audience);
    Session::provide();
    Flash::provide();
    crate::i18n::provide()
}

/// Which app this is.
pub fn audience() -> Audience {
    expect_context::<Audience>()
}

/// Set by an app that keeps a screen back from whoever holds the device (the staff app,
/// during a young person's turn): while true, screens behind sign-in are not drawn.
#[derive(Clone, Copy)]
pub struct HeldBack(pub Memo<bool>);

/// Someone signed in to the other app's audience goes there: staff who open the young
/// person's app (or sign in on it) go to the staff app, and a young person who opens the
/// staff app goes to their own, to the same screen where both have it.
#[component]
pub fn AudienceGate() -> impl IntoView {
    let session = Session::get();
    let here = audience();
    effect(Box::new(move || {
        let Some(theirs) = session.audience() else {
            return;
        };
        if theirs != here {
            let location = window().location();
            let path = location.pathname().unwrap_or_default();
            let _ = location.replace(&theirs.address_for(&path));
        }
    }));
}

/// Every screen behind sign-in, as one parent route: [`SignedIn`] around the one open.
#[component]
pub fn SignedInScreens() -> impl IntoView {
    view! { <SignedIn><Outlet/></SignedIn> }
}

/// Shows its page only to someone signed in to this app; anyone else goes to the sign-in
/// page (the young person's app has it; the staff app sends them there, saying why).
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let session = Session::get();
    let here = audience();
    let status = Memo::new(move |_| session.status());
    let theirs = Memo::new(move |_| session.audience());
    let held_back = use_context::<HeldBack>();
    let at = crate::route::Here::get();
    effect(Box::new(move || {
        if status.get() != Status::SignedOut {
            return;
        }
        match here {
            Audience::YoungPerson => at.go("/sign-in", true),
            Audience::Staff => {
                if let Some(why) = untrack(move || session.why_signed_out()) {
                    crate::session::carry_to_sign_in(why);
                }
                let _ = window().location().replace("/sign-in");
            }
        }
    }));
    move || match status.get() {
        Status::SignedIn
            if theirs.get() == Some(here) && !held_back.is_some_and(|held| held.0.get()) =>
        {
            children().into_any()
        }
        Status::SignedIn | Status::Checking | Status::SignedOut => {
            view! { <Loading message=crate::i18n::t().common.opening/> }.into_any()
        }
        Status::Unknown => {
            let message = match untrack(move || session.state()) {
                SessionState::Unknown(failure) => failure_words(&failure, ""),
                _ => String::new(),
            };
            view! {
                <h1>{crate::i18n::t().common.app_name}</h1>
                <Problem message on_retry=move || session.check()/>
            }
            .into_any()
        }
    }
}
