//! A worker's view of one young person's journey (`/young-people/:id`): what the young
//! person sees, with past dates flagged and a way to edit the plan, then the plan's
//! history and the concerns shared with them.

use crate::api;
use crate::clock::{local_date, today};
use crate::components::card::card;
use crate::components::concerns::ConcernSummary;
use crate::components::draft::Draft;
use crate::components::fetched::Fetched;
use crate::components::form::{
    focus_soon, ErrorSummary, Field, FormProblems, OpenFormButton, Sender,
};
use crate::components::journey::JourneyPage;
use crate::components::journey::{view_problems, ReplyTo};
use crate::components::reader::Reader;
use crate::components::status::loaded;
use crate::i18n::lang;
use crate::session::Session;
use crate::staff::params::young_person_id;
use crate::staff::words::t;
use chrono::NaiveDate;
use journey_core::dates::friendly_date;
use journey_core::i18n::fill;
use journey_core::Role;
use journey_core::{NewViewReply, PlanVersionSummary};
use leptos::prelude::*;
use leptos_router::components::A;

/// A worker's view of one young person's journey: `/young-people/:id`.
#[component]
pub fn TheirJourneyPage() -> impl IntoView {
    let id = young_person_id();
    move || {
        let id = id.get();
        view! {
            <JourneyPage
                young_person_id=id.clone()
                reader=Reader::staff()
                after=plan_history
                reply=reply_form
                view_form=crate::components::journey::view_form
            />
            <crate::components::review_prep::ReviewForStaff young_person_id=id.clone()/>
            <SharedConcerns young_person_id=id.clone()/>
            <crate::components::good_news::GoodNewsForStaff young_person_id=id/>
        }
    }
}

/// Staff reply to one view, in their own words: kept as a draft as they type, and with
/// no signal kept in the outbox to send by itself.
fn reply_form(to: ReplyTo) -> AnyView {
    let ReplyTo {
        view_id,
        young_person_id,
        first_name,
        said_id,
        views,
        replied,
    } = to;
    let young_person_id = StoredValue::new(young_person_id);
    let key = format!("reply-{view_id}");
    let add_id = format!("{key}-add");
    let words_id = format!("{key}-words");
    let open = RwSignal::new(false);
    let words = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let client_id = api::ClientId::new();
    let outbox = crate::components::outbox::Outbox::get();
    let kept = Draft::keep(
        format!("view-reply.{}.{view_id}", young_person_id.get_value()),
        move || words.get(),
        move |found: String| {
            words.set(found);
            open.set(true);
        },
    );
    let back_to_button = {
        let add_id = add_id.clone();
        move || focus_soon(&add_id)
    };
    let save = {
        let words_id = words_id.clone();
        let back_to_button = back_to_button.clone();
        Sender::form(
            problems,
            move |reply: NewViewReply| {
                let id = young_person_id.get_value();
                async move { api::reply_to_view(&id, view_id, &reply).await }
            },
            move |reply, result| {
                // No signal, or a problem on our side: it waits and goes by itself (`None`).
                let sending = || crate::store::Sending::view_reply(view_id, &reply);
                let saved = match outbox.or_wait(result, young_person_id.get_value(), sending) {
                    Ok(saved) => saved,
                    Err(failure) => {
                        let found = FormProblems::from(failure);
                        return Err(view_problems(found.fields, found.message, &words_id));
                    }
                };
                words.set(String::new());
                kept.clear();
                client_id.saved();
                problems.set(FormProblems::default());
                open.set(false);
                replied.set(Some((view_id, saved.is_some())));
                back_to_button();
                // Last: the list is drawn again with the reply under the view.
                if let Some(saved) = saved {
                    views.update(|views| {
                        if let Some(view) = views.iter_mut().find(|v| v.id == view_id) {
                            view.replies.push(saved);
                        }
                    });
                }
                Ok(())
            },
        )
    };
    let on_submit = {
        let words_id = words_id.clone();
        save.on_submit(problems, move || {
            // Kept exactly as written: nothing is trimmed.
            let mut reply = NewViewReply {
                words: words.get_untracked(),
                client_id: None,
            };
            reply
                .validate()
                .map_err(|errors| view_problems(errors.fields().to_vec(), None, &words_id))?;
            reply.client_id = Some(client_id.for_sending(&reply));
            Ok(reply)
        })
    };
    let t = t();
    let name = [("name", first_name.as_str())];
    let add_words = fill(t.heard_back.reply_add, &name);
    let label = fill(t.heard_back.reply_label, &name);
    let who_sees = fill(t.heard_back.reply_who_sees, &name);
    let sent_words = fill(t.heard_back.reply_sent, &name);
    let confirmation = move || {
        replied.get().and_then(|(replied, went)| {
            (replied == view_id).then(|| {
                let words = if went {
                    sent_words.clone()
                } else {
                    t.heard_back.reply_kept.to_owned()
                };
                view! { <p class="confirmation" role="status">{words}</p> }
            })
        })
    };
    let form = move || {
        if !open.get() {
            return view! {
                <OpenFormButton
                    id=add_id.clone()
                    described_by=Some(said_id.clone())
                    first=words_id.clone()
                    label=add_words.clone()
                    on_open=move || {
                        replied.set(None);
                        open.set(true);
                    }
                />
            }
            .into_any();
        }
        let cancel = {
            let back_to_button = back_to_button.clone();
            move |_| {
                problems.set(FormProblems::default());
                open.set(false);
                back_to_button();
            }
        };
        view! {
            <form class="view-form reply-form" on:submit=on_submit novalidate>
                <ErrorSummary
                    title=t.heard_back.reply_not_sent
                    problems
                    id=format!("{key}-summary")
                />
                <Field
                    id=words_id.clone()
                    label=label.clone()
                    value=words
                    problems
                    multiline=true
                    hint=who_sees.clone()
                />
                <div class="actions">
                    {save.button(t.heard_back.reply_sending, t.heard_back.reply_send)}
                    <button type="button" class="button secondary" on:click=cancel>
                        {t.common.cancel}
                    </button>
                </div>
            </form>
        }
        .into_any()
    };
    view! {
        {confirmation}
        <div class="add-view">{form}</div>
    }
    .into_any()
}

/// Every version of the plan, after the journey.
fn plan_history(young_person_id: String) -> AnyView {
    view! { <PlanHistory young_person_id today=today()/> }.into_any()
}

/// For a worker: every version of the plan, who saved it, when, and what changed. The
/// newest is shown; earlier ones open on a tap.
#[component]
fn PlanHistory(young_person_id: String, today: NaiveDate) -> impl IntoView {
    let history = Fetched::new(move || {
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
        {card("history", t.journey.history_title, "", view! {
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
        }.into_any())}
    }
}

/// On a young person's page for their worker or manager: the concerns the worker may
/// read (only those shared with them, never one about them), or for a manager all of
/// them. Nothing shows when there are none.
#[component]
pub fn SharedConcerns(#[prop(into)] young_person_id: String) -> impl IntoView {
    let session = Session::get();
    let id = StoredValue::new(young_person_id);
    let concerns = Fetched::new(move || {
        let id = id.get_value();
        async move { api::concerns(&id).await }
    });
    move || match concerns.get() {
        Some(Ok(list)) if !list.is_empty() => {
            let today = today();
            let manager = session.role() == Some(Role::Manager);
            let words = &t().staff;
            let name = list[0].first_name.clone();
            let name = [("name", name.as_str())];
            let (title, intro) = if manager {
                (
                    fill(words.concerns_from, &name),
                    words.concerns_answer_there.to_owned(),
                )
            } else {
                (
                    fill(words.concerns_shared, &name),
                    fill(words.concerns_shared_intro, &name),
                )
            };
            Some(view! {
                {card("their-concerns", title, "", view! {
                    <p class="hint">{intro}</p>
                    <ul class="concerns">
                        {list.into_iter().map(|concern| view! {
                            <li class="concern shared">
                                <ConcernSummary concern today yours=false nested=true/>
                            </li>
                        }).collect_view()}
                    </ul>
                    {manager.then(|| view! {
                        <A href="/concerns" attr:class="link-tap">{t().staff_view.concerns_link}</A>
                    })}
                }.into_any())}
            })
        }
        _ => None,
    }
}
