//! The OpenAPI 3 document for `/api/v1`, served at `GET /api/v1/openapi.json`.
//!
//! Paths come from one table, [`routes`], written next to `startup::router()`; a test
//! checks that the two list the same methods and paths. Body and response schemas are
//! derived from the `journey-core` contract types (`utoipa::ToSchema` behind core's
//! `openapi` feature), so they follow serde's JSON.

use crate::auth::PLAIN_COOKIE;
use journey_core::feedback::{
    FeedbackOverview, NewFeedback, NewFollowUp, NewSession, TeamFeedbackRow,
};
use journey_core::records::MyRecords;
use journey_core::*;
use std::sync::OnceLock;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    ComponentsBuilder, ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, Paths, Ref, RefOr,
    Required, ResponseBuilder, ResponsesBuilder,
};
use utoipa::ToSchema;

/// The name of the cookie security scheme in the document.
pub const SESSION_SCHEME: &str = "session";

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in (some handlers then refuse some roles with 403).
    SignedIn,
    /// A worker or a manager.
    Staff,
    /// A manager.
    Manager,
}

/// A JSON schema used by a route, with the named schemas it needs.
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

fn route(
    method: &'static str,
    path: &'static str,
    operation_id: &'static str,
    access: Access,
    summary: &'static str,
) -> Route {
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

impl Route {
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
        statuses.extend(self.also);
        // A fault of ours (the database), always as the JSON error body.
        statuses.push(500);
        statuses.sort_unstable();
        statuses.dedup();
        statuses
    }
}

/// Every route under `/api/v1`, in the order `startup::router()` lists them.
pub fn routes() -> Vec<Route> {
    use Access::*;
    vec![
        route("GET", "/openapi.json", "openapi", Public, "This document.").ok(200, object()),
        route(
            "GET",
            "/health",
            "health",
            Public,
            "The server is up and its database answers.",
        )
        .ok(200, json::<Health>()),
        route("GET", "/me", "me", SignedIn, "Who is signed in.").ok(200, json::<Me>()),
        route(
            "POST",
            "/auth/sign-in",
            "sign_in",
            Public,
            "Sign in; sets the session cookie.",
        )
        .body(json::<SignIn>())
        .ok(200, json::<Me>())
        .also(&[401, 429]),
        route(
            "POST",
            "/auth/sign-up",
            "sign_up",
            Public,
            "A young person makes their account with an invite code.",
        )
        .body(json::<SignUp>())
        .ok(201, json::<Me>())
        .also(&[429]),
        route(
            "POST",
            "/auth/sign-out",
            "sign_out",
            Public,
            "Ends the session. Always works.",
        )
        .empty(204),
        route(
            "POST",
            "/auth/password",
            "change_password",
            SignedIn,
            "Change password; other sessions end.",
        )
        .body(json::<ChangePassword>())
        .empty(204)
        .also(&[429]),
        route(
            "POST",
            "/auth/confirm",
            "confirm_password",
            SignedIn,
            "The person signed in types their password again (a worker taking their device \
             back after a young person's turn). 401 with field \"password\" when it is wrong; \
             failures count towards the sign-in limits.",
        )
        .body(json::<ConfirmPassword>())
        .empty(204)
        .also(&[429]),
        route(
            "GET",
            "/young-people",
            "young_people",
            Staff,
            "A worker's young people, or a manager's team's.",
        )
        .ok(200, list::<YoungPersonListItem>()),
        route(
            "POST",
            "/young-people",
            "add_young_person",
            Staff,
            "A worker adds a young person and gets their invite code.",
        )
        .body(json::<NewYoungPerson>())
        .ok(201, json::<Invite>()),
        route(
            "POST",
            "/young-people/{id}/invite",
            "new_invite",
            SignedIn,
            "A new invite code for someone with no account yet.",
        )
        .ok(201, json::<Invite>())
        .also(&[409]),
        route(
            "GET",
            "/young-people/{id}/journey",
            "journey",
            SignedIn,
            "The young person's plan and worker.",
        )
        .ok(200, json::<Journey>()),
        route(
            "POST",
            "/young-people/{id}/journey/seen",
            "journey_seen",
            SignedIn,
            "The young person has looked at this version.",
        )
        .body(json::<PlanSeen>())
        .empty(204),
        route(
            "GET",
            "/young-people/{id}/plan",
            "plan_for_editing",
            SignedIn,
            "The newest plan version, for staff to edit.",
        )
        .ok(200, json::<PlanForEditing>()),
        route(
            "PUT",
            "/young-people/{id}/plan",
            "edit_plan",
            SignedIn,
            "Staff save the plan as a new version.",
        )
        .body(json::<PlanEdit>())
        .ok(200, json::<PlanSaved>()),
        route(
            "GET",
            "/young-people/{id}/plan/history",
            "plan_history",
            SignedIn,
            "Every plan version, who made it and what changed.",
        )
        .ok(200, list::<PlanVersionSummary>()),
        route(
            "GET",
            "/young-people/{id}/records",
            "records",
            SignedIn,
            "Everything stored about the young person, as JSON to download.",
        )
        .ok(200, json::<MyRecords>()),
        route(
            "GET",
            "/young-people/{id}/records/page",
            "records_page",
            SignedIn,
            "The same, as a page to read and print, in the language asked for.",
        )
        .lang_query()
        .also(&[400])
        .ok(200, html()),
        route(
            "POST",
            "/young-people/{id}/views",
            "add_view",
            SignedIn,
            "\"My view\", kept exactly as typed.",
        )
        .body(json::<NewView>())
        .ok(201, json::<MyView>()),
        route(
            "GET",
            "/young-people/{id}/goals",
            "goals",
            SignedIn,
            "Goals, their earlier words and ratings.",
        )
        .ok(200, json::<Goals>()),
        route(
            "POST",
            "/young-people/{id}/goals",
            "add_goal",
            SignedIn,
            "A new goal, kept exactly as typed.",
        )
        .body(json::<GoalDraft>())
        .ok(201, json::<Goals>()),
        route(
            "POST",
            "/young-people/{id}/goals/{goal_id}/words",
            "reword_goal",
            SignedIn,
            "The young person rewords a goal.",
        )
        .body(json::<GoalReword>())
        .ok(200, json::<Goals>()),
        route(
            "POST",
            "/young-people/{id}/goals/{goal_id}/status",
            "goal_status",
            SignedIn,
            "Achieved, paused, let go, or working on it again.",
        )
        .body(json::<GoalStatusChange>())
        .ok(200, json::<Goals>()),
        route(
            "POST",
            "/young-people/{id}/goal-ratings",
            "rate_goals",
            SignedIn,
            "One session's ratings; 200 for a repeat of the same client_id.",
        )
        .body(json::<SessionRatings>())
        .ok(201, json::<Goals>())
        .ok(200, json::<Goals>()),
        route(
            "POST",
            "/young-people/{id}/worker",
            "change_worker",
            SignedIn,
            "A manager changes the worker, saying why.",
        )
        .body(json::<NewWorker>())
        .empty(204),
        route(
            "GET",
            "/young-people/{id}/feedback",
            "feedback",
            SignedIn,
            "Sessions, feedback and the flag.",
        )
        .ok(200, json::<FeedbackOverview>()),
        route(
            "POST",
            "/young-people/{id}/feedback",
            "give_feedback",
            SignedIn,
            "The young person's own feedback; 200 for a repeat of the same client_id.",
        )
        .body(json::<NewFeedback>())
        .ok(201, json::<FeedbackOverview>())
        .ok(200, json::<FeedbackOverview>()),
        route(
            "POST",
            "/young-people/{id}/feedback/{feedback_id}/follow-ups",
            "add_follow_up",
            SignedIn,
            "What happened after feedback was given.",
        )
        .body(json::<NewFollowUp>())
        .ok(201, json::<FeedbackOverview>()),
        route(
            "POST",
            "/young-people/{id}/sessions",
            "record_session",
            SignedIn,
            "Staff record a session; 200 for a repeat of the same client_id.",
        )
        .body(json::<NewSession>())
        .ok(201, json::<FeedbackOverview>())
        .ok(200, json::<FeedbackOverview>()),
        route(
            "GET",
            "/feedback/team",
            "team_feedback",
            Staff,
            "The latest score and flag for each young person.",
        )
        .ok(200, list::<TeamFeedbackRow>()),
        route(
            "GET",
            "/young-people/{id}/concerns",
            "concerns",
            SignedIn,
            "The young person's concerns and replies.",
        )
        .ok(200, list::<Concern>()),
        route(
            "POST",
            "/young-people/{id}/concerns",
            "raise_concern",
            SignedIn,
            "The young person says something's wrong; 200 for a repeat of the same client_id.",
        )
        .body(json::<NewConcern>())
        .ok(201, json::<Concern>())
        .ok(200, json::<Concern>()),
        route(
            "GET",
            "/young-people/{id}/check-ins",
            "check_ins",
            SignedIn,
            "How the young person has been, oldest first.",
        )
        .ok(200, list::<CheckIn>()),
        route(
            "POST",
            "/young-people/{id}/check-ins",
            "check_in",
            SignedIn,
            "The young person says how they are; 200 for a repeat of the same client_id.",
        )
        .body(json::<NewCheckIn>())
        .ok(201, list::<CheckIn>())
        .ok(200, list::<CheckIn>()),
        route(
            "POST",
            "/young-people/{id}/check-ins/{check_in_id}/seen",
            "check_in_seen",
            SignedIn,
            "Staff have seen a \"Really bad\" check-in (and earlier ones): it leaves their list; 204.",
        )
        .empty(204),
        route(
            "GET",
            "/young-people/{id}/safety",
            "safety_flags",
            SignedIn,
            "The young person's safety flags.",
        )
        .ok(200, list::<SafetyFlag>()),
        route(
            "POST",
            "/young-people/{id}/safety",
            "raise_safety_flag",
            SignedIn,
            "\"I don't feel safe\"; 200 for a repeat of the same client_id.",
        )
        .body(json::<NewSafetyFlag>())
        .ok(201, json::<SafetyFlag>())
        .ok(200, json::<SafetyFlag>()),
        route(
            "GET",
            "/safety",
            "open_safety_flags",
            Staff,
            "Open safety flags, longest waiting first.",
        )
        .ok(200, list::<SafetyFlag>()),
        route(
            "POST",
            "/safety/{flag_id}/actions",
            "act_on_safety_flag",
            Staff,
            "Staff record what they did; the flag closes.",
        )
        .body(json::<NewSafetyAction>())
        .ok(200, json::<SafetyFlag>()),
        route(
            "GET",
            "/events",
            "events",
            Staff,
            "Server-Sent Events for staff screens: `safety-flag-raised` and \
             `safety-flag-closed`, each with the flag's and the young person's ids as JSON \
             data, only for young people the caller may see; then GET /safety again. A \
             comment line every 15 seconds keeps it open; the stream ends when the session \
             does.",
        )
        .ok(200, event_stream::<journey_core::push::SafetyFlagEvent>()),
        route(
            "GET",
            "/concerns",
            "team_concerns",
            Manager,
            "A manager's team's concerns, open and soonest due first.",
        )
        .ok(200, list::<Concern>()),
        route(
            "POST",
            "/concerns/{id}/reply",
            "reply_to_concern",
            Manager,
            "A manager answers a concern.",
        )
        .body(json::<NewConcernReply>())
        .ok(200, json::<Concern>()),
        route(
            "POST",
            "/concerns/{id}/next-stage",
            "ask_for_next_stage",
            SignedIn,
            "The young person whose concern it is isn't happy with the answer and asks for the \
             next stage; 200 for a repeat of the same client_id. Anyone else: 404.",
        )
        .body(json::<NextStage>())
        .ok(201, json::<Concern>())
        .ok(200, json::<Concern>()),
        route(
            "GET",
            "/help",
            "help",
            Public,
            "The organisation's help content; the built-in content in the language asked for.",
        )
        .lang_query()
        .also(&[400])
        .ok(200, json::<HelpPage>()),
        route(
            "PUT",
            "/help",
            "edit_help",
            Manager,
            "A manager replaces the help content, as a new version.",
        )
        .body(json::<HelpEdit>())
        .ok(200, json::<HelpPage>()),
        route(
            "GET",
            "/audit",
            "audit_log",
            Manager,
            "The newest audit entries for the manager's team.",
        )
        .ok(200, list::<AuditEntry>()),
    ]
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
        403 => "This account may not do this.",
        404 => "Not found, or not the caller's to see.",
        409 => "Clashes with what is stored (changed meanwhile, already done).",
        413 => "The body is larger than 64 KiB.",
        422 => "Fails validation; `fields` says which and why.",
        429 => "Too many attempts; wait 15 minutes.",
        _ => "Something went wrong on our side.",
    }
}

/// Builds the document from [`routes`].
pub fn document() -> OpenApi {
    let mut paths = Paths::new();
    let mut schemas: Vec<(String, RefOr<Schema>)> = named::<ErrorBody>();
    schemas.extend(named::<YoungPersonId>());
    for route in routes() {
        let mut op = OperationBuilder::new()
            .operation_id(Some(route.operation_id))
            .summary(Some(route.summary));
        for name in route.parameters() {
            let (schema, description) = parameter_schema(&route, name);
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
                     \"field\"?, \"fields\"?}}`.",
                ))
                .build(),
        )
        .paths(paths)
        .components(Some(components))
        .build()
}

/// The document as JSON, made once.
pub fn document_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| document().to_json().expect("the document is plain JSON"))
}
