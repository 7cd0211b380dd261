//! The app's type ids written as small numbers, so the wasm no longer carries 16 bytes of
//! noise for every kind of view, attribute and boxed value.
//!
//! Rust tells types apart at run time by a `TypeId`: a 128-bit hash of the type. Leptos
//! keeps one in every type-erased view (`AnyView`: is the new view the same kind as the
//! one on the page?) and attribute, `Any` boxes answer with theirs, and signals' contexts
//! are found by them. The compiler writes each as 16 bytes in the wasm's data, copied
//! from a fixed address with two 64-bit loads, and as 64-bit constants where code
//! compares against one. Random bytes do not compress.
//!
//! A `TypeId` is only compared with another (for equality, or order) and hashed
//! (`core::any`: `impl Hash for TypeId` reads its second `u64`). So any other values do,
//! as long as every copy of an id gets the same new value, two ids never get the same
//! one, and no hash of an id was worked out ahead by the compiler. [`ids_made_small`]
//! finds the ids the code copies: 16 bytes of data, A to A + 16, that one function copies
//! as a unit (a 64-bit load from A stored at some offset, and one from A + 8 stored 8
//! bytes further on), where no 32-bit part looks like a small number or an address. (Ids
//! lie side by side in the data, so "two loads 8 bytes apart" alone would also pair the
//! second half of one id with the first half of the next: the first version did, and
//! the app stopped at its first downcast.) Each id found becomes (0, n), n counting from
//! 1: its first half zero and its second its number, wherever either half occurs, in the
//! data (8 bytes anywhere) and in every 64-bit constant in the code. An id left out keeps
//! both halves everywhere and still differs from every changed one (whose first half is
//! zero; its own is random). Left out, too, is an id whose half the code also holds as a
//! 32-bit constant, or whose hash it holds, worked out ahead: `FxHasher`'s (rustc-hash,
//! which keys signals' contexts by `TypeId`) of either half, at each step, for 32-bit
//! words as on wasm.
//! No other hasher in the apps has fixed keys (std's and indexmap's are seeded at run
//! time), so nothing else could have been worked out ahead.
//!
//! Every patch keeps each byte's place (a constant is written again as a number of the
//! same length, padded), so it runs on the wasm as Cargo linked it, relocations and all,
//! before the split: every piece made from it agrees. The staff app and the counter get
//! it after Trunk (glue_names.rs, `finish_app`). The browser tests run both apps on the
//! result; the unit tests below check the rules one by one.

use std::collections::{HashMap, HashSet};
use wasmparser::{DataKind, Operator, Parser, Payload};

/// Below this, a 32-bit word may be a count, a small number or an address in the app's
/// memory (a few megabytes), so 16 bytes holding one are not taken for an id.
const SMALL: u32 = 1 << 24;

/// `FxHasher`'s multiplier for 32-bit words (rustc-hash 2).
const FX: u32 = 0x93d7_65dd;

/// `wasm` with each type id it holds written as described above, and how many ids.
pub fn ids_made_small(wasm: &[u8]) -> crate::Result<(Vec<u8>, usize)> {
    let bad = |e: wasmparser::BinaryReaderError| format!("not valid wasm: {e}");
    // Each active data segment: where it starts in memory, and its bytes' place in the file.
    let mut segments: Vec<(u64, std::ops::Range<usize>)> = Vec::new();
    // The first address of each 16 bytes a function copies from a constant address as
    // two 64-bit halves.
    let mut copied = HashSet::new();
    // Every 64-bit constant in the code (its value, and where its number starts), and the
    // values of every 32-bit constant.
    let mut constants64 = Vec::new();
    let mut constants32 = HashSet::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(bad)? {
            Payload::DataSection(section) => {
                for data in section {
                    let data = data.map_err(bad)?;
                    let DataKind::Active { offset_expr, .. } = data.kind else {
                        continue;
                    };
                    let Operator::I32Const { value } =
                        offset_expr.get_operators_reader().read().map_err(bad)?
                    else {
                        continue;
                    };
                    let end = usize::try_from(data.range.end).map_err(|_| "a wasm over 4 GB")?;
                    segments.push((u64::from(value as u32), end - data.data.len()..end));
                }
            }
            Payload::CodeSectionEntry(body) => {
                let mut reader = body.get_operators_reader().map_err(bad)?;
                // The constant just read, and the address of a 64-bit load from one.
                let (mut constant, mut load) = (None, None);
                // (address loaded, offset stored at) for each load stored straight away.
                let mut copies = HashSet::new();
                while !reader.eof() {
                    let (operator, at) = reader.read_with_offset().map_err(bad)?;
                    let mut loaded = None;
                    match operator {
                        Operator::I32Const { value } => {
                            constants32.insert(value as u32);
                        }
                        Operator::I64Const { value } => {
                            let at = usize::try_from(at).map_err(|_| "a wasm over 4 GB")?;
                            constants64.push((value as u64, at + 1));
                        }
                        Operator::I64Load { memarg } => {
                            loaded = constant.map(|c: i32| u64::from(c as u32) + memarg.offset);
                        }
                        Operator::I64Store { memarg } => {
                            if let Some(address) = load {
                                copies.insert((address, memarg.offset));
                            }
                        }
                        _ => {}
                    }
                    constant = match operator {
                        Operator::I32Const { value } => Some(value),
                        _ => None,
                    };
                    load = loaded;
                }
                for &(address, offset) in &copies {
                    if copies.contains(&(address + 8, offset + 8)) {
                        copied.insert(address);
                    }
                }
            }
            _ => {}
        }
    }

    // A 32-bit value the code holds as a constant of either size.
    let values64: HashSet<u64> = constants64.iter().map(|&(value, _)| value).collect();
    let in_code = |value: u32| constants32.contains(&value) || values64.contains(&u64::from(value));

    // The ids: copied as a unit, inside one segment, no small 32-bit part.
    let bytes_at = |address: u64| {
        segments.iter().find_map(|(start, range)| {
            let from = range.start + usize::try_from(address.checked_sub(*start)?).ok()?;
            wasm.get(from..from + 16).filter(|_| from + 16 <= range.end)
        })
    };
    // Each id found (first half, second half), in the order of their addresses, and by
    // its second half.
    let mut ids = Vec::new();
    let mut seconds: HashMap<u64, u64> = HashMap::new();
    let mut found: Vec<u64> = copied.into_iter().collect();
    found.sort_unstable();
    for address in found {
        let Some(id) = bytes_at(address) else {
            continue;
        };
        let word = |i: usize| u32::from_le_bytes(id[i..i + 4].try_into().unwrap());
        if (0..4).any(|i| word(4 * i) < SMALL) {
            continue;
        }
        let half = |i: usize| u64::from_le_bytes(id[i..i + 8].try_into().unwrap());
        let (first, second) = (half(0), half(8));
        // Either half: std hashes the second today, and would still be checked if it
        // hashed the first (or both, the first first) one day.
        let mut hashes = hashed(first).into_iter().chain(hashed(second));
        if (0..4).any(|i| in_code(word(4 * i))) || hashes.any(in_code) {
            continue;
        }
        match seconds.insert(second, first) {
            None => ids.push((first, second)),
            Some(other) if other == first => {}
            Some(_) => {
                return Err(format!(
                    "two type ids share their second half ({second:#x}): the same \
                     number for both would make them equal"
                ))
            }
        }
    }
    // Each half's new value: (0, n), numbered in the order of their addresses.
    let mut new: HashMap<u64, u64> = HashMap::new();
    for (n, (first, second)) in (1..).zip(&ids) {
        new.insert(*first, 0);
        new.insert(*second, n);
    }
    if seconds.values().any(|first| seconds.contains_key(first)) {
        return Err("a type id's first half is another's second half".into());
    }

    let mut out = wasm.to_vec();
    for (_, range) in &segments {
        let mut at = range.start;
        while at + 8 <= range.end {
            let half = u64::from_le_bytes(wasm[at..at + 8].try_into().unwrap());
            if let Some(value) = new.get(&half) {
                out[at..at + 8].copy_from_slice(&value.to_le_bytes());
                at += 8;
            } else {
                at += 1;
            }
        }
    }
    for (value, at) in constants64 {
        if let Some(&small) = new.get(&value) {
            let length = wasm[at..]
                .iter()
                .position(|b| b & 0x80 == 0)
                .ok_or("a cut LEB")?
                + 1;
            padded_leb(&mut out[at..at + length], small)?;
        }
    }
    Ok((out, ids.len()))
}

/// The 32-bit values `FxHasher` holds as it hashes `half` of an id (a `TypeId` hashes its
/// second half as a `u64`: on wasm, two 32-bit words), from its start at zero, and its
/// result.
fn hashed(half: u64) -> [u32; 3] {
    let step = |hash: u32, word: u32| hash.wrapping_add(word).wrapping_mul(FX);
    let low = step(0, half as u32);
    let both = step(low, (half >> 32) as u32);
    [low, both, both.rotate_left(15)]
}

/// `value` (small, not negative) written as a signed LEB128 filling all of `into`.
fn padded_leb(into: &mut [u8], value: u64) -> crate::Result {
    let last = into.len() - 1;
    if value.checked_shr(7 * last as u32 + 6).unwrap_or(0) != 0 {
        return Err(format!("{value} does not fit in {} bytes", into.len()));
    }
    for (i, byte) in into.iter_mut().enumerate() {
        let bits = ((value >> (7 * i)) & 0x7f) as u8;
        *byte = if i < last { bits | 0x80 } else { bits };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, ConstExpr, DataSection, Function, FunctionSection, Instruction, MemArg,
        MemorySection, MemoryType, Module, TypeSection, ValType,
    };

    const ADDRESS: i32 = 1_052_744;
    const FIRST: u64 = 0x9a3c_51e7_2b84_f06d;
    const SECOND: u64 = 0x4f12_8ed3_c970_a51b;
    const OTHER: (u64, u64) = (0x1b2c_3d4e_5f60_7182, 0x6a5b_4c3d_2e1f_0a9b);

    fn id(first: u64, second: u64) -> Vec<u8> {
        [first.to_le_bytes(), second.to_le_bytes()].concat()
    }

    fn memarg(offset: u64) -> MemArg {
        MemArg {
            offset,
            align: 2,
            memory_index: 0,
        }
    }

    /// 8 bytes loaded from `address` and stored at `to`, as a type id's half is copied.
    fn copy(address: i32, to: u64) -> Vec<Instruction<'static>> {
        vec![
            Instruction::I32Const(0),
            Instruction::I32Const(address),
            Instruction::I64Load(memarg(0)),
            Instruction::I64Store(memarg(to)),
        ]
    }

    /// The 16 bytes at `address` copied as a unit, to 64.
    fn copied(address: i32) -> Vec<Instruction<'static>> {
        [copy(address, 64), copy(address + 8, 72)].concat()
    }

    /// A module whose memory holds `data` at [`ADDRESS`] and one function running `code`.
    fn module(data: &[u8], code: &[Instruction]) -> Vec<u8> {
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], [ValType::I64]);
        module.section(&types);
        let mut functions = FunctionSection::new();
        functions.function(0);
        module.section(&functions);
        let mut memories = MemorySection::new();
        memories.memory(MemoryType {
            minimum: 17,
            maximum: None,
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        module.section(&memories);
        let mut bodies = CodeSection::new();
        let mut function = Function::new([]);
        for instruction in code {
            function.instruction(instruction);
        }
        function.instruction(&Instruction::I64Const(0));
        function.instruction(&Instruction::End);
        bodies.function(&function);
        module.section(&bodies);
        let mut segments = DataSection::new();
        segments.active(0, &ConstExpr::i32_const(ADDRESS), data.iter().copied());
        module.section(&segments);
        let wasm = module.finish();
        wasmparser::Validator::new().validate_all(&wasm).unwrap();
        wasm
    }

    #[test]
    fn an_id_becomes_zero_and_its_number_in_the_data_and_in_constants() {
        let mut code = copied(ADDRESS);
        code.extend([
            Instruction::I64Const(FIRST as i64),
            Instruction::Drop,
            Instruction::I64Const(SECOND as i64),
            Instruction::Drop,
        ]);
        let wasm = module(&id(FIRST, SECOND), &code);
        let (out, ids) = ids_made_small(&wasm).unwrap();
        assert_eq!(ids, 1);
        assert_eq!(out.len(), wasm.len(), "every byte keeps its place");
        let mut expected_code = copied(ADDRESS);
        expected_code.extend([
            Instruction::I64Const(0),
            Instruction::Drop,
            Instruction::I64Const(1),
            Instruction::Drop,
        ]);
        let expected = module(&id(0, 1), &expected_code);
        // The constants are padded to their old length, so compare what they mean.
        assert_eq!(operators(&out), operators(&expected));
        assert_eq!(data(&out), id(0, 1));
        wasmparser::Validator::new().validate_all(&out).unwrap();
    }

    #[test]
    fn ids_side_by_side_are_each_taken_whole_and_numbered_in_order() {
        // Two ids one after the other, each copied: the 16 bytes from the middle of the
        // first (its second half and the next one's first) are not an id.
        let bytes = [id(FIRST, SECOND), id(OTHER.0, OTHER.1)].concat();
        let code = [copied(ADDRESS + 16), copied(ADDRESS)].concat();
        let (out, ids) = ids_made_small(&module(&bytes, &code)).unwrap();
        assert_eq!(ids, 2);
        assert_eq!(data(&out), [id(0, 1), id(0, 2)].concat());
    }

    #[test]
    fn every_copy_of_an_id_is_changed_alike() {
        // The same id again further on, copied by nothing, and its halves apart.
        let bytes = [
            id(FIRST, SECOND),
            vec![7; 4],
            id(FIRST, SECOND),
            SECOND.to_le_bytes().to_vec(),
        ]
        .concat();
        let (out, _) = ids_made_small(&module(&bytes, &copied(ADDRESS))).unwrap();
        let expected = [id(0, 1), vec![7; 4], id(0, 1), 1u64.to_le_bytes().to_vec()].concat();
        assert_eq!(data(&out), expected);
    }

    #[test]
    fn what_is_not_copied_as_an_id_is_left_as_it_is() {
        // A small number or an address in one of the four words.
        for bytes in [id(FIRST, 1_052_800), id(0x0010_1234_9a3c_51e7, SECOND)] {
            let wasm = module(&bytes, &copied(ADDRESS));
            assert_eq!(ids_made_small(&wasm).unwrap(), (wasm, 0));
        }
        let bytes = id(FIRST, SECOND);
        // Only one half copied; the halves copied to places not 8 bytes apart; both read
        // but not stored.
        let read = |address| {
            [
                Instruction::I32Const(address),
                Instruction::I64Load(memarg(0)),
                Instruction::Drop,
            ]
        };
        for code in [
            copy(ADDRESS, 64),
            [copy(ADDRESS, 64), copy(ADDRESS + 8, 80)].concat(),
            [read(ADDRESS), read(ADDRESS + 8)].concat(),
        ] {
            let wasm = module(&bytes, &code);
            assert_eq!(ids_made_small(&wasm).unwrap(), (wasm, 0));
        }
    }

    #[test]
    fn an_id_the_code_also_holds_in_pieces_or_hashed_is_left_as_it_is() {
        let [low, both, result] = hashed(SECOND);
        let [first_low, _, first_result] = hashed(FIRST);
        for word in [
            FIRST as u32,
            (SECOND >> 32) as u32,
            low,
            both,
            result,
            first_low,
            first_result,
        ] {
            let mut code = copied(ADDRESS);
            code.extend([Instruction::I32Const(word as i32), Instruction::Drop]);
            let wasm = module(&id(FIRST, SECOND), &code);
            assert_eq!(ids_made_small(&wasm).unwrap(), (wasm, 0), "{word:#x}");
        }
    }

    #[test]
    fn the_hash_is_rustc_hashs() {
        // rustc-hash 2's own test values for 32-bit words: hash(1) and hash(100) of a
        // usize, one step each (`write_usize`).
        let one_step = |word: u32| 0u32.wrapping_add(word).wrapping_mul(FX).rotate_left(15);
        assert_eq!(one_step(1), 3_001_993_707);
        assert_eq!(one_step(100), 3_844_759_569);
        // And a u64 in two steps, low word first.
        let [low, both, result] = hashed(0x0000_0002_0000_0001);
        assert_eq!(low, FX);
        assert_eq!(both, FX.wrapping_add(2).wrapping_mul(FX));
        assert_eq!(result, both.rotate_left(15));
    }

    #[test]
    fn two_ids_sharing_a_second_half_stop_the_build() {
        let bytes = [id(FIRST, SECOND), id(OTHER.0, SECOND)].concat();
        let code = [copied(ADDRESS), copied(ADDRESS + 16)].concat();
        let error = ids_made_small(&module(&bytes, &code)).unwrap_err();
        assert!(error.contains("share their second half"), "{error}");
    }

    #[test]
    fn a_small_number_is_written_in_the_length_it_replaces() {
        let mut into = [0xff; 3];
        padded_leb(&mut into, 200).unwrap();
        assert_eq!(into, [0x80 | (200 & 0x7f), 0x80 | 1, 0]);
        let mut one = [0xff];
        assert!(
            padded_leb(&mut one, 64).is_err(),
            "64 needs two bytes, signed"
        );
    }

    fn data(wasm: &[u8]) -> Vec<u8> {
        Parser::new(0)
            .parse_all(wasm)
            .find_map(|payload| match payload.unwrap() {
                Payload::DataSection(section) => {
                    Some(section.into_iter().next().unwrap().unwrap().data.to_vec())
                }
                _ => None,
            })
            .unwrap()
    }

    fn operators(wasm: &[u8]) -> Vec<String> {
        Parser::new(0)
            .parse_all(wasm)
            .filter_map(|payload| match payload.unwrap() {
                Payload::CodeSectionEntry(body) => Some(body),
                _ => None,
            })
            .flat_map(|body| {
                let mut reader = body.get_operators_reader().unwrap();
                let mut all = Vec::new();
                while !reader.eof() {
                    all.push(format!("{:?}", reader.read().unwrap()));
                }
                all
            })
            .collect()
    }
}
