//! "What's happened since you told us": every answer a young person has had, in one list
//! on My Journey, newest first, each linking to where they said it; and how many of them
//! are new since they last looked (the count on the My Journey tab).

use crate::i18n::{fill, Lang};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What kind of answer it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HeardBackKind {
    /// "You said, we did": staff's note on session feedback.
    FeedbackReply,
    /// An answer to a concern.
    ConcernAnswer,
    /// A reply to "My view".
    ViewReply,
    /// What a worker chose to say after "I don't feel safe".
    SafetyMessage,
    /// A reply to good news they shared.
    GoodNewsReply,
    /// Someone read what they wrote for their review.
    ReviewRead,
}

impl HeardBackKind {
    pub const ALL: [HeardBackKind; 6] = [
        HeardBackKind::FeedbackReply,
        HeardBackKind::ConcernAnswer,
        HeardBackKind::ViewReply,
        HeardBackKind::SafetyMessage,
        HeardBackKind::GoodNewsReply,
        HeardBackKind::ReviewRead,
    ];

    /// What happened, in a sentence: "Sam Patel replied to your view".
    pub fn says(self, lang: Lang, by: &str) -> String {
        let words = &lang.text().heard_back;
        let template = match self {
            HeardBackKind::FeedbackReply => words.feedback_reply,
            HeardBackKind::ConcernAnswer => words.concern_answer,
            HeardBackKind::ViewReply => words.view_reply,
            HeardBackKind::SafetyMessage => words.safety_message,
            HeardBackKind::GoodNewsReply => words.good_news_reply,
            HeardBackKind::ReviewRead => words.review_read,
        };
        fill(template, &[("who", by)])
    }

    /// The words of the link to where it was said.
    pub fn link_words(self, lang: Lang) -> &'static str {
        let words = &lang.text().heard_back;
        match self {
            HeardBackKind::FeedbackReply => words.go_feedback,
            HeardBackKind::ConcernAnswer => words.go_concerns,
            HeardBackKind::ViewReply | HeardBackKind::SafetyMessage => words.go_journey,
            HeardBackKind::GoodNewsReply => words.go_good_news,
            HeardBackKind::ReviewRead => words.go_review,
        }
    }

    /// Where it was said, in the young person's app.
    pub fn link(self) -> &'static str {
        match self {
            HeardBackKind::FeedbackReply => "/feedback",
            HeardBackKind::ConcernAnswer => "/help/your-concerns",
            HeardBackKind::ViewReply => "/#my-view",
            HeardBackKind::SafetyMessage => "/",
            HeardBackKind::GoodNewsReply => "/good-news",
            HeardBackKind::ReviewRead => "/review",
        }
    }
}

/// One answer they had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeardBackItem {
    pub kind: HeardBackKind,
    #[serde(deserialize_with = "crate::iso::moment")]
    pub at: DateTime<Utc>,
    /// Who answered: their name.
    pub by: String,
    /// What they said, exactly as written (empty when there are no words, e.g. "read").
    pub words: String,
    /// Where it was said, in the young person's app ("/feedback", "/help/your-concerns", "/").
    pub link: String,
}

impl HeardBackItem {
    /// An item of `kind`, linking where that kind was said.
    pub fn new(kind: HeardBackKind, by: String, words: String, at: DateTime<Utc>) -> Self {
        HeardBackItem {
            kind,
            at,
            by,
            words,
            link: kind.link().to_owned(),
        }
    }
}

/// The list, newest first, and how many are new since they last looked.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HeardBack {
    pub items: Vec<HeardBackItem>,
    pub unseen: usize,
}

impl HeardBack {
    /// The list from its items in any order: newest first, and those after `seen_up_to`
    /// (everything, when they have never looked) counted as unseen.
    pub fn from_items(mut items: Vec<HeardBackItem>, seen_up_to: Option<DateTime<Utc>>) -> Self {
        items.sort_by_key(|item| std::cmp::Reverse(item.at));
        let unseen = items
            .iter()
            .filter(|item| seen_up_to.is_none_or(|seen| item.at > seen))
            .count();
        HeardBack { items, unseen }
    }

    /// Whether this item came after they last looked.
    pub fn is_new(&self, index: usize) -> bool {
        index < self.unseen
    }
}

/// They have looked at the list, up to the newest answer they were shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HeardBackSeen {
    #[serde(deserialize_with = "crate::iso::moment")]
    pub up_to: DateTime<Utc>,
}

/// The count on the My Journey tab, read out with it: "1 new answer", "3 new answers".
pub fn count_words(lang: Lang, count: usize) -> String {
    let words = &lang.text().heard_back;
    match count {
        1 => words.count_one.to_owned(),
        n => fill(words.count_many, &[("n", &n.to_string())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 3, hour, 0, 0).unwrap()
    }

    fn item(kind: HeardBackKind, hour: u32) -> HeardBackItem {
        HeardBackItem::new(kind, "Sam Patel".into(), "We heard you.".into(), at(hour))
    }

    #[test]
    fn newest_comes_first_and_only_later_ones_are_new() {
        let items = vec![
            item(HeardBackKind::FeedbackReply, 9),
            item(HeardBackKind::ViewReply, 12),
            item(HeardBackKind::ConcernAnswer, 10),
        ];
        let list = HeardBack::from_items(items.clone(), Some(at(10)));
        let kinds: Vec<_> = list.items.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            [
                HeardBackKind::ViewReply,
                HeardBackKind::ConcernAnswer,
                HeardBackKind::FeedbackReply
            ]
        );
        assert_eq!(list.unseen, 1);
        assert!(list.is_new(0) && !list.is_new(1));
        assert_eq!(HeardBack::from_items(items.clone(), None).unseen, 3);
        assert_eq!(HeardBack::from_items(items, Some(at(12))).unseen, 0);
    }

    #[test]
    fn each_kind_links_to_where_it_was_said() {
        assert_eq!(item(HeardBackKind::FeedbackReply, 9).link, "/feedback");
        assert_eq!(
            item(HeardBackKind::ConcernAnswer, 9).link,
            "/help/your-concerns"
        );
        assert!(item(HeardBackKind::ViewReply, 9).link.starts_with('/'));
    }

    #[test]
    fn every_kind_is_said_in_both_languages() {
        for lang in Lang::ALL {
            for kind in HeardBackKind::ALL {
                let said = kind.says(lang, "Sam");
                assert!(said.contains("Sam") && !said.contains('{'), "{said}");
                assert!(!kind.link_words(lang).is_empty());
            }
        }
        assert_eq!(count_words(Lang::En, 1), "1 new answer");
        assert_eq!(count_words(Lang::En, 3), "3 new answers");
    }

    #[test]
    fn kinds_read_and_write_as_snake_case() {
        let json = serde_json::to_string(&HeardBackKind::GoodNewsReply).unwrap();
        assert_eq!(json, "\"good_news_reply\"");
        let seen: HeardBackSeen =
            serde_json::from_str(r#"{"up_to":"2026-03-03T10:00:00Z"}"#).unwrap();
        assert_eq!(seen.up_to, at(10));
    }
}
