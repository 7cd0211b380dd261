//! Screens a young person's phone downloads only when they are opened.
//!
//! Each function below is a split point (`#[wasm_split]`, the machinery under Leptos's
//! `#[lazy]`): after Cargo builds the app, `cargo xtask` cuts the code only that screen
//! uses out of the main wasm into its own file (xtask/src/split.rs). The first load is
//! then only the frame, signing in and My Journey; "I don't feel safe" stays in it too,
//! so it opens with no signal even on a phone that has never opened it before.
//!
//! Each is named by the last part of its address (`/help/tell-us`: `tell_us`): opened
//! straight at that address, index.html's early script finds the screen's files by that
//! name and fetches them beside the main wasm (`cargo xtask test` checks the names).
//!
//! Leptos's own `#[lazy]` / `LazyRoute` stops the whole app when a screen's file cannot
//! be fetched (the generated code expects the load to succeed, and a panic aborts the
//! wasm). These are `fallible` instead: a screen that could not be fetched says so kindly,
//! with "Try again", and the rest of the app carries on.

use crate::components::journey::ViewForm;
use crate::components::once::{effect, spawn_scoped};
use crate::components::status::{Loading, Problem};
use crate::i18n::t;
use leptos::prelude::*;
#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A screen's file could not be fetched (no signal, most likely).
#[derive(Debug, Clone, Copy)]
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// What a split point gives back: the screen, drawn by code from its own file.
pub type Screen = Result<AnyView, NotLoaded>;

/// Shows the screen `load` fetches: a line saying it is on its way, then the screen, or a
/// kind message with "Try again" if its file could not be fetched. (Not Leptos's
/// `Suspend`, whose async machinery nothing else in the first download needs.)
#[component]
pub fn Lazy<F, Fut>(load: F) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Screen> + 'static,
{
    opening(Box::new(move || Box::pin(load())))
}

type Load = Box<dyn Fn() -> Pin<Box<dyn Future<Output = Screen>>>>;

#[derive(Clone, Copy, PartialEq)]
enum Opening {
    OnItsWay,
    Here,
    NotLoaded,
}

/// `Lazy` for every screen at once: only `load` knows which.
fn opening(load: Load) -> impl IntoView {
    let state = RwSignal::new(Opening::OnItsWay);
    // The screen, from the moment it came until it is drawn (once).
    let screen: Rc<RefCell<Option<AnyView>>> = Rc::default();
    let attempt = Trigger::new();
    {
        let screen = Rc::clone(&screen);
        effect(Box::new(move || {
            attempt.track();
            let fetching = load();
            let screen = Rc::clone(&screen);
            // The screen is drawn as its file comes, under this screen's owner.
            spawn_scoped(Box::pin(async move {
                let came = fetching.await;
                let now = match came {
                    Ok(view) => {
                        *screen.borrow_mut() = Some(view);
                        Opening::Here
                    }
                    Err(NotLoaded) => Opening::NotLoaded,
                };
                // Not there any more if its page has gone meanwhile; drawn once.
                if state
                    .try_get_untracked()
                    .is_some_and(|before| before != now)
                {
                    state.try_set(now);
                }
            }));
        }));
    }
    let screen = SendWrapper::new(screen);
    // Usually too quick to notice; on a slow signal, something is seen (and heard) to
    // happen: "Opening…".
    move || match state.get() {
        Opening::OnItsWay => view! { <Loading message=t().common.opening/> }.into_any(),
        Opening::Here => screen.borrow_mut().take().unwrap_or_else(|| ().into_any()),
        Opening::NotLoaded => {
            let retry = move || {
                state.set(Opening::OnItsWay);
                attempt.notify();
            };
            view! { <Problem message=t().problems.unreachable on_retry=retry/> }.into_any()
        }
    }
}

/// The form that adds a view on My Journey (`components::journey::view_form`), with its
/// code in a file of its own, fetched the first time a form is opened: most visits to My
/// Journey open none. Until it comes, "Opening…"; if it cannot be fetched, "Try again".
/// What is typed is kept by the page meanwhile, and a form opened by a tap gives the
/// focus to its first choice once it is drawn.
pub fn view_form(form: ViewForm) -> AnyView {
    opening(Box::new(move || {
        Box::pin(view_form_piece(Box::new(form.clone())))
    }))
    .into_any()
}

#[cfg(feature = "split")]
#[wasm_split(view_form, wasm_split_path = ::leptos::wasm_split, fallible)]
fn view_form_piece(form: Box<ViewForm>) -> Screen {
    Ok(crate::components::journey::view_form(*form))
}

#[cfg(not(feature = "split"))]
async fn view_form_piece(form: Box<ViewForm>) -> Screen {
    Ok(crate::components::journey::view_form(*form))
}

// Only the young person's app is split (index.html builds it with the `split` feature):
// a split point links itself into every binary, and the staff app has no chunks to load.
macro_rules! split_screens {
    ($($(#[$doc:meta])* $name:ident => $page:path;)*) => {$(
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name() -> Screen {
            Ok($page().into_any())
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name() -> Screen {
            Ok($page().into_any())
        }
    )*};
}

split_screens! {
    /// `/goals`.
    goals => crate::young::goals::GoalsPage;
    /// `/feedback`.
    feedback => crate::young::feedback::FeedbackPage;
    /// `/how-im-doing` (not "I don't feel safe", which is in the main wasm).
    how_im_doing => crate::young::how_im_doing::HowImDoingPage;
    /// `/help`.
    help => crate::shared::help::HelpPage;
    /// `/help/tell-us`.
    tell_us => crate::shared::help::TellUsPage;
    /// `/help/your-concerns`.
    your_concerns => crate::shared::help::YourConcernsPage;
    /// `/account`.
    account => crate::shared::account::AccountPage;
    /// `/settings`.
    settings => crate::shared::settings::SettingsPage;
    /// `/good-news`.
    good_news => crate::young::good_news::GoodNewsPage;
    /// `/review`: "Get ready for my review".
    review => crate::young::review::ReviewPrepPage;
    /// `/sign-up`.
    sign_up => crate::young::sign_in::SignUpPage;
}
