//! The sign-in limits: wrong passwords and wrong invite codes, counted in the database.

use crate::error::ApiError;
use crate::secrets::secret_hash;
use crate::store::Store;
use std::time::Duration;

/// Wrong passwords and wrong invite codes in the last `window`, counted in the database
/// (`sign_in_failures`) so that every server sharing it counts the same. Keys such as
/// `account:<name>` and `address:<ip>` are kept only as their SHA-256.
pub struct RateLimiter {
    store: Store,
    window: Duration,
}

/// Wrong passwords allowed per account, and per address, in one window.
pub const MAX_FAILURES_PER_ACCOUNT: usize = 5;
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;
pub const RATE_WINDOW: Duration = Duration::from_secs(15 * 60);

fn now_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl RateLimiter {
    pub fn new(store: Store, window: Duration) -> Self {
        RateLimiter { store, window }
    }

    /// Failures at or before this moment no longer count.
    fn cutoff(&self) -> i64 {
        now_millis() - i64::try_from(self.window.as_millis()).unwrap_or(i64::MAX)
    }

    /// True when `key` has had `limit` or more failures in the window.
    pub async fn is_blocked(&self, key: &str, limit: usize) -> Result<bool, ApiError> {
        let (recent,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM sign_in_failures WHERE key_hash = $1 AND at > $2")
                .bind(secret_hash(key))
                .bind(self.cutoff())
                .fetch_one(self.store.pool())
                .await?;
        Ok(usize::try_from(recent).unwrap_or(usize::MAX) >= limit)
    }

    /// Counts one failure, and forgets every failure that has aged out of the window.
    pub async fn record_failure(&self, key: &str) -> Result<(), ApiError> {
        sqlx::query("DELETE FROM sign_in_failures WHERE at <= $1")
            .bind(self.cutoff())
            .execute(self.store.writer())
            .await?;
        sqlx::query("INSERT INTO sign_in_failures (key_hash, at) VALUES ($1, $2)")
            .bind(secret_hash(key))
            .bind(now_millis())
            .execute(self.store.writer())
            .await?;
        Ok(())
    }

    pub async fn clear(&self, key: &str) -> Result<(), ApiError> {
        sqlx::query("DELETE FROM sign_in_failures WHERE key_hash = $1")
            .bind(secret_hash(key))
            .execute(self.store.writer())
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_limiter_blocks_after_the_limit_and_clears() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).await.unwrap();
        let limiter = RateLimiter::new(store.clone(), Duration::from_secs(60));
        for _ in 0..3 {
            assert!(!limiter.is_blocked("k", 3).await.unwrap());
            limiter.record_failure("k").await.unwrap();
        }
        assert!(limiter.is_blocked("k", 3).await.unwrap());
        assert!(!limiter.is_blocked("other", 3).await.unwrap());
        // Only the hash of the key is kept.
        let keys: Vec<(String,)> = sqlx::query_as("SELECT DISTINCT key_hash FROM sign_in_failures")
            .fetch_all(store.pool())
            .await
            .unwrap();
        assert_eq!(keys, vec![(secret_hash("k"),)]);
        limiter.clear("k").await.unwrap();
        assert!(!limiter.is_blocked("k", 3).await.unwrap());
    }

    #[tokio::test]
    async fn failures_older_than_the_window_stop_counting_and_are_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).await.unwrap();
        let old = RateLimiter::new(store.clone(), Duration::from_secs(60));
        old.record_failure("k").await.unwrap();
        old.record_failure("k").await.unwrap();
        // With no window at all, nothing earlier counts...
        let none = RateLimiter::new(store.clone(), Duration::ZERO);
        std::thread::sleep(Duration::from_millis(5));
        assert!(!none.is_blocked("k", 1).await.unwrap());
        // ...and the next failure clears the aged ones away.
        none.record_failure("other").await.unwrap();
        let (left,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM sign_in_failures WHERE key_hash = $1")
                .bind(secret_hash("k"))
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert_eq!(left, 0);
    }
}
