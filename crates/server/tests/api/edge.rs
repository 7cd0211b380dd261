//! At the edge: writes sent by a page of another site are refused (its `Origin`, or
//! `Sec-Fetch-Site`), sign-out is a JSON write like every other, and every answer
//! carries the browser protections.

use crate::helpers::*;
use axum::body::Body;
use axum::http::{header, HeaderName, Request, StatusCode};
use journey_core::{ErrorBody, ErrorCode};
use tower::ServiceExt;

const HOST: &str = "journey.example.org";

/// A request as a browser sends it: to `HOST`, with these headers, and a body of this
/// content type when given.
async fn send(
    app: &TestApp,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, &str)>,
) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, HOST);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = match body {
        Some((content_type, body)) => request
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body.to_owned())),
        None => request.body(Body::empty()),
    }
    .unwrap();
    Reply::read(app.router.clone().oneshot(request).await.unwrap()).await
}

const JSON: Option<(&str, &str)> = Some(("application/json", "{}"));

async fn still_signed_in(app: &TestApp, cookie: &str) -> bool {
    let me = app.get_as("/api/v1/me", cookie).await;
    match me.status {
        StatusCode::OK => true,
        StatusCode::UNAUTHORIZED => false,
        other => panic!("GET /me answered {other}: {}", me.text()),
    }
}

fn refused_as_another_site(reply: &Reply) {
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.text());
    let body: ErrorBody = reply.json();
    assert_eq!(body.error.code, ErrorCode::Forbidden);
    assert_eq!(
        body.error.message,
        "This came from another website, so nothing was done. Please use My Journey itself."
    );
    assert!(
        reply.headers.get(header::SET_COOKIE).is_none(),
        "the cookie is left alone"
    );
}

#[tokio::test]
async fn a_page_of_another_site_cannot_sign_anyone_out() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let cookie = [("cookie", alex.as_str())];
    let with = |extra: (&'static str, &'static str)| [cookie[0], extra];

    for (extra, body) in [
        // A form on another site: no JSON, and its origin is not ours.
        (
            ("origin", "https://evil.example"),
            Some(("application/x-www-form-urlencoded", "")),
        ),
        // A script on another site sending JSON (the browser asks first and would stop
        // it, but the server refuses too).
        (("origin", "https://evil.example"), JSON),
        // A browser that sends no Origin but says where the request came from.
        (("sec-fetch-site", "cross-site"), JSON),
        // The same site's other pages (another subdomain) are another origin.
        (("origin", "https://other.journey.example.org"), JSON),
    ] {
        let reply = send(&app, "POST", "/api/v1/auth/sign-out", &with(extra), body).await;
        refused_as_another_site(&reply);
    }
    // A form without Origin (an old browser): not JSON, so nothing happens either.
    let old_form = send(
        &app,
        "POST",
        "/api/v1/auth/sign-out",
        &cookie,
        Some(("text/plain", "")),
    )
    .await;
    assert_eq!(
        old_form.status,
        StatusCode::BAD_REQUEST,
        "{}",
        old_form.text()
    );
    assert!(old_form.headers.get(header::SET_COOKIE).is_none());
    assert!(still_signed_in(&app, &alex).await, "the session goes on");

    // From the app itself: signed out, here and on the server.
    let ours = send(
        &app,
        "POST",
        "/api/v1/auth/sign-out",
        &with(("origin", "https://journey.example.org")),
        JSON,
    )
    .await
    .expect_status(StatusCode::NO_CONTENT);
    assert!(ours.header(header::SET_COOKIE).contains("Max-Age=0"));
    assert!(!still_signed_in(&app, &alex).await);
}

#[tokio::test]
async fn every_write_from_another_site_is_refused_and_reads_and_scripts_go_on() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let goals = format!(
        "/api/v1/young-people/{}/goals",
        journey_core::DEMO_YOUNG_PERSON_ID
    );
    let goal = r#"{"words": "Cook a meal", "agreed_by": "together"}"#;
    for origin in [
        "https://evil.example",
        "null",
        "http://journey.example.org:8443",
    ] {
        let reply = send(
            &app,
            "POST",
            &goals,
            &[("cookie", &alex), ("origin", origin)],
            Some(("application/json", goal)),
        )
        .await;
        refused_as_another_site(&reply);
    }
    // Signing in from another site (to plant someone else's session) is refused too.
    let sign_in = send(
        &app,
        "POST",
        "/api/v1/auth/sign-in",
        &[("origin", "https://evil.example")],
        Some((
            "application/json",
            r#"{"username": "alex", "password": "demo-alex-journey"}"#,
        )),
    )
    .await;
    refused_as_another_site(&sign_in);
    let kept: serde_json::Value = app.get_as(&goals, &alex).await.json();
    assert!(!kept.to_string().contains("Cook a meal"), "{kept}");

    // The app's own page writes; so do curl and scripts, which send no Origin.
    send(
        &app,
        "POST",
        &goals,
        &[
            ("cookie", &alex),
            ("origin", "https://journey.example.org"),
            ("sec-fetch-site", "same-origin"),
        ],
        Some(("application/json", goal)),
    )
    .await
    .expect_status(StatusCode::CREATED);
    send(
        &app,
        "POST",
        &goals,
        &[("cookie", &alex)],
        Some((
            "application/json",
            r#"{"words": "Sleep well", "agreed_by": "together"}"#,
        )),
    )
    .await
    .expect_status(StatusCode::CREATED);
    // Reading is not changing anything: another origin's GET is answered (the browser
    // keeps the answer from that page, and SameSite=Strict keeps the cookie from it).
    let read = send(
        &app,
        "GET",
        "/api/v1/health",
        &[("origin", "https://evil.example")],
        None,
    )
    .await;
    assert_eq!(read.status, StatusCode::OK);
}

const PROTECTIONS: [(&str, &str); 3] = [
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    ),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
];

async fn every_kind_of_answer(app: &TestApp) -> Vec<(String, Reply)> {
    let mut replies = Vec::new();
    for (method, uri, body) in [
        ("GET", "/api/v1/health", None),
        ("GET", "/api/v1/me", None),
        ("GET", "/api/v1/nothing-here", None),
        ("POST", "/api/v1/auth/sign-in", JSON),
        ("GET", "/", None),
        ("GET", "/goals", None),
        ("GET", "/app.css", None),
        ("GET", "/missing.js", None),
    ] {
        replies.push((
            format!("{method} {uri}"),
            send(app, method, uri, &[], body).await,
        ));
    }
    replies
}

#[tokio::test]
async fn every_answer_carries_the_browser_protections() {
    let app = spawn_app(false).await;
    for (what, reply) in every_kind_of_answer(&app).await {
        for (name, value) in PROTECTIONS {
            assert_eq!(
                reply.header(HeaderName::from_static(name)),
                value,
                "{what}: {name}"
            );
        }
        // Cookies over plain http (--insecure-cookies): no https to insist on.
        assert!(
            reply
                .headers
                .get(header::STRICT_TRANSPORT_SECURITY)
                .is_none(),
            "{what}"
        );
    }
}

#[tokio::test]
async fn behind_tls_browsers_are_told_to_keep_to_https() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dist")).unwrap();
    std::fs::write(dir.path().join("dist/index.html"), INDEX_HTML).unwrap();
    std::fs::write(dir.path().join("dist/app.css"), "body{}").unwrap();
    let mut config = config(dir.path(), false).await;
    config.secure_cookies = true;
    let state = journey_server::startup::build_state(config).await.unwrap();
    let app = TestApp::new(dir, state);
    for (what, reply) in every_kind_of_answer(&app).await {
        assert_eq!(
            reply.header(header::STRICT_TRANSPORT_SECURITY),
            "max-age=63072000",
            "{what}"
        );
        for (name, value) in PROTECTIONS {
            assert_eq!(
                reply.header(HeaderName::from_static(name)),
                value,
                "{what}: {name}"
            );
        }
    }
}
