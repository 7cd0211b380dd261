//! The OpenAPI document: served to anyone, and made from the same endpoints as the router.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_server::openapi::Access;
use journey_server::routes;
use serde_json::{json, Value};
use std::collections::BTreeSet;

#[test]
fn every_endpoint_is_declared_once_with_its_own_operation_id() {
    let routes = routes();
    assert!(routes.len() > 30, "{} routes", routes.len());
    let mut seen = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for route in &routes {
        assert!(
            seen.insert((route.method, route.path)),
            "{} {} is declared twice",
            route.method,
            route.path
        );
        assert!(
            ids.insert(route.operation_id),
            "operation id {} is used twice",
            route.operation_id
        );
    }
}

#[tokio::test]
async fn the_document_is_served_to_anyone_and_describes_every_route() {
    let app = spawn_app(false).await;
    let reply = app.get("/api/v1/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.header(axum::http::header::CONTENT_TYPE),
        "application/json"
    );
    let doc: Value = reply.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert_eq!(
        doc["components"]["securitySchemes"]["session"],
        json!({"type": "apiKey", "in": "cookie", "name": "mj_session",
               "description": doc["components"]["securitySchemes"]["session"]["description"]})
    );
    let schemas = &doc["components"]["schemas"];
    for route in routes() {
        let path = format!("/api/v1{}", route.path);
        let op = &doc["paths"][&path][route.method.to_lowercase()];
        assert!(op.is_object(), "{} {path} is missing", route.method);
        for name in route.parameters() {
            assert!(
                op["parameters"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["name"] == name && p["in"] == "path"),
                "{path} does not describe {name}"
            );
        }
        let responses = op["responses"].as_object().unwrap();
        for status in route.statuses() {
            let response = &responses[&status.to_string()];
            if status >= 400 {
                assert_eq!(
                    response["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/ErrorBody"
                );
            }
        }
        assert_eq!(
            op.get("security").is_some(),
            route.access != Access::Public,
            "{path}"
        );
    }
    // Every `$ref` names a schema that is there.
    let text = doc.to_string();
    for piece in text.split("\"#/components/schemas/").skip(1) {
        let name = piece.split('"').next().unwrap();
        assert!(
            schemas.get(name).is_some(),
            "{name} is referenced but missing"
        );
    }
}

#[test]
fn the_schemas_follow_serde() {
    let doc: Value = serde_json::from_str(journey_server::document_json()).unwrap();
    let schemas = &doc["components"]["schemas"];
    // Unit-only enums are snake_case strings.
    assert_eq!(
        schemas["GoalStatus"]["enum"],
        json!(["working_on_it", "achieved", "paused", "let_go"])
    );
    // deny_unknown_fields; Option and #[serde(default)] fields are not required.
    let concern = &schemas["NewConcern"];
    assert_eq!(concern["additionalProperties"], json!(false));
    assert_eq!(concern["required"], json!(["client_id", "about", "words"]));
    // Newtypes are a plain value with the limits their parsing enforces.
    assert_eq!(schemas["GoalRating"]["type"], "integer");
    assert_eq!(schemas["GoalRating"]["maximum"], 10);
    assert_eq!(schemas["YoungPersonId"]["type"], "string");
    // The internally tagged plan changes carry their `kind`.
    let kinds: Vec<&str> = schemas["PlanChange"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["properties"]["kind"]["enum"][0].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"hope_added") && kinds.contains(&"review_moved"));
}

/// Each documented route reaches its handler: never the "no such route" 404 or a 405.
#[tokio::test]
async fn every_documented_route_is_routed() {
    let app = spawn_app(true).await;
    let morgan = app.sign_in(MORGAN.0, MORGAN.1).await;
    for route in routes() {
        let uri = example_uri(&route);
        if route.operation_id == "sign_out" {
            continue; // It would end the session the rest uses; it is routed if it answers 204.
        }
        let body = route.body.as_ref().map(|_| json!({}));
        let reply = app.send(route.method, &uri, body, Some(&morgan)).await;
        assert_ne!(
            reply.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{} {uri}",
            route.method
        );
        if reply.status == StatusCode::NOT_FOUND {
            assert!(
                !reply.text().contains("There's nothing here"),
                "{} {uri} is not routed",
                route.method
            );
        }
        assert!(
            route.statuses().contains(&reply.status.as_u16()),
            "{} {uri} answered {}, not documented",
            route.method,
            reply.status
        );
    }
    let out = app
        .send("POST", "/api/v1/auth/sign-out", Some(json!({})), None)
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
}

#[test]
fn each_route_says_who_may_call_it_as_its_handler_checks() {
    let doc: Value = serde_json::from_str(journey_server::startup::document_json()).unwrap();
    let who = |method: &str, path: &str| {
        doc["paths"][format!("/api/v1{path}")][method]["description"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    // Read from the extractor each handler takes: the young person's own writes, a
    // worker's, a manager's, and one anyone may call.
    let id = "/young-people/{id}";
    assert_eq!(
        who("post", &format!("{id}/safety")),
        Access::YoungPerson.who()
    );
    assert_eq!(who("post", &format!("{id}/sessions")), Access::Staff.who());
    assert_eq!(who("post", &format!("{id}/worker")), Access::Manager.who());
    assert_eq!(who("get", "/audit"), Access::Manager.who());
    assert_eq!(who("get", &format!("{id}/journey")), Access::SignedIn.who());
    assert_eq!(who("post", "/auth/sign-in"), Access::Public.who());
    for route in routes() {
        assert_eq!(
            who(&route.method.to_lowercase(), route.path),
            route.access.who(),
            "{} {}",
            route.method,
            route.path
        );
    }
}
