//! A form's unfinished words, kept on this phone (for whoever is signed in) as they are
//! typed, given back after a reload, and cleared once sent.

use crate::session::Session;
use crate::store;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Whether this user has a draft of `form`, so its form can open by itself.
pub fn has_draft(form: &str) -> bool {
    Session::get().username_untracked().is_some_and(|user| {
        store::read::<serde::de::IgnoredAny>(&store::draft_key(&user, form)).is_some()
    })
}

/// Removes this user's draft of `form` (for a form that may be gone by the time it is sent).
pub fn forget(form: &str) {
    if let Some(user) = Session::get().username_untracked() {
        store::remove(&store::draft_key(&user, form));
    }
}

/// A form's unfinished words, kept as the person types and given back after a reload.
#[derive(Clone, Copy)]
pub struct Draft {
    key: StoredValue<Option<String>>,
}

impl Draft {
    /// Starts keeping the form `form` (unique per form and per young person it is about)
    /// for whoever is signed in. `restore` is called now with what was kept, if anything;
    /// from then on `current` is saved each time it changes. A form back at its empty
    /// state (the default) removes the draft.
    pub fn keep<T>(
        form: impl AsRef<str>,
        current: impl Fn() -> T + 'static,
        restore: impl FnOnce(T),
    ) -> Draft
    where
        T: Serialize + DeserializeOwned + Default + PartialEq + 'static,
    {
        let key = Session::get()
            .username_untracked()
            .map(|user| store::draft_key(&user, form.as_ref()));
        if let Some(found) = key.as_deref().and_then(store::read::<T>) {
            restore(found);
        }
        let draft = Draft {
            key: StoredValue::new(key),
        };
        // Writing a few hundred bytes to localStorage per key press is cheap enough that
        // this needs no debounce, and nothing typed is lost to a closed tab.
        Effect::new(move |ran_before: Option<()>| {
            let value = current();
            if ran_before.is_some() {
                draft.save(&value);
            }
        });
        draft
    }

    fn save<T: Serialize + Default + PartialEq>(self, value: &T) {
        self.key.with_value(|key| {
            if let Some(key) = key {
                if *value == T::default() {
                    store::remove(key);
                } else {
                    store::write(key, value);
                }
            }
        });
    }

    /// Sent (or safely in the outbox): the draft is no longer needed.
    pub fn clear(self) {
        self.key.with_value(|key| {
            if let Some(key) = key {
                store::remove(key);
            }
        });
    }
}
