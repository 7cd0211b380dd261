//! Bank holidays in England and Wales (the two share them), so that "10 working days"
//! means what the complaints rules mean. Worked out by the standing rules: New Year's Day,
//! Good Friday, Easter Monday, the first and last Mondays in May, the last Monday in
//! August, Christmas Day and Boxing Day, each moved to the next weekday when it falls at
//! a weekend. Days the government added or moved in the past are listed; a new one
//! announced later must be added to `CHANGES` by hand.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Days added to or taken from the standing rules by proclamation: `(date, added)`.
const CHANGES: &[(i32, u32, u32, bool)] = &[
    // VE Day's 75th anniversary: the early May holiday moved from 4 May to Friday 8 May.
    (2020, 5, 4, false),
    (2020, 5, 8, true),
    // The Platinum Jubilee: the spring holiday moved from 30 May to 2 June, and 3 June added.
    (2022, 5, 30, false),
    (2022, 6, 2, true),
    (2022, 6, 3, true),
    // The State Funeral of Queen Elizabeth II.
    (2022, 9, 19, true),
    // The Coronation of King Charles III.
    (2023, 5, 8, true),
];

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The bank holidays of one year, in date order.
pub fn bank_holidays(year: i32) -> Vec<NaiveDate> {
    let date = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    let monday =
        |month, week: u8| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, week);
    let last_monday = |month| monday(month, 5).or_else(|| monday(month, 4));
    let easter = easter_sunday(year);
    let mut days: Vec<NaiveDate> = Vec::new();
    // Each of these moves to the next weekday that is not already a holiday.
    for fixed in [date(1, 1), date(12, 25), date(12, 26)]
        .into_iter()
        .flatten()
    {
        let mut day = fixed;
        while is_weekend(day) || days.contains(&day) {
            day = day + Days::new(1);
        }
        days.push(day);
    }
    days.extend(
        [
            easter.and_then(|e| e.checked_sub_days(Days::new(2))),
            easter.and_then(|e| e.checked_add_days(Days::new(1))),
            monday(5, 1),
            last_monday(5),
            last_monday(8),
        ]
        .into_iter()
        .flatten(),
    );
    for &(y, month, day, added) in CHANGES {
        let Some(changed) = NaiveDate::from_ymd_opt(y, month, day).filter(|_| y == year) else {
            continue;
        };
        if added {
            days.push(changed);
        } else {
            days.retain(|d| *d != changed);
        }
    }
    // A year's dozen days, in order by insertion: the library's sort is several KB of code
    // of its own in the young person's app, for a list this short.
    for i in 1..days.len() {
        let mut j = i;
        while j > 0 && days[j - 1] > days[j] {
            days.swap(j - 1, j);
            j -= 1;
        }
    }
    days.dedup();
    days
}

/// The bank holidays that can fall within a few weeks from `date`: its year's and the next.
pub fn bank_holidays_from(date: NaiveDate) -> Vec<NaiveDate> {
    let mut days = bank_holidays(date.year());
    days.extend(bank_holidays(date.year() + 1));
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(year: i32, list: &[(u32, u32)]) -> Vec<NaiveDate> {
        list.iter()
            .map(|&(m, d)| NaiveDate::from_ymd_opt(year, m, d).unwrap())
            .collect()
    }

    // The lists as published on gov.uk/bank-holidays for England and Wales.
    #[test]
    fn the_published_years_come_out_right() {
        let published: &[(i32, &[(u32, u32)])] = &[
            (
                2019,
                &[
                    (1, 1),
                    (4, 19),
                    (4, 22),
                    (5, 6),
                    (5, 27),
                    (8, 26),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2020,
                &[
                    (1, 1),
                    (4, 10),
                    (4, 13),
                    (5, 8),
                    (5, 25),
                    (8, 31),
                    (12, 25),
                    (12, 28),
                ],
            ),
            (
                2021,
                &[
                    (1, 1),
                    (4, 2),
                    (4, 5),
                    (5, 3),
                    (5, 31),
                    (8, 30),
                    (12, 27),
                    (12, 28),
                ],
            ),
            (
                2022,
                &[
                    (1, 3),
                    (4, 15),
                    (4, 18),
                    (5, 2),
                    (6, 2),
                    (6, 3),
                    (8, 29),
                    (9, 19),
                    (12, 26),
                    (12, 27),
                ],
            ),
            (
                2023,
                &[
                    (1, 2),
                    (4, 7),
                    (4, 10),
                    (5, 1),
                    (5, 8),
                    (5, 29),
                    (8, 28),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2024,
                &[
                    (1, 1),
                    (3, 29),
                    (4, 1),
                    (5, 6),
                    (5, 27),
                    (8, 26),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2025,
                &[
                    (1, 1),
                    (4, 18),
                    (4, 21),
                    (5, 5),
                    (5, 26),
                    (8, 25),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2026,
                &[
                    (1, 1),
                    (4, 3),
                    (4, 6),
                    (5, 4),
                    (5, 25),
                    (8, 31),
                    (12, 25),
                    (12, 28),
                ],
            ),
            (
                2027,
                &[
                    (1, 1),
                    (3, 26),
                    (3, 29),
                    (5, 3),
                    (5, 31),
                    (8, 30),
                    (12, 27),
                    (12, 28),
                ],
            ),
        ];
        for (year, list) in published {
            assert_eq!(bank_holidays(*year), days(*year, list), "{year}");
        }
    }

    #[test]
    fn every_year_has_eight_weekday_holidays_by_the_standing_rules() {
        for year in 2024..2100 {
            let list = bank_holidays(year);
            assert_eq!(list.len(), 8, "{year}: {list:?}");
            assert!(list.iter().all(|d| !is_weekend(*d)), "{year}: {list:?}");
        }
    }

    #[test]
    fn the_next_year_is_included_for_dates_near_its_start() {
        let from = bank_holidays_from(NaiveDate::from_ymd_opt(2026, 12, 20).unwrap());
        assert!(from.contains(&NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()));
        assert!(from.contains(&NaiveDate::from_ymd_opt(2026, 12, 28).unwrap()));
    }
}
