//! The JSON API's handlers. Each is thin: read the request, ask the store, answer.

use crate::error::ApiError;
use crate::startup::AppState;
use axum::extract::{Path, State};
use axum::Json;
use journey_core::{Health, Journey, YoungPersonId};

/// `GET /api/v1/health`: the server is up and its database answers.
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.store.ping().await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}

const NO_JOURNEY: &str = "We couldn't find a plan for this person.";

/// `GET /api/v1/young-people/{id}/journey`: the young person's plan and worker.
pub async fn journey(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Journey>, ApiError> {
    let id = YoungPersonId::parse(&id).ok_or(ApiError::NotFound(NO_JOURNEY))?;
    let journey = state
        .store
        .journey(&id)
        .await?
        .ok_or(ApiError::NotFound(NO_JOURNEY))?;
    Ok(Json(journey))
}

/// Anything under `/api` that is not a route.
pub async fn not_found() -> ApiError {
    ApiError::NotFound("There's nothing here. Please check the address.")
}

pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
