//! "My records": everything stored about a young person, as JSON and as a page, with
//! their own words exactly and nothing a worker may not see.

use crate::helpers::*;
use axum::http::{header, StatusCode};
use journey_core::records::MyRecords;
use journey_core::DEMO_YOUNG_PERSON_ID;
use serde_json::json;

fn uri(path: &str) -> String {
    format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/{path}")
}

#[tokio::test]
async fn a_young_person_downloads_everything_kept_about_them() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let goal = "Feel <b>braver</b> at school & \"sleep\" 😊";
    let reply = app
        .post_as(
            &uri("goals"),
            json!({"words": goal, "agreed_by": "together"}),
            &alex,
        )
        .await
        .expect_status(StatusCode::CREATED);
    let made = reply.json::<journey_core::Goal>();
    assert_eq!(made.words, goal);
    let goal_id = made.id;
    let reword = app
        .post_as(
            &uri(&format!("goals/{goal_id}/words")),
            json!({"words": "Feel braver at school"}),
            &alex,
        )
        .await;
    assert!(reword.status.is_success(), "{}", reword.text());
    app.post_as(
        &uri("goal-ratings"),
        json!({"client_id": "r-1", "ratings": [{"goal_id": goal_id, "rating": 3}]}),
        &alex,
    )
    .await;
    app.post_as(
        &uri("feedback"),
        json!({"client_id": "f-1", "answers": [{"question": "overall", "answer": "rather_not_say"}],
               "comment": "Only my manager should read this", "comment_for": "manager_only"}),
        &alex,
    )
    .await;
    let concern: journey_core::Concern = app
        .post_as(
            &uri("concerns"),
            json!({"client_id": "c-1", "about": "my_worker", "words": "Sam was late <again>", "who_sees": "manager"}),
            &alex,
        )
        .await
        .json();
    // Answered, and taken to the next stage with what is still wrong.
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    app.post_as(
        &format!("/api/v1/concerns/{}/reply", concern.id),
        json!({"words": "We spoke to Sam."}),
        &morgan,
    )
    .await;
    app.post_as(
        &format!("/api/v1/concerns/{}/next-stage", concern.id),
        json!({"client_id": "n-1", "words": "Still late <sometimes>"}),
        &alex,
    )
    .await
    .expect_status(StatusCode::CREATED);
    app.post_as(
        &uri("good-news"),
        json!({"client_id": "gn-1", "about": "home", "words": "Best day <ever> & more"}),
        &alex,
    )
    .await
    .expect_status(StatusCode::CREATED);
    app.post_as(
        &uri("check-ins"),
        json!({"client_id": "ci-1", "mood": "okay", "words": "Tired"}),
        &alex,
    )
    .await;

    let reply = app
        .get_as(&uri("records"), &alex)
        .await
        .expect_status(StatusCode::OK);
    assert!(reply
        .header(header::CONTENT_DISPOSITION)
        .starts_with("attachment; filename=\"my-journey-records-alex-"));
    assert_eq!(reply.header(header::CACHE_CONTROL), "no-store");
    let records = reply.json::<MyRecords>();
    assert_eq!(records.first_name, "Alex");
    assert_eq!(records.username.as_deref(), Some("alex"));
    assert!(records.journey.is_some());
    assert!(!records.plan_versions.is_empty());
    let kept = records
        .goals
        .goals
        .iter()
        .find(|g| g.id == goal_id)
        .unwrap();
    assert_eq!(kept.words, "Feel braver at school");
    assert_eq!(
        kept.earlier_words[0].words, goal,
        "earlier words kept exactly"
    );
    assert_eq!(kept.ratings.len(), 1);
    assert_eq!(
        records.feedback.feedback.last().unwrap().comment.as_deref(),
        Some("Only my manager should read this")
    );
    assert!(records
        .concerns
        .iter()
        .any(|c| c.words == "Sam was late <again>"
            && c.asked_again[0].words.as_deref() == Some("Still late <sometimes>")));
    assert!(records
        .check_ins
        .iter()
        .any(|c| c.words.as_deref() == Some("Tired")));

    // The page: readable, escaped, the same things.
    let page = app.get_as(&uri("records/page"), &alex).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.header(header::CONTENT_TYPE).starts_with("text/html"));
    let html = page.text();
    assert!(html.contains("<h1>Alex's records from My Journey</h1>"));
    assert!(html.contains("Feel &lt;b&gt;braver&lt;/b&gt; at school &amp; &quot;sleep&quot; 😊"));
    assert!(!html.contains("<b>braver</b>"));
    assert!(html.contains("Sam was late &lt;again&gt;"));
    assert!(html.contains("You asked for this to be looked at again"));
    assert!(html.contains("Still late &lt;sometimes&gt;"));
    assert!(html.contains("Only my manager should read this"));
    // Good news, with what it was about and the worker's reply (the demo's).
    assert!(html.contains("<h2>Your good news</h2>"));
    assert!(html.contains("Best day &lt;ever&gt; &amp; more"));
    assert!(html.contains("<p>Home</p>"));
    assert!(html.contains("I got picked for the school football team!"));
    assert!(html.contains("You&#39;ve worked so hard at training."));
    assert!(records
        .good_news
        .iter()
        .any(|n| n.words.as_deref() == Some("Best day <ever> & more")));
    assert!(!html.contains("<script"), "no scripts in the page");
    // Its own policy: nothing loads or runs, and its one inline style is allowed by
    // hash, in the answer and in the page itself (for a copy opened from disk).
    let style = html
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .unwrap()
        .0;
    let hash = {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style))
    };
    let policy = format!(
        "default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'"
    );
    assert_eq!(
        page.header(header::CONTENT_SECURITY_POLICY),
        format!("{policy}; frame-ancestors 'none'")
    );
    assert!(html.contains(&format!(
        "<head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">"
    )));

    // In Welsh, with the same words of Alex's own; another language is a clear 400.
    let welsh = app.get_as(&uri("records/page?lang=cy"), &alex).await;
    assert_eq!(welsh.status, StatusCode::OK);
    let html = welsh.text();
    assert!(html.contains("<html lang=\"cy\">"));
    assert!(html.contains("<h1>Cofnodion Alex o My Journey</h1>"));
    assert!(html.contains("Sam was late &lt;again&gt;"));
    assert!(!html.contains("Everything My Journey keeps about you"));
    let reply = app.get_as(&uri("records/page?lang=fr"), &alex).await;
    assert_bad_request(&reply);

    // Sam downloads Alex's records too (allocated), but not what he may not read.
    let theirs = app.get_as(&uri("records"), &sam).await.json::<MyRecords>();
    assert!(!theirs
        .concerns
        .iter()
        .any(|c| c.words.contains("Sam was late")));
    let comment = &theirs.feedback.feedback.last().unwrap();
    assert!(comment.comment.is_none() && comment.comment_hidden);
    let page = app.get_as(&uri("records/page"), &sam).await.text();
    assert!(!page.contains("Sam was late"));
    assert!(!page.contains("Only my manager should read this"));

    // Every download is in the audit log.
    let db = app.db().await;
    let (downloads,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'downloaded the records'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(downloads, 5);
}

#[tokio::test]
async fn every_word_typed_anywhere_comes_out_of_the_page_as_text() {
    let app = spawn_app(true).await;
    app.add_staff("Priya Shah", "priya", "Demo team", false, "priya password")
        .await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    let today = chrono::Utc::now().date_naive().to_string();
    let mut posted = Vec::new();
    for (path, body, who) in [
        (
            uri("goals"),
            json!({"words": "a goal", "agreed_by": "together", "what_will_help": "help"}),
            &alex,
        ),
        (
            uri("views"),
            json!({"stance": "agree", "words": "a view"}),
            &alex,
        ),
        (
            uri("sessions"),
            json!({"client_id": "s-1", "held_on": today, "kind": "one_to_one",
            "mode": "face_to_face", "with_whom": "someone"}),
            &sam,
        ),
        (
            uri("feedback"),
            json!({"client_id": "f-1", "answers": [{"question": "overall", "answer": {"face": 3}}],
            "comment": "a comment"}),
            &alex,
        ),
        (
            uri("feedback/1/follow-ups"),
            json!({"words": "a note"}),
            &alex,
        ),
        (
            uri("feedback/1/follow-ups"),
            json!({"words": "a reply"}),
            &sam,
        ),
        (
            uri("check-ins"),
            json!({"client_id": "ci-1", "mood": "okay", "words": "a check-in"}),
            &alex,
        ),
        (
            uri("safety"),
            json!({"client_id": "sf-1", "words": "not safe"}),
            &alex,
        ),
        (
            uri("concerns"),
            json!({"client_id": "c-1", "about": "something_else", "words": "a concern",
            "who_sees": "manager"}),
            &alex,
        ),
    ] {
        let reply = app.post_as(&path, body, who).await;
        assert!(reply.status.is_success(), "{path}: {}", reply.text());
        posted.push(reply.json::<serde_json::Value>());
    }
    let flag = posted[7]["id"].as_str().unwrap().to_owned();
    let concern = posted[8]["id"].as_str().unwrap().to_owned();
    for (path, body, who) in [
        (
            format!("/api/v1/safety/{flag}/actions"),
            json!({"words": "an action", "message": "a message"}),
            &sam,
        ),
        (
            format!("/api/v1/concerns/{concern}/reply"),
            json!({"words": "an answer"}),
            &morgan,
        ),
        (
            format!("/api/v1/concerns/{concern}/next-stage"),
            json!({"client_id": "n-1", "words": "again"}),
            &alex,
        ),
        (
            uri("worker"),
            json!({"worker_username": "priya", "why": "a reason"}),
            &morgan,
        ),
    ] {
        let reply = app.post_as(&path, body, who).await;
        assert!(reply.status.is_success(), "{path}: {}", reply.text());
    }
    let records: MyRecords = app.get_as(&uri("records"), &alex).await.json();
    every_typed_word_is_escaped(&records);
}

/// Every piece of text in the records (each string, and each empty one that may hold
/// text), in turn made into markup with quotes and an ampersand, comes out of the page
/// as text, in both languages. Dates, ids and fixed choices that cannot hold markup
/// stay as they are.
fn every_typed_word_is_escaped(records: &MyRecords) {
    use journey_server::records::page::records_html;
    let mut value = serde_json::to_value(records).unwrap();
    let mut count = 0;
    mark_nth(&mut value.clone(), usize::MAX, &mut count);
    let mut marked = Vec::new();
    for n in 0..count {
        let mut tried = value.clone();
        mark_nth(&mut tried, n, &mut 0);
        if serde_json::from_value::<MyRecords>(tried.clone()).is_ok() {
            value = tried;
            marked.push(n);
        }
    }
    let marked_records: MyRecords = serde_json::from_value(value.clone()).unwrap();
    for section in [
        "journey",
        "plan_versions",
        "goals",
        "feedback",
        "concerns",
        "check_ins",
        "safety_flags",
        "good_news",
    ] {
        assert!(
            value[section].to_string().contains("<i id="),
            "{section} has text: {value}"
        );
    }
    for lang in [journey_core::Lang::En, journey_core::Lang::Cy] {
        let html = records_html(&marked_records, lang);
        assert!(!html.contains("<i "), "a typed tag came through as markup");
        assert!(!html.contains("\"x\""), "a typed quote came through");
        let shown: Vec<usize> = marked
            .iter()
            .copied()
            .filter(|n| {
                html.contains(&format!(
                    "&lt;i id=&quot;x&quot; title=&#39;{n}&#39;&gt;{n} &amp; more&lt;/i&gt;"
                ))
            })
            .collect();
        assert!(
            shown.len() >= 40,
            "{} of {} texts shown, escaped: {html}",
            shown.len(),
            marked.len()
        );
    }
}

/// Turns the `n`th string (or null) in the tree into a tag with quotes and an
/// ampersand; counts them in `i`.
fn mark_nth(value: &mut serde_json::Value, n: usize, i: &mut usize) {
    use serde_json::Value;
    match value {
        Value::String(_) | Value::Null => {
            if *i == n {
                *value = Value::String(format!("<i id=\"x\" title='{n}'>{n} & more</i>"));
            }
            *i += 1;
        }
        Value::Array(items) => items.iter_mut().for_each(|v| mark_nth(v, n, i)),
        Value::Object(fields) => fields.values_mut().for_each(|v| mark_nth(v, n, i)),
        _ => {}
    }
}
