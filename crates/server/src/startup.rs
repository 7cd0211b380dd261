//! Builds the app: every feature's endpoints in one router under `/api/v1`, the OpenAPI
//! document made from the same list, the client's files, and the layers around them.
//! `router(state)` is public so tests can drive it directly.

use crate::accounts::limiter::{RateLimiter, RATE_WINDOW};
use crate::config::Config;
use crate::config::SafetyEmailPolicy;
use crate::connections::ConnectionLimits;
use crate::openapi::{endpoint, json, object, Endpoint, Route};
use crate::state::AppState;
use crate::store::Store;
use crate::{
    accounts, audit, client_files, concerns, error::ApiError, feedback, goals, good_news,
    heard_back, help, journey, records, review, safety, team,
};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderName, HeaderValue, Request, Response, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::{Json, Router};
use journey_core::i18n::words::Problem;
use journey_core::paths;
use journey_core::Health;
use std::sync::Arc;
use std::sync::OnceLock;
use std::time::Duration;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tracing::Instrument;

/// Largest request body the API reads. Plans and feedback are small.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// `Strict-Transport-Security` when cookies are secure: two years, as browsers' preload
/// lists ask; only this host (the organisation's other sites are not ours to bind).
pub const HSTS: &str = "max-age=63072000";
/// Nothing here uses the camera, the microphone or where the phone is, so no page
/// (nor anything it might be tricked into loading) may ask.
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=()";

/// Opens the store (seeding the demo when asked) and returns the state the router needs.
pub async fn build_state(config: Config) -> Result<AppState, crate::error::ApiError> {
    let mut store = Store::connect(&config.database).await?;
    store.safety_email = SafetyEmailPolicy::for_config(&config.safety_email);
    if config.demo {
        crate::demo::seed(&store, config.demo_team).await?;
    }
    Ok(AppState::new(crate::state::Shared {
        sign_in_limiter: Arc::new(RateLimiter::new(store.clone(), RATE_WINDOW)),
        store,
        config: Arc::new(config),
    }))
}

/// Every endpoint under `/api/v1`: this module's own, then each feature's.
pub fn endpoints() -> Vec<Endpoint> {
    let own = vec![
        endpoint!(get paths::OPENAPI, openapi, "This document.").ok(200, object()),
        endpoint!(get paths::HEALTH, health, "The server is up and its database answers.")
            .ok(200, json::<Health>()),
    ];
    [
        own,
        accounts::endpoints(),
        journey::endpoints(),
        records::endpoints(),
        goals::endpoints(),
        feedback::endpoints(),
        concerns::endpoints(),
        safety::endpoints(),
        good_news::endpoints(),
        review::endpoints(),
        help::endpoints(),
        heard_back::endpoints(),
        audit::endpoints(),
        team::endpoints(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Every route under `/api/v1`, as the OpenAPI document describes it.
pub fn routes() -> Vec<Route> {
    endpoints().into_iter().map(|e| e.route).collect()
}

/// The OpenAPI document as JSON, made once.
pub fn document_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        crate::openapi::document(&routes())
            .to_json()
            .expect("the document is plain JSON")
    })
}

/// `GET /api/v1/openapi.json`: the OpenAPI 3 document describing this API.
async fn openapi() -> impl axum::response::IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        document_json(),
    )
}

/// `GET /api/v1/health`: the server is up and its database answers.
async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.store.ping().await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        safety_email: if state.config.safety_email.is_on() {
            journey_core::SafetyEmail::On
        } else {
            journey_core::SafetyEmail::Off
        },
    }))
}

/// A request slower than this is logged as a warning, with the endpoint's name.
const SLOW_REQUEST: Duration = Duration::from_millis(500);

/// Each endpoint's requests run in a span named by its operation id, so what a request
/// did (the wait for the write lock, each query: sqlx logs them at debug, with their
/// time) is told under its name, and a slow one is a warning.
/// `RUST_LOG=journey_server=debug,sqlx=debug` shows where each request's time went.
async fn timed(operation: &'static str, request: Request<Body>, next: Next) -> Response<Body> {
    let span = tracing::debug_span!("endpoint", operation, method = %request.method());
    let started = std::time::Instant::now();
    let response = next.run(request).instrument(span).await;
    let took = started.elapsed();
    let (status, ms) = (response.status().as_u16(), took.as_millis() as u64);
    if took >= SLOW_REQUEST {
        tracing::warn!(operation, status, ms, "slow request");
    } else {
        tracing::debug!(operation, status, ms, "answered");
    }
    response
}

/// Anything under `/api` that is not a route.
async fn not_found() -> ApiError {
    ApiError::NotFound(Problem::nothing_here)
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

pub fn router(state: AppState) -> Router {
    let v1 = endpoints()
        .into_iter()
        .fold(Router::new(), |router, endpoint| {
            let operation = endpoint.route.operation_id;
            let timed = from_fn(move |request, next| timed(operation, request, next));
            router.route(endpoint.route.path, endpoint.handler.layer(timed))
        });
    let api = Router::new()
        .nest("/v1", v1)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // Personal data must not linger in caches.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let csp = client_files::content_security_policy(&state.config.dist);
    // Behind TLS (secure cookies), browsers are told to come back only over https.
    let hsts = state
        .config
        .secure_cookies
        .then(|| HeaderValue::from_static(HSTS));
    let same_site_writes = from_fn_with_state(state.clone(), crate::web::same_site_writes);
    Router::new()
        .nest("/api", api)
        .fallback_service(client_files::router(&state.config.dist))
        .with_state(state)
        .layer(same_site_writes)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        // Compresses API answers as they go. The client's files already have brotli and
        // gzip copies, sent with `Content-Encoding`, which this layer never compresses
        // again; it only steps in for a file built without them. Fonts are compressed
        // already.
        .layer(
            CompressionLayer::new()
                .compress_when(DefaultPredicate::new().and(NotForContentType::const_new("font/"))),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        // The records page sends a policy of its own (records::page).
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            hsts,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(TraceLayer::new_for_http())
}

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn serve(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let addr = config.addr;
    let database = config.database.clone();
    // Held until the server stops, so a restore cannot swap the file underneath it.
    let _in_use = match &database {
        crate::store::database::Database::File(file) => Some(crate::backup::mark_in_use(file)?),
        crate::store::database::Database::Url(_) => None,
    };
    let state = build_state(config).await?;
    // Says plainly whether staff will be emailed about safety flags, then sends them.
    crate::safety::email::announce(&state.store, &state.config.safety_email).await?;
    // Concerns waiting with no one who can read them, and whether there is an officer.
    crate::concerns::store::announce(&state.store).await?;
    let _sender =
        crate::safety::email::spawn_sender(state.store.clone(), state.config.safety_email.clone());
    // Safety flag events written by other servers on the same database (safety/events.rs).
    crate::safety::events::start_watcher(state.store.clone());
    let events = state.store.events().clone();
    let limits = ConnectionLimits::from_env(|name| std::env::var(name).ok())?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    tracing::info!(%database, "database ready");
    println!("My Journey is running at http://{local}/");
    crate::connections::serve(
        listener,
        router(state),
        limits,
        // Open event streams end when asked to stop, or the shutdown would wait for them.
        crate::safety::events::close_on(events, shutdown_signal()),
    )
    .await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
