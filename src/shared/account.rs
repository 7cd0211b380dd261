//! "Your account": who is signed in, changing the password, and signing out.

use crate::api::{self, ApiFailure};
use crate::components::card::card;
use crate::components::form::{ErrorSummary, Field, FormProblems, Sender};
use crate::components::outbox::Outbox;
use crate::components::status::failure_words;
use crate::i18n::{later, t};
use crate::route::A;
use crate::session::{Session, WhySignedOut};
use crate::store;
use journey_core::i18n::fill;
use journey_core::{ChangePassword, FieldError};
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    let session = Session::get();
    let name = move || session.me().map(|me| me.display_name).unwrap_or_default();
    let w = &later().account;
    let (before, after) = w
        .signed_in_as
        .split_once("{name}")
        .unwrap_or((w.signed_in_as, ""));
    view! {
        <h1>{w.heading}</h1>
        <p class="lead">{before}<strong>{name}</strong>{after}</p>
        <p><A href="/settings" class="link-tap">{crate::i18n::t().settings.link}</A></p>
        <ChangePasswordForm/>
        <SharedPhone/>
        <MyRecords/>
        <SignOut/>
    }
}

/// A young person's copy of everything kept about them, as a page and as data. Plain
/// links: the session cookie goes with them, and the server says "download".
#[component]
fn MyRecords() -> impl IntoView {
    let session = Session::get();
    let w = &later().account;
    move || {
        let id = session.me().and_then(|me| me.young_person_id)?;
        let base = format!("/api/v1/young-people/{id}/records");
        let code = crate::i18n::lang().code();
        Some(view! {
            {card("my-records", w.records_title, "", view! {
                <p>{w.records_body}</p>
                <p>
                    <a href=format!("{base}/page?lang={code}") class="link-tap" download>
                        {w.records_page}
                    </a>
                </p>
                <p><a href=base class="link-tap" download>{w.records_data}</a></p>
                <p class="hint">{w.records_private}</p>
            }.into_any())}
        })
    }
}

/// "This phone is shared": keep nothing on it (no drafts, nothing waiting to send after a
/// reload). Turning it on removes what is kept now.
#[component]
fn SharedPhone() -> impl IntoView {
    let shared = RwSignal::new(store::shared_phone());
    let w = &later().account;
    view! {
        {card("shared-phone", w.shared_title, "", view! {
            <p>{w.shared_body}</p>
            <div class="choice">
                <input
                    type="checkbox"
                    id="shared-phone-choice"
                    prop:checked=move || shared.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        store::set_shared_phone(on);
                        // What is waiting is kept again as "shared" now allows (an unsent
                        // safety flag always, until it is sent).
                        Outbox::get().persist();
                        shared.set(on);
                    }
                />
                <label for="shared-phone-choice">{w.shared_choice}</label>
            </div>
        }.into_any())}
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let session = Session::get();
    let current_password = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let changed = RwSignal::new(false);
    let change = Sender::form(
        problems,
        |change: ChangePassword| async move { api::change_password(&change).await },
        move |_, result| {
            result?;
            current_password.set(String::new());
            new_password.set(String::new());
            problems.set(FormProblems::default());
            changed.set(true);
            Ok(())
        },
    );

    let on_submit = change.on_submit(problems, move || {
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
                t().problems.type_current_password,
            ));
        }
        if let Err(errors) = details.validate(&username) {
            found.extend(errors.fields().iter().cloned());
        }
        if found.is_empty() {
            Ok(details)
        } else {
            Err(FormProblems::fields(found))
        }
    });

    let t = t();
    let w = &later().account;
    view! {
        {card("change-password", w.change_password, "", view! {
            {move || {
                changed
                    .get()
                    .then(|| {
                        view! {
                            <div class="confirmation" role="status">
                                <p><strong>{w.changed}</strong></p>
                                <p>{w.changed_next}</p>
                            </div>
                        }
                    })
            }}
            <ErrorSummary title=w.not_changed problems/>
            <form class="form" on:submit=on_submit novalidate>
                <Field
                    id="current_password"
                    label=w.current_password
                    input_type="password"
                    autocomplete="current-password"
                    value=current_password
                    problems
                />
                <Field
                    id="new_password"
                    label=w.new_password
                    hint=t.sign_in.password_hint
                    input_type="password"
                    autocomplete="new-password"
                    value=new_password
                    problems
                />
                {change.button(w.changing, w.change_button)}
            </form>
        }.into_any())}
    }
}

#[component]
fn SignOut() -> impl IntoView {
    let session = Session::get();
    let sign_out = Sender::with_answer(
        |()| api::sign_out(),
        move |(), result| {
            // Already signed out on the server counts as done. The sign-in page takes it
            // from here.
            if let Ok(()) | Err(ApiFailure::SignedOut(_)) = result {
                session.signed_out(WhySignedOut::TheyChose);
            }
        },
    );
    let t = t();
    let w = &later().account;
    let problem = move || match sign_out.answer() {
        Some(Err(failure)) if !matches!(failure, ApiFailure::SignedOut(_)) => Some(view! {
            <p class="error-message" role="alert">
                {failure_words(&failure, w.sign_out_failed)}
            </p>
        }),
        _ => None,
    };
    let outbox = Outbox::get();
    // An unsent "I don't feel safe": asked first, kindly, and kept if they go on.
    let asking = RwSignal::new(false);
    let sign_out_now = move || {
        sign_out.send(());
    };
    let waiting = move || {
        let count = outbox.count_lost_at_sign_out();
        (count > 0).then(|| {
            view! {
                <p class="notice">
                    {match count {
                        1 => w.waiting_one.to_owned(),
                        n => fill(w.waiting_many, &[("n", &n.to_string())]),
                    }}
                </p>
            }
        })
    };
    view! {
        {card("sign-out", w.sign_out_title, "", view! {
            <p>{w.sign_out_body}</p>
            {waiting}
            {problem}
            {move || if asking.get() {
                view! {
                    <div class="card danger sign-out-ask" role="alert" aria-labelledby="sign-out-ask">
                        <h3 id="sign-out-ask" tabindex="-1">{t.not_sent.sign_out_ask_title}</h3>
                        <p>{t.not_sent.sign_out_safety}</p>
                        <p>{t.not_sent.danger}</p>
                        <div class="actions">
                            <button type="button" class="button" on:click=move |_| asking.set(false)>
                                {t.not_sent.stay_signed_in}
                            </button>
                            <button type="button" class="button secondary" on:click=move |_| sign_out_now()>
                                {t.not_sent.sign_out_anyway}
                            </button>
                        </div>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| {
                            if outbox.has_safety_flag_untracked() {
                                asking.set(true);
                                request_animation_frame(|| {
                                    crate::components::form::focus_element("sign-out-ask")
                                });
                            } else {
                                sign_out_now();
                            }
                        }
                    >
                        {w.sign_out_button}
                    </button>
                }
                .into_any()
            }}
        }.into_any())}
    }
}
