//! "What's happened since you told us": every answer a young person has had, newest
//! first (for them only), and how far down it they have looked.

pub mod store;

use crate::auth::YoungPersonThemselves;
use crate::error::{ApiError, ApiJson};
use crate::openapi::{endpoint, json, Endpoint};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use journey_core::paths;
use journey_core::{HeardBack, HeardBackSeen};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::HEARD_BACK, heard_back, "Every answer the young person has had, newest first, and how many are new (the young person only).")
            .ok(200, json::<HeardBack>()),
        endpoint!(post paths::HEARD_BACK_SEEN, heard_back_seen, "The young person has looked at the list, up to the newest answer shown.")
            .body(json::<HeardBackSeen>())
            .empty(204),
    ]
}

/// `GET /api/v1/young-people/{id}/heard-back`: for the young person themselves only.
async fn heard_back(
    State(state): State<AppState>,
    YoungPersonThemselves(allowed): YoungPersonThemselves,
) -> Result<Json<HeardBack>, ApiError> {
    Ok(Json(state.store.heard_back(&allowed.id).await?))
}

/// `POST /api/v1/young-people/{id}/heard-back/seen`: the count on the My Journey tab goes.
async fn heard_back_seen(
    State(state): State<AppState>,
    YoungPersonThemselves(allowed): YoungPersonThemselves,
    ApiJson(seen): ApiJson<HeardBackSeen>,
) -> Result<StatusCode, ApiError> {
    state
        .store
        .mark_heard_back_seen(&allowed.id, seen.up_to)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
