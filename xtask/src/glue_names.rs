//! Short names for the functions the wasm imports from wasm-bindgen's script.
//!
//! wasm-bindgen names each one after what it does and a hash (`__wbg_now_463ac581d2fc7ea3`),
//! and every name is written twice: in the wasm's import section and as a key in the
//! script's import object. In the young person's first download that is 233 names, about
//! 5 KB of the brotli (the hashes barely compress). This gives each the shortest free name
//! (`a`, `b`, … `aa`, …) in both files at once, after wasm-bindgen and before wasm-opt.
//!
//! Only the import section is rewritten (every other byte of the wasm is copied as it
//! was, so function numbers do not move), and only imports from the script's own module;
//! each name must stand exactly once in the script, as a whole word, or nothing is renamed
//! and the build stops.

use crate::minify::set_integrity;
use crate::Result;
use std::path::Path;

/// Renames the imports from `module` in `wasm` and the same names in `script`.
pub fn shorten(wasm: &[u8], script: &str, module: &str) -> Result<(Vec<u8>, String)> {
    let mut script = script.to_owned();
    let mut renamed = 0;
    let out = rewrite_section(wasm, IMPORT_SECTION, |body| {
        let mut reader = Reader { bytes: body, at: 0 };
        let count = reader.leb()?;
        let mut section = Vec::new();
        leb(&mut section, count);
        for _ in 0..count {
            let from = reader.name()?;
            let name = reader.name()?;
            let rest_start = reader.at;
            reader.import_kind()?;
            let rest = &body[rest_start..reader.at];
            let name = if from == module {
                let short = short_name(renamed);
                renamed += 1;
                script = replace_once(&script, name, &short)?;
                short
            } else {
                name.to_owned()
            };
            put_name(&mut section, from);
            put_name(&mut section, &name);
            section.extend_from_slice(rest);
        }
        if reader.at != body.len() {
            return Err("the wasm's import section has bytes after its last import".into());
        }
        Ok(section)
    })?;
    if renamed == 0 {
        return Err(format!("the wasm imports nothing from {module}"));
    }
    Ok((out, script))
}

/// The wasm with each section numbered `id` made anew by `rewrite` from its body; every
/// other section copied as it was.
pub(crate) fn rewrite_section(
    wasm: &[u8],
    id: u8,
    mut rewrite: impl FnMut(&[u8]) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    let sections = sections(wasm)?;
    let mut out = wasm[..8].to_vec();
    for (section_id, body) in sections {
        let new;
        let body = if section_id == id {
            new = rewrite(body)?;
            &new[..]
        } else {
            body
        };
        out.push(section_id);
        leb(&mut out, body.len() as u32);
        out.extend_from_slice(body);
    }
    Ok(out)
}

/// What the young person's split does to its main wasm, for an app Trunk built whole into
/// `dir` (the staff app, the bench's counter): short names for the imports as above, its
/// type ids written as small numbers (type_ids.rs), its functions in order (order_wasm.rs)
/// and the wasm packed (pack_wasm.rs); its `{app}-HASH_bg.wasm` and `{app}-HASH.js` named
/// again by the hash of what they hold now, and their names and integrity in `index.html`
/// made right.
pub fn finish_app(dir: &Path, public_url: &str, app: &str) -> Result {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("could not read {}: {e}", dir.display()))?;
    let stems: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| Some(name.strip_suffix("_bg.wasm")?.to_owned()))
        .filter(|stem| stem.starts_with(&format!("{app}-")))
        .collect();
    let [stem] = &stems[..] else {
        return Err(format!(
            "{} should hold one {app}-HASH_bg.wasm",
            dir.display()
        ));
    };
    let (wasm_name, js_name) = (format!("{stem}_bg.wasm"), format!("{stem}.js"));
    let read = |name: &str| {
        std::fs::read(dir.join(name)).map_err(|e| format!("could not read {name}: {e}"))
    };
    let script = String::from_utf8(read(&js_name)?).map_err(|_| "a script that is not UTF-8")?;
    let wasm = read(&wasm_name)?;
    // Trunk names the module after the app (`./staff_bg.js`), the split after the build.
    let (wasm, script) = shorten(&wasm, &script, &script_module(&wasm)?)?;
    let (wasm, _) = crate::type_ids::ids_made_small(&wasm)?;
    let wasm = crate::order_wasm::similar_together(&wasm)?;
    let index = String::from_utf8(read("index.html")?).map_err(|_| "index.html not UTF-8")?;
    let (wasm, script, index) = crate::pack_wasm::for_page(
        &wasm,
        &script,
        &index,
        &format!("{public_url}{wasm_name}"),
        &crate::target_dir().join("pack").join(app),
    )?;
    // Named by what is sent now: Trunk's hash is of its own build, which these steps
    // change, and a phone keeps a file so named for a year.
    let stem_now = format!(
        "{app}-{}",
        crate::split::short_hash(&[&wasm[..], script.as_bytes()].concat())
    );
    let index = index.replace(
        &format!("{public_url}{stem}"),
        &format!("{public_url}{stem_now}"),
    );
    let (wasm_now, js_now) = (format!("{stem_now}_bg.wasm"), format!("{stem_now}.js"));
    let index = set_integrity(&index, &format!("{public_url}{js_now}"), script.as_bytes())?;
    for (name, bytes) in [
        (wasm_now.as_str(), wasm.as_slice()),
        (js_now.as_str(), script.as_bytes()),
        ("index.html", index.as_bytes()),
    ] {
        std::fs::write(dir.join(name), bytes)
            .map_err(|e| format!("could not write {name}: {e}"))?;
    }
    for old in [&wasm_name, &js_name] {
        if *old != wasm_now && *old != js_now {
            std::fs::remove_file(dir.join(old))
                .map_err(|e| format!("could not remove {old}: {e}"))?;
        }
    }
    Ok(())
}

/// The one module named `…_bg.js` that the wasm imports from: wasm-bindgen's script.
fn script_module(wasm: &[u8]) -> Result<String> {
    let mut modules = std::collections::BTreeSet::new();
    for (id, body) in sections(wasm)? {
        if id == IMPORT_SECTION {
            let mut reader = Reader { bytes: body, at: 0 };
            for _ in 0..reader.leb()? {
                let from = reader.name()?;
                reader.name()?;
                reader.import_kind()?;
                if from.ends_with("_bg.js") {
                    modules.insert(from.to_owned());
                }
            }
        }
    }
    match modules.len() {
        1 => Ok(modules.pop_first().expect("one")),
        n => Err(format!(
            "the wasm imports from {n} modules named …_bg.js (expected one)"
        )),
    }
}

const IMPORT_SECTION: u8 = 2;

/// `a` … `z`, `A` … `Z`, then two letters and more: never a digit first.
fn short_name(mut n: usize) -> String {
    const FIRST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const NEXT: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut name = vec![FIRST[n % FIRST.len()]];
    n /= FIRST.len();
    while n > 0 {
        n -= 1;
        name.push(NEXT[n % NEXT.len()]);
        n /= NEXT.len();
    }
    String::from_utf8(name).expect("ASCII")
}

/// `script` with the one whole-word `name` in it replaced by `short`.
fn replace_once(script: &str, name: &str, short: &str) -> Result<String> {
    let word =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    let places: Vec<usize> = script
        .match_indices(name)
        .map(|(at, _)| at)
        .filter(|&at| {
            !word(script[..at].chars().next_back())
                && !word(script[at + name.len()..].chars().next())
        })
        .collect();
    match places[..] {
        [at] => Ok(format!(
            "{}{short}{}",
            &script[..at],
            &script[at + name.len()..]
        )),
        _ => Err(format!(
            "wasm-bindgen's script names the import {name} {} times (expected once)",
            places.len()
        )),
    }
}

pub(crate) fn sections(wasm: &[u8]) -> Result<Vec<(u8, &[u8])>> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a wasm file".into());
    }
    let mut reader = Reader { bytes: wasm, at: 8 };
    let mut sections = Vec::new();
    while reader.at < wasm.len() {
        let id = reader.byte()?;
        let size = reader.leb()? as usize;
        let body = reader.take(size)?;
        sections.push((id, body));
    }
    Ok(sections)
}

pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn byte(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len());
        let end = end.ok_or("the wasm ends in the middle of a section")?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    pub(crate) fn leb(&mut self) -> Result<u32> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= u32::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number in the wasm is too long".into())
    }

    pub(crate) fn name(&mut self) -> Result<&'a str> {
        let len = self.leb()? as usize;
        std::str::from_utf8(self.take(len)?).map_err(|_| "a name in the wasm is not UTF-8".into())
    }

    /// Steps over what is imported: a function, table, memory or global (and a tag).
    fn import_kind(&mut self) -> Result {
        match self.byte()? {
            0 => {
                self.leb()?;
            }
            4 => {
                self.byte()?;
                self.leb()?;
            }
            1 => {
                self.byte()?;
                self.limits()?;
            }
            2 => self.limits()?,
            3 => {
                self.take(2)?;
            }
            other => return Err(format!("an import of unknown kind {other} in the wasm")),
        }
        Ok(())
    }

    fn limits(&mut self) -> Result {
        let flags = self.byte()?;
        if flags & 0b100 != 0 {
            return Err("a 64-bit memory in the wasm".into());
        }
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }
}

pub(crate) fn leb(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

pub(crate) fn put_name(out: &mut Vec<u8>, name: &str) {
    leb(out, name.len() as u32);
    out.extend_from_slice(name.as_bytes());
}

/// For tests here and in unused_classes.rs: a wasm with one function type and then one
/// section `id` of `entries`, each written by `put`.
#[cfg(test)]
pub(crate) fn test_module<T>(id: u8, entries: &[T], put: impl Fn(&mut Vec<u8>, &T)) -> Vec<u8> {
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    let types = [1, 0x60, 0, 0];
    wasm.push(1);
    leb(&mut wasm, types.len() as u32);
    wasm.extend_from_slice(&types);
    let mut section = Vec::new();
    leb(&mut section, entries.len() as u32);
    for entry in entries {
        put(&mut section, entry);
    }
    wasm.push(id);
    leb(&mut wasm, section.len() as u32);
    wasm.extend_from_slice(&section);
    wasm
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A wasm with a type section, three imports (two from the script, one from
    /// elsewhere, and a memory) and a custom section after them.
    fn module(imports: &[(&str, &str, &[u8])]) -> Vec<u8> {
        let mut wasm = test_module(IMPORT_SECTION, imports, |section, (from, name, kind)| {
            put_name(section, from);
            put_name(section, name);
            section.extend_from_slice(kind);
        });
        let mut custom = Vec::new();
        put_name(&mut custom, "producers");
        custom.extend_from_slice(b"kept as it was");
        wasm.push(0);
        leb(&mut wasm, custom.len() as u32);
        wasm.extend_from_slice(&custom);
        wasm
    }

    const FUNCTION: &[u8] = &[0, 0];
    /// A memory of 17 to 300 pages (300 takes two bytes).
    const MEMORY: &[u8] = &[2, 1, 17, 0xac, 2];

    #[test]
    fn renames_the_scripts_imports_in_both_files_and_nothing_else() {
        let long = "__wbg_now_463ac581d2fc7ea3";
        let wasm = module(&[
            ("./app_bg.js", long, FUNCTION),
            ("./split.js", "__wbg_keep_me_0123456789abcdef", FUNCTION),
            ("env", "memory", MEMORY),
            ("./app_bg.js", "__wbindgen_init_externref_table", FUNCTION),
        ]);
        let script = format!(
            "const import0 = {{ {long}: function() {{ return Date.now(); }}, \
             __wbindgen_init_externref_table: function() {{}} }};\n\
             wasm.__wbg_now_463ac581d2fc7ea3_free; // longer: not this name"
        );
        let (short_wasm, short_script) = shorten(&wasm, &script, "./app_bg.js").unwrap();
        assert_eq!(
            short_wasm,
            module(&[
                ("./app_bg.js", "a", FUNCTION),
                ("./split.js", "__wbg_keep_me_0123456789abcdef", FUNCTION),
                ("env", "memory", MEMORY),
                ("./app_bg.js", "b", FUNCTION),
            ])
        );
        assert_eq!(
            short_script,
            "const import0 = { a: function() { return Date.now(); }, b: function() {} };\n\
             wasm.__wbg_now_463ac581d2fc7ea3_free; // longer: not this name"
        );
    }

    #[test]
    fn the_scripts_module_is_the_one_named_bg_js() {
        let wasm = module(&[
            ("./split.js", "x", FUNCTION),
            ("./staff_bg.js", "__wbg_now_1", FUNCTION),
            ("./staff_bg.js", "__wbg_now_2", FUNCTION),
        ]);
        assert_eq!(script_module(&wasm).unwrap(), "./staff_bg.js");
        let two = module(&[("./a_bg.js", "x", FUNCTION), ("./b_bg.js", "y", FUNCTION)]);
        assert!(script_module(&two).unwrap_err().contains("2 modules"));
        assert!(script_module(&module(&[("env", "memory", MEMORY)])).is_err());
    }

    #[test]
    fn a_name_missing_from_the_script_or_there_twice_stops_the_build() {
        let wasm = module(&[("./app_bg.js", "__wbg_now_1", FUNCTION)]);
        let missing = shorten(&wasm, "const import0 = {};", "./app_bg.js").unwrap_err();
        assert!(missing.contains("__wbg_now_1 0 times"), "{missing}");
        let twice = shorten(&wasm, "__wbg_now_1: f, x.__wbg_now_1()", "./app_bg.js").unwrap_err();
        assert!(twice.contains("2 times"), "{twice}");
        let none = shorten(&wasm, "__wbg_now_1: f", "./other.js").unwrap_err();
        assert!(none.contains("imports nothing"), "{none}");
        assert!(shorten(b"\0asm\x01\0\0\0\x02\x05\x01", "", "m").is_err());
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..5000).map(short_name).collect();
        assert_eq!(
            (names[0].as_str(), names[51].as_str(), names[52].as_str()),
            ("a", "Z", "aa")
        );
        let distinct: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.chars().next().unwrap().is_ascii_alphabetic()
                && n.chars().all(|c| c.is_ascii_alphanumeric())));
        assert!(names.iter().take(52).all(|n| n.len() == 1));
        assert!(names[52..52 + 52 * 62].iter().all(|n| n.len() == 2));
    }
}
