//! Today, as the phone sees it.

use chrono::NaiveDate;

/// The phone's own date today, so "in 3 days" means the same to the reader as to us.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}
