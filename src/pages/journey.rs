//! "My Journey": the young person's plan in plain words, laid out as a path they can
//! follow, and who their worker is.

use crate::api;
use crate::clock::today;
use crate::components::status::{failure_words, Loading, Problem};
use crate::session::Session;
use chrono::NaiveDate;
use journey_core::dates::friendly_date;
use journey_core::{Journey, PlanStep, StepStatus, WorkerCard};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Who is reading a journey: the young person it belongs to, or a worker seeing what
/// the young person sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    TheYoungPerson,
    TheirWorker,
}

/// A young person's journey, by their id.
#[component]
pub fn JourneyPage(#[prop(into)] young_person_id: String, reader: Reader) -> impl IntoView {
    let session = Session::get();
    let journey = LocalResource::new(move || {
        let id = young_person_id.clone();
        async move { api::journey(&id).await }
    });
    Effect::new(move || {
        if let Some(Err(failure)) = journey.get() {
            session.notice(&failure);
        }
    });
    let heading = move || match reader {
        Reader::TheYoungPerson => "My Journey".to_owned(),
        Reader::TheirWorker => match journey.get() {
            Some(Ok(journey)) => format!("{}'s journey", journey.young_person.first_name),
            _ => "Their journey".to_owned(),
        },
    };
    let (loading, not_found) = match reader {
        Reader::TheYoungPerson => (
            "Getting your plan\u{2026}",
            "We couldn't find your plan yet. Your worker can help with this.",
        ),
        Reader::TheirWorker => (
            "Getting their plan\u{2026}",
            "We couldn't find a plan for this young person. They may not be on your list.",
        ),
    };
    view! {
        {(reader == Reader::TheirWorker).then(|| view! {
            <p><A href="/" attr:class="link-tap">"Back to your young people"</A></p>
        })}
        <h1>{heading}</h1>
        {move || match journey.get() {
            None => view! { <Loading message=loading/> }.into_any(),
            Some(Ok(journey)) => view! { <JourneyView journey reader/> }.into_any(),
            Some(Err(failure)) => {
                let message = failure_words(&failure, not_found);
                view! { <Problem message on_retry=move || journey.refetch()/> }.into_any()
            }
        }}
    }
}

/// A worker's view of one young person's journey: `/young-people/:id`.
#[component]
pub fn TheirJourneyPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let id = params.with(|params| params.get("id").unwrap_or_default());
        view! { <JourneyPage young_person_id=id reader=Reader::TheirWorker/> }
    }
}

#[component]
fn JourneyView(journey: Journey, reader: Reader) -> impl IntoView {
    let today = today();
    let plan = journey.plan;
    let review = friendly_date(plan.next_review, today);
    let first_name = journey.young_person.first_name.clone();
    view! {
        {(reader == Reader::TheirWorker).then(|| view! {
            <p class="preview-note">
                "This is what " {first_name} " sees in My Journey, word for word."
            </p>
        })}
        <p class="lead">
            "Hi " {journey.young_person.first_name} ". This is your plan, in plain words. "
            "It says what will happen next and who will help."
        </p>
        <p class="next-review">"Next review: " <strong>{review.clone()}</strong></p>

        {journey.worker.map(|worker| view! { <WorkerCardView worker today/> })}

        <section class="card" aria-labelledby="why">
            <h2 id="why">"Why you have a plan"</h2>
            <p class="prose">{plan.reason}</p>
        </section>

        <section class="card" aria-labelledby="hopes">
            <h2 id="hopes">"What we hope will change"</h2>
            <ul class="hopes">
                {plan.outcomes.into_iter().map(|hope| view! { <li>{hope}</li> }).collect_view()}
            </ul>
        </section>

        <section class="card" aria-labelledby="steps">
            <h2 id="steps">"The steps"</h2>
            <ol class="path">
                {plan.steps.into_iter().map(|step| view! { <StepView step today/> }).collect_view()}
            </ol>
        </section>

        <section class="card" aria-labelledby="safe">
            <h2 id="safe">"Keeping you safe"</h2>
            <p class="prose">{plan.keeping_safe}</p>
        </section>

        <section class="card" aria-labelledby="plan-b">
            <h2 id="plan-b">"If things don't go to plan"</h2>
            <p class="prose">{plan.contingency}</p>
        </section>

        <section class="card" aria-labelledby="review">
            <h2 id="review">"Your review"</h2>
            <p>
                "Your plan will be looked at again on " <strong>{review}</strong>
                ". You can be there and have your say."
            </p>
            {plan.last_review.map(|last| view! {
                <p>
                    "Last time, on " {friendly_date(last.date, today)} ": "
                    <span class="prose">{last.what_happened}</span>
                </p>
            })}
        </section>
    }
}

#[component]
fn StepView(step: PlanStep, today: NaiveDate) -> impl IntoView {
    let class = match step.status {
        StepStatus::Done => "step done",
        StepStatus::HappeningNow => "step now",
        StepStatus::ComingUp => "step next",
    };
    view! {
        <li class=class>
            <span class="badge">{step.status.label()}</span>
            <p class="step-what prose">{step.what}</p>
            <p class="step-meta">"Who: " {step.who}</p>
            {step.by_when.map(|date| view! {
                <p class="step-meta">"By: " {friendly_date(date, today)}</p>
            })}
        </li>
    }
}

#[component]
fn WorkerCardView(worker: WorkerCard, today: NaiveDate) -> impl IntoView {
    let first_name = worker
        .name
        .split_whitespace()
        .next()
        .unwrap_or(&worker.name)
        .to_owned();
    let call = worker.phone_link().map(|href| {
        let label = format!("Call {first_name}");
        let number = worker.phone.clone().unwrap_or_default();
        view! {
            <a class="button" href=href>
                {label} <span class="small">{number}</span>
            </a>
        }
    });
    let email = worker.email.clone().map(|address| {
        let label = format!("Email {first_name}");
        view! { <a class="button secondary" href=format!("mailto:{address}")>{label}</a> }
    });
    view! {
        <section class="card worker" aria-labelledby="worker">
            <h2 id="worker">"Your worker"</h2>
            <p class="worker-name">{worker.name.clone()} ", " {worker.role.clone()}</p>
            <p class="prose">{worker.why.clone()}</p>
            <p>"You meet " {worker.meets.clone()} "."</p>
            {worker.next_meeting.map(|date| view! {
                <p>"Next time: " <strong>{friendly_date(date, today)}</strong></p>
            })}
            <div class="actions">{call} {email}</div>
        </section>
    }
}
