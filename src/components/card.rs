//! A card: one part of a page under its own heading.

use leptos::prelude::*;

/// A section of a page in a card, named by its heading for screen readers. `id` is the
/// heading's id (a link or the keyboard can be sent to it: `focusable` lets it take the
/// focus); `class` is added to `card`; `lang` marks words in another language.
#[component]
pub fn Card(
    #[prop(into)] id: String,
    #[prop(into)] title: String,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] focusable: bool,
    #[prop(optional_no_strip)] lang: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() {
        "card".to_owned()
    } else {
        format!("card {class}")
    };
    let labelled_by = id.clone();
    view! {
        <section class=class lang=lang aria-labelledby=labelled_by>
            <h2 id=id tabindex=focusable.then_some("-1")>{title}</h2>
            {children()}
        </section>
    }
}
