//! The young person's app is split after Cargo builds it (`cargo xtask`, xtask/src/split.rs):
//! the splitter needs the linker's relocations, kept only in that app's wasm.

fn main() {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bin=young=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
