//! The store's side of sessions and session feedback: sessions a worker records (or
//! that didn't happen), the young person's feedback (idempotent by the client's id),
//! who may read the comment, the notes added afterwards, and the flag for the worker.

use crate::accounts::store::first_name;
use crate::audit::store::audit_about;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::repeat::{earlier, Kept};
use crate::store::{Day, Flag, Store};
use chrono::Utc;
use journey_core::feedback::{
    flag, score, CommentFor, Feedback, FeedbackOverview, FollowUp, NewFeedback, NewFollowUp,
    NewSession, QuestionAnswer, Session, SessionCorrected, SessionCorrection, TeamFeedbackRow,
};
use journey_core::i18n::words::Problem;
use journey_core::FieldError;
use journey_core::{Role, YoungPersonId};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::AnyConnection;

/// How an enum is stored: its JSON name (`one_to_one`, `manager_only`…).
/// A record's number as `earlier` gives it (as text).
fn number(kept: &str) -> Result<i64, ApiError> {
    kept.parse()
        .map_err(|_| ApiError::Internal("a stored number that isn't one"))
}

fn to_text<T: Serialize>(value: &T) -> Result<String, ApiError> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(text) => Ok(text),
        _ => Err(ApiError::Internal("an enum that is not a name")),
    }
}

fn from_text<T: DeserializeOwned>(text: String) -> Result<T, ApiError> {
    Ok(serde_json::from_value(serde_json::Value::String(text))?)
}

type SessionRow = (
    i64,
    Day,
    String,
    String,
    String,
    Option<String>,
    String,
    Flag,
    String,
    Option<String>,
    Option<String>,
);
/// A row of `feedback_of`: one piece of feedback, and one of its notes if it has any.
#[derive(sqlx::FromRow)]
struct FeedbackRow {
    id: i64,
    given_on: Day,
    held_on: Option<Day>,
    answers: String,
    comment: String,
    comment_for: String,
    by_name: Option<String>,
    by_young_person: Option<Flag>,
    words: Option<String>,
    created_at: Option<String>,
    account_id: Option<String>,
}

impl Store {
    /// Sessions, feedback (oldest first) and the flag, as `caller` may see them: a worker
    /// does not see a comment the young person sent to the manager only, nor the notes
    /// under it (other than their own).
    pub async fn feedback(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
    ) -> Result<FeedbackOverview, ApiError> {
        let mut conn = self.pool().acquire().await?;
        let name = first_name(&mut conn, id).await?;
        let sessions = sessions_of(&mut conn, caller, id, None).await?;
        let feedback = feedback_of(&mut conn, caller, id, None).await?;
        let scores: Vec<Option<f32>> = feedback.iter().map(|f| f.score).collect();
        Ok(FeedbackOverview {
            first_name: name,
            sessions,
            flag: flag(&scores),
            feedback,
        })
    }

    /// One session, as the list shows it to `caller`.
    pub async fn session(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        session_id: i64,
    ) -> Result<Session, ApiError> {
        let mut conn = self.pool().acquire().await?;
        sessions_of(&mut conn, caller, id, Some(session_id))
            .await?
            .pop()
            .ok_or(ApiError::NotFound(Problem::no_session))
    }

    /// One piece of feedback with its notes, as `caller` may see it.
    pub async fn feedback_item(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        feedback_id: i64,
    ) -> Result<Feedback, ApiError> {
        let mut conn = self.pool().acquire().await?;
        feedback_of(&mut conn, caller, id, Some(feedback_id))
            .await?
            .pop()
            .ok_or(ApiError::NotFound(Problem::no_feedback))
    }
}

/// The young person's sessions (not those removed), with the latest correction of each.
async fn sessions_of(
    conn: &mut AnyConnection,
    caller: &Caller,
    id: &YoungPersonId,
    only: Option<i64>,
) -> Result<Vec<Session>, ApiError> {
    let sessions: Vec<SessionRow> = sqlx::query_as(
        "SELECT s.id, s.held_on, s.kind, s.mode, s.with_whom, s.missed, s.recorded_by_name,
                    CASE WHEN EXISTS (SELECT 1 FROM feedback f WHERE f.session_id = s.id)
                         THEN 1 ELSE 0 END,
                    s.account_id,
                    (SELECT c.by_name FROM care_session_changes c
                      WHERE c.session_id = s.id ORDER BY c.id DESC LIMIT 1),
                    (SELECT c.created_at FROM care_session_changes c
                      WHERE c.session_id = s.id ORDER BY c.id DESC LIMIT 1)
             FROM care_sessions s
             WHERE s.young_person_id = $1 AND s.removed_at IS NULL AND ($2 IS NULL OR s.id = $2)
             ORDER BY s.held_on, s.id",
    )
    .bind(id.as_str())
    .bind(only)
    .fetch_all(&mut *conn)
    .await?;
    sessions
        .into_iter()
        .map(
            |(
                id,
                held_on,
                kind,
                mode,
                with_whom,
                missed,
                recorded_by,
                has_feedback,
                account,
                corrected_by,
                corrected_at,
            )| {
                let corrected = match (corrected_by, corrected_at) {
                    (Some(by), Some(at)) => Some(SessionCorrected {
                        by,
                        on: chrono::DateTime::parse_from_rfc3339(&at)
                            .map_err(|_| ApiError::Internal("bad stored time"))?
                            .date_naive(),
                    }),
                    _ => None,
                };
                Ok(Session {
                    id,
                    held_on: held_on.0,
                    kind: from_text(kind)?,
                    mode: from_text(mode)?,
                    with_whom,
                    missed: missed.map(from_text).transpose()?,
                    recorded_by,
                    has_feedback: has_feedback.0,
                    can_change: may_change(caller, &account),
                    corrected,
                })
            },
        )
        .collect::<Result<Vec<_>, ApiError>>()
}

/// Feedback (oldest first; `only` one) with its notes, as `caller` may see it, in one
/// question: a row per note (or one with no note), in order.
async fn feedback_of(
    conn: &mut AnyConnection,
    caller: &Caller,
    id: &YoungPersonId,
    only: Option<i64>,
) -> Result<Vec<Feedback>, ApiError> {
    let rows: Vec<FeedbackRow> = sqlx::query_as(
        "SELECT f.id, f.given_on, s.held_on, f.answers, f.comment, f.comment_for,
                u.by_name, u.by_young_person, u.words, u.created_at, u.account_id
             FROM feedback f LEFT JOIN care_sessions s ON s.id = f.session_id
             LEFT JOIN feedback_follow_ups u ON u.feedback_id = f.id
             WHERE f.young_person_id = $1 AND ($2 IS NULL OR f.id = $2)
             ORDER BY f.id, u.id",
    )
    .bind(id.as_str())
    .bind(only)
    .fetch_all(&mut *conn)
    .await?;
    let mut feedback: Vec<Feedback> = Vec::new();
    for row in rows {
        if feedback.last().is_none_or(|last| last.id != row.id) {
            let answers: Vec<QuestionAnswer> = serde_json::from_str(&row.answers)?;
            let comment_for: CommentFor = from_text(row.comment_for)?;
            let hidden = caller.role == Role::Worker && comment_for == CommentFor::ManagerOnly;
            feedback.push(Feedback {
                id: row.id,
                given_on: row.given_on.0,
                session_on: row.held_on.map(|d| d.0),
                score: score(&answers),
                answers,
                comment: (!hidden).then_some(row.comment),
                comment_hidden: hidden,
                comment_for,
                follow_ups: Vec::new(),
            });
        }
        let item = feedback.last_mut().expect("pushed above");
        let (Some(by), Some(Flag(by_young_person)), Some(words), Some(at), Some(account)) = (
            row.by_name,
            row.by_young_person,
            row.words,
            row.created_at,
            row.account_id,
        ) else {
            continue;
        };
        // Notes follow what they answer: under a comment hidden from the caller, they see
        // only the notes they wrote themselves.
        if item.comment_hidden && account != caller.account_id {
            continue;
        }
        item.follow_ups.push(FollowUp {
            by,
            by_young_person,
            words,
            at: at
                .parse()
                .map_err(|_| ApiError::Internal("bad stored time"))?,
        });
    }
    Ok(feedback)
}

impl Store {
    /// A worker records a session, or one that didn't happen: its id, and `false` when
    /// this `client_id` was recorded already (and nothing changed).
    pub async fn record_session(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        session: &NewSession,
    ) -> Result<(i64, bool), ApiError> {
        session.validate(Utc::now().date_naive())?;
        let mut tx = self.begin_write().await?;
        if let Some(kept) = earlier(&mut tx, Kept::Session, id.as_str(), &session.client_id).await?
        {
            // Kept already; answered once what kept it is on the disk too.
            tx.commit().await?;
            return Ok((number(&kept)?, false));
        }
        let (session_id,): (i64,) = sqlx::query_as(
            "INSERT INTO care_sessions (young_person_id, client_id, held_on, kind, mode, with_whom, missed, recorded_by_name, account_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(id.as_str())
        .bind(&session.client_id)
        .bind(Day(session.held_on))
        .bind(to_text(&session.kind)?)
        .bind(to_text(&session.mode)?)
        .bind(&session.with_whom)
        .bind(session.missed.as_ref().map(to_text).transpose()?)
        .bind(&caller.display_name)
        .bind(&caller.account_id)
        .bind(Utc::now().to_rfc3339())
        .fetch_one(&mut *tx)
        .await?;
        let action = if session.missed.is_some() {
            "recorded a session that didn't happen"
        } else {
            "recorded a session"
        };
        audit_about(&mut tx, caller, action, id.as_str()).await?;
        tx.commit().await?;
        Ok((session_id, true))
    }

    /// The young person's feedback, the comment exactly as typed: its id, and `false` when
    /// this `client_id` was recorded already (and nothing changed).
    pub async fn give_feedback(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        input: &NewFeedback,
    ) -> Result<(i64, bool), ApiError> {
        input.validate()?;
        let mut tx = self.begin_write().await?;
        if let Some(kept) = earlier(&mut tx, Kept::Feedback, id.as_str(), &input.client_id).await? {
            // Kept already; answered once what kept it is on the disk too.
            tx.commit().await?;
            return Ok((number(&kept)?, false));
        }
        let now = Utc::now();
        // Kept only when the session named (if any) is one of this young person's: one
        // statement that checks and writes, so the write group is held for less.
        let kept: Option<(i64,)> = sqlx::query_as(
            "INSERT INTO feedback (young_person_id, client_id, session_id, given_on, answers, score, comment, comment_for, account_id, created_at)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
             WHERE $3 IS NULL
                OR EXISTS (SELECT 1 FROM care_sessions
                            WHERE id = $3 AND young_person_id = $1 AND removed_at IS NULL)
             RETURNING id",
        )
        .bind(id.as_str())
        .bind(&input.client_id)
        .bind(input.session_id)
        .bind(Day(now.date_naive()))
        .bind(serde_json::to_string(&input.answers)?)
        .bind(score(&input.answers))
        .bind(&input.comment)
        .bind(to_text(&input.comment_for)?)
        .bind(&caller.account_id)
        .bind(now.to_rfc3339())
        .fetch_optional(&mut *tx)
        .await?;
        let Some((feedback_id,)) = kept else {
            return Err(ApiError::problem("session_id", Problem::no_session, &[]));
        };
        audit_about(&mut tx, caller, "gave feedback on a session", id.as_str()).await?;
        tx.commit().await?;
        Ok((feedback_id, true))
    }

    /// "What happened after I said this" (the young person) or "You said, we did" (staff).
    pub async fn add_follow_up(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        feedback_id: i64,
        input: &NewFollowUp,
    ) -> Result<bool, ApiError> {
        input.validate()?;
        let mut tx = self.begin_write().await?;
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM feedback WHERE id = $1 AND young_person_id = $2")
                .bind(feedback_id)
                .bind(id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        if found.is_none() {
            return Err(ApiError::NotFound(Problem::no_feedback));
        }
        if let Some(client_id) = &input.client_id {
            let owner = feedback_id.to_string();
            if earlier(&mut tx, Kept::FollowUp, &owner, client_id)
                .await?
                .is_some()
            {
                // Kept already (sent again on a bad signal): nothing more to do.
                return Ok(false);
            }
        }
        let by_young_person = caller.role == Role::YoungPerson;
        let by = if by_young_person {
            first_name(&mut tx, id).await?
        } else {
            caller.display_name.clone()
        };
        sqlx::query(
            "INSERT INTO feedback_follow_ups (feedback_id, by_name, by_young_person, words, account_id, created_at, client_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(feedback_id)
        .bind(&by)
        .bind(Flag(by_young_person))
        .bind(&input.words)
        .bind(&caller.account_id)
        .bind(Utc::now().to_rfc3339())
        .bind(input.client_id.as_deref())
        .execute(&mut *tx)
        .await?;
        audit_about(
            &mut tx,
            caller,
            "added a note to session feedback",
            id.as_str(),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// For a worker, their young people; for a manager, their team's: the latest
    /// feedback score and the flag, so a drop is seen.
    pub async fn team_feedback(&self, caller: &Caller) -> Result<Vec<TeamFeedbackRow>, ApiError> {
        let people = self.young_people_for(caller).await?;
        let mut rows = Vec::with_capacity(people.len());
        for person in people {
            let given: Vec<(Day, Option<f64>)> = sqlx::query_as(
                "SELECT given_on, score FROM feedback WHERE young_person_id = $1 ORDER BY id",
            )
            .bind(person.id.as_str())
            .fetch_all(self.pool())
            .await?;
            let scores: Vec<Option<f32>> = given.iter().map(|(_, s)| s.map(|s| s as f32)).collect();
            rows.push(TeamFeedbackRow {
                young_person_id: person.id,
                first_name: person.first_name,
                worker_name: person.worker_name,
                latest_score: scores.iter().rev().flatten().next().copied(),
                last_given_on: given.last().map(|(on, _)| on.0),
                flag: flag(&scores),
            });
        }
        Ok(rows)
    }
}

/// A session as it is before a change, with who recorded it and whether it has feedback.
type Before = (Day, String, String, String, Option<String>, String, Flag);

impl Store {
    /// The session as it is, if it is this young person's and not removed; and whether
    /// `caller` may change it: the worker who recorded it, or a manager (the extractor
    /// has checked they may see this young person). Anyone else on staff: refused.
    async fn session_to_change(
        tx: &mut AnyConnection,
        caller: &Caller,
        id: &YoungPersonId,
        session_id: i64,
    ) -> Result<Before, ApiError> {
        let before: Option<Before> = sqlx::query_as(
            "SELECT s.held_on, s.kind, s.mode, s.with_whom, s.missed, s.account_id,
                    CASE WHEN EXISTS (SELECT 1 FROM feedback f WHERE f.session_id = s.id)
                         THEN 1 ELSE 0 END
               FROM care_sessions s
              WHERE s.id = $1 AND s.young_person_id = $2 AND s.removed_at IS NULL",
        )
        .bind(session_id)
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let before = before.ok_or(ApiError::NotFound(Problem::no_session))?;
        if !may_change(caller, &before.5) {
            return Err(ApiError::Forbidden);
        }
        Ok(before)
    }

    /// Keeps the session as it was before a change, with who changed it and when.
    async fn keep_before(
        tx: &mut AnyConnection,
        caller: &Caller,
        session_id: i64,
        change: &str,
        before: &Before,
    ) -> Result<(), ApiError> {
        sqlx::query(
            "INSERT INTO care_session_changes (session_id, change, held_on, kind, mode, with_whom, missed, by_name, account_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(session_id)
        .bind(change)
        .bind(before.0)
        .bind(&before.1)
        .bind(&before.2)
        .bind(&before.3)
        .bind(before.4.as_deref())
        .bind(&caller.display_name)
        .bind(&caller.account_id)
        .bind(Utc::now().to_rfc3339())
        .execute(&mut *tx)
        .await?;
        Ok(())
    }

    /// The worker who recorded a session (or a manager) corrects it. The session as it was
    /// is kept with who changed it and when; audited, without anyone's words. A session
    /// with the young person's feedback can't be marked as not happened.
    pub async fn correct_session(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        session_id: i64,
        input: &SessionCorrection,
    ) -> Result<(), ApiError> {
        let mut tx = self.begin_write().await?;
        // Who may change it first, so nobody else learns what the rules would say.
        let before = Self::session_to_change(&mut tx, caller, id, session_id).await?;
        input.validate(Utc::now().date_naive())?;
        if before.6 .0 && input.missed.is_some() {
            return Err(ApiError::Conflict(FieldError::problem(
                "missed",
                Problem::session_has_feedback,
                &[],
            )));
        }
        let kind = to_text(&input.kind)?;
        let mode = to_text(&input.mode)?;
        let missed = input.missed.as_ref().map(to_text).transpose()?;
        if (before.0 .0, &before.1, &before.2, &before.3, &before.4)
            == (input.held_on, &kind, &mode, &input.with_whom, &missed)
        {
            // Nothing to correct: the same correction sent again (its answer lost on a
            // bad signal), or saved with no change. Nothing is kept or audited twice.
            return Ok(());
        }
        Self::keep_before(&mut tx, caller, session_id, "corrected", &before).await?;
        sqlx::query(
            "UPDATE care_sessions SET held_on = $1, kind = $2, mode = $3, with_whom = $4, missed = $5
              WHERE id = $6",
        )
        .bind(Day(input.held_on))
        .bind(kind)
        .bind(mode)
        .bind(&input.with_whom)
        .bind(missed)
        .bind(session_id)
        .execute(&mut *tx)
        .await?;
        audit_about(&mut tx, caller, "corrected a session", id.as_str()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The worker who recorded a session (or a manager) removes one recorded by mistake.
    /// Nothing is deleted: it is marked removed (and no longer counts or shows anywhere),
    /// with who and when kept and audited. One with the young person's feedback stays.
    pub async fn remove_session(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        session_id: i64,
    ) -> Result<(), ApiError> {
        let mut tx = self.begin_write().await?;
        let removed: Option<(String,)> = sqlx::query_as(
            "SELECT account_id FROM care_sessions
              WHERE id = $1 AND young_person_id = $2 AND removed_at IS NOT NULL",
        )
        .bind(session_id)
        .bind(id.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((recorded_by,)) = removed {
            if may_change(caller, &recorded_by) {
                // Removed already: the same removal sent again (its answer lost on a bad
                // signal). Nothing more is kept or audited.
                return Ok(());
            }
            return Err(ApiError::NotFound(Problem::no_session));
        }
        let before = Self::session_to_change(&mut tx, caller, id, session_id).await?;
        if before.6 .0 {
            return Err(ApiError::Conflict(FieldError::problem(
                "session",
                Problem::session_has_feedback,
                &[],
            )));
        }
        Self::keep_before(&mut tx, caller, session_id, "removed", &before).await?;
        sqlx::query("UPDATE care_sessions SET removed_at = $1 WHERE id = $2")
            .bind(Utc::now().to_rfc3339())
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
        audit_about(
            &mut tx,
            caller,
            "removed a session recorded by mistake",
            id.as_str(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The worker who recorded a session, or a manager, may correct or remove it.
fn may_change(caller: &Caller, recorded_by: &str) -> bool {
    caller.is_staff() && (caller.account_id == recorded_by || caller.role == Role::Manager)
}
