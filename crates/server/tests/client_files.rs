//! The built client as a phone gets it: through the whole router, from a stand-in `dist/`
//! with brotli and gzip copies beside its files (as `cargo xtask` writes them), each
//! answer's `Content-Encoding`, `Vary` and `Cache-Control`, and the page sent for the
//! client's own routes, the staff app's included.

#[path = "common/body.rs"]
mod body;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use journey_server::config::{Config, Database};
use journey_server::startup::build_state;
use std::path::Path;
use tempfile::TempDir;
use tower::ServiceExt;

const WASM: &str = "/my-journey-0123456789abcdef_bg.wasm";
const JS: &str = "/my-journey-0123456789abcdef.js";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

const INDEX: &str = "<!doctype html><title>My Journey</title><p>young person</p>\
    <script type=\"module\">import init from '/my-journey-0123456789abcdef.js'; init();</script>";
const STAFF_INDEX: &str = "<!doctype html><title>My Journey for staff</title><p>staff</p>\
    <script type=\"module\">import init from '/staff/staff-fedcba9876543210.js'; init();</script>";

struct App {
    _dir: TempDir,
    router: Router,
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: header::HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    fn encoding(&self) -> Option<&str> {
        self.header(header::CONTENT_ENCODING)
    }
    fn cache(&self) -> &str {
        self.header(header::CACHE_CONTROL).unwrap_or("")
    }
    /// `Vary: Accept-Encoding`, once.
    fn varies_by_encoding(&self) -> bool {
        let mentions = self
            .headers
            .get_all(header::VARY)
            .iter()
            .flat_map(|v| v.to_str().unwrap().split(','))
            .filter(|v| v.trim().eq_ignore_ascii_case("accept-encoding"))
            .count();
        mentions == 1
    }
}

/// A file and, unless it is already compressed, stand-ins for its `.br` and `.gz`
/// copies: bytes that say which copy the server sent.
fn built(dist: &Path, path: &str, contents: &[u8], copies: bool) {
    let file = dist.join(path.trim_start_matches('/'));
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, contents).unwrap();
    if copies {
        std::fs::write(format!("{}.br", file.display()), format!("br of {path}")).unwrap();
        std::fs::write(format!("{}.gz", file.display()), format!("gz of {path}")).unwrap();
    }
}

async fn app(with_staff: bool) -> App {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    built(&dist, "/index.html", INDEX.as_bytes(), true);
    built(&dist, WASM, &[0u8; 2000], true);
    built(&dist, JS, "init();".repeat(100).as_bytes(), true);
    built(&dist, "/main-fedcba9876543210.css", b"body{}", true);
    built(&dist, "/sw.js", "self;".repeat(100).as_bytes(), true);
    built(
        &dist,
        "/manifest.webmanifest",
        b"{\"name\":\"My Journey\"}",
        true,
    );
    built(&dist, "/icons/icon-192.png", &[7u8; 500], false);
    built(
        &dist,
        "/fonts/lexend-latin-400-normal.woff2",
        &[9u8; 500],
        false,
    );
    // Built without compressed copies (by plain `trunk build`, say).
    built(&dist, "/plain.js", "plain();".repeat(200).as_bytes(), false);
    if with_staff {
        built(&dist, "/staff/index.html", STAFF_INDEX.as_bytes(), true);
        built(
            &dist,
            "/staff/staff-fedcba9876543210_bg.wasm",
            &[1u8; 2000],
            true,
        );
    }
    let config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        database: Database::File(dir.path().join("journey.db")),
        dist,
        demo: false,
        demo_team: false,
        secure_cookies: false,
        trusted_proxies: Vec::new(),
        safety_email: Default::default(),
    };
    let state = build_state(config).await.unwrap();
    App {
        router: journey_server::router(state),
        _dir: dir,
    }
}

impl App {
    async fn get(&self, uri: &str, accept_encoding: Option<&str>) -> Reply {
        let mut request = Request::builder().uri(uri);
        if let Some(accepted) = accept_encoding {
            request = request.header(header::ACCEPT_ENCODING, accepted);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        Reply {
            status: response.status(),
            headers: response.headers().clone(),
            body: body::read_all(response.into_body()).await,
        }
    }
}

/// What Chromium sends.
const BROWSER: Option<&str> = Some("gzip, deflate, br, zstd");

#[tokio::test]
async fn a_browser_that_takes_brotli_gets_the_brotli_copy_as_it_is() {
    let app = app(false).await;
    for path in [WASM, JS, "/main-fedcba9876543210.css"] {
        let reply = app.get(path, BROWSER).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.encoding(), Some("br"), "{path}");
        // The copy itself: not compressed again on the way out.
        assert_eq!(reply.body, format!("br of {path}").as_bytes(), "{path}");
        assert_eq!(
            reply.header(header::CONTENT_LENGTH),
            Some(reply.body.len().to_string().as_str()),
            "{path}"
        );
        assert!(reply.varies_by_encoding(), "{path}");
        assert_eq!(reply.cache(), IMMUTABLE, "{path}");
    }
    let wasm = app.get(WASM, BROWSER).await;
    assert_eq!(wasm.header(header::CONTENT_TYPE), Some("application/wasm"));
}

#[tokio::test]
async fn a_browser_that_takes_only_gzip_gets_the_gzip_copy() {
    let app = app(false).await;
    let reply = app.get(WASM, Some("gzip")).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.encoding(), Some("gzip"));
    assert_eq!(reply.body, format!("gz of {WASM}").as_bytes());
    assert!(reply.varies_by_encoding());
    assert_eq!(reply.cache(), IMMUTABLE);
}

#[tokio::test]
async fn a_client_that_takes_neither_gets_the_file_itself() {
    let app = app(false).await;
    for accepted in [None, Some("identity"), Some("deflate")] {
        let reply = app.get(WASM, accepted).await;
        assert_eq!(reply.status, StatusCode::OK, "{accepted:?}");
        assert_eq!(reply.encoding(), None, "{accepted:?}");
        assert_eq!(reply.body, vec![0u8; 2000], "{accepted:?}");
        assert!(reply.varies_by_encoding(), "{accepted:?}");
        assert_eq!(reply.cache(), IMMUTABLE, "{accepted:?}");
    }
}

#[tokio::test]
async fn the_page_the_service_worker_and_the_manifest_are_checked_every_time() {
    let app = app(false).await;
    for path in ["/", "/index.html", "/sw.js", "/manifest.webmanifest"] {
        let reply = app.get(path, BROWSER).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.cache(), "no-cache", "{path}");
        assert_eq!(reply.encoding(), Some("br"), "{path}");
        assert!(reply.varies_by_encoding(), "{path}");
    }
    let page = app.get("/", None).await;
    assert_eq!(page.body, INDEX.as_bytes());
    assert_eq!(page.cache(), "no-cache");
}

#[tokio::test]
async fn a_client_route_gets_the_page_and_it_is_checked_every_time() {
    let app = app(false).await;
    for route in ["/goals", "/feedback", "/fonts/not-a-file"] {
        let reply = app.get(route, BROWSER).await;
        assert_eq!(reply.status, StatusCode::OK, "{route}");
        assert_eq!(reply.encoding(), Some("br"), "{route}");
        assert_eq!(reply.body, b"br of /index.html", "{route}");
        assert_eq!(reply.cache(), "no-cache", "{route}");
        assert!(reply.varies_by_encoding(), "{route}");
        assert!(reply
            .header(header::CONTENT_TYPE)
            .unwrap()
            .starts_with("text/html"));
        let plain = app.get(route, None).await;
        assert_eq!(plain.body, INDEX.as_bytes(), "{route}");
        assert_eq!(plain.encoding(), None, "{route}");
        assert_eq!(plain.cache(), "no-cache", "{route}");
    }
}

#[tokio::test]
async fn fonts_and_icons_are_kept_and_not_compressed_again() {
    let app = app(false).await;
    for path in [
        "/fonts/lexend-latin-400-normal.woff2",
        "/icons/icon-192.png",
    ] {
        let reply = app.get(path, BROWSER).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.encoding(), None, "{path}");
        assert_eq!(reply.body.len(), 500, "{path}");
        assert_eq!(reply.cache(), IMMUTABLE, "{path}");
    }
}

#[tokio::test]
async fn a_missing_file_is_not_found_rather_than_the_page() {
    let app = app(false).await;
    for path in [
        "/my-journey-1111111111111111_bg.wasm",
        "/main-2222222222222222.css",
        "/icons/gone.png",
    ] {
        let reply = app.get(path, BROWSER).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.cache(), "no-cache", "{path}");
    }
}

#[tokio::test]
async fn a_file_built_without_copies_is_compressed_as_it_goes() {
    let app = app(false).await;
    let reply = app.get("/plain.js", BROWSER).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.encoding(), Some("br"));
    assert!(reply.body.len() < 1600, "{} bytes", reply.body.len());
    assert!(reply.varies_by_encoding());
    assert_eq!(reply.cache(), "no-cache");
    let plain = app.get("/plain.js", None).await;
    assert_eq!(plain.encoding(), None);
    assert_eq!(plain.body, "plain();".repeat(200).as_bytes());
}

#[tokio::test]
async fn api_answers_are_compressed_as_they_go_and_never_kept() {
    let app = app(false).await;
    let reply = app.get("/api/v1/openapi.json", BROWSER).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.encoding(), Some("br"));
    assert_eq!(reply.cache(), "no-store");
    assert!(reply.varies_by_encoding());
    let missing = app.get("/api/v1/nothing-here.js", BROWSER).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.cache(), "no-store");
}

#[tokio::test]
async fn under_staff_the_staff_app_is_the_page_when_it_is_built() {
    let app = app(true).await;
    for route in ["/staff/", "/staff/young-people", "/staff/safety/12"] {
        let reply = app.get(route, BROWSER).await;
        assert_eq!(reply.status, StatusCode::OK, "{route}");
        assert_eq!(reply.body, b"br of /staff/index.html", "{route}");
        assert_eq!(reply.cache(), "no-cache", "{route}");
        let plain = app.get(route, None).await;
        assert_eq!(plain.body, STAFF_INDEX.as_bytes(), "{route}");
    }
    let wasm = app
        .get("/staff/staff-fedcba9876543210_bg.wasm", BROWSER)
        .await;
    assert_eq!(wasm.body, b"br of /staff/staff-fedcba9876543210_bg.wasm");
    assert_eq!(wasm.cache(), IMMUTABLE);
    // The young person's routes still get theirs.
    let goals = app.get("/goals", None).await;
    assert_eq!(goals.body, INDEX.as_bytes());
    // Both pages' start-up scripts are allowed, by hash.
    let policy = goals.header(header::CONTENT_SECURITY_POLICY).unwrap();
    assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
}

#[tokio::test]
async fn without_a_staff_build_staff_routes_get_the_young_persons_page() {
    let app = app(false).await;
    let reply = app.get("/staff/young-people", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, INDEX.as_bytes());
    assert_eq!(reply.cache(), "no-cache");
    let policy = reply.header(header::CONTENT_SECURITY_POLICY).unwrap();
    assert_eq!(policy.matches("'sha256-").count(), 1, "{policy}");
}

#[tokio::test]
async fn a_name_too_long_for_the_disk_is_a_route_or_not_found_never_a_fault() {
    let app = app(true).await;
    let long = "a".repeat(256);
    let deep = format!("/{}", vec!["b".repeat(200); 25].join("/"));
    for (path, page) in [
        (format!("/{long}"), Some(INDEX)),
        (format!("/icons/{long}"), Some(INDEX)),
        (deep.clone(), Some(INDEX)),
        (format!("/staff/{long}"), Some(STAFF_INDEX)),
        (format!("/{long}.js"), None),
        (format!("/icons/{long}.png"), None),
        (format!("{deep}.wasm"), None),
    ] {
        for accepted in [BROWSER, None] {
            let reply = app.get(&path, accepted).await;
            let shown = &path[..40];
            match page {
                Some(page) => {
                    assert_eq!(reply.status, StatusCode::OK, "{shown}… {accepted:?}");
                    assert_eq!(reply.cache(), "no-cache", "{shown}…");
                    if accepted.is_none() {
                        assert_eq!(reply.body, page.as_bytes(), "{shown}…");
                    }
                }
                None => {
                    assert_eq!(reply.status, StatusCode::NOT_FOUND, "{shown}… {accepted:?}");
                    assert!(!reply.body.is_empty(), "{shown}…: says so");
                }
            }
        }
    }
}
