//! Identifiers. Records are named by random UUIDs so that one id says nothing about another.

use crate::error::FieldError;
use crate::i18n::words::Problem;

/// Letters and digits with no look-alikes (no 0/O, 1/I/L): invite codes and concern
/// references.
pub const INVITE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest id the app makes for something it sends once (a UUID is 36 characters).
pub const MAX_CLIENT_ID_CHARS: usize = 64;

/// An id the app makes so that sending the same thing twice is recorded once: letters,
/// digits and dashes, not empty, not too long. Every idempotent input checks it here.
pub fn check_client_id(id: &str, errors: &mut Vec<FieldError>) {
    let ok = !id.is_empty()
        && id.len() <= MAX_CLIENT_ID_CHARS
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !ok {
        errors.push(FieldError::problem("client_id", Problem::client_id, &[]));
    }
}

/// The same, for a `client_id` that may be left out.
pub fn check_optional_client_id(id: &Option<String>, errors: &mut Vec<FieldError>) {
    if let Some(id) = id {
        check_client_id(id, errors);
    }
}

/// The fictional demo young person seeded by `journey-server --demo`. Until accounts exist,
/// the client shows this young person's journey.
pub const DEMO_YOUNG_PERSON_ID: &str = "5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5f";

/// A young person's id: a lower-case hyphenated UUID. Anything else cannot name a young
/// person, so the API answers "not found" for it rather than "bad request".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YoungPersonId(String);

impl YoungPersonId {
    pub fn parse(text: &str) -> Option<YoungPersonId> {
        is_uuid(text).then(|| YoungPersonId(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for YoungPersonId {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        YoungPersonId::parse(&value).ok_or_else(|| "not a young person's id".to_owned())
    }
}

impl From<YoungPersonId> for String {
    fn from(id: YoungPersonId) -> String {
        id.0
    }
}

impl fmt::Display for YoungPersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 8-4-4-4-12 lower-case hex digits.
fn is_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(b),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_id_is_a_valid_id() {
        assert!(YoungPersonId::parse(DEMO_YOUNG_PERSON_ID).is_some());
    }

    #[test]
    fn anything_but_a_lower_case_uuid_is_refused() {
        for bad in [
            "",
            "1",
            "../etc/passwd",
            "5D1F0C1E-7A3B-4C2D-9E8F-0A1B2C3D4E5F",
            "5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5",
            "5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5fa",
            "5d1f0c1e_7a3b_4c2d_9e8f_0a1b2c3d4e5f",
            "5d1f0c1e-7a3b-4c2d-9e8f-0a1b2c3d4e5g",
        ] {
            assert!(YoungPersonId::parse(bad).is_none(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn an_id_reads_from_and_writes_to_a_json_string() {
        let id: YoungPersonId =
            serde_json::from_str(&format!("\"{DEMO_YOUNG_PERSON_ID}\"")).unwrap();
        assert_eq!(id.as_str(), DEMO_YOUNG_PERSON_ID);
        assert!(serde_json::from_str::<YoungPersonId>("\"nope\"").is_err());
    }
}
