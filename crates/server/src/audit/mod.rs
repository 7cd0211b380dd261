//! The audit log: `GET /api/v1/audit` for a manager's team.

pub mod store;

use crate::auth::Manager;
use crate::error::ApiError;
use crate::openapi::{endpoint, list, Endpoint};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use journey_core::paths;
use journey_core::AuditEntry;

pub fn endpoints() -> Vec<Endpoint> {
    vec![endpoint!(
        get paths::AUDIT, audit_log, Manager,
        "The newest audit entries for the manager's team."
    )
    .ok(200, list::<AuditEntry>())]
}

/// How many audit entries one request returns.
const AUDIT_PAGE: i64 = 200;

/// `GET /api/v1/audit`: the newest entries for the manager's team.
async fn audit_log(
    State(state): State<AppState>,
    Manager(caller): Manager,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    let team = caller.team_id.as_deref().ok_or(ApiError::Forbidden)?;
    Ok(Json(state.store.audit_for_team(team, AUDIT_PAGE).await?))
}
