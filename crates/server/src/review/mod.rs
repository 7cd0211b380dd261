//! The review (issue 20, items 3 and 4): the young person gets ready for it (shared with
//! their worker and their manager, and with the person who chairs the review if they
//! choose), staff read it, the worker records the review, and the 48-hour rule for
//! updating the plan after it.
//!
//! Who sees a preparation: the young person, their worker and that worker's manager
//! (`may_see`), and the member of staff it was shared with as chair, who sees only the
//! preparations shared with them (never the rest of the young person's records).

pub mod store;

use crate::auth::{AllowedYoungPerson, Caller, Staff, StaffOfYoungPerson, YoungPersonThemselves};
use crate::error::{ApiError, ApiJson};
use crate::openapi::{endpoint, json, list, Endpoint};
use crate::state::AppState;
use crate::web::created_or_repeat;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use journey_core::i18n::words::Problem;
use journey_core::paths;
use journey_core::YoungPersonId;
use journey_core::{NewReview, NewReviewPrep, Review, ReviewPrep, Reviews, SharedPrep};
use std::collections::HashMap;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(post paths::REVIEW_PREP, add_review_prep, "The young person gets ready for their review; answers with it (200 for a repeat of the same client_id).")
            .body(json::<NewReviewPrep>())
            .created_or_repeat(json::<ReviewPrep>()),
        endpoint!(get paths::REVIEW_PREP, review_preps, "The young person's preparations for their review, newest first: for them, their worker and manager, and (only those shared with them) the person who chairs the review.")
            .ok(200, list::<ReviewPrep>()),
        endpoint!(post paths::REVIEW_PREP_READ, read_review_prep, "A worker, manager or the chair has read the preparation.")
            .empty(204),
        endpoint!(post paths::REVIEWS, record_review, "A worker or manager records a review (200 for a repeat of the same client_id).")
            .body(json::<NewReview>())
            .created_or_repeat(json::<Review>()),
        endpoint!(get paths::REVIEWS, reviews, "Reviews as recorded, who read the newest preparation, and whether the plan is late after the newest review.")
            .ok(200, json::<Reviews>()),
        endpoint!(get paths::SHARED_REVIEW_PREPS, shared_review_preps, "The preparations shared with the member of staff asking, as chair.")
            .ok(200, list::<SharedPrep>()),
    ]
}

/// The young person's id from the path (not found when it is not one).
fn young_person(params: &HashMap<String, String>) -> Result<YoungPersonId, ApiError> {
    params
        .get("id")
        .and_then(|raw| YoungPersonId::parse(raw))
        .ok_or(ApiError::NotFound(Problem::no_person))
}

/// `POST .../review-prep`: the young person's own preparation, kept exactly as typed.
async fn add_review_prep(
    State(state): State<AppState>,
    YoungPersonThemselves(allowed): YoungPersonThemselves,
    ApiJson(input): ApiJson<NewReviewPrep>,
) -> Result<(StatusCode, Json<ReviewPrep>), ApiError> {
    input.validate()?;
    let (prep, new) = state
        .store
        .add_review_prep(&allowed.caller, &allowed.id, &input)
        .await?;
    Ok((created_or_repeat(new), Json(prep)))
}

/// `GET .../review-prep`: all of them for the young person, their worker and manager;
/// for anyone else on the staff, those shared with them as chair (none: not found).
async fn review_preps(
    State(state): State<AppState>,
    caller: Caller,
    Path(params): Path<HashMap<String, String>>,
) -> Result<Json<Vec<ReviewPrep>>, ApiError> {
    let id = young_person(&params)?;
    if state.store.may_see(&caller, &id).await? {
        return Ok(Json(state.store.review_preps(&id, None).await?));
    }
    if !caller.is_staff() {
        return Err(ApiError::NotFound(Problem::no_person));
    }
    let shared = state
        .store
        .review_preps(&id, Some(&caller.account_id))
        .await?;
    if shared.is_empty() {
        return Err(ApiError::NotFound(Problem::no_person));
    }
    Ok(Json(shared))
}

/// `POST .../review-prep/{prep_id}/read`: "I've read this", by the worker, their manager,
/// or the chair it was shared with. Audited.
async fn read_review_prep(
    State(state): State<AppState>,
    Staff(caller): Staff,
    Path(params): Path<HashMap<String, String>>,
) -> Result<StatusCode, ApiError> {
    let id = young_person(&params)?;
    let prep_id: i64 = params
        .get("prep_id")
        .and_then(|raw| raw.parse().ok())
        .ok_or(ApiError::NotFound(Problem::not_found))?;
    let may_see = state.store.may_see(&caller, &id).await?;
    let allowed = match state.store.review_prep_chair(&id, prep_id).await? {
        Some(chair) => may_see || chair.as_deref() == Some(caller.account_id.as_str()),
        None => false,
    };
    if !allowed {
        return Err(ApiError::NotFound(Problem::not_found));
    }
    state.store.mark_prep_read(&caller, &id, prep_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST .../reviews`: the worker (or manager) records that the review happened.
async fn record_review(
    State(state): State<AppState>,
    StaffOfYoungPerson(allowed): StaffOfYoungPerson,
    ApiJson(input): ApiJson<NewReview>,
) -> Result<(StatusCode, Json<Review>), ApiError> {
    input.validate(chrono::Utc::now().date_naive())?;
    let (review, new) = state
        .store
        .record_review(&allowed.caller, &allowed.id, &input)
        .await?;
    Ok((created_or_repeat(new), Json(review)))
}

/// `GET .../reviews`: for the young person, their worker and manager.
async fn reviews(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Reviews>, ApiError> {
    Ok(Json(state.store.reviews(&allowed.id).await?))
}

/// `GET /review-preps`: what young people shared with the member of staff asking.
async fn shared_review_preps(
    State(state): State<AppState>,
    Staff(caller): Staff,
) -> Result<Json<Vec<SharedPrep>>, ApiError> {
    Ok(Json(state.store.shared_review_preps(&caller).await?))
}

/// The demo's reviewing officer, who can chair a review (README: the demo accounts).
pub const DEMO_CHAIR_LOGIN: (&str, &str) = ("robin.hale", "demo-robin-reviewing");
const DEMO_CHAIR_TEAM: &str = "Independent reviewing";

/// Demo data for the review: Robin Hale, an independent reviewing officer in a team of
/// their own, whom a worker can name in the plan editor as who chairs the review. Added
/// once, with the rest of the demo.
pub async fn add_demo(store: &crate::store::Store) -> Result<(), ApiError> {
    if store.password_for(DEMO_CHAIR_LOGIN.0).await?.is_some() {
        return Ok(());
    }
    store.create_team(DEMO_CHAIR_TEAM).await?;
    let robin = crate::admin::command::NewStaff {
        name: "Robin Hale".into(),
        username: DEMO_CHAIR_LOGIN.0.into(),
        team: DEMO_CHAIR_TEAM.into(),
        manager: false,
        phone: None,
        email: Some("robin.hale@example.org".into()),
    };
    store
        .create_staff(
            &robin,
            &crate::secrets::hash_password(DEMO_CHAIR_LOGIN.1),
            None,
        )
        .await?;
    Ok(())
}
