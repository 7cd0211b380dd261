//! "How close are you?": a big tap scale from 0 to 10, with "I'd rather not say" always
//! there. Each number is a real radio button, so keyboards and screen readers work as
//! usual; the whole box is the tap target.

use crate::components::form::{FieldError, FormProblems};
use crate::i18n::t;
use journey_core::goal::{RATING_MAX, RATING_MIN};
use journey_core::i18n::fill;
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
            Answer::Number(n) => fill(t().goals.out_of_ten, &[("n", &n.to_string())]),
            Answer::RatherNotSay => t().common.rather_not_say.to_owned(),
        }
    }
}

/// What a number means, for a screen reader and the words under the ends of the scale.
fn meaning(n: u8) -> Option<&'static str> {
    let words = &t().goals;
    match n {
        0 => Some(words.scale_not_close),
        5 => Some(words.scale_halfway),
        10 => Some(words.scale_got_there),
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
    let t = t();
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
                <span>{t.goals.scale_low_end}</span>
                <span>{t.goals.scale_high_end}</span>
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
                <label for=rather_id>{t.goals.rather_not_say}</label>
            </div>
        </fieldset>
    }
}
