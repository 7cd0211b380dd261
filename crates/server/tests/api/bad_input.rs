//! Bad bodies on every route that takes one: malformed JSON is a 400 JSON error, a body
//! over the limit a 413 JSON error, and nothing at all is stored.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_core::{ErrorBody, DEMO_YOUNG_PERSON_ID};
use journey_server::openapi::{Access, Route};
use journey_server::routes;
use journey_server::startup::MAX_BODY_BYTES;

/// Every table's row count, to show a refused request changed nothing.
async fn row_counts(app: &TestApp) -> Vec<(String, i64)> {
    let db = app.db().await;
    let mut counts = Vec::new();
    for table in crate::database::tables(&db).await {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM \"{table}\""))
            .fetch_one(&db)
            .await
            .unwrap();
        counts.push((table, n));
    }
    counts
}

/// Who gets past `route`'s access check: Alex where only the young person may call it,
/// otherwise the administrator.
fn allowed<'a>(route: &Route, alex: &'a str, administrator: &'a str) -> &'a str {
    if route.access == Access::YoungPerson {
        alex
    } else {
        administrator
    }
}

#[tokio::test]
async fn malformed_or_oversized_bodies_are_json_errors_and_store_nothing() {
    let app = spawn_app(true).await;
    // A manager who is also one of the organisation's administrators gets past every
    // route's access check for the demo young person, and Alex past those for the young
    // person only, so the body is what is judged.
    let morgan = administrator(&app).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let before = row_counts(&app).await;
    let mut checked = 0;
    for route in routes().iter().filter(|r| r.body.is_some()) {
        let uri = example_uri(route);
        let what = format!("{} {uri}", route.method);
        for malformed in [&b"{\"words\": \"half"[..], b"not json", b"{}}", b"\xff\xfe"] {
            let reply = app
                .send_bytes(
                    route.method,
                    &uri,
                    Some(malformed.to_vec()),
                    Some(allowed(route, &alex, &morgan)),
                )
                .await;
            assert_bad_request(&reply);
            let body: ErrorBody = reply.json();
            assert!(!body.error.message.is_empty(), "{what}");
        }
        let huge = format!("{{\"words\": \"{}\"}}", "x".repeat(MAX_BODY_BYTES));
        let reply = app
            .send_bytes(
                route.method,
                &uri,
                Some(huge.into_bytes()),
                Some(allowed(route, &alex, &morgan)),
            )
            .await;
        assert_too_large(&reply);
        checked += 1;
    }
    assert!(checked > 20, "only {checked} routes take a body?");
    assert_eq!(row_counts(&app).await, before);
}

#[tokio::test]
async fn a_hidden_null_character_is_refused_on_every_route_and_nothing_is_stored() {
    // PostgreSQL cannot keep the NUL character in text; it is refused at the door on
    // either database, so the answer is the same and never a 500.
    let app = spawn_app(true).await;
    let morgan = administrator(&app).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let before = row_counts(&app).await;
    for route in routes().iter().filter(|r| r.body.is_some()) {
        let uri = example_uri(route);
        let body = br#"{"words": "I want \u0000 to feel safe", "username": "al\u0000ex"}"#;
        let reply = app
            .send_bytes(
                route.method,
                &uri,
                Some(body.to_vec()),
                Some(allowed(route, &alex, &morgan)),
            )
            .await;
        assert_bad_request(&reply);
        assert!(
            error_message(&reply).contains("null"),
            "{} {uri}",
            route.method
        );
    }
    assert_eq!(row_counts(&app).await, before);
}

#[tokio::test]
async fn a_typed_backslash_u_is_ordinary_text_and_kept_as_written() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let words = r"My code is \u0000 (really)";
    let reply = app
        .post_as(
            &format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/goals"),
            serde_json::json!({"words": words, "agreed_by": "together"}),
            &alex,
        )
        .await
        .expect_status(StatusCode::CREATED);
    let goal: serde_json::Value = reply.json();
    assert_eq!(goal["words"], words);
    let goals: serde_json::Value = app
        .get_as(
            &format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/goals"),
            &alex,
        )
        .await
        .json();
    assert!(
        goals["goals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["words"] == words),
        "{goals}"
    );
}

#[tokio::test]
async fn a_problem_travels_as_its_name_and_values_and_english_words() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let too_long = "a".repeat(journey_core::view::MAX_VIEW_CHARS + 3);
    let reply = app
        .post_as(
            &format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/views"),
            serde_json::json!({"words": too_long}),
            &alex,
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = reply.json();
    let field = &body["error"]["fields"][0];
    assert_eq!(field["field"], "words");
    assert_eq!(field["code"], "too_long");
    assert_eq!(field["params"]["what"], "what you wrote");
    assert_eq!(
        field["params"]["len"],
        (journey_core::view::MAX_VIEW_CHARS + 3).to_string()
    );
    // The English words come with it, for anyone reading the API by hand.
    assert!(field["message"]
        .as_str()
        .unwrap()
        .starts_with("What you wrote is too long"));
    // One problem: the whole error is that problem.
    assert_eq!(body["error"]["problem"], "too_long");
    // The app says it in Welsh from the name and values alone.
    let detail: ErrorBody = serde_json::from_value(body).unwrap();
    let welsh = detail.error.fields[0].words(journey_core::Lang::Cy);
    assert!(welsh.contains("dy eiriau"), "{welsh}");

    // Messages that aren't about a field travel the same way.
    let reply = app.get("/api/v1/no-such-thing").await;
    let body: serde_json::Value = reply.json();
    assert_eq!(body["error"]["problem"], "nothing_here");
    assert_eq!(
        body["error"]["message"],
        "There's nothing here. Please check the address."
    );
}

/// Odd input an outside probe stored (issue 19): names of only invisible characters or
/// with characters that turn text around, and plan steps with made-up or repeated ids.
/// Each is refused with a clear problem, and nothing is stored.
#[tokio::test]
async fn names_need_a_letter_and_no_direction_tricks_and_step_ids_are_the_apps_own() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let before = row_counts(&app).await;
    for (name, problem) in [
        ("\u{200B}\u{200B}\u{200B}", "name_needs_letter"),
        ("\u{202E}xelA", "hidden_characters"),
        ("Alex\u{2067}", "hidden_characters"),
    ] {
        let reply = app.new_young_person(&sam, name).await;
        assert_invalid(&reply);
        let body: serde_json::Value = reply.json();
        assert_eq!(body["error"]["fields"][0]["field"], "first_name");
        assert_eq!(body["error"]["fields"][0]["code"], problem, "{name:?}");
    }
    // A name in another script, with a letter, is a name.
    app.new_young_person(&sam, "محمد")
        .await
        .expect_status(StatusCode::CREATED);
    let after_one = row_counts(&app).await;
    assert_ne!(before, after_one);

    let plan_uri = format!("/api/v1/young-people/{DEMO_YOUNG_PERSON_ID}/plan");
    let editing: serde_json::Value = app.get_as(&plan_uri, &sam).await.json();
    for ids in [
        ["step-a", "step-a"],
        ["<img src=x onerror=alert(1)>", "step-b"],
    ] {
        let mut plan = editing["plan"].clone();
        let steps = plan["steps"].as_array_mut().unwrap();
        steps.truncate(1);
        steps.push(steps[0].clone());
        for (step, id) in steps.iter_mut().zip(ids) {
            step["id"] = id.into();
        }
        let reply = app
            .put_as(
                &plan_uri,
                serde_json::json!({"based_on": editing["version"], "plan": plan}),
                &sam,
            )
            .await;
        assert_invalid(&reply);
        let body: serde_json::Value = reply.json();
        let field = body["error"]["field"].as_str().unwrap();
        assert!(
            field.starts_with("steps[") && field.ends_with("].id"),
            "{ids:?}: {body}"
        );
    }
    assert_eq!(
        after_one,
        row_counts(&app).await,
        "no plan version was added"
    );
}
