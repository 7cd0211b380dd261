//! "Your account": who is signed in, changing the password, and signing out.

use crate::api::{self, ApiFailure};
use crate::components::form::{ErrorSummary, Field, FormProblems};
use crate::components::outbox::{waiting_words, Outbox};
use crate::components::status::failure_words;
use crate::session::{Session, WhySignedOut};
use crate::store;
use journey_core::{ChangePassword, FieldError};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    let session = Session::get();
    let name = move || session.me().map(|me| me.display_name).unwrap_or_default();
    view! {
        <h1>"Your account"</h1>
        <p class="lead">"Signed in as " <strong>{name}</strong></p>
        <p><a href="/settings" class="link-tap">{crate::i18n::t().settings.link}</a></p>
        <ChangePasswordForm/>
        <SharedPhone/>
        <SignOut/>
    }
}

/// "This phone is shared": keep nothing on it (no drafts, nothing waiting to send after a
/// reload). Turning it on removes what is kept now.
#[component]
fn SharedPhone() -> impl IntoView {
    let shared = RwSignal::new(store::shared_phone());
    view! {
        <section class="card" aria-labelledby="shared-phone">
            <h2 id="shared-phone">"Is this phone shared?"</h2>
            <p>
                "We keep what you're writing on this phone until it's sent, so nothing is lost "
                "if the signal drops. If other people use this phone, tick this and we won't "
                "keep anything on it."
            </p>
            <div class="choice">
                <input
                    type="checkbox"
                    id="shared-phone-choice"
                    prop:checked=move || shared.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        store::set_shared_phone(on);
                        shared.set(on);
                    }
                />
                <label for="shared-phone-choice">
                    "This phone is shared: don't keep anything on it"
                </label>
            </div>
        </section>
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let session = Session::get();
    let current_password = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let changed = RwSignal::new(false);
    let change = Action::new_local(|change: &ChangePassword| {
        let change = change.clone();
        async move { api::change_password(&change).await }
    });
    Effect::new(move || match change.value().get() {
        Some(Ok(())) => {
            current_password.set(String::new());
            new_password.set(String::new());
            problems.set(FormProblems::default());
            changed.set(true);
        }
        Some(Err(failure)) => {
            session.notice(&failure);
            problems.set(FormProblems::from_failure(&failure));
        }
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if change.pending().get_untracked() {
            return;
        }
        changed.set(false);
        let details = ChangePassword {
            current_password: current_password.get_untracked(),
            new_password: new_password.get_untracked(),
        };
        let username = session.me().map(|me| me.username).unwrap_or_default();
        let mut found = Vec::new();
        if details.current_password.is_empty() {
            found.push(FieldError::new(
                "current_password",
                "Please type the password you use now.",
            ));
        }
        if let Err(errors) = details.validate(&username) {
            found.extend(errors.fields().iter().cloned());
        }
        if found.is_empty() {
            change.dispatch(details);
        } else {
            problems.set(FormProblems::fields(found));
        }
    };

    view! {
        <section class="card" aria-labelledby="change-password">
            <h2 id="change-password">"Change your password"</h2>
            {move || {
                changed
                    .get()
                    .then(|| {
                        view! {
                            <div class="confirmation" role="status">
                                <p><strong>"Your password has been changed."</strong></p>
                                <p>"Use your new password next time you sign in."</p>
                            </div>
                        }
                    })
            }}
            <ErrorSummary title="Your password has not been changed" problems/>
            <form class="form" on:submit=on_submit novalidate>
                <Field
                    id="current_password"
                    label="Current password"
                    input_type="password"
                    autocomplete="current-password"
                    value=current_password
                    problems
                />
                <Field
                    id="new_password"
                    label="New password"
                    hint="At least 8 characters. A few words together works well."
                    input_type="password"
                    autocomplete="new-password"
                    value=new_password
                    problems
                />
                <button type="submit" class="button">
                    {move || {
                        if change.pending().get() { "Changing it\u{2026}" } else { "Change password" }
                    }}
                </button>
            </form>
        </section>
    }
}

#[component]
fn SignOut() -> impl IntoView {
    let session = Session::get();
    let sign_out = Action::new_local(|_: &()| api::sign_out());
    Effect::new(move || {
        // Already signed out on the server counts as done. The sign-in page takes it
        // from here.
        if let Some(Ok(()) | Err(ApiFailure::SignedOut(_))) = sign_out.value().get() {
            session.signed_out(WhySignedOut::TheyChose);
        }
    });
    let problem = move || match sign_out.value().get() {
        Some(Err(failure)) if !matches!(failure, ApiFailure::SignedOut(_)) => Some(view! {
            <p class="error-message" role="alert">
                {failure_words(&failure, "We couldn't sign you out just now. Please try again.")}
            </p>
        }),
        _ => None,
    };
    let outbox = Outbox::get();
    let waiting = move || {
        let count = outbox.count();
        (count > 0).then(|| {
            view! {
                <p class="notice">
                    {format!(
                        "You have {}. If you sign out now, {} deleted from this phone and not \
                         sent. Once you have signal, {} send by {}.",
                        waiting_words(count).replace(" waiting", " still waiting"),
                        if count == 1 { "it is" } else { "they are" },
                        if count == 1 { "it will" } else { "they will" },
                        if count == 1 { "itself" } else { "themselves" },
                    )}
                </p>
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="sign-out">
            <h2 id="sign-out">"Signing out"</h2>
            <p>
                "Sign out when you have finished, most of all if other people use this phone. "
                "Anything kept on this phone for you is deleted when you sign out."
            </p>
            {waiting}
            {problem}
            <button
                type="button"
                class="button secondary"
                on:click=move |_| {
                    if !sign_out.pending().get_untracked() {
                        sign_out.dispatch(());
                    }
                }
            >
                "Sign out"
            </button>
        </section>
    }
}
