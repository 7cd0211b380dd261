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
        if !is_json(req.headers()) {
            return Err(ApiError::BadRequest(
                "Please send this as JSON (Content-Type: application/json).".into(),
            ));
        }
        let bytes = match axum::body::Bytes::from_request(req, state).await {
            Ok(bytes) => bytes,
            Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(ApiError::TooLarge)
            }
            Err(_) => {
                return Err(ApiError::BadRequest(
                    "What was sent could not be read.".into(),
                ))
            }
        };
        if has_null_character(&bytes) {
            return Err(ApiError::BadRequest(NULL_CHARACTER.into()));
        }
        match Json::<T>::from_bytes(&bytes) {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::BadRequest(format!(
                "Some of what was sent isn't right: {}",
                e.body_text()
            ))),
            Err(_) => Err(ApiError::BadRequest(
                "What was sent isn't valid JSON.".into(),
            )),
        }
    }
}

const NULL_CHARACTER: &str = "Some of what was sent has a hidden \"null\" character (\\u0000) \
    that we can't keep. Nothing was saved. Please send it again without it.";

/// `application/json`, or any `application/…+json`, as axum's own `Json` accepts.
fn is_json(headers: &axum::http::HeaderMap) -> bool {
    let Some(value) = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// True when a JSON text has a `\u0000` escape in a string: the NUL character, which
/// PostgreSQL cannot store in text (and no one types). A literal backslash followed by
/// "u0000" (`\\u0000` in JSON) is ordinary text and is kept.
fn has_null_character(json: &[u8]) -> bool {
    let mut i = 0;
    while i < json.len() {
        if json[i] == b'\\' {
            if json[i + 1..].starts_with(b"u0000") {
                return true;
            }
            i += 2; // the escaped character, whatever it is
        } else {
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_characters_are_found_only_where_json_means_one() {
        assert!(has_null_character(br#"{"words": "a\u0000b"}"#));
        assert!(has_null_character(br#"["\u0000"]"#));
        assert!(!has_null_character(br#"{"words": "a\\u0000b"}"#));
        assert!(has_null_character(br#"{"words": "a\\\u0000b"}"#));
        assert!(!has_null_character(br#"{"words": "\u0001 and \"u0000\""}"#));
        assert!(!has_null_character(b"{\"w\": \"ends with a backslash \\"));
    }

    #[test]
    fn json_content_types_are_recognised() {
        let with = |value: &str| {
            let mut headers = axum::http::HeaderMap::new();
            headers.insert(axum::http::header::CONTENT_TYPE, value.parse().unwrap());
            is_json(&headers)
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(with("application/merge-patch+json"));
        assert!(!with("text/plain"));
        assert!(!with("application/jsonx"));
        assert!(!is_json(&axum::http::HeaderMap::new()));
    }
}
