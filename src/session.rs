//! Who is signed in, shared with every page through context. The session itself is an
//! HttpOnly cookie the browser keeps; this only remembers what `GET /api/v1/me` said.

use crate::api::{self, ApiFailure};
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

#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
}

impl Session {
    /// Made once, by the app, which provides it to every page.
    pub fn provide() -> Session {
        let session = Session {
            state: RwSignal::new(SessionState::Checking),
        };
        provide_context(session);
        session.check();
        session
    }

    pub fn get() -> Session {
        expect_context::<Session>()
    }

    /// Asks the server again who is signed in.
    pub fn check(self) {
        self.state.set(SessionState::Checking);
        spawn_local(async move {
            let state = match api::me().await {
                Ok(me) => SessionState::SignedIn(me),
                Err(ApiFailure::SignedOut(_)) => SessionState::SignedOut(WhySignedOut::NotYet),
                Err(failure) => SessionState::Unknown(failure),
            };
            self.state.set(state);
        });
    }

    pub fn signed_in(self, me: Me) {
        self.state.set(SessionState::SignedIn(me));
    }

    pub fn signed_out(self, why: WhySignedOut) {
        self.state.set(SessionState::SignedOut(why));
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

    pub fn role(self) -> Option<Role> {
        self.state.with(|state| match state {
            SessionState::SignedIn(me) => Some(me.role),
            _ => None,
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
