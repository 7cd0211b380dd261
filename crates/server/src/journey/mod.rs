//! The young person's journey and plan: what they see on My Journey, the plan staff
//! edit (a new version each time) and its history, "My view", and changing the worker.

pub mod store;

use crate::auth::{
    AllowedYoungPerson, ManagerOfYoungPerson, StaffOfYoungPerson, YoungPersonThemselves,
};
use crate::error::{ApiError, ApiJson};
use crate::openapi::{endpoint, json, list, Endpoint};
use crate::state::AppState;
use crate::web::created_or_repeat;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use journey_core::i18n::words::Problem;
use journey_core::paths;
use journey_core::{
    Journey, MyView, NewView, NewViewReply, NewWorker, PlanEdit, PlanForEditing, PlanSaved,
    PlanSeen, PlanVersionSummary, ViewReply,
};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::JOURNEY, journey, "The young person's plan and worker.")
            .ok(200, json::<Journey>()),
        endpoint!(post paths::JOURNEY_SEEN, journey_seen, "The young person has looked at this version.")
            .body(json::<PlanSeen>())
            .empty(204),
        endpoint!(get paths::PLAN, plan_for_editing, "The newest plan version, for staff to edit.")
            .ok(200, json::<PlanForEditing>()),
        endpoint!(put paths::PLAN, edit_plan, "Staff save the plan as a new version.")
            .body(json::<PlanEdit>())
            .ok(200, json::<PlanSaved>()),
        endpoint!(get paths::PLAN_HISTORY, plan_history, "Every plan version, who made it and what changed.")
            .ok(200, list::<PlanVersionSummary>()),
        endpoint!(post paths::VIEWS, add_view, "\"My view\", kept exactly as typed (200 for a repeat of the same client_id).")
            .body(json::<NewView>())
            .created_or_repeat(json::<MyView>()),
        endpoint!(post paths::VIEW_REPLIES, reply_to_view, "Staff reply to a view, kept exactly as written (200 for a repeat of the same client_id).")
            .body(json::<NewViewReply>())
            .created_or_repeat(json::<ViewReply>()),
        endpoint!(post paths::WORKER, change_worker, "A manager changes the worker, saying why.")
            .body(json::<NewWorker>())
            .empty(204),
    ]
}

/// `GET /api/v1/young-people/{id}/journey`: the young person's plan and worker, for
/// them, their worker and their worker's manager only.
async fn journey(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Journey>, ApiError> {
    let for_young_person = allowed.caller.role == journey_core::Role::YoungPerson;
    let journey = state
        .store
        .journey(&allowed.id, for_young_person)
        .await?
        .ok_or(ApiError::NotFound(Problem::no_plan))?;
    Ok(Json(journey))
}

/// `POST /api/v1/young-people/{id}/journey/seen`: the young person has looked at this version.
async fn journey_seen(
    State(state): State<AppState>,
    YoungPersonThemselves(allowed): YoungPersonThemselves,
    ApiJson(seen): ApiJson<PlanSeen>,
) -> Result<StatusCode, ApiError> {
    state.store.mark_seen(&allowed.id, seen.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/young-people/{id}/plan`: the newest version for a worker to edit (or none yet).
async fn plan_for_editing(
    State(state): State<AppState>,
    StaffOfYoungPerson(allowed): StaffOfYoungPerson,
) -> Result<Json<journey_core::PlanForEditing>, ApiError> {
    Ok(Json(state.store.plan_for_editing(&allowed.id).await?))
}

/// `PUT /api/v1/young-people/{id}/plan`: a worker or manager saves the plan as a new version.
async fn edit_plan(
    State(state): State<AppState>,
    StaffOfYoungPerson(allowed): StaffOfYoungPerson,
    ApiJson(edit): ApiJson<PlanEdit>,
) -> Result<Json<PlanSaved>, ApiError> {
    edit.plan.validate(chrono::Utc::now().date_naive())?;
    let mut edit = edit;
    state.store.fill_in_chair(&mut edit.plan).await?;
    let version = state
        .store
        .edit_plan(&allowed.caller, &allowed.id, edit)
        .await?;
    Ok(Json(PlanSaved { version }))
}

/// `GET /api/v1/young-people/{id}/plan/history`: every version, who made it and what changed.
async fn plan_history(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Vec<PlanVersionSummary>>, ApiError> {
    Ok(Json(state.store.plan_history(&allowed.id).await?))
}

/// `POST /api/v1/young-people/{id}/views`: "My view", kept exactly as typed. The same
/// `client_id` again answers with the view it kept (200).
async fn add_view(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
    ApiJson(view): ApiJson<NewView>,
) -> Result<(StatusCode, Json<MyView>), ApiError> {
    view.validate()?;
    let (saved, new) = state
        .store
        .add_view(&allowed.caller, &allowed.id, &view)
        .await?;
    Ok((created_or_repeat(new), Json(saved)))
}

/// `POST /api/v1/young-people/{id}/views/{view_id}/replies`: their worker, or a manager
/// of the team, replies to a view. `201`, or `200` for a repeat of the same `client_id`.
async fn reply_to_view(
    State(state): State<AppState>,
    StaffOfYoungPerson(allowed): StaffOfYoungPerson,
    axum::extract::Path((_, view_id)): axum::extract::Path<(String, String)>,
    ApiJson(reply): ApiJson<NewViewReply>,
) -> Result<(StatusCode, Json<ViewReply>), ApiError> {
    let view_id: i64 = view_id
        .parse()
        .map_err(|_| ApiError::NotFound(Problem::no_view))?;
    reply.validate()?;
    let (saved, new) = state
        .store
        .add_view_reply(&allowed.caller, &allowed.id, view_id, &reply)
        .await?;
    Ok((crate::web::created_or_repeat(new), Json(saved)))
}

/// `POST /api/v1/young-people/{id}/worker`: a manager changes the worker, saying why.
async fn change_worker(
    State(state): State<AppState>,
    ManagerOfYoungPerson(allowed): ManagerOfYoungPerson,
    ApiJson(input): ApiJson<NewWorker>,
) -> Result<StatusCode, ApiError> {
    input.validate()?;
    state
        .store
        .change_worker(
            &allowed.caller,
            &allowed.id,
            &input.worker_username,
            &input.why,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
