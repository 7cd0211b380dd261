//! This process's hub for safety flag events, and the row each event leaves in
//! `safety_events` so that other servers on the same database hear of it too. What
//! travels and who hears it: `safety::events`.

use journey_core::push::{SAFETY_FLAG_CLOSED, SAFETY_FLAG_RAISED};
use journey_core::YoungPersonId;
use std::sync::Arc;
use tokio::sync::{broadcast, watch};

/// Events waiting for a slow stream before it must start again (and look afresh).
const BACKLOG: usize = 256;

/// What happened to a safety flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SafetyChange {
    Raised,
    Closed,
}

impl SafetyChange {
    fn as_str(self) -> &'static str {
        match self {
            SafetyChange::Raised => "raised",
            SafetyChange::Closed => "closed",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<SafetyChange> {
        match text {
            "raised" => Some(SafetyChange::Raised),
            "closed" => Some(SafetyChange::Closed),
            _ => None,
        }
    }

    /// The SSE event name the browser listens for.
    pub fn event_name(self) -> &'static str {
        match self {
            SafetyChange::Raised => SAFETY_FLAG_RAISED,
            SafetyChange::Closed => SAFETY_FLAG_CLOSED,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafetyEvent {
    pub change: SafetyChange,
    pub flag_id: String,
    pub young_person_id: YoungPersonId,
}

/// This server process's hub: open streams listen to it; the store and the watcher tell it.
#[derive(Clone)]
pub struct Events {
    inner: Arc<Hub>,
}

struct Hub {
    /// Written on each event row, so this process's watcher skips what it told already.
    origin: String,
    sender: broadcast::Sender<SafetyEvent>,
    /// Set when the server is shutting down: every stream ends, so a graceful shutdown
    /// is not held open by staff screens that would never close by themselves.
    closing: watch::Sender<bool>,
}

impl std::fmt::Debug for Events {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Events")
            .field("origin", &self.inner.origin)
            .field("listening", &self.inner.sender.receiver_count())
            .finish()
    }
}

impl Default for Events {
    fn default() -> Self {
        Events::new()
    }
}

impl Events {
    pub fn new() -> Events {
        Events {
            inner: Arc::new(Hub {
                origin: crate::secrets::new_id(),
                sender: broadcast::channel(BACKLOG).0,
                closing: watch::channel(false).0,
            }),
        }
    }

    /// Tells every stream open on this server (each decides whether its person may know).
    pub fn publish(&self, event: SafetyEvent) {
        // No stream open: nobody to tell, which is fine.
        let _ = self.inner.sender.send(event);
    }

    /// Ends every open stream and the watcher, for a graceful shutdown.
    pub fn close(&self) {
        self.inner.closing.send_replace(true);
    }

    pub(crate) fn closing(&self) -> watch::Receiver<bool> {
        self.inner.closing.subscribe()
    }

    /// A new listener for this process's events.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<SafetyEvent> {
        self.inner.sender.subscribe()
    }

    /// Whether this process wrote an event row (its watcher skips those).
    pub(crate) fn is_ours(&self, origin: &str) -> bool {
        self.inner.origin == origin
    }
}

/// Resolves when the server starts shutting down.
pub(crate) async fn shutting_down(closing: &mut watch::Receiver<bool>) {
    // An error means the hub is gone: that is shutting down too.
    let _ = closing.wait_for(|closing| *closing).await;
}

/// Records an event inside the transaction that raised or closed the flag, so it exists
/// exactly when the change does. Publish the returned event after the commit.
pub(crate) async fn record(
    tx: &mut sqlx::AnyConnection,
    events: &Events,
    change: SafetyChange,
    flag_id: &str,
    young_person_id: &YoungPersonId,
) -> Result<SafetyEvent, sqlx::Error> {
    sqlx::query(
        "INSERT INTO safety_events (kind, flag_id, young_person_id, origin, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(change.as_str())
    .bind(flag_id)
    .bind(young_person_id.as_str())
    .bind(&events.inner.origin)
    .bind(crate::secrets::now_secs())
    .execute(&mut *tx)
    .await?;
    Ok(SafetyEvent {
        change,
        flag_id: flag_id.to_owned(),
        young_person_id: young_person_id.clone(),
    })
}
