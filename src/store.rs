//! What this phone keeps between visits, in the browser's localStorage: half-written
//! forms (drafts), things waiting to send (the outbox), and who signed in last, so the app
//! can open with no signal.
//!
//! These are a young person's words on a device, which we would rather not keep, so: only
//! what is needed, kept per user (by username), all of it removed at sign-out, anything
//! older than 7 days removed, and nothing kept at all when "this phone is shared" is on.
//! Never a session token: the session lives in an HttpOnly cookie that we cannot read.
//!
//! One exception: an unsent "I don't feel safe" is kept (under `journey.safety.{user}`)
//! until the server has it, whatever the age, sign-out or "this phone is shared", and then
//! removed. Losing it quietly would be worse than keeping it.

use crate::api::ApiFailure;
use crate::background::{self, KeptForWorker};
use journey_core::feedback::NewFeedback;
use journey_core::{
    paths, Me, NewCheckIn, NewGoodNews, NewGoodNewsReply, NewReview, NewReviewPrep, NewSafetyFlag,
    NewViewReply, SessionRatings,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

const PREFIX: &str = "journey.";
const SHARED_KEY: &str = "journey.shared-phone";
const ME_KEY: &str = "journey.me";
/// Unsent safety flags, per user: never expired, kept through sign-out and "shared".
const SAFETY_PREFIX: &str = "journey.safety.";
/// Drafts and waiting things older than this are removed unread.
pub const KEEP_FOR_MS: f64 = 7.0 * 24.0 * 60.0 * 60.0 * 1000.0;

fn storage() -> Option<leptos::web_sys::Storage> {
    leptos::web_sys::window()?.local_storage().ok().flatten()
}

/// This tab's own storage (sessionStorage): gone with the tab, never shared with others.
pub fn tab_storage() -> Option<leptos::web_sys::Storage> {
    leptos::web_sys::window()?.session_storage().ok().flatten()
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Everything kept is wrapped with when it was saved, so it can expire.
#[derive(Serialize, Deserialize)]
struct Kept<T> {
    saved_at: f64,
    value: T,
}

/// Just the age of something kept, whatever it holds.
#[derive(Deserialize)]
struct Age {
    saved_at: f64,
}

pub fn read<T: DeserializeOwned>(key: &str) -> Option<T> {
    read_kept(key).map(|kept| kept.value)
}

/// Whatever its age.
fn read_unexpiring<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = storage()?.get_item(key).ok()??;
    crate::json::parse::<Kept<T>>(&text).map(|kept| kept.value)
}

fn read_kept<T: DeserializeOwned>(key: &str) -> Option<Kept<T>> {
    let storage = storage()?;
    let text = storage.get_item(key).ok()??;
    match crate::json::parse::<Kept<T>>(&text) {
        Some(kept) if now_ms() - kept.saved_at < KEEP_FOR_MS => Some(kept),
        // Too old, or from an older version of the app that we can't read: let it go.
        _ => {
            let _ = storage.remove_item(key);
            None
        }
    }
}

pub fn write<T: Serialize>(key: &str, value: &T) {
    if shared_phone() {
        return;
    }
    write_even_if_shared(key, value);
}

fn write_even_if_shared<T: Serialize>(key: &str, value: &T) {
    let kept = Kept {
        saved_at: now_ms(),
        value,
    };
    if let (Some(storage), Some(text)) = (storage(), crate::json::text(&kept)) {
        // A full storage only means the draft is not kept; the form still works.
        let _ = storage.set_item(key, &text);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Every key we keep, optionally only those starting with `start`.
fn our_keys(start: &str) -> Vec<String> {
    let Some(storage) = storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(PREFIX) && key.starts_with(start))
        .collect()
}

/// Removes whatever is older than 7 days, for every user of this phone. Run at start-up.
pub fn sweep() {
    let Some(storage) = storage() else {
        return;
    };
    for key in our_keys(PREFIX) {
        if key == SHARED_KEY || key.starts_with(SAFETY_PREFIX) {
            continue;
        }
        let fresh = storage
            .get_item(&key)
            .ok()
            .flatten()
            .and_then(|text| crate::json::parse::<Age>(&text))
            .is_some_and(|age| now_ms() - age.saved_at < KEEP_FOR_MS);
        if !fresh {
            let _ = storage.remove_item(&key);
        }
    }
}

/// Removes everything kept for this user (drafts, outbox, last copies), and who signed in
/// last; but not an unsent safety flag, which is sent the next time they sign in.
pub fn forget_user(username: &str) {
    for key in our_keys(&format!("{PREFIX}draft.{username}."))
        .into_iter()
        .chain(our_keys(&outbox_key(username)))
        .chain(our_keys(&format!("{PREFIX}copy.{username}.")))
    {
        remove(&key);
    }
    remove(ME_KEY);
    // The service worker's copies: only the safety flags stay.
    keep_for_worker(username, &load_outbox(username));
}

/// Quick exit: a half-written concern goes at once, whoever is signed in, since it may be
/// about someone who is about to see the phone.
pub fn forget_concern_drafts() {
    for key in our_keys(&format!("{PREFIX}draft.")) {
        if key.ends_with(&format!(".{CONCERN_DRAFT}")) {
            remove(&key);
        }
    }
}

/// The name of the "Tell us something's wrong" draft.
pub const CONCERN_DRAFT: &str = "concern";

/// "This phone is shared": keep nothing on it.
pub fn shared_phone() -> bool {
    storage()
        .and_then(|s| s.get_item(SHARED_KEY).ok().flatten())
        .is_some()
}

/// Turning "shared" on removes everything kept so far, for everyone.
pub fn set_shared_phone(shared: bool) {
    let Some(storage) = storage() else {
        return;
    };
    if shared {
        for key in our_keys(PREFIX) {
            if !key.starts_with(SAFETY_PREFIX) {
                let _ = storage.remove_item(&key);
            }
        }
        let _ = storage.set_item(SHARED_KEY, "yes");
    } else {
        let _ = storage.remove_item(SHARED_KEY);
    }
}

/// Who signed in last, so the app can open with no signal and show what is waiting.
/// Only what `GET /api/v1/me` says (role, username, name, own record id).
pub fn remember_me(me: &Me) {
    write(ME_KEY, me);
}

pub fn remembered_me() -> Option<Me> {
    read(ME_KEY)
}

pub fn forget_me() {
    remove(ME_KEY);
}

/// Where `user`'s unfinished words in `form` are kept.
pub fn draft_key(user: &str, form: &str) -> String {
    format!("{PREFIX}draft.{user}.{form}")
}

/// Something sent while the phone had no signal (or the server had a problem), waiting
/// to be sent again. Its `client_id` makes sending it twice record it once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Waiting {
    pub young_person_id: String,
    pub queued_at: f64,
    pub sending: Sending,
    /// The server would not take it (not a signal problem): why, in its words. It is not
    /// retried; the person can read why and delete it.
    #[serde(default)]
    pub problem: Option<String>,
}

/// What kind of thing is waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Feedback,
    GoalRatings,
    CheckIn,
    /// "I don't feel safe": sent first, never expired, kept through sign-out.
    SafetyFlag,
    /// Good news for their worker.
    GoodNews,
    /// Staff's reply to a view (its `client_id` is always set).
    ViewReply,
    /// What the young person wrote to get ready for their review.
    ReviewPrep,
    /// Staff's reply to good news (its `client_id` is always set).
    GoodNewsReply,
    /// A review a worker recorded.
    Review,
}

/// What is waiting, kept as `{"kind": "check_in", "body": {…}}`: the body is what the
/// server will be sent (for a reply, `{"view_id"/"news_id": …, "reply": {…}}`), kept as
/// JSON text and never read back into its type, so reading the outbox at start-up (in
/// the first download) carries no code to read each kind. Only its `client_id` is read.
/// The same JSON as the app has always kept, so what waits on a phone survives updates.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "KeptSending")]
pub struct Sending {
    pub kind: Kind,
    #[serde(with = "crate::json::as_value")]
    body: String,
    #[serde(skip)]
    client_id: String,
}

/// `Sending` as kept, before its client id is read.
#[derive(Deserialize)]
struct KeptSending {
    kind: Kind,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    body: JsValue,
}

/// `value.name`, if `value` is an object that has it.
fn field(value: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(value, &name.into())
        .ok()
        .filter(|found| !found.is_undefined() && !found.is_null())
}

impl TryFrom<KeptSending> for Sending {
    type Error = &'static str;

    fn try_from(kept: KeptSending) -> Result<Sending, &'static str> {
        // A reply's client id is in the reply.
        let holder = match kept.kind {
            Kind::ViewReply | Kind::GoodNewsReply => field(&kept.body, "reply"),
            _ => Some(kept.body.clone()),
        };
        if !holder.as_ref().is_some_and(JsValue::is_object) {
            return Err("not something the app keeps");
        }
        let client_id = holder
            .and_then(|holder| field(&holder, "client_id"))
            .and_then(|id| id.as_string())
            .unwrap_or_default();
        Ok(Sending {
            kind: kept.kind,
            body: crate::json::text_of(&kept.body).ok_or("not JSON")?,
            client_id,
        })
    }
}

/// A reply's body: what it replies to (a view or good news), and the reply itself.
#[derive(Serialize)]
struct ReplyBody<'a> {
    view_id: i64,
    reply: &'a NewViewReply,
}

impl Sending {
    fn new(kind: Kind, body: &impl Serialize, client_id: &str) -> Sending {
        Sending {
            kind,
            // Cannot fail: these are plain structs with string keys.
            body: crate::json::text(body).unwrap_or_default(),
            client_id: client_id.to_owned(),
        }
    }

    pub fn feedback(body: &NewFeedback) -> Sending {
        Sending::new(Kind::Feedback, body, &body.client_id)
    }

    pub fn goal_ratings(body: &SessionRatings) -> Sending {
        Sending::new(Kind::GoalRatings, body, &body.client_id)
    }

    pub fn check_in(body: &NewCheckIn) -> Sending {
        Sending::new(Kind::CheckIn, body, &body.client_id)
    }

    pub fn safety_flag(body: &NewSafetyFlag) -> Sending {
        Sending::new(Kind::SafetyFlag, body, &body.client_id)
    }

    pub fn good_news(body: &NewGoodNews) -> Sending {
        Sending::new(Kind::GoodNews, body, &body.client_id)
    }

    pub fn review_prep(body: &NewReviewPrep) -> Sending {
        Sending::new(Kind::ReviewPrep, body, &body.client_id)
    }

    pub fn review(body: &NewReview) -> Sending {
        Sending::new(Kind::Review, body, &body.client_id)
    }

    pub fn view_reply(view_id: i64, reply: &NewViewReply) -> Sending {
        let client_id = reply.client_id.as_deref().unwrap_or_default();
        Sending::new(Kind::ViewReply, &ReplyBody { view_id, reply }, client_id)
    }

    pub fn good_news_reply(news_id: i64, reply: &NewGoodNewsReply) -> Sending {
        #[derive(Serialize)]
        struct Body<'a> {
            news_id: i64,
            reply: &'a NewGoodNewsReply,
        }
        let client_id = reply.client_id.as_deref().unwrap_or_default();
        Sending::new(Kind::GoodNewsReply, &Body { news_id, reply }, client_id)
    }

    /// Where to POST it for this young person, and what: the body as it was kept.
    /// `None` only if a reply's body cannot be read (never written so by the app).
    pub fn request(&self, young_person_id: &str) -> Option<(String, String)> {
        let id = young_person_id;
        let template = match self.kind {
            Kind::Feedback => paths::FEEDBACK,
            Kind::GoalRatings => paths::GOAL_RATINGS,
            Kind::CheckIn => paths::CHECK_INS,
            Kind::SafetyFlag => paths::SAFETY_FLAGS,
            Kind::GoodNews => paths::GOOD_NEWS,
            Kind::ReviewPrep => paths::REVIEW_PREP,
            Kind::Review => paths::REVIEWS,
            Kind::ViewReply | Kind::GoodNewsReply => {
                let body = js_sys::JSON::parse(&self.body).ok()?;
                let (template, on) = if self.kind == Kind::ViewReply {
                    (paths::VIEW_REPLIES, "view_id")
                } else {
                    (paths::GOOD_NEWS_REPLIES, "news_id")
                };
                // Ids are whole numbers, well inside what a JSON number holds exactly.
                let on = (field(&body, on)?.as_f64()? as i64).to_string();
                let reply = crate::json::text_of(&field(&body, "reply")?)?;
                return Some((paths::api(template, &[id, &on]), reply));
            }
        };
        Some((paths::api(template, &[id]), self.body.clone()))
    }
}

impl Waiting {
    pub fn new(young_person_id: String, sending: Sending) -> Waiting {
        Waiting {
            young_person_id,
            queued_at: now_ms(),
            sending,
            problem: None,
        }
    }

    pub fn client_id(&self) -> &str {
        &self.sending.client_id
    }

    pub fn is_safety_flag(&self) -> bool {
        self.sending.kind == Kind::SafetyFlag
    }

    /// What the service worker needs to send it while the app is closed: safety flags
    /// always, check-ins unless the phone is shared. Not what the server refused.
    fn for_worker(&self, username: &str) -> Option<KeptForWorker> {
        if self.problem.is_some() {
            return None;
        }
        let kind = match self.sending.kind {
            Kind::SafetyFlag => "safety_flag",
            Kind::CheckIn if !shared_phone() => "check_in",
            _ => return None,
        };
        let (url, body) = self.sending.request(&self.young_person_id)?;
        Some(KeptForWorker {
            username: username.to_owned(),
            client_id: self.client_id().to_owned(),
            kind: kind.to_owned(),
            url,
            body,
            queued_at: self.queued_at,
        })
    }
}

/// Gives the service worker copies of exactly what it may send for this user.
fn keep_for_worker(username: &str, items: &[Waiting]) {
    background::keep_exactly(
        username,
        items
            .iter()
            .filter_map(|item| item.for_worker(username))
            .collect(),
    );
}

fn outbox_key(username: &str) -> String {
    format!("{PREFIX}outbox.{username}")
}

fn safety_key(username: &str) -> String {
    format!("{SAFETY_PREFIX}{username}")
}

/// What is waiting to send for this user: unsent safety flags first, whatever their age,
/// then the rest, dropping anything older than 7 days.
pub fn load_outbox(username: &str) -> Vec<Waiting> {
    let mut items: Vec<Waiting> = read_unexpiring(&safety_key(username)).unwrap_or_default();
    let mut rest: Vec<Waiting> = read(&outbox_key(username)).unwrap_or_default();
    rest.retain(|item| !item.is_safety_flag() && now_ms() - item.queued_at < KEEP_FOR_MS);
    items.retain(Waiting::is_safety_flag);
    items.extend(rest);
    items
}

/// Keeps what is waiting (safety flags even on a shared phone), and gives the service
/// worker its copies.
pub fn save_outbox(username: &str, items: &[Waiting]) {
    let (safety, rest): (Vec<&Waiting>, Vec<&Waiting>) =
        items.iter().partition(|item| item.is_safety_flag());
    if rest.is_empty() {
        remove(&outbox_key(username));
    } else {
        write(&outbox_key(username), &rest);
    }
    if safety.is_empty() {
        remove(&safety_key(username));
    } else {
        write_even_if_shared(&safety_key(username), &safety);
    }
    keep_for_worker(username, items);
}

/// The young person's own plan and goals, as last loaded, so they can read them with no
/// signal. With a signal, keeps a copy of what was loaded (for whoever is signed in) and
/// gives it back; with none, gives the last copy and when it was loaded.
///
/// `loaded` is the JSON as the server sent it (`api::journey_as_sent`): it is kept as it
/// came, so the app carries no code to write a journey or goals back out as JSON.
pub fn with_last_copy<T: DeserializeOwned>(
    user: Option<String>,
    name: &str,
    loaded: Result<String, ApiFailure>,
) -> Result<(T, Option<f64>), ApiFailure> {
    let loaded = loaded.and_then(|text| {
        let as_sent = js_sys::JSON::parse(&text).ok();
        match as_sent.clone().and_then(crate::json::from_value::<T>) {
            Some(value) => Ok((as_sent, value)),
            None => Err(ApiFailure::Server(String::new())),
        }
    });
    let Some(user) = user else {
        return loaded.map(|(_, value)| (value, None));
    };
    let key = format!("{PREFIX}copy.{user}.{name}");
    match loaded {
        Ok((as_sent, value)) => {
            /// The answer kept as it came.
            #[derive(Serialize)]
            struct AsSent(#[serde(with = "serde_wasm_bindgen::preserve")] JsValue);
            if let Some(as_sent) = as_sent {
                write(&key, &AsSent(as_sent));
            }
            Ok((value, None))
        }
        Err(ApiFailure::Unreachable) => read_kept::<T>(&key)
            .map(|kept| (kept.value, Some(kept.saved_at)))
            .ok_or(ApiFailure::Unreachable),
        Err(failure) => Err(failure),
    }
}
