//! Server push for staff screens: one `EventSource` on `/api/v1/events` while a worker or
//! manager is signed in, so a new or closed safety flag shows within a second or two,
//! without reloading. Events carry ids only; the screen asks for the open flags again.
//!
//! The browser reconnects by itself when the connection drops. When the server refuses
//! (signed out elsewhere: 401), the browser gives up; we then ask who is signed in, which
//! sends a signed-out person to sign-in (closing this), and otherwise try again later.

use crate::session::Session;
use journey_core::push::{SAFETY_FLAG_CLOSED, SAFETY_FLAG_RAISED};
use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::JsCast;
use send_wrapper::SendWrapper;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::time::Duration;
use web_sys::EventSource;

const EVENTS: &str = "/api/v1/events";
/// After the server refused the stream but the person is still signed in (a proxy's error
/// page during a restart, say), try again this long after.
const TRY_AGAIN_AFTER: Duration = Duration::from_secs(30);

/// The open stream and the listeners that must live as long as it does.
#[derive(Default)]
struct Connection {
    source: Option<EventSource>,
    listeners: Vec<Closure<dyn FnMut()>>,
    stopped: bool,
}

impl Connection {
    fn close(&mut self) {
        if let Some(source) = self.source.take() {
            source.close();
        }
        self.listeners.clear();
    }
}

/// Keeps one stream open for as long as the calling component lives. `changed` runs on
/// every safety event, and each time the stream (re)connects, since anything may have
/// happened while it was away. Returns whether the stream is connected now, so a fallback
/// poll can run only while it is not.
pub fn safety_events(changed: impl Fn() + 'static) -> ReadSignal<bool> {
    let (connected, set_connected) = signal(false);
    let session = Session::get();
    let link = Rc::new(RefCell::new(Connection::default()));
    let changed: Rc<dyn Fn()> = Rc::new(changed);
    open(&link, set_connected, changed, session);
    let held = SendWrapper::new(link);
    on_cleanup(move || {
        let mut link = held.borrow_mut();
        link.stopped = true;
        link.close();
    });
    connected
}

fn open(
    link: &Rc<RefCell<Connection>>,
    set_connected: WriteSignal<bool>,
    changed: Rc<dyn Fn()>,
    session: Session,
) {
    let Ok(source) = EventSource::new(EVENTS) else {
        // No EventSource here: the fallback poll carries on.
        return;
    };
    let mut listeners = Vec::new();
    let mut listen = |name: &str, handler: Box<dyn FnMut()>| {
        let closure = Closure::wrap(handler);
        let _ = source.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        listeners.push(closure);
    };
    {
        let changed = changed.clone();
        listen(
            "open",
            Box::new(move || {
                set_connected.set(true);
                changed();
            }),
        );
    }
    for name in [SAFETY_FLAG_RAISED, SAFETY_FLAG_CLOSED] {
        let changed = changed.clone();
        listen(name, Box::new(move || changed()));
    }
    {
        let weak = Rc::downgrade(link);
        listen(
            "error",
            Box::new(move || {
                set_connected.set(false);
                gave_up(&weak, set_connected, changed.clone(), session);
            }),
        );
    }
    let mut held = link.borrow_mut();
    held.close();
    held.source = Some(source);
    held.listeners = listeners;
}

/// After an error: if the browser is reconnecting by itself, nothing to do. If it gave up
/// (the server said no), find out whether we are still signed in, and try again later.
fn gave_up(
    weak: &Weak<RefCell<Connection>>,
    set_connected: WriteSignal<bool>,
    changed: Rc<dyn Fn()>,
    session: Session,
) {
    let Some(link) = weak.upgrade() else { return };
    let closed = link
        .borrow()
        .source
        .as_ref()
        .is_none_or(|source| source.ready_state() == EventSource::CLOSED);
    if !closed {
        return;
    }
    // Signed out: the app goes to sign-in, and the component holding this closes it.
    session.check_quietly();
    let weak = weak.clone();
    let _ = set_timeout_with_handle(
        move || {
            let Some(link) = weak.upgrade() else { return };
            if link.borrow().stopped {
                return;
            }
            open(&link, set_connected, changed, session);
        },
        TRY_AGAIN_AFTER,
    );
}

/// Bumped when a flag is closed, so the banner looks again.
#[derive(Clone, Copy)]
pub struct SafetyRefresh(pub RwSignal<u32>);

impl SafetyRefresh {
    pub fn provide() {
        provide_context(SafetyRefresh(RwSignal::new(0)));
    }
}
