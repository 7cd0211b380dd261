//! One file for the code the young person's screens share with each other.
//!
//! wasm-split (split.rs) puts the code that two or more screens share in files of their
//! own, one for each set of screens that shares something: fifty small files. Opened
//! straight at Goals, a phone fetched 29 of them; over HTTP/1.1 a browser asks for six at
//! a time, so every six cost another round trip on a slow signal. [`merge`] puts them all
//! into one module, fetched the first time any screen that needs one of them opens. That
//! screen then fetches shared code it does not use (its first opening costs a few more
//! kilobytes, in one file instead of many: the README's Performance section has the figures
//! for each screen); once the app has opened, the service worker fetches every screen's
//! files anyway, so that each opens with no signal.
//!
//! Each of wasm-split's files imports what it uses from the main module by name (its
//! memory, its table of functions, its functions) and puts its own functions into that
//! table at the places set aside for them (active element segments). Merged, imports of
//! the same name are one import, each file's types, functions, elements and data follow
//! the ones before, and every index in their code is moved to match. The result is checked
//! by wasmparser's validator before it is written.

use std::collections::{HashMap, HashSet};
use wasm_encoder::reencode::{Error, Reencode};
use wasm_encoder::{
    CodeSection, DataCountSection, DataSection, ElementSection, EntityType, ExportSection,
    FunctionSection, GlobalSection, ImportSection, MemorySection, Module, StartSection,
    TableSection, TypeSection,
};
use wasmparser::{Parser, Payload, TypeRef};

/// Merges `files` (wasm modules) into one, as described above.
pub fn merge(files: &[Vec<u8>]) -> crate::Result<Vec<u8>> {
    let modules = files
        .iter()
        .map(|bytes| read(bytes))
        .collect::<crate::Result<Vec<_>>>()?;
    let mut places: Vec<Places> = modules.iter().map(|_| Places::default()).collect();
    merged(&modules, &mut places).map_err(|e| format!("could not merge the shared files: {e}"))
}

/// What one input module holds, section by section.
#[derive(Default)]
struct Parts<'a> {
    types: Vec<wasmparser::FuncType>,
    imports: Vec<wasmparser::Import<'a>>,
    functions: Vec<u32>,
    tables: Vec<wasmparser::Table<'a>>,
    memories: Vec<wasmparser::MemoryType>,
    globals: Vec<wasmparser::Global<'a>>,
    exports: Vec<wasmparser::Export<'a>>,
    start: Option<u32>,
    elements: Vec<wasmparser::Element<'a>>,
    data_count: bool,
    bodies: Vec<wasmparser::FunctionBody<'a>>,
    data: Vec<wasmparser::Data<'a>>,
}

fn read(bytes: &[u8]) -> crate::Result<Parts<'_>> {
    let mut parts = Parts::default();
    let bad = |e: wasmparser::BinaryReaderError| format!("a shared file is not valid wasm: {e}");
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(bad)? {
            Payload::TypeSection(types) => {
                for ty in types.into_iter_err_on_gc_types() {
                    parts.types.push(ty.map_err(bad)?);
                }
            }
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    parts.imports.push(import.map_err(bad)?);
                }
            }
            Payload::FunctionSection(s) => collect(s, &mut parts.functions)?,
            Payload::TableSection(s) => collect(s, &mut parts.tables)?,
            Payload::MemorySection(s) => collect(s, &mut parts.memories)?,
            Payload::GlobalSection(s) => collect(s, &mut parts.globals)?,
            Payload::ExportSection(s) => collect(s, &mut parts.exports)?,
            Payload::StartSection { func, .. } => parts.start = Some(func),
            Payload::ElementSection(s) => collect(s, &mut parts.elements)?,
            Payload::DataCountSection { .. } => parts.data_count = true,
            Payload::CodeSectionEntry(body) => parts.bodies.push(body),
            Payload::DataSection(s) => collect(s, &mut parts.data)?,
            Payload::Version { .. }
            | Payload::CodeSectionStart { .. }
            | Payload::CustomSection(_)
            | Payload::End(_) => {}
            _ => return Err("a shared file has a kind of section this cannot merge".into()),
        }
    }
    Ok(parts)
}

fn collect<'a, T: wasmparser::FromReader<'a>>(
    section: wasmparser::SectionLimited<'a, T>,
    into: &mut Vec<T>,
) -> crate::Result {
    for item in section {
        into.push(item.map_err(|e| format!("a shared file is not valid wasm: {e}"))?);
    }
    Ok(())
}

/// Where one input module's types, functions, tables, memories, globals, elements and
/// data are in the merged module: every index in its code is moved by these.
#[derive(Default)]
struct Places {
    types: Vec<u32>,
    funcs: Vec<u32>,
    tables: Vec<u32>,
    memories: Vec<u32>,
    globals: Vec<u32>,
    elements: u32,
    data: u32,
}

type Moved = std::result::Result<u32, Error<String>>;

fn moved(list: &[u32], index: u32, what: &str) -> Moved {
    list.get(index as usize)
        .copied()
        .ok_or_else(|| Error::UserError(format!("{what} {index} is not in its file")))
}

impl Reencode for Places {
    type Error = String;

    fn type_index(&mut self, ty: u32) -> Moved {
        moved(&self.types, ty, "type")
    }
    fn function_index(&mut self, func: u32) -> Moved {
        moved(&self.funcs, func, "function")
    }
    fn table_index(&mut self, table: u32) -> Moved {
        moved(&self.tables, table, "table")
    }
    fn memory_index(&mut self, memory: u32) -> Moved {
        moved(&self.memories, memory, "memory")
    }
    fn global_index(&mut self, global: u32) -> Moved {
        moved(&self.globals, global, "global")
    }
    fn element_index(&mut self, element: u32) -> Moved {
        Ok(self.elements + element)
    }
    fn data_index(&mut self, data: u32) -> Moved {
        Ok(self.data + data)
    }
}

/// An import's kind and type, to tell whether two imports of one name are the same.
#[derive(PartialEq)]
enum Imported {
    Func(wasmparser::FuncType),
    Other(TypeRef),
}

/// A count per kind of thing a module imports or defines.
#[derive(Default)]
struct Counts {
    funcs: u32,
    tables: u32,
    memories: u32,
    globals: u32,
}

fn next(count: &mut u32) -> u32 {
    *count += 1;
    *count - 1
}

fn merged(modules: &[Parts], places: &mut [Places]) -> std::result::Result<Vec<u8>, Error<String>> {
    let user = |message: String| Error::UserError(message);

    // Every file's types, in turn (wasm-opt then merges the equal ones).
    let mut types = TypeSection::new();
    let mut type_count = 0;
    for (parts, place) in modules.iter().zip(places.iter_mut()) {
        for ty in &parts.types {
            place.types.push(next(&mut type_count));
            types.ty().func_type(&place.func_type(ty.clone())?);
        }
    }

    // Imports: one of each name, in the order first met.
    let mut imports = ImportSection::new();
    let mut count = Counts::default();
    let mut seen: HashMap<(&str, &str), (u32, Imported)> = HashMap::new();
    for (parts, place) in modules.iter().zip(places.iter_mut()) {
        for import in &parts.imports {
            let (counter, what) = match import.ty {
                TypeRef::Func(ty) => {
                    let ty = parts.types.get(ty as usize).cloned().ok_or_else(|| {
                        user(format!("{} imports a type its file lacks", import.name))
                    })?;
                    (&mut count.funcs, Imported::Func(ty))
                }
                TypeRef::Table(_) => (&mut count.tables, Imported::Other(import.ty)),
                TypeRef::Memory(_) => (&mut count.memories, Imported::Other(import.ty)),
                TypeRef::Global(_) => (&mut count.globals, Imported::Other(import.ty)),
                _ => {
                    return Err(user(format!(
                        "{} is a kind of import this cannot merge",
                        import.name
                    )))
                }
            };
            let index = match seen.get(&(import.module, import.name)) {
                Some((index, before)) if *before == what => *index,
                Some(_) => {
                    return Err(user(format!(
                        "two files import {}.{} with different types",
                        import.module, import.name
                    )))
                }
                None => {
                    let index = next(counter);
                    seen.insert((import.module, import.name), (index, what));
                    let entity: EntityType = place.entity_type(import.ty)?;
                    imports.import(import.module, import.name, entity);
                    index
                }
            };
            match import.ty {
                TypeRef::Func(_) => &mut place.funcs,
                TypeRef::Table(_) => &mut place.tables,
                TypeRef::Memory(_) => &mut place.memories,
                _ => &mut place.globals,
            }
            .push(index);
        }
    }

    // What each file defines, after every import.
    let (mut functions, mut tables, mut memories, mut globals) = (
        FunctionSection::new(),
        TableSection::new(),
        MemorySection::new(),
        GlobalSection::new(),
    );
    let (mut elements_before, mut data_before) = (0, 0);
    for (parts, place) in modules.iter().zip(places.iter_mut()) {
        for &ty in &parts.functions {
            place.funcs.push(next(&mut count.funcs));
            functions.function(place.type_index(ty)?);
        }
        for table in &parts.tables {
            place.tables.push(next(&mut count.tables));
            place.parse_table(&mut tables, table.clone())?;
        }
        for memory in &parts.memories {
            place.memories.push(next(&mut count.memories));
            memories.memory(place.memory_type(*memory)?);
        }
        for global in &parts.globals {
            place.globals.push(next(&mut count.globals));
            place.parse_global(&mut globals, global.clone())?;
        }
        place.elements = elements_before;
        elements_before += parts.elements.len() as u32;
        place.data = data_before;
        data_before += parts.data.len() as u32;
    }

    let (mut exports, mut names) = (ExportSection::new(), HashSet::new());
    let (mut elements, mut code, mut data) = (
        ElementSection::new(),
        CodeSection::new(),
        DataSection::new(),
    );
    let mut start = None;
    for (parts, place) in modules.iter().zip(places.iter_mut()) {
        for export in &parts.exports {
            if !names.insert(export.name) {
                return Err(user(format!("two files export {}", export.name)));
            }
            place.parse_export(&mut exports, *export)?;
        }
        if let Some(func) = parts.start {
            if start.is_some() {
                return Err(user("two files have a start function".into()));
            }
            start = Some(place.function_index(func)?);
        }
        for element in &parts.elements {
            place.parse_element(&mut elements, element.clone())?;
        }
        for body in &parts.bodies {
            place.parse_function_body(&mut code, body.clone())?;
        }
        for datum in &parts.data {
            place.parse_data(&mut data, datum.clone())?;
        }
    }

    let mut module = Module::new();
    module
        .section(&types)
        .section(&imports)
        .section(&functions)
        .section(&tables)
        .section(&memories)
        .section(&globals)
        .section(&exports);
    if let Some(function_index) = start {
        module.section(&StartSection { function_index });
    }
    module.section(&elements);
    if modules.iter().any(|parts| parts.data_count) {
        module.section(&DataCountSection { count: data_before });
    }
    module.section(&code).section(&data);
    let bytes = module.finish();
    wasmparser::Validator::new()
        .validate_all(&bytes)
        .map_err(|e| user(format!("the merged file is not valid: {e}")))?;
    Ok(bytes)
}

/// The name the split's script gives the loader of the merged file.
const SHARED: &str = "__chunk_shared";

/// wasm-split's script (`young-split-*.js`) with one loader, for the merged file `file`
/// (beside the script), in place of one loader per shared file: each screen's loader
/// then waits for that one before its own file is instantiated.
///
/// The script has a block per shared file, `const __chunk_N = makeLoad(() => { … fetch(new
/// URL("./chunk_N….wasm", …)) … }\n, []);` after a comment naming the screens that share
/// it, and each screen's loader lists the ones it needs (`[__chunk_2, __chunk_7]`). A
/// script laid out otherwise stops the build.
pub fn one_shared_loader(script: &str, file: &str) -> crate::Result<String> {
    let lines: Vec<&str> = script.split_inclusive('\n').collect();
    let mut out = String::with_capacity(script.len());
    let mut at = 0;
    let mut loaders = 0;
    while at < lines.len() {
        let line = lines[at];
        let starts = |line: &str| line.starts_with("const __chunk_");
        if line.starts_with("/* ") && lines.get(at + 1).is_some_and(|next| starts(next)) {
            at += 1;
            continue;
        }
        if !starts(line) {
            out.push_str(line);
            at += 1;
            continue;
        }
        let end = (at + 1..lines.len())
            .take_while(|&i| !lines[i].starts_with("const ") && !lines[i].starts_with("export "))
            .find(|&i| lines[i].trim_end() == ", []);")
            .ok_or("a shared file's loader in the split's script does not end as expected")?;
        if loaders == 0 {
            let block: String = lines[at..=end].concat();
            let (name, _) = line
                .split_once(" = ")
                .ok_or("a shared file's loader has no name")?;
            let url = "new URL(\"./";
            let from = block
                .find(url)
                .ok_or("a shared file's loader fetches no file")?
                + url.len();
            let to = from
                + block[from..]
                    .find('"')
                    .ok_or("a shared file's name is not closed")?;
            out.push_str(&format!(
                "{}{file}{}",
                &block[..from].replacen(name, &format!("const {SHARED}"), 1),
                &block[to..]
            ));
        }
        loaders += 1;
        at = end + 1;
    }
    if loaders == 0 {
        return Err("the split's script has no loader for a shared file".into());
    }
    // Every screen's list names the one loader, once.
    let mut merged = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(found) = rest.find("__chunk_") {
        let digits = rest[found + 8..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len() - found - 8);
        merged.push_str(&rest[..found]);
        merged.push_str(if digits > 0 { SHARED } else { "__chunk_" });
        rest = &rest[found + 8 + digits..];
    }
    merged.push_str(rest);
    let twice = format!("{SHARED}, {SHARED}");
    while merged.contains(&twice) {
        merged = merged.replace(&twice, SHARED);
    }
    if merged.matches(&format!("const {SHARED} ")).count() != 1 {
        return Err("the merged file's loader is not in the split's script once".into());
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        ConstExpr, ElementMode, ElementSegment, Elements, Function, Instruction, MemArg,
        MemoryType, RefType, TableType, ValType,
    };

    /// A file like wasm-split's: imports from the main module (`__wasm_split`), some of
    /// them shared with the other file, and functions put into the table at `slot`.
    fn shared_file(
        imports_first: &[(&str, EntityType)],
        bodies: &[&[Instruction]],
        slot: i32,
    ) -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([], []);
        types.ty().function([ValType::I32], [ValType::I32]);
        let mut imports = ImportSection::new();
        for (name, entity) in imports_first {
            imports.import("__wasm_split", name, *entity);
        }
        let mut functions = FunctionSection::new();
        let mut code = CodeSection::new();
        for body in bodies {
            functions.function(1);
            let mut f = Function::new([]);
            for instruction in *body {
                f.instruction(instruction);
            }
            f.instruction(&Instruction::End);
            code.function(&f);
        }
        let imported_funcs = imports_first
            .iter()
            .filter(|(_, e)| matches!(e, EntityType::Function(_)))
            .count() as u32;
        let mut elements = ElementSection::new();
        let own: Vec<u32> = (0..bodies.len() as u32)
            .map(|i| imported_funcs + i)
            .collect();
        elements.segment(ElementSegment {
            mode: ElementMode::Active {
                table: Some(0),
                offset: &ConstExpr::i32_const(slot),
            },
            elements: Elements::Functions(own.into()),
        });
        let mut module = Module::new();
        module
            .section(&types)
            .section(&imports)
            .section(&functions)
            .section(&elements)
            .section(&code);
        module.finish()
    }

    fn memory() -> EntityType {
        EntityType::Memory(MemoryType {
            minimum: 17,
            maximum: None,
            memory64: false,
            shared: false,
            page_size_log2: None,
        })
    }

    fn table() -> EntityType {
        EntityType::Table(TableType {
            element_type: RefType::FUNCREF,
            table64: false,
            minimum: 100,
            maximum: None,
            shared: false,
        })
    }

    /// The functions each element segment puts in the table, and where.
    fn segments(bytes: &[u8]) -> Vec<(Vec<u32>, i32)> {
        let mut found = Vec::new();
        for payload in Parser::new(0).parse_all(bytes) {
            if let Payload::ElementSection(section) = payload.unwrap() {
                for element in section {
                    let element = element.unwrap();
                    let wasmparser::ElementKind::Active { offset_expr, .. } = element.kind else {
                        panic!("not active")
                    };
                    let Some(Ok(wasmparser::Operator::I32Const { value })) =
                        offset_expr.get_operators_reader().into_iter().next()
                    else {
                        panic!("no offset")
                    };
                    let wasmparser::ElementItems::Functions(funcs) = element.items else {
                        panic!("not functions")
                    };
                    found.push((funcs.into_iter().map(Result::unwrap).collect(), value));
                }
            }
        }
        found
    }

    /// The functions each function body calls, in order.
    fn calls(bytes: &[u8]) -> Vec<Vec<u32>> {
        let mut found = Vec::new();
        for payload in Parser::new(0).parse_all(bytes) {
            if let Payload::CodeSectionEntry(body) = payload.unwrap() {
                let mut called = Vec::new();
                for op in body.get_operators_reader().unwrap() {
                    if let wasmparser::Operator::Call { function_index } = op.unwrap() {
                        called.push(function_index);
                    }
                }
                found.push(called);
            }
        }
        found
    }

    fn import_names(bytes: &[u8]) -> Vec<String> {
        let mut names = Vec::new();
        for payload in Parser::new(0).parse_all(bytes) {
            if let Payload::ImportSection(section) = payload.unwrap() {
                for import in section.into_imports() {
                    names.push(import.unwrap().name.to_owned());
                }
            }
        }
        names
    }

    #[test]
    fn two_files_become_one_that_imports_each_name_once_and_fills_the_same_slots() {
        let load = Instruction::I32Load(MemArg {
            offset: 0,
            align: 2,
            memory_index: 0,
        });
        // The first file: memory, table, then main's `a`; one function calling `a`.
        let first = shared_file(
            &[
                ("memory", memory()),
                ("table", table()),
                ("a", EntityType::Function(1)),
            ],
            &[&[Instruction::LocalGet(0), Instruction::Call(0)]],
            10,
        );
        // The second: main's `b` and `a` (in that order), the table and memory; two
        // functions, the second calling `a`, then the first of its own.
        let second = shared_file(
            &[
                ("b", EntityType::Function(1)),
                ("a", EntityType::Function(1)),
                ("table", table()),
                ("memory", memory()),
            ],
            &[
                &[Instruction::LocalGet(0), load, Instruction::Call(0)],
                &[
                    Instruction::LocalGet(0),
                    Instruction::Call(1),
                    Instruction::Call(2),
                ],
            ],
            20,
        );
        let merged = merge(&[first, second]).unwrap();
        // Each name once: memory, table, a, then b.
        assert_eq!(import_names(&merged), ["memory", "table", "a", "b"]);
        // The merged functions: 2 (the first file's), 3 and 4 (the second's), each in the
        // slots its own file put it in.
        assert_eq!(segments(&merged), [(vec![2], 10), (vec![3, 4], 20)]);
        // Calls moved: the first calls `a` (0); the second file's first calls `b` (now 1),
        // its second calls `a` (0) and its own first (now 3).
        assert_eq!(calls(&merged), [vec![0], vec![1], vec![0, 3]]);
    }

    #[test]
    fn one_file_merged_alone_is_the_same_module() {
        let only = shared_file(
            &[("table", table()), ("a", EntityType::Function(1))],
            &[&[Instruction::LocalGet(0), Instruction::Call(0)]],
            3,
        );
        let merged = merge(std::slice::from_ref(&only)).unwrap();
        assert_eq!(segments(&merged), segments(&only));
        assert_eq!(calls(&merged), calls(&only));
        assert_eq!(import_names(&merged), import_names(&only));
    }

    #[test]
    fn files_that_disagree_are_an_error_not_a_broken_app() {
        let body: &[Instruction] = &[Instruction::LocalGet(0)];
        let a_takes_i32 = shared_file(
            &[("table", table()), ("a", EntityType::Function(1))],
            &[body],
            0,
        );
        let a_takes_nothing = shared_file(
            &[("table", table()), ("a", EntityType::Function(0))],
            &[body],
            5,
        );
        let error = merge(&[a_takes_i32, a_takes_nothing]).unwrap_err();
        assert!(
            error.contains("__wasm_split.a") && error.contains("different types"),
            "{error}"
        );
        assert!(merge(&[b"not wasm".to_vec()])
            .unwrap_err()
            .contains("not valid wasm"));
    }
    /// The split's script as wasm_split_cli_support 0.2.4 writes it (its runtime cut).
    const SCRIPT: &str = r#"import { initSync } from "./young-1.js";
function makeLoad(fetcher, deps) {}
/* account, goals */
const __chunk_13 = makeLoad(() => {
    const src = fetch(new URL("./chunk_13.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
/* goals, feedback */
const __chunk_14 = makeLoad(() => {
    const src = fetch(new URL("./chunk_14.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
export const __wasm_split_load_settings = wrapAsyncCb(makeLoad(() => async (_imp) => ({}), []));
export const __wasm_split_load_goals = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_goals.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_13, __chunk_14]));
export const __wasm_split_load_feedback = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_feedback.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_14]));
"#;

    #[test]
    fn the_split_script_loads_the_merged_file_once_for_every_screen() {
        let script = one_shared_loader(SCRIPT, "young-shared-ab.wasm").unwrap();
        assert!(
            !script.contains("chunk_13") && !script.contains("chunk_14"),
            "{script}"
        );
        assert!(
            !script.contains("/* "),
            "the shared files' comments go with them"
        );
        assert!(script.contains(
            "const __chunk_shared = makeLoad(() => {\n    const src = fetch(new URL(\"./young-shared-ab.wasm\", import.meta.url));"
        ), "{script}");
        assert_eq!(
            script.matches("makeLoad(").count(),
            5,
            "the runtime, one shared, three screens"
        );
        // Each screen that needed shared files waits for the one, once; one that needed
        // none still needs none.
        assert!(script.contains("split_goals.wasm\", import.meta.url));\n    src.catch(() => {});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}\n, [__chunk_shared]));"));
        assert!(
            script.contains(", [__chunk_shared]));\n")
                && script.matches("[__chunk_shared]").count() == 2
        );
        assert!(script.contains("async (_imp) => ({}), []));"));
        // The rest is as it was.
        assert!(script.starts_with("import { initSync } from \"./young-1.js\";\nfunction makeLoad(fetcher, deps) {}\nconst __chunk_shared"));
    }

    #[test]
    fn a_split_script_laid_out_otherwise_stops_the_build() {
        assert!(one_shared_loader("export const x = 1;\n", "s.wasm").is_err());
        let unended = SCRIPT.replacen(", []);", ", [] );", 1);
        let error = one_shared_loader(&unended, "s.wasm").unwrap_err();
        assert!(error.contains("does not end"), "{error}");
    }
}
