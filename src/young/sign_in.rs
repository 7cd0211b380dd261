//! Signing in, and setting up an account with the code a worker gave.

use crate::api::{self, ApiFailure};
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, Sender};
use crate::components::once::effect;
use crate::i18n::{t, LanguageSwitch};
use crate::route::A;
use crate::session::{Session, Status, WhySignedOut};
use journey_core::{FieldError, Me, SignIn, SignUp};
use leptos::prelude::*;
use std::future::Future;
use wasm_bindgen::JsCast;

/// Once someone is signed in, these pages have done their job: go to their home.
fn go_home_when_signed_in(session: Session) {
    let here = crate::route::Here::get();
    effect(Box::new(move || {
        if session.status() == Status::SignedIn {
            here.go("/", true);
        }
    }));
}

/// Signing in or setting up: the session starts with who the server says they are, and
/// these pages have then done their job.
fn signs_in<I, Fu>(
    session: Session,
    problems: RwSignal<FormProblems>,
    send: impl Fn(I) -> Fu + 'static,
) -> Sender<I, Me>
where
    I: Clone + Send + Sync + 'static,
    Fu: Future<Output = Result<Me, ApiFailure>> + 'static,
{
    go_home_when_signed_in(session);
    Sender::form(problems, send, move |_, result| {
        session.signed_in(result?);
        Ok(())
    })
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = Session::get();
    // What was typed on the first screen's form while the app loaded is kept.
    let typed = crate::first_screen::take_typed();
    let username = RwSignal::new(typed.username);
    let password = RwSignal::new(typed.password);
    let problems = RwSignal::new(FormProblems::default());
    let sign_in = signs_in(session, problems, |details: SignIn| async move {
        api::sign_in(&details).await
    });
    // The keyboard back where it was; "Sign in" pressed there is sent now, as if pressed
    // here (checked the same way).
    let form = NodeRef::<leptos::html::Form>::new();
    if typed.sent || typed.focused.is_some() {
        request_animation_frame(move || {
            if let Some(field) = typed.focused {
                crate::first_screen::focus_at_end(field);
            }
            // (Its button pressed, not `requestSubmit`, which Safari before 16 lacks.)
            let button = form
                .get_untracked()
                .filter(|_| typed.sent)
                .and_then(|form| form.query_selector("button[type=submit]").ok().flatten())
                .and_then(|button| button.dyn_into::<leptos::web_sys::HtmlElement>().ok());
            if let Some(button) = button {
                button.click();
            }
        });
    }

    let on_submit = sign_in.on_submit(problems, move || {
        let details = SignIn {
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let mut missing = Vec::new();
        if details.username.is_empty() {
            missing.push(FieldError::new("username", t().problems.type_username));
        }
        if details.password.is_empty() {
            missing.push(FieldError::new("password", t().problems.type_password));
        }
        if missing.is_empty() {
            Ok(details)
        } else {
            Err(FormProblems::fields(missing))
        }
    });

    let notice = move || {
        let words = match session.why_signed_out() {
            Some(WhySignedOut::TheyChose) => t().sign_in.signed_out_chose,
            Some(WhySignedOut::TimedOut) => t().sign_in.signed_out_timed,
            _ => return None,
        };
        (problems.with(FormProblems::is_empty) && !sign_in.pending())
            .then(|| view! { <p class="notice" role="status">{words}</p> })
    };

    let t = t();
    view! {
        <p class="language-row"><LanguageSwitch/></p>
        <h1>{t.sign_in.title}</h1>
        <p class="lead">{t.sign_in.lead}</p>
        {notice}
        <ErrorSummary title=t.sign_in.couldnt_sign_in problems/>
        <form class="card form" on:submit=on_submit novalidate node_ref=form>
            <Field
                id="username"
                label=t.sign_in.username
                autocomplete="username"
                autocapitalize="none"
                value=username
                problems
            />
            <Field
                id="password"
                label=t.sign_in.password
                input_type="password"
                autocomplete="current-password"
                value=password
                problems
            />
            {sign_in.button(t.sign_in.signing_in, t.sign_in.button)}
        </form>
        <p>
            <A href="/sign-up" class="link-tap">{t.sign_in.got_code}</A>
        </p>
        <p>
            <A href="/help" class="link-tap">{t.sign_in.need_help}</A>
        </p>
        <p><A href="/settings" class="link-tap">{t.settings.link}</A></p>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let invite_code = RwSignal::new(String::new());
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let sign_up = signs_in(Session::get(), problems, |details: SignUp| async move {
        api::sign_up(&details).await
    });

    let on_submit = sign_up.on_submit(problems, move || {
        let details = SignUp {
            invite_code: invite_code.get_untracked().trim().to_owned(),
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        // The same rules the server uses, so most problems show before anything is sent.
        checked(details, SignUp::validate)
    });

    let t = t();
    view! {
        <p class="language-row"><LanguageSwitch/></p>
        <h1>{t.sign_in.sign_up_title}</h1>
        <p class="lead">{t.sign_in.sign_up_lead}</p>
        <ErrorSummary title=t.sign_in.not_set_up_yet problems/>
        <form class="card form" on:submit=on_submit novalidate>
            <Field
                id="invite_code"
                label=t.sign_in.code_label
                hint=t.sign_in.code_hint
                autocomplete="off"
                autocapitalize="characters"
                value=invite_code
                problems
            />
            <Field
                id="username"
                label=t.sign_in.choose_username
                hint=t.sign_in.username_hint
                autocomplete="username"
                autocapitalize="none"
                value=username
                problems
            />
            <Field
                id="password"
                label=t.sign_in.choose_password
                hint=t.sign_in.password_hint
                input_type="password"
                autocomplete="new-password"
                value=password
                problems
            />
            {sign_up.button(t.sign_in.setting_up, t.sign_in.set_up_button)}
        </form>
        <p>
            <A href="/sign-in" class="link-tap">{t.sign_in.already_set_up}</A>
        </p>
    }
}
