//! Sessions and session feedback: recorded once however often sent, comments kept exactly
//! and shown only to whom the young person chose, notes afterwards, and the flag.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::feedback::{
    Answer, CommentFor, Feedback, FeedbackOverview, Flag, MissedReason, Question, Session,
    TeamFeedbackRow,
};
use journey_core::{ErrorBody, DEMO_YOUNG_PERSON_ID};
use serde_json::{json, Value};

fn uri(path: &str) -> String {
    format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/{path}")
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

async fn give(app: &TestApp, cookie: &str, body: Value) -> Reply {
    app.post_as(&uri("feedback"), body, cookie).await
}

async fn overview(app: &TestApp, cookie: &str) -> FeedbackOverview {
    let reply = app
        .get_as(&uri("feedback"), cookie)
        .await
        .expect_status(StatusCode::OK);
    reply.json()
}

/// Feedback where every face is the same (every question runs from sad to happy).
fn all_faces(client_id: &str, face: u8) -> Value {
    json!({
        "client_id": client_id,
        "answers": [
            {"question": "listened_to", "answer": {"face": face}},
            {"question": "put_on_the_spot", "answer": {"face": face}},
            {"question": "overall", "answer": {"face": face}},
        ],
    })
}

#[tokio::test]
async fn a_worker_records_a_session_and_the_young_person_gives_feedback_on_it() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;

    let session = json!({
        "client_id": "session-1", "held_on": today(), "kind": "one_to_one",
        "mode": "face_to_face", "with_whom": "Priya",
    });
    let reply = app
        .post_as(&uri("sessions"), session.clone(), &sam)
        .await
        .expect_status(StatusCode::CREATED);
    let made: Session = reply.json();
    // Sent again (the answer was lost): recorded once, and answered with the same one.
    let again = app.post_as(&uri("sessions"), session, &sam).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json::<Session>(), made);
    let sessions = overview(&app, &sam).await.sessions;
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].recorded_by, "Sam Rivers");
    assert!(!sessions[0].has_feedback);

    let comment = "  More time to talk about school, please 🙂\nDiolch ŵ  ";
    let reply = give(
        &app,
        &alex,
        json!({
            "client_id": "feedback-1",
            "session_id": sessions[0].id,
            "answers": [
                {"question": "listened_to", "answer": {"face": 4}},
                {"question": "what_i_wanted", "answer": "rather_not_say"},
                {"question": "overall", "answer": {"face": 5}},
            ],
            "comment": comment,
        }),
    )
    .await
    .expect_status(StatusCode::CREATED);
    // The answer is the feedback given, as the list then shows it.
    let answered: Feedback = reply.json();
    let mine = overview(&app, &alex).await;
    assert_eq!(mine.feedback.len(), 1);
    let given = &mine.feedback[0];
    assert_eq!(given, &answered);
    assert_eq!(given.comment.as_deref(), Some(comment));
    assert_eq!(given.comment_for, CommentFor::Worker);
    assert_eq!(given.score, Some(4.5));
    assert_eq!(given.session_on, Some(chrono::Utc::now().date_naive()));
    assert_eq!(given.answers[1].question, Question::WhatIWanted);
    assert_eq!(given.answers[1].answer, Answer::RatherNotSay);
    assert!(mine.sessions[0].has_feedback);
    assert_eq!(mine.flag, None);

    // Sam sees it, comment and all.
    let seen = overview(&app, &sam).await;
    assert_eq!(seen.feedback[0].comment.as_deref(), Some(comment));
    assert!(!seen.feedback[0].comment_hidden);
}

#[tokio::test]
async fn the_same_feedback_sent_twice_is_recorded_once() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let first = give(&app, &alex, all_faces("same-id", 4)).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let second = give(&app, &alex, all_faces("same-id", 4)).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(second.json::<Feedback>(), first.json::<Feedback>());
    assert_eq!(overview(&app, &alex).await.feedback.len(), 1);
    let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM feedback")
        .fetch_one(&app.db().await)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[tokio::test]
async fn everything_can_be_skipped() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let reply = give(&app, &alex, json!({"client_id": "skipped-all"}))
        .await
        .expect_status(StatusCode::CREATED);
    let given = &reply.json::<Feedback>();
    assert!(given.answers.is_empty());
    assert_eq!(given.score, None);
    assert_eq!(given.comment.as_deref(), Some(""));
}

#[tokio::test]
async fn a_comment_for_the_manager_only_is_hidden_from_the_worker() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let secret = "I don't think Sam listens to me.";
    give(
        &app,
        &alex,
        json!({"client_id": "private-1", "comment": secret, "comment_for": "manager_only",
               "answers": [{"question": "overall", "answer": {"face": 2}}]}),
    )
    .await
    .expect_status(StatusCode::CREATED);

    let for_sam = app.get_as(&uri("feedback"), &sam).await;
    assert!(
        !for_sam.text().contains(secret),
        "the comment's words never reach the worker"
    );
    let for_sam: FeedbackOverview = for_sam.json();
    assert_eq!(for_sam.feedback[0].comment, None);
    assert!(for_sam.feedback[0].comment_hidden);
    // Sam still sees the score, so a hard session is talked about.
    assert_eq!(for_sam.feedback[0].score, Some(2.0));
    assert_eq!(for_sam.flag, Some(Flag::LowScore));

    for cookie in [&morgan, &alex] {
        let seen = overview(&app, cookie).await;
        assert_eq!(seen.feedback[0].comment.as_deref(), Some(secret));
        assert!(!seen.feedback[0].comment_hidden);
    }
}

#[tokio::test]
async fn feeling_put_on_the_spot_a_lot_shows_the_worker_the_low_score_flag() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    // Alex answers only "Did you feel put on the spot?", with the first face: "A lot".
    give(
        &app,
        &alex,
        json!({"client_id": "on-the-spot", "answers": [
            {"question": "put_on_the_spot", "answer": {"face": 1}}]}),
    )
    .await
    .expect_status(StatusCode::CREATED);
    let seen = overview(&app, &sam).await;
    assert_eq!(seen.feedback[0].score, Some(1.0));
    assert_eq!(seen.flag, Some(Flag::LowScore));
    // The list of young people shows it too (from the stored score).
    let rows: Vec<TeamFeedbackRow> = app.get_as("/api/v1/feedback/team", &sam).await.json();
    let alex_row = rows
        .iter()
        .find(|r| r.young_person_id.as_str() == DEMO_YOUNG_PERSON_ID)
        .unwrap();
    assert_eq!(alex_row.latest_score, Some(1.0));
    assert_eq!(alex_row.flag, Some(Flag::LowScore));
}

#[tokio::test]
async fn a_low_score_or_two_drops_in_a_row_show_a_flag() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    give(&app, &alex, all_faces("f1", 5)).await;
    assert_eq!(overview(&app, &sam).await.flag, None);
    give(&app, &alex, all_faces("f2", 4)).await;
    assert_eq!(overview(&app, &sam).await.flag, None);
    give(&app, &alex, all_faces("f3", 3)).await;
    assert_eq!(overview(&app, &sam).await.flag, Some(Flag::FellTwice));
    give(&app, &alex, all_faces("f4", 1)).await;
    assert_eq!(overview(&app, &sam).await.flag, Some(Flag::LowScore));

    // The team view shows it too, for the worker and their manager.
    for cookie in [&sam, &morgan] {
        let reply = app
            .get_as("/api/v1/feedback/team", cookie)
            .await
            .expect_status(StatusCode::OK);
        let rows: Vec<TeamFeedbackRow> = reply.json();
        let names: Vec<&str> = rows.iter().map(|r| r.first_name.as_str()).collect();
        assert_eq!(names, ["Alex", "Jordan"]);
        assert_eq!(rows[0].latest_score, Some(1.0));
        assert_eq!(rows[0].flag, Some(Flag::LowScore));
        assert_eq!(rows[1].latest_score, None);
        assert_eq!(rows[1].flag, None);
    }
    // Feeling better again: the flag goes.
    give(&app, &alex, all_faces("f5", 4)).await;
    assert_eq!(overview(&app, &sam).await.flag, None);
}

#[tokio::test]
async fn notes_afterwards_say_who_wrote_them() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let given: Feedback = give(&app, &alex, all_faces("noted", 3)).await.json();
    let id = given.id;
    let path = uri(&format!("feedback/{id}/follow-ups"));

    let breaks = json!({"words": "You said you wanted more breaks. We now stop halfway.",
                        "client_id": "note-breaks"});
    app.post_as(&path, breaks.clone(), &sam)
        .await
        .expect_status(StatusCode::CREATED);
    // Sent again with its client_id (its answer lost on a bad signal): kept once, `200`.
    let again = app
        .post_as(&path, breaks, &sam)
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(again.json::<Feedback>().follow_ups.len(), 1);
    let reply = app
        .post_as(&path, json!({"words": "The breaks help ✨"}), &alex)
        .await
        .expect_status(StatusCode::CREATED);
    // The answer is the feedback noted, with its notes.
    let noted: Feedback = reply.json();
    assert_eq!(noted.id, id);
    let notes = &noted.follow_ups;
    assert_eq!(notes.len(), 2);
    assert_eq!(
        (notes[0].by.as_str(), notes[0].by_young_person),
        ("Sam Rivers", false)
    );
    assert_eq!(
        (notes[1].by.as_str(), notes[1].by_young_person),
        ("Alex", true)
    );
    assert_eq!(notes[1].words, "The breaks help ✨");

    // A note on a later answer stays with that answer.
    let later: Feedback = give(&app, &alex, all_faces("later", 4)).await.json();
    let later_id = later.id;
    assert_eq!(overview(&app, &alex).await.feedback[1].id, later_id);
    app.post_as(
        &uri(&format!("feedback/{later_id}/follow-ups")),
        json!({"words": "Noted, thanks"}),
        &sam,
    )
    .await
    .expect_status(StatusCode::CREATED);
    let all = overview(&app, &alex).await;
    assert_eq!(all.feedback[0].follow_ups.len(), 2);
    assert_eq!(all.feedback[1].follow_ups.len(), 1);
    assert_eq!(all.feedback[1].follow_ups[0].words, "Noted, thanks");
    // The same client_id on other feedback is someone else's note: refused, not kept.
    let elsewhere = app
        .post_as(
            &uri(&format!("feedback/{later_id}/follow-ups")),
            json!({"words": "Something else", "client_id": "note-breaks"}),
            &sam,
        )
        .await;
    assert_conflict(&elsewhere);
    assert_eq!(overview(&app, &alex).await.feedback[1].follow_ups.len(), 1);

    let empty = app.post_as(&path, json!({"words": "  "}), &alex).await;
    assert_invalid(&empty);
    for missing in [
        "feedback/99999/follow-ups",
        "feedback/not-a-number/follow-ups",
    ] {
        let reply = app
            .post_as(&uri(missing), json!({"words": "Hello"}), &alex)
            .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{missing}");
    }
}

#[tokio::test]
async fn missed_sessions_are_kept_in_kind_words() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let reply = app
        .post_as(
            &uri("sessions"),
            json!({"client_id": "missed-1", "held_on": today(), "kind": "group",
                   "mode": "online", "missed": "couldnt_make_it"}),
            &sam,
        )
        .await
        .expect_status(StatusCode::CREATED);
    let session = &reply.json::<Session>();
    assert_eq!(session.missed, Some(MissedReason::CouldntMakeIt));
    assert_eq!(
        MissedReason::CouldntMakeIt.label(journey_core::Lang::En),
        "Couldn't make it"
    );
    // The audit log says it kindly too.
    let (action,): (String,) =
        sqlx::query_as("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.db().await)
            .await
            .unwrap();
    assert_eq!(action, "recorded a session that didn't happen");
}

#[tokio::test]
async fn bad_feedback_and_sessions_are_explained_and_nothing_is_recorded() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let too_long = "ŵ".repeat(journey_core::feedback::MAX_COMMENT_CHARS + 1);
    // A session that is someone else's (Jordan's) is no more Alex's than one that
    // doesn't exist.
    let jordans: Session = app
        .post_as(
            &format!("/api/v1/young-people/{JORDAN_ID}/sessions"),
            json!({"client_id": "jordan-1", "held_on": today(), "kind": "one_to_one", "mode": "phone"}),
            &sam,
        )
        .await
        .json();
    for (body, field) in [
        (
            json!({"client_id": "bad-4", "session_id": jordans.id}),
            "session_id",
        ),
        (
            json!({"client_id": "bad-1", "answers": [{"question": "overall", "answer": {"face": 9}}]}),
            "answers[0]",
        ),
        (
            json!({"client_id": "bad-2", "comment": too_long}),
            "comment",
        ),
        (json!({"client_id": "has space"}), "client_id"),
        (
            json!({"client_id": "bad-3", "session_id": 4242}),
            "session_id",
        ),
    ] {
        let reply = give(&app, &alex, body).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.text()
        );
        let error: ErrorBody = reply.json();
        assert_eq!(error.error.field.as_deref(), Some(field));
    }
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(1)).to_string();
    let reply = app
        .post_as(
            &uri("sessions"),
            json!({"client_id": "s-future", "held_on": tomorrow, "kind": "one_to_one", "mode": "phone"}),
            &sam,
        )
        .await;
    assert_invalid(&reply);
    // Unknown fields are refused, not ignored.
    let reply = give(&app, &alex, json!({"client_id": "x", "mood": 3})).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);

    let nothing = overview(&app, &sam).await;
    assert!(nothing.feedback.is_empty() && nothing.sessions.is_empty());
    let jordan = app
        .get_as(&format!("/api/v1/young-people/{JORDAN_ID}/feedback"), &sam)
        .await
        .json::<FeedbackOverview>();
    assert!(jordan.feedback.is_empty());
}

#[tokio::test]
async fn scores_stored_the_old_way_are_corrected_once_at_start_up() {
    // Runs on SQLite, and on PostgreSQL when JOURNEY_TEST_POSTGRES is set.
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    give(
        &app,
        &alex,
        json!({"client_id": "before-the-fix", "answers": [
            {"question": "put_on_the_spot", "answer": {"face": 1}}]}),
    )
    .await;
    let db = app.db().await;
    // As a server before the fix stored it: "A lot" turned round to 5 out of 5, and the
    // fix not yet applied.
    sqlx::query("UPDATE feedback SET score = 5 WHERE client_id = 'before-the-fix'")
        .execute(&db)
        .await
        .unwrap();
    sqlx::query("DELETE FROM data_fixes")
        .execute(&db)
        .await
        .unwrap();
    let rows: Vec<TeamFeedbackRow> = app.get_as("/api/v1/feedback/team", &sam).await.json();
    assert_eq!(rows[0].latest_score, Some(5.0));
    assert_eq!(rows[0].flag, None, "missed: the reason for the fix");

    let fixed = app.state.store.apply_data_fixes().await.unwrap();
    assert_eq!(fixed, [journey_server::store::fixes::FEEDBACK_SCORES]);
    let rows: Vec<TeamFeedbackRow> = app.get_as("/api/v1/feedback/team", &sam).await.json();
    assert_eq!(rows[0].latest_score, Some(1.0));
    assert_eq!(rows[0].flag, Some(Flag::LowScore));
    // Once: the next start leaves the scores alone.
    assert!(app.state.store.apply_data_fixes().await.unwrap().is_empty());
}
