// Every wasm file of both apps is sent packed by `cargo xtask` (xtask/src/pack_wasm.rs):
// its instructions' opcodes, and each kind of their operands, are each a stream of their
// own, which compresses better than the instructions one after another. `unpack` puts the
// wasm back together, byte for byte: it walks the module as the packer did, taking each
// part from its stream. `cargo xtask` appends this file to wasm-bindgen's script, checks
// in Node that it gives back the very bytes it packed, and has the page start the app with
// `init({ module_or_path: unpacked(url) })` (the split's loader, for a screen's file,
// `WebAssembly.instantiate(await unpacked(src), imports)`). It stops every 64 KB it
// writes to let the page answer a tap (the main wasm takes about 25 ms on this project's
// machines before the browser has made the loop fast, four times that on a slow phone),
// so it makes no long task.
async function unpack(buffer) {
  const packed = new Uint8Array(buffer);
  let head = 0;
  const number = () => {
    let value = 0, shift = 0, b;
    do {
      b = packed[head++];
      value += (b & 127) * 2 ** shift;
      shift += 7;
    } while (b & 128);
    return value;
  };
  const out = new Uint8Array(number());
  // Where each stream is read from: the rest of the module, the opcodes, then the operands
  // (alignments, locals, globals, calls, indirect calls, constants, branches, block types,
  // offsets of loads, the others, offsets of stores), in the packer's order.
  const lengths = [];
  for (let i = 0; i < 13; i++) lengths.push(number());
  const at = [];
  for (const length of lengths) {
    at.push(head);
    head += length;
  }
  if (head !== packed.length) throw new Error("not a packed wasm");
  let o = 0;
  const byte = (s) => (out[o++] = packed[at[s]++]);
  const leb = (s) => {
    let value = 0, shift = 0, b;
    do {
      b = byte(s);
      value += (b & 127) * 2 ** shift;
      shift += 7;
    } while (b & 128);
    return value;
  };
  const copy = (n, s) => {
    out.set(packed.subarray(at[s], (at[s] += n)), o);
    o += n;
  };
  copy(8, 0);
  let paused = 0;
  while (o < out.length) {
    const id = byte(0), size = leb(0);
    if (id !== 10) {
      copy(size, 0);
      continue;
    }
    for (let bodies = leb(0); bodies--; ) {
      if (o - paused > 65536) {
        paused = o;
        await (globalThis.scheduler?.yield ? scheduler.yield() : new Promise((go) => setTimeout(go)));
      }
      const length = leb(0), end = o + length;
      for (let locals = leb(0); locals--; ) {
        leb(0);
        const type = byte(0);
        if (type === 0x63 || type === 0x64) leb(0);
      }
      while (o < end) {
        const x = byte(1);
        if (x < 0x02 || x === 0x05 || x === 0x0b || x === 0x0f || x === 0x1a || x === 0x1b || (x >= 0x45 && x <= 0xc4) || x === 0xd1) continue;
        if (x <= 0x04) leb(9);
        else if (x === 0x0c || x === 0x0d) leb(8);
        else if (x === 0x0e) for (let n = leb(8) + 1; n--; ) leb(8);
        else if (x === 0x10) leb(5);
        else if (x === 0x11) leb(6), leb(6);
        else if (x === 0x1c) for (let n = leb(11); n--; ) leb(11);
        else if (x <= 0x22) leb(3);
        else if (x <= 0x24) leb(4);
        else if (x >= 0x28 && x <= 0x3e) leb(2), leb(x < 0x36 ? 10 : 12);
        else if (x === 0x41 || x === 0x42) leb(7);
        else if (x === 0x43) copy(4, 11);
        else if (x === 0x44) copy(8, 11);
        else if (x === 0xfc) {
          const sub = leb(1);
          for (let n = sub < 8 ? 0 : sub % 2 === 0 && sub < 16 ? 2 : 1; n--; ) leb(11);
        } else leb(11); // table.get, table.set, memory.size, memory.grow, ref.null, ref.func
      }
    }
  }
  return out;
}
