//! The Help tab's words: how to complain and what happens at each stage, advocates, who
//! else can help, what is private, and what to do in danger. They belong to the
//! organisation (stored and versioned by the server, with defaults for England and for
//! Wales), so the app shows whatever the API sends and knows no names or numbers itself.

use crate::error::{FieldError, ValidationErrors};
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
    pub lang: crate::Lang,
}

/// `PUT /api/v1/help`: a manager replaces the content, based on the version they read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HelpEdit {
    pub based_on: i64,
    pub content: HelpContent,
}

/// A phone number someone can tap: digits and spaces, maybe a leading `+`.
pub fn phone_ok(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (3..=15).contains(&digits)
        && phone
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == ' ' || (i == 0 && c == '+'))
}

/// The number as a `tel:` link wants it.
pub fn tel_href(phone: &str) -> String {
    format!(
        "tel:{}",
        phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect::<String>()
    )
}

fn check_paragraphs(field: &str, what: &str, list: &[String], errors: &mut Vec<FieldError>) {
    if list.is_empty() {
        errors.push(FieldError::new(field, format!("Please write {what}.")));
    }
    if list.len() > MAX_HELP_ITEMS {
        errors.push(FieldError::new(
            field,
            format!("Please use {MAX_HELP_ITEMS} paragraphs or fewer."),
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
            errors.push(FieldError::new(
                "steps",
                format!("Please give between 1 and {MAX_HELP_ITEMS} steps."),
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
            errors.push(FieldError::new(
                "contacts",
                format!("Please list {MAX_HELP_ITEMS} or fewer."),
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
                if !phone_ok(phone) {
                    errors.push(FieldError::new(
                        format!("contacts[{i}].phone"),
                        "Please write the number with digits and spaces only, like 0800 1111.",
                    ));
                }
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
                    errors.push(FieldError::new(
                        format!("contacts[{i}].link"),
                        "Please give a link starting with https://.",
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
        if !phone_ok(&self.danger_phone) {
            errors.push(FieldError::new(
                "danger_phone",
                "Please write the emergency number, like 999.",
            ));
        }
        ValidationErrors::result(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        }
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
        let fields: Vec<&str> = errors.fields().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["contacts[0].phone", "contacts[0].link", "danger_phone"]
        );
    }

    #[test]
    fn empty_sections_are_named() {
        let mut bad = content();
        bad.steps.clear();
        bad.privacy = vec![" ".into()];
        let fields: Vec<String> = bad
            .validate()
            .unwrap_err()
            .fields()
            .iter()
            .map(|e| e.field.clone())
            .collect();
        assert_eq!(fields, ["steps", "privacy[0]"]);
    }

    #[test]
    fn tel_links_keep_digits_only() {
        assert_eq!(tel_href("0800 1111"), "tel:08001111");
        assert_eq!(tel_href("+44 800 1111"), "tel:+448001111");
        assert!(phone_ok("999") && phone_ok("0800 1111") && !phone_ok("99"));
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
        })
        .unwrap();
        let mut with_extra = json.clone();
        with_extra["content"]["secret"] = serde_json::json!(1);
        assert!(serde_json::from_value::<HelpEdit>(json).is_ok());
        assert!(serde_json::from_value::<HelpEdit>(with_extra).is_err());
    }
}
