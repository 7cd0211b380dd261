//! Session feedback as both apps show it: one young person's feedback, loaded, with what
//! was said before, newest first, and the notes added afterwards ("what happened after I
//! said this", or a worker's "You said, we did"). The young person's own form is
//! `young/feedback.rs`; a worker's view is `staff/feedback.rs`.

use crate::api;
use crate::clock::{local_date, today};
use crate::components::card::card;
use crate::components::draft::Draft;
use crate::components::faces::{round_score, Face};
use crate::components::fetched::Fetched;
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, OpenFormButton, Sender};
use crate::components::once::effect;
use crate::components::outbox::Outbox;
use crate::components::reader::Reader;
use crate::components::status::{failure_words, Loading, Problem};
use crate::i18n::{lang, later, t};
use crate::route::A;
use crate::session::Session;
use chrono::NaiveDate;
use journey_core::dates::{friendly_date, long_date};
use journey_core::feedback::{
    Answer, CommentFor, Feedback, FeedbackOverview, NewFollowUp, Question, FACE_MAX,
};
use journey_core::i18n::{fill, on_date};
use leptos::prelude::*;

/// One young person's feedback, loaded: `body` draws it for the reader (the young
/// person's own form and history, or a worker's view in the staff app).
#[component]
pub fn FeedbackFor(
    young_person_id: String,
    reader: Reader,
    body: fn(String, RwSignal<Option<FeedbackOverview>>) -> AnyView,
) -> impl IntoView {
    let w = later();
    let session = Session::get();
    let id = StoredValue::new(young_person_id);
    let outbox = Outbox::get();
    // Loaded again when something waiting has been sent, so it shows up below.
    let loaded = Fetched::new(move || {
        outbox.sent();
        let id = id.get_value();
        async move { api::feedback(&id).await }
    });
    effect(Box::new(move || {
        if let Some(Err(failure)) = loaded.get() {
            session.notice(&failure);
        }
    }));
    // Every save answers with the whole picture, which then replaces what was loaded.
    let overview = RwSignal::new(None::<FeedbackOverview>);
    effect(Box::new(move || {
        if let Some(Ok(found)) = loaded.get() {
            overview.set(Some(found));
        }
    }));
    let t = t();
    let heading = move || match reader {
        Reader::TheYoungPerson => w.feedback.title.to_owned(),
        Reader::Staff(_) => overview.with(|o| match o {
            Some(o) => fill(w.staff_view.feedback_title, &[("name", &o.first_name)]),
            None => w.staff_view.feedback_title_unknown.to_owned(),
        }),
    };
    let ready = Memo::new(move |_| overview.with(Option::is_some));
    view! {
        {reader.is_staff().then(|| view! {
            <p><A href="/" class="link-tap">{t.common.back_to_young_people}</A></p>
        })}
        <h1>{heading}</h1>
        // At once, where the first screen (index.html) put it before the app was here.
        {(reader == Reader::TheYoungPerson).then(|| view! { <p class="lead">{w.feedback.lead}</p> })}
        // Once shown, the form stays put when the overview is loaded again (after something
        // waiting has been sent), so nothing being typed is disturbed.
        {move || match (ready.get(), if ready.get() { None } else { loaded.get() }) {
            (true, _) => body(id.get_value(), overview),
            (false, Some(Err(failure))) => {
                let message = failure_words(&failure, w.feedback.not_found);
                view! { <Problem message on_retry=move || loaded.refetch()/> }.into_any()
            }
            (false, _) => view! { <Loading message=w.feedback.loading/> }.into_any(),
        }}
    }
}

/// A face's words for a screen reader, and beside past answers.
pub(crate) fn face_words(question: Question, face: u8) -> String {
    journey_core::feedback::face_words(question, face, lang())
}

/// "today", "yesterday", "on Tuesday 24 November".
pub(crate) fn on_day(date: NaiveDate, today: NaiveDate) -> String {
    let lang = lang();
    let t = &lang.later().feedback;
    match (today - date).num_days() {
        0 => t.today.to_owned(),
        1 => t.yesterday.to_owned(),
        _ => on_date(lang, &long_date(lang, date, today)),
    }
}

/// Feedback so far, newest first, with the notes added afterwards and a way to add one.
#[component]
pub fn PastFeedback(
    young_person_id: String,
    overview: RwSignal<Option<FeedbackOverview>>,
    reader: Reader,
) -> impl IntoView {
    let w = later();
    let id = StoredValue::new(young_person_id);
    let list = move || {
        let (first_name, mut feedback) = overview.with(|o| {
            o.as_ref()
                .map(|o| (o.first_name.clone(), o.feedback.clone()))
                .unwrap_or_default()
        });
        feedback.reverse();
        if feedback.is_empty() {
            let none = match reader {
                Reader::TheYoungPerson => w.feedback.none_yet.to_owned(),
                Reader::Staff(_) => fill(w.staff_view.feedback_none, &[("name", &first_name)]),
            };
            return view! { <p>{none}</p> }.into_any();
        }
        view! {
            <ol class="feedback-list">
                {feedback
                    .into_iter()
                    .map(|given| {
                        view! {
                            <FeedbackItem
                                young_person_id=id.get_value()
                                given
                                first_name=first_name.clone()
                                overview
                                reader
                            />
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    let heading = match reader {
        Reader::TheYoungPerson => w.feedback.past_title,
        Reader::Staff(_) => w.staff_view.feedback_newest_first,
    };
    view! {
        {card("past-feedback", heading, "", view! {
            {list}
        }.into_any())}
    }
}

#[component]
fn FeedbackItem(
    young_person_id: String,
    given: Feedback,
    first_name: String,
    overview: RwSignal<Option<FeedbackOverview>>,
    reader: Reader,
) -> impl IntoView {
    let w = later();
    let today = today();
    let feedback_id = given.id;
    let t = t();
    let when = match given.session_on {
        Some(on) => fill(
            w.feedback.about_the_session,
            &[("when", &on_day(on, today))],
        ),
        None => fill(
            w.feedback.sent_on,
            &[("when", &on_day(given.given_on, today))],
        ),
    };
    let answers = given
        .answers
        .iter()
        .map(|qa| {
            let answer = match qa.answer {
                Answer::Face(face) => view! {
                    <Face face/>
                    <span>{face_words(qa.question, face)}</span>
                }
                .into_any(),
                Answer::RatherNotSay => view! { <span>{t.common.rather_not_say}</span> }.into_any(),
            };
            view! {
                <li>
                    <span class="answer-question">{qa.question.text(lang())}</span>
                    <span class="answer">{answer}</span>
                </li>
            }
        })
        .collect_view();
    let skipped = given
        .answers
        .is_empty()
        .then(|| view! { <p>{w.feedback.no_faces}</p> });
    let comment = match (given.comment, reader) {
        (Some(words), _) if words.trim().is_empty() => None,
        (Some(words), reader) => {
            let who = match reader {
                Reader::TheYoungPerson => w.feedback.in_your_words.to_owned(),
                Reader::Staff(_) => fill(t.common.in_their_words, &[("name", &first_name)]),
            };
            let only_manager = (given.comment_for == CommentFor::ManagerOnly).then(|| {
                view! { <p class="hint">{w.feedback.manager_only_note}</p> }
            });
            Some(
                view! {
                    <div class="view">
                        <p class="view-who"><strong>{who}</strong></p>
                        {only_manager}
                        <p class="prose view-words">{words}</p>
                    </div>
                }
                .into_any(),
            )
        }
        (None, _) if given.comment_hidden => Some(
            view! {
                <p class="hint">
                    {fill(w.staff_view.manager_only, &[("name", &first_name)])}
                </p>
            }
            .into_any(),
        ),
        (None, _) => None,
    };
    let notes = given
        .follow_ups
        .into_iter()
        .map(|note| {
            let who = match (note.by_young_person, reader) {
                (true, Reader::TheYoungPerson) => w.feedback.you_added.to_owned(),
                (true, Reader::Staff(_)) => fill(w.staff_view.they_added, &[("name", &first_name)]),
                (false, _) => fill(w.feedback.said_what_changed, &[("name", &note.by)]),
            };
            view! {
                <li class="view" class:by-worker=!note.by_young_person>
                    <p class="view-who">
                        <strong>{who}</strong>
                        <span class="view-when">{friendly_date(crate::i18n::lang(), local_date(note.at), today)}</span>
                    </p>
                    <p class="prose view-words">{note.words}</p>
                </li>
            }
        })
        .collect_view();

    // Adding a note: "what happened after I said this", or "You said, we did".
    let open = RwSignal::new(false);
    let words = RwSignal::new(String::new());
    // Kept on the phone as it is typed; the form opens again by itself after a reload.
    let kept = Draft::keep(
        format!("note.{young_person_id}.{feedback_id}"),
        move || words.get(),
        |found: String| {
            words.set(found);
            open.set(true);
        },
    );
    let problems = RwSignal::new(FormProblems::default());
    let words_id = format!("note-{feedback_id}");
    let add_id = format!("note-{feedback_id}-add");
    let id = StoredValue::new(young_person_id);
    // The same until the note is kept, so Save again after no answer keeps it once.
    let client_id = api::ClientId::new();
    let save = {
        let words_id = words_id.clone();
        Sender::form(
            problems,
            move |note: NewFollowUp| {
                let id = id.get_value();
                async move { api::add_follow_up(&id, feedback_id, &note).await }
            },
            move |_, result| {
                let updated =
                    result.map_err(|failure| FormProblems::from(failure).on_field(&words_id))?;
                kept.clear();
                client_id.saved();
                overview.update(|o| {
                    if let Some(o) = o.as_mut() {
                        o.put_feedback(updated, None);
                    }
                });
                Ok(())
            },
        )
    };
    let (add_words, label) = match reader {
        Reader::TheYoungPerson => (w.feedback.add_after, w.feedback.after_label),
        Reader::Staff(_) => (w.staff_view.add_you_said, w.staff_view.you_said_label),
    };
    let on_submit = {
        let words_id = words_id.clone();
        save.on_submit(problems, move || {
            let note = NewFollowUp {
                words: words.get_untracked(),
                client_id: None,
            };
            checked(note, NewFollowUp::validate)
                .map(|mut note| {
                    note.client_id = Some(client_id.for_sending(&note));
                    note
                })
                .map_err(|found| found.on_field(&words_id))
        })
    };
    let form = move || {
        if !open.get() {
            return view! {
                <OpenFormButton
                    id=add_id.clone()
                    first=words_id.clone()
                    label=add_words.to_owned()
                    on_open=move || open.set(true)
                />
            }
            .into_any();
        }
        view! {
            <form class="view-form" on:submit=on_submit novalidate>
                <ErrorSummary
                    title=w.feedback.note_not_saved
                    problems
                    id=format!("note-{feedback_id}-summary")
                />
                <Field id=words_id.clone() label=label value=words problems multiline=true/>
                <div class="actions">
                    {save.button(w.feedback.saving, w.feedback.save)}
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| {
                            open.set(false);
                            words.set(String::new());
                            problems.set(FormProblems::default());
                        }
                    >
                        {w.feedback.cancel}
                    </button>
                </div>
            </form>
        }
        .into_any()
    };
    let score = given.score.map(|score| {
        let score = fill(
            w.feedback.score,
            &[
                ("score", &round_score(score)),
                ("max", &FACE_MAX.to_string()),
            ],
        );
        view! { <p class="score">{score}</p> }
    });
    view! {
        <li class="feedback-item">
            <h3>{when}</h3>
            {reader.is_staff().then_some(score).flatten()}
            <ul class="answers">{answers}</ul>
            {skipped}
            {comment}
            <ul class="views">{notes}</ul>
            <div class="add-view">{form}</div>
        </li>
    }
}
