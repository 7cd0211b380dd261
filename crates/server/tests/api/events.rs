//! Server push (`GET /api/v1/events`): staff who may see a young person are told at once
//! when a safety flag is raised or closed; nobody else is; young people are refused; a
//! stream ends with its session and when the server stops; and a flag raised through one
//! server reaches a stream open on another server over the same database.

use crate::helpers::*;
use axum::http::{header, StatusCode};
use journey_core::{Invite, SafetyFlag, DEMO_YOUNG_PERSON_ID};
use journey_server::startup::build_state;
use serde_json::{json, Value};

const RAISED: &str = journey_core::push::SAFETY_FLAG_RAISED;
const CLOSED: &str = journey_core::push::SAFETY_FLAG_CLOSED;
const OTHER_PASSWORD: &str = "other staff password";

async fn raise(app: &TestApp, young_person: &str, cookie: &str, client_id: &str) -> SafetyFlag {
    let reply = app
        .post_as(
            &format!("/api/v1/young-people/{young_person}/safety"),
            json!({"client_id": client_id, "words": "I'm scared"}),
            cookie,
        )
        .await
        .expect_status(StatusCode::CREATED);
    reply.json()
}

async fn act(app: &TestApp, flag: &SafetyFlag, cookie: &str) {
    let reply = app
        .post_as(
            &format!("/api/v1/safety/{}/actions", flag.id),
            json!({"words": "Phoned them; they are safe tonight."}),
            cookie,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
}

/// The stream's next event is `name`, about `flag` (by its ids only).
async fn assert_next(stream: &mut EventStream, name: &str, flag: &SafetyFlag) {
    assert_eq!(
        stream.next_event().await,
        Some((name.to_owned(), about(flag)))
    );
}

fn about(flag: &SafetyFlag) -> Value {
    json!({"flag_id": flag.id, "young_person_id": flag.young_person_id})
}

async fn add_staff(app: &TestApp, name: &str, username: &str, team: &str) -> String {
    app.add_staff(name, username, team, false, OTHER_PASSWORD)
        .await;
    app.sign_in(username, OTHER_PASSWORD).await
}

/// Gives a young person an account through an invite from their worker; their cookie.
async fn sign_up(app: &TestApp, young_person: &str, username: &str, worker: &str) -> String {
    let invite: Invite = app
        .post_as(
            &format!("/api/v1/young-people/{young_person}/invite"),
            json!({}),
            worker,
        )
        .await
        .json();
    let reply = app
        .sign_up(&invite.code, username, OTHER_PASSWORD)
        .await
        .expect_status(StatusCode::CREATED);
    reply.cookie()
}

#[tokio::test]
async fn the_worker_and_manager_are_told_at_once_when_a_flag_is_raised_and_closed() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let mut sams = app.open_events(&sam).await;
    let mut morgans = app.open_events(&morgan).await;
    for stream in [&sams, &morgans] {
        assert_eq!(stream.status, StatusCode::OK);
        assert_eq!(
            stream.headers[header::CONTENT_TYPE],
            "text/event-stream",
            "{:?}",
            stream.headers
        );
        // Not held back to be compressed, nor kept by a cache or a proxy.
        assert!(stream.headers.get(header::CONTENT_ENCODING).is_none());
        assert_eq!(stream.headers[header::CACHE_CONTROL], "no-store");
        assert_eq!(stream.headers["x-accel-buffering"], "no");
    }
    // At once: how soon to come back if the connection drops.
    assert!(sams.greeting().await.contains("retry: 3000"));

    let flag = raise(&app, DEMO_YOUNG_PERSON_ID, &alex, "push-raised").await;
    // Only ids (`about`): nothing Alex wrote travels this way.
    for stream in [&mut sams, &mut morgans] {
        assert_next(stream, RAISED, &flag).await;
    }
    act(&app, &flag, &sam).await;
    for stream in [&mut sams, &mut morgans] {
        assert_next(stream, CLOSED, &flag).await;
    }
}

#[tokio::test]
async fn staff_who_may_not_see_alex_are_not_told_about_alex() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    // Pat, in Sam's team, now supports Jordan only; Riley is in another team, with Taylor.
    let pat = add_staff(&app, "Pat Green", "pat", journey_server::demo::DEMO_TEAM).await;
    app.state.store.create_team("Other team").await.unwrap();
    let riley = add_staff(&app, "Riley Stone", "riley", "Other team").await;
    app.post_as(
        &format!("/api/v1/young-people/{JORDAN_ID}/worker"),
        json!({"worker_username": "pat", "why": "Pat knows Jordan's school."}),
        &morgan,
    )
    .await
    .expect_status(StatusCode::NO_CONTENT);
    let jordan = sign_up(&app, JORDAN_ID, "jordan", &pat).await;
    let taylor: Invite = app.new_young_person(&riley, "Taylor").await.json();
    let taylor_id = taylor.young_person_id.to_string();
    let taylor = sign_up(&app, &taylor_id, "taylor", &riley).await;

    let mut sams = app.open_events(&sam).await;
    let mut pats = app.open_events(&pat).await;
    let mut rileys = app.open_events(&riley).await;
    let alexs_flag = raise(&app, DEMO_YOUNG_PERSON_ID, &alex, "push-alex").await;
    act(&app, &alexs_flag, &sam).await;
    // Then one each for Pat and Riley. Events reach every stream in order, so had Alex's
    // reached Pat or Riley, it would come before these.
    let jordans_flag = raise(&app, JORDAN_ID, &jordan, "push-jordan").await;
    let taylors_flag = raise(&app, &taylor_id, &taylor, "push-taylor").await;
    assert_next(&mut pats, RAISED, &jordans_flag).await;
    assert_next(&mut rileys, RAISED, &taylors_flag).await;
    // Sam: Alex's flag raised and closed, and nothing about Jordan (Pat's now) or Taylor.
    assert_next(&mut sams, RAISED, &alexs_flag).await;
    assert_next(&mut sams, CLOSED, &alexs_flag).await;
    act(&app, &taylors_flag, &riley).await;
    act(&app, &jordans_flag, &pat).await;
    assert_next(&mut pats, CLOSED, &jordans_flag).await;
    // Sam's next is Alex's next flag: nothing of Jordan's (Pat's now) or Taylor's came between.
    let another = raise(&app, DEMO_YOUNG_PERSON_ID, &alex, "push-alex-2").await;
    assert_next(&mut sams, RAISED, &another).await;
    act(&app, &another, &morgan).await;
}

#[tokio::test]
async fn a_stream_ends_when_its_session_does() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let mut sams = app.open_events(&sam).await;
    let out = app.post_as("/api/v1/auth/sign-out", json!({}), &sam).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    // The next flag ends the stream instead of reaching it; the browser then connects
    // again, gets 401 and stops.
    raise(&app, DEMO_YOUNG_PERSON_ID, &alex, "push-signed-out").await;
    assert_eq!(sams.next_event().await, None);
    let again = app.open_events(&sam).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_young_person_or_nobody_is_refused_the_stream() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let reply = app.get_as("/api/v1/events", &alex).await;
    assert_forbidden(&reply);
    let reply = app.get("/api/v1/events").await;
    assert_signed_out(&reply);
}

#[tokio::test]
async fn every_stream_ends_when_the_server_stops_so_shutdown_does_not_wait_for_ever() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let mut first = app.open_events(&sam).await;
    let mut second = app.open_events(&sam).await;
    app.state.store.events().close();
    assert_eq!(first.next_event().await, None);
    assert_eq!(second.next_event().await, None);
}

#[tokio::test]
async fn a_flag_raised_through_one_server_reaches_a_stream_on_another() {
    // Two servers' states over one database, each with its watcher, as `serve` starts them.
    let one = spawn_app(true).await;
    let other = TestApp::new(
        tempfile::tempdir().unwrap(),
        build_state(config(one.dir.path(), true).await)
            .await
            .unwrap(),
    );
    let watchers = [
        journey_server::safety::events::start_watcher(one.state.store.clone()),
        journey_server::safety::events::start_watcher(other.state.store.clone()),
    ];
    let alex = one.sign_in(ALEX.0, ALEX.1).await;
    let sam = one.sign_in(SAM.0, SAM.1).await;
    let mut on_other = other.open_events(&sam).await;
    let mut on_one = one.open_events(&sam).await;
    let flag = raise(&one, DEMO_YOUNG_PERSON_ID, &alex, "push-two-servers").await;
    assert_next(&mut on_other, RAISED, &flag).await;
    // Closed through the other server: both hear it, and the first server, which wrote the
    // "raised" row, does not pass it on a second time when its watcher reads it.
    act(&other, &flag, &sam).await;
    assert_next(&mut on_one, RAISED, &flag).await;
    assert_next(&mut on_one, CLOSED, &flag).await;
    assert_next(&mut on_other, CLOSED, &flag).await;
    for app in [&one, &other] {
        app.state.store.events().close();
    }
    for watcher in watchers {
        watcher.await.unwrap();
    }
}
