//! "Share good news": a young person tells their worker something good, and their worker
//! (or the worker's manager) replies.

pub mod store;

use crate::auth::{AllowedYoungPerson, StaffOfYoungPerson, YoungPersonThemselves};
use crate::error::{ApiError, ApiJson};
use crate::openapi::{endpoint, json, list, Endpoint};
use crate::state::AppState;
use crate::store::Store;
use crate::web::created_or_repeat;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use journey_core::i18n::words::Problem;
use journey_core::paths;
use journey_core::{
    GoodNews, GoodNewsAbout, GoodNewsReply, NewGoodNews, NewGoodNewsReply, YoungPersonId,
};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint!(get paths::GOOD_NEWS, good_news, "The young person's good news, newest first, each with its replies (oldest first).")
            .ok(200, list::<GoodNews>()),
        endpoint!(post paths::GOOD_NEWS, share_good_news, "The young person shares good news (a choice of what it is about, words, or both); \
             200 for a repeat of the same client_id.")
            .body(json::<NewGoodNews>())
            .created_or_repeat(json::<GoodNews>()),
        endpoint!(post paths::GOOD_NEWS_REPLIES, reply_to_good_news, "Their worker or the worker's manager replies, in their own words; 200 for a repeat \
             of the same client_id.")
            .body(json::<NewGoodNewsReply>())
            .created_or_repeat(json::<GoodNewsReply>()),
    ]
}

/// `GET /api/v1/young-people/{id}/good-news`: for the young person, their worker and
/// that worker's manager (the extractor's rule).
async fn good_news(
    State(state): State<AppState>,
    allowed: AllowedYoungPerson,
) -> Result<Json<Vec<GoodNews>>, ApiError> {
    Ok(Json(state.store.good_news_for(&allowed.id).await?))
}

/// `POST /api/v1/young-people/{id}/good-news`: the young person only. `201`, or `200`
/// for a repeat of the same `client_id`.
async fn share_good_news(
    State(state): State<AppState>,
    YoungPersonThemselves(allowed): YoungPersonThemselves,
    ApiJson(input): ApiJson<NewGoodNews>,
) -> Result<(StatusCode, Json<GoodNews>), ApiError> {
    input.validate()?;
    let (news, new) = state
        .store
        .share_good_news(&allowed.caller, &allowed.id, &input)
        .await?;
    Ok((created_or_repeat(new), Json(news)))
}

/// `POST /api/v1/young-people/{id}/good-news/{news_id}/replies`: their worker or the
/// worker's manager (a young person: `403`). Good news that is not theirs: `404`.
async fn reply_to_good_news(
    State(state): State<AppState>,
    StaffOfYoungPerson(allowed): StaffOfYoungPerson,
    axum::extract::Path((_, news_id)): axum::extract::Path<(String, String)>,
    ApiJson(input): ApiJson<NewGoodNewsReply>,
) -> Result<(StatusCode, Json<GoodNewsReply>), ApiError> {
    let news_id: i64 = news_id
        .parse()
        .map_err(|_| ApiError::NotFound(Problem::no_good_news))?;
    input.validate()?;
    let (reply, new) = state
        .store
        .reply_to_good_news(&allowed.caller, &allowed.id, news_id, &input)
        .await?;
    Ok((created_or_repeat(new), Json(reply)))
}

/// The demo: Alex shared good news a few days ago and Sam replied, and more news
/// yesterday that waits for a reply. Added once, with the rest of the demo.
pub async fn seed_demo(store: &Store, alex: &YoungPersonId) -> Result<(), ApiError> {
    let pool = store.pool();
    let (account_id,): (String,) =
        sqlx::query_as("SELECT id FROM accounts WHERE young_person_id = $1")
            .bind(alex.as_str())
            .fetch_one(pool)
            .await?;
    // Their worker, as allocated by the demo.
    let (worker_account, worker_name): (String, String) = sqlx::query_as(
        "SELECT ac.id, w.name FROM allocations a JOIN workers w ON w.id = a.worker_id
         JOIN accounts ac ON ac.worker_id = w.id
         WHERE a.young_person_id = $1 AND a.ended_on IS NULL",
    )
    .bind(alex.as_str())
    .fetch_one(pool)
    .await?;
    let now = Utc::now();
    let days_ago = |days: i64| (now - chrono::Duration::days(days)).to_rfc3339();
    let mut tx = store.begin_write().await?;
    let (first,): (i64,) = sqlx::query_as(
        "INSERT INTO good_news (young_person_id, client_id, about, words, account_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(alex.as_str())
    .bind("demo-good-news-1")
    .bind(GoodNewsAbout::School.as_str())
    .bind("I got picked for the school football team!")
    .bind(&account_id)
    .bind(days_ago(6))
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO good_news_replies (good_news_id, words, by_name, account_id, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(first)
    .bind("That's brilliant, Alex! You've worked so hard at training. Tell me all about it on Friday.")
    .bind(&worker_name)
    .bind(&worker_account)
    .bind(days_ago(5))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO good_news (young_person_id, client_id, about, words, account_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(alex.as_str())
    .bind("demo-good-news-2")
    .bind(GoodNewsAbout::HowIFeel.as_str())
    .bind(None::<String>)
    .bind(&account_id)
    .bind(days_ago(1))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
