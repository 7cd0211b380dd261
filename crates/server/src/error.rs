//! The server's one error type. Every error leaves as the JSON body from `journey-core`
//! with its status; details of our own faults are logged, never sent.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use journey_core::{ErrorBody, ErrorCode, FieldError, ValidationErrors};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound(&'static str),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("invalid input: {0}")]
    Validation(#[from] ValidationErrors),
    #[error("conflict on {}", .0.field)]
    Conflict(FieldError),
    #[error("not signed in")]
    SignedOut,
    #[error("sign-in refused")]
    WrongPassword,
    #[error("forbidden")]
    Forbidden,
    #[error("request body too large")]
    TooLarge,
    #[error("too many attempts")]
    TooManyAttempts,
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored data could not be read: {0}")]
    Corrupt(#[from] serde_json::Error),
    #[error("internal: {0}")]
    Internal(&'static str),
}

const OUR_FAULT: &str = "Something went wrong on our side. Please try again in a minute.";

impl ApiError {
    /// One field's problem, as a validation error.
    pub fn field(field: &str, message: &str) -> ApiError {
        ApiError::Validation(
            ValidationErrors::result(vec![FieldError::new(field, message)])
                .expect_err("one error given"),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = match &self {
            ApiError::NotFound(message) => ErrorBody::new(ErrorCode::NotFound, *message),
            ApiError::MethodNotAllowed => {
                ErrorBody::new(ErrorCode::MethodNotAllowed, "That can't be done here.")
            }
            ApiError::BadRequest(message) => ErrorBody::new(ErrorCode::BadRequest, message.clone()),
            ApiError::Validation(errors) => errors.to_body(),
            ApiError::Conflict(field) => {
                let mut body = ErrorBody::new(ErrorCode::Conflict, field.message.clone());
                body.error.field = Some(field.field.clone());
                body.error.fields = vec![field.clone()];
                body
            }
            ApiError::SignedOut => {
                ErrorBody::new(ErrorCode::Unauthorised, "Please sign in to see this.")
            }
            ApiError::WrongPassword => ErrorBody::new(
                ErrorCode::Unauthorised,
                "That username and password don't match. Please check them and try again.",
            ),
            ApiError::Forbidden => ErrorBody::new(
                ErrorCode::Forbidden,
                "This part of the app isn't for your account.",
            ),
            ApiError::TooLarge => ErrorBody::new(
                ErrorCode::PayloadTooLarge,
                "That is too much to send at once. Please make it shorter.",
            ),
            ApiError::TooManyAttempts => ErrorBody::new(
                ErrorCode::TooManyRequests,
                "There have been too many tries. Please wait 15 minutes and try again, \
                 or ask your worker for help.",
            ),
            ApiError::Database(_) | ApiError::Corrupt(_) | ApiError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                ErrorBody::new(ErrorCode::Internal, OUR_FAULT)
            }
        };
        let status = StatusCode::from_u16(body.error.code.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(body)).into_response()
    }
}

/// A JSON body extractor whose rejections are our JSON errors, in plain words.
pub struct ApiJson<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::rejection::JsonRejection;
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::BadRequest(
                "Please send this as JSON (Content-Type: application/json).".into(),
            )),
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::BadRequest(format!(
                "Some of what was sent isn't right: {}",
                e.body_text()
            ))),
            Err(JsonRejection::BytesRejection(r)) if r.status().as_u16() == 413 => {
                Err(ApiError::TooLarge)
            }
            Err(JsonRejection::BytesRejection(_)) => Err(ApiError::BadRequest(
                "What was sent could not be read.".into(),
            )),
            Err(_) => Err(ApiError::BadRequest(
                "What was sent isn't valid JSON.".into(),
            )),
        }
    }
}
