//! Things waiting to send: feedback, goal ratings, check-ins and "I don't feel safe" sent
//! with no signal (or while the server had a problem). They are kept on the phone for
//! whoever is signed in, sent again when the phone is back online, when the app is looked
//! at again, and every so often (waiting longer each time; safety flags first and more
//! often), and listed at the top of every screen ("2 things waiting to send"). Each
//! carries the id made when it was written, so the server records it once however many
//! times it arrives. Safety flags and check-ins are also given to the service worker, which
//! sends them with the app closed where the browser has Background Sync
//! (`crate::background`).
//!
//! An unsent safety flag shows a red line on every screen; once it has gone (sent here, or
//! by the service worker while the app was closed) the young person is told so.

use crate::api::{self, ApiFailure};
use crate::background;
use crate::components::once::effect;
use crate::components::status::failure_words;
use crate::i18n::{lang, t};
use crate::route::Here;
use crate::route::A;
use crate::session::Session;
use crate::store::{self, Kind, Waiting};
use journey_core::checkin::safety_told;
use journey_core::i18n::fill;
use journey_core::SafetyEmail;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

const FIRST_WAIT_SECS: u64 = 5;
const LONGEST_WAIT_SECS: u64 = 300;
/// While a safety flag waits, never longer than this between tries.
const LONGEST_SAFETY_WAIT_SECS: u64 = 15;

#[derive(Clone, Copy)]
pub struct Outbox {
    session: Session,
    items: RwSignal<Vec<Waiting>>,
    user: StoredValue<Option<String>>,
    sending: RwSignal<bool>,
    wait_secs: StoredValue<u64>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Goes up each time something is sent, so a page can load the newest.
    sent: RwSignal<u32>,
    /// Safety flags that have gone since they waited, until the young person has seen so.
    told: RwSignal<Vec<String>>,
    /// Whether the server emails staff about safety flags; `None` until it has said.
    safety_email: RwSignal<Option<SafetyEmail>>,
    /// "I don't feel safe" while its page is sending it: kept on the phone (and given to
    /// the service worker) but not shown as waiting, so that it is not lost if the page
    /// goes before the answer comes (another screen, Quick exit, the phone switched off).
    in_flight: StoredValue<Vec<Waiting>>,
}

impl Outbox {
    /// Made once, by the app: follows who is signed in, and the phone's signal.
    pub fn provide() -> Outbox {
        let session = Session::get();
        let outbox = Outbox {
            session,
            items: RwSignal::new(Vec::new()),
            user: StoredValue::new(None),
            sending: RwSignal::new(false),
            wait_secs: StoredValue::new(FIRST_WAIT_SECS),
            timer: StoredValue::new(None),
            sent: RwSignal::new(0),
            told: RwSignal::new(Vec::new()),
            safety_email: RwSignal::new(None),
            in_flight: StoredValue::new(Vec::new()),
        };
        provide_context(outbox);
        outbox.ask_about_email();
        let user = Memo::new(move |_| session.me().map(|me| me.username));
        effect(Box::new(move || {
            let user = user.get();
            outbox.user.set_value(user.clone());
            // Whoever was signed in before has theirs kept under their name.
            outbox.in_flight.set_value(Vec::new());
            outbox
                .items
                .set(user.as_deref().map(store::load_outbox).unwrap_or_default());
            outbox.told.set(Vec::new());
            // What the service worker sent while the app was closed first, so it is not
            // sent again (harmless, but needless) and the young person hears it has gone.
            spawn_local(async move {
                outbox.collect_sent_by_worker().await;
                outbox.send_now();
            });
        }));
        // The listeners live as long as the app.
        let _ = window_event_listener(leptos::ev::online, move |_| {
            session.check_quietly();
            outbox.ask_about_email();
            outbox.send_now();
        });
        // Back to the app (the phone unlocked, the tab shown): try again at once.
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if !document().hidden() {
                spawn_local(async move {
                    outbox.collect_sent_by_worker().await;
                    outbox.send_now();
                });
            }
        });
        background::when_worker_sends(move || {
            spawn_local(async move { outbox.collect_sent_by_worker().await });
        });
        outbox
    }

    /// Asks the server once whether it emails staff about safety flags.
    fn ask_about_email(self) {
        if self.safety_email.get_untracked().is_some() {
            return;
        }
        spawn_local(async move {
            if let Ok(health) = api::health().await {
                self.safety_email.set(Some(health.safety_email));
            }
        });
    }

    /// Whether staff are emailed about safety flags. Not known yet (no signal since the
    /// app opened) is treated as "off": then the app says only what is always true.
    pub fn safety_email(self) -> SafetyEmail {
        self.safety_email.get().unwrap_or(SafetyEmail::Off)
    }

    /// The client id of a safety flag waiting to send, if any. Tracks changes.
    pub fn waiting_safety_flag(self) -> Option<String> {
        self.items.with(|items| {
            items
                .iter()
                .find(|item| item.is_safety_flag())
                .map(|item| item.client_id().to_owned())
        })
    }

    /// The same, without tracking.
    pub fn waiting_safety_flag_untracked(self) -> Option<String> {
        untrack(move || self.waiting_safety_flag())
    }

    /// Whether a safety flag is waiting, which signing out would leave unsent.
    pub fn has_safety_flag_untracked(self) -> bool {
        self.items
            .with_untracked(|items| items.iter().any(Waiting::is_safety_flag))
    }

    /// How many waiting things signing out deletes (all but safety flags). Tracks changes.
    pub fn count_lost_at_sign_out(self) -> usize {
        self.items
            .with(|items| items.iter().filter(|i| !i.is_safety_flag()).count())
    }

    /// Whether this safety flag has gone since it waited. Tracks changes.
    pub fn was_told(self, client_id: &str) -> bool {
        self.told.with(|told| told.iter().any(|id| id == client_id))
    }

    /// The young person has seen that it has gone.
    pub fn seen_told(self, client_id: &str) {
        self.told.update(|told| told.retain(|id| id != client_id));
    }

    /// Whether something is being sent just now. Tracks changes.
    pub fn is_sending(self) -> bool {
        self.sending.get()
    }

    /// Takes the service worker's notes of what it sent, and removes those from here.
    async fn collect_sent_by_worker(self) {
        let Some(user) = self.user.get_value() else {
            return;
        };
        let notes = background::take_sent(&user).await;
        if notes.is_empty() || self.user.get_value().as_deref() != Some(user.as_str()) {
            return;
        }
        for note in notes {
            let was_waiting = self.items.with_untracked(|items| {
                items
                    .iter()
                    .find(|item| item.client_id() == note.client_id)
                    .map(Waiting::is_safety_flag)
            });
            if let Some(safety) = was_waiting {
                self.gone(&note.client_id, safety);
            }
        }
        self.persist();
    }

    /// It reached the server: no longer waiting, and a safety flag is announced.
    fn gone(self, client_id: &str, safety: bool) {
        self.items
            .update(|items| items.retain(|i| i.client_id() != client_id));
        self.sent.update(|n| *n += 1);
        if safety {
            self.told.update(|told| {
                if !told.iter().any(|id| id == client_id) {
                    told.push(client_id.to_owned());
                }
            });
        }
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

    /// Keeps what is waiting on the phone (and the service worker's copies) as it is now,
    /// for example after "this phone is shared" changed what may be kept.
    pub fn persist(self) {
        if let Some(user) = self.user.get_value() {
            let mut kept = self.items.get_untracked();
            kept.extend(self.in_flight.get_value());
            store::save_outbox(&user, &kept);
        }
    }

    /// A page is sending this itself: it is kept on the phone (and the service worker
    /// has a copy) until the page hears it arrived ([`Outbox::stop_keeping`]) or hands it
    /// over ([`Outbox::add`]). If the page goes first, [`Outbox::adopt_unanswered`] makes it
    /// wait here; if the app is closed first, it is here when the app opens again.
    pub fn keep_while_sending(self, waiting: Waiting) {
        self.in_flight.update_value(|in_flight| {
            in_flight.retain(|item| item.client_id() != waiting.client_id());
            in_flight.push(waiting);
        });
        self.persist();
    }

    /// The page heard back (it arrived, or the server will never take it): no longer kept.
    pub fn stop_keeping(self, client_id: &str) {
        self.in_flight
            .update_value(|in_flight| in_flight.retain(|item| item.client_id() != client_id));
        self.persist();
    }

    /// The page heard there is no signal for what it kept while sending (`client_id`):
    /// it waits here now, shown as not sent yet, and is sent again by itself. Nothing to
    /// do if it is waiting already (the page went first and it was adopted).
    pub fn wait_instead(self, client_id: &str) {
        let kept = self.in_flight.with_value(|in_flight| {
            in_flight
                .iter()
                .find(|item| item.client_id() == client_id)
                .cloned()
        });
        if let Some(waiting) = kept {
            self.add(waiting);
        }
    }

    /// The page went before it heard back: what it was sending waits here, shown as not
    /// sent yet, and is sent again by itself (the server records it once).
    pub fn adopt_unanswered(self) {
        let unanswered = self
            .in_flight
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if unanswered.is_empty() {
            return;
        }
        for waiting in unanswered {
            self.add(waiting);
        }
        self.send_now();
    }

    /// What a write's answer comes to. Saved: `Some(what was made)`. No signal, or a
    /// problem on our side: it is kept here (`sending`, for `young_person_id`) and goes by
    /// itself later (the server records it once): `None`. Anything else (it was refused)
    /// is the form's to show.
    pub fn or_wait<T>(
        self,
        result: Result<T, ApiFailure>,
        young_person_id: String,
        sending: impl FnOnce() -> store::Sending,
    ) -> Result<Option<T>, ApiFailure> {
        match result {
            Ok(saved) => Ok(Some(saved)),
            Err(failure) if failure.try_later() => {
                self.add(Waiting::new(young_person_id, sending()));
                Ok(None)
            }
            Err(failure) => Err(failure),
        }
    }

    /// Keeps something to send later, and tries again after a short wait.
    pub fn add(self, waiting: Waiting) {
        if waiting.is_safety_flag() {
            self.wait_secs.set_value(FIRST_WAIT_SECS);
        }
        self.in_flight.update_value(|in_flight| {
            in_flight.retain(|item| item.client_id() != waiting.client_id())
        });
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
        let longest = if self.has_safety_flag_untracked() {
            LONGEST_SAFETY_WAIT_SECS
        } else {
            LONGEST_WAIT_SECS
        };
        let wait = self.wait_secs.get_value().min(longest);
        self.wait_secs.set_value((wait * 2).min(longest));
        let handle = set_timeout_with_handle(move || self.send_now(), Duration::from_secs(wait));
        self.timer.set_value(handle.ok());
    }

    /// Sends everything waiting, one at a time, safety flags first, then oldest first.
    /// Stops at the first sign that there is still no signal, and tries again later.
    pub fn send_now(self) {
        let Some(user) = self.user.get_value() else {
            return;
        };
        if self.sending.get_untracked() {
            return;
        }
        let to_send: Vec<Waiting> = self.items.with_untracked(|items| {
            items
                .iter()
                .filter(|item| item.problem.is_none())
                .cloned()
                .collect()
        });
        // Safety flags first; oldest first within each (a partition, not a sort: a sort
        // is code of its own for each kind of thing sorted).
        let (mut to_send, rest): (Vec<_>, Vec<_>) =
            to_send.into_iter().partition(|item| item.is_safety_flag());
        to_send.extend(rest);
        if to_send.is_empty() {
            return;
        }
        self.sending.set(true);
        let session = self.session;
        spawn_local(async move {
            let mut still_offline = false;
            for item in to_send {
                // Only whether it went: the answer is not read, so the first download
                // carries no code to read what each kind of write answers with.
                let result = match item.sending.request(&item.young_person_id) {
                    Some((path, body)) => api::send_kept(&path, body).await,
                    // Never kept so by the app: shown as refused, for the person to delete.
                    None => Err(ApiFailure::NotFound),
                };
                // Someone else may have signed in meanwhile: leave their outbox alone.
                if self.user.get_value().as_deref() != Some(user.as_str()) {
                    break;
                }
                match result {
                    Ok(()) => self.gone(item.client_id(), item.is_safety_flag()),
                    Err(failure) if failure.try_later() => {
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
            self.sending.set(false);
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
    let text = t();
    match item.sending.kind {
        Kind::Feedback => text.common.outbox_feedback,
        Kind::GoalRatings => text.common.outbox_ratings,
        Kind::CheckIn => text.not_sent.outbox_check_in,
        Kind::SafetyFlag => text.not_sent.outbox_safety,
        Kind::GoodNews => text.good_news.outbox,
        Kind::ViewReply => text.heard_back.outbox_reply,
        Kind::ReviewPrep => text.review.outbox_prep,
        Kind::GoodNewsReply => text.good_news.outbox_reply,
        Kind::Review => text.review.outbox_review,
    }
}

/// On every screen but "I don't feel safe" itself (which says it in full): a red line
/// while a safety flag has not been sent, and "it has gone" once it has.
#[component]
fn SafetyNotices() -> impl IntoView {
    let outbox = Outbox::get();
    let path = Here::get().path();
    let elsewhere = Memo::new(move |_| path.get() != "/not-safe");
    let waiting = Memo::new(move |_| outbox.waiting_safety_flag().is_some());
    let told = Memo::new(move |_| outbox.told.with(|told| told.first().cloned()));
    let t = t();
    view! {
        {move || (elsewhere.get() && waiting.get()).then(|| view! {
            <p class="not-sent-banner" role="alert">
                <strong>{t.not_sent.banner}</strong>" "
                <A href="/not-safe" class="link-tap">{t.not_sent.do_now}</A>
            </p>
        })}
        {move || elsewhere.get().then(|| told.get().map(|client_id| {
            view! { <SafetyGone client_id/> }
        })).flatten()}
    }
}

/// "Sent: you told us you don't feel safe. Sam and their manager have been told…".
#[component]
fn SafetyGone(client_id: String) -> impl IntoView {
    let outbox = Outbox::get();
    let worker = crate::components::who_can_see::my_worker();
    let lang = lang();
    let t = t();
    let words = move || {
        safety_told(
            lang,
            worker.get().flatten().as_deref(),
            outbox.safety_email(),
        )
    };
    view! {
        <section class="card sent safety-gone" role="status" aria-labelledby="safety-gone">
            <h2 id="safety-gone">{t.not_sent.gone_title}</h2>
            <p>{words}</p>
            <button type="button" class="button secondary small" on:click=move |_| outbox.seen_told(&client_id)>
                {t.not_sent.gone_ok}
            </button>
        </section>
    }
}

/// The notice at the top of every screen while something is waiting: how many, what each
/// is, and a way to delete one or try now.
#[component]
pub fn OutboxNotice() -> impl IntoView {
    let outbox = Outbox::get();
    let count = Memo::new(move |_| outbox.count());
    let t = t();
    let waiting = move || {
        (count.get() > 0).then(|| {
            let list = move || {
                outbox
                    .items()
                    .into_iter()
                    .map(|item| {
                        let client_id = item.client_id().to_owned();
                        // A safety flag is never deleted here unless the server refused it.
                        let deletable = !item.is_safety_flag() || item.problem.is_some();
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
                                {deletable.then(|| view! {
                                    <button
                                        type="button"
                                        class="button secondary small"
                                        on:click=move |_| outbox.delete(&client_id)
                                    >
                                        {t.common.outbox_delete}
                                    </button>
                                })}
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
    };
    view! {
        <SafetyNotices/>
        {waiting}
    }
}
