//! Safety for staff: the banner on every staff screen while a young person they support
//! has said they don't feel safe (held open by the server push, `push.rs`), the `/safety`
//! page where what was done is recorded, and a young person's recent check-ins.

use crate::api;
use crate::clock::day_of;
use crate::components::form::{checked, ErrorSummary, Field, FormProblems, Sender};
use crate::components::status::loaded;
use crate::staff::push::SafetyRefresh;
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
    let flags = LocalResource::new(move || {
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
        let names: Vec<String> = open.iter().map(|f| f.first_name.clone()).collect();
        let headline = if open.len() == 1 {
            format!("{} said they don't feel safe", names[0])
        } else {
            format!(
                "{} young people said they don't feel safe: {}",
                open.len(),
                names.join(", ")
            )
        };
        Some(view! {
            <section class="safety-banner" aria-label="Safety flags">
                <p role="alert"><strong>{headline}</strong></p>
                <A href="/safety" attr:class="button">"See it and record what you did"</A>
            </section>
        })
    }
}

/// `/safety`: the open flags of the young people a worker supports (a manager: their
/// team's), each with a place to record what was done, which closes it.
#[component]
pub fn SafetyFlagsPage() -> impl IntoView {
    let refresh = expect_context::<SafetyRefresh>();
    let flags = LocalResource::new(move || {
        refresh.0.track();
        api::open_safety_flags()
    });
    let saved = RwSignal::new(None::<String>);
    view! {
        <p><A href="/" attr:class="link-tap">"Back to your young people"</A></p>
        <h1>"Safety flags"</h1>
        {move || saved.get().map(|m| view! { <p class="card sent" role="status">{m}</p> })}
        {loaded(flags, "Getting safety flags\u{2026}", "We couldn't find the safety flags.", move |list| {
            Ok(match list? {
                list if list.is_empty() => view! {
                    <p class="card">"No open safety flags. Everyone who said they didn't feel safe has had something done about it."</p>
                }
                .into_any(),
                list => list
                    .into_iter()
                    .map(|flag| view! { <FlagCard flag saved/> })
                    .collect_view()
                    .into_any(),
            })
        })}
    }
}

#[component]
fn FlagCard(flag: SafetyFlag, saved: RwSignal<Option<String>>) -> impl IntoView {
    let refresh = expect_context::<SafetyRefresh>();
    let words = RwSignal::new(String::new());
    let problems = RwSignal::new(FormProblems::default());
    let flag_id = StoredValue::new(flag.id.clone());
    let field_id = format!("words-{}", flag.id);
    let first_name = flag.first_name.clone();
    // What the young person will read, apart from the staff-only note above it.
    let message = RwSignal::new(String::new());
    let message_id = format!("message-{}", flag.id);
    let save = Sender::form(
        problems,
        move |input: NewSafetyAction| {
            let id = flag_id.get_value();
            async move { api::act_on_safety_flag(&id, &input).await }
        },
        move |_, result| {
            let done = result?;
            saved.set(Some(format!(
                "Saved. {}'s flag is closed, and what you did is recorded.",
                done.first_name
            )));
            refresh.0.update(|n| *n += 1);
            Ok(())
        },
    );
    let on_submit = {
        let field_id = field_id.clone();
        let message_id = message_id.clone();
        save.on_submit(problems, move || {
            let to_them = message.get_untracked();
            let input = NewSafetyAction {
                words: words.get_untracked(),
                message: (!to_them.trim().is_empty()).then_some(to_them),
            };
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
        view! { <p class="their-words"><strong>"In their words: "</strong>{w}</p> }
    });
    view! {
        <article class="card danger safety-flag">
            <h2>{format!("{first_name} said they don't feel safe")}</h2>
            <p class="step-meta">{format!("Sent {}", day_of(&flag.raised_at))}</p>
            {their_words}
            <p>
                <A href=format!("/young-people/{}", flag.young_person_id) attr:class="link-tap">
                    {format!("{first_name}'s journey and contact details")}
                </A>
            </p>
            <form on:submit=on_submit novalidate>
                <ErrorSummary title="This needs a few words" problems id=format!("summary-{}", flag.id)/>
                <Field
                    id=field_id.clone()
                    label="What did you do?"
                    hint=format!("Who you spoke to and what was agreed. Staff only: {first_name} never sees this. Saving this closes the flag.")
                    value=words
                    problems
                    multiline=true
                />
                <Field
                    id=message_id.clone()
                    label=format!("A message for {first_name} (they will see this)")
                    hint=format!("You can leave this empty. {first_name} sees it on My Journey, with your name and when.")
                    value=message
                    problems
                    multiline=true
                />
                {save.button("Saving\u{2026}", "Save and close the flag")}
            </form>
        </article>
    }
}
