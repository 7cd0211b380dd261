//! The server's one error type. Every error leaves as the JSON body from `journey-core`
//! with its status; details of our own faults are logged, never sent.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use journey_core::{ErrorBody, ErrorCode, ValidationErrors};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound(&'static str),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("invalid input: {0}")]
    Validation(#[from] ValidationErrors),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored data could not be read: {0}")]
    Corrupt(#[from] serde_json::Error),
}

const OUR_FAULT: &str = "Something went wrong on our side. Please try again in a minute.";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = match &self {
            ApiError::NotFound(message) => ErrorBody::new(ErrorCode::NotFound, *message),
            ApiError::MethodNotAllowed => {
                ErrorBody::new(ErrorCode::MethodNotAllowed, "That can't be done here.")
            }
            ApiError::Validation(errors) => errors.to_body(),
            ApiError::Database(_) | ApiError::Corrupt(_) => {
                tracing::error!(error = %self, "request failed");
                ErrorBody::new(ErrorCode::Internal, OUR_FAULT)
            }
        };
        let status = StatusCode::from_u16(body.error.code.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(body)).into_response()
    }
}
