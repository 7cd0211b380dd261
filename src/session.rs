//! Who is signed in, shared with every page through context. The session itself is an
//! HttpOnly cookie the browser keeps; this only remembers what `GET /api/v1/me` said.
//!
//! With no signal, the app opens as whoever signed in last on this phone (if they did not
//! sign out), so they can see what is waiting to send; the server still checks every
//! request, and the next answer that says "signed out" goes back to sign-in.

use crate::api::{self, ApiFailure};
use crate::store;
use journey_core::{Me, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    /// Asking the server who is signed in.
    Checking,
    SignedIn(Me),
    SignedOut(WhySignedOut),
    /// We could not ask (no signal, or a problem on our side).
    Unknown(ApiFailure),
}

/// Why nobody is signed in, so the sign-in page can say so kindly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhySignedOut {
    /// Nobody had signed in on this phone.
    NotYet,
    /// They tapped "Sign out".
    TheyChose,
    /// The session ended by itself (time passed, or it was ended elsewhere).
    TimedOut,
}

/// Where the session stands, without who: pages that only care whether to show
/// themselves watch this, so they are not rebuilt when the details are refreshed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Checking,
    SignedIn,
    SignedOut,
    Unknown,
}

thread_local! {
    static FIRST_ANSWER: std::cell::RefCell<Option<Result<Me, ApiFailure>>> = const {
        std::cell::RefCell::new(None)
    };
}

/// Before the young person's app is drawn: who is signed in (`index.html` asked while the
/// app downloaded, so it is usually here already). The first frame is then drawn as them,
/// and nothing on it moves when the answer comes (the read-aloud bar, the navigation).
pub async fn ask_first() {
    let answer = api::me().await;
    FIRST_ANSWER.with(|first| *first.borrow_mut() = Some(answer));
}

/// Where the session stands after the server's answer to `GET /api/v1/me`.
fn state_after(answer: Result<Me, ApiFailure>) -> SessionState {
    match answer {
        Ok(me) => {
            store::remember_me(&me);
            SessionState::SignedIn(me)
        }
        Err(ApiFailure::SignedOut(_)) => {
            store::forget_me();
            SessionState::SignedOut(carried_to_sign_in().unwrap_or(WhySignedOut::NotYet))
        }
        Err(ApiFailure::Unreachable) => match store::remembered_me() {
            Some(me) => SessionState::SignedIn(me),
            None => SessionState::Unknown(ApiFailure::Unreachable),
        },
        Err(failure) => SessionState::Unknown(failure),
    }
}

#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
}

impl Session {
    /// Made once, by the app, which provides it to every page: as whoever `ask_first`
    /// found, or asking now.
    pub fn provide() -> Session {
        let first = FIRST_ANSWER.with(|first| first.borrow_mut().take());
        let session = Session {
            state: RwSignal::new(SessionState::Checking),
        };
        provide_context(session);
        match first {
            Some(answer) => session.state.set(state_after(answer)),
            None => session.check(),
        }
        session
    }

    pub fn get() -> Session {
        expect_context::<Session>()
    }

    /// Asks the server again who is signed in.
    pub fn check(self) {
        self.state.set(SessionState::Checking);
        spawn_local(async move { self.state.set(state_after(api::me().await)) });
    }

    /// Back online: asks again without showing "Opening…", so a half-filled form stays.
    pub fn check_quietly(self) {
        spawn_local(async move {
            match api::me().await {
                Ok(me) => {
                    store::remember_me(&me);
                    if self
                        .state
                        .with_untracked(|s| *s != SessionState::SignedIn(me.clone()))
                    {
                        self.signed_in(me);
                    }
                }
                Err(failure @ ApiFailure::SignedOut(_)) => {
                    store::forget_me();
                    self.notice(&failure);
                }
                Err(_) => {}
            }
        });
    }

    pub fn signed_in(self, me: Me) {
        store::remember_me(&me);
        self.state.set(SessionState::SignedIn(me));
    }

    /// When they chose to sign out, everything this phone kept for them goes too (drafts,
    /// what was waiting to send): it may be a shared phone.
    pub fn signed_out(self, why: WhySignedOut) {
        if why == WhySignedOut::TheyChose {
            if let Some(username) = self.username_untracked() {
                store::forget_user(&username);
            }
        }
        store::forget_me();
        self.state.set(SessionState::SignedOut(why));
    }

    /// Whose drafts and outbox to use, without tracking.
    pub fn username_untracked(self) -> Option<String> {
        self.state.with_untracked(|state| match state {
            SessionState::SignedIn(me) => Some(me.username.clone()),
            _ => None,
        })
    }

    /// When a request finds the session has ended, every page goes back to sign-in.
    pub fn notice(self, failure: &ApiFailure) {
        let signed_in = self
            .state
            .with_untracked(|state| matches!(state, SessionState::SignedIn(_)));
        if signed_in && matches!(failure, ApiFailure::SignedOut(_)) {
            self.signed_out(WhySignedOut::TimedOut);
        }
    }

    /// Why nobody is signed in, when nobody is.
    pub fn why_signed_out(self) -> Option<WhySignedOut> {
        self.state.with(|state| match state {
            SessionState::SignedOut(why) => Some(*why),
            _ => None,
        })
    }

    pub fn state(self) -> SessionState {
        self.state.get()
    }

    /// Who is signed in, if anyone. Tracks changes.
    pub fn me(self) -> Option<Me> {
        self.state.with(|state| match state {
            SessionState::SignedIn(me) => Some(me.clone()),
            _ => None,
        })
    }

    /// The signed-in young person's id, if that is who is signed in. Tracks changes.
    pub fn young_person_id(self) -> Option<String> {
        self.state.with(|state| match state {
            SessionState::SignedIn(me) => me.young_person_id.as_ref().map(|id| id.to_string()),
            _ => None,
        })
    }

    /// Which of the two apps is theirs, if anyone is signed in. Tracks changes.
    pub fn audience(self) -> Option<journey_core::apps::Audience> {
        self.role().map(journey_core::apps::Audience::of)
    }

    pub fn role(self) -> Option<Role> {
        self.state.with(|state| match state {
            SessionState::SignedIn(me) => Some(me.role),
            _ => None,
        })
    }

    /// One of the organisation's administrators. Tracks changes.
    pub fn is_admin(self) -> bool {
        self.state.with(|state| match state {
            SessionState::SignedIn(me) => me.is_admin,
            _ => false,
        })
    }

    pub fn status(self) -> Status {
        self.state.with(|state| match state {
            SessionState::Checking => Status::Checking,
            SessionState::SignedIn(_) => Status::SignedIn,
            SessionState::SignedOut(_) => Status::SignedOut,
            SessionState::Unknown(_) => Status::Unknown,
        })
    }
}

/// Where the staff app leaves why someone was signed out, for the sign-in page (which is
/// in the young person's app, a new page). Kept in this tab only, and read once.
const CARRIED: &str = "journey.why-signed-out";

/// Before the staff app sends someone to sign in: why they were signed out.
pub fn carry_to_sign_in(why: WhySignedOut) {
    let word = match why {
        WhySignedOut::NotYet => return,
        WhySignedOut::TheyChose => "chose",
        WhySignedOut::TimedOut => "timed-out",
    };
    if let Some(storage) = store::tab_storage() {
        let _ = storage.set_item(CARRIED, word);
    }
}

fn carried_to_sign_in() -> Option<WhySignedOut> {
    let storage = store::tab_storage()?;
    let word = storage.get_item(CARRIED).ok()??;
    let _ = storage.remove_item(CARRIED);
    match word.as_str() {
        "chose" => Some(WhySignedOut::TheyChose),
        "timed-out" => Some(WhySignedOut::TimedOut),
        _ => None,
    }
}
