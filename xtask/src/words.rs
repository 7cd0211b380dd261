//! A check that the young person's screens keep their words in the language tables
//! (`crates/core/src/i18n/en.rs` and `cy.rs`), not in the code, so nothing is left in
//! English when Welsh is chosen. It reads the Rust source and lists every string that
//! looks like words for people (capitalised, or a sentence) outside the tables.
//!
//! Every screen is checked, the young person's and the staff app's alike: staff in Wales
//! read their screens in Welsh too.

use std::path::Path;

/// Source files that are not screens: nothing in them is read by people (addresses,
/// storage keys, the wasm entry points), so the check skips them.
pub const NOT_SCREENS: &[&str] = &[
    "src/bin/staff.rs",
    "src/bin/young.rs",
    "src/lib.rs",
    // Storage keys.
    "src/store.rs",
    // Reading and writing JSON: its errors are never shown.
    "src/json.rs",
];

/// Strings that look like words but are not for people: header names, key names.
const NOT_WORDS: &[&str] = &[
    "Accept",
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
    // A browser class name, for sending when the app is closed.
    "SyncManager",
    // A date format for parsing.
    "%Y-%m-%d",
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
        if let Some((open, raw)) = string_start(&chars, i) {
            code.push_str("\"\"");
            let start_line = line;
            let (text, end) = string_text(&chars, open + 1, raw, &mut line);
            found.push(Literal {
                line: start_line,
                function: function.clone(),
                text,
            });
            i = end;
            continue;
        }
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

/// Where a string literal starting at `i` has its opening quote, and for a raw string
/// (`r"…"`, `r#"…"#`) how many `#` close it; `None` when none starts there.
fn string_start(chars: &[char], i: usize) -> Option<(usize, Option<usize>)> {
    match chars[i] {
        '"' => Some((i, None)),
        'r' if matches!(chars.get(i + 1), Some('"' | '#'))
            && (i == 0 || !is_ident(chars[i - 1])) =>
        {
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                j += 1;
            }
            (chars.get(j) == Some(&'"')).then_some((j, Some(j - i - 1)))
        }
        _ => None,
    }
}

/// A string literal's text, from `j` (just after its opening quote) to its closing quote
/// and, for a raw string, its `#`s; an escaped character (`\"`, `\n`) is left out, except
/// in a raw string, which has none. Counts the lines it crosses into `line`. Returns the
/// text and where the literal ends.
fn string_text(
    chars: &[char],
    mut j: usize,
    raw: Option<usize>,
    line: &mut usize,
) -> (String, usize) {
    let hashes = raw.unwrap_or(0);
    let mut text = String::new();
    while j < chars.len()
        && !(chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')))
    {
        let escaped = raw.is_none() && chars[j] == '\\';
        if escaped {
            j += 1;
        }
        if chars.get(j) == Some(&'\n') {
            *line += 1;
        }
        if !escaped {
            text.push(chars[j]);
        }
        j += 1;
    }
    (text, j + 1 + hashes)
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

/// Every `.rs` file under `dir`, as paths relative to `root` with `/`, sorted.
fn rust_files(root: &Path, dir: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut todo = vec![root.join(dir)];
    while let Some(dir) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                if let Ok(relative) = path.strip_prefix(root) {
                    found.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    found.sort();
    found
}

/// Words for people left in the code of the client's screens (every file under `src/`
/// but [`NOT_SCREENS`]), as `file:line (fn): "text"`.
pub fn words_left_in_code(root: &Path) -> Vec<String> {
    let mut left = Vec::new();
    for file in rust_files(root, "src") {
        if NOT_SCREENS.contains(&file.as_str()) {
            continue;
        }
        let Ok(source) = std::fs::read_to_string(root.join(&file)) else {
            continue;
        };
        for literal in literals(&source) {
            if looks_like_words(&literal.text) {
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
    fn every_screen_keeps_its_words_in_the_language_tables() {
        let left = words_left_in_code(&crate::project_root());
        assert!(
            left.is_empty(),
            "{} strings on screens are not in crates/core/src/i18n (en.rs, cy.rs), so they would stay English in Welsh:\n{}",
            left.len(),
            left.join("\n")
        );
    }
}
