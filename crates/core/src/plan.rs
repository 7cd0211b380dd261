//! A young person's plan, in the shape of Standard 4 of the Core Practice Standards:
//! why there is a plan, what needs to happen, by when, by whom, the outcomes sought
//! together, how risk is managed, the contingency plan and when it is next reviewed.
//! `Journey` is what the "My Journey" screen shows: the plan plus who the worker is.

use crate::error::{FieldError, ValidationErrors};
use crate::i18n::words::Problem;
use crate::ids::YoungPersonId;
use crate::text::{check_length, check_required};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest text for the big parts of a plan (why, keeping safe, contingency…).
pub const MAX_PARAGRAPH_CHARS: usize = 2_000;
/// Longest text for one line: a step, an outcome, a name, who does a step.
pub const MAX_LINE_CHARS: usize = 300;
/// Most outcomes one plan can hope for: a plan with more is hard to follow.
pub const MAX_OUTCOMES: usize = 10;
/// Most steps one plan can have.
pub const MAX_STEPS: usize = 30;
/// Longest step id: the server makes them (`step-` and 12 hex digits), of letters,
/// digits, `-` and `_` only.
pub const MAX_STEP_ID_CHARS: usize = 40;
/// Dates in a plan must fall within this many years of today, either way.
pub const MAX_YEARS_FROM_TODAY: i32 = 5;
/// Longest phone number, counting spaces and a leading "+".
pub const MAX_PHONE_CHARS: usize = 20;

/// A change of worker, kept so the young person is told who is new and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkerChange {
    #[serde(deserialize_with = "crate::iso::day")]
    pub on: NaiveDate,
    pub new_worker: String,
    pub previous_worker: Option<String>,
    pub why: String,
}

/// A worker's edit of the plan. `based_on` is the version they started from, so two
/// people editing at once can't silently overwrite each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanEdit {
    pub based_on: Option<i64>,
    pub plan: Plan,
}

/// The plan as a worker starts editing it: the newest version, or none yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanForEditing {
    pub first_name: String,
    /// `None` when no plan has been written yet; send it back as `based_on`.
    pub version: Option<i64>,
    pub plan: Option<Plan>,
}

/// The answer to a plan edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanSaved {
    pub version: i64,
}

/// The young person has looked at this version of their plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanSeen {
    pub version: i64,
}

/// A manager gives a young person a new worker, and says why: the young person is told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewWorker {
    pub worker_username: String,
    pub why: String,
}

impl NewWorker {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_required(
            "worker_username",
            "the new worker's username",
            &self.worker_username,
            MAX_LINE_CHARS,
            &mut errors,
        );
        check_required(
            "why",
            "why the worker is changing",
            &self.why,
            MAX_PARAGRAPH_CHARS,
            &mut errors,
        );
        ValidationErrors::result(errors)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YoungPersonSummary {
    pub id: YoungPersonId,
    /// The name they like to be called.
    pub first_name: String,
}

/// The plan itself, written for the young person to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    /// Why there is a plan at all.
    pub reason: String,
    /// What we are hoping will change, worked out together.
    pub outcomes: Vec<String>,
    /// What will happen, who will do it and by when.
    pub steps: Vec<PlanStep>,
    /// How we keep you safe (how risk is managed).
    pub keeping_safe: String,
    /// What happens if things don't go to plan.
    pub contingency: String,
    /// When the plan is next looked at together.
    #[serde(deserialize_with = "crate::iso::day")]
    pub next_review: NaiveDate,
    pub last_review: Option<LastReview>,
    /// Who chairs the review (for a child in care, their Independent Reviewing Officer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_chair: Option<crate::review::ReviewChair>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanStep {
    /// Stays the same when the step is edited, so views and changes follow the step.
    /// Empty in a new step; the server gives it one.
    #[serde(default)]
    pub id: String,
    /// What will happen.
    pub what: String,
    /// Who will do it: a person's name and role, or "Me".
    pub who: String,
    #[serde(default, deserialize_with = "crate::iso::optional_day")]
    pub by_when: Option<NaiveDate>,
    pub status: StepStatus,
}

/// Where a step is on the journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Done,
    HappeningNow,
    ComingUp,
}

impl StepStatus {
    /// The words shown beside a step.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let words = &lang.text().journey;
        match self {
            StepStatus::Done => words.step_done,
            StepStatus::HappeningNow => words.step_now,
            StepStatus::ComingUp => words.step_coming_up,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LastReview {
    #[serde(deserialize_with = "crate::iso::day")]
    pub date: NaiveDate,
    /// What was decided, in plain words.
    pub what_happened: String,
}

/// "My worker" (Standard 1): who they are, why you have one, how to reach them, how often you meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkerCard {
    pub name: String,
    /// Their job, in plain words: "your social worker".
    pub role: String,
    /// Why you have a worker.
    pub why: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// How often you meet, as people say it: "every two weeks".
    pub meets: String,
    #[serde(default, deserialize_with = "crate::iso::optional_day")]
    pub next_meeting: Option<NaiveDate>,
}

impl Plan {
    /// The review date has passed.
    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        matches!(
            crate::dates::due(self.next_review, today),
            crate::dates::Due::Overdue(_)
        )
    }

    /// How many steps are not done and past their date.
    pub fn overdue_steps(&self, today: NaiveDate) -> usize {
        self.steps
            .iter()
            .filter(|s| s.status != StepStatus::Done)
            .filter_map(|s| s.by_when)
            .filter(|date| {
                matches!(
                    crate::dates::due(*date, today),
                    crate::dates::Due::Overdue(_)
                )
            })
            .count()
    }

    /// Every problem with this plan, in plain words, each tied to its field.
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_required(
            "reason",
            "why there is a plan",
            &self.reason,
            MAX_PARAGRAPH_CHARS,
            &mut errors,
        );
        if self.outcomes.is_empty() {
            errors.push(FieldError::problem("outcomes", Problem::plan_no_hopes, &[]));
        } else if self.outcomes.len() > MAX_OUTCOMES {
            errors.push(FieldError::problem(
                "outcomes",
                Problem::plan_too_many_hopes,
                &[("max", &MAX_OUTCOMES.to_string())],
            ));
        }
        for (i, outcome) in self.outcomes.iter().enumerate() {
            check_required(
                &format!("outcomes[{i}]"),
                "what we are hoping will change",
                outcome,
                MAX_LINE_CHARS,
                &mut errors,
            );
        }
        if self.steps.len() > MAX_STEPS {
            errors.push(FieldError::problem(
                "steps",
                Problem::plan_too_many_steps,
                &[("max", &MAX_STEPS.to_string())],
            ));
        }
        for (i, step) in self.steps.iter().enumerate() {
            if !step.id.is_empty() {
                let made_here = step.id.len() <= MAX_STEP_ID_CHARS
                    && step
                        .id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if !made_here {
                    errors.push(FieldError::problem(
                        format!("steps[{i}].id"),
                        Problem::step_id_not_ours,
                        &[],
                    ));
                } else if self.steps[..i].iter().any(|earlier| earlier.id == step.id) {
                    errors.push(FieldError::problem(
                        format!("steps[{i}].id"),
                        Problem::step_id_twice,
                        &[],
                    ));
                }
            }
            check_required(
                &format!("steps[{i}].what"),
                "what will happen",
                &step.what,
                MAX_LINE_CHARS,
                &mut errors,
            );
            check_required(
                &format!("steps[{i}].who"),
                "who will do it",
                &step.who,
                MAX_LINE_CHARS,
                &mut errors,
            );
            if let Some(by_when) = step.by_when {
                check_date(&format!("steps[{i}].by_when"), by_when, today, &mut errors);
            }
        }
        check_required(
            "keeping_safe",
            "how we will keep you safe",
            &self.keeping_safe,
            MAX_PARAGRAPH_CHARS,
            &mut errors,
        );
        check_required(
            "contingency",
            "what happens if things don't go to plan",
            &self.contingency,
            MAX_PARAGRAPH_CHARS,
            &mut errors,
        );
        check_date("next_review", self.next_review, today, &mut errors);
        if let Some(chair) = &self.review_chair {
            chair.validate(&mut errors);
        }
        if let Some(last) = &self.last_review {
            check_date("last_review.date", last.date, today, &mut errors);
            if last.date > today {
                errors.push(FieldError::problem(
                    "last_review.date",
                    Problem::last_review_future,
                    &[],
                ));
            }
            check_required(
                "last_review.what_happened",
                "what happened at the last review",
                &last.what_happened,
                MAX_PARAGRAPH_CHARS,
                &mut errors,
            );
        }
        ValidationErrors::result(errors)
    }
}

impl WorkerCard {
    pub fn validate(&self, today: NaiveDate) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_required(
            "name",
            "the worker's name",
            &self.name,
            MAX_LINE_CHARS,
            &mut errors,
        );
        check_required(
            "role",
            "the worker's job",
            &self.role,
            MAX_LINE_CHARS,
            &mut errors,
        );
        check_required(
            "why",
            "why you have a worker",
            &self.why,
            MAX_PARAGRAPH_CHARS,
            &mut errors,
        );
        check_required(
            "meets",
            "how often you meet",
            &self.meets,
            MAX_LINE_CHARS,
            &mut errors,
        );
        if let Some(phone) = &self.phone {
            if !crate::phone::is_uk_phone(phone) || phone.chars().count() > MAX_PHONE_CHARS {
                errors.push(FieldError::problem("phone", Problem::worker_phone, &[]));
            }
        }
        if let Some(email) = &self.email {
            check_length(
                "email",
                "the email address",
                email,
                MAX_LINE_CHARS,
                &mut errors,
            );
            if !is_email_address(email) {
                errors.push(FieldError::problem("email", Problem::email_address, &[]));
            }
        }
        if let Some(next) = self.next_meeting {
            check_date("next_meeting", next, today, &mut errors);
        }
        ValidationErrors::result(errors)
    }

    /// The phone number as a `tel:` link target: digits and a leading "+" only.
    pub fn phone_link(&self) -> Option<String> {
        self.phone.as_deref().map(crate::phone::tel_href)
    }
}

fn check_date(field: &str, date: NaiveDate, today: NaiveDate, errors: &mut Vec<FieldError>) {
    let years = (date - today).num_days().abs() / 365;
    if years >= i64::from(MAX_YEARS_FROM_TODAY) {
        errors.push(FieldError::problem(
            field,
            Problem::date_years_away,
            &[("count", &MAX_YEARS_FROM_TODAY.to_string())],
        ));
    }
}

fn is_email_address(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::fields_at_fault;
    use crate::journey::Journey;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn plan() -> Plan {
        Plan {
            reason: "So you can stay safe and happy at home.".into(),
            outcomes: vec!["Going to school most days".into()],
            steps: vec![PlanStep {
                id: "s1".into(),
                what: "Meet your new teacher".into(),
                who: "Me and Sam".into(),
                by_when: NaiveDate::from_ymd_opt(2026, 12, 4),
                status: StepStatus::ComingUp,
            }],
            keeping_safe: "You can call Sam any time in the day.".into(),
            contingency: "If school is too hard, we will meet and think again.".into(),
            next_review: NaiveDate::from_ymd_opt(2027, 1, 12).unwrap(),
            last_review: None,
            review_chair: None,
        }
    }

    fn worker() -> WorkerCard {
        WorkerCard {
            name: "Sam".into(),
            role: "your social worker".into(),
            why: "To help make your plan happen.".into(),
            phone: Some("+44 1632 960 001".into()),
            email: Some("sam@example.org".into()),
            meets: "every two weeks".into(),
            next_meeting: None,
        }
    }

    #[test]
    fn a_complete_plan_is_valid() {
        assert_eq!(plan().validate(today()), Ok(()));
    }

    #[test]
    fn a_plan_needs_a_reason_a_hope_a_safety_plan_and_a_contingency() {
        let mut p = plan();
        p.reason = "  ".into();
        p.outcomes.clear();
        p.keeping_safe.clear();
        p.contingency = "\n".into();
        assert_eq!(
            fields_at_fault(p.validate(today())),
            ["reason", "outcomes", "keeping_safe", "contingency"]
        );
    }

    #[test]
    fn every_step_needs_what_and_who_and_each_error_names_its_step() {
        let mut p = plan();
        p.steps.push(PlanStep {
            id: "s2".into(),
            what: String::new(),
            who: "x".repeat(MAX_LINE_CHARS + 1),
            by_when: None,
            status: StepStatus::Done,
        });
        assert_eq!(
            fields_at_fault(p.validate(today())),
            ["steps[1].what", "steps[1].who"]
        );
    }

    #[test]
    fn step_ids_are_the_apps_own_and_each_is_used_once() {
        let mut p = plan();
        let step = |id: &str| PlanStep {
            id: id.into(),
            ..plan().steps[0].clone()
        };
        p.steps = vec![step("step-1a2b"), step(""), step(""), step("demo_step-3")];
        assert_eq!(p.validate(today()), Ok(()), "new steps have no id yet");
        p.steps = vec![step("step-1"), step("step-2"), step("step-1")];
        assert_eq!(fields_at_fault(p.validate(today())), ["steps[2].id"]);
        p.steps = vec![
            step("<b onmouseover=x>"),
            step("step 2"),
            step(&"a".repeat(41)),
        ];
        assert_eq!(
            fields_at_fault(p.validate(today())),
            ["steps[0].id", "steps[1].id", "steps[2].id"]
        );
    }

    #[test]
    fn limits_on_counts_are_enforced() {
        let mut p = plan();
        p.outcomes = vec!["A hope".into(); MAX_OUTCOMES + 1];
        p.steps = (0..=MAX_STEPS)
            .map(|i| PlanStep {
                id: format!("step-{i}"),
                ..plan().steps[0].clone()
            })
            .collect();
        assert_eq!(fields_at_fault(p.validate(today())), ["outcomes", "steps"]);
        p.outcomes.truncate(MAX_OUTCOMES);
        p.steps.truncate(MAX_STEPS);
        assert_eq!(p.validate(today()), Ok(()));
    }

    #[test]
    fn dates_far_from_today_are_questioned() {
        let mut p = plan();
        p.next_review = NaiveDate::from_ymd_opt(2036, 1, 1).unwrap();
        assert_eq!(fields_at_fault(p.validate(today())), ["next_review"]);
    }

    #[test]
    fn the_last_review_cannot_be_in_the_future() {
        let mut p = plan();
        p.last_review = Some(LastReview {
            date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            what_happened: "We agreed the plan.".into(),
        });
        assert_eq!(fields_at_fault(p.validate(today())), ["last_review.date"]);
    }

    #[test]
    fn overdue_reviews_and_steps_are_counted_from_today() {
        let p = plan(); // review 12 January 2027, one step due 4 December 2026, coming up
        assert!(!p.review_overdue(today()));
        assert_eq!(p.overdue_steps(today()), 0);
        let later = NaiveDate::from_ymd_opt(2027, 1, 13).unwrap();
        assert!(p.review_overdue(later));
        assert_eq!(p.overdue_steps(later), 1);
        // The review day itself is not overdue; a done step never is.
        assert!(!p.review_overdue(p.next_review));
        let mut done = p.clone();
        done.steps[0].status = StepStatus::Done;
        assert_eq!(done.overdue_steps(later), 0);
    }

    #[test]
    fn a_worker_card_checks_phone_and_email() {
        assert_eq!(worker().validate(today()), Ok(()));
        let mut w = worker();
        w.phone = Some("call me maybe".into());
        w.email = Some("sam at example".into());
        assert_eq!(fields_at_fault(w.validate(today())), ["phone", "email"]);
    }

    #[test]
    fn a_phone_number_becomes_a_tel_link_without_spaces() {
        assert_eq!(worker().phone_link().as_deref(), Some("tel:+441632960001"));
    }

    #[test]
    fn a_journey_round_trips_through_json_with_snake_case_statuses() {
        let journey = Journey {
            young_person: YoungPersonSummary {
                id: YoungPersonId::parse(crate::ids::DEMO_YOUNG_PERSON_ID).unwrap(),
                first_name: "Alex".into(),
            },
            plan: plan(),
            worker: Some(worker()),
            plan_version: 1,
            new_since_last_look: Vec::new(),
            views: Vec::new(),
            worker_changes: Vec::new(),
        };
        let json = serde_json::to_value(&journey).unwrap();
        assert_eq!(json["plan"]["steps"][0]["status"], "coming_up");
        assert_eq!(json["plan"]["next_review"], "2027-01-12");
        let back: Journey = serde_json::from_value(json).unwrap();
        assert_eq!(back, journey);
    }
}
