//! Checks on free text. A young person's words are kept exactly as typed, so these
//! only ever accept or refuse text; they never trim, fold or rewrite it.

use crate::error::FieldError;
use crate::i18n::words::Problem;

/// Counts what a person sees as characters, so Welsh letters and emoji count once each,
/// not by their UTF-8 bytes.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// True when there is nothing but spaces, tabs or line breaks.
pub fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// A required piece of text: not blank and at most `max` characters. `what` names it for
/// the person reading the error, e.g. "why there is a plan".
pub fn check_required(
    field: &str,
    what: &str,
    text: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) {
    if is_blank(text) {
        errors.push(FieldError::problem(
            field,
            Problem::please_write,
            &[("what", what)],
        ));
    } else {
        check_length(field, what, text, max, errors);
    }
}

/// Characters that turn the direction of the text around them (right-to-left overrides,
/// embeddings and isolates, and the invisible direction marks). Kept in free text, which
/// is shown as typed; refused in names, where they can make one name look like another.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A person's name: required, at most `max` characters, with at least one letter (not
/// only spaces, dots or invisible characters) and no characters that turn the text
/// around (see [`is_direction_control`]).
pub fn check_name(field: &str, what: &str, text: &str, max: usize, errors: &mut Vec<FieldError>) {
    let before = errors.len();
    check_required(field, what, text, max, errors);
    if errors.len() > before {
        return;
    }
    if text.chars().any(is_direction_control) {
        errors.push(FieldError::problem(field, Problem::hidden_characters, &[]));
    } else if !text.chars().any(char::is_alphabetic) {
        errors.push(FieldError::problem(field, Problem::name_needs_letter, &[]));
    }
}

/// Optional text: anything up to `max` characters.
pub fn check_length(field: &str, what: &str, text: &str, max: usize, errors: &mut Vec<FieldError>) {
    let len = char_len(text);
    if len > max {
        errors.push(FieldError::problem(
            field,
            Problem::too_long,
            &[
                ("what", what),
                ("max", &max.to_string()),
                ("len", &len.to_string()),
            ],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_letters_and_emoji_count_as_one_character_each() {
        assert_eq!(char_len("ŵ"), 1);
        assert_eq!(char_len("Dw i'n hapus 🙂"), 14);
    }

    #[test]
    fn blank_text_is_refused_with_a_plain_message() {
        let mut errors = Vec::new();
        check_required("reason", "why there is a plan", " \n\t", 10, &mut errors);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "reason");
        assert_eq!(errors[0].message, "Please write why there is a plan.");
    }

    #[test]
    fn a_name_needs_a_letter_and_no_characters_that_turn_text_around() {
        let check = |name: &str| {
            let mut errors = Vec::new();
            check_name("first_name", "their first name", name, 40, &mut errors);
            errors.first().and_then(|e| e.code)
        };
        assert_eq!(check("Alex"), None);
        assert_eq!(check("Siân"), None);
        assert_eq!(check("Zoë-Mae O'Neil"), None);
        assert_eq!(check("محمد"), None, "a right-to-left name is a name");
        assert_eq!(
            check("\u{200B}\u{200B}\u{200B}"),
            Some(Problem::name_needs_letter)
        );
        assert_eq!(check("🙂 . -"), Some(Problem::name_needs_letter));
        assert_eq!(check("  "), Some(Problem::please_write));
        assert_eq!(check("Al\u{202E}xe"), Some(Problem::hidden_characters));
        assert_eq!(check("Sam\u{2066}"), Some(Problem::hidden_characters));
        assert_eq!(check("Sam\u{200F}"), Some(Problem::hidden_characters));
    }

    #[test]
    fn text_at_the_limit_is_accepted_and_one_more_is_refused() {
        let mut errors = Vec::new();
        check_required("f", "a goal", &"é".repeat(5), 5, &mut errors);
        assert!(errors.is_empty());
        check_required("f", "a goal", &"é".repeat(6), 5, &mut errors);
        assert_eq!(
            errors[0].message,
            "A goal is too long: please use 5 characters or fewer (it has 6)."
        );
    }
}
