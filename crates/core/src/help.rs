//! The Help tab's words: how to complain and what happens at each stage, advocates, who
//! else can help, what is private, and what to do in danger. They belong to the
//! organisation (stored and versioned by the server, with defaults for England and for
//! Wales), so the app shows whatever the API sends and knows no names or numbers itself.

use crate::error::{FieldError, ValidationErrors};
use crate::i18n::words::Problem;
use crate::phone::{is_emergency_number, is_uk_phone};
use crate::text::{check_length, check_required};
use serde::{Deserialize, Serialize};

pub const MAX_HELP_TEXT_CHARS: usize = 1000;
pub const MAX_HELP_ITEMS: usize = 12;
const MAX_SHORT_CHARS: usize = 120;

/// Which rules the organisation works under: the complaint stages and the bodies differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Nation {
    England,
    Wales,
}

impl Nation {
    pub fn parse(text: &str) -> Option<Nation> {
        match text.trim().to_ascii_lowercase().as_str() {
            "england" => Some(Nation::England),
            "wales" => Some(Nation::Wales),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Nation::England => "england",
            Nation::Wales => "wales",
        }
    }
}

/// One stage of a complaint: what happens and how long it takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HelpStep {
    pub title: String,
    pub what_happens: String,
    pub how_long: String,
}

/// Someone else who can help, with a number to call and/or a website.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HelpContact {
    pub name: String,
    pub what: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub link: Option<String>,
}

/// Everything on the Help tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HelpContent {
    pub nation: Nation,
    /// "It's OK to complain": a few short paragraphs.
    pub ok_to_complain: Vec<String>,
    pub steps: Vec<HelpStep>,
    pub still_unhappy: String,
    pub advocate: Vec<String>,
    pub contacts: Vec<HelpContact>,
    /// What is private and who can see what.
    pub privacy: Vec<String>,
    /// The calm box at the top.
    pub danger_words: String,
    pub danger_phone: String,
    /// When the organisation's staff are there, in UK time. `None`: not set, so the app
    /// treats every hour as out of hours and always shows 24-hour help after "I don't
    /// feel safe".
    #[serde(default)]
    pub opening_hours: Option<OpeningHours>,
    /// The organisation's number to ring out of hours, shown with Childline after "I
    /// don't feel safe" outside the opening hours.
    #[serde(default)]
    pub out_of_hours_phone: Option<String>,
}

/// The organisation's opening hours, in UK time (Europe/London), on weekdays that are
/// not bank holidays (and at weekends too if `weekends`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OpeningHours {
    /// "09:00"
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-2][0-9]:[0-5][0-9]$"))]
    pub opens: String,
    /// "17:00"
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-2][0-9]:[0-5][0-9]$"))]
    pub closes: String,
    #[serde(default)]
    pub weekends: bool,
}

/// Childline, free at any hour, for 24-hour help.
pub const CHILDLINE_PHONE: &str = "0800 1111";

/// The UK's clock (Europe/London) at a moment: GMT, or BST (one hour on) from 01:00 UTC
/// on the last Sunday of March to 01:00 UTC on the last Sunday of October.
pub fn uk_time(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
    use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
    let year = at.year();
    let last_sunday = |month: u32| {
        let mut day =
            NaiveDate::from_ymd_opt(year, month, 31).expect("March and October have 31 days");
        while day.weekday() != Weekday::Sun {
            day = day.pred_opt().expect("a day before");
        }
        day.and_time(NaiveTime::from_hms_opt(1, 0, 0).expect("01:00"))
            .and_utc()
    };
    let utc = at.naive_utc();
    if at >= last_sunday(3) && at < last_sunday(10) {
        utc + chrono::Duration::hours(1)
    } else {
        utc
    }
}

/// A time of day as staff type it: "09:00", "9:30" (hours and minutes of one or two digits
/// each). Read by hand rather than with chrono's `%H:%M`, whose format-string reader
/// would be in every young person's download (a test checks both read the same).
fn parse_clock(text: &str) -> Option<chrono::NaiveTime> {
    let (hours, minutes) = text.trim().split_once(':')?;
    let number = |part: &str| {
        let part = part.trim_start();
        let digits =
            !part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| part.parse::<u32>().ok()).flatten()
    };
    chrono::NaiveTime::from_hms_opt(number(hours)?, number(minutes)?, 0)
}

impl OpeningHours {
    /// Whether staff are there at this moment (UK time; closed on bank holidays in
    /// England and Wales).
    pub fn open_at(&self, at: chrono::DateTime<chrono::Utc>) -> bool {
        use chrono::{Datelike, Weekday};
        let local = uk_time(at);
        let day = local.date();
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        if (weekend && !self.weekends) || crate::holidays::bank_holidays(day.year()).contains(&day)
        {
            return false;
        }
        match (parse_clock(&self.opens), parse_clock(&self.closes)) {
            (Some(opens), Some(closes)) => opens <= local.time() && local.time() < closes,
            _ => false,
        }
    }
}

impl HelpContent {
    /// Outside the organisation's hours (or no hours set): the app shows 24-hour help.
    pub fn out_of_hours(&self, at: chrono::DateTime<chrono::Utc>) -> bool {
        out_of_hours(self.opening_hours.as_ref(), at)
    }
}

fn out_of_hours(hours: Option<&OpeningHours>, at: chrono::DateTime<chrono::Utc>) -> bool {
    !hours.is_some_and(|hours| hours.open_at(at))
}

/// Only what 24-hour help needs of the Help content, read from the same JSON
/// (`GET /api/v1/help`'s `content`; every other field is skipped unread), so the screens
/// that show it need no code to read the whole Help tab.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct HelpHours {
    #[serde(default)]
    pub opening_hours: Option<OpeningHours>,
    #[serde(default)]
    pub out_of_hours_phone: Option<String>,
}

impl HelpHours {
    /// The same as [`HelpContent::out_of_hours`].
    pub fn out_of_hours(&self, at: chrono::DateTime<chrono::Utc>) -> bool {
        out_of_hours(self.opening_hours.as_ref(), at)
    }
}

/// `GET /api/v1/help`: the newest version (0 for the built-in default, before any edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpPage {
    pub version: i64,
    pub content: HelpContent,
    /// The language the content is in: the built-in content comes in the language asked
    /// for; an organisation's own words come as they wrote them (taken as English).
    #[serde(default)]
    pub lang: crate::i18n::Lang,
}

/// `PUT /api/v1/help`: a manager replaces the content, based on the version they read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HelpEdit {
    pub based_on: i64,
    pub content: HelpContent,
    /// The same content in Welsh (issue 21), served to `?lang=cy`. Left out: Welsh readers
    /// get the English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_cy: Option<HelpContent>,
}

impl HelpEdit {
    /// The English, the Welsh (its problems named `cy.…`), and that the Welsh says the
    /// same things: the same steps and helplines, with the same numbers and links.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = match self.content.validate() {
            Ok(()) => Vec::new(),
            Err(found) => found.fields().to_vec(),
        };
        if let Some(cy) = &self.content_cy {
            if let Err(found) = cy.validate() {
                errors.extend(found.fields().iter().cloned().map(|mut error| {
                    error.field = format!("cy.{}", error.field);
                    error
                }));
            }
            same_shape(&self.content, cy, &mut errors);
        }
        ValidationErrors::result(errors)
    }
}

/// The Welsh must match the English in all that is not words.
fn same_shape(en: &HelpContent, cy: &HelpContent, errors: &mut Vec<FieldError>) {
    let mut differs = |field: String| {
        if !errors.iter().any(|e| e.field == field) {
            errors.push(FieldError::problem(
                field,
                Problem::help_same_as_english,
                &[],
            ));
        }
    };
    if en.nation != cy.nation {
        differs("cy.nation".into());
    }
    if en.steps.len() != cy.steps.len() {
        differs("cy.steps".into());
    }
    if en.contacts.len() != cy.contacts.len() {
        differs("cy.contacts".into());
    }
    for (i, (e, c)) in en.contacts.iter().zip(&cy.contacts).enumerate() {
        if e.phone != c.phone {
            differs(format!("cy.contacts[{i}].phone"));
        }
        if e.link != c.link {
            differs(format!("cy.contacts[{i}].link"));
        }
    }
    if en.danger_phone != cy.danger_phone {
        differs("cy.danger_phone".into());
    }
    if en.opening_hours != cy.opening_hours {
        differs("cy.opening_hours".into());
    }
    if en.out_of_hours_phone != cy.out_of_hours_phone {
        differs("cy.out_of_hours_phone".into());
    }
}

/// `GET /api/v1/help/edit`: what the Help editor starts from, for the organisation's
/// administrators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpForEditing {
    /// The newest version (0: the built-in content, before any edit).
    pub version: i64,
    pub content: HelpContent,
    /// The Welsh as written, or (`welsh_written` false) the built-in Welsh to start from.
    pub content_cy: HelpContent,
    pub welsh_written: bool,
    /// Still the nation's built-in content.
    pub built_in: bool,
    /// The most recent versions, newest first.
    pub versions: Vec<HelpVersion>,
}

/// One saved version of the help content: who saved it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpVersion {
    pub version: i64,
    pub by: String,
    #[serde(deserialize_with = "crate::iso::moment")]
    pub at: chrono::DateTime<chrono::Utc>,
    /// The nation's built-in content (set by "go back", or by choosing the nation).
    pub built_in: bool,
    /// Written in Welsh too.
    pub welsh: bool,
}

/// `POST /api/v1/help/built-in`: go back to the nation's built-in content, in both
/// languages, as a new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BackToBuiltIn {
    pub based_on: i64,
}

/// A number on the help page that a young person taps to call: a real UK number.
fn check_phone(field: &str, phone: &str, errors: &mut Vec<FieldError>) {
    if !is_uk_phone(phone) {
        errors.push(FieldError::problem(field, Problem::help_phone, &[]));
    }
}

fn check_paragraphs(field: &str, what: &str, list: &[String], errors: &mut Vec<FieldError>) {
    if list.is_empty() {
        errors.push(FieldError::problem(
            field,
            Problem::please_write,
            &[("what", what)],
        ));
    }
    if list.len() > MAX_HELP_ITEMS {
        errors.push(FieldError::problem(
            field,
            Problem::help_too_many,
            &[("max", &MAX_HELP_ITEMS.to_string())],
        ));
    }
    for (i, text) in list.iter().enumerate() {
        check_required(
            &format!("{field}[{i}]"),
            what,
            text,
            MAX_HELP_TEXT_CHARS,
            errors,
        );
    }
}

impl HelpContent {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        check_paragraphs(
            "ok_to_complain",
            "why it is OK to complain",
            &self.ok_to_complain,
            &mut errors,
        );
        if self.steps.is_empty() || self.steps.len() > MAX_HELP_ITEMS {
            errors.push(FieldError::problem(
                "steps",
                Problem::help_steps,
                &[("max", &MAX_HELP_ITEMS.to_string())],
            ));
        }
        for (i, step) in self.steps.iter().enumerate() {
            check_required(
                &format!("steps[{i}].title"),
                "the step's name",
                &step.title,
                MAX_SHORT_CHARS,
                &mut errors,
            );
            check_required(
                &format!("steps[{i}].what_happens"),
                "what happens",
                &step.what_happens,
                MAX_HELP_TEXT_CHARS,
                &mut errors,
            );
            check_required(
                &format!("steps[{i}].how_long"),
                "how long it takes",
                &step.how_long,
                MAX_SHORT_CHARS,
                &mut errors,
            );
        }
        check_required(
            "still_unhappy",
            "what to do if still unhappy",
            &self.still_unhappy,
            MAX_HELP_TEXT_CHARS,
            &mut errors,
        );
        check_paragraphs(
            "advocate",
            "how to get an advocate",
            &self.advocate,
            &mut errors,
        );
        if self.contacts.len() > MAX_HELP_ITEMS {
            errors.push(FieldError::problem(
                "contacts",
                Problem::help_too_many,
                &[("max", &MAX_HELP_ITEMS.to_string())],
            ));
        }
        for (i, contact) in self.contacts.iter().enumerate() {
            check_required(
                &format!("contacts[{i}].name"),
                "the name",
                &contact.name,
                MAX_SHORT_CHARS,
                &mut errors,
            );
            check_required(
                &format!("contacts[{i}].what"),
                "what they do",
                &contact.what,
                MAX_HELP_TEXT_CHARS,
                &mut errors,
            );
            if let Some(phone) = &contact.phone {
                check_phone(&format!("contacts[{i}].phone"), phone, &mut errors);
            }
            if let Some(link) = &contact.link {
                check_length(
                    &format!("contacts[{i}].link"),
                    "the link",
                    link,
                    MAX_SHORT_CHARS,
                    &mut errors,
                );
                if !link.starts_with("https://") {
                    errors.push(FieldError::problem(
                        format!("contacts[{i}].link"),
                        Problem::help_link,
                        &[],
                    ));
                }
            }
        }
        check_paragraphs("privacy", "what is private", &self.privacy, &mut errors);
        check_required(
            "danger_words",
            "what to do in danger",
            &self.danger_words,
            MAX_HELP_TEXT_CHARS,
            &mut errors,
        );
        if let Some(hours) = &self.opening_hours {
            for (field, time) in [
                ("opening_hours.opens", &hours.opens),
                ("opening_hours.closes", &hours.closes),
            ] {
                if parse_clock(time).is_none() {
                    errors.push(FieldError::problem(field, Problem::help_clock, &[]));
                }
            }
            if let (Some(opens), Some(closes)) =
                (parse_clock(&hours.opens), parse_clock(&hours.closes))
            {
                if opens >= closes {
                    errors.push(FieldError::problem(
                        "opening_hours.closes",
                        Problem::help_closes_later,
                        &[],
                    ));
                }
            }
        }
        if let Some(phone) = &self.out_of_hours_phone {
            check_phone("out_of_hours_phone", phone, &mut errors);
        }
        if !is_emergency_number(&self.danger_phone) {
            errors.push(FieldError::problem(
                "danger_phone",
                Problem::help_emergency,
                &[],
            ));
        }
        ValidationErrors::result(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::fields_at_fault;

    #[test]
    fn opening_times_are_read_as_chrono_reads_them() {
        let hours = [
            "", "0", "9", "09", "009", "23", "24", "+9", "-1", " 9", "9 ", "1a", "\u{669}",
        ];
        let minutes = [
            "", "0", "00", "5", "05", "59", "60", "000", "+5", " 5", "5 ", "05:00", "5am",
        ];
        let mut cases: Vec<String> = hours
            .iter()
            .flat_map(|h| minutes.iter().map(move |m| format!("{h}:{m}")))
            .collect();
        cases.extend(["0900", "9am", "", ":", " 09:00 ", "09::00", "9.30"].map(String::from));
        for case in cases {
            let chrono = chrono::NaiveTime::parse_from_str(case.trim(), "%H:%M").ok();
            assert_eq!(parse_clock(&case), chrono, "{case:?}");
        }
        let nine_thirty = chrono::NaiveTime::from_hms_opt(9, 30, 0);
        assert_eq!(parse_clock("9:30"), nine_thirty);
        assert_eq!(parse_clock(" 09:30 "), nine_thirty);
        assert_eq!(parse_clock("24:00"), None);
    }

    fn content() -> HelpContent {
        HelpContent {
            nation: Nation::England,
            ok_to_complain: vec!["It's OK to complain.".into()],
            steps: vec![HelpStep {
                title: "Talk to someone".into(),
                what_happens: "We listen.".into(),
                how_long: "Up to 10 working days".into(),
            }],
            still_unhappy: "Ask the ombudsman.".into(),
            advocate: vec!["An advocate is on your side.".into()],
            contacts: vec![HelpContact {
                name: "Childline".into(),
                what: "Talk about anything.".into(),
                phone: Some("0800 1111".into()),
                link: Some("https://www.childline.org.uk".into()),
            }],
            privacy: vec!["Themes, not words.".into()],
            danger_words: "Call 999.".into(),
            danger_phone: "999".into(),
            opening_hours: None,
            out_of_hours_phone: None,
        }
    }

    fn utc(text: &str) -> chrono::DateTime<chrono::Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn uk_time_is_gmt_in_winter_and_bst_in_summer() {
        let t = |at: &str| uk_time(utc(at)).format("%Y-%m-%d %H:%M").to_string();
        assert_eq!(t("2026-12-01T23:30:00Z"), "2026-12-01 23:30");
        assert_eq!(t("2026-07-01T23:30:00Z"), "2026-07-02 00:30");
        // 2026: BST from 29 March to 25 October, at 01:00 UTC.
        assert_eq!(t("2026-03-29T00:59:00Z"), "2026-03-29 00:59");
        assert_eq!(t("2026-03-29T01:00:00Z"), "2026-03-29 02:00");
        assert_eq!(t("2026-10-25T00:59:00Z"), "2026-10-25 01:59");
        assert_eq!(t("2026-10-25T01:00:00Z"), "2026-10-25 01:00");
    }

    /// Read from the whole Help content's JSON, it says the same as the content.
    #[test]
    fn help_hours_read_from_the_help_content_say_the_same() {
        let mut help = content();
        help.out_of_hours_phone = Some("0300 123 4567".into());
        for hours in [
            None,
            Some(OpeningHours {
                opens: "09:00".into(),
                closes: "17:00".into(),
                weekends: false,
            }),
        ] {
            help.opening_hours = hours;
            let json = serde_json::to_string(&help).unwrap();
            let read: HelpHours = serde_json::from_str(&json).unwrap();
            assert_eq!(read.opening_hours, help.opening_hours);
            assert_eq!(read.out_of_hours_phone, help.out_of_hours_phone);
            for at in ["2026-12-01T12:00:00Z", "2026-12-01T23:30:00Z"] {
                assert_eq!(read.out_of_hours(utc(at)), help.out_of_hours(utc(at)));
            }
        }
        // Left out (an older server): none, as for the content.
        let read: HelpHours = serde_json::from_str(r#"{"nation":"england"}"#).unwrap();
        assert_eq!(read, HelpHours::default());
    }

    #[test]
    fn out_of_hours_is_outside_the_opening_hours_in_uk_time() {
        let mut help = content();
        // No hours set: always out of hours, so 24-hour help is never missing.
        assert!(help.out_of_hours(utc("2026-12-01T12:00:00Z")));
        help.opening_hours = Some(OpeningHours {
            opens: "09:00".into(),
            closes: "17:00".into(),
            weekends: false,
        });
        // Tuesday 1 December 2026 (GMT).
        assert!(!help.out_of_hours(utc("2026-12-01T09:00:00Z")));
        assert!(!help.out_of_hours(utc("2026-12-01T16:59:00Z")));
        assert!(help.out_of_hours(utc("2026-12-01T17:00:00Z")));
        assert!(help.out_of_hours(utc("2026-12-01T23:30:00Z")));
        assert!(help.out_of_hours(utc("2026-12-01T08:59:00Z")));
        // Summer: 08:30 UTC is 09:30 in London, open; 16:30 UTC is 17:30, closed.
        assert!(!help.out_of_hours(utc("2026-07-01T08:30:00Z")));
        assert!(help.out_of_hours(utc("2026-07-01T16:30:00Z")));
        // A Saturday, and Christmas Day (a Friday in 2026): closed.
        assert!(help.out_of_hours(utc("2026-12-05T12:00:00Z")));
        assert!(help.out_of_hours(utc("2026-12-25T12:00:00Z")));
        help.opening_hours.as_mut().unwrap().weekends = true;
        assert!(!help.out_of_hours(utc("2026-12-05T12:00:00Z")));
    }

    #[test]
    fn opening_hours_and_the_out_of_hours_number_are_checked() {
        let mut bad = content();
        bad.opening_hours = Some(OpeningHours {
            opens: "9am".into(),
            closes: "17:00".into(),
            weekends: false,
        });
        bad.out_of_hours_phone = Some("ring us".into());
        assert_eq!(
            fields_at_fault(bad.validate()),
            ["opening_hours.opens", "out_of_hours_phone"]
        );
        bad.opening_hours = Some(OpeningHours {
            opens: "17:00".into(),
            closes: "09:00".into(),
            weekends: false,
        });
        bad.out_of_hours_phone = Some("0300 123 4567".into());
        assert_eq!(fields_at_fault(bad.validate()), ["opening_hours.closes"]);
    }

    #[test]
    fn sound_content_passes() {
        assert!(content().validate().is_ok());
    }

    #[test]
    fn numbers_and_links_must_be_usable() {
        let mut bad = content();
        bad.contacts[0].phone = Some("call us".into());
        bad.contacts[0].link = Some("http://example.org".into());
        bad.danger_phone = String::new();
        let errors = bad.validate().unwrap_err();
        assert_eq!(
            errors.field_names(),
            ["contacts[0].phone", "contacts[0].link", "danger_phone"]
        );
    }

    #[test]
    fn empty_sections_are_named() {
        let mut bad = content();
        bad.steps.clear();
        bad.privacy = vec![" ".into()];
        assert_eq!(fields_at_fault(bad.validate()), ["steps", "privacy[0]"]);
    }

    #[test]
    fn the_emergency_number_is_999_or_112_and_others_real_uk_numbers() {
        let mut help = content();
        help.danger_phone = "1 2 3".into();
        help.contacts[0].phone = Some("+1 212 555 0100".into());
        help.out_of_hours_phone = Some("0800 CALL US".into());
        let errors = help.validate().unwrap_err();
        assert_eq!(
            errors.field_names(),
            ["contacts[0].phone", "out_of_hours_phone", "danger_phone"]
        );
        help.danger_phone = "112".into();
        help.contacts[0].phone = Some("116 123".into());
        help.out_of_hours_phone = Some("0300 123 4567".into());
        assert_eq!(help.validate(), Ok(()));
    }

    #[test]
    fn the_welsh_is_checked_under_cy_and_must_match_the_english() {
        let mut cy = content();
        cy.steps[0].title = String::new();
        cy.contacts[0].phone = Some("116 123".into());
        cy.opening_hours = Some(OpeningHours {
            opens: "09:00".into(),
            closes: "17:00".into(),
            weekends: false,
        });
        let edit = HelpEdit {
            based_on: 0,
            content: content(),
            content_cy: Some(cy),
        };
        let errors = edit.validate().unwrap_err();
        assert_eq!(
            errors.field_names(),
            [
                "cy.steps[0].title",
                "cy.contacts[0].phone",
                "cy.opening_hours"
            ]
        );
        // Said in Welsh from the tables.
        let welsh = errors.fields()[1].words(crate::i18n::Lang::Cy);
        assert!(!welsh.contains("Please"), "{welsh}");
        let same = HelpEdit {
            based_on: 0,
            content: content(),
            content_cy: Some(content()),
        };
        assert_eq!(same.validate(), Ok(()));
    }

    #[test]
    fn nations_read_from_words() {
        assert_eq!(Nation::parse("Wales"), Some(Nation::Wales));
        assert_eq!(Nation::parse("england"), Some(Nation::England));
        assert_eq!(Nation::parse("Scotland"), None);
    }

    #[test]
    fn unknown_fields_are_refused() {
        let json = serde_json::to_value(HelpEdit {
            based_on: 0,
            content: content(),
            content_cy: None,
        })
        .unwrap();
        let mut with_extra = json.clone();
        with_extra["content"]["secret"] = serde_json::json!(1);
        assert!(serde_json::from_value::<HelpEdit>(json).is_ok());
        assert!(serde_json::from_value::<HelpEdit>(with_extra).is_err());
    }
}
