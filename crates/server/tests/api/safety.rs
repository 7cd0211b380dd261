//! "How I'm doing": mood check-ins, and the "I don't feel safe" flag from raising it to
//! a worker recording what they did.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::{
    AuditEntry, CheckIn, Mood, SafetyFlag, YoungPersonListItem, DEMO_YOUNG_PERSON_ID,
};
use serde_json::json;

fn uri(what: &str) -> String {
    format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/{what}")
}

#[tokio::test]
async fn a_check_in_is_recorded_once_and_the_worker_sees_it() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let body = json!({"client_id": "check-1", "mood": "low", "words": "Tired  today"});
    app.post_as(&uri("check-ins"), body.clone(), &alex)
        .await
        .expect_status(StatusCode::CREATED);
    let again = app.post_as(&uri("check-ins"), body, &alex).await;
    assert_eq!(again.status, StatusCode::OK);
    // Skipping everything is a real answer too.
    let skipped = app
        .post_as(&uri("check-ins"), json!({"client_id": "check-2"}), &alex)
        .await;
    assert_eq!(skipped.status, StatusCode::CREATED);
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let seen: Vec<CheckIn> = app.get_as(&uri("check-ins"), &sam).await.json();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].mood, Some(Mood::Low));
    assert_eq!(seen[0].words.as_deref(), Some("Tired  today"));
    assert_eq!(seen[1].mood, None);
    // Only the young person checks in.
    let by_worker = app
        .post_as(&uri("check-ins"), json!({"client_id": "check-3"}), &sam)
        .await;
    assert_forbidden(&by_worker);
    let bad = app
        .post_as(
            &uri("check-ins"),
            json!({"client_id": "check-4", "mood": "meh"}),
            &alex,
        )
        .await;
    assert!(bad.status.is_client_error());
}

#[tokio::test]
async fn a_safety_flag_stays_open_until_the_worker_records_what_they_did() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let body = json!({"client_id": "safe-1", "words": "Someone at home scares me"});
    let reply = app
        .post_as(&uri("safety"), body.clone(), &alex)
        .await
        .expect_status(StatusCode::CREATED);
    let flag: SafetyFlag = reply.json();
    assert!(flag.open && flag.actions.is_empty());
    assert_eq!(flag.first_name, "Alex");
    // Sent twice after a lost answer: raised once.
    let again = app.post_as(&uri("safety"), body, &alex).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json::<SafetyFlag>().id, flag.id);

    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    for staff in [&sam, &morgan] {
        let open: Vec<SafetyFlag> = app.get_as("/api/v1/safety", staff).await.json();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].id, flag.id);
        assert_eq!(open[0].words.as_deref(), Some("Someone at home scares me"));
    }
    // An action needs words; a blank one leaves the flag open.
    let blank = app
        .post_as(
            &format!("/api/v1/safety/{}/actions", flag.id),
            json!({"words": " "}),
            &sam,
        )
        .await;
    assert_invalid(&blank);
    let still: Vec<SafetyFlag> = app.get_as("/api/v1/safety", &morgan).await.json();
    assert_eq!(still.len(), 1);

    let done = app
        .post_as(
            &format!("/api/v1/safety/{}/actions", flag.id),
            json!({"words": "Phoned Alex; they are at their nan's tonight."}),
            &sam,
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text());
    let done: SafetyFlag = done.json();
    assert!(!done.open);
    assert_eq!(done.actions.len(), 1);
    assert_eq!(done.actions[0].by, "Sam Rivers");
    for staff in [&sam, &morgan] {
        let open: Vec<SafetyFlag> = app.get_as("/api/v1/safety", staff).await.json();
        assert!(open.is_empty());
    }
    // Alex sees that someone acted, who and when, but never the staff-only note.
    let mine = app.get_as(&uri("safety"), &alex).await;
    assert!(!mine.text().contains("nan's"), "{}", mine.text());
    let mine: Vec<SafetyFlag> = mine.json();
    assert_eq!(mine.len(), 1);
    assert!(!mine[0].open);
    assert_eq!(mine[0].actions[0].by, "Sam Rivers");
    assert_eq!(mine[0].actions[0].words, "");
    assert_eq!(mine[0].actions[0].message, None);

    // Both the flag and the action are in the team's audit log.
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    assert!(log
        .iter()
        .any(|e| e.who == "Alex (young person)" && e.action == "said they don't feel safe"));
    assert!(log.iter().any(|e| e.who == "Sam Rivers (worker)"
        && e.action == "recorded what they did about a safety flag"));
}

#[tokio::test]
async fn the_young_person_hears_back_but_never_reads_the_staff_note() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let flag: SafetyFlag = app
        .post_as(&uri("safety"), json!({"client_id": "heard-1"}), &alex)
        .await
        .json();
    let note = "Duty team told; police welfare check booked for 9pm.";
    let message = "I've read this. I'll ring you at 6 tonight, and I'm coming tomorrow.";
    app.post_as(
        &format!("/api/v1/safety/{}/actions", flag.id),
        json!({"words": note, "message": message}),
        &sam,
    )
    .await
    .expect_status(StatusCode::OK);
    // Staff read both.
    for staff in [&sam, &morgan] {
        let flags: Vec<SafetyFlag> = app.get_as(&uri("safety"), staff).await.json();
        assert_eq!(flags[0].actions[0].words, note);
        assert_eq!(flags[0].actions[0].message.as_deref(), Some(message));
    }
    // Alex reads who, when and the message: the note reaches them nowhere, not in their
    // flags, not when the same flag is sent again, not in their records.
    let mine = app.get_as(&uri("safety"), &alex).await;
    assert!(!mine.text().contains("Duty team"), "{}", mine.text());
    let mine: Vec<SafetyFlag> = mine.json();
    let action = &mine[0].actions[0];
    assert_eq!(action.by, "Sam Rivers");
    assert_eq!(action.message.as_deref(), Some(message));
    assert!(action
        .at
        .starts_with(&chrono::Utc::now().date_naive().to_string()));
    let again = app
        .post_as(&uri("safety"), json!({"client_id": "heard-1"}), &alex)
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(!again.text().contains("Duty team"), "{}", again.text());
    for records in ["records", "records/page"] {
        let reply = app.get_as(&uri(records), &alex).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(!reply.text().contains("Duty team"), "{records}");
        assert!(reply.text().contains("ring you at 6"), "{records}");
    }
    // A blank message is no message.
    let second: SafetyFlag = app
        .post_as(&uri("safety"), json!({"client_id": "heard-2"}), &alex)
        .await
        .json();
    app.post_as(
        &format!("/api/v1/safety/{}/actions", second.id),
        json!({"words": "Called.", "message": "  "}),
        &sam,
    )
    .await;
    let mine: Vec<SafetyFlag> = app.get_as(&uri("safety"), &alex).await.json();
    let second = mine.iter().find(|f| f.id == second.id).unwrap();
    assert_eq!(second.actions[0].message, None);
}

#[tokio::test]
async fn what_staff_did_sent_twice_with_its_client_id_is_recorded_once() {
    // On a bad signal the first try may arrive with its answer lost; the app sends it again.
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let raise = |client_id: &str| json!({"client_id": client_id});
    let flag: SafetyFlag = app
        .post_as(&uri("safety"), raise("safe-a"), &alex)
        .await
        .json();
    let other: SafetyFlag = app
        .post_as(&uri("safety"), raise("safe-b"), &alex)
        .await
        .json();
    let act = |flag: &SafetyFlag| format!("/api/v1/safety/{}/actions", flag.id);
    let action =
        json!({"words": "Phoned Alex.", "message": "I'll see you at 4.", "client_id": "act-1"});
    let address = act(&flag);
    let (first, second) = tokio::join!(
        app.post_as(&address, action.clone(), &sam),
        app.post_as(&address, action.clone(), &sam)
    );
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    assert_eq!(second.status, StatusCode::OK, "{}", second.text());
    let again = app
        .post_as(&act(&flag), action.clone(), &sam)
        .await
        .expect_status(StatusCode::OK);
    let kept: SafetyFlag = again.json();
    assert!(!kept.open);
    assert_eq!(kept.actions.len(), 1, "{:?}", kept.actions);
    // Alex hears back once.
    let mine: Vec<SafetyFlag> = app.get_as(&uri("safety"), &alex).await.json();
    let heard = mine.iter().find(|f| f.id == flag.id).unwrap();
    assert_eq!(heard.actions.len(), 1);
    // The same client_id about another flag is refused, and that flag stays open.
    app.post_as(&act(&other), action, &sam)
        .await
        .expect_status(StatusCode::CONFLICT);
    let open: Vec<SafetyFlag> = app.get_as("/api/v1/safety", &sam).await.json();
    assert_eq!(open.iter().map(|f| &f.id).collect::<Vec<_>>(), [&other.id]);
    // Without a client_id (an older app), as before: each send is recorded.
    let bare = json!({"words": "Texted Alex."});
    for _ in 0..2 {
        app.post_as(&act(&other), bare.clone(), &sam)
            .await
            .expect_status(StatusCode::OK);
    }
    let mine: Vec<SafetyFlag> = app.get_as(&uri("safety"), &alex).await.json();
    assert_eq!(
        mine.iter()
            .find(|f| f.id == other.id)
            .unwrap()
            .actions
            .len(),
        2
    );
}

fn alex_on(list: &[YoungPersonListItem]) -> &YoungPersonListItem {
    list.iter()
        .find(|p| p.id.as_str() == DEMO_YOUNG_PERSON_ID)
        .unwrap()
}

#[tokio::test]
async fn a_really_bad_check_in_shows_on_the_list_until_staff_have_seen_it() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let list = |cookie: String| {
        let app = &app;
        async move {
            app.get_as("/api/v1/young-people", &cookie)
                .await
                .json::<Vec<YoungPersonListItem>>()
        }
    };
    // "Not great" is not the lowest: nothing on the list.
    app.post_as(
        &uri("check-ins"),
        json!({"client_id": "c-low", "mood": "low"}),
        &alex,
    )
    .await;
    assert_eq!(
        alex_on(&list(sam.clone()).await).unseen_really_bad.clone(),
        None
    );
    // Two "Really bad" check-ins: the newest, and how many.
    app.post_as(
        &uri("check-ins"),
        json!({"client_id": "c-bad-1", "mood": "awful"}),
        &alex,
    )
    .await;
    let newest: CheckIn = app
        .post_as(
            &uri("check-ins"),
            json!({"client_id": "c-bad-2", "mood": "awful"}),
            &alex,
        )
        .await
        .json();
    // The answer is the check-in made, the newest on the list.
    let check_ins: Vec<CheckIn> = app.get_as(&uri("check-ins"), &alex).await.json();
    assert_eq!(check_ins.last(), Some(&newest));
    let newest = newest.id;
    for staff in [&sam, &morgan] {
        let unseen = alex_on(&list(staff.clone()).await)
            .unseen_really_bad
            .clone()
            .unwrap();
        assert_eq!((unseen.check_in_id, unseen.count), (newest, 2));
    }
    // No safety flag is raised by it: only if the young person chooses.
    let flags: Vec<SafetyFlag> = app.get_as("/api/v1/safety", &sam).await.json();
    assert!(flags.is_empty());
    // The young person cannot mark it seen.
    let seen_uri = uri(&format!("check-ins/{newest}/seen"));
    let by_alex = app.post_as(&seen_uri, json!({}), &alex).await;
    assert_forbidden(&by_alex);
    // Sam has seen it: gone from Sam's list and Morgan's, recorded and audited.
    app.post_as(&seen_uri, json!({}), &sam)
        .await
        .expect_status(StatusCode::NO_CONTENT);
    for staff in [&sam, &morgan] {
        assert_eq!(
            alex_on(&list(staff.clone()).await)
                .unseen_really_bad
                .clone(),
            None
        );
    }
    let rows: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT seen_by_name, seen_at FROM check_ins WHERE mood = 'awful' ORDER BY id",
    )
    .fetch_all(&app.db().await)
    .await
    .unwrap();
    assert_eq!(rows.len(), 2);
    for (by, at) in rows {
        assert_eq!(by.as_deref(), Some("Sam Rivers"));
        assert!(at.is_some());
    }
    let log: Vec<AuditEntry> = app.get_as("/api/v1/audit", &morgan).await.json();
    assert!(log
        .iter()
        .any(|e| e.who == "Sam Rivers (worker)" && e.action == "saw a \"really bad\" check-in"));
    // Seen again by Morgan: nothing changes, Sam stays recorded.
    let again = app.post_as(&seen_uri, json!({}), &morgan).await;
    assert_eq!(again.status, StatusCode::NO_CONTENT);
    let (by,): (Option<String>,) =
        sqlx::query_as("SELECT seen_by_name FROM check_ins WHERE client_id = 'c-bad-2'")
            .fetch_one(&app.db().await)
            .await
            .unwrap();
    assert_eq!(by.as_deref(), Some("Sam Rivers"));
    // A later one shows again.
    app.post_as(
        &uri("check-ins"),
        json!({"client_id": "c-bad-3", "mood": "awful"}),
        &alex,
    )
    .await;
    let unseen = alex_on(&list(sam.clone()).await)
        .unseen_really_bad
        .clone()
        .unwrap();
    assert_eq!(unseen.count, 1);
    // A check-in that isn't "Really bad", or isn't theirs: not found.
    let low_id = check_ins
        .iter()
        .find(|c| c.mood == Some(Mood::Low))
        .unwrap()
        .id;
    let not_bad = app
        .post_as(&uri(&format!("check-ins/{low_id}/seen")), json!({}), &sam)
        .await;
    assert_not_found(&not_bad);
}

/// Polls `request` `polls` times, letting other tasks run between, then drops it unless it
/// has finished: a phone that lost its signal partway through sending.
async fn give_up_after(request: impl std::future::Future<Output = Reply>, polls: usize) -> bool {
    use std::task::Poll;
    let mut request = std::pin::pin!(request);
    for _ in 0..polls {
        let done =
            std::future::poll_fn(|cx| Poll::Ready(request.as_mut().poll(cx).is_ready())).await;
        if done {
            return true;
        }
        tokio::task::yield_now().await;
    }
    false
}

/// Writes given up at every point (check-ins and "I don't feel safe" themselves, cut off
/// after 0 to 39 polls) never stop the next one: each later check-in is kept within
/// seconds, and so is the "I don't feel safe" sent at the end, which the worker sees. On
/// SQLite and, with `JOURNEY_TEST_POSTGRES`, on PostgreSQL.
#[tokio::test]
async fn writes_given_up_partway_never_stop_i_dont_feel_safe_reaching_the_worker() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let within = std::time::Duration::from_secs(5);
    let mut kept_check_ins = 0;
    for polls in 0..40 {
        let (path, body) = if polls % 2 == 0 {
            (
                "check-ins",
                json!({"client_id": format!("gone-{polls}"), "mood": "low"}),
            )
        } else {
            ("safety", json!({"client_id": format!("gone-safe-{polls}")}))
        };
        let finished = give_up_after(app.post_as(&uri(path), body, &alex), polls).await;
        if finished && path == "check-ins" {
            kept_check_ins += 1;
        }
        let next = tokio::time::timeout(
            within,
            app.post_as(
                &uri("check-ins"),
                json!({"client_id": format!("next-{polls}")}),
                &alex,
            ),
        )
        .await
        .unwrap_or_else(|_| panic!("a check-in after one given up at poll {polls} never came"));
        assert_eq!(
            next.status,
            StatusCode::CREATED,
            "after {polls} polls: {}",
            next.text()
        );
        kept_check_ins += 1;
    }
    let not_safe = tokio::time::timeout(
        within,
        app.post_as(
            &uri("safety"),
            json!({"client_id": "at-last", "words": "Please call me"}),
            &alex,
        ),
    )
    .await
    .expect("\"I don't feel safe\" never came");
    assert_eq!(not_safe.status, StatusCode::CREATED, "{}", not_safe.text());
    let flag: SafetyFlag = not_safe.json();

    let sam = app.sign_in(SAM.0, SAM.1).await;
    let open: Vec<SafetyFlag> = app.get_as("/api/v1/safety", &sam).await.json();
    assert!(open.iter().any(|f| f.id == flag.id), "{open:?}");
    let check_ins: Vec<CheckIn> = app.get_as(&uri("check-ins"), &sam).await.json();
    // Every check-in answered as kept is kept (a given-up one may be kept or not).
    assert!(
        check_ins.len() >= kept_check_ins,
        "{} of {kept_check_ins}",
        check_ins.len()
    );
}
