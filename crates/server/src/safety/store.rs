//! The store's side of "How I'm doing": mood check-ins (idempotent by `client_id`), and
//! "I don't feel safe" flags, which reach the allocated worker and their manager, stay
//! open until one of them records what they did, and are audited.

use crate::audit::store::audit_about;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::secrets::new_id;
use crate::store::events::{record as record_event, SafetyChange};
use crate::store::repeat::{earlier, Kept};
use crate::store::{Flag, Store};
use chrono::Utc;
use journey_core::i18n::words::Problem;
use journey_core::{
    CheckIn, Mood, NewCheckIn, NewSafetyAction, NewSafetyFlag, SafetyAction, SafetyFlag,
    UnseenCheckIn, YoungPersonId,
};
use std::collections::HashMap;

/// Check-ins shown back: enough for a picture over a few months.
const CHECK_INS_SHOWN: i64 = 60;

type FlagRow = (String, String, String, Option<String>, String, Flag);

const FLAG_SELECT: &str = "SELECT f.id, f.young_person_id, y.first_name, f.words, f.created_at,
        f.open FROM safety_flags f JOIN young_people y ON y.id = f.young_person_id";

fn blank_to_none(words: &Option<String>) -> Option<&str> {
    words.as_deref().filter(|w| !w.trim().is_empty())
}

/// A check-in as stored: id, mood, words and when.
fn check_in_from((id, mood, words, at): (i64, Option<String>, Option<String>, String)) -> CheckIn {
    CheckIn {
        id,
        mood: mood.as_deref().and_then(Mood::parse),
        words,
        at,
    }
}

impl Store {
    /// A young person checks in: the check-in, and `false` when the same `client_id` was
    /// kept already (nothing new is recorded).
    pub async fn check_in(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        input: &NewCheckIn,
    ) -> Result<(CheckIn, bool), ApiError> {
        let mut tx = self.begin_write().await?;
        if let Some(kept) = earlier(&mut tx, Kept::CheckIn, id.as_str(), &input.client_id).await? {
            // Kept already; answered once what kept it is on the disk too.
            tx.commit().await?;
            let row: (i64, Option<String>, Option<String>, String) =
                sqlx::query_as("SELECT id, mood, words, created_at FROM check_ins WHERE id = $1")
                    .bind(
                        kept.parse::<i64>()
                            .map_err(|_| ApiError::Internal("a check-in's id"))?,
                    )
                    .fetch_one(self.pool())
                    .await?;
            return Ok((check_in_from(row), false));
        }
        let at = Utc::now().to_rfc3339();
        let words = blank_to_none(&input.words);
        let (check_in_id,): (i64,) = sqlx::query_as(
            "INSERT INTO check_ins (young_person_id, client_id, mood, words, account_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(id.as_str())
        .bind(&input.client_id)
        .bind(input.mood.map(Mood::as_str))
        .bind(words)
        .bind(&caller.account_id)
        .bind(&at)
        .fetch_one(&mut *tx)
        .await?;
        audit_about(&mut tx, caller, "checked in", id.as_str()).await?;
        tx.commit().await?;
        let check_in = CheckIn {
            id: check_in_id,
            mood: input.mood,
            words: words.map(str::to_owned),
            at,
        };
        Ok((check_in, true))
    }

    /// A young person's check-ins, oldest first (the newest `CHECK_INS_SHOWN`).
    pub async fn check_ins(&self, id: &YoungPersonId) -> Result<Vec<CheckIn>, ApiError> {
        let rows: Vec<(i64, Option<String>, Option<String>, String)> = sqlx::query_as(
            "SELECT id, mood, words, created_at FROM check_ins WHERE young_person_id = $1
             ORDER BY id DESC LIMIT $2",
        )
        .bind(id.as_str())
        .bind(CHECK_INS_SHOWN)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().rev().map(check_in_from).collect())
    }

    /// For a worker's or manager's list: each of their young people's "Really bad"
    /// check-ins that no member of staff has seen yet (the newest, and how many), by
    /// young person id. The same rule as `may_see`.
    pub async fn unseen_really_bad(
        &self,
        caller: &Caller,
    ) -> Result<HashMap<String, UnseenCheckIn>, ApiError> {
        let team = caller.managed_team();
        let rows: Vec<(String, i64, String)> = sqlx::query_as(
            "SELECT c.young_person_id, c.id, c.created_at FROM check_ins c
             WHERE c.mood = $1 AND c.seen_at IS NULL AND EXISTS (
                SELECT 1 FROM allocations a JOIN workers w ON w.id = a.worker_id
                WHERE a.young_person_id = c.young_person_id AND a.ended_on IS NULL
                  AND (w.id = $2 OR ($3 IS NOT NULL AND w.team_id = $3)))
             ORDER BY c.id",
        )
        .bind(Mood::LOWEST.as_str())
        .bind(caller.worker_id.as_deref())
        .bind(team)
        .fetch_all(self.pool())
        .await?;
        let mut unseen: HashMap<String, UnseenCheckIn> = HashMap::new();
        for (young_person, check_in_id, at) in rows {
            let count = unseen.get(&young_person).map_or(0, |u| u.count);
            unseen.insert(
                young_person,
                UnseenCheckIn {
                    check_in_id,
                    at,
                    count: count + 1,
                },
            );
        }
        Ok(unseen)
    }

    /// A member of staff has seen a "Really bad" check-in: it, and any earlier ones not
    /// seen yet, leave the list, recording who and when (audited). Seen already: nothing
    /// changes (the first to see it stays recorded). Not that young person's "Really
    /// bad" check-in: not found.
    pub async fn mark_check_in_seen(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        check_in_id: i64,
    ) -> Result<(), ApiError> {
        let mut tx = self.begin_write().await?;
        let found: Option<(Option<String>,)> = sqlx::query_as(
            "SELECT seen_at FROM check_ins WHERE id = $1 AND young_person_id = $2 AND mood = $3",
        )
        .bind(check_in_id)
        .bind(id.as_str())
        .bind(Mood::LOWEST.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        match found {
            None => return Err(ApiError::NotFound(Problem::no_check_in)),
            Some((Some(_),)) => return Ok(()),
            Some((None,)) => {}
        }
        sqlx::query(
            "UPDATE check_ins SET seen_by_name = $1, seen_by = $2, seen_at = $3
             WHERE young_person_id = $4 AND mood = $5 AND seen_at IS NULL AND id <= $6",
        )
        .bind(&caller.display_name)
        .bind(&caller.account_id)
        .bind(Utc::now().to_rfc3339())
        .bind(id.as_str())
        .bind(Mood::LOWEST.as_str())
        .bind(check_in_id)
        .execute(&mut *tx)
        .await?;
        audit_about(
            &mut tx,
            caller,
            "saw a \"really bad\" check-in",
            id.as_str(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// "I don't feel safe". Always reaches the allocated worker and their manager. The
    /// same `client_id` again returns the first flag and `false`.
    pub async fn raise_safety_flag(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
        input: &NewSafetyFlag,
    ) -> Result<(SafetyFlag, bool), ApiError> {
        let mut tx = self.begin_write().await?;
        if let Some(flag_id) =
            earlier(&mut tx, Kept::SafetyFlag, id.as_str(), &input.client_id).await?
        {
            // Kept already; answered once what kept it is on the disk too.
            tx.commit().await?;
            return Ok((self.safety_flag(&flag_id).await?, false));
        }
        let flag_id = new_id();
        sqlx::query(
            "INSERT INTO safety_flags (id, young_person_id, client_id, words, open, account_id, created_at)
             VALUES ($1, $2, $3, $4, 1, $5, $6)",
        )
        .bind(&flag_id)
        .bind(id.as_str())
        .bind(&input.client_id)
        .bind(blank_to_none(&input.words))
        .bind(&caller.account_id)
        .bind(Utc::now().to_rfc3339())
        .execute(&mut *tx)
        .await?;
        audit_about(&mut tx, caller, "said they don't feel safe", id.as_str()).await?;
        // Emails to staff go in the same transaction: stored with the flag, or not at all.
        if let Some(email) = &self.safety_email {
            crate::safety::email::queue(&mut tx, email, &flag_id, id.as_str()).await?;
        }
        // Pushed to the staff screens open now (see events.rs), on every server.
        let event =
            record_event(&mut tx, self.events(), SafetyChange::Raised, &flag_id, id).await?;
        tx.commit().await?;
        self.events().publish(event);
        if let Some(email) = &self.safety_email {
            email.wake.notify_one();
        }
        Ok((self.safety_flag(&flag_id).await?, true))
    }

    async fn to_flags(&self, rows: Vec<FlagRow>) -> Result<Vec<SafetyFlag>, ApiError> {
        let mut flags = Vec::with_capacity(rows.len());
        for (id, young_person_id, first_name, words, raised_at, Flag(open)) in rows {
            let actions: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
                "SELECT words, by_name, created_at, message FROM safety_actions WHERE flag_id = $1 ORDER BY id",
            )
            .bind(&id)
            .fetch_all(self.pool())
            .await?;
            flags.push(SafetyFlag {
                young_person_id: YoungPersonId::parse(&young_person_id)
                    .ok_or(ApiError::Internal("bad stored young person id"))?,
                id,
                first_name,
                words,
                raised_at,
                open,
                actions: actions
                    .into_iter()
                    .map(|(words, by, at, message)| SafetyAction {
                        words,
                        by,
                        at,
                        message,
                    })
                    .collect(),
            });
        }
        Ok(flags)
    }

    async fn safety_flag(&self, flag_id: &str) -> Result<SafetyFlag, ApiError> {
        let rows: Vec<FlagRow> = sqlx::query_as(&format!("{FLAG_SELECT} WHERE f.id = $1"))
            .bind(flag_id)
            .fetch_all(self.pool())
            .await?;
        self.to_flags(rows)
            .await?
            .into_iter()
            .next()
            .ok_or(ApiError::NotFound(Problem::no_safety_flag))
    }

    /// One young person's flags as the caller may read them: staff see everything; the
    /// young person only the public parts (who acted, when, and the message to them),
    /// never the staff-only note of what was done.
    pub async fn safety_flags_seen_by(
        &self,
        caller: &Caller,
        id: &YoungPersonId,
    ) -> Result<Vec<SafetyFlag>, ApiError> {
        let flags = self.safety_flags_for(id).await?;
        Ok(if caller.is_staff() {
            flags
        } else {
            flags
                .into_iter()
                .map(SafetyFlag::for_young_person)
                .collect()
        })
    }

    /// One young person's flags, open first, newest first.
    pub async fn safety_flags_for(&self, id: &YoungPersonId) -> Result<Vec<SafetyFlag>, ApiError> {
        let rows: Vec<FlagRow> = sqlx::query_as(&format!(
            "{FLAG_SELECT} WHERE f.young_person_id = $1 ORDER BY f.open DESC, f.created_at DESC"
        ))
        .bind(id.as_str())
        .fetch_all(self.pool())
        .await?;
        self.to_flags(rows).await
    }

    /// The open flags of the young people a worker is allocated, or a manager's team
    /// supports: the same rule as `may_see`. Oldest first: they have waited longest.
    pub async fn open_safety_flags(&self, caller: &Caller) -> Result<Vec<SafetyFlag>, ApiError> {
        let team = caller.managed_team();
        let rows: Vec<FlagRow> = sqlx::query_as(&format!(
            "{FLAG_SELECT} WHERE f.open = 1 AND EXISTS (
                SELECT 1 FROM allocations a JOIN workers w ON w.id = a.worker_id
                WHERE a.young_person_id = f.young_person_id AND a.ended_on IS NULL
                  AND (w.id = $1 OR ($2 IS NOT NULL AND w.team_id = $2)))
             ORDER BY f.created_at"
        ))
        .bind(caller.worker_id.as_deref())
        .bind(team)
        .fetch_all(self.pool())
        .await?;
        self.to_flags(rows).await
    }

    /// The allocated worker or their manager records what they did; the flag closes.
    /// Anyone else: not found. The same `client_id` again (sent twice on a bad signal)
    /// records nothing more: the flag as it is.
    pub async fn act_on_safety_flag(
        &self,
        caller: &Caller,
        flag_id: &str,
        action: &NewSafetyAction,
    ) -> Result<SafetyFlag, ApiError> {
        let found: Option<(String,)> =
            sqlx::query_as("SELECT young_person_id FROM safety_flags WHERE id = $1")
                .bind(flag_id)
                .fetch_optional(self.pool())
                .await?;
        let young_person = found
            .and_then(|(id,)| YoungPersonId::parse(&id))
            .ok_or(ApiError::NotFound(Problem::no_safety_flag))?;
        if !caller.is_staff() || !self.may_see(caller, &young_person).await? {
            return Err(ApiError::NotFound(Problem::no_safety_flag));
        }
        action.validate()?;
        let mut tx = self.begin_write().await?;
        if let Some(client_id) = &action.client_id {
            if earlier(&mut tx, Kept::SafetyAction, flag_id, client_id)
                .await?
                .is_some()
            {
                tx.commit().await?;
                return self.safety_flag(flag_id).await;
            }
        }
        sqlx::query(
            "INSERT INTO safety_actions (flag_id, words, by_name, account_id, created_at, message, client_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(flag_id)
        .bind(&action.words)
        .bind(&caller.display_name)
        .bind(&caller.account_id)
        .bind(Utc::now().to_rfc3339())
        .bind(blank_to_none(&action.message))
        .bind(action.client_id.as_deref())
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE safety_flags SET open = 0 WHERE id = $1")
            .bind(flag_id)
            .execute(&mut *tx)
            .await?;
        audit_about(
            &mut tx,
            caller,
            "recorded what they did about a safety flag",
            young_person.as_str(),
        )
        .await?;
        let event = record_event(
            &mut tx,
            self.events(),
            SafetyChange::Closed,
            flag_id,
            &young_person,
        )
        .await?;
        tx.commit().await?;
        self.events().publish(event);
        self.safety_flag(flag_id).await
    }
}
