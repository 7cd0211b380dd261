//! "How close are you?": a big tap scale from 0 to 10, with "I'd rather not say" always
//! there. Each number is a real radio button, so keyboards and screen readers work as
//! usual; the whole box is the tap target.

use crate::components::form::{FieldError, FormProblems, Radio};
use crate::i18n::{later, t};
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
            Answer::Number(n) => fill(later().goals.out_of_ten, &[("n", &n.to_string())]),
            Answer::RatherNotSay => t().common.rather_not_say.to_owned(),
        }
    }
}

/// What a number means, for a screen reader and the words under the ends of the scale.
fn meaning(n: u8) -> Option<&'static str> {
    let words = &later().goals;
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
            view! {
                <Radio
                    class="scale-point"
                    id=format!("{id}-{n}")
                    name=id.clone()
                    value=n.to_string()
                    checked=move || answer.get() == Some(Answer::Number(n))
                    on_pick=move || answer.set(Some(Answer::Number(n)))
                >
                    {n}
                    {meaning(n).map(|words| view! {
                        <span class="visually-hidden">", " {words}</span>
                    })}
                </Radio>
            }
        })
        .collect_view();
    let rather_id = format!("{id}-rather-not-say");
    let w = &later().goals;
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
                <span>{w.scale_low_end}</span>
                <span>{w.scale_high_end}</span>
            </p>
            <Radio
                id=rather_id
                name=id.clone()
                value="rather-not-say"
                checked=move || answer.get() == Some(Answer::RatherNotSay)
                on_pick=move || answer.set(Some(Answer::RatherNotSay))
            >
                {w.rather_not_say}
            </Radio>
        </fieldset>
    }
}
