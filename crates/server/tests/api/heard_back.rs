//! Replies to "My view", the worker's list of views waiting for one, and "What's happened
//! since you told us" with its count.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::{
    AuditEntry, HeardBack, HeardBackKind, Journey, MyView, ViewReply, YoungPersonListItem,
    DEMO_YOUNG_PERSON_ID,
};
use serde_json::json;

const ALEX_ID: &str = DEMO_YOUNG_PERSON_ID;

fn uri(path: &str) -> String {
    format!("/api/v1/young-people/{ALEX_ID}/{path}")
}

async fn add_view(app: &TestApp, cookie: &str, stance: &str) -> MyView {
    let reply = app
        .post_as(
            &uri("views"),
            json!({"stance": stance, "words": "I don't want to move school."}),
            cookie,
        )
        .await
        .expect_status(StatusCode::CREATED);
    reply.json()
}

async fn reply_to(app: &TestApp, cookie: &str, view: i64, body: serde_json::Value) -> Reply {
    app.post_as(&uri(&format!("views/{view}/replies")), body, cookie)
        .await
}

/// Says the young person has seen "What's happened since you told us" up to `up_to`.
async fn see_up_to(app: &TestApp, cookie: &str, up_to: impl serde::Serialize) -> Reply {
    app.post_as(&uri("heard-back/seen"), json!({ "up_to": up_to }), cookie)
        .await
}

async fn heard_back(app: &TestApp, cookie: &str) -> HeardBack {
    let reply = app
        .get_as(&uri("heard-back"), cookie)
        .await
        .expect_status(StatusCode::OK);
    reply.json()
}

async fn waiting_for_alex(app: &TestApp, cookie: &str) -> usize {
    let list: Vec<YoungPersonListItem> = app.get_as("/api/v1/young-people", cookie).await.json();
    list.iter()
        .find(|p| p.first_name == "Alex")
        .unwrap()
        .views_waiting
}

#[tokio::test]
async fn a_reply_to_a_view_shows_under_it_and_in_what_has_happened() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    // Only the demo's reply to Alex's good news is there; Alex has looked at it.
    let demo = heard_back(&app, &alex).await;
    let kinds: Vec<HeardBackKind> = demo.items.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [HeardBackKind::GoodNewsReply]);
    see_up_to(&app, &alex, demo.items[0].at).await;
    assert_eq!(heard_back(&app, &alex).await.unseen, 0);
    // Read first, so a server that kept the journey's views would be caught out below.
    let _: Journey = app.get_as(&journey_uri(ALEX_ID), &alex).await.json();

    add_view(&app, &alex, "agree").await;
    assert_eq!(
        waiting_for_alex(&app, &sam).await,
        0,
        "agreeing wants no reply"
    );
    let view = add_view(&app, &alex, "dont_agree").await;
    add_view(&app, &alex, "not_sure").await;
    assert_eq!(waiting_for_alex(&app, &sam).await, 2);
    assert_eq!(waiting_for_alex(&app, &morgan).await, 2);

    let words = "  We'll talk about it on Tuesday.\nYou won't have to move 🙂 ";
    let first = reply_to(
        &app,
        &sam,
        view.id,
        json!({"words": words, "client_id": "reply-1"}),
    )
    .await
    .expect_status(StatusCode::CREATED);
    let first: ViewReply = first.json();
    assert_eq!(first.words, words, "kept exactly as written");
    assert_eq!(first.by, "Sam Rivers");
    // Sent again from the outbox: kept once.
    let again = reply_to(
        &app,
        &sam,
        view.id,
        json!({"words": words, "client_id": "reply-1"}),
    )
    .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json::<ViewReply>(), first);
    assert_eq!(waiting_for_alex(&app, &sam).await, 1);

    // Under the view, for Alex and for staff.
    for cookie in [&alex, &sam] {
        let journey: Journey = app.get_as(&journey_uri(ALEX_ID), cookie).await.json();
        let shown = journey.views.iter().find(|v| v.id == view.id).unwrap();
        assert_eq!(shown.replies, std::slice::from_ref(&first));
        assert!(journey
            .views
            .iter()
            .filter(|v| v.id != view.id)
            .all(|v| v.replies.is_empty()));
    }

    // In the list, new until Alex has looked.
    let list = heard_back(&app, &alex).await;
    assert_eq!(list.unseen, 1);
    assert_eq!(list.items.len(), 2);
    let item = &list.items[0];
    assert_eq!(item.kind, HeardBackKind::ViewReply);
    assert_eq!(
        (item.by.as_str(), item.words.as_str()),
        ("Sam Rivers", words)
    );
    assert_eq!(item.at, first.at);
    assert!(item.link.starts_with('/'));
    see_up_to(&app, &alex, item.at)
        .await
        .expect_status(StatusCode::NO_CONTENT);
    assert_eq!(heard_back(&app, &alex).await.unseen, 0);
    // Looking at an older list later does not bring the count back.
    see_up_to(&app, &alex, "2020-01-01T00:00:00Z").await;
    assert_eq!(heard_back(&app, &alex).await.unseen, 0);

    // A manager replies too: new again, newest first.
    let later: ViewReply = reply_to(
        &app,
        &morgan,
        view.id,
        json!({"words": "I agree with Sam."}),
    )
    .await
    .json();
    let list = heard_back(&app, &alex).await;
    assert_eq!(list.unseen, 1);
    assert_eq!(list.items[0].by, "Morgan Lee");
    assert_eq!(list.items[0].at, later.at);
    let journey: Journey = app.get_as(&journey_uri(ALEX_ID), &alex).await.json();
    let shown = journey.views.iter().find(|v| v.id == view.id).unwrap();
    assert_eq!(shown.replies, [first, later], "oldest first");
}

#[tokio::test]
async fn what_has_happened_gathers_every_answer_newest_first_and_nothing_staff_only() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;

    // Feedback, with a note from Alex (their own words: not an answer) and one from Sam.
    let feedback: serde_json::Value = app
        .post_as(&uri("feedback"), json!({"client_id": "hb-feedback"}), &alex)
        .await
        .json();
    let feedback_id = feedback["id"].as_i64().unwrap();
    let follow_ups = uri(&format!("feedback/{feedback_id}/follow-ups"));
    app.post_as(&follow_ups, json!({"words": "Can we meet later?"}), &alex)
        .await
        .expect_status(StatusCode::CREATED);
    app.post_as(&follow_ups, json!({"words": "We now meet at 4."}), &sam)
        .await
        .expect_status(StatusCode::CREATED);

    // A concern, answered by Morgan.
    let concern: serde_json::Value = app
        .post_as(
            &uri("concerns"),
            json!({"client_id": "hb-concern", "about": "something_else", "words": "The bus is late."}),
            &alex,
        )
        .await
        .json();
    app.post_as(
        &format!("/api/v1/concerns/{}/reply", concern["id"].as_str().unwrap()),
        json!({"words": "We asked for an earlier bus."}),
        &morgan,
    )
    .await
    .expect_status(StatusCode::OK);

    // "I don't feel safe": the staff-only note never shows, the message does.
    let flag: serde_json::Value = app
        .post_as(&uri("safety"), json!({"client_id": "hb-safety"}), &alex)
        .await
        .json();
    let acted = app
        .post_as(
            &format!("/api/v1/safety/{}/actions", flag["id"].as_str().unwrap()),
            json!({"words": "STAFF ONLY: called the placement.", "message": "I'm coming to see you at 10."}),
            &sam,
        )
        .await;
    assert!(acted.status.is_success(), "{}", acted.text());

    // A reply to a view.
    let view = add_view(&app, &alex, "not_sure").await;
    let replied = reply_to(
        &app,
        &sam,
        view.id,
        json!({"words": "Let's go through it."}),
    )
    .await;
    assert_eq!(replied.status, StatusCode::CREATED);

    let list = heard_back(&app, &alex).await;
    let kinds: Vec<(HeardBackKind, &str, &str, &str)> = list
        .items
        .iter()
        .map(|i| (i.kind, i.by.as_str(), i.words.as_str(), i.link.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                HeardBackKind::ViewReply,
                "Sam Rivers",
                "Let's go through it.",
                HeardBackKind::ViewReply.link()
            ),
            (
                HeardBackKind::SafetyMessage,
                "Sam Rivers",
                "I'm coming to see you at 10.",
                "/"
            ),
            (
                HeardBackKind::ConcernAnswer,
                "Morgan Lee",
                "We asked for an earlier bus.",
                "/help/your-concerns"
            ),
            (
                HeardBackKind::FeedbackReply,
                "Sam Rivers",
                "We now meet at 4.",
                "/feedback"
            ),
            // The demo's, from days ago.
            (
                HeardBackKind::GoodNewsReply,
                "Sam Rivers",
                "That's brilliant, Alex! You've worked so hard at training. Tell me all about it on Friday.",
                "/good-news"
            ),
        ]
    );
    assert_eq!(list.unseen, 5);
    assert!(!list
        .items
        .iter()
        .any(|i| i.words.contains("STAFF ONLY") || i.words.contains("Can we meet")));
    // Looking up to the second newest leaves only the newest new.
    let up_to = list.items[1].at;
    see_up_to(&app, &alex, up_to).await;
    assert_eq!(heard_back(&app, &alex).await.unseen, 1);
}

#[tokio::test]
async fn only_staff_who_may_see_them_reply_and_only_with_words() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let view = add_view(&app, &alex, "dont_agree").await;

    // Alex does not reply to their own view here; only staff do.
    let own = reply_to(&app, &alex, view.id, json!({"words": "Me again"})).await;
    assert_forbidden(&own);
    for body in [
        json!({"words": "   "}),
        json!({"words": "x".repeat(1001)}),
        json!({"words": "Fine", "client_id": "has spaces"}),
    ] {
        let bad = reply_to(&app, &sam, view.id, body).await;
        assert_invalid(&bad);
    }
    let missing = reply_to(&app, &sam, 999_999, json!({"words": "Hello"})).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let not_a_number = app
        .post_as(&uri("views/abc/replies"), json!({"words": "Hello"}), &sam)
        .await;
    assert_eq!(not_a_number.status, StatusCode::NOT_FOUND);
    // A view of Alex's named under Jordan's address is not Jordan's.
    let elsewhere = app
        .post_as(
            &format!("/api/v1/young-people/{JORDAN_ID}/views/{}/replies", view.id),
            json!({"words": "Hello"}),
            &sam,
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
    // The same client_id for someone else is refused.
    let jordan_view: MyView = app
        .post_as(
            &format!("/api/v1/young-people/{JORDAN_ID}/views"),
            json!({"stance": "not_sure"}),
            &sam,
        )
        .await
        .json();
    let kept = reply_to(
        &app,
        &sam,
        view.id,
        json!({"words": "A", "client_id": "same"}),
    )
    .await;
    assert_eq!(kept.status, StatusCode::CREATED);
    app.post_as(
        &format!(
            "/api/v1/young-people/{JORDAN_ID}/views/{}/replies",
            jordan_view.id
        ),
        json!({"words": "B", "client_id": "same"}),
        &sam,
    )
    .await
    .expect_status(StatusCode::CONFLICT);
    // Nothing refused was kept.
    let journey: Journey = app.get_as(&journey_uri(ALEX_ID), &sam).await.json();
    let shown = journey.views.iter().find(|v| v.id == view.id).unwrap();
    assert_eq!(shown.replies.len(), 1);

    // The list is the young person's own: staff are refused, even theirs.
    let staff = app.get_as(&uri("heard-back"), &sam).await;
    assert_forbidden(&staff);
    let bad_seen = see_up_to(&app, &alex, "yesterday").await;
    assert!(bad_seen.status.is_client_error());
}

#[tokio::test]
async fn looking_ahead_of_time_does_not_hide_later_answers() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let view = add_view(&app, &alex, "dont_agree").await;
    let seen = see_up_to(&app, &alex, "2999-01-01T00:00:00Z").await;
    assert_eq!(seen.status, StatusCode::NO_CONTENT);
    reply_to(&app, &sam, view.id, json!({"words": "Later."})).await;
    assert_eq!(heard_back(&app, &alex).await.unseen, 1);
}

#[tokio::test]
async fn replies_are_audited_without_their_words() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let view = add_view(&app, &alex, "dont_agree").await;
    reply_to(&app, &sam, view.id, json!({"words": "Secret words 7731"})).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    let entry = log
        .iter()
        .find(|e| e.action == "replied to a view on the plan")
        .expect("the reply is audited");
    assert_eq!(entry.who, "Sam Rivers (worker)");
    assert_eq!(
        entry.young_person_id.as_ref().map(|id| id.as_str()),
        Some(ALEX_ID)
    );
    assert!(!log.iter().any(|e| e.action.contains("7731")));
}

#[tokio::test]
async fn the_demo_has_a_view_waiting_for_a_reply() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let list: Vec<YoungPersonListItem> = app.get_as("/api/v1/young-people", &sam).await.json();
    let jordan = list.iter().find(|p| p.first_name == "Jordan").unwrap();
    assert_eq!(jordan.views_waiting, 1);
    assert_eq!(waiting_for_alex(&app, &sam).await, 0);
}
