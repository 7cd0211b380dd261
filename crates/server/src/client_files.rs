//! The built client, sent as it was built: each file's compressed copy (`FILE.br`,
//! `FILE.gz`, written by `cargo xtask` at build time) when the browser accepts it, cache
//! headers that let a phone keep what never changes, the right `index.html` for the
//! client's own routes, and a Content-Security-Policy that allows the pages' inline
//! scripts by hash.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use base64::Engine;
use sha2::Digest;
use std::path::Path;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// For files whose name changes whenever their contents do (Trunk's hashed names), and
/// for fonts and icons: a phone keeps them for a year and never asks again.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For everything else (`index.html`, `sw.js`, the manifest…): kept, but checked with the
/// server before each use, so a new build is seen at once.
pub const NO_CACHE: &str = "no-cache";

/// The young person's app is `dist/`; the staff app, when built, is `dist/staff/`.
const STAFF: &str = "staff";

/// Serves `dist`. Paths that are not files get `index.html` (or, under `/staff/`,
/// `staff/index.html` when there is one), so the client's own routes (`/goals`,
/// `/help`…) load the app; a missing file with an extension (an old build's script, say)
/// is a plain 404 instead. Without a build, a page says how to make one.
pub fn router(dist: &Path) -> Router {
    let index = dist.join("index.html");
    if !index.is_file() {
        tracing::warn!(dist = %dist.display(), "no built client found; serving a notice at /");
        return Router::new().fallback(|| async {
            Html(
                "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>My Journey</title>\
                 <p>The My Journey app has not been built yet. Run <code>cargo xtask run</code> \
                 to build it and start the server.</p></html>",
            )
        });
    }
    if !dist.join("index.html.br").is_file() {
        tracing::warn!(
            dist = %dist.display(),
            "the built client has no compressed copies (index.html.br); build it with cargo xtask \
             so phones get brotli at its best, or the server compresses each answer itself"
        );
    }
    let page = |file: &Path| ServeFile::new(file).precompressed_br().precompressed_gzip();
    let young_person = page(&index);
    let staff_index = dist.join(STAFF).join("index.html");
    let staff = staff_index.is_file().then(|| page(&staff_index));
    let index_for_route = Router::new().fallback(move |request: Request| {
        let (young_person, staff) = (young_person.clone(), staff.clone());
        async move {
            let path = request.uri().path();
            if names_a_file(path) {
                return (StatusCode::NOT_FOUND, "Not found").into_response();
            }
            let is_staff = path == "/staff" || path.starts_with("/staff/");
            let page = match staff {
                Some(staff) if is_staff => staff,
                _ => young_person,
            };
            let Ok(mut response) = page.oneshot(request).await;
            // Whatever the path looks like, this is the page itself: always checked.
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
            response.map(Body::new)
        }
    });
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index_for_route.clone());
    // A path the file system refuses to open (a name longer than it allows, say) is
    // answered as a path with no file: the app's page, or 404 for a file's name. Never
    // ServeDir's empty 500: nothing went wrong on our side. A name too long for any file
    // is not even looked for (ServeDir would log each one as an error).
    let files_or_route = move |request: Request| {
        let (files, index_for_route) = (files.clone(), index_for_route.clone());
        async move {
            if too_long_for_a_file(request.uri().path()) {
                let Ok(response) = index_for_route.oneshot(request).await;
                return response;
            }
            let (parts, body) = request.into_parts();
            let again = Request::from_parts(parts.clone(), Body::empty());
            let Ok(response) = files.oneshot(Request::from_parts(parts, body)).await;
            if !response.status().is_server_error() {
                return response.map(Body::new);
            }
            tracing::debug!(path = again.uri().path(), "a path no file can have");
            let Ok(response) = index_for_route.oneshot(again).await;
            response
        }
    };
    Router::new()
        .fallback(files_or_route)
        .layer(axum::middleware::from_fn(cache_headers))
}

/// Longer than any file's name or path can be (255 bytes a name, 4096 a path, on
/// Linux and most file systems), counting `%XX` as the one byte it stands for.
fn too_long_for_a_file(path: &str) -> bool {
    let decoded_len = |text: &str| text.len().saturating_sub(2 * text.matches('%').count());
    decoded_len(path) > 4096 || path.split('/').any(|name| decoded_len(name) > 255)
}

/// `Cache-Control` by what was asked for (unless the answer already has one), and
/// `Vary: Accept-Encoding`, since the same path is sent as brotli, gzip or as it is.
async fn cache_headers(request: Request, next: Next) -> Response {
    let cache = cache_control_for(request.uri().path());
    let mut response = next.run(request).await;
    let is_the_file =
        response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        let value = if is_the_file { cache } else { NO_CACHE };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    let varies = headers.get_all(header::VARY).iter().any(|v| {
        v.to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// How long a phone may keep the file at `path` without asking again.
pub fn cache_control_for(path: &str) -> &'static str {
    let mut segments = path.trim_start_matches('/').split('/');
    let name = segments.next_back().unwrap_or("");
    let folders: Vec<&str> = segments.collect();
    if is_hashed(name) || folders.iter().any(|f| matches!(*f, "fonts" | "icons")) {
        IMMUTABLE
    } else {
        NO_CACHE
    }
}

/// Trunk's names for files it hashes: `NAME-HASH.EXT`, or `NAME-HASH_bg.wasm`, where HASH
/// is the file's 64-bit hash in hex (16 digits, fewer if it starts with zeros).
fn is_hashed(name: &str) -> bool {
    let Some((stem, _extension)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((before, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    !before.is_empty()
        && (8..=16).contains(&hash.len())
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The kinds of file a build holds. A missing one is a 404, not the app's page: a
/// script of an older build must not come back as HTML. The client's own routes
/// (`/goals`, `/staff/young-people/…`) never end like this.
const FILE_EXTENSIONS: [&str; 22] = [
    "js",
    "mjs",
    "wasm",
    "css",
    "map",
    "html",
    "json",
    "webmanifest",
    "txt",
    "xml",
    "png",
    "svg",
    "ico",
    "jpg",
    "jpeg",
    "gif",
    "webp",
    "avif",
    "woff",
    "woff2",
    "br",
    "gz",
];

fn names_a_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    name.rsplit_once('.').is_some_and(|(stem, extension)| {
        !stem.is_empty() && FILE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
    })
}

/// A strict policy: only our own scripts, styles, images and API. Trunk writes an inline
/// module script (the start-up call) into each built `index.html`, and a page may carry
/// a small inline script or style of its own for its first screen; each is allowed by its
/// SHA-256, from `dist/index.html` and `dist/staff/index.html`, so no `'unsafe-inline'`.
pub fn content_security_policy(dist: &Path) -> HeaderValue {
    let pages: Vec<String> = [dist.join("index.html"), dist.join(STAFF).join("index.html")]
        .iter()
        .filter_map(|page| std::fs::read_to_string(page).ok())
        .collect();
    let hashes = |tag: &str| {
        let mut found: Vec<String> = Vec::new();
        for html in &pages {
            for inline in inline_elements(html, tag) {
                let digest = sha2::Sha256::digest(inline.as_bytes());
                let source = format!(
                    " 'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                );
                if !found.contains(&source) {
                    found.push(source);
                }
            }
        }
        found.concat()
    };
    let (scripts, styles) = (hashes("script"), hashes("style"));
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'{styles}; \
         connect-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    );
    HeaderValue::from_str(&policy).expect("the policy is plain ASCII")
}

/// The contents of each `<script>` without a `src` (or each `<style>`), exactly as the
/// browser hashes them.
fn inline_elements<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after_name = &rest[start + open.len()..];
        // `<scripts>` or `<style-guide>` are other elements.
        if !after_name.starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            rest = after_name;
            continue;
        }
        let Some(open_end) = rest[start..].find('>') else {
            break;
        };
        let attributes = &rest[start..start + open_end];
        let body_start = start + open_end + 1;
        let Some(end) = rest[body_start..].find(&close) else {
            break;
        };
        if !attributes.contains("src=") {
            found.push(&rest[body_start..body_start + end]);
        }
        rest = &rest[body_start + end..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_found_and_scripts_with_src_are_not() {
        let html = "<head><script type=\"module\">\nimport init from '/a.js';\n</script>\
                    <script src=\"/b.js\"></script><scripts>no</scripts></head>";
        assert_eq!(
            inline_elements(html, "script"),
            vec!["\nimport init from '/a.js';\n"]
        );
        assert_eq!(inline_elements("<style>p{}</style>", "style"), vec!["p{}"]);
    }

    #[test]
    fn hashed_names_fonts_and_icons_are_kept_and_the_rest_is_checked() {
        for path in [
            "/my-journey-0123456789abcdef_bg.wasm",
            "/my-journey-0123456789abcdef.js",
            "/main-fedcba9876543210.css",
            "/favicon-123456789abcdef.svg",
            "/staff/staff-0123456789abcdef_bg.wasm",
            "/fonts/lexend-latin-400-normal.woff2",
            "/icons/icon-192.png",
            "/staff/icons/icon.svg",
        ] {
            assert_eq!(cache_control_for(path), IMMUTABLE, "{path}");
        }
        for path in [
            "/",
            "/index.html",
            "/sw.js",
            "/manifest.webmanifest",
            "/staff/",
            "/staff/index.html",
            "/goals",
            "/app.js",
            "/icon-192.png",
            "/main-notahash12345.css",
            "/-0123456789abcdef.js",
        ] {
            assert_eq!(cache_control_for(path), NO_CACHE, "{path}");
        }
    }

    #[test]
    fn names_too_long_for_any_file_are_known_without_asking_the_disk() {
        let name = |n: usize| "a".repeat(n);
        assert!(!too_long_for_a_file(&format!("/{}", name(255))));
        assert!(!too_long_for_a_file(&format!(
            "/icons/{}",
            "%41".repeat(255)
        )));
        assert!(too_long_for_a_file(&format!("/{}", name(256))));
        assert!(too_long_for_a_file(&format!("/icons/{}.png", name(256))));
        assert!(too_long_for_a_file(&"/abc".repeat(1100)));
        assert!(!too_long_for_a_file("/%"));
    }

    #[test]
    fn client_routes_do_not_name_files() {
        assert!(names_a_file("/app-0123.js"));
        assert!(names_a_file("/icons/icon.png"));
        for route in [
            "/",
            "/goals",
            "/staff/",
            "/staff/young-people/5d1f",
            "/.hidden",
            "/staff/people/sam.jones",
        ] {
            assert!(!names_a_file(route), "{route}");
        }
    }

    #[test]
    fn the_policy_allows_the_inline_scripts_of_both_apps_by_hash_only() {
        let dir = std::env::temp_dir().join(format!("csp-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("staff")).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<script>first()</script><script type=\"module\">go()</script><style>p{}</style>",
        )
        .unwrap();
        std::fs::write(
            dir.join("staff/index.html"),
            "<script type=\"module\">staff()</script><script>first()</script>",
        )
        .unwrap();
        let policy = content_security_policy(&dir);
        let policy = policy.to_str().unwrap();
        let hash = |text: &[u8]| {
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text))
            )
        };
        let script_src = policy
            .split("; ")
            .find(|d| d.starts_with("script-src"))
            .unwrap();
        assert_eq!(
            script_src,
            format!(
                "script-src 'self' 'wasm-unsafe-eval' {} {} {}",
                hash(b"first()"),
                hash(b"go()"),
                hash(b"staff()")
            )
        );
        assert!(policy.contains(&format!("style-src 'self' {};", hash(b"p{}"))));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
