//! No import loops: in the server, the shared core and the client, no module uses another
//! that (directly or through others) uses it back. Run by `cargo xtask test` (as the xtask
//! crate's own tests).
//!
//! Each `.rs` file is a module (`a/mod.rs` is `a`; `lib.rs` the crate). A module depends on
//! another when its code names it: `use` statements (braces and all), and paths such as
//! `crate::store::Store`, `super::x` or `child::f()`. A path counts for the deepest module
//! it names, so `crate::store::events::Events` is `store::events`, not `store`. A parent
//! declaring its children (`mod x;`) is not a use; its test module (`#[cfg(test)] mod
//! tests`) is left out, and so are comments and strings.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (segments under the crate) → the modules it uses.
pub type Graph = BTreeMap<Vec<String>, BTreeSet<Vec<String>>>;

/// Reads every module under `src` (leaving out `src/bin`, separate crates) and what each uses.
pub fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    collect(src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .into_iter()
        .filter(|f| !f.starts_with(src.join("bin")))
        .map(|f| (module_of(src, &f), f))
        .collect();
    let known: BTreeSet<Vec<String>> = modules.keys().cloned().collect();
    let mut graph = Graph::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).expect("a source file reads");
        let code = without_tests(&crate::words::scan(&text).0);
        let mut uses = BTreeSet::new();
        for path in paths_named(&code) {
            if let Some(target) = resolve(module, &path, &known) {
                if &target != module {
                    uses.insert(target);
                }
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the folder reads") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if !(stem == "mod" || (parts.is_empty() && (stem == "lib" || stem == "main"))) {
        parts.push(stem.to_owned());
    }
    parts
}

/// The code without its `#[cfg(test)] mod tests { … }`.
fn without_tests(code: &str) -> String {
    let mut code = code.to_owned();
    while let Some(at) = code.find("#[cfg(test)]") {
        let after = code[at + "#[cfg(test)]".len()..].trim_start();
        let Some(rest) = after.strip_prefix("mod ") else {
            // A test-only item other than a module: drop the attribute's line only.
            let end = code[at..].find('\n').map_or(code.len(), |e| at + e);
            code.replace_range(at..end, "");
            continue;
        };
        let open = code.len() - rest.len() + rest.find('{').unwrap_or(rest.len());
        let mut depth = 0;
        let mut end = code.len();
        for (i, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        code.replace_range(at..end, "");
    }
    code
}

/// Every path the code names: each `use` tree expanded, then `a::b` paths elsewhere.
fn paths_named(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = String::new();
    let mut i = 0;
    let bytes = code.as_bytes();
    while i < code.len() {
        let starts_use = code[i..].starts_with("use ")
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
        if starts_use {
            let end = code[i..].find(';').map_or(code.len(), |e| i + e);
            expand(&code[i + 4..end], &mut Vec::new(), &mut paths);
            i = end + 1;
        } else {
            let c = code[i..].chars().next().expect("a char");
            rest.push(c);
            i += c.len_utf8();
        }
    }
    // `a::b::c` outside `use`: runs of identifiers joined by `::`.
    let rest = rest.as_bytes();
    let mut j = 0;
    while j < rest.len() {
        let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        if is_ident(rest[j]) && (j == 0 || !is_ident(rest[j - 1]) && rest[j - 1] != b':') {
            let mut segments = Vec::new();
            let mut k = j;
            loop {
                let start = k;
                while k < rest.len() && is_ident(rest[k]) {
                    k += 1;
                }
                segments.push(String::from_utf8_lossy(&rest[start..k]).into_owned());
                if rest[k..].starts_with(b"::") && rest.get(k + 2).is_some_and(|b| is_ident(*b)) {
                    k += 2;
                } else {
                    break;
                }
            }
            if segments.len() > 1 {
                paths.push(segments);
            }
            j = k.max(j + 1);
        } else {
            j += 1;
        }
    }
    paths
}

/// Expands one `use` tree (`a::{b, c::{d, self}}`) into paths.
fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    let tree = tree.strip_prefix("pub ").unwrap_or(tree).trim();
    let tree = tree.strip_prefix("::").unwrap_or(tree);
    if let Some(open) = tree.find('{') {
        let head: Vec<String> = tree[..open]
            .split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let depth = prefix.len();
        prefix.extend(head);
        let mut level = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => level += 1,
                '}' => level -= 1,
                ',' if level == 0 => {
                    expand(&inner[start..i], prefix, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&inner[start..], prefix, out);
        prefix.truncate(depth);
    } else {
        let tree = tree.split(" as ").next().unwrap_or(tree);
        let mut path = prefix.clone();
        for segment in tree.split("::").map(str::trim) {
            if segment.is_empty() || segment == "*" || (segment == "self" && !path.is_empty()) {
                continue;
            }
            path.push(segment.to_owned());
        }
        if !path.is_empty() {
            out.push(path);
        }
    }
}

/// The deepest known module a path names, from inside `module`.
fn resolve(
    module: &[String],
    path: &[String],
    known: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let mut absolute: Vec<String> = match path.first()?.as_str() {
        "crate" => path[1..].to_vec(),
        "super" => {
            let mut base = module.to_vec();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            base
        }
        "self" => module.iter().chain(&path[1..]).cloned().collect(),
        first => {
            let mut child = module.to_vec();
            child.push(first.to_owned());
            if !known.contains(&child) {
                return None;
            }
            module.iter().chain(path).cloned().collect()
        }
    };
    while !absolute.is_empty() && !known.contains(&absolute) {
        absolute.pop();
    }
    known.contains(&absolute).then_some(absolute)
}

/// The loops in a graph: each a list of modules, the first used by the last.
pub fn loops(graph: &Graph) -> Vec<Vec<String>> {
    // Strongly connected components (Tarjan), then one cycle through each.
    struct Tarjan<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on_stack: BTreeSet<&'a Vec<String>>,
        components: Vec<Vec<&'a Vec<String>>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, v: &'a Vec<String>) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let Some((w, _)) = self.graph.get_key_value(w) else {
                    continue;
                };
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    self.components.push(component);
                }
            }
        }
    }
    let mut tarjan = Tarjan {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for v in graph.keys() {
        if !tarjan.index.contains_key(v) {
            tarjan.visit(v);
        }
    }
    tarjan
        .components
        .iter()
        .map(|c| {
            let mut names: Vec<String> = c
                .iter()
                .map(|m| {
                    if m.is_empty() {
                        "crate".to_owned()
                    } else {
                        m.join("::")
                    }
                })
                .collect();
            names.sort();
            names
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the workspace")
            .to_path_buf()
    }

    fn assert_no_loops(src: &str) {
        let graph = graph(&root().join(src));
        assert!(graph.len() > 5, "{src}: found only {:?}", graph.keys());
        let loops = loops(&graph);
        let mut edges = Vec::new();
        for members in &loops {
            for from in members {
                let key: Vec<String> = from.split("::").map(str::to_owned).collect();
                for to in graph.get(&key).into_iter().flatten() {
                    let to = if to.is_empty() {
                        "crate".to_owned()
                    } else {
                        to.join("::")
                    };
                    if members.contains(&to) {
                        edges.push(format!("{from} -> {to}"));
                    }
                }
            }
        }
        assert!(
            loops.is_empty(),
            "{src} has import loops (modules that use each other, directly or through \
             others): {loops:#?}\nthe uses inside them: {edges:#?}"
        );
    }

    #[test]
    fn the_server_has_no_import_loops() {
        assert_no_loops("crates/server/src");
    }

    #[test]
    fn the_core_has_no_import_loops() {
        assert_no_loops("crates/core/src");
    }

    #[test]
    fn the_client_has_no_import_loops() {
        assert_no_loops("src");
    }

    /// Every source file of the code the apps run: the client's and the core's.
    fn apps_code() -> Vec<PathBuf> {
        let mut files = Vec::new();
        collect(&root().join("src"), &mut files);
        collect(&root().join("crates/core/src"), &mut files);
        assert!(files.len() > 40, "found only {files:?}");
        files
    }

    /// The apps are built with `-Zfmt-debug=none` (`tools::small_std`), so in the browser
    /// `{:?}` writes nothing: the code the apps run must not use it for anything a
    /// person or the server reads. The core's two serde messages for a date that is not
    /// one (`iso.rs`) use it for the server's answers; in the app, serde's messages are
    /// never shown (`json::from_value` keeps only whether it read).
    #[test]
    fn the_apps_code_writes_nothing_with_debug_formatting() {
        let files = apps_code();
        let allowed = [root().join("crates/core/src/iso.rs")];
        let mut found = Vec::new();
        for file in files.iter().filter(|f| !allowed.contains(f)) {
            let text = std::fs::read_to_string(file).expect("a source file reads");
            let code = without_tests(&text);
            for line in code.lines() {
                if [":?}", ":#?}", "dbg!("]
                    .iter()
                    .any(|debug| line.contains(debug))
                {
                    found.push(format!("{}: {}", file.display(), line.trim()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "write these with Display: in the browser, {{:?}} writes nothing: {found:#?}"
        );
        let iso = std::fs::read_to_string(&allowed[0]).expect("iso.rs reads");
        assert!(without_tests(&iso).contains(":?} is not {what}"));
    }

    /// In the browser, serde-wasm-bindgen (`crates/vendor`) hands serde a struct's field
    /// by its place in the list serde's derive writes (`FIELDS`), not by name, so no
    /// struct carries code comparing names. That list has one name a field only without
    /// `#[serde(alias …)]`: with one, every field after it would be read into the wrong
    /// place. So the types the apps read have none.
    #[test]
    fn the_apps_types_have_no_serde_aliases() {
        let found: Vec<_> = apps_code()
            .iter()
            .flat_map(|file| {
                let text = std::fs::read_to_string(file).expect("a source file reads");
                text.lines()
                    .filter(|line| line.contains("serde(") && line.contains("alias"))
                    .map(|line| format!("{}: {}", file.display(), line.trim()))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(
            found.is_empty(),
            "the apps read a struct's fields by their place, which an alias moves \
             (crates/vendor/README.md): {found:#?}"
        );
    }

    /// Screens fetch through `Fetched`, send through `Sender` and run effects through
    /// `once::effect`, each written so its machinery is in the app once: a screen's own
    /// `LocalResource`, `Action` or `Effect::new(move || …)` would be a copy of Leptos's
    /// for its types (README, "Where the bytes go").
    #[test]
    fn screens_fetch_and_send_through_the_one_piece_each() {
        let src = root().join("src");
        let mut files = Vec::new();
        collect(&src, &mut files);
        assert!(files.len() > 20, "found only {files:?}");
        let allowed = [
            src.join("components/fetched.rs"),
            src.join("components/form.rs"),
            src.join("components/once.rs"),
        ];
        let mut found = Vec::new();
        for file in files.iter().filter(|f| !allowed.contains(f)) {
            let text = std::fs::read_to_string(file).expect("a source file reads");
            let code = without_tests(&crate::words::scan(&text).0);
            for made in [
                "LocalResource::new",
                "Resource::new",
                "Action::new",
                "ArcAction::new",
                "Effect::new(move ||",
            ] {
                if code.contains(made) {
                    found.push(format!("{}: {made}", file.display()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "use components::fetched::Fetched, components::form::Sender and \
             components::once::effect instead: {found:#?}"
        );
        // The two pieces themselves are still where this looks.
        let fetched = std::fs::read_to_string(&allowed[0]).expect("fetched.rs reads");
        assert!(fetched.contains("pub struct Fetched"));
    }

    #[test]
    fn a_loop_is_found_through_use_trees_paths_and_parents() {
        let dir = tempfile_dir();
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("lib.rs", "mod a; mod b; mod c;\n");
        write("a.rs", "use crate::{b::{self, Thing as T}};\n");
        write("b/mod.rs", "pub mod inner;\n// crate::a in a comment\n");
        write(
            "b/inner.rs",
            "fn f() { let s = \"crate::a\"; crate::c::go(); }\n",
        );
        write(
            "c.rs",
            "pub fn go() { super::a::x(); }\n#[cfg(test)]\nmod tests { use crate::b; }\n",
        );
        let graph = graph(&dir);
        let m = |s: &str| s.split("::").map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(graph[&m("a")], BTreeSet::from([m("b")]));
        assert_eq!(graph[&m("b")], BTreeSet::new());
        assert_eq!(graph[&m("b::inner")], BTreeSet::from([m("c")]));
        assert_eq!(graph[&m("c")], BTreeSet::from([m("a")]));
        assert!(loops(&graph).is_empty());
        // b now uses its child, which uses c, which uses a, which uses b.
        write("b/mod.rs", "pub mod inner;\nuse inner::f;\n");
        assert_eq!(
            loops(&super::graph(&dir)),
            vec![vec![
                "a".to_owned(),
                "b".to_owned(),
                "b::inner".to_owned(),
                "c".to_owned()
            ]]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "xtask-imports-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
