//! Every API path, written once. The server declares its endpoints with these (under
//! `/api/v1`), and the client fills them in with [`api`], so the two cannot disagree.
//! `{name}` marks a part of the path that names a record.

pub const OPENAPI: &str = "/openapi.json";
pub const HEALTH: &str = "/health";
pub const ME: &str = "/me";
pub const SIGN_IN: &str = "/auth/sign-in";
pub const SIGN_UP: &str = "/auth/sign-up";
pub const SIGN_OUT: &str = "/auth/sign-out";
pub const PASSWORD: &str = "/auth/password";
pub const CONFIRM: &str = "/auth/confirm";
pub const YOUNG_PEOPLE: &str = "/young-people";
pub const INVITE: &str = "/young-people/{id}/invite";
pub const JOURNEY: &str = "/young-people/{id}/journey";
pub const JOURNEY_SEEN: &str = "/young-people/{id}/journey/seen";
pub const PLAN: &str = "/young-people/{id}/plan";
pub const PLAN_HISTORY: &str = "/young-people/{id}/plan/history";
pub const RECORDS: &str = "/young-people/{id}/records";
pub const RECORDS_PAGE: &str = "/young-people/{id}/records/page";
pub const VIEWS: &str = "/young-people/{id}/views";
pub const VIEW_REPLIES: &str = "/young-people/{id}/views/{view_id}/replies";
pub const HEARD_BACK: &str = "/young-people/{id}/heard-back";
pub const HEARD_BACK_SEEN: &str = "/young-people/{id}/heard-back/seen";
pub const GOALS: &str = "/young-people/{id}/goals";
pub const GOAL_WORDS: &str = "/young-people/{id}/goals/{goal_id}/words";
pub const GOAL_STATUS: &str = "/young-people/{id}/goals/{goal_id}/status";
pub const GOAL_RATINGS: &str = "/young-people/{id}/goal-ratings";
pub const WORKER: &str = "/young-people/{id}/worker";
pub const FEEDBACK: &str = "/young-people/{id}/feedback";
pub const FOLLOW_UPS: &str = "/young-people/{id}/feedback/{feedback_id}/follow-ups";
pub const SESSIONS: &str = "/young-people/{id}/sessions";
/// One session: corrected (`PUT`) or removed (`DELETE`) by who recorded it or a manager.
pub const SESSION: &str = "/young-people/{id}/sessions/{session_id}";
pub const TEAM_FEEDBACK: &str = "/feedback/team";
pub const CONCERNS: &str = "/young-people/{id}/concerns";
/// Who would read a concern sent now (never the person it is about).
pub const CONCERN_ROUTES: &str = "/young-people/{id}/concerns/who-reads";
pub const CHECK_INS: &str = "/young-people/{id}/check-ins";
pub const CHECK_IN_SEEN: &str = "/young-people/{id}/check-ins/{check_in_id}/seen";
pub const SAFETY_FLAGS: &str = "/young-people/{id}/safety";
pub const OPEN_SAFETY_FLAGS: &str = "/safety";
pub const SAFETY_ACTIONS: &str = "/safety/{flag_id}/actions";
pub const EVENTS: &str = "/events";
pub const TEAM_CONCERNS: &str = "/concerns";
pub const CONCERN_REPLY: &str = "/concerns/{id}/reply";
pub const NEXT_STAGE: &str = "/concerns/{id}/next-stage";
pub const GOOD_NEWS: &str = "/young-people/{id}/good-news";
pub const GOOD_NEWS_REPLIES: &str = "/young-people/{id}/good-news/{news_id}/replies";
/// The young person's preparation for their review (issue 20).
pub const REVIEW_PREP: &str = "/young-people/{id}/review-prep";
pub const REVIEW_PREP_READ: &str = "/young-people/{id}/review-prep/{prep_id}/read";
/// Reviews as recorded, and whether the plan was updated after the newest.
pub const REVIEWS: &str = "/young-people/{id}/reviews";
/// The preparations shared with the member of staff asking, who chairs those reviews.
pub const SHARED_REVIEW_PREPS: &str = "/review-preps";
pub const HELP: &str = "/help";
/// The Help editor's start: both languages and the recent versions.
pub const HELP_EDIT: &str = "/help/edit";
/// Back to the nation's built-in help content.
pub const HELP_BUILT_IN: &str = "/help/built-in";
pub const AUDIT: &str = "/audit";
/// The team overview for a period (`?period=month|three_months|year`), and as CSV.
pub const TEAM_OVERVIEW: &str = "/team/overview";
pub const TEAM_OVERVIEW_CSV: &str = "/team/overview.csv";
/// Who appears in the audit log the caller reads, for its filters.
pub const AUDIT_CHOICES: &str = "/audit/choices";

/// Where the API lives.
pub const API_ROOT: &str = "/api/v1";

/// The address of `template` under [`API_ROOT`], with each `{name}` in it replaced by the
/// next of `values`, in order.
pub fn api(template: &str, values: &[&str]) -> String {
    let mut out = String::from(API_ROOT);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        out.push_str(values.next().copied().unwrap_or_default());
        rest = &rest[close..];
    }
    out.push_str(rest);
    debug_assert!(
        values.next().is_none(),
        "more values than places in {template}"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_filled_in_order_under_the_api_root() {
        assert_eq!(api(ME, &[]), "/api/v1/me");
        assert_eq!(api(GOALS, &["yp-1"]), "/api/v1/young-people/yp-1/goals");
        assert_eq!(
            api(GOAL_WORDS, &["yp-1", "g-2"]),
            "/api/v1/young-people/yp-1/goals/g-2/words"
        );
        assert_eq!(api(CONCERN_REPLY, &["c-3"]), "/api/v1/concerns/c-3/reply");
    }
}
