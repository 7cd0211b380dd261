//! Every word a young person sees, in English and in Welsh (Cymraeg), kept in one place
//! per language: `en.rs` and `cy.rs`. Both fill the same typed [`Text`], so a missing
//! message is a compile error, and the tests below check that nothing is left empty,
//! left in English by mistake, or has lost a `{placeholder}`.
//!
//! Messages with something to fill in use `{name}` placeholders and [`fill`].

pub mod cy;
pub mod en;

use serde::{Deserialize, Serialize};

/// A language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    En,
    Cy,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Cy];

    /// The language tag for `<html lang>` and storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::Cy => "cy",
        }
    }

    /// The language's name in itself, so anyone can find their own.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Cy => "Cymraeg",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "en-gb" => Some(Lang::En),
            "cy" | "cy-gb" => Some(Lang::Cy),
            _ => None,
        }
    }

    /// All the words, in this language.
    pub fn text(self) -> &'static Text {
        match self {
            Lang::En => &en::TEXT,
            Lang::Cy => &cy::TEXT,
        }
    }
}

/// Puts values into a message's `{name}` placeholders. A placeholder with no value is
/// left as it is, so a mistake shows rather than silently vanishing.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match values.iter().find(|(key, _)| *key == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Everything, by screen. Each section is a struct of `&'static str` (or arrays of them).
#[derive(Debug, Serialize)]
pub struct Text {
    pub common: Common,
    pub dates: Dates,
    pub nav: Nav,
    pub settings: Settings,
    pub sign_in: SignIn,
    pub account: Account,
    pub home: Home,
    pub not_found: NotFound,
    pub journey: JourneyText,
    pub goals: GoalsText,
    pub feedback: FeedbackText,
    pub help: HelpText,
    pub how_im_doing: HowImDoingText,
    pub problems: Problems,
}

/// Words used on many screens.
#[derive(Debug, Serialize)]
pub struct Common {
    pub app_name: &'static str,
    pub rather_not_say: &'static str,
}

/// Dates as people say them (see `crate::dates`).
#[derive(Debug, Serialize)]
pub struct Dates {
    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],
    /// `{weekday} {day} {month}`
    pub long_date: &'static str,
    /// `{date} {year}`
    pub with_year: &'static str,
    pub today: &'static str,
    pub tomorrow: &'static str,
    pub yesterday: &'static str,
    pub in_days: &'static str,
    pub days_ago: &'static str,
    pub in_weeks: &'static str,
    pub weeks_ago: &'static str,
    /// "today, Tuesday 3 March"
    pub near_then_date: &'static str,
    /// "Tuesday 3 March (in 3 days)"
    pub date_then_near: &'static str,
    /// "today at 14:05"
    pub today_at: &'static str,
    /// "Tuesday 3 March at 09:10"
    pub date_at: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Nav {
    pub journey: &'static str,
}

/// The Settings page: language, text size, font, colours.
#[derive(Debug, Serialize)]
pub struct Settings {
    pub title: &'static str,
    pub intro: &'static str,
    pub language: &'static str,
    pub text_size: &'static str,
    pub text_size_hint: &'static str,
    pub text_normal: &'static str,
    pub text_larger: &'static str,
    pub text_largest: &'static str,
    pub font: &'static str,
    pub font_usual: &'static str,
    pub font_easier: &'static str,
    pub contrast: &'static str,
    pub contrast_normal: &'static str,
    pub contrast_high: &'static str,
    /// Under the choices: where they are kept.
    pub kept: &'static str,
    /// The link to this page, from the account and sign-in pages.
    pub link: &'static str,
    pub back_to_sign_in: &'static str,
}

#[derive(Debug, Serialize)]
pub struct SignIn {
    pub title: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Account {
    pub title: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Home {
    pub greeting: &'static str,
}

#[derive(Debug, Serialize)]
pub struct NotFound {
    pub title: &'static str,
}

#[derive(Debug, Serialize)]
pub struct JourneyText {
    pub title: &'static str,
}

#[derive(Debug, Serialize)]
pub struct GoalsText {
    pub title: &'static str,
}

#[derive(Debug, Serialize)]
pub struct FeedbackText {
    pub title: &'static str,
}

#[derive(Debug, Serialize)]
pub struct HelpText {
    pub title: &'static str,
}

#[derive(Debug, Serialize)]
pub struct HowImDoingText {
    pub title: &'static str,
}

/// What forms say when something needs changing.
#[derive(Debug, Serialize)]
pub struct Problems {
    pub generic: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Messages that are rightly the same in both languages: names, numbers.
    const SAME_IN_BOTH: &[&str] = &[
        "common.app_name",
        // Templates whose words are all placeholders.
        "dates.long_date",
        "dates.with_year",
        "dates.near_then_date",
        "dates.date_then_near",
    ];

    fn flatten(prefix: &str, value: &serde_json::Value, out: &mut BTreeMap<String, String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    flatten(&path, value, out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, value) in items.iter().enumerate() {
                    flatten(&format!("{prefix}[{i}]"), value, out);
                }
            }
            serde_json::Value::String(text) => {
                out.insert(prefix.to_owned(), text.clone());
            }
            other => panic!("{prefix} is not text: {other}"),
        }
    }

    fn messages(lang: Lang) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        flatten("", &serde_json::to_value(lang.text()).unwrap(), &mut out);
        out
    }

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_key_is_in_both_languages() {
        let en = messages(Lang::En);
        let cy = messages(Lang::Cy);
        let en_keys: BTreeSet<_> = en.keys().collect();
        let cy_keys: BTreeSet<_> = cy.keys().collect();
        assert_eq!(en_keys, cy_keys);
        assert!(en.len() > 10, "only {} messages", en.len());
    }

    #[test]
    fn no_message_is_empty_or_padded() {
        for lang in Lang::ALL {
            for (key, text) in messages(lang) {
                assert!(!text.trim().is_empty(), "{lang:?} {key} is empty");
                assert_eq!(text.trim(), text, "{lang:?} {key} has spaces at an end");
            }
        }
    }

    #[test]
    fn welsh_is_not_english_left_in_place() {
        let en = messages(Lang::En);
        let cy = messages(Lang::Cy);
        let left: Vec<_> = en
            .iter()
            .filter(|(key, text)| cy[*key] == **text && !SAME_IN_BOTH.contains(&key.as_str()))
            .map(|(key, text)| format!("{key}: {text:?}"))
            .collect();
        assert!(left.is_empty(), "not translated: {left:#?}");
    }

    #[test]
    fn both_languages_fill_the_same_placeholders() {
        let en = messages(Lang::En);
        let cy = messages(Lang::Cy);
        for (key, text) in &en {
            assert_eq!(
                placeholders(text),
                placeholders(&cy[key]),
                "{key}: {text:?} / {:?}",
                cy[key]
            );
        }
    }

    #[test]
    fn fill_puts_values_in_and_shows_what_is_missing() {
        assert_eq!(fill("Hi {name}!", &[("name", "Alex")]), "Hi Alex!");
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(fill("Hi {name}", &[]), "Hi {name}");
        assert_eq!(fill("odd { brace", &[]), "odd { brace");
    }

    #[test]
    fn languages_read_their_codes() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::parse("fr"), None);
    }
}
