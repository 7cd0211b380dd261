//! `POST /api/v1/auth/confirm`: a worker types their password to take their device back
//! after a young person's turn. Only the signed-in account's own password works, and
//! wrong tries count towards the sign-in limits.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::i18n::words::Problem;
use journey_core::{ErrorBody, Me};
use journey_server::accounts::limiter::MAX_FAILURES_PER_ACCOUNT;
use serde_json::json;

async fn confirm(app: &TestApp, cookie: Option<&str>, password: &str) -> Reply {
    app.send(
        "POST",
        "/api/v1/auth/confirm",
        Some(json!({ "password": password })),
        cookie,
    )
    .await
}

/// The right password: 204.
async fn assert_confirmed(app: &TestApp, cookie: &str, password: &str) {
    assert_eq!(
        confirm(app, Some(cookie), password).await.status,
        StatusCode::NO_CONTENT
    );
}

/// A wrong password: 401 naming the password box, so the app keeps the young person's
/// turn rather than thinking the session has ended.
fn assert_wrong_password(reply: &Reply) {
    assert_signed_out(reply);
    let body: ErrorBody = reply.json();
    assert_eq!(body.error.field.as_deref(), Some("password"));
    assert!(!body.error.message.is_empty());
    // Worded from the tables, so staff reading Welsh read it in Welsh.
    assert_eq!(body.error.problem, Some(Problem::not_this_password));
    assert_eq!(error_code(reply), Some(Problem::not_this_password));
}

#[tokio::test]
async fn the_worker_takes_the_device_back_with_their_own_password_only() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let right = confirm(&app, Some(&sam), SAM.1)
        .await
        .expect_status(StatusCode::NO_CONTENT);
    assert!(right.body.is_empty());

    let wrong = confirm(&app, Some(&sam), "not sams password").await;
    assert_wrong_password(&wrong);
    // A wrong password does not end the session: the worker can try again.
    let me: Me = app.get_as("/api/v1/me", &sam).await.json();
    assert_eq!(me.username, SAM.0);
    assert_confirmed(&app, &sam, SAM.1).await;
}

#[tokio::test]
async fn a_young_persons_own_password_does_not_open_a_workers_session() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    // Alex knows their own password, and it is a real one, but not for this account.
    assert_wrong_password(&confirm(&app, Some(&sam), ALEX.1).await);
    // Nor the manager's.
    assert_wrong_password(&confirm(&app, Some(&sam), MORGAN.1).await);
    // And on Alex's own session, Sam's password is not Alex's.
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    assert_wrong_password(&confirm(&app, Some(&alex), SAM.1).await);
    assert_confirmed(&app, &alex, ALEX.1).await;
}

#[tokio::test]
async fn an_ended_session_is_told_apart_from_a_wrong_password() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let signed_out = app.post_as("/api/v1/auth/sign-out", json!({}), &sam).await;
    assert_eq!(signed_out.status, StatusCode::NO_CONTENT);
    for cookie in [Some(sam.as_str()), None] {
        let reply = confirm(&app, cookie, SAM.1).await;
        assert_signed_out(&reply);
        assert_eq!(reply.json::<ErrorBody>().error.field, None);
    }
}

#[tokio::test]
async fn an_empty_password_is_named_and_not_counted() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    for _ in 0..MAX_FAILURES_PER_ACCOUNT + 1 {
        let reply = confirm(&app, Some(&sam), "").await;
        assert_invalid(&reply);
        assert_eq!(
            reply.json::<ErrorBody>().error.field.as_deref(),
            Some("password")
        );
    }
    assert_confirmed(&app, &sam, SAM.1).await;
}

#[tokio::test]
async fn wrong_confirmations_count_towards_the_sign_in_limit() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    for _ in 0..MAX_FAILURES_PER_ACCOUNT {
        assert_wrong_password(&confirm(&app, Some(&sam), "a guess").await);
    }
    // Guessing stops here: even the right password waits, here and at sign-in.
    let blocked = confirm(&app, Some(&sam), SAM.1).await;
    assert_told_to_wait(&blocked);
    let sign_in = app.try_sign_in(SAM.0, SAM.1).await;
    assert_told_to_wait(&sign_in);
    // Other accounts are not affected.
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    assert_confirmed(&app, &morgan, MORGAN.1).await;
}

#[tokio::test]
async fn wrong_sign_ins_count_towards_confirming_too() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    for _ in 0..MAX_FAILURES_PER_ACCOUNT {
        let reply = app.try_sign_in(SAM.0, "a guess").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let blocked = confirm(&app, Some(&sam), SAM.1).await;
    assert_told_to_wait(&blocked);
}

#[tokio::test]
async fn the_right_password_clears_the_accounts_count() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    for _ in 0..MAX_FAILURES_PER_ACCOUNT - 1 {
        assert_wrong_password(&confirm(&app, Some(&sam), "a guess").await);
    }
    assert_confirmed(&app, &sam, SAM.1).await;
    // A fresh count: the next slip is a wrong password, not a wait.
    assert_wrong_password(&confirm(&app, Some(&sam), "a slip").await);
}
