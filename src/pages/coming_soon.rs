//! Screens that are not built yet say so honestly, and say what they will be for.

use crate::session::{Session, Status};
use journey_core::Role;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
fn Soon(text: &'static str) -> impl IntoView {
    view! {
        <div class="card soon">
            <h2>"Coming soon"</h2>
            <p>{text}</p>
        </div>
    }
}

#[component]
pub fn HelpPage() -> impl IntoView {
    let session = Session::get();
    view! {
        <h1>"Help"</h1>
        <p class="lead">"Things that can help, and how to tell us if something is wrong."</p>
        <aside class="card danger" aria-labelledby="danger-title">
            <h2 id="danger-title">"If you are in danger now"</h2>
            <p>"Call 999. It is free, and you can call from any phone."</p>
            <a class="button" href="tel:999">"Call 999"</a>
        </aside>
        <Soon text="Soon this page will explain how to make a complaint, how to get an \
                    advocate (someone on your side) and who else you can talk to."/>
        {move || (session.status() == Status::SignedOut).then(|| view! {
            <p><A href="/sign-in" attr:class="link-tap">"Go to sign in"</A></p>
        })}
    }
}

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
