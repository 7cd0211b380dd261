//! Where the app is, and links within it, for screens either app draws.
//!
//! The young person's app follows its own address ([`follow_address`]): a signal of the
//! path, moved by its links, by [`Here::go`] and by Back and Forward. It needs no more
//! than that (its screens are found by their whole path, `young::Screen::at`), and
//! leaving Leptos's router out of its first download saves the router's machinery for
//! nested and async routes. The staff app keeps `leptos_router` (its screens take ids
//! from the address) and hands its reading of the path to the same [`Here`]
//! ([`Here::provide`]), so a shared piece reads "where am I" one way in both.

use leptos::ev;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, MouseEvent};

/// The path of the address the app shows, for either app.
#[derive(Clone, Copy)]
pub struct Here {
    path: Memo<String>,
    /// The young person's app's own path, which [`Here::go`] moves; none in the staff
    /// app, whose router moves its own.
    moves: Option<RwSignal<String>>,
}

impl Here {
    /// From inside either app's frame.
    pub fn get() -> Self {
        expect_context()
    }

    /// The staff app: its router's reading of the path.
    pub fn provide(path: Memo<String>) {
        provide_context(Here { path, moves: None });
    }

    /// The path, `/goals` say (no query or hash).
    pub fn path(self) -> Memo<String> {
        self.path
    }

    /// Opens `to` (a path of this app) with no page load: a new entry in the history,
    /// or in place of this one (`replace`), at the top of the new screen, with the
    /// focus on its heading ([`to_new_heading`]).
    pub fn go(self, to: &str, replace: bool) {
        let Some(moves) = self.moves else {
            // Not reached: only the young person's app moves this way.
            let _ = window().location().assign(to);
            return;
        };
        if let Ok(history) = window().history() {
            let _ = if replace {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
            } else {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
            };
        }
        move_to(moves, current_path());
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// The young person's app: the path as the address has it now, if it moved without
    /// the app (the first screen's links, tapped while the app was drawn off the page:
    /// `first_screen::show_app`).
    pub fn catch_up(self) {
        if let Some(moves) = self.moves {
            let path = current_path();
            if moves.with_untracked(|now| *now != path) {
                move_to(moves, path);
            }
        }
    }
}

/// Moves the young person's app to `path`, then to the new screen's heading.
fn move_to(moves: RwSignal<String>, path: String) {
    let before = heading();
    moves.set(path);
    to_new_heading(before);
}

/// Puts the keyboard and a screen reader at the screen's heading, once it is drawn (the
/// app put on the page in place of the first screen, which had the focus).
pub fn to_heading() {
    to_new_heading(None);
}

/// The screen's heading as it is now.
fn heading() -> Option<web_sys::Element> {
    document().query_selector("main h1").ok().flatten()
}

/// A wait for a new screen's heading: what watches the page, and what it calls.
type Waiting = (web_sys::MutationObserver, Closure<dyn FnMut()>);

thread_local! {
    /// Waiting for a new screen's heading ([`to_new_heading`]); the callback is kept until
    /// the next screen's wait replaces it (it may not be dropped while it runs).
    static WAITING: RefCell<Option<Waiting>> = const { RefCell::new(None) };
}

/// How long a screen's heading is waited for (a screen fetched when opened, on a slow
/// signal); after that the focus stays where it is.
const HEADING_WAIT_MS: f64 = 10_000.0;

/// After the app has moved to another screen (a tap on a link, Back or Forward, or the
/// app itself), the keyboard and a screen reader go to the new screen's heading once it
/// is drawn, as on a new page: otherwise the focus stays on the link tapped (or is lost
/// with the old screen), and nothing says that the screen has changed. A screen that
/// has put the focus in itself (a form's first field) keeps it. The heading is focused
/// as the page's start, not as a control: `tabindex="-1"`, and no ring after a tap
/// (`:focus-visible`), only after the keyboard.
fn to_new_heading(before: Option<web_sys::Element>) {
    WAITING.with(|waiting| {
        if let Some((observer, _)) = waiting.borrow_mut().take() {
            observer.disconnect();
        }
    });
    if focus_new_heading(before.as_ref()) {
        return;
    }
    let Some(body) = document().body() else {
        return;
    };
    let until = js_sys::Date::now() + HEADING_WAIT_MS;
    let observer: Rc<Cell<Option<web_sys::MutationObserver>>> = Rc::default();
    let callback = Closure::<dyn FnMut()>::new({
        let observer = observer.clone();
        move || {
            if focus_new_heading(before.as_ref()) || js_sys::Date::now() > until {
                if let Some(observer) = observer.take() {
                    observer.disconnect();
                }
            }
        }
    });
    let Ok(watch) = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    if watch.observe_with_options(&body, &options).is_ok() {
        observer.set(Some(watch.clone()));
        WAITING.with(|waiting| *waiting.borrow_mut() = Some((watch, callback)));
    }
}

/// Focuses the screen's heading if it is not the one `before`; true once there is a new
/// one (focused, or left alone because the screen has the focus already).
fn focus_new_heading(before: Option<&web_sys::Element>) -> bool {
    let Some(heading) = heading() else {
        return false;
    };
    if before == Some(&heading) {
        return false;
    }
    if !focus_within("main") {
        if let Some(heading) = heading.dyn_ref::<web_sys::HtmlElement>() {
            let _ = heading.set_attribute("tabindex", "-1");
            let _ = heading.focus();
        }
    }
    true
}

/// True if the element with the keyboard focus matches `selector` or is inside an
/// element that does.
pub fn focus_within(selector: &str) -> bool {
    document()
        .active_element()
        .is_some_and(|active| active.closest(selector).ok().flatten().is_some())
}

fn current_path() -> String {
    window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "/".into())
}

/// The young person's app: its path, moved by a tap on any link to one of its own
/// addresses (as a router does: not with a modifier key, a target, `download` or
/// `rel="external"`, nor to another site or the staff app), and by Back and Forward.
pub fn follow_address() -> Here {
    let moves = RwSignal::new(current_path());
    let here = Here {
        path: Memo::new(move |_| moves.get()),
        moves: Some(moves),
    };
    provide_context(here);
    let back_or_forward =
        window_event_listener(ev::popstate, move |_| move_to(moves, current_path()));
    let taps = window_event_listener(ev::click, move |event| follow(event, here));
    on_cleanup(move || {
        back_or_forward.remove();
        taps.remove();
    });
    here
}

fn follow(event: MouseEvent, here: Here) {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.alt_key()
        || event.ctrl_key()
        || event.shift_key()
    {
        return;
    }
    let Some(link) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
        .and_then(|element| element.dyn_into::<HtmlAnchorElement>().ok())
    else {
        return;
    };
    let external = link
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_ascii_whitespace().any(|part| part == "external"));
    if !link.target().is_empty()
        || link.has_attribute("download")
        || external
        || window().location().origin().ok() != Some(link.origin())
    {
        return;
    }
    let path = link.pathname();
    let staff = journey_core::apps::STAFF_BASE;
    if path == staff || path.starts_with(&format!("{staff}/")) {
        // The staff app is a page of its own.
        return;
    }
    event.prevent_default();
    here.go(&format!("{path}{}{}", link.search(), link.hash()), false);
}

/// Whether a link to `href` is to the page at `path`: the same path if `exact`, else
/// the same or one below it (`/help` for `/help/tell-us`); `/` only for itself.
fn is_current(href: &str, path: &str, exact: bool) -> bool {
    let href = href.split(['?', '#']).next().unwrap_or_default();
    if exact || href.trim_end_matches('/').is_empty() {
        return path == href;
    }
    let href = href.trim_end_matches('/');
    path.strip_prefix(href)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A link within the app: a plain `<a>` (the app's router follows it), marked
/// `aria-current="page"` while it is to the page shown ([`is_current`]). Its `class` is a
/// prop (`<A href="/help" class="link-tap">`), drawn with the link.
#[component]
pub fn A(
    #[prop(into)] href: String,
    #[prop(optional)] exact: bool,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let path = Here::get().path();
    let current = {
        let href = href.clone();
        move || {
            path.with(|path| is_current(&href, path, exact))
                .then_some("page")
        }
    };
    view! { <a href=href class=class aria-current=current>{children()}</a> }
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn a_link_is_current_on_its_page_and_below_it() {
        assert!(is_current("/help", "/help", false));
        assert!(is_current("/help", "/help/tell-us", false));
        assert!(!is_current("/help", "/helpful", false));
        assert!(!is_current("/help", "/", false));
        assert!(!is_current("/help", "/help/tell-us", true));
        assert!(is_current("/help?lang=cy", "/help", true));
        assert!(is_current("/", "/", false));
        assert!(!is_current("/", "/goals", false));
        assert!(is_current(
            "/young-people/1/",
            "/young-people/1/plan",
            false
        ));
    }
}
