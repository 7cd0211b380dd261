//! The team overview (issue 21, item 1): `GET /api/v1/team/overview?period=` for a
//! manager (their team's young people) or a worker (their own), and the same figures as
//! CSV for the organisation's quality reports. Young people get 403. No young person's
//! words are in either: only counts, and the young people behind each by first name.

pub mod store;

use crate::auth::Staff;
use crate::error::ApiError;
use crate::openapi::{csv, endpoint, json, Endpoint};
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use chrono::Utc;
use journey_core::i18n::words::Problem;
use journey_core::paths;
use journey_core::team::{overview_csv, Period, TeamOverview};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::TEAM_OVERVIEW, team_overview, "The team overview for ?period=month|three_months|year (month when not given): a manager's team, or a worker's own young people. Counts and first names only.")
            .also(&[400])
            .ok(200, json::<TeamOverview>()),
        endpoint!(get paths::TEAM_OVERVIEW_CSV, team_overview_csv, "The same figures as CSV (a header row, then one row per figure), for ?period= as above.")
            .also(&[400])
            .ok(200, csv()),
    ]
}

/// The period asked for in the query string: `month` when none is given; anything else
/// is a bad request.
fn period_query(query: Option<&str>) -> Result<Period, ApiError> {
    let asked = query
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("period="));
    match asked {
        None | Some("") => Ok(Period::Month),
        Some(text) => Period::parse(text).ok_or_else(|| {
            ApiError::BadRequest(
                Problem::not_right,
                Some("period must be month, three_months or year".into()),
            )
        }),
    }
}

async fn overview(
    state: &AppState,
    caller: &crate::auth::Caller,
    query: Option<&str>,
) -> Result<TeamOverview, ApiError> {
    let period = period_query(query)?;
    state
        .store
        .team_overview(caller, period, Utc::now().date_naive())
        .await
}

/// `GET /api/v1/team/overview?period=`.
async fn team_overview(
    State(state): State<AppState>,
    Staff(caller): Staff,
    RawQuery(query): RawQuery,
) -> Result<Json<TeamOverview>, ApiError> {
    Ok(Json(overview(&state, &caller, query.as_deref()).await?))
}

/// `GET /api/v1/team/overview.csv?period=`: a download.
async fn team_overview_csv(
    State(state): State<AppState>,
    Staff(caller): Staff,
    RawQuery(query): RawQuery,
) -> Result<impl IntoResponse, ApiError> {
    let overview = overview(&state, &caller, query.as_deref()).await?;
    let name = format!(
        "team-overview-{}-{}.csv",
        overview.period.as_str(),
        overview.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        overview_csv(&overview),
    ))
}
