//! Builds the app. `router(state)` is public so tests can drive it directly.

use crate::config::Config;
use crate::store::Store;
use crate::{api, demo};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
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
}

/// Opens the store (seeding the demo when asked) and returns the state the router needs.
pub async fn build_state(config: Config) -> Result<AppState, crate::error::ApiError> {
    let store = Store::open(&config.database).await?;
    if config.demo {
        demo::seed(&store).await?;
    }
    Ok(AppState {
        store,
        config: Arc::new(config),
    })
}

pub fn router(state: AppState) -> Router {
    let v1 = Router::new()
        .route("/health", get(api::health))
        .route("/young-people/{id}/journey", get(api::journey));
    let api = Router::new()
        .nest("/v1", v1)
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        // Personal data must not linger in caches.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    Router::new()
        .nest("/api", api)
        .fallback_service(client_files(&state.config.dist))
        .with_state(state)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
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

/// The built client. Paths that are not files get `index.html`, so the client's own
/// routes (`/goals`, `/help`…) load the app. Without a build, a page says how to make one.
fn client_files(dist: &std::path::Path) -> Router {
    let index = dist.join("index.html");
    if index.is_file() {
        Router::new().fallback_service(ServeDir::new(dist).fallback(ServeFile::new(index)))
    } else {
        tracing::warn!(dist = %dist.display(), "no built client found; serving a notice at /");
        Router::new().fallback(|| async {
            Html(
                "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>My Journey</title>\
                 <p>The My Journey app has not been built yet. Run <code>cargo xtask run</code> \
                 to build it and start the server.</p></html>",
            )
        })
    }
}

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn serve(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let addr = config.addr;
    let database = config.database.clone();
    let state = build_state(config).await?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    tracing::info!(database = %database.display(), "database ready");
    println!("My Journey is running at http://{local}/");
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
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
