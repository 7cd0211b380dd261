//! Classes that wasm-bindgen exports to the page but nothing in the app ever makes.
//!
//! Leptos depends on its server functions' crate, which brings `wasm-streams`, whose three
//! classes turn a Rust stream into one of the browser's (`IntoUnderlyingSource`,
//! `IntoUnderlyingSink`, `IntoUnderlyingByteSource`). This app has no server functions and
//! never makes one, but each class is a wasm-bindgen export, and an export is kept, with
//! every function it calls, however unused. So after wasm-bindgen, and before wasm-opt
//! (which then drops the code nothing calls any more), each such class comes out of both
//! files: its exports from the wasm, and its class, its line for `Symbol.dispose` and its
//! `FinalizationRegistry` from the script. About 1.5 KB of the first download's wasm
//! (brotli) and 0.6 KB of its script.
//!
//! A class is taken out only when the script shows that Rust never hands one to the page
//! (wasm-bindgen writes `Class.__wrap` when it does); otherwise, or if the script is not
//! laid out as expected, the build stops rather than guess.

use crate::glue_names::{leb, put_name, rewrite_section, Reader};
use crate::Result;

/// The classes taken out, as wasm-bindgen names them in the script.
pub const UNUSED: [&str; 3] = [
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

const EXPORT_SECTION: u8 = 7;

/// `wasm` and `script` without the `classes` (those the script does not define are
/// skipped); the names of the exports taken out.
pub fn take_out(
    wasm: &[u8],
    script: &str,
    classes: &[&str],
) -> Result<(Vec<u8>, String, Vec<String>)> {
    let mut script = script.to_owned();
    let mut prefixes = Vec::new();
    for class in classes {
        let Some(rest) = take_out_of_script(&script, class)? else {
            continue;
        };
        script = rest;
        let lower = class.to_lowercase();
        prefixes.push(format!("{lower}_"));
        prefixes.push(format!("__wbg_{lower}_"));
    }
    let (wasm, taken) = drop_exports(wasm, &prefixes)?;
    Ok((wasm, script, taken))
}

/// The script without `class`, or `None` if it has no such class.
fn take_out_of_script(script: &str, class: &str) -> Result<Option<String>> {
    let opening = format!("export class {class} {{\n");
    let Some(start) = script.find(&opening) else {
        return Ok(None);
    };
    if script.contains(&format!("{class}.__wrap")) {
        return Err(format!(
            "the app hands a {class} to the page ({class}.__wrap): it is used, keep it"
        ));
    }
    let body_end = script[start..]
        .find("\n}\n")
        .map(|at| start + at + "\n}\n".len())
        .ok_or_else(|| format!("{class}'s class has no end in wasm-bindgen's script"))?;
    let mut rest = format!("{}{}", &script[..start], &script[body_end..]);
    let dispose = format!(
        "if (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n"
    );
    rest = remove_once(&rest, &dispose, class)?;
    let registry_start = format!("const {class}Finalization = ");
    let at = rest
        .find(&registry_start)
        .ok_or_else(|| format!("no {registry_start}… in wasm-bindgen's script"))?;
    let end = rest[at..]
        .find(");\n")
        .map(|end| at + end + ");\n".len())
        .ok_or_else(|| format!("{class}Finalization has no end in wasm-bindgen's script"))?;
    rest.replace_range(at..end, "");
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let left = rest.match_indices(class).any(|(at, _)| {
        !word(rest[..at].chars().next_back()) && !word(rest[at + class.len()..].chars().next())
    });
    if left || rest.contains(&format!("{}_", class.to_lowercase())) {
        return Err(format!(
            "wasm-bindgen's script still names {class} once its class is out"
        ));
    }
    Ok(Some(rest))
}

fn remove_once(text: &str, piece: &str, class: &str) -> Result<String> {
    match text.matches(piece).count() {
        1 => Ok(text.replacen(piece, "", 1)),
        n => Err(format!(
            "wasm-bindgen's script has {n} of {class}'s lines for Symbol.dispose (expected one)"
        )),
    }
}

/// The wasm without the exports whose names start with one of `prefixes`; every other
/// section is copied as it was.
fn drop_exports(wasm: &[u8], prefixes: &[String]) -> Result<(Vec<u8>, Vec<String>)> {
    let mut taken = Vec::new();
    let out = rewrite_section(wasm, EXPORT_SECTION, |body| {
        let mut reader = Reader { bytes: body, at: 0 };
        let count = reader.leb()?;
        let mut kept = Vec::new();
        let mut kept_count = 0;
        for _ in 0..count {
            let name = reader.name()?;
            let kind = reader.byte()?;
            let index = reader.leb()?;
            if prefixes.iter().any(|p| name.starts_with(p.as_str())) {
                taken.push(name.to_owned());
            } else {
                put_name(&mut kept, name);
                kept.push(kind);
                leb(&mut kept, index);
                kept_count += 1;
            }
        }
        if reader.at != body.len() {
            return Err("the wasm's export section has bytes after its last export".into());
        }
        let mut section = Vec::new();
        leb(&mut section, kept_count);
        section.extend_from_slice(&kept);
        Ok(section)
    })?;
    if !prefixes.is_empty() && taken.is_empty() {
        return Err(
            "the script has the classes, but the wasm exports none of their functions".into(),
        );
    }
    Ok((out, taken))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(exports: &[(&str, u8, u32)]) -> Vec<u8> {
        crate::glue_names::test_module(EXPORT_SECTION, exports, |section, (name, kind, index)| {
            put_name(section, name);
            section.push(*kind);
            leb(section, *index);
        })
    }

    /// As wasm-bindgen 0.2.130 writes a class, cut short.
    const SCRIPT: &str = "\
let wasm;
export class IntoUnderlyingSink {
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_intounderlyingsink_free(ptr, 0);
    }
    close() {
        return wasm.intounderlyingsink_close(this.__wbg_ptr);
    }
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;

export function main() {
    wasm.main();
}
const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));
const cachedTextDecoder = new TextDecoder();
";

    #[test]
    fn a_class_nothing_makes_comes_out_of_both_files() {
        let wasm = module(&[
            ("main", 0, 7),
            ("__wbg_intounderlyingsink_free", 0, 8),
            ("intounderlyingsink_close", 0, 9),
            ("memory", 2, 0),
            // Not one of its functions: a name that only looks like one.
            ("intounderlyingsinks", 0, 300),
        ]);
        let (wasm, script, taken) = take_out(&wasm, SCRIPT, &UNUSED).unwrap();
        assert_eq!(
            wasm,
            module(&[
                ("main", 0, 7),
                ("memory", 2, 0),
                ("intounderlyingsinks", 0, 300)
            ])
        );
        assert_eq!(
            taken,
            ["__wbg_intounderlyingsink_free", "intounderlyingsink_close"]
        );
        assert_eq!(
            script,
            "let wasm;\n\nexport function main() {\n    wasm.main();\n}\n\
             const cachedTextDecoder = new TextDecoder();\n"
        );
    }

    #[test]
    fn a_class_the_app_hands_to_the_page_is_kept_and_the_build_stops() {
        let script = format!("{SCRIPT}const x = IntoUnderlyingSink.__wrap(ptr);\n");
        let wasm = module(&[("intounderlyingsink_close", 0, 9)]);
        let err = take_out(&wasm, &script, &UNUSED).unwrap_err();
        assert!(err.contains("__wrap"), "{err}");
    }

    #[test]
    fn a_script_laid_out_otherwise_stops_the_build() {
        let wasm = module(&[("intounderlyingsink_close", 0, 9)]);
        let no_registry = SCRIPT.replace("const IntoUnderlyingSinkFinalization", "var X");
        assert!(take_out(&wasm, &no_registry, &UNUSED).is_err());
        let used_elsewhere = format!("{SCRIPT}new IntoUnderlyingSink();\n");
        assert!(take_out(&wasm, &used_elsewhere, &UNUSED)
            .unwrap_err()
            .contains("still names"));
        // The classes in the script, none of their functions in the wasm.
        assert!(take_out(&module(&[("main", 0, 7)]), SCRIPT, &UNUSED).is_err());
    }

    #[test]
    fn without_the_classes_nothing_changes() {
        let wasm = module(&[("main", 0, 7), ("memory", 2, 0)]);
        let script = "let wasm;\nexport function main() {}\n";
        let (same, same_script, taken) = take_out(&wasm, script, &UNUSED).unwrap();
        assert_eq!((same, same_script.as_str()), (wasm, script));
        assert!(taken.is_empty());
    }
}
