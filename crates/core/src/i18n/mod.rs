//! Every word a young person sees, in English and in Welsh (Cymraeg), kept in one place
//! per language: `en.rs` and `cy.rs`. Both fill the same typed [`Text`], so a missing
//! message is a compile error, and the tests below check that nothing is left empty,
//! left in English by mistake, or has lost a `{placeholder}`.
//!
//! Messages with something to fill in use `{name}` placeholders and [`fill`].

pub mod cy;
pub mod en;
pub mod words;

pub use words::*;

use serde::{Deserialize, Serialize};

/// A language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// Matches `text` against a `{placeholder}` template, giving each placeholder's value.
fn match_template<'a>(template: &str, text: &'a str) -> Option<Vec<(String, &'a str)>> {
    let Some(start) = template.find('{') else {
        return (template == text).then(Vec::new);
    };
    let rest = text.strip_prefix(&template[..start])?;
    let after = &template[start + 1..];
    let end = after.find('}')?;
    let name = &after[..end];
    let tail = &after[end + 1..];
    let next_literal = &tail[..tail.find('{').unwrap_or(tail.len())];
    // Try each place the next words could start, shortest value first.
    let mut from = 0;
    while from <= rest.len() {
        let found = if next_literal.is_empty() {
            Some(rest.len())
        } else {
            rest[from..].find(next_literal).map(|i| from + i)
        };
        let at = found?;
        let value = &rest[..at];
        if !value.is_empty() {
            if let Some(mut values) = match_template(tail, &rest[at..]) {
                values.insert(0, (name.to_owned(), value));
                return Some(values);
            }
        }
        if next_literal.is_empty() {
            return None;
        }
        from = at + rest[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// A `{what}` (see [`ProblemWords`]) in the other language; it is written with a capital
/// letter at the start of an English sentence.
fn problem_words_in(lang: Lang, english: &str) -> Option<&'static str> {
    let same = |known: &str| {
        let mut a = known.chars();
        let mut b = english.chars();
        a.next().map(|c| c.to_lowercase().to_string())
            == b.next().map(|c| c.to_lowercase().to_string())
            && a.as_str() == b.as_str()
    };
    let (key, _) = en::TEXT
        .problem_words
        .entries()
        .into_iter()
        .find(|(_, known)| same(known))?;
    lang.text()
        .problem_words
        .entries()
        .into_iter()
        .find(|(name, _)| *name == key)
        .map(|(_, words)| words)
}

/// A form's or the server's message (always written in English, see [`Problems`]) in the
/// chosen language, numbers and all. A message it does not know stays in English rather
/// than being lost.
pub fn translate_problem(lang: Lang, english: &str) -> String {
    if lang == Lang::En {
        return english.to_owned();
    }
    let theirs = lang.text().problems.entries();
    for (key, template) in en::TEXT.problems.entries() {
        let Some(values) = match_template(template, english) else {
            continue;
        };
        let mut filled = Vec::with_capacity(values.len());
        let mut known = true;
        for (name, value) in values {
            if name == "what" {
                match problem_words_in(lang, value) {
                    Some(words) => filled.push((name, words)),
                    None => known = false,
                }
            } else {
                filled.push((name, value));
            }
        }
        let target = theirs.iter().find(|(name, _)| *name == key);
        if let (true, Some((_, target))) = (known, target) {
            let pairs: Vec<(&str, &str)> = filled.iter().map(|(n, v)| (n.as_str(), *v)).collect();
            return fill(target, &pairs);
        }
    }
    english.to_owned()
}

/// A date said as "on …": in Welsh, "ddydd Mawrth 3 Mawrth" (the day's name softened).
pub fn on_date(lang: Lang, date: &str) -> String {
    match lang {
        Lang::En => format!("on {date}"),
        Lang::Cy => match date.strip_prefix("Dydd ") {
            Some(rest) => format!("ddydd {rest}"),
            None => date.to_owned(),
        },
    }
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
        "records.step_meta",
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
    fn problems_are_shown_in_welsh_numbers_and_all() {
        let p = &en::TEXT.problems;
        let cy = &cy::TEXT.problems;
        assert_eq!(translate_problem(Lang::Cy, p.answer_once), cy.answer_once);
        assert_eq!(translate_problem(Lang::En, p.answer_once), p.answer_once);
        let short = fill(p.password_short, &[("min", "8")]);
        assert_eq!(
            translate_problem(Lang::Cy, &short),
            fill(cy.password_short, &[("min", "8")])
        );
        let rule = fill(p.username_rule, &[("min", "3"), ("max", "30")]);
        assert_eq!(
            translate_problem(Lang::Cy, &rule),
            fill(cy.username_rule, &[("min", "3"), ("max", "30")])
        );
        // Words and numbers together, with a capital letter in English.
        let long = crate::text::too_long_message("what you wrote", 1000, 1004);
        assert_eq!(
            long,
            "What you wrote is too long: please use 1000 characters or fewer (it has 1004)."
        );
        assert_eq!(
            translate_problem(Lang::Cy, &long),
            fill(
                cy.too_long,
                &[
                    ("what", cy::TEXT.problem_words.what_you_wrote),
                    ("max", "1000"),
                    ("len", "1004")
                ]
            )
        );
        assert_eq!(
            translate_problem(Lang::Cy, "Please write what is wrong."),
            fill(
                cy.please_write,
                &[("what", cy::TEXT.problem_words.what_is_wrong)]
            )
        );
    }

    #[test]
    fn unknown_problems_stay_in_english() {
        for english in [
            "Something nobody wrote down.",
            "Please write why there is a plan.",
            "",
        ] {
            assert_eq!(translate_problem(Lang::Cy, english), english);
        }
    }

    #[test]
    fn every_problem_and_its_words_translate() {
        for (key, template) in en::TEXT.problems.entries() {
            if template.contains("{what}") {
                continue;
            }
            let english = fill(
                template,
                &[
                    ("n", "7"),
                    ("min", "3"),
                    ("max", "9"),
                    ("len", "12"),
                    ("when", "today"),
                ],
            );
            assert_ne!(translate_problem(Lang::Cy, &english), english, "{key}");
        }
        for (key, words) in en::TEXT.problem_words.entries() {
            let english = fill(en::TEXT.problems.please_write, &[("what", words)]);
            assert_ne!(translate_problem(Lang::Cy, &english), english, "{key}");
        }
    }

    #[test]
    fn dates_said_as_on_a_day() {
        assert_eq!(on_date(Lang::En, "Tuesday 3 March"), "on Tuesday 3 March");
        assert_eq!(
            on_date(Lang::Cy, "Dydd Mawrth 3 Mawrth"),
            "ddydd Mawrth 3 Mawrth"
        );
    }

    #[test]
    fn languages_read_their_codes() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::parse("fr"), None);
    }
}
