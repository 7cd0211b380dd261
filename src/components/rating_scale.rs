//! "How close are you?": a big tap scale from 0 to 10, with "I'd rather not say" always
//! there. Each number is a real radio button, so keyboards and screen readers work as
//! usual; the whole box is the tap target.

use crate::components::form::{FieldError, FormProblems};
use journey_core::goal::{RATING_MAX, RATING_MIN};
use leptos::prelude::*;

/// One answer on the scale. No answer at all (skipping) is `None` around this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Answer {
    Number(u8),
    RatherNotSay,
}

impl Answer {
    /// In words, as the summary after sending says it.
    pub fn words(self) -> String {
        match self {
            Answer::Number(n) => format!("{n} out of 10"),
            Answer::RatherNotSay => "Rather not say".to_owned(),
        }
    }
}

/// What a number means, for a screen reader and the words under the ends of the scale.
fn meaning(n: u8) -> Option<&'static str> {
    match n {
        0 => Some("Not close at all"),
        5 => Some("Halfway"),
        10 => Some("I got there"),
        _ => None,
    }
}

/// `id` names the fieldset (it takes the focus from the error summary); `legend` is the
/// question; `hint` is said under it.
#[component]
pub fn RatingScale(
    #[prop(into)] id: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    answer: RwSignal<Option<Answer>>,
    problems: RwSignal<FormProblems>,
) -> impl IntoView {
    let error = {
        let id = id.clone();
        Memo::new(move |_| problems.with(|p| p.field(&id)))
    };
    let error_id = format!("{id}-error");
    let numbers = (RATING_MIN..=RATING_MAX)
        .map(|n| {
            let input_id = format!("{id}-{n}");
            view! {
                <div class="scale-point">
                    <input
                        type="radio"
                        id=input_id.clone()
                        name=id.clone()
                        value=n
                        prop:checked=move || answer.get() == Some(Answer::Number(n))
                        on:change=move |_| answer.set(Some(Answer::Number(n)))
                    />
                    <label for=input_id>
                        {n}
                        {meaning(n).map(|words| view! {
                            <span class="visually-hidden">", " {words}</span>
                        })}
                    </label>
                </div>
            }
        })
        .collect_view();
    let rather_id = format!("{id}-rather-not-say");
    view! {
        <fieldset
            class="rating"
            class:has-error=move || error.get().is_some()
            id=id.clone()
            tabindex="-1"
        >
            <legend>{legend}</legend>
            {hint.map(|hint| view! { <p class="hint">{hint}</p> })}
            <FieldError id=error_id error/>
            <div class="scale">{numbers}</div>
            <p class="scale-ends" aria-hidden="true">
                <span>"0: Not close at all"</span>
                <span>"10: I got there"</span>
            </p>
            <div class="choice">
                <input
                    type="radio"
                    id=rather_id.clone()
                    name=id.clone()
                    value="rather-not-say"
                    prop:checked=move || answer.get() == Some(Answer::RatherNotSay)
                    on:change=move |_| answer.set(Some(Answer::RatherNotSay))
                />
                <label for=rather_id>"I'd rather not say"</label>
            </div>
        </fieldset>
    }
}
