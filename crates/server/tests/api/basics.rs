//! The foundation: health, the journey, errors, static files, the store.

use crate::helpers::*;
use axum::http::{header, StatusCode};
use journey_core::{ErrorCode, Health, Journey, DEMO_YOUNG_PERSON_ID};
use journey_server::startup::build_state;
use serde_json::Value;

#[tokio::test]
async fn health_says_ok_with_the_version() {
    let app = spawn_app(false).await;
    let reply = app.get("/api/v1/health").await;
    assert_eq!(reply.status, StatusCode::OK);
    let health: Health = reply.json();
    assert_eq!(health.status, "ok");
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn the_database_file_is_created_on_first_run_in_a_new_folder() {
    if on_postgres() {
        return; // about the SQLite file
    }
    let app = spawn_app(false).await;
    assert!(app.dir.path().join("data/journey.db").is_file());
}

#[tokio::test]
async fn the_demo_journey_is_served_as_json() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let reply = app.get_as(&journey_uri(DEMO_YOUNG_PERSON_ID), &alex).await;
    assert_eq!(reply.status, StatusCode::OK, "body: {}", reply.text());
    assert!(reply
        .header(header::CONTENT_TYPE)
        .starts_with("application/json"));
    let journey: Journey = reply.json();
    assert_eq!(journey.young_person.id.as_str(), DEMO_YOUNG_PERSON_ID);
    assert_eq!(journey.young_person.first_name, "Alex");
    assert!(journey.plan.reason.starts_with("You have a plan"));
    assert_eq!(journey.plan.outcomes.len(), 3);
    assert_eq!(journey.plan.steps.len(), 4);
    assert!(journey.plan.next_review > chrono::Utc::now().date_naive());
    let worker = journey.worker.expect("the demo has a worker");
    assert_eq!(worker.name, "Sam Rivers");
    assert!(worker.phone.unwrap().starts_with("01632 960"));
}

#[tokio::test]
async fn the_journey_json_uses_plain_field_names_and_dates() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let json: Value = app
        .get_as(&journey_uri(DEMO_YOUNG_PERSON_ID), &alex)
        .await
        .json();
    let review = json["plan"]["next_review"].as_str().unwrap();
    assert!(chrono::NaiveDate::parse_from_str(review, "%Y-%m-%d").is_ok());
    assert_eq!(json["plan"]["steps"][0]["status"], "done");
    assert_eq!(json["plan"]["steps"][1]["status"], "happening_now");
}

#[tokio::test]
async fn without_signing_in_the_journey_is_refused() {
    let app = spawn_app(true).await;
    let reply = app.get(&journey_uri(DEMO_YOUNG_PERSON_ID)).await;
    assert_signed_out(&reply);
}

#[tokio::test]
async fn without_demo_there_are_no_demo_accounts() {
    let app = spawn_app(false).await;
    let reply = app.try_sign_in(ALEX.0, ALEX.1).await;
    assert_signed_out(&reply);
}

#[tokio::test]
async fn an_unknown_young_person_is_not_found() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    let reply = app
        .get_as(&journey_uri("00000000-0000-4000-8000-000000000000"), &sam)
        .await;
    assert_not_found(&reply);
}

#[tokio::test]
async fn a_malformed_id_is_not_found_not_a_crash() {
    let app = spawn_app(true).await;
    let sam = app.sign_in(SAM.0, SAM.1).await;
    for id in [
        "1",
        "not-an-id",
        "%27%20OR%201%3D1",
        &DEMO_YOUNG_PERSON_ID.to_uppercase(),
    ] {
        let reply = app.get_as(&journey_uri(id), &sam).await;
        assert_not_found(&reply);
    }
}

#[tokio::test]
async fn unknown_api_routes_get_a_json_404() {
    let app = spawn_app(true).await;
    for uri in [
        "/api/v1/nothing",
        "/api/v2/health",
        "/api",
        "/api/v1/young-people/",
    ] {
        let reply = app.get(uri).await;
        assert_not_found(&reply);
    }
}

#[tokio::test]
async fn a_wrong_method_gets_a_json_405() {
    let app = spawn_app(true).await;
    let reply = app
        .request("DELETE", &journey_uri(DEMO_YOUNG_PERSON_ID))
        .await;
    assert_json_error(
        &reply,
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
    );
    // and nothing was deleted
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    assert_eq!(
        app.get_as(&journey_uri(DEMO_YOUNG_PERSON_ID), &alex)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn every_answer_carries_a_strict_content_security_policy() {
    let app = spawn_app(true).await;
    let page = app.get("/").await;
    let policy = page.header(header::CONTENT_SECURITY_POLICY).to_owned();
    assert!(policy.contains("default-src 'self'"));
    assert!(policy.contains("frame-ancestors 'none'"));
    assert!(policy.contains("'wasm-unsafe-eval'"));
    assert!(!policy.contains("unsafe-inline"));
    // The stand-in client's inline start-up script is allowed by its hash, and only it.
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(b"import init from '/app.js'; init();");
    let hash = base64::engine::general_purpose::STANDARD.encode(digest);
    assert!(policy.contains(&format!("'sha256-{hash}'")), "{policy}");
    let api = app.get("/api/v1/health").await;
    assert_eq!(api.header(header::CONTENT_SECURITY_POLICY), policy);
}

#[tokio::test]
async fn api_answers_are_not_cached_and_not_sniffed() {
    let app = spawn_app(true).await;
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let reply = app.get_as(&journey_uri(DEMO_YOUNG_PERSON_ID), &alex).await;
    assert_eq!(reply.header(header::CACHE_CONTROL), "no-store");
    assert_eq!(reply.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(reply.header(header::X_FRAME_OPTIONS), "DENY");
}

#[tokio::test]
async fn the_client_is_served_at_the_root_and_for_its_own_routes() {
    let app = spawn_app(true).await;
    for uri in ["/", "/goals", "/help"] {
        let reply = app.get(uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert!(reply.text().contains("<p>client</p>"), "{uri}");
    }
    let css = app.get("/app.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.text(), "body{}");
}

#[tokio::test]
async fn without_a_built_client_the_root_says_how_to_build_it() {
    let dir = tempfile::tempdir().unwrap();
    let state = build_state(config(dir.path(), false).await).await.unwrap();
    let app = TestApp::new(dir, state);
    let reply = app.get("/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.text().contains("cargo xtask run"));
}

#[tokio::test]
async fn saved_data_survives_a_restart_and_the_demo_is_added_once() {
    let dir = tempfile::tempdir().unwrap();
    drop(build_state(config(dir.path(), true).await).await.unwrap());
    let state = build_state(config(dir.path(), true).await).await.unwrap();
    let id = journey_core::YoungPersonId::parse(DEMO_YOUNG_PERSON_ID).unwrap();
    assert_eq!(state.store.plan_version_count(&id).await.unwrap(), 1);
    let app = TestApp::new(dir, state);
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let reply = app.get_as(&journey_uri(DEMO_YOUNG_PERSON_ID), &alex).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn a_new_plan_version_is_shown_and_the_old_one_kept() {
    let dir = tempfile::tempdir().unwrap();
    let state = build_state(config(dir.path(), true).await).await.unwrap();
    let id = journey_core::YoungPersonId::parse(DEMO_YOUNG_PERSON_ID).unwrap();
    let mut plan = state.store.journey(&id, false).await.unwrap().unwrap().plan;
    plan.reason = "Dw i eisiau teimlo'n saff — in my words 🙂".into();
    assert_eq!(state.store.save_plan(&id, &plan, None).await.unwrap(), 2);
    assert_eq!(state.store.plan_version_count(&id).await.unwrap(), 2);
    let app = TestApp::new(dir, state);
    let alex = app.sign_in(ALEX.0, ALEX.1).await;
    let journey: Journey = app
        .get_as(&journey_uri(DEMO_YOUNG_PERSON_ID), &alex)
        .await
        .json();
    assert_eq!(
        journey.plan.reason,
        "Dw i eisiau teimlo'n saff — in my words 🙂"
    );
}
