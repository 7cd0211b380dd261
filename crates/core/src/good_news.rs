//! "Share good news": a young person tells their worker something good, in their own
//! words (kept exactly as typed) or with a quick choice of what it is about, or both;
//! their worker (or the worker's manager) replies in their own words.

use crate::error::{FieldError, ValidationErrors};
use crate::i18n::words::Problem;
use crate::i18n::Lang;
use crate::ids::check_client_id;
use crate::text::{check_length, check_required};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Longest good news, in characters.
pub const MAX_GOOD_NEWS_CHARS: usize = 1_000;
/// Longest reply to it.
pub const MAX_GOOD_NEWS_REPLY_CHARS: usize = 1_000;

/// What the good news is about: a quick choice, so words can be skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GoodNewsAbout {
    School,
    FriendsFamily,
    Home,
    SomethingIDid,
    HowIFeel,
    SomethingElse,
}

impl GoodNewsAbout {
    pub const ALL: [GoodNewsAbout; 6] = [
        GoodNewsAbout::School,
        GoodNewsAbout::FriendsFamily,
        GoodNewsAbout::Home,
        GoodNewsAbout::SomethingIDid,
        GoodNewsAbout::HowIFeel,
        GoodNewsAbout::SomethingElse,
    ];

    /// As stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            GoodNewsAbout::School => "school",
            GoodNewsAbout::FriendsFamily => "friends_family",
            GoodNewsAbout::Home => "home",
            GoodNewsAbout::SomethingIDid => "something_i_did",
            GoodNewsAbout::HowIFeel => "how_i_feel",
            GoodNewsAbout::SomethingElse => "something_else",
        }
    }

    pub fn parse(text: &str) -> Option<GoodNewsAbout> {
        GoodNewsAbout::ALL.into_iter().find(|a| a.as_str() == text)
    }

    /// In the young person's words ("School or college").
    pub fn label(self, lang: Lang) -> &'static str {
        let t = &lang.later().good_news_screens;
        match self {
            GoodNewsAbout::School => t.about_school,
            GoodNewsAbout::FriendsFamily => t.about_friends_family,
            GoodNewsAbout::Home => t.about_home,
            GoodNewsAbout::SomethingIDid => t.about_something_i_did,
            GoodNewsAbout::HowIFeel => t.about_how_i_feel,
            GoodNewsAbout::SomethingElse => t.about_something_else,
        }
    }
}

/// Good news as the young person sends it. Everything is optional but something to
/// send: a choice of what it is about, or words, or both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewGoodNews {
    /// Made on the phone, so a retry is recorded once.
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: String,
    #[serde(default)]
    pub about: Option<GoodNewsAbout>,
    /// Kept exactly as typed.
    #[serde(default)]
    pub words: Option<String>,
}

impl NewGoodNews {
    /// Words that are only spaces count as none.
    pub fn has_words(&self) -> bool {
        self.words.as_deref().is_some_and(|w| !w.trim().is_empty())
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_client_id(&self.client_id, &mut errors);
        if self.about.is_none() && !self.has_words() {
            errors.push(FieldError::problem("words", Problem::good_news_empty, &[]));
        }
        if let Some(words) = &self.words {
            check_length(
                "words",
                "what you wrote",
                words,
                MAX_GOOD_NEWS_CHARS,
                &mut errors,
            );
        }
        ValidationErrors::result(errors)
    }
}

/// A worker's or manager's reply, as sent. The `client_id` (optional) makes sending it
/// twice record it once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewGoodNewsReply {
    pub words: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: Option<String>,
}

impl NewGoodNewsReply {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        crate::ids::check_optional_client_id(&self.client_id, &mut errors);
        check_required(
            "words",
            "your reply",
            &self.words,
            MAX_GOOD_NEWS_REPLY_CHARS,
            &mut errors,
        );
        ValidationErrors::result(errors)
    }
}

/// A reply to good news, as kept and shown: in the words of who wrote it.
pub type GoodNewsReply = crate::reply::Reply;

/// Good news as kept and shown, with its replies (oldest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GoodNews {
    pub id: i64,
    pub about: Option<GoodNewsAbout>,
    /// Exactly as typed, if they wrote anything.
    pub words: Option<String>,
    #[serde(deserialize_with = "crate::iso::moment")]
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub replies: Vec<crate::reply::Reply>,
}

impl GoodNews {
    /// No one has replied yet.
    pub fn waiting_for_reply(&self) -> bool {
        self.replies.is_empty()
    }
}

/// Puts a new or repeated piece of good news first in a list (newest first), once.
pub fn put_good_news(list: &mut Vec<GoodNews>, news: GoodNews) {
    list.retain(|kept| kept.id != news.id);
    list.insert(0, news);
}

/// Adds a reply under its good news in a list, once.
pub fn put_reply(list: &mut [GoodNews], news_id: i64, reply: GoodNewsReply) {
    if let Some(news) = list.iter_mut().find(|n| n.id == news_id) {
        if !news.replies.iter().any(|r| r.id == reply.id) {
            news.replies.push(reply);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::{who_can_see, WhatIsSent};

    fn news(words: Option<&str>, about: Option<GoodNewsAbout>) -> NewGoodNews {
        NewGoodNews {
            client_id: "good-1".into(),
            about,
            words: words.map(str::to_owned),
        }
    }

    #[test]
    fn a_choice_or_words_is_enough_and_nothing_at_all_is_not() {
        assert!(news(None, Some(GoodNewsAbout::School)).validate().is_ok());
        assert!(news(Some("I got a merit!"), None).validate().is_ok());
        assert!(
            news(Some("Scored a goal"), Some(GoodNewsAbout::SomethingIDid))
                .validate()
                .is_ok()
        );
        for empty in [news(None, None), news(Some("   \n"), None)] {
            let errors = empty.validate().unwrap_err();
            assert_eq!(errors.fields()[0].field, "words");
            assert_eq!(errors.fields()[0].code, Some(Problem::good_news_empty));
        }
    }

    #[test]
    fn words_are_kept_as_typed_up_to_the_limit() {
        let exactly = "é".repeat(MAX_GOOD_NEWS_CHARS);
        assert!(news(Some(&exactly), None).validate().is_ok());
        let long = "x".repeat(MAX_GOOD_NEWS_CHARS + 1);
        let errors = news(Some(&long), None).validate().unwrap_err();
        assert_eq!(errors.fields()[0].code, Some(Problem::too_long));
        let mut bad_id = news(Some("Yes!"), None);
        bad_id.client_id = "no spaces please".into();
        assert_eq!(
            bad_id.validate().unwrap_err().fields()[0].field,
            "client_id"
        );
        assert!(serde_json::from_str::<NewGoodNews>(r#"{"client_id":"a","secret":1}"#).is_err());
        let back: NewGoodNews =
            serde_json::from_str(r#"{"client_id":"a","about":"how_i_feel","words":"  Happy  "}"#)
                .unwrap();
        assert_eq!(back.words.as_deref(), Some("  Happy  "));
        assert_eq!(back.about, Some(GoodNewsAbout::HowIFeel));
    }

    #[test]
    fn a_reply_needs_words_and_a_good_client_id_if_any() {
        let reply = |words: &str, client_id: Option<&str>| NewGoodNewsReply {
            words: words.into(),
            client_id: client_id.map(str::to_owned),
        };
        assert!(reply("Brilliant, well done!", None).validate().is_ok());
        assert!(reply("Brilliant!", Some("r-1")).validate().is_ok());
        assert_eq!(
            reply(" ", None).validate().unwrap_err().fields()[0].message,
            "Please write your reply."
        );
        assert_eq!(
            reply("Yes", Some("")).validate().unwrap_err().fields()[0].field,
            "client_id"
        );
        let long = "x".repeat(MAX_GOOD_NEWS_REPLY_CHARS + 1);
        assert_eq!(
            reply(&long, None).validate().unwrap_err().fields()[0].code,
            Some(Problem::too_long)
        );
    }

    #[test]
    fn every_choice_reads_back_and_has_words_in_both_languages() {
        for about in GoodNewsAbout::ALL {
            assert_eq!(GoodNewsAbout::parse(about.as_str()), Some(about));
            let json = serde_json::to_string(&about).unwrap();
            assert_eq!(json, format!("\"{}\"", about.as_str()));
            assert_ne!(about.label(Lang::En), about.label(Lang::Cy));
        }
        assert_eq!(GoodNewsAbout::parse("nope"), None);
    }

    #[test]
    fn the_worker_and_their_manager_see_good_news() {
        assert_eq!(
            who_can_see(Lang::En, WhatIsSent::GoodNews, Some("Sam")),
            "Your worker Sam and their manager."
        );
        assert_eq!(
            who_can_see(Lang::Cy, WhatIsSent::GoodNews, Some("Sam")),
            "Dy weithiwr Sam a rheolwr dy weithiwr."
        );
    }

    #[test]
    fn lists_take_new_news_first_and_replies_once() {
        let at: DateTime<Utc> = "2026-12-01T10:00:00Z".parse().unwrap();
        let item = |id| GoodNews {
            id,
            about: None,
            words: Some("Good".into()),
            at,
            replies: vec![],
        };
        let mut list = vec![item(1)];
        put_good_news(&mut list, item(2));
        put_good_news(&mut list, item(2));
        assert_eq!(list.iter().map(|n| n.id).collect::<Vec<_>>(), [2, 1]);
        assert!(list[0].waiting_for_reply());
        let reply = GoodNewsReply {
            id: 7,
            words: "Well done!".into(),
            by: "Sam Rivers".into(),
            at,
        };
        put_reply(&mut list, 2, reply.clone());
        put_reply(&mut list, 2, reply);
        assert_eq!(list[0].replies.len(), 1);
        assert!(!list[0].waiting_for_reply());
        assert!(list[1].waiting_for_reply());
    }
}
