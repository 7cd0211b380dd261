//! `/review-preps`: for whoever chairs reviews (for children in care, the Independent
//! Reviewing Officer), what young people wrote to get ready for them, when they chose to
//! share it with them, with "I've read this". Nothing else of those young people's.

use crate::api;
use crate::components::fetched::Fetched;
use crate::components::review_prep::PrepCard;
use crate::components::status::loaded;
use crate::staff::words::t;
use leptos::prelude::*;

#[component]
pub fn SharedPrepsPage() -> impl IntoView {
    let t = t();
    let shared_list = Fetched::new(api::shared_review_preps);
    view! {
        <h1>{t.review_screens.staff_shared_title}</h1>
        <p class="lead">{t.review_screens.staff_shared_intro}</p>
        {loaded(shared_list, t.journey.loading_theirs, t.review_screens.staff_shared_none, move |found| Ok(match found? {
            list if list.is_empty() => view! {
                <div class="card"><p>{t.review_screens.staff_shared_none}</p></div>
            }
            .into_any(),
            list => list
                .into_iter()
                .map(|shared| {
                    let name = shared.first_name.clone();
                    let label = name.clone();
                    view! {
                        <section class="card" aria-label=label>
                            <h2>{name}</h2>
                            <PrepCard
                                young_person_id=shared.young_person_id.to_string()
                                prep=shared.prep
                                on_read=Callback::new(move |()| shared_list.refetch())
                            />
                        </section>
                    }
                })
                .collect_view()
                .into_any(),
        }))}
    }
}
