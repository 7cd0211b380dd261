//! The OpenAPI document: served to anyone, and true to the router.

use crate::helpers::*;
use axum::http::StatusCode;
use journey_server::openapi::{routes, Access};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// `(METHOD, path)` for every route `startup::router()` adds, read from its source, so a
/// route added there and not to the document's table fails here.
fn routes_in_router_source() -> BTreeSet<(String, String)> {
    let source = include_str!("../../src/startup.rs");
    let start = source
        .find("pub fn router(")
        .expect("router() is in startup.rs");
    let body = &source[start..];
    let body = &body[..body.find("\n}\n").expect("router() ends")];
    let mut found = BTreeSet::new();
    for call in body.split(".route(").skip(1) {
        let path = call
            .trim_start()
            .strip_prefix('"')
            .and_then(|rest| rest.split('"').next())
            .expect("a route's path is a literal");
        // The handlers, up to the end of this `.route(…)` call.
        let mut depth = 1;
        let end = call
            .char_indices()
            .find(|(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map(|(i, _)| i)
            .expect("the call closes");
        let handlers = &call[..end];
        for method in ["get", "post", "put", "delete", "patch"] {
            let needle = format!("{method}(");
            if handlers.match_indices(&needle).any(|(i, _)| {
                // `get(` itself or `.get(`, not e.g. `forget(`.
                i == 0 || matches!(&handlers[i - 1..i], " " | "." | "\n" | "(")
            }) {
                found.insert((method.to_uppercase(), path.to_owned()));
            }
        }
    }
    found
}

#[test]
fn every_route_in_the_router_is_in_the_table_and_no_other() {
    let in_router = routes_in_router_source();
    assert!(in_router.len() > 30, "the parser found {in_router:?}");
    let in_table: BTreeSet<(String, String)> = routes()
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    assert_eq!(in_router, in_table);
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
    let doc: Value = serde_json::from_str(journey_server::openapi::document_json()).unwrap();
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
    let out = app.send("POST", "/api/v1/auth/sign-out", None, None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
}
