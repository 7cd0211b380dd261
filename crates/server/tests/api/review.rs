//! Getting ready for the review (who sees the preparation: the young person, their worker
//! and manager, and the chair only when shared with them), recording the review, and the
//! 48-hour rule for updating the plan after it, on SQLite and PostgreSQL.

use crate::helpers::*;
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use journey_core::{
    Journey, ReviewPrep, Reviews, SharedPrep, YoungPersonListItem, DEMO_YOUNG_PERSON_ID,
};
use serde_json::{json, Value};

const PASSWORD: &str = "a long password for staff";
const IRO_ROLE: &str = "your independent reviewing officer";

fn prep_uri() -> String {
    format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/review-prep")
}

fn reviews_uri() -> String {
    format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/reviews")
}

/// Sam's newest plan for Alex, with `chair` as who chairs the review.
async fn set_chair(app: &TestApp, sam: &str, chair: Value) -> crate::helpers::Reply {
    let uri = format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/plan");
    let editing: Value = app.get_as(&uri, sam).await.json();
    let mut plan = editing["plan"].clone();
    plan["review_chair"] = chair;
    app.put_as(
        &uri,
        json!({"based_on": editing["version"], "plan": plan}),
        sam,
    )
    .await
}

/// Jo chairs reviews (another team: independent); Riley is a worker on no one's case.
async fn staff(app: &TestApp) -> (String, String) {
    app.state.store.create_team("Reviewing").await.unwrap();
    app.add_staff("Jo Bloggs", "jobloggs", "Reviewing", false, PASSWORD)
        .await;
    app.add_staff("Riley Stone", "riley", "Reviewing", false, PASSWORD)
        .await;
    (
        app.sign_in("jobloggs", PASSWORD).await,
        app.sign_in("riley", PASSWORD).await,
    )
}

#[tokio::test]
async fn the_preparation_is_seen_by_the_worker_and_the_chair_it_was_shared_with_and_nobody_else() {
    let app = spawn_app(true).await;
    let (jo, riley) = staff(&app).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;

    // A chair must be a member of staff; their name comes from their account.
    let wrong = set_chair(&app, &sam, json!({"username": "alex", "role": IRO_ROLE})).await;
    assert_eq!(
        wrong.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        wrong.text()
    );
    assert_eq!(
        error_code(&wrong),
        Some(journey_core::i18n::words::Problem::no_such_staff)
    );
    set_chair(
        &app,
        &sam,
        json!({"username": "jobloggs", "name": "Typed Name", "role": IRO_ROLE}),
    )
    .await
    .expect_status(StatusCode::OK);
    // Alex sees their name and role, never a username.
    let journey = app.get_as(&journey_uri(DEMO_YOUNG_PERSON_ID), &alex).await;
    let chair = journey.json::<Journey>().plan.review_chair.unwrap();
    assert_eq!(
        (chair.name.as_str(), chair.role.as_str()),
        ("Jo Bloggs", IRO_ROLE)
    );
    assert!(!journey.text().contains("jobloggs"), "{}", journey.text());
    // Sam, editing, sees who it is.
    let editing: Value = app
        .get_as(
            &format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/plan"),
            &sam,
        )
        .await
        .json();
    assert_eq!(editing["plan"]["review_chair"]["username"], "jobloggs");

    // Alex shares one with Jo, and keeps a second between them and Sam.
    let shared = app
        .post_as(
            &prep_uri(),
            json!({"client_id": "prep-shared", "went_well": "Football on Saturdays",
                   "take_part": "someone_speaks_for_me", "share_with_chair": true}),
            &alex,
        )
        .await
        .expect_status(StatusCode::CREATED);
    let shared: ReviewPrep = shared.json();
    assert_eq!(shared.shared_with.as_ref().unwrap().name, "Jo Bloggs");
    assert!(!serde_json::to_string(&shared).unwrap().contains("jobloggs"));
    let kept = app
        .post_as(
            &prep_uri(),
            json!({"client_id": "prep-kept", "not_there": "My uncle"}),
            &alex,
        )
        .await;
    assert_eq!(kept.status, StatusCode::CREATED);
    let kept: ReviewPrep = kept.json();
    assert!(kept.shared_with.is_none());
    // Sent again from the outbox: the same one, nothing new.
    let again = app
        .post_as(
            &prep_uri(),
            json!({"client_id": "prep-kept", "not_there": "My uncle"}),
            &alex,
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json::<ReviewPrep>().id, kept.id);
    // Nothing at all is explained, not stored.
    let empty = app
        .post_as(&prep_uri(), json!({"client_id": "prep-empty"}), &alex)
        .await;
    assert_invalid(&empty);

    let ids = |reply: crate::helpers::Reply| -> Vec<i64> {
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        reply
            .json::<Vec<ReviewPrep>>()
            .iter()
            .map(|p| p.id)
            .collect()
    };
    for cookie in [&alex, &sam, &morgan] {
        assert_eq!(
            ids(app.get_as(&prep_uri(), cookie).await),
            [kept.id, shared.id]
        );
    }
    assert_eq!(ids(app.get_as(&prep_uri(), &jo).await), [shared.id]);
    assert_eq!(
        app.get_as(&prep_uri(), &riley).await.status,
        StatusCode::NOT_FOUND
    );
    // The chair sees the preparation only: not the rest of Alex's records.
    for uri in [
        journey_uri(DEMO_YOUNG_PERSON_ID),
        reviews_uri(),
        format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/records"),
    ] {
        assert_eq!(
            app.get_as(&uri, &jo).await.status,
            StatusCode::NOT_FOUND,
            "{uri}"
        );
    }
    // Jo's list: the one shared with them, and whose it is. Riley's: nothing.
    let list: Vec<SharedPrep> = app.get_as("/api/v1/review-preps", &jo).await.json();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].first_name, "Alex");
    assert_eq!(list[0].prep.went_well, "Football on Saturdays");
    let none: Vec<SharedPrep> = app.get_as("/api/v1/review-preps", &riley).await.json();
    assert!(none.is_empty());

    // "I've read this": Jo the shared one only; Sam any of Alex's; Riley none.
    for (prep, cookie, status) in [
        (kept.id, &jo, StatusCode::NOT_FOUND),
        (shared.id, &riley, StatusCode::NOT_FOUND),
        (shared.id, &alex, StatusCode::FORBIDDEN),
        (shared.id, &jo, StatusCode::NO_CONTENT),
        (kept.id, &sam, StatusCode::NO_CONTENT),
        (kept.id, &sam, StatusCode::NO_CONTENT),
    ] {
        let uri = format!("{}/{prep}/read", prep_uri());
        let reply = app.post_as(&uri, json!({}), cookie).await;
        assert_eq!(reply.status, status, "{uri}: {}", reply.text());
    }

    // Alex hears who read their newest ("Sam read what you wrote"), once however often.
    let reviews: Reviews = app.get_as(&reviews_uri(), &alex).await.json();
    let readers: Vec<&str> = reviews.prep_read_by.iter().map(|r| r.by.as_str()).collect();
    assert_eq!(readers, ["Sam Rivers"]);
    let prepared: Vec<ReviewPrep> = app.get_as(&prep_uri(), &alex).await.json();
    assert_eq!(prepared[1].read_by[0].by, "Jo Bloggs");
    // In "What's happened since you told us": every read, newest first, with no words.
    let heard: journey_core::HeardBack = app
        .get_as(
            &format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/heard-back"),
            &alex,
        )
        .await
        .json();
    let reads: Vec<(&str, &str, &str)> = heard
        .items
        .iter()
        .filter(|i| i.kind == journey_core::HeardBackKind::ReviewRead)
        .map(|i| (i.by.as_str(), i.words.as_str(), i.link.as_str()))
        .collect();
    assert_eq!(
        reads,
        [("Sam Rivers", "", "/review"), ("Jo Bloggs", "", "/review")]
    );

    // Staff reads are audited, without Alex's words.
    let log: Vec<journey_core::AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    let mut readers: Vec<&str> = log
        .iter()
        .filter(|e| e.action == "read what the young person wrote for their review")
        .map(|e| e.who.as_str())
        .collect();
    readers.sort();
    // Both reads are about Alex, so Alex's team's manager sees them (reading again: once).
    assert_eq!(readers, ["Jo Bloggs (worker)", "Sam Rivers (worker)"]);
    assert!(log
        .iter()
        .all(|e| !e.action.contains("Football") && !e.action.contains("uncle")));
}

/// Alex's newest review held `held_days` ago and recorded `recorded_hours` ago; the plan
/// last saved `saved_days` ago.
async fn age(app: &TestApp, recorded_hours: i64, held_days: i64, saved_days: i64) {
    let db = app.db().await;
    let now = Utc::now();
    sqlx::query("UPDATE reviews SET created_at = $1, held_on = $2 WHERE young_person_id = $3")
        .bind((now - Duration::hours(recorded_hours)).to_rfc3339())
        .bind((now - Duration::days(held_days)).date_naive().to_string())
        .bind(DEMO_YOUNG_PERSON_ID)
        .execute(&db)
        .await
        .unwrap();
    sqlx::query("UPDATE plan_versions SET created_at = $1 WHERE young_person_id = $2")
        .bind((now - Duration::days(saved_days)).to_rfc3339())
        .bind(DEMO_YOUNG_PERSON_ID)
        .execute(&db)
        .await
        .unwrap();
}

async fn late_on_list(app: &TestApp, cookie: &str) -> bool {
    let list: Vec<YoungPersonListItem> = app.get_as("/api/v1/young-people", cookie).await.json();
    list.iter()
        .find(|p| p.id.as_str() == DEMO_YOUNG_PERSON_ID)
        .unwrap()
        .plan_not_updated_since_review
}

#[tokio::test]
async fn the_plan_must_be_updated_within_48_hours_of_a_recorded_review() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    assert!(!late_on_list(&app, &sam).await, "no review yet");

    let today = Utc::now().date_naive();
    let body = json!({"client_id": "review-1", "held_on": today,
                      "decisions": "You will stay with Jo and Chris.",
                      "next_review": today + Duration::days(180)});
    app.post_as(&reviews_uri(), body.clone(), &sam)
        .await
        .expect_status(StatusCode::CREATED);
    let again = app.post_as(&reviews_uri(), body, &sam).await;
    assert_eq!(again.status, StatusCode::OK, "the outbox sending it again");
    // Only staff record a review.
    let by_alex = app
        .post_as(
            &reviews_uri(),
            json!({"client_id": "review-alex", "held_on": today, "decisions": "Mine"}),
            &alex,
        )
        .await;
    assert_eq!(by_alex.status, StatusCode::FORBIDDEN);

    // Alex sees what was decided.
    let reviews: Reviews = app.get_as(&reviews_uri(), &alex).await.json();
    assert_eq!(reviews.reviews.len(), 1);
    assert_eq!(
        reviews.reviews[0].decisions,
        "You will stay with Jo and Chris."
    );
    assert_eq!(reviews.reviews[0].by, "Sam Rivers");

    // Within 48 hours of recording it, and the plan saved before the review: not yet late.
    age(&app, 47, 2, 3).await;
    assert!(!late_on_list(&app, &sam).await);
    // More than 48 hours: late, on the worker's list and the manager's, and for the page.
    age(&app, 49, 2, 3).await;
    assert!(late_on_list(&app, &sam).await);
    assert!(late_on_list(&app, &morgan).await);
    let reviews: Reviews = app.get_as(&reviews_uri(), &sam).await.json();
    assert!(reviews.plan_not_updated_since_review);
    // A plan saved on the day of the review (before it was recorded) counts as updated.
    age(&app, 49, 2, 2).await;
    assert!(!late_on_list(&app, &sam).await);
    age(&app, 49, 2, 3).await;
    assert!(late_on_list(&app, &sam).await);
    // Sam updates the plan: no longer late.
    set_chair(&app, &sam, Value::Null)
        .await
        .expect_status(StatusCode::OK);
    assert!(!late_on_list(&app, &sam).await);
    assert!(!late_on_list(&app, &morgan).await);
    let reviews: Reviews = app.get_as(&reviews_uri(), &alex).await.json();
    assert!(!reviews.plan_not_updated_since_review);

    // Recording is audited without the decisions.
    let log: Vec<journey_core::AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "recorded a review")
            .count(),
        1
    );
    assert!(log.iter().all(|e| !e.action.contains("Jo and Chris")));
}
