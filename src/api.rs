//! The one typed client of the JSON API. Pages call these functions; nothing else fetches.

use gloo_net::http::Request;
use journey_core::{ErrorBody, ErrorCode, Journey};
use serde::de::DeserializeOwned;

/// Why a request did not give us what we asked for, in terms a page can explain kindly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiFailure {
    /// The request never reached us: no signal, or the server is down.
    Unreachable,
    /// The server answered that there is no such thing.
    NotFound,
    /// Something went wrong on our side; the message is for the person.
    Server(String),
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    let response = Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiFailure::Unreachable)?;
    if response.ok() {
        return response
            .json::<T>()
            .await
            .map_err(|_| ApiFailure::Server(String::new()));
    }
    let error = response.json::<ErrorBody>().await.ok();
    Err(match error {
        Some(body) if body.error.code == ErrorCode::NotFound => ApiFailure::NotFound,
        Some(body) => ApiFailure::Server(body.error.message),
        None => ApiFailure::Server(String::new()),
    })
}

/// The young person's plan and worker.
pub async fn journey(young_person_id: &str) -> Result<Journey, ApiFailure> {
    get_json(&format!("/api/v1/young-people/{young_person_id}/journey")).await
}
