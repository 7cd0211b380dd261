//! The young person hears back: after a "Really bad" check-in, a kind offer of "I don't
//! feel safe" (never a flag unless they choose); and on My Journey, after "I don't feel
//! safe", that they were heard: who did something about it, when, and any message the
//! worker wrote to them (never the staff-only note, which the server does not send them).

use crate::api;
use crate::components::card::card;
use crate::components::fetched::Fetched;
use crate::components::help_now::NotSafeLink;
use crate::components::help_now::{now, HelpNow};
use crate::components::once::effect;
use crate::components::outbox::Outbox;
use crate::components::soon::Once;
use crate::i18n::{lang, t};
use chrono::NaiveDate;
use journey_core::checkin::{flag_to_show, safety_told, said_when};
use journey_core::i18n::fill;
use journey_core::SafetyFlag;
use leptos::prelude::*;

/// A stored moment on this phone's clock, said in a sentence: "today at 22:10".
fn when(at: &str) -> String {
    let Some(at) = journey_core::iso::parse_moment(at) else {
        return String::new();
    };
    let moment = js_sys::Date::new(&(at.timestamp_millis() as f64).into());
    let local = NaiveDate::from_ymd_opt(
        moment.get_full_year() as i32,
        moment.get_month() + 1,
        moment.get_date(),
    )
    .and_then(|day| day.and_hms_opt(moment.get_hours(), moment.get_minutes(), 0))
    .unwrap_or_else(|| at.naive_utc());
    said_when(lang(), local, crate::clock::today())
}

/// After a "Really bad" check-in: "Do you want to tell someone now?", with the way to
/// "I don't feel safe". Nothing is sent unless they choose it; "Not now" puts it away.
#[component]
pub fn ReallyBadOffer(#[prop(into)] show: Signal<bool>) -> impl IntoView {
    let put_away = RwSignal::new(false);
    // A new "Really bad" check-in offers it again.
    effect(Box::new(move || {
        if !show.get() {
            put_away.set(false);
        }
    }));
    let words = &t().care;
    move || {
        (show.get() && !put_away.get()).then(|| {
            view! {
                {card("really-bad-title", words.really_bad_title, "really-bad-offer", view! {
                    <p>{words.really_bad_body}</p>
                    <NotSafeLink/>
                    <button type="button" class="button secondary" on:click=move |_| put_away.set(true)>
                        {words.really_bad_not_now}
                    </button>
                }.into_any())}
            }
        })
    }
}

/// On My Journey: the young person's latest "I don't feel safe" of the last two weeks,
/// and what happened; out of hours, 24-hour help too. What is under it on the page
/// (`children`) waits for the answer, so the card never pushes it down when it comes;
/// but never more than [`WAIT_FOR_FLAGS`], so a hung answer cannot hold the page.
/// `worker` is their worker's first name (`None` inside while the journey is on its way),
/// from the journey the page has already asked for (not asked for again). The card waits
/// for it too, so its words do not change, and grow, under what follows.
#[component]
pub fn HeardBack(
    #[prop(into)] young_person_id: String,
    #[prop(into)] worker: Signal<Option<Option<String>>>,
    children: Children,
) -> impl IntoView {
    let id = StoredValue::new(young_person_id);
    let flags = Fetched::new(move || {
        let id = id.get_value();
        async move { api::safety_flags(&id).await }
    });
    let waited = RwSignal::new(false);
    set_timeout(
        move || {
            let _ = waited.try_set(true);
        },
        WAIT_FOR_FLAGS,
    );
    // Out of hours the card has 24-hour help under it, once the hours have come.
    let help_came = RwSignal::new(false);
    // The flag the card tells of, if any: the card and the wait below read it alike.
    let to_show = move || {
        let flags = flags.get()?.ok()?;
        flag_to_show(&flags, now()).cloned()
    };
    let card = move || {
        let flag = to_show()?;
        // Until the journey has come, the card would not know who was told.
        if worker.with(Option::is_none) && !waited.get() {
            return None;
        }
        let worker = Signal::derive(move || worker.get().flatten());
        Some(view! { <HeardBackCard flag worker help_came/> })
    };
    let answered = move || {
        flags.get().is_some()
            && worker.with(Option::is_some)
            && (to_show().is_none() || help_came.get())
    };
    view! {
        {card}
        <Once when=move || waited.get() || answered()>{children()}</Once>
    }
}

/// How long what is under the "heard back" card waits for its answer (usually there
/// already: it is asked for while the app downloads).
const WAIT_FOR_FLAGS: std::time::Duration = std::time::Duration::from_secs(2);

#[component]
fn HeardBackCard(
    flag: SafetyFlag,
    worker: Signal<Option<String>>,
    help_came: RwSignal<bool>,
) -> impl IntoView {
    let words = &t().care;
    // Who has been told and how (in the app, and by email when the server sends one): the
    // same words as when it was sent.
    let outbox = Outbox::get();
    let told = move || {
        let lang = lang();
        format!(
            "{} {}",
            safety_told(lang, worker.get().as_deref(), outbox.safety_email()),
            lang.text().care.heard_in_touch
        )
    };
    let raised = fill(words.heard_raised, &[("when", &when(&flag.raised_at))]);
    let latest = flag.actions.last().cloned();
    let what_happened = match latest {
        None => view! { <p>{told}</p> }.into_any(),
        Some(action) => {
            let acted = fill(
                words.heard_acted,
                &[("who", &action.by), ("when", &when(&action.at))],
            );
            let message = action.message.map(|message| {
                let from = fill(words.heard_message, &[("who", &action.by)]);
                view! {
                    <p class="heard-from"><strong>{from}</strong></p>
                    <blockquote class="their-words heard-message">{message}</blockquote>
                }
            });
            view! {
                <p class="heard-acted">{acted}</p>
                {message}
            }
            .into_any()
        }
    };
    view! {
        {card("heard-back-title", words.heard_title, "sent heard-back", view! {
            <p>{raised}</p>
            {what_happened}
        }.into_any())}
        <HelpNow came=help_came/>
    }
}
