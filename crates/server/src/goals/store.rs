//! The store's side of goals: the young person's words as versions, status changes,
//! and each session's ratings (idempotent by the client's id).

use crate::accounts::store::first_name;
use crate::audit::store::audit_about;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::secrets::new_id;
use crate::store::repeat::{earlier, Kept};
use crate::store::{Day, Flag, Store};
use chrono::Utc;
use journey_core::goal::{MAX_ACTIVE_GOALS, MAX_GOAL_NOTE_CHARS};
use journey_core::i18n::words::Problem;
use journey_core::{
    AgreedBy, EarlierWords, FieldError, Goal, GoalDraft, GoalRating, GoalReword, GoalStatus,
    GoalStatusChange, Goals, RatingPoint, Role, SessionRatings, TypedBy, YoungPersonId,
};
use sqlx::AnyConnection;

fn agreed_text(a: AgreedBy) -> &'static str {
    match a {
        AgreedBy::YoungPerson => "young_person",
        AgreedBy::Together => "together",
        AgreedBy::Worker => "worker",
        AgreedBy::ParentOrCarer => "parent_or_carer",
    }
}

fn agreed_from(t: &str) -> AgreedBy {
    match t {
        "young_person" => AgreedBy::YoungPerson,
        "worker" => AgreedBy::Worker,
        "parent_or_carer" => AgreedBy::ParentOrCarer,
        _ => AgreedBy::Together,
    }
}

fn status_text(s: GoalStatus) -> &'static str {
    match s {
        GoalStatus::WorkingOnIt => "working_on_it",
        GoalStatus::Achieved => "achieved",
        GoalStatus::Paused => "paused",
        GoalStatus::LetGo => "let_go",
    }
}

fn status_from(t: &str) -> GoalStatus {
    match t {
        "achieved" => GoalStatus::Achieved,
        "paused" => GoalStatus::Paused,
        "let_go" => GoalStatus::LetGo,
        _ => GoalStatus::WorkingOnIt,
    }
}

/// Who is typing: a young person on their own account always; on a worker's device,
/// whoever's turn the client says it is.
fn typist(caller: &Caller, said: Option<TypedBy>, young_person_name: &str) -> (String, bool) {
    let young_person = caller.role == Role::YoungPerson || said == Some(TypedBy::YoungPerson);
    if young_person {
        let name = if caller.role == Role::YoungPerson {
            young_person_name.to_owned()
        } else {
            format!("{young_person_name} (on {}'s device)", caller.display_name)
        };
        (name, true)
    } else {
        (caller.audit_name(), false)
    }
}

async fn active_count(conn: &mut AnyConnection, id: &YoungPersonId) -> Result<usize, ApiError> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM goals WHERE young_person_id = $1 AND status = 'working_on_it'",
    )
    .bind(id.as_str())
    .fetch_one(conn)
    .await?;
    Ok(n as usize)
}

#[derive(sqlx::FromRow)]
struct GoalRow {
    id: String,
    agreed_by: String,
    set_on: Day,
    status: String,
    closed_reason: Option<String>,
}

impl Store {
    /// All of a young person's goals, with their words' history and ratings.
    pub async fn goals(&self, id: &YoungPersonId) -> Result<Goals, ApiError> {
        let mut conn = self.pool().acquire().await?;
        Ok(Goals {
            first_name: first_name(&mut conn, id).await?,
            max_active: MAX_ACTIVE_GOALS,
            goals: goals_of(&mut conn, id, None).await?,
        })
    }

    /// One goal, with its earlier words and ratings.
    pub async fn goal(&self, id: &YoungPersonId, goal_id: &str) -> Result<Goal, ApiError> {
        let mut conn = self.pool().acquire().await?;
        goals_of(&mut conn, id, Some(goal_id))
            .await?
            .pop()
            .ok_or(ApiError::NotFound(Problem::no_goal))
    }
}

/// A young person's goals (or `only` one): being worked on first, then closed ones.
async fn goals_of(
    conn: &mut AnyConnection,
    id: &YoungPersonId,
    only: Option<&str>,
) -> Result<Vec<Goal>, ApiError> {
    let rows: Vec<GoalRow> = sqlx::query_as(
        "SELECT id, agreed_by, set_on, status, closed_reason FROM goals
             WHERE young_person_id = $1 AND ($2 IS NULL OR id = $2)
             ORDER BY status <> 'working_on_it', created_at DESC, id",
    )
    .bind(id.as_str())
    .bind(only)
    .fetch_all(&mut *conn)
    .await?;
    let mut goals = Vec::new();
    for row in rows {
        let versions: Vec<(String, Option<String>, String, String)> = sqlx::query_as(
            "SELECT words, what_will_help, typed_by_name, created_at FROM goal_versions
                 WHERE goal_id = $1 ORDER BY version",
        )
        .bind(&row.id)
        .fetch_all(&mut *conn)
        .await?;
        let ratings: Vec<(Day, Option<i64>)> = sqlx::query_as(
            "SELECT s.held_on, r.rating FROM goal_ratings r
                 JOIN goal_sessions s ON s.id = r.session_id
                 WHERE r.goal_id = $1 ORDER BY s.held_on, s.id",
        )
        .bind(&row.id)
        .fetch_all(&mut *conn)
        .await?;
        let Some((words, what_will_help, typed_by, _)) = versions.last().cloned() else {
            return Err(ApiError::Internal("a goal without words"));
        };
        let earlier_words = versions
            .windows(2)
            .map(|pair| EarlierWords {
                words: pair[0].0.clone(),
                typed_by: pair[0].2.clone(),
                until: chrono::DateTime::parse_from_rfc3339(&pair[1].3)
                    .map(|t| t.date_naive())
                    .unwrap_or(row.set_on.0),
            })
            .collect();
        let ratings = ratings
            .into_iter()
            .map(|(Day(on), rating)| RatingPoint {
                on,
                rating: rating
                    .and_then(|r| u8::try_from(r).ok())
                    .and_then(|r| GoalRating::parse(r).ok()),
            })
            .collect();
        goals.push(Goal {
            id: row.id,
            words,
            what_will_help,
            agreed_by: agreed_from(&row.agreed_by),
            set_on: row.set_on.0,
            status: status_from(&row.status),
            closed_reason: row.closed_reason,
            typed_by,
            earlier_words,
            ratings,
        });
    }
    Ok(goals)
}

impl Store {
    /// A new goal, in the words exactly as typed. At most `MAX_ACTIVE_GOALS` at once.
    /// Its id, and whether it is new: the same `client_id` again (a goal sent twice on a
    /// bad signal) is the goal it made the first time, changing nothing.
    pub async fn add_goal(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        draft: &GoalDraft,
    ) -> Result<(String, bool), ApiError> {
        let mut tx = self.begin_write().await?;
        if let Some(client_id) = &draft.client_id {
            // Before the checks: the first try may have made the third goal.
            if let Some(kept) = earlier(&mut tx, Kept::Goal, id.as_str(), client_id).await? {
                tx.commit().await?;
                return Ok((kept, false));
            }
        }
        draft.validate(active_count(&mut tx, id).await?)?;
        let name = first_name(&mut tx, id).await?;
        let (typed_by, by_young_person) = typist(caller, draft.typed_by, &name);
        let goal_id = new_id();
        let now = Utc::now();
        sqlx::query(
            "INSERT INTO goals (id, young_person_id, agreed_by, set_on, status, created_at, client_id)
             VALUES ($1, $2, $3, $4, 'working_on_it', $5, $6)",
        )
        .bind(&goal_id)
        .bind(id.as_str())
        .bind(agreed_text(draft.agreed_by))
        .bind(Day(now.date_naive()))
        .bind(now.to_rfc3339())
        .bind(draft.client_id.as_deref())
        .execute(&mut *tx)
        .await?;
        insert_words(
            &mut tx,
            &goal_id,
            1,
            &draft.words,
            draft.what_will_help.as_deref(),
            &typed_by,
            by_young_person,
            caller,
        )
        .await?;
        audit_about(
            &mut tx,
            caller,
            &format!("added a goal (typed by {typed_by})"),
            id.as_str(),
        )
        .await?;
        tx.commit().await?;
        Ok((goal_id, true))
    }

    /// New words for a goal, typed by the young person; the old words are kept. The words
    /// it has now again (sent twice on a bad signal) change nothing.
    pub async fn reword_goal(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        goal_id: &str,
        reword: &GoalReword,
    ) -> Result<(), ApiError> {
        let mut tx = self.begin_write().await?;
        let name = first_name(&mut tx, id).await?;
        let (typed_by, by_young_person) = typist(caller, reword.typed_by, &name);
        if !by_young_person {
            return Err(ApiError::Conflict(FieldError::problem(
                "words",
                Problem::goal_own_words,
                &[("name", &name)],
            )));
        }
        let current: Option<(i64, Option<String>, String)> = sqlx::query_as(
            "SELECT v.version, v.what_will_help, v.words FROM goal_versions v JOIN goals g ON g.id = v.goal_id
             WHERE g.id = $1 AND g.young_person_id = $2 ORDER BY v.version DESC LIMIT 1",
        )
        .bind(goal_id)
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some((version, what_will_help, words)) = current else {
            return Err(ApiError::NotFound(Problem::no_goal));
        };
        if words == reword.words {
            // Answered once what made them is on the disk too (it may be in this group).
            tx.commit().await?;
            return Ok(());
        }
        insert_words(
            &mut tx,
            goal_id,
            version + 1,
            &reword.words,
            what_will_help.as_deref(),
            &typed_by,
            true,
            caller,
        )
        .await?;
        audit_about(&mut tx, caller, "reworded a goal", id.as_str()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks a goal achieved, paused or let go (with a reason if given), or takes it up
    /// again. The status and reason it has now again (sent twice on a bad signal) change
    /// nothing.
    pub async fn change_goal_status(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        goal_id: &str,
        change: &GoalStatusChange,
    ) -> Result<(), ApiError> {
        let mut tx = self.begin_write().await?;
        let current: Option<(String, Option<String>)> = sqlx::query_as(
            "SELECT status, closed_reason FROM goals WHERE id = $1 AND young_person_id = $2",
        )
        .bind(goal_id)
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some((current, current_reason)) = current else {
            return Err(ApiError::NotFound(Problem::no_goal));
        };
        if change.status.is_active()
            && !status_from(&current).is_active()
            && active_count(&mut tx, id).await? >= MAX_ACTIVE_GOALS
        {
            return Err(ApiError::problem(
                "status",
                Problem::goals_full,
                &[("max", &MAX_ACTIVE_GOALS.to_string())],
            ));
        }
        let reason = if change.status.is_active() {
            None
        } else {
            change.reason.as_deref()
        };
        if status_from(&current) == change.status && current_reason.as_deref() == reason {
            // Answered once what set them is on the disk too (it may be in this group).
            tx.commit().await?;
            return Ok(());
        }
        sqlx::query("UPDATE goals SET status = $1, closed_reason = $2 WHERE id = $3")
            .bind(status_text(change.status))
            .bind(reason)
            .bind(goal_id)
            .execute(&mut *tx)
            .await?;
        audit_about(
            &mut tx,
            caller,
            &format!(
                "marked a goal \"{}\"",
                change.status.label(journey_core::Lang::En)
            ),
            id.as_str(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records one session's ratings. The same `client_id` again changes nothing and
    /// answers `false` (already recorded); a new one answers `true`.
    pub async fn rate_goals(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        input: &SessionRatings,
    ) -> Result<bool, ApiError> {
        let mut tx = self.begin_write().await?;
        if earlier(&mut tx, Kept::GoalRatings, id.as_str(), &input.client_id)
            .await?
            .is_some()
        {
            // Kept already; answered once what kept it is on the disk too.
            tx.commit().await?;
            return Ok(false);
        }
        for (i, rating) in input.ratings.iter().enumerate() {
            let found: Option<(String,)> =
                sqlx::query_as("SELECT status FROM goals WHERE id = $1 AND young_person_id = $2")
                    .bind(&rating.goal_id)
                    .bind(id.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            match found {
                Some((status,)) if status_from(&status).is_active() => {}
                _ => {
                    return Err(ApiError::problem(
                        &format!("ratings[{i}]"),
                        Problem::goal_not_active,
                        &[],
                    ))
                }
            }
        }
        let name = first_name(&mut tx, id).await?;
        let (_, by_young_person) = typist(caller, input.typed_by, &name);
        let now = Utc::now();
        let inserted = sqlx::query_as::<_, (i64,)>(
            "INSERT INTO goal_sessions (young_person_id, client_id, held_on, account_id, typed_by_young_person, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (client_id) DO NOTHING RETURNING id",
        )
        .bind(id.as_str())
        .bind(&input.client_id)
        .bind(Day(now.date_naive()))
        .bind(&caller.account_id)
        .bind(Flag(by_young_person))
        .bind(now.to_rfc3339())
        .fetch_optional(&mut *tx)
        .await?;
        let Some((session_id,)) = inserted else {
            // A twin request won the race: it is recorded once.
            return Ok(false);
        };
        for rating in &input.ratings {
            sqlx::query(
                "INSERT INTO goal_ratings (session_id, goal_id, rating) VALUES ($1, $2, $3)",
            )
            .bind(session_id)
            .bind(&rating.goal_id)
            .bind(rating.rating.map(|r| i64::from(r.value())))
            .execute(&mut *tx)
            .await?;
        }
        audit_about(&mut tx, caller, "rated goals for a session", id.as_str()).await?;
        tx.commit().await?;
        Ok(true)
    }
}

#[allow(clippy::too_many_arguments)]
async fn insert_words(
    conn: &mut AnyConnection,
    goal_id: &str,
    version: i64,
    words: &str,
    what_will_help: Option<&str>,
    typed_by: &str,
    by_young_person: bool,
    caller: &Caller,
) -> Result<(), ApiError> {
    if what_will_help.is_some_and(|h| h.chars().count() > MAX_GOAL_NOTE_CHARS) {
        return Err(ApiError::Internal(
            "what_will_help over the limit after validation",
        ));
    }
    sqlx::query(
        "INSERT INTO goal_versions (goal_id, version, words, what_will_help, typed_by_name, typed_by_young_person, account_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(goal_id)
    .bind(version)
    .bind(words)
    .bind(what_will_help)
    .bind(typed_by)
    .bind(Flag(by_young_person))
    .bind(&caller.account_id)
    .bind(Utc::now().to_rfc3339())
    .execute(conn)
    .await?;
    Ok(())
}
