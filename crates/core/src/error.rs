//! The JSON shape of every error the API sends, and the validation errors behind it.
//!
//! `{"error": {"code": "validation", "message": "…", "field": "…", "fields": [...]}}`

use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of problem it was. Each code has one HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    Validation,
    Unauthorised,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PayloadTooLarge,
    TooManyRequests,
    Internal,
    Unavailable,
}

impl ErrorCode {
    /// The HTTP status the API answers with for this code.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::BadRequest => 400,
            ErrorCode::Unauthorised => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::Conflict => 409,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::Validation => 422,
            ErrorCode::TooManyRequests => 429,
            ErrorCode::Internal => 500,
            ErrorCode::Unavailable => 503,
        }
    }
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// Plain words a young person or worker can act on.
    pub message: String,
    /// The first field at fault, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every field at fault, so a form can show each message next to its field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorBody {
            error: ErrorDetail {
                code,
                message: message.into(),
                field: None,
                fields: Vec::new(),
            },
        }
    }
}

/// One field's problem, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's path in the JSON input, e.g. `steps[2].what`.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// All the problems found in one input. Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(Vec<FieldError>);

impl ValidationErrors {
    /// `Ok(())` when nothing was found, so checks can end with `ValidationErrors::result(errors)`.
    pub fn result(errors: Vec<FieldError>) -> Result<(), ValidationErrors> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(errors))
        }
    }

    pub fn fields(&self) -> &[FieldError] {
        &self.0
    }

    /// The error body the API sends for these problems.
    pub fn to_body(&self) -> ErrorBody {
        let message = if self.0.len() == 1 {
            self.0[0].message.clone()
        } else {
            format!(
                "There are {} things to fix before this can be saved.",
                self.0.len()
            )
        };
        ErrorBody {
            error: ErrorDetail {
                code: ErrorCode::Validation,
                message,
                field: self.0.first().map(|e| e.field.clone()),
                fields: self.0.clone(),
            },
        }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        f.write_str(&messages.join("; "))
    }
}

impl std::error::Error for ValidationErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_body_has_the_documented_json_shape() {
        let body = ErrorBody::new(ErrorCode::NotFound, "We couldn't find that.");
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"error": {"code": "not_found", "message": "We couldn't find that."}})
        );
    }

    #[test]
    fn validation_errors_name_the_first_field_and_list_them_all() {
        let errors = ValidationErrors::result(vec![
            FieldError::new("reason", "Please write why there is a plan."),
            FieldError::new("steps[0].what", "Please write what will happen."),
        ])
        .unwrap_err();
        let body = errors.to_body();
        assert_eq!(body.error.code, ErrorCode::Validation);
        assert_eq!(body.error.field.as_deref(), Some("reason"));
        assert_eq!(body.error.fields.len(), 2);
        assert_eq!(
            body.error.message,
            "There are 2 things to fix before this can be saved."
        );
    }

    #[test]
    fn every_code_has_its_own_status() {
        assert_eq!(ErrorCode::Validation.status(), 422);
        assert_eq!(ErrorCode::NotFound.status(), 404);
        assert_eq!(ErrorCode::TooManyRequests.status(), 429);
    }

    #[test]
    fn no_problems_means_ok() {
        assert!(ValidationErrors::result(Vec::new()).is_ok());
    }
}
