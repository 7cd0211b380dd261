//! A worker's view of one young person's journey (`/young-people/:id`): what the young
//! person sees, with past dates flagged and a way to edit the plan, then the plan's
//! history and the concerns shared with them.

use crate::api;
use crate::clock::{local_date, today};
use crate::components::concerns::ConcernSummary;
use crate::components::journey::JourneyPage;
use crate::components::reader::Reader;
use crate::components::status::loaded;
use crate::i18n::{lang, t};
use crate::session::Session;
use crate::staff::params::young_person_id;
use chrono::NaiveDate;
use journey_core::dates::friendly_date;
use journey_core::i18n::fill;
use journey_core::PlanVersionSummary;
use journey_core::Role;
use leptos::prelude::*;
use leptos_router::components::A;

/// A worker's view of one young person's journey: `/young-people/:id`.
#[component]
pub fn TheirJourneyPage() -> impl IntoView {
    let id = young_person_id();
    move || {
        let id = id.get();
        view! {
            <JourneyPage young_person_id=id.clone() reader=Reader::Staff after=plan_history/>
            <crate::components::review_prep::ReviewForStaff young_person_id=id.clone()/>
            <SharedConcerns young_person_id=id.clone()/>
            <crate::components::good_news::GoodNewsForStaff young_person_id=id/>
        }
    }
}

/// Every version of the plan, after the journey.
fn plan_history(young_person_id: String) -> AnyView {
    view! { <PlanHistory young_person_id today=today()/> }.into_any()
}

/// For a worker: every version of the plan, who saved it, when, and what changed. The
/// newest is shown; earlier ones open on a tap.
#[component]
fn PlanHistory(young_person_id: String, today: NaiveDate) -> impl IntoView {
    let history = LocalResource::new(move || {
        let id = young_person_id.clone();
        async move { api::plan_history(&id).await }
    });
    let (t, lang) = (t(), lang());
    let version = move |summary: PlanVersionSummary| {
        let changes = if summary.changes.is_empty() {
            let words = if summary.version == 1 {
                t.journey.first_plan
            } else {
                t.journey.nothing_changed
            };
            view! { <li>{words}</li> }.into_any()
        } else {
            summary
                .changes
                .iter()
                .map(|change| view! { <li>{change.describe(lang, today)}</li> })
                .collect_view()
                .into_any()
        };
        view! {
            <li class="version">
                <p class="version-title">
                    {fill(t.journey.version, &[("n", &summary.version.to_string())])}
                </p>
                <p class="step-meta">
                    {summary.by} ", " {friendly_date(lang, local_date(summary.at), today)}
                </p>
                <ul class="changes">{changes}</ul>
            </li>
        }
    };
    view! {
        <section class="card" aria-labelledby="history">
            <h2 id="history">{t.journey.history_title}</h2>
            {loaded(history, t.journey.history_loading, t.journey.history_not_found, move |list| {
                let list = list?;
                Ok({
                    let mut list = list.into_iter();
                    let newest = list.next().map(version);
                    let earlier: Vec<_> = list.collect();
                    let count = earlier.len();
                    let earlier = (count > 0).then(|| view! {
                        <details class="earlier">
                            <summary>
                                {fill(t.journey.earlier_versions, &[("n", &count.to_string())])}
                            </summary>
                            <ol class="versions">
                                {earlier.into_iter().map(version).collect_view()}
                            </ol>
                        </details>
                    });
                    view! {
                        <ol class="versions">{newest}</ol>
                        {earlier}
                    }
                        .into_any()
                })
            })}
        </section>
    }
}

/// On a young person's page for their worker or manager: the concerns the worker may
/// read (only those shared with them, never one about them), or for a manager all of
/// them. Nothing shows when there are none.
#[component]
pub fn SharedConcerns(#[prop(into)] young_person_id: String) -> impl IntoView {
    let session = Session::get();
    let id = StoredValue::new(young_person_id);
    let concerns = LocalResource::new(move || {
        let id = id.get_value();
        async move { api::concerns(&id).await }
    });
    move || match concerns.get() {
        Some(Ok(list)) if !list.is_empty() => {
            let today = today();
            let manager = session.role() == Some(Role::Manager);
            let name = list[0].first_name.clone();
            let (title, intro) = if manager {
                (
                    format!("Concerns from {name}"),
                    "You answer these on \u{201c}Concerns from young people\u{201d}.".to_owned(),
                )
            } else {
                (
                    format!("Concerns {name} shared with you"),
                    format!("{name} chose to let you see these. Your manager answers them."),
                )
            };
            Some(view! {
                <section class="card" aria-labelledby="their-concerns">
                    <h2 id="their-concerns">{title}</h2>
                    <p class="hint">{intro}</p>
                    <ul class="concerns">
                        {list.into_iter().map(|concern| view! {
                            <li class="concern shared">
                                <ConcernSummary concern today yours=false nested=true/>
                            </li>
                        }).collect_view()}
                    </ul>
                    {manager.then(|| view! {
                        <A href="/concerns" attr:class="link-tap">"Concerns from young people"</A>
                    })}
                </section>
            })
        }
        _ => None,
    }
}
