//! 24-hour help after "I don't feel safe": outside the organisation's hours (from the
//! Help content, in UK time) the young person is told their worker may not see it until
//! the morning, and given Childline and the organisation's out-of-hours number. On My
//! Journey (after a flag) and on the "We've told them" card of `/not-safe`.

use crate::api;
use crate::components::card::card;
use crate::components::fetched::Fetched;
use crate::components::once::effect;
use crate::i18n::{lang, t};
use crate::route::A;
use chrono::{DateTime, Utc};
use journey_core::i18n::fill;
use journey_core::phone::tel_href;
use journey_core::{HelpHours, CHILDLINE_PHONE};
use leptos::prelude::*;

/// Now, from the phone's clock, as a moment (the UK's hours are worked out from it).
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Whether to show 24-hour help now: outside the organisation's hours, or when the help
/// content can't be read (no signal): better shown once too often than missing.
pub fn help_now_needed(help: Option<&HelpHours>, at: DateTime<Utc>) -> bool {
    help.is_none_or(|help| help.out_of_hours(at))
}

/// The 24-hour help card, shown only out of hours. `came` is set once the hours (or a
/// failure) have come, so what is under it can wait for it instead of being pushed down.
#[component]
pub fn HelpNow(#[prop(optional)] came: Option<RwSignal<bool>>) -> impl IntoView {
    let help = Fetched::new(move || api::help_hours(lang()));
    effect(Box::new(move || {
        if let Some(came) = came {
            if help.get().is_some() {
                came.set(true);
            }
        }
    }));
    move || {
        // Wait for an answer (or a failure) before deciding.
        let loaded = help.get()?;
        let content = loaded.ok();
        help_now_needed(content.as_ref(), now())
            .then(|| view! { <HelpNowCard out_of_hours_phone=content.and_then(|c| c.out_of_hours_phone)/> })
    }
}

#[component]
fn HelpNowCard(out_of_hours_phone: Option<String>) -> impl IntoView {
    let words = &t().care;
    let call = t().how_im_doing.call;
    let number = |label: &'static str, phone: String| {
        view! {
            <li>
                <p><strong>{label}</strong>" "{phone.clone()}</p>
                <a class="button secondary" href=tel_href(&phone)>{fill(call, &[("phone", &phone)])}</a>
            </li>
        }
    };
    view! {
        {card("help-now-title", words.help_now_title, "help-now", view! {
            <p>{words.help_now_body}</p>
            <ul class="help-now-numbers">
                {number(words.help_now_childline, CHILDLINE_PHONE.to_owned())}
                {out_of_hours_phone.map(|phone| number(words.help_now_ours, phone))}
            </ul>
        }.into_any())}
    }
}

/// The way to "I don't feel safe", from anywhere a young person writes to us.
#[component]
pub fn NotSafeLink() -> impl IntoView {
    view! {
        <p class="not-safe-link">
            <A href="/not-safe" class="button not-safe">{t().how_im_doing.not_safe}</A>
        </p>
    }
}
