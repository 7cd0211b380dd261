//! The language the app speaks on this phone: English or Cymraeg, switchable at any
//! time (the top bar, Settings, the sign-in page) and remembered on the phone. The words
//! themselves live in `journey_core::i18n` (`en.rs`, `cy.rs`).
//!
//! Pages read their words once with [`t`]; changing the language redraws the screen
//! (see `App`), and half-written forms come back from their drafts.
//!
//! The Welsh words are not in the app's code: they are a file beside it
//! (`words-cy-HASH.json`, named by `<meta name="words-cy">` in the page), fetched when the
//! app starts in Welsh or someone chooses Welsh, so a phone that reads English never
//! downloads them. The service worker keeps the file, so Welsh opens with no signal too.

use crate::components::once::effect;
use journey_core::i18n::{Lang, Later, Text};
use leptos::prelude::*;

/// Not under the `journey.` prefix that sign-out clears: a language is not personal.
const KEY: &str = "my-journey.language";

#[derive(Clone, Copy)]
struct Language(RwSignal<Lang>);

/// Reads the remembered language (English if none) and keeps `<html lang>` and the
/// phone's memory in step with it.
pub fn provide() -> RwSignal<Lang> {
    let language = RwSignal::new(remembered());
    provide_context(Language(language));
    effect(Box::new(move || {
        let lang = language.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        crate::settings::write_setting(KEY, &lang);
    }));
    language
}

/// The language signal, to change it.
pub fn language() -> RwSignal<Lang> {
    expect_context::<Language>().0
}

/// The language now (not tracked: the whole screen redraws when it changes). Outside
/// the app's tree (an answer arriving after its screen has gone), the one the phone
/// remembers.
pub fn lang() -> Lang {
    use_context::<Language>()
        .map(|language| language.0.get_untracked())
        .unwrap_or_else(|| crate::settings::read_setting::<Lang>(KEY).unwrap_or_default())
}

/// All the words, in the language now.
pub fn t() -> &'static Text {
    lang().text()
}

/// The words of the screens fetched when opened (Goals, Feedback, Help, Account) and of
/// staff screens, in the language now. Only those screens' code calls this: the young
/// person's first download then carries none of these words (`Later`).
pub fn later() -> &'static Later {
    lang().later()
}

/// The phone's remembered language, before the app is drawn.
pub fn remembered() -> Lang {
    crate::settings::read_setting::<Lang>(KEY).unwrap_or_default()
}

/// Makes sure the words of `lang` are here, fetching the Welsh file if need be. False if
/// they could not be fetched (no signal and never kept): the words stay English.
pub async fn fetch_words(lang: Lang) -> bool {
    if lang != Lang::Cy || journey_core::i18n::welsh::ready() {
        return true;
    }
    let Some(path) = document()
        .query_selector("meta[name=words-cy]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
    else {
        return false;
    };
    let list = match crate::early::get(&path).await {
        Some(response) if response.ok() => {
            crate::json::from_response::<Vec<String>>(response).await
        }
        _ => None,
    };
    // A file from another build (it does not fit this one's table) is not used either.
    matches!(list.map(journey_core::i18n::welsh::load), Some(Ok(())))
}

/// Switches `language` to `lang` once its words are here (at once for English).
pub fn choose(language: RwSignal<Lang>, lang: Lang) {
    leptos::task::spawn_local(async move {
        fetch_words(lang).await;
        language.set(lang);
    });
}

/// A button that switches to the other language, named in that language.
#[component]
pub fn LanguageSwitch(#[prop(optional, into)] class: Option<String>) -> impl IntoView {
    let language = language();
    let other = move || match language.get() {
        Lang::En => Lang::Cy,
        Lang::Cy => Lang::En,
    };
    view! {
        <button
            type="button"
            class=class.unwrap_or_else(|| "language-switch".to_owned())
            lang=move || other().code()
            on:click=move |_| choose(language, other())
        >
            {move || other().own_name()}
        </button>
    }
}
