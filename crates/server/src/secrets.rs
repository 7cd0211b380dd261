//! Secrets and ids: random bytes, session tokens, invite codes, new ids, and password
//! hashing (argon2id). Nothing here knows about requests or the store.

use crate::error::ApiError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use hmac::Hmac;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

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

/// HMAC-SHA256 of `message` under `key`, URL-safe: what makes a device token the
/// server's own.
pub fn sign(key: &[u8], message: &str) -> String {
    use hmac::Mac;
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Whether `signature` is [`sign`]'s for this key and message, compared in constant time.
pub fn signed_by(key: &[u8], message: &str, signature: &str) -> bool {
    use hmac::Mac;
    let Ok(given) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(signature) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message.as_bytes());
    mac.verify_slice(&given).is_ok()
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

/// A new random id (a version 4 UUID).
pub fn new_id() -> String {
    let mut b = random_bytes::<16>();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
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
    fn a_signature_holds_only_for_its_own_key_and_message() {
        let key = random_bytes::<32>();
        let signature = sign(&key, "account.1.nonce");
        assert_eq!(signature.len(), 43);
        assert!(signed_by(&key, "account.1.nonce", &signature));
        assert!(!signed_by(&key, "account.2.nonce", &signature));
        assert!(!signed_by(
            &random_bytes::<32>(),
            "account.1.nonce",
            &signature
        ));
        assert!(!signed_by(&key, "account.1.nonce", &signature[..42]));
        assert!(!signed_by(&key, "account.1.nonce", "not base64 at all!"));
    }

    #[test]
    fn tokens_are_long_random_and_stored_hashed() {
        let a = new_token();
        assert_eq!(a.len(), 43);
        assert_ne!(a, new_token());
        assert_eq!(secret_hash(&a).len(), 64);
        assert_ne!(secret_hash(&a), a);
    }
}
