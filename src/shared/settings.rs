//! Settings: the language, text size, an easier-to-read font and high contrast. Open to
//! everyone, signed in or not (the sign-in page links here). Each choice is a real radio
//! button in a named group, so the keyboard (arrow keys) and screen readers work as
//! usual; each change happens at once and stays on this phone (see `crate::settings`).

use crate::components::form::Radio;
use crate::i18n::{language, t};
use crate::route::A;
use crate::session::{Session, Status};
use crate::settings::{self, Contrast, Font, TextSize};
use journey_core::i18n::Lang;
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    /// Set when the language changes here: the app redraws in the new language, and this
    /// page then gives the keyboard focus back to the language just chosen.
    static REFOCUS_LANGUAGE: Cell<bool> = const { Cell::new(false) };
}

/// One option of a group: its value, its words, and the language of its words.
struct Choice {
    value: &'static str,
    label: &'static str,
    lang: Option<&'static str>,
}

fn choice(value: &'static str, label: &'static str) -> Choice {
    Choice {
        value,
        label,
        lang: None,
    }
}

/// A question with big radio buttons: `chosen` is the value checked now.
fn choice_group(
    name: &'static str,
    legend: &'static str,
    hint: Option<&'static str>,
    options: Vec<Choice>,
    chosen: Signal<&'static str>,
    choose: impl Fn(&'static str) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let described_by = hint.map(|_| hint_id.clone());
    let choices = options
        .into_iter()
        .map(|Choice { value, label, lang }| {
            let id = format!("{name}-{value}");
            view! {
                <Radio
                    id
                    name
                    value
                    checked=move || chosen.get() == value
                    on_pick=move || choose(value)
                    lang
                >
                    {label}
                </Radio>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="choices setting"
            aria-describedby=described_by
        >
            <legend>{legend}</legend>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            {choices}
        </fieldset>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let t = t();
    let session = Session::get();
    let language = language();
    let now = RwSignal::new(settings::remembered());
    let change = move |update: &dyn Fn(&mut settings::Settings)| {
        now.set(settings::change(|settings| update(settings)));
    };

    if REFOCUS_LANGUAGE.with(|refocus| refocus.replace(false)) {
        let id = format!("language-{}", lang_value(language.get_untracked()));
        request_animation_frame(move || {
            use leptos::wasm_bindgen::JsCast;
            if let Some(input) = document()
                .get_element_by_id(&id)
                .and_then(|element| element.dyn_into::<leptos::web_sys::HtmlElement>().ok())
            {
                let _ = input.focus();
            }
        });
    }

    let language_group = choice_group(
        "language",
        t.settings.language,
        None,
        Lang::ALL
            .into_iter()
            .map(|lang| Choice {
                value: lang_value(lang),
                label: lang.own_name(),
                lang: Some(lang.code()),
            })
            .collect(),
        Signal::derive(move || lang_value(language.get())),
        move |value| {
            let chosen = Lang::ALL
                .into_iter()
                .find(|lang| lang_value(*lang) == value)
                .unwrap_or_default();
            if chosen != language.get_untracked() {
                REFOCUS_LANGUAGE.with(|refocus| refocus.set(true));
                crate::i18n::choose(language, chosen);
            }
        },
    );
    let text_group = choice_group(
        "text-size",
        t.settings.text_size,
        Some(t.settings.text_size_hint),
        vec![
            choice(TextSize::Normal.code(), t.settings.text_normal),
            choice(TextSize::Larger.code(), t.settings.text_larger),
            choice(TextSize::Largest.code(), t.settings.text_largest),
        ],
        Signal::derive(move || now.get().text.code()),
        move |value| {
            let size = TextSize::ALL
                .into_iter()
                .find(|size| size.code() == value)
                .unwrap_or_default();
            change(&|settings| settings.text = size);
        },
    );
    let font_group = choice_group(
        "font",
        t.settings.font,
        None,
        vec![
            choice(Font::Usual.code(), t.settings.font_usual),
            choice(Font::Easier.code(), t.settings.font_easier),
        ],
        Signal::derive(move || now.get().font.code()),
        move |value| {
            let font = Font::ALL
                .into_iter()
                .find(|font| font.code() == value)
                .unwrap_or_default();
            change(&|settings| settings.font = font);
        },
    );
    let contrast_group = choice_group(
        "contrast",
        t.settings.contrast,
        None,
        vec![
            choice(Contrast::Normal.code(), t.settings.contrast_normal),
            choice(Contrast::High.code(), t.settings.contrast_high),
        ],
        Signal::derive(move || now.get().contrast().code()),
        move |value| {
            let contrast = Contrast::ALL
                .into_iter()
                .find(|contrast| contrast.code() == value)
                .unwrap_or(Contrast::Normal);
            change(&|settings| settings.contrast = Some(contrast));
        },
    );

    let signed_out = move || session.status() == Status::SignedOut;
    view! {
        {move || {
            signed_out()
                .then(|| {
                    view! {
                        <p>
                            <A href="/sign-in" class="link-tap">
                                {t.settings.back_to_sign_in}
                            </A>
                        </p>
                    }
                })
        }}
        <h1>{t.settings.title}</h1>
        <p class="lead">{t.settings.intro}</p>
        <div class="card settings">
            {language_group}
            {text_group}
            {font_group}
            {contrast_group}
            <p class="hint">{t.settings.kept}</p>
        </div>
    }
}

/// A language's value in the form: its code in lower case ("en-gb" is shortened to "en").
fn lang_value(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Cy => "cy",
    }
}
