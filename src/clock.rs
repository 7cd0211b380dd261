//! Today, and moments, as the phone sees them.

use chrono::{DateTime, NaiveDate, Utc};
use journey_core::i18n::fill;

/// The phone's own date today, so "in 3 days" means the same to the reader as to us.
pub fn today() -> NaiveDate {
    date_of(&js_sys::Date::new_0()).unwrap_or_default()
}

fn date_of(moment: &js_sys::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        moment.get_full_year() as i32,
        moment.get_month() + 1,
        moment.get_date(),
    )
}

/// The day a moment fell on, on this phone's clock: saved at 23:30 in London is that
/// day, not the next one in UTC.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    let moment = js_sys::Date::new(&(at.timestamp_millis() as f64).into());
    date_of(&moment).unwrap_or_else(|| at.date_naive())
}

/// A moment on this phone's clock (milliseconds since 1970), as people say it: "today at
/// 14:05", "Tuesday 3 March at 09:10".
pub fn moment_words(at_ms: f64) -> String {
    let moment = js_sys::Date::new(&at_ms.into());
    let time = format!("{:02}:{:02}", moment.get_hours(), moment.get_minutes());
    let day = date_of(&moment);
    let today = today();
    let lang = crate::i18n::lang();
    let words = &lang.text().dates;
    match day {
        Some(day) if day == today => fill(words.today_at, &[("time", &time)]),
        Some(day) => fill(
            words.date_at,
            &[
                ("date", &journey_core::dates::long_date(lang, day, today)),
                ("time", &time),
            ],
        ),
        None => String::new(),
    }
}

/// A stored moment, as people say the day.
pub(crate) fn day_of(at: &str) -> String {
    journey_core::iso::parse_moment(at)
        .map(|t| journey_core::dates::friendly_date(crate::i18n::lang(), local_date(t), today()))
        .unwrap_or_default()
}
