//! A concern as both apps show it: what it is about, where it is (due when, answered,
//! taken to the next stage), the answers, and for the young person who raised it, a way
//! to take it to the next stage. Their list is `/help/your-concerns` (`shared/help.rs`);
//! staff see it on "Concerns from young people" and on a young person's page.

use crate::api;
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, Sender};
use crate::i18n::{lang, later};
use crate::route::A;
use journey_core::concern::stage_working_days;
use journey_core::dates::{due, friendly_date, Due};
use journey_core::i18n::fill;
use journey_core::{Concern, ConcernAbout, ConcernStatus, Nation, NextStage};
use leptos::prelude::*;

/// A heading at `level`, or one lower when `nested`.
fn heading_at(nested: bool, level: u8, text: String) -> AnyView {
    match level + u8::from(nested) {
        2 => view! { <h2>{text}</h2> }.into_any(),
        3 => view! { <h3>{text}</h3> }.into_any(),
        _ => view! { <h4>{text}</h4> }.into_any(),
    }
}

fn status_badge(concern: &Concern) -> impl IntoView {
    let class = match concern.status {
        ConcernStatus::Answered => "badge answered",
        ConcernStatus::Open => "badge open",
    };
    view! { <span class=class>{concern.status.label(lang())}</span> }
}

/// One concern: reference, status, the words as typed, and the answers.
#[component]
pub fn ConcernSummary(
    concern: Concern,
    today: chrono::NaiveDate,
    yours: bool,
    /// Inside a section that has its own heading: one level down.
    #[prop(optional)]
    nested: bool,
    /// After the young person asks for the next stage, to show the concern as it is now.
    #[prop(optional)]
    on_changed: Option<Callback<()>>,
) -> impl IntoView {
    // Staff and the young person each read it in their own language.
    let lang = lang();
    let t = &lang.later().help;
    let staff = &lang.later().staff_view;
    let heading = if yours {
        fill(t.reference_heading, &[("reference", &concern.reference)])
    } else {
        format!("{}: {}", concern.first_name, concern.reference)
    };
    let about = match concern.about {
        ConcernAbout::MyWorker if yours => t.about_your_worker,
        ConcernAbout::MyWorker => staff.about_their_worker,
        ConcernAbout::SomethingElse => t.about_something_else,
    };
    let whose_words = if yours {
        t.in_your_words.to_owned()
    } else {
        fill(
            lang.text().common.in_their_words,
            &[("name", &concern.first_name)],
        )
    };
    let date = |on| friendly_date(lang, on, today);
    let timing = match (concern.status, due(concern.due_on, today)) {
        (ConcernStatus::Answered, _) => None,
        (ConcernStatus::Open, Due::Overdue(_)) => Some(
            view! {
                <p class="flag">{fill(t.answer_was_due, &[("date", &date(concern.due_on))])}</p>
            }
            .into_any(),
        ),
        (ConcernStatus::Open, _) => Some(
            view! {
                <p class="step-meta">{fill(t.answer_due_by, &[("date", &date(concern.due_on))])}</p>
            }
            .into_any(),
        ),
    };
    let replies = concern
        .replies
        .iter()
        .map(|reply| {
            view! {
                <div class="reply">
                    {heading_at(nested, 3, if yours { t.you_said_we_did } else { staff.the_answer }.to_owned())}
                    <p class="prose">{reply.words.clone()}</p>
                    <p class="step-meta">{fill(t.reply_from, &[("name", &reply.by), ("date", &date(reply.on))])}</p>
                </div>
            }
        })
        .collect_view();
    let stage = (concern.stage > 1).then(|| {
        view! {
            <span class="badge stage">{fill(t.stage_label, &[("stage", &concern.stage.to_string())])}</span>
        }
    });
    let asked_again = concern
        .asked_again
        .iter()
        .map(|asked| {
            let (when, label) = if yours {
                (
                    fill(t.asked_again, &[("date", &date(asked.on))]),
                    t.still_wrong_label.to_owned(),
                )
            } else {
                let (name, on) = (&concern.first_name, date(asked.on));
                (
                    fill(staff.asked_again, &[("name", name), ("date", &on)]),
                    fill(staff.still_wrong, &[("name", name)]),
                )
            };
            view! {
                <div class="asked-again">
                    <p class="step-meta">{when}</p>
                    {asked.words.clone().map(|words| view! {
                        <p class="words-label">{label}</p>
                        <p class="prose their-words">{words}</p>
                    })}
                </div>
            }
        })
        .collect_view();
    let next = match (yours, concern.next_stage, on_changed) {
        (true, Some(stage), Some(on_sent)) => {
            let who = concern
                .next_sees
                .map(|reader| reader.label_at(lang, concern.who_sees, stage));
            let reference = concern.reference.clone();
            Some(view! { <NextStageForm concern_id=concern.id.clone() reference stage who on_sent/> }.into_any())
        }
        (true, None, _) if concern.status == ConcernStatus::Answered => Some(
            view! {
                <p class="step-meta">{t.last_stage_done}" "<A href="/help" class="link-tap">{t.back}</A></p>
            }
            .into_any(),
        ),
        _ => None,
    };
    view! {
        {heading_at(nested, 2, heading)}
        {status_badge(&concern)}
        {stage}
        <p class="step-meta">{fill(t.about_sent, &[("about", about), ("date", &date(concern.raised_on))])}</p>
        {timing}
        <p class="words-label">{whose_words}</p>
        <p class="prose their-words">{concern.words.clone()}</p>
        {concern.what_would_help.clone().map(|help| view! {
            <p class="words-label">{t.what_would_help_label}</p>
            <p class="prose their-words">{help}</p>
        })}
        <p class="step-meta">{fill(t.who_sees_it, &[("who", if yours {
            concern.sees.label_at(lang, concern.who_sees, concern.stage)
        } else {
            concern.sees.staff_label_at(lang, concern.who_sees, concern.stage)
        })])}</p>
        {replies}
        {asked_again}
        {next}
    }
}

/// "Not happy with this answer?": what the next stage is, an optional box for what is
/// still not right, and one button.
#[component]
fn NextStageForm(
    concern_id: String,
    /// Named in the section's label, so each concern's offer is a landmark of its own.
    reference: String,
    stage: u8,
    /// Who would look at it then, by role (from the server's routing).
    who: Option<&'static str>,
    on_sent: Callback<()>,
) -> impl IntoView {
    let (help, officer) = (&later().help, &later().officer);
    let words = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    // One id per request, kept across retries, so sending twice moves it on once.
    let client_id = api::ClientId::new();
    let id = StoredValue::new(concern_id.clone());
    let field_id = format!("next-stage-{concern_id}");
    let send = {
        let field_id = field_id.clone();
        Sender::form(
            problems,
            move |input: NextStage| {
                let id = id.get_value();
                async move { api::ask_for_next_stage(&id, &input).await }
            },
            move |_, result| {
                result.map_err(|failure| FormProblems::from(failure).on_field(&field_id))?;
                on_sent.run(());
                Ok(())
            },
        )
    };
    let on_submit = {
        let field_id = field_id.clone();
        send.on_submit(problems, move || {
            let typed = words.get_untracked();
            let mut input = NextStage {
                client_id: String::new(),
                words: (!typed.trim().is_empty()).then_some(typed),
            };
            input.client_id = client_id.for_sending(&input);
            checked(input, NextStage::validate).map_err(|found| found.on_field(&field_id))
        })
    };
    // Stage 2 has the same working days in England and Wales; only England has a stage 3.
    let days = stage_working_days(Nation::England, stage).unwrap_or_default();
    let lead = if stage >= 3 {
        help.next_three
    } else {
        help.next_two
    };
    let heading_id = format!("{field_id}-heading");
    let reference_id = format!("{field_id}-reference");
    let labelled_by = format!("{heading_id} {reference_id}");
    let summary_id = format!("{field_id}-summary");
    view! {
        <section class="next-stage" aria-labelledby=labelled_by>
            <h3 id=heading_id>{help.next_heading}</h3>
            <span class="visually-hidden" id=reference_id>{reference}</span>
            <p>{fill(lead, &[("days", &days.to_string())])}</p>
            {who.map(|who| view! { <p class="next-who">{fill(officer.next_who, &[("who", who)])}</p> })}
            <form class="form" on:submit=on_submit novalidate>
                <ErrorSummary title=help.next_not_sent problems id=summary_id/>
                <Field id=field_id label=help.next_words_label value=words problems multiline=true/>
                <button type="submit" class="button secondary">
                    {send.words(help.sending, help.next_send)}
                </button>
            </form>
        </section>
    }
}
