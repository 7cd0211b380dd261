//! Taking connections: at most so many at once, and none kept open by a client that
//! sends nothing. A connection must send a whole request head within the header
//! timeout, whether it has just opened (a silent or slow-header socket) or has been
//! kept alive after an answer (an idle one); otherwise it is closed. An answer being
//! sent is never cut short by this: the safety event stream sends on for as long as it
//! is open.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

/// How long a connection may take to send a request's head, from opening or from its
/// last answer.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections open at once. Each young person's phone keeps one or two (the event
/// stream, a request); more wait in the system's queue until one closes.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    pub header_timeout: Duration,
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }
}

impl ConnectionLimits {
    /// `JOURNEY_HEADER_TIMEOUT` (a time such as `10s` or `500ms`) and
    /// `JOURNEY_MAX_CONNECTIONS` (a number), when set; the defaults otherwise.
    pub fn from_env(env: impl Fn(&str) -> Option<String>) -> Result<ConnectionLimits, String> {
        let mut limits = ConnectionLimits::default();
        if let Some(text) = env("JOURNEY_HEADER_TIMEOUT").filter(|t| !t.trim().is_empty()) {
            limits.header_timeout = crate::config::parse_duration(&text).ok_or_else(|| {
                format!("JOURNEY_HEADER_TIMEOUT must be a time such as 10s or 500ms, not {text:?}")
            })?;
        }
        if let Some(text) = env("JOURNEY_MAX_CONNECTIONS").filter(|t| !t.trim().is_empty()) {
            limits.max_connections =
                text.trim().parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("JOURNEY_MAX_CONNECTIONS must be a number such as 1024, not {text:?}")
                })?;
        }
        Ok(limits)
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then lets each open
/// connection finish its answer and waits for them all. Each request carries its
/// peer's address (`ConnectInfo<SocketAddr>`), as `axum::serve` gives it.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    // Tells each connection to finish; each holds a `done` receiver until it has.
    let (stop, stopping) = watch::channel(());
    let (done, not_done) = watch::channel(());
    let mut shutdown = pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file handles, or a connection reset before it was taken:
                    // wait a moment rather than spin.
                    tracing::warn!(%error, "could not take a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let mut stopping = stopping.clone();
        let not_done = not_done.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                let mut request = request.map(Body::new);
                request.extensions_mut().insert(ConnectInfo(peer));
                router.clone().oneshot(request)
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .keep_alive(true);
            let mut connection = pin!(builder
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades());
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(%peer, %error, "connection ended");
                    }
                }
                _ = stopping.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(permit);
            drop(not_done);
        });
    }
    drop(listener);
    drop(stopping);
    let _ = stop.send(());
    drop(not_done);
    done.closed().await;
}
