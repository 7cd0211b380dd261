//! A worker's or manager's home: the young people they support, a way into each plan,
//! invite codes for those without an account yet, and adding someone new.

use crate::api;
use crate::clock::today;
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, Sender};
use crate::components::invite::InviteCode;
use crate::components::status::{failure_words, loaded};
use crate::session::Session;
use journey_core::dates::friendly_date;
use journey_core::feedback::Flag;
use journey_core::{NewYoungPerson, YoungPersonListItem};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn YoungPeoplePage() -> impl IntoView {
    let session = Session::get();
    let people = LocalResource::new(api::young_people);
    // Feedback flags are a help, not a must: the list shows without them.
    let feedback = LocalResource::new(api::team_feedback);
    view! {
        <h1>"Your young people"</h1>
        <p class="lead">"The young people you support. \u{201c}See plan\u{201d} shows their plan just as they see it, and lets you change it."</p>
        {move || (session.role() == Some(journey_core::Role::Manager)).then(|| view! {
            <p><A href="/concerns" attr:class="button secondary">"Concerns from young people"</A></p>
        })}
        {move || (session.role() == Some(journey_core::Role::Manager) || session.is_admin()).then(|| view! {
            <p><A href=format!("{}/audit", journey_core::apps::STAFF_BASE) attr:class="link-tap">{crate::i18n::t().audit.home_link}</A></p>
        })}
        {move || session.is_admin().then(|| view! {
            <p><A href=format!("{}/help-editor", journey_core::apps::STAFF_BASE) attr:class="link-tap">{crate::i18n::t().help_editor.home_link}</A></p>
        })}
        <p>
            <A href="/review-preps" attr:class="link-tap">
                {crate::i18n::t().review.staff_shared_link}
            </A>
        </p>
        {loaded(people, "Getting your list\u{2026}", "We couldn't find your list.", move |list| Ok(match list? {
            list if list.is_empty() => {
                view! {
                    <div class="card">
                        <p>"There is no one on your list yet. You can add a young person below."</p>
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
    let invite = Sender::new(|id: String| async move { api::new_invite(&id).await });
    let review = person.next_review.map_or_else(
        || "not set yet".to_owned(),
        |date| friendly_date(crate::i18n::lang(), date, today()),
    );
    let (account_class, account_words) = if person.has_account {
        ("tag has-account", "Has an account")
    } else {
        ("tag no-account", "No account yet")
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
                        {invite.words("Getting a code\u{2026}", "Get an invite code")}
                    </button>
                }
            })
        }
    });
    let result = move || {
        invite.answer().map(|result| match result {
            Ok(invite) => view! { <InviteCode invite/> }.into_any(),
            Err(failure) => {
                let message = failure_words(&failure, "We couldn't find this young person.");
                view! { <p class="error-message" role="alert">{message}</p> }.into_any()
            }
        })
    };
    // Calm flags, in words, for what needs looking at.
    let overdue_steps = match person.overdue_steps {
        0 => None,
        1 => Some("1 step past its date".to_owned()),
        n => Some(format!("{n} steps past their date")),
    };
    // "I don't agree" or "I'm not sure", and nobody has replied yet.
    let views_waiting = {
        let words = &crate::i18n::t().heard_back;
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
        Flag::LowScore => "Last session didn't go well",
        Flag::FellTwice => "Feedback has gone down",
    });
    let late_plan = person.plan_not_updated_since_review;
    let flags = (person.review_overdue
        || late_plan
        || overdue_steps.is_some()
        || feedback_words.is_some()
        || views_waiting.is_some())
    .then(|| {
        view! {
            <ul class="flags" aria-label="Needs looking at">
                {person.review_overdue.then(|| view! {
                    <li class="tag overdue">"Review date has passed"</li>
                })}
                {late_plan.then(|| view! {
                    <li class="tag overdue">{crate::i18n::t().review.staff_not_updated}</li>
                })}
                {overdue_steps.map(|words| view! { <li class="tag overdue">{words}</li> })}
                {feedback_words.map(|words| view! { <li class="tag overdue">{words}</li> })}
                {views_waiting.map(|words| view! { <li class="tag views-waiting">{words}</li> })}
            </ul>
        }
    });
    // Someone new has no plan yet: the way in is to write it.
    let (href, link_words) = if person.next_review.is_some() {
        (format!("/young-people/{id}"), "See plan")
    } else {
        (format!("/young-people/{id}/plan"), "Write the plan")
    };
    let (plan_name, goals_name, feedback_name) = (name.clone(), name.clone(), name.clone());
    view! {
        <li class="card person">
            <h2>{name.clone()}</h2>
            <p class=account_class>{account_words}</p>
            {person.unseen_really_bad.map(|unseen| view! {
                <ReallyBadCheckIn young_person_id=id.clone() first_name=name.clone() unseen/>
            })}
            {flags}
            <p class="person-meta">"Worker: " {person.worker_name}</p>
            <p class="person-meta">"Next review: " {review}</p>
            <div class="actions">
                <A href=href attr:class="button secondary">
                    {link_words}
                    <span class="visually-hidden">" for " {plan_name}</span>
                </A>
                <A href=format!("/young-people/{id}/goals") attr:class="button secondary">
                    "Goals"
                    <span class="visually-hidden">" for " {goals_name}</span>
                </A>
                <A href=format!("/young-people/{id}/feedback") attr:class="button secondary">
                    "Feedback"
                    <span class="visually-hidden">" from " {feedback_name}</span>
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
    // staff only
    let when = chrono::DateTime::parse_from_rfc3339(&unseen.at)
        .map(|at| crate::clock::moment_words(at.timestamp_millis() as f64))
        .unwrap_or_default();
    let more = (unseen.count > 1).then(|| format!(" ({} not seen yet)", unseen.count));
    let headline = format!("{first_name} checked in: really bad");
    move || match seen.answer() {
        Some(Ok(())) => view! {
            <p class="really-bad-seen" role="status">
                {format!("Marked as seen. {first_name}'s check-ins are on their Feedback page.")}
            </p>
        }
        .into_any(),
        _ => {
            let id = young_person_id.clone();
            view! {
                <div class="really-bad">
                    <p class="tag overdue">{headline.clone()}</p>
                    <p class="person-meta">{format!("Sent {when}{}", more.clone().unwrap_or_default())}</p>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            seen.send(id.clone());
                        }
                    >
                        {seen.words("Saving\u{2026}", "Seen")}
                        <span class="visually-hidden">{format!(": {first_name}'s check-in")}</span>
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
    let add = Sender::form(
        problems,
        |person: NewYoungPerson| async move { api::add_young_person(&person).await },
        move |_, result| {
            result?;
            first_name.set(String::new());
            problems.set(FormProblems::default());
            on_added();
            Ok(())
        },
    );
    let on_submit = add.on_submit(problems, move || {
        let person = NewYoungPerson {
            first_name: first_name.get_untracked().trim().to_owned(),
        };
        checked(person, NewYoungPerson::validate)
    });

    let invite = move || {
        add.answer()
            .and_then(Result::ok)
            .map(|invite| view! { <InviteCode invite/> })
    };

    view! {
        <section class="card" aria-labelledby="add-young-person">
            <h2 id="add-young-person">"Add a young person"</h2>
            <p>"You'll get a code to give them, so they can set up their own account."</p>
            <ErrorSummary title="Please check your answers" problems/>
            <form class="form" on:submit=on_submit novalidate>
                <Field
                    id="first_name"
                    label="First name"
                    hint="The name they like to be called."
                    autocomplete="off"
                    value=first_name
                    problems
                />
                <button type="submit" class="button">
                    {move || {
                        if add.pending() { "Adding them\u{2026}" } else { "Add and get a code" }
                    }}
                </button>
            </form>
            {invite}
        </section>
    }
}
