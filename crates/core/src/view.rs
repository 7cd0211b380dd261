//! "My view": a young person's own words about their plan or one step of it, kept
//! exactly as typed and shown with who said them.

use crate::error::{FieldError, ValidationErrors};
use crate::i18n::words::Problem;
use crate::text::check_length;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Longest view, in characters.
pub const MAX_VIEW_CHARS: usize = 1_000;

/// How they feel about it. Optional: words alone are fine too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Agree,
    NotSure,
    DontAgree,
}

impl Stance {
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let words = &lang.text().journey;
        match self {
            Stance::Agree => words.agree,
            Stance::NotSure => words.not_sure,
            Stance::DontAgree => words.dont_agree,
        }
    }
}

/// A view to add, as sent by the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewView {
    /// The step it is about; `None` for the plan as a whole.
    #[serde(default)]
    pub step_id: Option<String>,
    #[serde(default)]
    pub stance: Option<Stance>,
    /// Their words, kept exactly as typed.
    #[serde(default)]
    pub words: String,
    /// Made by the client, so sending the view again (a try given up on a bad signal)
    /// keeps it once. Optional: without one, each send keeps a view.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: Option<String>,
}

impl NewView {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        crate::ids::check_optional_client_id(&self.client_id, &mut errors);
        if self.stance.is_none() && self.words.trim().is_empty() {
            errors.push(FieldError::problem("words", Problem::view_empty, &[]));
        }
        check_length(
            "words",
            "what you wrote",
            &self.words,
            MAX_VIEW_CHARS,
            &mut errors,
        );
        ValidationErrors::result(errors)
    }
}

/// A view as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyView {
    pub id: i64,
    pub step_id: Option<String>,
    pub stance: Option<Stance>,
    pub words: String,
    /// Who said it: "You", or the worker's name when they wrote it with you.
    pub by: String,
    /// True when the young person wrote it themselves.
    pub by_young_person: bool,
    #[serde(deserialize_with = "crate::iso::moment")]
    pub at: DateTime<Utc>,
    /// What staff said back, oldest first, kept exactly as written.
    #[serde(default)]
    pub replies: Vec<crate::reply::Reply>,
}

impl MyView {
    /// Whether this view waits for someone to reply: "I don't agree" or "I'm not sure",
    /// and no reply yet. Such views are counted on the worker's list.
    pub fn waits_for_reply(&self) -> bool {
        self.stance.is_some_and(Stance::wants_reply) && self.replies.is_empty()
    }
}

impl Stance {
    /// "I don't agree" and "I'm not sure" want an answer; "I agree" does not.
    pub fn wants_reply(self) -> bool {
        matches!(self, Stance::NotSure | Stance::DontAgree)
    }

    /// How a stance is stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::NotSure => "not_sure",
            Stance::DontAgree => "dont_agree",
        }
    }
}

/// Longest reply to a view, in characters.
pub const MAX_VIEW_REPLY_CHARS: usize = 1_000;

/// A worker's (or manager's) reply to a view, in their own words.
pub type ViewReply = crate::reply::Reply;

/// A reply to send. `client_id`, made on the phone, records it once however many times
/// it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewViewReply {
    #[serde(default)]
    pub words: String,
    #[serde(default)]
    pub client_id: Option<String>,
}

impl NewViewReply {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        crate::text::check_required(
            "words",
            "your reply",
            &self.words,
            MAX_VIEW_REPLY_CHARS,
            &mut errors,
        );
        crate::ids::check_optional_client_id(&self.client_id, &mut errors);
        ValidationErrors::result(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(stance: Option<Stance>, words: &str) -> NewView {
        NewView {
            step_id: None,
            stance,
            words: words.into(),
            client_id: None,
        }
    }

    #[test]
    fn a_stance_alone_or_words_alone_is_enough() {
        assert_eq!(view(Some(Stance::NotSure), "").validate(), Ok(()));
        assert_eq!(view(None, "I'd like to see Kai more").validate(), Ok(()));
    }

    #[test]
    fn an_empty_view_is_explained() {
        let err = view(None, "  ").validate().unwrap_err();
        assert_eq!(err.fields()[0].field, "words");
    }

    #[test]
    fn words_over_the_limit_are_refused() {
        let long = "ŵ".repeat(MAX_VIEW_CHARS + 1);
        assert!(view(Some(Stance::Agree), &long).validate().is_err());
        assert!(view(Some(Stance::Agree), &long[..long.len() - 2])
            .validate()
            .is_ok());
    }

    fn reply(words: &str) -> NewViewReply {
        NewViewReply {
            words: words.into(),
            client_id: None,
        }
    }

    #[test]
    fn a_reply_needs_words_and_keeps_to_the_limit() {
        assert_eq!(reply("We'll talk about it on Tuesday.").validate(), Ok(()));
        let err = reply(" \n ").validate().unwrap_err();
        assert_eq!(err.fields()[0].field, "words");
        let long = "ŵ".repeat(MAX_VIEW_REPLY_CHARS + 1);
        assert!(reply(&long).validate().is_err());
        assert!(reply(&long[..long.len() - 2]).validate().is_ok());
    }

    #[test]
    fn only_unanswered_doubts_wait_for_a_reply() {
        let mut view = MyView {
            id: 1,
            step_id: None,
            stance: Some(Stance::DontAgree),
            words: String::new(),
            by: "Alex".into(),
            by_young_person: true,
            at: DateTime::UNIX_EPOCH,
            replies: Vec::new(),
        };
        assert!(view.waits_for_reply());
        view.stance = Some(Stance::NotSure);
        assert!(view.waits_for_reply());
        view.stance = Some(Stance::Agree);
        assert!(!view.waits_for_reply());
        view.stance = None;
        assert!(!view.waits_for_reply());
        view.stance = Some(Stance::DontAgree);
        view.replies.push(ViewReply {
            id: 1,
            words: "Let's talk.".into(),
            by: "Sam Patel".into(),
            at: DateTime::UNIX_EPOCH,
        });
        assert!(!view.waits_for_reply());
    }

    #[test]
    fn a_view_without_replies_still_reads() {
        let json = r#"{"id":1,"step_id":null,"stance":"agree","words":"","by":"Alex","by_young_person":true,"at":"2026-01-01T10:00:00Z"}"#;
        let view: MyView = serde_json::from_str(json).unwrap();
        assert!(view.replies.is_empty());
    }

    #[test]
    fn stances_read_and_write_as_snake_case() {
        let json = serde_json::to_string(&Stance::DontAgree).unwrap();
        assert_eq!(json, "\"dont_agree\"");
        let parsed: NewView =
            serde_json::from_str(r#"{"step_id":"s1","stance":"not_sure","words":"hmm"}"#).unwrap();
        assert_eq!(parsed.stance, Some(Stance::NotSure));
    }
}
