//! `cargo xtask wasm-sizes`: what each app's wasm is made of. Runs `twiggy top` (installed
//! from crates.io if missing) on the wasm as Cargo built it for `cargo xtask run`/`test`
//! (before wasm-bindgen and wasm-opt, so it still has function names), and adds up the
//! code and data by the crate (or client module) each item's name mentions first.
//! Generic code is counted under the crate that defines it: most of `tachys` and
//! `reactive_graph` is the app's own views and signals, made concrete.

use crate::{check, cmd, linked_wasm, step, Result};
use std::collections::BTreeMap;
use std::process::Command;

/// Looked for in this order: the first found in an item's name takes its bytes.
const GROUPS: &[&str] = &[
    "my_journey::young",
    "my_journey::staff",
    "my_journey::shared",
    "my_journey::components",
    "my_journey",
    "journey_core",
    "serde_json",
    "chrono",
    "leptos_router",
    "tachys",
    "reactive_graph",
    "leptos",
    "serde",
    "gloo",
    "wasm_bindgen",
    "js_sys",
    "web_sys",
    "alloc",
    "core",
    "std",
    "hashbrown",
];

pub fn wasm_sizes() -> Result {
    if Command::new("twiggy").arg("--version").output().is_err() {
        step("Installing twiggy (crates.io)");
        check(cmd("cargo", &["install", "twiggy", "--locked"]))?;
    }
    for app in ["young", "staff"] {
        let wasm = linked_wasm(app);
        if !wasm.is_file() {
            println!(
                "{}: not built yet (cargo xtask run or test builds it)",
                wasm.display()
            );
            continue;
        }
        let output = Command::new("twiggy")
            .args(["top", "-n", "1000000", "--format", "csv"])
            .arg(&wasm)
            .output()
            .map_err(|e| format!("could not run twiggy: {e}"))?;
        if !output.status.success() {
            return Err(format!("twiggy failed on {}", wasm.display()));
        }
        let groups = group(&String::from_utf8_lossy(&output.stdout));
        let total: u64 = groups.values().sum();
        let mut rows: Vec<_> = groups.into_iter().collect();
        rows.sort_by_key(|row| std::cmp::Reverse(row.1));
        println!("\n{app}.wasm: code and data by crate ({:.0} KB, names and wasm-bindgen's section left out)", kb(total));
        println!("| part | KB | share |\n| --- | ---: | ---: |");
        for (name, bytes) in rows {
            println!(
                "| {name} | {:.0} | {:.1}% |",
                kb(bytes),
                100.0 * bytes as f64 / total as f64
            );
        }
    }
    Ok(())
}

fn kb(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

/// Shallow bytes by group, from `twiggy top --format csv` (Name,ShallowSize,…).
fn group(csv: &str) -> BTreeMap<String, u64> {
    let mut groups = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let Some((name, size)) = split_row(line) else {
            continue;
        };
        if name.starts_with("\"function names\"") || name.starts_with("custom section") {
            continue;
        }
        let part = GROUPS
            .iter()
            .find(|g| name.contains(*g))
            .map(|g| (*g).to_owned())
            .unwrap_or_else(|| {
                if name.starts_with("data") {
                    "data (strings and tables)".to_owned()
                } else {
                    "other (closures, vtables, glue)".to_owned()
                }
            });
        *groups.entry(part).or_insert(0) += size;
    }
    groups
}

/// The name (CSV-quoted or not) and shallow size of one row.
fn split_row(line: &str) -> Option<(String, u64)> {
    let (name, rest) = if let Some(quoted) = line.strip_prefix('"') {
        let mut name = String::new();
        let mut chars = quoted.char_indices();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            if c == '"' {
                if quoted[i + 1..].starts_with('"') {
                    name.push('"');
                    chars.next();
                } else {
                    end = Some(i + 1);
                    break;
                }
            } else {
                name.push(c);
            }
        }
        (name, quoted[end?..].strip_prefix(',')?)
    } else {
        let (name, rest) = line.split_once(',')?;
        (name.to_owned(), rest)
    };
    let size = rest.split(',').next()?.trim().parse().ok()?;
    Some((name, size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_grouped_by_the_first_crate_named() {
        let csv = "Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent\n\
                   \"\"\"function names\"\" subsection\",900,1,900,1\n\
                   \"<F as tachys::Render>::build::{{closure}}::h1\",100,1,100,1\n\
                   my_journey::young::goals::GoalsPage::h2,40,1,40,1\n\
                   \"serde_json::de::from_str<journey_core::Goals>\",30,1,30,1\n\
                   \"data segment \"\".rodata\"\"\",20,1,20,1\n\
                   elem[0],5,1,5,1\n";
        let groups = group(csv);
        assert_eq!(groups.get("tachys"), Some(&100));
        assert_eq!(groups.get("my_journey::young"), Some(&40));
        // The first group in GROUPS that the name mentions takes it.
        assert_eq!(groups.get("journey_core"), Some(&30));
        assert_eq!(groups.get("data (strings and tables)"), Some(&20));
        assert_eq!(groups.get("other (closures, vtables, glue)"), Some(&5));
        assert_eq!(groups.values().sum::<u64>(), 195);
    }
}
