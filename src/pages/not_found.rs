//! The page for an address that isn't one of ours.

use crate::session::Session;
use journey_core::Role;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let session = Session::get();
    let home = move || match session.role() {
        Some(Role::YoungPerson) => "Go to My Journey",
        Some(Role::Worker | Role::Manager) => "Go to your young people",
        None => "Go to the start",
    };
    view! {
        <h1>"We can't find that page"</h1>
        <p class="lead">"The address might be wrong, or the page might have moved."</p>
        <A href="/" attr:class="button">{home}</A>
    }
}
