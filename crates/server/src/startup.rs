//! Builds the app. `router(state)` is public so tests can drive it directly.

use crate::auth::{RateLimiter, RATE_WINDOW};
use crate::config::Config;
use crate::store::Store;
use crate::{api, client_files, demo};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Largest request body the API reads. Plans and feedback are small.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub sign_in_limiter: Arc<RateLimiter>,
}

/// Opens the store (seeding the demo when asked) and returns the state the router needs.
pub async fn build_state(config: Config) -> Result<AppState, crate::error::ApiError> {
    let mut store = Store::connect(&config.database).await?;
    store.safety_email = crate::safety_email::Policy::for_config(&config.safety_email);
    if config.demo {
        demo::seed(&store).await?;
    }
    Ok(AppState {
        sign_in_limiter: Arc::new(RateLimiter::new(store.clone(), RATE_WINDOW)),
        store,
        config: Arc::new(config),
    })
}

pub fn router(state: AppState) -> Router {
    let v1 = Router::new()
        .route("/openapi.json", get(api::openapi))
        .route("/health", get(api::health))
        .route("/me", get(api::me))
        .route("/auth/sign-in", post(api::sign_in))
        .route("/auth/sign-up", post(api::sign_up))
        .route("/auth/sign-out", post(api::sign_out))
        .route("/auth/password", post(api::change_password))
        .route("/auth/confirm", post(api::confirm_password))
        .route(
            "/young-people",
            get(api::young_people).post(api::add_young_person),
        )
        .route("/young-people/{id}/invite", post(api::new_invite))
        .route("/young-people/{id}/journey", get(api::journey))
        .route("/young-people/{id}/journey/seen", post(api::journey_seen))
        .route(
            "/young-people/{id}/plan",
            get(api::plan_for_editing).put(api::edit_plan),
        )
        .route("/young-people/{id}/plan/history", get(api::plan_history))
        .route("/young-people/{id}/records", get(api::records))
        .route("/young-people/{id}/records/page", get(api::records_page))
        .route("/young-people/{id}/views", post(api::add_view))
        .route(
            "/young-people/{id}/goals",
            get(api::goals).post(api::add_goal),
        )
        .route(
            "/young-people/{id}/goals/{goal_id}/words",
            post(api::reword_goal),
        )
        .route(
            "/young-people/{id}/goals/{goal_id}/status",
            post(api::goal_status),
        )
        .route("/young-people/{id}/goal-ratings", post(api::rate_goals))
        .route("/young-people/{id}/worker", post(api::change_worker))
        .route(
            "/young-people/{id}/feedback",
            get(api::feedback).post(api::give_feedback),
        )
        .route(
            "/young-people/{id}/feedback/{feedback_id}/follow-ups",
            post(api::add_follow_up),
        )
        .route("/young-people/{id}/sessions", post(api::record_session))
        .route("/feedback/team", get(api::team_feedback))
        .route(
            "/young-people/{id}/concerns",
            get(api::concerns).post(api::raise_concern),
        )
        .route(
            "/young-people/{id}/check-ins",
            get(api::check_ins).post(api::check_in),
        )
        .route(
            "/young-people/{id}/check-ins/{check_in_id}/seen",
            post(api::check_in_seen),
        )
        .route(
            "/young-people/{id}/safety",
            get(api::safety_flags).post(api::raise_safety_flag),
        )
        .route("/safety", get(api::open_safety_flags))
        .route("/safety/{flag_id}/actions", post(api::act_on_safety_flag))
        .route("/events", get(crate::events::stream))
        .route("/concerns", get(api::team_concerns))
        .route("/concerns/{id}/reply", post(api::reply_to_concern))
        .route("/concerns/{id}/next-stage", post(api::ask_for_next_stage))
        .route("/help", get(api::help).put(api::edit_help))
        .route("/audit", get(api::audit_log));
    let api = Router::new()
        .nest("/v1", v1)
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        // Personal data must not linger in caches.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let csp = client_files::content_security_policy(&state.config.dist);
    Router::new()
        .nest("/api", api)
        .fallback_service(client_files::router(&state.config.dist))
        .with_state(state)
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
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
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
        crate::config::Database::File(file) => Some(crate::backup::mark_in_use(file)?),
        crate::config::Database::Url(_) => None,
    };
    let state = build_state(config).await?;
    // Says plainly whether staff will be emailed about safety flags, then sends them.
    crate::safety_email::announce(&state.store, &state.config.safety_email).await?;
    let _sender =
        crate::safety_email::spawn_sender(state.store.clone(), state.config.safety_email.clone());
    // Safety flag events written by other servers on the same database (events.rs).
    crate::events::start_watcher(state.store.clone());
    let events = state.store.events().clone();
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    tracing::info!(%database, "database ready");
    println!("My Journey is running at http://{local}/");
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    // Open event streams end when asked to stop, or the shutdown would wait for them.
    .with_graceful_shutdown(crate::events::close_on(events, shutdown_signal()))
    .await?;
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
