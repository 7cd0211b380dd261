//! Signing in, and setting up an account with the code a worker gave.

use crate::api;
use crate::components::form::{ErrorSummary, Field, FormProblems};
use crate::i18n::{t, LanguageSwitch};
use crate::session::{Session, Status, WhySignedOut};
use journey_core::{FieldError, SignIn, SignUp};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Once someone is signed in, these pages have done their job: go to their home.
fn go_home_when_signed_in(session: Session) {
    let navigate = use_navigate();
    Effect::new(move || {
        if session.status() == Status::SignedIn {
            navigate(
                "/",
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = Session::get();
    go_home_when_signed_in(session);
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let sign_in = Action::new_local(|details: &SignIn| {
        let details = details.clone();
        async move { api::sign_in(&details).await }
    });
    Effect::new(move || match sign_in.value().get() {
        Some(Ok(me)) => session.signed_in(me),
        Some(Err(failure)) => problems.set(FormProblems::from_failure(&failure)),
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sign_in.pending().get_untracked() {
            return;
        }
        let details = SignIn {
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let mut missing = Vec::new();
        if details.username.is_empty() {
            missing.push(FieldError::new("username", "Please type your username."));
        }
        if details.password.is_empty() {
            missing.push(FieldError::new("password", "Please type your password."));
        }
        if missing.is_empty() {
            sign_in.dispatch(details);
        } else {
            problems.set(FormProblems::fields(missing));
        }
    };

    let notice = move || {
        let words = match session.why_signed_out() {
            Some(WhySignedOut::TheyChose) => "You've signed out. See you next time.",
            Some(WhySignedOut::TimedOut) => {
                "You were signed out to keep your account safe. Please sign in again."
            }
            _ => return None,
        };
        (problems.with(FormProblems::is_empty) && !sign_in.pending().get())
            .then(|| view! { <p class="notice" role="status">{words}</p> })
    };

    let t = t();
    view! {
        <p class="language-row"><LanguageSwitch/></p>
        <h1>{t.sign_in.title}</h1>
        <p class="lead">"Sign in to see your plan and the people who help you."</p>
        {notice}
        <ErrorSummary title="We couldn't sign you in" problems/>
        <form class="card form" on:submit=on_submit novalidate>
            <Field
                id="username"
                label="Username"
                autocomplete="username"
                autocapitalize="none"
                value=username
                problems
            />
            <Field
                id="password"
                label="Password"
                input_type="password"
                autocomplete="current-password"
                value=password
                problems
            />
            <button type="submit" class="button">
                {move || if sign_in.pending().get() { "Signing you in\u{2026}" } else { "Sign in" }}
            </button>
        </form>
        <p>
            <A href="/sign-up" attr:class="link-tap">
                "Got a code from your worker? Set up your account"
            </A>
        </p>
        <p>
            <A href="/help" attr:class="link-tap">"Need help now?"</A>
        </p>
        <p><A href="/settings" attr:class="link-tap">{t.settings.link}</A></p>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let session = Session::get();
    go_home_when_signed_in(session);
    let invite_code = RwSignal::new(String::new());
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let sign_up = Action::new_local(|details: &SignUp| {
        let details = details.clone();
        async move { api::sign_up(&details).await }
    });
    Effect::new(move || match sign_up.value().get() {
        Some(Ok(me)) => session.signed_in(me),
        Some(Err(failure)) => problems.set(FormProblems::from_failure(&failure)),
        None => {}
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sign_up.pending().get_untracked() {
            return;
        }
        let details = SignUp {
            invite_code: invite_code.get_untracked().trim().to_owned(),
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        // The same rules the server uses, so most problems show before anything is sent.
        match details.validate() {
            Ok(()) => {
                sign_up.dispatch(details);
            }
            Err(errors) => problems.set(FormProblems::from_validation(&errors)),
        }
    };

    view! {
        <h1>"Set up your account"</h1>
        <p class="lead">
            "You need the code your worker gave you. Then choose a username and a password."
        </p>
        <ErrorSummary title="Please check your answers" problems/>
        <form class="card form" on:submit=on_submit novalidate>
            <Field
                id="invite_code"
                label="Your code"
                hint="Your worker gave you this. It looks like ABCD-2345."
                autocomplete="off"
                autocapitalize="characters"
                value=invite_code
                problems
            />
            <Field
                id="username"
                label="Choose a username"
                hint="You'll use this to sign in. Letters and numbers, no spaces."
                autocomplete="username"
                autocapitalize="none"
                value=username
                problems
            />
            <Field
                id="password"
                label="Choose a password"
                hint="At least 8 characters. A few words together works well."
                input_type="password"
                autocomplete="new-password"
                value=password
                problems
            />
            <button type="submit" class="button">
                {move || {
                    if sign_up.pending().get() {
                        "Setting up your account\u{2026}"
                    } else {
                        "Set up my account"
                    }
                }}
            </button>
        </form>
        <p>
            <A href="/sign-in" attr:class="link-tap">"Already set up? Sign in"</A>
        </p>
    }
}
