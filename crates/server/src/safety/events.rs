//! Server push to staff screens: `GET /api/v1/events`, a Server-Sent Events stream that
//! says "a safety flag was raised" or "…was closed" to each worker and manager who may see
//! that young person, within a second or so, so the red banner comes and goes by itself.
//!
//! How an event travels: the store writes it to `safety_events` in the same transaction as
//! the flag or the action, then hands it to this process's [`Events`] hub, which passes it
//! to every open stream here at once. Other servers on the same database find it with
//! their watcher ([`start_watcher`]), which looks for new rows every second; each server
//! skips the rows it wrote itself (`origin`), so nobody is told twice. Events carry ids
//! only; the screen then asks `GET /api/v1/safety` again, through the usual access rules.

use crate::auth::{Caller, Staff, SESSION_ABSOLUTE, SESSION_IDLE};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::events::{shutting_down, Events, SafetyChange, SafetyEvent};
use crate::store::Store;
use axum::extract::State;
use axum::http::header::HeaderName;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use journey_core::push::SafetyFlagEvent;
use journey_core::YoungPersonId;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::{broadcast, watch};

/// How often a server looks for events written by the others.
pub const WATCH_EVERY: Duration = Duration::from_secs(1);
/// A comment line this often keeps proxies and phones from dropping a quiet stream.
pub const KEEP_ALIVE_EVERY: Duration = Duration::from_secs(15);
/// How often an open stream checks that its session has not ended (signed out elsewhere,
/// or timed out), so a stream does not outlive the session that opened it.
const SESSION_CHECK_EVERY: Duration = Duration::from_secs(30);
/// How long the browser waits before connecting again after a dropped stream.
const RECONNECT_AFTER: Duration = Duration::from_secs(3);
/// Events older than this are deleted: a server that was away longer looks afresh.
const KEEP_EVENTS_SECS: i64 = 60 * 60;
const PRUNE_EVERY: Duration = Duration::from_secs(10 * 60);

impl Store {
    /// This process's event hub.
    pub fn events(&self) -> &Events {
        &self.events
    }

    /// Whether a session is still there and within its time limits, without counting as
    /// use: an open stream must not keep an idle session alive.
    pub async fn session_is_live(&self, token_hash: &str) -> Result<bool, ApiError> {
        let row: Option<(i64, i64)> =
            sqlx::query_as("SELECT created_at, last_seen_at FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(self.pool())
                .await?;
        let now = crate::secrets::now_secs();
        Ok(row.is_some_and(|(created, seen)| {
            now - seen <= SESSION_IDLE.as_secs() as i64
                && now - created <= SESSION_ABSOLUTE.as_secs() as i64
        }))
    }

    /// The newest event id, or 0.
    async fn newest_event(&self) -> Result<i64, sqlx::Error> {
        let (id,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM safety_events")
            .fetch_one(self.pool())
            .await?;
        Ok(id)
    }

    /// Events after `after`, oldest first, with who wrote them.
    async fn events_after(
        &self,
        after: i64,
    ) -> Result<Vec<(i64, String, SafetyEvent)>, sqlx::Error> {
        let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
            "SELECT id, kind, flag_id, young_person_id, origin FROM safety_events
             WHERE id > $1 ORDER BY id LIMIT 500",
        )
        .bind(after)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, kind, flag_id, young_person_id, origin)| {
                Some((
                    id,
                    origin,
                    SafetyEvent {
                        change: SafetyChange::parse(&kind)?,
                        flag_id,
                        young_person_id: YoungPersonId::parse(&young_person_id)?,
                    },
                ))
            })
            .collect())
    }

    async fn prune_events(&self) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM safety_events WHERE created_at < $1")
            .bind(crate::secrets::now_secs() - KEEP_EVENTS_SECS)
            .execute(self.writer())
            .await
            .map(|_| ())
    }
}

/// Starts this server's watcher: every [`WATCH_EVERY`] it passes on the events other
/// servers on the same database wrote, and now and then deletes old ones. It stops when
/// [`Events::close`] is called.
pub fn start_watcher(store: Store) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let events = store.events().clone();
        let mut closing = events.closing();
        // Only what happens from now on: a screen that connects looks at the flags itself.
        let mut last = loop {
            match store.newest_event().await {
                Ok(id) => break id,
                Err(e) => {
                    tracing::warn!(error = %e, "could not read safety events; trying again");
                    tokio::select! {
                        _ = shutting_down(&mut closing) => return,
                        _ = tokio::time::sleep(WATCH_EVERY) => {}
                    }
                }
            }
        };
        let mut ticker = tokio::time::interval(WATCH_EVERY);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut pruned_at = tokio::time::Instant::now();
        loop {
            tokio::select! {
                _ = shutting_down(&mut closing) => return,
                _ = ticker.tick() => {}
            }
            match store.events_after(last).await {
                Ok(rows) => {
                    for (id, origin, event) in rows {
                        last = last.max(id);
                        if !events.is_ours(&origin) {
                            events.publish(event);
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "could not read safety events"),
            }
            if pruned_at.elapsed() >= PRUNE_EVERY {
                pruned_at = tokio::time::Instant::now();
                if let Err(e) = store.prune_events().await {
                    tracing::warn!(error = %e, "could not prune old safety events");
                }
            }
        }
    })
}

/// One open stream: who it is for, and what it is waiting on.
struct Listener {
    store: Store,
    caller: Caller,
    events: broadcast::Receiver<SafetyEvent>,
    closing: watch::Receiver<bool>,
    session_check: tokio::time::Interval,
    greeted: bool,
}

impl Listener {
    /// The next thing to send, or `None` to end the stream (the session ended, the server
    /// is stopping, or events were missed: the browser connects again and looks afresh).
    async fn next(mut self) -> Option<(Result<Event, Infallible>, Listener)> {
        if !self.greeted {
            // At once, so the browser knows it is connected, and how soon to come back.
            self.greeted = true;
            let hello = Event::default().retry(RECONNECT_AFTER).comment("connected");
            return Some((Ok(hello), self));
        }
        loop {
            tokio::select! {
                _ = shutting_down(&mut self.closing) => return None,
                _ = self.session_check.tick() => {
                    if !self.signed_in().await {
                        return None;
                    }
                }
                got = self.events.recv() => {
                    let event = got.ok()?;
                    if !self.signed_in().await {
                        return None;
                    }
                    match self.store.may_see(&self.caller, &event.young_person_id).await {
                        Ok(true) => return Some((Ok(sse_event(&event)), self)),
                        Ok(false) => {}
                        Err(_) => return None,
                    }
                }
            }
        }
    }

    async fn signed_in(&self) -> bool {
        self.store
            .session_is_live(&self.caller.token_hash)
            .await
            .unwrap_or(false)
    }
}

fn sse_event(event: &SafetyEvent) -> Event {
    let data = SafetyFlagEvent {
        flag_id: event.flag_id.clone(),
        young_person_id: event.young_person_id.clone(),
    };
    Event::default()
        .event(event.change.event_name())
        .data(serde_json::to_string(&data).expect("ids serialise"))
}

/// `GET /api/v1/events`: a worker's or manager's stream of safety flag events for the young
/// people they may see. Young people: 403; nobody signed in: 401.
pub async fn events(State(state): State<AppState>, Staff(caller): Staff) -> impl IntoResponse {
    let store = state.store.clone();
    let events = store.events();
    let listener = Listener {
        events: events.subscribe(),
        closing: events.closing(),
        session_check: tokio::time::interval_at(
            tokio::time::Instant::now() + SESSION_CHECK_EVERY,
            SESSION_CHECK_EVERY,
        ),
        greeted: false,
        store,
        caller,
    };
    let stream = futures_util::stream::unfold(listener, Listener::next);
    (
        // nginx and similar proxies pass each event on at once instead of buffering.
        [(HeaderName::from_static("x-accel-buffering"), "no")],
        Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE_EVERY)),
    )
}

/// Ends every stream when the server is asked to stop; used by `startup::serve`.
pub async fn close_on(events: Events, signal: impl std::future::Future<Output = ()>) {
    signal.await;
    events.close();
}
