//! "What's happened since you told us": every answer a young person has had, newest
//! first (for them only), and how far down it they have looked.

pub mod store;

use crate::auth::AllowedYoungPerson;
use crate::error::{ApiError, ApiJson};
use crate::openapi::{endpoint, json, Endpoint};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use journey_core::paths;
use journey_core::{HeardBack, HeardBackSeen, Role};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::HEARD_BACK, heard_back, SignedIn, "Every answer the young person has had, newest first, and how many are new (the young person only).")
            .ok(200, json::<HeardBack>()),
        endpoint!(post paths::HEARD_BACK_SEEN, heard_back_seen, SignedIn, "The young person has looked at the list, up to the newest answer shown.")
            .body(json::<HeardBackSeen>())
            .empty(204),
    ]
}

/// `GET /api/v1/young-people/{id}/heard-back`: for the young person themselves only.
async fn heard_back(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<HeardBack>, ApiError> {
    if allowed.caller.role != Role::YoungPerson {
        return Err(ApiError::Forbidden);
    }
    Ok(Json(state.store.heard_back(&allowed.id).await?))
}

/// `POST /api/v1/young-people/{id}/heard-back/seen`: the count on the My Journey tab goes.
async fn heard_back_seen(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(seen): ApiJson<HeardBackSeen>,
) -> Result<StatusCode, ApiError> {
    if allowed.caller.role != Role::YoungPerson {
        return Err(ApiError::Forbidden);
    }
    state
        .store
        .mark_heard_back_seen(&allowed.id, seen.up_to)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
