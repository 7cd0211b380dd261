//! "How I'm doing": a young person's mood check-in, the "I don't feel safe" flag with
//! what staff did about it, and "who can see this", worded from the same rules the
//! server enforces.

use crate::concern::{ConcernReader, WhoSees};
use crate::error::ValidationErrors;
use crate::feedback::CommentFor;
use crate::health::SafetyEmail;
use crate::i18n::{capitalise, fill, Lang};
use crate::ids::check_client_id;
use crate::ids::YoungPersonId;
use crate::text::{check_length, check_required};
use serde::{Deserialize, Serialize};

/// Longest "want to say more?" on a check-in or a safety flag.
pub const MAX_CHECK_IN_CHARS: usize = 2000;
/// Longest note of what staff did about a safety flag.
pub const MAX_SAFETY_ACTION_CHARS: usize = 3000;
/// Longest message to the young person about a safety flag.
pub const MAX_SAFETY_MESSAGE_CHARS: usize = 1000;

/// How the young person is, as five faces with words. Worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Mood {
    Awful,
    Low,
    Okay,
    Good,
    Great,
}

impl Mood {
    pub const ALL: [Mood; 5] = [Mood::Awful, Mood::Low, Mood::Okay, Mood::Good, Mood::Great];

    /// 1 (awful) to 5 (great), for the picture over time.
    pub fn score(self) -> u8 {
        match self {
            Mood::Awful => 1,
            Mood::Low => 2,
            Mood::Okay => 3,
            Mood::Good => 4,
            Mood::Great => 5,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let t = &lang.text().how_im_doing;
        match self {
            Mood::Awful => t.mood_awful,
            Mood::Low => t.mood_low,
            Mood::Okay => t.mood_okay,
            Mood::Good => t.mood_good,
            Mood::Great => t.mood_great,
        }
    }

    pub fn face(self) -> &'static str {
        match self {
            Mood::Awful => "😢",
            Mood::Low => "🙁",
            Mood::Okay => "😐",
            Mood::Good => "🙂",
            Mood::Great => "😄",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Mood::Awful => "awful",
            Mood::Low => "low",
            Mood::Okay => "okay",
            Mood::Good => "good",
            Mood::Great => "great",
        }
    }

    pub fn parse(text: &str) -> Option<Mood> {
        Mood::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// The lowest mood, "Really bad": after it the check-in page offers "I don't feel
    /// safe" (never raising a flag by itself), and staff see it on their list of young
    /// people until one of them has seen it.
    pub const LOWEST: Mood = Mood::Awful;

    pub fn is_lowest(self) -> bool {
        self == Mood::LOWEST
    }
}

/// "Alex checked in: really bad" on a worker's or manager's list: the young person's
/// lowest-mood check-ins that no member of staff has marked seen yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnseenCheckIn {
    /// The newest one (marking it seen marks the earlier ones seen too).
    pub check_in_id: i64,
    /// When it was sent: RFC 3339, UTC.
    pub at: String,
    /// How many are waiting to be seen (1 or more).
    pub count: usize,
}

/// A check-in as the young person sends it. Both parts can be left out: "rather not
/// say" is a real answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCheckIn {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: String,
    #[serde(default)]
    pub mood: Option<Mood>,
    #[serde(default)]
    pub words: Option<String>,
}

/// What a check-in and a safety flag both carry: an id from the phone, and words if any.
fn check_sent_words(client_id: &str, words: Option<&str>) -> Result<(), ValidationErrors> {
    let mut errors = Vec::new();
    check_client_id(client_id, &mut errors);
    if let Some(words) = words {
        check_length(
            "words",
            "What you wrote",
            words,
            MAX_CHECK_IN_CHARS,
            &mut errors,
        );
    }
    ValidationErrors::result(errors)
}

impl NewCheckIn {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        check_sent_words(&self.client_id, self.words.as_deref())
    }
}

/// A check-in as it is shown back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckIn {
    pub id: i64,
    pub mood: Option<Mood>,
    /// Exactly as typed.
    pub words: Option<String>,
    /// RFC 3339, UTC.
    pub at: String,
}

/// "I don't feel safe", as the young person sends it. Words are optional: tapping the
/// button is enough.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSafetyFlag {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: String,
    #[serde(default)]
    pub words: Option<String>,
}

impl NewSafetyFlag {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        check_sent_words(&self.client_id, self.words.as_deref())
    }
}

/// What a worker or manager did about a flag. Recording it closes the flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSafetyAction {
    /// What they did: staff only, the young person never sees it.
    pub words: String,
    /// "A message for Alex (they will see this)": optional, shown to the young person on
    /// My Journey with who acted and when.
    #[serde(default)]
    pub message: Option<String>,
    /// Made by the client, so the same action sent again (a try given up on a bad signal)
    /// is recorded once. Optional: without one, each send is recorded.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9-]{1,64}$"))]
    pub client_id: Option<String>,
}

impl NewSafetyAction {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        crate::ids::check_optional_client_id(&self.client_id, &mut errors);
        check_required(
            "words",
            "what you did",
            &self.words,
            MAX_SAFETY_ACTION_CHARS,
            &mut errors,
        );
        if let Some(message) = &self.message {
            check_length(
                "message",
                "the message",
                message,
                MAX_SAFETY_MESSAGE_CHARS,
                &mut errors,
            );
        }
        ValidationErrors::result(errors)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SafetyAction {
    /// What they did, for staff only: empty (and left out) when a young person reads
    /// their own flags.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub words: String,
    pub by: String,
    /// RFC 3339, UTC.
    pub at: String,
    /// What the worker chose to say to the young person, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl SafetyAction {
    /// The parts a young person may read: who acted, when, and the message to them,
    /// never the staff-only note.
    pub fn for_young_person(self) -> SafetyAction {
        SafetyAction {
            words: String::new(),
            ..self
        }
    }
}

/// A safety flag with what was done about it. Open until an action is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SafetyFlag {
    pub id: String,
    pub young_person_id: YoungPersonId,
    pub first_name: String,
    /// Exactly as typed, if they wrote anything.
    pub words: Option<String>,
    /// RFC 3339, UTC.
    pub raised_at: String,
    pub open: bool,
    pub actions: Vec<SafetyAction>,
}

/// How long after "I don't feel safe" My Journey keeps showing what happened next.
pub const HEARD_BACK_DAYS: i64 = 14;

/// The flag My Journey tells the young person about: their newest, if they raised it in
/// the last [`HEARD_BACK_DAYS`] days.
pub fn flag_to_show(
    flags: &[SafetyFlag],
    now: chrono::DateTime<chrono::Utc>,
) -> Option<&SafetyFlag> {
    let raised = |flag: &SafetyFlag| crate::iso::parse_moment(&flag.raised_at);
    flags
        .iter()
        .filter_map(|flag| raised(flag).map(|at| (at, flag)))
        .filter(|(at, _)| (now - *at).num_days() < HEARD_BACK_DAYS)
        .max_by_key(|(at, _)| *at)
        .map(|(_, flag)| flag)
}

/// A moment on the young person's clock, as people say it in a sentence: "today at
/// 22:10", "on Tuesday 3 March at 09:10" (in Welsh "heddiw am 22:10", "ddydd Mawrth 3
/// Mawrth am 09:10").
pub fn said_when(lang: Lang, at: chrono::NaiveDateTime, today: chrono::NaiveDate) -> String {
    let words = &lang.text().dates;
    // By hand, not chrono's `format("%H:%M")`: its format-string reader is large.
    let time = {
        use chrono::Timelike;
        format!("{:02}:{:02}", at.hour(), at.minute())
    };
    if at.date() == today {
        fill(words.today_at, &[("time", &time)])
    } else {
        let date = crate::dates::long_date(lang, at.date(), today);
        fill(
            words.date_at,
            &[
                ("date", &crate::i18n::on_date(lang, &date)),
                ("time", &time),
            ],
        )
    }
}

impl SafetyFlag {
    /// The parts a young person may read of their own flag: their words, when, and for
    /// each action who acted, when and the message to them; never the staff-only note.
    pub fn for_young_person(self) -> SafetyFlag {
        SafetyFlag {
            actions: self
                .actions
                .into_iter()
                .map(SafetyAction::for_young_person)
                .collect(),
            ..self
        }
    }
}

/// What a young person is about to send, for "who can see this".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhatIsSent {
    /// Session feedback, with the young person's choice for their comment.
    Feedback(CommentFor),
    CheckIn,
    Goal,
    MyView,
    /// Good news for their worker.
    GoodNews,
    /// A concern: the young person's choice, and who reads it by the server's rule
    /// ([`crate::concern::concern_reader`]).
    Concern(WhoSees, ConcernReader),
    /// Never hidden, whatever other choices say.
    Safety,
}

/// Exactly who will see what the young person sends, in their words. The server's rules:
/// the young person's records are open to them, their allocated worker and that worker's
/// manager (`may_see`); a feedback comment "for the manager only" and a concern are
/// hidden from the worker unless the young person chose otherwise; a safety flag goes to
/// the worker and manager always. `worker` is the allocated worker's name, if known.
pub fn who_can_see(lang: Lang, sending: WhatIsSent, worker: Option<&str>) -> String {
    let t = &lang.text().how_im_doing;
    let your_worker = your_worker(lang, worker);
    let words = match sending {
        WhatIsSent::Feedback(CommentFor::ManagerOnly) => t.sees_manager_only_feedback.to_owned(),
        WhatIsSent::Feedback(CommentFor::Worker)
        | WhatIsSent::CheckIn
        | WhatIsSent::Goal
        | WhatIsSent::MyView
        | WhatIsSent::GoodNews
        | WhatIsSent::Concern(WhoSees::ManagerAndWorker, ConcernReader::WorkerManager) => {
            fill(t.sees_worker_and_manager, &[("worker", &your_worker)])
        }
        WhatIsSent::Concern(WhoSees::Manager, ConcernReader::WorkerManager) => {
            t.sees_concern_manager.to_owned()
        }
        WhatIsSent::Concern(_, ConcernReader::ComplaintsOfficer) => {
            t.sees_concern_officer.to_owned()
        }
        WhatIsSent::Concern(_, ConcernReader::AnotherManager) => t.sees_concern_another.to_owned(),
        WhatIsSent::Concern(_, ConcernReader::NoOne) => lang.later().help.sees_no_one.to_owned(),
        WhatIsSent::Safety => return who_is_told_of_safety(lang, worker, SafetyEmail::Off),
    };
    capitalise(&words)
}

/// Who is told when the young person says they don't feel safe, and how: always in the
/// app, and by email too when the server emails staff (the server's `SafetyEmail`, as
/// `GET /api/v1/health` says). When the app does not know (no signal yet), it says only
/// what is always true: "in the app".
pub fn who_is_told_of_safety(lang: Lang, worker: Option<&str>, email: SafetyEmail) -> String {
    let text = lang.text();
    let template = match email {
        SafetyEmail::On => text.not_sent.sees_safety_email,
        SafetyEmail::Off => text.how_im_doing.sees_safety,
    };
    capitalise(&fill(template, &[("worker", &your_worker(lang, worker))]))
}

/// "Sam and their manager have been told…", once the flag has reached the server, saying
/// how they will hear of it by the same rule as [`who_is_told_of_safety`].
pub fn safety_told(lang: Lang, worker: Option<&str>, email: SafetyEmail) -> String {
    let text = lang.text();
    let template = match email {
        SafetyEmail::On => text.not_sent.told_email,
        SafetyEmail::Off => text.how_im_doing.told,
    };
    capitalise(&fill(template, &[("who", &your_worker(lang, worker))]))
}

/// "Your worker Sam", or "Your worker" when the name is not known (in Welsh, "dy
/// weithiwr Sam", to go in a sentence).
pub fn your_worker(lang: Lang, worker: Option<&str>) -> String {
    let t = &lang.text().how_im_doing;
    match worker {
        Some(name) if !name.trim().is_empty() => {
            fill(t.your_worker_named, &[("name", name.trim())])
        }
        _ => t.your_worker.to_owned(),
    }
}

/// How many days before a meeting the check-in is offered, gently, on My Journey.
pub const OFFER_CHECK_IN_DAYS: i64 = 2;

/// Before a meeting with their worker (today, tomorrow or the day after), My Journey
/// offers a check-in in these words, under the card's buttons (the card always says it
/// can be done any time and skipped); at other times, `None`.
pub fn check_in_before_meeting(
    lang: Lang,
    worker_name: &str,
    next_meeting: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
) -> Option<String> {
    let on = next_meeting?;
    let days = (on - today).num_days();
    if !(0..=OFFER_CHECK_IN_DAYS).contains(&days) {
        return None;
    }
    let first = worker_name.split_whitespace().next().unwrap_or(worker_name);
    let t = &lang.text().how_im_doing;
    let when = match days {
        0 => t.today.to_owned(),
        1 => t.tomorrow.to_owned(),
        _ => crate::i18n::on_date(lang, &crate::dates::long_date(lang, on, today)),
    };
    Some(fill(t.check_in_offer, &[("name", first), ("when", &when)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the offer to check in says on Sunday 29 November 2026, before a meeting with
    /// Sam Rivers `days` days away (`None`: no meeting booked).
    fn offer(lang: Lang, days: Option<i64>) -> Option<String> {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let on = days.map(|days| today + chrono::Duration::days(days));
        check_in_before_meeting(lang, "Sam Rivers", on, today)
    }

    /// The offer `days` before the meeting starts with `start`.
    fn assert_offer_starts(lang: Lang, days: i64, start: &str) {
        let offer = offer(lang, Some(days)).unwrap();
        assert!(offer.starts_with(start), "{offer}");
    }

    #[test]
    fn a_check_in_is_offered_just_before_a_meeting_and_not_otherwise() {
        assert_eq!(
            offer(Lang::En, Some(0)).as_deref(),
            Some(
                "You see Sam today. Would you like to say how you are first? It can help you both."
            )
        );
        assert_offer_starts(Lang::En, 1, "You see Sam tomorrow.");
        assert_offer_starts(Lang::En, 2, "You see Sam on Tuesday 1 December.");
        // Too far off, no meeting, or yesterday's.
        for days in [Some(3), None, Some(-1)] {
            assert_eq!(offer(Lang::En, days), None);
        }
    }

    #[test]
    fn a_check_in_can_be_all_skipped_but_needs_a_proper_id() {
        let skipped = NewCheckIn {
            client_id: "c-1".into(),
            mood: None,
            words: None,
        };
        assert!(skipped.validate().is_ok());
        let bad = NewCheckIn {
            client_id: "has spaces".into(),
            mood: Some(Mood::Low),
            words: Some("a".repeat(MAX_CHECK_IN_CHARS + 1)),
        };
        let errors = bad.validate().unwrap_err();
        assert_eq!(errors.field_names(), ["client_id", "words"]);
    }

    #[test]
    fn moods_read_and_write_as_words_and_unknown_fields_are_refused() {
        let parsed: NewCheckIn = serde_json::from_str(r#"{"client_id":"a","mood":"low"}"#).unwrap();
        assert_eq!(parsed.mood, Some(Mood::Low));
        assert!(serde_json::from_str::<NewCheckIn>(r#"{"client_id":"a","mood":"meh"}"#).is_err());
        assert!(serde_json::from_str::<NewSafetyFlag>(r#"{"client_id":"a","hide":true}"#).is_err());
        for mood in Mood::ALL {
            assert_eq!(Mood::parse(mood.as_str()), Some(mood));
        }
        assert_eq!(Mood::Awful.score(), 1);
        assert_eq!(Mood::Great.score(), 5);
    }

    #[test]
    fn only_the_lowest_mood_is_really_bad() {
        assert_eq!(Mood::LOWEST.label(Lang::En), "Really bad");
        assert_eq!(Mood::LOWEST.label(Lang::Cy), "Gwael iawn");
        let lowest: Vec<Mood> = Mood::ALL.into_iter().filter(|m| m.is_lowest()).collect();
        assert_eq!(lowest, [Mood::Awful]);
    }

    fn flag_at(id: &str, raised_at: &str, actions: Vec<SafetyAction>) -> SafetyFlag {
        SafetyFlag {
            id: id.into(),
            young_person_id: YoungPersonId::parse(crate::ids::DEMO_YOUNG_PERSON_ID).unwrap(),
            first_name: "Alex".into(),
            words: None,
            raised_at: raised_at.into(),
            open: actions.is_empty(),
            actions,
        }
    }

    #[test]
    fn my_journey_shows_the_newest_flag_of_the_last_two_weeks() {
        let now: chrono::DateTime<chrono::Utc> = "2026-12-01T22:00:00Z".parse().unwrap();
        let flags = [
            flag_at("old", "2026-11-10T10:00:00Z", vec![]),
            flag_at("newer", "2026-11-30T21:00:00+00:00", vec![]),
            flag_at("new", "2026-11-29T10:00:00Z", vec![]),
        ];
        assert_eq!(flag_to_show(&flags, now).unwrap().id, "newer");
        assert!(flag_to_show(&flags[..1], now).is_none());
        assert!(flag_to_show(&[], now).is_none());
    }

    #[test]
    fn the_young_person_never_gets_the_staff_note() {
        let action = SafetyAction {
            words: "Rang the duty team; home visit booked.".into(),
            by: "Sam Rivers".into(),
            at: "2026-12-01T22:10:00Z".into(),
            message: Some("I'm coming to see you tomorrow at 10.".into()),
        };
        let theirs = action.for_young_person();
        let json = serde_json::to_string(&theirs).unwrap();
        assert!(!json.contains("duty team"), "{json}");
        assert!(json.contains("coming to see you"), "{json}");
        assert_eq!(theirs.by, "Sam Rivers");
        // And it reads back (no "words" at all is an empty note).
        let back: SafetyAction = serde_json::from_str(&json).unwrap();
        assert_eq!(back, theirs);
    }

    #[test]
    fn a_message_to_the_young_person_is_optional_but_not_endless() {
        let mut action = NewSafetyAction {
            words: "Called Alex.".into(),
            message: None,
            client_id: None,
        };
        assert!(action.validate().is_ok());
        action.message = Some("See you tomorrow.".into());
        assert!(action.validate().is_ok());
        action.message = Some("x".repeat(MAX_SAFETY_MESSAGE_CHARS + 1));
        assert_eq!(action.validate().unwrap_err().fields()[0].field, "message");
        // Its client_id, if it has one, is one the app could have made.
        action.message = None;
        action.client_id = Some("s-19a2b-7f".into());
        assert!(action.validate().is_ok());
        action.client_id = Some("not one!".into());
        assert_eq!(
            action.validate().unwrap_err().fields()[0].field,
            "client_id"
        );
    }

    #[test]
    fn moments_are_said_as_people_say_them() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let at =
            |text: &str| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(
            said_when(Lang::En, at("2026-12-01 22:10"), today),
            "today at 22:10"
        );
        assert_eq!(
            said_when(Lang::Cy, at("2026-12-01 22:10"), today),
            "heddiw am 22:10"
        );
        let earlier = said_when(Lang::En, at("2026-11-24 09:05"), today);
        assert!(
            earlier.starts_with("on ") && earlier.ends_with(" at 09:05"),
            "{earlier}"
        );
    }

    #[test]
    fn a_safety_flag_needs_no_words_but_an_action_does() {
        let flag = NewSafetyFlag {
            client_id: "s-1".into(),
            words: None,
        };
        assert!(flag.validate().is_ok());
        let action = NewSafetyAction {
            words: " ".into(),
            message: None,
            client_id: None,
        };
        assert_eq!(
            action.validate().unwrap_err().fields()[0].message,
            "Please write what you did."
        );
    }

    #[test]
    fn welsh_says_who_can_see_and_offers_the_check_in_in_welsh() {
        assert_eq!(
            who_can_see(Lang::Cy, WhatIsSent::CheckIn, Some("Sam")),
            "Dy weithiwr Sam a rheolwr dy weithiwr."
        );
        assert!(who_can_see(Lang::Cy, WhatIsSent::Safety, None).starts_with("Dy weithiwr a "));
        assert_offer_starts(Lang::Cy, 1, "Rwyt ti'n gweld Sam yfory.");
        assert_offer_starts(Lang::Cy, 2, "Rwyt ti'n gweld Sam ddydd Mawrth 1 Rhagfyr.");
        assert_eq!(Mood::Great.label(Lang::Cy), "Da iawn");
    }

    #[test]
    fn a_safety_flag_says_email_only_when_the_server_sends_one() {
        let sam = Some("Sam");
        assert_eq!(
            who_is_told_of_safety(Lang::En, sam, SafetyEmail::On),
            "Your worker Sam and their manager will see this in the app and get an email. This is never hidden from them."
        );
        assert_eq!(
            who_is_told_of_safety(Lang::En, sam, SafetyEmail::Off),
            "Your worker Sam and their manager will see this in the app. This is never hidden from them."
        );
        assert_eq!(
            safety_told(Lang::En, sam, SafetyEmail::On),
            "Your worker Sam and their manager have been told that you don't feel safe. They will see it in the app and get an email."
        );
        assert_eq!(
            safety_told(Lang::En, None, SafetyEmail::Off),
            "Your worker and their manager have been told that you don't feel safe. They will see it in the app."
        );
        // Not knowing (no signal) says only what is always true.
        assert_eq!(
            who_can_see(Lang::En, WhatIsSent::Safety, sam),
            who_is_told_of_safety(Lang::En, sam, SafetyEmail::Off)
        );
        for (lang, email) in [(Lang::En, "email"), (Lang::Cy, "e-bost")] {
            assert!(!who_is_told_of_safety(lang, sam, SafetyEmail::Off).contains(email));
            assert!(!safety_told(lang, sam, SafetyEmail::Off).contains(email));
            assert!(who_is_told_of_safety(lang, sam, SafetyEmail::On).contains(email));
            assert!(safety_told(lang, sam, SafetyEmail::On).contains(email));
        }
        assert_eq!(
            safety_told(Lang::Cy, sam, SafetyEmail::On),
            "Mae dy weithiwr Sam a'r rheolwr wedi cael gwybod nad wyt ti'n teimlo'n ddiogel. Byddan nhw'n ei weld yn yr ap ac yn cael e-bost."
        );
        assert_eq!(
            who_is_told_of_safety(Lang::Cy, sam, SafetyEmail::Off),
            "Dy weithiwr Sam a rheolwr dy weithiwr. Byddan nhw'n gweld hwn yn yr ap. Dydy hwn byth yn cael ei guddio oddi wrthyn nhw."
        );
    }

    #[test]
    fn who_can_see_names_the_worker_and_follows_the_servers_rules() {
        use ConcernReader::{AnotherManager, ComplaintsOfficer, NoOne, WorkerManager};
        use WhatIsSent::Concern;
        let sam = Some("Sam");
        for (lang, what, worker, said) in [
            (
                Lang::En,
                WhatIsSent::CheckIn,
                sam,
                "Your worker Sam and their manager.",
            ),
            (
                Lang::En,
                WhatIsSent::Feedback(CommentFor::Worker),
                sam,
                "Your worker Sam and their manager.",
            ),
            (
                Lang::En,
                Concern(WhoSees::ManagerAndWorker, WorkerManager),
                sam,
                "Your worker Sam and their manager.",
            ),
            // About a worker who is a manager: never "their manager", who is them.
            (
                Lang::En,
                Concern(WhoSees::Manager, ComplaintsOfficer),
                sam,
                "The complaints officer only. Your worker will not see it.",
            ),
            (
                Lang::En,
                WhatIsSent::Goal,
                None,
                "Your worker and their manager.",
            ),
            (
                Lang::En,
                WhatIsSent::MyView,
                Some("  "),
                "Your worker and their manager.",
            ),
        ] {
            assert_eq!(who_can_see(lang, what, worker), said);
        }
        for (lang, what, start) in [
            (
                Lang::En,
                WhatIsSent::Feedback(CommentFor::ManagerOnly),
                "Your worker's manager only",
            ),
            (
                Lang::Cy,
                Concern(WhoSees::Manager, AnotherManager),
                "Rheolwr arall yn unig",
            ),
            (
                Lang::En,
                Concern(WhoSees::Manager, NoOne),
                "No one here can read this yet",
            ),
            (
                Lang::En,
                WhatIsSent::Safety,
                "Your worker Sam and their manager",
            ),
        ] {
            assert!(who_can_see(lang, what, sam).starts_with(start));
        }
        assert!(
            who_can_see(Lang::En, Concern(WhoSees::Manager, WorkerManager), sam)
                .contains("Your worker will not see it")
        );
        assert!(who_can_see(Lang::En, WhatIsSent::Safety, sam).contains("never hidden"));
    }
}
