//! "My records": everything stored about a young person, for them to download and keep
//! (their right of access under data protection law, made easy). The JSON is this struct;
//! the server also writes it as a readable, printable page.

use crate::checkin::{CheckIn, SafetyFlag};
use crate::concern::Concern;
use crate::feedback::FeedbackOverview;
use crate::goal::Goals;
use crate::good_news::GoodNews;
use crate::journey::Journey;
use crate::plan::Plan;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `GET /api/v1/young-people/{id}/records`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyRecords {
    /// When this copy was made.
    #[serde(deserialize_with = "crate::iso::moment")]
    pub made_at: DateTime<Utc>,
    pub first_name: String,
    pub username: Option<String>,
    /// The plan now, the worker, "My view" and changes of worker. `None` before a plan.
    pub journey: Option<Journey>,
    /// Every version of the plan, oldest first.
    pub plan_versions: Vec<PlanVersion>,
    /// Goals with every earlier wording and every rating.
    pub goals: Goals,
    /// Sessions and feedback, with what happened after.
    pub feedback: FeedbackOverview,
    pub concerns: Vec<Concern>,
    pub check_ins: Vec<CheckIn>,
    pub safety_flags: Vec<SafetyFlag>,
    /// Good news they shared, newest first, with the replies.
    #[serde(default)]
    pub good_news: Vec<GoodNews>,
}

/// One saved version of the plan, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanVersion {
    pub version: i64,
    #[serde(deserialize_with = "crate::iso::moment")]
    pub at: DateTime<Utc>,
    pub by: String,
    pub plan: Plan,
}

/// The download's file name: "my-journey-records-alex-2026-11-29.json".
pub fn file_name(first_name: &str, made_at: DateTime<Utc>, extension: &str) -> String {
    let name: String = first_name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let name = if name.is_empty() {
        "me".to_owned()
    } else {
        name
    };
    format!(
        "my-journey-records-{name}-{}.{extension}",
        made_at.date_naive()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_dated() {
        let at = "2026-11-29T10:00:00Z".parse().unwrap();
        assert_eq!(
            file_name("Alex", at, "json"),
            "my-journey-records-alex-2026-11-29.json"
        );
        assert_eq!(
            file_name("Siân \"x\"/..", at, "html"),
            "my-journey-records-sinx-2026-11-29.html"
        );
        assert_eq!(
            file_name("😊", at, "html"),
            "my-journey-records-me-2026-11-29.html"
        );
    }
}
