//! The style sheet of the screens fetched when opened (`style/screens.css`): a file of
//! its own in the young person's app, so its rules leave the first download with those
//! screens' code (README, "Where the bytes go").
//!
//! The split (split.rs) names it in `index.html` three ways: in a list of its own
//! (`<script type="application/json" id="screens-style">`), which the split's loader reads
//! when it first fetches a screen's files (it adds the sheet to the page, and every
//! screen waits for it with its own file: [`wait_in_loader`]); in the list the service
//! worker keeps, so those screens open styled with no signal; and in each screen's files,
//! so a page opened straight at one fetches it early. The staff app links it from
//! `staff.html`.
//!
//! A class styled here that the first download draws would be unstyled until one of
//! those screens is opened: the build stops instead.

use crate::{project_root, split, Result};
use std::path::Path;

/// Where `index.html` names the style sheet of the screens fetched when opened.
pub const ID: &str = "screens-style";

/// Writes `style/screens.css` into `dist` under a name made from its contents, and gives
/// its address. Stops if any of `first_download` (the main wasm and `index.html`) names
/// every class one of its selectors needs.
pub fn write(dist: &Path, first_download: &[&[u8]]) -> Result<String> {
    let source = project_root().join("style/screens.css");
    let css = std::fs::read_to_string(&source)
        .map_err(|e| format!("could not read {}: {e}", source.display()))?;
    let drawn = drawn_first(&css, first_download);
    if !drawn.is_empty() {
        return Err(format!(
            "style/screens.css has rules for what the first download draws ({}): move them \
             back to style/main.css (screens.css comes only with the screens fetched when \
             opened)",
            drawn.join(", ")
        ));
    }
    let name = format!("screens-{}.css", split::short_hash(css.as_bytes()));
    std::fs::write(dist.join(&name), &css).map_err(|e| format!("could not write {name}: {e}"))?;
    println!("    {name}: the style of the screens fetched when opened");
    Ok(format!("/{name}"))
}

/// How the split's loader starts a piece's files: those it depends on first.
const LOADER_STARTS: &str = "const parallelStuff = deps.map(d => d());";

/// The split's loader (`young-split-HASH.js`) with the screens' style sheet among what
/// every piece waits for: added to the page the first time any is fetched, once (again
/// after a failure), so no screen is drawn before its rules have come, and a sheet that
/// cannot come fails the load as a file that cannot would ("Try again").
pub fn wait_in_loader(script: &str) -> Result<String> {
    if script.matches(LOADER_STARTS).count() != 1 {
        return Err(format!(
            "the split's script does not start each piece with `{LOADER_STARTS}`: \
             wasm_split_cli_support writes it otherwise now"
        ));
    }
    let waits = "const parallelStuff = deps.map(d => d()).concat(screensStyle());";
    Ok(format!(
        "{}{}",
        script.replacen(LOADER_STARTS, waits, 1),
        r#"
// The screens' style sheet (style/screens.css, named by index.html): added to the page
// with the first piece fetched, and waited for with it (xtask/src/screens_style.rs).
let styled;
function screensStyle() {
    const named = document.getElementById("screens-style");
    if (!named) return Promise.resolve();
    return styled || (styled = new Promise((loaded, failed) => {
        const link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = JSON.parse(named.textContent);
        link.onload = loaded;
        link.onerror = () => {
            styled = undefined;
            link.remove();
            failed(new TypeError(`Failed to fetch ${link.href}`));
        };
        document.head.appendChild(link);
    }));
}
"#
    ))
}

/// The selectors of `css` that could match something the first download draws: each of
/// whose classes one of `files` names (a selector with no class at all, too). A class
/// found inside a longer name counts as named: the check may stop a build it need not,
/// never let through one it should stop.
fn drawn_first(css: &str, files: &[&[u8]]) -> Vec<String> {
    let named = |class: &str| {
        files
            .iter()
            .any(|file| crate::holds(file, class.as_bytes()))
    };
    selectors(css)
        .into_iter()
        .filter(|selector| classes(selector).iter().all(|class| named(class)))
        .collect()
}

/// Every selector of `css`'s rules (inside `@media` too), each once.
fn selectors(css: &str) -> Vec<String> {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let mut found: Vec<String> = Vec::new();
    // A selector list (or an at-rule's prelude) is what stands before a `{`; what stands
    // before a `}` is declarations, whose numbers (`0.5rem`) are not classes.
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if c != '{' && c != '}' {
            continue;
        }
        let piece = &text[start..at];
        start = at + 1;
        if c == '}' || piece.trim_start().starts_with('@') {
            continue;
        }
        for selector in outside_brackets(piece, ',') {
            let selector = selector.trim();
            if !selector.is_empty() && !found.iter().any(|f| f == selector) {
                found.push(selector.to_owned());
            }
        }
    }
    found
}

/// `text` cut at each `separator` that stands outside brackets: a selector list's commas,
/// not those inside `:is(.a, .b)`.
fn outside_brackets(text: &str, separator: char) -> Vec<&str> {
    let (mut start, mut pieces) = (0, Vec::new());
    for (at, c, outside) in unbracketed(text) {
        if c == separator && outside {
            pieces.push(&text[start..at]);
            start = at + c.len_utf8();
        }
    }
    pieces.push(&text[start..]);
    pieces
}

/// Each character of `text` with its place, and whether it stands outside every bracket
/// (a bracket itself does not).
fn unbracketed(text: &str) -> impl Iterator<Item = (usize, char, bool)> + '_ {
    let mut depth = 0_usize;
    text.char_indices().map(move |(at, c)| {
        let before = depth;
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        (at, c, before == 0 && depth == 0)
    })
}

/// The classes a selector names (`.goal-words` as `goal-words`).
fn classes(selector: &str) -> Vec<String> {
    // A class inside brackets (`:not(.done)`, `:is(.a, .b)`, `[title=".x"]`) need not be
    // drawn for the selector to match, so only classes outside them count.
    let outside: String = unbracketed(selector)
        .filter_map(|(_, c, outside)| outside.then_some(c))
        .collect();
    let selector = outside.as_str();
    selector
        .match_indices('.')
        .map(|(dot, _)| {
            selector[dot + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .filter(|name| name.starts_with(|c: char| c.is_ascii_alphabetic()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSS: &str = "/* .not-a-class in a comment */
.goal-words { margin: 0.5rem 0; }
.choices.has-error, .scale-point input:focus-visible + label { outline: 3px solid; }
@media (prefers-reduced-motion: no-preference) {
  .sparks span:nth-child(2) { left: 25%; animation-delay: 0.2s; }
}
html[data-contrast=\"high\"] .face .eye { fill: #000; }";

    #[test]
    fn the_selectors_are_read_from_the_rules_alone() {
        assert_eq!(
            selectors(CSS),
            [
                ".goal-words",
                ".choices.has-error",
                ".scale-point input:focus-visible + label",
                ".sparks span:nth-child(2)",
                "html[data-contrast=\"high\"] .face .eye",
            ]
        );
        assert_eq!(classes(".choices.has-error > p"), ["choices", "has-error"]);
        assert!(classes("html[data-contrast=\"high\"] legend").is_empty());
        // A list's commas inside brackets stay in their selector; classes inside brackets
        // do not make a selector harder to reach.
        assert_eq!(
            selectors(".step:not(.done, .later) p, :is(.a, .b) em { color: red; }"),
            [".step:not(.done, .later) p", ":is(.a, .b) em"]
        );
        assert_eq!(classes(".step:not(.done, .later) p"), ["step"]);
        assert!(classes(":is(.a, .b) em").is_empty());
        assert_eq!(classes("a[href$=\".pdf\"].file"), ["file"]);
    }

    #[test]
    fn a_selector_whose_every_class_the_first_download_names_is_found() {
        // `has-error` is drawn first (the sign-in form), `choices` is not: the rule for
        // both together cannot reach the first download's screens.
        let main = b"\x00card goal-words has-error\x00".as_slice();
        let script = b"el.className='face eye'".as_slice();
        assert_eq!(
            drawn_first(CSS, &[main, script]),
            [".goal-words", "html[data-contrast=\"high\"] .face .eye"]
        );
        assert!(drawn_first(CSS, &[b"nothing of theirs".as_slice()]).is_empty());
        assert_eq!(drawn_first("legend { margin: 0; }", &[]), ["legend"]);
    }

    #[test]
    fn every_piece_waits_for_the_style_sheet_in_the_loader() {
        let script = "function makeLoad(fetcher, deps) {\n    const loader = async () => {\n        const parallelStuff = deps.map(d => d());\n        await Promise.all(parallelStuff);\n    };\n}\n";
        let loader = wait_in_loader(script).unwrap();
        assert!(loader.contains("deps.map(d => d()).concat(screensStyle());"));
        assert!(loader.contains("function screensStyle()"));
        assert!(loader.contains("getElementById(\"screens-style\")"));
        // A loader laid out otherwise stops the build rather than loading unstyled.
        assert!(wait_in_loader("const loader = async () => {};").is_err());
    }

    #[test]
    fn the_real_sheet_styles_something_and_the_first_download_none_of_it() {
        let css = std::fs::read_to_string(project_root().join("style/screens.css")).unwrap();
        let found = selectors(&css);
        assert!(found.len() > 20, "{found:?}");
        // Every selector names a class, so none reaches every screen.
        for selector in &found {
            assert!(!classes(selector).is_empty(), "{selector}");
        }
    }
}
