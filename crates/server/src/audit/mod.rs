//! The audit log: `GET /api/v1/audit` for a manager's team, and for the organisation's
//! administrators its own rows; filtered by young person, by who did it and by kind, and
//! paged (`before`), for the audit screen.

pub mod store;

use crate::auth::{AuditReader, Caller};
use crate::error::ApiError;
use crate::openapi::{endpoint, json, list, Endpoint};
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::Json;
use journey_core::audit::AUDIT_PAGE;
use journey_core::i18n::words::Problem;
use journey_core::paths;
use journey_core::{AuditChoices, AuditEntry, AuditKind, AuditQuery};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(
            get paths::AUDIT, audit_log,
            "The newest audit entries (a page of 50): a manager's team's, and the organisation's for its administrators. Optional `?young_person=<id>&by=<account id>&kind=plan|goals|feedback|safety|concerns|reviews|accounts|organisation|other&before=<entry id>`."
        )
        .also(&[400])
        .ok(200, list::<AuditEntry>()),
        endpoint!(
            get paths::AUDIT_CHOICES, audit_choices,
            "Who appears in the audit log the caller reads (young people, and who did things), for its filters."
        )
        .ok(200, json::<AuditChoices>()),
    ]
}

/// Which rows a reader may read: a manager their team's, an administrator the
/// organisation's too.
fn readable(caller: &Caller) -> (Option<&str>, bool) {
    (caller.managed_team(), caller.is_admin)
}

/// `?young_person=&by=&kind=&before=`; anything else, or a kind or number that can't be
/// read, is a 400.
fn audit_query(raw: Option<&str>) -> Result<AuditQuery, ApiError> {
    let bad = || ApiError::BadRequest(Problem::unreadable, None);
    let mut query = AuditQuery::default();
    for pair in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').ok_or_else(bad)?;
        if value.is_empty() {
            continue;
        }
        // Ids are letters, digits and dashes: nothing to decode.
        let plain = || {
            value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                .then(|| value.to_owned())
                .ok_or_else(bad)
        };
        match name {
            "young_person" => query.young_person = Some(plain()?),
            "by" => query.by = Some(plain()?),
            "kind" => query.kind = Some(AuditKind::parse(value).ok_or_else(bad)?),
            "before" => query.before = Some(value.parse().map_err(|_| bad())?),
            _ => return Err(bad()),
        }
    }
    Ok(query)
}

/// `GET /api/v1/audit`: the newest entries for the manager's team, with the
/// organisation's own for an administrator, filtered and paged. Other staff get 403.
async fn audit_log(
    State(state): State<AppState>,
    AuditReader(caller): AuditReader,
    RawQuery(raw): RawQuery,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    let (team, organisation) = readable(&caller);
    let query = audit_query(raw.as_deref())?;
    Ok(Json(
        state
            .store
            .audit_for(team, organisation, &query, AUDIT_PAGE as i64)
            .await?,
    ))
}

/// `GET /api/v1/audit/choices`: the young people and staff in the entries the caller
/// reads.
async fn audit_choices(
    State(state): State<AppState>,
    AuditReader(caller): AuditReader,
) -> Result<Json<AuditChoices>, ApiError> {
    let (team, organisation) = readable(&caller);
    Ok(Json(state.store.audit_choices(team, organisation).await?))
}
