//! The one typed client of the JSON API. Pages call these functions; nothing else fetches.
//!
//! The session lives in an HttpOnly cookie that the browser sends by itself (same origin),
//! so nothing here ever sees or stores it.

use crate::patience::patient;
use gloo_net::http::{Request, RequestBuilder, Response};
use journey_core::feedback::{
    Feedback, FeedbackOverview, NewFeedback, NewFollowUp, NewSession, Session, SessionCorrection,
    TeamFeedbackRow,
};
use journey_core::paths;
use journey_core::{
    ChangePassword, ErrorBody, ErrorCode, FieldError, Goal, GoalDraft, GoalReword,
    GoalStatusChange, Goals, Invite, Journey, Me, MyView, NewView, NewYoungPerson, PlanEdit,
    PlanForEditing, PlanSaved, PlanSeen, PlanVersionSummary, SessionRatings, SignIn, SignUp,
    YoungPersonListItem,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Why a request did not give us what we asked for, in terms a page can explain kindly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiFailure {
    /// The request never reached us: no signal, or the server is down.
    Unreachable,
    /// Nobody is signed in (or the session has ended). When signing in, the username or
    /// password was wrong. The message is for the person.
    SignedOut(String),
    /// The server answered that there is no such thing.
    NotFound,
    /// Something typed needs changing (422), or clashes with what is there (409). Each
    /// field's message goes next to its field; the message sums them up.
    Invalid {
        message: String,
        fields: Vec<FieldError>,
    },
    /// The server said no, with a reason to show as it is: too many tries (429), not
    /// allowed (403), or a request it could not read.
    Refused(String),
    /// Something went wrong on our side; the message is for the person.
    Server(String),
}

impl ApiFailure {
    /// No signal, or a problem on our side: a write that carries a `client_id` waits on
    /// the phone and is sent again by itself (the server records it once).
    pub fn try_later(&self) -> bool {
        matches!(self, ApiFailure::Unreachable | ApiFailure::Server(_))
    }
}

async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiFailure> {
    let request = request.map_err(|_| ApiFailure::Server(String::new()))?;
    answered(request.send().await.map_err(|_| ApiFailure::Unreachable)?).await
}

/// What the server answered, or why it said no.
async fn answered(response: Response) -> Result<Response, ApiFailure> {
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let body = crate::json::from_response::<ErrorBody>(response).await;
    // The server sends which message it is; it is said here in the chosen language.
    let (code, message, fields) = match body {
        Some(body) => (
            Some(body.error.code),
            body.error.words(crate::i18n::lang()),
            body.error.fields,
        ),
        None => (None, String::new(), Vec::new()),
    };
    Err(match (status, code) {
        (401, _) | (_, Some(ErrorCode::Unauthorised)) => ApiFailure::SignedOut(message),
        (404, _) | (_, Some(ErrorCode::NotFound)) => ApiFailure::NotFound,
        (409 | 422, _) => ApiFailure::Invalid { message, fields },
        (400..=499, _) if !message.is_empty() => ApiFailure::Refused(message),
        _ => ApiFailure::Server(message),
    })
}

fn json_request<B: Serialize>(
    builder: RequestBuilder,
    body: &B,
) -> Result<Request, gloo_net::Error> {
    let text = crate::json::text(body).ok_or_else(|| gloo_net::Error::GlooError(String::new()))?;
    text_request(builder, text)
}

fn text_request(builder: RequestBuilder, json: String) -> Result<Request, gloo_net::Error> {
    builder
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .body(json)
}

async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiFailure> {
    crate::json::from_response(response)
        .await
        .ok_or(ApiFailure::Server(String::new()))
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    let response = crate::early::get(path)
        .await
        .ok_or(ApiFailure::Unreachable)?;
    read_json(answered(response).await?).await
}

/// The answer as it came, its JSON unread: for a copy kept on the phone, kept as it came
/// rather than written again (`store::with_last_copy`). A body that stops coming is no
/// signal.
async fn get_as_sent(path: &str) -> Result<String, ApiFailure> {
    let response = crate::early::get(path)
        .await
        .ok_or(ApiFailure::Unreachable)?;
    answered(response)
        .await?
        .text()
        .await
        .map_err(|_| ApiFailure::Unreachable)
}

/// A write that is safe to send again: one that carries its `client_id`, one whose repeat
/// changes nothing (a goal's new words or status), signing in, or setting up an account
/// (the same again signs in). Given up on after
/// [`crate::patience::PATIENCE`], so it goes to the waiting list (or says "We couldn't
/// connect") instead of "Sending…" for minutes. What came back.
async fn post_patient<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiFailure> {
    patient_json(Request::post(path), body).await
}

/// [`post_patient`] for any method (the plan is saved with a PUT).
async fn patient_json<B: Serialize, T: DeserializeOwned>(
    request: RequestBuilder,
    body: &B,
) -> Result<T, ApiFailure> {
    read_json(send(json_request(patient(request), body)).await?).await
}

/// A write that is safe to send again, whose answer is only whether it went: one kept on
/// the phone until it goes (the outbox: it carries its `client_id`, and is sent again
/// later), signing out (ending a session twice does no harm), a new password (the same
/// change again changes nothing), or saying something was seen or read (seen twice is
/// seen). Given up on after
/// [`crate::patience::PATIENCE`].
pub async fn send_patient<B: Serialize>(path: &str, body: &B) -> Result<(), ApiFailure> {
    send(json_request(patient(Request::post(path)), body))
        .await
        .map(|_| ())
}

/// [`send_patient`] with a body that is JSON text already: what the outbox kept, or
/// sign-out's `{}`.
pub async fn send_kept(path: &str, json: String) -> Result<(), ApiFailure> {
    send(text_request(patient(Request::post(path)), json))
        .await
        .map(|_| ())
}

/// A POST with nothing to send, safe to send again (see [`post_patient`]).
async fn post_empty_patient<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    let response = send(
        patient(Request::post(path))
            .header("Accept", "application/json")
            .build(),
    )
    .await?;
    read_json(response).await
}

/// Who is signed in. `SignedOut` when nobody is.
pub async fn me() -> Result<Me, ApiFailure> {
    get_json(&paths::api(paths::ME, &[])).await
}

/// Given up on after [`crate::patience::PATIENCE`]: signing in twice does no harm (a second
/// session).
pub async fn sign_in(details: &SignIn) -> Result<Me, ApiFailure> {
    post_patient(&paths::api(paths::SIGN_IN, &[]), details).await
}

/// Makes a young person's account with their invite code, and signs them in. Given up
/// on after [`crate::patience::PATIENCE`] ("We couldn't connect… try again"): the same
/// code, username and password again sign in to the account the first try made.
pub async fn sign_up(details: &SignUp) -> Result<Me, ApiFailure> {
    post_patient(&paths::api(paths::SIGN_UP, &[]), details).await
}

/// Sent as JSON (`{}`), as every write is: the server refuses a sign-out sent as a form.
/// Given up on after [`crate::patience::PATIENCE`], so a signal that hangs gets "We couldn't
/// sign you out just now" instead of waiting for the browser.
pub async fn sign_out() -> Result<(), ApiFailure> {
    send_kept(&paths::api(paths::SIGN_OUT, &[]), "{}".to_owned()).await
}

/// A new password. Given up on after [`crate::patience::PATIENCE`] ("We couldn't
/// connect… try again"): the same change again, once it has been made, changes nothing.
pub async fn change_password(change: &ChangePassword) -> Result<(), ApiFailure> {
    send_patient(&paths::api(paths::PASSWORD, &[]), change).await
}

/// What the server said about a password typed again (`POST /api/v1/auth/confirm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    Yes,
    /// Not this account's password. The session goes on.
    WrongPassword,
    /// Too many wrong tries (429): the same wait as signing in.
    TooManyTries,
}

/// Checks the signed-in person's password again, e.g. a worker taking their device back
/// after a young person's turn. A wrong password (401 naming the field) is told apart
/// from a session that has ended (401 with no field, `SignedOut`).
pub async fn confirm_password(password: &str) -> Result<Confirmed, ApiFailure> {
    let body = journey_core::ConfirmPassword {
        password: password.to_owned(),
    };
    let request = json_request(Request::post(&paths::api(paths::CONFIRM, &[])), &body)
        .map_err(|_| ApiFailure::Server(String::new()))?;
    let response = request.send().await.map_err(|_| ApiFailure::Unreachable)?;
    if response.ok() {
        return Ok(Confirmed::Yes);
    }
    let status = response.status();
    let error = crate::json::from_response::<ErrorBody>(response)
        .await
        .map(|body| body.error);
    let message = error
        .as_ref()
        .map(|e| e.message.clone())
        .unwrap_or_default();
    match (status, error.and_then(|e| e.field)) {
        (401, Some(field)) if field == "password" => Ok(Confirmed::WrongPassword),
        (401, _) => Err(ApiFailure::SignedOut(message)),
        (429, _) => Ok(Confirmed::TooManyTries),
        (400..=499, _) if !message.is_empty() => Err(ApiFailure::Refused(message)),
        _ => Err(ApiFailure::Server(message)),
    }
}

/// The young people a worker supports (a manager: their team's).
pub async fn young_people() -> Result<Vec<YoungPersonListItem>, ApiFailure> {
    get_json(&paths::api(paths::YOUNG_PEOPLE, &[])).await
}

/// A worker adds a young person, and gets the invite code for their account. Given up on
/// after [`crate::patience::PATIENCE`] ("We couldn't connect… try again"): with the same
/// `client_id`, Add again adds them once, with a new code (the first never arrived).
pub async fn add_young_person(person: &NewYoungPerson) -> Result<Invite, ApiFailure> {
    post_patient(&paths::api(paths::YOUNG_PEOPLE, &[]), person).await
}

/// A new invite code for a young person who has no account yet. Given up on after
/// [`crate::patience::PATIENCE`]: asked again, it makes another code, the one shown.
pub async fn new_invite(young_person_id: &str) -> Result<Invite, ApiFailure> {
    post_empty_patient(&paths::api(paths::INVITE, &[young_person_id])).await
}

/// The young person's plan and worker.
pub async fn journey(young_person_id: &str) -> Result<Journey, ApiFailure> {
    get_json(&paths::api(paths::JOURNEY, &[young_person_id])).await
}

/// The journey as the server sent it, for `store::with_last_copy`.
pub async fn journey_as_sent(young_person_id: &str) -> Result<String, ApiFailure> {
    get_as_sent(&paths::api(paths::JOURNEY, &[young_person_id])).await
}

/// The young person has read "what's new" up to this version of their plan.
pub async fn journey_seen(young_person_id: &str, version: i64) -> Result<(), ApiFailure> {
    send_patient(
        &paths::api(paths::JOURNEY_SEEN, &[young_person_id]),
        &PlanSeen { version },
    )
    .await
}

/// "My view" about the plan or one step, kept exactly as typed. Given up on after
/// [`crate::patience::PATIENCE`] ("We couldn't connect… try again"): with the same
/// `client_id`, Save again keeps it once.
pub async fn add_view(young_person_id: &str, view: &NewView) -> Result<MyView, ApiFailure> {
    post_patient(&paths::api(paths::VIEWS, &[young_person_id]), view).await
}

/// Staff reply to a view, in their own words.
pub async fn reply_to_view(
    young_person_id: &str,
    view_id: i64,
    reply: &journey_core::NewViewReply,
) -> Result<journey_core::ViewReply, ApiFailure> {
    post_patient(
        &paths::api(
            paths::VIEW_REPLIES,
            &[young_person_id, &view_id.to_string()],
        ),
        reply,
    )
    .await
}

/// "What's happened since you told us": every answer, newest first, and how many are new.
pub async fn heard_back(young_person_id: &str) -> Result<journey_core::HeardBack, ApiFailure> {
    get_json(&paths::api(paths::HEARD_BACK, &[young_person_id])).await
}

/// They have looked at the list, up to the newest answer shown.
pub async fn heard_back_seen(
    young_person_id: &str,
    up_to: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiFailure> {
    send_patient(
        &paths::api(paths::HEARD_BACK_SEEN, &[young_person_id]),
        &journey_core::HeardBackSeen { up_to },
    )
    .await
}

/// The newest plan for a worker to edit, or none yet.
pub async fn plan_for_editing(young_person_id: &str) -> Result<PlanForEditing, ApiFailure> {
    get_json(&paths::api(paths::PLAN, &[young_person_id])).await
}

/// Saves the plan as a new version. A clash with someone else's newer save is `Invalid`
/// with the field `based_on`. Given up on after [`crate::patience::PATIENCE`] ("We
/// couldn't connect… try again"): the same edit again, once saved, answers with the
/// version it made.
pub async fn save_plan(young_person_id: &str, edit: &PlanEdit) -> Result<PlanSaved, ApiFailure> {
    patient_json(
        Request::put(&paths::api(paths::PLAN, &[young_person_id])),
        edit,
    )
    .await
}

/// Every version of the plan, newest first.
pub async fn plan_history(young_person_id: &str) -> Result<Vec<PlanVersionSummary>, ApiFailure> {
    get_json(&paths::api(paths::PLAN_HISTORY, &[young_person_id])).await
}

/// A young person's goals: being worked on first, each with earlier words and ratings.
pub async fn goals(young_person_id: &str) -> Result<Goals, ApiFailure> {
    get_json(&paths::api(paths::GOALS, &[young_person_id])).await
}

/// The goals as the server sent them, for `store::with_last_copy`.
pub async fn goals_as_sent(young_person_id: &str) -> Result<String, ApiFailure> {
    get_as_sent(&paths::api(paths::GOALS, &[young_person_id])).await
}

/// A new goal, kept exactly as typed. Answers with the goal. Given up on after
/// [`crate::patience::PATIENCE`] ("We couldn't connect… try again"): with the same
/// `client_id`, Save again makes it once.
pub async fn add_goal(young_person_id: &str, draft: &GoalDraft) -> Result<Goal, ApiFailure> {
    post_patient(&paths::api(paths::GOALS, &[young_person_id]), draft).await
}

/// New words for a goal (only the young person); the old words are kept. Given up on
/// after [`crate::patience::PATIENCE`]: the same words again change nothing.
pub async fn reword_goal(
    young_person_id: &str,
    goal_id: &str,
    reword: &GoalReword,
) -> Result<Goal, ApiFailure> {
    post_patient(
        &paths::api(paths::GOAL_WORDS, &[young_person_id, goal_id]),
        reword,
    )
    .await
}

/// Achieved, having a rest, let go, or working on it again. Given up on after
/// [`crate::patience::PATIENCE`]: the same change again changes nothing.
pub async fn change_goal_status(
    young_person_id: &str,
    goal_id: &str,
    change: &GoalStatusChange,
) -> Result<Goal, ApiFailure> {
    post_patient(
        &paths::api(paths::GOAL_STATUS, &[young_person_id, goal_id]),
        change,
    )
    .await
}

/// One session's "how close are you?" ratings. Sending the same `client_id` again (a
/// retry after a lost answer) records the session once.
pub async fn rate_goals(
    young_person_id: &str,
    ratings: &SessionRatings,
) -> Result<Vec<Goal>, ApiFailure> {
    post_patient(
        &paths::api(paths::GOAL_RATINGS, &[young_person_id]),
        ratings,
    )
    .await
}

/// A fresh id for something sent once, such as a session's ratings: the browser's own
/// `crypto.randomUUID()`, or (where that is missing, outside a secure context) one made
/// from the clock and `Math.random`.
pub fn new_client_id() -> String {
    leptos::web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| {
            let random = (js_sys::Math::random() * 1e15) as u64;
            format!("{:x}-{random:x}", js_sys::Date::now() as u64)
        })
}

/// The `client_id` a form's write carries, so that a try whose answer never came, sent
/// again, is kept once. It stays the same while what is sent stays the same. Words
/// mended after "We couldn't connect" are something new to keep, so they get a new id:
/// with the old one, a first try that did arrive would answer the mended words with the
/// words it kept, and the mend would be lost without a word (if that try did arrive,
/// both are kept now: nothing typed is lost). Every form with a `client_id` uses this.
#[derive(Clone, Copy)]
pub struct ClientId(leptos::prelude::StoredValue<(String, Option<String>)>);

impl Default for ClientId {
    fn default() -> Self {
        Self::new()
    }
}

impl ClientId {
    pub fn new() -> Self {
        ClientId(leptos::prelude::StoredValue::new((new_client_id(), None)))
    }

    /// The id to send `request` with: `request` as it will be sent, its own id left
    /// empty. The same as the last try's if `request` is too, a new one if not.
    pub fn for_sending(self, request: &impl Serialize) -> String {
        use leptos::prelude::{UpdateValue, WithValue};
        let sent = crate::json::text(request);
        self.0.update_value(|(id, last)| {
            if last.is_some() && *last != sent {
                *id = new_client_id();
            }
            *last = sent;
        });
        self.0.with_value(|(id, _)| id.clone())
    }

    /// What was sent is kept on the server (or the phone's outbox has it): the next
    /// thing sent is new.
    pub fn saved(self) {
        use leptos::prelude::SetValue;
        self.0.set_value((new_client_id(), None));
    }
}
/// Sessions, feedback and the flag for one young person.
pub async fn feedback(young_person_id: &str) -> Result<FeedbackOverview, ApiFailure> {
    get_json(&paths::api(paths::FEEDBACK, &[young_person_id])).await
}

/// The young person's feedback on a session. Sending the same `client_id` again (after
/// a lost answer) records it once.
pub async fn give_feedback(
    young_person_id: &str,
    feedback: &NewFeedback,
) -> Result<Feedback, ApiFailure> {
    post_patient(&paths::api(paths::FEEDBACK, &[young_person_id]), feedback).await
}

/// A worker records a session, or one that didn't happen. Given up on after
/// [`crate::patience::PATIENCE`]: the same `client_id` again records it once.
pub async fn record_session(
    young_person_id: &str,
    session: &NewSession,
) -> Result<Session, ApiFailure> {
    post_patient(&paths::api(paths::SESSIONS, &[young_person_id]), session).await
}

/// The worker who recorded a session (or a manager) corrects it. Given up on after
/// [`crate::patience::PATIENCE`] ("We couldn't connect… try again"): the same correction
/// again changes nothing.
pub async fn correct_session(
    young_person_id: &str,
    session_id: i64,
    correction: &SessionCorrection,
) -> Result<Session, ApiFailure> {
    let session_id = session_id.to_string();
    patient_json(
        Request::put(&paths::api(paths::SESSION, &[young_person_id, &session_id])),
        correction,
    )
    .await
}

/// The worker who recorded a session (or a manager) removes one recorded by mistake. Given
/// up on after [`crate::patience::PATIENCE`]: removed again, it is done already.
pub async fn remove_session(young_person_id: &str, session_id: i64) -> Result<(), ApiFailure> {
    let session_id = session_id.to_string();
    send(
        patient(Request::delete(&paths::api(
            paths::SESSION,
            &[young_person_id, &session_id],
        )))
        .header("Accept", "application/json")
        .build(),
    )
    .await
    .map(|_| ())
}

/// "What happened after I said this", or "You said, we did".
pub async fn add_follow_up(
    young_person_id: &str,
    feedback_id: i64,
    note: &NewFollowUp,
) -> Result<Feedback, ApiFailure> {
    post_patient(
        &paths::api(
            paths::FOLLOW_UPS,
            &[young_person_id, &feedback_id.to_string()],
        ),
        note,
    )
    .await
}

/// The latest feedback score and flag for each young person a worker or manager supports.
pub async fn team_feedback() -> Result<Vec<TeamFeedbackRow>, ApiFailure> {
    get_json(&paths::api(paths::TEAM_FEEDBACK, &[])).await
}

/// The organisation's help content. Anyone may read it, signed in or not. The built-in
/// content comes in the language asked for.
pub async fn help(lang: journey_core::Lang) -> Result<journey_core::HelpPage, ApiFailure> {
    get_json(&help_path(lang)).await
}

fn help_path(lang: journey_core::Lang) -> String {
    format!("{}?lang={}", paths::api(paths::HELP, &[]), lang.code())
}

/// The same `GET /api/v1/help`, reading only what 24-hour help needs, so the screens
/// that show it (in the first download) carry no code to read the whole Help tab.
pub async fn help_hours(lang: journey_core::Lang) -> Result<journey_core::HelpHours, ApiFailure> {
    #[derive(serde::Deserialize)]
    struct Page {
        content: journey_core::HelpHours,
    }
    get_json::<Page>(&help_path(lang))
        .await
        .map(|page| page.content)
}

/// A young person tells us something's wrong. Sending the same `client_id` again gives
/// back the first one, so a retry never makes two; so it is given up on after
/// [`crate::patience::PATIENCE`] ("We couldn't connect… try again").
pub async fn raise_concern(
    young_person_id: &str,
    concern: &journey_core::NewConcern,
) -> Result<journey_core::Concern, ApiFailure> {
    post_patient(&paths::api(paths::CONCERNS, &[young_person_id]), concern).await
}

/// Who would read a concern the young person sends now, by what it is about (never the
/// person it is about), so the form says so before it is sent.
pub async fn concern_routes(
    young_person_id: &str,
) -> Result<journey_core::ConcernRoutes, ApiFailure> {
    get_json(&paths::api(paths::CONCERN_ROUTES, &[young_person_id])).await
}

/// A young person's concerns and the answers to them.
pub async fn concerns(young_person_id: &str) -> Result<Vec<journey_core::Concern>, ApiFailure> {
    get_json(&paths::api(paths::CONCERNS, &[young_person_id])).await
}

/// A manager's team's concerns, open and soonest due first.
pub async fn team_concerns() -> Result<Vec<journey_core::Concern>, ApiFailure> {
    get_json(&paths::api(paths::TEAM_CONCERNS, &[])).await
}

/// A manager answers a concern. Given up on after [`crate::patience::PATIENCE`] ("We
/// couldn't connect… try again"): with the same `client_id`, Send again gives it once.
pub async fn reply_to_concern(
    concern_id: &str,
    reply: &journey_core::NewConcernReply,
) -> Result<journey_core::Concern, ApiFailure> {
    post_patient(&paths::api(paths::CONCERN_REPLY, &[concern_id]), reply).await
}

/// "Not happy with this answer?": the young person asks for the next stage. Given up on
/// after [`crate::patience::PATIENCE`]: the same `client_id` again moves it on once.
pub async fn ask_for_next_stage(
    concern_id: &str,
    input: &journey_core::NextStage,
) -> Result<journey_core::Concern, ApiFailure> {
    post_patient(&paths::api(paths::NEXT_STAGE, &[concern_id]), input).await
}

/// A young person's check-ins, oldest first.
pub async fn check_ins(young_person_id: &str) -> Result<Vec<journey_core::CheckIn>, ApiFailure> {
    get_json(&paths::api(paths::CHECK_INS, &[young_person_id])).await
}

/// The young person says how they are. The same `client_id` again records it once.
pub async fn check_in(
    young_person_id: &str,
    check_in: &journey_core::NewCheckIn,
) -> Result<journey_core::CheckIn, ApiFailure> {
    post_patient(&paths::api(paths::CHECK_INS, &[young_person_id]), check_in).await
}

/// A young person's own "I don't feel safe" flags: for them, who acted, when and any
/// message to them (never the staff-only note).
pub async fn safety_flags(
    young_person_id: &str,
) -> Result<Vec<journey_core::SafetyFlag>, ApiFailure> {
    get_json(&paths::api(paths::SAFETY_FLAGS, &[young_person_id])).await
}

/// A worker or manager has seen a young person's "Really bad" check-in (and any earlier
/// ones): it leaves their list.
pub async fn check_in_seen(young_person_id: &str, check_in_id: i64) -> Result<(), ApiFailure> {
    #[derive(Serialize)]
    struct Nothing {}
    send_patient(
        &paths::api(
            paths::CHECK_IN_SEEN,
            &[young_person_id, &check_in_id.to_string()],
        ),
        &Nothing {},
    )
    .await
}

/// "I don't feel safe". The same `client_id` again raises it once, so an answer that
/// does not come within [`crate::patience::PATIENCE`] counts as no signal: the flag waits on
/// the phone.
pub async fn raise_safety_flag(
    young_person_id: &str,
    flag: &journey_core::NewSafetyFlag,
) -> Result<journey_core::SafetyFlag, ApiFailure> {
    post_patient(&paths::api(paths::SAFETY_FLAGS, &[young_person_id]), flag).await
}

/// The open safety flags of the young people a worker or manager supports.
pub async fn open_safety_flags() -> Result<Vec<journey_core::SafetyFlag>, ApiFailure> {
    get_json(&paths::api(paths::OPEN_SAFETY_FLAGS, &[])).await
}

/// A worker or manager records what they did about a flag; it closes. Given up on after
/// [`crate::patience::PATIENCE`]: the same `client_id` again records it once.
pub async fn act_on_safety_flag(
    flag_id: &str,
    action: &journey_core::NewSafetyAction,
) -> Result<journey_core::SafetyFlag, ApiFailure> {
    post_patient(&paths::api(paths::SAFETY_ACTIONS, &[flag_id]), action).await
}

/// The server's health, for whether it emails staff about safety flags (so the young
/// person is told how they will hear). Asked once, when the app opens.
pub async fn health() -> Result<journey_core::Health, ApiFailure> {
    get_json(&paths::api(paths::HEALTH, &[])).await
}

/// A young person's good news, newest first, each with its replies.
pub async fn good_news(young_person_id: &str) -> Result<Vec<journey_core::GoodNews>, ApiFailure> {
    get_json(&paths::api(paths::GOOD_NEWS, &[young_person_id])).await
}

/// The young person shares good news. The same `client_id` again records it once.
pub async fn share_good_news(
    young_person_id: &str,
    news: &journey_core::NewGoodNews,
) -> Result<journey_core::GoodNews, ApiFailure> {
    post_patient(&paths::api(paths::GOOD_NEWS, &[young_person_id]), news).await
}

/// A worker or manager replies to a young person's good news.
pub async fn reply_to_good_news(
    young_person_id: &str,
    news_id: i64,
    reply: &journey_core::NewGoodNewsReply,
) -> Result<journey_core::GoodNewsReply, ApiFailure> {
    post_patient(
        &paths::api(
            paths::GOOD_NEWS_REPLIES,
            &[young_person_id, &news_id.to_string()],
        ),
        reply,
    )
    .await
}
/// The young person's preparations for their review (for the chair: those shared with them).
pub async fn review_preps(
    young_person_id: &str,
) -> Result<Vec<journey_core::ReviewPrep>, ApiFailure> {
    get_json(&paths::api(paths::REVIEW_PREP, &[young_person_id])).await
}

/// The young person sends their preparation for their review.
pub async fn send_review_prep(
    young_person_id: &str,
    prep: &journey_core::NewReviewPrep,
) -> Result<journey_core::ReviewPrep, ApiFailure> {
    post_patient(&paths::api(paths::REVIEW_PREP, &[young_person_id]), prep).await
}

/// "I've read this", by staff.
pub async fn review_prep_read(young_person_id: &str, prep_id: i64) -> Result<(), ApiFailure> {
    #[derive(Serialize)]
    struct Nothing {}
    send_patient(
        &paths::api(
            paths::REVIEW_PREP_READ,
            &[young_person_id, &prep_id.to_string()],
        ),
        &Nothing {},
    )
    .await
}

/// Reviews as recorded, who read the newest preparation, and the 48-hour rule.
pub async fn reviews(young_person_id: &str) -> Result<journey_core::Reviews, ApiFailure> {
    get_json(&paths::api(paths::REVIEWS, &[young_person_id])).await
}

/// A worker records a review.
pub async fn record_review(
    young_person_id: &str,
    review: &journey_core::NewReview,
) -> Result<journey_core::Review, ApiFailure> {
    post_patient(&paths::api(paths::REVIEWS, &[young_person_id]), review).await
}

/// The preparations shared with this member of staff, who chairs those reviews.
pub async fn shared_review_preps() -> Result<Vec<journey_core::SharedPrep>, ApiFailure> {
    get_json(&paths::api(paths::SHARED_REVIEW_PREPS, &[])).await
}

/// The team overview for a period: a manager's team, or a worker's own young people.
pub async fn team_overview(
    period: journey_core::team::Period,
) -> Result<journey_core::team::TeamOverview, ApiFailure> {
    get_json(&team_overview_csv_or_json(paths::TEAM_OVERVIEW, period)).await
}

/// The address of the team overview (`paths::TEAM_OVERVIEW`) or its CSV
/// (`paths::TEAM_OVERVIEW_CSV`) for a period.
pub fn team_overview_csv_or_json(path: &str, period: journey_core::team::Period) -> String {
    format!("{}?period={}", paths::api(path, &[]), period.as_str())
}

/// The audit log a manager or administrator reads, filtered and a page at a time.
pub async fn audit_log(
    query: journey_core::AuditQuery,
) -> Result<Vec<journey_core::AuditEntry>, ApiFailure> {
    get_json(&format!(
        "{}{}",
        paths::api(paths::AUDIT, &[]),
        query.to_query()
    ))
    .await
}

/// Who appears in the audit log, for its filters.
pub async fn audit_choices() -> Result<journey_core::AuditChoices, ApiFailure> {
    get_json(&paths::api(paths::AUDIT_CHOICES, &[])).await
}

/// What the Help editor starts from (the organisation's administrators only).
pub async fn help_for_editing() -> Result<journey_core::HelpForEditing, ApiFailure> {
    get_json(&paths::api(paths::HELP_EDIT, &[])).await
}

/// An administrator saves the help content in English and Welsh, as a new version.
/// Given up on after [`crate::patience::PATIENCE`] ("We couldn't connect… try again"):
/// the same save again, once saved, answers with the version it made.
pub async fn edit_help(
    edit: &journey_core::HelpEdit,
) -> Result<journey_core::HelpPage, ApiFailure> {
    patient_json(Request::put(&paths::api(paths::HELP, &[])), edit).await
}

/// Back to the nation's built-in help content, as a new version. Given up on after
/// [`crate::patience::PATIENCE`]: the same again, once done, answers with that version.
pub async fn help_back_to_built_in(
    based_on: i64,
) -> Result<journey_core::HelpForEditing, ApiFailure> {
    post_patient(
        &paths::api(paths::HELP_BUILT_IN, &[]),
        &journey_core::BackToBuiltIn { based_on },
    )
    .await
}
