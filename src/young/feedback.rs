//! `/feedback`: a young person says how a session went, with faces, in under a minute:
//! every question can be skipped or answered "rather not say", and they choose who reads
//! what they wrote. What they said before is `components/feedback.rs`, which a worker's
//! view (`staff/feedback.rs`) shows too.

use crate::api;
use crate::clock::today;
use crate::components::draft::Draft;
use crate::components::faces::FaceChoice;
use crate::components::feedback::{face_words, on_day, FeedbackFor, PastFeedback};
use crate::components::form::{
    checked, focus_soon, ErrorSummary, Field, FormProblems, Radio, Sender,
};
use crate::components::help_now::NotSafeLink;
use crate::components::outbox::Outbox;
use crate::components::reader::Reader;
use crate::components::soon::Soon;
use crate::components::who_can_see::WhoCanSee;
use crate::i18n::{lang, later, t};
use crate::session::Session;
use crate::store::Sending;
use chrono::NaiveDate;
use journey_core::feedback::{
    Answer, CommentFor, FeedbackOverview, NewFeedback, Question, QuestionAnswer,
    Session as CareSession, FACE_MAX, FACE_MIN,
};
use journey_core::i18n::fill;
use journey_core::WhatIsSent;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// `/feedback`: a young person's own feedback form and what they said before.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    let session = Session::get();
    let id = Memo::new(move |_| session.young_person_id());
    move || {
        id.get().map(|id| {
            view! { <FeedbackFor young_person_id=id reader=Reader::TheYoungPerson body=own_feedback/> }
        })
    }
}

/// The young person's own: the form, then what they said before.
fn own_feedback(young_person_id: String, overview: RwSignal<Option<FeedbackOverview>>) -> AnyView {
    view! { <YoungPersonFeedback young_person_id overview/> }.into_any()
}

fn question_key(question: Question) -> &'static str {
    match question {
        Question::ListenedTo => "listened_to",
        Question::WhatIWanted => "what_i_wanted",
        Question::WayWeWorked => "way_we_worked",
        Question::PutOnTheSpot => "put_on_the_spot",
        Question::Overall => "overall",
    }
}

/// One question: five faces and "Rather not say". Not answering at all is fine too.
#[component]
fn FaceQuestion(question: Question, answer: RwSignal<Option<Answer>>) -> impl IntoView {
    let key = question_key(question);
    let (low, high) = question.ends(lang());
    let faces = (FACE_MIN..=FACE_MAX)
        .map(|face| {
            let id = format!("q-{key}-{face}");
            view! {
                <FaceChoice
                    class="face-choice"
                    id
                    name=format!("q-{key}")
                    face
                    chosen=move || answer.get() == Some(Answer::Face(face))
                    on_choose=move || answer.set(Some(Answer::Face(face)))
                    words=face_words(question, face)
                    words_class="visually-hidden"
                />
            }
        })
        .collect_view();
    let rather_not = format!("q-{key}-rather-not-say");
    view! {
        <fieldset class="face-question" id=format!("q-{key}")>
            <legend>{question.text(lang())}</legend>
            <div class="faces">{faces}</div>
            <p class="face-ends" aria-hidden="true">
                <span>{low}</span>
                <span>{high}</span>
            </p>
            <Radio
                class="choice small-choice"
                id=rather_not
                name=format!("q-{key}")
                checked=move || answer.get() == Some(Answer::RatherNotSay)
                on_pick=move || answer.set(Some(Answer::RatherNotSay))
            >
                {t().common.rather_not_say}
            </Radio>
        </fieldset>
    }
}

/// The session the feedback is about: the latest one that happened and has none yet,
/// from the last two weeks.
fn session_to_ask_about(sessions: &[CareSession], today: NaiveDate) -> Option<CareSession> {
    sessions
        .iter()
        .rev()
        .find(|s| s.missed.is_none() && !s.has_feedback && (today - s.held_on).num_days() <= 14)
        .cloned()
}

/// A half-filled feedback form, kept on the phone until it is sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct FeedbackDraft {
    answers: Vec<QuestionAnswer>,
    comment: String,
    comment_for: CommentFor,
}

/// What the young person is told after tapping "Send".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Sent(CommentFor),
    /// No signal: kept on the phone, and sent by itself later.
    Waiting,
}

#[component]
fn YoungPersonFeedback(
    young_person_id: String,
    overview: RwSignal<Option<FeedbackOverview>>,
) -> impl IntoView {
    let today = today();
    let id = StoredValue::new(young_person_id);
    let answers: Vec<(Question, RwSignal<Option<Answer>>)> = Question::ALL
        .into_iter()
        .map(|q| (q, RwSignal::new(None)))
        .collect();
    let answers = StoredValue::new(answers);
    let comment = RwSignal::new(String::new());
    let comment_for = RwSignal::new(CommentFor::Worker);
    let problems = RwSignal::new(FormProblems::default());
    // One id for this form: sending again after a lost answer is recorded once.
    let client_id = api::ClientId::new();
    let sent = RwSignal::new(None::<Outcome>);
    let outbox = Outbox::get();
    let draft = Draft::keep(
        format!("feedback.{}", id.get_value()),
        move || FeedbackDraft {
            answers: answers.with_value(|a| {
                a.iter()
                    .filter_map(|(question, answer)| {
                        answer.get().map(|answer| QuestionAnswer {
                            question: *question,
                            answer,
                        })
                    })
                    .collect()
            }),
            comment: comment.get(),
            comment_for: comment_for.get(),
        },
        |found| {
            answers.with_value(|a| {
                for (question, answer) in a {
                    answer.set(
                        found
                            .answers
                            .iter()
                            .find(|given| given.question == *question)
                            .map(|given| given.answer),
                    );
                }
            });
            comment.set(found.comment);
            comment_for.set(found.comment_for);
        },
    );
    let clear_form = move || {
        answers.with_value(|a| a.iter().for_each(|(_, answer)| answer.set(None)));
        comment.set(String::new());
        comment_for.set(CommentFor::Worker);
        problems.set(FormProblems::default());
        client_id.saved();
        draft.clear();
        focus_soon("feedback-thanks");
    };
    let about = Memo::new(move |_| {
        overview.with(|o| {
            o.as_ref()
                .and_then(|o| session_to_ask_about(&o.sessions, today))
        })
    });

    let send = Sender::form(
        problems,
        move |feedback: NewFeedback| {
            let id = id.get_value();
            async move { api::give_feedback(&id, &feedback).await }
        },
        move |feedback, result| {
            match outbox.or_wait(result, id.get_value(), || Sending::feedback(&feedback))? {
                Some(given) => {
                    sent.set(Some(Outcome::Sent(comment_for.get_untracked())));
                    // Into the list as the server would list it: no second request.
                    let session = feedback.session_id;
                    overview.update(|o| {
                        if let Some(o) = o.as_mut() {
                            o.put_feedback(given, session);
                        }
                    });
                }
                // No signal, or a problem on our side: it waits on the phone and goes later.
                None => sent.set(Some(Outcome::Waiting)),
            }
            clear_form();
            Ok(())
        },
    );
    let on_submit = send.on_submit(problems, move || {
        let mut feedback = NewFeedback {
            client_id: String::new(),
            session_id: about.get_untracked().map(|s| s.id),
            answers: answers.with_value(|a| {
                a.iter()
                    .filter_map(|(question, answer)| {
                        answer.get_untracked().map(|answer| QuestionAnswer {
                            question: *question,
                            answer,
                        })
                    })
                    .collect()
            }),
            // Kept exactly as typed.
            comment: comment.get_untracked(),
            comment_for: comment_for.get_untracked(),
        };
        feedback.client_id = client_id.for_sending(&feedback);
        let feedback = checked(feedback, NewFeedback::validate)?;
        sent.set(None);
        Ok(feedback)
    });

    let w = &later().feedback;
    let about_words = move || match about.get() {
        Some(s) if s.with_whom.trim().is_empty() => {
            fill(w.about_session, &[("when", &on_day(s.held_on, today))])
        }
        Some(s) => fill(
            w.about_session_with,
            &[("when", &on_day(s.held_on, today)), ("who", &s.with_whom)],
        ),
        None => w.about_last.to_owned(),
    };
    let thanks = move || {
        sent.get().map(|outcome| {
            let chosen = match outcome {
                Outcome::Sent(chosen) => chosen,
                Outcome::Waiting => {
                    return view! {
                        <div class="confirmation waiting" role="status" tabindex="-1" id="feedback-thanks">
                            <p><strong>{w.thanks_saved}</strong></p>
                            <p>{w.thanks_saved_more}</p>
                        </div>
                    }
                    .into_any();
                }
            };
            let who = match chosen {
                CommentFor::Worker => w.sent_to_worker,
                CommentFor::ManagerOnly => w.sent_to_manager,
            };
            view! {
                <div class="confirmation" role="status" tabindex="-1" id="feedback-thanks">
                    <p><strong>{w.thanks_sent}</strong></p>
                    <p>{who}</p>
                </div>
            }
            .into_any()
        })
    };
    // The first question at once; the others and the rest of the form in short tasks
    // after it (see `Soon`).
    let questions = move |from: usize, to: usize| {
        answers.with_value(|a| {
            a.iter()
                .take(to)
                .skip(from)
                .map(|(question, answer)| view! { <FaceQuestion question=*question answer=*answer/> })
                .collect_view()
        })
    };
    let who_choices = [
        (CommentFor::Worker, "worker", w.for_worker),
        (CommentFor::ManagerOnly, "manager-only", w.for_manager_only),
    ]
    .into_iter()
    .map(|(choice, key, label)| {
        view! {
            <Radio
                id=format!("comment-for-{key}")
                name="comment-for"
                checked=move || comment_for.get() == choice
                on_pick=move || comment_for.set(choice)
            >
                {label}
            </Radio>
        }
    })
    .collect_view();

    view! {
        {thanks}
        <form class="form feedback-form" on:submit=on_submit novalidate>
            <ErrorSummary title=w.not_sent_yet problems/>
            <p class="about-session">{about_words}</p>
            {questions(0, 1)}
            <Soon>
            {questions(1, 3)}
            <Soon>
            {questions(3, usize::MAX)}
            <Field
                id="comment"
                label=w.comment_label
                value=comment
                problems
                multiline=true
            />
            <fieldset class="choices">
                <legend>{w.who_reads}</legend>
                {who_choices}
            </fieldset>
            <WhoCanSee sending=Signal::derive(move || WhatIsSent::Feedback(comment_for.get()))/>
            {send.button(w.sending, w.send)}
            </Soon>
            </Soon>
        </form>
        // After the form's two parts, so the form never pushes them down: a `Soon` in a
        // `Soon` comes after the form's, which were asked for first.
        <Soon><Soon>
        <NotSafeLink/>
        <PastFeedback young_person_id=id.get_value() overview reader=Reader::TheYoungPerson/>
        </Soon></Soon>
    }
}
