//! The app's frame: who is signed in, the router, the page area and the navigation.

use crate::components::hand_over::{HandOverGuard, HandedOver, QuietFlagNotice};
use crate::components::nav::{BottomNav, TopBar};
use crate::components::outbox::{Outbox, OutboxNotice};
use crate::components::read_aloud::ReadAloud;
use crate::components::status::{failure_words, Flash, Loading, Problem};
use crate::pages::account::AccountPage;
use crate::pages::feedback::{FeedbackPage, TheirFeedbackPage};
use crate::pages::goal_session::TheirGoalsPage;
use crate::pages::goals::GoalsPage;
use crate::pages::help::{HelpPage, TeamConcernsPage, TellUsPage, YourConcernsPage};
use crate::pages::home::HomePage;
use crate::pages::how_im_doing::{
    HowImDoingPage, NotSafePage, SafetyBanner, SafetyFlagsPage, SafetyRefresh,
};
use crate::pages::journey::TheirJourneyPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::plan_editor::PlanEditorPage;
use crate::pages::settings::SettingsPage;
use crate::pages::sign_in::{SignInPage, SignUpPage};
use crate::session::{Session, SessionState, Status};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{path, NavigateOptions};

#[component]
pub fn App() -> impl IntoView {
    Session::provide();
    HandedOver::provide();
    Flash::provide();
    Outbox::provide();
    SafetyRefresh::provide();
    let language = crate::i18n::provide();
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
            <HandOverGuard/>
            <div class="frame">
                <TopBar/>
                <OutboxNotice/>
                <StaffBanner/>
                <ReadAloud/>
                <main id="main" class="page">
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/sign-in") view=SignInPage/>
                        <Route path=path!("/sign-up") view=SignUpPage/>
                        // Help is open to everyone: it says what to do in danger.
                        <Route path=path!("/help") view=HelpPage/>
                        // Settings too: text size or contrast may be needed to sign in.
                        <Route path=path!("/settings") view=SettingsPage/>
                        <Route
                            path=path!("/help/tell-us")
                            view=|| view! { <SignedIn><TellUsPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/help/your-concerns")
                            view=|| view! { <SignedIn><YourConcernsPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/concerns")
                            view=|| view! { <SignedIn><TeamConcernsPage/></SignedIn> }
                        />
                        <Route path=path!("/") view=|| view! { <SignedIn><HomePage/></SignedIn> }/>
                        <Route
                            path=path!("/goals")
                            view=|| view! { <SignedIn><GoalsPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/feedback")
                            view=|| view! { <SignedIn><FeedbackPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/how-im-doing")
                            view=|| view! { <SignedIn><HowImDoingPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/not-safe")
                            view=|| view! { <SignedIn><NotSafePage/></SignedIn> }
                        />
                        <Route
                            path=path!("/safety")
                            view=|| view! { <SignedIn><SafetyFlagsPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/account")
                            view=|| view! { <SignedIn><AccountPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/young-people/:id")
                            view=|| view! { <SignedIn><TheirJourneyPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/young-people/:id/feedback")
                            view=|| view! { <SignedIn><TheirFeedbackPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/young-people/:id/plan")
                            view=|| view! { <SignedIn><PlanEditorPage/></SignedIn> }
                        />
                        <Route
                            path=path!("/young-people/:id/goals")
                            view=|| view! { <SignedIn><TheirGoalsPage/></SignedIn> }
                        />
                    </Routes>
                </main>
                <BottomNav/>
            </div>
        </Router>
    }
}

/// The safety banner, on every screen of a signed-in worker or manager; during a young
/// person's turn on the worker's device, only a quiet notice with no names.
#[component]
fn StaffBanner() -> impl IntoView {
    let session = Session::get();
    let handed = HandedOver::get();
    let staff = Memo::new(move |_| {
        matches!(
            session.role(),
            Some(journey_core::Role::Worker | journey_core::Role::Manager)
        )
    });
    let turn = Memo::new(move |_| handed.is_active());
    move || match (staff.get(), turn.get()) {
        (true, false) => view! { <SafetyBanner/> }.into_any(),
        (true, true) => view! { <QuietFlagNotice/> }.into_any(),
        (false, _) => ().into_any(),
    }
}

/// Shows its page only to someone signed in; anyone else goes to the sign-in page.
#[component]
fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let session = Session::get();
    let status = Memo::new(move |_| session.status());
    // During a young person's turn, any other page is not drawn at all (HandOverGuard
    // takes the screen back to the turn).
    let handed = HandedOver::get();
    let location = use_location();
    let elsewhere = Memo::new(move |_| {
        location
            .pathname
            .with(|path| handed.redirect_from(path).is_some())
    });
    let navigate = use_navigate();
    Effect::new(move || {
        if status.get() == Status::SignedOut {
            navigate(
                "/sign-in",
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    move || match status.get() {
        Status::SignedIn if !elsewhere.get() => children().into_any(),
        Status::SignedIn | Status::Checking | Status::SignedOut => {
            view! { <Loading message=crate::i18n::t().common.opening/> }.into_any()
        }
        Status::Unknown => {
            let message = match untrack(move || session.state()) {
                SessionState::Unknown(failure) => failure_words(&failure, ""),
                _ => String::new(),
            };
            view! {
                <h1>{crate::i18n::t().common.app_name}</h1>
                <Problem message on_retry=move || session.check()/>
            }
            .into_any()
        }
    }
}
