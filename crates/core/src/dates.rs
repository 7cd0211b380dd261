//! Dates as people say them: "Tuesday 3 March", "tomorrow", "in 3 days". Never ISO
//! strings. `today` is always passed in (the phone's own local date), so every rule
//! here is a pure function that tests can pin.

use chrono::{Datelike, NaiveDate, Weekday};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "Tuesday 3 March", with the year added when it is not this year: "Monday 1 March 2027".
pub fn long_date(date: NaiveDate, today: NaiveDate) -> String {
    let day = format!(
        "{} {} {}",
        weekday_name(date.weekday()),
        date.day(),
        MONTHS[date.month0() as usize]
    );
    if date.year() == today.year() {
        day
    } else {
        format!("{day} {}", date.year())
    }
}

/// How far a date is from today, in words: "today", "tomorrow", "yesterday",
/// "in 3 days", "5 days ago", "in 2 weeks", "3 weeks ago". Beyond about a month, `None`:
/// the long date alone says it better.
pub fn relative_days(date: NaiveDate, today: NaiveDate) -> Option<String> {
    let days = (date - today).num_days();
    let text = match days {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        -1 => "yesterday".to_owned(),
        2..=13 => format!("in {days} days"),
        -13..=-2 => format!("{} days ago", -days),
        14..=31 => format!("in {} weeks", days / 7),
        -31..=-14 => format!("{} weeks ago", -days / 7),
        _ => return None,
    };
    Some(text)
}

/// The date and, when it is near, how near: "Tuesday 3 March (in 3 days)", "today, Tuesday 3 March".
pub fn friendly_date(date: NaiveDate, today: NaiveDate) -> String {
    let long = long_date(date, today);
    match relative_days(date, today) {
        Some(near) if near == "today" || near == "tomorrow" || near == "yesterday" => {
            format!("{near}, {long}")
        }
        Some(near) => format!("{long} ({near})"),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_date_this_year_reads_as_weekday_day_month() {
        assert_eq!(long_date(d(2026, 3, 3), d(2026, 1, 10)), "Tuesday 3 March");
    }

    #[test]
    fn a_date_in_another_year_says_the_year() {
        assert_eq!(
            long_date(d(2027, 3, 1), d(2026, 11, 25)),
            "Monday 1 March 2027"
        );
    }

    #[test]
    fn near_dates_are_said_the_way_people_say_them() {
        let today = d(2026, 11, 25);
        assert_eq!(relative_days(today, today).as_deref(), Some("today"));
        assert_eq!(
            relative_days(d(2026, 11, 26), today).as_deref(),
            Some("tomorrow")
        );
        assert_eq!(
            relative_days(d(2026, 11, 24), today).as_deref(),
            Some("yesterday")
        );
        assert_eq!(
            relative_days(d(2026, 11, 28), today).as_deref(),
            Some("in 3 days")
        );
        assert_eq!(
            relative_days(d(2026, 11, 20), today).as_deref(),
            Some("5 days ago")
        );
        assert_eq!(
            relative_days(d(2026, 12, 9), today).as_deref(),
            Some("in 2 weeks")
        );
        assert_eq!(
            relative_days(d(2026, 11, 4), today).as_deref(),
            Some("3 weeks ago")
        );
        assert_eq!(relative_days(d(2027, 1, 25), today), None);
    }

    #[test]
    fn friendly_dates_join_the_day_and_how_near_it_is() {
        let today = d(2026, 11, 25);
        assert_eq!(friendly_date(today, today), "today, Wednesday 25 November");
        assert_eq!(
            friendly_date(d(2026, 11, 28), today),
            "Saturday 28 November (in 3 days)"
        );
        assert_eq!(
            friendly_date(d(2027, 2, 1), today),
            "Monday 1 February 2027"
        );
    }

    #[test]
    fn the_year_turning_is_handled() {
        assert_eq!(
            friendly_date(d(2027, 1, 1), d(2026, 12, 31)),
            "tomorrow, Friday 1 January 2027"
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
