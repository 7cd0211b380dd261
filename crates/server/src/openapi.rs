//! Endpoints, declared once. Each feature's `endpoints()` lists its routes with
//! [`endpoint!`]: the method, the path, the handler and what it takes and answers; who
//! may call it is read from the extractors the handler takes ([`access_of`]). `startup`
//! makes both the router and the OpenAPI 3 document (served at `GET /api/v1/openapi.json`)
//! from that one list, so the two cannot drift apart. Body and response schemas are
//! derived from the `journey-core` contract types (`utoipa::ToSchema` behind core's
//! `openapi` feature), so they follow serde's JSON.

pub use crate::access::{access_of, Access};
use crate::auth::PLAIN_COOKIE;
use crate::state::AppState;
use axum::routing::MethodRouter;
use journey_core::{ErrorBody, YoungPersonId};
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    ComponentsBuilder, ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, Paths, Ref, RefOr,
    Required, ResponseBuilder, ResponsesBuilder,
};
use utoipa::ToSchema;

/// One endpoint: its route as the document describes it, and the handler the router
/// calls. Made with [`endpoint!`].
pub struct Endpoint {
    pub route: Route,
    pub handler: MethodRouter<AppState>,
}

impl Endpoint {
    pub fn new(route: Route, handler: MethodRouter<AppState>) -> Endpoint {
        Endpoint { route, handler }
    }
    /// Takes `T` as its JSON body.
    pub fn body(self, body: Payload) -> Self {
        Endpoint {
            route: self.route.body(body),
            ..self
        }
    }
    /// Answers `status` with this body.
    pub fn ok(self, status: u16, body: Payload) -> Self {
        Endpoint {
            route: self.route.ok(status, body),
            ..self
        }
    }
    /// Answers `201` with this body when it makes something, and `200` with the same when
    /// it is sent again with the same `client_id` (`web::created_or_repeat`).
    pub fn created_or_repeat(self, body: Payload) -> Self {
        self.ok(201, body.clone()).ok(200, body)
    }
    /// Answers `status` with no body.
    pub fn empty(self, status: u16) -> Self {
        Endpoint {
            route: self.route.empty(status),
            ..self
        }
    }
    /// May also answer these error statuses.
    pub fn also(self, statuses: &'static [u16]) -> Self {
        Endpoint {
            route: self.route.also(statuses),
            ..self
        }
    }
    /// Takes `?lang=en|cy`.
    pub fn lang_query(self) -> Self {
        Endpoint {
            route: self.route.lang_query(),
            ..self
        }
    }
}

/// `endpoint!(get paths::GOALS, goals, "What it does.")`: the handler `goals` at that
/// path under `/api/v1` (`journey_core::paths`, which the client uses too); its name is
/// the operation id, and who may call it ([`Access`]) is read from the extractors it
/// takes ([`access_of`]), so the document says what the code checks. Chain
/// `.body(json::<T>())`, `.ok(200, json::<T>())`, `.empty(204)`, `.also(&[409])` and
/// `.lang_query()` to describe it.
macro_rules! endpoint {
    ($method:ident $path:expr, $handler:ident, $summary:expr $(,)?) => {
        $crate::openapi::Endpoint::new(
            $crate::openapi::Route::new(
                stringify!($method),
                $path,
                stringify!($handler),
                $crate::openapi::access_of(&$handler),
                $summary,
            ),
            axum::routing::$method($handler),
        )
    };
}
pub(crate) use endpoint;

/// The name of the cookie security scheme in the document.
pub const SESSION_SCHEME: &str = "session";

/// A JSON schema used by a route, with the named schemas it needs.
#[derive(Clone)]
pub struct Payload {
    schema: RefOr<Schema>,
    named: Vec<(String, RefOr<Schema>)>,
    content_type: &'static str,
}

fn named<T: ToSchema>() -> Vec<(String, RefOr<Schema>)> {
    let mut named = vec![(T::name().into_owned(), T::schema())];
    T::schemas(&mut named);
    named
}

/// `T` as JSON.
pub fn json<T: ToSchema>() -> Payload {
    Payload {
        schema: Ref::from_schema_name(T::name()).into(),
        named: named::<T>(),
        content_type: "application/json",
    }
}

/// A JSON array of `T`.
pub fn list<T: ToSchema>() -> Payload {
    Payload {
        schema: ArrayBuilder::new()
            .items(Ref::from_schema_name(T::name()))
            .into(),
        named: named::<T>(),
        content_type: "application/json",
    }
}

/// Any JSON object (this document).
pub fn object() -> Payload {
    Payload {
        schema: ObjectBuilder::new().schema_type(Type::Object).into(),
        named: Vec::new(),
        content_type: "application/json",
    }
}

/// A page of HTML.
pub fn html() -> Payload {
    Payload {
        schema: ObjectBuilder::new().schema_type(Type::String).into(),
        named: Vec::new(),
        content_type: "text/html; charset=utf-8",
    }
}

/// Comma-separated values with a header row (the team overview's download).
pub fn csv() -> Payload {
    Payload {
        schema: ObjectBuilder::new().schema_type(Type::String).into(),
        named: Vec::new(),
        content_type: "text/csv; charset=utf-8",
    }
}

/// A Server-Sent Events stream (`text/event-stream`) whose events carry `T` as JSON data.
pub fn event_stream<T: ToSchema>() -> Payload {
    Payload {
        schema: Ref::from_schema_name(T::name()).into(),
        named: named::<T>(),
        content_type: "text/event-stream",
    }
}

/// One route: a method and a path under `/api/v1`, who may call it, its body and answers.
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub operation_id: &'static str,
    pub summary: &'static str,
    pub access: Access,
    pub body: Option<Payload>,
    /// Success statuses, each with its body (`None`: no body).
    pub ok: Vec<(u16, Option<Payload>)>,
    /// Error statuses beyond those every route of its kind may give.
    pub also: &'static [u16],
    /// Takes `?lang=en|cy`: the language to answer in.
    pub lang_query: bool,
}

impl Route {
    /// A route with no body and no answers yet; `method` is `get`, `post`, `put` or
    /// `delete` (the `axum::routing` function's name, as `endpoint!` passes it).
    pub fn new(
        method: &str,
        path: &'static str,
        operation_id: &'static str,
        access: Access,
        summary: &'static str,
    ) -> Route {
        let method = match method {
            "get" => "GET",
            "post" => "POST",
            "put" => "PUT",
            "delete" => "DELETE",
            other => panic!("no route uses {other}"),
        };
        Route {
            method,
            path,
            operation_id,
            summary,
            access,
            body: None,
            ok: Vec::new(),
            also: &[],
            lang_query: false,
        }
    }

    fn body(mut self, body: Payload) -> Self {
        self.body = Some(body);
        self
    }
    fn ok(mut self, status: u16, body: Payload) -> Self {
        self.ok.push((status, Some(body)));
        self
    }
    fn empty(mut self, status: u16) -> Self {
        self.ok.push((status, None));
        self
    }
    fn also(mut self, statuses: &'static [u16]) -> Self {
        self.also = statuses;
        self
    }
    fn lang_query(mut self) -> Self {
        self.lang_query = true;
        self
    }

    /// The path parameters, in order, from `{name}` in the path.
    pub fn parameters(&self) -> Vec<&'static str> {
        self.path
            .split('/')
            .filter_map(|part| part.strip_prefix('{')?.strip_suffix('}'))
            .collect()
    }

    /// Every status this route may answer with.
    pub fn statuses(&self) -> Vec<u16> {
        let mut statuses: Vec<u16> = self.ok.iter().map(|(status, _)| *status).collect();
        if self.access != Access::Public {
            // Not signed in; signed in but not allowed (a role check, in the extractor
            // or the handler).
            statuses.extend([401, 403]);
        }
        if !self.parameters().is_empty() {
            statuses.push(404);
        }
        if self.body.is_some() {
            // Not JSON or not the right shape; too large; fails validation; a clash
            // with what is stored.
            statuses.extend([400, 409, 413, 422]);
        }
        if self.method != "get" {
            // A write sent by a page of another site (web::same_site_writes).
            statuses.push(403);
        }
        statuses.extend(self.also);
        // A fault of ours (the database), always as the JSON error body.
        statuses.push(500);
        statuses.sort_unstable();
        statuses.dedup();
        statuses
    }
}

fn parameter_schema(route: &Route, name: &str) -> (RefOr<Schema>, &'static str) {
    match name {
        "id" if route.path.starts_with("/young-people/") => (
            Ref::from_schema_name(YoungPersonId::name()).into(),
            "The young person's id.",
        ),
        "feedback_id" => (
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                    utoipa::openapi::KnownFormat::Int64,
                )))
                .into(),
            "The feedback's number.",
        ),
        _ => (
            ObjectBuilder::new().schema_type(Type::String).into(),
            "The record's id.",
        ),
    }
}

fn error_description(status: u16) -> &'static str {
    match status {
        400 => "Not JSON, or not the right shape.",
        401 => "Not signed in, or the username and password don't match.",
        403 => "This account may not do this, or the request came from a page of another site.",
        404 => "Not found, or not the caller's to see.",
        409 => "Clashes with what is stored (changed meanwhile, already done).",
        413 => "The body is larger than 64 KiB.",
        422 => "Fails validation; `fields` says which and why.",
        429 => "Too many attempts; wait 15 minutes.",
        _ => "Something went wrong on our side.",
    }
}

/// Builds the document from the routes every feature declares (`startup::routes`).
pub fn document(routes: &[Route]) -> OpenApi {
    let mut paths = Paths::new();
    let mut schemas: Vec<(String, RefOr<Schema>)> = named::<ErrorBody>();
    schemas.extend(named::<YoungPersonId>());
    for route in routes {
        let mut op = OperationBuilder::new()
            .operation_id(Some(route.operation_id))
            .summary(Some(route.summary))
            .description(Some(route.access.who()));
        for name in route.parameters() {
            let (schema, description) = parameter_schema(route, name);
            op = op.parameter(
                ParameterBuilder::new()
                    .name(name)
                    .parameter_in(ParameterIn::Path)
                    .required(Required::True)
                    .description(Some(description))
                    .schema(Some(schema)),
            );
        }
        if route.lang_query {
            op = op.parameter(
                ParameterBuilder::new()
                    .name("lang")
                    .parameter_in(ParameterIn::Query)
                    .required(Required::False)
                    .description(Some("The language to answer in: en (the default) or cy."))
                    .schema(Some(
                        utoipa::openapi::ObjectBuilder::new()
                            .schema_type(utoipa::openapi::schema::Type::String)
                            .enum_values(Some(["en", "cy"]))
                            .build(),
                    )),
            );
        }
        if let Some(body) = &route.body {
            schemas.extend(body.named.iter().cloned());
            op = op.request_body(Some(
                RequestBodyBuilder::new()
                    .required(Some(Required::True))
                    .content(
                        body.content_type,
                        ContentBuilder::new()
                            .schema(Some(body.schema.clone()))
                            .build(),
                    )
                    .build(),
            ));
        }
        let mut responses = ResponsesBuilder::new();
        for status in route.statuses() {
            let response = match route.ok.iter().find(|(ok, _)| *ok == status) {
                Some((_, Some(body))) => {
                    schemas.extend(body.named.iter().cloned());
                    ResponseBuilder::new().description("Done.").content(
                        body.content_type,
                        ContentBuilder::new()
                            .schema(Some(body.schema.clone()))
                            .build(),
                    )
                }
                Some((_, None)) => ResponseBuilder::new().description("Done; no body."),
                None => ResponseBuilder::new()
                    .description(error_description(status))
                    .content(
                        "application/json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name(ErrorBody::name())))
                            .build(),
                    ),
            };
            responses = responses.response(status.to_string(), response.build());
        }
        op = op.responses(responses.build());
        if route.access != Access::Public {
            op = op.security(SecurityRequirement::new(
                SESSION_SCHEME,
                Vec::<String>::new(),
            ));
        }
        let method = match route.method {
            "GET" => HttpMethod::Get,
            "POST" => HttpMethod::Post,
            "PUT" => HttpMethod::Put,
            "DELETE" => HttpMethod::Delete,
            other => unreachable!("no route uses {other}"),
        };
        paths.add_path_operation(format!("/api/v1{}", route.path), vec![method], op.build());
    }
    let components = ComponentsBuilder::new()
        .schemas_from_iter(schemas)
        .security_scheme(
            SESSION_SCHEME,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                PLAIN_COOKIE,
                "The session cookie set by sign-in. Over HTTPS it is named `__Host-mj_session`.",
            ))),
        )
        .build();
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("My Journey API")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "My Journey's JSON API. Every error is `{\"error\": {\"code\", \"message\", \
                     \"problem\"?, \"params\"?, \"field\"?, \"fields\"?}}`: `problem` (and each \
                     field's `code`) names the message in the app's language tables, and \
                     `params` fills it, so the app says it in the person's language.",
                ))
                .build(),
        )
        .paths(paths)
        .components(Some(components))
        .build()
}
