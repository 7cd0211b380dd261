//! The store's side of plans: edits as new versions (who, when, what changed), "what's
//! new since you last looked", "My view" and changes of worker.

use crate::audit::store::{audit, audit_about};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::repeat::{earlier, Kept};
use crate::store::{Day, Flag, Store, ViewsAndChanges};
use chrono::Utc;
use journey_core::changes::plan_changes;
use journey_core::i18n::words::Problem;
use journey_core::{
    FieldError, Journey, MyView, NewView, NewViewReply, Plan, PlanEdit, PlanForEditing,
    PlanVersionSummary, Role, Stance, ViewReply, WorkerCard, WorkerChange, YoungPersonId,
    YoungPersonSummary,
};
use sqlx::AnyConnection;

fn stance_from(text: &str) -> Option<Stance> {
    match text {
        "agree" => Some(Stance::Agree),
        "not_sure" => Some(Stance::NotSure),
        "dont_agree" => Some(Stance::DontAgree),
        _ => None,
    }
}

/// A short id for a new step.
fn new_step_id() -> String {
    format!("step-{}", hex::encode(crate::secrets::random_bytes::<6>()))
}

/// A row of `views_and_changes`: a view (`kind` 0); a change of worker (1), whose day
/// is in `created_at`, new worker in `by_name` and reason in `words`; or a reply to the
/// view `view_id` (2).
#[derive(sqlx::FromRow)]
struct ViewOrChange {
    kind: i64,
    id: i64,
    step_id: Option<String>,
    stance: Option<String>,
    words: String,
    by_name: String,
    by_young_person: Flag,
    created_at: String,
    previous_worker: Option<String>,
    view_id: Option<i64>,
}

impl ViewOrChange {
    /// A view's row (`kind` 0), without its replies.
    fn view(self) -> Result<MyView, ApiError> {
        Ok(MyView {
            id: self.id,
            step_id: self.step_id,
            stance: self.stance.as_deref().and_then(stance_from),
            words: self.words,
            by: self.by_name,
            by_young_person: self.by_young_person.0,
            at: parse_time(&self.created_at)?,
            replies: Vec::new(),
        })
    }

    /// A reply's row (`kind` 2).
    fn reply(self) -> Result<ViewReply, ApiError> {
        Ok(ViewReply {
            id: self.id,
            words: self.words,
            by: self.by_name,
            at: parse_time(&self.created_at)?,
        })
    }
}

/// One view as it was kept, with the replies to it so far: the answer to a view sent
/// again with the same `client_id`.
async fn kept_view(conn: &mut AnyConnection, view_id: i64) -> Result<MyView, ApiError> {
    let rows: Vec<ViewOrChange> = sqlx::query_as(
        "SELECT CAST(0 AS BIGINT) AS kind, id, step_id, stance, words, by_name, by_young_person,
                created_at, NULL AS previous_worker, CAST(NULL AS BIGINT) AS view_id
         FROM views WHERE id = $1
         UNION ALL
         SELECT CAST(2 AS BIGINT), r.id, NULL, NULL, r.words, r.by_name, CAST(0 AS BIGINT),
                r.created_at, NULL, r.view_id
         FROM view_replies r WHERE r.view_id = $1
         ORDER BY kind, id",
    )
    .bind(view_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut rows = rows.into_iter();
    let mut view = rows
        .next()
        .ok_or(ApiError::Internal("kept view missing"))?
        .view()?;
    for row in rows {
        view.replies.push(row.reply()?);
    }
    Ok(view)
}

fn parse_time(text: &str) -> Result<chrono::DateTime<Utc>, ApiError> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| ApiError::Internal("bad stored time"))
}

impl Store {
    /// The young person's journey: their latest plan, their current worker, their views
    /// and changes of worker. With `seen_by_young_person`, also what changed since they
    /// last looked. `None` when there is no such young person, or no plan yet.
    pub async fn journey(
        &self,
        id: &YoungPersonId,
        seen_by_young_person: bool,
    ) -> Result<Option<Journey>, crate::error::ApiError> {
        // The young person, their newest plan's number, what they last looked at and their
        // worker now, in one question; the plan itself from the cache when it can.
        let Some(row) = sqlx::query_as::<_, JourneyRow>(
            "SELECT y.first_name,
                    (SELECT MAX(version) FROM plan_versions WHERE young_person_id = y.id) AS plan_version,
                    (SELECT version FROM plan_seen WHERE young_person_id = y.id) AS seen,
                    (SELECT MAX(id) FROM views WHERE young_person_id = y.id) AS last_view,
                    (SELECT MAX(id) FROM allocations WHERE young_person_id = y.id) AS last_allocation,
                    (SELECT MAX(id) FROM view_replies WHERE young_person_id = y.id) AS last_reply,
                    w.name, w.role, w.phone, w.email, a.why, a.meets, a.next_meeting
             FROM young_people y
             LEFT JOIN allocations a ON a.id =
                 (SELECT a2.id FROM allocations a2
                  WHERE a2.young_person_id = y.id AND a2.ended_on IS NULL
                  ORDER BY a2.started_on DESC, a2.id DESC LIMIT 1)
             LEFT JOIN workers w ON w.id = a.worker_id
             WHERE y.id = $1",
        )
        .bind(id.as_str())
        .fetch_optional(self.pool())
        .await?
        else {
            return Ok(None);
        };
        let Some(plan_version) = row.plan_version else {
            return Ok(None);
        };
        let Some(plan) = self.plan_at(id, plan_version).await? else {
            return Ok(None);
        };
        let new_since_last_look = match row.seen {
            Some(seen) if seen_by_young_person && seen < plan_version => {
                match self.plan_at(id, seen).await? {
                    Some(old) => plan_changes(&old, &plan),
                    None => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        let worker = match (row.name, row.role, row.why, row.meets) {
            (Some(name), Some(role), Some(why), Some(meets)) => Some(WorkerCard {
                name,
                role,
                why,
                phone: row.phone,
                email: row.email,
                meets,
                next_meeting: row.next_meeting.map(|d| d.0),
            }),
            _ => None,
        };
        let key = (
            id.as_str().to_owned(),
            row.last_view,
            row.last_allocation,
            row.last_reply,
        );
        let (views, worker_changes) = match self.views.get(&key) {
            Some(kept) => ViewsAndChanges::clone(&kept),
            None => {
                let read = self
                    .views_and_changes(id, row.last_view, row.last_allocation, row.last_reply)
                    .await?;
                self.views.put(key, std::sync::Arc::new(read.clone()));
                read
            }
        };
        let mut plan = Plan::clone(&plan);
        if seen_by_young_person {
            // The young person sees who chairs their review by name and role only.
            if let Some(chair) = plan.review_chair.as_mut() {
                chair.username.clear();
            }
        }
        Ok(Some(Journey {
            young_person: YoungPersonSummary {
                id: id.clone(),
                first_name: row.first_name,
            },
            plan,
            worker,
            plan_version,
            new_since_last_look,
            views,
            worker_changes,
        }))
    }

    /// How many versions of the young person's plan are kept.
    pub async fn plan_version_count(&self, id: &YoungPersonId) -> Result<i64, sqlx::Error> {
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM plan_versions WHERE young_person_id = $1")
                .bind(id.as_str())
                .fetch_one(self.pool())
                .await?;
        Ok(count)
    }

    /// Adds a new version of a young person's plan; earlier versions are kept.
    pub async fn save_plan(
        &self,
        id: &YoungPersonId,
        plan: &Plan,
        by: Option<&str>,
    ) -> Result<i64, crate::error::ApiError> {
        let mut tx = self.begin_write().await?;
        let version = insert_plan_version(&mut tx, id, plan, by).await?;
        tx.commit().await?;
        Ok(version)
    }
}

/// Whether version `version` of the plan is `plan`, this edit as it would be saved: the
/// same, but for the ids of the steps at `fresh` (sent with none, so given new ones now),
/// which the first save gave ids of its own.
async fn same_plan_again(
    conn: &mut AnyConnection,
    id: &YoungPersonId,
    version: i64,
    plan: &Plan,
    fresh: &[usize],
) -> Result<bool, ApiError> {
    let (body,): (String,) = sqlx::query_as(
        "SELECT body FROM plan_versions WHERE young_person_id = $1 AND version = $2",
    )
    .bind(id.as_str())
    .bind(version)
    .fetch_one(conn)
    .await?;
    let mut kept: Plan = serde_json::from_str(&body)?;
    if kept.steps.len() != plan.steps.len() {
        return Ok(false);
    }
    for &i in fresh {
        kept.steps[i].id.clone_from(&plan.steps[i].id);
    }
    Ok(kept == *plan)
}

/// Adds the next version of a plan inside the caller's transaction.
pub(crate) async fn insert_plan_version(
    conn: &mut AnyConnection,
    id: &YoungPersonId,
    plan: &Plan,
    by: Option<&str>,
) -> Result<i64, crate::error::ApiError> {
    let body = serde_json::to_string(plan)?;
    let (version,): (i64,) = sqlx::query_as(
        "INSERT INTO plan_versions (young_person_id, version, body, created_at, created_by)
         SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4
         FROM plan_versions WHERE young_person_id = $1
         RETURNING version",
    )
    .bind(id.as_str())
    .bind(body)
    .bind(Utc::now().to_rfc3339())
    .bind(by)
    .fetch_one(conn)
    .await?;
    Ok(version)
}

/// Demo data: a view the worker wrote with a young person, "I'm not sure", that waits
/// for a reply on the worker's list.
pub(crate) async fn demo_views(
    conn: &mut AnyConnection,
    id: &YoungPersonId,
    worker_account_id: &str,
    worker_name: &str,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO views (young_person_id, step_id, stance, words, account_id, by_name, by_young_person, created_at)
         VALUES ($1, NULL, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.as_str())
    .bind(Stance::NotSure.as_str())
    .bind("I'd like to see my brother more often.")
    .bind(worker_account_id)
    .bind(worker_name)
    .bind(Flag(false))
    .bind(Utc::now().to_rfc3339())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct JourneyRow {
    first_name: String,
    plan_version: Option<i64>,
    seen: Option<i64>,
    last_view: Option<i64>,
    last_allocation: Option<i64>,
    last_reply: Option<i64>,
    name: Option<String>,
    role: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    why: Option<String>,
    meets: Option<String>,
    next_meeting: Option<Day>,
}

impl Store {
    /// One version of a plan, from the cache when this server has read it before.
    async fn plan_at(
        &self,
        id: &YoungPersonId,
        version: i64,
    ) -> Result<Option<std::sync::Arc<Plan>>, ApiError> {
        let key = (id.as_str().to_owned(), version);
        if let Some(plan) = self.plans.get(&key) {
            return Ok(Some(plan));
        }
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT body FROM plan_versions WHERE young_person_id = $1 AND version = $2",
        )
        .bind(id.as_str())
        .bind(version)
        .fetch_optional(self.pool())
        .await?;
        let Some((body,)) = row else {
            return Ok(None);
        };
        let plan = std::sync::Arc::new(serde_json::from_str::<Plan>(&body)?);
        self.plans.put(key, plan.clone());
        Ok(Some(plan))
    }

    /// The young person has looked at this version, which must be one of their plan's:
    /// a number that isn't would hide every later change from "what's new".
    pub async fn mark_seen(&self, id: &YoungPersonId, version: i64) -> Result<(), ApiError> {
        let stored = sqlx::query(
            "INSERT INTO plan_seen (young_person_id, version, seen_at)
             SELECT $1, $2, $3 WHERE EXISTS
                 (SELECT 1 FROM plan_versions WHERE young_person_id = $1 AND version = $2)
             ON CONFLICT (young_person_id) DO UPDATE
             SET version = CASE WHEN excluded.version > plan_seen.version
                                THEN excluded.version ELSE plan_seen.version END,
                 seen_at = excluded.seen_at",
        )
        .bind(id.as_str())
        .bind(version)
        .bind(Utc::now().to_rfc3339())
        .execute(self.writer())
        .await?;
        if stored.rows_affected() == 0 {
            return Err(ApiError::problem(
                "version",
                Problem::plan_version_missing,
                &[],
            ));
        }
        Ok(())
    }

    /// A worker's or manager's edit: a new version, never an overwrite.
    pub async fn edit_plan(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        edit: PlanEdit,
    ) -> Result<i64, ApiError> {
        let mut plan = edit.plan;
        // New steps (sent with no id) get one; which they were is kept for a repeat.
        let mut fresh = Vec::new();
        for (i, step) in plan.steps.iter_mut().enumerate() {
            if step.id.trim().is_empty() {
                step.id = new_step_id();
                fresh.push(i);
            }
        }
        let mut tx = self.begin_write().await?;
        let (current,): (Option<i64>,) =
            sqlx::query_as("SELECT MAX(version) FROM plan_versions WHERE young_person_id = $1")
                .bind(id.as_str())
                .fetch_one(&mut *tx)
                .await?;
        if current != edit.based_on {
            if let Some(current) = current {
                if current == edit.based_on.unwrap_or(0).saturating_add(1)
                    && same_plan_again(&mut tx, id, current, &plan, &fresh).await?
                {
                    // This edit sent again (its answer lost on a bad signal): the newest
                    // version is the one it made, so nothing more is done.
                    tx.commit().await?;
                    return Ok(current);
                }
            }
            return Err(ApiError::Conflict(FieldError::problem(
                "based_on",
                Problem::plan_changed_meanwhile,
                &[],
            )));
        }
        let version = insert_plan_version(&mut tx, id, &plan, Some(&caller.audit_name())).await?;
        let action = if version == 1 {
            "wrote the plan".to_owned()
        } else {
            format!("changed the plan (version {version})")
        };
        audit_about(&mut tx, caller, &action, id.as_str()).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// The newest plan (or none yet) with its version, for editing.
    pub async fn plan_for_editing(&self, id: &YoungPersonId) -> Result<PlanForEditing, ApiError> {
        let (first_name,): (String,) =
            sqlx::query_as("SELECT first_name FROM young_people WHERE id = $1")
                .bind(id.as_str())
                .fetch_one(self.pool())
                .await?;
        let latest: Option<(i64, String)> = sqlx::query_as(
            "SELECT version, body FROM plan_versions WHERE young_person_id = $1 ORDER BY version DESC LIMIT 1",
        )
        .bind(id.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(match latest {
            Some((version, body)) => PlanForEditing {
                first_name,
                version: Some(version),
                plan: Some(serde_json::from_str(&body)?),
            },
            None => PlanForEditing {
                first_name,
                version: None,
                plan: None,
            },
        })
    }

    /// Every version of the plan, newest first, with what changed in each.
    /// Every saved version of the plan, whole, oldest first.
    pub(crate) async fn plan_versions(
        &self,
        id: &YoungPersonId,
    ) -> Result<Vec<journey_core::records::PlanVersion>, ApiError> {
        let rows: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
            "SELECT version, body, created_at, created_by FROM plan_versions
             WHERE young_person_id = $1 ORDER BY version",
        )
        .bind(id.as_str())
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(version, body, at, by)| {
                Ok(journey_core::records::PlanVersion {
                    version,
                    at: parse_time(&at)?,
                    by: by.unwrap_or_else(|| "someone".into()),
                    plan: {
                        // Records and history name who chairs the review, not their username.
                        let mut plan = serde_json::from_str::<Plan>(&body)?;
                        if let Some(chair) = plan.review_chair.as_mut() {
                            chair.username.clear();
                        }
                        plan
                    },
                })
            })
            .collect()
    }

    pub async fn plan_history(
        &self,
        id: &YoungPersonId,
    ) -> Result<Vec<PlanVersionSummary>, ApiError> {
        let mut history = Vec::new();
        let mut previous: Option<Plan> = None;
        for saved in self.plan_versions(id).await? {
            let changes = match &previous {
                Some(old) => plan_changes(old, &saved.plan),
                None => Vec::new(),
            };
            history.push(PlanVersionSummary {
                version: saved.version,
                at: saved.at,
                by: saved.by,
                changes,
            });
            previous = Some(saved.plan);
        }
        history.reverse();
        Ok(history)
    }

    /// The young person's views ("My view", oldest first, each with its replies, oldest
    /// first) and changes of worker (newest first, with who they had before), in one
    /// question: those up to the given ids, so what is read is exactly what the ids name
    /// (see `Store::views`).
    async fn views_and_changes(
        &self,
        id: &YoungPersonId,
        last_view: Option<i64>,
        last_allocation: Option<i64>,
        last_reply: Option<i64>,
    ) -> Result<ViewsAndChanges, ApiError> {
        let rows: Vec<ViewOrChange> = sqlx::query_as(
            "SELECT CAST(0 AS BIGINT) AS kind, id, step_id, stance, words, by_name, by_young_person,
                    created_at, NULL AS previous_worker, CAST(NULL AS BIGINT) AS view_id
             FROM views WHERE young_person_id = $1 AND id <= $2
             UNION ALL
             SELECT CAST(1 AS BIGINT), a.id, NULL, NULL, a.change_reason, w.name, CAST(0 AS BIGINT),
                    a.started_on,
                    (SELECT w2.name FROM allocations a2 JOIN workers w2 ON w2.id = a2.worker_id
                     WHERE a2.young_person_id = $1 AND a2.ended_on IS NOT NULL
                       AND a2.ended_on <= a.started_on
                     ORDER BY a2.id DESC LIMIT 1),
                    CAST(NULL AS BIGINT)
             FROM allocations a JOIN workers w ON w.id = a.worker_id
             WHERE a.young_person_id = $1 AND a.change_reason IS NOT NULL AND a.id <= $3
             UNION ALL
             SELECT CAST(2 AS BIGINT), r.id, NULL, NULL, r.words, r.by_name, CAST(0 AS BIGINT),
                    r.created_at, NULL, r.view_id
             FROM view_replies r WHERE r.young_person_id = $1 AND r.id <= $4
             ORDER BY kind, id",
        )
        .bind(id.as_str())
        .bind(last_view.unwrap_or(0))
        .bind(last_allocation.unwrap_or(0))
        .bind(last_reply.unwrap_or(0))
        .fetch_all(self.pool())
        .await?;
        let mut views: Vec<MyView> = Vec::new();
        let mut changes = Vec::new();
        for row in rows {
            if row.kind == 2 {
                let view_id = row.view_id;
                let reply = row.reply()?;
                if let Some(view) = views.iter_mut().find(|v| Some(v.id) == view_id) {
                    view.replies.push(reply);
                }
            } else if row.kind == 1 {
                changes.push(WorkerChange {
                    on: chrono::NaiveDate::parse_from_str(&row.created_at, "%Y-%m-%d")
                        .map_err(|_| ApiError::Internal("bad stored date"))?,
                    new_worker: row.by_name,
                    previous_worker: row.previous_worker,
                    why: row.words,
                });
            } else {
                views.push(row.view()?);
            }
        }
        changes.reverse();
        Ok((views, changes))
    }

    /// Adds a view, exactly as typed. The step, if named, must be in the current plan.
    pub async fn add_view(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        view: &NewView,
    ) -> Result<(MyView, bool), ApiError> {
        let mut tx = self.begin_write().await?;
        if let Some(client_id) = &view.client_id {
            if let Some(kept) = earlier(&mut tx, Kept::View, id.as_str(), client_id).await? {
                let kept: i64 = kept
                    .parse()
                    .map_err(|_| ApiError::Internal("bad stored id"))?;
                let first = kept_view(&mut tx, kept).await?;
                tx.commit().await?;
                return Ok((first, false));
            }
        }
        if let Some(step_id) = &view.step_id {
            let (body,): (String,) = sqlx::query_as(
                "SELECT body FROM plan_versions WHERE young_person_id = $1 ORDER BY version DESC LIMIT 1",
            )
            .bind(id.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(ApiError::NotFound(Problem::no_plan_for_view))?;
            let plan: Plan = serde_json::from_str(&body)?;
            if !plan.steps.iter().any(|s| &s.id == step_id) {
                return Err(ApiError::problem("step_id", Problem::step_gone, &[]));
            }
        }
        let by_young_person = caller.role == Role::YoungPerson;
        let by_name = if by_young_person {
            caller.display_name.clone()
        } else {
            caller.audit_name()
        };
        let now = Utc::now();
        let (view_id,): (i64,) = sqlx::query_as(
            "INSERT INTO views (young_person_id, step_id, stance, words, account_id, by_name, by_young_person, created_at, client_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(id.as_str())
        .bind(&view.step_id)
        .bind(view.stance.map(Stance::as_str))
        .bind(&view.words)
        .bind(&caller.account_id)
        .bind(&by_name)
        .bind(Flag(by_young_person))
        .bind(now.to_rfc3339())
        .bind(view.client_id.as_deref())
        .fetch_one(&mut *tx)
        .await?;
        let action = if by_young_person {
            "added their view to the plan"
        } else {
            "wrote a view with the young person"
        };
        audit_about(&mut tx, caller, action, id.as_str()).await?;
        tx.commit().await?;
        Ok((
            MyView {
                id: view_id,
                step_id: view.step_id.clone(),
                stance: view.stance,
                words: view.words.clone(),
                by: by_name,
                by_young_person,
                at: now,
                replies: Vec::new(),
            },
            true,
        ))
    }

    /// Staff reply to a view, in their own words (audited, without them). The same
    /// `client_id` again changes nothing and answers with the first reply, and `false`.
    pub async fn add_view_reply(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        view_id: i64,
        reply: &NewViewReply,
    ) -> Result<(ViewReply, bool), ApiError> {
        let mut tx = self.begin_write().await?;
        if let Some(client_id) = &reply.client_id {
            if let Some(kept) = earlier(&mut tx, Kept::ViewReply, id.as_str(), client_id).await? {
                let kept: i64 = kept
                    .parse()
                    .map_err(|_| ApiError::Internal("bad stored id"))?;
                let (words, by, at): (String, String, String) = sqlx::query_as(
                    "SELECT words, by_name, created_at FROM view_replies WHERE id = $1",
                )
                .bind(kept)
                .fetch_one(&mut *tx)
                .await?;
                return Ok((
                    ViewReply {
                        id: kept,
                        words,
                        by,
                        at: parse_time(&at)?,
                    },
                    false,
                ));
            }
        }
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM views WHERE id = $1 AND young_person_id = $2")
                .bind(view_id)
                .bind(id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        if found.is_none() {
            return Err(ApiError::NotFound(Problem::no_view));
        }
        let by = caller.display_name.clone();
        let now = Utc::now();
        let (reply_id,): (i64,) = sqlx::query_as(
            "INSERT INTO view_replies (view_id, young_person_id, client_id, words, by_name, account_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(view_id)
        .bind(id.as_str())
        .bind(&reply.client_id)
        .bind(&reply.words)
        .bind(&by)
        .bind(&caller.account_id)
        .bind(now.to_rfc3339())
        .fetch_one(&mut *tx)
        .await?;
        audit_about(
            &mut tx,
            caller,
            "replied to a view on the plan",
            id.as_str(),
        )
        .await?;
        tx.commit().await?;
        Ok((
            ViewReply {
                id: reply_id,
                words: reply.words.clone(),
                by,
                at: now,
            },
            true,
        ))
    }

    /// A manager moves a young person to another worker in their team, saying why.
    pub async fn change_worker(
        &self,
        manager: &Caller,
        id: &YoungPersonId,
        new_worker_username: &str,
        why: &str,
    ) -> Result<(), ApiError> {
        let team = manager.team_id.as_deref().ok_or(ApiError::Forbidden)?;
        let mut tx = self.begin_write().await?;
        let worker: Option<(String, String)> = sqlx::query_as(
            "SELECT w.id, w.name FROM accounts a JOIN workers w ON w.id = a.worker_id
             WHERE a.username_key = $1 AND w.team_id = $2",
        )
        .bind(journey_core::account::username_key(new_worker_username))
        .bind(team)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((worker_id, worker_name)) = worker else {
            return Err(ApiError::problem("worker", Problem::no_worker_in_team, &[]));
        };
        let current: Option<(i64, String, String, String)> = sqlx::query_as(
            "SELECT id, worker_id, why, meets FROM allocations
             WHERE young_person_id = $1 AND ended_on IS NULL ORDER BY id DESC LIMIT 1",
        )
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let today = Utc::now().date_naive();
        let (why_worker, meets) = match &current {
            Some((_, current_worker, _, _)) if *current_worker == worker_id => {
                return Err(ApiError::problem(
                    "worker",
                    Problem::already_their_worker,
                    &[],
                ));
            }
            Some((_, _, why_worker, meets)) => (why_worker.clone(), meets.clone()),
            None => (
                "To help make your plan happen, and to make sure your views are heard.".into(),
                "as often as we agree together".into(),
            ),
        };
        sqlx::query(
            "UPDATE allocations SET ended_on = $1 WHERE young_person_id = $2 AND ended_on IS NULL",
        )
        .bind(Day(today))
        .bind(id.as_str())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO allocations (young_person_id, worker_id, why, meets, started_on, change_reason)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.as_str())
        .bind(&worker_id)
        .bind(why_worker)
        .bind(meets)
        .bind(Day(today))
        .bind(why)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            Some(&manager.account_id),
            &manager.audit_name(),
            &format!("changed the worker to {worker_name}"),
            Some(id.as_str()),
            Some(team),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
