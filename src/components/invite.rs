//! An invite code, shown big enough to read out across a room or copy onto paper.

use crate::clock::today;
use crate::i18n::t;
use journey_core::dates::long_date;
use journey_core::i18n::fill;
use journey_core::Invite;
use leptos::prelude::*;

#[component]
pub fn InviteCode(invite: Invite) -> impl IntoView {
    let until = long_date(crate::i18n::lang(), invite.expires_on, today());
    let name = [("name", invite.first_name.as_str())];
    let t = t();
    view! {
        <div class="invite" role="status">
            <p class="invite-for">{fill(t.common.invite_for, &name)}</p>
            <p class="invite-code">{invite.code}</p>
            <p class="invite-until">{fill(t.common.invite_until, &[("date", &until)])}</p>
            <p>{t.common.invite_read_out}</p>
            <p class="hint">{fill(t.common.invite_how, &name)}</p>
        </div>
    }
}
