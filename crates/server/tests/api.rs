//! The API, end to end through the router, over a real SQLite file in a temporary folder.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use journey_core::{ErrorBody, ErrorCode, Health, Journey, DEMO_YOUNG_PERSON_ID};
use journey_server::config::Config;
use journey_server::router;
use journey_server::startup::build_state;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

struct TestApp {
    dir: TempDir,
    router: Router,
}

fn config(dir: &Path, demo: bool) -> Config {
    Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        database: dir.join("data").join("journey.db"),
        dist: dir.join("dist"),
        demo,
    }
}

/// A fresh app with its own database file and a small stand-in for the built client.
async fn spawn_app(demo: bool) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dist")).unwrap();
    std::fs::write(
        dir.path().join("dist/index.html"),
        "<!doctype html><title>My Journey</title><p>client</p>",
    )
    .unwrap();
    std::fs::write(dir.path().join("dist/app.css"), "body{}").unwrap();
    let state = build_state(config(dir.path(), demo)).await.unwrap();
    TestApp {
        router: router(state),
        dir,
    }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

impl TestApp {
    async fn request(&self, method: &str, uri: &str) -> Reply {
        use tower::ServiceExt;
        let response = self
            .router
            .clone()
            .oneshot(
                Request::builder()
                    .method(method)
                    .uri(uri)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    async fn get(&self, uri: &str) -> Reply {
        self.request("GET", uri).await
    }
}

fn journey_uri(id: &str) -> String {
    format!("/api/v1/young-people/{id}/journey")
}

fn assert_json_error(reply: &Reply, status: StatusCode, code: ErrorCode) {
    assert_eq!(reply.status, status, "body: {}", reply.text());
    let body: ErrorBody = reply.json();
    assert_eq!(body.error.code, code);
    assert!(!body.error.message.is_empty());
}

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
    let app = spawn_app(false).await;
    assert!(app.dir.path().join("data/journey.db").is_file());
}

#[tokio::test]
async fn the_demo_journey_is_served_as_json() {
    let app = spawn_app(true).await;
    let reply = app.get(&journey_uri(DEMO_YOUNG_PERSON_ID)).await;
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
    let json: Value = app.get(&journey_uri(DEMO_YOUNG_PERSON_ID)).await.json();
    let review = json["plan"]["next_review"].as_str().unwrap();
    assert!(chrono::NaiveDate::parse_from_str(review, "%Y-%m-%d").is_ok());
    assert_eq!(json["plan"]["steps"][0]["status"], "done");
    assert_eq!(json["plan"]["steps"][1]["status"], "happening_now");
}

#[tokio::test]
async fn without_demo_there_is_no_demo_journey() {
    let app = spawn_app(false).await;
    let reply = app.get(&journey_uri(DEMO_YOUNG_PERSON_ID)).await;
    assert_json_error(&reply, StatusCode::NOT_FOUND, ErrorCode::NotFound);
}

#[tokio::test]
async fn an_unknown_young_person_is_not_found() {
    let app = spawn_app(true).await;
    let reply = app
        .get(&journey_uri("00000000-0000-4000-8000-000000000000"))
        .await;
    assert_json_error(&reply, StatusCode::NOT_FOUND, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_malformed_id_is_not_found_not_a_crash() {
    let app = spawn_app(true).await;
    for id in [
        "1",
        "not-an-id",
        "%27%20OR%201%3D1",
        &DEMO_YOUNG_PERSON_ID.to_uppercase(),
    ] {
        let reply = app.get(&journey_uri(id)).await;
        assert_json_error(&reply, StatusCode::NOT_FOUND, ErrorCode::NotFound);
    }
}

#[tokio::test]
async fn unknown_api_routes_get_a_json_404() {
    let app = spawn_app(true).await;
    for uri in [
        "/api/v1/nothing",
        "/api/v2/health",
        "/api",
        "/api/v1/young-people",
    ] {
        let reply = app.get(uri).await;
        assert_json_error(&reply, StatusCode::NOT_FOUND, ErrorCode::NotFound);
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
    assert_eq!(
        app.get(&journey_uri(DEMO_YOUNG_PERSON_ID)).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn api_answers_are_not_cached_and_not_sniffed() {
    let app = spawn_app(true).await;
    let reply = app.get(&journey_uri(DEMO_YOUNG_PERSON_ID)).await;
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
    let state = build_state(config(dir.path(), false)).await.unwrap();
    let app = TestApp {
        router: router(state),
        dir,
    };
    let reply = app.get("/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.text().contains("cargo xtask run"));
}

#[tokio::test]
async fn saved_data_survives_a_restart_and_the_demo_is_added_once() {
    let dir = tempfile::tempdir().unwrap();
    drop(build_state(config(dir.path(), true)).await.unwrap());
    let state = build_state(config(dir.path(), true)).await.unwrap();
    let id = journey_core::YoungPersonId::parse(DEMO_YOUNG_PERSON_ID).unwrap();
    assert_eq!(state.store.plan_version_count(&id).await.unwrap(), 1);
    let app = TestApp {
        router: router(state),
        dir,
    };
    let reply = app.get(&journey_uri(DEMO_YOUNG_PERSON_ID)).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn a_new_plan_version_is_shown_and_the_old_one_kept() {
    let dir = tempfile::tempdir().unwrap();
    let state = build_state(config(dir.path(), true)).await.unwrap();
    let id = journey_core::YoungPersonId::parse(DEMO_YOUNG_PERSON_ID).unwrap();
    let mut plan = state.store.journey(&id).await.unwrap().unwrap().plan;
    plan.reason = "Dw i eisiau teimlo'n saff — in my words 🙂".into();
    assert_eq!(state.store.save_plan(&id, &plan, None).await.unwrap(), 2);
    assert_eq!(state.store.plan_version_count(&id).await.unwrap(), 2);
    let app = TestApp {
        router: router(state),
        dir,
    };
    let journey: Journey = app.get(&journey_uri(DEMO_YOUNG_PERSON_ID)).await.json();
    assert_eq!(
        journey.plan.reason,
        "Dw i eisiau teimlo'n saff — in my words 🙂"
    );
}
