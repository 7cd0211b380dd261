//! Ways around the young person's app, each with an icon and a word, always in reach of a
//! thumb: four places at the bottom and "Account" at the top, with quick exit. Nobody
//! sees navigation on the sign-in and sign-up pages. (The staff app's is in `staff`.)

use crate::i18n::{t, LanguageSwitch};
use crate::route::Here;
use crate::route::A;
use crate::session::Session;
use journey_core::apps::Audience;
use journey_core::Role;
use leptos::prelude::*;

/// Whether the navigation shows: for a signed-in young person, not on the forms.
fn for_young_person() -> Memo<bool> {
    let session = Session::get();
    let path = Here::get().path();
    Memo::new(move |_| {
        let on_form = path.with(|path| path == "/sign-in" || path == "/sign-up");
        !on_form && session.role() == Some(Role::YoungPerson)
    })
}

/// The strip at the top of a young person's screens: quick exit, always in the same
/// place, and their account. Someone not signed in on Help (perhaps a young person
/// looking for help) gets quick exit and the language too; anyone else who is not staff
/// (on sign-in, or while the app asks who is signed in) gets quick exit, so it is there
/// from the first screen in `index.html` until they leave.
#[component]
pub fn TopBar() -> impl IntoView {
    let shown = for_young_person();
    let session = Session::get();
    let path = Here::get().path();
    let signed_out_on_help = Memo::new(move |_| {
        session.status() == crate::session::Status::SignedOut
            && path.with(|path| path.starts_with("/help"))
    });
    // Anyone who is not signed in as staff (still being asked about, signed out, or no
    // signal to ask) keeps quick exit, from the first screen in index.html on: it never
    // goes away while the app asks the server who is signed in.
    let not_staff = Memo::new(move |_| session.audience() != Some(Audience::Staff));
    let t = t();
    move || {
        // What the bar holds besides quick exit and the app's name: the language, and
        // the young person's account.
        let (language, account) = if shown.get() {
            (true, true)
        } else if signed_out_on_help.get() {
            (true, false)
        } else if not_staff.get() {
            (false, false)
        } else {
            return None;
        };
        Some(view! {
            <header class="top-bar">
                <QuickExit/>
                <span class="top-bar-name">{t.common.app_name}</span>
                {language.then(|| view! { <LanguageSwitch class="top-bar-link"/> })}
                {account.then(|| view! {
                    <A href="/account" exact=true class="top-bar-link">
                        <AccountIcon/>
                        <span class="top-bar-label">{t.nav.account}</span>
                    </A>
                })}
            </header>
        })
    }
}

/// Where quick exit goes: an ordinary, neutral page.
pub const QUICK_EXIT_URL: &str = "https://www.bbc.co.uk/weather";
/// Two presses of Escape within this many milliseconds also leave.
const ESCAPE_TWICE_MS: f64 = 1000.0;

/// Leaves at once: the page is emptied first (so "Back" restoring it from the browser's
/// cache shows nothing), then this history entry is replaced by the neutral site, so
/// "Back" does not return to the screen that was showing. Earlier entries for the app in
/// this tab can still be reached; the README says so.
pub fn quick_exit() {
    crate::store::forget_concern_drafts();
    let window = window();
    if let Some(body) = document().body() {
        body.set_inner_html("");
    }
    document().set_title("BBC Weather");
    let _ = window.location().replace(QUICK_EXIT_URL);
}

#[component]
fn QuickExit() -> impl IntoView {
    let last_escape = StoredValue::new(f64::NEG_INFINITY);
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        // While the first screen is still on the page (the app being drawn off it), its
        // own handler counts the presses: counted here too, one press would count twice.
        if ev.key() != "Escape" || crate::first_screen::on_page() {
            return;
        }
        let now = js_sys::Date::now();
        // A press the first screen took (index.html keeps its time in `__escape`) counts
        // as the first of two, so two presses either side of the app taking its place leave.
        let on_first_screen = js_sys::Reflect::get(&window(), &"__escape".into())
            .ok()
            .and_then(|time| time.as_f64())
            .unwrap_or(f64::NEG_INFINITY);
        if now - last_escape.get_value().max(on_first_screen) <= ESCAPE_TWICE_MS {
            quick_exit();
        } else {
            last_escape.set_value(now);
        }
    });
    on_cleanup(move || handle.remove());
    let t = t();
    view! {
        <button
            type="button"
            class="quick-exit"
            aria-describedby="quick-exit-hint"
            on:click=move |_| quick_exit()
        >
            {t.common.quick_exit}
        </button>
        <span id="quick-exit-hint" class="visually-hidden">{t.common.quick_exit_hint}</span>
    }
}

/// The young person's four places, at the bottom of the screen.
#[component]
pub fn YoungPersonNav() -> impl IntoView {
    let shown = for_young_person();
    let t = t();
    move || {
        shown.get().then(|| {
            view! {
                <nav class="bottom-nav" aria-label=t.nav.main>
                    <A href="/" exact=true>
                        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                            <path d="M4 19c3 0 3-5 6-5s3 3 6 3 2-6 4-8"/>
                            <circle cx="4" cy="19" r="2"/>
                            <circle cx="20" cy="9" r="2"/>
                        </svg>
                        <span>{t.nav.journey}</span>
                        <crate::components::since_you_told_us::UnseenCount/>
                    </A>
                    <A href="/goals" exact=true>
                        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                            <circle cx="12" cy="12" r="9"/>
                            <circle cx="12" cy="12" r="5"/>
                            <circle cx="12" cy="12" r="1"/>
                        </svg>
                        <span>{t.nav.goals}</span>
                    </A>
                    <A href="/feedback" exact=true>
                        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                            <path d="M4 5h16v11H9l-5 4z"/>
                        </svg>
                        <span>{t.nav.feedback}</span>
                    </A>
                    <A href="/help">
                        <HelpIcon/>
                        <span>{t.nav.help}</span>
                    </A>
                </nav>
            }
        })
    }
}

#[component]
pub fn HelpIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.5-7 10-7 10z"/>
        </svg>
    }
}

#[component]
pub fn AccountIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="8" r="4"/>
            <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"/>
        </svg>
    }
}
