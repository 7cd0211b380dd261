//! Dates as people say them: "Tuesday 3 March", "tomorrow", "in 3 days". Never ISO
//! strings. `today` is always passed in (the phone's own local date), so every rule
//! here is a pure function that tests can pin.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::i18n::{fill, Lang};

fn weekday_index(day: Weekday) -> usize {
    day.num_days_from_monday() as usize
}

/// "Tuesday 3 March", with the year added when it is not this year: "Monday 1 March 2027".
pub fn long_date(lang: Lang, date: NaiveDate, today: NaiveDate) -> String {
    let words = &lang.text().dates;
    let day = fill(
        words.long_date,
        &[
            ("weekday", words.weekdays[weekday_index(date.weekday())]),
            ("day", &date.day().to_string()),
            ("month", words.months[date.month0() as usize]),
        ],
    );
    if date.year() == today.year() {
        day
    } else {
        fill(
            words.with_year,
            &[("date", &day), ("year", &date.year().to_string())],
        )
    }
}

/// How far a date is from today, in words: "today", "tomorrow", "yesterday",
/// "in 3 days", "5 days ago", "in 2 weeks", "3 weeks ago". Beyond about a month, `None`:
/// the long date alone says it better.
pub fn relative_days(lang: Lang, date: NaiveDate, today: NaiveDate) -> Option<String> {
    Some(match near(lang, date, today)? {
        Near::Close(word) => word.to_owned(),
        Near::Far(text) => text,
    })
}

enum Near {
    /// today, tomorrow, yesterday
    Close(&'static str),
    Far(String),
}

fn near(lang: Lang, date: NaiveDate, today: NaiveDate) -> Option<Near> {
    let words = &lang.text().dates;
    let days = (date - today).num_days();
    let count = |template: &str, n: i64| Near::Far(fill(template, &[("n", &n.to_string())]));
    Some(match days {
        0 => Near::Close(words.today),
        1 => Near::Close(words.tomorrow),
        -1 => Near::Close(words.yesterday),
        2..=13 => count(words.in_days, days),
        -13..=-2 => count(words.days_ago, -days),
        14..=31 => count(words.in_weeks, days / 7),
        -31..=-14 => count(words.weeks_ago, -days / 7),
        _ => return None,
    })
}

/// The date and, when it is near, how near: "Tuesday 3 March (in 3 days)", "today, Tuesday 3 March".
pub fn friendly_date(lang: Lang, date: NaiveDate, today: NaiveDate) -> String {
    let words = &lang.text().dates;
    let long = long_date(lang, date, today);
    match near(lang, date, today) {
        Some(Near::Close(near)) => fill(words.near_then_date, &[("near", near), ("date", &long)]),
        Some(Near::Far(near)) => fill(words.date_then_near, &[("date", &long), ("near", &near)]),
        None => long,
    }
}

/// Where a date with a deadline stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// The date has passed by this many days.
    Overdue(i64),
    Today,
    /// Still to come, in this many days.
    Upcoming(i64),
}

pub fn due(date: NaiveDate, today: NaiveDate) -> Due {
    let days = (date - today).num_days();
    match days {
        0 => Due::Today,
        d if d < 0 => Due::Overdue(-d),
        d => Due::Upcoming(d),
    }
}

/// A date from its year, month and day, for the tests.
#[cfg(test)]
pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_this_year_reads_as_weekday_day_month() {
        assert_eq!(
            long_date(Lang::En, d(2026, 3, 3), d(2026, 1, 10)),
            "Tuesday 3 March"
        );
    }

    #[test]
    fn a_date_in_another_year_says_the_year() {
        assert_eq!(
            long_date(Lang::En, d(2027, 3, 1), d(2026, 11, 25)),
            "Monday 1 March 2027"
        );
    }

    #[test]
    fn near_dates_are_said_the_way_people_say_them() {
        let today = d(2026, 11, 25);
        for (date, said) in [
            (today, "today"),
            (d(2026, 11, 26), "tomorrow"),
            (d(2026, 11, 24), "yesterday"),
            (d(2026, 11, 28), "in 3 days"),
            (d(2026, 11, 20), "5 days ago"),
            (d(2026, 12, 9), "in 2 weeks"),
            (d(2026, 11, 4), "3 weeks ago"),
        ] {
            assert_eq!(relative_days(Lang::En, date, today).as_deref(), Some(said));
        }
        assert_eq!(relative_days(Lang::En, d(2027, 1, 25), today), None);
    }

    #[test]
    fn friendly_dates_join_the_day_and_how_near_it_is() {
        let today = d(2026, 11, 25);
        for (date, said) in [
            (today, "today, Wednesday 25 November"),
            (d(2026, 11, 28), "Saturday 28 November (in 3 days)"),
            (d(2027, 2, 1), "Monday 1 February 2027"),
        ] {
            assert_eq!(friendly_date(Lang::En, date, today), said);
        }
    }

    #[test]
    fn the_year_turning_is_handled() {
        assert_eq!(
            friendly_date(Lang::En, d(2027, 1, 1), d(2026, 12, 31)),
            "tomorrow, Friday 1 January 2027"
        );
    }

    #[test]
    fn dates_read_in_welsh_too() {
        let today = d(2026, 11, 25);
        for (date, said) in [
            (today, "heddiw, Dydd Mercher 25 Tachwedd"),
            (d(2026, 11, 28), "Dydd Sadwrn 28 Tachwedd (mewn 3 diwrnod)"),
        ] {
            assert_eq!(friendly_date(Lang::Cy, date, today), said);
        }
        assert_eq!(
            long_date(Lang::Cy, d(2027, 3, 1), today),
            "Dydd Llun 1 Mawrth 2027"
        );
        assert_eq!(
            relative_days(Lang::Cy, d(2026, 11, 4), today).as_deref(),
            Some("3 wythnos yn ôl")
        );
    }

    #[test]
    fn due_dates_are_overdue_today_or_upcoming() {
        let today = d(2026, 11, 25);
        assert_eq!(due(d(2026, 11, 20), today), Due::Overdue(5));
        assert_eq!(due(today, today), Due::Today);
        assert_eq!(due(d(2026, 12, 1), today), Due::Upcoming(6));
    }
}
