//! Goals: the young person's words kept exactly, versions, the active limit, ratings.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::{Goal, GoalStatus, Goals, Progress, DEMO_YOUNG_PERSON_ID};
use serde_json::json;

fn goals_uri(id: &str) -> String {
    format!("/api/v1/young-people/{id}/goals")
}

async fn add_goal(app: &TestApp, cookie: &str, words: &str, typed_by: Option<&str>) -> Reply {
    app.post_as(
        &goals_uri(DEMO_YOUNG_PERSON_ID),
        json!({"words": words, "agreed_by": "together", "typed_by": typed_by}),
        cookie,
    )
    .await
}

async fn goals(app: &TestApp, cookie: &str) -> Goals {
    let reply = app
        .get_as(&goals_uri(DEMO_YOUNG_PERSON_ID), cookie)
        .await
        .expect_status(StatusCode::OK);
    reply.json()
}

async fn rate(app: &TestApp, cookie: &str, client_id: &str, ratings: serde_json::Value) -> Reply {
    app.post_as(
        &format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/goal-ratings"),
        json!({"client_id": client_id, "ratings": ratings}),
        cookie,
    )
    .await
}

#[tokio::test]
async fn a_goal_is_kept_byte_for_byte_however_it_is_written() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let long = "ŵ".repeat(journey_core::goal::MAX_GOAL_CHARS);
    for words in [
        "  Feel less worried about school 😟→🙂  ",
        "Dw i eisiau siarad Cymraeg gyda fy mrawd — ŵ ŷ â\nAnd sleep better",
        long.as_str(),
    ] {
        let reply = add_goal(&app, &alex, words, None)
            .await
            .expect_status(StatusCode::CREATED);
        // The answer is the goal made, as the list then shows it.
        let made = reply.json::<Goal>();
        let saved = goals(&app, &alex).await;
        let goal = saved
            .goals
            .iter()
            .find(|g| g.words == words)
            .expect("the goal is there");
        assert_eq!(goal, &made);
        assert_eq!(goal.words.as_bytes(), words.as_bytes());
        assert_eq!(goal.typed_by, "Alex");
        assert_eq!(goal.status, GoalStatus::WorkingOnIt);
    }
}

#[tokio::test]
async fn a_goal_over_the_limit_or_empty_is_refused_kindly() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let too_long = "ŵ".repeat(journey_core::goal::MAX_GOAL_CHARS + 1);
    assert_invalid(&add_goal(&app, &alex, &too_long, None).await);
    assert_invalid(&add_goal(&app, &alex, "   ", None).await);
    assert!(goals(&app, &alex).await.goals.is_empty());
}

#[tokio::test]
async fn on_a_workers_device_the_goal_records_whose_turn_it_was() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    add_goal(&app, &sam, "See Kai every month", Some("young_person")).await;
    add_goal(&app, &sam, "Sam to find a football club", Some("worker")).await;
    let list = goals(&app, &sam).await.goals;
    let by = |words: &str| {
        list.iter()
            .find(|g| g.words == words)
            .unwrap()
            .typed_by
            .clone()
    };
    assert_eq!(by("See Kai every month"), "Alex (on Sam Rivers's device)");
    assert_eq!(by("Sam to find a football club"), "Sam Rivers (worker)");
}

#[tokio::test]
async fn no_more_than_three_goals_are_worked_on_at_once() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    for words in ["One", "Two", "Three"] {
        assert_eq!(
            add_goal(&app, &alex, words, None).await.status,
            StatusCode::CREATED
        );
    }
    let fourth = add_goal(&app, &alex, "Four", None).await;
    assert_invalid(&fourth);
    assert!(error_message(&fourth).contains("already working on 3 goals"));

    // Reaching one frees a place; taking it up again when full is refused.
    let first = goals(&app, &alex)
        .await
        .goals
        .into_iter()
        .find(|g| g.words == "One")
        .unwrap();
    let status_uri = format!("{}/{}/status", goals_uri(DEMO_YOUNG_PERSON_ID), first.id);
    let done = app
        .post_as(
            &status_uri,
            json!({"status": "achieved", "reason": "I did it!"}),
            &alex,
        )
        .await
        .expect_status(StatusCode::OK);
    let one: Goal = done.json();
    assert_eq!(one.id, first.id);
    let after = goals(&app, &alex).await;
    assert!(after.goals.contains(&one));
    assert_eq!(
        (one.status, one.closed_reason.as_deref()),
        (GoalStatus::Achieved, Some("I did it!"))
    );
    assert_eq!(
        add_goal(&app, &alex, "Four", None).await.status,
        StatusCode::CREATED
    );
    let again = app
        .post_as(&status_uri, json!({"status": "working_on_it"}), &alex)
        .await;
    assert_invalid(&again);
}

#[tokio::test]
async fn rewording_keeps_the_old_words_and_only_the_young_person_rewords() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let goal = add_goal(&app, &alex, "Be less angry", None)
        .await
        .json::<Goal>();
    let uri = format!("{}/{}/words", goals_uri(DEMO_YOUNG_PERSON_ID), goal.id);

    let by_worker = app
        .post_as(
            &uri,
            json!({"words": "Manage anger", "typed_by": "worker"}),
            &sam,
        )
        .await;
    assert_conflict(&by_worker);

    app.post_as(&uri, json!({"words": "Stay calm when people shout"}), &alex)
        .await
        .expect_status(StatusCode::OK);
    let reply = app
        .post_as(
            &uri,
            json!({"words": "Stay calm, even when people shout", "typed_by": "young_person"}),
            &sam,
        )
        .await
        .expect_status(StatusCode::OK);
    let now = reply.json::<Goal>();
    assert_eq!(goals(&app, &alex).await.goals[0], now);
    assert_eq!(now.words, "Stay calm, even when people shout");
    assert_eq!(now.typed_by, "Alex (on Sam Rivers's device)");
    let earlier: Vec<&str> = now.earlier_words.iter().map(|e| e.words.as_str()).collect();
    assert_eq!(earlier, ["Be less angry", "Stay calm when people shout"]);
}

#[tokio::test]
async fn the_same_new_words_or_status_again_change_nothing() {
    // A try given up on a bad signal may have arrived; the app sends it again.
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let goal = add_goal(&app, &alex, "Sleep better", None)
        .await
        .json::<Goal>();
    let words_uri = format!("{}/{}/words", goals_uri(DEMO_YOUNG_PERSON_ID), goal.id);
    let status_uri = format!("{}/{}/status", goals_uri(DEMO_YOUNG_PERSON_ID), goal.id);
    let reword = json!({"words": "Sleep by ten"});
    let first = app
        .post_as(&words_uri, reword.clone(), &alex)
        .await
        .expect_status(StatusCode::OK);
    let again = app
        .post_as(&words_uri, reword, &alex)
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(again.json::<Goal>(), first.json::<Goal>());
    assert_eq!(first.json::<Goal>().earlier_words.len(), 1);

    let reached = json!({"status": "achieved", "reason": "Most nights"});
    let first = app
        .post_as(&status_uri, reached.clone(), &alex)
        .await
        .expect_status(StatusCode::OK);
    let again = app
        .post_as(&status_uri, reached, &alex)
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(again.json::<Goal>(), first.json::<Goal>());
    // A different reason is a change.
    let other = app
        .post_as(
            &status_uri,
            json!({"status": "achieved", "reason": "Every night"}),
            &alex,
        )
        .await;
    assert_eq!(
        other.json::<Goal>().closed_reason.as_deref(),
        Some("Every night")
    );
    // Each change is in the audit log once: the repeats changed nothing.
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let log: Vec<journey_core::AuditEntry> = app
        .get_as(
            &format!("/api/v1/audit?young_person={DEMO_YOUNG_PERSON_ID}"),
            &morgan,
        )
        .await
        .json();
    let count = |action: &str| log.iter().filter(|e| e.action == action).count();
    assert_eq!(count("reworded a goal"), 1);
    assert_eq!(count("marked a goal \"I got there\""), 2, "{log:?}");
}

#[tokio::test]
async fn ratings_each_session_show_progress_from_the_baseline() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    add_goal(&app, &sam, "Sleep better", Some("young_person")).await;
    add_goal(&app, &sam, "See Kai", Some("young_person")).await;
    let list = goals(&app, &sam).await.goals;
    let (a, b) = (list[0].id.clone(), list[1].id.clone());
    rate(
        &app,
        &sam,
        "session-1",
        json!([{"goal_id": a, "rating": 2}, {"goal_id": b, "rating": null}]),
    )
    .await
    .expect_status(StatusCode::CREATED);
    let second = rate(
        &app,
        &sam,
        "session-2",
        json!([{"goal_id": a, "rating": 6}, {"goal_id": b, "rating": 4}]),
    )
    .await;
    assert_eq!(second.status, StatusCode::CREATED);
    // The answer is the goals rated, as the list then shows them.
    let rated = second.json::<Vec<Goal>>();
    assert_eq!(rated.len(), 2);
    let list = goals(&app, &sam).await.goals;
    for goal in &rated {
        assert!(list.contains(goal));
    }
    let sleep = list.iter().find(|g| g.id == a).unwrap();
    assert_eq!(sleep.ratings.len(), 2);
    let progress = Progress::from_ratings(&sleep.ratings).unwrap();
    assert_eq!(
        progress.describe(journey_core::Lang::En),
        "From 2 to 6 over 2 sessions."
    );
    let kai = list.iter().find(|g| g.id == b).unwrap();
    assert_eq!(
        kai.ratings[0].rating, None,
        "rather not say is kept as an answer"
    );
    assert_eq!(
        Progress::from_ratings(&kai.ratings)
            .unwrap()
            .describe(journey_core::Lang::En),
        "Started at 4 out of 10."
    );
}

#[tokio::test]
async fn sending_the_same_session_twice_records_it_once() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let goal = add_goal(&app, &alex, "Sleep better", None)
        .await
        .json::<Goal>()
        .id;
    let body = json!([{"goal_id": goal, "rating": 5}]);
    let (one, two) = tokio::join!(
        rate(&app, &alex, "same-id", body.clone()),
        rate(&app, &alex, "same-id", body.clone())
    );
    let mut statuses = [one.status.as_u16(), two.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 201]);
    let again = rate(&app, &alex, "same-id", body).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(goals(&app, &alex).await.goals[0].ratings.len(), 1);
}

#[tokio::test]
async fn a_goal_sent_twice_with_its_client_id_is_made_once() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let send = |words: &str, client_id: &str| json!({"words": words, "agreed_by": "together", "client_id": client_id});
    let uri = goals_uri(DEMO_YOUNG_PERSON_ID);
    for words in ["One", "Two"] {
        app.post_as(&uri, send(words, words), &alex)
            .await
            .expect_status(StatusCode::CREATED);
    }
    // Sent at once twice (a try given up on a bad signal, then Save again): one goal.
    let (first, second) = tokio::join!(
        app.post_as(&uri, send("Three", "three"), &alex),
        app.post_as(&uri, send("Three", "three"), &alex)
    );
    let mut statuses = [first.status.as_u16(), second.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 201], "{} {}", first.text(), second.text());
    assert_eq!(first.json::<Goal>(), second.json::<Goal>());
    // Again later, when three are being worked on: still the goal it made, not "full".
    let again = app
        .post_as(&uri, send("Three", "three"), &alex)
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(again.json::<Goal>(), first.json::<Goal>());
    let words: Vec<String> = goals(&app, &alex)
        .await
        .goals
        .into_iter()
        .map(|g| g.words)
        .collect();
    assert_eq!(
        words.iter().filter(|w| *w == "Three").count(),
        1,
        "{words:?}"
    );
    assert_eq!(words.len(), 3);
    // The same client_id for another young person is refused, and nothing is made.
    app.post_as(&goals_uri(JORDAN_ID), send("Elsewhere", "three"), &sam)
        .await
        .expect_status(StatusCode::CONFLICT);
    let jordans = app
        .get_as(&goals_uri(JORDAN_ID), &sam)
        .await
        .json::<Goals>();
    assert!(jordans.goals.iter().all(|g| g.words != "Elsewhere"));
    // A client_id that is not one is refused as bad input.
    assert_invalid(&app.post_as(&uri, send("Four", "not one!"), &alex).await);
}

#[tokio::test]
async fn bad_ratings_are_refused_and_nothing_is_recorded() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let goal = add_goal(&app, &alex, "Sleep better", None)
        .await
        .json::<Goal>()
        .id;
    let eleven = rate(&app, &alex, "s1", json!([{"goal_id": goal, "rating": 11}])).await;
    assert_bad_request(&eleven);
    assert!(error_message(&eleven).contains("from 0 to 10"));
    let unknown = rate(
        &app,
        &alex,
        "s2",
        json!([{"goal_id": "not-a-goal", "rating": 3}]),
    )
    .await;
    assert_invalid(&unknown);
    let twice = rate(
        &app,
        &alex,
        "s3",
        json!([{"goal_id": goal, "rating": 3}, {"goal_id": goal, "rating": 4}]),
    )
    .await;
    assert_invalid(&twice);
    assert!(goals(&app, &alex).await.goals[0].ratings.is_empty());
}
