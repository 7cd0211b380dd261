//! How the app looks on this phone: text size, an easier-to-read font, high contrast.
//! (The language is remembered on its own, in `i18n`.) Chosen on the Settings page,
//! kept on the phone and put on `<html>` as `data-text`, `data-font` and
//! `data-contrast`, which `style/main.css` follows. They are put there in `main`, before
//! the app first draws, so the first screen is already the right size.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Not under the `journey.` prefix that sign-out clears: how the app looks is not
/// personal, and the next person on a shared phone may need the same.
const KEY: &str = "my-journey.settings";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextSize {
    #[default]
    Normal,
    Larger,
    Largest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Font {
    #[default]
    Usual,
    /// Lexend, bundled in `public/fonts/`: wider letters and more space between them.
    Easier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contrast {
    Normal,
    High,
}

/// What someone chose. Anything not chosen (or not understood, from an older or newer
/// version of the app) is the usual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub text: TextSize,
    pub font: Font,
    /// `None` until chosen: then the phone's own "more contrast" setting decides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contrast: Option<Contrast>,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Normal, TextSize::Larger, TextSize::Largest];

    pub fn code(self) -> &'static str {
        match self {
            TextSize::Normal => "normal",
            TextSize::Larger => "larger",
            TextSize::Largest => "largest",
        }
    }
}

impl Font {
    pub const ALL: [Font; 2] = [Font::Usual, Font::Easier];

    pub fn code(self) -> &'static str {
        match self {
            Font::Usual => "usual",
            Font::Easier => "easier",
        }
    }
}

impl Contrast {
    pub const ALL: [Contrast; 2] = [Contrast::Normal, Contrast::High];

    pub fn code(self) -> &'static str {
        match self {
            Contrast::Normal => "normal",
            Contrast::High => "high",
        }
    }
}

impl Settings {
    /// The contrast in use: the one chosen, or else the phone's own setting.
    pub fn contrast(self) -> Contrast {
        self.contrast.unwrap_or_else(|| {
            if phone_wants_more_contrast() {
                Contrast::High
            } else {
                Contrast::Normal
            }
        })
    }
}

fn phone_wants_more_contrast() -> bool {
    leptos::web_sys::window()
        .and_then(|window| {
            window
                .match_media("(prefers-contrast: more)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches())
}

/// The settings kept on this phone (the usual ones if none, or if they can't be read).
pub fn remembered() -> Settings {
    read_setting::<Settings>(KEY).unwrap_or_default()
}

/// Puts the settings on `<html>`, where the styles pick them up.
pub fn apply(settings: Settings) {
    let Some(root) = leptos::web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    else {
        return;
    };
    let _ = root.set_attribute("data-text", settings.text.code());
    let _ = root.set_attribute("data-font", settings.font.code());
    let _ = root.set_attribute("data-contrast", settings.contrast().code());
}

/// Changes the settings: at once on screen, and kept on the phone.
pub fn change(update: impl FnOnce(&mut Settings)) -> Settings {
    let mut settings = remembered();
    update(&mut settings);
    apply(settings);
    write_setting(KEY, &settings);
    settings
}

/// A setting of this phone's (its language, text size…), kept as its plain JSON whoever
/// is signed in and even on a shared phone: it says nothing about anyone.
pub fn read_setting<T: DeserializeOwned>(key: &str) -> Option<T> {
    crate::json::parse(&local_storage()?.get_item(key).ok()??)
}

pub fn write_setting<T: Serialize>(key: &str, value: &T) {
    if let (Some(storage), Some(text)) = (local_storage(), crate::json::text(value)) {
        let _ = storage.set_item(key, &text);
    }
}

fn local_storage() -> Option<leptos::web_sys::Storage> {
    leptos::web_sys::window()?.local_storage().ok().flatten()
}
