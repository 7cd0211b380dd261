//! Safety emails as the store writes them: in the flag's own transaction, an outbox row
//! for each person to tell (sent later by the sender task: see the process tests), and an
//! audit entry for each person who cannot be told. Health says whether email is on.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::{AuditEntry, Health, SafetyEmail, DEMO_YOUNG_PERSON_ID};
use journey_server::config::{SafetyEmailConfig, SmtpUrl};
use journey_server::startup::build_state;
use serde_json::json;

const DUTY: &str = "duty@example.org";

/// An app with safety emails on (no sender runs: the rows stay in the outbox).
async fn spawn_with_email(duty: Option<&str>) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dist")).unwrap();
    std::fs::write(dir.path().join("dist/index.html"), INDEX_HTML).unwrap();
    let mut config = config(dir.path(), true).await;
    config.safety_email = SafetyEmailConfig {
        smtp: Some(SmtpUrl::parse("smtp://127.0.0.1:9").unwrap()),
        from: "journey@example.org".into(),
        duty_email: duty.map(str::to_owned),
        ..SafetyEmailConfig::default()
    };
    let state = build_state(config).await.unwrap();
    TestApp::new(dir, state)
}

async fn db(app: &TestApp) -> sqlx::AnyPool {
    crate::database::connect(&app.state.config.database).await
}

/// (kind, recipient, address) of every outbox row, sorted.
async fn outbox(app: &TestApp) -> Vec<(String, String, String)> {
    let mut rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT kind, recipient, to_address FROM safety_emails")
            .fetch_all(&db(app).await)
            .await
            .unwrap();
    rows.sort();
    rows
}

fn row(kind: &str, recipient: &str, address: &str) -> (String, String, String) {
    (kind.into(), recipient.into(), address.into())
}

async fn raise(app: &TestApp, client_id: &str) -> StatusCode {
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    app.post_as(
        &format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/safety"),
        json!({"client_id": client_id, "words": "I'm scared"}),
        &alex,
    )
    .await
    .status
}

#[tokio::test]
async fn health_says_whether_staff_are_emailed_about_safety_flags() {
    let off = spawn_app(true).await;
    let health: Health = off.send("GET", "/api/v1/health", None, None).await.json();
    assert_eq!(health.safety_email, SafetyEmail::Off);
    let on = spawn_with_email(None).await;
    let health: Health = on.send("GET", "/api/v1/health", None, None).await.json();
    assert_eq!(health.safety_email, SafetyEmail::On);
}

#[tokio::test]
async fn with_email_off_no_emails_are_queued() {
    let app = spawn_app(true).await;
    assert_eq!(raise(&app, "off-1").await, StatusCode::CREATED);
    assert!(outbox(&app).await.is_empty());
}

#[tokio::test]
async fn a_flag_queues_emails_to_the_worker_and_manager_with_the_flag_once() {
    let app = spawn_with_email(Some(DUTY)).await;
    assert_eq!(raise(&app, "queue-1").await, StatusCode::CREATED);
    let want = vec![
        row("escalated", "duty", DUTY),
        row("escalated", "manager", "morgan.lee@example.org"),
        row("raised", "manager", "morgan.lee@example.org"),
        row("raised", "worker", "sam.rivers@example.org"),
    ];
    assert_eq!(outbox(&app).await, want);
    // Sent again after a lost answer: nothing more to send.
    assert_eq!(raise(&app, "queue-1").await, StatusCode::OK);
    assert_eq!(outbox(&app).await, want);
    // Each row waits to be sent; the escalations fall due later.
    let due: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT kind, status, due_at FROM safety_emails ORDER BY kind")
            .fetch_all(&db(&app).await)
            .await
            .unwrap();
    assert!(due.iter().all(|(_, status, _)| status == "waiting"));
    let raised = due.iter().find(|d| d.0 == "raised").unwrap().2;
    let escalated = due.iter().find(|d| d.0 == "escalated").unwrap().2;
    assert!(escalated - raised >= 15 * 60 * 1000 - 1000, "{due:?}");
}

#[tokio::test]
async fn staff_with_no_email_are_named_and_the_flag_audits_them() {
    let app = spawn_with_email(None).await;
    assert!(
        journey_server::safety::email::staff_without_email(&app.state.store)
            .await
            .unwrap()
            .is_empty()
    );
    sqlx::query("UPDATE workers SET email = NULL WHERE name = 'Sam Rivers'")
        .execute(&db(&app).await)
        .await
        .unwrap();
    assert_eq!(
        journey_server::safety::email::staff_without_email(&app.state.store)
            .await
            .unwrap(),
        vec!["Sam Rivers (sam)".to_owned()]
    );
    assert_eq!(raise(&app, "no-email-1").await, StatusCode::CREATED);
    assert_eq!(
        outbox(&app).await,
        vec![
            row("escalated", "manager", "morgan.lee@example.org"),
            row("raised", "manager", "morgan.lee@example.org"),
        ]
    );
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    assert!(
        log.iter().any(|e| e.who == "My Journey (safety email)"
            && e.action
                == "could not email Sam Rivers (worker) about a safety flag: there is no email \
                    address on their account"),
        "{log:#?}"
    );
}

#[tokio::test]
async fn a_young_person_with_no_worker_goes_to_the_manager_and_the_duty_address() {
    let app = spawn_with_email(Some(DUTY)).await;
    sqlx::query("UPDATE allocations SET ended_on = '2026-01-01' WHERE young_person_id = $1")
        .bind(DEMO_YOUNG_PERSON_ID)
        .execute(&db(&app).await)
        .await
        .unwrap();
    assert_eq!(raise(&app, "no-worker-1").await, StatusCode::CREATED);
    assert_eq!(
        outbox(&app).await,
        vec![
            row("escalated", "duty", DUTY),
            row("escalated", "manager", "morgan.lee@example.org"),
            row("raised", "duty", DUTY),
            row("raised", "manager", "morgan.lee@example.org"),
        ]
    );
}

#[tokio::test]
async fn an_email_still_failing_a_day_after_the_flag_is_given_up_and_audited() {
    let app = spawn_with_email(None).await;
    assert_eq!(raise(&app, "old-1").await, StatusCode::CREATED);
    // As if the mail server had refused it since yesterday.
    let yesterday = (chrono::Utc::now() - chrono::Duration::hours(25)).to_rfc3339();
    sqlx::query("UPDATE safety_flags SET created_at = $1")
        .bind(&yesterday)
        .execute(&db(&app).await)
        .await
        .unwrap();
    let sender = journey_server::safety::email::spawn_sender(
        app.state.store.clone(),
        app.state.config.safety_email.clone(),
    )
    .expect("email is on");
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let started = std::time::Instant::now();
    loop {
        let statuses: Vec<(String, String)> =
            sqlx::query_as("SELECT recipient, status FROM safety_emails WHERE kind = 'raised'")
                .fetch_all(&db(&app).await)
                .await
                .unwrap();
        if statuses.iter().all(|(_, status)| status == "gave_up") {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "{statuses:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    sender.abort();
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    assert!(
        log.iter().any(|e| e.action.starts_with(
            "gave up emailing Sam Rivers (worker) at sam.rivers@example.org about a safety \
             flag, still failing a day later ("
        )),
        "{log:#?}"
    );
}
