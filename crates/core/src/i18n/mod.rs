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
    pub cancel: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub sending: &'static str,
    pub you_can_skip: &'static str,
    pub in_your_words: &'static str,
    pub in_their_words: &'static str,
    pub why: &'static str,
    pub back_to_young_people: &'static str,
    pub quick_exit: &'static str,
    pub quick_exit_hint: &'static str,
    pub read_aloud_label: &'static str,
    pub read_aloud: &'static str,
    pub pause: &'static str,
    pub carry_on: &'static str,
    pub stop: &'static str,
    pub outbox_label: &'static str,
    pub waiting_one: &'static str,
    pub waiting_many: &'static str,
    pub outbox_feedback: &'static str,
    pub outbox_ratings: &'static str,
    pub outbox_written: &'static str,
    pub outbox_problem: &'static str,
    pub outbox_saved: &'static str,
    pub outbox_delete: &'static str,
    pub outbox_try_now: &'static str,
    pub outbox_lost: &'static str,
    pub invite_for: &'static str,
    pub invite_until: &'static str,
    pub invite_read_out: &'static str,
    pub invite_how: &'static str,
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
    pub main: &'static str,
    pub journey: &'static str,
    pub goals: &'static str,
    pub feedback: &'static str,
    pub help: &'static str,
    pub account: &'static str,
    pub young_people: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Settings {
    pub title: &'static str,
    pub language: &'static str,
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
    pub no_plan: &'static str,
}

#[derive(Debug, Serialize)]
pub struct NotFound {
    pub title: &'static str,
    pub lead: &'static str,
    pub go_journey: &'static str,
    pub go_young_people: &'static str,
    pub go_start: &'static str,
}

#[derive(Debug, Serialize)]
pub struct JourneyText {
    pub title: &'static str,
    pub their_title: &'static str,
    pub their_title_unknown: &'static str,
    pub loading_mine: &'static str,
    pub loading_theirs: &'static str,
    pub no_plan_mine: &'static str,
    pub no_plan_theirs: &'static str,
    pub write_plan: &'static str,
    pub check_in_title: &'static str,
    pub check_in_any_time: &'static str,
    pub check_in: &'static str,
    pub not_safe: &'static str,
    pub date_passed: &'static str,
    pub review_passed: &'static str,
    pub review_coming: &'static str,
    pub views_title_mine: &'static str,
    pub views_intro_mine: &'static str,
    pub views_title_theirs: &'static str,
    pub views_intro_theirs: &'static str,
    pub preview_note: &'static str,
    pub edit_plan: &'static str,
    pub hello: &'static str,
    pub next_review: &'static str,
    pub why_title: &'static str,
    pub hopes_title: &'static str,
    pub steps_title: &'static str,
    pub safe_title: &'static str,
    pub plan_b_title: &'static str,
    pub review_title: &'static str,
    pub last_review: &'static str,
    pub whats_new_title: &'static str,
    pub got_it: &'static str,
    pub step_who: &'static str,
    pub step_by: &'static str,
    pub add_view_mine: &'static str,
    pub add_view_theirs: &'static str,
    pub feel_step_mine: &'static str,
    pub feel_plan_mine: &'static str,
    pub feel_step_theirs: &'static str,
    pub feel_plan_theirs: &'static str,
    pub words_label_mine: &'static str,
    pub words_label_theirs: &'static str,
    pub who_sees_theirs: &'static str,
    pub save_view_mine: &'static str,
    pub save_view_theirs: &'static str,
    pub thanks_mine: &'static str,
    pub thanks_theirs: &'static str,
    pub view_not_saved: &'static str,
    pub someone_wrote: &'static str,
    pub agree: &'static str,
    pub not_sure: &'static str,
    pub dont_agree: &'static str,
    pub step_done: &'static str,
    pub step_now: &'static str,
    pub step_coming_up: &'static str,
    pub worker_title: &'static str,
    pub call: &'static str,
    pub email: &'static str,
    pub worker_changed: &'static str,
    pub worker_before: &'static str,
    pub you_meet: &'static str,
    pub next_time: &'static str,
    pub changed_reason: &'static str,
    pub changed_hope_added: &'static str,
    pub changed_hope_removed: &'static str,
    pub changed_step_added: &'static str,
    pub changed_step_removed: &'static str,
    pub changed_step_status: &'static str,
    pub changed_step_edited: &'static str,
    pub changed_keeping_safe: &'static str,
    pub changed_contingency: &'static str,
    pub changed_review: &'static str,
    pub changed_last_review: &'static str,
    pub history_title: &'static str,
    pub history_loading: &'static str,
    pub history_not_found: &'static str,
    pub first_plan: &'static str,
    pub nothing_changed: &'static str,
    pub version: &'static str,
    pub earlier_versions: &'static str,
}

#[derive(Debug, Serialize)]
pub struct GoalsText {
    pub title: &'static str,
    pub lead: &'static str,
    pub worker_lead: &'static str,
    pub go_young_people: &'static str,
    pub loading_mine: &'static str,
    pub not_found_mine: &'static str,
    pub working_title: &'static str,
    pub none_yet: &'static str,
    pub closed_title: &'static str,
    pub rate_title: &'static str,
    pub rate_intro: &'static str,
    pub rate_button: &'static str,
    pub rated_saved: &'static str,
    pub rated_waiting: &'static str,
    pub add_title: &'static str,
    pub add_intro: &'static str,
    pub add_button: &'static str,
    pub added: &'static str,
    pub at_most: &'static str,
    pub at_most_next: &'static str,
    pub celebrate_title: &'static str,
    pub celebrate_words: &'static str,
    pub not_rated: &'static str,
    pub no_change: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub typed_by: &'static str,
    pub typed_by_until: &'static str,
    pub earlier_words: &'static str,
    pub what_will_help: &'static str,
    pub started: &'static str,
    pub change_words: &'static str,
    pub got_there_or_rest: &'static str,
    pub work_on_again: &'static str,
    pub reword_not_saved: &'static str,
    pub reword_label: &'static str,
    pub reword_hint: &'static str,
    pub save_new_words: &'static str,
    pub status_not_saved: &'static str,
    pub status_legend: &'static str,
    pub choose_one: &'static str,
    pub why_label: &'static str,
    pub goal_not_saved: &'static str,
    pub new_label: &'static str,
    pub new_hint: &'static str,
    pub help_label: &'static str,
    pub save_goal: &'static str,
    pub answers_not_sent: &'static str,
    pub scale_explained: &'static str,
    pub first_rating_hint: &'static str,
    pub skip_rating_hint: &'static str,
    pub nothing_chosen: &'static str,
    pub send_answers: &'static str,
    pub status_working: &'static str,
    pub status_achieved: &'static str,
    pub status_paused: &'static str,
    pub status_let_go: &'static str,
    pub progress_none: &'static str,
    pub progress_started: &'static str,
    pub progress_from_to: &'static str,
    pub out_of_ten: &'static str,
    pub scale_not_close: &'static str,
    pub scale_halfway: &'static str,
    pub scale_got_there: &'static str,
    pub scale_low_end: &'static str,
    pub scale_high_end: &'static str,
    pub rather_not_say: &'static str,
    pub their_title: &'static str,
    pub their_title_unknown: &'static str,
    pub loading_theirs: &'static str,
    pub not_on_list: &'static str,
    pub your_worker: &'static str,
    pub your_turn: &'static str,
    pub their_turn: &'static str,
    pub hand_over: &'static str,
    pub hand_back_banner: &'static str,
    pub no_goals_theirs: &'static str,
    pub preview_note: &'static str,
    pub start_session: &'static str,
    pub hand_over_words: &'static str,
    pub my_turn: &'static str,
    pub write_intro: &'static str,
    pub saved_in_words: &'static str,
    pub most_goals: &'static str,
    pub not_now: &'static str,
    pub next: &'static str,
    pub rate_them: &'static str,
    pub skip_for_now: &'static str,
    pub thank_you: &'static str,
    pub please_hand_back: &'static str,
    pub have_it_back: &'static str,
    pub what_was_saved: &'static str,
    pub no_new_goals: &'static str,
    pub new_goals_theirs: &'static str,
    pub no_ratings: &'static str,
    pub how_close_they_feel: &'static str,
    pub they_can_see: &'static str,
    pub back_to_goals: &'static str,
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
