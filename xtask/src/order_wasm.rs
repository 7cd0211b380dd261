//! A wasm file's functions put in an order that compresses better.
//!
//! Brotli and gzip code a run of bytes they have met before as "that again, from so far
//! back"; the more alike the functions side by side, the less each one costs. The compiler
//! and wasm-opt leave functions in the order the code's modules happen to give them.
//! [`similar_together`] starts with the largest function and puts after each the one left
//! that is most like it: alike meaning sharing the most runs of four bytes, as estimated by
//! comparing MinHash signatures (for each of [`SIGNATURE`] hash functions, the smallest hash
//! of any run in the function; two functions agree on that entry about as often as their
//! sets of runs overlap). Every index that names a function is moved to match: calls, the
//! table's elements, exports, the start function, names. Nothing else changes. The table
//! keeps its places (wasm-bindgen's script and the screens' files call functions through
//! it), and exports and imports keep their names, so the pieces still link to each other.
//! The result is checked by wasmparser's validator before it is returned.
//!
//! Measured on 2026-12-05 (README, "Build settings"): the young person's main wasm 5.8 KB
//! smaller as served (brotli), and the files of both apps 23.4 KB smaller in all.

use wasm_encoder::reencode::{Error, Reencode};
use wasm_encoder::{CodeSection, FunctionSection, IndirectNameMap, Module, NameMap, NameSection};
use wasmparser::{CodeSectionReader, FunctionSectionReader, Parser, Payload, TypeRef};

/// How many hash functions a function's signature has: more estimate likeness better and
/// cost time. On the main wasm (Python's brotli): 64 saved 5.2 KB; 128, 5.9 KB; 256, 6.1 KB,
/// in 0.9 s (xtask is built optimised: Cargo.toml).
const SIGNATURE: usize = 256;

/// `wasm` with its functions in the order described above.
pub fn similar_together(wasm: &[u8]) -> crate::Result<Vec<u8>> {
    let bad = |e: wasmparser::BinaryReaderError| format!("not valid wasm: {e}");
    let mut imported = 0;
    let mut bodies = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(bad)? {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if matches!(import.map_err(bad)?.ty, TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(body.as_bytes()),
            _ => {}
        }
    }
    let order = likeness_order(&bodies);
    let mut moves = Moves {
        imported,
        new_index: vec![0; bodies.len()],
        order,
    };
    for (at, &old) in moves.order.iter().enumerate() {
        moves.new_index[old] = imported + at as u32;
    }
    let mut module = Module::new();
    moves
        .parse_core_module(&mut module, Parser::new(0), wasm)
        .map_err(|e| format!("could not put the functions in order: {e}"))?;
    let bytes = module.finish();
    wasmparser::Validator::new()
        .validate_all(&bytes)
        .map_err(|e| format!("the functions put in order make wasm that is not valid: {e}"))?;
    Ok(bytes)
}

/// The order to write `bodies` in: each index once, the largest first, then each time the
/// one left whose signature agrees most with the one before (the earliest on a tie).
fn likeness_order(bodies: &[&[u8]]) -> Vec<usize> {
    let signatures: Vec<[u32; SIGNATURE]> = bodies.iter().map(|body| signature(body)).collect();
    let mut left = vec![true; bodies.len()];
    let mut order = Vec::with_capacity(bodies.len());
    let Some(first) = (0..bodies.len()).max_by_key(|&i| (bodies[i].len(), usize::MAX - i)) else {
        return order;
    };
    let mut last = first;
    loop {
        left[last] = false;
        order.push(last);
        let mut best: Option<(usize, usize)> = None;
        for (i, signature) in signatures.iter().enumerate() {
            if !left[i] {
                continue;
            }
            let agree = signature
                .iter()
                .zip(&signatures[last])
                .filter(|(a, b)| a == b)
                .count();
            if best.is_none_or(|(_, most)| agree > most) {
                best = Some((i, agree));
            }
        }
        match best {
            Some((next, _)) => last = next,
            None => return order,
        }
    }
}

/// For each of the [`SIGNATURE`] hash functions, the smallest hash of any four bytes in a row
/// in `body` (of the whole body, if it is shorter).
fn signature(body: &[u8]) -> [u32; SIGNATURE] {
    let mut smallest = [u32::MAX; SIGNATURE];
    let runs: Vec<u32> = if body.len() < 4 {
        let mut run = [0; 4];
        run[..body.len()].copy_from_slice(body);
        vec![u32::from_le_bytes(run)]
    } else {
        body.windows(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .collect()
    };
    for (k, small) in smallest.iter_mut().enumerate() {
        let seed = (k as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for &run in &runs {
            *small = (*small).min(mix(u64::from(run) ^ seed));
        }
    }
    smallest
}

/// SplitMix64's finaliser: every bit of the answer depends on every bit of `x`.
fn mix(mut x: u64) -> u32 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((x ^ (x >> 31)) >> 32) as u32
}

/// The new order, and where each function defined in the file moves to (imported
/// functions stay where they are, first).
struct Moves {
    imported: u32,
    /// By a defined function's place in the file, its new index.
    new_index: Vec<u32>,
    /// By new place, the defined function's place in the file.
    order: Vec<usize>,
}

impl Reencode for Moves {
    type Error = String;

    fn function_index(&mut self, func: u32) -> Result<u32, Error<String>> {
        match func.checked_sub(self.imported) {
            None => Ok(func),
            Some(defined) => self
                .new_index
                .get(defined as usize)
                .copied()
                .ok_or_else(|| Error::UserError(format!("function {func} is not in the file"))),
        }
    }

    fn parse_function_section(
        &mut self,
        functions: &mut FunctionSection,
        section: FunctionSectionReader<'_>,
    ) -> Result<(), Error<String>> {
        let types = section.into_iter().collect::<Result<Vec<u32>, _>>()?;
        if types.len() != self.order.len() {
            return Err(Error::UserError("as many function types as bodies".into()));
        }
        for old in self.order.clone() {
            functions.function(self.type_index(types[old])?);
        }
        Ok(())
    }

    fn parse_code_section(
        &mut self,
        code: &mut CodeSection,
        section: CodeSectionReader<'_>,
    ) -> Result<(), Error<String>> {
        let bodies = section.into_iter().collect::<Result<Vec<_>, _>>()?;
        for old in self.order.clone() {
            self.parse_function_body(code, bodies[old].clone())?;
        }
        Ok(())
    }

    /// Names, when a build keeps them (`JOURNEY_WASM_NAMES`), moved with their functions
    /// and listed by their new indices, as the name section must be.
    fn parse_custom_name_subsection(
        &mut self,
        names: &mut NameSection,
        section: wasmparser::Name<'_>,
    ) -> Result<(), Error<String>> {
        match section {
            wasmparser::Name::Function(map) => {
                let mut moved = Vec::new();
                for naming in map {
                    let naming = naming?;
                    moved.push((self.function_index(naming.index)?, naming.name));
                }
                moved.sort_by_key(|(index, _)| *index);
                let mut map = NameMap::new();
                for (index, name) in moved {
                    map.append(index, name);
                }
                names.functions(&map);
            }
            wasmparser::Name::Local(map) => {
                let mut moved = Vec::new();
                for naming in map {
                    let naming = naming?;
                    let mut locals = NameMap::new();
                    for local in naming.names {
                        let local = local?;
                        locals.append(local.index, local.name);
                    }
                    moved.push((self.function_index(naming.index)?, locals));
                }
                moved.sort_by_key(|(index, _)| *index);
                let mut map = IndirectNameMap::new();
                for (index, locals) in &moved {
                    map.append(*index, locals);
                }
                names.locals(&map);
            }
            // Labels name places in a function's code by function: not kept by any build.
            wasmparser::Name::Label(_) => {}
            other => {
                wasm_encoder::reencode::utils::parse_custom_name_subsection(self, names, other)?
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        ConstExpr, ElementSection, Elements, EntityType, ExportKind, ExportSection, Function,
        ImportSection, Instruction, RefType, TableSection, TableType, TypeSection, ValType,
    };

    /// A defined function: calls `callee` (0 is the imported one), drops what it gave, then
    /// `filler` constants (dropped), and returns `mark`.
    struct Def {
        callee: u32,
        filler: Vec<i32>,
        mark: i32,
    }

    /// A module that imports one function, defines `defs`, puts every function in a table
    /// in index order and exports the last.
    fn module(defs: &[Def]) -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([], [ValType::I32]);
        let mut imports = ImportSection::new();
        imports.import("host", "seven", EntityType::Function(0));
        let mut functions = FunctionSection::new();
        let mut code = CodeSection::new();
        for def in defs {
            functions.function(0);
            let mut f = Function::new([]);
            f.instruction(&Instruction::Call(def.callee));
            f.instruction(&Instruction::Drop);
            for &n in &def.filler {
                f.instruction(&Instruction::I32Const(n));
                f.instruction(&Instruction::Drop);
            }
            f.instruction(&Instruction::I32Const(def.mark));
            f.instruction(&Instruction::End);
            code.function(&f);
        }
        let n = defs.len() as u32 + 1;
        let mut tables = TableSection::new();
        tables.table(TableType {
            element_type: RefType::FUNCREF,
            minimum: n.into(),
            maximum: Some(n.into()),
            table64: false,
            shared: false,
        });
        let mut elements = ElementSection::new();
        let all: Vec<u32> = (0..n).collect();
        elements.active(
            Some(0),
            &ConstExpr::i32_const(0),
            Elements::Functions(all.into()),
        );
        let mut exports = ExportSection::new();
        exports.export("last", ExportKind::Func, n - 1);
        let mut module = Module::new();
        module
            .section(&types)
            .section(&imports)
            .section(&functions)
            .section(&tables)
            .section(&exports)
            .section(&elements)
            .section(&code);
        module.finish()
    }

    /// By function index (0: the import, shown as None): what it calls and returns; and
    /// the functions in the table's places, and the exported function.
    type Read = (Vec<Option<(u32, i32)>>, Vec<u32>, u32);

    fn read(wasm: &[u8]) -> Read {
        let (mut functions, mut table, mut export) = (vec![None], Vec::new(), 0);
        for payload in Parser::new(0).parse_all(wasm) {
            match payload.unwrap() {
                Payload::CodeSectionEntry(body) => {
                    let mut reader = body.get_operators_reader().unwrap();
                    let (mut callee, mut mark) = (None, 0);
                    while !reader.eof() {
                        match reader.read().unwrap() {
                            wasmparser::Operator::Call { function_index } => {
                                callee = Some(function_index)
                            }
                            wasmparser::Operator::I32Const { value } => mark = value,
                            _ => {}
                        }
                    }
                    functions.push(Some((callee.unwrap(), mark)));
                }
                Payload::ElementSection(s) => {
                    for element in s {
                        if let wasmparser::ElementItems::Functions(f) = element.unwrap().items {
                            table = f.into_iter().map(|f| f.unwrap()).collect();
                        }
                    }
                }
                Payload::ExportSection(s) => export = s.into_iter().next().unwrap().unwrap().index,
                _ => {}
            }
        }
        (functions, table, export)
    }

    /// What a function does, followed through the functions it calls: the marks returned
    /// along the way, down to the import.
    fn behaviour(functions: &[Option<(u32, i32)>], mut f: u32) -> Vec<i32> {
        let mut marks = Vec::new();
        while let Some((callee, mark)) = functions[f as usize] {
            marks.push(mark);
            f = callee;
        }
        marks
    }

    fn filler(pattern: i32, n: i32) -> Vec<i32> {
        (0..n).map(|i| pattern * 1000 + i).collect()
    }

    #[test]
    fn alike_functions_end_up_side_by_side_and_every_index_follows() {
        // Defined functions 1 to 5: the longest; a short one; a long one unlike the others;
        // a shorter copy of the first; another short one.
        let defs = [
            Def {
                callee: 0,
                filler: filler(7, 60),
                mark: 1,
            },
            Def {
                callee: 1,
                filler: vec![],
                mark: 2,
            },
            Def {
                callee: 2,
                filler: filler(9, 40),
                mark: 3,
            },
            Def {
                callee: 3,
                filler: filler(7, 50),
                mark: 4,
            },
            Def {
                callee: 4,
                filler: vec![5],
                mark: 5,
            },
        ];
        let before = module(&defs);
        let after = similar_together(&before).unwrap();
        assert_ne!(before, after, "the order changed");
        let (old, old_table, old_export) = read(&before);
        let (new, new_table, new_export) = read(&after);

        // The longest first, and the one most like it straight after.
        assert_eq!(new[1].map(|(_, mark)| mark), Some(1));
        assert_eq!(new[2].map(|(_, mark)| mark), Some(4));
        // Every place in the table, and the export, still reach code that does the same,
        // calls included.
        assert_eq!(old_table.len(), new_table.len());
        for (&o, &n) in old_table.iter().zip(&new_table) {
            assert_eq!(behaviour(&old, o), behaviour(&new, n));
        }
        assert_eq!(behaviour(&old, old_export), behaviour(&new, new_export));
        assert_eq!(behaviour(&new, new_export), [5, 4, 3, 2, 1]);
    }

    #[test]
    fn the_same_file_always_gives_the_same_order() {
        let defs: Vec<Def> = (0..12)
            .map(|i| Def {
                callee: i as u32,
                filler: filler(i % 3, 10 + i),
                mark: i,
            })
            .collect();
        let wasm = module(&defs);
        assert_eq!(
            similar_together(&wasm).unwrap(),
            similar_together(&wasm).unwrap()
        );
    }

    #[test]
    fn a_file_with_no_functions_of_its_own_is_left_as_it_was_in_meaning() {
        let wasm = module(&[]);
        let (functions, table, _) = read(&similar_together(&wasm).unwrap());
        assert_eq!((functions.len(), table), (1, vec![0]));
    }
}
