//! The server's one error type. Every error leaves as the JSON body from `journey-core`
//! with its status; details of our own faults are logged, never sent.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use journey_core::i18n::words::Problem;
use journey_core::{ErrorBody, ErrorCode, FieldError, ValidationErrors};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound(Problem),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("bad request: {0:?} {1:?}")]
    BadRequest(Problem, Option<String>),
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
    /// A write sent by a page of another site (its `Origin` or `Sec-Fetch-Site` says so).
    #[error("sent from another site")]
    OtherSite,
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

impl ApiError {
    /// One field's problem, in words of its own (English: staff-only screens), as a
    /// validation error.
    pub fn field(field: &str, message: &str) -> ApiError {
        ApiError::one(FieldError::new(field, message))
    }

    /// One field's problem from the tables, as a validation error.
    pub fn problem(field: &str, which: Problem, params: &[(&str, &str)]) -> ApiError {
        ApiError::one(FieldError::problem(field, which, params))
    }

    fn one(error: FieldError) -> ApiError {
        ApiError::Validation(ValidationErrors::result(vec![error]).expect_err("one error given"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = match &self {
            ApiError::NotFound(which) => ErrorBody::problem(ErrorCode::NotFound, *which, &[]),
            ApiError::MethodNotAllowed => {
                ErrorBody::problem(ErrorCode::MethodNotAllowed, Problem::cant_do_here, &[])
            }
            ApiError::BadRequest(which, detail) => {
                let detail = detail.as_deref().map(|d| ("detail", d));
                ErrorBody::problem(ErrorCode::BadRequest, *which, detail.as_slice())
            }
            ApiError::Validation(errors) => errors.to_body(),
            ApiError::Conflict(field) => {
                let mut body = ErrorBody::new(ErrorCode::Conflict, field.message.clone());
                body.error.problem = field.code;
                body.error.params = field.params.clone();
                body.error.field = Some(field.field.clone());
                body.error.fields = vec![field.clone()];
                body
            }
            ApiError::SignedOut => {
                ErrorBody::problem(ErrorCode::Unauthorised, Problem::sign_in_to_see, &[])
            }
            ApiError::WrongPassword => {
                ErrorBody::problem(ErrorCode::Unauthorised, Problem::wrong_password, &[])
            }
            ApiError::Forbidden => {
                ErrorBody::problem(ErrorCode::Forbidden, Problem::not_for_you, &[])
            }
            ApiError::OtherSite => {
                ErrorBody::problem(ErrorCode::Forbidden, Problem::other_site, &[])
            }
            ApiError::TooLarge => {
                ErrorBody::problem(ErrorCode::PayloadTooLarge, Problem::too_much, &[])
            }
            ApiError::TooManyAttempts => {
                ErrorBody::problem(ErrorCode::TooManyRequests, Problem::too_many_tries, &[])
            }
            ApiError::Database(_) | ApiError::Corrupt(_) | ApiError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                ErrorBody::problem(ErrorCode::Internal, Problem::our_fault_server, &[])
            }
        };
        let status = StatusCode::from_u16(body.error.code.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(body)).into_response()
    }
}

/// A JSON body extractor whose rejections are our JSON errors, in plain words.
pub struct ApiJson<T>(pub T);

/// A body says nothing of who may send it.
impl<T> crate::access::Admits for ApiJson<T> {}

impl<T, S> axum::extract::FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::rejection::JsonRejection;
        if !is_json(req.headers()) {
            return Err(ApiError::BadRequest(Problem::send_json, None));
        }
        let bytes = match axum::body::Bytes::from_request(req, state).await {
            Ok(bytes) => bytes,
            Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(ApiError::TooLarge)
            }
            Err(_) => return Err(ApiError::BadRequest(Problem::unreadable, None)),
        };
        if has_null_character(&bytes) {
            return Err(ApiError::BadRequest(Problem::hidden_null, None));
        }
        match Json::<T>::from_bytes(&bytes) {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::BadRequest(
                Problem::not_right,
                Some(e.body_text()),
            )),
            Err(_) => Err(ApiError::BadRequest(Problem::not_json, None)),
        }
    }
}

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
