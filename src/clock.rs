//! Today, as the phone sees it.

use chrono::{DateTime, NaiveDate, Utc};

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
