//! The audit log, for a manager (their team's) and the organisation's administrators
//! (the organisation's too): newest first, filtered by young person, by who did it and by
//! kind, a page at a time with "Show older". Entries are what was done, by whom and when,
//! never anyone's own words.

use crate::api::{self, ApiFailure};
use crate::clock::today;
use crate::components::fetched::Fetched;
use crate::components::form::{focus_soon, Sender};
use crate::components::status::loaded;
use crate::i18n::lang;
use crate::session::Session;
use crate::staff::words::t;
use journey_core::apps::STAFF_BASE;
use journey_core::audit::AUDIT_PAGE;
use journey_core::dates::friendly_date;
use journey_core::i18n::fill;
use journey_core::i18n::words::AuditText;
use journey_core::{AuditChoices, AuditEntry, AuditKind, AuditQuery};
use leptos::prelude::*;
use leptos_router::components::A;

fn kind_words(words: &'static AuditText, kind: AuditKind) -> &'static str {
    match kind {
        AuditKind::Plan => words.kind_plan,
        AuditKind::Goals => words.kind_goals,
        AuditKind::Feedback => words.kind_feedback,
        AuditKind::Safety => words.kind_safety,
        AuditKind::Concerns => words.kind_concerns,
        AuditKind::Reviews => words.kind_reviews,
        AuditKind::Accounts => words.kind_accounts,
        AuditKind::Organisation => words.kind_organisation,
        AuditKind::Other => words.kind_other,
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let words = &t().audit;
    let session = Session::get();
    // The filters as chosen in the form, and as last shown.
    let young_person = RwSignal::new(String::new());
    let by = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let shown = RwSignal::new(AuditQuery::default());
    let first = Fetched::new(move || api::audit_log(shown.get()));
    let choices = Fetched::new(api::audit_choices);
    // Pages after the first, added by "Show older"; whether there may be more.
    let older = RwSignal::new(Vec::<AuditEntry>::new());
    let more = RwSignal::new(None::<bool>);
    let show_older = Sender::with_answer(
        |query: AuditQuery| async move { api::audit_log(query).await },
        move |_, result: Result<Vec<AuditEntry>, ApiFailure>| {
            if let Ok(page) = result {
                more.set(Some(page.len() == AUDIT_PAGE));
                if let Some(entry) = page.first() {
                    let id = format!("audit-{}", entry.id);
                    older.update(|older| older.extend(page));
                    // The keyboard goes to the first of the older entries.
                    focus_soon(&id);
                }
            }
        },
    );
    let on_filter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen =
            |signal: RwSignal<String>| Some(signal.get_untracked()).filter(|s| !s.is_empty());
        older.set(Vec::new());
        more.set(None);
        shown.set(AuditQuery {
            young_person: chosen(young_person),
            by: chosen(by),
            kind: chosen(kind).and_then(|k| AuditKind::parse(&k)),
            before: None,
        });
    };
    let options = move |pick: fn(&AuditChoices) -> &Vec<journey_core::AuditPerson>| {
        move || {
            choices.get().and_then(Result::ok).map(|choices| {
                pick(&choices)
                    .iter()
                    .map(|person| {
                        view! { <option value=person.id.clone()>{person.name.clone()}</option> }
                    })
                    .collect_view()
            })
        }
    };
    let lead_admin = move || {
        session
            .is_admin()
            .then(|| view! { <p>{words.lead_admin}</p> })
    };
    view! {
        <p><A href=format!("{STAFF_BASE}/") attr:class="link-tap">{words.back}</A></p>
        <h1>{words.title}</h1>
        <p class="lead">{words.lead}</p>
        {lead_admin}
        <form class="form audit-filters" on:submit=on_filter>
            <fieldset>
                <legend>{words.filters}</legend>
                <div class="field">
                    <label for="audit-young-person">{words.young_person}</label>
                    <select id="audit-young-person" bind:value=young_person>
                        <option value="">{words.any_young_person}</option>
                        {options(|c| &c.young_people)}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-by">{words.who}</label>
                    <select id="audit-by" bind:value=by>
                        <option value="">{words.anyone}</option>
                        {options(|c| &c.staff)}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-kind">{words.kind}</label>
                    <select id="audit-kind" bind:value=kind>
                        <option value="">{words.any_kind}</option>
                        {AuditKind::ALL
                            .into_iter()
                            .map(|k| view! { <option value=k.as_str()>{kind_words(words, k)}</option> })
                            .collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{words.show}</button>
            </fieldset>
        </form>
        <p class="hint">{words.as_recorded}</p>
        {loaded(first, words.loading, words.not_found, move |page| Ok(match page {
            Ok(page) if page.is_empty() => view! {
                <div class="card" role="status"><p>{words.none}</p></div>
            }
            .into_any(),
            Ok(page) => {
                let first_full = page.len() == AUDIT_PAGE;
                let oldest_first = page.last().map(|entry| entry.id);
                let older_view = move || older.get().into_iter().map(|entry| view! { <Entry entry/> }).collect_view();
                let oldest = move || older.with(|older| older.last().map(|entry| entry.id)).or(oldest_first);
                let can_show_older = move || more.get().unwrap_or(first_full);
                view! {
                    <ol class="audit-log">
                        {page.into_iter().map(|entry| view! { <Entry entry/> }).collect_view()}
                        {older_view}
                    </ol>
                    {move || if can_show_older() {
                        view! {
                            <button
                                type="button"
                                class="button secondary"
                                on:click=move |_| {
                                    let query = AuditQuery {
                                        before: oldest(),
                                        ..shown.get_untracked()
                                    };
                                    show_older.send(query);
                                }
                            >
                                {show_older.words(words.getting_older, words.show_older)}
                            </button>
                        }
                        .into_any()
                    } else {
                        view! { <p class="hint">{words.all_shown}</p> }.into_any()
                    }}
                }
                .into_any()
            }
            Err(ApiFailure::Refused(_)) => view! {
                <div class="card"><p>{words.refused}</p></div>
            }
            .into_any(),
            Err(failure) => return Err(failure),
        }))}
    }
}

/// One entry, in plain words: "Sam Rivers (worker) changed the plan (version 4)", who it
/// was about, what kind of thing it was, and when (UK time).
#[component]
fn Entry(entry: AuditEntry) -> impl IntoView {
    let words = &t().audit;
    let local = journey_core::help::uk_time(entry.at);
    let when = fill(
        words.when,
        &[
            ("date", &friendly_date(lang(), local.date(), today())),
            ("time", &local.format("%H:%M").to_string()),
        ],
    );
    let about = entry
        .young_person_name
        .as_ref()
        .map(|name| view! { <span class="tag">{fill(words.about, &[("name", name)])}</span> });
    view! {
        <li class="card audit-entry" id=format!("audit-{}", entry.id) tabindex="-1">
            <p class="audit-what">{format!("{} {}", entry.who, entry.action)}</p>
            <p class="audit-meta">
                <span class="tag">{kind_words(words, entry.kind)}</span>
                " "
                {about}
                " "
                <time datetime=entry.at.to_rfc3339()>{when}</time>
            </p>
        </li>
    }
}
