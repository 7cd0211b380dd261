//! First-load bytes: the wasm, JavaScript and CSS that a built `index.html` asks for,
//! counted as journey-server puts them on the wire: each is requested from the running
//! server as a browser would (`Accept-Encoding: br`, then `gzip`, then neither) and the
//! bytes of each answer's body are counted. Nothing is compressed here.

use super::http;
use crate::Result;
use std::path::Path;

pub struct Asset {
    pub name: String,
    /// The body for a client that accepts no compression: the file itself.
    pub raw: u64,
    /// The body for `Accept-Encoding: gzip`.
    pub gzip: u64,
    /// The body for `Accept-Encoding: br`: what a phone's browser gets.
    pub brotli: u64,
    /// The `Content-Encoding` of that answer ("br"; "none" if sent as it is).
    pub brotli_sent_as: String,
}

/// The `/…wasm`, `/…js` and `/…css` files named in quotes in the built `index.html`, in
/// order, each once. Icons, the manifest and the service worker (`sw.js`, even when the
/// page names it to register it) are not counted: the browser fetches them later or not
/// at all. Nor are the files of screens fetched only when opened, which the split young
/// person's app lists in data the page does not fetch from (`<script
/// type="application/json">`: the list the service worker keeps, `id="later"`, and each
/// screen's files, `id="screens"`, fetched early only when the page is opened at that
/// screen, never on `/` or `/sign-in`; xtask/src/split.rs).
pub fn first_load_files(index_html: &str) -> Vec<String> {
    let data = "<script type=\"application/json\"";
    let mut without_data = String::with_capacity(index_html.len());
    let mut rest = index_html;
    while let Some(start) = rest.find(data) {
        without_data.push_str(&rest[..start]);
        rest = rest[start..]
            .find("</script>")
            .map_or("", |end| &rest[start + end..]);
    }
    without_data.push_str(rest);
    let index_html = without_data.as_str();
    let mut found: Vec<String> = Vec::new();
    // Every quote may open a quoted name: an apostrophe in a comment or text must not
    // pair the quotes up wrongly.
    for (start, quote) in index_html.match_indices(['"', '\'']) {
        let rest = &index_html[start + 1..];
        let Some(end) = rest.find(quote) else {
            continue;
        };
        let piece = &rest[..end];
        if piece.starts_with('/')
            && !piece.contains(char::is_whitespace)
            && [".wasm", ".js", ".css"]
                .iter()
                .any(|ext| piece.ends_with(ext))
            && piece.rsplit('/').next() != Some("sw.js")
            && !found.iter().any(|f| f == piece)
        {
            found.push(piece.to_owned());
        }
    }
    found
}

/// The files that `index.html` in `dist` names, or `None` when there is no such page.
pub fn named_by(dist: &Path) -> Result<Option<Vec<String>>> {
    let page = dist.join("index.html");
    if !page.is_file() {
        return Ok(None);
    }
    let html = std::fs::read_to_string(&page)
        .map_err(|e| format!("could not read {}: {e}", page.display()))?;
    let files = first_load_files(&html);
    if !files.iter().any(|f| f.ends_with(".wasm")) {
        return Err(format!("{} names no .wasm file", page.display()));
    }
    Ok(Some(files))
}

/// Asks the server at `addr` for each file, three ways, and counts the bodies.
pub fn measure(addr: &str, files: &[String]) -> Result<Vec<Asset>> {
    let mut connection =
        http::Connection::open(addr).map_err(|e| format!("could not connect to {addr}: {e}"))?;
    let mut fetch = |name: &str, accept: Option<&str>| -> Result<http::Response> {
        let headers: Vec<(&str, &str)> = accept
            .map(|a| vec![("Accept-Encoding", a)])
            .unwrap_or_default();
        let response = connection
            .send(&http::get(name, addr, &headers))
            .map_err(|e| format!("GET {name} from {addr} failed: {e}"))?;
        if response.status != 200 {
            return Err(format!(
                "GET {name} (Accept-Encoding: {}) answered {}",
                accept.unwrap_or("none"),
                response.status
            ));
        }
        Ok(response)
    };
    files
        .iter()
        .map(|name| {
            let brotli = fetch(name, Some("br"))?;
            let gzip = fetch(name, Some("gzip"))?;
            let raw = fetch(name, None)?;
            Ok(Asset {
                name: name.clone(),
                raw: raw.body.len() as u64,
                gzip: gzip.body.len() as u64,
                brotli: brotli.body.len() as u64,
                brotli_sent_as: brotli
                    .header("content-encoding")
                    .unwrap_or("none")
                    .to_owned(),
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
<link rel="modulepreload" href="/app-3.js" crossorigin="anonymous">
<script>// don't wait: "/sw.js" is registered later
navigator.serviceWorker.register('/sw.js');</script>
<link rel="stylesheet" href='/staff/staff-4.css'>
<script type="application/json" id="later">["/app-split_goals-5.wasm"]</script>
<script type="application/json" id="screens">{"goals":["/app-chunk_6-7.wasm","/app-split_goals-5.wasm"]}</script>"#;
        assert_eq!(
            first_load_files(html),
            [
                "/main-1.css",
                "/app-3.js",
                "/app-3_bg.wasm",
                "/staff/staff-4.css"
            ]
        );
    }
}
