//! Sessions can be corrected (issue 21): the worker who recorded a session, or a manager,
//! puts right one recorded by mistake or removes it. Nothing is deleted: the session as it
//! was is kept with who and when, a removed one is kept but no longer listed or counted,
//! and both are audited without anyone's words.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::feedback::{FeedbackOverview, MissedReason, Session, SessionKind, SessionMode};
use journey_core::{AuditEntry, DEMO_YOUNG_PERSON_ID};
use serde_json::{json, Value};

fn uri(path: &str) -> String {
    format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/{path}")
}

fn day(days_ago: i64) -> chrono::NaiveDate {
    chrono::Utc::now().date_naive() - chrono::Duration::days(days_ago)
}

/// A correction to a group session online, held `days_ago`.
fn online_group(days_ago: i64) -> Value {
    json!({"held_on": day(days_ago), "kind": "group", "mode": "online"})
}

async fn record(app: &TestApp, cookie: &str, client_id: &str, with_whom: &str) -> Session {
    let reply = app
        .post_as(
            &uri("sessions"),
            json!({"client_id": client_id, "held_on": day(0), "kind": "one_to_one",
                   "mode": "face_to_face", "with_whom": with_whom}),
            cookie,
        )
        .await
        .expect_status(StatusCode::CREATED);
    reply.json()
}

async fn sessions(app: &TestApp, cookie: &str) -> Vec<Session> {
    app.get_as(&uri("feedback"), cookie)
        .await
        .json::<FeedbackOverview>()
        .sessions
}

async fn correct(app: &TestApp, cookie: &str, id: i64, body: Value) -> Reply {
    app.put_as(&uri(&format!("sessions/{id}")), body, cookie)
        .await
}

async fn remove(app: &TestApp, cookie: &str, id: i64) -> Reply {
    app.send(
        "DELETE",
        &uri(&format!("sessions/{id}")),
        None,
        Some(cookie),
    )
    .await
}

#[tokio::test]
async fn a_session_recorded_by_mistake_is_corrected_or_removed_and_kept_in_history() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let with_feedback = record(&app, &sam, "fix-1", "Priya").await;
    let mistaken = record(&app, &sam, "fix-2", "the wrong group").await;
    assert!(mistaken.can_change && mistaken.corrected.is_none());
    app.post_as(
        &uri("feedback"),
        json!({"client_id": "fb-fix", "session_id": with_feedback.id,
                   "answers": [{"question": "overall", "answer": {"face": 4}}]}),
        &alex,
    )
    .await
    .expect_status(StatusCode::CREATED);

    // Sam corrects it: another day, a group, online, and it didn't happen.
    let correction = json!({"held_on": day(2), "kind": "group", "mode": "online",
                            "with_whom": "", "missed": "couldnt_make_it"});
    let fixed = correct(&app, &sam, mistaken.id, correction.clone())
        .await
        .expect_status(StatusCode::OK);
    let fixed: Session = fixed.json();
    assert_eq!(
        (fixed.held_on, fixed.kind, fixed.mode, fixed.missed),
        (
            day(2),
            SessionKind::Group,
            SessionMode::Online,
            Some(MissedReason::CouldntMakeIt)
        )
    );
    assert_eq!(fixed.corrected.as_ref().unwrap().by, "Sam Rivers");
    assert_eq!(fixed.corrected.as_ref().unwrap().on, day(0));
    // Sent again (its answer lost on a bad signal): the same session, and nothing kept or
    // audited twice (the history and the audit log below hold Sam's correction once).
    let again = correct(&app, &sam, mistaken.id, correction)
        .await
        .expect_status(StatusCode::OK);
    let again: Session = again.json();
    assert_eq!(
        (again.id, again.held_on, again.corrected),
        (mistaken.id, day(2), fixed.corrected.clone())
    );
    // Listed by its new date: first now.
    assert_eq!(sessions(&app, &sam).await[0].id, mistaken.id);
    // Their manager may correct it too; then it says so.
    let by_morgan = correct(&app, &morgan, mistaken.id, online_group(1))
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(
        by_morgan.json::<Session>().corrected.unwrap().by,
        "Morgan Lee"
    );
    // Checked like a new one: not in the future.
    let future = correct(&app, &sam, mistaken.id, online_group(-3)).await;
    assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The young person can't.
    let theirs = correct(&app, &alex, mistaken.id, online_group(1)).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);

    // The one with Alex's feedback can't be removed or said not to have happened.
    let refused = remove(&app, &sam, with_feedback.id)
        .await
        .expect_status(StatusCode::CONFLICT);
    assert!(refused.text().contains("given feedback on this session"));
    correct(
        &app,
        &sam,
        with_feedback.id,
        json!({"held_on": day(0), "kind": "one_to_one", "mode": "phone",
               "missed": "something_else"}),
    )
    .await
    .expect_status(StatusCode::CONFLICT);

    // Removed: no longer listed, nor can feedback be given on it; gone for everyone.
    remove(&app, &sam, mistaken.id)
        .await
        .expect_status(StatusCode::NO_CONTENT);
    for who in [&sam, &morgan, &alex] {
        let ids: Vec<i64> = sessions(&app, who).await.iter().map(|s| s.id).collect();
        assert_eq!(ids, [with_feedback.id]);
    }
    let late = app
        .post_as(
            &uri("feedback"),
            json!({"client_id": "fb-late", "session_id": mistaken.id}),
            &alex,
        )
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Removed again (its answer lost on a bad signal): done already, nothing more kept
    // (the history below holds one removal).
    assert_eq!(
        remove(&app, &sam, mistaken.id).await.status,
        StatusCode::NO_CONTENT
    );
    let again = correct(&app, &morgan, mistaken.id, online_group(1)).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);

    // Nothing deleted: the row is kept, marked removed, and each change keeps the session
    // as it was before it, with who and when.
    let db = app.db().await;
    let (kept,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM care_sessions WHERE id = $1 AND removed_at IS NOT NULL",
    )
    .bind(mistaken.id)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(kept, 1);
    let history: Vec<(String, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT change, kind, with_whom, missed, by_name FROM care_session_changes
          WHERE session_id = $1 ORDER BY id",
    )
    .bind(mistaken.id)
    .fetch_all(&db)
    .await
    .unwrap();
    let history: Vec<(&str, &str, &str, Option<&str>, &str)> = history
        .iter()
        .map(|(c, k, w, m, b)| (c.as_str(), k.as_str(), w.as_str(), m.as_deref(), b.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            (
                "corrected",
                "one_to_one",
                "the wrong group",
                None,
                "Sam Rivers"
            ),
            (
                "corrected",
                "group",
                "",
                Some("couldnt_make_it"),
                "Morgan Lee"
            ),
            ("removed", "group", "", None, "Sam Rivers"),
        ]
    );

    // Audited, without anyone's words.
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == "corrected a session")
            .count(),
        2
    );
    assert!(actions.contains(&"removed a session recorded by mistake"));
    assert!(log.iter().all(|e| !e.action.contains("wrong group")));
}

#[tokio::test]
async fn only_the_worker_who_recorded_it_or_a_manager_may_change_a_session() {
    let app = spawn_app(true).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    // Morgan records one; Sam (Alex's worker, not a manager) sees it but may not change it.
    let morgans = record(&app, &morgan, "by-morgan", "").await;
    let listed = sessions(&app, &sam).await;
    assert!(
        !listed
            .iter()
            .find(|s| s.id == morgans.id)
            .unwrap()
            .can_change
    );
    let refused = correct(
        &app,
        &sam,
        morgans.id,
        json!({"held_on": day(0), "kind": "group", "mode": "phone"}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        remove(&app, &sam, morgans.id).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(sessions(&app, &morgan).await[0].can_change);
    // Not a number, or not this young person's: not found.
    let odd = app
        .send("DELETE", &uri("sessions/not-a-number"), None, Some(&morgan))
        .await;
    assert_eq!(odd.status, StatusCode::NOT_FOUND);
}
