//! The first screen in `index.html`: the app's name, Quick exit and 999, painted before
//! this code has loaded (and all there is with JavaScript off); on `/sign-in`, the
//! sign-in page too, to type in while the app loads; on `/`, `/feedback` and `/goals`,
//! for a young person who is signed in, that screen's heading and first words (on `/`,
//! "Check in" and "I don't feel safe", which open the app at that screen if tapped
//! before it has loaded). Once the app is drawn it goes, so there is one top bar and one
//! `main`.

use leptos::web_sys::{Document, HtmlInputElement};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

fn document() -> Option<Document> {
    leptos::web_sys::window().and_then(|window| window.document())
}

/// What was done on the first screen's sign-in form before the app loaded.
#[derive(Debug, Default)]
pub struct TypedBefore {
    pub username: String,
    pub password: String,
    /// The app's field the keyboard was in (`username`, `password`), if one of the form's.
    pub focused: Option<&'static str>,
    /// "Sign in" was pressed: the app sends it.
    pub sent: bool,
}

thread_local! {
    /// Kept by `keep_typed` for the app's sign-in page, which takes it as the app is
    /// mounted.
    static TYPED: RefCell<Option<TypedBefore>> = const { RefCell::new(None) };
}

/// Waits until the browser has painted the first screen and timed that paint
/// (`window.__painted`, from `index.html`: its first contentful paint, or half a second
/// at most; on `/`, `/feedback` and `/goals`, when only the server can say who is signed in,
/// also that answer, and the heading's paint if it came before the first frame and so
/// was shown), so the app never replaces it unseen. On a phone that took a while to fetch
/// the app this has long happened, and nothing waits. Where the app comes at once (a fast
/// connection, or the service worker's copy), drawing it in the same turn as the page's
/// first paint left the first screen painted but never timed, and the browser then
/// counted the app's later paint as the page's largest: the sign-in page, usable at its
/// first paint, was timed as if it came with the app (README, "Quick exit").
pub async fn painted() {
    let Some(window) = leptos::web_sys::window() else {
        return;
    };
    let promise = js_sys::Reflect::get(&window, &"__painted".into())
        .ok()
        .and_then(|painted| painted.dyn_into::<js_sys::Promise>().ok());
    if let Some(promise) = promise {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// Keeps what was typed on the first screen's sign-in form (if it was shown) for the
/// app's sign-in page. Called straight before the app is mounted, in the same turn of the
/// browser, so nothing can be typed in between.
pub fn keep_typed() {
    let Some(document) = document() else { return };
    if shows_sign_in(&document) {
        let typed = typed_before(&document);
        TYPED.with(|kept| *kept.borrow_mut() = Some(typed));
    }
}

thread_local! {
    /// The app while it is drawn off the page (`mount`), until `show_app` puts it on.
    static UNSEEN: RefCell<Option<leptos::web_sys::Element>> = const { RefCell::new(None) };
}

/// Mounts the app, and takes the first screen away once the app can be seen.
///
/// Drawing the frame and a screen's first part is the longest thing the app does: one
/// task of about 150 ms on a phone four times slower than this machine (most of it the
/// browser compiling each piece of code the first time it runs), in which the phone
/// answers no tap, not even on Quick exit. So the app is drawn off the page, a part a
/// task (the frame now, the screen's first part in the next task: `young::Frame`), and
/// put on the page in one go by [`show_app`], in the same task as the first screen goes:
/// no frame shows both or neither, and between those tasks the first screen (and its
/// Quick exit) answers as usual. Where the first screen is the sign-in form the app is
/// drawn in one task as before: the app takes over what is being typed as it is
/// drawn, and it must not miss a letter typed between tasks.
pub fn mount<N: leptos::prelude::IntoView>(app: impl FnOnce() -> N + 'static) {
    let holder = document()
        .filter(|document| !shows_sign_in(document))
        .and_then(|document| document.create_element("div").ok());
    match holder {
        Some(holder) => {
            UNSEEN.with(|unseen| *unseen.borrow_mut() = Some(holder.clone()));
            leptos::mount::mount_to(holder.unchecked_into(), app).forget();
        }
        None => {
            leptos::mount::mount_to_body(app);
            remove();
        }
    }
}

/// Whether the first screen is still on the page: until the app takes its place.
pub fn on_page() -> bool {
    document().is_some_and(|document| document.get_element_by_id("first-screen").is_some())
}

/// Whether the app is still being drawn off the page (see [`mount`]).
pub fn unseen() -> bool {
    UNSEEN.with(|unseen| unseen.borrow().is_some())
}

/// Draws `part` in the browser's next task while the app is being drawn off the page
/// ([`mount`]), so that each part of the app's first draw is a task of its own; at once
/// once the app is on the page (a new language redraws it all in one go, as before).
pub fn in_turn<V: leptos::prelude::IntoView + 'static>(
    part: impl FnOnce() -> V + Send + 'static,
) -> leptos::prelude::AnyView {
    use leptos::prelude::*;
    if unseen() {
        view! { <crate::components::soon::Soon>{part()}</crate::components::soon::Soon> }.into_any()
    } else {
        part().into_any()
    }
}

/// Puts the app drawn off the page on it, and takes the first screen away, in one task;
/// after that, or if the app was drawn on the page, it does nothing.
pub fn show_app() {
    let Some(holder) = UNSEEN.with(|unseen| unseen.borrow_mut().take()) else {
        return;
    };
    let Some(document) = document() else { return };
    // The first screen's "Opening…" (or a link there) may have had the focus: it goes
    // with the first screen, so it goes to the app's heading, as on a new screen.
    let had_focus = crate::route::focus_within("#first-screen");
    if let Some(body) = document.body() {
        while let Some(node) = holder.first_child() {
            let _ = body.append_child(&node);
        }
    }
    remove();
    if had_focus {
        crate::route::to_heading();
    }
}

fn shows_sign_in(document: &Document) -> bool {
    document
        .document_element()
        .is_some_and(|root| root.get_attribute("data-first").as_deref() == Some("sign-in"))
}

/// Removes the first screen, in the same task as the app is put on the page, so no frame
/// shows both or neither. If the app never starts, it stays, and Quick exit with it.
fn remove() {
    let Some(document) = document() else { return };
    if let Some(root) = document.document_element() {
        let _ = root.remove_attribute("data-first");
    }
    if let Some(screen) = document.get_element_by_id("first-screen") {
        screen.remove();
    }
}

/// What was done on the first screen's sign-in form, once (the app's sign-in page takes
/// it); nothing if it was not shown.
pub fn take_typed() -> TypedBefore {
    TYPED
        .with(|kept| kept.borrow_mut().take())
        .unwrap_or_default()
}

fn typed_before(document: &Document) -> TypedBefore {
    let value = |id: &str| input(document, id).map(|field| field.value());
    let focused = document
        .active_element()
        .and_then(|element| match element.id().as_str() {
            "first-username" => Some("username"),
            "first-password" => Some("password"),
            _ => None,
        });
    TypedBefore {
        username: value("first-username").unwrap_or_default(),
        password: value("first-password").unwrap_or_default(),
        focused,
        sent: document
            .get_element_by_id("first-sign-in")
            .is_some_and(|form| form.has_attribute("data-sent")),
    }
}

fn input(document: &Document, id: &str) -> Option<HtmlInputElement> {
    document.get_element_by_id(id)?.dyn_into().ok()
}

/// Puts the keyboard in the field `id`, at the end of what is in it, as it was on the
/// first screen.
pub fn focus_at_end(id: &str) {
    if let Some(field) = document().and_then(|document| input(&document, id)) {
        let _ = field.focus();
        let end = field.value().encode_utf16().count() as u32;
        let _ = field.set_selection_range(end, end);
    }
}
