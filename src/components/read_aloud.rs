//! Read aloud: the browser's own speech synthesis reads the page's main content, in the
//! page's language where the phone has a voice for it. Nothing is sent anywhere. Hidden
//! when the browser can't speak.

use crate::components::once::effect;
use crate::i18n::t;
use crate::route::Here;
use crate::session::Session;
use journey_core::Role;
use leptos::prelude::*;
use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Speaking {
    No,
    Yes,
    Paused,
}

/// `window.speechSynthesis`, if this browser has it.
fn synthesis() -> Option<JsValue> {
    let window = leptos::web_sys::window()?;
    let found = js_sys::Reflect::get(&window, &"speechSynthesis".into()).ok()?;
    let has_utterance = js_sys::Reflect::get(&window, &"SpeechSynthesisUtterance".into())
        .map(|u| u.is_function())
        .unwrap_or(false);
    (has_utterance && found.is_object()).then_some(found)
}

fn call(target: &JsValue, method: &str, args: &js_sys::Array) {
    if let Ok(function) = js_sys::Reflect::get(target, &method.into()) {
        if let Some(function) = function.dyn_ref::<js_sys::Function>() {
            let _ = function.apply(target, args);
        }
    }
}

fn main_text() -> String {
    document()
        .get_element_by_id("main")
        .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        .map(|e| e.inner_text())
        .unwrap_or_default()
}

/// Starts reading `text`; `on_end` runs when it finishes or is stopped.
fn speak(synth: &JsValue, text: &str, on_end: impl FnMut() + 'static) -> Option<()> {
    let window = leptos::web_sys::window()?;
    let constructor = js_sys::Reflect::get(&window, &"SpeechSynthesisUtterance".into()).ok()?;
    let constructor = constructor.dyn_ref::<js_sys::Function>()?;
    let utterance =
        js_sys::Reflect::construct(constructor, &js_sys::Array::of1(&text.into())).ok()?;
    let lang = document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .unwrap_or_else(|| "en-GB".into());
    js_sys::Reflect::set(&utterance, &"lang".into(), &lang.into()).ok()?;
    let on_end = Closure::<dyn FnMut()>::new(on_end).into_js_value();
    js_sys::Reflect::set(&utterance, &"onend".into(), &on_end).ok()?;
    call(synth, "cancel", &js_sys::Array::new());
    call(synth, "speak", &js_sys::Array::of1(&utterance));
    Some(())
}

/// Above a young person's page: "Read aloud", then "Pause"/"Carry on" and "Stop".
#[component]
pub fn ReadAloud() -> impl IntoView {
    let session = Session::get();
    let state = RwSignal::new(Speaking::No);
    let path = Here::get().path();
    // A new page stops the old one's reading.
    effect(Box::new(move || {
        path.track();
        if let Some(synth) = synthesis() {
            call(&synth, "cancel", &js_sys::Array::new());
        }
        state.set(Speaking::No);
    }));
    let start = move |_| {
        if let Some(synth) = synthesis() {
            let text = main_text();
            if speak(&synth, &text, move || state.set(Speaking::No)).is_some() {
                state.set(Speaking::Yes);
            }
        }
    };
    let pause = move |_| {
        if let Some(synth) = synthesis() {
            if state.get_untracked() == Speaking::Paused {
                call(&synth, "resume", &js_sys::Array::new());
                state.set(Speaking::Yes);
            } else {
                call(&synth, "pause", &js_sys::Array::new());
                state.set(Speaking::Paused);
            }
        }
    };
    let stop = move |_| {
        if let Some(synth) = synthesis() {
            call(&synth, "cancel", &js_sys::Array::new());
        }
        state.set(Speaking::No);
    };
    let t = t();
    move || {
        let show = session.role() == Some(Role::YoungPerson) && synthesis().is_some();
        show.then(|| {
            view! {
                <aside class="read-aloud" aria-label=t.common.read_aloud_label>
                    {move || if state.get() == Speaking::No {
                        view! {
                            <button type="button" class="button secondary" on:click=start>
                                {t.common.read_aloud}
                            </button>
                        }
                        .into_any()
                    } else {
                        view! {
                            <button type="button" class="button secondary" on:click=pause>
                                {move || if state.get() == Speaking::Paused { t.common.carry_on } else { t.common.pause }}
                            </button>
                            <button type="button" class="button secondary" on:click=stop>{t.common.stop}</button>
                        }
                        .into_any()
                    }}
                </aside>
            }
        })
    }
}
