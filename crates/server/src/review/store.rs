//! The store's side of the review: the young person's preparation (once per
//! `client_id`), who read it, reviews as recorded, who chairs the review, and the
//! 48-hour rule for the worker's and manager's list.

use crate::audit::store::audit_about;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::repeat::{earlier, Kept};
use crate::store::{Day, Store};
use chrono::{DateTime, Utc};
use journey_core::i18n::words::Problem;
use journey_core::review::plan_not_updated_since_review;
use journey_core::{
    NewReview, NewReviewPrep, Plan, PrepRead, Review, ReviewChair, ReviewPrep, Reviews, SharedPrep,
    TakePart, YoungPersonId, YoungPersonSummary,
};
use std::collections::{HashMap, HashSet};

fn parse_time(text: &str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| ApiError::Internal("bad stored time"))
}

const PREP_COLUMNS: &str = "p.id, p.young_person_id, y.first_name, p.went_well, p.not_gone_well,
     p.what_next, p.want_there, p.not_there, p.take_part, p.questions, p.chair_name,
     p.chair_role, p.created_at";

#[derive(sqlx::FromRow)]
struct PrepRow {
    id: i64,
    young_person_id: String,
    first_name: String,
    went_well: String,
    not_gone_well: String,
    what_next: String,
    want_there: String,
    not_there: String,
    take_part: Option<String>,
    questions: String,
    chair_name: Option<String>,
    chair_role: Option<String>,
    created_at: String,
}

impl PrepRow {
    fn into_prep(self, read_by: Vec<PrepRead>) -> Result<ReviewPrep, ApiError> {
        Ok(ReviewPrep {
            id: self.id,
            went_well: self.went_well,
            not_gone_well: self.not_gone_well,
            next: self.what_next,
            want_there: self.want_there,
            not_there: self.not_there,
            take_part: self.take_part.as_deref().and_then(TakePart::parse),
            questions: self.questions,
            shared_with: match (self.chair_name, self.chair_role) {
                (Some(name), Some(role)) => Some(ReviewChair {
                    username: String::new(),
                    name,
                    role,
                }),
                _ => None,
            },
            at: parse_time(&self.created_at)?,
            read_by,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: i64,
    held_on: Day,
    decisions: String,
    next_review: Option<Day>,
    by_name: String,
    created_at: String,
}

impl ReviewRow {
    fn into_review(self) -> Result<Review, ApiError> {
        Ok(Review {
            id: self.id,
            held_on: self.held_on.0,
            decisions: self.decisions,
            next_review: self.next_review.map(|d| d.0),
            by: self.by_name,
            at: parse_time(&self.created_at)?,
        })
    }
}

impl Store {
    /// The plan's chair, as a staff editor chose them by username: their account must be
    /// a member of staff's, and their name is filled in from it (never typed).
    pub async fn fill_in_chair(&self, plan: &mut Plan) -> Result<(), ApiError> {
        let Some(chair) = plan.review_chair.as_mut() else {
            return Ok(());
        };
        let found: Option<(String,)> = sqlx::query_as(
            "SELECT w.name FROM accounts a JOIN workers w ON w.id = a.worker_id
             WHERE a.username_key = $1 AND a.role IN ('worker', 'manager')",
        )
        .bind(journey_core::account::username_key(&chair.username))
        .fetch_optional(self.pool())
        .await?;
        match found {
            Some((name,)) => {
                chair.name = name;
                Ok(())
            }
            None => Err(ApiError::problem(
                "review_chair.username",
                Problem::no_such_staff,
                &[],
            )),
        }
    }

    /// The account of the person who chairs the review, with their name and role, as the
    /// newest plan names them.
    async fn chair_now(
        &self,
        conn: &mut sqlx::AnyConnection,
        id: &YoungPersonId,
    ) -> Result<Option<(String, ReviewChair)>, ApiError> {
        let body: Option<(String,)> = sqlx::query_as(
            "SELECT body FROM plan_versions WHERE young_person_id = $1 ORDER BY version DESC LIMIT 1",
        )
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
        let Some(chair) = body
            .map(|(body,)| serde_json::from_str::<Plan>(&body))
            .transpose()?
            .and_then(|plan| plan.review_chair)
        else {
            return Ok(None);
        };
        let account: Option<(String, String)> = sqlx::query_as(
            "SELECT a.id, w.name FROM accounts a JOIN workers w ON w.id = a.worker_id
             WHERE a.username_key = $1",
        )
        .bind(journey_core::account::username_key(&chair.username))
        .fetch_optional(&mut *conn)
        .await?;
        Ok(account.map(|(account_id, name)| {
            (
                account_id,
                ReviewChair {
                    username: String::new(),
                    name,
                    role: chair.role,
                },
            )
        }))
    }

    /// The young person sends their preparation. The same `client_id` again returns the
    /// first one and `false` (nothing new recorded).
    pub async fn add_review_prep(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        input: &NewReviewPrep,
    ) -> Result<(ReviewPrep, bool), ApiError> {
        let mut tx = self.begin_write().await?;
        if let Some(prep_id) =
            earlier(&mut tx, Kept::ReviewPrep, id.as_str(), &input.client_id).await?
        {
            tx.commit().await?;
            let prep_id: i64 = prep_id
                .parse()
                .map_err(|_| ApiError::Internal("bad stored id"))?;
            return Ok((self.review_prep(id, prep_id).await?, false));
        }
        let chair = if input.share_with_chair {
            self.chair_now(&mut tx, id).await?
        } else {
            None
        };
        let (prep_id,): (i64,) = sqlx::query_as(
            "INSERT INTO review_preps (young_person_id, client_id, went_well, not_gone_well,
                what_next, want_there, not_there, take_part, questions, chair_account_id,
                chair_name, chair_role, account_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(id.as_str())
        .bind(&input.client_id)
        .bind(&input.went_well)
        .bind(&input.not_gone_well)
        .bind(&input.next)
        .bind(&input.want_there)
        .bind(&input.not_there)
        .bind(input.take_part.map(TakePart::as_str))
        .bind(&input.questions)
        .bind(chair.as_ref().map(|(account, _)| account.as_str()))
        .bind(chair.as_ref().map(|(_, c)| c.name.as_str()))
        .bind(chair.as_ref().map(|(_, c)| c.role.as_str()))
        .bind(&caller.account_id)
        .bind(Utc::now().to_rfc3339())
        .fetch_one(&mut *tx)
        .await?;
        audit_about(&mut tx, caller, "got ready for their review", id.as_str()).await?;
        tx.commit().await?;
        Ok((self.review_prep(id, prep_id).await?, true))
    }

    async fn review_prep(&self, id: &YoungPersonId, prep_id: i64) -> Result<ReviewPrep, ApiError> {
        self.review_preps_where(
            "p.young_person_id = $1 AND p.id = $2",
            id.as_str(),
            Some(prep_id),
        )
        .await?
        .into_iter()
        .next()
        .map(|(_, prep)| prep)
        .ok_or(ApiError::NotFound(Problem::not_found))
    }

    /// Preparations matching `condition` (on `p`, with `$1` and an optional `$2`), newest
    /// first, each with its young person and who read it.
    async fn review_preps_where(
        &self,
        condition: &str,
        first: &str,
        second: Option<i64>,
    ) -> Result<Vec<(YoungPersonSummary, ReviewPrep)>, ApiError> {
        let sql = format!(
            "SELECT {PREP_COLUMNS} FROM review_preps p
             JOIN young_people y ON y.id = p.young_person_id
             WHERE {condition} ORDER BY p.id DESC"
        );
        let mut query = sqlx::query_as::<_, PrepRow>(&sql).bind(first);
        if let Some(second) = second {
            query = query.bind(second);
        }
        let rows = query.fetch_all(self.pool()).await?;
        let read_sql = format!(
            "SELECT r.prep_id, r.by_name, r.read_at FROM review_prep_reads r
             JOIN review_preps p ON p.id = r.prep_id
             WHERE {condition} ORDER BY r.id"
        );
        let mut reads_query = sqlx::query_as::<_, (i64, String, String)>(&read_sql).bind(first);
        if let Some(second) = second {
            reads_query = reads_query.bind(second);
        }
        let mut reads: HashMap<i64, Vec<PrepRead>> = HashMap::new();
        for (prep_id, by, at) in reads_query.fetch_all(self.pool()).await? {
            reads.entry(prep_id).or_default().push(PrepRead {
                by,
                at: parse_time(&at)?,
            });
        }
        rows.into_iter()
            .map(|row| {
                let summary = YoungPersonSummary {
                    id: YoungPersonId::parse(&row.young_person_id)
                        .ok_or(ApiError::Internal("bad stored id"))?,
                    first_name: row.first_name.clone(),
                };
                let read_by = reads.remove(&row.id).unwrap_or_default();
                Ok((summary, row.into_prep(read_by)?))
            })
            .collect()
    }

    /// Every preparation of this young person's, newest first; with `only_shared_with`,
    /// only those shared with that member of staff (who chairs the review).
    pub async fn review_preps(
        &self,
        id: &YoungPersonId,
        only_shared_with: Option<&str>,
    ) -> Result<Vec<ReviewPrep>, ApiError> {
        let found = match only_shared_with {
            None => {
                self.review_preps_where("p.young_person_id = $1", id.as_str(), None)
                    .await?
            }
            Some(account) => {
                // The account id is text: bound as the first value, the young person
                // checked after.
                self.review_preps_where("p.chair_account_id = $1", account, None)
                    .await?
                    .into_iter()
                    .filter(|(summary, _)| summary.id == *id)
                    .collect()
            }
        };
        Ok(found.into_iter().map(|(_, prep)| prep).collect())
    }

    /// The preparations shared with this member of staff, newest first.
    pub async fn shared_review_preps(&self, caller: &Caller) -> Result<Vec<SharedPrep>, ApiError> {
        Ok(self
            .review_preps_where("p.chair_account_id = $1", &caller.account_id, None)
            .await?
            .into_iter()
            .map(|(young_person, prep)| SharedPrep {
                young_person_id: young_person.id,
                first_name: young_person.first_name,
                prep,
            })
            .collect())
    }

    /// Whether this preparation of this young person's is there, and the account it was
    /// shared with (the chair), if any.
    pub async fn review_prep_chair(
        &self,
        id: &YoungPersonId,
        prep_id: i64,
    ) -> Result<Option<Option<String>>, ApiError> {
        let found: Option<(Option<String>,)> = sqlx::query_as(
            "SELECT chair_account_id FROM review_preps WHERE young_person_id = $1 AND id = $2",
        )
        .bind(id.as_str())
        .bind(prep_id)
        .fetch_optional(self.pool())
        .await?;
        Ok(found.map(|(chair,)| chair))
    }

    /// "I've read this": once per person (reading again changes nothing). Audited
    /// without the young person's words.
    pub async fn mark_prep_read(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        prep_id: i64,
    ) -> Result<(), ApiError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "INSERT INTO review_prep_reads (prep_id, account_id, by_name, read_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (prep_id, account_id) DO NOTHING",
        )
        .bind(prep_id)
        .bind(&caller.account_id)
        .bind(&caller.display_name)
        .bind(Utc::now().to_rfc3339())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() > 0 {
            audit_about(
                &mut tx,
                caller,
                "read what the young person wrote for their review",
                id.as_str(),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A worker or manager records a review. The same `client_id` again returns the first
    /// one and `false`.
    pub async fn record_review(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        input: &NewReview,
    ) -> Result<(Review, bool), ApiError> {
        let mut tx = self.begin_write().await?;
        if let Some(review_id) =
            earlier(&mut tx, Kept::Review, id.as_str(), &input.client_id).await?
        {
            tx.commit().await?;
            let review_id: i64 = review_id
                .parse()
                .map_err(|_| ApiError::Internal("bad stored id"))?;
            return Ok((self.review(review_id).await?, false));
        }
        let (review_id,): (i64,) = sqlx::query_as(
            "INSERT INTO reviews (young_person_id, client_id, held_on, decisions, next_review,
                account_id, by_name, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(id.as_str())
        .bind(&input.client_id)
        .bind(Day(input.held_on))
        .bind(&input.decisions)
        .bind(input.next_review.map(Day))
        .bind(&caller.account_id)
        .bind(&caller.display_name)
        .bind(Utc::now().to_rfc3339())
        .fetch_one(&mut *tx)
        .await?;
        audit_about(&mut tx, caller, "recorded a review", id.as_str()).await?;
        tx.commit().await?;
        Ok((self.review(review_id).await?, true))
    }

    async fn review(&self, review_id: i64) -> Result<Review, ApiError> {
        let row: ReviewRow = sqlx::query_as(
            "SELECT id, held_on, decisions, next_review, by_name, created_at FROM reviews WHERE id = $1",
        )
        .bind(review_id)
        .fetch_one(self.pool())
        .await?;
        row.into_review()
    }

    /// The young person's reviews (newest first), who read their newest preparation, and
    /// whether the plan is late after the newest review (the 48-hour rule).
    pub async fn reviews(&self, id: &YoungPersonId) -> Result<Reviews, ApiError> {
        let rows: Vec<ReviewRow> = sqlx::query_as(
            "SELECT id, held_on, decisions, next_review, by_name, created_at FROM reviews
             WHERE young_person_id = $1 ORDER BY held_on DESC, id DESC",
        )
        .bind(id.as_str())
        .fetch_all(self.pool())
        .await?;
        let reviews = rows
            .into_iter()
            .map(ReviewRow::into_review)
            .collect::<Result<Vec<_>, _>>()?;
        let reads: Vec<(String, String)> = sqlx::query_as(
            "SELECT by_name, read_at FROM review_prep_reads WHERE prep_id =
                 (SELECT MAX(id) FROM review_preps WHERE young_person_id = $1)
             ORDER BY id",
        )
        .bind(id.as_str())
        .fetch_all(self.pool())
        .await?;
        let prep_read_by = reads
            .into_iter()
            .map(|(by, at)| {
                Ok(PrepRead {
                    by,
                    at: parse_time(&at)?,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        let newest_recorded = reviews.iter().max_by_key(|r| r.id);
        let plan_late = match newest_recorded {
            Some(review) => {
                let (saved,): (Option<String>,) = sqlx::query_as(
                    "SELECT MAX(created_at) FROM plan_versions WHERE young_person_id = $1",
                )
                .bind(id.as_str())
                .fetch_one(self.pool())
                .await?;
                let saved = saved.as_deref().map(parse_time).transpose()?;
                plan_not_updated_since_review(review.held_on, review.at, saved, Utc::now())
            }
            None => false,
        };
        Ok(Reviews {
            reviews,
            prep_read_by,
            plan_not_updated_since_review: plan_late,
        })
    }

    /// The young people on this worker's (or manager's team's) list whose plan has not
    /// been updated within 48 hours of their newest recorded review.
    pub async fn plans_not_updated_since_review(
        &self,
        caller: &Caller,
    ) -> Result<HashSet<String>, ApiError> {
        let rows: Vec<(String, Day, String, Option<String>)> = sqlx::query_as(
            "SELECT r.young_person_id, r.held_on, r.created_at,
                    (SELECT MAX(p.created_at) FROM plan_versions p
                     WHERE p.young_person_id = r.young_person_id)
             FROM reviews r
             JOIN allocations a ON a.young_person_id = r.young_person_id AND a.ended_on IS NULL
             JOIN workers w ON w.id = a.worker_id
             WHERE (w.id = $1 OR ($2 IS NOT NULL AND w.team_id = $2))
               AND r.id = (SELECT MAX(r2.id) FROM reviews r2
                           WHERE r2.young_person_id = r.young_person_id)",
        )
        .bind(caller.worker_id.as_deref())
        .bind(caller.managed_team())
        .fetch_all(self.pool())
        .await?;
        let now = Utc::now();
        let mut late = HashSet::new();
        for (young_person, held_on, recorded_at, saved) in rows {
            let saved = saved.as_deref().map(parse_time).transpose()?;
            if plan_not_updated_since_review(held_on.0, parse_time(&recorded_at)?, saved, now) {
                late.insert(young_person);
            }
        }
        Ok(late)
    }
}
