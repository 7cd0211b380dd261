//! Who is asking. Passwords (argon2id), session tokens and cookies, the `Caller`
//! extractor every protected handler takes, and the sign-in rate limiter.

use crate::error::ApiError;
use crate::startup::AppState;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use base64::Engine;
use journey_core::{Role, YoungPersonId};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

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

/// The address a request came from, for rate limiting.
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip().to_string())
                .unwrap_or_else(|| "unknown".into()),
        ))
    }
}

/// Failed attempts per key (an account, an address) in a sliding window.
pub struct RateLimiter {
    window: Duration,
    attempts: Mutex<HashMap<String, Vec<Instant>>>,
}

/// Wrong passwords allowed per account, and per address, in one window.
pub const MAX_FAILURES_PER_ACCOUNT: usize = 5;
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;
pub const RATE_WINDOW: Duration = Duration::from_secs(15 * 60);

impl RateLimiter {
    pub fn new(window: Duration) -> Self {
        RateLimiter {
            window,
            attempts: Mutex::new(HashMap::new()),
        }
    }

    fn recent(&self, map: &mut HashMap<String, Vec<Instant>>, key: &str) -> usize {
        let window = self.window;
        match map.get_mut(key) {
            Some(times) => {
                times.retain(|t| t.elapsed() < window);
                times.len()
            }
            None => 0,
        }
    }

    /// True when `key` has had `limit` or more failures in the window.
    pub fn is_blocked(&self, key: &str, limit: usize) -> bool {
        let mut map = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        self.recent(&mut map, key) >= limit
    }

    pub fn record_failure(&self, key: &str) {
        let mut map = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        // Keep memory bounded: drop keys whose failures have all expired.
        if map.len() > 10_000 {
            let window = self.window;
            map.retain(|_, times| times.iter().any(|t| t.elapsed() < window));
        }
        map.entry(key.to_owned()).or_default().push(Instant::now());
    }

    pub fn clear(&self, key: &str) {
        let mut map = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(key);
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
    fn the_limiter_blocks_after_the_limit_and_clears() {
        let limiter = RateLimiter::new(Duration::from_secs(60));
        for _ in 0..3 {
            assert!(!limiter.is_blocked("k", 3));
            limiter.record_failure("k");
        }
        assert!(limiter.is_blocked("k", 3));
        assert!(!limiter.is_blocked("other", 3));
        limiter.clear("k");
        assert!(!limiter.is_blocked("k", 3));
    }
}
