//! The audit log: `GET /api/v1/audit` for a manager's team, and for the organisation's
//! administrators its own rows.

pub mod store;

use crate::auth::Staff;
use crate::error::ApiError;
use crate::openapi::{endpoint, list, Endpoint};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use journey_core::paths;
use journey_core::AuditEntry;

pub fn endpoints() -> Vec<Endpoint> {
    vec![endpoint!(
        get paths::AUDIT, audit_log, Staff,
        "The newest audit entries: a manager's team's, and the organisation's for its administrators."
    )
    .ok(200, list::<AuditEntry>())]
}

/// How many audit entries one request returns.
const AUDIT_PAGE: i64 = 200;

/// `GET /api/v1/audit`: the newest entries for the manager's team, with the
/// organisation's own for an administrator. Other staff get 403.
async fn audit_log(
    State(state): State<AppState>,
    Staff(caller): Staff,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    let team = caller.managed_team();
    if team.is_none() && !caller.is_admin {
        return Err(ApiError::Forbidden);
    }
    Ok(Json(
        state
            .store
            .audit_for(team, caller.is_admin, AUDIT_PAGE)
            .await?,
    ))
}
