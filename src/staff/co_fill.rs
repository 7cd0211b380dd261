//! `/young-people/:id/goals`: a worker sees a young person's goals with the change since
//! the start, and runs a session on one device: hand it over, the young person writes
//! their goals and rates them, then hands it back. Whose turn it is always shows.
//! From the hand-over until the worker types their password again, the app shows nothing
//! else (see `components::hand_over`), even after a reload.

use crate::api::{self, ApiFailure, Confirmed};
use crate::components::fetched::Fetched;
use crate::components::form::{focus_soon, Field, FormProblems, Sender};
use crate::components::goals::{AddGoalForm, GoalCard, GoalsCtx, RateGoalsForm, RatingsSent};
use crate::components::rating_scale::Answer;
use crate::components::reader::Reader;
use crate::components::status::loaded;
use crate::session::Session;
use crate::staff::hand_over::{HandedOver, Turn, TurnStage};
use crate::staff::params::young_person_id;
use crate::staff::words::t;
use journey_core::i18n::fill;
use journey_core::{AgreedBy, FieldError, Goal, Goals, TypedBy};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn TheirGoalsPage() -> impl IntoView {
    let id = young_person_id();
    move || {
        let id = id.get();
        view! { <TheirGoals young_person_id=id/> }
    }
}

#[component]
fn TheirGoals(young_person_id: String) -> impl IntoView {
    let handed = HandedOver::get();
    let id = StoredValue::new(young_person_id);
    let found = Fetched::new(move || {
        let id = id.get_value();
        async move { api::goals(&id).await }
    });
    let t = t();
    let heading = move || match found.get() {
        Some(Ok(goals)) => fill(t.goals.their_title, &[("name", &goals.first_name)]),
        _ => t.goals.their_title_unknown.to_owned(),
    };
    view! {
        // Not during the young person's turn: one tap would show the worker's whole list.
        {move || (!handed.is_active()).then(|| view! {
            <p><A href="/" attr:class="link-tap">{t.common.back_to_young_people}</A></p>
        })}
        <h1>{heading}</h1>
        {loaded(found, t.goals.loading_theirs, t.goals.not_on_list, move |goals| {
            goals.map(|goals| view! { <CoFill young_person_id=id.get_value() goals/> }.into_any())
        })}
    }
}

/// Where the session is: one thing per screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Overview,
    HandOver,
    Write,
    Rate,
    HandBack,
    Summary,
}

impl Stage {
    /// The screens that belong to the young person's turn.
    fn of_turn(self) -> Option<TurnStage> {
        match self {
            Stage::HandOver => Some(TurnStage::HandOver),
            Stage::Write => Some(TurnStage::Write),
            Stage::Rate => Some(TurnStage::Rate),
            Stage::HandBack => Some(TurnStage::HandBack),
            Stage::Overview | Stage::Summary => None,
        }
    }

    fn from_turn(stage: TurnStage) -> Stage {
        match stage {
            TurnStage::HandOver => Stage::HandOver,
            TurnStage::Write => Stage::Write,
            TurnStage::Rate => Stage::Rate,
            TurnStage::HandBack => Stage::HandBack,
        }
    }
}

#[component]
fn CoFill(young_person_id: String, goals: Goals) -> impl IntoView {
    let session = Session::get();
    let t = t();
    let words = &t.goals;
    let handed = HandedOver::get();
    let name = StoredValue::new(goals.first_name.clone());
    // A turn going on for this young person (after a reload, say) carries on where it was.
    let resumed = handed
        .turn_untracked()
        .filter(|turn| turn.young_person_id == young_person_id);
    let ctx = GoalsCtx::new(young_person_id, goals, Reader::staff());
    let me = session.me();
    let worker_username = StoredValue::new(me.as_ref().map(|me| me.username.clone()));
    let worker = StoredValue::new(
        me.and_then(|me| me.display_name.split_whitespace().next().map(str::to_owned))
            .unwrap_or_else(|| words.your_worker.to_owned()),
    );
    let stage = RwSignal::new(
        resumed
            .as_ref()
            .map_or(Stage::Overview, |turn| Stage::from_turn(turn.stage)),
    );
    let added = RwSignal::new(Vec::<String>::new());
    let rated = RwSignal::new(Vec::<(String, Answer)>::new());
    let active_count = Signal::derive(move || ctx.active().len());

    // Each new screen starts with its heading, so a screen reader says where they are.
    let go = move |next: Stage| {
        // The turn starts at the hand-over and is kept through its screens; only the
        // worker's password (`HandBack`) ends it.
        if let Some(turn_stage) = next.of_turn() {
            if handed.turn_untracked().is_some() {
                handed.set_stage(turn_stage);
            } else if let Some(worker_username) = worker_username.get_value() {
                handed.start(Turn {
                    young_person_id: ctx.young_person_id.get_value(),
                    first_name: name.get_value(),
                    worker_username,
                    worker_name: worker.get_value(),
                    stage: turn_stage,
                });
            }
        }
        stage.set(next);
        focus_soon("stage-title");
    };
    let after_writing = move || {
        if active_count.get_untracked() > 0 {
            go(Stage::Rate);
        } else {
            go(Stage::HandBack);
        }
    };

    let banner = move || {
        let (name, worker) = (name.get_value(), worker.get_value());
        let (name, worker) = ([("name", name.as_str())], [("name", worker.as_str())]);
        match stage.get() {
            Stage::Overview | Stage::Summary => (false, fill(words.your_turn, &worker)),
            Stage::HandOver => (false, fill(words.hand_over, &name)),
            Stage::Write | Stage::Rate => (true, fill(words.their_turn, &name)),
            Stage::HandBack => (true, fill(words.hand_back_banner, &worker)),
        }
    };

    let screen = move || {
        let (name, worker) = (name.get_value(), worker.get_value());
        let (name, worker) = ([("name", name.as_str())], [("name", worker.as_str())]);
        let current = stage.get();
        // Only a new stage draws a new screen; what changes within one is drawn by itself.
        untrack(move || {
            match current {
            Stage::Overview => {
                let goals = ctx.goals.with(|g| g.goals.clone());
                let list = if goals.is_empty() {
                    view! {
                        <p class="card">
                            {fill(words.no_goals_theirs, &name)}
                        </p>
                    }
                    .into_any()
                } else {
                    view! {
                        <ul class="goals">
                            {goals.into_iter().map(|goal| view! { <GoalCard goal ctx/> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                };
                view! {
                    <h2 id="stage-title" class="visually-hidden" tabindex="-1">{words.their_title_unknown}</h2>
                    <p class="preview-note">{fill(words.preview_note, &name)}</p>
                    <button type="button" class="button wide" on:click=move |_| go(Stage::HandOver)>
                        {fill(words.start_session, &name)}
                    </button>
                    {list}
                }
                .into_any()
            }
            Stage::HandOver => view! {
                <section class="card turn-screen">
                    <h2 id="stage-title" tabindex="-1">{fill(words.hand_over, &name)}</h2>
                    <p>{fill(words.hand_over_words, &name)}</p>
                    <button type="button" class="button wide" on:click=move |_| go(Stage::Write)>
                        {fill(words.my_turn, &name)}
                    </button>
                    // The young person may be holding it already: taking it back needs the
                    // worker's password, like any other end of the turn.
                    <button type="button" class="button secondary wide" on:click=move |_| go(Stage::HandBack)>
                        {t.common.cancel}
                    </button>
                </section>
            }
            .into_any(),
            Stage::Write => {
                let on_saved = Callback::new(move |(goal, words): (Goal, String)| {
                    added.update(|list| list.push(words));
                    ctx.goals.update(|goals| goals.put(goal));
                    focus_soon("write-saved");
                });
                let max = ctx.max_active();
                view! {
                    <section class="card turn-screen">
                        <h2 id="stage-title" tabindex="-1">{fill(words.your_turn, &name)}</h2>
                        <p>{words.write_intro}</p>
                        {move || {
                            let list = added.get();
                            (!list.is_empty()).then(|| view! {
                                <div class="confirmation" id="write-saved" tabindex="-1" role="status">
                                    <p>{words.saved_in_words}</p>
                                    <ul class="changes">
                                        {list.into_iter().map(|w| view! { <li class="prose">{w}</li> }).collect_view()}
                                    </ul>
                                </div>
                            })
                        }}
                        {move || if active_count.get() >= max {
                            view! {
                                <p>{fill(words.most_goals, &[("max", &max.to_string())])}</p>
                            }
                            .into_any()
                        } else {
                            view! {
                                <AddGoalForm
                                    young_person_id=ctx.young_person_id.get_value()
                                    typed_by=Some(TypedBy::YoungPerson)
                                    agreed_by=AgreedBy::Together
                                    active_count
                                    on_saved
                                />
                            }
                            .into_any()
                        }}
                        <button
                            type="button"
                            class="button secondary wide next"
                            on:click=move |_| after_writing()
                        >
                            {move || if added.with(Vec::is_empty) { words.not_now } else { words.next }}
                        </button>
                    </section>
                }
                .into_any()
            }
            Stage::Rate => {
                let active = ctx.active();
                let on_saved = Callback::new(
                    move |(goals, said): RatingsSent| {
                        rated.set(said);
                        // With no signal the answers wait on this device, shown at the top.
                        if let Some(rated_goals) = goals {
                            ctx.goals.update(|goals| rated_goals.into_iter().for_each(|g| goals.put(g)));
                        }
                        go(Stage::HandBack);
                    },
                );
                view! {
                    <section class="card turn-screen">
                        <h2 id="stage-title" tabindex="-1">{fill(words.rate_them, &name)}</h2>
                        <RateGoalsForm
                            young_person_id=ctx.young_person_id.get_value()
                            goals=active
                            typed_by=Some(TypedBy::YoungPerson)
                            on_saved
                        />
                        <button
                            type="button"
                            class="button secondary wide next"
                            on:click=move |_| go(Stage::HandBack)
                        >
                            {words.skip_for_now}
                        </button>
                    </section>
                }
                .into_any()
            }
            Stage::HandBack => view! {
                <HandBack
                    name=name[0].1.to_owned()
                    worker=worker[0].1.to_owned()
                    on_back=Callback::new(move |()| go(Stage::Summary))
                />
            }
            .into_any(),
            Stage::Summary => {
                let new_goals = added.get_untracked();
                let answers = rated.get_untracked();
                let goals_part = if new_goals.is_empty() {
                    view! { <p>{words.no_new_goals}</p> }.into_any()
                } else {
                    view! {
                        <h3>{words.new_goals_theirs}</h3>
                        <ul class="changes">
                            {new_goals.into_iter().map(|w| view! { <li class="prose">{w}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                };
                let ratings_part = if answers.is_empty() {
                    view! { <p>{words.no_ratings}</p> }.into_any()
                } else {
                    view! {
                        <h3>{words.how_close_they_feel}</h3>
                        <ul class="changes">
                            {answers.into_iter().map(|(w, a)| view! {
                                <li><span class="prose">{w}</span> ": " <strong>{a.words()}</strong></li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                };
                view! {
                    <section class="card">
                        <h2 id="stage-title" tabindex="-1">{words.what_was_saved}</h2>
                        {goals_part}
                        {ratings_part}
                        <p>{fill(words.they_can_see, &name)}</p>
                        <button
                            type="button"
                            class="button wide"
                            on:click=move |_| {
                                added.set(Vec::new());
                                rated.set(Vec::new());
                                go(Stage::Overview);
                            }
                        >
                            {fill(words.back_to_goals, &name)}
                        </button>
                    </section>
                }
                .into_any()
            }
        }
        })
    };

    // One live region that stays, so each change of turn is read out.
    view! {
        <p class="turn" class:theirs=move || banner().0 role="status">{move || banner().1}</p>
        {screen}
    }
}

const HAND_BACK_FIELD: &str = "hand-back-password";

/// The end of the young person's turn: the worker types their password to have the device
/// back. A wrong one keeps the turn and says so kindly; if the session has ended, the
/// sign-in page takes over.
#[component]
fn HandBack(name: String, worker: String, on_back: Callback<()>) -> impl IntoView {
    let handed = HandedOver::get();
    let t = t();
    let words = &t.co_fill;
    let password = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let (name, worker) = (StoredValue::new(name), StoredValue::new(worker));
    // Said beside the box, which takes the focus so a screen reader reads it out.
    let say = move |message: String| {
        password.set(String::new());
        focus_soon(HAND_BACK_FIELD);
        FormProblems {
            message: None,
            fields: vec![FieldError::new(HAND_BACK_FIELD, message)],
        }
    };
    let still_theirs = move |template: &str| fill(template, &[("name", &name.get_value())]);
    let check = Sender::form(
        problems,
        |password: String| async move { api::confirm_password(&password).await },
        move |_, result| match result {
            Ok(Confirmed::Yes) => {
                password.set(String::new());
                problems.set(FormProblems::default());
                handed.end();
                on_back.run(());
                Ok(())
            }
            Ok(Confirmed::WrongPassword) => Err(say(still_theirs(words.wrong_password))),
            Ok(Confirmed::TooManyTries) => Err(say(still_theirs(words.too_many_tries))),
            Err(ApiFailure::Unreachable) => Err(say(still_theirs(words.no_signal))),
            // The session has ended: the sign-in page takes over.
            Err(ApiFailure::SignedOut(_)) => {
                handed.end();
                Ok(())
            }
            Err(_) => Err(say(still_theirs(words.went_wrong))),
        },
    );
    let on_submit = check.on_submit(problems, move || {
        let typed = password.get_untracked();
        if typed.is_empty() {
            return Err(say(fill(
                words.password_missing,
                &[("name", &worker.get_value())],
            )));
        }
        Ok(typed)
    });
    let worker_name = worker.get_value();
    let worker_words = [("name", worker_name.as_str())];
    view! {
        <section class="card turn-screen">
            <h2 id="stage-title" tabindex="-1">
                {fill(t.goals.thank_you, &[("name", &name.get_value())])}
            </h2>
            <p>{fill(t.goals.please_hand_back, &worker_words)}</p>
            <form class="form" on:submit=on_submit novalidate>
                <Field
                    id=HAND_BACK_FIELD
                    label=fill(words.password_label, &worker_words)
                    hint=fill(words.password_hint, &worker_words)
                    input_type="password"
                    autocomplete="current-password"
                    value=password
                    problems
                />
                <button type="submit" class="button wide">
                    {
                        let have_it_back = fill(t.goals.have_it_back, &worker_words);
                        move || {
                            if check.pending() {
                                words.checking.to_owned()
                            } else {
                                have_it_back.clone()
                            }
                        }
                    }
                </button>
            </form>
        </section>
    }
}
