//! Loading and problem messages, said kindly, with a way to try again.

use crate::api::ApiFailure;
use crate::components::fetched::Fetched;
use crate::components::once::{effect, reactive};
use crate::i18n::{lang, t};
use crate::session::Session;
use journey_core::i18n::fill;
use leptos::prelude::*;

#[component]
pub fn Loading(#[prop(into)] message: String) -> impl IntoView {
    view! {
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {message}
        </p>
    }
}

/// What to say when a page's data could not be loaded. Never the person's fault.
/// The server's words come already said in the chosen language (`api::send`).
pub fn failure_words(failure: &ApiFailure, not_found: &'static str) -> String {
    let lang = lang();
    let words = &lang.text().problems;
    match failure {
        ApiFailure::Unreachable => words.unreachable.into(),
        ApiFailure::NotFound => not_found.into(),
        ApiFailure::SignedOut(message) if !message.is_empty() => message.clone(),
        ApiFailure::SignedOut(_) => words.signed_out.into(),
        ApiFailure::Invalid { message, .. }
        | ApiFailure::Refused(message)
        | ApiFailure::Server(message)
            if !message.is_empty() =>
        {
            message.clone()
        }
        ApiFailure::Invalid { .. } | ApiFailure::Refused(_) | ApiFailure::Server(_) => {
            words.our_fault.into()
        }
    }
}

#[component]
pub fn Problem(#[prop(into)] message: String, on_retry: impl Fn() + 'static) -> impl IntoView {
    let t = t();
    view! {
        <div class="card problem" role="alert">
            <h2>{t.problems.couldnt_show}</h2>
            <p>{message}</p>
            <button type="button" class="button" on:click=move |_| on_retry()>
                {t.problems.try_again}
            </button>
        </div>
    }
}

/// A page's data, written once: `loading` ("Getting…") while it is on its way, then
/// `show` draws what came; a failure `show` hands back is said kindly with "Try again"
/// (`not_found` when there is no such thing). The session hears of every failure.
pub fn loaded<T: Clone + 'static>(
    what: Fetched<Result<T, ApiFailure>>,
    loading: &'static str,
    not_found: &'static str,
    show: impl Fn(Result<T, ApiFailure>) -> Result<AnyView, ApiFailure> + 'static,
) -> impl IntoView {
    let session = Session::get();
    effect(Box::new(move || {
        if let Some(Err(failure)) = what.get() {
            session.notice(&failure);
        }
    }));
    reactive(Box::new(move || match what.get() {
        None => view! { <Loading message=loading/> }.into_any(),
        Some(found) => show(found).unwrap_or_else(|failure| {
            let message = failure_words(&failure, not_found);
            view! { <Problem message on_retry=move || what.refetch()/> }.into_any()
        }),
    }))
}

/// Above a copy of the plan or goals kept on this phone, shown when there is no signal.
#[component]
pub fn OldCopy(saved_at: f64, on_retry: impl Fn() + 'static) -> impl IntoView {
    let t = t();
    view! {
        <div class="notice old-copy" role="status">
            <p>
                <strong>{t.problems.no_signal}</strong>
                " "
                {fill(t.problems.old_copy, &[("when", &crate::clock::moment_words(saved_at))])}
            </p>
            <button type="button" class="button secondary" on:click=move |_| on_retry()>
                {t.problems.try_again}
            </button>
        </div>
    }
}

/// A few words for the next page, such as "Saved." after a form takes you back to
/// where you were. Shown once.
#[derive(Clone, Copy)]
pub struct Flash(RwSignal<Option<String>>);

impl Flash {
    pub fn provide() {
        provide_context(Flash(RwSignal::new(None)));
    }

    pub fn get() -> Flash {
        expect_context::<Flash>()
    }

    pub fn set(self, message: String) {
        self.0.set(Some(message));
    }

    /// The message, if there is one; it will not be shown again.
    pub fn take(self) -> Option<String> {
        self.0.update_untracked(Option::take)
    }
}
