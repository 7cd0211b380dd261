//! Things waiting to send: feedback and goal ratings sent with no signal (or while the
//! server had a problem). They are kept on the phone for whoever is signed in, sent again
//! when the phone is back online and then every so often (waiting longer each time), and
//! listed at the top of every screen ("2 things waiting to send") where each can be
//! deleted. Each carries the id made when it was written, so the server records it once
//! however many times it arrives.

use crate::api::{self, ApiFailure};
use crate::components::status::failure_words;
use crate::i18n::t;
use crate::session::Session;
use crate::store::{self, Sending, Waiting};
use journey_core::i18n::fill;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

const FIRST_WAIT_SECS: u64 = 5;
const LONGEST_WAIT_SECS: u64 = 300;

#[derive(Clone, Copy)]
pub struct Outbox {
    session: Session,
    items: RwSignal<Vec<Waiting>>,
    user: StoredValue<Option<String>>,
    sending: StoredValue<bool>,
    wait_secs: StoredValue<u64>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Goes up each time something is sent, so a page can load the newest.
    sent: RwSignal<u32>,
}

impl Outbox {
    /// Made once, by the app: follows who is signed in, and the phone's signal.
    pub fn provide() -> Outbox {
        let session = Session::get();
        let outbox = Outbox {
            session,
            items: RwSignal::new(Vec::new()),
            user: StoredValue::new(None),
            sending: StoredValue::new(false),
            wait_secs: StoredValue::new(FIRST_WAIT_SECS),
            timer: StoredValue::new(None),
            sent: RwSignal::new(0),
        };
        provide_context(outbox);
        let user = Memo::new(move |_| session.me().map(|me| me.username));
        Effect::new(move || {
            let user = user.get();
            outbox.user.set_value(user.clone());
            outbox
                .items
                .set(user.as_deref().map(store::load_outbox).unwrap_or_default());
            outbox.send_now();
        });
        // The listener lives as long as the app.
        let _ = window_event_listener(leptos::ev::online, move |_| {
            session.check_quietly();
            outbox.send_now();
        });
        outbox
    }

    pub fn get() -> Outbox {
        expect_context::<Outbox>()
    }

    /// How many things are waiting. Tracks changes.
    pub fn count(self) -> usize {
        self.items.with(Vec::len)
    }

    pub fn items(self) -> Vec<Waiting> {
        self.items.get()
    }

    /// Tracks what has been sent from the outbox, for pages showing what the server has.
    pub fn sent(self) -> u32 {
        self.sent.get()
    }

    fn persist(self) {
        if let Some(user) = self.user.get_value() {
            self.items
                .with_untracked(|items| store::save_outbox(&user, items));
        }
    }

    /// Keeps something to send later, and tries again after a short wait.
    pub fn add(self, waiting: Waiting) {
        self.items.update(|items| {
            items.retain(|item| item.client_id() != waiting.client_id());
            items.push(waiting);
        });
        self.persist();
        self.try_later();
    }

    /// The person chose to delete it: it will not be sent.
    pub fn delete(self, client_id: &str) {
        self.items
            .update(|items| items.retain(|item| item.client_id() != client_id));
        self.persist();
    }

    fn try_later(self) {
        if let Some(timer) = self.timer.get_value() {
            timer.clear();
        }
        let wait = self.wait_secs.get_value();
        self.wait_secs.set_value((wait * 2).min(LONGEST_WAIT_SECS));
        let handle = set_timeout_with_handle(move || self.send_now(), Duration::from_secs(wait));
        self.timer.set_value(handle.ok());
    }

    /// Sends everything waiting, one at a time, oldest first. Stops at the first sign that
    /// there is still no signal, and tries again later.
    pub fn send_now(self) {
        let Some(user) = self.user.get_value() else {
            return;
        };
        if self.sending.get_value() {
            return;
        }
        let to_send: Vec<Waiting> = self.items.with_untracked(|items| {
            items
                .iter()
                .filter(|item| item.problem.is_none())
                .cloned()
                .collect()
        });
        if to_send.is_empty() {
            return;
        }
        self.sending.set_value(true);
        let session = self.session;
        spawn_local(async move {
            let mut still_offline = false;
            for item in to_send {
                let result = match &item.sending {
                    Sending::Feedback(feedback) => {
                        api::give_feedback(&item.young_person_id, feedback)
                            .await
                            .map(|_| ())
                    }
                    Sending::GoalRatings(ratings) => {
                        api::rate_goals(&item.young_person_id, ratings)
                            .await
                            .map(|_| ())
                    }
                };
                // Someone else may have signed in meanwhile: leave their outbox alone.
                if self.user.get_value().as_deref() != Some(user.as_str()) {
                    break;
                }
                match result {
                    Ok(()) => {
                        self.items
                            .update(|items| items.retain(|i| i.client_id() != item.client_id()));
                        self.sent.update(|n| *n += 1);
                    }
                    Err(ApiFailure::Unreachable | ApiFailure::Server(_)) => {
                        still_offline = true;
                        break;
                    }
                    Err(failure @ ApiFailure::SignedOut(_)) => {
                        // Kept for when they sign in again.
                        session.notice(&failure);
                        break;
                    }
                    Err(failure) => {
                        let words = failure_words(&failure, t().common.outbox_lost);
                        self.items.update(|items| {
                            if let Some(found) =
                                items.iter_mut().find(|i| i.client_id() == item.client_id())
                            {
                                found.problem = Some(words);
                            }
                        });
                    }
                }
                self.persist();
            }
            self.sending.set_value(false);
            if still_offline {
                self.try_later();
            } else {
                self.wait_secs.set_value(FIRST_WAIT_SECS);
            }
        });
    }
}

/// "1 thing waiting to send" / "2 things waiting to send".
pub fn waiting_words(count: usize) -> String {
    let words = &t().common;
    match count {
        1 => words.waiting_one.to_owned(),
        n => fill(words.waiting_many, &[("n", &n.to_string())]),
    }
}

fn describe(item: &Waiting) -> &'static str {
    let words = &t().common;
    match item.sending {
        Sending::Feedback(_) => words.outbox_feedback,
        Sending::GoalRatings(_) => words.outbox_ratings,
    }
}

/// The notice at the top of every screen while something is waiting: how many, what each
/// is, and a way to delete one or try now.
#[component]
pub fn OutboxNotice() -> impl IntoView {
    let outbox = Outbox::get();
    let count = Memo::new(move |_| outbox.count());
    let t = t();
    move || {
        (count.get() > 0).then(|| {
            let list = move || {
                outbox
                    .items()
                    .into_iter()
                    .map(|item| {
                        let client_id = item.client_id().to_owned();
                        let problem = item.problem.clone().map(|problem| {
                            view! {
                                <p class="outbox-problem">
                                    {fill(t.common.outbox_problem, &[("problem", &problem)])}
                                </p>
                            }
                        });
                        view! {
                            <li>
                                <p>
                                    <strong>{describe(&item)}</strong> ", "
                                    {fill(
                                        t.common.outbox_written,
                                        &[("when", &crate::clock::moment_words(item.queued_at))],
                                    )}
                                </p>
                                {problem}
                                <button
                                    type="button"
                                    class="button secondary small"
                                    on:click=move |_| outbox.delete(&client_id)
                                >
                                    {t.common.outbox_delete}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            };
            view! {
                <aside class="outbox" id="outbox" aria-label=t.common.outbox_label>
                <details>
                    <summary>
                        <span role="status">{move || waiting_words(count.get())}</span>
                    </summary>
                    <p>{t.common.outbox_saved}</p>
                    <ul class="outbox-list">{list}</ul>
                    <button type="button" class="button small" on:click=move |_| outbox.send_now()>
                        {t.common.outbox_try_now}
                    </button>
                </details>
                </aside>
            }
        })
    }
}
