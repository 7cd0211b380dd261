//! Goals in the Goal Based Outcomes way: a few goals, agreed together, kept in the young
//! person's own words exactly as typed, each rated 0 to 10 ("how close am I?").

use crate::error::{FieldError, ValidationErrors};
use crate::text::{check_length, check_required};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How many goals a young person works on at once. Three is the usual number.
pub const MAX_ACTIVE_GOALS: usize = 3;
/// Longest goal, in the young person's words.
pub const MAX_GOAL_CHARS: usize = 500;
/// Longest "what will help" and "why we closed it".
pub const MAX_GOAL_NOTE_CHARS: usize = 1_000;
/// A rating of 0 means "not close at all", 10 means "I got there", 5 is halfway.
pub const RATING_MIN: u8 = 0;
pub const RATING_MAX: u8 = 10;

/// Who agreed the goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreedBy {
    YoungPerson,
    Together,
    Worker,
    ParentOrCarer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    WorkingOnIt,
    Achieved,
    Paused,
    LetGo,
}

impl GoalStatus {
    /// Whether the goal counts towards `MAX_ACTIVE_GOALS`.
    pub fn is_active(self) -> bool {
        matches!(self, GoalStatus::WorkingOnIt)
    }

    pub fn label(self) -> &'static str {
        match self {
            GoalStatus::WorkingOnIt => "Working on it",
            GoalStatus::Achieved => "I got there",
            GoalStatus::Paused => "Having a rest from it",
            GoalStatus::LetGo => "Let go",
        }
    }
}

/// A goal as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: String,
    /// In the young person's own words, exactly as typed.
    pub words: String,
    pub what_will_help: Option<String>,
    pub agreed_by: AgreedBy,
    pub set_on: NaiveDate,
    pub status: GoalStatus,
    /// Why it was closed (achieved, paused or let go), when it was.
    pub closed_reason: Option<String>,
}

/// A new goal, as sent by the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalDraft {
    pub words: String,
    #[serde(default)]
    pub what_will_help: Option<String>,
    pub agreed_by: AgreedBy,
}

impl GoalDraft {
    /// Checks the draft, given how many goals are already being worked on.
    /// The words are never changed: they are kept exactly as typed.
    pub fn validate(&self, active_goals: usize) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_required(
            "words",
            "your goal",
            &self.words,
            MAX_GOAL_CHARS,
            &mut errors,
        );
        if let Some(help) = &self.what_will_help {
            check_length(
                "what_will_help",
                "what will help",
                help,
                MAX_GOAL_NOTE_CHARS,
                &mut errors,
            );
        }
        if active_goals >= MAX_ACTIVE_GOALS {
            errors.push(FieldError::new(
                "words",
                format!(
                    "You are already working on {MAX_ACTIVE_GOALS} goals. \
                     You could finish, pause or let go of one first."
                ),
            ));
        }
        ValidationErrors::result(errors)
    }
}

/// One "how close am I?" rating, 0 to 10. One that exists is in range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct GoalRating(u8);

impl GoalRating {
    pub fn parse(value: u8) -> Result<GoalRating, FieldError> {
        if (RATING_MIN..=RATING_MAX).contains(&value) {
            Ok(GoalRating(value))
        } else {
            Err(FieldError::new(
                "rating",
                format!("Please choose a number from {RATING_MIN} to {RATING_MAX}."),
            ))
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for GoalRating {
    type Error = String;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        GoalRating::parse(value).map_err(|e| e.message)
    }
}

impl From<GoalRating> for u8 {
    fn from(rating: GoalRating) -> u8 {
        rating.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(words: &str) -> GoalDraft {
        GoalDraft {
            words: words.into(),
            what_will_help: None,
            agreed_by: AgreedBy::Together,
        }
    }

    #[test]
    fn ratings_from_0_to_10_are_accepted_and_others_refused() {
        for v in 0..=10 {
            assert_eq!(GoalRating::parse(v).unwrap().value(), v);
        }
        let err = GoalRating::parse(11).unwrap_err();
        assert_eq!(err.message, "Please choose a number from 0 to 10.");
        assert!(serde_json::from_str::<GoalRating>("11").is_err());
        assert!(serde_json::from_str::<GoalRating>("-1").is_err());
        assert_eq!(serde_json::from_str::<GoalRating>("7").unwrap().value(), 7);
    }

    #[test]
    fn a_goal_is_kept_exactly_as_typed_even_with_spaces_and_emoji() {
        let words = "  feel less worried 😟→🙂 about school, ŵ ŷ  ";
        let d = draft(words);
        assert_eq!(d.validate(0), Ok(()));
        assert_eq!(d.words, words);
    }

    #[test]
    fn an_empty_goal_is_refused_kindly() {
        let err = draft(" ").validate(0).unwrap_err();
        assert_eq!(err.fields()[0].message, "Please write your goal.");
    }

    #[test]
    fn a_fourth_active_goal_is_refused() {
        assert_eq!(draft("Sleep better").validate(MAX_ACTIVE_GOALS - 1), Ok(()));
        let err = draft("Sleep better")
            .validate(MAX_ACTIVE_GOALS)
            .unwrap_err();
        assert!(err.fields()[0]
            .message
            .starts_with("You are already working on 3 goals."));
    }

    #[test]
    fn unknown_fields_in_a_draft_are_refused() {
        let json = r#"{"words":"x","agreed_by":"together","rating":3}"#;
        assert!(serde_json::from_str::<GoalDraft>(json).is_err());
    }

    #[test]
    fn only_goals_being_worked_on_are_active() {
        assert!(GoalStatus::WorkingOnIt.is_active());
        assert!(!GoalStatus::Achieved.is_active());
        assert!(!GoalStatus::Paused.is_active());
        assert!(!GoalStatus::LetGo.is_active());
    }
}
