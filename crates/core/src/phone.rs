//! Phone numbers as the app shows them to tap: UK numbers only, checked by their shape
//! (Ofcom's numbering plan), one rule for the help page and the worker's card.

/// The numbers to call in an emergency in the UK.
pub const EMERGENCY_NUMBERS: [&str; 2] = ["999", "112"];

/// Short UK numbers that are not emergencies but can be called: NHS 111, police 101,
/// power cuts 105, coronavirus 119, and the text relay emergency number 18000.
const SHORT_SERVICE_NUMBERS: [&str; 5] = ["111", "101", "105", "119", "18000"];

/// The number as it is dialled within the UK (`+44 20…` becomes `020…`): `None` when it
/// has anything but digits, spaces and a leading `+`, or is from another country.
fn national(text: &str) -> Option<String> {
    let text = text.trim();
    let shape_ok = text
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || c == ' ' || (c == '+' && i == 0));
    if !shape_ok {
        return None;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if text.starts_with('+') {
        let rest = digits.strip_prefix("44")?;
        if rest.starts_with('0') {
            return None;
        }
        Some(format!("0{rest}"))
    } else {
        Some(digits)
    }
}

/// A number someone in the UK can call: a 10 or 11 digit number starting `01`, `02`,
/// `03`, `05`, `07`, `08` or `09` (or the same after `+44`), Childline's `0800 1111`,
/// a `116` helpline (like Samaritans' 116 123), or a short service number (111, 101…).
/// "1 2 3", "call us" and numbers from other countries are not.
pub fn is_uk_phone(text: &str) -> bool {
    let Some(n) = national(text) else {
        return false;
    };
    let long = (n.len() == 10 || n.len() == 11)
        && n.starts_with('0')
        && matches!(
            n.as_bytes()[1],
            b'1' | b'2' | b'3' | b'5' | b'7' | b'8' | b'9'
        );
    let helpline = n.len() == 6 && n.starts_with("116");
    long || helpline
        || n == "08001111"
        || EMERGENCY_NUMBERS.contains(&n.as_str())
        || SHORT_SERVICE_NUMBERS.contains(&n.as_str())
}

/// The emergency number, written as it is dialled: 999 or 112, nothing else.
pub fn is_emergency_number(text: &str) -> bool {
    EMERGENCY_NUMBERS.contains(&text.trim())
}

/// The number as a `tel:` link wants it: digits and a leading `+` only.
pub fn tel_href(phone: &str) -> String {
    format!(
        "tel:{}",
        phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect::<String>()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_numbers_people_really_call_are_accepted() {
        for number in [
            "0800 1111",
            "0800 528 0731",
            "080880 23456",
            "116 123",
            "01632 960 001",
            "020 7946 0000",
            "07700 900123",
            "0300 123 4567",
            "+44 1632 960001",
            "+44 20 7946 0000",
            "999",
            "111",
        ] {
            assert!(is_uk_phone(number), "{number}");
        }
    }

    #[test]
    fn things_that_are_not_uk_numbers_are_refused() {
        for number in [
            "1 2 3",
            "123",
            "99",
            "call us",
            "0800-1111",
            "(0800) 1111",
            "+1 212 555 0100",
            "+44 020 7946 0000",
            "0632 960 001",
            "01632 960 0011 2",
            "116 12",
            "",
            "++44 20 7946 0000",
        ] {
            assert!(!is_uk_phone(number), "{number}");
        }
    }

    #[test]
    fn the_emergency_number_is_999_or_112() {
        assert!(is_emergency_number("999") && is_emergency_number(" 112 "));
        for number in ["1 2 3", "9 9 9", "911", "0800 1111", "999 then 1", ""] {
            assert!(!is_emergency_number(number), "{number}");
        }
    }

    #[test]
    fn tel_links_keep_digits_only() {
        assert_eq!(tel_href("0800 1111"), "tel:08001111");
        assert_eq!(tel_href("+44 800 1111"), "tel:+448001111");
    }
}
