//! Screens that are not built yet say so honestly, and say what they will be for.

use crate::session::Session;
use journey_core::Role;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
fn ComingSoon(title: &'static str, intro: &'static str, soon: &'static str) -> impl IntoView {
    view! {
        <h1>{title}</h1>
        <p class="lead">{intro}</p>
        <Soon text=soon/>
    }
}

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
pub fn GoalsPage() -> impl IntoView {
    view! {
        <ComingSoon
            title="Goals"
            intro="Your goals are the things you want to work on, in your own words."
            soon="Soon you and your worker will be able to write your goals here together, and \
                  each time you meet you can say how close you feel to each one."
        />
    }
}

#[component]
pub fn FeedbackPage() -> impl IntoView {
    view! {
        <ComingSoon
            title="Feedback"
            intro="After each session you can tell us how it went. You can skip anything you \
                   don't want to answer."
            soon="Soon you'll find a short form here with faces and sliders. It takes less \
                  than a minute."
        />
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
