//! An invite code, shown big enough to read out across a room or copy onto paper.

use crate::clock::today;
use journey_core::dates::long_date;
use journey_core::Invite;
use leptos::prelude::*;

#[component]
pub fn InviteCode(invite: Invite) -> impl IntoView {
    let until = long_date(crate::i18n::lang(), invite.expires_on, today());
    let name = invite.first_name;
    view! {
        <div class="invite" role="status">
            <p class="invite-for">{format!("{name}'s code")}</p>
            <p class="invite-code">{invite.code}</p>
            <p class="invite-until">"Works until " {until}</p>
            <p>"Read it out or write it down. It works once."</p>
            <p class="hint">
                {name} " opens My Journey, taps \u{201c}Set up your account\u{201d} and types in "
                "this code."
            </p>
        </div>
    }
}
