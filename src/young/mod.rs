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
use crate::first_screen;
use crate::shared::not_found::NotFoundPage;
use home::HomePage;
use how_im_doing::NotSafePage;
use journey_core::apps::Audience;
use lazy::Lazy;
use leptos::prelude::*;
use sign_in::SignInPage;

#[component]
pub fn App() -> impl IntoView {
    let language = crate::app::provide_first(Audience::YoungPerson);
    let rest = move || {
        crate::components::outbox::Outbox::provide();
        crate::components::since_you_told_us::HeardBackState::provide();
        // A new language redraws everything in it; drafts bring back anything
        // half-written.
        move || {
            language.track();
            first_screen::in_turn(|| view! { <Frame/> })
        }
    };
    // Drawn off the page as the app opens (first_screen::mount), a part a task: the
    // session and words, then the outbox and what we have heard back, then the frame.
    first_screen::in_turn(rest)
}

/// The young person's screens, each found by its whole path.
#[derive(Clone, Copy, PartialEq)]
enum Screen {
    SignIn,
    SignUp,
    Help,
    Settings,
    TellUs,
    YourConcerns,
    Home,
    Goals,
    Feedback,
    HowImDoing,
    GoodNews,
    NotSafe,
    Review,
    Account,
    /// Staff screens' old addresses: signed-in staff go on to the staff app
    /// (AudienceGate); anyone signed out is asked to sign in first.
    Staff,
    NotFound,
}

impl Screen {
    fn at(path: &str) -> Screen {
        // `/goals/` is `/goals`.
        let path = match path.trim_end_matches('/') {
            "" => "/",
            path => path,
        };
        match path {
            "/sign-in" => Screen::SignIn,
            "/sign-up" => Screen::SignUp,
            "/help" => Screen::Help,
            "/settings" => Screen::Settings,
            "/help/tell-us" => Screen::TellUs,
            "/help/your-concerns" => Screen::YourConcerns,
            "/" => Screen::Home,
            "/goals" => Screen::Goals,
            "/feedback" => Screen::Feedback,
            "/how-im-doing" => Screen::HowImDoing,
            "/good-news" => Screen::GoodNews,
            "/not-safe" => Screen::NotSafe,
            "/review" => Screen::Review,
            "/account" => Screen::Account,
            "/safety" | "/concerns" | "/review-preps" => Screen::Staff,
            "/young-people" => Screen::Staff,
            path if path.starts_with("/young-people/") => Screen::Staff,
            _ => Screen::NotFound,
        }
    }

    /// My Journey, signing in and "I don't feel safe" are in the first download; every
    /// other screen is fetched when opened (lazy.rs).
    fn view(self) -> AnyView {
        match self {
            Screen::SignIn => view! { <SignInPage/> }.into_any(),
            Screen::SignUp => view! { <Lazy load=lazy::sign_up/> }.into_any(),
            // Help is open to everyone: it says what to do in danger.
            Screen::Help => view! { <Lazy load=lazy::help/> }.into_any(),
            // Settings too: text size or contrast may be needed to sign in.
            Screen::Settings => view! { <Lazy load=lazy::settings/> }.into_any(),
            Screen::NotFound => view! { <NotFoundPage/> }.into_any(),
            Screen::Home => signed_in(|| view! { <HomePage/> }.into_any()),
            Screen::NotSafe => signed_in(|| view! { <NotSafePage/> }.into_any()),
            Screen::Staff => signed_in(|| view! { <NotFoundPage/> }.into_any()),
            Screen::TellUs => signed_in(|| view! { <Lazy load=lazy::tell_us/> }.into_any()),
            Screen::YourConcerns => {
                signed_in(|| view! { <Lazy load=lazy::your_concerns/> }.into_any())
            }
            Screen::Goals => signed_in(|| view! { <Lazy load=lazy::goals/> }.into_any()),
            Screen::Feedback => signed_in(|| view! { <Lazy load=lazy::feedback/> }.into_any()),
            Screen::HowImDoing => {
                signed_in(|| view! { <Lazy load=lazy::how_im_doing/> }.into_any())
            }
            Screen::GoodNews => signed_in(|| view! { <Lazy load=lazy::good_news/> }.into_any()),
            Screen::Review => signed_in(|| view! { <Lazy load=lazy::review/> }.into_any()),
            Screen::Account => signed_in(|| view! { <Lazy load=lazy::account/> }.into_any()),
        }
    }
}

#[component]
fn Frame() -> impl IntoView {
    let here = crate::route::follow_address();
    let screen = Memo::new(move |_| here.path().with(|path| Screen::at(path)));
    // Drawn off the page as the app opens (first_screen::mount): the frame in this
    // task, the screen's first part in the next, and then the app put on the page.
    let page = first_screen::in_turn(move || move || screen.get().view());
    view! {
        <AudienceGate/>
        <div class="frame">
            <TopBar/>
            <OutboxNotice/>
            <ReadAloud/>
            <main id="main" class="page">{page}</main>
            // Fixed at the bottom: drawn a task later, it moves nothing. With it, the app
            // drawn off the page goes on it, at the address it has now (a link on the
            // first screen may have been tapped meanwhile).
            <Soon>
                {
                    here.catch_up();
                    first_screen::show_app();
                }
                <YoungPersonNav/>
            </Soon>
        </div>
    }
}

/// A screen only for someone signed in (`SignedIn` draws it again as that changes).
fn signed_in(screen: fn() -> AnyView) -> AnyView {
    view! { <SignedIn>{screen()}</SignedIn> }.into_any()
}
