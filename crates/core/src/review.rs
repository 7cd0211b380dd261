//! The review: the young person getting ready for it (all optional, in their own words,
//! shared with their worker and, if they choose, the person who chairs the review), the
//! worker's record of what was decided, and the rule that the plan is updated within 48
//! hours of a review (Core Practice Standards).

use crate::checkin::your_worker;
use crate::error::{FieldError, ValidationErrors};
use crate::i18n::words::Problem;
use crate::i18n::{capitalise, fill, Lang};
use crate::ids::check_client_id;
use crate::text::{check_length, check_required};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Longest answer to one question of the preparation, in characters.
pub const MAX_PREP_CHARS: usize = 1_000;
/// Longest record of what was decided at a review.
pub const MAX_DECISIONS_CHARS: usize = 2_000;
/// Longest job title of the person who chairs the review.
pub const MAX_CHAIR_ROLE_CHARS: usize = 300;
/// My Journey offers "Get ready for my review" from this many days before it.
pub const OFFER_DAYS_BEFORE: i64 = 14;
/// The plan is updated within this many hours of a review.
pub const PLAN_UPDATE_HOURS: i64 = 48;

/// Who chairs the review (for a child in care, their Independent Reviewing Officer): a
/// member of staff, chosen by their username in the plan editor. The young person sees
/// their name and role only: the server never sends them the username.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewChair {
    /// Staff only; empty in what the young person gets.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub username: String,
    /// Their name, filled in by the server from their account.
    #[serde(default)]
    pub name: String,
    /// Their job, in words the young person understands.
    pub role: String,
}

impl ReviewChair {
    pub fn validate(&self, errors: &mut Vec<FieldError>) {
        check_required(
            "review_chair.username",
            "the username of the person who chairs the review",
            &self.username,
            MAX_CHAIR_ROLE_CHARS,
            errors,
        );
        check_required(
            "review_chair.role",
            "their job",
            &self.role,
            MAX_CHAIR_ROLE_CHARS,
            errors,
        );
    }

    /// "Jo Bloggs, your independent reviewing officer".
    pub fn said(&self) -> String {
        format!("{}, {}", self.name.trim(), self.role.trim())
    }
}

/// How the young person will take part in their review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TakePart {
    SpeakForMyself,
    /// An advocate speaks for them.
    SomeoneSpeaksForMe,
    /// They send their words instead of going.
    SendMyWords,
}

impl TakePart {
    pub const ALL: [TakePart; 3] = [
        TakePart::SpeakForMyself,
        TakePart::SomeoneSpeaksForMe,
        TakePart::SendMyWords,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        let t = &lang.later().review_screens;
        match self {
            TakePart::SpeakForMyself => t.speak_myself,
            TakePart::SomeoneSpeaksForMe => t.someone_speaks,
            TakePart::SendMyWords => t.send_words,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TakePart::SpeakForMyself => "speak_for_myself",
            TakePart::SomeoneSpeaksForMe => "someone_speaks_for_me",
            TakePart::SendMyWords => "send_my_words",
        }
    }

    pub fn parse(text: &str) -> Option<TakePart> {
        TakePart::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// The young person's preparation for their review, as the app sends it. Every part is
/// optional; something must be written or chosen. `client_id` is made by the app, so a
/// retry from the outbox records it once.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewReviewPrep {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: String,
    #[serde(default)]
    pub went_well: String,
    #[serde(default)]
    pub not_gone_well: String,
    /// What I want to happen next.
    #[serde(default)]
    pub next: String,
    /// Who I want there.
    #[serde(default)]
    pub want_there: String,
    /// Who I don't want there.
    #[serde(default)]
    pub not_there: String,
    #[serde(default)]
    pub take_part: Option<TakePart>,
    /// Questions I want answered.
    #[serde(default)]
    pub questions: String,
    /// Share it with the person who chairs the review (if the plan names one).
    #[serde(default)]
    pub share_with_chair: bool,
}

impl NewReviewPrep {
    /// The written parts, with their field names, in the order the form asks them.
    pub fn answers(&self) -> [(&'static str, &str); 6] {
        [
            ("went_well", &self.went_well),
            ("not_gone_well", &self.not_gone_well),
            ("next", &self.next),
            ("want_there", &self.want_there),
            ("not_there", &self.not_there),
            ("questions", &self.questions),
        ]
    }

    /// Nothing written and nothing chosen.
    pub fn is_empty(&self) -> bool {
        self.take_part.is_none() && self.answers().iter().all(|(_, a)| a.trim().is_empty())
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_client_id(&self.client_id, &mut errors);
        if self.is_empty() {
            errors.push(FieldError::problem("went_well", Problem::prep_empty, &[]));
        }
        for (field, words) in self.answers() {
            check_length(field, "what you wrote", words, MAX_PREP_CHARS, &mut errors);
        }
        ValidationErrors::result(errors)
    }
}

/// Someone who read the young person's preparation, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrepRead {
    /// Their name as the young person knows them ("Sam Jones").
    pub by: String,
    #[serde(deserialize_with = "crate::iso::moment")]
    pub at: DateTime<Utc>,
}

/// A preparation as stored and shown, with who has read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewPrep {
    pub id: i64,
    pub went_well: String,
    pub not_gone_well: String,
    pub next: String,
    pub want_there: String,
    pub not_there: String,
    pub take_part: Option<TakePart>,
    pub questions: String,
    /// The person who chairs the review it was shared with (name and role only), if any.
    pub shared_with: Option<ReviewChair>,
    #[serde(deserialize_with = "crate::iso::moment")]
    pub at: DateTime<Utc>,
    /// Oldest first.
    pub read_by: Vec<PrepRead>,
}

/// One line of a chair's list: a preparation shared with them, and whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedPrep {
    pub young_person_id: crate::ids::YoungPersonId,
    /// The name they like to be called.
    pub first_name: String,
    pub prep: ReviewPrep,
}

/// The worker records that the review happened. `client_id` as for every write that may
/// wait in an outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewReview {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: String,
    /// The day the review meeting was held.
    #[serde(deserialize_with = "crate::iso::day")]
    pub held_on: NaiveDate,
    /// The main decisions, in plain words for the young person.
    pub decisions: String,
    #[serde(default, deserialize_with = "crate::iso::optional_day")]
    pub next_review: Option<NaiveDate>,
}

impl NewReview {
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_client_id(&self.client_id, &mut errors);
        if self.held_on > today {
            errors.push(FieldError::problem(
                "held_on",
                Problem::review_in_future,
                &[],
            ));
        } else if (today - self.held_on).num_days() > 365 {
            errors.push(FieldError::problem(
                "held_on",
                Problem::date_over_a_year_ago,
                &[],
            ));
        }
        check_required(
            "decisions",
            "what was decided",
            &self.decisions,
            MAX_DECISIONS_CHARS,
            &mut errors,
        );
        if let Some(next) = self.next_review {
            if next <= self.held_on {
                errors.push(FieldError::problem(
                    "next_review",
                    Problem::next_review_after,
                    &[],
                ));
            } else if (next - today).num_days() > 5 * 365 {
                errors.push(FieldError::problem(
                    "next_review",
                    Problem::date_years_away,
                    &[("count", "5")],
                ));
            }
        }
        ValidationErrors::result(errors)
    }
}

/// A review as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Review {
    pub id: i64,
    #[serde(deserialize_with = "crate::iso::day")]
    pub held_on: NaiveDate,
    pub decisions: String,
    #[serde(default, deserialize_with = "crate::iso::optional_day")]
    pub next_review: Option<NaiveDate>,
    /// Who recorded it (their name).
    pub by: String,
    /// When it was recorded.
    #[serde(deserialize_with = "crate::iso::moment")]
    pub at: DateTime<Utc>,
}

/// The reviews (newest first), who has read the young person's newest preparation, and
/// whether the plan is waiting to be updated after the newest review.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reviews {
    pub reviews: Vec<Review>,
    /// Who read the newest preparation, oldest first.
    pub prep_read_by: Vec<PrepRead>,
    /// [`plan_not_updated_since_review`] for the newest review.
    pub plan_not_updated_since_review: bool,
}

/// When the plan must be updated by, after a review recorded at `recorded_at`.
pub fn plan_due_by(recorded_at: DateTime<Utc>) -> DateTime<Utc> {
    recorded_at + Duration::hours(PLAN_UPDATE_HOURS)
}

/// The 48-hour rule: a review was recorded more than 48 hours ago and no version of the
/// plan has been saved since the day of the review (a plan updated at the meeting, before
/// the review was recorded, counts).
pub fn plan_not_updated_since_review(
    held_on: NaiveDate,
    recorded_at: DateTime<Utc>,
    last_plan_saved: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let updated = last_plan_saved.is_some_and(|saved| saved.date_naive() >= held_on);
    !updated && now > plan_due_by(recorded_at)
}

/// My Journey offers "Get ready for my review" from two weeks before it, to the day.
pub fn offer_review_prep(next_review: NaiveDate, today: NaiveDate) -> bool {
    (0..=OFFER_DAYS_BEFORE).contains(&(next_review - today).num_days())
}

/// "Who can see this" for the preparation: the worker and their manager always, and the
/// person who chairs the review when the young person chooses to share it.
pub fn prep_who_can_see(
    lang: Lang,
    worker: Option<&str>,
    chair: Option<&ReviewChair>,
    share_with_chair: bool,
) -> String {
    let t = &lang.later().review_screens;
    let mut words = capitalise(&fill(
        t.sees_worker,
        &[("worker", &your_worker(lang, worker))],
    ));
    if let Some(chair) = chair {
        let template = if share_with_chair {
            t.sees_chair_too
        } else {
            t.chair_wont_see
        };
        words.push(' ');
        words.push_str(&fill(template, &[("name", chair.name.trim())]));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::d;

    fn at(y: i32, m: u32, day: u32, h: u32) -> DateTime<Utc> {
        d(y, m, day).and_hms_opt(h, 0, 0).unwrap().and_utc()
    }

    fn prep() -> NewReviewPrep {
        NewReviewPrep {
            client_id: "prep-1".into(),
            ..NewReviewPrep::default()
        }
    }

    #[test]
    fn one_answer_or_one_choice_is_enough_and_nothing_is_explained() {
        let err = prep().validate().unwrap_err();
        assert_eq!(err.fields()[0].field, "went_well");
        let mut words = prep();
        words.questions = "Can I see my brother more?".into();
        assert_eq!(words.validate(), Ok(()));
        let mut choice = prep();
        choice.take_part = Some(TakePart::SendMyWords);
        assert_eq!(choice.validate(), Ok(()));
        let mut blank = prep();
        blank.next = "  \n".into();
        assert!(blank.validate().is_err());
    }

    #[test]
    fn each_answer_has_a_limit_and_the_id_is_checked() {
        let mut long = prep();
        long.not_there = "ŵ".repeat(MAX_PREP_CHARS + 1);
        long.client_id = "no spaces".into();
        let err = long.validate().unwrap_err();
        assert_eq!(err.field_names(), ["client_id", "not_there"]);
    }

    #[test]
    fn how_they_take_part_reads_and_writes_as_snake_case() {
        let parsed: NewReviewPrep = serde_json::from_str(
            r#"{"client_id":"a","take_part":"someone_speaks_for_me","share_with_chair":true}"#,
        )
        .unwrap();
        assert_eq!(parsed.take_part, Some(TakePart::SomeoneSpeaksForMe));
        assert!(parsed.share_with_chair);
        for take_part in TakePart::ALL {
            assert_eq!(TakePart::parse(take_part.as_str()), Some(take_part));
            let json = serde_json::to_string(&take_part).unwrap();
            assert_eq!(json, format!("\"{}\"", take_part.as_str()));
        }
    }

    #[test]
    fn a_review_needs_decisions_a_past_day_and_a_later_next_review() {
        let today = d(2026, 12, 1);
        let review = NewReview {
            client_id: "r-1".into(),
            held_on: d(2026, 11, 30),
            decisions: "You will stay with Jo and Chris.".into(),
            next_review: Some(d(2027, 5, 30)),
        };
        assert_eq!(review.validate(today), Ok(()));
        let bad = NewReview {
            held_on: d(2026, 12, 2),
            decisions: " ".into(),
            next_review: Some(d(2026, 12, 2)),
            ..review.clone()
        };
        let err = bad.validate(today).unwrap_err();
        assert_eq!(err.field_names(), ["held_on", "decisions", "next_review"]);
    }

    #[test]
    fn the_plan_is_late_48_hours_after_the_review_is_recorded_and_not_before() {
        let held = d(2026, 11, 30);
        let recorded = at(2026, 11, 30, 15);
        // Not updated: fine for 48 hours, late after.
        assert!(!plan_not_updated_since_review(
            held,
            recorded,
            None,
            at(2026, 12, 2, 15)
        ));
        assert!(plan_not_updated_since_review(
            held,
            recorded,
            None,
            at(2026, 12, 2, 16)
        ));
        // A plan saved before the review does not count.
        assert!(plan_not_updated_since_review(
            held,
            recorded,
            Some(at(2026, 11, 29, 23)),
            at(2026, 12, 5, 0)
        ));
        // Saved on the day of the review (even before it was recorded) or after: done.
        for saved in [at(2026, 11, 30, 9), at(2026, 12, 3, 10)] {
            assert!(!plan_not_updated_since_review(
                held,
                recorded,
                Some(saved),
                at(2026, 12, 9, 0)
            ));
        }
        assert_eq!(plan_due_by(recorded), at(2026, 12, 2, 15));
    }

    #[test]
    fn getting_ready_is_offered_from_two_weeks_before_the_review_to_the_day() {
        let review = d(2027, 1, 12);
        assert!(!offer_review_prep(review, d(2026, 12, 28)));
        assert!(offer_review_prep(review, d(2026, 12, 29)));
        assert!(offer_review_prep(review, review));
        assert!(!offer_review_prep(review, d(2027, 1, 13)));
    }

    #[test]
    fn who_can_see_names_the_chair_only_as_chosen() {
        let chair = ReviewChair {
            username: String::new(),
            name: "Jo Bloggs".into(),
            role: "your independent reviewing officer".into(),
        };
        let none = prep_who_can_see(Lang::En, Some("Sam"), None, true);
        assert!(
            none.contains("Sam and their manager can see this."),
            "{none}"
        );
        assert!(!none.contains("Jo"));
        let shared = prep_who_can_see(Lang::En, Some("Sam"), Some(&chair), true);
        assert!(shared.contains("Jo Bloggs will see it too"), "{shared}");
        let kept = prep_who_can_see(Lang::En, Some("Sam"), Some(&chair), false);
        assert!(kept.contains("Jo Bloggs won't see it"), "{kept}");
        let welsh = prep_who_can_see(Lang::Cy, Some("Sam"), Some(&chair), true);
        assert!(welsh.contains("Jo Bloggs"), "{welsh}");
        assert_ne!(welsh, shared);
    }

    #[test]
    fn the_chairs_username_is_left_out_when_empty() {
        let chair = ReviewChair {
            username: String::new(),
            name: "Jo Bloggs".into(),
            role: "your independent reviewing officer".into(),
        };
        let json = serde_json::to_value(&chair).unwrap();
        assert!(json.get("username").is_none());
        assert_eq!(
            chair.said(),
            "Jo Bloggs, your independent reviewing officer"
        );
    }
}
