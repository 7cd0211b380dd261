//! The drawn faces a young person answers with (session feedback, check-ins), the same on
//! every phone, and a feedback score as people say it.

use crate::components::form::Radio;
use journey_core::feedback::{FACE_MAX, FACE_MIN};
use leptos::prelude::*;

/// A simple drawn face, from a frown (1) to a big smile (5). The same on every phone.
#[component]
pub fn Face(face: u8) -> impl IntoView {
    let curve = 9 + 3 * u32::from(face.clamp(FACE_MIN, FACE_MAX) - FACE_MIN);
    let mouth = format!("M7.5 15 Q12 {curve} 16.5 15");
    view! {
        <svg class=format!("face face-{face}") viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="10"/>
            <circle class="eye" cx="9" cy="9.5" r="1.2"/>
            <circle class="eye" cx="15" cy="9.5" r="1.2"/>
            <path d=mouth/>
        </svg>
    }
}

/// One face to choose, as a radio button: the face, then its words (`words_class`
/// says how they show: beside it, or for a screen reader only).
#[component]
pub fn FaceChoice(
    class: &'static str,
    id: String,
    name: String,
    face: u8,
    #[prop(into)] chosen: Signal<bool>,
    #[prop(into)] on_choose: Callback<()>,
    words: String,
    words_class: &'static str,
) -> impl IntoView {
    view! {
        <Radio class id name checked=chosen on_pick=on_choose>
            <Face face/>
            <span class=words_class>{words}</span>
        </Radio>
    }
}

/// A score as people say it: "4", "3.5".
pub(crate) fn round_score(score: f32) -> String {
    journey_core::number::one_place(f64::from(score))
}
