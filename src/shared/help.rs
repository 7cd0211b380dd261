//! Help: what to do in danger, that it is OK to complain, the steps and how long each
//! takes, advocates, who else can help, and what is private. The words come from the
//! organisation (`GET /api/v1/help`); only the emergency box has a fallback, so it shows
//! even with no signal. A young person can tell us something's wrong and follow what
//! happens; a manager answers concerns from their team.

use crate::api;
use crate::clock::today;
use crate::components::card::{card, card_with};
use crate::components::concerns::ConcernSummary;
use crate::components::draft::Draft;
use crate::components::fetched::Fetched;
use crate::components::form::{focus_soon, ErrorSummary, Field, FormProblems, Radio, Sender};
use crate::components::help_now::NotSafeLink;
use crate::components::help_words::{DangerBox, HelpWords};
use crate::components::once::effect;
use crate::components::status::loaded;
use crate::components::who_can_see::WhoCanSee;
use crate::i18n::{lang, later, t};
use crate::route::A;
use crate::session::{Session, Status};
use crate::store;
use journey_core::concern::STAGE_ONE_WORKING_DAYS;
use journey_core::dates::friendly_date;
use journey_core::i18n::fill;
use journey_core::WhatIsSent;
use journey_core::{Concern, ConcernAbout, ConcernReader, NewConcern, Role, WhoSees};
use leptos::prelude::*;

#[component]
pub fn HelpPage() -> impl IntoView {
    let session = Session::get();
    let help = Fetched::new(|| api::help(lang()));
    let t = &later().help;
    view! {
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        {move || match help.get() {
            Some(Ok(page)) => view! {
                <DangerBox words=page.content.danger_words.clone() phone=page.content.danger_phone.clone() lang=lang()/>
            }
            .into_any(),
            _ => view! { <DangerBox words=t.danger_fallback.into() phone="999".into() lang=lang()/> }
                .into_any(),
        }}
        {move || match session.role() {
            Some(Role::YoungPerson) => Some(view! {
                {card("tell-us", t.tell_us, "tell-us", view! {
                    <p>{t.tell_us_body}</p>
                    <div class="actions">
                        <A href="/help/tell-us" class="button">{t.tell_us}</A>
                        <A href="/help/your-concerns" class="button secondary">{t.your_concerns}</A>
                    </div>
                }.into_any())}
                {card("not-safe-help", t.not_safe_title, "", view! {
                    <p>{t.not_safe_body}</p>
                    <NotSafeLink/>
                }.into_any())}
            }
            .into_any()),
            Some(Role::Manager) => Some(view! {
                <p><A href="/concerns" class="button">{crate::i18n::later().staff_view.concerns_link}</A></p>
            }
            .into_any()),
            _ => None,
        }}
        {loaded(help, t.loading, t.not_found, |page| {
            let page = page?;
            // The organisation's own words may be in another language than the screen.
            let content_lang = (page.lang != lang()).then(|| page.lang.code());
            Ok(view! { <HelpWords content=page.content content_lang lang=lang()/> }.into_any())
        })}
        {move || (session.status() == Status::SignedOut).then(|| view! {
            <p><A href="/sign-in" class="link-tap">{t.go_sign_in}</A></p>
        })}
    }
}

fn young_person_id() -> Option<String> {
    Session::get().young_person_id()
}

/// "Tell us something's wrong": one short form, each part explained, then a
/// confirmation with the reference and what happens next.
/// What "Tell us something's wrong" keeps on the phone until it is sent.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct ConcernDraft {
    about: Option<ConcernAbout>,
    words: String,
    what_would_help: String,
    worker_sees_too: bool,
}

#[component]
pub fn TellUsPage() -> impl IntoView {
    let about = RwSignal::new(None::<ConcernAbout>);
    let words = RwSignal::new(String::new());
    let what_would_help = RwSignal::new(String::new());
    let who_sees = RwSignal::new(WhoSees::Manager);
    let problems = RwSignal::new(FormProblems::default());
    // Kept on the phone as it is typed, like every form; quick exit and signing out
    // remove it, and "this phone is shared" keeps nothing.
    let kept = Draft::keep(
        store::CONCERN_DRAFT,
        move || ConcernDraft {
            about: about.get(),
            words: words.get(),
            what_would_help: what_would_help.get(),
            worker_sees_too: who_sees.get() == WhoSees::ManagerAndWorker,
        },
        |found: ConcernDraft| {
            about.set(found.about);
            words.set(found.words);
            what_would_help.set(found.what_would_help);
            if found.worker_sees_too {
                who_sees.set(WhoSees::ManagerAndWorker);
            }
        },
    );
    // Who reads it, by the server's rule for this young person's worker as they are now
    // (a concern about a worker who is a manager goes to someone else). Until it is known
    // (no signal), the usual: the worker's manager; the confirmation says who it went to.
    let routes = Fetched::new(move || {
        let id = young_person_id().unwrap_or_default();
        async move { api::concern_routes(&id).await }
    });
    let reader = Signal::derive(move || {
        let routes = routes.get().and_then(Result::ok).unwrap_or_default();
        about
            .get()
            .map(|about| routes.reader(about))
            .unwrap_or_default()
    });
    let client_id = api::ClientId::new();
    let sent = RwSignal::new(None::<Concern>);
    let send = Sender::form(
        problems,
        move |concern: NewConcern| {
            let id = young_person_id().unwrap_or_default();
            async move { api::raise_concern(&id, &concern).await }
        },
        move |_, result| {
            let concern = result?;
            problems.set(FormProblems::default());
            kept.clear();
            sent.set(Some(concern));
            focus_soon("sent-title");
            Ok(())
        },
    );
    // About their worker: only the manager sees it.
    effect(Box::new(move || {
        if about.get() == Some(ConcernAbout::MyWorker) {
            who_sees.set(WhoSees::Manager);
        }
    }));
    let on_submit = send.on_submit(problems, move || {
        let mut missing = Vec::new();
        if about.get_untracked().is_none() {
            missing.push(journey_core::FieldError::new(
                "about",
                t().problems.choose_about,
            ));
        }
        // Kept exactly as typed: nothing is trimmed.
        let help = what_would_help.get_untracked();
        let mut concern = NewConcern {
            client_id: String::new(),
            about: about.get_untracked().unwrap_or(ConcernAbout::SomethingElse),
            words: words.get_untracked(),
            what_would_help: (!help.trim().is_empty()).then_some(help),
            who_sees: who_sees.get_untracked(),
        };
        concern.client_id = client_id.for_sending(&concern);
        if let Err(errors) = concern.validate() {
            missing.extend(errors.fields().iter().cloned());
        }
        if missing.is_empty() {
            Ok(concern)
        } else {
            Err(FormProblems::fields(missing))
        }
    });
    let about_error = Memo::new(move |_| problems.with(|p| p.field("about")));
    let about_choice = move |choice: ConcernAbout, key: &'static str, label: &'static str| {
        // The summary links to the first choice.
        let id = if choice == ConcernAbout::MyWorker {
            "about".to_owned()
        } else {
            format!("about-{key}")
        };
        view! {
            <Radio
                id
                name="about"
                value=key
                checked=move || about.get() == Some(choice)
                on_pick=move || about.set(Some(choice))
            >
                {label}
            </Radio>
        }
    };
    let who_choice = move |choice: WhoSees, id: &'static str| {
        view! {
            <Radio
                id
                name="who_sees"
                value=id
                checked=move || who_sees.get() == choice
                on_pick=move || who_sees.set(choice)
            >
                {choice.label(lang())}
            </Radio>
        }
    };
    let t = t();
    let w = &later().help;
    let form = move || {
        view! {
            <p class="lead">{w.tell_lead}</p>
            <form class="form" on:submit=on_submit novalidate>
                <ErrorSummary title=w.not_sent_yet problems/>
                <fieldset class="choices" class:has-error=move || about_error.get().is_some()>
                    <legend>{w.what_about}</legend>
                    <p class="hint">{w.what_about_hint}</p>
                    {move || about_error.get().map(|message| view! {
                        <p class="error-message" id="about-error">
                            <span class="visually-hidden">{t.problems.problem}" "</span>{message}
                        </p>
                    })}
                    {about_choice(ConcernAbout::MyWorker, "my-worker", w.my_worker)}
                    {about_choice(ConcernAbout::SomethingElse, "something-else", w.something_else)}
                </fieldset>
                <Field
                    id="words"
                    label=w.whats_wrong
                    hint=w.whats_wrong_hint
                    value=words
                    problems
                    multiline=true
                />
                <Field
                    id="what_would_help"
                    label=w.what_would_help
                    hint=w.what_would_help_hint
                    value=what_would_help
                    problems
                    multiline=true
                />
                <fieldset class="choices">
                    <legend>{w.who_will_see}</legend>
                    {move || if about.get() == Some(ConcernAbout::MyWorker) {
                        let lang = lang();
                        match reader.get() {
                            ConcernReader::WorkerManager => view! {
                                <p class="hint">{w.about_worker_hint}</p>
                            }
                            .into_any(),
                            // No one but them could read it: say so, and where help is.
                            ConcernReader::NoOne => view! {
                                <p class="hint">{ConcernReader::NoOne.label(lang, WhoSees::Manager)}</p>
                                <p><A href="/help" class="link-tap">{w.title}</A></p>
                            }
                            .into_any(),
                            other => view! {
                                <p class="hint">{other.label(lang, WhoSees::Manager)}</p>
                            }
                            .into_any(),
                        }
                    } else {
                        view! {
                            <p class="hint">{w.manager_always}</p>
                            {who_choice(WhoSees::Manager, "who_sees")}
                            {who_choice(WhoSees::ManagerAndWorker, "who-sees-both")}
                        }
                        .into_any()
                    }}
                </fieldset>
                {move || (reader.get() != ConcernReader::NoOne).then(|| view! {
                    <WhoCanSee sending=Signal::derive(move || WhatIsSent::Concern(who_sees.get(), reader.get()))/>
                })}
                {send.button(w.sending, w.send)}
            </form>
            {card("not-safe-title", w.not_safe_title, "", view! {
                <p>{w.not_safe_body}</p>
                <NotSafeLink/>
            }.into_any())}
        }
    };
    view! {
        <p><A href="/help" class="link-tap">{w.back}</A></p>
        <h1>{w.tell_us}</h1>
        {move || match sent.get() {
            Some(concern) => view! { <Sent concern/> }.into_any(),
            None => form().into_any(),
        }}
    }
}

#[component]
fn Sent(concern: Concern) -> impl IntoView {
    let today = today();
    let lang = lang();
    let t = &lang.later().help;
    let (before, after) = t
        .reference
        .split_once("{reference}")
        .unwrap_or((t.reference, ""));
    view! {
        {card_with("sent-title", t.sent_title, "confirmation-panel", true, None, view! {
            <p class="reference">{before}<strong>{concern.reference.clone()}</strong>{after}</p>
            <p>{t.reference_use}</p>
            <h3>{t.who_will_see_it}</h3>
            <p>{concern.sees.label(lang, concern.who_sees)}</p>
            {(concern.sees == ConcernReader::NoOne).then(|| view! {
                <p><A href="/help" class="link-tap">{t.title}</A></p>
            })}
            <h3>{t.what_next}</h3>
            <p>
                {if concern.sees == ConcernReader::NoOne {
                    // No one can answer it yet: never a date nobody will keep.
                    t.no_one_next.to_owned()
                } else {
                    fill(
                        t.answer_within,
                        &[
                            ("days", &STAGE_ONE_WORKING_DAYS.to_string()),
                            ("date", &friendly_date(lang, concern.due_on, today)),
                        ],
                    )
                }}
            </p>
            <p>{t.see_answer}</p>
            <p class="status-line">{t.status}" "<strong>{concern.status.label(lang)}</strong></p>
            <A href="/help/your-concerns" class="button">{t.your_concerns}</A>
        }.into_any())}
    }
}

/// The young person's concerns, each with its status and any answer.
#[component]
pub fn YourConcernsPage() -> impl IntoView {
    let concerns = Fetched::new(move || {
        let id = young_person_id().unwrap_or_default();
        async move { api::concerns(&id).await }
    });
    let t = &later().help;
    view! {
        <p><A href="/help" class="link-tap">{t.back}</A></p>
        <h1>{t.your_concerns}</h1>
        <p class="lead">{t.concerns_lead}</p>
        {loaded(concerns, t.concerns_loading, t.concerns_not_found, move |list| Ok(match list? {
            list if list.is_empty() => view! {
                <div class="card">
                    <p>{t.none_yet}</p>
                    <A href="/help/tell-us" class="button">{t.tell_us}</A>
                </div>
            }
            .into_any(),
            list => {
                let today = today();
                view! {
                    <ul class="concerns">
                        {list.into_iter().map(|concern| view! {
                            <li class="card concern">
                                <ConcernSummary
                                    concern
                                    today
                                    yours=true
                                    on_changed=Callback::new(move |()| concerns.refetch())
                                />
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        }))}
    }
}
