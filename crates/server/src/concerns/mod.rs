//! Concerns ("Tell us"): a young person raises one, a manager answers within the
//! timescale, and the young person can ask for the next stage.

pub mod store;

use crate::auth::{AllowedYoungPerson, Caller, Manager, YoungPersonThemselves};
use crate::error::{ApiError, ApiJson};
use crate::openapi::{endpoint, json, list, Endpoint};
use crate::state::AppState;
use crate::web::created_or_repeat;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use journey_core::paths;
use journey_core::{Concern, ConcernRoutes, NewConcern, NewConcernReply, NextStage};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::CONCERNS, concerns, "The young person's concerns and replies.")
            .ok(200, list::<Concern>()),
        endpoint!(post paths::CONCERNS, raise_concern, "The young person says something's wrong; 200 for a repeat of the same client_id.")
            .body(json::<NewConcern>())
            .created_or_repeat(json::<Concern>()),
        endpoint!(get paths::CONCERN_ROUTES, concern_routes, "Who would read a concern the young person sends now, by what it is about (never the \
             person it is about).")
            .ok(200, json::<ConcernRoutes>()),
        endpoint!(get paths::TEAM_CONCERNS, team_concerns, "The concerns a manager reads: their team's, and those about a manager routed to them; \
             never one about them. Open and soonest due first.")
            .ok(200, list::<Concern>()),
        endpoint!(post paths::CONCERN_REPLY, reply_to_concern, "A manager answers a concern.")
            .body(json::<NewConcernReply>())
            .ok(200, json::<Concern>()),
        endpoint!(post paths::NEXT_STAGE, ask_for_next_stage, "The young person whose concern it is isn't happy with the answer and asks for the \
             next stage; 200 for a repeat of the same client_id. Anyone else: 404.")
            .body(json::<NextStage>())
            .created_or_repeat(json::<Concern>()),
    ]
}

/// `GET /api/v1/young-people/{id}/concerns`: the young person's concerns and replies.
/// Their worker sees only those shared with them that are not about them.
async fn concerns(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Vec<Concern>>, ApiError> {
    Ok(Json(
        state
            .store
            .concerns_for(&allowed.caller, &allowed.id)
            .await?,
    ))
}

/// `GET /api/v1/young-people/{id}/concerns/who-reads`: who would read a concern sent now,
/// for each thing it may be about, so the form can say so before it is sent.
async fn concern_routes(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<ConcernRoutes>, ApiError> {
    Ok(Json(state.store.concern_routes(&allowed.id).await?))
}

/// `POST /api/v1/young-people/{id}/concerns`: the young person tells us something's
/// wrong. `201` with the reference the first time; the same `client_id` again → `200`.
async fn raise_concern(
    State(state): State<AppState>,
    YoungPersonThemselves(allowed): YoungPersonThemselves,
    ApiJson(input): ApiJson<NewConcern>,
) -> Result<(StatusCode, Json<Concern>), ApiError> {
    input.validate()?;
    let (concern, new) = state
        .store
        .raise_concern(&allowed.caller, &allowed.id, &input)
        .await?;
    Ok((created_or_repeat(new), Json(concern)))
}

/// `GET /api/v1/concerns`: the concerns a manager reads (their team's, and those about a
/// manager that were routed to them; never one about them), open and soonest due first.
async fn team_concerns(
    State(state): State<AppState>,
    Manager(caller): Manager,
) -> Result<Json<Vec<Concern>>, ApiError> {
    Ok(Json(state.store.team_concerns(&caller).await?))
}

/// `POST /api/v1/concerns/{id}/reply`: a manager answers ("You said, we did").
async fn reply_to_concern(
    State(state): State<AppState>,
    Manager(caller): Manager,
    axum::extract::Path(concern_id): axum::extract::Path<String>,
    ApiJson(reply): ApiJson<NewConcernReply>,
) -> Result<Json<Concern>, ApiError> {
    reply.validate()?;
    Ok(Json(
        state
            .store
            .reply_to_concern(&caller, &concern_id, &reply)
            .await?,
    ))
}

/// `POST /api/v1/concerns/{id}/next-stage`: "Not happy with this answer?" The young person
/// whose concern it is asks for the next stage (201; 200 for a repeat).
async fn ask_for_next_stage(
    State(state): State<AppState>,
    caller: Caller,
    axum::extract::Path(concern_id): axum::extract::Path<String>,
    ApiJson(input): ApiJson<NextStage>,
) -> Result<(StatusCode, Json<Concern>), ApiError> {
    let (concern, new) = state
        .store
        .ask_for_next_stage(&caller, &concern_id, &input)
        .await?;
    Ok((created_or_repeat(new), Json(concern)))
}
