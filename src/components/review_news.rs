//! On My Journey, in "Your review": "Get ready for my review" (offered from two weeks
//! before it, and a link any time), what was decided at the last recorded review, and who
//! read what the young person wrote for it ("Sam read what you wrote for your review").
//! From its own request (`GET .../reviews`), not the journey's, so My Journey stays fast.

use crate::api;
use crate::clock::today;
use crate::components::fetched::Fetched;
use crate::components::outbox::Outbox;
use crate::i18n::{lang, t};
use crate::route::A;
use chrono::NaiveDate;
use journey_core::dates::long_date;
use journey_core::i18n::fill;
use journey_core::review::offer_review_prep;
use leptos::prelude::*;

#[component]
pub fn ReviewNews(young_person_id: String, next_review: NaiveDate) -> impl IntoView {
    let (t, lang) = (t(), lang());
    let today = today();
    let outbox = Outbox::get();
    let news = Fetched::new(move || {
        // Sent from the outbox since: read again.
        outbox.sent();
        let id = young_person_id.clone();
        async move { api::reviews(&id).await.ok() }
    });
    let offer = if offer_review_prep(next_review, today) {
        let date = long_date(lang, next_review, today);
        view! {
            <div class="get-ready">
                <p>{fill(t.review.coming_up, &[("date", &date)])}</p>
                <A href="/review" class="button">{t.review.any_time}</A>
            </div>
        }
        .into_any()
    } else {
        view! { <p><A href="/review" class="link-tap">{t.review.any_time}</A></p> }.into_any()
    };
    let news =
        move || {
            news.get().flatten().map(|news| {
                let decided = news.reviews.into_iter().next().map(|review| {
                    let held = long_date(lang, review.held_on, today);
                    view! {
                        <div class="review-decided">
                            <h3>{t.review.decided_title}</h3>
                            <p>{fill(t.review.decided_on, &[("date", &held)])}</p>
                            <p class="prose">{review.decisions}</p>
                        </div>
                    }
                });
                let reads = news
                .prep_read_by
                .into_iter()
                .map(|read| {
                    let name = read.by.split_whitespace().next().unwrap_or_default().to_owned();
                    view! { <p class="read-by">{fill(t.review.read_by, &[("name", &name)])}</p> }
                })
                .collect_view();
                view! { {decided} {reads} }
            })
        };
    view! {
        {news}
        {offer}
    }
}
