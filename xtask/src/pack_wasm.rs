//! Every wasm file of both apps packed for sending: the same bytes in another order.
//!
//! In a wasm file each instruction's opcode is followed by its operands: a local's number,
//! a memory offset, a function to call, a constant. Brotli reads them as one stream, and
//! opcodes, small local numbers and scattered addresses each have their own statistics.
//! [`pack`] walks the module and puts each kind in a stream of its own (the opcodes; the
//! alignments, locals, globals, calls, indirect calls, constants, branches, block types,
//! the offsets of loads, the other operands and the offsets of stores; everything else,
//! the sections other than code and each function's size and locals, in one more), one
//! after another, with their lengths in front. Nothing is added or taken away:
//! `unpack_wasm.js`, which the page runs on the file before handing the bytes to
//! `WebAssembly.instantiate`, walks the module the same way and takes each part back from
//! its stream.
//!
//! Measured on 2026-12-06 (brotli as `compress.rs` makes it, README "Build settings"): the
//! young person's main wasm 170,282 bytes as plain wasm, 154,816 packed; the screens'
//! files 180,372 and 163,307 in all; the staff app's wasm 407,163 and 363,812.
//!
//! [`pack_checked`] runs the unpacker in Node on what it packed and fails unless it gives
//! back the very bytes it was given. An instruction this walk does not know (one from a
//! wasm feature the apps do not use: exceptions, SIMD, tail calls, threads, more than
//! one memory) stops the build with its opcode, rather than being guessed at.

use std::path::Path;
use std::process::Command;

use crate::glue_names::leb;
use crate::Result;

/// The unpacker the page runs (`unpack(bytes)`), appended to wasm-bindgen's script.
const UNPACK_JS: &str = include_str!("unpack_wasm.js");

/// What the page's start-up script calls instead of handing wasm-bindgen the file's
/// address, and the split's loader instead of `WebAssembly.instantiateStreaming`: the
/// file's bytes, unpacked, from its address or from the answer to a fetch already made.
const UNPACKED_JS: &str = "export const unpacked = (file) => Promise.resolve(\n  \
     typeof file === 'string' ? fetch(file) : file\n).then((r) => {\n  \
     if (!r.ok) throw new Error(`${r.url}: ${r.status}`);\n  return r.arrayBuffer();\n}).then(unpack);\n";

// The streams, in the order they are written (`unpack_wasm.js` numbers them the same).
const REST: usize = 0;
const OPCODES: usize = 1;
const ALIGN: usize = 2;
const LOCAL: usize = 3;
const GLOBAL: usize = 4;
const CALL: usize = 5;
const CALL_INDIRECT: usize = 6;
const CONST: usize = 7;
const BRANCH: usize = 8;
const BLOCK: usize = 9;
const OFFSET: usize = 10;
const OTHER: usize = 11;
const STORE_OFFSET: usize = 12;
const STREAMS: usize = 13;

/// `wasm` packed: its length, the length of each stream, then the streams.
pub fn pack(wasm: &[u8]) -> Result<Vec<u8>> {
    let mut walk = Walk {
        wasm,
        at: 0,
        streams: Default::default(),
    };
    walk.module()?;
    let mut packed = Vec::with_capacity(wasm.len() + 32);
    let length = |bytes: &[u8]| u32::try_from(bytes.len()).map_err(|_| "a wasm over 4 GB");
    leb(&mut packed, length(wasm)?);
    for stream in &walk.streams {
        leb(&mut packed, length(stream)?);
    }
    for stream in &walk.streams {
        packed.extend_from_slice(stream);
    }
    Ok(packed)
}

/// An app's main wasm, its wasm-bindgen script and its `index.html`, made ready to send
/// the wasm packed: the packed bytes (checked in Node), the script with the unpacker at
/// its end, and the page's start-up call (Trunk's `init({ module_or_path: 'HREF' })`)
/// handing wasm-bindgen the unpacked bytes instead of the file's address, with the
/// file's integrity made right. `work` is a folder for the check.
pub fn for_page(
    wasm: &[u8],
    script: &str,
    index: &str,
    href: &str,
    work: &Path,
) -> Result<(Vec<u8>, String, String)> {
    let packed = pack_checked(wasm, work)?;
    let call = format!("init({{ module_or_path: '{href}' }})");
    if index.matches(&call).count() != 1 {
        return Err(format!(
            "index.html does not start the app with {call} once: has Trunk's start-up script changed?"
        ));
    }
    let index = index.replace(
        &call,
        &format!("init({{ module_or_path: bindings.unpacked('{href}') }})"),
    );
    let index = crate::minify::set_integrity(&index, href, &packed)?;
    Ok((
        packed,
        format!("{script}\n{UNPACK_JS}\n{UNPACKED_JS}"),
        index,
    ))
}

/// The split's loader (`wasm_split_cli_support`'s script) with each screen's file
/// unpacked before it is instantiated: it imports `unpacked` from wasm-bindgen's script
/// (`main_module`, which [`for_page`] gives it), and each
/// `WebAssembly.instantiateStreaming(src, imports)` becomes
/// `WebAssembly.instantiate(await unpacked(src), imports)`.
pub fn unpack_in_loader(link: &str, main_module: &str) -> Result<String> {
    let import = format!("import {{ initSync }} from \"{main_module}\";");
    let streaming = "WebAssembly.instantiateStreaming(src, imports)";
    if link.matches(&import).count() != 1 || !link.contains(streaming) {
        return Err(format!(
            "the split's script is not laid out as wasm_split_cli_support 0.2.4 writes it \
             (one {import}, and {streaming})"
        ));
    }
    Ok(link
        .replace(
            &import,
            &format!("import {{ initSync, unpacked }} from \"{main_module}\";"),
        )
        .replace(
            streaming,
            "WebAssembly.instantiate(await unpacked(src), imports)",
        ))
}

/// [`pack`], checked by running `unpack_wasm.js` in Node on the result.
pub fn pack_checked(wasm: &[u8], work: &Path) -> Result<Vec<u8>> {
    let packed = pack(wasm)?;
    let unpacked = unpack_in_node(&packed, work)?;
    if unpacked != wasm {
        return Err(format!(
            "unpack_wasm.js does not give back the packed wasm ({} bytes for {})",
            unpacked.len(),
            wasm.len()
        ));
    }
    Ok(packed)
}

/// What `unpack_wasm.js` makes of `packed`, run in Node.
fn unpack_in_node(packed: &[u8], work: &Path) -> Result<Vec<u8>> {
    std::fs::create_dir_all(work).map_err(|e| format!("could not make {}: {e}", work.display()))?;
    let (script, input, output) = (
        work.join("unpack.mjs"),
        work.join("packed.bin"),
        work.join("unpacked.wasm"),
    );
    let harness = format!(
        "{UNPACK_JS}\nimport {{ readFileSync, writeFileSync }} from 'node:fs';\n\
         writeFileSync(process.argv[3], await unpack(readFileSync(process.argv[2])));\n"
    );
    for (path, bytes) in [(&script, harness.as_bytes()), (&input, packed)] {
        std::fs::write(path, bytes)
            .map_err(|e| format!("could not write {}: {e}", path.display()))?;
    }
    let status = Command::new("node")
        .arg(&script)
        .arg(&input)
        .arg(&output)
        .status()
        .map_err(|e| format!("could not run node: {e}"))?;
    if !status.success() {
        return Err(format!("unpack_wasm.js failed in Node ({status})"));
    }
    std::fs::read(&output).map_err(|e| format!("could not read {}: {e}", output.display()))
}

struct Walk<'a> {
    wasm: &'a [u8],
    at: usize,
    streams: [Vec<u8>; STREAMS],
}

impl Walk<'_> {
    fn byte(&mut self, to: usize) -> Result<u8> {
        let byte = *self
            .wasm
            .get(self.at)
            .ok_or("the wasm ends in the middle of something")?;
        self.at += 1;
        self.streams[to].push(byte);
        Ok(byte)
    }

    /// A LEB128 number (signed or not: its bytes are copied as they are), and its value
    /// read as unsigned.
    fn leb(&mut self, to: usize) -> Result<u64> {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let byte = self.byte(to)?;
            if shift < 64 {
                value |= u64::from(byte & 0x7f) << shift;
            }
            shift += 7;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
    }

    fn bytes(&mut self, n: usize, to: usize) -> Result<()> {
        for _ in 0..n {
            self.byte(to)?;
        }
        Ok(())
    }

    fn module(&mut self) -> Result<()> {
        if self.wasm.get(..8) != Some(b"\0asm\x01\0\0\0") {
            return Err("not a wasm module (version 1)".into());
        }
        self.bytes(8, REST)?;
        while self.at < self.wasm.len() {
            let id = self.byte(REST)?;
            let size = self.leb(REST)? as usize;
            let end = self.at + size;
            if id == 10 {
                for _ in 0..self.leb(REST)? {
                    self.body()?;
                }
            } else {
                self.bytes(size, REST)?;
            }
            if self.at != end {
                return Err(format!("section {id} does not end where its size says"));
            }
        }
        Ok(())
    }

    fn body(&mut self) -> Result<()> {
        let size = self.leb(REST)? as usize;
        let end = self.at + size;
        for _ in 0..self.leb(REST)? {
            self.leb(REST)?;
            if matches!(self.byte(REST)?, 0x63 | 0x64) {
                self.leb(REST)?;
            }
        }
        while self.at < end {
            self.instruction()?;
        }
        if self.at != end {
            return Err("a function's code does not end where its size says".into());
        }
        Ok(())
    }

    fn instruction(&mut self) -> Result<()> {
        let opcode = self.byte(OPCODES)?;
        match opcode {
            0x00 | 0x01 | 0x05 | 0x0b | 0x0f | 0x1a | 0x1b | 0x45..=0xc4 | 0xd1 => {}
            0x02..=0x04 => _ = self.leb(BLOCK)?,
            0x0c | 0x0d => _ = self.leb(BRANCH)?,
            0x0e => {
                for _ in 0..=self.leb(BRANCH)? {
                    self.leb(BRANCH)?;
                }
            }
            0x10 => _ = self.leb(CALL)?,
            0x11 => {
                self.leb(CALL_INDIRECT)?;
                self.leb(CALL_INDIRECT)?;
            }
            0x1c => {
                for _ in 0..self.leb(OTHER)? {
                    self.leb(OTHER)?;
                }
            }
            0x20..=0x22 => _ = self.leb(LOCAL)?,
            0x23 | 0x24 => _ = self.leb(GLOBAL)?,
            // Loads, then stores: their offsets apart (1.3 KB less brotli than together).
            0x28..=0x3e => {
                if self.leb(ALIGN)? & 0x40 != 0 {
                    return Err("an instruction names a second memory: not packed".into());
                }
                self.leb(if opcode < 0x36 { OFFSET } else { STORE_OFFSET })?;
            }
            0x41 | 0x42 => _ = self.leb(CONST)?,
            0x43 => self.bytes(4, OTHER)?,
            0x44 => self.bytes(8, OTHER)?,
            // table.get, table.set, memory.size, memory.grow, ref.null, ref.func
            0x25 | 0x26 | 0x3f | 0x40 | 0xd0 | 0xd2 => _ = self.leb(OTHER)?,
            0xfc => {
                let operands = match self.leb(OPCODES)? {
                    0..=7 => 0,
                    8 | 10 | 12 | 14 => 2,
                    9 | 11 | 13 | 15..=17 => 1,
                    other => {
                        return Err(format!(
                            "an instruction the packer does not know: 0xfc {other}"
                        ))
                    }
                };
                for _ in 0..operands {
                    self.leb(OTHER)?;
                }
            }
            other => {
                return Err(format!(
                    "an instruction the packer does not know: 0x{other:02x}"
                ))
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_loader_unpacks_each_file_before_instantiating_it() {
        let link = "import { initSync } from \"./young-ab.js\";\n\
            const src = fetch(new URL(\"./a.wasm\", import.meta.url));\n\
            return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n\
            return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n";
        let unpacking = unpack_in_loader(link, "./young-ab.js").unwrap();
        assert!(unpacking.starts_with("import { initSync, unpacked } from \"./young-ab.js\";"));
        assert_eq!(
            unpacking
                .matches("(WebAssembly.instantiate(await unpacked(src), imports))")
                .count(),
            2
        );
        assert!(!unpacking.contains("instantiateStreaming"));
        assert!(unpack_in_loader(link, "./young-cd.js").is_err());
        assert!(unpack_in_loader(
            "import { initSync } from \"./young-ab.js\";",
            "./young-ab.js"
        )
        .is_err());
    }
    use wasm_encoder::{
        BlockType, CodeSection, ConstExpr, DataSection, ElementSection, Elements, ExportKind,
        ExportSection, Function, FunctionSection, GlobalSection, GlobalType, Instruction, MemArg,
        MemorySection, MemoryType, Module, RefType, TableSection, TableType, TypeSection, ValType,
    };

    /// A module with an instruction of each kind the packer knows, with operands of one
    /// and of several bytes, signed and not.
    fn every_kind() -> Vec<u8> {
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([ValType::I32], [ValType::I32]);
        types.ty().function([], []);
        module.section(&types);
        let mut functions = FunctionSection::new();
        functions.function(0);
        functions.function(1);
        module.section(&functions);
        let mut tables = TableSection::new();
        tables.table(TableType {
            element_type: RefType::FUNCREF,
            minimum: 2,
            maximum: None,
            table64: false,
            shared: false,
        });
        module.section(&tables);
        let mut memories = MemorySection::new();
        memories.memory(MemoryType {
            minimum: 1,
            maximum: None,
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        module.section(&memories);
        let mut globals = GlobalSection::new();
        globals.global(
            GlobalType {
                val_type: ValType::I32,
                mutable: true,
                shared: false,
            },
            &ConstExpr::i32_const(1_048_576),
        );
        module.section(&globals);
        let mut exports = ExportSection::new();
        exports.export("f", ExportKind::Func, 0);
        module.section(&exports);
        let mut elements = ElementSection::new();
        elements.active(
            Some(0),
            &ConstExpr::i32_const(0),
            Elements::Functions(std::borrow::Cow::Borrowed(&[0, 1])),
        );
        module.section(&elements);
        module.section(&wasm_encoder::DataCountSection { count: 1 });

        let mut code = CodeSection::new();
        let mut f = Function::new([(3, ValType::I64), (200, ValType::I32), (1, ValType::F64)]);
        let memarg = |offset| MemArg {
            offset,
            align: 2,
            memory_index: 0,
        };
        for instruction in [
            Instruction::Block(BlockType::Result(ValType::I32)),
            Instruction::Loop(BlockType::Empty),
            Instruction::LocalGet(0),
            Instruction::LocalGet(150),
            Instruction::BrIf(1),
            Instruction::End,
            Instruction::I32Const(-123_456),
            Instruction::I32Const(5),
            Instruction::I32Load(memarg(0)),
            Instruction::I32Load8U(memarg(70_000)),
            Instruction::LocalTee(201),
            Instruction::I64Const(i64::MIN),
            Instruction::I64Store(memarg(8)),
            Instruction::GlobalGet(0),
            Instruction::GlobalSet(0),
            Instruction::F32Const(1.5f32.into()),
            Instruction::Drop,
            Instruction::F64Const(2.25f64.into()),
            Instruction::LocalSet(203),
            Instruction::I32Const(0),
            Instruction::If(BlockType::Empty),
            Instruction::Nop,
            Instruction::Else,
            Instruction::Unreachable,
            Instruction::End,
            Instruction::Block(BlockType::Empty),
            Instruction::I32Const(2),
            Instruction::BrTable(std::borrow::Cow::Borrowed(&[0, 0, 1]), 0),
            Instruction::End,
            Instruction::MemorySize(0),
            Instruction::MemoryGrow(0),
            Instruction::Drop,
            Instruction::I32Const(0),
            Instruction::I32Const(0),
            Instruction::I32Const(0),
            Instruction::MemoryCopy {
                src_mem: 0,
                dst_mem: 0,
            },
            Instruction::I32Const(0),
            Instruction::I32Const(0),
            Instruction::I32Const(0),
            Instruction::MemoryFill(0),
            Instruction::I32Const(0),
            Instruction::I32Const(0),
            Instruction::I32Const(0),
            Instruction::MemoryInit {
                mem: 0,
                data_index: 0,
            },
            Instruction::DataDrop(0),
            Instruction::F64Const(1.0f64.into()),
            Instruction::I32TruncSatF64S,
            Instruction::Drop,
            Instruction::I32Const(7),
            Instruction::I32Const(8),
            Instruction::LocalGet(0),
            Instruction::TypedSelect(ValType::I32),
            Instruction::I32Const(1),
            Instruction::Select,
            Instruction::Call(1),
            Instruction::I32Const(1),
            Instruction::CallIndirect {
                type_index: 1,
                table_index: 0,
            },
            Instruction::RefFunc(1),
            Instruction::RefIsNull,
            Instruction::Drop,
            Instruction::RefNull(wasm_encoder::HeapType::FUNC),
            Instruction::Drop,
            Instruction::I32Const(0),
            Instruction::TableGet(0),
            Instruction::Drop,
            Instruction::LocalGet(0),
            Instruction::I32Extend8S,
            Instruction::I32Add,
            Instruction::Return,
            Instruction::End,
        ] {
            f.instruction(&instruction);
        }
        code.function(&f);
        let mut g = Function::new([]);
        g.instruction(&Instruction::End);
        code.function(&g);
        module.section(&code);
        let mut data = DataSection::new();
        data.passive(*b"some words \x00\xff");
        module.section(&data);
        module.section(&wasm_encoder::CustomSection {
            name: "a custom section".into(),
            data: std::borrow::Cow::Borrowed(&[1, 2, 3]),
        });
        let wasm = module.finish();
        // Well formed, as wasmparser reads it (the instructions are not type checked:
        // the walk reads their encoding, not what they do).
        for payload in wasmparser::Parser::new(0).parse_all(&wasm) {
            if let wasmparser::Payload::CodeSectionEntry(body) = payload.unwrap() {
                let mut operators = body.get_operators_reader().unwrap();
                while !operators.eof() {
                    operators.read().unwrap();
                }
            }
        }
        wasm
    }

    #[test]
    fn the_unpacker_gives_back_every_byte_packed() {
        let wasm = every_kind();
        let packed = pack(&wasm).unwrap();
        assert_ne!(packed, wasm);
        let work = std::env::temp_dir().join(format!("pack-wasm-test-{}", std::process::id()));
        let back = pack_checked(&wasm, &work).unwrap();
        assert_eq!(back, packed);
        std::fs::remove_dir_all(&work).ok();
    }

    #[test]
    fn the_streams_hold_what_the_walk_puts_in_them() {
        let wasm = every_kind();
        let mut walk = Walk {
            wasm: &wasm,
            at: 0,
            streams: Default::default(),
        };
        walk.module().unwrap();
        // Nothing lost or added.
        let total: usize = walk.streams.iter().map(Vec::len).sum();
        assert_eq!(total, wasm.len());
        // The locals 0, 150, 201, 203, 0 and 0 as LEB128.
        assert_eq!(walk.streams[LOCAL], [0, 150, 1, 201, 1, 203, 1, 0, 0]);
        assert_eq!(walk.streams[CALL], [1]);
        assert_eq!(walk.streams[OFFSET], [0, 0xf0, 0xa2, 0x04]);
        assert_eq!(walk.streams[STORE_OFFSET], [8]);
        assert!(walk.streams[OPCODES].starts_with(&[0x02, 0x03, 0x20, 0x20, 0x0d]));
    }

    #[test]
    fn an_instruction_it_does_not_know_stops_it() {
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], []);
        module.section(&types);
        let mut functions = FunctionSection::new();
        functions.function(0);
        module.section(&functions);
        let mut code = CodeSection::new();
        let mut f = Function::new([]);
        f.instruction(&Instruction::ReturnCall(0));
        f.instruction(&Instruction::End);
        code.function(&f);
        module.section(&code);
        let error = pack(&module.finish()).unwrap_err();
        assert!(error.contains("0x12"), "{error}");
        assert!(pack(b"not wasm").is_err());
    }
}
