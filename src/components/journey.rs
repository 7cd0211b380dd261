//! "My Journey": the young person's plan in plain words, laid out as a path they can
//! follow, who their worker is, what is new since they last looked, and their own view
//! of it all. A worker sees the same page, with what only they need: past dates flagged,
//! a way to edit the plan, and its history.

use crate::api::{self, ApiFailure};
use crate::clock::{local_date, today};
use crate::components::card::card;
use crate::components::draft::Draft;
use crate::components::fetched::Fetched;
use crate::components::form::{
    focus_soon, ErrorSummary, Field, FormProblems, OpenFormButton, Radio, Sender,
};
use crate::components::heard_back::HeardBack;
use crate::components::once::effect;
use crate::components::reader::Reader;
use crate::components::soon::Soon;
use crate::components::status::{failure_words, loaded, Flash, OldCopy};
use crate::components::who_can_see::worker_first_name;
use crate::components::who_can_see::WhoCanSee;
use crate::i18n::{lang, t};
use crate::route::A;
use crate::session::Session;
use crate::store;
use chrono::NaiveDate;
use journey_core::checkin::check_in_before_meeting;
use journey_core::dates::{due, friendly_date, Due};
use journey_core::i18n::fill;
use journey_core::WhatIsSent;
use journey_core::{
    FieldError, Journey, MyView, NewView, PlanChange, PlanStep, Stance, StepStatus, WorkerCard,
    WorkerChange,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A young person's journey, by their id.
#[component]
pub fn JourneyPage(
    #[prop(into)] young_person_id: String,
    reader: Reader,
    /// Drawn at the end, with the young person's id (the staff app's plan history).
    #[prop(optional)]
    after: Option<fn(String) -> AnyView>,
    /// Drawn under each view (the staff app's reply form), so the young person's app
    /// carries no staff form.
    #[prop(optional)]
    reply: Option<fn(ReplyTo) -> AnyView>,
    /// Draws the form that adds a view once it is opened: `view_form` in the staff app;
    /// the young person's app fetches its code then (`young::lazy::view_form`), so its
    /// main wasm must not name `view_form` itself, even as a default.
    view_form: fn(ViewForm) -> AnyView,
) -> impl IntoView {
    let session = Session::get();
    // "Saved." from the plan editor, shown once when it brings the worker back here.
    let saved = Flash::get().take();
    let id = StoredValue::new(young_person_id);
    // A young person can read the plan last loaded on their phone with no signal.
    let journey = Fetched::new(move || {
        let id = id.get_value();
        let user = session.username_untracked();
        async move {
            match reader {
                Reader::TheYoungPerson => {
                    store::with_last_copy(user, "journey", api::journey_as_sent(&id).await)
                }
                Reader::Staff(_) => api::journey(&id).await.map(|journey| (journey, None)),
            }
        }
    });
    let t = t();
    let heading = move || match reader {
        Reader::TheYoungPerson => t.journey.title.to_owned(),
        Reader::Staff(_) => match journey.get() {
            Some(Ok((journey, _))) => fill(
                t.journey.their_title,
                &[("name", &journey.young_person.first_name)],
            ),
            _ => t.journey.their_title_unknown.to_owned(),
        },
    };
    let (loading, not_found) = match reader {
        Reader::TheYoungPerson => (t.journey.loading_mine, t.journey.no_plan_mine),
        Reader::Staff(_) => (t.journey.loading_theirs, t.journey.no_plan_theirs),
    };
    let confirmation = NodeRef::<leptos::html::P>::new();
    effect(Box::new(move || {
        if let Some(element) = confirmation.get() {
            let _ = element.focus();
        }
    }));
    // Their worker's first name, for the card that says who was told (`None` until the
    // journey has come).
    let worker_name = Signal::derive(move || {
        journey
            .get()
            .map(|found| found.ok().and_then(|(found, _)| worker_first_name(&found)))
    });
    let rest = move || {
        view! {
            {(reader == Reader::TheYoungPerson).then(|| view! {
                {card("good-news-title", t.good_news.journey_title, "good-news-card", view! {
                    <p>{t.good_news.journey_body}</p>
                    <A href="/good-news" class="button secondary">{t.good_news.journey_link}</A>
                }.into_any())}
                // Every answer they have had, newest first.
                <crate::components::since_you_told_us::SinceYouToldUs young_person_id=id.get_value()/>
            })}
            {saved.map(|message| view! {
                <p class="confirmation" role="status" tabindex="-1" node_ref=confirmation>
                    {message}
                </p>
            })}
            {loaded(journey, loading, not_found, move |found| Ok(match found {
                Ok((plan, saved_at)) => view! {
                    {saved_at.map(|saved_at| view! {
                        <OldCopy saved_at on_retry=move || journey.refetch()/>
                    })}
                    <JourneyView journey=plan reader extra=after reply view_form/>
                }
                .into_any(),
                // No plan yet: not a problem, just not written yet.
                Err(ApiFailure::NotFound) => view! {
                    <div class="card">
                        <p>{not_found}</p>
                        {reader.is_staff().then(|| view! {
                            <A href=format!("/young-people/{}/plan", id.get_value()) class="button">
                                {t.journey.write_plan}
                            </A>
                        })}
                    </div>
                }
                .into_any(),
                Err(failure) => return Err(failure),
            }))}
        }
    };
    view! {
        {reader.is_staff().then(|| view! {
            <p><A href="/" class="link-tap">{t.common.back_to_young_people}</A></p>
        })}
        <h1>{heading}</h1>
        {(reader == Reader::TheYoungPerson).then(|| view! {
            {card("check-in-title", t.journey.check_in_title, "check-in-card", view! {
                <p>{t.journey.check_in_any_time}</p>
                <div class="actions">
                    <A href="/how-im-doing" class="button">{t.journey.check_in}</A>
                    <A href="/not-safe" class="button not-safe">{t.journey.not_safe}</A>
                </div>
                // Just before a meeting, once the journey says when: under the buttons,
                // so its coming never moves them.
                {move || {
                    journey
                        .get()
                        .and_then(Result::ok)
                        .and_then(|(found, _)| found.worker)
                        .and_then(|worker| {
                            check_in_before_meeting(crate::i18n::lang(), &worker.name, worker.next_meeting, today())
                        })
                        .map(|offer| view! { <p class="check-in-offer">{offer}</p> })
                }}
            }.into_any())}
        })}
        // Everything below the check-in card, in short tasks of its own (see `Soon`).
        <Soon>
        {match reader {
            // After "I don't feel safe": who did something about it, and when. Below the
            // check-in card, so it never moves "I don't feel safe" when it arrives; the
            // rest waits for it, so it never moves the rest.
            Reader::TheYoungPerson => view! {
                <HeardBack young_person_id=id.get_value() worker=worker_name>{rest()}</HeardBack>
            }
            .into_any(),
            Reader::Staff(_) => rest().into_any(),
        }}
        </Soon>
    }
}

/// What every part of the page needs to show and add "My view".
#[derive(Clone, Copy)]
struct Voices {
    young_person_id: StoredValue<String>,
    first_name: StoredValue<String>,
    reader: Reader,
    /// Every view so far, oldest first; a new one is added at once.
    views: RwSignal<Vec<MyView>>,
    /// The steps in the plan now. A view about a step that has gone shows with the
    /// views about the whole plan, so nothing anyone said is hidden.
    step_ids: StoredValue<Vec<String>>,
    today: NaiveDate,
    /// The view a reply was last sent to (or kept to send), and whether it went.
    replied: RwSignal<Option<(i64, bool)>>,
    /// The staff app's reply form under each view (none in the young person's app).
    reply: Option<fn(ReplyTo) -> AnyView>,
    /// Draws the form that adds a view, once it is opened.
    view_form: fn(ViewForm) -> AnyView,
}

/// What the staff app's reply form under a view needs (`JourneyPage`'s `reply`).
#[derive(Clone)]
pub struct ReplyTo {
    pub view_id: i64,
    pub young_person_id: String,
    pub first_name: String,
    /// The id of what the view says, which the form's button is described by.
    pub said_id: String,
    /// Every view on the page: a reply that went is added under its view.
    pub views: RwSignal<Vec<MyView>>,
    /// The view a reply was last sent to (or kept to send), and whether it went.
    pub replied: RwSignal<Option<(i64, bool)>>,
}

/// A message with one `{name}` in it, split around it, so the value can be marked up
/// (made bold) wherever the language puts it.
pub(crate) fn around<'a>(template: &'a str, name: &str) -> (&'a str, &'a str) {
    let mark = format!("{{{name}}}");
    template.split_once(mark.as_str()).unwrap_or((template, ""))
}

fn is_past(date: NaiveDate, today: NaiveDate) -> bool {
    matches!(due(date, today), Due::Overdue(_))
}

/// Beside a date that has passed, for a worker only.
fn past_flag(show: bool) -> Option<impl IntoView> {
    show.then(|| view! { <span class="flag">{t().journey.date_passed}</span> })
}

#[component]
fn JourneyView(
    journey: Journey,
    reader: Reader,
    extra: Option<fn(String) -> AnyView>,
    reply: Option<fn(ReplyTo) -> AnyView>,
    view_form: fn(ViewForm) -> AnyView,
) -> impl IntoView {
    let today = today();
    let Journey {
        young_person,
        plan,
        worker,
        plan_version,
        new_since_last_look,
        views,
        worker_changes,
    } = journey;
    let id = young_person.id.to_string();
    let first_name = young_person.first_name;
    let for_worker = reader.is_staff();
    let voices = Voices {
        young_person_id: StoredValue::new(id.clone()),
        first_name: StoredValue::new(first_name.clone()),
        reader,
        views: RwSignal::new(views),
        step_ids: StoredValue::new(plan.steps.iter().map(|s| s.id.clone()).collect()),
        today,
        replied: RwSignal::new(None),
        reply,
        view_form,
    };

    // "What's new" starts from the first time the young person looks: when there is
    // nothing new, this version is the one they have seen. When there is, it waits for
    // "Got it".
    let whats_new = if reader == Reader::TheYoungPerson && !new_since_last_look.is_empty() {
        Some(view! {
            <WhatsNew changes=new_since_last_look young_person_id=id.clone() version=plan_version today/>
        })
    } else {
        if reader == Reader::TheYoungPerson {
            let id = id.clone();
            spawn_local(async move {
                // Only a record of having looked: if it fails, the next look tries again.
                let _ = api::journey_seen(&id, plan_version).await;
            });
        }
        None
    };

    let t = t();
    let lang = lang();
    let name = [("name", first_name.as_str())];
    let review = friendly_date(lang, plan.next_review, today);
    let review_passed = is_past(plan.next_review, today);
    let (before, after) = around(
        if review_passed {
            t.journey.review_passed
        } else {
            t.journey.review_coming
        },
        "date",
    );
    let review_for = id.clone();
    let review_words = view! { {before} <strong>{review.clone()}</strong> {after} };
    let (views_heading, views_intro) = match reader {
        Reader::TheYoungPerson => (
            t.journey.views_title_mine.to_owned(),
            t.journey.views_intro_mine.to_owned(),
        ),
        Reader::Staff(_) => (
            fill(t.journey.views_title_theirs, &name),
            fill(t.journey.views_intro_theirs, &name),
        ),
    };
    let (next_before, next_after) = around(t.journey.next_review, "date");
    let next_review = plan.next_review;
    view! {
        {whats_new}
        {for_worker.then(|| view! {
            <p class="preview-note">{fill(t.journey.preview_note, &name)}</p>
            <div class="actions page-actions">
                <A href=format!("/young-people/{id}/plan") class="button">{t.journey.edit_plan}</A>
                <A href=format!("/young-people/{id}/goals") class="button secondary">{t.nav.goals}</A>
            </div>
        })}
        <p class="lead" id="journey-hello" tabindex="-1">{fill(t.journey.hello, &name)}</p>
        <p class="next-review">
            {next_before} <strong>{review}</strong> {next_after}
            {past_flag(for_worker && review_passed)}
        </p>

        {worker.map(|worker| {
            let change = worker_changes.into_iter().next();
            view! { <WorkerCardView worker change today/> }
        })}

        // The rest in turn, each part in a short task of its own (see `Soon`).
        <Soon>
        {card("why", t.journey.why_title, "", view! {
            <p class="prose">{plan.reason}</p>
        }.into_any())}

        {card("hopes", t.journey.hopes_title, "", view! {
            <ul class="hopes">
                {plan.outcomes.into_iter().map(|hope| view! { <li>{hope}</li> }).collect_view()}
            </ul>
        }.into_any())}

        <Soon>
        {card("steps", t.journey.steps_title, "", view! {
            <ol class="path">
                {plan.steps.into_iter().map(|step| view! { <StepView step voices/> }).collect_view()}
            </ol>
        }.into_any())}

        <Soon>
        {card("safe", t.journey.safe_title, "", view! {
            <p class="prose">{plan.keeping_safe}</p>
        }.into_any())}

        {card("plan-b", t.journey.plan_b_title, "", view! {
            <p class="prose">{plan.contingency}</p>
        }.into_any())}

        {card("review", t.journey.review_title, "", view! {
            <p>{review_words} {past_flag(for_worker && review_passed)}</p>
            {plan.last_review.map(|last| view! {
                <p>
                    {fill(t.journey.last_review, &[("date", &friendly_date(lang, last.date, today))])}
                    " " <span class="prose">{last.what_happened}</span>
                </p>
            })}
            {(!for_worker).then(|| view! {
                <crate::components::review_news::ReviewNews young_person_id=review_for next_review/>
            })}
        }.into_any())}

        {card("my-view", views_heading, "", view! {
            <p>{views_intro}</p>
            <ViewsAbout voices/>
        }.into_any())}

        {extra.map(|extra| extra(id))}
        </Soon>
        </Soon>
        </Soon>
    }
}

/// "New since you last looked": each change in a sentence, until they say "Got it".
#[component]
fn WhatsNew(
    changes: Vec<PlanChange>,
    young_person_id: String,
    version: i64,
    today: NaiveDate,
) -> impl IntoView {
    let t = t();
    let lang = lang();
    let lines: Vec<String> = changes.iter().map(|c| c.describe(lang, today)).collect();
    let got_it = Sender::new(move |()| {
        let id = young_person_id.clone();
        async move { api::journey_seen(&id, version).await }
    });
    let done = Memo::new(move |_| matches!(got_it.answer(), Some(Ok(()))));
    effect(Box::new(move || {
        // The box goes; the reader carries on from the top of their plan.
        if done.get() {
            focus_soon("journey-hello");
        }
    }));
    let problem = move || match got_it.answer() {
        Some(Err(failure)) => Some(view! {
            <p class="error-message" role="alert">{failure_words(&failure, "")}</p>
        }),
        _ => None,
    };
    move || {
        (!done.get()).then(|| {
            let items = lines
                .iter()
                .map(|line| view! { <li>{line.clone()}</li> })
                .collect_view();
            view! {
                {card("whats-new", t.journey.whats_new_title, "whats-new", view! {
                    <ul class="changes">{items}</ul>
                    {problem}
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            got_it.send(());
                        }
                    >
                        {t.journey.got_it}
                    </button>
                }.into_any())}
            }
        })
    }
}

#[component]
fn StepView(step: PlanStep, voices: Voices) -> impl IntoView {
    let today = voices.today;
    let class = match step.status {
        StepStatus::Done => "step done",
        StepStatus::HappeningNow => "step now",
        StepStatus::ComingUp => "step next",
    };
    let passed = voices.reader.is_staff()
        && step.status != StepStatus::Done
        && step.by_when.is_some_and(|date| is_past(date, today));
    let what_id = format!("step-{}-what", step.id);
    let (t, lang) = (t(), lang());
    view! {
        <li class=class>
            <span class="badge">{step.status.label(lang)}</span>
            <p class="step-what prose" id=what_id.clone()>{step.what}</p>
            <p class="step-meta">{fill(t.journey.step_who, &[("who", &step.who)])}</p>
            {step.by_when.map(|date| view! {
                <p class="step-meta">
                    {fill(t.journey.step_by, &[("date", &friendly_date(lang, date, today))])}
                    {past_flag(passed)}
                </p>
            })}
            <ViewsAbout voices step=(step.id, what_id)/>
        </li>
    }
}

/// The views about the whole plan (no `step`) or one step (its id, and the id of the
/// words that say what it is), and a way to add one.
#[component]
fn ViewsAbout(voices: Voices, #[prop(optional)] step: Option<(String, String)>) -> impl IntoView {
    let (step_id, described_by) = step.unzip();
    let key = step_id.clone().unwrap_or_else(|| "plan".to_owned());
    let add_id = format!("view-{key}-add");
    let first_radio = format!("view-{key}-{}", stance_key(Stance::Agree));

    let shown = {
        let step_id = step_id.clone();
        move || {
            voices.views.with(|all| {
                all.iter()
                    .filter(|view| match (&step_id, &view.step_id) {
                        (Some(step), Some(about)) => step == about,
                        (Some(_), None) => false,
                        (None, about) => about.as_ref().is_none_or(|about| {
                            voices.step_ids.with_value(|ids| !ids.contains(about))
                        }),
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
        }
    };
    let list = move || {
        let views = shown();
        (!views.is_empty()).then(|| {
            view! {
                <ul class="views">
                    {views.into_iter().map(|view| view_item(view, voices)).collect_view()}
                </ul>
            }
        })
    };

    let open = RwSignal::new(false);
    let thanks = RwSignal::new(false);
    let tapped = RwSignal::new(false);
    let stance = RwSignal::new(None::<Stance>);
    let words = RwSignal::new(String::new());
    // Kept on the phone as they type; a kept draft opens the form again after a reload.
    let kept = Draft::keep(
        format!("view.{}.{key}", voices.young_person_id.get_value()),
        move || (stance.get(), words.get()),
        |(found_stance, found_words)| {
            stance.set(found_stance);
            words.set(found_words);
            open.set(true);
        },
    );
    let form = ViewForm {
        voices,
        key,
        step_id,
        add_id: add_id.clone(),
        open,
        thanks,
        tapped,
        stance,
        words,
        kept,
        problems: RwSignal::new(FormProblems::default()),
        // The same until the view is saved, so Save again after no answer keeps it once.
        client_id: api::ClientId::new(),
    };

    let t = t();
    let name = voices.first_name.get_value();
    let add_words = match voices.reader {
        Reader::TheYoungPerson => t.journey.add_view_mine.to_owned(),
        Reader::Staff(_) => fill(t.journey.add_view_theirs, &[("name", name.as_str())]),
    };
    let thanks_words = match voices.reader {
        Reader::TheYoungPerson => t.journey.thanks_mine,
        Reader::Staff(_) => t.journey.thanks_theirs,
    };

    let form = move || {
        if open.get() {
            return (voices.view_form)(form.clone());
        }
        view! {
            {move || thanks.get().then(|| view! {
                <p class="confirmation" role="status">{thanks_words}</p>
            })}
            <OpenFormButton
                id=add_id.clone()
                described_by=described_by.clone()
                first=first_radio.clone()
                label=add_words.clone()
                on_open=move || {
                    thanks.set(false);
                    tapped.set(true);
                    open.set(true);
                }
            />
        }
        .into_any()
    };

    view! {
        {list}
        <div class="add-view">{form}</div>
    }
}

/// What the form that adds a view needs from `ViewsAbout`, which keeps what is typed
/// while the form is closed and while its code is on its way.
#[derive(Clone)]
pub struct ViewForm {
    voices: Voices,
    /// `plan`, or the step's id: the start of the form's ids.
    key: String,
    step_id: Option<String>,
    /// The button that opens the form, where the keyboard goes back to.
    add_id: String,
    open: RwSignal<bool>,
    thanks: RwSignal<bool>,
    /// Opened by a tap (not by a draft kept from before): the first choice takes the focus.
    tapped: RwSignal<bool>,
    stance: RwSignal<Option<Stance>>,
    words: RwSignal<String>,
    kept: Draft,
    problems: RwSignal<FormProblems>,
    client_id: api::ClientId,
}

/// The form that adds a view, once it is opened.
pub fn view_form(form: ViewForm) -> AnyView {
    let ViewForm {
        voices,
        key,
        step_id,
        add_id,
        open,
        thanks,
        tapped,
        stance,
        words,
        kept,
        problems,
        client_id,
    } = form;
    let words_id = format!("view-{key}-words");
    let first_radio = format!("view-{key}-{}", stance_key(Stance::Agree));
    // Opened by a tap: the first choice takes the focus once it is drawn (this code may
    // have come from a file of its own after the tap).
    if tapped.get_untracked() {
        tapped.set(false);
        focus_soon(&first_radio);
    }
    let back_to_button = move || focus_soon(&add_id);
    let save = {
        let words_id = words_id.clone();
        let back_to_button = back_to_button.clone();
        Sender::form(
            problems,
            move |view: NewView| {
                let id = voices.young_person_id.get_value();
                async move { api::add_view(&id, &view).await }
            },
            move |_, result| {
                let saved = result.map_err(|failure| {
                    let found = FormProblems::from(failure);
                    view_problems(found.fields, found.message, &words_id)
                })?;
                // Once, even when a try given up on did arrive and came back with a reload.
                voices.views.update(|views| {
                    views.retain(|view| view.id != saved.id);
                    views.push(saved);
                });
                stance.set(None);
                words.set(String::new());
                kept.clear();
                client_id.saved();
                problems.set(FormProblems::default());
                open.set(false);
                thanks.set(true);
                back_to_button();
                Ok(())
            },
        )
    };

    let on_submit = {
        let words_id = words_id.clone();
        let step_id = step_id.clone();
        save.on_submit(problems, move || {
            // Kept exactly as typed: nothing is trimmed.
            let mut view = NewView {
                step_id: step_id.clone(),
                stance: stance.get_untracked(),
                words: words.get_untracked(),
                client_id: None,
            };
            view.validate()
                .map_err(|errors| view_problems(errors.fields().to_vec(), None, &words_id))?;
            view.client_id = Some(client_id.for_sending(&view));
            Ok(view)
        })
    };

    let t = t();
    let lang = lang();
    let name = voices.first_name.get_value();
    let name = [("name", name.as_str())];
    let about_step = step_id.is_some();
    let said = &t.journey;
    // Only a worker's words are needed beyond here: the young person's own form says
    // who will see it with `WhoCanSee`.
    let (legend, words_label, who_sees, save_words) = match voices.reader {
        Reader::TheYoungPerson => (
            if about_step {
                said.feel_step_mine
            } else {
                said.feel_plan_mine
            }
            .to_owned(),
            said.words_label_mine.to_owned(),
            String::new(),
            said.save_view_mine,
        ),
        Reader::Staff(_) => (
            fill(
                if about_step {
                    said.feel_step_theirs
                } else {
                    said.feel_plan_theirs
                },
                &name,
            ),
            fill(said.words_label_theirs, &name),
            fill(said.who_sees_theirs, &name),
            said.save_view_theirs,
        ),
    };

    let choices = [Stance::Agree, Stance::NotSure, Stance::DontAgree]
        .into_iter()
        .map(|choice| {
            view! {
                <Radio
                    id=format!("view-{key}-{}", stance_key(choice))
                    name=format!("view-{key}-stance")
                    value=stance_key(choice)
                    checked=move || stance.get() == Some(choice)
                    on_pick=move || stance.set(Some(choice))
                >
                    {choice.label(lang)}
                </Radio>
            }
        })
        .collect_view();
    let cancel = move |_| {
        stance.set(None);
        words.set(String::new());
        problems.set(FormProblems::default());
        open.set(false);
        back_to_button();
    };
    view! {
        <form class="view-form" on:submit=on_submit novalidate>
            <ErrorSummary
                title=t.journey.view_not_saved
                problems
                id=format!("view-{key}-summary")
            />
            <fieldset class="choices">
                <legend>{legend}</legend>
                <p class="hint">{t.common.you_can_skip}</p>
                {choices}
            </fieldset>
            <Field
                id=words_id
                label=words_label
                value=words
                problems
                multiline=true
            />
            {if voices.reader == Reader::TheYoungPerson {
                view! { <WhoCanSee sending=WhatIsSent::MyView/> }.into_any()
            } else {
                view! { <p class="hint">{who_sees}</p> }.into_any()
            }}
            <div class="actions">
                {save.button(t.common.saving, save_words)}
                <button type="button" class="button secondary" on:click=cancel>
                    {t.common.cancel}
                </button>
            </div>
        </form>
    }
    .into_any()
}

fn stance_key(stance: Stance) -> &'static str {
    match stance {
        Stance::Agree => "agree",
        Stance::NotSure => "not-sure",
        Stance::DontAgree => "dont-agree",
    }
}

/// Problems with a view: the words' message goes beside this form's own box (each step
/// has its own form); anything else, such as a step taken out meanwhile, is for the
/// whole form.
pub fn view_problems(
    fields: Vec<FieldError>,
    message: Option<String>,
    words_id: &str,
) -> FormProblems {
    let mut other = message;
    let fields = fields
        .into_iter()
        .filter_map(|problem| {
            if problem.field == "words" {
                Some(FieldError::new(words_id, problem.message))
            } else {
                other = Some(problem.message);
                None
            }
        })
        .collect::<Vec<_>>();
    if fields.is_empty() {
        FormProblems {
            message: other,
            fields,
        }
    } else {
        FormProblems::fields(fields)
    }
}

/// One view, marked with whose words they are.
fn view_item(view: MyView, voices: Voices) -> impl IntoView {
    let (t, lang) = (t(), lang());
    let who = match (view.by_young_person, voices.reader) {
        (true, Reader::TheYoungPerson) => t.common.in_your_words.to_owned(),
        (true, Reader::Staff(_)) => fill(
            t.common.in_their_words,
            &[("name", &voices.first_name.get_value())],
        ),
        (false, _) => fill(t.journey.someone_wrote, &[("name", &view.by)]),
    };
    let when = friendly_date(lang, local_date(view.at), voices.today);
    let words = view.words;
    let view_id = view.id;
    let said_id = format!("view-{view_id}-said");
    let replies = (!view.replies.is_empty()).then(|| {
        let items = view
            .replies
            .into_iter()
            .map(|reply| {
                let by = fill(t.heard_back.replied, &[("name", &reply.by)]);
                let when = friendly_date(lang, local_date(reply.at), voices.today);
                view! {
                    <li class="view-reply">
                        <p class="view-who"><strong>{by}</strong> <span class="view-when">{when}</span></p>
                        <p class="prose view-words">{reply.words}</p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="view-replies">{items}</ul> }
    });
    view! {
        <li class="view" class:by-worker=!view.by_young_person>
            <div id=said_id.clone()>
                <p class="view-who"><strong>{who}</strong> <span class="view-when">{when}</span></p>
                {view.stance.map(|stance| view! { <p class="stance">{stance.label(lang)}</p> })}
                {(!words.trim().is_empty()).then(|| view! { <p class="prose view-words">{words}</p> })}
            </div>
            {replies}
            {voices.reply.map(|form| form(ReplyTo {
                view_id,
                young_person_id: voices.young_person_id.get_value(),
                first_name: voices.first_name.get_value(),
                said_id,
                views: voices.views,
                replied: voices.replied,
            }))}
        </li>
    }
}

#[component]
fn WorkerCardView(
    worker: WorkerCard,
    change: Option<WorkerChange>,
    today: NaiveDate,
) -> impl IntoView {
    let first_name = worker
        .name
        .split_whitespace()
        .next()
        .unwrap_or(&worker.name)
        .to_owned();
    let (t, lang) = (t(), lang());
    let call = worker.phone_link().map(|href| {
        let label = fill(t.journey.call, &[("name", &first_name)]);
        let number = worker.phone.clone().unwrap_or_default();
        view! {
            <a class="button" href=href>
                {label} <span class="small">{number}</span>
            </a>
        }
    });
    let email = worker.email.clone().map(|address| {
        let label = fill(t.journey.email, &[("name", &first_name)]);
        view! { <a class="button secondary" href=format!("mailto:{address}")>{label}</a> }
    });
    let change = change.map(|change| {
        view! {
            <div class="worker-change">
                <p>
                    <strong>
                        {fill(
                            t.journey.worker_changed,
                            &[
                                ("date", &friendly_date(lang, change.on, today)),
                                ("name", &change.new_worker),
                            ],
                        )}
                    </strong>
                </p>
                {change.previous_worker.map(|before| view! {
                    <p>{fill(t.journey.worker_before, &[("name", &before)])}</p>
                })}
                <p>{t.common.why} " " <span class="prose">{change.why}</span></p>
            </div>
        }
    });
    view! {
        {card("worker", t.journey.worker_title, "worker", view! {
            {change}
            <p class="worker-name">{worker.name.clone()} ", " {worker.role.clone()}</p>
            <p class="prose">{worker.why.clone()}</p>
            <p>{fill(t.journey.you_meet, &[("when", &worker.meets)])}</p>
            {worker.next_meeting.map(|date| {
                let (before, after) = around(t.journey.next_time, "date");
                view! {
                    <p>{before} <strong>{friendly_date(lang, date, today)}</strong> {after}</p>
                }
            })}
            <div class="actions">{call} {email}</div>
        }.into_any())}
    }
}
