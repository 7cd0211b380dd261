//! Safety for staff: the banner on every staff screen while a young person they support
//! has said they don't feel safe (held open by the server push, `push.rs`), the `/safety`
//! page where what was done is recorded, and a young person's recent check-ins.

use crate::api;
use crate::clock::day_of;
use crate::components::draft::{forget, Draft};
use crate::components::fetched::Fetched;
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, Sender};
use crate::components::status::loaded;
use crate::staff::push::SafetyRefresh;
use journey_core::i18n::fill;
use journey_core::{NewSafetyAction, SafetyFlag};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

const BANNER_CHECK_SECS: u64 = 60;

/// At the top of every staff screen while any young person they support has an open
/// safety flag. It holds the screen's server push connection (`push.rs`), so the push is
/// open exactly while a worker or manager is signed in.
#[component]
pub fn SafetyBanner() -> impl IntoView {
    let location = use_location();
    let refresh = expect_context::<SafetyRefresh>();
    // Told by the server the moment a flag is raised or closed (this page and /safety
    // look again), on every open staff screen.
    let pushed =
        crate::staff::push::safety_events(move || refresh.0.update(|n| *n = n.wrapping_add(1)));
    // Only while that push is not connected: looks again every minute instead.
    let tick = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if !pushed.get_untracked() {
                tick.update(|n| *n = n.wrapping_add(1));
            }
        },
        std::time::Duration::from_secs(BANNER_CHECK_SECS),
    ) {
        on_cleanup(move || handle.clear());
    }
    let flags = Fetched::new(move || {
        location.pathname.track();
        refresh.0.track();
        tick.track();
        api::open_safety_flags()
    });
    move || {
        let open = match flags.get() {
            Some(Ok(list)) if !list.is_empty() => list,
            _ => return None,
        };
        let words = &crate::staff::words::t().staff;
        let names: Vec<String> = open.iter().map(|f| f.first_name.clone()).collect();
        let headline = if open.len() == 1 {
            fill(words.not_safe_one, &[("name", &names[0])])
        } else {
            fill(
                words.not_safe_many,
                &[("n", &open.len().to_string()), ("names", &names.join(", "))],
            )
        };
        Some(view! {
            <section class="safety-banner" aria-label=words.safety_flags>
                <p role="alert"><strong>{headline}</strong></p>
                <A href="/safety" attr:class="button">{words.safety_see}</A>
            </section>
        })
    }
}

/// `/safety`: the open flags of the young people a worker supports (a manager: their
/// team's), each with a place to record what was done, which closes it.
#[component]
pub fn SafetyFlagsPage() -> impl IntoView {
    let refresh = expect_context::<SafetyRefresh>();
    let flags = Fetched::new(move || {
        refresh.0.track();
        api::open_safety_flags()
    });
    let saved = RwSignal::new(None::<String>);
    // Each card's saving belongs to the page: closing a flag makes the server push (or
    // the answer) load the list again, which draws the cards anew, and the card that
    // sent may be gone before its answer comes. "Saved" must still be said.
    let page = Owner::current().unwrap_or_default();
    let t = crate::staff::words::t();
    let words = &t.staff;
    view! {
        <p><A href="/" attr:class="link-tap">{t.common.back_to_young_people}</A></p>
        <h1>{words.safety_flags}</h1>
        {move || saved.get().map(|m| view! { <p class="card sent" role="status">{m}</p> })}
        {loaded(flags, words.safety_loading, words.safety_not_found, move |list| {
            Ok(match list? {
                list if list.is_empty() => view! {
                    <p class="card">{words.safety_none}</p>
                }
                .into_any(),
                list => list
                    .into_iter()
                    .map(|flag| view! { <FlagCard flag saved page=page.clone()/> })
                    .collect_view()
                    .into_any(),
            })
        })}
    }
}

#[component]
fn FlagCard(flag: SafetyFlag, saved: RwSignal<Option<String>>, page: Owner) -> impl IntoView {
    let refresh = expect_context::<SafetyRefresh>();
    let t = crate::staff::words::t();
    let staff = &t.staff;
    let words = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let flag_id = StoredValue::new(flag.id.clone());
    let field_id = format!("words-{}", flag.id);
    let first_name = flag.first_name.clone();
    // What the young person will read, apart from the staff-only note above it.
    let message = RwSignal::new(String::new());
    let message_id = format!("message-{}", flag.id);
    // Half-written, kept on this device: a flag arriving for someone else (or a reload)
    // draws the cards anew, and what was typed comes back. Gone once saved.
    let draft_name = format!("safety-action.{}", flag.id);
    Draft::keep(
        draft_name.clone(),
        move || (words.get(), message.get()),
        move |(kept_words, kept_message): (String, String)| {
            words.set(kept_words);
            message.set(kept_message);
        },
    );
    // The same until it is saved, so Save again after no answer records it once.
    let client_id = api::ClientId::new();
    let save = page.with(|| {
        Sender::form(
            problems,
            move |input: NewSafetyAction| {
                let id = flag_id.get_value();
                async move { api::act_on_safety_flag(&id, &input).await }
            },
            move |_, result| {
                let done = result?;
                client_id.saved();
                forget(&draft_name);
                saved.set(Some(fill(
                    staff.safety_saved,
                    &[("name", &done.first_name)],
                )));
                refresh.0.update(|n| *n += 1);
                Ok(())
            },
        )
    });
    let on_submit = {
        let field_id = field_id.clone();
        let message_id = message_id.clone();
        save.on_submit(problems, move || {
            let to_them = message.get_untracked();
            let mut input = NewSafetyAction {
                words: words.get_untracked(),
                message: (!to_them.trim().is_empty()).then_some(to_them),
                client_id: None,
            };
            input.client_id = Some(client_id.for_sending(&input));
            let input = checked(input, NewSafetyAction::validate).map_err(|mut found| {
                for e in &mut found.fields {
                    e.field = if e.field == "message" {
                        message_id.clone()
                    } else {
                        field_id.clone()
                    };
                }
                found
            })?;
            problems.set(FormProblems::default());
            Ok(input)
        })
    };
    let their_words = flag.words.clone().map(|w| {
        view! { <p class="their-words"><strong>{t.staff_view.in_their_words}" "</strong>{w}</p> }
    });
    let name = [("name", first_name.as_str())];
    let journey_link = fill(staff.journey_and_contact, &name);
    let what_hint = fill(staff.what_you_did_hint, &name);
    let message_label = fill(staff.message_label, &name);
    let message_hint = fill(staff.message_hint, &name);
    view! {
        <article class="card danger safety-flag">
            <h2>{fill(staff.not_safe_one, &name)}</h2>
            <p class="step-meta">{fill(staff.sent, &[("when", &day_of(&flag.raised_at))])}</p>
            {their_words}
            <p>
                <A href=format!("/young-people/{}", flag.young_person_id) attr:class="link-tap">
                    {journey_link}
                </A>
            </p>
            <form on:submit=on_submit novalidate>
                <ErrorSummary title=staff.safety_not_saved problems id=format!("summary-{}", flag.id)/>
                <Field
                    id=field_id.clone()
                    label=staff.what_you_did
                    hint=what_hint
                    value=words
                    problems
                    multiline=true
                />
                <Field
                    id=message_id.clone()
                    label=message_label
                    hint=message_hint
                    value=message
                    problems
                    multiline=true
                />
                {save.button(t.common.saving, staff.save_and_close)}
            </form>
        </article>
    }
}
