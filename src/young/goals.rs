//! `/goals`: the few things a young person wants to work on, in their own words, each
//! rated "how close are you?" from 0 to 10. The goal card, the add form and the rating
//! form are in `components/goals.rs`, shared with a worker's session (`staff/co_fill.rs`),
//! where the device is handed to the young person.

use crate::api;
use crate::components::card::card_with;
use crate::components::fetched::Fetched;
use crate::components::form::focus_soon;
use crate::components::goals::{AddGoalForm, GoalCard, GoalsCtx, RateGoalsForm, RatingsSent};
use crate::components::once::effect;
use crate::components::reader::Reader;
use crate::components::soon::Soon;
use crate::components::status::{loaded, OldCopy};
use crate::i18n::later;
use crate::route::A;
use crate::session::Session;
use crate::store;
use journey_core::i18n::fill;
use journey_core::{AgreedBy, Goal, Goals};
use leptos::prelude::*;

/// `/goals`: a young person's own goals.
#[component]
pub fn GoalsPage() -> impl IntoView {
    let session = Session::get();
    let id = Memo::new(move |_| session.young_person_id());
    let w = &later().goals;
    move || match id.get() {
        Some(id) => view! { <MyGoals young_person_id=id/> }.into_any(),
        None => view! {
            <h1>{w.title}</h1>
            <p class="lead">{w.worker_lead}</p>
            <A href="/" class="button">{w.go_young_people}</A>
        }
        .into_any(),
    }
}

#[component]
fn MyGoals(young_person_id: String) -> impl IntoView {
    let session = Session::get();
    let id = StoredValue::new(young_person_id);
    // With no signal, the goals last loaded on this phone.
    let mine = Fetched::new(move || {
        let id = id.get_value();
        let user = session.username_untracked();
        async move { store::with_last_copy(user, "goals", api::goals_as_sent(&id).await) }
    });
    let w = &later().goals;
    view! {
        <h1>{w.title}</h1>
        <p class="lead">{w.lead}</p>
        {loaded(mine, w.loading_mine, w.not_found_mine, move |found| {
            let (goals, saved_at) = found?;
            Ok(view! {
                {saved_at.map(|saved_at| view! {
                    <OldCopy saved_at on_retry=move || mine.refetch()/>
                })}
                <MyGoalsView young_person_id=id.get_value() goals/>
            }
            .into_any())
        })}
    }
}

/// What happened to the last ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rated {
    No,
    Saved,
    /// No signal: waiting on the phone to be sent.
    Waiting,
}

#[component]
fn MyGoalsView(young_person_id: String, goals: Goals) -> impl IntoView {
    // A goal half-written before a reload opens again by itself.
    let adding = RwSignal::new(crate::components::draft::has_draft(&format!(
        "new-goal.{young_person_id}"
    )));
    let rating = RwSignal::new(crate::components::draft::has_draft(&format!(
        "ratings.{young_person_id}"
    )));
    let ctx = GoalsCtx::new(young_person_id, goals, Reader::TheYoungPerson);
    let rated = RwSignal::new(Rated::No);
    let added = RwSignal::new(false);
    let active_count = Signal::derive(move || ctx.active().len());
    let w = &later().goals;

    let rate_section = move || {
        let active = ctx.active();
        if active.is_empty() {
            return None;
        }
        let body = if rating.get() {
            let on_saved = Callback::new(move |(goals, _): RatingsSent| {
                rating.set(false);
                match goals {
                    Some(rated_goals) => {
                        rated.set(Rated::Saved);
                        ctx.goals
                            .update(|goals| rated_goals.into_iter().for_each(|g| goals.put(g)));
                    }
                    None => rated.set(Rated::Waiting),
                }
                focus_soon("rate-title");
            });
            let on_cancel = Callback::new(move |()| {
                rating.set(false);
                focus_soon("rate-title");
            });
            view! {
                <RateGoalsForm
                    young_person_id=ctx.young_person_id.get_value()
                    goals=active
                    typed_by=None
                    on_saved
                    on_cancel
                />
            }
            .into_any()
        } else {
            view! {
                {move || match rated.get() {
                    Rated::No => None,
                    Rated::Saved => Some(view! {
                        <p class="confirmation" role="status">{w.rated_saved}</p>
                    }),
                    Rated::Waiting => Some(view! {
                        <p class="confirmation waiting" role="status">{w.rated_waiting}</p>
                    }),
                }}
                <p>{w.rate_intro}</p>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        rated.set(Rated::No);
                        rating.set(true);
                        focus_soon("rate-title");
                    }
                >
                    {w.rate_button}
                </button>
            }
            .into_any()
        };
        Some(view! {
            {card_with("rate-title", w.rate_title, "", true, None, view! {
                {body}
            }.into_any())}
        })
    };

    let add_section = move || {
        let max = ctx.max_active();
        let body = if active_count.get() >= max {
            view! {
                <p>{fill(w.at_most, &[("max", &max.to_string())])}</p>
                <p>{w.at_most_next}</p>
            }
            .into_any()
        } else if adding.get() {
            let on_saved = Callback::new(move |(goal, _): (Goal, String)| {
                adding.set(false);
                added.set(true);
                ctx.goals.update(|goals| goals.put(goal));
                focus_soon("add-title");
            });
            let on_cancel = Callback::new(move |()| {
                adding.set(false);
                focus_soon("add-title");
            });
            view! {
                <AddGoalForm
                    young_person_id=ctx.young_person_id.get_value()
                    typed_by=None
                    agreed_by=AgreedBy::YoungPerson
                    active_count
                    on_saved
                    on_cancel
                />
            }
            .into_any()
        } else {
            view! {
                {move || added.get().then(|| view! {
                    <p class="confirmation" role="status">{w.added}</p>
                })}
                <p>{w.add_intro}</p>
                <button
                    type="button"
                    class="button secondary"
                    on:click=move |_| {
                        added.set(false);
                        adding.set(true);
                        focus_soon("new-goal-words");
                    }
                >
                    {w.add_button}
                </button>
            }
            .into_any()
        };
        view! {
            {card_with("add-title", w.add_title, "", true, None, view! {
                {body}
            }.into_any())}
        }
    };

    let closed = move || {
        let closed = ctx.closed();
        (!closed.is_empty()).then(|| {
            view! {
                <section aria-labelledby="closed-title">
                    <h2 id="closed-title">{w.closed_title}</h2>
                    <ul class="goals">
                        {closed.into_iter().map(|goal| view! { <GoalCard goal ctx/> }).collect_view()}
                    </ul>
                </section>
            }
        })
    };

    view! {
        <Celebration ctx/>
        <section aria-labelledby="working-title">
            <h2 id="working-title">{w.working_title}</h2>
            {move || {
                let active = ctx.active();
                if active.is_empty() {
                    view! {
                        <p class="card">{w.none_yet}</p>
                    }
                    .into_any()
                } else {
                    view! {
                        <ul class="goals">
                            {active.into_iter().map(|goal| view! { <GoalCard goal ctx/> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </section>
        // Below the goals, in a short task of its own (see `Soon`).
        <Soon>
        {rate_section}
        {add_section}
        {closed}
        </Soon>
    }
}

/// "You got there!": words for everyone, and a little burst of colour only for people
/// who have not asked their phone to reduce motion (see `.celebrate` in the CSS).
#[component]
fn Celebration(ctx: GoalsCtx) -> impl IntoView {
    let w = &later().goals;
    let node = NodeRef::<leptos::html::Div>::new();
    effect(Box::new(move || {
        if let Some(element) = node.get() {
            let _ = element.focus();
        }
    }));
    move || {
        ctx.celebrate.get().map(|words| {
            view! {
                <div class="card celebrate" role="status" tabindex="-1" node_ref=node>
                    <div class="sparks" aria-hidden="true">
                        <span></span><span></span><span></span><span></span><span></span><span></span>
                    </div>
                    <h2>{w.celebrate_title}</h2>
                    <p>{w.celebrate_words}</p>
                    <p class="prose goal-words">{words}</p>
                </div>
            }
        })
    }
}
