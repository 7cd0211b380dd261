//! Numbers as the app writes them: a score ("4", "3.5") and a chart's coordinates.
//!
//! Written with whole numbers rather than with Rust's `{:.1}` and `{}` for floats: the
//! code each of those made where it was used came to 0.5 KB of the young person's first
//! download and 1.7 KB over all its files. (Rust's float writer itself stays in the app:
//! serde's messages for a value of the wrong type use it.)

/// `x` rounded to one decimal place (halves away from zero), without ".0" for a whole
/// number: 4.0 is "4", 3.45 is "3.5", -0.25 is "-0.3". Not for numbers beyond ±10^17.
pub fn one_place(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let (whole, tenth) = ((tenths / 10).unsigned_abs(), (tenths % 10).unsigned_abs());
    let sign = if tenths < 0 { "-" } else { "" };
    if tenth == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{tenth}")
    }
}

#[cfg(test)]
mod tests {
    use super::one_place;

    #[test]
    fn whole_numbers_have_no_decimal_point() {
        assert_eq!(one_place(4.0), "4");
        assert_eq!(one_place(0.0), "0");
        assert_eq!(one_place(-0.0), "0");
        assert_eq!(one_place(10.04), "10");
        assert_eq!(one_place(300.0), "300");
        assert_eq!(one_place(-3.0), "-3");
    }

    #[test]
    fn others_have_one_place_rounded_half_away_from_zero() {
        assert_eq!(one_place(3.5), "3.5");
        assert_eq!(one_place(3.45), "3.5");
        assert_eq!(one_place(2.96), "3");
        assert_eq!(one_place(0.05), "0.1");
        assert_eq!(one_place(-0.25), "-0.3");
        assert_eq!(one_place(-0.04), "0");
        assert_eq!(one_place(-1.5), "-1.5");
        assert_eq!(one_place(113.333_333), "113.3");
    }

    /// Away from exact halves, it writes what `{:.1}` writes (less a trailing ".0"), for
    /// every tenth and the numbers between them from -50 to 350 (a chart's range).
    #[test]
    fn it_writes_what_the_standard_library_writes() {
        for hundredths in -5_000_i32..35_000 {
            if hundredths.rem_euclid(10) == 5 {
                continue;
            }
            let x = f64::from(hundredths) / 100.0;
            let standard = format!("{x:.1}");
            let standard = standard.strip_suffix(".0").unwrap_or(&standard);
            let standard = if standard == "-0" { "0" } else { standard };
            assert_eq!(one_place(x), standard, "{x}");
        }
    }
}
