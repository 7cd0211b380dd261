//! A check that the young person's screens keep their words in the language tables
//! (`crates/core/src/i18n/en.rs` and `cy.rs`), not in the code, so nothing is left in
//! English when Welsh is chosen. It reads the Rust source and lists every string that
//! looks like words for people (capitalised, or a sentence) outside the tables.
//!
//! Parts only staff see stay in English for now (see [`YOUNG_PERSON_FILES`]).

use std::path::Path;

/// The files a young person's screens are made of: the young person's app (`src/young`),
/// the screens both apps show (`src/shared`), the shared pieces, and from the staff app the
/// co-fill screens a young person fills in on their worker's device. The rest of
/// `src/staff` is seen only by workers and managers: its words may stay in English until
/// staff screens are translated too. Inside shared functions, a line ending in (or
/// following a line with) a `// staff only` comment is staff words too.
pub const YOUNG_PERSON_FILES: &[&str] = &[
    "src/app.rs",
    "src/clock.rs",
    "src/components/chart.rs",
    "src/components/faces.rs",
    "src/components/feedback.rs",
    "src/components/form.rs",
    "src/components/goals.rs",
    "src/components/heard_back.rs",
    "src/components/help_now.rs",
    "src/components/help_words.rs",
    "src/components/invite.rs",
    "src/components/journey.rs",
    "src/components/mood_history.rs",
    "src/components/nav.rs",
    "src/components/outbox.rs",
    "src/components/progress_chart.rs",
    "src/components/rating_scale.rs",
    "src/components/read_aloud.rs",
    "src/components/reader.rs",
    "src/components/status.rs",
    "src/components/who_can_see.rs",
    "src/shared/account.rs",
    "src/shared/help.rs",
    "src/shared/not_found.rs",
    "src/shared/settings.rs",
    "src/staff/audit.rs",
    "src/staff/co_fill.rs",
    "src/staff/help_editor.rs",
    "src/staff/hand_over.rs",
    "src/young/feedback.rs",
    "src/young/goals.rs",
    "src/young/home.rs",
    "src/young/how_im_doing.rs",
    "src/young/mod.rs",
    "src/young/sign_in.rs",
];

const STAFF_MARK: &str = "// staff only";

/// Strings that look like words but are not for people: header names, key names.
const NOT_WORDS: &[&str] = &[
    "Content-Type",
    "Escape",
    "Enter",
    "GET",
    "POST",
    "PUT",
    // A browser class name, for read-aloud.
    "SpeechSynthesisUtterance",
    // The feedback face's smile, drawn as an SVG path.
    "M7.5 15 Q12 {curve} 16.5 15",
    // A name: where quick exit goes.
    "BBC Weather",
];

/// One string literal found in source, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    pub line: usize,
    pub function: String,
    pub text: String,
}

/// Every string literal in Rust source, outside comments, stopping at `#[cfg(test)]`.
/// Each is tagged with the function it is in (the last `fn name` before it).
pub fn literals(source: &str) -> Vec<Literal> {
    let source = match source.find("#[cfg(test)]") {
        Some(end) => &source[..end],
        None => source,
    };
    scan(source).1
}

/// Reads Rust source once: the code with comments left out and each string or char
/// literal blanked (`""`, `' '`), and the string literals themselves.
pub fn scan(source: &str) -> (String, Vec<Literal>) {
    let chars: Vec<char> = source.chars().collect();
    let mut code = String::with_capacity(source.len());
    let mut found = Vec::new();
    let mut function = String::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\n' => {
                code.push('\n');
                line += 1;
                i += 1;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 2;
            }
            'r' if matches!(chars.get(i + 1), Some('"' | '#'))
                && (i == 0 || !is_ident(chars[i - 1])) =>
            {
                // r"…" or r#"…"#
                let mut j = i + 1;
                let mut hashes = 0;
                while chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if chars.get(j) != Some(&'"') {
                    code.push(c);
                    i += 1;
                    continue;
                }
                code.push_str("\"\"");
                let start_line = line;
                let mut text = String::new();
                j += 1;
                while j < chars.len() {
                    if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
                        break;
                    }
                    if chars[j] == '\n' {
                        line += 1;
                    }
                    text.push(chars[j]);
                    j += 1;
                }
                found.push(Literal {
                    line: start_line,
                    function: function.clone(),
                    text,
                });
                i = j + 1 + hashes;
            }
            '"' => {
                code.push_str("\"\"");
                let start_line = line;
                let mut text = String::new();
                let mut j = i + 1;
                while j < chars.len() && chars[j] != '"' {
                    if chars[j] == '\\' {
                        j += 1;
                        if chars.get(j) == Some(&'\n') {
                            line += 1;
                        }
                    } else {
                        if chars[j] == '\n' {
                            line += 1;
                        }
                        text.push(chars[j]);
                    }
                    j += 1;
                }
                found.push(Literal {
                    line: start_line,
                    function: function.clone(),
                    text,
                });
                i = j + 1;
            }
            '\'' => {
                // A char literal ('x', '\n') or a lifetime ('a): skip a char literal whole.
                if chars.get(i + 1) == Some(&'\\') {
                    let mut j = i + 2;
                    while j < chars.len() && chars[j] != '\'' {
                        j += 1;
                    }
                    code.push_str("' '");
                    i = j + 1;
                } else if chars.get(i + 2) == Some(&'\'') {
                    code.push_str("' '");
                    i += 3;
                } else {
                    code.push(c);
                    i += 1;
                }
            }
            'f' if chars.get(i + 1) == Some(&'n')
                && chars.get(i + 2).is_some_and(|c| c.is_whitespace())
                && (i == 0 || !is_ident(chars[i - 1])) =>
            {
                let mut j = i + 2;
                while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                    j += 1;
                }
                let mut name = String::new();
                while let Some(&c) = chars.get(j).filter(|c| is_ident(**c)) {
                    name.push(c);
                    j += 1;
                }
                function = name;
                code.extend(&chars[i..j]);
                i = j;
            }
            _ => {
                code.push(c);
                i += 1;
            }
        }
    }
    (code, found)
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Does this string read as words for a person? Capitalised words ("Sign in"), or a
/// sentence ("you can skip this."). Class names, paths, keys and ids do not.
pub fn looks_like_words(text: &str) -> bool {
    let text = text.trim();
    if NOT_WORDS.contains(&text) || !text.chars().any(|c| c.is_alphabetic()) || is_svg_path(text) {
        return false;
    }
    let first_letter = text.chars().find(|c| c.is_alphabetic());
    let capitalised = first_letter.is_some_and(char::is_uppercase)
        && text.chars().any(char::is_lowercase)
        && !text.contains("::");
    let sentence = text.contains(' ')
        && text
            .split_whitespace()
            .any(|word| COMMON_WORDS.contains(&word.to_lowercase().as_str()));
    capitalised || sentence
}

/// SVG path data such as "M4 19c3 0 3-5 6-5".
fn is_svg_path(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| "MmLlHhVvCcSsQqTtAaZz0123456789 .,-".contains(c))
}

const COMMON_WORDS: &[&str] = &[
    "a", "and", "are", "can", "for", "is", "it", "not", "of", "the", "this", "to", "we", "what",
    "with", "you", "your",
];

/// Words for people left in the code of the young person's screens, as
/// `file:line (fn): "text"`.
pub fn words_left_in_code(root: &Path) -> Vec<String> {
    let mut left = Vec::new();
    for file in YOUNG_PERSON_FILES {
        let Ok(source) = std::fs::read_to_string(root.join(file)) else {
            left.push(format!(
                "{file}: no such file (moved? update YOUNG_PERSON_FILES)"
            ));
            continue;
        };
        let lines: Vec<&str> = source.lines().collect();
        let marked = |line: usize| {
            [line.checked_sub(1), line.checked_sub(2)]
                .into_iter()
                .flatten()
                .any(|i| lines.get(i).is_some_and(|l| l.contains(STAFF_MARK)))
        };
        for literal in literals(&source) {
            if !marked(literal.line) && looks_like_words(&literal.text) {
                left.push(format!(
                    "{file}:{} ({}): {:?}",
                    literal.line, literal.function, literal.text
                ));
            }
        }
    }
    left
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_found_with_their_function_and_line() {
        let source = "fn one() {\n    // \"not this\"\n    let a = \"Sign in\";\n}\nfn two() { view! { <p class=\"lead\">r#\"Hi \"there\"\"#</p> } }\n";
        let found = literals(source);
        assert_eq!(
            found,
            vec![
                Literal {
                    line: 3,
                    function: "one".into(),
                    text: "Sign in".into()
                },
                Literal {
                    line: 5,
                    function: "two".into(),
                    text: "lead".into()
                },
                Literal {
                    line: 5,
                    function: "two".into(),
                    text: "Hi \"there\"".into()
                },
            ]
        );
    }

    #[test]
    fn char_literals_and_lifetimes_do_not_confuse_it() {
        let source = "fn f<'a>(x: &'a str) -> char { let q = '\"'; let s = \"Thank you\"; 'x' }";
        let texts: Vec<_> = literals(source).into_iter().map(|l| l.text).collect();
        assert_eq!(texts, vec!["Thank you"]);
    }

    #[test]
    fn words_for_people_are_told_apart_from_code() {
        for words in [
            "Sign in",
            "Rather not say",
            "you can skip this",
            "What happens next?",
        ] {
            assert!(looks_like_words(words), "{words}");
        }
        for code in [
            "button primary",
            "/help/tell-us",
            "journey.draft.feedback",
            "aria-current",
            "Content-Type",
            "0 0 100 40",
            "{}",
            "M4 19c3 0 3-5 6-5s3 3 6 3 2-6 4-8",
        ] {
            assert!(!looks_like_words(code), "{code}");
        }
    }

    #[test]
    fn the_young_persons_screens_keep_their_words_in_the_language_tables() {
        let left = words_left_in_code(&crate::project_root());
        assert!(
            left.is_empty(),
            "{} strings on young people's screens are not in crates/core/src/i18n (en.rs, cy.rs), so they would stay English in Welsh:\n{}",
            left.len(),
            left.join("\n")
        );
    }
}
