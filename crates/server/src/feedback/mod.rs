//! Sessions and session feedback: a worker records a session (or one that didn't
//! happen), the young person says how it went, follow-ups both ways, and the team's view.

pub mod store;

use crate::auth::{AllowedYoungPerson, Staff, StaffOfYoungPerson, YoungPersonThemselves};
use crate::error::{ApiError, ApiJson};
use crate::openapi::{endpoint, json, list, Endpoint};
use crate::state::AppState;
use crate::web::created_or_repeat;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use journey_core::feedback::{
    Feedback, FeedbackOverview, NewFeedback, NewFollowUp, NewSession, Session, SessionCorrection,
    TeamFeedbackRow,
};
use journey_core::i18n::words::Problem;
use journey_core::paths;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::FEEDBACK, feedback, "Sessions, feedback and the flag.")
            .ok(200, json::<FeedbackOverview>()),
        endpoint!(post paths::FEEDBACK, give_feedback, "The young person's own feedback; answers with it (200 for a repeat of the same client_id).")
            .body(json::<NewFeedback>())
            .created_or_repeat(json::<Feedback>()),
        endpoint!(post paths::FOLLOW_UPS, add_follow_up, "What happened after feedback was given; answers with that feedback and its notes.")
            .body(json::<NewFollowUp>())
            .created_or_repeat(json::<Feedback>()),
        endpoint!(post paths::SESSIONS, record_session, "Staff record a session; answers with it (200 for a repeat of the same client_id).")
            .body(json::<NewSession>())
            .created_or_repeat(json::<Session>()),
        endpoint!(put paths::SESSION, correct_session, "The worker who recorded a session (or a manager) corrects it; the session as it was is \
             kept with who and when. 409 to mark one with feedback as not happened.")
            .body(json::<SessionCorrection>())
            .ok(200, json::<Session>()),
        endpoint!(delete paths::SESSION, remove_session, "The worker who recorded a session (or a manager) removes one recorded by mistake: \
             kept, marked removed, no longer listed or counted. 409 when it has feedback.")
            .empty(204),
        endpoint!(get paths::TEAM_FEEDBACK, team_feedback, "The latest score and flag for each young person.")
            .ok(200, list::<TeamFeedbackRow>()),
    ]
}

/// `GET /api/v1/young-people/{id}/feedback`: sessions, feedback and the flag. A worker
/// does not see a comment meant for their manager only.
async fn feedback(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<FeedbackOverview>, ApiError> {
    Ok(Json(
        state.store.feedback(&allowed.caller, &allowed.id).await?,
    ))
}

/// `POST /api/v1/young-people/{id}/feedback`: the young person's own feedback. `201`,
/// or `200` for a repeat of the same `client_id` (recorded once).
async fn give_feedback(
    State(state): State<AppState>,
    YoungPersonThemselves(allowed): YoungPersonThemselves,
    ApiJson(input): ApiJson<NewFeedback>,
) -> Result<(StatusCode, Json<Feedback>), ApiError> {
    let (feedback_id, new) = state
        .store
        .give_feedback(&allowed.caller, &allowed.id, &input)
        .await?;
    let feedback = state
        .store
        .feedback_item(&allowed.caller, &allowed.id, feedback_id)
        .await?;
    Ok((created_or_repeat(new), Json(feedback)))
}

/// `POST /api/v1/young-people/{id}/feedback/{feedback_id}/follow-ups`: "what happened
/// after I said this" from the young person, or "You said, we did" from staff. `201`, or
/// `200` for a repeat of the same `client_id`.
async fn add_follow_up(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    axum::extract::Path((_, feedback_id)): axum::extract::Path<(String, String)>,
    ApiJson(input): ApiJson<NewFollowUp>,
) -> Result<(StatusCode, Json<Feedback>), ApiError> {
    let feedback_id: i64 = feedback_id
        .parse()
        .map_err(|_| ApiError::NotFound(Problem::no_feedback))?;
    let made = state
        .store
        .add_follow_up(&allowed.caller, &allowed.id, feedback_id, &input)
        .await?;
    let feedback = state
        .store
        .feedback_item(&allowed.caller, &allowed.id, feedback_id)
        .await?;
    Ok((created_or_repeat(made), Json(feedback)))
}

/// `POST /api/v1/young-people/{id}/sessions`: a worker records a session, or one that
/// didn't happen. `201`, or `200` for a repeat of the same `client_id`.
async fn record_session(
    State(state): State<AppState>,
    StaffOfYoungPerson(allowed): StaffOfYoungPerson,
    ApiJson(session): ApiJson<NewSession>,
) -> Result<(StatusCode, Json<Session>), ApiError> {
    let (session_id, new) = state
        .store
        .record_session(&allowed.caller, &allowed.id, &session)
        .await?;
    let session = state
        .store
        .session(&allowed.caller, &allowed.id, session_id)
        .await?;
    Ok((created_or_repeat(new), Json(session)))
}

/// A session's number from the path: not a number is not found.
fn session_number(session_id: &str) -> Result<i64, ApiError> {
    session_id
        .parse()
        .map_err(|_| ApiError::NotFound(Problem::no_session))
}

/// `PUT /api/v1/young-people/{id}/sessions/{session_id}`: the worker who recorded it, or
/// a manager, puts right a session recorded by mistake.
async fn correct_session(
    State(state): State<AppState>,
    StaffOfYoungPerson(allowed): StaffOfYoungPerson,
    axum::extract::Path((_, session_id)): axum::extract::Path<(String, String)>,
    ApiJson(input): ApiJson<SessionCorrection>,
) -> Result<Json<Session>, ApiError> {
    let session_id = session_number(&session_id)?;
    state
        .store
        .correct_session(&allowed.caller, &allowed.id, session_id, &input)
        .await?;
    Ok(Json(
        state
            .store
            .session(&allowed.caller, &allowed.id, session_id)
            .await?,
    ))
}

/// `DELETE /api/v1/young-people/{id}/sessions/{session_id}`: the worker who recorded it,
/// or a manager, removes a session recorded by mistake (kept, marked removed).
async fn remove_session(
    State(state): State<AppState>,
    StaffOfYoungPerson(allowed): StaffOfYoungPerson,
    axum::extract::Path((_, session_id)): axum::extract::Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let session_id = session_number(&session_id)?;
    state
        .store
        .remove_session(&allowed.caller, &allowed.id, session_id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/feedback/team`: the latest score and flag for each young person a worker
/// supports, or a manager's whole team.
async fn team_feedback(
    State(state): State<AppState>,
    Staff(caller): Staff,
) -> Result<Json<Vec<TeamFeedbackRow>>, ApiError> {
    Ok(Json(state.store.team_feedback(&caller).await?))
}
