//! Who is asking. Passwords (argon2id), session tokens and cookies, the `Caller`
//! extractor every protected handler takes, and the sign-in rate limiter.

use crate::error::ApiError;
use crate::startup::AppState;
use crate::store::Store;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use base64::Engine;
use journey_core::{Role, YoungPersonId};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Duration;

/// A session ends after this long without use...
pub const SESSION_IDLE: Duration = Duration::from_secs(2 * 60 * 60);
/// ...and after this long in any case.
pub const SESSION_ABSOLUTE: Duration = Duration::from_secs(12 * 60 * 60);

/// Cookie names. `__Host-` makes the browser insist on Secure, Path=/ and no Domain,
/// so it is only usable over HTTPS; plain-http localhost uses the other name.
pub const SECURE_COOKIE: &str = "__Host-mj_session";
pub const PLAIN_COOKIE: &str = "mj_session";

pub fn now_secs() -> i64 {
    chrono::Utc::now().timestamp()
}

/// `n` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes).expect("the operating system's random source works");
    bytes
}

/// A new session token: 256 random bits, URL-safe.
pub fn new_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// A new invite code from the look-alike-free alphabet.
pub fn new_invite_code() -> String {
    let alphabet = journey_core::account::INVITE_ALPHABET;
    // Rejection sampling keeps every letter equally likely.
    let limit = (256 / alphabet.len() * alphabet.len()) as u8;
    let mut code = String::new();
    while code.len() < journey_core::account::INVITE_CODE_LEN {
        for byte in random_bytes::<16>() {
            if byte < limit && code.len() < journey_core::account::INVITE_CODE_LEN {
                code.push(alphabet[byte as usize % alphabet.len()] as char);
            }
        }
    }
    code
}

/// Tokens and invite codes are stored only as their SHA-256.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// argon2id with m=19 MiB, t=2, p=1 (the crate's defaults, OWASP's recommendation).
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::encode_b64(&random_bytes::<16>()).expect("16 bytes is a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters cannot fail")
        .to_string()
}

/// Checks a password. With no stored hash (no such user) it still does the same work,
/// so the time taken does not tell whether a username exists.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("not a real password"));
    let hash = stored.unwrap_or(dummy);
    let ok = PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    ok && stored.is_some()
}

/// Hashing is slow on purpose, so it runs off the async threads.
pub async fn hash_password_async(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|_| ApiError::Internal("password hashing stopped"))
}

pub async fn verify_password_async(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&password, stored.as_deref()))
        .await
        .unwrap_or(false)
}

/// The `Set-Cookie` value that starts a session.
pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    let (name, secure_attr) = if secure {
        (SECURE_COOKIE, "; Secure")
    } else {
        (PLAIN_COOKIE, "")
    };
    HeaderValue::from_str(&format!(
        "{name}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{secure_attr}",
        SESSION_ABSOLUTE.as_secs()
    ))
    .expect("token is URL-safe")
}

/// The `Set-Cookie` value that removes it.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    let (name, secure_attr) = if secure {
        (SECURE_COOKIE, "; Secure")
    } else {
        (PLAIN_COOKIE, "")
    };
    HeaderValue::from_str(&format!(
        "{name}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure_attr}"
    ))
    .expect("static cookie")
}

/// The session token from the request's cookie, if any.
pub fn session_token(headers: &axum::http::HeaderMap, secure: bool) -> Option<String> {
    let name = if secure { SECURE_COOKIE } else { PLAIN_COOKIE };
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// The signed-in person making this request. Taking it as an argument is what makes a
/// handler require sign-in; without a valid session the request ends with 401.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account_id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub young_person_id: Option<YoungPersonId>,
    pub worker_id: Option<String>,
    /// The team a manager oversees (and a worker belongs to).
    pub team_id: Option<String>,
    pub token_hash: String,
}

impl Caller {
    pub fn is_staff(&self) -> bool {
        matches!(self.role, Role::Worker | Role::Manager)
    }

    /// The team whose young people a manager sees (everyone else: none, only their own
    /// allocations), for the "allocated to me, or to my team" queries.
    pub fn managed_team(&self) -> Option<&str> {
        if self.role == Role::Manager {
            self.team_id.as_deref()
        } else {
            None
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = session_token(&parts.headers, state.config.secure_cookies)
            .ok_or(ApiError::SignedOut)?;
        state
            .store
            .caller_for_session(&secret_hash(&token))
            .await?
            .ok_or(ApiError::SignedOut)
    }
}

/// A worker or manager. Young people get 403.
pub struct Staff(pub Caller);

impl FromRequestParts<AppState> for Staff {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, state).await?;
        if caller.is_staff() {
            Ok(Staff(caller))
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

/// A manager. Everyone else gets 403.
pub struct Manager(pub Caller);

impl FromRequestParts<AppState> for Manager {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, state).await?;
        if caller.role == Role::Manager {
            Ok(Manager(caller))
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

/// A young person's id from the path, which the caller is allowed to see: their own
/// record, a young person allocated to them, or (for a manager) to someone in their team.
/// Anything else is "not found", so nobody learns which ids exist.
pub struct AllowedYoungPerson {
    pub id: YoungPersonId,
    pub caller: Caller,
}

impl FromRequestParts<AppState> for AllowedYoungPerson {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, state).await?;
        // By name, so routes may have more parameters after `{id}`.
        let axum::extract::Path(params) =
            axum::extract::Path::<HashMap<String, String>>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::NotFound(NOT_YOURS))?;
        let id = params
            .get("id")
            .and_then(|raw| YoungPersonId::parse(raw))
            .ok_or(ApiError::NotFound(NOT_YOURS))?;
        if state.store.may_see(&caller, &id).await? {
            Ok(AllowedYoungPerson { id, caller })
        } else {
            Err(ApiError::NotFound(NOT_YOURS))
        }
    }
}

const NOT_YOURS: &str = "We couldn't find that person.";

/// The address a request came from, for rate limiting: the connection's, or behind a
/// trusted proxy (`--trusted-proxy`), the one that proxy says it was for.
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip());
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect();
        Ok(ClientAddress(
            client_address(peer, &forwarded, &state.config.trusted_proxies)
                .map(|ip| ip.to_string())
                .unwrap_or_else(|| "unknown".into()),
        ))
    }
}

/// Who is really asking. A request straight from a client is counted by its own address.
/// From a trusted proxy, `X-Forwarded-For` is read from the right (each proxy appends the
/// address it heard from), skipping the trusted proxies, to the first address no proxy of
/// ours vouches for; anything a client wrote further left is never believed. Unreadable
/// entries stop the walk there. From an untrusted peer the header is ignored.
pub fn client_address(
    peer: Option<std::net::IpAddr>,
    forwarded_for: &[&str],
    trusted: &[std::net::IpAddr],
) -> Option<std::net::IpAddr> {
    let mut address = peer?;
    let hops = forwarded_for
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim);
    for hop in hops.rev() {
        if !trusted.contains(&address) {
            break;
        }
        match hop.parse() {
            Ok(ip) => address = ip,
            Err(_) => break,
        }
    }
    Some(address)
}

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

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("purple tiger toast");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password("purple tiger toast", Some(&hash)));
        assert!(!verify_password("purple tiger toasts", Some(&hash)));
        assert!(!verify_password("purple tiger toast", None));
    }

    #[test]
    fn invite_codes_use_only_the_safe_alphabet() {
        for _ in 0..50 {
            let code = new_invite_code();
            assert_eq!(
                journey_core::account::parse_invite_code(&code).as_deref(),
                Some(code.as_str())
            );
        }
        assert_ne!(new_invite_code(), new_invite_code());
    }

    #[test]
    fn tokens_are_long_random_and_stored_hashed() {
        let a = new_token();
        assert_eq!(a.len(), 43);
        assert_ne!(a, new_token());
        assert_eq!(secret_hash(&a).len(), 64);
        assert_ne!(secret_hash(&a), a);
    }

    #[test]
    fn the_cookie_is_http_only_strict_and_secure_when_asked() {
        let secure = session_cookie("t", true);
        let secure = secure.to_str().unwrap();
        assert!(secure.starts_with("__Host-mj_session=t;"));
        assert!(
            secure.contains("HttpOnly")
                && secure.contains("SameSite=Strict")
                && secure.contains("Secure")
        );
        let plain = session_cookie("t", false);
        assert!(!plain.to_str().unwrap().contains("Secure"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_forwarded_address_counts() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let proxy = ip("10.0.0.5");
        let trusted = [proxy, ip("10.0.0.6")];
        // Straight from a client: its own address, whatever it claims.
        assert_eq!(
            client_address(Some(ip("198.51.100.9")), &["203.0.113.1"], &trusted),
            Some(ip("198.51.100.9"))
        );
        // Through the proxy: the address the proxy heard from.
        assert_eq!(
            client_address(Some(proxy), &["203.0.113.1"], &trusted),
            Some(ip("203.0.113.1"))
        );
        // A client's own made-up entry is left of the real one and is not believed.
        assert_eq!(
            client_address(Some(proxy), &["1.2.3.4, 203.0.113.1"], &trusted),
            Some(ip("203.0.113.1"))
        );
        // Two proxies of ours in a row; headers may come as several lines.
        assert_eq!(
            client_address(Some(proxy), &["203.0.113.1", "10.0.0.6"], &trusted),
            Some(ip("203.0.113.1"))
        );
        // Nothing forwarded, or nonsense: the proxy's own address.
        assert_eq!(client_address(Some(proxy), &[], &trusted), Some(proxy));
        assert_eq!(
            client_address(Some(proxy), &["unknown"], &trusted),
            Some(proxy)
        );
        // No proxies trusted: the header means nothing.
        assert_eq!(
            client_address(Some(proxy), &["203.0.113.1"], &[]),
            Some(proxy)
        );
        assert_eq!(client_address(None, &["203.0.113.1"], &trusted), None);
    }

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
