//! A phone with a bad signal sends the same thing again and again, sometimes all at once
//! (a retry while the first try is still on its way, two tabs emptying one outbox): each
//! `client_id` is recorded exactly once, and every copy gets a friendly answer.

use crate::helpers::*;
use axum::http::{header, StatusCode};
use journey_core::feedback::FeedbackOverview;
use journey_core::{Goals, DEMO_YOUNG_PERSON_ID};
use serde_json::{json, Value};
use std::sync::Arc;
use tokio::task::JoinSet;

const COPIES: usize = 24;

/// Sends `body` to `path` `COPIES` times at once, and gives back every answer's status.
async fn all_at_once(app: &Arc<TestApp>, cookie: &str, path: &str, body: Value) -> Vec<StatusCode> {
    let mut copies = JoinSet::new();
    for _ in 0..COPIES {
        let (app, cookie, path, body) = (
            app.clone(),
            cookie.to_owned(),
            path.to_owned(),
            body.clone(),
        );
        copies.spawn(async move { app.post_as(&path, body, &cookie).await.status });
    }
    copies.join_all().await
}

/// One copy was kept (201) and every other was answered as a repeat (200).
fn assert_kept_once(statuses: &[StatusCode]) {
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let repeats = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!((created, repeats), (1, COPIES - 1), "{statuses:?}");
}

fn uri(path: &str) -> String {
    format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/{path}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_feedback_sent_many_times_at_once_is_recorded_once() {
    let app = Arc::new(spawn_app(true).await);
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let comment = "Sent from the bus 🚌, signal coming and going";
    let body = json!({
        "client_id": "3f2a7c1e-0b7d-4d5e-9a61-5c1f0e2b9d44",
        "answers": [{"question": "overall", "answer": {"face": 4}}],
        "comment": comment,
    });

    let statuses = all_at_once(&app, &alex, &uri("feedback"), body).await;

    assert_kept_once(&statuses);
    let reply = app.get_as(&uri("feedback"), &alex).await;
    let overview = reply.json::<FeedbackOverview>();
    let kept: Vec<_> = overview
        .feedback
        .iter()
        .filter(|f| f.comment.as_deref() == Some(comment))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(overview.feedback.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_goal_ratings_sent_many_times_at_once_are_recorded_once() {
    let app = Arc::new(spawn_app(true).await);
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let reply = app
        .post_as(
            &uri("goals"),
            json!({"words": "Sleep better", "agreed_by": "young_person"}),
            &alex,
        )
        .await
        .expect_status(StatusCode::CREATED);
    let goal_id = reply.json::<journey_core::Goal>().id;
    let body = json!({
        "client_id": "9c0d5b7a-61e2-4f3b-8d1a-2e4c6a8b0f13",
        "ratings": [{"goal_id": goal_id, "rating": 6}],
    });

    let statuses = all_at_once(&app, &alex, &uri("goal-ratings"), body).await;

    assert_kept_once(&statuses);
    let goals = app.get_as(&uri("goals"), &alex).await.json::<Goals>();
    assert_eq!(goals.goals[0].ratings.len(), 1);
}

#[tokio::test]
async fn the_service_worker_and_manifest_are_served_as_what_they_are() {
    let app = spawn_app(true).await;
    let dist = app.dir.path().join("dist");
    std::fs::write(
        dist.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    std::fs::write(
        dist.join("manifest.webmanifest"),
        r#"{"name":"My Journey"}"#,
    )
    .unwrap();

    // At the root, so its scope is the whole app; as JavaScript, or browsers refuse it.
    let worker = app.get("/sw.js").await;
    assert_eq!(worker.status, StatusCode::OK);
    assert!(
        worker.header(header::CONTENT_TYPE).contains("javascript"),
        "{}",
        worker.header(header::CONTENT_TYPE)
    );
    assert!(worker.text().contains("addEventListener"));
    // The same strict policy as every other answer.
    assert!(worker
        .header(header::CONTENT_SECURITY_POLICY)
        .contains("script-src 'self'"));
    let manifest = app.get("/manifest.webmanifest").await;
    assert_eq!(manifest.status, StatusCode::OK);
    assert_eq!(
        manifest.header(header::CONTENT_TYPE),
        "application/manifest+json"
    );
}
