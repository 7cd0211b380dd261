//! Who may reach what: every endpoint, called as every kind of person.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::{Invite, YoungPersonListItem, DEMO_YOUNG_PERSON_ID};
use journey_server::openapi::Access;
use serde_json::{json, Value};

/// The people in the matrix, with their session cookies (None: not signed in).
struct People {
    cookies: Vec<(&'static str, Option<String>)>,
    taylor_id: String,
}

async fn people(app: &TestApp) -> People {
    let store = &app.state.store;
    app.add_other_team().await;
    let riley = app.sign_in("riley", OTHER_TEAM_PASSWORD).await;
    let invite: Invite = app.new_young_person(&riley, "Taylor").await.json();
    let reply = app
        .sign_up(&invite.code, "taylor", OTHER_TEAM_PASSWORD)
        .await
        .expect_status(StatusCode::CREATED);
    // Taylor's worker writes a plan for them.
    let today = chrono::Utc::now().date_naive();
    store
        .save_plan(
            &invite.young_person_id,
            &journey_server::demo::demo_plan(today),
            None,
        )
        .await
        .unwrap();
    People {
        cookies: vec![
            ("nobody", None),
            (
                "alex (the young person)",
                Some(app.sign_in(ALEX.0, ALEX.1).await),
            ),
            ("taylor (another young person)", Some(reply.cookie())),
            ("sam (alex's worker)", Some(app.sign_in(SAM.0, SAM.1).await)),
            ("riley (another team's worker)", Some(riley)),
            (
                "morgan (sam's manager)",
                Some(app.sign_in(MORGAN.0, MORGAN.1).await),
            ),
            (
                "casey (another team's manager)",
                Some(app.sign_in("casey", OTHER_TEAM_PASSWORD).await),
            ),
        ],
        taylor_id: invite.young_person_id.to_string(),
    }
}

fn blank_reason_plan() -> journey_core::Plan {
    let mut plan = journey_server::demo::demo_plan(chrono::Utc::now().date_naive());
    plan.reason = String::new();
    plan
}

/// One endpoint and the status each person (in `People` order) must get.
struct Case {
    method: &'static str,
    uri: String,
    body: Option<Value>,
    expect: [u16; 7],
}

#[tokio::test]
async fn every_endpoint_answers_each_person_as_it_should() {
    let app = spawn_app(true).await;
    let people = people(&app).await;
    let alex = DEMO_YOUNG_PERSON_ID;
    let alex_cookie = people.cookies[1].1.clone().unwrap();
    let concern: journey_core::Concern = app
        .post_as(
            &format!("/api/v1/young-people/{alex}/concerns"),
            json!({"client_id": "before-matrix", "about": "something_else", "words": "Help"}),
            &alex_cookie,
        )
        .await
        .json();
    let flag: journey_core::SafetyFlag = app
        .post_as(
            &format!("/api/v1/young-people/{alex}/safety"),
            json!({"client_id": "before-matrix-safety"}),
            &alex_cookie,
        )
        .await
        .json();
    // A "Really bad" check-in, for "seen" below.
    let check_in: journey_core::CheckIn = app
        .post_as(
            &format!("/api/v1/young-people/{alex}/check-ins"),
            json!({"client_id": "before-matrix-really-bad", "mood": "awful"}),
            &alex_cookie,
        )
        .await
        .json();
    let really_bad = check_in.id;
    let good_news: journey_core::GoodNews = app
        .post_as(
            &format!("/api/v1/young-people/{alex}/good-news"),
            json!({"client_id": "before-matrix-good-news", "words": "I passed!"}),
            &alex_cookie,
        )
        .await
        .json();
    let news_id = good_news.id;
    // Views to reply to: Alex's "I don't agree", and one of Taylor's.
    let alex_view: journey_core::MyView = app
        .post_as(
            &format!("/api/v1/young-people/{alex}/views"),
            json!({"stance": "dont_agree"}),
            &alex_cookie,
        )
        .await
        .json();
    let taylor_view: journey_core::MyView = app
        .post_as(
            &format!("/api/v1/young-people/{}/views", people.taylor_id),
            json!({"stance": "not_sure"}),
            people.cookies[2].1.as_deref().unwrap(),
        )
        .await
        .json();
    // A session Sam recorded, to correct; and one to remove (issue 21).
    let sam_cookie = people.cookies[3].1.clone().unwrap();
    let mut sessions = Vec::new();
    for client_id in ["matrix-fix", "matrix-remove"] {
        let made: journey_core::feedback::Session = app
            .post_as(
                &format!("/api/v1/young-people/{alex}/sessions"),
                json!({"client_id": client_id, "held_on": chrono::Utc::now().date_naive(),
                       "kind": "one_to_one", "mode": "phone"}),
                &sam_cookie,
            )
            .await
            .json();
        sessions.push(made.id);
    }
    let (fix_session, remove_session) = (sessions[0], sessions[1]);
    // Casey (another team's manager) chairs Alex's review, and Alex shares their
    // preparation with them: Casey may read that, and nothing else of Alex's.
    let mut plan = journey_server::demo::demo_plan(chrono::Utc::now().date_naive());
    plan.review_chair = Some(journey_core::ReviewChair {
        username: "casey".into(),
        name: "Casey Brook".into(),
        role: "your independent reviewing officer".into(),
    });
    let alex_id = journey_core::YoungPersonId::parse(alex).unwrap();
    app.state
        .store
        .save_plan(&alex_id, &plan, None)
        .await
        .unwrap();
    let prep: journey_core::ReviewPrep = app
        .post_as(
            &format!("/api/v1/young-people/{alex}/review-prep"),
            json!({"client_id": "before-matrix-prep", "went_well": "School", "share_with_chair": true}),
            &alex_cookie,
        )
        .await
        .json();
    assert!(prep.shared_with.is_some());
    let mut bad_help = journey_server::help::store::default_help(journey_core::Nation::England);
    bad_help.danger_phone = String::new();
    let cases = [
        Case {
            method: "GET",
            uri: "/api/v1/health".into(),
            body: None,
            expect: [200, 200, 200, 200, 200, 200, 200],
        },
        Case {
            method: "GET",
            uri: "/api/v1/me".into(),
            body: None,
            expect: [401, 200, 200, 200, 200, 200, 200],
        },
        Case {
            method: "GET",
            uri: journey_uri(alex),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 404],
        },
        Case {
            method: "GET",
            uri: journey_uri(&people.taylor_id),
            body: None,
            expect: [401, 404, 200, 404, 200, 404, 200],
        },
        Case {
            method: "GET",
            uri: "/api/v1/young-people".into(),
            body: None,
            expect: [401, 403, 403, 200, 200, 200, 200],
        },
        Case {
            method: "POST",
            uri: "/api/v1/young-people".into(),
            body: Some(json!({"first_name": "New"})),
            expect: [401, 403, 403, 201, 201, 201, 201],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{JORDAN_ID}/invite"),
            body: Some(json!({})),
            expect: [401, 404, 404, 201, 404, 201, 404],
        },
        // Alex has an account already: the right staff get "conflict", others "not found".
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/invite"),
            body: Some(json!({})),
            expect: [401, 403, 404, 409, 404, 409, 404],
        },
        Case {
            method: "PUT",
            uri: format!("/api/v1/young-people/{alex}/plan"),
            // Blank reason: the right staff reach validation (422); no one else gets that far.
            body: Some(json!({"based_on": 1, "plan": blank_reason_plan()})),
            expect: [401, 403, 404, 422, 404, 422, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/plan"),
            body: None,
            expect: [401, 403, 404, 200, 404, 200, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/plan/history"),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/records"),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/records/page"),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/journey/seen"),
            body: Some(json!({"version": 1})),
            expect: [401, 204, 404, 403, 404, 403, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/views"),
            body: Some(json!({"stance": "agree"})),
            expect: [401, 201, 404, 201, 404, 201, 404],
        },
        // Replies to a view: Alex's worker and their manager only.
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/views/{}/replies", alex_view.id),
            body: Some(json!({"words": "Let's talk about it."})),
            expect: [401, 403, 404, 201, 404, 201, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/views/999999/replies"),
            body: Some(json!({"words": "Let's talk about it."})),
            expect: [401, 403, 404, 404, 404, 404, 404],
        },
        // Taylor's view named under Alex's address is not Alex's: nobody reaches it.
        Case {
            method: "POST",
            uri: format!(
                "/api/v1/young-people/{alex}/views/{}/replies",
                taylor_view.id
            ),
            body: Some(json!({"words": "Let's talk about it."})),
            expect: [401, 403, 404, 404, 404, 404, 404],
        },
        Case {
            method: "POST",
            uri: format!(
                "/api/v1/young-people/{}/views/{}/replies",
                people.taylor_id, taylor_view.id
            ),
            body: Some(json!({"words": "Let's talk about it."})),
            expect: [401, 404, 403, 404, 201, 404, 201],
        },
        // "What's happened since you told us": the young person's own, nobody else's.
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/heard-back"),
            body: None,
            expect: [401, 200, 404, 403, 404, 403, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{}/heard-back", people.taylor_id),
            body: None,
            expect: [401, 404, 200, 404, 403, 404, 403],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/heard-back/seen"),
            body: Some(json!({"up_to": "2026-01-01T00:00:00Z"})),
            expect: [401, 204, 404, 403, 404, 403, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/worker"),
            body: Some(json!({"worker_username": "nobody", "why": "A reason."})),
            expect: [401, 403, 404, 403, 404, 422, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/goals"),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/goals"),
            body: Some(json!({"words": "A goal", "agreed_by": "together"})),
            expect: [401, 201, 404, 201, 404, 201, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/goal-ratings"),
            // No goals rated: the right people reach validation; nobody else gets that far.
            body: Some(json!({"client_id": "matrix", "ratings": []})),
            expect: [401, 422, 404, 422, 404, 422, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/goals/no-such-goal/status"),
            body: Some(json!({"status": "paused"})),
            expect: [401, 404, 404, 404, 404, 404, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/goals/no-such-goal/words"),
            body: Some(json!({"words": "To feel calmer"})),
            // Staff may not reword a goal: it stays in the young person's own words.
            expect: [401, 404, 404, 409, 404, 409, 404],
        },
        Case {
            method: "GET",
            uri: "/api/v1/openapi.json".into(),
            body: None,
            expect: [200, 200, 200, 200, 200, 200, 200],
        },
        // Open to everyone; a body that fails its check is refused the same way for all.
        Case {
            method: "POST",
            uri: "/api/v1/auth/sign-in".into(),
            body: Some(json!({"username": "", "password": ""})),
            expect: [422, 422, 422, 422, 422, 422, 422],
        },
        Case {
            method: "POST",
            uri: "/api/v1/auth/sign-up".into(),
            body: Some(
                json!({"invite_code": "nope", "username": "new-person", "password": "a long enough password"}),
            ),
            expect: [422, 422, 422, 422, 422, 422, 422],
        },
        Case {
            method: "GET",
            uri: "/api/v1/help".into(),
            body: None,
            expect: [200, 200, 200, 200, 200, 200, 200],
        },
        Case {
            method: "PUT",
            uri: "/api/v1/help".into(),
            // The organisation's administrators only (none of these people is one; they
            // are tested in help.rs): no team's manager changes the whole help page.
            body: Some(json!({"based_on": 0, "content": bad_help})),
            expect: [401, 403, 403, 403, 403, 403, 403],
        },
        // The Help editor: the organisation's administrators only (tested in
        // help_editor.rs); a manager who is not one is refused.
        Case {
            method: "GET",
            uri: "/api/v1/help/edit".into(),
            body: None,
            expect: [401, 403, 403, 403, 403, 403, 403],
        },
        Case {
            method: "POST",
            uri: "/api/v1/help/built-in".into(),
            body: Some(json!({"based_on": 0})),
            expect: [401, 403, 403, 403, 403, 403, 403],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/concerns"),
            body: Some(json!({"client_id": "matrix", "about": "something_else", "words": "Hi"})),
            expect: [401, 201, 404, 403, 404, 403, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/concerns"),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{}/concerns", people.taylor_id),
            body: None,
            expect: [401, 404, 200, 404, 200, 404, 200],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/concerns/who-reads"),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 404],
        },
        Case {
            method: "GET",
            uri: "/api/v1/concerns".into(),
            body: None,
            expect: [401, 403, 403, 403, 403, 200, 200],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/concerns/{}/reply", concern.id),
            body: Some(json!({"words": "We heard you."})),
            expect: [401, 403, 403, 403, 403, 200, 404],
        },
        Case {
            method: "POST",
            uri: "/api/v1/concerns/no-such-concern/reply".into(),
            body: Some(json!({"words": "We heard you."})),
            expect: [401, 403, 403, 403, 403, 404, 404],
        },
        // Answered just above; only Alex can ask for the next stage of Alex's concern.
        Case {
            method: "POST",
            uri: format!("/api/v1/concerns/{}/next-stage", concern.id),
            body: Some(json!({"client_id": "matrix-next"})),
            expect: [401, 201, 404, 404, 404, 404, 404],
        },
        Case {
            method: "POST",
            uri: "/api/v1/concerns/no-such-concern/next-stage".into(),
            body: Some(json!({"client_id": "matrix-next-2"})),
            expect: [401, 404, 404, 404, 404, 404, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/feedback"),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/feedback"),
            // Only the young person gives feedback on their sessions.
            body: Some(json!({"client_id": "matrix-feedback"})),
            expect: [401, 201, 404, 403, 404, 403, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/sessions"),
            // A date in the future: the right staff reach validation; nobody else gets that far.
            body: Some(
                json!({"client_id": "matrix-session", "held_on": "2999-01-01",
                              "kind": "one_to_one", "mode": "phone"}),
            ),
            expect: [401, 403, 404, 422, 404, 422, 404],
        },
        // Correcting and removing a session: the worker who recorded it (Sam) or a manager
        // (Morgan); the young person: refused; anyone who can't see Alex: not found.
        Case {
            method: "PUT",
            uri: format!("/api/v1/young-people/{alex}/sessions/{fix_session}"),
            body: Some(json!({"held_on": chrono::Utc::now().date_naive(),
                              "kind": "group", "mode": "online"})),
            expect: [401, 403, 404, 200, 404, 200, 404],
        },
        Case {
            method: "DELETE",
            uri: format!("/api/v1/young-people/{alex}/sessions/{remove_session}"),
            body: None,
            // Removed by Sam; after that, Morgan's is the same removal, done already.
            expect: [401, 403, 404, 204, 404, 204, 404],
        },
        Case {
            method: "DELETE",
            uri: format!("/api/v1/young-people/{alex}/sessions/999999"),
            body: None,
            expect: [401, 403, 404, 404, 404, 404, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/feedback/999999/follow-ups"),
            body: Some(json!({"words": "We changed the time."})),
            expect: [401, 404, 404, 404, 404, 404, 404],
        },
        Case {
            method: "GET",
            uri: "/api/v1/feedback/team".into(),
            body: None,
            expect: [401, 403, 403, 200, 200, 200, 200],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/check-ins"),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/check-ins"),
            // Only the young person checks in.
            body: Some(json!({"client_id": "matrix-check-in", "mood": "okay"})),
            expect: [401, 201, 404, 403, 404, 403, 404],
        },
        // Only the allocated worker and their manager mark it seen (again: still 204).
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/check-ins/{really_bad}/seen"),
            body: Some(json!({})),
            expect: [401, 403, 404, 204, 404, 204, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/check-ins/999999/seen"),
            body: Some(json!({})),
            expect: [401, 403, 404, 404, 404, 404, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/safety"),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/safety"),
            body: Some(json!({"client_id": "matrix-safety"})),
            expect: [401, 201, 404, 403, 404, 403, 404],
        },
        Case {
            method: "GET",
            uri: "/api/v1/safety".into(),
            body: None,
            expect: [401, 403, 403, 200, 200, 200, 200],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/safety/{}/actions", flag.id),
            // Blank: the right staff reach validation; nobody else gets that far.
            body: Some(json!({"words": ""})),
            expect: [401, 403, 403, 422, 404, 422, 404],
        },
        Case {
            method: "POST",
            uri: "/api/v1/safety/no-such-flag/actions".into(),
            body: Some(json!({"words": "Called them."})),
            expect: [401, 403, 403, 404, 404, 404, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/good-news"),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{}/good-news", people.taylor_id),
            body: None,
            expect: [401, 404, 200, 404, 200, 404, 200],
        },
        // Only the young person shares their good news.
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/good-news"),
            body: Some(json!({"client_id": "matrix-good-news", "about": "school"})),
            expect: [401, 201, 404, 403, 404, 403, 404],
        },
        // Only their worker and the worker's manager reply.
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/good-news/{news_id}/replies"),
            body: Some(json!({"words": "Well done!"})),
            expect: [401, 403, 404, 201, 404, 201, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/good-news/999999/replies"),
            body: Some(json!({"words": "Well done!"})),
            expect: [401, 403, 404, 404, 404, 404, 404],
        },
        // Server push of safety flag events: staff only (each hears only their own
        // young people's; see events.rs).
        Case {
            method: "GET",
            uri: "/api/v1/events".into(),
            body: None,
            expect: [401, 403, 403, 200, 200, 200, 200],
        },
        // The team overview: staff only, each of their own young people (the figures'
        // people are checked in team.rs); young people 403.
        Case {
            method: "GET",
            uri: "/api/v1/team/overview?period=three_months".into(),
            body: None,
            expect: [401, 403, 403, 200, 200, 200, 200],
        },
        Case {
            method: "GET",
            uri: "/api/v1/team/overview.csv?period=year".into(),
            body: None,
            expect: [401, 403, 403, 200, 200, 200, 200],
        },
        Case {
            method: "GET",
            uri: "/api/v1/audit".into(),
            body: None,
            expect: [401, 403, 403, 403, 403, 200, 200],
        },
        Case {
            method: "GET",
            uri: "/api/v1/audit?kind=plan&before=1000000".into(),
            body: None,
            expect: [401, 403, 403, 403, 403, 200, 200],
        },
        Case {
            method: "GET",
            uri: "/api/v1/audit/choices".into(),
            body: None,
            expect: [401, 403, 403, 403, 403, 200, 200],
        },
        Case {
            method: "POST",
            uri: "/api/v1/auth/password".into(),
            body: Some(
                json!({"current_password": "wrong one", "new_password": "fine new password"}),
            ),
            expect: [401, 422, 422, 422, 422, 422, 422],
        },
        // Nobody signed in is told so; everyone signed in reaches the check of the body.
        Case {
            method: "POST",
            uri: "/api/v1/auth/confirm".into(),
            body: Some(json!({"password": ""})),
            expect: [401, 422, 422, 422, 422, 422, 422],
        },
        // Getting ready for the review: the young person sends it; their worker, the
        // manager and the chair it was shared with (Casey) read it; nobody else.
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/review-prep"),
            body: Some(json!({"client_id": "matrix-prep", "questions": "When?"})),
            expect: [401, 201, 404, 403, 404, 403, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/review-prep"),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 200],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{}/review-prep", people.taylor_id),
            body: None,
            expect: [401, 404, 200, 404, 200, 404, 200],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/review-prep/{}/read", prep.id),
            body: Some(json!({})),
            expect: [401, 403, 403, 204, 404, 204, 204],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/review-prep/999999/read"),
            body: Some(json!({})),
            expect: [401, 403, 403, 404, 404, 404, 404],
        },
        Case {
            method: "POST",
            uri: format!("/api/v1/young-people/{alex}/reviews"),
            // Nothing decided: the right staff reach validation; nobody else gets that far.
            body: Some(
                json!({"client_id": "matrix-review", "held_on": "2026-01-01", "decisions": ""}),
            ),
            expect: [401, 403, 404, 422, 404, 422, 404],
        },
        Case {
            method: "GET",
            uri: format!("/api/v1/young-people/{alex}/reviews"),
            body: None,
            expect: [401, 200, 404, 200, 404, 200, 404],
        },
        Case {
            method: "GET",
            uri: "/api/v1/review-preps".into(),
            body: None,
            expect: [401, 403, 403, 200, 200, 200, 200],
        },
        // Last, as it ends each person's session: it always works, signed in or not.
        Case {
            method: "POST",
            uri: "/api/v1/auth/sign-out".into(),
            body: Some(json!({})),
            expect: [204, 204, 204, 204, 204, 204, 204],
        },
    ];
    let mut wrong = Vec::new();
    // Every route the server declares (the list the router and the OpenAPI document are
    // made from) is in the table, so a new endpoint fails here until its rule is written.
    let matches = |template: &str, uri: &str| {
        let uri = uri.split('?').next().unwrap_or(uri);
        let (a, b): (Vec<&str>, Vec<&str>) =
            (template.split('/').collect(), uri.split('/').collect());
        a.len() == b.len()
            && a.iter()
                .zip(&b)
                .all(|(t, u)| t == u || (t.starts_with('{') && !u.is_empty()))
    };
    let missing: Vec<String> = journey_server::routes()
        .iter()
        .filter(|route| {
            !cases.iter().any(|case| {
                case.method == route.method && matches(&format!("/api/v1{}", route.path), &case.uri)
            })
        })
        .map(|route| format!("{} {}", route.method, route.path))
        .collect();
    assert!(missing.is_empty(), "not in the access table: {missing:?}");
    // Who may call each route, as the API document says (read from the extractors its
    // handler takes), agrees with what the table expects: alex, sam (alex's worker) and
    // morgan (sam's manager) may all see alex's record, so a refusal of one of them is
    // their role's.
    let (nobody, alex_, sam, morgan) = (0, 1, 3, 5);
    for route in journey_server::routes() {
        for case in cases.iter().filter(|case| {
            case.method == route.method
                && matches(&format!("/api/v1{}", route.path), &case.uri)
                && (!case.uri.contains("/young-people/") || case.uri.contains(alex))
        }) {
            let e = case.expect;
            let refused = |who: usize| e[who] == 403;
            let agrees = match route.access {
                Access::Public => e[nobody] != 401,
                Access::SignedIn => e[nobody] == 401 && !refused(alex_) && !refused(sam),
                Access::YoungPerson => e[nobody] == 401 && refused(sam) && refused(morgan),
                Access::Staff => e[nobody] == 401 && refused(alex_) && !refused(sam),
                Access::Manager | Access::Administrator => {
                    e[nobody] == 401 && refused(alex_) && refused(sam)
                }
            };
            if !agrees {
                wrong.push(format!(
                    "{} {}: the document says {:?}, the table expects {:?}",
                    case.method, case.uri, route.access, case.expect
                ));
            }
        }
    }
    for case in &cases {
        for ((who, cookie), expected) in people.cookies.iter().zip(case.expect) {
            let reply = app
                .send(case.method, &case.uri, case.body.clone(), cookie.as_deref())
                .await;
            if reply.status.as_u16() != expected {
                wrong.push(format!(
                    "{} {} as {who}: expected {expected}, got {} {}",
                    case.method,
                    case.uri,
                    reply.status,
                    reply.text()
                ));
            }
            if !reply.status.is_success() {
                // Every refusal is our JSON error shape.
                let _: journey_core::ErrorBody = reply.json();
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[tokio::test]
async fn each_worker_and_manager_lists_only_their_own_young_people() {
    let app = spawn_app(true).await;
    let people = people(&app).await;
    let names = |reply: crate::helpers::Reply| -> Vec<String> {
        reply
            .json::<Vec<YoungPersonListItem>>()
            .into_iter()
            .map(|p| p.first_name)
            .collect()
    };
    let cookie = |i: usize| people.cookies[i].1.clone().unwrap();
    assert_eq!(
        names(app.get_as("/api/v1/young-people", &cookie(3)).await),
        ["Alex", "Jordan"]
    );
    assert_eq!(
        names(app.get_as("/api/v1/young-people", &cookie(4)).await),
        ["Taylor"]
    );
    assert_eq!(
        names(app.get_as("/api/v1/young-people", &cookie(5)).await),
        ["Alex", "Jordan"]
    );
    assert_eq!(
        names(app.get_as("/api/v1/young-people", &cookie(6)).await),
        ["Taylor"]
    );
    let list: Vec<YoungPersonListItem> =
        app.get_as("/api/v1/young-people", &cookie(3)).await.json();
    assert!(list[0].has_account && !list[1].has_account);
    assert!(list[0].next_review.is_some());
}

#[tokio::test]
async fn a_manager_reads_only_their_own_teams_audit_log() {
    let app = spawn_app(true).await;
    let people = people(&app).await;
    let casey = people.cookies[6].1.clone().unwrap();
    let log: Vec<journey_core::AuditEntry> = app.get_as("/api/v1/audit", &casey).await.json();
    assert!(!log.is_empty());
    assert!(log
        .iter()
        .all(|e| !e.who.starts_with("Sam") && !e.who.starts_with("Alex")));
    assert!(log
        .iter()
        .any(|e| e.who == "Riley Stone (worker)" && e.action == "added a young person"));
}

#[tokio::test]
async fn a_safety_flag_reaches_the_allocated_worker_and_manager_and_nobody_else() {
    let app = spawn_app(true).await;
    let people = people(&app).await;
    let alex = DEMO_YOUNG_PERSON_ID;
    let cookie = |i: usize| people.cookies[i].1.clone().unwrap();
    let flag: journey_core::SafetyFlag = app
        .post_as(
            &format!("/api/v1/young-people/{alex}/safety"),
            json!({"client_id": "only-them", "words": "I'm scared"}),
            &cookie(1),
        )
        .await
        .json();
    let open_for = |i: usize| {
        let app = &app;
        let c = cookie(i);
        async move {
            app.get_as("/api/v1/safety", &c)
                .await
                .json::<Vec<journey_core::SafetyFlag>>()
                .into_iter()
                .map(|f| f.id)
                .collect::<Vec<_>>()
        }
    };
    // Sam (allocated) and Morgan (Sam's manager) see it; Riley and Casey don't.
    assert_eq!(open_for(3).await, std::slice::from_ref(&flag.id));
    assert_eq!(open_for(5).await, std::slice::from_ref(&flag.id));
    assert!(open_for(4).await.is_empty());
    assert!(open_for(6).await.is_empty());
    // Nobody else can close it, or learn that it exists.
    for i in [4, 6] {
        let reply = app
            .post_as(
                &format!("/api/v1/safety/{}/actions", flag.id),
                json!({"words": "Not mine"}),
                &cookie(i),
            )
            .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(open_for(3).await, std::slice::from_ref(&flag.id));
    // Morgan, the manager, may record what was done too.
    let reply = app
        .post_as(
            &format!("/api/v1/safety/{}/actions", flag.id),
            json!({"words": "Rang the foster carer; Alex is safe tonight."}),
            &cookie(5),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(open_for(3).await.is_empty());
}

#[tokio::test]
async fn notes_under_a_comment_for_the_manager_only_are_hidden_from_the_worker_everywhere() {
    let app = spawn_app(true).await;
    let people = people(&app).await;
    let alex = DEMO_YOUNG_PERSON_ID;
    let cookie = |i: usize| people.cookies[i].1.clone().unwrap();
    let (alex_cookie, sam, morgan) = (cookie(1), cookie(3), cookie(5));
    let feedback = |path: &str| format!("/api/v1/young-people/{alex}/{path}");
    let given = app
        .post_as(
            &feedback("feedback"),
            json!({"client_id": "private-notes", "comment": "Sam rushes me.",
                   "comment_for": "manager_only",
                   "answers": [{"question": "overall", "answer": {"face": 2}}]}),
            &alex_cookie,
        )
        .await
        .expect_status(StatusCode::CREATED);
    let id: i64 = given.json::<Value>()["id"].as_i64().unwrap();
    let notes = format!("feedback/{id}/follow-ups");
    for (words, who) in [
        ("Alex's note: he still rushes me.", &alex_cookie),
        ("Morgan's note: I will talk to Sam.", &morgan),
    ] {
        let reply = app
            .post_as(&feedback(&notes), json!({ "words": words }), who)
            .await;
        assert!(reply.status.is_success(), "{}", reply.text());
    }
    // Sam may add a note about the faces he sees; he reads his own note, not theirs,
    // even in what adding it answers with.
    let added = app
        .post_as(
            &feedback(&notes),
            json!({"words": "Sam's note: shall we slow down?"}),
            &sam,
        )
        .await;
    assert!(added.status.is_success(), "{}", added.text());
    let hidden = ["he still rushes me", "I will talk to Sam", "Sam rushes me"];
    for text in [
        added.text(),
        app.get_as(&feedback("feedback"), &sam).await.text(),
        app.get_as(&feedback("records"), &sam).await.text(),
        app.get_as(&feedback("records/page"), &sam).await.text(),
    ] {
        for words in hidden {
            assert!(!text.contains(words), "{words:?} reached Sam: {text}");
        }
        assert!(text.contains("shall we slow down?"));
    }
    // Alex and Morgan read every note, in the API and in the records.
    for who in [&alex_cookie, &morgan] {
        for path in ["feedback", "records", "records/page"] {
            let text = app.get_as(&feedback(path), who).await.text();
            for words in hidden {
                assert!(text.contains(words), "{words:?} missing from {path}");
            }
            assert!(text.contains("shall we slow down?"));
        }
    }
}

/// Each person (in `People` order) answers a concern with `words` and gets `expect`.
async fn answers_as(app: &TestApp, people: &People, concern: &str, words: &str, expect: [u16; 7]) {
    let uri = format!("/api/v1/concerns/{concern}/reply");
    for (i, (who, cookie)) in people.cookies.iter().enumerate() {
        let reply = app
            .send(
                "POST",
                &uri,
                Some(json!({ "words": words })),
                cookie.as_deref(),
            )
            .await;
        assert_eq!(
            reply.status.as_u16(),
            expect[i],
            "POST {uri} as {who}: {}",
            reply.text()
        );
    }
}

/// Whether `cookie`'s list has the concern, and then whether they may answer it and how
/// many answers they see.
async fn listed(app: &TestApp, cookie: &str, concern: &str) -> Option<(bool, usize)> {
    let list: Vec<journey_core::Concern> = app.get_as("/api/v1/concerns", cookie).await.json();
    list.into_iter()
        .find(|c| c.id == concern)
        .map(|c| (c.can_answer, c.replies.len()))
}

#[tokio::test]
async fn a_concern_taken_to_stage_two_is_answered_by_the_complaints_officer_only() {
    let app = spawn_app(true).await;
    let people = people(&app).await;
    let alex = DEMO_YOUNG_PERSON_ID;
    let cookie = |i: usize| people.cookies[i].1.clone().unwrap();
    // Casey (another team's manager) is the organisation's complaints officer.
    app.state
        .store
        .set_complaints_officer("casey", true)
        .await
        .unwrap();
    let concern: journey_core::Concern = app
        .post_as(
            &format!("/api/v1/young-people/{alex}/concerns"),
            json!({"client_id": "officer-matrix", "about": "something_else", "words": "Help"}),
            &cookie(1),
        )
        .await
        .json();
    // Stage 1: the team's manager, Morgan, answers (tried last but one: everyone before
    // is refused, so nothing changes before); Casey: not found.
    answers_as(
        &app,
        &people,
        &concern.id,
        "Stage one",
        [401, 403, 403, 403, 403, 200, 404],
    )
    .await;
    assert_eq!(listed(&app, &cookie(6), &concern.id).await, None);
    app.post_as(
        &format!("/api/v1/concerns/{}/next-stage", concern.id),
        json!({"client_id": "officer-matrix-next"}),
        &cookie(1),
    )
    .await
    .expect_status(StatusCode::CREATED);
    // Stage 2: the complaints officer, Casey; Morgan, who answered stage 1: refused.
    answers_as(
        &app,
        &people,
        &concern.id,
        "Stage two",
        [401, 403, 403, 403, 403, 403, 200],
    )
    .await;
    assert_eq!(
        listed(&app, &cookie(5), &concern.id).await,
        Some((false, 1))
    );
    assert_eq!(listed(&app, &cookie(6), &concern.id).await, Some((true, 2)));
}
