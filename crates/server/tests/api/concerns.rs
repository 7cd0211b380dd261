//! A concern about a worker who is a manager: it goes to the complaints officer, or
//! another manager, never to the manager it is about, and the young person is told who
//! will read it (or that no one can yet) by the same rule.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::{Concern, ConcernReader, ConcernRoutes, Invite};
use serde_json::json;

const PASSWORD: &str = "a staff password here";

async fn staff(app: &TestApp, name: &str, username: &str, team: &str, manager: bool) -> String {
    app.state.store.create_team(team).await.unwrap();
    app.add_staff(name, username, team, manager, PASSWORD).await;
    app.sign_in(username, PASSWORD).await
}

/// A young person added by (so allocated to) the staff member signed in as `by`, signed
/// up: their id and cookie.
async fn young_person(app: &TestApp, by: &str, first_name: &str) -> (String, String) {
    let invite: Invite = app.new_young_person(by, first_name).await.json();
    let reply = app
        .sign_up(&invite.code, &first_name.to_lowercase(), PASSWORD)
        .await
        .expect_status(StatusCode::CREATED);
    (invite.young_person_id.to_string(), reply.cookie())
}

/// A young person's concerns, as the holder of `cookie` reads them.
async fn concerns_of(app: &TestApp, young_person: &str, cookie: &str) -> Vec<Concern> {
    app.get_as(
        &format!("/api/v1/young-people/{young_person}/concerns"),
        cookie,
    )
    .await
    .json()
}

/// A young person's records page (`lang`: "" or "?lang=cy"), as the holder of `cookie`
/// reads it.
async fn records_page(app: &TestApp, young_person: &str, cookie: &str, lang: &str) -> String {
    app.get_as(
        &format!("/api/v1/young-people/{young_person}/records/page{lang}"),
        cookie,
    )
    .await
    .text()
}

async fn routes(app: &TestApp, id: &str, cookie: &str) -> ConcernRoutes {
    let reply = app
        .get_as(
            &format!("/api/v1/young-people/{id}/concerns/who-reads"),
            cookie,
        )
        .await
        .expect_status(StatusCode::OK);
    reply.json()
}

async fn raise(app: &TestApp, id: &str, cookie: &str, about: &str, words: &str) -> Concern {
    let reply = app
        .post_as(
            &format!("/api/v1/young-people/{id}/concerns"),
            json!({"client_id": words.replace(' ', "-"), "about": about, "words": words}),
            cookie,
        )
        .await
        .expect_status(StatusCode::CREATED);
    reply.json()
}

/// The references a manager finds in their list and on the young person's page (where
/// they may open it), and whether they may answer `concern`.
async fn reads(app: &TestApp, cookie: &str, young_person: &str, concern: &Concern) -> bool {
    let list = app
        .get_as("/api/v1/concerns", cookie)
        .await
        .expect_status(StatusCode::OK);
    let in_list = list.text().contains(&concern.reference);
    let page = app
        .get_as(
            &format!("/api/v1/young-people/{young_person}/concerns"),
            cookie,
        )
        .await;
    let on_page = page.status == StatusCode::OK && page.text().contains(&concern.reference);
    let records = app
        .get_as(
            &format!("/api/v1/young-people/{young_person}/records"),
            cookie,
        )
        .await;
    let in_records = records.status == StatusCode::OK && records.text().contains(&concern.words);
    // Answering is tried last, and only by those who may not read it (a 404 changes
    // nothing); `answers` below checks the others.
    if !in_list {
        assert!(
            !on_page && !in_records,
            "hidden from the list, hidden everywhere"
        );
        app.post_as(
            &format!("/api/v1/concerns/{}/reply", concern.id),
            json!({"words": "Closing this."}),
            cookie,
        )
        .await
        .expect_status(StatusCode::NOT_FOUND);
    }
    in_list
}

#[tokio::test]
async fn a_concern_about_a_manager_goes_to_another_manager_or_the_complaints_officer_never_to_them()
{
    let app = spawn_app(true).await;
    let store = &app.state.store;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    // Casey manages the East team and is Taylor's worker too.
    let casey = staff(&app, "Casey Brook", "casey", "East", true).await;
    let (taylor_id, taylor) = young_person(&app, &casey, "Taylor").await;

    // Before sending, Taylor is told who will read it: not Casey's team (Casey is its
    // only manager), so another manager (Morgan, of another team).
    let before = routes(&app, &taylor_id, &taylor).await;
    assert_eq!(before.my_worker, ConcernReader::AnotherManager);
    assert_eq!(before.something_else, ConcernReader::WorkerManager);
    let about_casey = raise(&app, &taylor_id, &taylor, "my_worker", "Casey shouts at me").await;
    assert_eq!(about_casey.sees, ConcernReader::AnotherManager);
    let other = raise(
        &app,
        &taylor_id,
        &taylor,
        "something_else",
        "My room is cold",
    )
    .await;
    assert_eq!(other.sees, ConcernReader::WorkerManager);

    // Casey can't see it, find it, or answer and close it, nor learn of it from the
    // team's audit log; Morgan can.
    assert!(!reads(&app, &casey, &taylor_id, &about_casey).await);
    let log = app.get_as("/api/v1/audit", &casey).await.text();
    assert!(
        log.contains(&other.reference),
        "the other concern is audited as before"
    );
    assert!(!log.contains(&about_casey.reference), "{log}");
    assert!(reads(&app, &casey, &taylor_id, &other).await);
    assert!(reads(&app, &morgan, &taylor_id, &about_casey).await);
    assert!(!reads(&app, &morgan, &taylor_id, &other).await);

    // A second manager in Casey's team: it goes to them, not to Morgan.
    let drew = staff(&app, "Drew Hale", "drew", "East", true).await;
    assert!(reads(&app, &drew, &taylor_id, &about_casey).await);
    assert!(!reads(&app, &morgan, &taylor_id, &about_casey).await);
    assert!(!reads(&app, &casey, &taylor_id, &about_casey).await);

    // The organisation names Morgan its complaints officer: now only Morgan reads it.
    store.set_complaints_officer("morgan", true).await.unwrap();
    assert_eq!(
        routes(&app, &taylor_id, &taylor).await.my_worker,
        ConcernReader::ComplaintsOfficer
    );
    assert!(reads(&app, &morgan, &taylor_id, &about_casey).await);
    assert!(!reads(&app, &drew, &taylor_id, &about_casey).await);
    assert!(!reads(&app, &casey, &taylor_id, &about_casey).await);
    app.post_as(
        &format!("/api/v1/concerns/{}/reply", about_casey.id),
        json!({"words": "I'm looking into this. Morgan"}),
        &morgan,
    )
    .await
    .expect_status(StatusCode::OK);
    let log = app.get_as("/api/v1/audit", &casey).await.text();
    assert!(!log.contains(&about_casey.reference), "{log}");
    let db = app.db().await;
    let (kept,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE team_id IS NULL AND young_person_id = $1",
    )
    .bind(&taylor_id)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(kept, 2, "raised and answered, kept under no team");

    // Taylor sees who reads it, in the list and the records page.
    let theirs: Vec<Concern> = concerns_of(&app, &taylor_id, &taylor).await;
    let kept = theirs.iter().find(|c| c.id == about_casey.id).unwrap();
    assert_eq!(kept.sees, ConcernReader::ComplaintsOfficer);
    assert_eq!(kept.replies.len(), 1);
    let page = records_page(&app, &taylor_id, &taylor, "").await;
    assert!(
        page.contains("seen by: The complaints officer (the person in charge of complaints here)")
    );
    let welsh = records_page(&app, &taylor_id, &taylor, "?lang=cy").await;
    assert!(welsh.contains("Y swyddog cwynion (y person"));

    // A complaints officer who is the manager it is about is passed over.
    store.set_complaints_officer("morgan", false).await.unwrap();
    store.set_complaints_officer("casey", true).await.unwrap();
    assert_eq!(
        routes(&app, &taylor_id, &taylor).await.my_worker,
        ConcernReader::AnotherManager
    );
    assert!(!reads(&app, &casey, &taylor_id, &about_casey).await);
    assert!(reads(&app, &drew, &taylor_id, &about_casey).await);
    // Only managers can be complaints officers.
    assert!(store.set_complaints_officer("sam", true).await.is_err());
}

#[tokio::test]
async fn when_no_one_else_could_read_it_the_young_person_is_told_so_and_pointed_to_help() {
    let app = spawn_app(false).await;
    // The organisation's only manager, who is also Robin's worker.
    let jo = staff(&app, "Jo Park", "jo.park", "Solo", true).await;
    let (robin_id, robin) = young_person(&app, &jo, "Robin").await;
    let before = routes(&app, &robin_id, &robin).await;
    assert_eq!(before.my_worker, ConcernReader::NoOne);
    let concern = raise(&app, &robin_id, &robin, "my_worker", "Jo never turns up").await;
    assert_eq!(concern.sees, ConcernReader::NoOne);
    assert!(!reads(&app, &jo, &robin_id, &concern).await);

    let page = records_page(&app, &robin_id, &robin, "").await;
    assert!(page.contains("No one here can read this yet"), "{page}");
    assert!(page.contains("Help page"));
    let welsh = records_page(&app, &robin_id, &robin, "?lang=cy").await;
    assert!(welsh.contains("Does neb yma"));

    // Once the organisation has a complaints officer, it reaches them.
    let lee = staff(&app, "Lee Ash", "lee", "Head office", true).await;
    app.state
        .store
        .set_complaints_officer("lee", true)
        .await
        .unwrap();
    assert!(reads(&app, &lee, &robin_id, &concern).await);
    assert!(!reads(&app, &jo, &robin_id, &concern).await);
    let theirs: Vec<Concern> = concerns_of(&app, &robin_id, &robin).await;
    assert_eq!(theirs[0].sees, ConcernReader::ComplaintsOfficer);
}

async fn answer(app: &TestApp, cookie: &str, concern: &Concern, words: &str) -> u16 {
    let reply = app
        .post_as(
            &format!("/api/v1/concerns/{}/reply", concern.id),
            json!({"words": words}),
            cookie,
        )
        .await;
    reply.status.as_u16()
}

async fn next_stage(app: &TestApp, cookie: &str, concern: &Concern, words: &str) -> Concern {
    let reply = app
        .post_as(
            &format!("/api/v1/concerns/{}/next-stage", concern.id),
            json!({"client_id": format!("next-{}", words.len()), "words": words}),
            cookie,
        )
        .await
        .expect_status(StatusCode::CREATED);
    reply.json()
}

/// The concern as it shows in `cookie`'s list (`GET /api/v1/concerns`), if it does.
async fn in_list(app: &TestApp, cookie: &str, concern: &Concern) -> Option<Concern> {
    let list = app
        .get_as("/api/v1/concerns", cookie)
        .await
        .expect_status(StatusCode::OK);
    let list: Vec<Concern> = list.json();
    list.into_iter().find(|c| c.id == concern.id)
}

/// A worker (not a manager) in North, with North's manager Mo; Robin is the worker's.
async fn north(app: &TestApp) -> (String, String, String, Concern) {
    let worker = staff(app, "Kit Lane", "kit", "North", false).await;
    let mo = staff(app, "Mo Hart", "mo.hart", "North", true).await;
    let (robin_id, robin) = young_person(app, &worker, "Robin").await;
    let concern = raise(
        app,
        &robin_id,
        &robin,
        "something_else",
        "The heating is broken",
    )
    .await;
    assert_eq!(concern.sees, ConcernReader::WorkerManager);
    (mo, robin_id, robin, concern)
}

#[tokio::test]
async fn stage_two_goes_to_the_complaints_officer_never_back_to_the_manager_who_answered() {
    let app = spawn_app(false).await;
    let (mo, robin_id, robin, concern) = north(&app).await;
    let casey = staff(&app, "Casey Brook", "casey", "Head office", true).await;
    app.state
        .store
        .set_complaints_officer("casey", true)
        .await
        .unwrap();
    // Stage 1: the team's manager reads and answers it; the complaints officer doesn't.
    assert!(in_list(&app, &casey, &concern).await.is_none());
    let first = in_list(&app, &mo, &concern).await.unwrap();
    assert!(first.can_answer);
    assert_eq!(
        answer(&app, &mo, &concern, "We called the landlord. Mo").await,
        200
    );

    // Before asking, Robin is told who would look at it: the complaints officer.
    let theirs: Vec<Concern> = concerns_of(&app, &robin_id, &robin).await;
    assert_eq!(theirs[0].next_stage, Some(2));
    assert_eq!(theirs[0].next_sees, Some(ConcernReader::ComplaintsOfficer));
    assert!(!theirs[0].can_answer);
    let second = next_stage(&app, &robin, &concern, "Still freezing, nobody came").await;
    assert_eq!(second.stage, 2);
    assert_eq!(second.sees, ConcernReader::ComplaintsOfficer);

    // Mo still sees that it went on, but not Robin's new words, and can't answer it.
    let moved = in_list(&app, &mo, &concern).await.unwrap();
    assert!(!moved.can_answer);
    assert_eq!(moved.stage, 2);
    assert_eq!(moved.sees, ConcernReader::ComplaintsOfficer);
    assert_eq!(moved.asked_again.len(), 1);
    assert_eq!(moved.asked_again[0].words, None);
    assert_eq!(answer(&app, &mo, &concern, "Closing this. Mo").await, 403);

    // The complaints officer, of another team, finds it on their own list and answers.
    let theirs = in_list(&app, &casey, &concern).await.unwrap();
    assert!(theirs.can_answer);
    assert_eq!(
        theirs.asked_again[0].words.as_deref(),
        Some("Still freezing, nobody came")
    );
    assert_eq!(
        answer(&app, &casey, &concern, "I will visit on Monday. Casey").await,
        200
    );
    // Mo doesn't see what Casey said.
    let moved = in_list(&app, &mo, &concern).await.unwrap();
    assert_eq!(moved.replies.len(), 1, "only Mo's own answer");
    let page: Vec<Concern> = concerns_of(&app, &robin_id, &mo).await;
    assert_eq!(page[0].replies.len(), 1);
    assert!(!page[0].can_answer);

    // Robin sees both answers; stage 3 (England) stays with the complaints officer.
    let theirs: Vec<Concern> = concerns_of(&app, &robin_id, &robin).await;
    assert_eq!(theirs[0].replies.len(), 2);
    assert_eq!(theirs[0].replies[1].by, "Casey Brook");
    assert_eq!(theirs[0].next_sees, Some(ConcernReader::ComplaintsOfficer));
    let third = next_stage(&app, &robin, &concern, "x").await;
    assert_eq!(third.sees, ConcernReader::ComplaintsOfficer);
    assert!(in_list(&app, &casey, &concern).await.unwrap().can_answer);
    assert_eq!(answer(&app, &mo, &concern, "Mo again").await, 403);
}

#[tokio::test]
async fn with_no_complaints_officer_stage_two_goes_to_another_manager_or_truthfully_no_one() {
    let app = spawn_app(false).await;
    let (mo, robin_id, robin, concern) = north(&app).await;
    assert_eq!(
        answer(&app, &mo, &concern, "We called the landlord. Mo").await,
        200
    );

    // Mo is the only manager: no one else can look at it yet, and Robin is told so.
    let theirs: Vec<Concern> = concerns_of(&app, &robin_id, &robin).await;
    assert_eq!(theirs[0].next_sees, Some(ConcernReader::NoOne));
    let second = next_stage(&app, &robin, &concern, "Still cold").await;
    assert_eq!(second.sees, ConcernReader::NoOne);
    assert!(!in_list(&app, &mo, &concern).await.unwrap().can_answer);
    assert_eq!(answer(&app, &mo, &concern, "Mo").await, 403);
    let page = records_page(&app, &robin_id, &robin, "").await;
    assert!(page.contains("No one here who wasn't part of it"), "{page}");

    // Another manager (of another team) joins: it goes to them, not back to Mo.
    let drew = staff(&app, "Drew Hale", "drew", "South", true).await;
    let theirs = in_list(&app, &drew, &concern).await.unwrap();
    assert_eq!(theirs.sees, ConcernReader::AnotherManager);
    assert!(theirs.can_answer);
    // A second North manager who didn't answer is preferred: they know the team.
    let ash = staff(&app, "Ash Reed", "ash", "North", true).await;
    assert!(in_list(&app, &ash, &concern).await.unwrap().can_answer);
    assert!(in_list(&app, &drew, &concern).await.is_none());
    assert_eq!(answer(&app, &drew, &concern, "Drew").await, 404);
    assert_eq!(answer(&app, &ash, &concern, "I'll look. Ash").await, 200);
    assert_eq!(answer(&app, &mo, &concern, "Mo").await, 403);
    let theirs: Vec<Concern> = concerns_of(&app, &robin_id, &robin).await;
    assert_eq!(theirs[0].sees, ConcernReader::AnotherManager);
    assert_eq!(theirs[0].replies[1].by, "Ash Reed");
}

#[tokio::test]
async fn an_answer_sent_twice_with_its_client_id_is_given_once() {
    let app = spawn_app(true).await;
    let (mo, robin_id, robin, concern) = north(&app).await;
    let uri = format!("/api/v1/concerns/{}/reply", concern.id);
    let body = json!({"words": "We have fixed the heating.", "client_id": "answer-1"});
    // Sent at once twice (a try given up on a bad signal, then Send again): one answer.
    let (first, second) = tokio::join!(
        app.post_as(&uri, body.clone(), &mo),
        app.post_as(&uri, body.clone(), &mo)
    );
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    assert_eq!(second.status, StatusCode::OK, "{}", second.text());
    let answered: Concern = first.json();
    assert_eq!(answered.replies.len(), 1);
    assert_eq!(second.json::<Concern>().replies, answered.replies);
    // Robin reads it once.
    let mine = concerns_of(&app, &robin_id, &robin).await;
    let theirs = mine.iter().find(|c| c.id == concern.id).unwrap();
    assert_eq!(theirs.replies.len(), 1);
    assert_eq!(theirs.replies[0].words, "We have fixed the heating.");
    // Without a client_id, each send is an answer (a second thing to say), as before.
    assert_eq!(answer(&app, &mo, &concern, "And a new boiler.").await, 200);
    let mine = concerns_of(&app, &robin_id, &robin).await;
    assert_eq!(
        mine.iter()
            .find(|c| c.id == concern.id)
            .unwrap()
            .replies
            .len(),
        2
    );
    // The same client_id on another concern is refused; one that is not one is bad input.
    let other = raise(
        &app,
        &robin_id,
        &robin,
        "something_else",
        "The window sticks",
    )
    .await;
    app.post_as(
        &format!("/api/v1/concerns/{}/reply", other.id),
        json!({"words": "Fixed.", "client_id": "answer-1"}),
        &mo,
    )
    .await
    .expect_status(StatusCode::CONFLICT);
    let bad = app
        .post_as(
            &uri,
            json!({"words": "Hello", "client_id": "not one!"}),
            &mo,
        )
        .await;
    assert_invalid(&bad);
}
