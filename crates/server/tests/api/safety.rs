//! "How I'm doing": mood check-ins, and the "I don't feel safe" flag from raising it to
//! a worker recording what they did.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::{AuditEntry, CheckIn, ErrorCode, Mood, SafetyFlag, DEMO_YOUNG_PERSON_ID};
use serde_json::json;

fn uri(what: &str) -> String {
    format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/{what}")
}

#[tokio::test]
async fn a_check_in_is_recorded_once_and_the_worker_sees_it() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let body = json!({"client_id": "check-1", "mood": "low", "words": "Tired  today"});
    let reply = app.post_as(&uri("check-ins"), body.clone(), &alex).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let again = app.post_as(&uri("check-ins"), body, &alex).await;
    assert_eq!(again.status, StatusCode::OK);
    // Skipping everything is a real answer too.
    let skipped = app
        .post_as(&uri("check-ins"), json!({"client_id": "check-2"}), &alex)
        .await;
    assert_eq!(skipped.status, StatusCode::CREATED);
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let seen: Vec<CheckIn> = app.get_as(&uri("check-ins"), &sam).await.json();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].mood, Some(Mood::Low));
    assert_eq!(seen[0].words.as_deref(), Some("Tired  today"));
    assert_eq!(seen[1].mood, None);
    // Only the young person checks in.
    let by_worker = app
        .post_as(&uri("check-ins"), json!({"client_id": "check-3"}), &sam)
        .await;
    assert_json_error(&by_worker, StatusCode::FORBIDDEN, ErrorCode::Forbidden);
    let bad = app
        .post_as(
            &uri("check-ins"),
            json!({"client_id": "check-4", "mood": "meh"}),
            &alex,
        )
        .await;
    assert!(bad.status.is_client_error());
}

#[tokio::test]
async fn a_safety_flag_stays_open_until_the_worker_records_what_they_did() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let body = json!({"client_id": "safe-1", "words": "Someone at home scares me"});
    let reply = app.post_as(&uri("safety"), body.clone(), &alex).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let flag: SafetyFlag = reply.json();
    assert!(flag.open && flag.actions.is_empty());
    assert_eq!(flag.first_name, "Alex");
    // Sent twice after a lost answer: raised once.
    let again = app.post_as(&uri("safety"), body, &alex).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json::<SafetyFlag>().id, flag.id);

    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    for staff in [&sam, &morgan] {
        let open: Vec<SafetyFlag> = app.get_as("/api/v1/safety", staff).await.json();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].id, flag.id);
        assert_eq!(open[0].words.as_deref(), Some("Someone at home scares me"));
    }
    // An action needs words; a blank one leaves the flag open.
    let blank = app
        .post_as(
            &format!("/api/v1/safety/{}/actions", flag.id),
            json!({"words": " "}),
            &sam,
        )
        .await;
    assert_json_error(
        &blank,
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::Validation,
    );
    let still: Vec<SafetyFlag> = app.get_as("/api/v1/safety", &morgan).await.json();
    assert_eq!(still.len(), 1);

    let done = app
        .post_as(
            &format!("/api/v1/safety/{}/actions", flag.id),
            json!({"words": "Phoned Alex; they are at their nan's tonight."}),
            &sam,
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let done: SafetyFlag = done.json();
    assert!(!done.open);
    assert_eq!(done.actions.len(), 1);
    assert_eq!(done.actions[0].by, "Sam Rivers");
    for staff in [&sam, &morgan] {
        let open: Vec<SafetyFlag> = app.get_as("/api/v1/safety", staff).await.json();
        assert!(open.is_empty());
    }
    // Alex sees what was done.
    let mine: Vec<SafetyFlag> = app.get_as(&uri("safety"), &alex).await.json();
    assert_eq!(mine.len(), 1);
    assert!(!mine[0].open);
    assert_eq!(
        mine[0].actions[0].words,
        "Phoned Alex; they are at their nan's tonight."
    );

    // Both the flag and the action are in the team's audit log.
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    assert!(log
        .iter()
        .any(|e| e.who == "Alex (young person)" && e.action == "said they don't feel safe"));
    assert!(log.iter().any(|e| e.who == "Sam Rivers (worker)"
        && e.action == "recorded what they did about a safety flag"));
}
