//! The sign-in limits: wrong passwords and wrong invite codes, counted in the database,
//! and the device tokens that let a browser which has signed in to an account before
//! past the wrong passwords that came from elsewhere (OWASP's "device cookies").

use crate::cookies::OurCookie;
use crate::error::ApiError;
use crate::secrets::{new_token, now_secs, random_bytes, secret_hash, sign, signed_by};
use crate::store::Store;
use axum::http::{HeaderMap, HeaderValue};
use std::time::Duration;
use tokio::sync::OnceCell;

/// Wrong passwords and wrong invite codes in the last `window`, counted in the database
/// (`sign_in_failures`) so that every server sharing it counts the same. Keys such as
/// `account:<name>` and `address:<ip>` are kept only as their SHA-256.
///
/// An attempt is counted before it is tried ([`RateLimiter::attempt`]), in the same write
/// that finds it still within the limits, so guesses sent all at once are held to the
/// limit too; one that turns out right takes its count back ([`RateLimiter::succeeded`]).
pub struct RateLimiter {
    store: Store,
    window: Duration,
    /// The key device tokens are signed with, read (or made) once.
    device_secret: OnceCell<Vec<u8>>,
}

/// Wrong passwords allowed per account, and per address, in one window.
pub const MAX_FAILURES_PER_ACCOUNT: usize = 5;
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;
/// Wrong passwords allowed from a browser carrying a device token for the account: its
/// own count, apart from the account's.
pub const MAX_FAILURES_PER_DEVICE: usize = 5;
/// Sign-ups refused with one invite code (a username already taken) in one window: a
/// code is for one young person choosing a name, not for finding out whose names exist.
pub const MAX_SIGN_UP_FAILURES_PER_INVITE: usize = 10;
pub const RATE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// How long a device token (and its cookie) lasts.
pub const DEVICE_TOKEN_LIFETIME: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// Device cookie names, as for the session cookie (see `auth`).
pub const SECURE_DEVICE_COOKIE: &str = "__Host-mj_device";
pub const PLAIN_DEVICE_COOKIE: &str = "mj_device";

fn now_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// One attempt, already counted against each of its keys. Dropped as it is, it stays
/// counted: a failure. [`RateLimiter::succeeded`] takes it back.
#[must_use = "an attempt stays counted as a failure unless it succeeded"]
pub struct Attempt {
    id: String,
    key_hashes: Vec<String>,
}

impl RateLimiter {
    pub fn new(store: Store, window: Duration) -> Self {
        RateLimiter {
            store,
            window,
            device_secret: OnceCell::new(),
        }
    }

    /// Failures at or before this moment no longer count.
    fn cutoff(&self) -> i64 {
        now_millis() - i64::try_from(self.window.as_millis()).unwrap_or(i64::MAX)
    }

    /// Counts one attempt against every `(key, limit)`, before it is tried, or `None`
    /// (nothing counted) when any key has had its `limit` already. Counting and checking
    /// are one write transaction, and writes take turns (SQLite has one writer; on
    /// PostgreSQL write transactions hold one advisory lock, see `Store::begin_write`),
    /// so of many attempts sent at once only `limit` are let through. Failures that have
    /// aged out of the window are forgotten on the way.
    pub async fn attempt(&self, limits: &[(&str, usize)]) -> Result<Option<Attempt>, ApiError> {
        let now = now_millis();
        let attempt = Attempt {
            id: new_token(),
            key_hashes: limits.iter().map(|(key, _)| secret_hash(key)).collect(),
        };
        let mut tx = self.store.begin_write().await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE at <= $1")
            .bind(self.cutoff())
            .execute(&mut *tx)
            .await?;
        for (key_hash, (_, limit)) in attempt.key_hashes.iter().zip(limits) {
            let (recent,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM sign_in_failures WHERE key_hash = $1 AND at > $2",
            )
            .bind(key_hash)
            .bind(self.cutoff())
            .fetch_one(&mut *tx)
            .await?;
            if usize::try_from(recent).unwrap_or(usize::MAX) >= *limit {
                // Dropped without committing: this attempt is not counted.
                return Ok(None);
            }
        }
        for key_hash in &attempt.key_hashes {
            sqlx::query("INSERT INTO sign_in_failures (key_hash, at, attempt) VALUES ($1, $2, $3)")
                .bind(key_hash)
                .bind(now)
                .bind(&attempt.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Some(attempt))
    }

    /// The attempt was not a failure: its own counts are taken back, and every failure
    /// counted against each of `clear` forgotten (a right password clears its account's).
    pub async fn succeeded(&self, attempt: Attempt, clear: &[&str]) -> Result<(), ApiError> {
        let mut tx = self.store.begin_write().await?;
        for key_hash in &attempt.key_hashes {
            sqlx::query("DELETE FROM sign_in_failures WHERE key_hash = $1 AND attempt = $2")
                .bind(key_hash)
                .bind(&attempt.id)
                .execute(&mut *tx)
                .await?;
        }
        for key in clear {
            sqlx::query("DELETE FROM sign_in_failures WHERE key_hash = $1")
                .bind(secret_hash(key))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The key device tokens are signed with: made once, at random, and kept in the
    /// database (`server_secrets`), so every server sharing it, and every restart, agrees.
    async fn device_secret(&self) -> Result<&[u8], ApiError> {
        let secret = self
            .device_secret
            .get_or_try_init(|| async {
                let read = || async {
                    let row: Option<(String,)> =
                        sqlx::query_as("SELECT value FROM server_secrets WHERE name = 'device'")
                            .fetch_optional(self.store.writer())
                            .await?;
                    Ok::<_, ApiError>(row.and_then(|(hex,)| hex::decode(hex).ok()))
                };
                if let Some(secret) = read().await? {
                    return Ok(secret);
                }
                // Two servers starting together may both try: the first one's stays.
                sqlx::query(
                    "INSERT INTO server_secrets (name, value) VALUES ('device', $1)
                     ON CONFLICT (name) DO NOTHING",
                )
                .bind(hex::encode(random_bytes::<32>()))
                .execute(self.store.writer())
                .await?;
                read()
                    .await?
                    .ok_or(ApiError::Internal("the device secret was not kept"))
            })
            .await?;
        Ok(secret)
    }

    /// A new device token for a browser that has just signed in to `account_id`:
    /// `<account id>.<issued, unix seconds>.<random>.<signature>`. The signature also
    /// covers the account's password hash as it is now, so changing the password ends
    /// every device token the account had.
    pub async fn new_device_token(
        &self,
        account_id: &str,
        password_hash: &str,
    ) -> Result<String, ApiError> {
        let body = format!("{account_id}.{}.{}", now_secs(), new_token());
        let signature = sign(
            self.device_secret().await?,
            &signed_part(&body, password_hash),
        );
        Ok(format!("{body}.{signature}"))
    }

    /// The key a device token's own failures are counted under, when the token is the
    /// server's own, in date, and for this account with this password; `None` otherwise
    /// (made up, changed, someone else's, too old, or from before a password change).
    pub async fn device_key(
        &self,
        token: &str,
        account_id: &str,
        password_hash: &str,
    ) -> Result<Option<String>, ApiError> {
        let Some((body, signature)) = token.rsplit_once('.') else {
            return Ok(None);
        };
        let mut parts = body.splitn(3, '.');
        let (Some(account), Some(issued), Some(nonce)) = (parts.next(), parts.next(), parts.next())
        else {
            return Ok(None);
        };
        let Ok(issued) = issued.parse::<i64>() else {
            return Ok(None);
        };
        let age = now_secs().saturating_sub(issued);
        let in_date = (0..=DEVICE_TOKEN_LIFETIME.as_secs() as i64).contains(&age);
        if account != account_id || !in_date {
            return Ok(None);
        }
        let secret = self.device_secret().await?;
        Ok(
            signed_by(secret, &signed_part(body, password_hash), signature)
                .then(|| format!("device:{nonce}")),
        )
    }
}

/// What a device token's signature covers: the token's own text, and (as its hash) the
/// account's password hash.
fn signed_part(body: &str, password_hash: &str) -> String {
    format!("device-token.{body}.{}", secret_hash(password_hash))
}

/// The device cookie.
pub const DEVICE_COOKIE: OurCookie = OurCookie {
    secure_name: SECURE_DEVICE_COOKIE,
    plain_name: PLAIN_DEVICE_COOKIE,
};

/// The `Set-Cookie` value that gives a browser its device token: `HttpOnly`, `SameSite=Strict`,
/// for a year, and (behind TLS) `Secure` with the `__Host-` prefix.
pub fn device_cookie(token: &str, secure: bool) -> HeaderValue {
    DEVICE_COOKIE.set(token, secure, DEVICE_TOKEN_LIFETIME)
}

/// The device token from the request's cookie, if any.
pub fn device_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    DEVICE_COOKIE.read(headers, secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn count(store: &Store, key: &str) -> i64 {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM sign_in_failures WHERE key_hash = $1")
                .bind(secret_hash(key))
                .fetch_one(store.pool())
                .await
                .unwrap();
        n
    }

    #[tokio::test]
    async fn attempts_count_up_to_the_limit_and_a_success_takes_its_own_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).await.unwrap();
        let limiter = RateLimiter::new(store.clone(), Duration::from_secs(60));
        for _ in 0..3 {
            let failed = limiter.attempt(&[("k", 3), ("shared", 10)]).await.unwrap();
            assert!(failed.is_some());
        }
        assert!(limiter.attempt(&[("k", 3)]).await.unwrap().is_none());
        // A refused attempt counted nowhere, not even against a key within its limit.
        assert!(limiter
            .attempt(&[("shared", 10), ("k", 3)])
            .await
            .unwrap()
            .is_none());
        assert_eq!(count(&store, "shared").await, 3);
        // Only the hash of the key is kept.
        let keys: Vec<(String,)> =
            sqlx::query_as("SELECT DISTINCT key_hash FROM sign_in_failures ORDER BY key_hash")
                .fetch_all(store.pool())
                .await
                .unwrap();
        let mut expected = vec![(secret_hash("k"),), (secret_hash("shared"),)];
        expected.sort();
        assert_eq!(keys, expected);
        // A success takes back its own count only, and clears what it is told to.
        let right = limiter.attempt(&[("other", 3), ("shared", 10)]).await;
        limiter
            .succeeded(right.unwrap().unwrap(), &["k"])
            .await
            .unwrap();
        assert_eq!(count(&store, "shared").await, 3);
        assert_eq!(count(&store, "other").await, 0);
        assert_eq!(count(&store, "k").await, 0);
    }

    #[tokio::test]
    async fn failures_older_than_the_window_stop_counting_and_are_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).await.unwrap();
        let old = RateLimiter::new(store.clone(), Duration::from_secs(60));
        let _ = old.attempt(&[("k", 5)]).await.unwrap().unwrap();
        let _ = old.attempt(&[("k", 5)]).await.unwrap().unwrap();
        // With no window at all, nothing earlier counts, and the aged ones are cleared.
        let none = RateLimiter::new(store.clone(), Duration::ZERO);
        std::thread::sleep(Duration::from_millis(5));
        let _ = none.attempt(&[("k", 1)]).await.unwrap().unwrap();
        assert_eq!(count(&store, "k").await, 1);
    }

    #[tokio::test]
    async fn a_device_token_holds_for_its_own_account_and_password_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).await.unwrap();
        let limiter = RateLimiter::new(store.clone(), RATE_WINDOW);
        let token = limiter.new_device_token("a1", "hash-1").await.unwrap();
        let key = limiter.device_key(&token, "a1", "hash-1").await.unwrap();
        assert!(key.as_deref().is_some_and(|k| k.starts_with("device:")));
        // A second token is another device, counted apart.
        let other = limiter.new_device_token("a1", "hash-1").await.unwrap();
        assert_ne!(
            limiter.device_key(&other, "a1", "hash-1").await.unwrap(),
            key
        );
        // Another account, a changed password, a changed token: nothing.
        assert_eq!(
            limiter.device_key(&token, "a2", "hash-1").await.unwrap(),
            None
        );
        assert_eq!(
            limiter.device_key(&token, "a1", "hash-2").await.unwrap(),
            None
        );
        let moved = token.replacen("a1.", "a2.", 1);
        assert_eq!(
            limiter.device_key(&moved, "a2", "hash-1").await.unwrap(),
            None
        );
        for junk in ["", ".", "a1...", "a1.x.y.z", "made-up"] {
            assert_eq!(
                limiter.device_key(junk, "a1", "hash-1").await.unwrap(),
                None
            );
        }
        // Too old.
        let (_, rest) = token.split_once('.').unwrap();
        let (issued, _) = rest.split_once('.').unwrap();
        let old_issued = now_secs() - DEVICE_TOKEN_LIFETIME.as_secs() as i64 - 1;
        let old_body = format!("a1.{old_issued}.nonce");
        let secret = limiter.device_secret().await.unwrap();
        let old = format!(
            "{old_body}.{}",
            sign(secret, &signed_part(&old_body, "hash-1"))
        );
        assert!(issued.parse::<i64>().is_ok());
        assert_eq!(
            limiter.device_key(&old, "a1", "hash-1").await.unwrap(),
            None
        );
        // The secret is kept: another limiter on the same database (another server, or
        // after a restart) accepts the token.
        let again = RateLimiter::new(store, RATE_WINDOW);
        assert_eq!(again.device_key(&token, "a1", "hash-1").await.unwrap(), key);
    }

    #[test]
    fn the_device_cookie_is_http_only_strict_long_lived_and_secure_when_asked() {
        let secure = device_cookie("t", true);
        let secure = secure.to_str().unwrap();
        assert!(secure.starts_with("__Host-mj_device=t;"));
        for part in [
            "HttpOnly",
            "SameSite=Strict",
            "Path=/",
            "Secure",
            "Max-Age=31536000",
        ] {
            assert!(secure.contains(part), "{part}");
        }
        let plain = device_cookie("t", false);
        assert!(plain.to_str().unwrap().starts_with("mj_device=t;"));
        assert!(!plain.to_str().unwrap().contains("Secure"));
        let mut headers = HeaderMap::new();
        headers.insert(
            axum::http::header::COOKIE,
            HeaderValue::from_static("mj_session=s; mj_device=d"),
        );
        assert_eq!(device_token(&headers, false).as_deref(), Some("d"));
        assert_eq!(device_token(&headers, true), None);
    }
}
