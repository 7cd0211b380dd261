//! One-off corrections of data already stored, run once at start-up after the migrations.
//! Each is done in one write transaction that also records its name in `data_fixes`
//! (migration 0012), so it runs exactly once per database, whichever instance gets there
//! first (on PostgreSQL write transactions take turns, see [`Store::begin_write`]).

use crate::store::Store;
use chrono::Utc;
use journey_core::feedback::{score, QuestionAnswer};

/// "Did you feel put on the spot?" was scored backwards until issue 16: every stored
/// feedback score is worked out again from its stored answers with the corrected rule.
pub const FEEDBACK_SCORES: &str = "2026-12 feedback scores: put on the spot not turned round";

impl Store {
    /// Applies each fix not yet applied to this database. Returns the names of the fixes
    /// it applied now (none on a database that already has them).
    pub async fn apply_data_fixes(&self) -> Result<Vec<&'static str>, sqlx::Error> {
        let mut applied = Vec::new();
        let mut tx = self.begin_write().await?;
        let done: Option<(String,)> = sqlx::query_as("SELECT name FROM data_fixes WHERE name = $1")
            .bind(FEEDBACK_SCORES)
            .fetch_optional(&mut *tx)
            .await?;
        if done.is_none() {
            let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, answers FROM feedback")
                .fetch_all(&mut *tx)
                .await?;
            let mut changed = 0usize;
            for (id, answers) in rows {
                let answers: Vec<QuestionAnswer> =
                    serde_json::from_str(&answers).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
                sqlx::query("UPDATE feedback SET score = $1 WHERE id = $2")
                    .bind(score(&answers))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                changed += 1;
            }
            sqlx::query("INSERT INTO data_fixes (name, done_at) VALUES ($1, $2)")
                .bind(FEEDBACK_SCORES)
                .bind(Utc::now().to_rfc3339())
                .execute(&mut *tx)
                .await?;
            tracing::info!("worked out {changed} stored feedback scores again ({FEEDBACK_SCORES})");
            applied.push(FEEDBACK_SCORES);
        }
        tx.commit().await?;
        Ok(applied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Row;

    #[tokio::test]
    async fn old_feedback_scores_are_worked_out_again_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).await.unwrap();
        crate::demo::seed(&store, false).await.unwrap();
        // Opening a new database applied the fix (nothing to correct yet).
        assert_eq!(store.apply_data_fixes().await.unwrap(), Vec::<&str>::new());

        // Feedback stored before the fix, with the old, backwards score: only "A lot"
        // for "put on the spot" (face 1), stored as 5.
        let (account,): (String,) =
            sqlx::query_as("SELECT id FROM accounts WHERE username = 'alex'")
                .fetch_one(store.pool())
                .await
                .unwrap();
        for (client_id, answers, old) in [
            (
                "old-1",
                r#"[{"question":"put_on_the_spot","answer":{"face":1}}]"#,
                Some(5.0),
            ),
            (
                "old-2",
                r#"[{"question":"listened_to","answer":{"face":3}},{"question":"overall","answer":{"face":3}},{"question":"put_on_the_spot","answer":{"face":1}}]"#,
                Some(11.0 / 3.0),
            ),
            (
                "old-3",
                r#"[{"question":"overall","answer":"rather_not_say"}]"#,
                None,
            ),
        ] {
            sqlx::query(
                "INSERT INTO feedback (young_person_id, client_id, given_on, answers, score,
                    comment, comment_for, account_id, created_at)
                 VALUES ($1, $2, '2026-11-01', $3, $4, '', 'worker', $5, '2026-11-01T10:00:00Z')",
            )
            .bind(journey_core::DEMO_YOUNG_PERSON_ID)
            .bind(client_id)
            .bind(answers)
            .bind(old)
            .bind(&account)
            .execute(store.writer())
            .await
            .unwrap();
        }
        // As on a database from before the fix.
        sqlx::query("DELETE FROM data_fixes")
            .execute(store.writer())
            .await
            .unwrap();
        assert_eq!(store.apply_data_fixes().await.unwrap(), [FEEDBACK_SCORES]);
        let scores = |store: Store| async move {
            sqlx::query("SELECT score FROM feedback ORDER BY client_id")
                .fetch_all(store.pool())
                .await
                .unwrap()
                .iter()
                .map(|row| row.get::<Option<f64>, _>("score"))
                .collect::<Vec<_>>()
        };
        let fixed = scores(store.clone()).await;
        assert_eq!(fixed[0], Some(1.0));
        assert!((fixed[1].unwrap() - 7.0 / 3.0).abs() < 1e-5, "{fixed:?}");
        assert_eq!(fixed[2], None);

        // Only once: a score changed afterwards is left alone by the next start.
        sqlx::query("UPDATE feedback SET score = 4 WHERE client_id = 'old-1'")
            .execute(store.writer())
            .await
            .unwrap();
        assert_eq!(store.apply_data_fixes().await.unwrap(), Vec::<&str>::new());
        assert_eq!(scores(store.clone()).await[0], Some(4.0));
    }
}
