//! The audit log as a screen (issue 21, item 2): what kind of thing each entry is about,
//! and the filters a manager or administrator reads it with. The entries themselves
//! ([`crate::AuditEntry`]) never hold a young person's words.

use serde::{Deserialize, Serialize};

/// What an audit entry is about, to filter by. Stored with each entry (`audit_log.kind`),
/// worked out from the entry's words by [`AuditKind::of_action`] when it is written (and
/// by the same rule, in SQL, for the entries written before there was a kind: migration
/// 0020).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditKind {
    Plan,
    Goals,
    /// Sessions and the young person's feedback on them.
    Feedback,
    /// Check-ins, "I don't feel safe" and what was done about it.
    Safety,
    Concerns,
    Reviews,
    /// Signing in, accounts, invite codes, new young people and teams.
    Accounts,
    /// The whole organisation's: help content, the nation, administrators, complaints
    /// officers.
    Organisation,
    #[default]
    Other,
}

impl AuditKind {
    pub const ALL: [AuditKind; 9] = [
        AuditKind::Plan,
        AuditKind::Goals,
        AuditKind::Feedback,
        AuditKind::Safety,
        AuditKind::Concerns,
        AuditKind::Reviews,
        AuditKind::Accounts,
        AuditKind::Organisation,
        AuditKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditKind::Plan => "plan",
            AuditKind::Goals => "goals",
            AuditKind::Feedback => "feedback",
            AuditKind::Safety => "safety",
            AuditKind::Concerns => "concerns",
            AuditKind::Reviews => "reviews",
            AuditKind::Accounts => "accounts",
            AuditKind::Organisation => "organisation",
            AuditKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<AuditKind> {
        AuditKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }

    /// The kind of an entry, from its words and whether it is one of the organisation's
    /// own. The first rule that matches wins; migration 0020 says the same in SQL
    /// (`CASE WHEN action LIKE …`), in the same order.
    pub fn of_action(action: &str, organisation: bool) -> AuditKind {
        if organisation {
            return AuditKind::Organisation;
        }
        let has = |word: &str| action.contains(word);
        if has("concern") {
            AuditKind::Concerns
        } else if has("review") {
            AuditKind::Reviews
        } else if has("safety flag") || has("check-in") || has("checked in") || has("feel safe") {
            AuditKind::Safety
        } else if has("goal") {
            AuditKind::Goals
        } else if has("session") || has("feedback") {
            AuditKind::Feedback
        } else if has("plan") || has("view") || has("changed the worker") {
            AuditKind::Plan
        } else if has("signed in")
            || has("account")
            || has("password")
            || has("invite code")
            || has("young person")
            || has("team")
        {
            AuditKind::Accounts
        } else {
            AuditKind::Other
        }
    }
}

/// `GET /api/v1/audit?young_person=&by=&kind=&before=`: which entries to read. Each is
/// optional; `before` is the id of the oldest entry already shown ("Show older").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    #[serde(default)]
    pub young_person: Option<String>,
    /// The account id of who did it.
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub kind: Option<AuditKind>,
    #[serde(default)]
    pub before: Option<i64>,
}

impl AuditQuery {
    /// The query string, for the client (empty values left out).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(id) = self.young_person.as_deref().filter(|s| !s.is_empty()) {
            parts.push(format!("young_person={id}"));
        }
        if let Some(id) = self.by.as_deref().filter(|s| !s.is_empty()) {
            parts.push(format!("by={id}"));
        }
        if let Some(kind) = self.kind {
            parts.push(format!("kind={}", kind.as_str()));
        }
        if let Some(before) = self.before {
            parts.push(format!("before={before}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Someone to filter the audit log by: a young person (id, first name) or a member of
/// staff (account id, name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPerson {
    pub id: String,
    pub name: String,
}

/// `GET /api/v1/audit/choices`: who appears in the entries the caller may read, for the
/// screen's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditChoices {
    pub young_people: Vec<AuditPerson>,
    pub staff: Vec<AuditPerson>,
}

/// How many entries one page of the audit log holds.
pub const AUDIT_PAGE: usize = 50;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_entry_written_today_has_its_kind() {
        let cases = [
            ("wrote the plan", AuditKind::Plan),
            ("changed the plan (version 4)", AuditKind::Plan),
            ("wrote a view with the young person", AuditKind::Plan),
            ("replied to a view on the plan", AuditKind::Plan),
            ("changed the worker to Sam Rivers", AuditKind::Plan),
            ("added a goal (typed by worker)", AuditKind::Goals),
            ("reworded a goal", AuditKind::Goals),
            ("marked a goal \"reached\"", AuditKind::Goals),
            ("rated goals for a session", AuditKind::Goals),
            ("recorded a session", AuditKind::Feedback),
            ("gave feedback on a session", AuditKind::Feedback),
            ("added a note to session feedback", AuditKind::Feedback),
            ("checked in", AuditKind::Safety),
            ("saw a \"really bad\" check-in", AuditKind::Safety),
            ("said they don't feel safe", AuditKind::Safety),
            (
                "recorded what they did about a safety flag",
                AuditKind::Safety,
            ),
            (
                "emailed Sam: Alex said they don't feel safe",
                AuditKind::Safety,
            ),
            ("raised a concern (C-7K3M)", AuditKind::Concerns),
            ("answered a concern (C-7K3M)", AuditKind::Concerns),
            (
                "asked for a concern to go to stage 2 (C-7K3M)",
                AuditKind::Concerns,
            ),
            ("got ready for their review", AuditKind::Reviews),
            (
                "read what the young person wrote for their review",
                AuditKind::Reviews,
            ),
            ("recorded a review", AuditKind::Reviews),
            ("signed in", AuditKind::Accounts),
            (
                "made their account with an invite code",
                AuditKind::Accounts,
            ),
            ("changed their password", AuditKind::Accounts),
            ("added a young person", AuditKind::Accounts),
            ("made an invite code", AuditKind::Accounts),
            ("made the team North", AuditKind::Accounts),
            ("made the worker account sam", AuditKind::Accounts),
            ("shared good news", AuditKind::Other),
            ("downloaded the records", AuditKind::Other),
        ];
        for (action, kind) in cases {
            assert_eq!(AuditKind::of_action(action, false), kind, "{action}");
        }
        assert_eq!(
            AuditKind::of_action("changed the help page (version 2)", true),
            AuditKind::Organisation
        );
        for kind in AuditKind::ALL {
            assert_eq!(AuditKind::parse(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn the_query_string_leaves_out_what_is_not_chosen() {
        assert_eq!(AuditQuery::default().to_query(), "");
        let query = AuditQuery {
            young_person: Some("yp-1".into()),
            by: Some(String::new()),
            kind: Some(AuditKind::Plan),
            before: Some(40),
        };
        assert_eq!(query.to_query(), "?young_person=yp-1&kind=plan&before=40");
    }
}
