//! Form pieces, the GOV.UK way on a phone: a visible label above each big field, its hint,
//! its problem in words right beside it, and a summary at the top linking to each field.
//! What the person typed always stays where it is.
//!
//! [`Sender`] is how every form (and every button that writes) sends: one at a time,
//! the session told of the answer, a problem shown beside the fields it is about.

use crate::api::ApiFailure;
use crate::components::once::effect;
use crate::components::status::failure_words;
use crate::i18n::{lang, t};
use crate::session::Session;
use journey_core::{FieldError, ValidationErrors};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

/// What needs fixing in a form: each field's message, or one message for the whole form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormProblems {
    pub message: Option<String>,
    pub fields: Vec<FieldError>,
}

impl FormProblems {
    pub fn is_empty(&self) -> bool {
        self.message.is_none() && self.fields.is_empty()
    }

    pub fn field(&self, name: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.message.clone())
    }

    /// Field messages in the chosen language: each one from the tables is said from its
    /// name and values; one in words of its own (staff screens) is shown as it is.
    pub fn fields(fields: Vec<FieldError>) -> FormProblems {
        let lang = lang();
        FormProblems {
            message: None,
            fields: fields
                .into_iter()
                .map(|mut problem| {
                    problem.message = problem.words(lang);
                    problem
                })
                .collect(),
        }
    }

    pub fn from_validation(errors: &ValidationErrors) -> FormProblems {
        FormProblems::fields(errors.fields().to_vec())
    }

    /// For a form with one box: every field's problem is shown on that box.
    pub fn on_field(mut self, field: &str) -> FormProblems {
        for problem in &mut self.fields {
            problem.field = field.to_owned();
        }
        self
    }

    /// For a form that shares its page with others: each field's id starts `{prefix}-`.
    pub fn prefixed(mut self, prefix: &str) -> FormProblems {
        for problem in &mut self.fields {
            problem.field = format!("{prefix}-{}", problem.field);
        }
        self
    }

    /// What to say when the server did not accept the form.
    pub fn from_failure(failure: &ApiFailure) -> FormProblems {
        match failure {
            ApiFailure::Invalid { fields, .. } if !fields.is_empty() => {
                FormProblems::fields(fields.clone())
            }
            other => FormProblems {
                message: Some(failure_words(other, t().problems.not_found)),
                fields: Vec::new(),
            },
        }
    }
}

impl From<ApiFailure> for FormProblems {
    fn from(failure: ApiFailure) -> FormProblems {
        FormProblems::from_failure(&failure)
    }
}

/// A form's input, once it passes the same rules the server uses, or what to fix.
pub fn checked<I>(
    input: I,
    rules: impl FnOnce(&I) -> Result<(), ValidationErrors>,
) -> Result<I, FormProblems> {
    match rules(&input) {
        Ok(()) => Ok(input),
        Err(errors) => Err(FormProblems::from_validation(&errors)),
    }
}

/// Sending one thing to the server, from a form or a button, written once:
/// - one at a time: a second tap while it is on its way does nothing;
/// - the session hears every failure (an answer saying "signed out" signs them out);
/// - for a form, the page is told what came back: on success it clears its fields and
///   draft; a failure it hands back is shown as the form's problems, and what was typed
///   stays where it is (with its draft), to send again. A page that keeps a write in
///   the outbox with no signal does so there, and hands back only the rest.
pub struct Sender<I: 'static, O: 'static> {
    core: Core,
    types: PhantomData<fn(I) -> O>,
}

impl<I, O> Clone for Sender<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for Sender<I, O> {}

impl<I, O> Sender<I, O>
where
    I: Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    /// For a button: `send` sends its input; what came back is [`Sender::answer`].
    pub fn new<Fu>(send: impl Fn(I) -> Fu + 'static) -> Self
    where
        Fu: Future<Output = Result<O, ApiFailure>> + 'static,
    {
        Sender::with_answer(send, |_, _| {})
    }

    /// For a form: `send` sends what `on_submit` read; `answered` is given it with what
    /// came back, and a failure it returns is shown in `problems`.
    pub fn form<Fu>(
        problems: RwSignal<FormProblems>,
        send: impl Fn(I) -> Fu + 'static,
        answered: impl Fn(I, Result<O, ApiFailure>) -> Result<(), FormProblems> + 'static,
    ) -> Self
    where
        Fu: Future<Output = Result<O, ApiFailure>> + 'static,
    {
        Sender::with_answer(send, move |input, result| {
            if let Err(found) = answered(input, result) {
                problems.set(found);
            }
        })
    }

    /// For a button that acts on the answer itself: `answered` is given it (before the
    /// session hears of a failure).
    pub fn with_answer<Fu>(
        send: impl Fn(I) -> Fu + 'static,
        answered: impl Fn(I, Result<O, ApiFailure>) + 'static,
    ) -> Self
    where
        Fu: Future<Output = Result<O, ApiFailure>> + 'static,
    {
        // Only these two closures know the form's types; everything else is `Core`'s,
        // in the app once.
        let send: SendErased = Box::new(move |input| {
            let sending = send(unshare::<I>(&input));
            Box::pin(async move { sending.await.map(share) })
        });
        let answered: AnsweredErased = Box::new(move |input, result| {
            answered(
                unshare::<I>(&input),
                result.map(|output| unshare::<O>(&output)),
            )
        });
        Sender {
            core: Core::new(send, answered),
            types: PhantomData,
        }
    }

    /// Sends, unless one is already on its way; says whether it sent.
    pub fn send(self, input: I) -> bool {
        self.core.send(share(input))
    }

    /// For `on:submit`: unless one is already on its way, `read` reads the form and
    /// checks it; its problems are shown, or it is sent.
    pub fn on_submit(
        self,
        problems: RwSignal<FormProblems>,
        read: impl Fn() -> Result<I, FormProblems> + 'static,
    ) -> impl Fn(SubmitEvent) + Copy + 'static {
        let core = self.core;
        submit_handler(Box::new(move || {
            if core.pending.get_untracked() {
                return;
            }
            match read() {
                Ok(input) => {
                    core.send(share(input));
                }
                Err(found) => problems.set(found),
            }
        }))
    }

    /// Whether it is on its way (for "Sending…" on the button).
    pub fn pending(self) -> bool {
        self.core.pending.get()
    }

    /// The button's words: `busy` while it is on its way, `idle` otherwise.
    pub fn words(self, busy: &'static str, idle: &'static str) -> impl Fn() -> &'static str {
        button_words(self.core.pending, busy, idle)
    }

    /// The form's send button, saying `busy` while it is on its way.
    pub fn button(self, busy: &'static str, idle: &'static str) -> impl IntoView {
        submit_button(self.core.pending, busy, idle)
    }

    /// What the server said to the last one sent, if anything yet.
    pub fn answer(self) -> Option<Result<O, ApiFailure>> {
        self.core.answer.with(|sent| {
            sent.as_ref()
                .map(|result| result.as_ref().map(unshare::<O>).map_err(Clone::clone))
        })
    }
}

/// A form's input or answer with its type put aside, so that [`Core`] takes no type of
/// any one form (its code is in the app once, not once per form; see README, "Where the
/// bytes go"). Only the form's own [`Sender`] puts them aside and takes them back, so the
/// type taken back is always the one put aside.
type Shared = Arc<dyn Any + Send + Sync>;
type SendErased = Box<dyn Fn(Shared) -> Pin<Box<dyn Future<Output = Result<Shared, ApiFailure>>>>>;
type AnsweredErased = Box<dyn Fn(Shared, Result<Shared, ApiFailure>)>;

fn share<T: Send + Sync + 'static>(value: T) -> Shared {
    Arc::new(value)
}

fn unshare<T: Clone + 'static>(shared: &Shared) -> T {
    match shared.downcast_ref::<T>() {
        Some(value) => value.clone(),
        // A `Sender<I, O>` only ever puts aside an `I` and an `O`.
        None => unreachable!(),
    }
}

/// What every [`Sender`] does, whatever it sends: one at a time, then the answer kept,
/// the page told, and the session told of a failure.
#[derive(Clone, Copy)]
struct Core {
    pending: RwSignal<bool>,
    answer: RwSignal<Option<Result<Shared, ApiFailure>>>,
    send: StoredValue<SendErased, LocalStorage>,
    /// With the page's owner, so `answered` can read its context (the session, the
    /// outbox) as it could in the page itself.
    answered: StoredValue<(AnsweredErased, Option<WeakOwner>), LocalStorage>,
    session: Session,
}

impl Core {
    fn new(send: SendErased, answered: AnsweredErased) -> Core {
        Core {
            pending: RwSignal::new(false),
            answer: RwSignal::new(None),
            send: StoredValue::new_local(send),
            answered: StoredValue::new_local((answered, Owner::current().map(|o| o.downgrade()))),
            session: Session::get(),
        }
    }

    fn send(self, input: Shared) -> bool {
        if self.pending.get_untracked() {
            return false;
        }
        let Some(sending) = self.send.try_with_value(|send| send(input.clone())) else {
            return false;
        };
        self.pending.set(true);
        spawn_local(async move {
            let result = sending.await;
            self.pending.try_set(false);
            // The page has gone (they moved on): nobody is left to tell.
            if self.answer.try_set(Some(result.clone())).is_some() {
                return;
            }
            let failure = result.as_ref().err().cloned();
            // Only this answer runs it, not what the page reads to act on it.
            self.answered.try_with_value(|(answered, owner)| {
                let answer = || untrack(|| answered(input, result));
                match owner.as_ref().and_then(WeakOwner::upgrade) {
                    Some(owner) => owner.with(answer),
                    None => answer(),
                }
            });
            if let Some(failure) = failure {
                self.session.notice(&failure);
            }
        });
        true
    }
}

// The pieces below take no type of any one form, so the code that draws and runs them is
// in the app once rather than once per form (see README, "Where the bytes go").

/// A form's `on:submit`: the page is not reloaded; `submit` does the rest.
fn submit_handler(submit: Box<dyn Fn()>) -> impl Fn(SubmitEvent) + Copy + 'static {
    let submit = StoredValue::new_local(submit);
    move |ev: SubmitEvent| {
        ev.prevent_default();
        submit.with_value(|submit| submit());
    }
}

fn button_words(
    pending: RwSignal<bool>,
    busy: &'static str,
    idle: &'static str,
) -> impl Fn() -> &'static str {
    move || if pending.get() { busy } else { idle }
}

fn submit_button(pending: RwSignal<bool>, busy: &'static str, idle: &'static str) -> impl IntoView {
    view! { <button type="submit" class="button">{button_words(pending, busy, idle)}</button> }
}

/// Moves the keyboard (and screen reader) to an element once the page has been drawn
/// again: after a form opens, closes or is sent.
pub fn focus_soon(id: &str) {
    let id = id.to_owned();
    request_animation_frame(move || focus_element(&id));
}

/// Moves the keyboard (and screen reader) to an element, as a link in the summary would.
pub fn focus_element(id: &str) {
    let element = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<leptos::web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// The button that opens a form kept closed until it is wanted: `on_open` opens it, and
/// the keyboard (and screen reader) moves to the form's first box (`first`) once drawn.
#[component]
pub fn OpenFormButton(
    id: String,
    #[prop(optional_no_strip)] described_by: Option<String>,
    first: String,
    label: String,
    #[prop(into)] on_open: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button secondary"
            id=id
            aria-describedby=described_by
            on:click=move |_| {
                on_open.run(());
                focus_soon(&first);
            }
        >
            {label}
        </button>
    }
}

/// The box at the top of a form saying what needs fixing. It takes the focus when it
/// appears, so the person hears it and is at the top of the form.
#[component]
pub fn ErrorSummary(
    title: &'static str,
    problems: RwSignal<FormProblems>,
    /// The heading's id, when a page has more than one form.
    #[prop(default = "error-summary-title".into(), into)]
    id: String,
) -> impl IntoView {
    let summary = NodeRef::<leptos::html::Div>::new();
    effect(Box::new(move || {
        let showing = problems.with(|p| !p.is_empty());
        if let (true, Some(element)) = (showing, summary.get()) {
            let _ = element.focus();
        }
    }));
    move || {
        let problems = problems.get();
        (!problems.is_empty()).then(|| {
            let message = problems
                .fields
                .is_empty()
                .then(|| problems.message.clone())
                .flatten()
                .map(|message| view! { <p>{message}</p> });
            let links = problems
                .fields
                .into_iter()
                .map(|problem| {
                    let field = problem.field;
                    let href = format!("#{field}");
                    view! {
                        <li>
                            <a href=href on:click=move |ev| {
                                ev.prevent_default();
                                focus_element(&field);
                            }>{problem.message}</a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div
                    class="error-summary"
                    role="alert"
                    tabindex="-1"
                    aria-labelledby=id.clone()
                    node_ref=summary
                >
                    <h2 id=id.clone()>{title}</h2>
                    {message}
                    <ul>{links}</ul>
                </div>
            }
        })
    }
}

/// One labelled field. `id` is also the field's name in the API (`reason`,
/// `steps[1].what`…), so the server's messages find their place.
#[component]
pub fn Field(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    problems: RwSignal<FormProblems>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    /// A box for a few sentences rather than one line.
    #[prop(optional)]
    multiline: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// For codes and usernames: no capital letters added, no spelling fixes.
    #[prop(optional)]
    autocapitalize: Option<&'static str>,
) -> impl IntoView {
    let error = {
        let id = id.clone();
        Memo::new(move |_| problems.with(|p| p.field(&id)))
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.get().map(|_| "true");
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                name=id.clone()
                rows="4"
                aria-invalid=invalid
                aria-describedby=described_by
                bind:value=value
            ></textarea>
        }
        .into_any()
    } else {
        let spellcheck = autocapitalize.map(|_| "false");
        view! {
            <input
                id=id.clone()
                name=id.clone()
                type=input_type
                autocomplete=autocomplete
                autocapitalize=autocapitalize
                spellcheck=spellcheck
                aria-invalid=invalid
                aria-describedby=described_by
                bind:value=value
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <FieldError id=error_id error/>
            {control}
        </div>
    }
}

/// A field's problem in words, right above it.
#[component]
pub fn FieldError(id: String, error: Memo<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <p class="error-message" id=id.clone()>
                    <span class="visually-hidden">{t().problems.problem}" "</span>
                    {message}
                </p>
            }
        })
    }
}

/// One big radio button and its label, the way every choice in the app is drawn.
/// `checked` says whether it is the one chosen now; `on_pick` chooses it. `class` is the
/// box around it (`choice` unless said). `on_tap_again`, if given, is called when the
/// one already chosen is tapped again: a question that can be skipped un-chooses it.
#[component]
pub fn Radio(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(optional, into)] value: Option<String>,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_pick: Callback<()>,
    #[prop(optional, into)] on_tap_again: Option<Callback<()>>,
    #[prop(default = "choice")] class: &'static str,
    #[prop(optional_no_strip)] lang: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class=class>
            <input
                type="radio"
                id=id.clone()
                name=name
                value=value
                prop:checked=checked
                on:change=move |_| on_pick.run(())
                on:click=move |_| {
                    if let Some(again) = on_tap_again {
                        if checked.get_untracked() {
                            again.run(());
                        }
                    }
                }
            />
            <label for=id lang=lang>{children()}</label>
        </div>
    }
}
