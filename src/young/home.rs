//! `/`: a young person's home is their journey.

use crate::components::journey::JourneyPage;
use crate::components::reader::Reader;
use crate::components::status::Problem;
use crate::i18n::t;
use crate::session::Session;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = Session::get();
    let id = Memo::new(move |_| {
        session
            .me()
            .map(|me| me.young_person_id.map(|id| id.to_string()))
    });
    let t = t();
    move || match id.get() {
        Some(Some(id)) => view! { <JourneyPage
            young_person_id=id
            reader=Reader::TheYoungPerson
            view_form=crate::young::lazy::view_form
        /> }
        .into_any(),
        Some(None) => view! {
            <h1>{t.journey.title}</h1>
            <Problem
                message=t.home.no_plan
                on_retry=move || session.check()
            />
        }
        .into_any(),
        None => ().into_any(),
    }
}
