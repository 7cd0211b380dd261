//! How I'm doing and "I don't feel safe": check-ins, safety flags and what staff did,
//! the live events that tell staff screens at once, and the safety emails.

pub mod email;
pub mod events;
pub mod store;

use crate::auth::{AllowedYoungPerson, Staff, StaffOfYoungPerson, YoungPersonThemselves};
use crate::error::{ApiError, ApiJson};
use crate::openapi::{endpoint, event_stream, json, list, Endpoint};
use crate::state::AppState;
use crate::web::created_or_repeat;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use events::events;
use journey_core::i18n::words::Problem;
use journey_core::paths;
use journey_core::{CheckIn, NewCheckIn, NewSafetyAction, NewSafetyFlag, SafetyFlag};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::CHECK_INS, check_ins, "How the young person has been, oldest first.")
            .ok(200, list::<CheckIn>()),
        endpoint!(post paths::CHECK_INS, check_in, "The young person says how they are; 200 for a repeat of the same client_id.")
            .body(json::<NewCheckIn>())
            .created_or_repeat(json::<CheckIn>()),
        endpoint!(post paths::CHECK_IN_SEEN, check_in_seen, "Staff have seen a \"Really bad\" check-in (and earlier ones): it leaves their list; 204.")
            .empty(204),
        endpoint!(get paths::SAFETY_FLAGS, safety_flags, "The young person's safety flags.")
            .ok(200, list::<SafetyFlag>()),
        endpoint!(post paths::SAFETY_FLAGS, raise_safety_flag, "\"I don't feel safe\"; 200 for a repeat of the same client_id.")
            .body(json::<NewSafetyFlag>())
            .created_or_repeat(json::<SafetyFlag>()),
        endpoint!(get paths::OPEN_SAFETY_FLAGS, open_safety_flags, "Open safety flags, longest waiting first.")
            .ok(200, list::<SafetyFlag>()),
        endpoint!(post paths::SAFETY_ACTIONS, act_on_safety_flag, "Staff record what they did; the flag closes.")
            .body(json::<NewSafetyAction>())
            .ok(200, json::<SafetyFlag>()),
        endpoint!(get paths::EVENTS, events, "Server-Sent Events for staff screens: `safety-flag-raised` and \
             `safety-flag-closed`, each with the flag's and the young person's ids as JSON \
             data, only for young people the caller may see; then GET /safety again. A \
             comment line every 15 seconds keeps it open; the stream ends when the session \
             does.")
            .ok(200, event_stream::<journey_core::push::SafetyFlagEvent>()),
    ]
}

/// `GET /api/v1/young-people/{id}/check-ins`: how the young person has been, oldest first.
async fn check_ins(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Vec<CheckIn>>, ApiError> {
    Ok(Json(state.store.check_ins(&allowed.id).await?))
}

/// `POST /api/v1/young-people/{id}/check-ins`: the young person says how they are. `201`,
/// or `200` for a repeat of the same `client_id`; answers with their check-ins.
async fn check_in(
    State(state): State<AppState>,
    YoungPersonThemselves(allowed): YoungPersonThemselves,
    ApiJson(input): ApiJson<NewCheckIn>,
) -> Result<(StatusCode, Json<CheckIn>), ApiError> {
    input.validate()?;
    let (check_in, new) = state
        .store
        .check_in(&allowed.caller, &allowed.id, &input)
        .await?;
    Ok((created_or_repeat(new), Json(check_in)))
}

/// `POST /api/v1/young-people/{id}/check-ins/{check_in_id}/seen`: the allocated worker
/// or their manager has seen a "Really bad" check-in (and any earlier ones): it leaves
/// their list. `204`; a young person: `403`.
async fn check_in_seen(
    State(state): State<AppState>,
    StaffOfYoungPerson(allowed): StaffOfYoungPerson,
    axum::extract::Path((_, check_in_id)): axum::extract::Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let check_in_id: i64 = check_in_id
        .parse()
        .map_err(|_| ApiError::NotFound(Problem::no_check_in))?;
    state
        .store
        .mark_check_in_seen(&allowed.caller, &allowed.id, check_in_id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/young-people/{id}/safety`: the young person's safety flags, for them,
/// their allocated worker and that worker's manager (the extractor's rule) only.
async fn safety_flags(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Vec<SafetyFlag>>, ApiError> {
    Ok(Json(
        state
            .store
            .safety_flags_seen_by(&allowed.caller, &allowed.id)
            .await?,
    ))
}

/// `POST /api/v1/young-people/{id}/safety`: "I don't feel safe". `201`, or `200` for a
/// repeat of the same `client_id` (raised once).
async fn raise_safety_flag(
    State(state): State<AppState>,
    YoungPersonThemselves(allowed): YoungPersonThemselves,
    ApiJson(input): ApiJson<NewSafetyFlag>,
) -> Result<(StatusCode, Json<SafetyFlag>), ApiError> {
    input.validate()?;
    let (flag, new) = state
        .store
        .raise_safety_flag(&allowed.caller, &allowed.id, &input)
        .await?;
    // Only the young person raises one: never the staff-only note in the answer.
    Ok((created_or_repeat(new), Json(flag.for_young_person())))
}

/// `GET /api/v1/safety`: the open flags of the young people a worker supports (a
/// manager: their team's), longest waiting first.
async fn open_safety_flags(
    State(state): State<AppState>,
    Staff(caller): Staff,
) -> Result<Json<Vec<SafetyFlag>>, ApiError> {
    Ok(Json(state.store.open_safety_flags(&caller).await?))
}

/// `POST /api/v1/safety/{flag_id}/actions`: the allocated worker or their manager
/// records what they did; the flag closes.
async fn act_on_safety_flag(
    State(state): State<AppState>,
    Staff(caller): Staff,
    axum::extract::Path(flag_id): axum::extract::Path<String>,
    ApiJson(action): ApiJson<NewSafetyAction>,
) -> Result<Json<SafetyFlag>, ApiError> {
    // Validated by the store after the access check, so nobody learns a flag exists.
    Ok(Json(
        state
            .store
            .act_on_safety_flag(&caller, &flag_id, &action)
            .await?,
    ))
}
