//! A young person's turn on their worker's device (co-fill of goals). From "Hand the
//! device to Alex" until the worker types their password again, the app shows only Alex's
//! co-fill screens: no staff navigation, no links out to staff screens, no banner naming
//! anyone else (at most a quiet "Sam has something to look at", with no names).
//!
//! The turn is kept in this tab's sessionStorage, so a reload, "Back", or an address typed
//! by hand still lands on the co-fill screen. It holds no young person's words: only whose
//! turn it is, who handed over, and which screen of the turn is showing. It ends when the
//! worker's password is typed (`POST /api/v1/auth/confirm`), or when the session ends
//! (then the sign-in page asks for a password anyway).

use crate::api;
use crate::components::fetched::Fetched;
use crate::components::once::effect;
use crate::session::{Session, Status};
use crate::staff::push::SafetyRefresh;
use crate::staff::words::t;
use journey_core::i18n::fill;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use serde::{Deserialize, Serialize};

const KEY: &str = "journey.handed-over";
/// How often the quiet notice asks whether a flag is open.
const NOTICE_CHECK_SECS: u64 = 60;

/// Which screen of the young person's turn is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TurnStage {
    /// "Hand the device to Alex": already the young person's to hold.
    HandOver,
    Write,
    Rate,
    /// "Thank you, Alex": waiting for the worker's password.
    HandBack,
}

/// Whose turn it is, and who handed the device over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    pub young_person_id: String,
    pub first_name: String,
    /// The worker's username: the turn is theirs to end.
    pub worker_username: String,
    /// What the young person calls them ("Sam").
    pub worker_name: String,
    pub stage: TurnStage,
}

impl Turn {
    /// The one screen shown during the turn.
    pub fn path(&self) -> String {
        format!("/young-people/{}/goals", self.young_person_id)
    }
}

fn read() -> Option<Turn> {
    let text = crate::store::tab_storage()?.get_item(KEY).ok()??;
    crate::json::parse(&text)
}

fn write(turn: Option<&Turn>) {
    let Some(storage) = crate::store::tab_storage() else {
        return;
    };
    // Kept even on a shared phone: it holds no words, only the lock, and goes with the tab.
    match turn.and_then(crate::json::text) {
        Some(text) => {
            let _ = storage.set_item(KEY, &text);
        }
        None => {
            let _ = storage.remove_item(KEY);
        }
    }
}

/// The young person's turn, if one is going on, shared with the frame and the co-fill page.
#[derive(Clone, Copy)]
pub struct HandedOver {
    turn: RwSignal<Option<Turn>>,
    active: Memo<bool>,
}

impl HandedOver {
    /// Made once, by the app, after the session.
    pub fn provide() {
        let session = Session::get();
        let turn = RwSignal::new(read());
        // Over when nobody is signed in, or someone else is: the sign-in page asks for a
        // password anyway, and nothing of the worker's can be seen without one.
        effect(Box::new(move || {
            let status = session.status();
            let me = session.me();
            let over = turn.with(|turn| {
                turn.as_ref().is_some_and(|turn| {
                    status == Status::SignedOut
                        || me
                            .as_ref()
                            .is_some_and(|me| me.username != turn.worker_username)
                })
            });
            if over {
                write(None);
                turn.set(None);
            }
        }));
        let active =
            Memo::new(move |_| turn.with(Option::is_some) && session.status() != Status::SignedOut);
        provide_context(HandedOver { turn, active });
    }

    pub fn get() -> HandedOver {
        expect_context::<HandedOver>()
    }

    /// True during a young person's turn. Tracks changes.
    pub fn is_active(self) -> bool {
        self.active.get()
    }

    /// The turn going on, without tracking.
    pub fn turn_untracked(self) -> Option<Turn> {
        self.turn.get_untracked()
    }

    /// Where to go instead of `path` (the browser's, under `/staff`) during a turn, if
    /// `path` is not the turn's screen. The answer is inside the staff app's router.
    pub fn redirect_from(self, path: &str) -> Option<String> {
        if !self.active.get() {
            return None;
        }
        let target = self.turn.with(|turn| turn.as_ref().map(Turn::path))?;
        let inside = path
            .strip_prefix(journey_core::apps::STAFF_BASE)
            .unwrap_or(path);
        (inside.trim_end_matches('/') != target).then_some(target)
    }

    /// The device is handed over (or the turn moves on to another screen).
    pub fn start(self, turn: Turn) {
        write(Some(&turn));
        self.turn.set(Some(turn));
    }

    pub fn set_stage(self, stage: TurnStage) {
        self.turn.update(|turn| {
            if let Some(turn) = turn {
                turn.stage = stage;
            }
        });
        self.turn.with_untracked(|turn| write(turn.as_ref()));
    }

    /// The worker has it back.
    pub fn end(self) {
        write(None);
        self.turn.set(None);
    }
}

/// During a turn, any other address (typed, "Back", a stale link) goes to the turn's
/// screen instead. Pages behind sign-in are not even drawn meanwhile (see `SignedIn`).
#[component]
pub fn HandOverGuard() -> impl IntoView {
    let handed = HandedOver::get();
    let location = use_location();
    let navigate = use_navigate();
    effect(Box::new(move || {
        let target = location
            .pathname
            .with(|path| handed.redirect_from(path.as_str()));
        if let Some(target) = target {
            navigate(
                &target,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    }));
}

/// In place of the safety banner during a turn: a quiet line with no names, so the worker
/// knows to look once they have the device back.
#[component]
pub fn QuietFlagNotice() -> impl IntoView {
    let handed = HandedOver::get();
    let refresh = expect_context::<SafetyRefresh>();
    let tick = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(
        move || tick.update(|n| *n = n.wrapping_add(1)),
        std::time::Duration::from_secs(NOTICE_CHECK_SECS),
    ) {
        on_cleanup(move || handle.clear());
    }
    let flags = Fetched::new(move || {
        refresh.0.track();
        tick.track();
        api::open_safety_flags()
    });
    move || {
        let open = matches!(flags.get(), Some(Ok(list)) if !list.is_empty());
        let worker = handed
            .turn
            .with(|turn| turn.as_ref().map(|t| t.worker_name.clone()))?;
        open.then(|| {
            view! {
                <aside class="turn-notice" aria-labelledby="turn-notice-words">
                    <span class="turn-dot" aria-hidden="true"></span>
                    <span id="turn-notice-words">
                        {fill(t().co_fill.worker_has_something, &[("name", &worker)])}
                    </span>
                </aside>
            }
        })
    }
}
