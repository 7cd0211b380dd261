//! Sessions and session feedback: a short, kind form after each session ("faces"),
//! every question skippable or "rather not say", and the flag that tells a worker
//! to talk about it next time. The questions are the project's own words.

use crate::error::{FieldError, ValidationErrors};
use crate::i18n::words::Problem;
use crate::i18n::{fill, Lang};
use crate::ids::check_client_id;
use crate::text::check_length;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Faces from 1 (a sad face) to 5 (a big smile).
pub const FACE_MIN: u8 = 1;
pub const FACE_MAX: u8 = 5;
/// A session whose score (1 to 5) is below this shows a flag to the worker.
pub const LOW_SCORE: f32 = 3.0;
pub const MAX_COMMENT_CHARS: usize = 1_000;
pub const MAX_NOTE_CHARS: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Question {
    ListenedTo,
    WhatIWanted,
    WayWeWorked,
    PutOnTheSpot,
    Overall,
}

impl Question {
    pub const ALL: [Question; 5] = [
        Question::ListenedTo,
        Question::WhatIWanted,
        Question::WayWeWorked,
        Question::PutOnTheSpot,
        Question::Overall,
    ];

    /// The question, as the young person reads it.
    pub fn text(self, lang: Lang) -> &'static str {
        let t = &lang.later().feedback;
        match self {
            Question::ListenedTo => t.q_listened_to,
            Question::WhatIWanted => t.q_what_i_wanted,
            Question::WayWeWorked => t.q_way_we_worked,
            Question::PutOnTheSpot => t.q_put_on_the_spot,
            Question::Overall => t.q_overall,
        }
    }

    /// The words under the first and last face.
    pub fn ends(self, lang: Lang) -> (&'static str, &'static str) {
        let t = &lang.later().feedback;
        match self {
            Question::PutOnTheSpot => (t.end_a_lot, t.end_not_at_all),
            Question::Overall => (t.end_not_good, t.end_really_good),
            _ => (t.end_not_really, t.end_yes_a_lot),
        }
    }
}

/// One answer: a face, or "rather not say". A skipped question has no answer at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Face(u8),
    RatherNotSay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct QuestionAnswer {
    pub question: Question,
    pub answer: Answer,
}

/// Who may read the young person's comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommentFor {
    /// Their worker (and the worker's manager).
    #[default]
    Worker,
    /// Only the worker's manager.
    ManagerOnly,
}

/// Feedback as sent by the young person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewFeedback {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: String,
    /// The session it is about, if the worker recorded it.
    #[serde(default)]
    pub session_id: Option<i64>,
    #[serde(default)]
    pub answers: Vec<QuestionAnswer>,
    /// "What would make next time better?"
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub comment_for: CommentFor,
}

impl NewFeedback {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_client_id(&self.client_id, &mut errors);
        for (i, qa) in self.answers.iter().enumerate() {
            if let Answer::Face(face) = qa.answer {
                if !(FACE_MIN..=FACE_MAX).contains(&face) {
                    errors.push(FieldError::problem(
                        format!("answers[{i}]"),
                        Problem::choose_face,
                        &[("max", &FACE_MAX.to_string())],
                    ));
                }
            }
            if self.answers[..i].iter().any(|a| a.question == qa.question) {
                errors.push(FieldError::problem(
                    format!("answers[{i}]"),
                    Problem::answer_once,
                    &[],
                ));
            }
        }
        check_length(
            "comment",
            "what you wrote",
            &self.comment,
            MAX_COMMENT_CHARS,
            &mut errors,
        );
        ValidationErrors::result(errors)
    }
}

/// The session's score from 1 to 5: the average of the faces given. Every question's
/// faces already run from the saddest (1) to the happiest (5), "put on the spot" too:
/// its first face is "A lot" and its last "Not at all". So a face counts as it is, and
/// feeling put on the spot a lot is a low score. `None` when no question was answered
/// with a face.
pub fn score(answers: &[QuestionAnswer]) -> Option<f32> {
    let faces: Vec<f32> = answers
        .iter()
        .filter_map(|qa| match qa.answer {
            Answer::Face(face) => Some(f32::from(face)),
            Answer::RatherNotSay => None,
        })
        .collect();
    (!faces.is_empty()).then(|| faces.iter().sum::<f32>() / faces.len() as f32)
}

/// The words a young person reads for one face of a question: "1 of 5: A lot" under the
/// first and last faces, "3 of 5" for the ones between (for a screen reader, and beside
/// past answers).
pub fn face_words(question: Question, face: u8, lang: Lang) -> String {
    let words = &lang.later().feedback;
    let (low, high) = question.ends(lang);
    let (number, max) = (face.to_string(), FACE_MAX.to_string());
    let end = |end: &str| {
        fill(
            words.face_end,
            &[("face", &number), ("max", &max), ("words", end)],
        )
    };
    match face {
        FACE_MIN => end(low),
        FACE_MAX => end(high),
        _ => fill(words.face, &[("face", &number), ("max", &max)]),
    }
}

/// Why the worker is asked to talk about it next time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The latest score is low.
    LowScore,
    /// The score went down twice in a row.
    FellTwice,
}

impl Flag {
    /// For staff, in their language.
    pub fn explain(self, lang: Lang) -> &'static str {
        let t = &lang.staff_text().staff;
        match self {
            Flag::LowScore => t.flag_low_score,
            Flag::FellTwice => t.flag_fell_twice,
        }
    }
}

/// The flag for a run of scores, oldest first (feedback with no score is skipped).
pub fn flag(scores: &[Option<f32>]) -> Option<Flag> {
    let scored: Vec<f32> = scores.iter().flatten().copied().collect();
    let latest = *scored.last()?;
    if latest < LOW_SCORE {
        return Some(Flag::LowScore);
    }
    match scored.as_slice() {
        [.., a, b, c] if a > b && b > c => Some(Flag::FellTwice),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    OneToOne,
    Group,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SessionMode {
    FaceToFace,
    Phone,
    Online,
}

/// Why a session didn't happen, in words that blame no one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MissedReason {
    CouldntMakeIt,
    DidntFeelLikeIt,
    CancelledByUs,
    SomethingElse,
}

impl MissedReason {
    /// In words that blame no one.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let t = &lang.later().feedback;
        match self {
            MissedReason::CouldntMakeIt => t.missed_couldnt_make_it,
            MissedReason::DidntFeelLikeIt => t.missed_didnt_feel_like_it,
            MissedReason::CancelledByUs => t.missed_cancelled_by_us,
            MissedReason::SomethingElse => t.missed_something_else,
        }
    }
}

/// A worker records a session, or one that didn't happen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSession {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: String,
    #[serde(deserialize_with = "crate::iso::day")]
    pub held_on: NaiveDate,
    pub kind: SessionKind,
    pub mode: SessionMode,
    /// Who else was there, e.g. "Priya and the group".
    #[serde(default)]
    pub with_whom: String,
    /// `Some` when it didn't happen.
    #[serde(default)]
    pub missed: Option<MissedReason>,
}

impl NewSession {
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_client_id(&self.client_id, &mut errors);
        check_session(self.held_on, &self.with_whom, today, &mut errors);
        ValidationErrors::result(errors)
    }
}

/// The date (not in the future, not over a year ago) and "who was there" of a session, as
/// recorded or corrected.
fn check_session(
    held_on: NaiveDate,
    with_whom: &str,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) {
    if held_on > today {
        errors.push(FieldError::problem(
            "held_on",
            Problem::session_in_future,
            &[],
        ));
    } else if (today - held_on).num_days() > 366 {
        errors.push(FieldError::problem(
            "held_on",
            Problem::date_over_a_year_ago,
            &[],
        ));
    }
    check_length(
        "with_whom",
        "who was there",
        with_whom,
        MAX_NOTE_CHARS,
        errors,
    );
}

/// A session recorded by mistake, put right by the worker who recorded it (or their
/// manager): its date, kind, how, who was there, and whether it happened. The session as
/// it was is kept, with who changed it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionCorrection {
    #[serde(deserialize_with = "crate::iso::day")]
    pub held_on: NaiveDate,
    pub kind: SessionKind,
    pub mode: SessionMode,
    #[serde(default)]
    pub with_whom: String,
    /// `Some` when it didn't happen.
    #[serde(default)]
    pub missed: Option<MissedReason>,
}

impl SessionCorrection {
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_session(self.held_on, &self.with_whom, today, &mut errors);
        ValidationErrors::result(errors)
    }

    /// The session as it is now, to start a correction from.
    pub fn of(session: &Session) -> SessionCorrection {
        SessionCorrection {
            held_on: session.held_on,
            kind: session.kind,
            mode: session.mode,
            with_whom: session.with_whom.clone(),
            missed: session.missed,
        }
    }
}

/// The latest correction of a session: who made it, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionCorrected {
    pub by: String,
    #[serde(deserialize_with = "crate::iso::day")]
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    pub id: i64,
    #[serde(deserialize_with = "crate::iso::day")]
    pub held_on: NaiveDate,
    pub kind: SessionKind,
    pub mode: SessionMode,
    pub with_whom: String,
    pub missed: Option<MissedReason>,
    pub recorded_by: String,
    /// The young person has given feedback on it.
    pub has_feedback: bool,
    /// The one asking may correct or remove it: they recorded it, or they are a manager.
    #[serde(default)]
    pub can_change: bool,
    /// When it was last corrected, and by whom.
    #[serde(default)]
    pub corrected: Option<SessionCorrected>,
}

/// A note added after feedback: the young person's "what happened after I said this",
/// or the worker's "You said, we did".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUp {
    pub by: String,
    pub by_young_person: bool,
    pub words: String,
    #[serde(deserialize_with = "crate::iso::moment")]
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewFollowUp {
    pub words: String,
    /// Made by the client, so the note sent again (a try given up on a bad signal) is
    /// kept once. Optional: without one, each send is a note.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: Option<String>,
}

impl NewFollowUp {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        crate::ids::check_optional_client_id(&self.client_id, &mut errors);
        crate::text::check_required(
            "words",
            "what happened",
            &self.words,
            MAX_COMMENT_CHARS,
            &mut errors,
        );
        ValidationErrors::result(errors)
    }
}

/// Feedback as shown. The comment is `None` (and `comment_hidden` true) for a worker
/// when the young person chose "only the manager".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Feedback {
    pub id: i64,
    #[serde(deserialize_with = "crate::iso::day")]
    pub given_on: NaiveDate,
    #[serde(default, deserialize_with = "crate::iso::optional_day")]
    pub session_on: Option<NaiveDate>,
    pub answers: Vec<QuestionAnswer>,
    pub score: Option<f32>,
    pub comment: Option<String>,
    pub comment_hidden: bool,
    pub comment_for: CommentFor,
    /// Notes follow the comment they answer: when the comment is hidden, so are the notes
    /// under it, other than the reader's own.
    pub follow_ups: Vec<FollowUp>,
}

/// `GET /api/v1/young-people/{id}/feedback`: sessions, feedback oldest first, and the flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackOverview {
    pub first_name: String,
    pub sessions: Vec<Session>,
    pub feedback: Vec<Feedback>,
    pub flag: Option<Flag>,
}

impl FeedbackOverview {
    /// Puts feedback the server answered with into the list (oldest first): in place of
    /// the one with its id, or last when it is new; its session now has feedback, and the
    /// flag is worked out again as the server does.
    pub fn put_feedback(&mut self, feedback: Feedback, session_id: Option<i64>) {
        match self.feedback.iter_mut().find(|f| f.id == feedback.id) {
            Some(old) => *old = feedback,
            None => {
                self.feedback.push(feedback);
                self.feedback.sort_by_key(|f| f.id);
            }
        }
        if let Some(session) = self.sessions.iter_mut().find(|s| Some(s.id) == session_id) {
            session.has_feedback = true;
        }
        let scores: Vec<Option<f32>> = self.feedback.iter().map(|f| f.score).collect();
        self.flag = flag(&scores);
    }

    /// Takes a removed session out of the list.
    pub fn remove_session(&mut self, session_id: i64) {
        self.sessions.retain(|s| s.id != session_id);
    }

    /// Puts a session the server answered with into the list, by date then id.
    pub fn put_session(&mut self, session: Session) {
        match self.sessions.iter_mut().find(|s| s.id == session.id) {
            Some(old) => *old = session,
            None => self.sessions.push(session),
        }
        // A corrected date moves it too.
        self.sessions.sort_by_key(|s| (s.held_on, s.id));
    }
}

/// One young person's line in a manager's team view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamFeedbackRow {
    pub young_person_id: crate::ids::YoungPersonId,
    pub first_name: String,
    pub worker_name: String,
    pub latest_score: Option<f32>,
    #[serde(default, deserialize_with = "crate::iso::optional_day")]
    pub last_given_on: Option<NaiveDate>,
    pub flag: Option<Flag>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::fields_at_fault;

    fn given(id: i64, score: f32) -> Feedback {
        Feedback {
            id,
            given_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            session_on: None,
            answers: Vec::new(),
            score: Some(score),
            comment: None,
            comment_hidden: false,
            comment_for: CommentFor::Worker,
            follow_ups: Vec::new(),
        }
    }

    fn session(id: i64, day: u32) -> Session {
        Session {
            id,
            held_on: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            kind: SessionKind::OneToOne,
            mode: SessionMode::FaceToFace,
            with_whom: String::new(),
            missed: None,
            recorded_by: "Sam Rivers".into(),
            has_feedback: false,
            can_change: false,
            corrected: None,
        }
    }

    #[test]
    fn what_the_server_answered_is_put_into_the_overview_as_it_would_list_it() {
        let mut overview = FeedbackOverview {
            first_name: "Alex".into(),
            sessions: vec![session(1, 3)],
            feedback: vec![given(1, 4.0)],
            flag: None,
        };
        // A session held earlier goes before; one held later after.
        overview.put_session(session(3, 1));
        overview.put_session(session(2, 9));
        let ids: Vec<i64> = overview.sessions.iter().map(|s| s.id).collect();
        assert_eq!(ids, [3, 1, 2]);
        // Feedback on session 1: last in the list, the session has feedback, and a low
        // score raises the flag just as the server's list would.
        overview.put_feedback(given(2, 1.0), Some(1));
        assert_eq!(
            overview.feedback.iter().map(|f| f.id).collect::<Vec<_>>(),
            [1, 2]
        );
        assert!(
            overview
                .sessions
                .iter()
                .find(|s| s.id == 1)
                .unwrap()
                .has_feedback
        );
        let scores: Vec<Option<f32>> = overview.feedback.iter().map(|f| f.score).collect();
        assert_eq!(overview.flag, flag(&scores));
        assert!(overview.flag.is_some());
        // The same feedback again (a note added): in place, not twice.
        let mut noted = given(2, 1.0);
        noted.follow_ups.push(FollowUp {
            by: "Sam Rivers".into(),
            by_young_person: false,
            words: "Let's talk".into(),
            at: "2026-11-02T10:00:00Z".parse().unwrap(),
        });
        overview.put_feedback(noted, None);
        assert_eq!(overview.feedback.len(), 2);
        assert_eq!(overview.feedback[1].follow_ups.len(), 1);
    }

    fn qa(question: Question, answer: Answer) -> QuestionAnswer {
        QuestionAnswer { question, answer }
    }

    /// The answer a young person gives by tapping the face with these words under it
    /// (or read out for it), as the feedback page shows them in English.
    fn chose(question: Question, words: &str) -> QuestionAnswer {
        let face = (FACE_MIN..=FACE_MAX)
            .find(|&face| face_words(question, face, Lang::En) == words)
            .unwrap_or_else(|| panic!("no face of {question:?} reads {words:?}"));
        qa(question, Answer::Face(face))
    }

    #[test]
    fn the_faces_of_put_on_the_spot_run_from_a_lot_to_not_at_all() {
        let (first, last) = Question::PutOnTheSpot.ends(Lang::En);
        assert_eq!((first, last), ("A lot", "Not at all"));
        assert_eq!(
            face_words(Question::PutOnTheSpot, 1, Lang::En),
            "1 of 5: A lot"
        );
        assert_eq!(
            face_words(Question::PutOnTheSpot, 5, Lang::En),
            "5 of 5: Not at all"
        );
        assert_eq!(face_words(Question::PutOnTheSpot, 3, Lang::En), "3 of 5");
        assert_eq!(
            face_words(Question::PutOnTheSpot, 1, Lang::Cy),
            "1 o 5: Llawer"
        );
    }

    #[test]
    fn feeling_put_on_the_spot_a_lot_is_a_low_score_and_flagged() {
        // Every face of "Did you feel put on the spot?", answered on its own: the score
        // and whether the worker is asked to talk about it next time.
        let expected = [
            ("1 of 5: A lot", 1.0, Some(Flag::LowScore)),
            ("2 of 5", 2.0, Some(Flag::LowScore)),
            ("3 of 5", 3.0, None),
            ("4 of 5", 4.0, None),
            ("5 of 5: Not at all", 5.0, None),
        ];
        for (words, want_score, want_flag) in expected {
            let answers = [chose(Question::PutOnTheSpot, words)];
            assert_eq!(score(&answers), Some(want_score), "{words}");
            assert_eq!(flag(&[score(&answers)]), want_flag, "{words}");
        }
    }

    #[test]
    fn put_on_the_spot_counts_like_every_other_question() {
        // Listened to a bit, "overall" in the middle, but put on the spot a lot:
        // (3 + 3 + 1) / 3, a low score (it used to come out as 3.7).
        let answers = [
            chose(Question::ListenedTo, "3 of 5"),
            chose(Question::Overall, "3 of 5"),
            chose(Question::PutOnTheSpot, "1 of 5: A lot"),
        ];
        let got = score(&answers).unwrap();
        assert!((got - 7.0 / 3.0).abs() < 1e-6, "{got}");
        assert_eq!(flag(&[Some(got)]), Some(Flag::LowScore));
        // Happy everywhere and not put on the spot at all: the top score, no flag.
        let happy = [
            chose(Question::ListenedTo, "5 of 5: Yes, a lot"),
            chose(Question::PutOnTheSpot, "5 of 5: Not at all"),
            chose(Question::Overall, "5 of 5: Really good"),
            qa(Question::WayWeWorked, Answer::RatherNotSay),
        ];
        assert_eq!(score(&happy), Some(5.0));
        assert_eq!(flag(&[score(&happy)]), None);
    }

    #[test]
    fn skipping_everything_or_rather_not_say_gives_no_score() {
        assert_eq!(score(&[]), None);
        assert_eq!(score(&[qa(Question::Overall, Answer::RatherNotSay)]), None);
    }

    #[test]
    fn a_low_latest_score_is_flagged() {
        assert_eq!(flag(&[Some(4.5), Some(2.5)]), Some(Flag::LowScore));
        assert_eq!(flag(&[Some(2.0), Some(3.0)]), None);
    }

    #[test]
    fn falling_twice_in_a_row_is_flagged_even_when_still_high() {
        assert_eq!(
            flag(&[Some(5.0), Some(4.5), Some(4.0)]),
            Some(Flag::FellTwice)
        );
        assert_eq!(flag(&[Some(5.0), Some(4.0), Some(4.0)]), None);
        // Feedback with no score doesn't break the run.
        assert_eq!(
            flag(&[Some(5.0), None, Some(4.5), Some(4.0)]),
            Some(Flag::FellTwice)
        );
        assert_eq!(flag(&[]), None);
    }

    #[test]
    fn answers_are_checked_but_every_question_can_be_skipped() {
        let mut feedback = NewFeedback {
            client_id: "abc-123".into(),
            session_id: None,
            answers: vec![],
            comment: String::new(),
            comment_for: CommentFor::Worker,
        };
        assert_eq!(feedback.validate(), Ok(()));
        feedback.answers = vec![
            qa(Question::Overall, Answer::Face(6)),
            qa(Question::Overall, Answer::Face(3)),
        ];
        assert_eq!(
            fields_at_fault(feedback.validate()),
            ["answers[0]", "answers[1]"]
        );
    }

    #[test]
    fn answers_read_from_json_as_a_face_or_rather_not_say() {
        let a: QuestionAnswer =
            serde_json::from_str(r#"{"question":"overall","answer":{"face":4}}"#).unwrap();
        assert_eq!(a.answer, Answer::Face(4));
        let b: QuestionAnswer =
            serde_json::from_str(r#"{"question":"put_on_the_spot","answer":"rather_not_say"}"#)
                .unwrap();
        assert_eq!(b.answer, Answer::RatherNotSay);
    }

    #[test]
    fn missed_sessions_are_described_without_blame() {
        for reason in [
            MissedReason::CouldntMakeIt,
            MissedReason::DidntFeelLikeIt,
            MissedReason::CancelledByUs,
            MissedReason::SomethingElse,
        ] {
            let label = reason.label(crate::i18n::Lang::En).to_lowercase();
            for blame in ["fail", "refus", "no-show", "did not attend", "dna"] {
                assert!(!label.contains(blame), "{label}");
            }
        }
    }

    #[test]
    fn a_session_cannot_be_recorded_before_it_happens() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let session = NewSession {
            client_id: "s-1".into(),
            held_on: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            kind: SessionKind::OneToOne,
            mode: SessionMode::FaceToFace,
            with_whom: String::new(),
            missed: None,
        };
        assert!(session.validate(today).is_err());
        let past = NewSession {
            held_on: today,
            ..session
        };
        assert_eq!(past.validate(today), Ok(()));
    }
}
