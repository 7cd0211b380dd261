//! The store's side of "What's happened since you told us".
//!
//! Each source of answers is one `SELECT` in [`SOURCES`] (kind, who, words, when), read
//! together in one question; an answer kept by another feature's store is one
//! `items.extend(…)` line in [`Store::heard_back`]. Only what the young person may read
//! is selected: never staff-only notes, never the young person's own words.

use crate::error::ApiError;
use crate::store::Store;
use chrono::{DateTime, Utc};
use journey_core::{HeardBack, HeardBackItem, HeardBackKind, YoungPersonId};

/// Every source kept in this database, one `SELECT` each, for young person `$1`.
const SOURCES: &[(HeardBackKind, &str)] = &[
    // "You said, we did": notes on their feedback that they did not write themselves.
    (
        HeardBackKind::FeedbackReply,
        "SELECT u.by_name, u.words, u.created_at FROM feedback_follow_ups u
         JOIN feedback f ON f.id = u.feedback_id
         WHERE f.young_person_id = $1 AND u.by_young_person = 0",
    ),
    // Answers to their concerns.
    (
        HeardBackKind::ConcernAnswer,
        "SELECT r.by_name, r.words, r.created_at FROM concern_replies r
         JOIN concerns c ON c.id = r.concern_id WHERE c.young_person_id = $1",
    ),
    // Replies to "My view".
    (
        HeardBackKind::ViewReply,
        "SELECT by_name, words, created_at FROM view_replies WHERE young_person_id = $1",
    ),
    // After "I don't feel safe": only the message the worker chose to share with them.
    (
        HeardBackKind::SafetyMessage,
        "SELECT a.by_name, a.message, a.created_at FROM safety_actions a
         JOIN safety_flags f ON f.id = a.flag_id
         WHERE f.young_person_id = $1 AND a.message IS NOT NULL",
    ),
    // Replies to good news they shared.
    (
        HeardBackKind::GoodNewsReply,
        "SELECT r.by_name, r.words, r.created_at FROM good_news_replies r
         JOIN good_news g ON g.id = r.good_news_id WHERE g.young_person_id = $1",
    ),
    // Someone read what they wrote for their review (no words: "Sam read what you wrote").
    (
        HeardBackKind::ReviewRead,
        "SELECT r.by_name, '', r.read_at FROM review_prep_reads r
         JOIN review_preps p ON p.id = r.prep_id WHERE p.young_person_id = $1",
    ),
];

/// The sources as one question, each row marked with its place in [`SOURCES`].
fn sources_query() -> String {
    SOURCES
        .iter()
        .enumerate()
        .map(|(i, (_, select))| {
            let select = select.trim_start();
            let rest = select.strip_prefix("SELECT").unwrap_or(select);
            format!("SELECT CAST({i} AS BIGINT) AS source,{rest}")
        })
        .collect::<Vec<_>>()
        .join("\n UNION ALL\n ")
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| ApiError::Internal("bad stored time"))
}

impl Store {
    /// Every answer the young person has had, newest first, and how many came after they
    /// last looked.
    pub async fn heard_back(&self, id: &YoungPersonId) -> Result<HeardBack, ApiError> {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(&sources_query())
            .bind(id.as_str())
            .fetch_all(self.pool())
            .await?;
        let mut items = Vec::with_capacity(rows.len());
        for (source, by, words, at) in rows {
            let (kind, _) = usize::try_from(source)
                .ok()
                .and_then(|i| SOURCES.get(i))
                .ok_or(ApiError::Internal("unknown heard-back source"))?;
            items.push(HeardBackItem::new(*kind, by, words, parse_time(&at)?));
        }
        // Answers kept by other features' stores are added here, one line each.
        let seen: Option<(String,)> =
            sqlx::query_as("SELECT seen_up_to FROM heard_back_seen WHERE young_person_id = $1")
                .bind(id.as_str())
                .fetch_optional(self.pool())
                .await?;
        let seen = seen.map(|(at,)| parse_time(&at)).transpose()?;
        Ok(HeardBack::from_items(items, seen))
    }

    /// They have looked, up to `up_to` (never later than now, so an answer that comes
    /// afterwards is always new; never earlier than they had looked before).
    pub async fn mark_heard_back_seen(
        &self,
        id: &YoungPersonId,
        up_to: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let now = Utc::now();
        let up_to = up_to.min(now);
        let mut tx = self.begin_write().await?;
        let before: Option<(String,)> =
            sqlx::query_as("SELECT seen_up_to FROM heard_back_seen WHERE young_person_id = $1")
                .bind(id.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        if let Some((before,)) = before {
            if parse_time(&before)? >= up_to {
                return Ok(());
            }
        }
        sqlx::query(
            "INSERT INTO heard_back_seen (young_person_id, seen_up_to, seen_at) VALUES ($1, $2, $3)
             ON CONFLICT (young_person_id) DO UPDATE
             SET seen_up_to = excluded.seen_up_to, seen_at = excluded.seen_at",
        )
        .bind(id.as_str())
        .bind(up_to.to_rfc3339())
        .bind(now.to_rfc3339())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_is_one_branch_of_one_question() {
        let query = sources_query();
        assert_eq!(query.matches("UNION ALL").count(), SOURCES.len() - 1);
        assert!(query.starts_with("SELECT CAST(0 AS BIGINT) AS source, u.by_name"));
    }
}
