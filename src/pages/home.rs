//! `/`: each person's own home. A young person sees their journey; a worker or manager
//! sees the young people they support.

use crate::components::status::Problem;
use crate::i18n::t;
use crate::pages::journey::{JourneyPage, Reader};
use crate::pages::young_people::YoungPeoplePage;
use crate::session::Session;
use journey_core::Role;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = Session::get();
    let who = Memo::new(move |_| {
        session
            .me()
            .map(|me| (me.role, me.young_person_id.map(|id| id.to_string())))
    });
    let t = t();
    move || match who.get() {
        Some((Role::YoungPerson, Some(id))) => {
            view! { <JourneyPage young_person_id=id reader=Reader::TheYoungPerson/> }.into_any()
        }
        Some((Role::YoungPerson, None)) => view! {
            <h1>{t.journey.title}</h1>
            <Problem
                message=t.home.no_plan
                on_retry=move || session.check()
            />
        }
        .into_any(),
        Some((Role::Worker | Role::Manager, _)) => view! { <YoungPeoplePage/> }.into_any(),
        None => ().into_any(),
    }
}
