//! The JSON shape of every error the API sends, and the validation errors behind it.
//!
//! `{"error": {"code": "validation", "message": "…", "field": "…", "fields": [...]}}`

use crate::i18n::words::Problem;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
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
    /// Which message from the language tables `message` is, when it is one, so the app
    /// says it in the chosen language ([`ErrorDetail::words`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "known_problem"
    )]
    pub problem: Option<Problem>,
    /// The values for its `{placeholders}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

impl ErrorBody {
    /// An error in words of its own (English), not from the tables.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorBody {
            error: ErrorDetail {
                code,
                message: message.into(),
                field: None,
                fields: Vec::new(),
                problem: None,
                params: BTreeMap::new(),
            },
        }
    }

    /// An error whose words are one of the tables' messages.
    pub fn problem(code: ErrorCode, which: Problem, params: &[(&str, &str)]) -> Self {
        let said = FieldError::problem("", which, params);
        ErrorBody {
            error: ErrorDetail {
                code,
                message: said.message,
                field: None,
                fields: Vec::new(),
                problem: Some(which),
                params: said.params,
            },
        }
    }
}

impl ErrorDetail {
    /// The error's words in `lang`: from the tables when they are theirs, else as sent.
    pub fn words(&self, lang: Lang) -> String {
        match self.problem {
            Some(which) => crate::i18n::problem_words(lang, which, &self.params),
            None => self.message.clone(),
        }
    }
}

/// One field's problem. When it is one of the messages in the language tables, it
/// travels as that message's name and its values (`{"field": "words", "code":
/// "too_long", "params": {"what": "what you wrote", "max": "500", "len": "512"}}`), and
/// each side words it in its own language ([`FieldError::words`]); `message` is the same
/// in English, for anyone reading the API by hand and for the logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's path in the JSON input, e.g. `steps[2].what`.
    pub field: String,
    pub message: String,
    /// Which message, when it is one from the tables. A name this build doesn't know
    /// (from a newer server) is left out, and `message` is shown.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "known_problem"
    )]
    pub code: Option<Problem>,
    /// The values for the message's `{placeholders}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

impl FieldError {
    /// A problem in words of its own (in English), not from the tables.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
            code: None,
            params: BTreeMap::new(),
        }
    }

    /// One of the tables' messages, with its values. A `what` is the English name of what
    /// is asked for ("what you wrote"), said in the other language where the tables have
    /// it ([`crate::i18n::words::ProblemWords`]).
    pub fn problem(field: impl Into<String>, code: Problem, params: &[(&str, &str)]) -> Self {
        // Inserted one by one, not collected: collecting sorts first, and a sort is code
        // of its own for each kind of thing sorted (in the young person's first download).
        let mut kept = BTreeMap::new();
        for (name, value) in params {
            kept.insert((*name).to_owned(), (*value).to_owned());
        }
        let params = kept;
        FieldError {
            field: field.into(),
            message: crate::i18n::problem_words(Lang::En, code, &params),
            code: Some(code),
            params,
        }
    }

    /// The problem in `lang`: from the tables when it is one of theirs, else as sent.
    pub fn words(&self, lang: Lang) -> String {
        match self.code {
            Some(code) => crate::i18n::problem_words(lang, code, &self.params),
            None => self.message.clone(),
        }
    }
}

fn known_problem<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Problem>, D::Error> {
    let name: Option<String> = Option::deserialize(deserializer)?;
    Ok(name.as_deref().and_then(Problem::from_name))
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

    /// The error body the API sends for these problems: the one problem's words, or how
    /// many there are to fix.
    pub fn to_body(&self) -> ErrorBody {
        let mut body = match self.0.as_slice() {
            [one] => {
                let mut body = ErrorBody::new(ErrorCode::Validation, one.message.clone());
                body.error.problem = one.code;
                body.error.params = one.params.clone();
                body
            }
            many => ErrorBody::problem(
                ErrorCode::Validation,
                Problem::things_to_fix,
                &[("count", &many.len().to_string())],
            ),
        };
        body.error.field = self.0.first().map(|e| e.field.clone());
        body.error.fields = self.0.clone();
        body
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
impl ValidationErrors {
    /// The fields at fault, in order: what most tests of a check look at.
    pub(crate) fn field_names(&self) -> Vec<&str> {
        self.0.iter().map(|e| e.field.as_str()).collect()
    }
}

/// The fields at fault in a check's answer, in order; none when it passed.
#[cfg(test)]
pub(crate) fn fields_at_fault(result: Result<(), ValidationErrors>) -> Vec<String> {
    result
        .err()
        .map(|e| e.field_names().into_iter().map(String::from).collect())
        .unwrap_or_default()
}

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
