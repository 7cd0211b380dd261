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
            Lang::Cy => welsh::text(),
        }
    }

    /// The words of the screens fetched when opened, in this language. Only their code
    /// calls this, so the young person's first download carries none of them.
    pub fn later(self) -> &'static Later {
        match self {
            Lang::En => &en::LATER,
            Lang::Cy => welsh::later(),
        }
    }

    /// The staff app's own words, in this language. Only the staff app's code calls this,
    /// so the young person's app carries none of them.
    pub fn staff_text(self) -> &'static StaffWords {
        match self {
            Lang::En => &en::STAFF,
            Lang::Cy => &cy::STAFF,
        }
    }
}

/// The Welsh table. On the server (and in tests) it is built in. In the browser it is
/// fetched as a file when someone first chooses Welsh (`words-cy-HASH.json`, written by
/// `cargo xtask` from [`cy::TEXT`]), so a phone that reads English never downloads it;
/// until it has arrived, the words are English.
#[cfg(not(target_arch = "wasm32"))]
pub mod welsh {
    use crate::i18n::{cy, Later, Text};

    pub fn text() -> &'static Text {
        &cy::TEXT
    }

    pub fn later() -> &'static Later {
        &cy::LATER
    }

    /// Always here.
    pub fn ready() -> bool {
        true
    }

    /// Nothing to do: the table is built in.
    pub fn load(_list: Vec<String>) -> Result<(), String> {
        Ok(())
    }
}

/// See the other `welsh`: here the table is fetched.
#[cfg(target_arch = "wasm32")]
pub mod welsh {
    use crate::i18n::{en, AllWords, Later, Text};
    use std::sync::OnceLock;

    static FETCHED: OnceLock<&'static AllWords> = OnceLock::new();

    pub fn text() -> &'static Text {
        FETCHED.get().map_or(&en::TEXT, |all| &all.text)
    }

    /// Called only by the code of screens fetched when opened, so the English table it
    /// falls back on is in their files, not the first download.
    pub fn later() -> &'static Later {
        FETCHED.get().map_or(&en::LATER, |all| &all.later)
    }

    pub fn ready() -> bool {
        FETCHED.get().is_some()
    }

    /// Takes the fetched list of messages ([`AllWords::as_list`] of `cy::ALL`) as the
    /// Welsh tables, unless it does not fit this build's.
    pub fn load(list: Vec<String>) -> Result<(), String> {
        let all = AllWords::from_list(list)?;
        let _ = FETCHED.set(all);
        Ok(())
    }
}

/// How many messages a table of `T` holds: it is nothing but messages side by side (the
/// assertion below checks `AllWords`, and so every table in it).
const fn messages_in<T>() -> usize {
    std::mem::size_of::<T>() / std::mem::size_of::<&str>()
}

impl Text {
    /// How many messages the first table holds: `AllWords::as_list` starts with them.
    pub const LEN: usize = messages_in::<Text>();
}

impl AllWords {
    /// How many messages the tables hold.
    pub const LEN: usize = messages_in::<AllWords>();

    /// Every message, in the order the table lays them out (its fields' order).
    #[allow(unsafe_code)]
    pub fn as_list(&'static self) -> &'static [&'static str] {
        // SAFETY: `AllWords` and every struct in it are `#[repr(C)]` and hold only
        // `&'static str` and arrays of them (checked below and by the tests), so the tables
        // are laid out exactly as `[&'static str; LEN]`.
        unsafe {
            std::slice::from_raw_parts((self as *const AllWords).cast::<&'static str>(), Self::LEN)
        }
    }

    /// A table from a list of messages in that order (one read from a file), kept for as
    /// long as the app runs. A list of the wrong length (a file from another build) is
    /// refused.
    #[allow(unsafe_code)]
    pub fn from_list(list: Vec<String>) -> Result<&'static AllWords, String> {
        if list.len() != Self::LEN {
            return Err(format!(
                "{} messages where this build has {}",
                list.len(),
                Self::LEN
            ));
        }
        let messages: Vec<&'static str> = list
            .into_iter()
            .map(|message| &*Box::leak(message.into_boxed_str()))
            .collect();
        let messages: &'static [&'static str] = Box::leak(messages.into_boxed_slice());
        // SAFETY: as in `as_list`: LEN messages, laid out as `AllWords` is.
        Ok(unsafe { &*messages.as_ptr().cast::<AllWords>() })
    }
}

// A table is nothing but messages, side by side, and there are plenty of them.
const _: () = assert!(
    AllWords::LEN > 500
        && std::mem::size_of::<AllWords>() == AllWords::LEN * std::mem::size_of::<&str>()
        && std::mem::size_of::<Text>() == Text::LEN * std::mem::size_of::<&str>()
        && Text::LEN < AllWords::LEN
        && std::mem::align_of::<AllWords>() == std::mem::align_of::<&str>()
);

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

/// A problem from the tables in `lang`, its `{placeholders}` filled from `params`. A
/// `what` (the English name of what is asked for, "what you wrote") is said in `lang`
/// where [`ProblemWords`] has it; a value that starts the sentence gets a capital letter.
pub fn problem_words(
    lang: Lang,
    which: Problem,
    params: &std::collections::BTreeMap<String, String>,
) -> String {
    let template = lang.text().problems.get(which);
    let values: Vec<(&str, String)> = params
        .iter()
        .map(|(name, value)| {
            let value = match name.as_str() {
                "what" => what_in(lang, value),
                _ => value.clone(),
            };
            let starts = template.starts_with(&format!("{{{name}}}"));
            (
                name.as_str(),
                if starts { capitalise(&value) } else { value },
            )
        })
        .collect();
    let pairs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
    fill(template, &pairs)
}

/// What is asked for ("what you wrote"), in `lang` when the tables have it.
fn what_in(lang: Lang, english: &str) -> String {
    en::TEXT
        .problem_words
        .entries()
        .into_iter()
        .find(|(_, words)| *words == english)
        .and_then(|(key, _)| {
            lang.text()
                .problem_words
                .entries()
                .into_iter()
                .find(|(name, _)| *name == key)
        })
        .map_or_else(|| english.to_owned(), |(_, words)| words.to_owned())
}

/// The text with its first letter a capital.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(capital(first)).chain(chars).collect(),
        None => String::new(),
    }
}

/// A letter's capital, for the letters of English, Welsh and most European names: ASCII,
/// Latin-1 and Latin Extended-A (â, ŵ, ŷ, é, ł…). Any other character is kept as it is.
/// Written out rather than `char::to_uppercase`, whose table of every alphabet would be
/// in every young person's download; a test checks it agrees with it on these letters.
fn capital(c: char) -> char {
    let code = u32::from(c);
    let upper = match code {
        0x61..=0x7a => code - 0x20,
        0xb5 => 0x39c,
        0xe0..=0xfe if code != 0xf7 => code - 0x20,
        0xff => 0x178,
        0x131 => 0x49,
        0x17f => 0x53,
        // Pairs of capital then small letter, the small one odd...
        0x101..=0x12f | 0x133..=0x137 | 0x14b..=0x177 if code % 2 == 1 => code - 1,
        // ...or even.
        0x13a..=0x148 | 0x17a..=0x17e if code % 2 == 0 => code - 1,
        _ => code,
    };
    char::from_u32(upper).unwrap_or(c)
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

    #[test]
    fn capitals_agree_with_rusts_own_for_the_latin_letters() {
        for c in (0..=0x17f_u32).filter_map(char::from_u32) {
            let mut std = c.to_uppercase();
            match (std.next(), std.next()) {
                // One capital letter: ours is the same.
                (Some(upper), None) => assert_eq!(capital(c), upper, "{c:?} {:x}", u32::from(c)),
                // "ß" to "SS", "ŉ" to "ʼN": kept as they are.
                _ => assert_eq!(capital(c), c, "{c:?}"),
            }
        }
        // Beyond those letters, a character is kept as it is.
        assert_eq!(capital('ж'), 'ж');
        assert_eq!(capitalise("ŵyr Sam"), "Ŵyr Sam");
        assert_eq!(capitalise("dy weithiwr"), "Dy weithiwr");
        assert_eq!(capitalise(""), "");
    }

    /// Messages that are rightly the same in both languages: names, numbers.
    const SAME_IN_BOTH: &[&str] = &[
        "common.app_name",
        // Templates whose words are all placeholders.
        "dates.long_date",
        "dates.with_year",
        "dates.near_then_date",
        "dates.date_then_near",
        "records.step_meta",
        "team.chart_month",
        "help_editor.in_language",
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
        let later = serde_json::to_value(lang.later()).unwrap();
        let staff = serde_json::to_value(lang.staff_text()).unwrap();
        for (section, words) in later
            .as_object()
            .unwrap()
            .iter()
            .chain(staff.as_object().unwrap())
        {
            assert!(!out
                .keys()
                .any(|key| key.starts_with(&format!("{section}."))));
            flatten(section, words, &mut out);
        }
        out
    }

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn a_table_read_back_from_its_list_says_the_same_in_the_same_places() {
        for tables in [&en::ALL, &cy::ALL] {
            let list = tables.as_list();
            assert_eq!(list.len(), AllWords::LEN);
            // The list is the tables' fields in order, as serde walks them.
            assert_eq!(list, walk(&serde_json::to_string(tables).unwrap()));
            let back = AllWords::from_list(list.iter().map(|m| m.to_string()).collect()).unwrap();
            assert_eq!(
                serde_json::to_value(back).unwrap(),
                serde_json::to_value(tables).unwrap()
            );
            assert_eq!(back.text.problems.too_long, tables.text.problems.too_long);
            assert_eq!(back.text.dates.months[11], tables.text.dates.months[11]);
            assert_eq!(back.later.goals.title, tables.later.goals.title);
            assert_eq!(back.later.officer.next_who, tables.later.officer.next_who);
        }
        // The two tables, one after the other, are what each language says.
        assert_eq!(en::ALL.later.help.title, Lang::En.later().help.title);
        assert_eq!(cy::ALL.text.common.opening, Lang::Cy.text().common.opening);
        let short = AllWords::from_list(vec!["Helo".to_owned(); AllWords::LEN - 1]);
        assert!(short.unwrap_err().contains("messages where this build has"));
    }

    /// Every message in the order serde writes them: the fields' order as declared. (A
    /// `serde_json::Value` would sort the keys, so the JSON text is read string by string:
    /// a string followed by `:` is a key, any other a message.)
    fn walk(json: &str) -> Vec<String> {
        let bytes = json.as_bytes();
        let (mut out, mut i) = (Vec::new(), 0);
        while i < bytes.len() {
            if bytes[i] != b'"' {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            while bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            if bytes.get(i) != Some(&b':') {
                out.push(serde_json::from_str(&json[start..i]).unwrap());
            }
        }
        out
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
    fn problems_are_said_in_each_language_from_their_names_numbers_and_all() {
        use crate::error::FieldError;
        use crate::i18n::words::Problem;
        let cy = &cy::TEXT.problems;
        let once = FieldError::problem("answers[1]", Problem::answer_once, &[]);
        assert_eq!(once.message, en::TEXT.problems.answer_once);
        assert_eq!(once.words(Lang::En), en::TEXT.problems.answer_once);
        assert_eq!(once.words(Lang::Cy), cy.answer_once);
        let rule = FieldError::problem(
            "username",
            Problem::username_rule,
            &[("min", "3"), ("max", "30")],
        );
        assert_eq!(
            rule.words(Lang::Cy),
            fill(cy.username_rule, &[("min", "3"), ("max", "30")])
        );
        // What is asked for is said in the language too, with a capital letter where it
        // starts the sentence.
        let long = FieldError::problem(
            "comment",
            Problem::too_long,
            &[("what", "what you wrote"), ("max", "1000"), ("len", "1004")],
        );
        assert_eq!(
            long.message,
            "What you wrote is too long: please use 1000 characters or fewer (it has 1004)."
        );
        assert_eq!(
            long.words(Lang::Cy),
            fill(
                cy.too_long,
                &[
                    ("what", cy::TEXT.problem_words.what_you_wrote),
                    ("max", "1000"),
                    ("len", "1004")
                ]
            )
        );
        let write =
            FieldError::problem("words", Problem::please_write, &[("what", "what is wrong")]);
        assert_eq!(write.message, "Please write what is wrong.");
        assert_eq!(
            write.words(Lang::Cy),
            fill(
                cy.please_write,
                &[("what", cy::TEXT.problem_words.what_is_wrong)]
            )
        );
    }

    #[test]
    fn the_plan_editors_missing_words_are_said_in_welsh() {
        let today = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let plan = crate::Plan {
            reason: String::new(),
            outcomes: vec![String::new()],
            steps: vec![crate::PlanStep {
                id: String::new(),
                what: String::new(),
                who: String::new(),
                by_when: None,
                status: crate::StepStatus::ComingUp,
            }],
            keeping_safe: String::new(),
            contingency: String::new(),
            next_review: today,
            last_review: None,
            review_chair: None,
        };
        let errors = plan.validate(today).unwrap_err();
        let words = &cy::TEXT.problem_words;
        let said: Vec<String> = errors.fields().iter().map(|e| e.words(Lang::Cy)).collect();
        for what in [
            words.why_there_is_a_plan,
            words.what_we_hope,
            words.what_will_happen,
            words.who_will_do_it,
            words.how_we_keep_safe,
            words.if_not_to_plan,
        ] {
            let expected = fill(cy::TEXT.problems.please_write, &[("what", what)]);
            assert!(said.contains(&expected), "{expected:?} not in {said:#?}");
        }
    }

    #[test]
    fn a_problem_in_words_of_its_own_is_shown_as_it_is() {
        use crate::error::FieldError;
        let staff = FieldError::new("reason", "Please write why there is a plan.");
        assert_eq!(staff.words(Lang::Cy), "Please write why there is a plan.");
        // A `what` the tables don't have stays as it was given.
        let odd = FieldError::problem(
            "x",
            crate::i18n::words::Problem::please_write,
            &[("what", "the colour of the sky")],
        );
        assert!(odd.words(Lang::Cy).contains("the colour of the sky"));
    }

    #[test]
    fn a_problem_travels_as_its_name_and_values() {
        use crate::error::FieldError;
        use crate::i18n::words::Problem;
        let sent = FieldError::problem(
            "words",
            Problem::too_long,
            &[("max", "500"), ("len", "512"), ("what", "your goal")],
        );
        let json = serde_json::to_value(&sent).unwrap();
        assert_eq!(json["code"], "too_long");
        assert_eq!(json["params"]["max"], "500");
        let back: FieldError = serde_json::from_value(json).unwrap();
        assert_eq!(back, sent);
        // A name from a newer server is left out, and its English words are shown.
        let newer: FieldError = serde_json::from_value(serde_json::json!(
            {"field": "x", "message": "Something new.", "code": "not_yet_known"}
        ))
        .unwrap();
        assert_eq!(newer.code, None);
        assert_eq!(newer.words(Lang::Cy), "Something new.");
    }

    #[test]
    fn every_problem_is_said_in_both_languages_with_its_values() {
        use crate::i18n::words::Problem;
        let values: std::collections::BTreeMap<String, String> = [
            ("count", "2"),
            ("min", "3"),
            ("max", "9"),
            ("len", "12"),
            ("what", "what you wrote"),
            ("name", "Alex"),
            ("detail", "a detail"),
            ("when", "today"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        for (name, _) in en::TEXT.problems.entries() {
            let which = Problem::from_name(name).expect("every message has a name");
            assert_eq!(which.name(), name);
            for lang in [Lang::En, Lang::Cy] {
                let said = problem_words(lang, which, &values);
                assert!(
                    !said.contains('{'),
                    "{name} in {lang:?} left a placeholder: {said}"
                );
            }
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
