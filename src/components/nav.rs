//! The bottom navigation: four places, each with an icon and a word, always in reach of a thumb.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn BottomNav() -> impl IntoView {
    view! {
        <nav class="bottom-nav" aria-label="Main">
            <A href="/" exact=true>
                <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M4 19c3 0 3-5 6-5s3 3 6 3 2-6 4-8"/>
                    <circle cx="4" cy="19" r="2"/>
                    <circle cx="20" cy="9" r="2"/>
                </svg>
                <span>"My Journey"</span>
            </A>
            <A href="/goals" exact=true>
                <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                    <circle cx="12" cy="12" r="9"/>
                    <circle cx="12" cy="12" r="5"/>
                    <circle cx="12" cy="12" r="1"/>
                </svg>
                <span>"Goals"</span>
            </A>
            <A href="/feedback" exact=true>
                <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M4 5h16v11H9l-5 4z"/>
                </svg>
                <span>"Feedback"</span>
            </A>
            <A href="/help" exact=true>
                <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.5-7 10-7 10z"/>
                </svg>
                <span>"Help"</span>
            </A>
        </nav>
    }
}
