//! The page for an address that isn't one of ours.

use crate::i18n::t;
use crate::route::A;
use crate::session::Session;
use journey_core::Role;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let session = Session::get();
    let t = t();
    let home = move || match session.role() {
        Some(Role::YoungPerson) => t.not_found.go_journey,
        Some(Role::Worker | Role::Manager) => t.not_found.go_young_people,
        None => t.not_found.go_start,
    };
    view! {
        <h1>{t.not_found.title}</h1>
        <p class="lead">{t.not_found.lead}</p>
        <A href="/" class="button">{home}</A>
    }
}
