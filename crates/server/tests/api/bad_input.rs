//! Bad bodies on every route that takes one: malformed JSON is a 400 JSON error, a body
//! over the limit a 413 JSON error, and nothing at all is stored.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::{ErrorBody, ErrorCode, DEMO_YOUNG_PERSON_ID};
use journey_server::openapi::routes;
use journey_server::startup::MAX_BODY_BYTES;

/// Every table's row count, to show a refused request changed nothing.
async fn row_counts(app: &TestApp) -> Vec<(String, i64)> {
    let db = app.db().await;
    let mut counts = Vec::new();
    for table in crate::database::tables(&db).await {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM \"{table}\""))
            .fetch_one(&db)
            .await
            .unwrap();
        counts.push((table, n));
    }
    counts
}

#[tokio::test]
async fn malformed_or_oversized_bodies_are_json_errors_and_store_nothing() {
    let app = spawn_app(true).await;
    // A manager gets past every route's access check for the demo young person, so the
    // body is what is judged.
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let before = row_counts(&app).await;
    let mut checked = 0;
    for route in routes().iter().filter(|r| r.body.is_some()) {
        let mut uri = format!("/api/v1{}", route.path);
        for name in route.parameters() {
            let value = if name == "id" && route.path.starts_with("/young-people/") {
                DEMO_YOUNG_PERSON_ID
            } else {
                "1"
            };
            uri = uri.replace(&format!("{{{name}}}"), value);
        }
        let what = format!("{} {uri}", route.method);
        for malformed in [&b"{\"words\": \"half"[..], b"not json", b"{}}", b"\xff\xfe"] {
            let reply = app
                .send_bytes(route.method, &uri, Some(malformed.to_vec()), Some(&morgan))
                .await;
            assert_json_error(&reply, StatusCode::BAD_REQUEST, ErrorCode::BadRequest);
            let body: ErrorBody = reply.json();
            assert!(!body.error.message.is_empty(), "{what}");
        }
        let huge = format!("{{\"words\": \"{}\"}}", "x".repeat(MAX_BODY_BYTES));
        let reply = app
            .send_bytes(route.method, &uri, Some(huge.into_bytes()), Some(&morgan))
            .await;
        assert_json_error(
            &reply,
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
        );
        checked += 1;
    }
    assert!(checked > 20, "only {checked} routes take a body?");
    assert_eq!(row_counts(&app).await, before);
}
