//! First-load bytes: the wasm, JavaScript and CSS that a built `index.html` asks for,
//! raw and compressed the way a server would send them (gzip level 9, brotli quality 11).

use crate::Result;
use std::io::Write;
use std::path::Path;

pub struct Asset {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// The `/…wasm`, `/…js` and `/…css` files named in quotes in the built `index.html`, in
/// order, each once. Icons, the manifest and the service worker are not counted: the
/// browser fetches them later or not at all.
pub fn first_load_files(index_html: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (i, piece) in index_html.split(['"', '\'']).enumerate() {
        // Odd pieces are inside quotes.
        if i % 2 == 1
            && piece.starts_with('/')
            && !piece.contains(char::is_whitespace)
            && [".wasm", ".js", ".css"]
                .iter()
                .any(|ext| piece.ends_with(ext))
            && !found.iter().any(|f| f == piece)
        {
            found.push(piece.to_owned());
        }
    }
    found
}

pub fn gzip_len(bytes: &[u8]) -> u64 {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory").len() as u64
}

pub fn brotli_len(bytes: &[u8]) -> u64 {
    let mut out = Vec::new();
    {
        // Quality 11 (the best), window 22 (brotli's default).
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer.write_all(bytes).expect("writing to memory");
    }
    out.len() as u64
}

/// Measures the first-load files of a built client folder.
pub fn measure(dist: &Path) -> Result<Vec<Asset>> {
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("could not read {}: {e}", dist.join("index.html").display()))?;
    let files = first_load_files(&index);
    if !files.iter().any(|f| f.ends_with(".wasm")) {
        return Err(format!(
            "{} names no .wasm file",
            dist.join("index.html").display()
        ));
    }
    files
        .into_iter()
        .map(|name| {
            let path = dist.join(name.trim_start_matches('/'));
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("could not read {}: {e}", path.display()))?;
            Ok(Asset {
                raw: bytes.len() as u64,
                gzip: gzip_len(&bytes),
                brotli: brotli_len(&bytes),
                name,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_load_is_the_wasm_js_and_css_that_index_html_names() {
        let html = r#"<link rel="stylesheet" href="/main-1.css" integrity="sha384-x"/>
<link rel="icon" href="/favicon-2.svg"/>
<link rel="manifest" href="/manifest.webmanifest">
<script type="module">
import init, * as bindings from '/app-3.js';
const wasm = await init({ module_or_path: '/app-3_bg.wasm' });
</script>
<link rel="modulepreload" href="/app-3.js" crossorigin="anonymous">"#;
        assert_eq!(
            first_load_files(html),
            ["/main-1.css", "/app-3.js", "/app-3_bg.wasm"]
        );
    }

    #[test]
    fn compression_shrinks_repetitive_bytes_and_brotli_beats_gzip() {
        let text = "My Journey ".repeat(1000);
        let (gzip, brotli) = (gzip_len(text.as_bytes()), brotli_len(text.as_bytes()));
        assert!(gzip < 200, "gzip {gzip}");
        assert!(brotli <= gzip, "brotli {brotli}, gzip {gzip}");
    }
}
