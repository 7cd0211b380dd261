//! Goals: set together, kept in the young person's own words, rated 0 to 10 each session.

pub mod store;

use crate::auth::AllowedYoungPerson;
use crate::error::{ApiError, ApiJson};
use crate::openapi::{endpoint, json, list, Endpoint};
use crate::state::AppState;
use crate::web::created_or_repeat;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use journey_core::paths;
use journey_core::{Goal, GoalDraft, GoalReword, GoalStatusChange, Goals, SessionRatings};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::GOALS, goals, "Goals, their earlier words and ratings.")
            .ok(200, json::<Goals>()),
        endpoint!(post paths::GOALS, add_goal, "A new goal, kept exactly as typed; answers with it (200 for a repeat of the same client_id).")
            .body(json::<GoalDraft>())
            .created_or_repeat(json::<Goal>()),
        endpoint!(post paths::GOAL_WORDS, reword_goal, "The young person rewords a goal; answers with it.")
            .body(json::<GoalReword>())
            .ok(200, json::<Goal>()),
        endpoint!(post paths::GOAL_STATUS, goal_status, "Achieved, paused, let go, or working on it again; answers with the goal.")
            .body(json::<GoalStatusChange>())
            .ok(200, json::<Goal>()),
        endpoint!(post paths::GOAL_RATINGS, rate_goals, "One session's ratings; answers with the goals rated (200 for a repeat of the same client_id).")
            .body(json::<SessionRatings>())
            .created_or_repeat(list::<Goal>()),
    ]
}

/// `GET /api/v1/young-people/{id}/goals`: goals, their earlier words and ratings.
async fn goals(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Goals>, ApiError> {
    Ok(Json(state.store.goals(&allowed.id).await?))
}

/// `POST /api/v1/young-people/{id}/goals`: a new goal, kept exactly as typed; answers
/// with it. The same `client_id` again answers with the goal it made (200).
async fn add_goal(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(draft): ApiJson<GoalDraft>,
) -> Result<(StatusCode, Json<Goal>), ApiError> {
    let (goal_id, new) = state
        .store
        .add_goal(&allowed.caller, &allowed.id, &draft)
        .await?;
    let goal = state.store.goal(&allowed.id, &goal_id).await?;
    Ok((created_or_repeat(new), Json(goal)))
}

/// `POST /api/v1/young-people/{id}/goals/{goal_id}/words`: the young person rewords a goal.
async fn reword_goal(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    axum::extract::Path((_, goal_id)): axum::extract::Path<(String, String)>,
    ApiJson(reword): ApiJson<GoalReword>,
) -> Result<Json<Goal>, ApiError> {
    reword.validate()?;
    state
        .store
        .reword_goal(&allowed.caller, &allowed.id, &goal_id, &reword)
        .await?;
    Ok(Json(state.store.goal(&allowed.id, &goal_id).await?))
}

/// `POST /api/v1/young-people/{id}/goals/{goal_id}/status`: achieved, paused, let go, or again.
async fn goal_status(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    axum::extract::Path((_, goal_id)): axum::extract::Path<(String, String)>,
    ApiJson(change): ApiJson<GoalStatusChange>,
) -> Result<Json<Goal>, ApiError> {
    change.validate()?;
    state
        .store
        .change_goal_status(&allowed.caller, &allowed.id, &goal_id, &change)
        .await?;
    Ok(Json(state.store.goal(&allowed.id, &goal_id).await?))
}

/// `POST /api/v1/young-people/{id}/goal-ratings`: one session's ratings; answers with the
/// goals rated. `201` the first time, `200` for a repeat of the same `client_id`
/// (recorded once).
async fn rate_goals(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(input): ApiJson<SessionRatings>,
) -> Result<(StatusCode, Json<Vec<Goal>>), ApiError> {
    input.validate()?;
    let new = state
        .store
        .rate_goals(&allowed.caller, &allowed.id, &input)
        .await?;
    let mut rated = Vec::with_capacity(input.ratings.len());
    for rating in &input.ratings {
        rated.push(state.store.goal(&allowed.id, &rating.goal_id).await?);
    }
    Ok((created_or_repeat(new), Json(rated)))
}
