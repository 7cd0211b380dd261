//! Accounts, roles and signing in: the JSON contract and the rules for usernames,
//! passwords and invite codes.

use crate::error::{FieldError, ValidationErrors};
use crate::i18n::words::Problem;
use crate::ids::YoungPersonId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Usernames are 3 to 40 characters: letters, numbers, dots, dashes and underscores.
pub const USERNAME_MIN_CHARS: usize = 3;
pub const USERNAME_MAX_CHARS: usize = 40;
/// Passwords: at least 8 characters; long passphrases are welcome.
pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;
/// Invite codes are 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L).
pub const INVITE_CODE_LEN: usize = 8;
pub use crate::ids::INVITE_ALPHABET;
/// How long an invite code works for.
pub const INVITE_VALID_DAYS: i64 = 7;
pub const FIRST_NAME_MAX_CHARS: usize = 60;

/// Passwords that are too easy to guess. Checked case-insensitively.
const COMMON_PASSWORDS: &[&str] = &[
    "password",
    "password1",
    "password123",
    "passw0rd",
    "12345678",
    "123456789",
    "1234567890",
    "qwertyuiop",
    "qwerty123",
    "11111111",
    "00000000",
    "iloveyou",
    "abc12345",
    "abcd1234",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "welcome1",
    "letmein1",
    "trustno1",
    "starwars",
    "whatever",
    "computer",
    "superman",
    "michelle",
    "jennifer",
    "liverpool",
    "chelsea1",
    "arsenal1",
    "myjourney",
    "changeme",
    "qwertyui",
    "asdfghjk",
    "1q2w3e4r",
    "zaq12wsx",
    "monkey123",
    "dragon123",
    "shadow12",
    "master12",
    "killer12",
    "pokemon1",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    YoungPerson,
    Worker,
    Manager,
}

/// Who is signed in: `GET /api/v1/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub role: Role,
    pub username: String,
    /// What to call them: a young person's first name, a worker's full name.
    pub display_name: String,
    /// For a young person, their own record.
    pub young_person_id: Option<YoungPersonId>,
    /// One of the organisation's administrators (the Help content, the organisation's
    /// audit rows).
    #[serde(default)]
    pub is_admin: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignUp {
    pub invite_code: String,
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    pub current_password: String,
    pub new_password: String,
}

/// "Is this still you?": the person signed in types their password again, e.g. a worker
/// taking their device back after a young person's turn in a co-fill session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConfirmPassword {
    pub password: String,
}

/// A worker adds a young person they support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewYoungPerson {
    pub first_name: String,
    /// Made by the client, so "Add" sent again (a try given up on a bad signal) adds them
    /// once. Optional: without one, each send adds someone.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: Option<String>,
}

/// A one-time code a young person uses to make their account. Shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invite {
    pub young_person_id: YoungPersonId,
    pub first_name: String,
    /// Grouped for reading out: "ABCD-EFGH".
    pub code: String,
    #[serde(deserialize_with = "crate::iso::day")]
    pub expires_on: NaiveDate,
}

/// One line of a worker's or manager's list of young people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YoungPersonListItem {
    pub id: YoungPersonId,
    pub first_name: String,
    /// Whether they have made their account yet.
    pub has_account: bool,
    pub worker_name: String,
    #[serde(default, deserialize_with = "crate::iso::optional_day")]
    pub next_review: Option<NaiveDate>,
    /// The review date has passed.
    #[serde(default)]
    pub review_overdue: bool,
    /// Steps not done whose date has passed.
    #[serde(default)]
    pub overdue_steps: usize,
    /// "Alex checked in: really bad", until a member of staff has seen it.
    #[serde(default)]
    pub unseen_really_bad: Option<crate::checkin::UnseenCheckIn>,
    /// Views saying "I don't agree" or "I'm not sure" that nobody has replied to yet.
    #[serde(default)]
    pub views_waiting: usize,
    /// A review was recorded more than 48 hours ago and the plan has not been updated
    /// since (`review::plan_not_updated_since_review`).
    #[serde(default)]
    pub plan_not_updated_since_review: bool,
}

/// One entry in the audit log: who did what, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// Its place in the log: "Show older" asks for entries `before` the oldest shown.
    #[serde(default)]
    pub id: i64,
    #[serde(deserialize_with = "crate::iso::moment")]
    pub at: DateTime<Utc>,
    pub who: String,
    pub action: String,
    pub young_person_id: Option<YoungPersonId>,
    /// The young person's first name, when the entry is about one.
    #[serde(default)]
    pub young_person_name: Option<String>,
    /// The account of who did it (none for the server itself or the `admin` command).
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub kind: crate::audit::AuditKind,
}

impl SignUp {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        if parse_invite_code(&self.invite_code).is_none() {
            errors.push(FieldError::problem(
                "invite_code",
                Problem::invite_code,
                &[],
            ));
        }
        check_username(&self.username, &mut errors);
        check_password(&self.password, &self.username, "password", &mut errors);
        ValidationErrors::result(errors)
    }
}

impl ChangePassword {
    /// The new password follows the same rules as at sign-up.
    pub fn validate(&self, username: &str) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_password(&self.new_password, username, "new_password", &mut errors);
        ValidationErrors::result(errors)
    }
}

impl NewYoungPerson {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        crate::ids::check_optional_client_id(&self.client_id, &mut errors);
        crate::text::check_name(
            "first_name",
            "their first name",
            &self.first_name,
            FIRST_NAME_MAX_CHARS,
            &mut errors,
        );
        ValidationErrors::result(errors)
    }
}

/// A member of staff's name, username and phone number, as `journey-server admin` makes
/// them: the same rules as a young person's first name and username, and a UK number
/// (young people tap it to call).
pub fn check_staff(
    name: &str,
    username: &str,
    phone: Option<&str>,
) -> Result<(), ValidationErrors> {
    let mut errors = Vec::new();
    crate::text::check_name(
        "name",
        "their name",
        name,
        crate::plan::MAX_LINE_CHARS,
        &mut errors,
    );
    check_username(username, &mut errors);
    if phone.is_some_and(|phone| !crate::phone::is_uk_phone(phone)) {
        errors.push(FieldError::new(
            "phone",
            "Please give a UK phone number with digits and spaces only, like 01632 960 001.",
        ));
    }
    ValidationErrors::result(errors)
}

/// The form usernames are compared in: lower case, so "Alex" and "alex" are one name.
/// A username is letters and digits of ASCII (see `check_username`), so ASCII's lower case
/// is the whole rule (and keeps the table of every alphabet's out of the app).
pub fn username_key(username: &str) -> String {
    username.trim().to_ascii_lowercase()
}

fn check_username(username: &str, errors: &mut Vec<FieldError>) {
    let name = username.trim();
    let len = name.chars().count();
    let allowed = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if !(USERNAME_MIN_CHARS..=USERNAME_MAX_CHARS).contains(&len) || !allowed {
        errors.push(FieldError::problem(
            "username",
            Problem::username_rule,
            &[
                ("min", &USERNAME_MIN_CHARS.to_string()),
                ("max", &USERNAME_MAX_CHARS.to_string()),
            ],
        ));
    }
}

fn check_password(password: &str, username: &str, field: &str, errors: &mut Vec<FieldError>) {
    let len = password.chars().count();
    // The common passwords are ASCII, as is every username.
    let lower = password.to_ascii_lowercase();
    if len < PASSWORD_MIN_CHARS {
        errors.push(FieldError::problem(
            field,
            Problem::password_short,
            &[("min", &PASSWORD_MIN_CHARS.to_string())],
        ));
    } else if len > PASSWORD_MAX_CHARS {
        errors.push(FieldError::problem(
            field,
            Problem::password_long,
            &[("max", &PASSWORD_MAX_CHARS.to_string())],
        ));
    } else if COMMON_PASSWORDS.contains(&lower.as_str()) || lower == username_key(username) {
        errors.push(FieldError::problem(field, Problem::password_easy, &[]));
    }
}

/// Reads an invite code however it was typed: any case, with or without spaces or dashes.
/// `None` if it cannot be a code.
pub fn parse_invite_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == INVITE_CODE_LEN && code.bytes().all(|b| INVITE_ALPHABET.contains(&b)))
        .then_some(code)
}

/// "ABCDEFGH" → "ABCD-EFGH", easier to read out.
pub fn format_invite_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(4));
    format!("{a}-{b}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::fields_at_fault;

    #[test]
    fn staff_names_follow_the_same_rules_and_usernames_stay_plain() {
        assert_eq!(
            check_staff("Priya Shah", "priya", Some("01632 960 002")),
            Ok(())
        );
        assert_eq!(check_staff("Priya Shah", "priya", None), Ok(()));
        assert_eq!(
            fields_at_fault(check_staff("Priya", "priya", Some("1 2 3"))),
            ["phone"]
        );
        assert_eq!(
            fields_at_fault(check_staff("\u{200B}", "priya", None)),
            ["name"]
        );
        assert_eq!(
            fields_at_fault(check_staff("Priya\u{202E}", "priya", None)),
            ["name"]
        );
        assert_eq!(
            fields_at_fault(check_staff("Priya", "pri\u{202E}ya", None)),
            ["username"]
        );
    }

    fn sign_up(code: &str, username: &str, password: &str) -> SignUp {
        SignUp {
            invite_code: code.into(),
            username: username.into(),
            password: password.into(),
        }
    }

    #[test]
    fn invite_codes_are_read_however_they_are_typed() {
        assert_eq!(parse_invite_code("abcd-2345").as_deref(), Some("ABCD2345"));
        assert_eq!(
            parse_invite_code(" AB CD 23 45 ").as_deref(),
            Some("ABCD2345")
        );
        assert_eq!(parse_invite_code("ABCD234"), None);
        assert_eq!(parse_invite_code("ABCD23450"), None);
        // Look-alikes are not in the alphabet, so a code never contains them.
        assert_eq!(parse_invite_code("ABCD0123"), None);
        assert_eq!(format_invite_code("ABCD2345"), "ABCD-2345");
    }

    #[test]
    fn a_good_sign_up_passes() {
        assert_eq!(
            sign_up("ABCD-2345", "alex_2010", "purple tiger toast").validate(),
            Ok(())
        );
    }

    #[test]
    fn each_problem_is_named_kindly() {
        assert_eq!(
            fields_at_fault(sign_up("nope", "a b", "short").validate()),
            ["invite_code", "username", "password"]
        );
    }

    #[test]
    fn easy_passwords_are_refused() {
        for easy in ["password", "Password1", "12345678", "alex_2010"] {
            assert_eq!(
                fields_at_fault(sign_up("ABCD2345", "alex_2010", easy).validate()),
                ["password"],
                "{easy}"
            );
        }
    }

    #[test]
    fn long_passphrases_are_welcome_up_to_the_limit() {
        let long = "a".repeat(PASSWORD_MAX_CHARS);
        assert_eq!(sign_up("ABCD2345", "alex", &long).validate(), Ok(()));
        let too_long = "a".repeat(PASSWORD_MAX_CHARS + 1);
        assert_eq!(
            fields_at_fault(sign_up("ABCD2345", "alex", &too_long).validate()),
            ["password"]
        );
    }

    #[test]
    fn usernames_compare_without_case() {
        assert_eq!(username_key(" Alex "), "alex");
    }

    #[test]
    fn a_new_password_follows_the_same_rules() {
        let change = ChangePassword {
            current_password: "x".into(),
            new_password: "short".into(),
        };
        assert_eq!(fields_at_fault(change.validate("alex")), ["new_password"]);
    }

    #[test]
    fn a_new_young_person_needs_a_first_name() {
        let blank = NewYoungPerson {
            first_name: " ".into(),
            client_id: None,
        };
        assert_eq!(fields_at_fault(blank.validate()), ["first_name"]);
    }
}
