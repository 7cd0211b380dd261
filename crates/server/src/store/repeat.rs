//! A write sent again. Every write a phone may send twice (a bad signal, a retry from the
//! outbox) carries a `client_id`, unique in its table; the first one is kept, and the
//! same `client_id` again is answered with what was kept, changing nothing. The same
//! `client_id` for someone else is refused. Used by every such write, inside its
//! transaction, before it writes anything.

use crate::error::ApiError;
use journey_core::i18n::words::Problem;
use journey_core::FieldError;
use sqlx::AnyConnection;

/// Where a write with a `client_id` is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// Session feedback from the young person.
    Feedback,
    /// A session recorded by a worker (or one that didn't happen).
    Session,
    /// A new goal.
    Goal,
    /// One session's goal ratings.
    GoalRatings,
    /// A "How I'm doing" check-in.
    CheckIn,
    /// "I don't feel safe".
    SafetyFlag,
    /// What staff did about a flag (its owner is the flag).
    SafetyAction,
    /// A concern raised.
    Concern,
    /// A concern taken to its next stage (its owner is the concern).
    NextStage,
    /// A manager's answer to a concern (its owner is the concern).
    ConcernReply,
    /// A note after session feedback (its owner is the feedback).
    FollowUp,
    /// A young person added by a worker (its owner is the account that added them).
    YoungPerson,
    /// Good news the young person shared.
    GoodNews,
    /// A reply to good news (its owner is the young person whose news it is).
    GoodNewsReply,
    /// "My view" about the plan or a step.
    View,
    /// Staff's reply to a view.
    ViewReply,
    /// A young person's preparation for their review.
    ReviewPrep,
    /// A review recorded by a worker.
    Review,
}

impl Kept {
    /// The record's id (as text) and whose it is, by `client_id`.
    fn query(self) -> &'static str {
        match self {
            Kept::Feedback => {
                "SELECT CAST(id AS TEXT), young_person_id FROM feedback WHERE client_id = $1"
            }
            Kept::Session => {
                "SELECT CAST(id AS TEXT), young_person_id FROM care_sessions WHERE client_id = $1"
            }
            Kept::Goal => "SELECT id, young_person_id FROM goals WHERE client_id = $1",
            Kept::GoalRatings => {
                "SELECT CAST(id AS TEXT), young_person_id FROM goal_sessions WHERE client_id = $1"
            }
            Kept::CheckIn => {
                "SELECT CAST(id AS TEXT), young_person_id FROM check_ins WHERE client_id = $1"
            }
            Kept::SafetyFlag => "SELECT id, young_person_id FROM safety_flags WHERE client_id = $1",
            Kept::SafetyAction => {
                "SELECT CAST(id AS TEXT), flag_id FROM safety_actions WHERE client_id = $1"
            }
            Kept::Concern => "SELECT id, young_person_id FROM concerns WHERE client_id = $1",
            Kept::NextStage => {
                "SELECT concern_id, concern_id FROM concern_stages WHERE client_id = $1"
            }
            Kept::ConcernReply => {
                "SELECT CAST(id AS TEXT), concern_id FROM concern_replies WHERE client_id = $1"
            }
            Kept::FollowUp => {
                "SELECT CAST(id AS TEXT), CAST(feedback_id AS TEXT) FROM feedback_follow_ups
                  WHERE client_id = $1"
            }
            Kept::YoungPerson => "SELECT id, added_by FROM young_people WHERE client_id = $1",
            Kept::GoodNews => {
                "SELECT CAST(id AS TEXT), young_person_id FROM good_news WHERE client_id = $1"
            }
            Kept::GoodNewsReply => {
                "SELECT CAST(r.id AS TEXT), g.young_person_id FROM good_news_replies r
                 JOIN good_news g ON g.id = r.good_news_id WHERE r.client_id = $1"
            }
            Kept::View => {
                "SELECT CAST(id AS TEXT), young_person_id FROM views WHERE client_id = $1"
            }
            Kept::ViewReply => {
                "SELECT CAST(id AS TEXT), young_person_id FROM view_replies WHERE client_id = $1"
            }
            Kept::ReviewPrep => {
                "SELECT CAST(id AS TEXT), young_person_id FROM review_preps WHERE client_id = $1"
            }
            Kept::Review => {
                "SELECT CAST(id AS TEXT), young_person_id FROM reviews WHERE client_id = $1"
            }
        }
    }
}

/// `Some(id)` of the record this `client_id` made for `owner` (a young person's id, or
/// for [`Kept::NextStage`] and [`Kept::ConcernReply`] the concern's, for
/// [`Kept::FollowUp`] the feedback's, for [`Kept::YoungPerson`] the account that added
/// them): the write is a repeat. `None`: it is new.
/// A conflict on `client_id` when it was sent for someone else.
pub async fn earlier(
    conn: &mut AnyConnection,
    kept: Kept,
    owner: &str,
    client_id: &str,
) -> Result<Option<String>, ApiError> {
    let found: Option<(String, String)> = sqlx::query_as(kept.query())
        .bind(client_id)
        .fetch_optional(conn)
        .await?;
    match found {
        Some((id, of)) if of == owner => Ok(Some(id)),
        Some(_) => Err(ApiError::Conflict(FieldError::problem(
            "client_id",
            Problem::already_sent,
            &[],
        ))),
        None => Ok(None),
    }
}
