//! A bare axum "Hello, world!" for `cargo xtask bench`: the same axum and tokio as
//! journey-server and one handler, nothing else. The API's throughput is shown beside it.
//!
//! `cargo run --release -p journey-server --example hello -- 127.0.0.1:8081`

use axum::{routing::get, Router};

#[tokio::main]
async fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8081".to_owned());
    let app = Router::new().route("/", get(|| async { "Hello, world!" }));
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .unwrap_or_else(|e| panic!("could not listen on {addr}: {e}"));
    axum::serve(listener, app).await.expect("serving");
}
