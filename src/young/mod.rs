//! The young person's app, at `/`: My Journey, goals, feedback, checking in and "I don't
//! feel safe", telling us about a concern, and signing in (for everyone: staff who sign
//! in here go on to the staff app). This is what a young person's phone downloads.

pub mod feedback;
pub mod goals;
pub mod good_news;
pub mod home;
pub mod how_im_doing;
pub mod lazy;
pub mod review;
pub mod sign_in;

use crate::app::{AudienceGate, SignedIn};
use crate::components::nav::{TopBar, YoungPersonNav};
use crate::components::outbox::OutboxNotice;
use crate::components::read_aloud::ReadAloud;
use crate::components::soon::Soon;
use crate::shared::not_found::NotFoundPage;
use home::HomePage;
use how_im_doing::NotSafePage;
use journey_core::apps::Audience;
use lazy::Lazy;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use sign_in::SignInPage;

#[component]
pub fn App() -> impl IntoView {
    let language = crate::app::provide(Audience::YoungPerson);
    crate::components::since_you_told_us::HeardBackState::provide();
    // A new language redraws everything in it; drafts bring back anything half-written.
    move || {
        language.track();
        view! { <Frame/> }
    }
}

#[component]
fn Frame() -> impl IntoView {
    view! {
        <Router>
            <AudienceGate/>
            <div class="frame">
                <TopBar/>
                <OutboxNotice/>
                <ReadAloud/>
                <main id="main" class="page">
                    // My Journey, signing in and "I don't feel safe" are in the first
                    // download; every other screen is fetched when opened (lazy.rs).
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/sign-in") view=SignInPage/>
                        <Route path=path!("/sign-up") view=|| view! { <Lazy load=lazy::sign_up/> }/>
                        // Help is open to everyone: it says what to do in danger.
                        <Route path=path!("/help") view=|| view! { <Lazy load=lazy::help/> }/>
                        // Settings too: text size or contrast may be needed to sign in.
                        <Route path=path!("/settings") view=|| view! { <Lazy load=lazy::settings/> }/>
                        <Route
                            path=path!("/help/tell-us")
                            view=|| view! { <SignedIn><Lazy load=lazy::tell_us/></SignedIn> }
                        />
                        <Route
                            path=path!("/help/your-concerns")
                            view=|| view! { <SignedIn><Lazy load=lazy::your_concerns/></SignedIn> }
                        />
                        <Route path=path!("/") view=|| view! { <SignedIn><HomePage/></SignedIn> }/>
                        <Route
                            path=path!("/goals")
                            view=|| view! { <SignedIn><Lazy load=lazy::goals/></SignedIn> }
                        />
                        <Route
                            path=path!("/feedback")
                            view=|| view! { <SignedIn><Lazy load=lazy::feedback/></SignedIn> }
                        />
                        <Route
                            path=path!("/how-im-doing")
                            view=|| view! { <SignedIn><Lazy load=lazy::how_im_doing/></SignedIn> }
                        />
                        <Route
                            path=path!("/good-news")
                            view=|| view! { <SignedIn><Lazy load=lazy::good_news/></SignedIn> }
                        />
                        <Route
                            path=path!("/not-safe")
                            view=|| view! { <SignedIn><NotSafePage/></SignedIn> }
                        />
                        <Route
                            path=path!("/review")
                            view=|| view! { <SignedIn><Lazy load=lazy::review/></SignedIn> }
                        />
                        <Route
                            path=path!("/account")
                            view=|| view! { <SignedIn><Lazy load=lazy::account/></SignedIn> }
                        />
                        // Staff screens' old addresses: signed-in staff go on to the staff
                        // app (AudienceGate); anyone signed out is asked to sign in first.
                        <Route
                            path=path!("/safety")
                            view=|| view! { <SignedIn><NotFoundPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/concerns")
                            view=|| view! { <SignedIn><NotFoundPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/review-preps")
                            view=|| view! { <SignedIn><NotFoundPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/young-people/*any")
                            view=|| view! { <SignedIn><NotFoundPage/></SignedIn> }
                        />
                    </Routes>
                </main>
                // Fixed at the bottom: drawn a task later, it moves nothing.
                <Soon><YoungPersonNav/></Soon>
            </div>
        </Router>
    }
}
