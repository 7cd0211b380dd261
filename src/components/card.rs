//! A card: one part of a page under its own heading.
//!
//! Plain functions, not a component: a component's props and children are a type of their
//! own at each place it is used, and the young person's app drew 47 cards; a function
//! taking the body as an `AnyView` is one piece of code for all of them (1.3 KB less to
//! download; see the README's "Where the bytes go").

use leptos::prelude::*;

/// A section of a page in a card, named by its heading for screen readers. `id` is the
/// heading's id (a link or the keyboard can be sent to it); `class` is added to `card`.
pub fn card(
    id: impl Into<String>,
    title: impl Into<String>,
    class: &'static str,
    body: AnyView,
) -> AnyView {
    drawn(id.into(), title.into(), class, false, None, body)
}

/// [`card`] whose heading can take the focus (`focusable`: a screen that has just
/// changed sends the keyboard there), or whose words are in another language (`lang`).
pub fn card_with(
    id: impl Into<String>,
    title: impl Into<String>,
    class: &'static str,
    focusable: bool,
    lang: Option<&'static str>,
    body: AnyView,
) -> AnyView {
    drawn(id.into(), title.into(), class, focusable, lang, body)
}

fn drawn(
    id: String,
    title: String,
    class: &'static str,
    focusable: bool,
    lang: Option<&'static str>,
    body: AnyView,
) -> AnyView {
    let class = if class.is_empty() {
        "card".to_owned()
    } else {
        format!("card {class}")
    };
    let labelled_by = id.clone();
    view! {
        <section class=class lang=lang aria-labelledby=labelled_by>
            <h2 id=id tabindex=focusable.then_some("-1")>{title}</h2>
            {body}
        </section>
    }
    .into_any()
}
