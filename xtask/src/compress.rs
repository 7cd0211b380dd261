//! Compresses the built client once, at build time: beside each file in `dist/` (and its
//! folders, such as `dist/staff/`), `FILE.br` (brotli quality 11) and `FILE.gz` (gzip
//! level 9). journey-server sends these as they are to a browser that accepts them, so a
//! phone gets the smallest bytes without the server compressing anything per request.

use crate::Result;
use brotli::enc::backward_references::BrotliEncoderMode;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Formats that are compressed already: squeezing them again saves nothing.
const ALREADY_COMPRESSED: [&str; 12] = [
    "woff2", "woff", "png", "jpg", "jpeg", "gif", "webp", "avif", "br", "gz", "zip", "zst",
];

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    // Quality 11 (the best), window 22 (brotli's default; our files are smaller), blocks
    // of at most 64 KB (2^16) instead of the encoder's 256 KB: on 2026-12-05 the main wasm
    // 0.3 KB smaller (171,778 to 171,442 bytes), the staff app's 0.3 KB, Goals' 57 bytes,
    // the css and script the same; 17 to 20 were each between, or worse.
    //
    // Each file twice: as the encoder chooses, and with every literal's context taken as
    // a signed number (the last byte's size and sign, brotli's "signed" context mode:
    // standard brotli, which every browser reads), and the smaller kept. A wasm's operands
    // are mostly small numbers of either sign, so the signed mode codes it in about 2%
    // less (on 2026-12-06 the young person's main wasm 143,969 to 141,384 bytes); scripts
    // and style sheets come out smaller as the encoder chooses.
    [
        BrotliEncoderMode::BROTLI_MODE_GENERIC,
        BrotliEncoderMode::BROTLI_FORCE_SIGNED_PRIOR,
    ]
    .into_iter()
    .map(|mode| brotli_in(mode, bytes))
    .min_by_key(Vec::len)
    .expect("two modes")
}

fn brotli_in(mode: BrotliEncoderMode, bytes: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        lgblock: 16,
        mode,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out
}

/// What compressing a folder did.
#[derive(Debug, Default, PartialEq)]
pub struct Summary {
    pub files: usize,
    pub raw: u64,
    pub brotli: u64,
    pub gzip: u64,
}

/// Writes `.br` and `.gz` beside every file under `dir` that is worth compressing.
/// A compressed copy that would not be smaller is not written (and an old one is removed),
/// so the server sends the file itself.
pub fn precompress(dir: &Path) -> Result<Summary> {
    let mut summary = Summary::default();
    for path in files_under(dir)? {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if ALREADY_COMPRESSED.contains(&extension.as_str()) {
            continue;
        }
        let bytes =
            std::fs::read(&path).map_err(|e| format!("could not read {}: {e}", path.display()))?;
        summary.files += 1;
        summary.raw += bytes.len() as u64;
        for (suffix, compressed) in [("br", brotli(&bytes)), ("gz", gzip(&bytes))] {
            let mut beside = path.clone().into_os_string();
            beside.push(".");
            beside.push(suffix);
            let beside = PathBuf::from(beside);
            if compressed.len() < bytes.len() {
                std::fs::write(&beside, &compressed)
                    .map_err(|e| format!("could not write {}: {e}", beside.display()))?;
                let size = compressed.len() as u64;
                match suffix {
                    "br" => summary.brotli += size,
                    _ => summary.gzip += size,
                }
            } else {
                let _ = std::fs::remove_file(&beside);
                match suffix {
                    "br" => summary.brotli += bytes.len() as u64,
                    _ => summary.gzip += bytes.len() as u64,
                }
            }
        }
    }
    Ok(summary)
}

/// Every file under `dir`, in its folders too, in a stable order.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder)
            .map_err(|e| format!("could not read {}: {e}", folder.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let kind = entry.file_type().map_err(|e| e.to_string())?;
            if kind.is_dir() {
                folders.push(entry.path());
            } else if kind.is_file() {
                found.push(entry.path());
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("staff/fonts")).unwrap();
        dir
    }

    #[test]
    fn both_copies_decompress_to_the_file_and_brotli_is_smaller() {
        let text = "My Journey ".repeat(1000);
        let mut from_gzip = String::new();
        flate2::read::GzDecoder::new(&gzip(text.as_bytes())[..])
            .read_to_string(&mut from_gzip)
            .unwrap();
        let mut from_brotli = String::new();
        brotli::Decompressor::new(&brotli(text.as_bytes())[..], 4096)
            .read_to_string(&mut from_brotli)
            .unwrap();
        assert_eq!(from_gzip, text);
        assert_eq!(from_brotli, text);
        assert!(brotli(text.as_bytes()).len() <= gzip(text.as_bytes()).len());
    }

    #[test]
    fn brotli_keeps_the_smaller_of_its_two_modes_and_each_reads_back() {
        // Prose (the README: brotli's own choice of context is smaller), a sentence said
        // again and again (the signed context is smaller), and bytes like a wasm's: small
        // numbers, some with the top bit set.
        let prose = std::fs::read_to_string(crate::project_root().join("README.md")).unwrap();
        let again = "My Journey: what will happen, by when, and by whom. ".repeat(300);
        let mut state = 7u32;
        let numbers: Vec<u8> = (0..20_000)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let n = (state >> 16) as u8;
                if n < 200 {
                    n % 24
                } else {
                    n
                }
            })
            .collect();
        for bytes in [prose.as_bytes(), again.as_bytes(), &numbers[..]] {
            let modes = [
                brotli_in(BrotliEncoderMode::BROTLI_MODE_GENERIC, bytes),
                brotli_in(BrotliEncoderMode::BROTLI_FORCE_SIGNED_PRIOR, bytes),
            ];
            let kept = brotli(bytes);
            assert_eq!(kept.len(), modes.iter().map(Vec::len).min().unwrap());
            for compressed in modes.iter().chain([&kept]) {
                let mut back = Vec::new();
                brotli::Decompressor::new(&compressed[..], 4096)
                    .read_to_end(&mut back)
                    .unwrap();
                assert_eq!(back, bytes);
            }
        }
    }

    #[test]
    fn every_folder_is_compressed_but_not_fonts_images_or_tiny_files() {
        let dir = temp_dir("precompress");
        let script = "console.log('My Journey');\n".repeat(200);
        std::fs::write(dir.join("app-0123456789abcdef.js"), &script).unwrap();
        std::fs::write(dir.join("staff/index.html"), "<p>staff</p>".repeat(50)).unwrap();
        std::fs::write(dir.join("staff/fonts/a.woff2"), [1u8; 400]).unwrap();
        std::fs::write(dir.join("icon.png"), [2u8; 400]).unwrap();
        std::fs::write(dir.join("x.txt"), "x").unwrap();
        // An old copy of a file that no longer gets one.
        std::fs::write(dir.join("x.txt.br"), "old").unwrap();

        let summary = precompress(&dir).unwrap();
        assert_eq!(summary.files, 3);
        let exists = |p: &str| dir.join(p).is_file();
        for kept in [
            "app-0123456789abcdef.js.br",
            "app-0123456789abcdef.js.gz",
            "staff/index.html.br",
            "staff/index.html.gz",
        ] {
            assert!(exists(kept), "{kept}");
        }
        for not in [
            "staff/fonts/a.woff2.br",
            "icon.png.gz",
            "x.txt.br",
            "x.txt.gz",
        ] {
            assert!(!exists(not), "{not}");
        }
        let br = std::fs::read(dir.join("app-0123456789abcdef.js.br")).unwrap();
        assert_eq!(br, brotli(script.as_bytes()));
        // Running it again compresses the same files, not the copies.
        assert_eq!(precompress(&dir).unwrap(), summary);
        assert!(!exists("app-0123456789abcdef.js.br.br"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
