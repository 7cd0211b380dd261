//! Plans kept up to date together: edits as versions, what's new, "My view", new workers.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::changes::PlanChange;
use journey_core::i18n::words::Problem;
use journey_core::{
    AuditEntry, ErrorBody, Journey, MyView, Plan, PlanSaved, PlanVersionSummary, Stance,
    StepStatus, YoungPersonListItem, DEMO_YOUNG_PERSON_ID,
};
use serde_json::json;

const ALEX_ID: &str = DEMO_YOUNG_PERSON_ID;

fn plan_uri(id: &str) -> String {
    format!("/api/v1/young-people/{id}/plan")
}

async fn journey_of(app: &TestApp, id: &str, cookie: &str) -> Journey {
    let reply = app
        .get_as(&journey_uri(id), cookie)
        .await
        .expect_status(StatusCode::OK);
    reply.json()
}

/// What's new in Alex's plan for the holder of `cookie`.
async fn whats_new(app: &TestApp, cookie: &str) -> Vec<PlanChange> {
    journey_of(app, ALEX_ID, cookie).await.new_since_last_look
}

/// Says the holder of `cookie` has seen Alex's plan up to `version`.
async fn see_plan(app: &TestApp, cookie: &str, version: i64) -> Reply {
    app.post_as(
        &format!("{}/seen", journey_uri(ALEX_ID)),
        json!({ "version": version }),
        cookie,
    )
    .await
}

async fn put_plan(
    app: &TestApp,
    id: &str,
    based_on: Option<i64>,
    plan: &Plan,
    cookie: &str,
) -> Reply {
    app.put_as(
        &plan_uri(id),
        json!({"based_on": based_on, "plan": plan}),
        cookie,
    )
    .await
}

#[tokio::test]
async fn a_worker_edits_the_plan_as_a_new_version_and_the_history_says_who_and_what() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let journey = journey_of(&app, ALEX_ID, &sam).await;
    assert_eq!(journey.plan_version, 1);
    let mut plan = journey.plan.clone();
    plan.steps[2].status = StepStatus::Done;
    plan.steps.push(journey_core::PlanStep {
        id: String::new(),
        what: "Join the Saturday football club".into(),
        who: "Me and Jo".into(),
        by_when: None,
        status: StepStatus::ComingUp,
    });
    let reply = put_plan(&app, ALEX_ID, Some(1), &plan, &sam)
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(reply.json::<PlanSaved>().version, 2);

    let saved = journey_of(&app, ALEX_ID, &sam).await;
    assert_eq!(saved.plan_version, 2);
    let new_step = saved.plan.steps.last().unwrap();
    assert!(
        new_step.id.starts_with("step-"),
        "the server gave the new step an id"
    );

    let history: Vec<PlanVersionSummary> = app
        .get_as(&format!("{}/history", plan_uri(ALEX_ID)), &sam)
        .await
        .json();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].version, 2);
    assert_eq!(history[0].by, "Sam Rivers (worker)");
    assert_eq!(
        history[0].changes,
        [
            PlanChange::StepStatus {
                what: "Set up a day out with Kai.".into(),
                status: StepStatus::Done
            },
            PlanChange::StepAdded {
                what: "Join the Saturday football club".into()
            },
        ]
    );
    // The first version is kept as it was.
    assert_eq!(history[1].version, 1);
    assert!(history[1].changes.is_empty());
}

#[tokio::test]
async fn the_same_plan_edit_sent_again_saves_one_version() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let mut plan = journey_of(&app, ALEX_ID, &sam).await.plan;
    plan.reason = "Sam's new words".into();
    plan.steps.push(journey_core::PlanStep {
        id: String::new(),
        what: "Try the climbing wall".into(),
        who: "Me and Sam".into(),
        by_when: None,
        status: StepStatus::ComingUp,
    });
    let first = put_plan(&app, ALEX_ID, Some(1), &plan, &sam)
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(first.json::<PlanSaved>().version, 2);
    // Its answer lost on a bad signal, Save is pressed again: the version it made, once
    // (the new step keeps the id it was given the first time).
    let again = put_plan(&app, ALEX_ID, Some(1), &plan, &sam)
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(again.json::<PlanSaved>().version, 2);
    let history: Vec<PlanVersionSummary> = app
        .get_as(&format!("{}/history", plan_uri(ALEX_ID)), &sam)
        .await
        .json();
    assert_eq!(history.len(), 2);
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    let changed = log
        .iter()
        .filter(|e| e.action == "changed the plan (version 2)")
        .count();
    assert_eq!(changed, 1);
    // A different edit based on the same old version is still a clash.
    plan.contingency = "Something else".into();
    let other = put_plan(&app, ALEX_ID, Some(1), &plan, &sam).await;
    assert_conflict(&other);
    assert_eq!(error_code(&other), Some(Problem::plan_changed_meanwhile));
    assert_eq!(journey_of(&app, ALEX_ID, &sam).await.plan_version, 2);
}

#[tokio::test]
async fn an_edit_based_on_an_old_version_is_refused_and_nothing_is_lost() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let plan = journey_of(&app, ALEX_ID, &sam).await.plan;
    let mut mine = plan.clone();
    mine.reason = "Sam's words".into();
    let mut theirs = plan.clone();
    theirs.reason = "Morgan's words".into();
    assert_eq!(
        put_plan(&app, ALEX_ID, Some(1), &theirs, &morgan)
            .await
            .status,
        StatusCode::OK
    );
    let stale = put_plan(&app, ALEX_ID, Some(1), &mine, &sam).await;
    assert_conflict(&stale);
    assert_eq!(error_code(&stale), Some(Problem::plan_changed_meanwhile));
    assert_eq!(
        journey_of(&app, ALEX_ID, &sam).await.plan.reason,
        "Morgan's words"
    );
    // Saving again on top of the newest version works.
    assert_eq!(
        put_plan(&app, ALEX_ID, Some(2), &mine, &sam).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_invalid_plan_is_explained_field_by_field_and_not_saved() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let mut plan = journey_of(&app, ALEX_ID, &sam).await.plan;
    plan.reason = " ".into();
    plan.steps[0].what = String::new();
    let reply = put_plan(&app, ALEX_ID, Some(1), &plan, &sam).await;
    assert_invalid(&reply);
    let fields: Vec<String> = error_fields(&reply);
    assert_eq!(fields, ["reason", "steps[0].what"]);
    assert_eq!(journey_of(&app, ALEX_ID, &sam).await.plan_version, 1);
}

#[tokio::test]
async fn young_people_cannot_edit_plans_and_other_workers_cannot_find_them() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let plan = journey_of(&app, ALEX_ID, &sam).await.plan;
    let reply = put_plan(&app, ALEX_ID, Some(1), &plan, &alex).await;
    assert_forbidden(&reply);
    let reply = put_plan(&app, JORDAN_ID, Some(1), &plan, &alex).await;
    assert_not_found(&reply);
}

#[tokio::test]
async fn the_young_person_sees_whats_new_since_they_last_looked() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let first = journey_of(&app, ALEX_ID, &alex).await;
    assert!(first.new_since_last_look.is_empty());
    let seen = see_plan(&app, &alex, first.plan_version).await;
    assert_eq!(seen.status, StatusCode::NO_CONTENT);

    let mut plan = first.plan.clone();
    plan.steps[3].status = StepStatus::HappeningNow;
    assert_eq!(
        put_plan(&app, ALEX_ID, Some(1), &plan, &sam).await.status,
        StatusCode::OK
    );

    let after = journey_of(&app, ALEX_ID, &alex).await;
    assert_eq!(
        after.new_since_last_look,
        [PlanChange::StepStatus {
            what: plan.steps[3].what.clone(),
            status: StepStatus::HappeningNow
        }]
    );
    // Still there after a reload, until they say they've seen it.
    assert_eq!(whats_new(&app, &alex).await.len(), 1);
    // Staff never get the young person's "what's new".
    assert!(whats_new(&app, &sam).await.is_empty());
    let by_staff = see_plan(&app, &sam, 2).await;
    assert_forbidden(&by_staff);

    see_plan(&app, &alex, 2).await;
    assert!(whats_new(&app, &alex).await.is_empty());
    // Seeing an older version again doesn't bring old news back.
    see_plan(&app, &alex, 1).await;
    assert!(whats_new(&app, &alex).await.is_empty());
}

#[tokio::test]
async fn my_view_is_kept_exactly_as_typed_and_says_who_said_it() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let words = "  I'd like to see Kai every week 🙂\nDw i'n hapus — ŵ ŷ  ";
    // Read first, so a server that kept the journey's views would be caught out below.
    assert!(journey_of(&app, ALEX_ID, &alex).await.views.is_empty());
    app.post_as(
        &format!("/api/v1/young-people/{ALEX_ID}/views"),
        json!({"step_id": "demo-step-3", "stance": "not_sure", "words": words}),
        &alex,
    )
    .await
    .expect_status(StatusCode::CREATED);
    assert_eq!(journey_of(&app, ALEX_ID, &sam).await.views.len(), 1);
    app.post_as(
        &format!("/api/v1/young-people/{ALEX_ID}/views"),
        json!({"stance": "agree", "words": "Alex said this in our session."}),
        &sam,
    )
    .await
    .expect_status(StatusCode::CREATED);

    let views: Vec<MyView> = journey_of(&app, ALEX_ID, &alex).await.views;
    assert_eq!(views.len(), 2);
    assert_eq!(views[0].words.as_bytes(), words.as_bytes());
    assert_eq!(views[0].step_id.as_deref(), Some("demo-step-3"));
    assert_eq!(views[0].stance, Some(Stance::NotSure));
    assert_eq!(
        (views[0].by.as_str(), views[0].by_young_person),
        ("Alex", true)
    );
    assert_eq!(views[1].step_id, None);
    assert_eq!(
        (views[1].by.as_str(), views[1].by_young_person),
        ("Sam Rivers (worker)", false)
    );
}

#[tokio::test]
async fn a_view_sent_twice_with_its_client_id_is_kept_once() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let uri = format!("/api/v1/young-people/{ALEX_ID}/views");
    let send = |client_id: &str| json!({"step_id": "demo-step-3", "stance": "not_sure", "words": "Can we go slower?", "client_id": client_id});
    // Sent at once twice (a try given up on a bad signal, then Save again): one view.
    let (first, second) = tokio::join!(
        app.post_as(&uri, send("my-view-1"), &alex),
        app.post_as(&uri, send("my-view-1"), &alex)
    );
    let mut statuses = [first.status.as_u16(), second.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 201], "{} {}", first.text(), second.text());
    let kept = first.json::<MyView>();
    assert_eq!(kept, second.json::<MyView>());
    assert_eq!(kept.words, "Can we go slower?");
    // Again after Sam replied: the view as it is now, with the reply, and still one.
    app.post_as(
        &format!("{uri}/{}/replies", kept.id),
        json!({"words": "Yes, let's talk on Tuesday."}),
        &sam,
    )
    .await
    .expect_status(StatusCode::CREATED);
    let again = app
        .post_as(&uri, send("my-view-1"), &alex)
        .await
        .expect_status(StatusCode::OK);
    let again = again.json::<MyView>();
    assert_eq!((again.id, again.replies.len()), (kept.id, 1));
    assert_eq!(again.replies[0].words, "Yes, let's talk on Tuesday.");
    let views = journey_of(&app, ALEX_ID, &alex).await.views;
    assert_eq!(views.len(), 1, "{views:?}");
    // Audited once.
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    let added = log
        .iter()
        .filter(|e| e.action == "added their view to the plan")
        .count();
    assert_eq!(added, 1);
    // The same client_id for another young person is refused, and nothing is kept.
    let jordans = journey_of(&app, JORDAN_ID, &sam).await.views;
    app.post_as(
        &format!("/api/v1/young-people/{JORDAN_ID}/views"),
        json!({"stance": "agree", "client_id": "my-view-1"}),
        &sam,
    )
    .await
    .expect_status(StatusCode::CONFLICT);
    assert_eq!(journey_of(&app, JORDAN_ID, &sam).await.views, jordans);
    // A client_id that is not one is refused as bad input; no client_id keeps each send.
    assert_invalid(&app.post_as(&uri, send("not one!"), &alex).await);
    for _ in 0..2 {
        app.post_as(&uri, json!({"stance": "agree"}), &alex)
            .await
            .expect_status(StatusCode::CREATED);
    }
    assert_eq!(journey_of(&app, ALEX_ID, &alex).await.views.len(), 3);
}

#[tokio::test]
async fn a_view_needs_something_in_it_and_a_real_step() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let uri = format!("/api/v1/young-people/{ALEX_ID}/views");
    let empty = app.post_as(&uri, json!({"words": "   "}), &alex).await;
    assert_invalid(&empty);
    let no_step = app
        .post_as(&uri, json!({"step_id": "nope", "stance": "agree"}), &alex)
        .await;
    assert_invalid(&no_step);
    assert_eq!(
        no_step.json::<ErrorBody>().error.field.as_deref(),
        Some("step_id")
    );
    let other = app
        .post_as(
            &format!("/api/v1/young-people/{JORDAN_ID}/views"),
            json!({"stance": "agree"}),
            &alex,
        )
        .await;
    assert_not_found(&other);
    assert!(journey_of(&app, ALEX_ID, &alex).await.views.is_empty());
}

#[tokio::test]
async fn when_the_worker_changes_the_young_person_is_told_who_and_why() {
    let app = spawn_app(true).await;
    app.add_staff("Priya Shah", "priya", "Demo team", false, "priya password")
        .await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    assert!(journey_of(&app, ALEX_ID, &sam)
        .await
        .worker_changes
        .is_empty());
    let uri = format!("/api/v1/young-people/{ALEX_ID}/worker");
    let why = "Sam is moving to a new team. Priya will be your worker from now on.";
    let by_sam = app
        .post_as(&uri, json!({"worker_username": "priya", "why": why}), &sam)
        .await;
    assert_forbidden(&by_sam);
    let unknown = app
        .post_as(
            &uri,
            json!({"worker_username": "nobody", "why": why}),
            &morgan,
        )
        .await;
    assert_invalid(&unknown);
    assert_eq!(error_code(&unknown), Some(Problem::no_worker_in_team));
    app.post_as(
        &uri,
        json!({"worker_username": "priya", "why": why}),
        &morgan,
    )
    .await
    .expect_status(StatusCode::NO_CONTENT);
    let same = app
        .post_as(
            &uri,
            json!({"worker_username": "priya", "why": why}),
            &morgan,
        )
        .await;
    assert_invalid(&same);
    assert_eq!(error_code(&same), Some(Problem::already_their_worker));

    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let journey = journey_of(&app, ALEX_ID, &alex).await;
    assert_eq!(journey.worker.unwrap().name, "Priya Shah");
    assert_eq!(journey.worker_changes.len(), 1);
    assert_eq!(journey.worker_changes[0].new_worker, "Priya Shah");
    assert_eq!(
        journey.worker_changes[0].previous_worker.as_deref(),
        Some("Sam Rivers")
    );
    assert_eq!(journey.worker_changes[0].why, why);
    // Sam no longer supports Alex, so can no longer see Alex's records.
    assert_eq!(
        app.get_as(&journey_uri(ALEX_ID), &sam).await.status,
        StatusCode::NOT_FOUND
    );
    let priya = app.sign_in("priya", "priya password").await;
    assert_eq!(
        app.get_as(&journey_uri(ALEX_ID), &priya).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn workers_see_overdue_reviews_and_steps_in_their_list() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let mut plan = journey_of(&app, ALEX_ID, &sam).await.plan;
    let today = chrono::Utc::now().date_naive();
    let last_week = today - chrono::Days::new(7);
    plan.next_review = last_week;
    plan.steps[2].by_when = Some(last_week); // coming up, date passed
    plan.steps[0].by_when = Some(last_week); // done: never overdue
    assert_eq!(
        put_plan(&app, ALEX_ID, Some(1), &plan, &sam).await.status,
        StatusCode::OK
    );
    let list: Vec<YoungPersonListItem> = app.get_as("/api/v1/young-people", &sam).await.json();
    let alex = list.iter().find(|p| p.first_name == "Alex").unwrap();
    assert!(alex.review_overdue);
    assert_eq!(alex.overdue_steps, 1);
    let jordan = list.iter().find(|p| p.first_name == "Jordan").unwrap();
    assert!(!jordan.review_overdue);
    assert_eq!(jordan.overdue_steps, 0);
}

#[tokio::test]
async fn plan_edits_and_views_are_audited() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let plan = journey_of(&app, ALEX_ID, &sam).await.plan;
    put_plan(&app, ALEX_ID, Some(1), &plan, &sam).await;
    app.post_as(
        &format!("/api/v1/young-people/{ALEX_ID}/views"),
        json!({"stance": "agree"}),
        &alex,
    )
    .await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    assert!(log
        .iter()
        .any(|e| e.who == "Sam Rivers (worker)"
            && e.action.starts_with("changed the plan (version ")));
    assert!(log
        .iter()
        .any(|e| e.who == "Alex (young person)" && e.action == "added their view to the plan"));
}

#[tokio::test]
async fn a_worker_writes_the_first_plan_for_a_new_young_person() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let invite: journey_core::Invite = app
        .post_as("/api/v1/young-people", json!({"first_name": "Robin"}), &sam)
        .await
        .json();
    let id = invite.young_person_id.to_string();
    let empty: journey_core::PlanForEditing = app.get_as(&plan_uri(&id), &sam).await.json();
    assert_eq!(
        (empty.first_name.as_str(), empty.version, empty.plan),
        ("Robin", None, None)
    );
    let plan = journey_server::demo::demo_plan(chrono::Utc::now().date_naive());
    let reply = put_plan(&app, &id, None, &plan, &sam)
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(reply.json::<PlanSaved>().version, 1);
    let now: journey_core::PlanForEditing = app.get_as(&plan_uri(&id), &sam).await.json();
    assert_eq!(now.version, Some(1));
    // A young person can't open the editor's view of the plan.
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let reply = app.get_as(&plan_uri(ALEX_ID), &alex).await;
    assert_forbidden(&reply);
}

/// Found while fuzzing: "seen" took any number, so `{"version": 99}` (or a retry from an
/// old tab for another record) was stored and hid every later change from "what's new".
#[tokio::test]
async fn seeing_a_version_that_does_not_exist_is_refused_and_nothing_is_stored() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let seen_uri = format!("{}/seen", journey_uri(ALEX_ID));
    for version in [99, 0, -1, i64::MAX] {
        let reply = app
            .post_as(&seen_uri, json!({ "version": version }), &alex)
            .await;
        assert_invalid(&reply);
        assert_eq!(error_code(&reply), Some(Problem::plan_version_missing));
        let body: ErrorBody = reply.json();
        assert_eq!(body.error.field.as_deref(), Some("version"));
    }
    let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM plan_seen")
        .fetch_one(&app.db().await)
        .await
        .unwrap();
    assert_eq!(stored, 0);

    // So the next change still shows as new.
    let first = journey_of(&app, ALEX_ID, &alex).await;
    let mut plan = first.plan.clone();
    plan.steps[3].status = StepStatus::HappeningNow;
    let seen = app.post_as(&seen_uri, json!({"version": 1}), &alex).await;
    assert_eq!(seen.status, StatusCode::NO_CONTENT);
    assert_eq!(
        put_plan(&app, ALEX_ID, Some(1), &plan, &sam).await.status,
        StatusCode::OK
    );
    assert_eq!(whats_new(&app, &alex).await.len(), 1);
}
