//! Goals in the Goal Based Outcomes way: a few goals, agreed together, kept in the young
//! person's own words exactly as typed, each rated 0 to 10 ("how close am I?").

use crate::error::{FieldError, ValidationErrors};
use crate::i18n::fill;
use crate::i18n::words::Problem;
use crate::ids::check_client_id;
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgreedBy {
    YoungPerson,
    Together,
    Worker,
    ParentOrCarer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let words = &lang.later().goals;
        match self {
            GoalStatus::WorkingOnIt => words.status_working,
            GoalStatus::Achieved => words.status_achieved,
            GoalStatus::Paused => words.status_paused,
            GoalStatus::LetGo => words.status_let_go,
        }
    }
}

/// Who typed something on a shared phone or tablet. A worker's device can be handed to
/// the young person ("Your turn"); the client says whose turn it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TypedBy {
    YoungPerson,
    Worker,
}

/// A goal as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Goal {
    pub id: String,
    /// In the young person's own words, exactly as typed.
    pub words: String,
    pub what_will_help: Option<String>,
    pub agreed_by: AgreedBy,
    #[serde(deserialize_with = "crate::iso::day")]
    pub set_on: NaiveDate,
    pub status: GoalStatus,
    /// Why it was closed (achieved, paused or let go), when it was.
    pub closed_reason: Option<String>,
    /// Who typed the current words: "Alex", or "Sam Rivers (worker)".
    #[serde(default)]
    pub typed_by: String,
    /// Earlier wordings, oldest first: rewording keeps the old words.
    #[serde(default)]
    pub earlier_words: Vec<EarlierWords>,
    /// "How close am I?", one per session, oldest first. The first is the baseline.
    #[serde(default)]
    pub ratings: Vec<RatingPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EarlierWords {
    pub words: String,
    pub typed_by: String,
    #[serde(deserialize_with = "crate::iso::day")]
    pub until: NaiveDate,
}

/// One session's rating of one goal. `None`: "I'd rather not say".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingPoint {
    #[serde(deserialize_with = "crate::iso::day")]
    pub on: NaiveDate,
    pub rating: Option<GoalRating>,
}

/// A young person's goals: `GET /api/v1/young-people/{id}/goals`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Goals {
    pub first_name: String,
    pub max_active: usize,
    /// Goals being worked on first, then closed ones; newest first within each.
    pub goals: Vec<Goal>,
}

impl Goals {
    /// Puts a goal the server answered with into the list: in place of the one with its
    /// id, or first when it is new. Goals being worked on stay first, in the order they
    /// were, as the server lists them.
    pub fn put(&mut self, goal: Goal) {
        match self.goals.iter_mut().find(|g| g.id == goal.id) {
            Some(old) => *old = goal,
            None => self.goals.insert(0, goal),
        }
        // Those being worked on first, each part in its order (a partition: a sort would be
        // code of its own in the young person's app).
        let (mut goals, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.goals)
            .into_iter()
            .partition(|g| g.status == GoalStatus::WorkingOnIt);
        goals.extend(rest);
        self.goals = goals;
    }
}

/// A new goal, as sent by the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GoalDraft {
    pub words: String,
    #[serde(default)]
    pub what_will_help: Option<String>,
    pub agreed_by: AgreedBy,
    /// On a worker's device: whose turn it was. A young person's own device: ignored.
    #[serde(default)]
    pub typed_by: Option<TypedBy>,
    /// Made by the client, so sending the goal again (a try given up on a bad signal)
    /// makes it once. Optional: without one, each send makes a goal.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: Option<String>,
}

/// New words for a goal. Only the young person rewords their goal; the old words are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GoalReword {
    pub words: String,
    #[serde(default)]
    pub typed_by: Option<TypedBy>,
}

impl GoalReword {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_required(
            "words",
            "your goal",
            &self.words,
            MAX_GOAL_CHARS,
            &mut errors,
        );
        ValidationErrors::result(errors)
    }
}

/// Closing a goal (achieved, paused, let go) or taking it up again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GoalStatusChange {
    pub status: GoalStatus,
    /// Why, in their words; optional.
    #[serde(default)]
    pub reason: Option<String>,
}

impl GoalStatusChange {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        if let Some(reason) = &self.reason {
            check_length(
                "reason",
                "the reason",
                reason,
                MAX_GOAL_NOTE_CHARS,
                &mut errors,
            );
        }
        ValidationErrors::result(errors)
    }
}

/// One session's ratings. `client_id` is made by the client, so sending twice (a retry
/// after a lost answer) records the session once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionRatings {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: String,
    pub ratings: Vec<RatingInput>,
    #[serde(default)]
    pub typed_by: Option<TypedBy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingInput {
    pub goal_id: String,
    /// `None`: "I'd rather not say", a real answer.
    pub rating: Option<GoalRating>,
}

impl SessionRatings {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_client_id(&self.client_id, &mut errors);
        if self.ratings.is_empty() {
            errors.push(FieldError::problem(
                "ratings",
                Problem::no_goals_to_rate,
                &[],
            ));
        }
        for (i, rating) in self.ratings.iter().enumerate() {
            if self.ratings[..i]
                .iter()
                .any(|r| r.goal_id == rating.goal_id)
            {
                errors.push(FieldError::problem(
                    format!("ratings[{i}]"),
                    Problem::goal_rated_once,
                    &[],
                ));
            }
        }
        ValidationErrors::result(errors)
    }
}

/// Progress on one goal: from the first rating (the baseline) to the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Progress {
    pub baseline: u8,
    pub latest: u8,
    /// Sessions with a number (not "rather not say").
    pub rated_sessions: usize,
}

impl Progress {
    /// From ratings oldest first; "rather not say" is skipped. `None` if never rated.
    pub fn from_ratings(ratings: &[RatingPoint]) -> Option<Progress> {
        let mut values = ratings
            .iter()
            .filter_map(|r| r.rating.map(GoalRating::value));
        let baseline = values.next()?;
        let (latest, count) = values.fold((baseline, 1), |(_, n), v| (v, n + 1));
        Some(Progress {
            baseline,
            latest,
            rated_sessions: count,
        })
    }

    pub fn change(self) -> i16 {
        i16::from(self.latest) - i16::from(self.baseline)
    }

    /// The sentence beside the chart, and its text alternative.
    pub fn describe(self, lang: crate::i18n::Lang) -> String {
        let words = &lang.later().goals;
        if self.rated_sessions == 1 {
            fill(words.progress_started, &[("n", &self.baseline.to_string())])
        } else {
            fill(
                words.progress_from_to,
                &[
                    ("from", &self.baseline.to_string()),
                    ("to", &self.latest.to_string()),
                    ("n", &self.rated_sessions.to_string()),
                ],
            )
        }
    }
}

impl GoalDraft {
    /// Checks the draft, given how many goals are already being worked on.
    /// The words are never changed: they are kept exactly as typed.
    pub fn validate(&self, active_goals: usize) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        crate::ids::check_optional_client_id(&self.client_id, &mut errors);
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
            errors.push(FieldError::problem(
                "words",
                Problem::goals_full,
                &[("max", &MAX_ACTIVE_GOALS.to_string())],
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
            Err(FieldError::problem(
                "rating",
                Problem::rating_range,
                &[
                    ("min", &RATING_MIN.to_string()),
                    ("max", &RATING_MAX.to_string()),
                ],
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
    use crate::error::fields_at_fault;

    fn goal(id: &str, status: GoalStatus) -> Goal {
        Goal {
            id: id.into(),
            words: format!("goal {id}"),
            what_will_help: None,
            agreed_by: AgreedBy::Together,
            set_on: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            status,
            closed_reason: None,
            typed_by: "Alex".into(),
            earlier_words: Vec::new(),
            ratings: Vec::new(),
        }
    }

    #[test]
    fn a_goal_answered_is_put_where_the_server_would_list_it() {
        use GoalStatus::*;
        let mut goals = Goals {
            first_name: "Alex".into(),
            max_active: MAX_ACTIVE_GOALS,
            goals: vec![
                goal("b", WorkingOnIt),
                goal("a", WorkingOnIt),
                goal("z", LetGo),
            ],
        };
        let ids = |g: &Goals| g.goals.iter().map(|g| g.id.clone()).collect::<Vec<_>>();
        // New: first.
        goals.put(goal("c", WorkingOnIt));
        assert_eq!(ids(&goals), ["c", "b", "a", "z"]);
        // Reworded: in place.
        let mut reworded = goal("b", WorkingOnIt);
        reworded.words = "new words".into();
        goals.put(reworded);
        assert_eq!(ids(&goals), ["c", "b", "a", "z"]);
        assert_eq!(goals.goals[1].words, "new words");
        // Reached: after those being worked on.
        goals.put(goal("c", Achieved));
        assert_eq!(ids(&goals), ["b", "a", "c", "z"]);
        // Taken up again: back among them, in its place.
        goals.put(goal("c", WorkingOnIt));
        assert_eq!(ids(&goals), ["b", "a", "c", "z"]);
    }

    fn draft(words: &str) -> GoalDraft {
        GoalDraft {
            words: words.into(),
            what_will_help: None,
            agreed_by: AgreedBy::Together,
            typed_by: None,
            client_id: None,
        }
    }

    fn point(rating: Option<u8>) -> RatingPoint {
        RatingPoint {
            on: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            rating: rating.map(|r| GoalRating::parse(r).unwrap()),
        }
    }

    #[test]
    fn progress_runs_from_the_first_number_to_the_latest() {
        let ratings = [
            point(None),
            point(Some(2)),
            point(Some(4)),
            point(None),
            point(Some(6)),
        ];
        let progress = Progress::from_ratings(&ratings).unwrap();
        assert_eq!(
            (progress.baseline, progress.latest, progress.rated_sessions),
            (2, 6, 3)
        );
        assert_eq!(progress.change(), 4);
        assert_eq!(
            progress.describe(crate::i18n::Lang::En),
            "From 2 to 6 over 3 sessions."
        );
        // Welsh numerals take the singular noun: "3 sesiwn".
        assert_eq!(
            progress.describe(crate::i18n::Lang::Cy),
            "O 2 i 6 dros 3 sesiwn."
        );
    }

    #[test]
    fn one_rating_is_a_start_and_none_is_no_progress_yet() {
        assert_eq!(
            Progress::from_ratings(&[point(Some(3))])
                .unwrap()
                .describe(crate::i18n::Lang::En),
            "Started at 3 out of 10."
        );
        assert_eq!(Progress::from_ratings(&[point(None)]), None);
        assert_eq!(Progress::from_ratings(&[]), None);
    }

    #[test]
    fn going_down_is_a_negative_change() {
        let p = Progress::from_ratings(&[point(Some(7)), point(Some(5))]).unwrap();
        assert_eq!(p.change(), -2);
    }

    fn ratings(client_id: &str, goals: &[&str]) -> SessionRatings {
        SessionRatings {
            client_id: client_id.into(),
            ratings: goals
                .iter()
                .map(|g| RatingInput {
                    goal_id: (*g).into(),
                    rating: None,
                })
                .collect(),
            typed_by: None,
        }
    }

    #[test]
    fn a_session_rates_each_goal_once_and_needs_a_proper_id() {
        assert_eq!(ratings("5d1f0c1e-7a3b", &["a", "b"]).validate(), Ok(()));
        assert_eq!(
            fields_at_fault(ratings("", &["a"]).validate()),
            ["client_id"]
        );
        assert_eq!(
            fields_at_fault(ratings("x y", &["a"]).validate()),
            ["client_id"]
        );
        assert_eq!(fields_at_fault(ratings("ok", &[]).validate()), ["ratings"]);
        assert_eq!(
            fields_at_fault(ratings("ok", &["a", "b", "a"]).validate()),
            ["ratings[2]"]
        );
    }

    #[test]
    fn rather_not_say_is_a_real_answer_in_json() {
        let input: RatingInput = serde_json::from_str(r#"{"goal_id":"g","rating":null}"#).unwrap();
        assert_eq!(input.rating, None);
        assert!(serde_json::from_str::<RatingInput>(r#"{"goal_id":"g","rating":11}"#).is_err());
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
    fn a_goal_may_carry_a_client_id_and_a_bad_one_is_refused() {
        let with = |client_id: &str| GoalDraft {
            client_id: Some(client_id.into()),
            ..draft("Sleep better")
        };
        assert_eq!(with("5d1f0c1e-7a3b").validate(0), Ok(()));
        for bad in ["", "x y", &"a".repeat(65)] {
            let err = with(bad).validate(0).unwrap_err();
            assert_eq!(err.fields()[0].field, "client_id", "{bad:?}");
        }
        // Without one (an older app): as before.
        let json = r#"{"words":"x","agreed_by":"together"}"#;
        let read: GoalDraft = serde_json::from_str(json).unwrap();
        assert_eq!(read.client_id, None);
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
