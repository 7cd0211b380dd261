//! The staff app, at `/staff/`, for workers and managers: their young people, each one's
//! journey, plan editor, feedback and co-fill of goals, safety flags, concerns, and the
//! safety banner on every screen. A young person's phone never downloads any of it.
//! Signing in happens in the young person's app, which sends staff on here.

pub mod audit;
pub mod co_fill;
pub mod concerns;
pub mod feedback;
pub mod hand_over;
pub mod help_editor;
pub mod journey;
pub mod params;
pub mod plan_editor;
pub mod push;
pub mod review;
pub mod safety;
pub mod team;
pub mod words;
pub mod young_people;

use crate::app::{AudienceGate, HeldBack, SignedInScreens};
use crate::components::nav::{AccountIcon, HelpIcon};
use crate::components::outbox::OutboxNotice;
use crate::shared::account::AccountPage;
use crate::shared::help::HelpPage;
use crate::shared::not_found::NotFoundPage;
use crate::shared::settings::SettingsPage;
use crate::staff::words::t;
use audit::AuditPage;
use co_fill::TheirGoalsPage;
use concerns::TeamConcernsPage;
use feedback::TheirFeedbackPage;
use hand_over::{HandOverGuard, HandedOver, QuietFlagNotice};
use help_editor::HelpEditorPage;
use journey::TheirJourneyPage;
use journey_core::apps::{Audience, STAFF_BASE};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;
use plan_editor::PlanEditorPage;
use push::SafetyRefresh;
use review::SharedPrepsPage;
use safety::{SafetyBanner, SafetyFlagsPage};
use team::TeamPage;
use young_people::YoungPeoplePage;

#[component]
pub fn App() -> impl IntoView {
    let language = crate::app::provide(Audience::Staff);
    HandedOver::provide();
    SafetyRefresh::provide();
    move || {
        language.track();
        view! {
            <Router base=STAFF_BASE>
                <Frame/>
            </Router>
        }
    }
}

#[component]
fn Frame() -> impl IntoView {
    // During a young person's turn on the worker's device, any other page is not drawn
    // at all (HandOverGuard takes the screen back to the turn).
    let handed = HandedOver::get();
    let location = use_location();
    // Shared screens read the path, and draw their links, through `route`.
    crate::route::Here::provide(location.pathname);
    provide_context(HeldBack(Memo::new(move |_| {
        location
            .pathname
            .with(|path| handed.redirect_from(path).is_some())
    })));
    view! {
        <AudienceGate/>
        <HandOverGuard/>
        <div class="frame">
            <OutboxNotice/>
            <StaffBanner/>
            <main id="main" class="page">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/help") view=HelpPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                    <ParentRoute path=path!("") view=SignedInScreens>
                        <Route path=path!("/") view=YoungPeoplePage/>
                        <Route path=path!("/account") view=AccountPage/>
                        <Route path=path!("/concerns") view=TeamConcernsPage/>
                        <Route path=path!("/audit") view=AuditPage/>
                        <Route path=path!("/help-editor") view=HelpEditorPage/>
                        <Route path=path!("/safety") view=SafetyFlagsPage/>
                        <Route path=path!("/review-preps") view=SharedPrepsPage/>
                        <Route path=path!("/team") view=TeamPage/>
                        <Route path=path!("/young-people/:id") view=TheirJourneyPage/>
                        <Route path=path!("/young-people/:id/feedback") view=TheirFeedbackPage/>
                        <Route path=path!("/young-people/:id/plan") view=PlanEditorPage/>
                        <Route path=path!("/young-people/:id/goals") view=TheirGoalsPage/>
                    </ParentRoute>
                </Routes>
            </main>
            <StaffNav/>
        </div>
    }
}

/// The safety banner, on every screen of a signed-in worker or manager; during a young
/// person's turn on the worker's device, only a quiet notice with no names.
#[component]
fn StaffBanner() -> impl IntoView {
    let session = crate::session::Session::get();
    let handed = HandedOver::get();
    // Staff only: a young person who opens a staff address is on their way to their own
    // app (AudienceGate), and asks for nothing of staff's meanwhile.
    let signed_in = Memo::new(move |_| session.audience() == Some(Audience::Staff));
    let turn = Memo::new(move |_| handed.is_active());
    move || match (signed_in.get(), turn.get()) {
        (true, false) => view! { <SafetyBanner/> }.into_any(),
        (true, true) => view! { <QuietFlagNotice/> }.into_any(),
        (false, _) => ().into_any(),
    }
}

/// Their young people, help and their account, at the bottom of the screen; none while a
/// young person has the worker's device.
#[component]
fn StaffNav() -> impl IntoView {
    let session = crate::session::Session::get();
    let handed = HandedOver::get();
    let shown =
        Memo::new(move |_| session.audience() == Some(Audience::Staff) && !handed.is_active());
    // Home is `/staff/` (or `/staff`): `A`'s own "exact" test sees only one of the two.
    let location = use_location();
    let at_home = move || {
        location
            .pathname
            .with(|path| path.trim_end_matches('/') == STAFF_BASE)
            .then_some("page")
    };
    let t = t();
    move || {
        shown.get().then(|| {
            view! {
                <nav class="bottom-nav" aria-label=t.nav.main>
                    <a href=format!("{STAFF_BASE}/") aria-current=at_home>
                        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                            <circle cx="9" cy="8" r="3.5"/>
                            <path d="M2.5 20c0-3.6 2.9-5.5 6.5-5.5s6.5 1.9 6.5 5.5"/>
                            <circle cx="17" cy="7.5" r="2.5"/>
                            <path d="M17.5 12.5c2.5.2 4 1.8 4 4.5"/>
                        </svg>
                        <span>{t.nav.young_people}</span>
                    </a>
                    <A href="/help" exact=true>
                        <HelpIcon/>
                        <span>{t.nav.help}</span>
                    </A>
                    <A href="/account" exact=true>
                        <AccountIcon/>
                        <span>{t.nav.account}</span>
                    </A>
                </nav>
            }
        })
    }
}
