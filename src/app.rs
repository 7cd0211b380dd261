//! The app's frame: the router, the page area and the bottom navigation.

use crate::components::nav::BottomNav;
use crate::pages::coming_soon::{FeedbackPage, GoalsPage, HelpPage, NotFoundPage};
use crate::pages::journey::JourneyPage;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <div class="frame">
                <main id="main" class="page">
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=JourneyPage/>
                        <Route path=path!("/goals") view=GoalsPage/>
                        <Route path=path!("/feedback") view=FeedbackPage/>
                        <Route path=path!("/help") view=HelpPage/>
                    </Routes>
                </main>
                <BottomNav/>
            </div>
        </Router>
    }
}
