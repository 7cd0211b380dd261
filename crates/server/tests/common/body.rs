//! Reading a whole answer's body, for the API and client-file test programs.

use axum::body::Body;
use http_body_util::BodyExt;

/// All of a body's bytes, once it has ended.
pub async fn read_all(body: Body) -> Vec<u8> {
    body.collect().await.unwrap().to_bytes().to_vec()
}
