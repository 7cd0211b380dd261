//! Form pieces, the GOV.UK way on a phone: a visible label above each big field, its hint,
//! its problem in words right beside it, and a summary at the top linking to each field.
//! What the person typed always stays where it is.

use crate::api::ApiFailure;
use crate::components::status::failure_words;
use crate::i18n::{lang, t};
use journey_core::{FieldError, ValidationErrors};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

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

/// Moves the keyboard (and screen reader) to an element, as a link in the summary would.
pub fn focus_element(id: &str) {
    let element = document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<leptos::web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
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
    Effect::new(move || {
        let showing = problems.with(|p| !p.is_empty());
        if let (true, Some(element)) = (showing, summary.get()) {
            let _ = element.focus();
        }
    });
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
