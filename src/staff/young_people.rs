//! A worker's or manager's home: the young people they support, a way into each plan,
//! invite codes for those without an account yet, and adding someone new.

use crate::api;
use crate::clock::today;
use crate::components::card::card;
use crate::components::fetched::Fetched;
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, Sender};
use crate::components::invite::InviteCode;
use crate::components::status::{failure_words, loaded};
use crate::session::Session;
use journey_core::dates::friendly_date;
use journey_core::feedback::Flag;
use journey_core::i18n::fill;
use journey_core::{NewYoungPerson, YoungPersonListItem};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn YoungPeoplePage() -> impl IntoView {
    let session = Session::get();
    let people = Fetched::new(api::young_people);
    // Feedback flags are a help, not a must: the list shows without them.
    let feedback = Fetched::new(api::team_feedback);
    let words = &crate::staff::words::t().staff;
    view! {
        <h1>{words.home_title}</h1>
        <p class="lead">{words.home_lead}</p>
        {move || (session.role() == Some(journey_core::Role::Manager)).then(|| view! {
            <p><A href="/concerns" attr:class="button secondary">{crate::staff::words::t().staff_view.concerns_link}</A></p>
        })}
        {move || (session.role() == Some(journey_core::Role::Manager) || session.is_admin()).then(|| view! {
            <p><A href=format!("{}/audit", journey_core::apps::STAFF_BASE) attr:class="link-tap">{crate::staff::words::t().audit.home_link}</A></p>
        })}
        {move || session.is_admin().then(|| view! {
            <p><A href=format!("{}/help-editor", journey_core::apps::STAFF_BASE) attr:class="link-tap">{crate::staff::words::t().help_editor.home_link}</A></p>
        })}
        <p>
            <A href="/review-preps" attr:class="link-tap">
                {crate::staff::words::t().review_screens.staff_shared_link}
            </A>
        </p>
        <p><A href="/team" attr:class="link-tap">{crate::staff::words::t().team.home_link}</A></p>
        {loaded(people, words.home_loading, words.home_not_found, move |list| Ok(match list? {
            list if list.is_empty() => {
                view! {
                    <div class="card">
                        <p>{words.home_empty}</p>
                    </div>
                }
                    .into_any()
            }
            list => {
                let flags = feedback.get().and_then(Result::ok).unwrap_or_default();
                view! {
                    <ul class="people">
                        {list
                            .into_iter()
                            .map(|person| {
                                let feedback_flag = flags
                                    .iter()
                                    .find(|row| row.young_person_id == person.id)
                                    .and_then(|row| row.flag);
                                view! { <PersonCard person feedback_flag/> }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }
        }))}
        <AddYoungPerson on_added=move || people.refetch()/>
    }
}

#[component]
fn PersonCard(person: YoungPersonListItem, feedback_flag: Option<Flag>) -> impl IntoView {
    let id = person.id.to_string();
    let name = person.first_name;
    let words = &crate::staff::words::t().staff;
    let invite = Sender::new(|id: String| async move { api::new_invite(&id).await });
    let review = person.next_review.map_or_else(
        || words.review_not_set.to_owned(),
        |date| friendly_date(crate::i18n::lang(), date, today()),
    );
    let (account_class, account_words) = if person.has_account {
        ("tag has-account", words.has_account)
    } else {
        ("tag no-account", words.no_account)
    };
    let get_code = (!person.has_account).then(|| {
        let id = id.clone();
        move || {
            let shown = matches!(invite.answer(), Some(Ok(_)));
            (!shown).then(|| {
                let id = id.clone();
                view! {
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            invite.send(id.clone());
                        }
                    >
                        {invite.words(words.getting_code, words.get_code)}
                    </button>
                }
            })
        }
    });
    let result = move || {
        invite.answer().map(|result| match result {
            Ok(invite) => view! { <InviteCode invite/> }.into_any(),
            Err(failure) => {
                let message = failure_words(&failure, words.person_not_found);
                view! { <p class="error-message" role="alert">{message}</p> }.into_any()
            }
        })
    };
    // Calm flags, in words, for what needs looking at.
    let overdue_steps = match person.overdue_steps {
        0 => None,
        1 => Some(words.step_late_one.to_owned()),
        n => Some(fill(words.steps_late_many, &[("n", &n.to_string())])),
    };
    // "I don't agree" or "I'm not sure", and nobody has replied yet.
    let views_waiting = {
        let words = &crate::staff::words::t().heard_back;
        match person.views_waiting {
            0 => None,
            1 => Some(words.waiting_one.to_owned()),
            n => Some(journey_core::i18n::fill(
                words.waiting_many,
                &[("n", &n.to_string())],
            )),
        }
    };
    let feedback_words = feedback_flag.map(|flag| match flag {
        Flag::LowScore => words.low_score,
        Flag::FellTwice => words.fell_twice,
    });
    let late_plan = person.plan_not_updated_since_review;
    let flags = (person.review_overdue
        || late_plan
        || overdue_steps.is_some()
        || feedback_words.is_some()
        || views_waiting.is_some())
    .then(|| {
        view! {
            <ul class="flags" aria-label=words.needs_looking_at>
                {person.review_overdue.then(|| view! {
                    <li class="tag overdue">{words.review_passed}</li>
                })}
                {late_plan.then(|| view! {
                    <li class="tag overdue">{crate::staff::words::t().review_screens.staff_not_updated}</li>
                })}
                {overdue_steps.map(|words| view! { <li class="tag overdue">{words}</li> })}
                {feedback_words.map(|words| view! { <li class="tag overdue">{words}</li> })}
                {views_waiting.map(|words| view! { <li class="tag views-waiting">{words}</li> })}
            </ul>
        }
    });
    // Someone new has no plan yet: the way in is to write it.
    let (href, link_words) = if person.next_review.is_some() {
        (format!("/young-people/{id}"), words.see_plan)
    } else {
        (format!("/young-people/{id}/plan"), words.write_plan)
    };
    let plan_for = fill(words.for_name, &[("name", &name)]);
    let goals_for = plan_for.clone();
    let from_name = fill(words.from_name, &[("name", &name)]);
    view! {
        <li class="card person">
            <h2>{name.clone()}</h2>
            <p class=account_class>{account_words}</p>
            {person.unseen_really_bad.map(|unseen| view! {
                <ReallyBadCheckIn young_person_id=id.clone() first_name=name.clone() unseen/>
            })}
            {flags}
            <p class="person-meta">{fill(words.worker_is, &[("name", &person.worker_name)])}</p>
            <p class="person-meta">{fill(words.next_review_is, &[("date", &review)])}</p>
            <div class="actions">
                <A href=href attr:class="button secondary">
                    {link_words}
                    <span class="visually-hidden">" " {plan_for}</span>
                </A>
                <A href=format!("/young-people/{id}/goals") attr:class="button secondary">
                    {words.goals}
                    <span class="visually-hidden">" " {goals_for}</span>
                </A>
                <A href=format!("/young-people/{id}/feedback") attr:class="button secondary">
                    {words.feedback}
                    <span class="visually-hidden">" " {from_name}</span>
                </A>
                {get_code}
            </div>
            {result}
        </li>
    }
}

/// "Alex checked in: really bad", until a member of staff taps "Seen" (recorded with
/// who and when, and audited). Not a safety flag: the young person chose not to raise
/// one, or hasn't yet.
#[component]
fn ReallyBadCheckIn(
    young_person_id: String,
    first_name: String,
    unseen: journey_core::UnseenCheckIn,
) -> impl IntoView {
    let check_in_id = unseen.check_in_id;
    let seen = Sender::new(move |young_person_id: String| async move {
        api::check_in_seen(&young_person_id, check_in_id).await
    });
    let words = &crate::staff::words::t().staff;
    let when = journey_core::iso::parse_moment(&unseen.at)
        .map(|at| crate::clock::moment_words(at.timestamp_millis() as f64))
        .unwrap_or_default();
    let sent = if unseen.count > 1 {
        fill(
            words.sent_not_seen,
            &[("when", &when), ("n", &unseen.count.to_string())],
        )
    } else {
        fill(words.sent, &[("when", &when)])
    };
    let name = [("name", first_name.as_str())];
    let headline = fill(words.really_bad, &name);
    let marked = fill(words.marked_seen, &name);
    let their_check_in = fill(words.their_check_in, &name);
    move || match seen.answer() {
        Some(Ok(())) => view! {
            <p class="really-bad-seen" role="status">
                {marked.clone()}
            </p>
        }
        .into_any(),
        _ => {
            let id = young_person_id.clone();
            view! {
                <div class="really-bad">
                    <p class="tag overdue">{headline.clone()}</p>
                    <p class="person-meta">{sent.clone()}</p>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            seen.send(id.clone());
                        }
                    >
                        {seen.words(crate::staff::words::t().common.saving, words.seen)}
                        <span class="visually-hidden">": " {their_check_in.clone()}</span>
                    </button>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn AddYoungPerson(on_added: impl Fn() + 'static) -> impl IntoView {
    let first_name = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    // The same until they are added, so Add again after no answer adds them once.
    let client_id = api::ClientId::new();
    let add = Sender::form(
        problems,
        |person: NewYoungPerson| async move { api::add_young_person(&person).await },
        move |_, result| {
            result?;
            client_id.saved();
            first_name.set(String::new());
            problems.set(FormProblems::default());
            on_added();
            Ok(())
        },
    );
    let on_submit = add.on_submit(problems, move || {
        let mut person = NewYoungPerson {
            first_name: first_name.get_untracked().trim().to_owned(),
            client_id: None,
        };
        person.client_id = Some(client_id.for_sending(&person));
        checked(person, NewYoungPerson::validate)
    });

    let invite = move || {
        add.answer()
            .and_then(Result::ok)
            .map(|invite| view! { <InviteCode invite/> })
    };

    let words = &crate::staff::words::t().staff;
    view! {
        {card("add-young-person", words.add_title, "", view! {
            <p>{words.add_intro}</p>
            <ErrorSummary title=words.check_answers problems/>
            <form class="form" on:submit=on_submit novalidate>
                <Field
                    id="first_name"
                    label=words.first_name
                    hint=words.first_name_hint
                    autocomplete="off"
                    value=first_name
                    problems
                />
                <button type="submit" class="button">
                    {move || {
                        if add.pending() { words.adding } else { words.add }
                    }}
                </button>
            </form>
            {invite}
        }.into_any())}
    }
}
