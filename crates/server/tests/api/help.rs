//! Help content per organisation, and concerns from raising to the manager's reply.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::{
    Concern, ConcernAbout, ConcernStatus, HelpPage, Nation, WhoSees, DEMO_YOUNG_PERSON_ID,
};
use serde_json::{json, Value};

fn concerns_uri() -> String {
    format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/concerns")
}

#[tokio::test]
async fn help_is_open_to_everyone_and_defaults_to_england() {
    let app = spawn_app(true).await;
    let reply = app.get("/api/v1/help").await.expect_status(StatusCode::OK);
    let page: HelpPage = reply.json();
    assert_eq!(page.version, 0);
    assert_eq!(page.content.nation, Nation::England);
    assert_eq!(page.content.danger_phone, "999");
    assert!(reply
        .text()
        .contains("Local Government and Social Care Ombudsman"));
    assert!(page
        .content
        .contacts
        .iter()
        .any(|c| c.name == "Childline" && c.phone.as_deref() == Some("0800 1111")));
    assert_eq!(reply.header(axum::http::header::CACHE_CONTROL), "no-store");
}

#[tokio::test]
async fn an_organisation_in_wales_gets_the_welsh_bodies() {
    let app = spawn_app(false).await;
    let version = app.state.store.set_nation(Nation::Wales).await.unwrap();
    assert_eq!(version, 1);
    let reply = app.get("/api/v1/help").await;
    let page: HelpPage = reply.json();
    assert_eq!(page.version, 1);
    assert_eq!(page.content.nation, Nation::Wales);
    let text = reply.text();
    assert!(text.contains("Public Services Ombudsman for Wales"));
    assert!(text.contains("Meic"));
    assert!(!text.contains("Local Government and Social Care Ombudsman"));
    assert_eq!(app.state.store.nation().await.unwrap(), Nation::Wales);
}

#[tokio::test]
async fn the_built_in_help_comes_in_welsh_and_an_organisations_own_words_as_written() {
    let app = spawn_app(true).await;
    for nation in [Nation::England, Nation::Wales] {
        app.state.store.set_nation(nation).await.unwrap();
        let reply = app
            .get("/api/v1/help?lang=cy")
            .await
            .expect_status(StatusCode::OK);
        let page: HelpPage = reply.json();
        assert_eq!(page.lang, journey_core::Lang::Cy);
        assert_eq!(page.content.nation, nation);
        assert!(page.content.danger_words.starts_with("Ffonia 999"));
        assert_eq!(page.content.danger_phone, "999");
        let english: HelpPage = app.get("/api/v1/help?lang=en").await.json();
        assert_eq!(english.lang, journey_core::Lang::En);
        assert_eq!(english.version, page.version);
        assert!(english.content.danger_words.starts_with("Call 999"));
    }
    let wales: HelpPage = app.get("/api/v1/help?lang=cy").await.json();
    assert!(wales
        .content
        .contacts
        .iter()
        .any(|c| c.name == "Ombwdsmon Gwasanaethau Cyhoeddus Cymru"));

    // A language we don't have is a clear 400.
    let reply = app.get("/api/v1/help?lang=fr").await;
    assert_bad_request(&reply);

    // Once the organisation writes its own, it is served as written, marked English.
    let morgan = administrator(&app).await;
    let mut page: HelpPage = app.get("/api/v1/help").await.json();
    page.content.still_unhappy = "Ask our complaints officer, Pat, first.".into();
    app.put_help(
        json!({"based_on": page.version, "content": page.content}),
        &morgan,
    )
    .await
    .expect_status(StatusCode::OK);
    let own: HelpPage = app.get("/api/v1/help?lang=cy").await.json();
    assert_eq!(own.lang, journey_core::Lang::En);
    assert_eq!(
        own.content.still_unhappy,
        "Ask our complaints officer, Pat, first."
    );
}

#[tokio::test]
async fn only_an_administrator_replaces_the_help_content_as_a_new_version() {
    let app = spawn_app(true).await;
    let mut page: HelpPage = app.get("/api/v1/help").await.json();
    page.content.still_unhappy = "Ask our complaints officer, Pat, first.".into();
    let edit = json!({"based_on": 0, "content": page.content});
    // The help page belongs to the whole organisation: a team's manager can't change it.
    let manager = app.sign_in(MORGAN.0, MORGAN.1).await;
    let refused = app.put_help(edit.clone(), &manager).await;
    assert_forbidden(&refused);
    assert_eq!(app.get("/api/v1/help").await.json::<HelpPage>().version, 0);
    assert!(app
        .state
        .store
        .set_admin("nobody-here", true)
        .await
        .is_err());

    let morgan = administrator(&app).await;
    let reply = app
        .put_help(edit.clone(), &morgan)
        .await
        .expect_status(StatusCode::OK);
    let saved: HelpPage = reply.json();
    assert_eq!(saved.version, 1);
    let now: HelpPage = app.get("/api/v1/help").await.json();
    assert_eq!(
        now.content.still_unhappy,
        "Ask our complaints officer, Pat, first."
    );
    // The same save sent again (its answer lost on a bad signal): the version it made.
    let again = app
        .put_help(edit, &morgan)
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(again.json::<HelpPage>().version, 1);
    // Another save on the old version is a clash, not an overwrite.
    let mut other = now.content.clone();
    other.still_unhappy = "Someone else's words.".into();
    let clash = app
        .put_help(json!({"based_on": 0, "content": other}), &morgan)
        .await;
    assert_conflict(&clash);
    // Bad content is explained field by field; only 999 or 112 is the emergency number.
    for danger_phone in ["call someone", "1 2 3"] {
        let mut bad = now.content.clone();
        bad.danger_phone = danger_phone.into();
        let reply = app
            .put_help(json!({"based_on": 1, "content": bad}), &morgan)
            .await;
        assert_invalid(&reply);
        assert_eq!(
            reply.json::<serde_json::Value>()["error"]["field"],
            "danger_phone"
        );
    }
    // The change is in the organisation's audit rows, which its administrators read…
    let changed = |log: &[journey_core::AuditEntry]| {
        log.iter()
            .any(|e| e.action == "changed the help page (version 1)")
    };
    let log: Vec<journey_core::AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    assert!(changed(&log));
    assert!(log
        .iter()
        .any(|e| e.action == "made morgan one of the organisation's administrators"));
    // …and not in a team's log: once Morgan is only a manager again, it is not there.
    app.state.store.set_admin("morgan", false).await.unwrap();
    let log: Vec<journey_core::AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    assert!(!log.is_empty() && !changed(&log));
    // A worker who is an administrator reads the organisation's rows only.
    app.state.store.set_admin("sam", true).await.unwrap();
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let log: Vec<journey_core::AuditEntry> = app.get_as("/api/v1/audit", &sam).await.json();
    assert!(changed(&log));
    assert!(log.iter().all(|e| e.young_person_id.is_none()));
}

async fn raise(app: &TestApp, cookie: &str, body: serde_json::Value) -> Concern {
    let reply = app
        .post_as(&concerns_uri(), body, cookie)
        .await
        .expect_status(StatusCode::CREATED);
    reply.json()
}

/// Raises a concern `about` "my_worker" or "something_else", in these words.
async fn raise_about(
    app: &TestApp,
    cookie: &str,
    client_id: &str,
    about: &str,
    words: &str,
) -> Concern {
    let body = json!({"client_id": client_id, "about": about, "words": words});
    raise(app, cookie, body).await
}

#[tokio::test]
async fn a_concern_gets_a_reference_is_answered_and_the_young_person_sees_the_reply() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let body = json!({
        "client_id": "first-try",
        "about": "something_else",
        "words": "The heating in my room doesn't work 🥶",
        "what_would_help": "Someone to fix it",
    });
    let concern = raise(&app, &alex, body.clone()).await;
    assert!(
        journey_core::concern::reference_ok(&concern.reference),
        "{}",
        concern.reference
    );
    assert_eq!(concern.status, ConcernStatus::Open);
    assert_eq!(concern.who_sees, WhoSees::Manager);
    assert_eq!(concern.words, "The heating in my room doesn't work 🥶");
    assert_eq!(
        concern.due_on,
        journey_core::concern::stage_one_due(concern.raised_on)
    );
    assert!(!concern.overdue);

    // Sent twice (a retry after a lost answer): recorded once, same reference.
    let again = app.post_as(&concerns_uri(), body, &alex).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json::<Concern>().reference, concern.reference);
    let mine: Vec<Concern> = app.get_as(&concerns_uri(), &alex).await.json();
    assert_eq!(mine.len(), 1);

    // The manager sees it in the team's list and answers.
    let team: Vec<Concern> = app.get_as("/api/v1/concerns", &morgan).await.json();
    assert_eq!(team.len(), 1);
    assert_eq!(team[0].first_name, "Alex");
    let reply = app
        .post_as(
            &format!("/api/v1/concerns/{}/reply", concern.id),
            json!({"words": "We fixed the heater on Tuesday."}),
            &morgan,
        )
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(reply.json::<Concern>().status, ConcernStatus::Answered);

    let mine: Vec<Concern> = app.get_as(&concerns_uri(), &alex).await.json();
    assert_eq!(mine[0].status, ConcernStatus::Answered);
    assert_eq!(mine[0].replies.len(), 1);
    assert_eq!(mine[0].replies[0].words, "We fixed the heater on Tuesday.");
    assert_eq!(mine[0].replies[0].by, "Morgan Lee");

    // Both writes are audited, without the young person's words.
    let log: Vec<journey_core::AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    let raised = format!("raised a concern ({})", concern.reference);
    let answered = format!("answered a concern ({})", concern.reference);
    assert!(log.iter().any(|e| e.action == raised));
    assert!(log.iter().any(|e| e.action == answered));
    assert!(log.iter().all(|e| !e.action.contains("heating")));
}

async fn answer(app: &TestApp, cookie: &str, concern: &Concern) {
    app.post_as(
        &format!("/api/v1/concerns/{}/reply", concern.id),
        json!({"words": "We looked into it."}),
        cookie,
    )
    .await
    .expect_status(StatusCode::OK);
}

/// Asks for the concern to go to its next stage.
async fn ask_next_stage(app: &TestApp, cookie: &str, concern: &Concern, body: Value) -> Reply {
    app.post_as(
        &format!("/api/v1/concerns/{}/next-stage", concern.id),
        body,
        cookie,
    )
    .await
}

/// The organisation's complaints officer, a manager of another team, signed in: from
/// stage 2 a concern goes to them, not back to the manager who answered (issue 21).
async fn complaints_officer(app: &TestApp) -> String {
    const PASSWORD: &str = "an officer's password";
    app.state.store.create_team("Head office").await.unwrap();
    app.add_staff("Rhian Owen", "rhian", "Head office", true, PASSWORD)
        .await;
    app.state
        .store
        .set_complaints_officer("rhian", true)
        .await
        .unwrap();
    app.sign_in("rhian", PASSWORD).await
}

#[tokio::test]
async fn not_happy_with_the_answer_the_young_person_takes_it_to_the_next_stage() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let concern = raise_about(&app, &alex, "stages", "something_else", "Nobody listens").await;
    assert_eq!((concern.stage, concern.next_stage), (1, None));

    // Not before there is an answer.
    let early = ask_next_stage(&app, &alex, &concern, json!({"client_id": "too-soon"})).await;
    assert_conflict(&early);
    assert!(early.text().contains("still working on the answer"));

    answer(&app, &morgan, &concern).await;
    let mine: Vec<Concern> = app.get_as(&concerns_uri(), &alex).await.json();
    assert_eq!(mine[0].next_stage, Some(2));

    // Asked once, sent twice: stage 2 once, open again, due in 25 working days.
    let body = json!({"client_id": "stage-two", "words": "It still happens every night"});
    let asked = ask_next_stage(&app, &alex, &concern, body.clone())
        .await
        .expect_status(StatusCode::CREATED);
    let asked: Concern = asked.json();
    let today = chrono::Utc::now().date_naive();
    assert_eq!(asked.stage, 2);
    assert_eq!(asked.status, ConcernStatus::Open);
    assert_eq!(asked.next_stage, None);
    assert_eq!(
        Some(asked.due_on),
        journey_core::concern::stage_due(Nation::England, 2, today)
    );
    assert_eq!(asked.asked_again.len(), 1);
    assert_eq!(asked.asked_again[0].stage, 2);
    assert_eq!(
        asked.asked_again[0].words.as_deref(),
        Some("It still happens every night")
    );
    let again = ask_next_stage(&app, &alex, &concern, body)
        .await
        .expect_status(StatusCode::OK);
    assert_eq!(again.json::<Concern>().stage, 2);

    // The manager sees stage 2 in the team's list (someone else answers it now: the
    // complaints officer); England has a third stage after it.
    let team: Vec<Concern> = app.get_as("/api/v1/concerns", &morgan).await.json();
    assert_eq!((team[0].stage, team[0].status), (2, ConcernStatus::Open));
    assert!(!team[0].can_answer);
    let officer = complaints_officer(&app).await;
    answer(&app, &officer, &concern).await;
    let words_skipped = json!({"client_id": "stage-three"});
    let third = ask_next_stage(&app, &alex, &concern, words_skipped)
        .await
        .expect_status(StatusCode::CREATED);
    let third: Concern = third.json();
    assert_eq!(third.stage, 3);
    assert_eq!(third.asked_again[1].words, None);

    // After the last stage's answer, nothing further here: the ombudsman is next.
    answer(&app, &officer, &concern).await;
    let mine: Vec<Concern> = app.get_as(&concerns_uri(), &alex).await.json();
    assert_eq!(mine[0].next_stage, None);
    let last = ask_next_stage(&app, &alex, &concern, json!({"client_id": "stage-four"})).await;
    assert_conflict(&last);

    let log: Vec<journey_core::AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    let moved = format!(
        "asked for a concern to go to stage 2 ({})",
        concern.reference
    );
    assert!(log.iter().any(|e| e.action == moved));
    assert!(log.iter().all(|e| !e.action.contains("every night")));
}

#[tokio::test]
async fn in_wales_the_second_stage_is_the_last() {
    let app = spawn_app(true).await;
    app.state.store.set_nation(Nation::Wales).await.unwrap();
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let concern = raise_about(&app, &alex, "wales", "something_else", "Too noisy").await;
    answer(&app, &morgan, &concern).await;
    ask_next_stage(&app, &alex, &concern, json!({"client_id": "w2"}))
        .await
        .expect_status(StatusCode::CREATED);
    answer(&app, &complaints_officer(&app).await, &concern).await;
    let mine: Vec<Concern> = app.get_as(&concerns_uri(), &alex).await.json();
    assert_eq!((mine[0].stage, mine[0].next_stage), (2, None));
}

#[tokio::test]
async fn a_worker_never_reads_a_concern_about_themselves() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let about_sam = raise_about(&app, &alex, "a1", "my_worker", "Sam keeps cancelling").await;
    raise_about(&app, &alex, "a2", "something_else", "School is hard").await;
    let shared = raise(
        &app,
        &alex,
        json!({"client_id": "a3", "about": "something_else", "words": "My phone is broken",
               "who_sees": "manager_and_worker"}),
    )
    .await;

    // Sam sees only what Alex shared with them, which is not about them.
    let seen_by_sam: Vec<Concern> = app.get_as(&concerns_uri(), &sam).await.json();
    let refs: Vec<&str> = seen_by_sam.iter().map(|c| c.reference.as_str()).collect();
    assert_eq!(refs, [shared.reference.as_str()]);
    assert!(!app
        .get_as(&concerns_uri(), &sam)
        .await
        .text()
        .contains("cancelling"));
    // Sam cannot answer one either, nor see the team's list.
    let reply = app
        .post_as(
            &format!("/api/v1/concerns/{}/reply", about_sam.id),
            json!({"words": "Sorry"}),
            &sam,
        )
        .await;
    assert_forbidden(&reply);
    let list = app.get_as("/api/v1/concerns", &sam).await;
    assert_forbidden(&list);

    // The manager and Alex see all three.
    assert_eq!(
        app.get_as("/api/v1/concerns", &morgan)
            .await
            .json::<Vec<Concern>>()
            .len(),
        3
    );
    let mine: Vec<Concern> = app.get_as(&concerns_uri(), &alex).await.json();
    assert_eq!(mine.len(), 3);
    assert!(mine.iter().any(|c| c.about == ConcernAbout::MyWorker));

    // Asking for the worker to see one about them is refused, kindly, before it is kept.
    let reply = app
        .post_as(
            &concerns_uri(),
            json!({"client_id": "a4", "about": "my_worker", "words": "x",
                   "who_sees": "manager_and_worker"}),
            &alex,
        )
        .await;
    assert_invalid(&reply);
}

#[tokio::test]
async fn an_open_concern_past_its_working_days_is_overdue() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let concern = raise_about(&app, &alex, "old", "something_else", "Nobody answered").await;
    // As if it had been raised three weeks ago.
    let raised = chrono::Utc::now().date_naive() - chrono::Duration::days(21);
    sqlx::query("UPDATE concerns SET raised_on = $1, due_on = $2 WHERE id = $3")
        .bind(raised.to_string())
        .bind(journey_core::concern::stage_one_due(raised).to_string())
        .bind(&concern.id)
        .execute(&app.db().await)
        .await
        .unwrap();
    let team: Vec<Concern> = app.get_as("/api/v1/concerns", &morgan).await.json();
    assert!(team[0].overdue);
    // Answered: no longer overdue.
    app.post_as(
        &format!("/api/v1/concerns/{}/reply", concern.id),
        json!({"words": "Sorry for the wait."}),
        &morgan,
    )
    .await;
    let team: Vec<Concern> = app.get_as("/api/v1/concerns", &morgan).await.json();
    assert!(!team[0].overdue);
}

#[tokio::test]
async fn mistakes_in_a_concern_are_explained_and_nothing_is_kept() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let reply = app
        .post_as(
            &concerns_uri(),
            json!({"client_id": "m1", "about": "something_else", "words": "   "}),
            &alex,
        )
        .await;
    assert_invalid(&reply);
    let unknown = app
        .post_as(
            &concerns_uri(),
            json!({"client_id": "m2", "about": "something_else", "words": "x", "secret": 1}),
            &alex,
        )
        .await;
    assert_bad_request(&unknown);
    let mine: Vec<Concern> = app.get_as(&concerns_uri(), &alex).await.json();
    assert!(mine.is_empty());
}

#[tokio::test]
async fn an_administrator_sets_the_opening_hours_and_the_out_of_hours_number() {
    let app = spawn_app(true).await;
    let morgan = administrator(&app).await;
    let page: HelpPage = app.get("/api/v1/help").await.json();
    // The defaults: weekdays 09:00 to 17:00, no out-of-hours number until one is set.
    let hours = page.content.opening_hours.clone().unwrap();
    assert_eq!(
        (hours.opens.as_str(), hours.closes.as_str()),
        ("09:00", "17:00")
    );
    assert!(!hours.weekends);
    assert_eq!(page.content.out_of_hours_phone, None);

    let mut content = page.content.clone();
    content.opening_hours = Some(journey_core::OpeningHours {
        opens: "08:30".into(),
        closes: "18:00".into(),
        weekends: true,
    });
    content.out_of_hours_phone = Some("0300 123 4567".into());
    app.put_help(json!({"based_on": 0, "content": content}), &morgan)
        .await
        .expect_status(StatusCode::OK);
    let now: HelpPage = app.get("/api/v1/help").await.json();
    assert_eq!(now.content.opening_hours.unwrap().opens, "08:30");
    assert_eq!(
        now.content.out_of_hours_phone.as_deref(),
        Some("0300 123 4567")
    );

    // A time that isn't one is explained on its own field.
    let mut bad = content.clone();
    bad.opening_hours.as_mut().unwrap().closes = "5pm".into();
    let reply = app
        .put_help(json!({"based_on": 1, "content": bad}), &morgan)
        .await;
    assert_invalid(&reply);
    assert!(
        reply.text().contains("opening_hours.closes"),
        "{}",
        reply.text()
    );
}
