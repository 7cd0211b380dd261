//! Splits the young person's app after Trunk has built it, so a phone's first download is
//! only the frame, signing in, My Journey and "I don't feel safe"; every other screen is a
//! file of its own, fetched when it is opened (src/young/lazy.rs marks where).
//!
//! Trunk 0.21 cannot do this itself (it runs wasm-bindgen straight after Cargo), so this
//! repeats the last steps the way cargo-leptos does with `--split`:
//! 1. the wasm as Cargo linked it (with relocations: build.rs) is split by
//!    `wasm_split_cli_support` into a main module, one file per screen (plus files of code
//!    two screens share, merged here into one: merge_wasm.rs) and a small script that
//!    fetches them;
//! 2. wasm-bindgen runs on the main module (keeping the exports the screens' files link to);
//! 3. the functions the main module imports from wasm-bindgen's script get short names in
//!    both (`glue_names`), and wasm-opt optimises every piece (its Relooper, then -Oz;
//!    index.html tells Trunk not to, as its output is replaced);
//! 4. the pieces get content-hashed names (so the server lets phones keep them and the
//!    service worker knows them as one build's files), Trunk's two files are removed, and
//!    index.html names the new ones: the start-up script, and a list of the screens' files
//!    for the service worker to keep, so every screen opens with no signal;
//! 5. the screens' own style sheet (`style/screens.css`) is written beside them and named
//!    in those lists, and the loader waits for it with each piece (screens_style.rs).

use crate::minify::{integrity, set_integrity};
use crate::{
    check, glue_names, linked_wasm, merge_wasm, order_wasm, pack_wasm, screens_style, step,
    target_dir, tools, type_ids, unused_classes, welsh, Result,
};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

/// The app's name in file names (`young-HASH.js`, `young-HASH_bg.wasm`).
const APP: &str = "young";

/// How the split names its files of code two or more screens share (`chunk_13.wasm`);
/// a screen's own is `split_goals.wasm`.
const SHARED_PREFIX: &str = "chunk_";

/// Where index.html lists the files fetched only when a screen is opened.
pub const LATER_ID: &str = "later";

/// The steps that make the files sent from the app's wasm (the script and wasm's names
/// and order, the merging, the packing, the loader's lines, the minifying).
const STEPS: [&str; 10] = [
    include_str!("split.rs"),
    include_str!("type_ids.rs"),
    include_str!("glue_names.rs"),
    include_str!("unused_classes.rs"),
    include_str!("order_wasm.rs"),
    include_str!("merge_wasm.rs"),
    include_str!("pack_wasm.rs"),
    include_str!("unpack_wasm.js"),
    include_str!("screens_style.rs"),
    include_str!("minify.rs"),
];

pub fn split_young_app(dist: &Path) -> Result {
    step("Splitting the young person's app: a screen's code is fetched when it is opened");
    let raw_path = linked_wasm(APP);
    let raw = read_bytes(&raw_path)?;
    // Every piece is made from this wasm and the steps below, so their hash names the
    // build: a change to a step changes the names too (the files are kept a year).
    let build = short_hash(&[&raw[..], STEPS.concat().as_bytes()].concat());
    // The type ids written as small numbers before anything is made from it (type_ids.rs).
    let (raw, ids) = type_ids::ids_made_small(&raw)?;
    println!("    {ids} type ids written as small numbers");
    let main_js = format!("{APP}-{build}.js");
    let link_js = format!("{APP}-split-{build}.js");

    let work = target_dir().join("wasm-split").join(APP);
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)
        .map_err(|e| format!("could not create {}: {e}", work.display()))?;
    let main_wasm = work.join("main.wasm");
    // The split script and wasm-bindgen's script import each other, beside each other.
    let (link_name, main_module) = (format!("./{link_js}"), format!("./{main_js}"));
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&raw);
        options.output_dir = &work;
        options.main_out_path = &main_wasm;
        options.link_name = &link_name;
        options.main_module = &main_module;
        options
    })
    .map_err(|e| format!("could not split the young person's app: {e:?}"))?;
    if split.split_modules.is_empty() {
        return Err(
            "the young person's app has no split points: was it built with the \
                    `split` feature (index.html) and --emit-relocs (build.rs)?"
                .into(),
        );
    }

    // wasm-bindgen on the main module, as Trunk would, keeping what the screens link to.
    let bindgen = work.join("bindgen");
    let mut command = Command::new("wasm-bindgen");
    command
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--keep-lld-exports",
            "--no-demangle",
        ])
        .arg("--out-dir")
        .arg(&bindgen)
        .args(["--out-name", &format!("{APP}-{build}")])
        .arg(&main_wasm);
    check(command)?;

    // Every piece optimised; each screen's file named by its contents.
    let mut link = read_text(&work.join(&link_js))?;
    let mut later = Vec::new();
    let mut sizes = Vec::new();
    // Each piece's file stem, as the split names it, and the address it is served at.
    let mut served = std::collections::BTreeMap::new();
    // The files of code screens share, merged into one (merge_wasm.rs), by their stems.
    let mut shared = Vec::new();
    let mut shared_stems = Vec::new();
    // Every byte of the files fetched later, to look for the later screens' words in.
    let mut later_bytes = Vec::new();
    for chunk in &split.split_modules {
        let stem = chunk
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or("a chunk with no name")?;
        if stem.starts_with(SHARED_PREFIX) {
            shared.push(read_bytes(chunk)?);
            shared_stems.push(stem.to_owned());
            continue;
        }
        optimise(chunk)?;
        let bytes = read_bytes(chunk)?;
        // Sent packed (pack_wasm.rs), and named by what is sent.
        let packed = pack_wasm::pack_checked(&bytes, &work.join("pack"))?;
        let named = format!(
            "{APP}-{}-{}.wasm",
            stem.replace(['-', '.'], "_"),
            short_hash(&packed)
        );
        let old = format!("\"./{stem}.wasm\"");
        if !link.contains(&old) {
            return Err(format!("the split script does not name {old}"));
        }
        link = link.replace(&old, &format!("\"./{named}\""));
        sizes.push((named.clone(), packed.len()));
        write(&dist.join(&named), &packed)?;
        later_bytes.extend_from_slice(&bytes);
        later.push(format!("/{named}"));
        served.insert(stem.to_owned(), format!("/{named}"));
    }
    if !shared.is_empty() {
        let merged_path = work.join("shared.wasm");
        write(&merged_path, &merge_wasm::merge(&shared)?)?;
        optimise(&merged_path)?;
        let bytes = read_bytes(&merged_path)?;
        let packed = pack_wasm::pack_checked(&bytes, &work.join("pack"))?;
        let named = format!("{APP}-shared-{}.wasm", short_hash(&packed));
        link = merge_wasm::one_shared_loader(&link, &named)?;
        println!(
            "    {} files of code screens share merged into {named}",
            shared.len()
        );
        sizes.push((named.clone(), packed.len()));
        write(&dist.join(&named), &packed)?;
        later_bytes.extend_from_slice(&bytes);
        later.push(format!("/{named}"));
        for stem in shared_stems {
            served.insert(stem, format!("/{named}"));
        }
    }
    let link = pack_wasm::unpack_in_loader(&link, &main_module)?;
    let mut screens = screens(&split.prefetch_map, &served)?;
    let bg_wasm = bindgen.join(format!("{APP}-{build}_bg.wasm"));
    // The classes nothing makes out of both files (unused_classes.rs), then short names
    // for what the wasm imports from wasm-bindgen's script, in both.
    let (wasm, script, taken) = unused_classes::take_out(
        &read_bytes(&bg_wasm)?,
        &read_text(&bindgen.join(&main_js))?,
        &unused_classes::UNUSED,
    )?;
    println!(
        "    {} exports of classes nothing makes taken out",
        taken.len()
    );
    let (short_wasm, main_js_text) =
        glue_names::shorten(&wasm, &script, &format!("./{APP}-{build}_bg.js"))?;
    write(&bg_wasm, &short_wasm)?;
    optimise(&bg_wasm)?;
    let main_wasm_name = format!("{APP}-{build}_bg.wasm");
    let main_bytes = read_bytes(&bg_wasm)?;
    later_words_come_later(&main_bytes, &later_bytes)?;
    // Every piece waits for the screens' style sheet too (screens_style.rs).
    let link = screens_style::wait_in_loader(&link)?;
    write(&dist.join(&link_js), link.as_bytes())?;
    if bindgen.join("snippets").exists() {
        return Err("wasm-bindgen wrote snippets/, which this step does not copy yet".into());
    }

    // index.html: Trunk's names replaced, the split script preloaded, the screens listed.
    let index_path = dist.join("index.html");
    let mut index = read_text(&index_path)?;
    if index.contains(&format!("id=\"{LATER_ID}\"")) {
        return Err(
            "dist/index.html is already split: build the app again with Trunk first".into(),
        );
    }
    let (old_js, old_wasm) = trunk_names(&index)?;
    index = index
        .replace(&format!("/{old_js}"), &format!("/{main_js}"))
        .replace(&format!("/{old_wasm}"), &format!("/{main_wasm_name}"));
    // The main wasm is sent packed (pack_wasm.rs); wasm-bindgen's script unpacks it.
    let (packed, main_js_text, packed_index) = pack_wasm::for_page(
        &main_bytes,
        &main_js_text,
        &index,
        &format!("/{main_wasm_name}"),
        &work.join("pack"),
    )?;
    index = set_integrity(
        &packed_index,
        &format!("/{main_js}"),
        main_js_text.as_bytes(),
    )?;
    write(&dist.join(&main_wasm_name), &packed)?;
    write(&dist.join(&main_js), main_js_text.as_bytes())?;
    // The screens' style sheet: fetched with the first of them (screens_style.rs), kept
    // by the service worker, and fetched early with each screen's files. What the first
    // download draws is in the main wasm and the page (its first screen); the scripts
    // are wasm-bindgen's glue and the split's loader, which draw nothing.
    let style = screens_style::write(dist, &[&main_bytes, index.as_bytes()])?;
    later.push(style.clone());
    for files in screens.values_mut() {
        files.push(style.clone());
    }
    let list = serde_json::to_string(&later).map_err(|e| e.to_string())?;
    let style = serde_json::to_string(&style).map_err(|e| e.to_string())?;
    let extra = format!(
        "<link rel=\"modulepreload\" href=\"/{link_js}\" crossorigin=\"anonymous\" integrity=\"{}\">\
         <script type=\"application/json\" id=\"{LATER_ID}\">{list}</script>\
         <script type=\"application/json\" id=\"{}\">{style}</script>",
        integrity(link.as_bytes()),
        screens_style::ID
    );
    index = index.replacen("</head>", &format!("{extra}</head>"), 1);
    let screens_json = serde_json::to_string(&screens).map_err(|e| e.to_string())?;
    index = fill_screens(&index, &screens_json)?;
    write(&index_path, index.as_bytes())?;
    for old in [&old_js, &old_wasm] {
        if *old != main_js && *old != main_wasm_name {
            let _ = std::fs::remove_file(dist.join(old));
        }
    }

    println!(
        "    main: {main_wasm_name} {:.1} KB, {main_js} and {link_js}",
        main_bytes.len() as f64 / 1024.0
    );
    for (name, size) in sizes {
        println!(
            "    fetched when opened: {name} {:.1} KB",
            size as f64 / 1024.0
        );
    }
    Ok(())
}

/// The English words of the screens fetched when opened (`en::LATER`, read only through
/// `crate::i18n::later()`) must be in their files, not the first download: a call of
/// `later()` from code the first download runs would bring the whole table back into it
/// (5.4 KB of brotli, README "Where the bytes go"). The files fetched later must hold
/// them, or the search proves
/// nothing.
fn later_words_come_later(main: &[u8], later: &[u8]) -> Result {
    let words = welsh::later_screens_words();
    let (in_main, in_later) = (welsh::held(main, &words), welsh::held(later, &words));
    println!(
        "    of {} messages of the screens fetched later, the first download holds {in_main}, their files {in_later}",
        words.len()
    );
    if in_later == 0 {
        return Err(
            "the screens' files hold none of their words: the search cannot see them".into(),
        );
    }
    if in_main > 0 {
        return Err(format!(
            "the first download holds {in_main} messages of the screens fetched later: \
             does code it runs call crate::i18n::later()?"
        ));
    }
    Ok(())
}

/// Where `index.html` keeps each screen's files, for its early script to fetch when the
/// page is opened at that screen.
const SCREENS_ID: &str = "screens";

/// Each screen fetched when opened, by name (`goals`, `tell_us`: the split point's name,
/// the last part of its address), and the addresses of its files: the code it shares
/// with other screens, then its own.
fn screens(
    prefetch: &std::collections::HashMap<String, Vec<String>>,
    served: &std::collections::BTreeMap<String, String>,
) -> Result<std::collections::BTreeMap<String, Vec<String>>> {
    let mut screens = std::collections::BTreeMap::new();
    for (split, stems) in prefetch {
        let name = split
            .trim_start_matches("split_")
            .trim_start_matches("split-")
            .replace('-', "_");
        let mut files = Vec::new();
        for stem in stems {
            let file = served
                .get(stem)
                .ok_or_else(|| format!("the split names a file it did not write: {stem}"))?;
            // The shared files are one file now: named once.
            if !files.contains(file) {
                files.push(file.clone());
            }
        }
        screens.insert(name, files);
    }
    Ok(screens)
}

/// `index.html` with its (empty) list of screens' files filled in.
fn fill_screens(index: &str, screens: &str) -> Result<String> {
    let empty = format!("<script type=\"application/json\" id=\"{SCREENS_ID}\">{{}}</script>");
    if !index.contains(&empty) {
        return Err(format!("index.html has no empty {empty}"));
    }
    Ok(index.replacen(
        &empty,
        &format!("<script type=\"application/json\" id=\"{SCREENS_ID}\">{screens}</script>"),
        1,
    ))
}

/// Adds a file to the list the service worker keeps beside the page (the screens' files).
pub fn add_to_later(index: &str, path: &str) -> Result<String> {
    let open = format!("<script type=\"application/json\" id=\"{LATER_ID}\">");
    let start = index
        .find(&open)
        .ok_or("index.html has no list of files kept for later: split the app first")?
        + open.len();
    let end = start
        + index[start..]
            .find("</script>")
            .ok_or("the list of files kept for later is not closed")?;
    let mut list: Vec<String> =
        serde_json::from_str(&index[start..end]).map_err(|e| e.to_string())?;
    list.push(path.to_owned());
    let list = serde_json::to_string(&list).map_err(|e| e.to_string())?;
    Ok(format!("{}{list}{}", &index[..start], &index[end..]))
}

/// The first 16 hex digits of `contents`' SHA-256: the form of name the server and service
/// worker treat as "this name always means these contents".
pub fn short_hash(contents: &[u8]) -> String {
    Sha256::digest(contents)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The script and wasm Trunk named in index.html's start-up script.
fn trunk_names(index: &str) -> Result<(String, String)> {
    let quoted = |suffix: &str| -> Option<String> {
        index.split('\'').find_map(|part| {
            let name = part.strip_prefix('/')?;
            (name.starts_with(&format!("{APP}-")) && name.ends_with(suffix) && !name.contains('/'))
                .then(|| name.to_owned())
        })
    };
    match (quoted(".js"), quoted("_bg.wasm")) {
        (Some(js), Some(wasm)) => Ok((js, wasm)),
        _ => Err("index.html does not name the young person's app's script and wasm".into()),
    }
}

/// wasm-opt on `wasm`, in place, then its functions put in order (order_wasm.rs).
fn optimise(wasm: &Path) -> Result {
    let mut command = Command::new("wasm-opt");
    command
        .env("PATH", tools::path_with_node_bin())
        .args([
            // Nothing the app reads or writes lies below address 1024 (Rust puts its data
            // at 1 MB, and the bottom of its stack is that deep only as it overflows), so
            // `x + 12` may become a load or store at offset 12 from `x`: where the two
            // differ, `x + 12` would have wrapped past 4 GB into those addresses.
            // wasm-opt then folds such additions away (and the last two passes do it
            // where -Oz left some): about 1 KB less brotli for the main wasm (README,
            // "Build settings").
            "--low-memory-unused",
            // The control flow taken apart and put back together by binaryen's Relooper
            // before -Oz: 2.0 KB less brotli for the main wasm (184,922 to 182,964 bytes),
            // 1.1 KB over the screens' files (README, "Where the bytes go").
            "--flatten",
            "--rereloop",
            "-Oz",
            "--optimize-added-constants",
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            // The toolchain's names and the target's features, read by no browser: 202
            // bytes in every piece, four fifths of the smallest.
            "--strip-producers",
            "--strip-target-features",
        ])
        .arg(wasm)
        .arg("-o")
        .arg(wasm);
    // For profiling: keep the functions' names, so a browser's profile names them.
    if std::env::var_os("JOURNEY_WASM_NAMES").is_some() {
        command.arg("-g");
    }
    check(command)?;
    // Then alike functions side by side (order_wasm.rs): 5.8 KB less brotli for the main
    // wasm as served (177,759 to 171,778 bytes).
    write(wasm, &order_wasm::similar_together(&read_bytes(wasm)?)?)
}

fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("could not read {}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("could not read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes).map_err(|e| format!("could not write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap};

    #[test]
    fn each_screen_lists_its_files_by_address() {
        let prefetch = HashMap::from([
            (
                "split_goals".to_owned(),
                vec![
                    "chunk_1".to_owned(),
                    "chunk_2".to_owned(),
                    "split_goals".to_owned(),
                ],
            ),
            ("split_tell_us".to_owned(), vec!["split_tell_us".to_owned()]),
        ]);
        let served = BTreeMap::from([
            // The files of shared code, merged into one.
            ("chunk_1".to_owned(), "/young-shared-ab.wasm".to_owned()),
            ("chunk_2".to_owned(), "/young-shared-ab.wasm".to_owned()),
            (
                "split_goals".to_owned(),
                "/young-split_goals-cd.wasm".to_owned(),
            ),
            (
                "split_tell_us".to_owned(),
                "/young-split_tell_us-ef.wasm".to_owned(),
            ),
        ]);
        let listed = screens(&prefetch, &served).unwrap();
        assert_eq!(
            listed["goals"],
            ["/young-shared-ab.wasm", "/young-split_goals-cd.wasm"]
        );
        assert_eq!(listed["tell_us"], ["/young-split_tell_us-ef.wasm"]);
        // A file the split names but did not write is a broken build, said so.
        let mut missing = served.clone();
        missing.remove("chunk_1");
        assert!(screens(&prefetch, &missing)
            .unwrap_err()
            .contains("chunk_1"));
    }

    #[test]
    fn the_list_of_screens_fills_index_html_once() {
        let index = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../index.html"),
        )
        .unwrap();
        let filled = fill_screens(&index, r#"{"goals":["/g.wasm"]}"#).unwrap();
        assert!(filled.contains(
            r#"<script type="application/json" id="screens">{"goals":["/g.wasm"]}</script>"#
        ));
        // Filled already (or no place for it): an error, not a second list.
        assert!(fill_screens(&filled, "{}").is_err());
    }

    /// index.html's early script finds a screen's files by the last part of the address it
    /// was opened at (`/help/tell-us`: `tell_us`), so each split point in
    /// src/young/lazy.rs must be named so: its doc line names its address.
    #[test]
    fn each_split_point_is_named_by_the_last_part_of_its_address() {
        let lazy = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/young/lazy.rs"),
        )
        .unwrap();
        let block = lazy
            .split("split_screens! {")
            .nth(1)
            .expect("the split points");
        let mut address = None;
        let mut checked = 0;
        for line in block.lines().map(str::trim) {
            if let Some(doc) = line.strip_prefix("/// `/") {
                address = doc.split('`').next().map(str::to_owned);
            } else if let Some((name, _)) = line.split_once(" => ") {
                let address = address
                    .take()
                    .unwrap_or_else(|| panic!("{name} names no address"));
                let last = address.rsplit('/').next().unwrap().replace('-', "_");
                assert_eq!(name, last, "the split point for /{address}");
                checked += 1;
            }
        }
        assert!(checked >= 10, "only {checked} split points read");
    }
}
