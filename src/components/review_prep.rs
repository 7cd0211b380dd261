//! The staff's side of the review: a young person's preparation shown in their own words
//! with "I've read this" (the young person's page, and the chair's list), the reviews as
//! recorded with "Plan not updated since the review", and "Record the review".

use crate::api;
use crate::clock::{local_date, today};
use crate::components::card::card;
use crate::components::draft::Draft;
use crate::components::fetched::Fetched;
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, Sender};
use crate::i18n::{lang, later, t};
use crate::route::A;
use crate::session::Session;
use chrono::NaiveDate;
use journey_core::dates::long_date;
use journey_core::i18n::fill;
use journey_core::review::plan_due_by;
use journey_core::{NewReview, ReviewPrep};
use leptos::prelude::*;

/// On a young person's page, after their journey: what they wrote to get ready for the
/// review, the reviews recorded, and the form to record one.
#[component]
pub fn ReviewForStaff(young_person_id: String) -> impl IntoView {
    let t = t();
    let w = &later().review_screens;
    let id = StoredValue::new(young_person_id);
    let prep_list = Fetched::new(move || {
        let id = id.get_value();
        async move { api::review_preps(&id).await }
    });
    let reviews = Fetched::new(move || {
        let id = id.get_value();
        async move { api::reviews(&id).await }
    });
    let preps_view = move || {
        prep_list.get().and_then(Result::ok).map(|preps| {
            if preps.is_empty() {
                view! { <p>{w.staff_prep_none}</p> }.into_any()
            } else {
                preps
                    .into_iter()
                    .map(|prep| {
                        view! {
                            <PrepCard
                                young_person_id=id.get_value()
                                prep
                                on_read=Callback::new(move |()| prep_list.refetch())
                            />
                        }
                    })
                    .collect_view()
                    .into_any()
            }
        })
    };
    let reviews_view = move || {
        reviews.get().and_then(Result::ok).map(|found| {
            let late = found.plan_not_updated_since_review.then(|| {
                view! {
                    <p class="tag overdue">{w.staff_not_updated}</p>
                    <p>
                        <A href=format!("/young-people/{}/plan", id.get_value()) class="link-tap">
                            {t.journey.edit_plan}
                        </A>
                    </p>
                }
            });
            let (lang, today) = (lang(), today());
            let list = found
                .reviews
                .into_iter()
                .map(|review| {
                    let date = long_date(lang, review.held_on, today);
                    view! {
                        <li class="card recorded-review">
                            <p>
                                <strong>
                                    {fill(w.staff_review_on, &[("date", &date), ("name", &review.by)])}
                                </strong>
                            </p>
                            <p class="prose">{review.decisions}</p>
                            {review.next_review.map(|next| view! {
                                <p>{fill(w.next_review_on, &[("date", &long_date(lang, next, today))])}</p>
                            })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                {late}
                <ul class="plain">{list}</ul>
            }
        })
    };
    view! {
        {card("prep-title", w.staff_prep_title, "review-prep-staff", view! {
            {preps_view}
        }.into_any())}
        {card("reviews-title", w.staff_reviews_title, "", view! {
            {reviews_view}
            <RecordReview young_person_id=id.get_value() on_recorded=Callback::new(move |()| reviews.refetch())/>
        }.into_any())}
    }
}

/// One preparation, in the young person's own words, with who read it and "I've read
/// this" for whoever has not yet.
#[component]
pub fn PrepCard(young_person_id: String, prep: ReviewPrep, on_read: Callback<()>) -> impl IntoView {
    let w = &later().review_screens;
    let lang = lang();
    let today = today();
    let me = Session::get()
        .me()
        .map(|me| me.display_name)
        .unwrap_or_default();
    let read_already = prep.read_by.iter().any(|read| read.by == me);
    let prep_id = prep.id;
    let id = StoredValue::new(young_person_id);
    let read = Sender::with_answer(
        move |()| {
            let id = id.get_value();
            async move { api::review_prep_read(&id, prep_id).await }
        },
        move |_, result| {
            if result.is_ok() {
                on_read.run(());
            }
        },
    );
    let date = long_date(lang, local_date(prep.at), today);
    let answers = [
        (w.went_well, prep.went_well),
        (w.not_gone_well, prep.not_gone_well),
        (w.next, prep.next),
        (w.want_there, prep.want_there),
        (w.not_there, prep.not_there),
        (w.questions, prep.questions),
    ]
    .into_iter()
    .filter(|(_, words)| !words.trim().is_empty())
    .map(|(question, words)| {
        view! {
            <dt>{question}</dt>
            <dd class="their-words">{words}</dd>
        }
    })
    .collect_view();
    let shared = match &prep.shared_with {
        Some(chair) => fill(w.staff_shared_with, &[("name", &chair.name)]),
        None => w.staff_not_shared.to_owned(),
    };
    let reads = prep
        .read_by
        .iter()
        .map(|read| {
            let when = long_date(lang, local_date(read.at), today);
            view! { <li>{fill(w.staff_read_by, &[("name", &read.by), ("when", &when)])}</li> }
        })
        .collect_view();
    view! {
        <article class="prep">
            <p><strong>{fill(w.sent_on, &[("date", &date)])}</strong></p>
            <dl class="prep-answers">
                {answers}
                {prep.take_part.map(|choice| view! {
                    <dt>{w.staff_take_part}</dt>
                    <dd>{choice.label(lang)}</dd>
                })}
            </dl>
            <p class="hint">{shared}</p>
            <ul class="plain read-by">{reads}</ul>
            {(!read_already).then(|| view! {
                <button type="button" class="button secondary" on:click=move |_| { read.send(()); }>
                    {w.staff_i_read}
                </button>
            })}
        </article>
    }
}

/// What a date box holds: `2027-03-01`.
fn parse_date(text: &str) -> Option<NaiveDate> {
    journey_core::iso::parse_day(text.trim())
}

/// "Record the review": the day, what was decided in plain words, the next review.
#[component]
fn RecordReview(young_person_id: String, on_recorded: Callback<()>) -> impl IntoView {
    let w = &later().review_screens;
    let lang = lang();
    let today = today();
    let id = StoredValue::new(young_person_id);
    let held_on = RwSignal::new(today.to_string());
    let decisions = RwSignal::new(String::new());
    let next_review = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let client_id = api::ClientId::new();
    let done = RwSignal::new(None::<String>);
    // Kept on this device as it is typed; with no signal it waits in the outbox.
    let outbox = crate::components::outbox::Outbox::get();
    let draft = Draft::keep(
        format!("record-review.{}", id.get_value()),
        move || (held_on.get(), decisions.get(), next_review.get()),
        move |(held, words, next): (String, String, String)| {
            if !held.is_empty() {
                held_on.set(held);
            }
            decisions.set(words);
            next_review.set(next);
        },
    );
    let record = Sender::form(
        problems,
        move |review: NewReview| {
            let id = id.get_value();
            async move { api::record_review(&id, &review).await }
        },
        move |review, result| {
            let recorded = outbox.or_wait(result, id.get_value(), || {
                crate::store::Sending::review(&review)
            })?;
            let words = match recorded {
                Some(recorded) => fill(
                    w.staff_recorded,
                    &[(
                        "when",
                        &long_date(lang, local_date(plan_due_by(recorded.at)), today),
                    )],
                ),
                None => w.staff_record_kept.to_owned(),
            };
            done.set(Some(words));
            decisions.set(String::new());
            next_review.set(String::new());
            draft.clear();
            client_id.saved();
            on_recorded.run(());
            Ok(())
        },
    );
    let on_submit = record.on_submit(problems, move || {
        let mut found = Vec::new();
        let held = parse_date(&held_on.get_untracked());
        if held.is_none() {
            found.push(journey_core::FieldError::new(
                "held_on",
                later().staff_view.real_date,
            ));
        }
        let next_text = next_review.get_untracked();
        let next = parse_date(&next_text);
        if !next_text.trim().is_empty() && next.is_none() {
            found.push(journey_core::FieldError::new(
                "next_review",
                later().staff_view.real_date,
            ));
        }
        if !found.is_empty() {
            return Err(FormProblems::fields(found));
        }
        done.set(None);
        let mut review = NewReview {
            client_id: String::new(),
            held_on: held.unwrap_or(today),
            decisions: decisions.get_untracked(),
            next_review: next,
        };
        review.client_id = client_id.for_sending(&review);
        checked(review, |review| review.validate(today))
    });
    view! {
        <h3 id="record-review">{w.staff_record_title}</h3>
        {move || done.get().map(|words| view! { <p class="confirmation" role="status">{words}</p> })}
        <form class="form record-review" on:submit=on_submit novalidate>
            <ErrorSummary title=w.staff_record_title problems id="record-review-problems"/>
            <Field id="held_on" label=w.staff_held_on input_type="date" value=held_on problems/>
            <Field
                id="decisions"
                label=w.staff_decisions
                hint=w.staff_decisions_hint
                value=decisions
                problems
                multiline=true
            />
            <Field id="next_review" label=w.staff_next_review input_type="date" value=next_review problems/>
            {record.button(w.staff_recording, w.staff_record)}
        </form>
    }
}
