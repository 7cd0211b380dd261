//! Dates and times in the JSON, as the API writes them ("2026-12-02" and RFC 3339's
//! "2026-12-02T16:19:06.123Z"), read by hand.
//!
//! chrono reads them through its general format-string parser, which is several KB of
//! the young person's first download for text that always has one of two shapes (see
//! README, "Where the bytes go"). So every date and time field in the JSON contract says
//! `#[serde(deserialize_with = "crate::iso::day")]` (or `optional_day`, `moment`,
//! `optional_moment`): written as chrono writes them, read here. Tests check these read
//! what chrono reads, the same, for every shape the API and the phones' kept copies use.
//!
//! What they take: a day is `YYYY-MM-DD` (four-digit year); a moment is a day, `T` (or
//! `t` or a space), `HH:MM:SS`, an optional fraction of a second (up to nine digits), and
//! `Z` (or `z`) or an offset `+HH:MM` / `-HH:MM`. Anything else is a clear "not a date".

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Deserializer};

/// `YYYY-MM-DD`, or `None`.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// An RFC 3339 date and time, in UTC, or `None`.
pub fn parse_moment(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let day = parse_day(text.get(..10)?)?;
    let hour = digits(&b[11..13])?;
    let minute = digits(&b[14..16])?;
    let second = digits(&b[17..19])?;
    let mut rest = &b[19..];
    let mut nano = 0;
    if let [b'.', after @ ..] = rest {
        let count = after.iter().take_while(|c| c.is_ascii_digit()).count();
        if count == 0 || count > 9 {
            return None;
        }
        nano = digits(&after[..count])? * 10_u32.pow(9 - count as u32);
        rest = &after[count..];
    }
    let offset_seconds = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = digits(&[*h1, *h2])?;
            let minutes = digits(&[*m1, *m2])?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i64::from(hours * 3600 + minutes * 60);
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?;
    day.and_time(time)
        .and_utc()
        .checked_sub_signed(TimeDelta::seconds(offset_seconds))
}

/// ASCII digits as a number; `None` if any is not a digit.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0_u32, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

fn read<'de, D, T>(deserializer: D, parse: fn(&str) -> Option<T>, what: &str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not {what}")))
}

fn read_optional<'de, D, T>(
    deserializer: D,
    parse: fn(&str) -> Option<T>,
    what: &str,
) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
{
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) => parse(&text)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not {what}"))),
    }
}

const A_DAY: &str = "a date (YYYY-MM-DD)";
const A_MOMENT: &str = "a date and time (RFC 3339)";

/// A `NaiveDate` field: `#[serde(deserialize_with = "crate::iso::day")]` (written as
/// chrono writes it).
pub fn day<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    read(deserializer, parse_day, A_DAY)
}

/// An `Option<NaiveDate>` field: `#[serde(default, deserialize_with =
/// "crate::iso::optional_day")]` (`default`: a missing field is `None`, as without it).
pub fn optional_day<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    read_optional(deserializer, parse_day, A_DAY)
}

/// A `DateTime<Utc>` field: `#[serde(deserialize_with = "crate::iso::moment")]`.
pub fn moment<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    read(deserializer, parse_moment, A_MOMENT)
}

/// An `Option<DateTime<Utc>>` field: `#[serde(default, deserialize_with =
/// "crate::iso::optional_moment")]`.
pub fn optional_moment<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    read_optional(deserializer, parse_moment, A_MOMENT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Timelike};
    use serde::Serialize;

    fn chrono_day(text: &str) -> Option<NaiveDate> {
        text.parse().ok()
    }

    fn chrono_moment(text: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|moment| moment.with_timezone(&Utc))
    }

    /// Every day from 1999 to 2041, as chrono writes it, reads back as chrono reads it.
    #[test]
    fn reads_every_day_as_chrono_does() {
        let mut day = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2041, 12, 31).unwrap();
        while day <= last {
            let text = day.to_string();
            assert_eq!(parse_day(&text), Some(day), "{text}");
            assert_eq!(parse_day(&text), chrono_day(&text), "{text}");
            day = day.succ_opt().unwrap();
        }
        for text in ["0000-01-01", "9999-12-31", "2028-02-29"] {
            assert_eq!(parse_day(text), chrono_day(text), "{text}");
            assert!(parse_day(text).is_some(), "{text}");
        }
    }

    /// What is not a date is refused, as chrono refuses it.
    #[test]
    fn refuses_what_is_not_a_day() {
        for text in [
            "",
            "2026",
            "2026-12",
            "2026-13-01",
            "2026-00-10",
            "2026-02-30",
            "2027-02-29",
            "2026-12-32",
            "2026-12-00",
            "2026/12/01",
            "2026-12-1x",
            "x026-12-01",
            "2026-12-01T",
            "2026-1a-01",
            "2026--12-01",
            "20261201",
            "２０２６-12-01",
        ] {
            assert_eq!(parse_day(text), None, "{text:?}");
            assert_eq!(chrono_day(text), None, "{text:?} (chrono)");
        }
    }

    /// Text chrono's lenient reader takes that the API never writes: refused here, on
    /// purpose (a clear "not a date" rather than a guess).
    #[test]
    fn refuses_shapes_the_api_never_writes() {
        for text in [
            "2026-1-5",
            " 2026-12-01",
            "+2026-12-01",
            "12026-12-01",
            "-026-12-01",
            "2026-12-01 ",
        ] {
            assert_eq!(parse_day(text), None, "{text:?}");
        }
    }

    /// Moments as chrono writes them (`Utc`: `Z`, with 0, 3, 6 or 9 digits of fraction),
    /// and with offsets, read as chrono reads them.
    #[test]
    fn reads_moments_as_chrono_does() {
        let mut moment = DateTime::parse_from_rfc3339("2026-03-29T00:59:58.5Z")
            .unwrap()
            .with_timezone(&Utc);
        let mut texts = Vec::new();
        for step in 0..400_i64 {
            moment += TimeDelta::nanoseconds(3_607_123_457_891 * step % 86_400_000_000_000);
            let stamps = [
                serde_json::to_string(&moment)
                    .unwrap()
                    .trim_matches('"')
                    .to_owned(),
                moment.to_rfc3339(),
                moment.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                moment.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                moment.to_rfc3339_opts(chrono::SecondsFormat::Nanos, false),
                moment
                    .with_timezone(&chrono::FixedOffset::east_opt(3600).unwrap())
                    .to_rfc3339(),
                moment
                    .with_timezone(&chrono::FixedOffset::west_opt(5 * 3600 + 30 * 60).unwrap())
                    .to_rfc3339_opts(chrono::SecondsFormat::Micros, false),
            ];
            texts.extend(stamps);
        }
        texts.extend(
            [
                "2026-12-02t16:19:06z",
                "2026-12-02 16:19:06Z",
                "2026-12-02T16:19:06.1Z",
                "2026-12-02T16:19:06.12345678Z",
                "2026-12-31T23:59:59-00:30",
                "2026-01-01T00:00:00+14:00",
                "1999-12-31T23:59:59.999999999+23:59",
            ]
            .map(str::to_owned),
        );
        for text in &texts {
            let ours = parse_moment(text);
            assert!(ours.is_some(), "{text}");
            assert_eq!(ours, chrono_moment(text), "{text}");
        }
        let written = serde_json::to_string(&moment).unwrap();
        let back: DateTime<Utc> = parse_moment(written.trim_matches('"')).unwrap();
        assert_eq!(
            (back.year(), back.nanosecond()),
            (moment.year(), moment.nanosecond())
        );
    }

    #[test]
    fn refuses_what_is_not_a_moment() {
        for text in [
            "",
            "2026-12-02",
            "2026-12-02T16:19:06",
            "2026-12-02T16:19Z",
            "2026-12-02T24:00:00Z",
            "2026-12-02T16:60:00Z",
            "2026-12-02T16:19:61Z",
            "2026-12-02T16:19:06.Z",
            "2026-12-02T16:19:06+01",
            "2026-12-02T16:19:06+24:00",
            "2026-12-02T16:19:06+01:60",
            "2026-12-02X16:19:06Z",
            "2026-12-02T16:19:06ZZ",
            "2026-12-02T16:19:06.123x",
            "2026-02-30T16:19:06Z",
            "2026-12-02T1a:19:06Z",
        ] {
            assert_eq!(parse_moment(text), None, "{text:?}");
            assert_eq!(chrono_moment(text), None, "{text:?} (chrono)");
        }
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Example {
        #[serde(deserialize_with = "day")]
        on: NaiveDate,
        #[serde(default, deserialize_with = "optional_day")]
        by: Option<NaiveDate>,
        #[serde(deserialize_with = "moment")]
        at: DateTime<Utc>,
        #[serde(default, deserialize_with = "optional_moment")]
        seen: Option<DateTime<Utc>>,
    }

    /// The fields write what chrono writes, read it back, take a missing optional field
    /// as none, and say clearly what is wrong.
    #[test]
    fn fields_round_trip_and_explain_mistakes() {
        let example = Example {
            on: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            by: NaiveDate::from_ymd_opt(2027, 1, 12),
            at: DateTime::parse_from_rfc3339("2026-12-02T16:19:06.25Z")
                .unwrap()
                .into(),
            seen: None,
        };
        let json = serde_json::to_string(&example).unwrap();
        assert_eq!(
            json,
            r#"{"on":"2026-12-02","by":"2027-01-12","at":"2026-12-02T16:19:06.250Z","seen":null}"#
        );
        assert_eq!(serde_json::from_str::<Example>(&json).unwrap(), example);
        let short: Example =
            serde_json::from_str(r#"{"on":"2026-12-02","at":"2026-12-02T16:19:06.250Z"}"#).unwrap();
        assert_eq!(
            short,
            Example {
                by: None,
                ..example
            }
        );
        let wrong =
            serde_json::from_str::<Example>(r#"{"on":"2/12/2026","at":"2026-12-02T16:19:06Z"}"#)
                .unwrap_err()
                .to_string();
        assert!(
            wrong.contains(r#""2/12/2026" is not a date (YYYY-MM-DD)"#),
            "{wrong}"
        );
        let wrong = serde_json::from_str::<Example>(r#"{"on":"2026-12-02","at":"now"}"#)
            .unwrap_err()
            .to_string();
        assert!(wrong.contains("is not a date and time"), "{wrong}");
    }
}
