//! What changed between two versions of a plan, in words a young person can follow:
//! "what's new since you last looked", and the history workers see.

use crate::dates::long_date;
use crate::i18n::{fill, Lang};
use crate::plan::{Plan, StepStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// On the wire as one object: `{"kind": "hope_added", "hope": "…"}`. Read back through
/// [`FlatPlanChange`] (the same JSON): serde's own code for an internally tagged enum
/// first copies every field into a buffer, which is a lot of code in the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "FlatPlanChange")]
pub enum PlanChange {
    ReasonUpdated,
    HopeAdded {
        hope: String,
    },
    HopeRemoved {
        hope: String,
    },
    StepAdded {
        what: String,
    },
    StepRemoved {
        what: String,
    },
    StepStatus {
        what: String,
        status: StepStatus,
    },
    StepEdited {
        what: String,
    },
    KeepingSafeUpdated,
    ContingencyUpdated,
    ReviewMoved {
        #[serde(deserialize_with = "crate::iso::day")]
        date: NaiveDate,
    },
    LastReviewUpdated,
    /// Someone else chairs the review now (their name; none: nobody named).
    ChairChanged {
        name: Option<String>,
    },
}

/// A `PlanChange` as it is read: its kind, and whichever fields that kind has.
#[derive(Deserialize)]
struct FlatPlanChange {
    kind: ChangeKind,
    #[serde(default)]
    hope: Option<String>,
    #[serde(default)]
    what: Option<String>,
    #[serde(default)]
    status: Option<StepStatus>,
    #[serde(default, deserialize_with = "crate::iso::optional_day")]
    date: Option<NaiveDate>,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ChangeKind {
    ReasonUpdated,
    HopeAdded,
    HopeRemoved,
    StepAdded,
    StepRemoved,
    StepStatus,
    StepEdited,
    KeepingSafeUpdated,
    ContingencyUpdated,
    ReviewMoved,
    LastReviewUpdated,
    ChairChanged,
}

impl TryFrom<FlatPlanChange> for PlanChange {
    type Error = &'static str;

    fn try_from(flat: FlatPlanChange) -> Result<PlanChange, &'static str> {
        let FlatPlanChange {
            kind,
            hope,
            what,
            status,
            date,
            name,
        } = flat;
        let hope = || hope.ok_or("missing field `hope`");
        let what = || what.ok_or("missing field `what`");
        Ok(match kind {
            ChangeKind::ReasonUpdated => PlanChange::ReasonUpdated,
            ChangeKind::HopeAdded => PlanChange::HopeAdded { hope: hope()? },
            ChangeKind::HopeRemoved => PlanChange::HopeRemoved { hope: hope()? },
            ChangeKind::StepAdded => PlanChange::StepAdded { what: what()? },
            ChangeKind::StepRemoved => PlanChange::StepRemoved { what: what()? },
            ChangeKind::StepStatus => PlanChange::StepStatus {
                what: what()?,
                status: status.ok_or("missing field `status`")?,
            },
            ChangeKind::StepEdited => PlanChange::StepEdited { what: what()? },
            ChangeKind::KeepingSafeUpdated => PlanChange::KeepingSafeUpdated,
            ChangeKind::ContingencyUpdated => PlanChange::ContingencyUpdated,
            ChangeKind::ReviewMoved => PlanChange::ReviewMoved {
                date: date.ok_or("missing field `date`")?,
            },
            ChangeKind::LastReviewUpdated => PlanChange::LastReviewUpdated,
            ChangeKind::ChairChanged => PlanChange::ChairChanged { name },
        })
    }
}

impl PlanChange {
    /// The change in plain words, in `lang`. `today` lets dates read naturally. What
    /// the plan itself says (a hope, a step) is shown as it was written.
    pub fn describe(&self, lang: Lang, today: NaiveDate) -> String {
        let words = &lang.text().journey;
        match self {
            PlanChange::ReasonUpdated => words.changed_reason.into(),
            PlanChange::HopeAdded { hope } => fill(words.changed_hope_added, &[("hope", hope)]),
            PlanChange::HopeRemoved { hope } => fill(words.changed_hope_removed, &[("hope", hope)]),
            PlanChange::StepAdded { what } => fill(words.changed_step_added, &[("what", what)]),
            PlanChange::StepRemoved { what } => fill(words.changed_step_removed, &[("what", what)]),
            PlanChange::StepStatus { what, status } => fill(
                words.changed_step_status,
                &[
                    ("what", what),
                    // Our own words, in ASCII capitals (a test checks): no table of
                    // every alphabet's lower case in the young person's download.
                    ("status", &status.label(lang).to_ascii_lowercase()),
                ],
            ),
            PlanChange::StepEdited { what } => fill(words.changed_step_edited, &[("what", what)]),
            PlanChange::KeepingSafeUpdated => words.changed_keeping_safe.into(),
            PlanChange::ContingencyUpdated => words.changed_contingency.into(),
            PlanChange::ReviewMoved { date } => fill(
                words.changed_review,
                &[("date", &long_date(lang, *date, today))],
            ),
            PlanChange::LastReviewUpdated => words.changed_last_review.into(),
            PlanChange::ChairChanged { name: Some(name) } => {
                fill(lang.text().review.changed_chair, &[("name", name)])
            }
            PlanChange::ChairChanged { name: None } => lang.text().review.changed_chair_none.into(),
        }
    }
}

/// Every difference from `old` to `new`, in the order the plan reads.
pub fn plan_changes(old: &Plan, new: &Plan) -> Vec<PlanChange> {
    let mut changes = Vec::new();
    if old.reason != new.reason {
        changes.push(PlanChange::ReasonUpdated);
    }
    for hope in &new.outcomes {
        if !old.outcomes.contains(hope) {
            changes.push(PlanChange::HopeAdded { hope: hope.clone() });
        }
    }
    for hope in &old.outcomes {
        if !new.outcomes.contains(hope) {
            changes.push(PlanChange::HopeRemoved { hope: hope.clone() });
        }
    }
    for step in &new.steps {
        match old.steps.iter().find(|s| s.id == step.id) {
            None => changes.push(PlanChange::StepAdded {
                what: step.what.clone(),
            }),
            Some(before) => {
                if before.status != step.status {
                    changes.push(PlanChange::StepStatus {
                        what: step.what.clone(),
                        status: step.status,
                    });
                } else if before != step {
                    changes.push(PlanChange::StepEdited {
                        what: step.what.clone(),
                    });
                }
            }
        }
    }
    for step in &old.steps {
        if !new.steps.iter().any(|s| s.id == step.id) {
            changes.push(PlanChange::StepRemoved {
                what: step.what.clone(),
            });
        }
    }
    if old.keeping_safe != new.keeping_safe {
        changes.push(PlanChange::KeepingSafeUpdated);
    }
    if old.contingency != new.contingency {
        changes.push(PlanChange::ContingencyUpdated);
    }
    if old.next_review != new.next_review {
        changes.push(PlanChange::ReviewMoved {
            date: new.next_review,
        });
    }
    if old.last_review != new.last_review {
        changes.push(PlanChange::LastReviewUpdated);
    }
    let chair = |plan: &Plan| {
        plan.review_chair
            .as_ref()
            .map(|c| (c.username.clone(), c.role.clone()))
    };
    if chair(old) != chair(new) {
        changes.push(PlanChange::ChairChanged {
            name: new.review_chair.as_ref().map(|c| c.said()),
        });
    }
    changes
}

/// One version in a plan's history: who, when and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanVersionSummary {
    pub version: i64,
    #[serde(deserialize_with = "crate::iso::moment")]
    pub at: chrono::DateTime<chrono::Utc>,
    pub by: String,
    pub changes: Vec<PlanChange>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::d;
    use crate::plan::PlanStep;

    #[test]
    fn a_steps_status_in_a_change_is_said_in_lower_case_in_both_languages() {
        for lang in [Lang::En, Lang::Cy] {
            for status in [
                StepStatus::Done,
                StepStatus::HappeningNow,
                StepStatus::ComingUp,
            ] {
                let label = status.label(lang);
                // Lowered as ASCII, it is what Rust's full lower case would make of it.
                assert_eq!(label.to_ascii_lowercase(), label.to_lowercase(), "{label}");
                let said = PlanChange::StepStatus {
                    what: "Go to college".into(),
                    status,
                }
                .describe(lang, d(2026, 12, 1));
                assert!(said.contains(&label.to_lowercase()), "{said}");
            }
        }
    }

    fn step(id: &str, what: &str, status: StepStatus) -> PlanStep {
        PlanStep {
            id: id.into(),
            what: what.into(),
            who: "Me".into(),
            by_when: None,
            status,
        }
    }

    /// Read back as written, with the same JSON as serde's internally tagged enum; a
    /// missing field is an error, and "chair changed" may leave out the name.
    #[test]
    fn every_change_reads_back_from_the_same_json() {
        let all = vec![
            PlanChange::ReasonUpdated,
            PlanChange::HopeAdded { hope: "h".into() },
            PlanChange::HopeRemoved { hope: "h".into() },
            PlanChange::StepAdded { what: "w".into() },
            PlanChange::StepRemoved { what: "w".into() },
            PlanChange::StepStatus {
                what: "w".into(),
                status: StepStatus::Done,
            },
            PlanChange::StepEdited { what: "w".into() },
            PlanChange::KeepingSafeUpdated,
            PlanChange::ContingencyUpdated,
            PlanChange::ReviewMoved {
                date: d(2027, 1, 12),
            },
            PlanChange::LastReviewUpdated,
            PlanChange::ChairChanged {
                name: Some("Ann".into()),
            },
            PlanChange::ChairChanged { name: None },
        ];
        let json = serde_json::to_value(&all).unwrap();
        assert_eq!(
            json[1],
            serde_json::json!({"kind": "hope_added", "hope": "h"})
        );
        assert_eq!(
            json[5],
            serde_json::json!({"kind": "step_status", "what": "w", "status": "done"})
        );
        assert_eq!(json[0], serde_json::json!({"kind": "reason_updated"}));
        let back: Vec<PlanChange> = serde_json::from_value(json).unwrap();
        assert_eq!(back, all);
        let read = |text: &str| serde_json::from_str::<PlanChange>(text);
        assert_eq!(
            read(r#"{"kind":"chair_changed"}"#).unwrap(),
            PlanChange::ChairChanged { name: None }
        );
        assert_eq!(
            read(r#"{"what":"w","kind":"step_edited","extra":1}"#).unwrap(),
            PlanChange::StepEdited { what: "w".into() }
        );
        assert!(read(r#"{"kind":"hope_added"}"#).is_err());
        assert!(read(r#"{"kind":"step_status","what":"w"}"#).is_err());
        assert!(read(r#"{"kind":"painted"}"#).is_err());
        assert!(read(r#"{"hope":"h"}"#).is_err());
    }

    fn plan() -> Plan {
        Plan {
            reason: "Why".into(),
            outcomes: vec!["Feel safe".into()],
            steps: vec![
                step("a", "Visit school", StepStatus::ComingUp),
                step("b", "Meet Priya", StepStatus::HappeningNow),
            ],
            keeping_safe: "Safe".into(),
            contingency: "Plan B".into(),
            next_review: d(2027, 1, 12),
            last_review: None,
            review_chair: None,
        }
    }

    /// A change as said in English and in Welsh, on 25 November 2026.
    fn said(change: &PlanChange) -> [String; 2] {
        [Lang::En, Lang::Cy].map(|lang| change.describe(lang, d(2026, 11, 25)))
    }

    #[test]
    fn the_same_plan_has_no_changes() {
        assert!(plan_changes(&plan(), &plan()).is_empty());
    }

    #[test]
    fn a_step_marked_done_is_one_change_in_plain_words() {
        let mut new = plan();
        new.steps[0].status = StepStatus::Done;
        let changes = plan_changes(&plan(), &new);
        assert_eq!(
            changes,
            [PlanChange::StepStatus {
                what: "Visit school".into(),
                status: StepStatus::Done
            }]
        );
        // The step's own words stay as the worker wrote them.
        assert_eq!(
            said(&changes[0]),
            [
                "Visit school This step is now: done.",
                "Visit school Mae'r cam hwn nawr: wedi'i wneud."
            ]
        );
    }

    #[test]
    fn steps_are_matched_by_id_so_rewording_is_an_edit_not_a_swap() {
        let mut new = plan();
        new.steps[1].what = "Meet Priya every week".into();
        new.steps.remove(0);
        new.steps
            .push(step("c", "Day out with Kai", StepStatus::ComingUp));
        assert_eq!(
            plan_changes(&plan(), &new),
            [
                PlanChange::StepEdited {
                    what: "Meet Priya every week".into()
                },
                PlanChange::StepAdded {
                    what: "Day out with Kai".into()
                },
                PlanChange::StepRemoved {
                    what: "Visit school".into()
                },
            ]
        );
    }

    #[test]
    fn hopes_review_and_text_changes_are_each_named() {
        let mut new = plan();
        new.reason = "New why".into();
        new.outcomes = vec!["Go to school".into()];
        new.keeping_safe = "Safer".into();
        new.contingency = "Plan C".into();
        new.next_review = d(2027, 2, 1);
        let changes = plan_changes(&plan(), &new);
        assert_eq!(changes.len(), 6);
        assert_eq!(
            said(&changes[5]),
            [
                "Your next review is now on Monday 1 February 2027.",
                "Dyddiad dy adolygiad nesaf nawr yw Dydd Llun 1 Chwefror 2027."
            ]
        );
    }

    #[test]
    fn a_new_chair_is_named_and_a_chair_taken_off_is_said() {
        let old = plan();
        let mut new = old.clone();
        new.review_chair = Some(crate::review::ReviewChair {
            username: "robin.hale".into(),
            name: "Robin Hale".into(),
            role: "your independent reviewing officer".into(),
        });
        let changes = plan_changes(&old, &new);
        assert_eq!(
            changes,
            [PlanChange::ChairChanged {
                name: Some("Robin Hale, your independent reviewing officer".into())
            }]
        );
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            changes[0].describe(Lang::En, today),
            "Your review will be run by Robin Hale, your independent reviewing officer."
        );
        assert!(plan_changes(&new, &new.clone()).is_empty());
        let gone = plan_changes(&new, &old);
        assert_eq!(gone, [PlanChange::ChairChanged { name: None }]);
        assert!(!gone[0].describe(Lang::Cy, today).is_empty());
    }
}
