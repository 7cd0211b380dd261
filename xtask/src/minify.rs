//! Makes each app's scripts and style sheet smaller after the build, before the compressed
//! copies are made: wasm-bindgen's script and the split's loader with terser, the style
//! sheet with Lightning CSS (both npm packages in `tests/package.json`, as wasm-opt is).
//! Trunk's own minifying is left off because it would rewrite `index.html` too (its inline
//! scripts are allowed by their hashes, and `cargo xtask` edits it by its exact text).
//!
//! Each file keeps its name (its contents change only when the code does), and the
//! `integrity` that `index.html` gives it is made right for its new bytes.

use crate::{check, project_root, step, Result};
use base64::Engine;
use sha2::{Digest, Sha384};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Minifies the scripts and style sheets in `dir` (one app's folder in `dist/`, served at
/// `public_url`), and writes their new `integrity` into its `index.html`. The service
/// worker (`sw.js`, copied as it is) is left alone.
pub fn minify_app(dir: &Path, public_url: &str) -> Result {
    step(&format!(
        "Minifying the scripts and style sheet in {}",
        dir.display()
    ));
    let index_path = dir.join("index.html");
    let mut index = read_text(&index_path)?;
    for name in files_to_minify(dir)? {
        let path = dir.join(&name);
        let before = file_len(&path)?;
        let out = path.with_extension("min");
        let command = if name.ends_with(".css") {
            let mut command = Command::new(lightningcss()?);
            command.arg("--minify").arg(&path).arg("-o").arg(&out);
            command
        } else {
            let mut command = Command::new(node_bin("terser"));
            command
                .arg(&path)
                .args(["--module", "--compress", "--mangle", "--output"])
                .arg(&out);
            command
        };
        check(command)?;
        let bytes =
            std::fs::read(&out).map_err(|e| format!("could not read {}: {e}", out.display()))?;
        if bytes.is_empty() || bytes.len() as u64 >= before {
            return Err(format!(
                "minifying {name} gave {} bytes from {before}: not used",
                bytes.len()
            ));
        }
        std::fs::rename(&out, &path)
            .map_err(|e| format!("could not replace {}: {e}", path.display()))?;
        index = set_integrity(&index, &format!("{public_url}{name}"), &bytes)?;
        println!(
            "    {name}: {:.1} KB to {:.1} KB",
            before as f64 / 1024.0,
            bytes.len() as f64 / 1024.0
        );
    }
    std::fs::write(&index_path, index)
        .map_err(|e| format!("could not write {}: {e}", index_path.display()))
}

/// The scripts and style sheets the build wrote into `dir` (not its sub-folders), by name:
/// at least one script (a bare app, the bench's counter, has no style sheet).
fn files_to_minify(dir: &Path) -> Result<Vec<String>> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("could not read {}: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| (name.ends_with(".js") || name.ends_with(".css")) && name != "sw.js")
        .collect();
    names.sort();
    if !names.iter().any(|n| n.ends_with(".js")) {
        return Err(format!(
            "{} holds no script to minify: build it first",
            dir.display()
        ));
    }
    Ok(names)
}

/// `index` with the `integrity="…"` of the element whose `href` is `href` made right for
/// `bytes`. An element named without one (a module the script imports) is left as it is.
pub fn set_integrity(index: &str, href: &str, bytes: &[u8]) -> Result<String> {
    let attribute = format!("href=\"{href}\"");
    let Some(at) = index.find(&attribute) else {
        return Ok(index.to_owned());
    };
    let open = index[..at]
        .rfind('<')
        .ok_or("an element with no start in index.html")?;
    let close = at
        + index[at..]
            .find('>')
            .ok_or("an unclosed element in index.html")?;
    let element = &index[open..close];
    let Some(start) = element.find("integrity=\"") else {
        return Ok(index.to_owned());
    };
    let value_start = open + start + "integrity=\"".len();
    let value_end = value_start
        + index[value_start..]
            .find('"')
            .ok_or("an unclosed integrity in index.html")?;
    Ok(format!(
        "{}{}{}",
        &index[..value_start],
        integrity(bytes),
        &index[value_end..]
    ))
}

/// A subresource integrity value for `bytes`, as Trunk writes them.
pub fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

fn node_bin(name: &str) -> PathBuf {
    project_root().join("tests/node_modules/.bin").join(name)
}

/// Lightning CSS's own program: the package for this machine holds it (the wrapper
/// package copies it into place only if npm runs its install script).
fn lightningcss() -> Result<PathBuf> {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    let modules = project_root().join("tests/node_modules");
    let own = modules.join(format!("lightningcss-cli-linux-{arch}-gnu/lightningcss"));
    if own.exists() {
        return Ok(own);
    }
    let wrapper = node_bin("lightningcss");
    if wrapper.exists() {
        Ok(wrapper)
    } else {
        Err("Lightning CSS is missing from tests/node_modules: run npm ci in tests/".into())
    }
}

fn file_len(path: &Path) -> Result<u64> {
    Ok(std::fs::metadata(path)
        .map_err(|e| format!("could not read {}: {e}", path.display()))?
        .len())
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("could not read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = r#"<head><link rel="stylesheet" href="/staff/main-1.css" integrity="sha384-old"/>
<link rel="modulepreload" href="/staff/staff-2.js" crossorigin="anonymous" integrity="sha384-old2">
<script type="module">import init from '/staff/staff-2.js';</script></head>"#;

    #[test]
    fn the_integrity_of_the_named_file_alone_is_made_right_for_its_new_bytes() {
        let index = set_integrity(INDEX, "/staff/main-1.css", b"a{}").unwrap();
        assert!(index.contains(&format!(
            r#"href="/staff/main-1.css" integrity="{}"/>"#,
            integrity(b"a{}")
        )));
        assert!(index.contains(r#"integrity="sha384-old2""#), "{index}");
        let index = set_integrity(&index, "/staff/staff-2.js", b"x").unwrap();
        assert!(index.contains(&format!(r#"integrity="{}">"#, integrity(b"x"))));
        assert!(!index.contains("sha384-old"), "{index}");
        // The start-up script that imports it is not touched.
        assert!(index.contains("import init from '/staff/staff-2.js';"));
    }

    #[test]
    fn a_file_named_without_an_integrity_or_not_named_is_left_alone() {
        let plain = r#"<link rel="modulepreload" href="/young-split-1.js"><p>"#;
        assert_eq!(
            set_integrity(plain, "/young-split-1.js", b"x").unwrap(),
            plain
        );
        assert_eq!(set_integrity(INDEX, "/other.js", b"x").unwrap(), INDEX);
        // An integrity on a later element is not taken for this one's.
        let later = r#"<link href="/a.js"><link href="/b.js" integrity="sha384-b">"#;
        assert_eq!(set_integrity(later, "/a.js", b"x").unwrap(), later);
    }

    #[test]
    fn integrity_is_sha384_in_base64_as_browsers_check_it() {
        // echo -n abc | openssl dgst -sha384 -binary | base64
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
